#include "api/KubeClient.h"

#include "api/ApiLog.h"
#include "api/KubeClientCall.h"
#include "api/KubeClientPager.h"
#include "api/NetworkPool.h"

#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRunnable>
#include <QSysInfo>
#include <QThreadPool>
#include <optional>

namespace acp::api {

struct KubeClient::Shared {
    RestConfig config;
    std::shared_ptr<QNetworkAccessManager> nam;
    std::optional<ApiError> setupError;    // e.g. an unusable proxy-url: every call fails with it
    std::optional<Result<QSslConfiguration>> staticSsl;   // TLS of the static credentials, built once
    // tokenFile cache (client-go rereads the file about once a minute)
    mutable QMutex tokenMutex;
    mutable QString fileToken;
    mutable qint64 fileTokenReadAt = 0;
};

KubeClient::KubeClient(RestConfig config)
{
    auto s = std::make_shared<Shared>();
    s->config = std::move(config);
    auto proxy = NetworkPool::proxyFor(s->config.proxyUrl, s->config.server);
    if (!proxy)
        s->setupError = proxy.error();
    if (!s->config.server.isValid() || s->config.server.host().isEmpty()
        || (s->config.server.scheme() != QLatin1String("https") && s->config.server.scheme() != QLatin1String("http")))
        s->setupError = ApiError{0, QStringLiteral("BadRequest"),
                                 QStringLiteral("cluster %1: invalid server URL \"%2\"").arg(s->config.clusterName, s->config.server.toString())};
    if (!s->config.credentialSource)
        s->staticSsl = NetworkPool::sslConfiguration(s->config, s->config.staticCredentials);
    s->nam = NetworkPool::manager(NetworkPool::poolKey(s->config), proxy ? *proxy : QNetworkProxy(QNetworkProxy::NoProxy));
    d = std::move(s);
}

const RestConfig &KubeClient::config() const
{
    static const RestConfig empty;
    return d ? d->config : empty;
}

QString KubeClient::clusterName() const { return d ? d->config.clusterName : QString(); }

QNetworkAccessManager *KubeClient::networkManager() const { return d ? d->nam.get() : nullptr; }

std::shared_ptr<QNetworkAccessManager> KubeClient::sharedNetworkManager() const { return d ? d->nam : nullptr; }

QUrl KubeClient::url(const QString &path, const QUrlQuery &query) const
{
    if (!d)
        return QUrl();
    QUrl u = d->config.server;
    QString prefix = u.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    const QString rel = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    u.setPath(prefix + rel, QUrl::TolerantMode);
    u.setQuery(query.isEmpty() ? QString() : query.toString(QUrl::FullyEncoded), QUrl::TolerantMode);
    if (query.isEmpty())
        u.setQuery(QString());
    return u;
}

bool KubeClient::canRefreshCredentials() const
{
    return d && (d->config.credentialSource || !d->config.tokenFile.isEmpty());
}

void KubeClient::credentials(bool forceRefresh, QObject *context, std::function<void(const Result<Credentials> &)> done) const
{
    if (!d) {
        done(ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("no cluster configured")});
        return;
    }
    if (d->setupError) {
        done(*d->setupError);
        return;
    }
    if (auto source = d->config.credentialSource) {
        // May run a process or an HTTP request: off this thread, answered back on it.
        QPointer<QObject> guard(context);
        std::shared_ptr<QNetworkAccessManager> anchor = d->nam;   // lives on this thread
        QThreadPool::globalInstance()->start([source, forceRefresh, guard, anchor, done = std::move(done)]() mutable {
            Result<Credentials> r = source->credentials(forceRefresh);
            QMetaObject::invokeMethod(anchor.get(), [guard, done = std::move(done), r] {
                if (guard)
                    done(r);
            }, Qt::QueuedConnection);
        });
        return;
    }
    Credentials creds = d->config.staticCredentials;
    if (!d->config.tokenFile.isEmpty()) {
        QMutexLocker lock(&d->tokenMutex);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (forceRefresh || d->fileTokenReadAt == 0 || now - d->fileTokenReadAt > 60000) {
            QFile f(d->config.tokenFile);
            if (!f.open(QIODevice::ReadOnly)) {
                lock.unlock();
                done(ApiError{0, QStringLiteral("Unauthorized"),
                              QStringLiteral("user %1: cannot read tokenFile %2: %3").arg(d->config.userName, d->config.tokenFile, f.errorString())});
                return;
            }
            d->fileToken = QString::fromUtf8(f.readAll()).trimmed();
            d->fileTokenReadAt = now;
        }
        creds.bearerToken = d->fileToken;
    }
    done(creds);
}

Result<QNetworkRequest> KubeClient::prepareRequest(const QUrl &url, const Credentials &creds, const QByteArray &accept) const
{
    if (!d)
        return ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("no cluster configured")};
    const RestConfig &c = d->config;
    QNetworkRequest req(url);
    if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("wss")) {
        const bool isStatic = d->staticSsl && creds.clientCertificatePem == c.staticCredentials.clientCertificatePem
            && creds.clientKeyPem == c.staticCredentials.clientKeyPem;
        const Result<QSslConfiguration> ssl = isStatic ? *d->staticSsl : NetworkPool::sslConfiguration(c, creds);
        if (!ssl)
            return ssl.error();
        req.setSslConfiguration(*ssl);
        if (!c.tlsServerName.isEmpty())
            req.setPeerVerifyName(c.tlsServerName);
    }
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    req.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (!accept.isEmpty())
        req.setRawHeader("Accept", accept);
    if (!creds.bearerToken.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + creds.bearerToken.toUtf8());
    else if (!creds.username.isEmpty())
        req.setRawHeader("Authorization", "Basic " + (creds.username + QLatin1Char(':') + creds.password).toUtf8().toBase64());
    if (!c.impersonateUser.isEmpty())
        req.setRawHeader("Impersonate-User", c.impersonateUser.toUtf8());
    // kube-apiserver reads one group (or extra value) per header line, and QNetworkRequest
    // sends one line per header name: more than one value cannot be expressed, and a joined
    // "a, b" would silently impersonate a group named "a, b". Refuse instead.
    if (c.impersonateGroups.size() > 1)
        return ApiError{0, QStringLiteral("BadRequest"),
                        QStringLiteral("impersonating more than one group (%1) is not supported").arg(c.impersonateGroups.join(QStringLiteral(", ")))};
    if (!c.impersonateGroups.isEmpty())
        req.setRawHeader("Impersonate-Group", c.impersonateGroups.first().toUtf8());
    if (!c.impersonateUid.isEmpty())
        req.setRawHeader("Impersonate-Uid", c.impersonateUid.toUtf8());
    for (const QString &key : c.impersonateExtra.uniqueKeys()) {
        const QStringList values = c.impersonateExtra.values(key);
        if (values.size() > 1)
            return ApiError{0, QStringLiteral("BadRequest"),
                            QStringLiteral("impersonating several values of user extra \"%1\" is not supported").arg(key)};
        req.setRawHeader("Impersonate-Extra-" + QUrl::toPercentEncoding(key), values.first().toUtf8());
    }
    return req;
}

RequestHandle KubeClient::request(const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body,
                                  const QByteArray &contentType, const RequestOptions &options, QObject *context,
                                  ResponseCallback callback) const
{
    if (!context) {
        qCWarning(lcApi) << "KubeClient:" << method << path << "called without a context object; request not sent";
        return RequestHandle();
    }
    auto *call = new KubeClientCall(*this, method, path, query, body, contentType, options, context, std::move(callback));
    return KubeClientCall::launch(call);
}

namespace {
QString objectRefOf(const ResourcePath &p)
{
    QString ref = p.resource;
    if (!p.namespaceName.isEmpty())
        ref += QLatin1Char('/') + p.namespaceName;
    if (!p.name.isEmpty())
        ref += QLatin1Char('/') + p.name;
    return ref;
}

KubeClient::RequestOptions writeOptions(const ResourcePath &p)
{
    KubeClient::RequestOptions o;
    o.objectRef = objectRefOf(p);
    return o;
}
} // namespace

RequestHandle KubeClient::get(const ResourcePath &path, QObject *context, ResponseCallback callback) const
{
    return request("GET", path.toString(), QUrlQuery(), QByteArray(), QByteArray(), writeOptions(path), context, std::move(callback));
}

RequestHandle KubeClient::getPath(const QString &path, const RequestOptions &options, QObject *context, ResponseCallback callback) const
{
    QString p = path;
    QUrlQuery q;
    const qsizetype mark = path.indexOf(QLatin1Char('?'));
    if (mark >= 0) {
        p = path.left(mark);
        q = QUrlQuery(path.mid(mark + 1));
    }
    return request("GET", p, q, QByteArray(), QByteArray(), options, context, std::move(callback));
}

RequestHandle KubeClient::list(const ResourcePath &collection, const ListOptions &options, QObject *context, ResponseCallback callback) const
{
    return request("GET", collection.toString(), options.toQuery(), QByteArray(), QByteArray(), writeOptions(collection), context,
                   std::move(callback));
}

RequestHandle KubeClient::listAll(const ResourcePath &collection, const ListOptions &options, QObject *context,
                                  ListPagesCallback callback) const
{
    if (!context) {
        qCWarning(lcApi) << "KubeClient: listAll called without a context object; request not sent";
        return RequestHandle();
    }
    return KubeClientPager::start(*this, collection, options, context, std::move(callback));
}

RequestHandle KubeClient::create(const ResourcePath &collection, const QByteArray &json, const WriteOptions &options,
                                 QObject *context, ResponseCallback callback) const
{
    return request("POST", collection.toString(), options.toQuery(), json, "application/json", writeOptions(collection), context,
                   std::move(callback));
}

RequestHandle KubeClient::replace(const ResourcePath &path, const QByteArray &json, const WriteOptions &options, QObject *context,
                                  ResponseCallback callback) const
{
    return request("PUT", path.toString(), options.toQuery(), json, "application/json", writeOptions(path), context, std::move(callback));
}

RequestHandle KubeClient::patch(const ResourcePath &path, PatchType type, const QByteArray &patch, const WriteOptions &options,
                                QObject *context, ResponseCallback callback) const
{
    return request("PATCH", path.toString(), options.toQuery(), patch, patchContentType(type), writeOptions(path), context,
                   std::move(callback));
}

RequestHandle KubeClient::apply(const ResourcePath &path, const QByteArray &yamlOrJson, const WriteOptions &options, QObject *context,
                                ResponseCallback callback) const
{
    return request("PATCH", path.toString(), options.toQuery(true), yamlOrJson, "application/apply-patch+yaml", writeOptions(path),
                   context, std::move(callback));
}

RequestHandle KubeClient::remove(const ResourcePath &path, const DeleteOptions &options, QObject *context, ResponseCallback callback) const
{
    QUrlQuery q;
    if (options.dryRun)
        q.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    return request("DELETE", path.toString(), q, options.toJson(), "application/json", writeOptions(path), context, std::move(callback));
}

QByteArray KubeClient::userAgent()
{
    return QByteArrayLiteral("acp-console/" ACP_VERSION " (") + QSysInfo::kernelType().toUtf8() + '/' + QSysInfo::currentCpuArchitecture().toUtf8()
        + ") Qt/" + QByteArray(qVersion());
}

} // namespace acp::api
