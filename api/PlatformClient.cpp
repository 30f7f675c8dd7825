#include "api/PlatformClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimeZone>
#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <memory>

namespace acp::api {

struct PlatformClient::Flow {
    QString username, password;
    QPointer<QObject> context;
    TokenCallback done;
    QString state;
    QString req;
    bool contextWasSet = false;

    bool alive() const { return !contextWasSet || context; }
    void fail(const ApiError &e)
    {
        if (alive())
            done(e);
    }
};

PlatformClient::PlatformClient(const PlatformEndpoint &endpoint, QObject *parent)
    : QObject(parent), m_endpoint(endpoint), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setCookieJar(new QNetworkCookieJar(m_nam));
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

PlatformClient::~PlatformClient() = default;

QNetworkRequest PlatformClient::request(const QString &path, const QString &token) const
{
    QUrl url = m_endpoint.url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const int q = path.indexOf(QLatin1Char('?'));
    url.setPath(base + (q < 0 ? path : path.left(q)));
    url.setQuery(q < 0 ? QString() : path.mid(q + 1), QUrl::StrictMode);
    QNetworkRequest req(url);
    req.setRawHeader("Accept", "application/json");
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("acp-console/" ACP_VERSION));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_endpoint.caPem.isEmpty())
            ssl.setCaCertificates(QSslCertificate::fromData(m_endpoint.caPem, QSsl::Pem));
        if (m_endpoint.insecureSkipTlsVerify)
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        req.setSslConfiguration(ssl);
    }
    req.setTransferTimeout(30000);
    return req;
}

void PlatformClient::getJson(const QNetworkRequest &req, QObject *context, JsonCallback done)
{
    finishJson(m_nam->get(req), context, std::move(done));
}

void PlatformClient::postJson(const QNetworkRequest &r, const QByteArray &body, QObject *context, JsonCallback done)
{
    QNetworkRequest req = r;
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    finishJson(m_nam->post(req, body), context, std::move(done));
}

// Decodes a reply: 2xx JSON object -> value; a 2xx JSON array -> {"items": array}; a Status body -> ApiError::fromStatus; other bodies
// -> their "message"/"error" text; transport errors -> httpStatus 0 with Qt's text.
void PlatformClient::finishJson(QNetworkReply *reply, QObject *context, JsonCallback done)
{
    const QPointer<QObject> ctx = context;
    const bool hadContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, context ? context : this, [reply, ctx, hadContext, done = std::move(done)] {
        reply->deleteLater();
        if (hadContext && !ctx)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        QJsonParseError perr{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
        const QJsonObject obj = doc.object();
        if (status == 0) {
            done(ApiError{0, QString(), QStringLiteral("%1: %2").arg(reply->url().toString(QUrl::RemoveQuery), reply->errorString())});
            return;
        }
        if (status < 200 || status >= 300) {
            if (obj.value(QLatin1String("kind")).toString() == QLatin1String("Status")) {
                done(ApiError::fromStatus(obj, status));
                return;
            }
            QString msg = obj.value(QLatin1String("message")).toString();
            if (msg.isEmpty())
                msg = obj.value(QLatin1String("error")).toString();
            if (msg.isEmpty())
                msg = QString::fromUtf8(body.left(300)).trimmed();
            if (msg.isEmpty())
                msg = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            done(ApiError{status, QString(), QStringLiteral("%1 (HTTP %2 from %3)").arg(msg).arg(status).arg(reply->url().path())});
            return;
        }
        if (perr.error == QJsonParseError::NoError && doc.isArray()) {   // e.g. /dex/api/v1/connectors
            done(QJsonObject{{QStringLiteral("items"), doc.array()}});
            return;
        }
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            done(ApiError{status, QStringLiteral("InternalError"),
                          QStringLiteral("%1 did not answer a JSON object: %2").arg(reply->url().path(), perr.errorString())});
            return;
        }
        done(obj);
    });
}

void PlatformClient::loginWithPassword(const QString &username, const QString &password, QObject *context, TokenCallback done)
{
    auto flow = std::make_shared<Flow>();
    flow->username = username;
    flow->password = password;
    flow->context = context;
    flow->contextWasSet = context != nullptr;
    flow->done = std::move(done);
    // 1. the login URL and state (sets the flow cookie)
    getJson(request(QStringLiteral("/console-platform/api/v1/token/login")), context, [this, flow](Result<QJsonObject> r) {
        if (!r)
            return flow->fail(r.error());
        const QUrl authUrl(r->value(QLatin1String("auth_url")).toString());
        flow->state = r->value(QLatin1String("state")).toString();
        if (!authUrl.isValid() || authUrl.query().isEmpty())
            return flow->fail(ApiError{0, QString(), QStringLiteral("the platform's login answer has no auth_url")});
        // 2. authorize with the auth_url's query, unchanged
        getJson(request(QStringLiteral("/dex/api/v1/authorize?") + authUrl.query(QUrl::FullyEncoded)), flow->context,
                [this, flow](Result<QJsonObject> r2) {
                    if (!r2)
                        return flow->fail(r2.error());
                    flow->req = r2->value(QLatin1String("req")).toString();
                    loginStep2(flow);
                });
    });
}

// 3. a fresh single-use public key timestamp
void PlatformClient::loginStep2(std::shared_ptr<Flow> flow)
{
    getJson(request(QStringLiteral("/dex/pubkey")), flow->context, [this, flow](Result<QJsonObject> r) {
        if (!r)
            return flow->fail(r.error());
        loginStep4(flow, *r);
    });
}

// 4. submit the encrypted password to the local connector
void PlatformClient::loginStep4(std::shared_ptr<Flow> flow, const QJsonObject &pubkey)
{
    const auto encrypted = encryptPassword(pubkey.value(QLatin1String("pubkey")).toString().toUtf8(),
                                           pubkey.value(QLatin1String("ts")).toString(), flow->password);
    flow->password.clear();
    if (!encrypted)
        return flow->fail(encrypted.error());
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("account"), flow->username},
                                                      {QStringLiteral("password"), QString::fromLatin1(*encrypted)}})
                                .toJson(QJsonDocument::Compact);
    const QString path = QStringLiteral("/dex/api/v1/authorize/local?req=")
        + QString::fromLatin1(QUrl::toPercentEncoding(flow->req));
    postJson(request(path), body, flow->context, [this, flow](Result<QJsonObject> r) {
        if (!r)
            return flow->fail(r.error());
        loginStep5(flow, r->value(QLatin1String("redirect_url")).toString());
    });
}

// 5. exchange the code for tokens
void PlatformClient::loginStep5(std::shared_ptr<Flow> flow, const QString &redirectUrl)
{
    const QUrlQuery q(QUrl(redirectUrl).query());
    const QString code = q.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty())
        return flow->fail(ApiError{0, QString(), QStringLiteral("the platform's authorize answer has no code")});
    exchangeCode(code, flow->state, flow->username, flow->context, [flow](Result<PlatformToken> t) {
        if (flow->alive())
            flow->done(std::move(t));
    });
}

void PlatformClient::exchangeCode(const QString &code, const QString &state, const QString &user, QObject *context, TokenCallback done)
{
    QUrlQuery cb;
    cb.addQueryItem(QStringLiteral("code"), QString::fromLatin1(QUrl::toPercentEncoding(code)));
    cb.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
    getJson(request(QStringLiteral("/console-platform/api/v1/token/callback?") + cb.query(QUrl::FullyEncoded)), context,
            [user, done = std::move(done)](Result<QJsonObject> r) {
                if (!r)
                    return done(r.error());
                done(parseToken(*r, user));
            });
}

Result<PlatformToken> PlatformClient::parseToken(const QJsonObject &answer, const QString &fallbackUser)
{
    PlatformToken t;
    t.accessToken = answer.value(QLatin1String("access_token")).toString();
    if (t.accessToken.isEmpty())
        t.accessToken = answer.value(QLatin1String("id_token")).toString();
    t.refreshToken = answer.value(QLatin1String("refresh_token")).toString();
    t.expiresAt = QDateTime::fromString(answer.value(QLatin1String("expire_at")).toString(), Qt::ISODate);
    if (t.accessToken.isEmpty())
        return ApiError{0, QString(), QStringLiteral("the platform's token answer has no access_token")};
    const QJsonObject claims = jwtClaims(t.accessToken);
    t.username = claims.value(QLatin1String("name")).toString();
    if (t.username.isEmpty())
        t.username = fallbackUser;
    if (!t.expiresAt.isValid() && claims.contains(QLatin1String("exp")))
        t.expiresAt = QDateTime::fromSecsSinceEpoch(qint64(claims.value(QLatin1String("exp")).toDouble()), Qt::UTC);
    return t;
}

void PlatformClient::verifyToken(const QString &token, QObject *context, TokenCallback done)
{
    listClusters(token, context, [token, done = std::move(done)](Result<QList<PlatformCluster>> r) {
        if (!r)
            return done(r.error());
        PlatformToken t;
        t.accessToken = token;
        const QJsonObject claims = jwtClaims(token);
        for (const char *k : {"name", "email", "sub"}) {
            t.username = claims.value(QLatin1String(k)).toString();
            if (!t.username.isEmpty())
                break;
        }
        if (claims.contains(QLatin1String("exp")))
            t.expiresAt = QDateTime::fromSecsSinceEpoch(qint64(claims.value(QLatin1String("exp")).toDouble()), Qt::UTC);
        done(t);
    });
}

void PlatformClient::listClusters(const QString &token, QObject *context, ClustersCallback done)
{
    getJson(request(QStringLiteral("/auth/v1/clusters"), token), context, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        done(parseClusters(*r));
    });
}

QList<PlatformCluster> PlatformClient::parseClusters(const QJsonObject &clusterList)
{
    QList<PlatformCluster> out;
    for (const QJsonValue &v : clusterList.value(QLatin1String("items")).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
        PlatformCluster c;
        c.name = meta.value(QLatin1String("name")).toString();
        if (c.name.isEmpty())
            continue;
        c.displayName = meta.value(QLatin1String("annotations")).toObject().value(QLatin1String("cpaas.io/display-name")).toString();
        if (c.displayName.isEmpty())
            c.displayName = c.name;
        const QJsonObject status = o.value(QLatin1String("status")).toObject();
        const QJsonValue version = status.value(QLatin1String("version"));
        c.version = version.isObject() ? version.toObject().value(QLatin1String("gitVersion")).toString() : version.toString();
        // ACP reports health as problem conditions (NotAccessible, ComponentNotHealthy,
        // NodeNotReady: "False" is healthy); upstream-style Ready conditions count too.
        const QJsonArray conditions = status.value(QLatin1String("conditions")).toArray();
        c.ready = !conditions.isEmpty();
        for (const QJsonValue &cond : conditions) {
            const QJsonObject co = cond.toObject();
            const QString type = co.value(QLatin1String("type")).toString();
            const bool isTrue = co.value(QLatin1String("status")).toString() == QLatin1String("True");
            const bool positive = type == QLatin1String("Ready") || type == QLatin1String("ComponentsReady");
            if (positive != isTrue)
                c.ready = false;
        }
        c.object = o;
        out << c;
    }
    std::sort(out.begin(), out.end(), [](const PlatformCluster &a, const PlatformCluster &b) { return a.name < b.name; });
    return out;
}

QJsonObject PlatformClient::jwtClaims(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(payload).object();
}

Result<QByteArray> PlatformClient::encryptPassword(const QByteArray &pubkeyPem, const QString &ts, const QString &password)
{
    const QByteArray plain = QJsonDocument(QJsonObject{{QStringLiteral("ts"), ts}, {QStringLiteral("password"), password}})
                                 .toJson(QJsonDocument::Compact);
    BIO *bio = BIO_new_mem_buf(pubkeyPem.constData(), int(pubkeyPem.size()));
    EVP_PKEY *key = bio ? PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(bio);
    if (!key)
        return ApiError{0, QString(), QStringLiteral("the platform's public key (/dex/pubkey) is not a PEM public key")};
    QByteArray out;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
    size_t len = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(plain.constData());
    if (ctx && EVP_PKEY_encrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1
        && EVP_PKEY_encrypt(ctx, nullptr, &len, in, size_t(plain.size())) == 1) {
        out.resize(qsizetype(len));
        if (EVP_PKEY_encrypt(ctx, reinterpret_cast<unsigned char *>(out.data()), &len, in, size_t(plain.size())) == 1)
            out.resize(qsizetype(len));
        else
            out.clear();
    }
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    if (out.isEmpty())
        return ApiError{0, QString(), QStringLiteral("cannot encrypt the password with the platform's public key")};
    return out.toBase64();
}

} // namespace acp::api
