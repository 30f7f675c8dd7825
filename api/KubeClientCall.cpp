#include "api/KubeClientCall.h"

#include "api/ApiLog.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSslError>

namespace acp::api {

namespace {
constexpr int kDefaultRetries = 4;
constexpr int kBaseBackoffMs = 250;
constexpr int kMaxBackoffMs = 8000;
constexpr int kMaxRetryAfterS = 60;

struct CallState : RequestHandle::State {
    QPointer<KubeClientCall> call;
    void cancel() override
    {
        if (call)
            call->cancel();
    }
    bool isActive() const override { return call && call->isActive(); }
};

bool isTransient(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

QString reasonForStatus(int status)
{
    switch (status) {
    case 400: return QStringLiteral("BadRequest");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("NotFound");
    case 405: return QStringLiteral("MethodNotAllowed");
    case 406: return QStringLiteral("NotAcceptable");
    case 409: return QStringLiteral("Conflict");
    case 410: return QStringLiteral("Gone");
    case 413: return QStringLiteral("RequestEntityTooLarge");
    case 415: return QStringLiteral("UnsupportedMediaType");
    case 422: return QStringLiteral("Invalid");
    case 429: return QStringLiteral("TooManyRequests");
    case 500: return QStringLiteral("InternalError");
    case 503: return QStringLiteral("ServiceUnavailable");
    case 504: return QStringLiteral("Timeout");
    default: return status >= 500 ? QStringLiteral("InternalError") : QString();
    }
}
} // namespace

KubeClientCall::KubeClientCall(KubeClient client, QByteArray method, QString path, QUrlQuery query, QByteArray body,
                               QByteArray contentType, KubeClient::RequestOptions options, QObject *context, ResponseCallback callback)
    : m_client(std::move(client)), m_method(std::move(method)), m_path(std::move(path)), m_query(std::move(query)),
      m_body(std::move(body)), m_contentType(std::move(contentType)), m_options(std::move(options)), m_context(context),
      m_callback(std::move(callback))
{
    m_timeout.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &KubeClientCall::onTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { begin(false); });
    // The context's destruction cancels the call (the callback would have nowhere to go).
    connect(context, &QObject::destroyed, this, &KubeClientCall::cancel);
}

KubeClientCall::~KubeClientCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        if (!m_reply->isFinished())
            m_reply->abort();
        m_reply->deleteLater();
    }
}

RequestHandle KubeClientCall::launch(KubeClientCall *call)
{
    auto state = std::make_shared<CallState>();
    state->call = call;
    QMetaObject::invokeMethod(call, [call] { call->begin(false); }, Qt::QueuedConnection);
    return RequestHandle(state);
}

void KubeClientCall::cancel()
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_retryTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        if (!m_reply->isFinished())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    deleteLater();
}

void KubeClientCall::begin(bool refreshCredentials)
{
    if (m_done)
        return;
    if (!m_client.isValid()) {
        deliver(ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("no cluster configured")});
        return;
    }
    m_client.credentials(refreshCredentials, this, [this](const Result<Credentials> &creds) {
        if (m_done)
            return;
        if (!creds) {
            ApiError e = creds.error();
            e.cluster = m_client.clusterName();
            deliver(e);
            return;
        }
        send(*creds);
    });
}

void KubeClientCall::send(const Credentials &credentials)
{
    ++m_attempt;
    m_timedOut = false;
    auto prepared = m_client.prepareRequest(m_client.url(m_path, m_query), credentials, m_options.accept);
    if (!prepared) {
        deliver(prepared.error());
        return;
    }
    QNetworkRequest req = *prepared;
    if (!m_contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
    for (const auto &h : std::as_const(m_options.headers))
        req.setRawHeader(h.first, h.second);
    QNetworkAccessManager *nam = m_client.networkManager();
    if (m_method == "GET")
        m_reply = nam->get(req);
    else if (m_method == "POST")
        m_reply = nam->post(req, m_body);
    else if (m_method == "PUT")
        m_reply = nam->put(req, m_body);
    else
        m_reply = nam->sendCustomRequest(req, m_method, m_body);
    if (m_client.config().insecureSkipTlsVerify)
        connect(m_reply, &QNetworkReply::sslErrors, m_reply, [r = m_reply.data()](const QList<QSslError> &) { r->ignoreSslErrors(); });
    connect(m_reply, &QNetworkReply::finished, this, &KubeClientCall::onFinished);
    if (m_options.timeoutMs > 0)
        m_timeout.start(m_options.timeoutMs);
}

void KubeClientCall::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();   // emits finished
}

void KubeClientCall::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_timeout.stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    m_warnings.clear();
    for (const auto &h : reply->rawHeaderPairs())
        if (h.first.compare("Warning", Qt::CaseInsensitive) == 0)
            m_warnings << parseWarningHeader(h.second);
    if (m_timedOut) {
        deliver(ApiError{0, QStringLiteral("Timeout"),
                         QStringLiteral("%1 %2: no answer within %3 s").arg(QString::fromLatin1(m_method), m_client.url(m_path).toString(QUrl::RemoveUserInfo))
                             .arg(m_options.timeoutMs / 1000.0)});
        return;
    }
    if (status >= 200 && status < 300) {
        Response r;
        r.httpStatus = status;
        r.body = body;
        r.headers = reply->rawHeaderPairs();
        r.attempts = m_attempt;
        deliver(r);
        return;
    }
    if (status == 401 && !m_refreshed && m_client.canRefreshCredentials()) {
        m_refreshed = true;
        qCDebug(lcApi) << "401 from" << m_client.clusterName() << "- refreshing credentials once";
        begin(true);
        return;
    }
    if (retryAfterFailure(status, reply->rawHeader("Retry-After"), reply->error()))
        return;
    deliver(errorFor(status, body, reply));
}

bool KubeClientCall::retryAfterFailure(int status, const QByteArray &retryAfterHeader, QNetworkReply::NetworkError error)
{
    const int maxRetries = m_options.maxRetries < 0 ? kDefaultRetries : m_options.maxRetries;
    if (m_attempt > maxRetries)
        return false;
    bool ok = false;
    const int retryAfter = retryAfterHeader.trimmed().toInt(&ok);
    const bool hasRetryAfter = ok && retryAfter >= 0;
    const bool isRead = m_method == "GET" || m_method == "HEAD";
    bool retry;
    if (isRead)
        retry = status == 429 || status >= 500 || (status == 0 && isTransient(error));
    else
        retry = status == 429 && hasRetryAfter;
    if (!retry)
        return false;
    int delayMs;
    if (hasRetryAfter && (status == 429 || status >= 500)) {
        delayMs = qMin(retryAfter, kMaxRetryAfterS) * 1000 + int(QRandomGenerator::global()->bounded(100));
    } else {
        const int base = qMin(kMaxBackoffMs, kBaseBackoffMs << qMin(m_attempt - 1, 10));
        delayMs = base + int(QRandomGenerator::global()->bounded(base / 2 + 1));   // jitter: +0..50 %
    }
    qCDebug(lcApi) << m_method << m_path << "on" << m_client.clusterName() << "failed with" << status << "- retry" << m_attempt << "in"
                   << delayMs << "ms";
    m_retryTimer.start(delayMs);
    return true;
}

ApiError KubeClientCall::errorFor(int status, const QByteArray &body, QNetworkReply *reply) const
{
    ApiError e;
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    if (status > 0 && obj.value(QLatin1String("kind")).toString() == QLatin1String("Status")) {
        e = ApiError::fromStatus(obj, status);
    } else if (status > 0) {
        e.httpStatus = status;
        e.reason = reasonForStatus(status);
        const QString text = QString::fromUtf8(body.left(512)).trimmed();
        e.message = text.isEmpty() ? QStringLiteral("the server answered %1 %2").arg(status).arg(
                                         reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                                   : text;
    } else {
        e.message = QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(m_method), m_client.url(m_path).toString(QUrl::RemoveUserInfo),
                                                    reply->errorString());
        if (reply->error() == QNetworkReply::SslHandshakeFailedError)
            e.reason = QStringLiteral("TLSHandshakeFailed");
    }
    e.cluster = m_client.clusterName();
    if (e.objectRef.isEmpty())
        e.objectRef = m_options.objectRef;
    return e;
}

void KubeClientCall::deliver(const Result<Response> &result)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_retryTimer.stop();
    deleteLater();
    if (!m_context)
        return;   // the context died: never call back
    Result<Response> r = result;
    if (!r.ok() && r.error().cluster.isEmpty()) {
        ApiError e = r.error();
        e.cluster = m_client.clusterName();
        r = e;
    }
    const ResponseCallback cb = std::move(m_callback);
    cb(r, m_warnings);
}

} // namespace acp::api
