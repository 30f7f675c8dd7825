#include "api/WatchStreamWebSocket.h"

#include "api/NetworkPool.h"

#include <QSslError>
#include <QWebSocket>

namespace acp::api {

WatchStreamWebSocket::WatchStreamWebSocket(const KubeClient &client, QObject *parent) : WatchStream(client, parent) {}

WatchStreamWebSocket::~WatchStreamWebSocket() { closeTransport(); }

void WatchStreamWebSocket::open(const QUrl &httpUrl, const Credentials &credentials)
{
    QUrl url = httpUrl;
    url.setScheme(httpUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    auto prepared = m_client.prepareRequest(url, credentials, QByteArray());
    if (!prepared) {
        finish(prepared.error());
        return;
    }
    auto proxy = NetworkPool::proxyFor(m_client.config().proxyUrl, httpUrl);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    if (proxy)
        m_socket->setProxy(*proxy);
    if (url.scheme() == QLatin1String("wss"))
        m_socket->setSslConfiguration(prepared->sslConfiguration());
    if (m_client.config().insecureSkipTlsVerify)
        connect(m_socket, &QWebSocket::sslErrors, m_socket, [s = m_socket.data()](const QList<QSslError> &) { s->ignoreSslErrors(); });
    connect(m_socket, &QWebSocket::connected, this, [this] { m_connected = true; });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        deliverFrames({message.toUtf8()});
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
        // channel-prefixed (v4.channel.k8s.io style: 3 = error) or a plain JSON event
        if (!message.isEmpty() && message.at(0) < ' ')
            deliverFrames({message.mid(1)});
        else
            deliverFrames({message});
    });
    connect(m_socket, &QWebSocket::disconnected, this, &WatchStreamWebSocket::onDisconnected);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, &WatchStreamWebSocket::onError);
    m_socket->open(*prepared);
}

void WatchStreamWebSocket::closeTransport()
{
    if (!m_socket)
        return;
    QWebSocket *s = m_socket;
    m_socket = nullptr;
    s->disconnect(this);
    s->abort();
    s->deleteLater();
}

void WatchStreamWebSocket::onDisconnected()
{
    if (!m_socket)
        return;
    const auto code = m_socket->closeCode();
    const QString reason = m_socket->closeReason();
    const bool clean = m_connected && (code == QWebSocketProtocol::CloseCodeNormal || code == QWebSocketProtocol::CloseCodeGoingAway);
    closeTransport();
    if (clean) {
        finish(std::nullopt);
        return;
    }
    if (!m_connected) {
        finish(transportError(reason.isEmpty() ? QStringLiteral("WebSocket handshake failed") : reason));
        return;
    }
    if (reason.contains(QLatin1String("Unauthorized"))) {
        finish(ApiError{401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")});
        return;
    }
    finish(transportError(QStringLiteral("connection closed (%1%2)").arg(int(code)).arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason)));
}

void WatchStreamWebSocket::onError(QAbstractSocket::SocketError)
{
    if (!m_socket)
        return;
    const QString text = m_socket->errorString();
    const bool wasConnected = m_connected;
    closeTransport();
    // A connection dropped mid-stream is a transport error too (re-watch from the last version).
    finish(transportError(wasConnected ? QStringLiteral("connection lost: ") + text : text));
}

} // namespace acp::api
