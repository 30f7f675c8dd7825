#pragma once
// KubeWatch: one watch stream, over HTTP chunked JSON lines or a WebSocket, with
// kube-apiserver's semantics: resourceVersion unset/"0" (synthetic ADDED events first) or a
// version (events after it; 410 Gone ERROR event when it left the history window), label and
// field selectors (objects moving out of the selection are sent as DELETED), BOOKMARK events,
// timeoutSeconds and Table-formatted objects. Lives until the client leaves or the stream ends.
#include "sandbox/KubeApi.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QTimer;
class QWebSocket;

namespace acp::sandbox {

class KubeWatch : public QObject {
    Q_OBJECT
public:
    struct Sink {
        std::function<void(const QByteArray &frame)> write;
        std::function<void()> end;
        std::function<bool()> isOpen;
    };

    // Validates the request and starts streaming (or answers with an error).
    static void start(KubeApi *api, const HttpRequest &req, const std::shared_ptr<HttpResponder> &out,
                      const RequestInfo &info, const UserInfo &user);
    static void startWebSocket(KubeApi *api, QWebSocket *ws, const HttpRequest &req, const RequestInfo &info);

    ~KubeWatch() override;

private:
    KubeWatch(KubeApi *api, const RequestInfo &info, Sink sink, QObject *parent);
    bool configure(const HttpRequest &req, api::ApiError *error);
    void begin(const HttpRequest &req);
    void onEvent(const StoreEvent &ev);
    void send(const char *type, const QJsonObject &obj, const QByteArray &json);
    void sendBookmark();
    void finish();
    bool matches(const QJsonObject &obj) const;

    KubeApi *m_api;
    RequestInfo m_info;
    Sink m_sink;
    std::function<bool(const QJsonObject &)> m_filter;
    QString m_storageKey;
    int m_watcherId = 0;
    bool m_table = false;
    bool m_finished = false;
    QTimer *m_bookmarks = nullptr;
    QTimer *m_timeout = nullptr;
    std::shared_ptr<HttpResponder> m_responder;   // HTTP streams: kept alive by the session
    HttpRequest m_request;   // kept for Table rendering (Accept, includeObject)
};

} // namespace acp::sandbox
