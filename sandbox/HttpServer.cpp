#include "sandbox/HttpServer.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

namespace acp::sandbox {

namespace {

constexpr qint64 kMaxHeaderBytes = 1024 * 1024;
constexpr qint64 kMaxDrain = 64 * 1024 * 1024;   // a rejected body is read and dropped up to this size

// Per-connection parser state, owned by the socket (deleted with it).
struct Connection : QObject {
    QTcpSocket *socket = nullptr;
    std::shared_ptr<HttpResponder> active;   // the response in progress, if any
    bool busy = false;
    qint64 discard = 0;   // bytes of a rejected body still to read and drop before closing
    bool drainChunked = false;   // a rejected chunked body: drop until its last chunk (or kMaxDrain)
    qint64 drained = 0;
    QByteArray tail;             // the last bytes dropped, to find the last chunk across reads
};

// Reads and drops what is left of a rejected body; closes once it is all read.
void drainRejectedBody(Connection *conn)
{
    QTcpSocket *socket = conn->socket;
    if (conn->drainChunked) {
        const QByteArray data = socket->readAll();
        conn->drained += data.size();
        const QByteArray window = conn->tail + data;
        conn->tail = window.right(7);
        if (window.contains("\r\n0\r\n\r\n") || window.startsWith("0\r\n\r\n") || conn->drained > kMaxDrain)
            socket->disconnectFromHost();
        return;
    }
    conn->discard -= socket->read(qMin(conn->discard, socket->bytesAvailable())).size();
    if (conn->discard <= 0)
        socket->disconnectFromHost();
}

enum class ChunkedParse { Complete, Incomplete, Malformed };

// Decodes a chunked body starting at `start`; `declared` gets the sum of the chunk sizes seen so
// far (also when incomplete), so an oversized upload is recognised before it has all arrived.
ChunkedParse parseChunked(const QByteArray &data, qsizetype start, QByteArray *body, qsizetype *consumed, qint64 *declared)
{
    qsizetype pos = start;
    QByteArray out;
    *declared = 0;
    for (;;) {
        const qsizetype eol = data.indexOf("\r\n", pos);
        if (eol < 0)
            return data.size() - pos > 1024 ? ChunkedParse::Malformed : ChunkedParse::Incomplete;
        bool ok = false;
        QByteArray sizeField = data.mid(pos, eol - pos);
        const qsizetype semi = sizeField.indexOf(';');
        if (semi >= 0)
            sizeField.truncate(semi);
        const qint64 size = sizeField.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return ChunkedParse::Malformed;
        *declared += size;
        pos = eol + 2;
        if (size == 0) {
            // trailers until an empty line
            const qsizetype end = data.indexOf("\r\n", pos);
            if (end < 0)
                return ChunkedParse::Incomplete;
            pos = end + 2;
            *body = out;
            *consumed = pos;
            return ChunkedParse::Complete;
        }
        if (data.size() < pos + size + 2)
            return ChunkedParse::Incomplete;
        out += data.mid(pos, size);
        pos += size + 2;
    }
}

// kube-apiserver's Status for a body over the limit.
const QByteArray kTooLargeStatus =
    R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server has rejected the request because the request body is too large","reason":"RequestEntityTooLarge","code":413})";

} // namespace

QString HttpRequest::queryValue(const char *name) const
{
    return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

// ---------------------------------------------------------------------------------------------
HttpResponder::HttpResponder(QTcpSocket *socket, bool keepAlive, QObject *parent)
    : QObject(parent), m_socket(socket), m_keepAlive(keepAlive)
{
    if (socket) {
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            if (!m_finished)
                Q_EMIT closed();
        });
    }
}

HttpResponder::~HttpResponder() = default;

bool HttpResponder::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && !m_finished;
}

QByteArray HttpResponder::reasonPhrase(int status)
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Request Entity Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

void HttpResponder::writeHead(int status, const QByteArray &contentType, qint64 length,
                              const QList<QPair<QByteArray, QByteArray>> &extra)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    bool cacheControl = false;
    for (const auto &h : extra)
        cacheControl = cacheControl || h.first.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    if (!cacheControl)
        head += "Cache-Control: no-cache, private\r\n";
    for (const auto &h : extra)
        head += h.first + ": " + h.second + "\r\n";
    if (length >= 0)
        head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    else
        head += "Transfer-Encoding: chunked\r\n";
    if (!m_keepAlive)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
}

void HttpResponder::respond(int status, const QByteArray &contentType, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    if (m_finished || m_streaming)
        return;
    m_finished = true;
    if (isSocketUsable()) {
        writeHead(status, contentType, body.size(), extraHeaders);
        m_socket->write(body);
        if (!m_keepAlive)
            m_socket->disconnectFromHost();
    }
    Q_EMIT done();
}

void HttpResponder::beginStream(int status, const QByteArray &contentType,
                                const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    if (m_finished || m_streaming)
        return;
    m_streaming = true;
    if (isSocketUsable()) {
        writeHead(status, contentType, -1, extraHeaders);
        m_socket->flush();
    }
}

void HttpResponder::write(const QByteArray &data)
{
    if (!m_streaming || m_finished || data.isEmpty() || !isSocketUsable())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpResponder::end()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_streaming && isSocketUsable()) {
        m_socket->write("0\r\n\r\n");
        if (!m_keepAlive)
            m_socket->disconnectFromHost();
    }
    Q_EMIT done();
}

bool HttpResponder::isSocketUsable() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

// ---------------------------------------------------------------------------------------------
HttpServer::HttpServer(QObject *parent) : QObject(parent)
{
    m_wsServer = new QWebSocketServer(QStringLiteral("acp-sandbox"), QWebSocketServer::NonSecureMode, this);
    m_wsServer->setSupportedSubprotocols({QStringLiteral("v5.channel.k8s.io"),
                                          QStringLiteral("v4.channel.k8s.io"),
                                          QStringLiteral("channel.k8s.io"),
                                          QStringLiteral("base64.channel.k8s.io")});
    connect(m_wsServer, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *ws = m_wsServer->nextPendingConnection()) {
            if (m_wsHandler)
                m_wsHandler(ws);
            else
                ws->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("no handler"));
        }
    });
}

HttpServer::~HttpServer() = default;

void HttpServer::setTls(const QSslConfiguration &config)
{
    m_tls = true;
    m_sslConfig = config;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tls) {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(m_sslConfig);
        ssl->setHandshakeTimeout(10000);
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_server->setMaxPendingConnections(1024);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewConnection);
    return m_server->listen(address, port);
}

quint16 HttpServer::port() const { return m_server ? m_server->serverPort() : 0; }

QString HttpServer::errorString() const { return m_server ? m_server->errorString() : QString(); }

void HttpServer::dropConnections()
{
    const auto sockets = m_server ? m_server->findChildren<QTcpSocket *>() : QList<QTcpSocket *>();
    for (QTcpSocket *s : sockets)
        s->abort();
    const auto webSockets = findChildren<QWebSocket *>();
    for (QWebSocket *ws : webSockets)
        ws->abort();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_connections;
            socket->deleteLater();
        });
        serve(socket);
    }
}

void HttpServer::serve(QTcpSocket *socket)
{
    auto *conn = new Connection;
    conn->setParent(socket);
    conn->socket = socket;

    auto process = std::make_shared<std::function<void()>>();
    *process = [this, conn, socket, weak = std::weak_ptr<std::function<void()>>(process)] {
        if (conn->discard > 0 || conn->drainChunked) {
            drainRejectedBody(conn);
            return;
        }
        while (!conn->busy && socket->state() == QAbstractSocket::ConnectedState) {
            const QByteArray peeked = socket->peek(socket->bytesAvailable());
            const qsizetype headerEnd = peeked.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                if (peeked.size() > kMaxHeaderBytes)
                    socket->abort();
                return;
            }
            // Request line and headers.
            const QList<QByteArray> lines = peeked.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            if (requestLine.size() < 3) {
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
                return;
            }
            HttpRequest req;
            req.method = requestLine.at(0);
            const QByteArray target = requestLine.at(1);
            const QByteArray version = requestLine.at(2);
            for (int i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                if (req.headers.contains(name))
                    req.headers[name] += ", " + value;
                else
                    req.headers.insert(name, value);
            }
            // WebSocket upgrade: hand the untouched socket to QWebSocketServer.
            if (req.header("upgrade").toLower() == "websocket") {
                socket->disconnect(conn);
                disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
                conn->deleteLater();
                --m_connections;
                disconnect(socket, &QTcpSocket::disconnected, this, nullptr);
                m_wsServer->handleConnection(socket);
                return;
            }
            const qsizetype bodyStart = headerEnd + 4;
            const QByteArray te = req.header("transfer-encoding").toLower();
            qsizetype total = bodyStart;
            if (te.contains("chunked")) {
                qsizetype consumed = 0;
                qint64 declared = 0;
                const ChunkedParse parsed = parseChunked(peeked, bodyStart, &req.body, &consumed, &declared);
                // Chunk framing can outweigh the data (1-byte chunks): the wire size is bounded too.
                if (declared > m_maxBody || peeked.size() - bodyStart > 8 * m_maxBody + 65536) {
                    // As for Content-Length bodies: answer 413 now, then drop the rest of the
                    // upload (up to its last chunk) before closing, so the client reads the 413.
                    socket->read(parsed == ChunkedParse::Complete ? consumed : peeked.size());
                    auto responder = std::make_shared<HttpResponder>(socket, true);
                    responder->respond(413, "application/json", kTooLargeStatus, {{"Connection", "close"}});
                    if (parsed == ChunkedParse::Complete) {
                        socket->disconnectFromHost();
                    } else {
                        conn->drainChunked = true;
                        conn->drained = peeked.size();
                        conn->tail = peeked.right(7);
                        drainRejectedBody(conn);
                    }
                    return;
                }
                if (parsed == ChunkedParse::Malformed) {
                    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                    return;
                }
                if (parsed == ChunkedParse::Incomplete)
                    return;
                total = consumed;
            } else {
                const qint64 length = req.header("content-length").toLongLong();
                if (length > m_maxBody) {
                    socket->read(bodyStart);
                    // Answer now, then read and drop the body before closing: closing while the
                    // upload still comes in resets the connection, and the client may never see
                    // the 413. Absurd lengths are not waited for.
                    auto responder = std::make_shared<HttpResponder>(socket, length <= kMaxDrain);
                    responder->respond(413, "application/json", kTooLargeStatus,
                                       length <= kMaxDrain ? QList<QPair<QByteArray, QByteArray>>{{"Connection", "close"}}
                                                           : QList<QPair<QByteArray, QByteArray>>{});
                    if (length <= kMaxDrain) {
                        conn->discard = length;
                        drainRejectedBody(conn);
                    }
                    return;
                }
                if (peeked.size() < bodyStart + length)
                    return;
                req.body = peeked.mid(bodyStart, length);
                total = bodyStart + length;
            }
            socket->read(total);

            const qsizetype q = target.indexOf('?');
            req.rawPath = q >= 0 ? target.left(q) : target;
            req.path = QUrl::fromPercentEncoding(req.rawPath);
            if (q >= 0)
                // Go clients encode spaces in query values as '+' (form encoding).
                req.query = QUrlQuery(QString::fromUtf8(target.mid(q + 1)).replace(QLatin1Char('+'), QLatin1String("%20")));
            req.peer = socket->peerAddress().toString();

            const QByteArray connHeader = req.header("connection").toLower();
            const bool keepAlive = version == "HTTP/1.0" ? connHeader.contains("keep-alive")
                                                           : !connHeader.contains("close");
            auto responder = std::make_shared<HttpResponder>(socket, keepAlive);
            conn->busy = true;
            conn->active = responder;
            connect(responder.get(), &HttpResponder::done, conn, [conn, weak] {
                conn->busy = false;
                conn->active.reset();
                if (auto next = weak.lock())
                    QMetaObject::invokeMethod(conn, [next] { (*next)(); }, Qt::QueuedConnection);
            });
            if (m_handler)
                m_handler(req, responder);
            else
                responder->respond(404, "text/plain", "no handler\n");
        }
    };
    // The socket keeps the processing function alive for as long as it lives.
    connect(socket, &QTcpSocket::readyRead, conn, [process] { (*process)(); });
    if (socket->bytesAvailable() > 0)
        (*process)();
}

} // namespace acp::sandbox
