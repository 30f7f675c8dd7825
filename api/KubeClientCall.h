#pragma once
// KubeClientCall: one request of a KubeClient with its retries (internal to KubeClient*.cpp).
// Lives on the client's thread; deletes itself after delivering or when cancelled. The callback
// runs at most once, never after cancel() or the context's destruction.
#include "api/KubeClient.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace acp::api {

class KubeClientCall : public QObject {
    Q_OBJECT
public:
    KubeClientCall(KubeClient client, QByteArray method, QString path, QUrlQuery query, QByteArray body, QByteArray contentType,
                   KubeClient::RequestOptions options, QObject *context, ResponseCallback callback);
    ~KubeClientCall() override;

    // Starts later (queued), so the callback never runs inside the caller's call.
    static RequestHandle launch(KubeClientCall *call);

    void cancel();
    bool isActive() const { return !m_done; }

private:
    void begin(bool refreshCredentials);
    void send(const Credentials &credentials);
    void onFinished();
    void onTimeout();
    bool retryAfterFailure(int status, const QByteArray &retryAfter, QNetworkReply::NetworkError error);
    ApiError errorFor(int status, const QByteArray &body, QNetworkReply *reply) const;
    void deliver(const Result<Response> &result);

    KubeClient m_client;
    QByteArray m_method;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_body;
    QByteArray m_contentType;
    KubeClient::RequestOptions m_options;
    QPointer<QObject> m_context;
    ResponseCallback m_callback;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QTimer m_retryTimer;
    QStringList m_warnings;
    int m_attempt = 0;
    bool m_refreshed = false;
    bool m_timedOut = false;
    bool m_done = false;
};

} // namespace acp::api
