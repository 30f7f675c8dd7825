#pragma once
// HttpServer: a small HTTP/1.1 server on QTcpServer (or QSslServer with --tls) for acp-sandbox.
// Why not QHttpServer 6.4: it has no chunked responses, crashes when a client disconnects during
// a stream and cannot negotiate WebSocket subprotocols (../shared/TECH-NOTES.md). This server
// supports keep-alive, Content-Length and chunked request bodies, streamed chunked responses
// (watch, log follow) and hands WebSocket upgrades to a QWebSocketServer that negotiates
// v4/v5.channel.k8s.io. GUI-less, single-threaded: everything runs on the owning thread.
#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrlQuery>
#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace acp::sandbox {

struct HttpRequest {
    QByteArray method;                      // "GET", "POST", ...
    QString path;                           // percent-decoded path
    QByteArray rawPath;                     // as sent (without the query)
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers;  // lower-case names; repeated headers joined by ", "
    QByteArray body;
    QString peer;

    QByteArray header(const char *lowerName) const { return headers.value(QByteArray(lowerName)); }
    QString queryValue(const char *name) const;
    bool hasQuery(const char *name) const { return query.hasQueryItem(QLatin1String(name)); }
};

// One response to one request. Either respond() once, or beginStream()/write()/end().
// Safe to keep (in a shared pointer) after the handler returns: when the client goes away,
// isOpen() turns false, closed() is emitted and writes are dropped.
class HttpResponder : public QObject {
    Q_OBJECT
public:
    explicit HttpResponder(QTcpSocket *socket, bool keepAlive, QObject *parent = nullptr);
    ~HttpResponder() override;

    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    void beginStream(int status, const QByteArray &contentType,
                     const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    void write(const QByteArray &data);   // one chunk
    void end();                           // last chunk; the connection may serve the next request
    bool isOpen() const;
    bool isStreaming() const { return m_streaming; }
    bool finished() const { return m_finished; }
    QTcpSocket *socket() const { return m_socket.data(); }

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void closed();     // the client disconnected before end()
    void done();       // response complete (respond() or end())

private:
    bool isSocketUsable() const;
    void writeHead(int status, const QByteArray &contentType, qint64 length,
                   const QList<QPair<QByteArray, QByteArray>> &extra);
    QPointer<QTcpSocket> m_socket;
    bool m_keepAlive;
    bool m_streaming = false;
    bool m_finished = false;
};

using HttpHandler = std::function<void(const HttpRequest &, std::shared_ptr<HttpResponder>)>;
// Called with an accepted WebSocket (its requestUrl() and request() headers tell what it is for).
using WebSocketHandler = std::function<void(QWebSocket *)>;

class HttpServer : public QObject {
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(HttpHandler handler) { m_handler = std::move(handler); }
    void setWebSocketHandler(WebSocketHandler handler) { m_wsHandler = std::move(handler); }
    void setTls(const QSslConfiguration &config);   // before listen()
    void setMaxBodyBytes(qint64 bytes) { m_maxBody = bytes; }

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;
    bool isTls() const { return m_tls; }
    int openConnections() const { return m_connections; }
    // Closes every open connection (fault injection: dropped watches), keeps listening.
    void dropConnections();

private:
    void onNewConnection();
    void serve(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    QWebSocketServer *m_wsServer = nullptr;
    HttpHandler m_handler;
    WebSocketHandler m_wsHandler;
    bool m_tls = false;
    QSslConfiguration m_sslConfig;
    qint64 m_maxBody = 3 * 1024 * 1024;   // kube-apiserver's default request body limit
    int m_connections = 0;
};

} // namespace acp::sandbox
