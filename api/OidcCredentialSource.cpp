#include "api/OidcCredentialSource.h"
#include "api/Kubeconfig.h"
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

namespace acp::api {

namespace {

const QString kIdToken = QStringLiteral("id-token");
const QString kRefreshToken = QStringLiteral("refresh-token");
const QString kIssuer = QStringLiteral("idp-issuer-url");
const QString kClientId = QStringLiteral("client-id");
const QString kClientSecret = QStringLiteral("client-secret");

ApiError oidcError(const QString &message)
{
    ApiError e = Kubeconfig::configError(message);
    e.reason = QStringLiteral("Unauthorized");
    return e;
}

struct HttpResult {
    int status = 0;
    QByteArray body;
    QString error;
};

// One blocking request on this thread: own event loop, own timeout.
HttpResult blockingRequest(QNetworkAccessManager &nam, QNetworkRequest req, const QByteArray *postBody, int timeoutMs)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QNetworkReply *reply = postBody ? nam.post(req, *postBody) : nam.get(req);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    HttpResult r;
    if (!reply->isFinished()) {
        reply->abort();
        r.error = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
    } else {
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && r.status == 0)
            r.error = reply->errorString();
    }
    reply->deleteLater();
    return r;
}

} // namespace

OidcCredentialSource::OidcCredentialSource(const QString &userName, const QMap<QString, QString> &config, Persister persister,
                                           int timeoutMs)
    : m_user(userName), m_config(config), m_persister(std::move(persister)), m_timeoutMs(timeoutMs)
{
}

Result<std::shared_ptr<OidcCredentialSource>> OidcCredentialSource::create(const QString &userName, const QMap<QString, QString> &config,
                                                                           Persister persister, int timeoutMs)
{
    if (config.value(kIssuer).isEmpty())
        return oidcError(QStringLiteral("Must provide %1").arg(kIssuer));
    if (config.value(kClientId).isEmpty())
        return oidcError(QStringLiteral("Must provide %1").arg(kClientId));
    return std::shared_ptr<OidcCredentialSource>(new OidcCredentialSource(userName, config, std::move(persister), timeoutMs));
}

QString OidcCredentialSource::poolKey() const
{
    QMutexLocker lock(&m_mutex);
    return QStringLiteral("oidc:%1 %2 (user %3)").arg(m_config.value(kIssuer), m_config.value(kClientId), m_user);
}

QMap<QString, QString> OidcCredentialSource::config() const
{
    QMutexLocker lock(&m_mutex);
    return m_config;
}

QDateTime OidcCredentialSource::jwtExpiry(const QString &jwt)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonValue exp = QJsonDocument::fromJson(payload).object().value(QLatin1String("exp"));
    if (!exp.isDouble())
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC);
}

Result<Credentials> OidcCredentialSource::credentials(bool forceRefresh)
{
    QMutexLocker lock(&m_mutex);
    const QString idToken = m_config.value(kIdToken);
    const QDateTime exp = jwtExpiry(idToken);
    const bool valid = !idToken.isEmpty() && (!exp.isValid() || QDateTime::currentDateTimeUtc().addSecs(10) < exp);
    if (!valid || forceRefresh) {
        if (m_config.value(kRefreshToken).isEmpty()) {
            if (valid)
                return Credentials{idToken, {}, {}, {}, {}, exp};
            return oidcError(QStringLiteral("No valid id-token, and cannot refresh without refresh-token"));
        }
        auto r = refresh();
        if (!r)
            return r.error();
    }
    Credentials c;
    c.bearerToken = m_config.value(kIdToken);
    c.expiry = jwtExpiry(c.bearerToken);
    return c;
}

Result<bool> OidcCredentialSource::refresh()
{
    QNetworkAccessManager nam;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QByteArray caPem;
    if (!m_config.value(QStringLiteral("idp-certificate-authority-data")).isEmpty()) {
        caPem = QByteArray::fromBase64(m_config.value(QStringLiteral("idp-certificate-authority-data")).toLatin1());
    } else if (!m_config.value(QStringLiteral("idp-certificate-authority")).isEmpty()) {
        QFile f(m_config.value(QStringLiteral("idp-certificate-authority")));
        if (!f.open(QIODevice::ReadOnly))
            return oidcError(QStringLiteral("oidc: open %1: %2").arg(f.fileName(), f.errorString()));
        caPem = f.readAll();
    }
    if (!caPem.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(caPem, QSsl::Pem);
        if (cas.isEmpty())
            return oidcError(QStringLiteral("oidc: idp-certificate-authority holds no PEM certificate"));
        ssl.setCaCertificates(cas);
    }
    QString issuer = m_config.value(kIssuer);
    while (issuer.endsWith(QLatin1Char('/')))
        issuer.chop(1);
    QNetworkRequest disco(QUrl(issuer + QStringLiteral("/.well-known/openid-configuration")));
    disco.setSslConfiguration(ssl);
    const HttpResult d = blockingRequest(nam, disco, nullptr, m_timeoutMs);
    if (!d.error.isEmpty() || d.status != 200)
        return oidcError(QStringLiteral("oidc: discovery at %1 failed: %2").arg(issuer, d.error.isEmpty() ? QStringLiteral("HTTP %1").arg(d.status) : d.error));
    const QString endpoint = QJsonDocument::fromJson(d.body).object().value(QLatin1String("token_endpoint")).toString();
    if (endpoint.isEmpty())
        return oidcError(QStringLiteral("oidc: discovery document of %1 has no token_endpoint").arg(issuer));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), m_config.value(kRefreshToken));
    form.addQueryItem(QStringLiteral("client_id"), m_config.value(kClientId));
    if (!m_config.value(kClientSecret).isEmpty())
        form.addQueryItem(QStringLiteral("client_secret"), m_config.value(kClientSecret));
    QNetworkRequest tokenReq{QUrl(endpoint)};
    tokenReq.setSslConfiguration(ssl);
    tokenReq.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    const QByteArray body = form.toString(QUrl::FullyEncoded).toUtf8();
    const HttpResult t = blockingRequest(nam, tokenReq, &body, m_timeoutMs);
    if (!t.error.isEmpty() || t.status != 200) {
        // The body of an error response is an OAuth2 error object (no tokens); keep it short.
        return oidcError(QStringLiteral("oidc: failed to refresh token: %1")
                             .arg(t.error.isEmpty() ? QStringLiteral("HTTP %1: %2").arg(t.status).arg(QString::fromUtf8(t.body.left(300))) : t.error));
    }
    const QJsonObject resp = QJsonDocument::fromJson(t.body).object();
    const QString idToken = resp.value(QLatin1String("id_token")).toString();
    if (idToken.isEmpty())
        return oidcError(QStringLiteral("token response did not contain an id_token"));
    m_config.insert(kIdToken, idToken);
    const QString refreshToken = resp.value(QLatin1String("refresh_token")).toString();
    if (!refreshToken.isEmpty())
        m_config.insert(kRefreshToken, refreshToken);
    if (m_persister)
        m_persister(m_config);
    return true;
}

} // namespace acp::api
