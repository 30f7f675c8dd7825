#pragma once
// WatchStream: one Kubernetes watch (GET ...?watch=true) behind one interface, over either
//   - HTTP chunked (WatchStreamHttp): newline-delimited JSON events on a QNetworkReply from the
//     client's pooled manager. HTTP/1.1 allows ~6 connections per host, so use it for few
//     streams, HTTP/2 servers, or where WebSocket is not available.
//   - WebSocket (WatchStreamWebSocket): one text message per event, bearer token and
//     impersonation headers on the handshake, one connection per stream (hundreds of
//     concurrent watches are fine).
// create(Auto) picks WebSocket unless the config sets tls-server-name (QWebSocket cannot
// override the verification name) or an HTTP proxy (which may not pass upgrades).
//
// Contract (both transports):
// - start() once. events() delivers raw event frames (one JSON object per element, trimmed,
//   in arrival order: ADDED, MODIFIED, DELETED, BOOKMARK), a batch per network read. Frames are
//   not parsed here (consumers decode them on workers); only a closing ERROR event or a bare
//   Status object is recognised (prefix check) and decoded.
// - finished(error) exactly once when the stream ends: std::nullopt on a clean end (EOF,
//   server timeout: re-watch from the last resourceVersion), else the ApiError: the ERROR
//   event's Status (410 Expired/Gone: relist), the HTTP error status, or a transport error
//   (httpStatus 0). ERROR frames are not delivered through events().
// - stop() or destroying the object ends the stream silently (no finished()). Delete a stream
//   from a slot of its own signals with deleteLater().
// Thread: the client's thread (GUI thread in the console).
#include "api/KubeClient.h"

#include <QByteArrayList>
#include <QObject>
#include <optional>

namespace acp::api {

struct WatchOptions {
    QString labelSelector;
    QString fieldSelector;
    bool allowWatchBookmarks = true;
    int timeoutSeconds = 0;          // 0 = the server's default
};

enum class WatchTransport { Auto, WebSocket, Http };

class WatchStream : public QObject {
    Q_OBJECT
public:
    // A stream for `client` (not started). Auto: see above.
    static WatchStream *create(const KubeClient &client, WatchTransport transport = WatchTransport::Auto, QObject *parent = nullptr);
    static WatchTransport chooseTransport(const RestConfig &config);

    // `path`: the collection path below the server prefix (ResourcePath::toString()).
    // resourceVersion "" or "0": the server first sends the current objects as ADDED.
    void start(const QString &path, const QString &resourceVersion, const WatchOptions &options = WatchOptions());
    void start(const ResourcePath &collection, const QString &resourceVersion, const WatchOptions &options = WatchOptions())
    {
        start(collection.toString(), resourceVersion, options);
    }
    // Ends the stream silently: no finished() afterwards. Idempotent.
    void stop();
    virtual WatchTransport transport() const = 0;
    bool isRunning() const { return m_running; }
    QUrl url() const { return m_url; }
    const KubeClient &client() const { return m_client; }

    // The query of a watch request.
    static QUrlQuery watchQuery(const QString &resourceVersion, const WatchOptions &options);
    // Classifies one trimmed frame: true when it is an ERROR event or a bare Status object
    // (then *error is its Status decoded).
    static bool isErrorFrame(const QByteArray &frame, ApiError *error);

Q_SIGNALS:
    void events(const QByteArrayList &frames);
    void finished(const std::optional<acp::api::ApiError> &error);

protected:
    WatchStream(const KubeClient &client, QObject *parent);
    virtual void open(const QUrl &url, const Credentials &credentials) = 0;
    virtual void closeTransport() = 0;   // abort the connection without signals
    // Splits and emits; returns false once an error frame ended the stream (finish() called).
    bool deliverFrames(QByteArrayList frames);
    void finish(const std::optional<ApiError> &error);   // once; emits finished()
    ApiError transportError(const QString &what) const;

    KubeClient m_client;
    QUrl m_url;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace acp::api
