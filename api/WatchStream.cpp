#include "api/WatchStream.h"

#include "api/WatchStreamHttp.h"
#include "api/WatchStreamWebSocket.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace acp::api {

WatchStream::WatchStream(const KubeClient &client, QObject *parent) : QObject(parent), m_client(client) {}

WatchTransport WatchStream::chooseTransport(const RestConfig &config)
{
    if (!config.tlsServerName.isEmpty())
        return WatchTransport::Http;
    const QString proxyScheme = config.proxyUrl.scheme().toLower();
    if (proxyScheme == QLatin1String("http") || proxyScheme == QLatin1String("https"))
        return WatchTransport::Http;
    return WatchTransport::WebSocket;
}

WatchStream *WatchStream::create(const KubeClient &client, WatchTransport transport, QObject *parent)
{
    if (transport == WatchTransport::Auto)
        transport = chooseTransport(client.config());
    if (transport == WatchTransport::Http)
        return new WatchStreamHttp(client, parent);
    return new WatchStreamWebSocket(client, parent);
}

QUrlQuery WatchStream::watchQuery(const QString &resourceVersion, const WatchOptions &options)
{
    ListOptions lo;
    lo.labelSelector = options.labelSelector;
    lo.fieldSelector = options.fieldSelector;
    lo.resourceVersion = resourceVersion;
    lo.timeoutSeconds = options.timeoutSeconds;
    QUrlQuery q = lo.toQuery();
    q.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
    if (options.allowWatchBookmarks)
        q.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    return q;
}

void WatchStream::start(const QString &path, const QString &resourceVersion, const WatchOptions &options)
{
    if (m_running || m_finished)
        return;
    m_running = true;
    m_url = m_client.url(path, watchQuery(resourceVersion, options));
    m_client.credentials(false, this, [this](const Result<Credentials> &creds) {
        if (!m_running || m_finished)
            return;
        if (!creds) {
            ApiError e = creds.error();
            e.cluster = m_client.clusterName();
            // never inside start(): report from the event loop
            QMetaObject::invokeMethod(this, [this, e] { finish(e); }, Qt::QueuedConnection);
            return;
        }
        open(m_url, *creds);
    });
}

bool WatchStream::isErrorFrame(const QByteArray &frame, ApiError *error)
{
    // kube-apiserver writes {"type":"ERROR","object":{Status}}; a bare Status (no "type") is an
    // error answer to the watch request itself. Only these small frames are parsed.
    const QByteArray head = frame.left(48);
    const bool errorEvent = head.contains("\"ERROR\"");
    const bool event = head.contains("\"type\"");
    if (!errorEvent && event)
        return false;
    const QJsonObject obj = QJsonDocument::fromJson(frame).object();
    QJsonObject status;
    if (obj.value(QLatin1String("type")).toString() == QLatin1String("ERROR"))
        status = obj.value(QLatin1String("object")).toObject();
    else if (obj.value(QLatin1String("kind")).toString() == QLatin1String("Status"))
        status = obj;
    else
        return false;
    *error = ApiError::fromStatus(status);
    if (error->message.isEmpty())
        error->message = QStringLiteral("watch ended with an error event");
    return true;
}

bool WatchStream::deliverFrames(QByteArrayList frames)
{
    QByteArrayList batch;
    batch.reserve(frames.size());
    for (QByteArray &f : frames) {
        f = f.trimmed();
        if (f.isEmpty())
            continue;
        ApiError e;
        if (isErrorFrame(f, &e)) {
            if (!batch.isEmpty())
                Q_EMIT events(batch);
            e.cluster = m_client.clusterName();
            closeTransport();
            finish(e);
            return false;
        }
        batch << f;
    }
    if (!batch.isEmpty())
        Q_EMIT events(batch);
    return true;
}

void WatchStream::stop()
{
    m_finished = true;
    m_running = false;
    closeTransport();
}

void WatchStream::finish(const std::optional<ApiError> &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    std::optional<ApiError> e = error;
    if (e && e->cluster.isEmpty())
        e->cluster = m_client.clusterName();
    if (e && e->isUnauthorized() && m_client.canRefreshCredentials())
        m_client.credentials(true, this, [](const Result<Credentials> &) {});   // the next watch uses fresh ones
    Q_EMIT finished(e);
}

ApiError WatchStream::transportError(const QString &what) const
{
    ApiError e;
    e.message = QStringLiteral("watch %1: %2").arg(m_url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), what);
    e.cluster = m_client.clusterName();
    return e;
}

} // namespace acp::api
