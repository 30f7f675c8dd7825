#include "api/WatchStreamHttp.h"

#include "api/NetworkPool.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace acp::api {

WatchStreamHttp::WatchStreamHttp(const KubeClient &client, QObject *parent) : WatchStream(client, parent)
{
    // A pool of its own (same identity + "|watch"): long-lived streams never take the REST
    // calls' HTTP/1.1 connections; over HTTP/2 all watches of a client share one connection.
    auto proxy = NetworkPool::proxyFor(client.config().proxyUrl, client.config().server);
    m_nam = NetworkPool::manager(NetworkPool::poolKey(client.config()) + QStringLiteral("|watch"),
                                 proxy ? *proxy : QNetworkProxy(QNetworkProxy::NoProxy));
}

WatchStreamHttp::~WatchStreamHttp() { closeTransport(); }

void WatchStreamHttp::open(const QUrl &url, const Credentials &credentials)
{
    auto prepared = m_client.prepareRequest(url, credentials);
    if (!prepared) {
        finish(prepared.error());
        return;
    }
    QNetworkRequest req = *prepared;
    req.setTransferTimeout(0);
    m_reply = m_nam->get(req);
    if (m_client.config().insecureSkipTlsVerify)
        connect(m_reply, &QNetworkReply::sslErrors, m_reply, [r = m_reply.data()](const QList<QSslError> &) { r->ignoreSslErrors(); });
    connect(m_reply, &QNetworkReply::readyRead, this, &WatchStreamHttp::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &WatchStreamHttp::onFinished);
}

void WatchStreamHttp::closeTransport()
{
    if (!m_reply)
        return;
    QNetworkReply *r = m_reply;
    m_reply = nullptr;
    r->disconnect(this);
    r->abort();
    r->deleteLater();
}

void WatchStreamHttp::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_status == 0)
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_buffer += m_reply->readAll();
    if (m_status >= 300)
        return;   // an error body: decoded when the reply finishes
    const qsizetype lastNewline = m_buffer.lastIndexOf('\n');
    if (lastNewline < 0)
        return;
    QByteArrayList frames = m_buffer.left(lastNewline).split('\n');
    m_buffer.remove(0, lastNewline + 1);
    deliverFrames(std::move(frames));
}

void WatchStreamHttp::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    onReadyRead();
    if (!m_reply)
        return;   // an error frame ended the stream
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300) {
        const QJsonObject obj = QJsonDocument::fromJson(m_buffer).object();
        ApiError e = obj.value(QLatin1String("kind")).toString() == QLatin1String("Status")
            ? ApiError::fromStatus(obj, status)
            : ApiError{status, QString(), QStringLiteral("watch failed: HTTP %1 %2").arg(status).arg(QString::fromUtf8(m_buffer.left(256)).trimmed())};
        finish(e);
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        finish(transportError(reply->errorString()));
        return;
    }
    if (!m_buffer.trimmed().isEmpty() && !deliverFrames({m_buffer}))
        return;
    finish(std::nullopt);
}

} // namespace acp::api
