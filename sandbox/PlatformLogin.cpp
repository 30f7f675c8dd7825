#include "sandbox/PlatformLogin.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrl>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace acp::sandbox {

namespace {

constexpr qint64 kStateLifetimeSeconds = 600;
constexpr int kMaxPending = 10000;

QByteArray randomBytes(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        out[i] = char(QRandomGenerator::system()->bounded(256));
    return out;
}

QString randomUrlToken(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// dex-style identifiers: lower-case base32 without padding.
QString randomBase32(int bytes)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    const QByteArray raw = randomBytes(bytes);
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (char c : raw) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out += QLatin1Char(alphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

qint64 nowSecs() { return QDateTime::currentSecsSinceEpoch(); }

QString rfc3339(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

template <typename Map>
void pruneMap(Map &map, qint64 oldest)
{
    for (auto it = map.begin(); it != map.end();) {
        if (it->created < oldest)
            it = map.erase(it);
        else
            ++it;
    }
}

} // namespace

// ------------------------------------------------------------------------------------------------
PasswordKey::~PasswordKey()
{
    if (m_key)
        EVP_PKEY_free(m_key);
}

bool PasswordKey::generate(int bits, QString *error)
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits));
    if (!key) {
        if (error)
            *error = QStringLiteral("RSA key generation failed");
        return false;
    }
    if (m_key)
        EVP_PKEY_free(m_key);
    m_key = key;
    return true;
}

QByteArray PasswordKey::publicKeyPem() const
{
    if (!m_key)
        return QByteArray();
    BIO *bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    if (PEM_write_bio_PUBKEY(bio, m_key) == 1) {
        char *data = nullptr;
        const long len = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, int(len));
    }
    BIO_free(bio);
    return pem;
}

std::optional<QByteArray> PasswordKey::decrypt(const QByteArray &ciphertext) const
{
    if (!m_key || ciphertext.isEmpty())
        return std::nullopt;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, m_key, nullptr);
    if (!ctx)
        return std::nullopt;
    std::optional<QByteArray> result;
    size_t outLen = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(ciphertext.constData());
    if (EVP_PKEY_decrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1
        && EVP_PKEY_decrypt(ctx, nullptr, &outLen, in, size_t(ciphertext.size())) == 1) {
        QByteArray out(qsizetype(outLen), Qt::Uninitialized);
        if (EVP_PKEY_decrypt(ctx, reinterpret_cast<unsigned char *>(out.data()), &outLen, in, size_t(ciphertext.size())) == 1) {
            out.truncate(qsizetype(outLen));
            result = out;
        }
    }
    EVP_PKEY_CTX_free(ctx);
    return result;
}

// ------------------------------------------------------------------------------------------------
PlatformLogin::PlatformLogin(UserDirectory *users) : m_users(users) {}

QString PlatformLogin::newId() { return randomBase32(20); }

PasswordKey &PlatformLogin::key()
{
    if (!m_key.isValid())
        m_key.generate(2048);
    return m_key;
}

PlatformLogin::Reply PlatformLogin::error(int status, const QString &reason, const QString &message)
{
    Reply r;
    r.status = status;
    api::ApiError e;
    e.httpStatus = status;
    e.reason = reason;
    e.message = message;
    r.body = e.toStatus();
    return r;
}

QString PlatformLogin::cookieValue(const QByteArray &cookieHeader, const char *name)
{
    const QByteArray wanted(name);
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray kv = part.trimmed();
        const qsizetype eq = kv.indexOf('=');
        if (eq > 0 && kv.left(eq) == wanted)
            return QString::fromLatin1(kv.mid(eq + 1));
    }
    return QString();
}

QByteArray PlatformLogin::s256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray PlatformLogin::flowCookie(const QString &flowId, bool clear) const
{
    if (clear)
        return QByteArray(kCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
    return QByteArray(kCookie) + '=' + flowId.toLatin1() + "; Path=/; Max-Age=" + QByteArray::number(kStateLifetimeSeconds)
         + "; HttpOnly; SameSite=Lax";
}

void PlatformLogin::prune()
{
    const qint64 oldest = nowSecs() - kStateLifetimeSeconds;
    pruneMap(m_flows, oldest);
    pruneMap(m_requests, oldest);
    pruneMap(m_codes, oldest);
    pruneMap(m_upstreamCodes, oldest);
    for (auto it = m_flowByState.begin(); it != m_flowByState.end();) {
        if (!m_flows.contains(it.value()))
            it = m_flowByState.erase(it);
        else
            ++it;
    }
    for (auto it = m_timestamps.begin(); it != m_timestamps.end();) {
        if (it.value() < oldest)
            it = m_timestamps.erase(it);
        else
            ++it;
    }
}

PlatformLogin::Reply PlatformLogin::login(const QUrlQuery &query, const QString &baseUrl)
{
    prune();
    const QString clientId = query.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    if (!clientId.isEmpty() && clientId != QLatin1String(kClientId))
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("invalid client_id \"%1\": the platform's client is \"%2\"").arg(clientId, QLatin1String(kClientId)));
    const QString responseType = query.queryItemValue(QStringLiteral("response_type"), QUrl::FullyDecoded);
    if (!responseType.isEmpty() && responseType != QLatin1String("code"))
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("unsupported response_type \"%1\": only \"code\" is supported").arg(responseType));
    if (m_flows.size() >= kMaxPending)
        return error(429, QStringLiteral("TooManyRequests"), QStringLiteral("too many pending logins, try again later"));

    Flow flow;
    flow.id = randomUrlToken(24);
    flow.state = randomUrlToken(32);
    flow.nonce = randomUrlToken(16);
    flow.verifier = randomUrlToken(32);
    flow.redirectUri = query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    if (flow.redirectUri.isEmpty())
        flow.redirectUri = baseUrl + QStringLiteral("/dex/callback");
    flow.scope = query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded);
    if (flow.scope.isEmpty())
        flow.scope = QLatin1String(kScope);
    flow.created = nowSecs();
    m_flows.insert(flow.id, flow);
    m_flowByState.insert(flow.state, flow.id);

    QUrlQuery auth;
    auth.addQueryItem(QStringLiteral("access_type"), QStringLiteral("offline"));
    auth.addQueryItem(QStringLiteral("client_id"), QLatin1String(kClientId));
    auth.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(s256(flow.verifier.toLatin1())));
    auth.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    auth.addQueryItem(QStringLiteral("nonce"), flow.nonce);
    auth.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(flow.redirectUri)));
    auth.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    auth.addQueryItem(QStringLiteral("scope"), QString::fromLatin1(QUrl::toPercentEncoding(flow.scope)));
    auth.addQueryItem(QStringLiteral("state"), flow.state);
    const QString logoutRedirect = QString::fromLatin1(QUrl::toPercentEncoding(baseUrl + QStringLiteral("/console-platform")));

    Reply r;
    r.body = QJsonObject{
        {QStringLiteral("auth_url"), QString(baseUrl + QStringLiteral("/console-dex/auth?") + auth.query(QUrl::FullyEncoded))},
        {QStringLiteral("state"), flow.state},
        {QStringLiteral("logout_url"), QString(baseUrl + QStringLiteral("/dex/logout?post_logout_redirect_uri=") + logoutRedirect
                                               + QStringLiteral("&state=") + flow.state)}};
    r.headers << qMakePair(QByteArrayLiteral("Set-Cookie"), flowCookie(flow.id));
    return r;
}

std::optional<PlatformLogin::Reply> PlatformLogin::checkAuthQuery(const QUrlQuery &query, QString *flowId) const
{
    auto value = [&query](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    const QString clientId = value("client_id");
    if (clientId != QLatin1String(kClientId))
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("Invalid client_id (\"%1\").").arg(clientId));
    if (value("response_type") != QLatin1String("code"))
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("Unsupported response type \"%1\".").arg(value("response_type")));
    if (value("redirect_uri").isEmpty())
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("No redirect_uri provided."));
    const QString challenge = value("code_challenge");
    if (challenge.isEmpty())
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("PKCE code_challenge is required for this client"));
    const QString state = value("state");
    const QString id = m_flowByState.value(state);
    const auto flow = m_flows.constFind(id);
    if (state.isEmpty() || flow == m_flows.constEnd())
        return error(400, QStringLiteral("BadRequest"),
                     QStringLiteral("unknown or expired login state: start with GET /console-platform/api/v1/token/login "
                                    "and pass the query of its auth_url unchanged"));
    if (challenge.toLatin1() != s256(flow->verifier.toLatin1()))
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("code_challenge does not match the login flow of this state"));
    *flowId = id;
    return std::nullopt;
}

QString PlatformLogin::newRequest(const QString &flowId, const QUrlQuery &query)
{
    DexRequest dr;
    dr.flowId = flowId;
    dr.redirectUri = query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    dr.state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    dr.created = nowSecs();
    const QString req = randomBase32(20);
    m_requests.insert(req, dr);
    return req;
}

PlatformLogin::Reply PlatformLogin::authorize(const QUrlQuery &query, const QByteArray &)
{
    prune();
    QString flowId;
    if (auto problem = checkAuthQuery(query, &flowId))
        return *problem;
    // The flow cookie is (re)set here whatever the request carried: the callback checks it.
    Reply r;
    r.body = QJsonObject{{QStringLiteral("req"), newRequest(flowId, query)}};
    r.headers << qMakePair(QByteArrayLiteral("Set-Cookie"), flowCookie(flowId));
    return r;
}

PlatformLogin::Reply PlatformLogin::pubkey()
{
    prune();
    const QByteArray pem = key().publicKeyPem();
    if (pem.isEmpty())
        return error(500, QStringLiteral("InternalError"), QStringLiteral("the password key is not available"));
    // Unique per request (single-use in step 4): seconds, bumped past the last one handed out.
    m_lastTs = qMax(nowSecs(), m_lastTs + 1);
    const QString ts = QString::number(m_lastTs);
    m_timestamps.insert(ts, nowSecs());
    Reply r;
    r.body = QJsonObject{{QStringLiteral("ts"), ts},
                         {QStringLiteral("pubkey"), QString::fromLatin1(pem)},
                         {QStringLiteral("pubkey_encode"), QString::fromLatin1(pem.toBase64())}};
    return r;
}

std::optional<QString> PlatformLogin::resolveAccount(const QString &account) const
{
    if (m_users->user(account))
        return account;
    for (const QString &name : m_users->userNames()) {
        const auto u = m_users->user(name);
        if (u && !u->email.isEmpty() && u->email.compare(account, Qt::CaseInsensitive) == 0)
            return name;
    }
    return std::nullopt;
}

PlatformLogin::Reply PlatformLogin::submit(const QString &idp, const QString &req, const QByteArray &body)
{
    prune();
    if (idp != QLatin1String(kConnector))
        return error(404, QStringLiteral("NotFound"), QStringLiteral("connector \"%1\" not found (the sandbox has \"%2\")").arg(idp, QLatin1String(kConnector)));
    const auto request = m_requests.constFind(req);
    if (req.isEmpty() || request == m_requests.constEnd())
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("Login session expired: unknown or expired req, get a new one from GET /dex/api/v1/authorize"));
    QJsonParseError perr;
    const QJsonObject in = QJsonDocument::fromJson(body, &perr).object();
    const QString account = in.value(QLatin1String("account")).toString();
    const QString encrypted = in.value(QLatin1String("password")).toString();
    if (perr.error != QJsonParseError::NoError || account.isEmpty() || encrypted.isEmpty())
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("expected a JSON body {\"account\": ..., \"password\": ...}"));

    const auto plain = key().decrypt(QByteArray::fromBase64(encrypted.toLatin1()));
    const QJsonObject payload = plain ? QJsonDocument::fromJson(*plain).object() : QJsonObject();
    const QJsonValue tsValue = payload.value(QLatin1String("ts"));
    const QString ts = tsValue.isString() ? tsValue.toString() : QString::number(qint64(tsValue.toDouble()));
    const QJsonValue password = payload.value(QLatin1String("password"));
    if (!plain || !password.isString() || tsValue.isUndefined())
        return error(400, QStringLiteral("BadRequest"),
                     QStringLiteral("password must be base64(RSA PKCS#1 v1.5 encryption of {\"ts\": <ts>, \"password\": <password>}) "
                                    "with the key and ts from GET /dex/pubkey"));
    if (!m_timestamps.remove(ts))
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("invalid or already used ts: fetch a fresh one from GET /dex/pubkey for every attempt"));

    const auto name = resolveAccount(account);
    if (!name || !m_users->checkPassword(*name, password.toString()))
        return error(401, QStringLiteral("Unauthorized"), QStringLiteral("Invalid username or password"));
    if (m_codes.size() >= kMaxPending)
        return error(429, QStringLiteral("TooManyRequests"), QStringLiteral("too many pending logins, try again later"));

    Reply r;
    r.body = QJsonObject{{QStringLiteral("session_state"), QString()}, {QStringLiteral("redirect_url"), issueCode(req, *name)}};
    return r;
}

QString PlatformLogin::issueCode(const QString &req, const QString &user)
{
    const DexRequest dr = m_requests.take(req);
    Code code;
    code.user = user;
    code.flowId = dr.flowId;
    code.state = dr.state;
    code.created = nowSecs();
    const QString codeValue = randomBase32(20);
    m_codes.insert(codeValue, code);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("code"), codeValue);
    q.addQueryItem(QStringLiteral("state"), dr.state);
    const QChar sep = dr.redirectUri.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    return dr.redirectUri + sep + q.query(QUrl::FullyEncoded);
}

PlatformLogin::Reply PlatformLogin::callback(const QUrlQuery &query, const QByteArray &cookieHeader)
{
    prune();
    const QString codeValue = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (codeValue.isEmpty() || state.isEmpty())
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("code and state are required"));
    const QString flowId = cookieValue(cookieHeader, kCookie);
    const auto flow = m_flows.constFind(flowId);
    if (flowId.isEmpty() || flow == m_flows.constEnd() || flow->state != state)
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("invalid authentication session"));
    const auto code = m_codes.constFind(codeValue);
    if (code == m_codes.constEnd() || code->flowId != flowId || code->state != state)
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("invalid or expired authorization code"));
    const QString user = code->user;
    m_codes.erase(code);
    m_flowByState.remove(flow->state);
    m_flows.erase(flow);

    const qint64 issued = nowSecs();
    const QString token = m_users->issueToken(user, kTokenLifetimeSeconds);
    if (token.isEmpty())
        return error(401, QStringLiteral("Unauthorized"), QStringLiteral("the user no longer exists"));
    Reply r;
    r.body = QJsonObject{{QStringLiteral("token_type"), QStringLiteral("bearer")},
                         {QStringLiteral("access_token"), token},
                         {QStringLiteral("id_token"), token},
                         {QStringLiteral("refresh_token"), randomUrlToken(32)},
                         {QStringLiteral("expire_at"), rfc3339(issued + kTokenLifetimeSeconds)},
                         {QStringLiteral("issued_at"), rfc3339(issued)},
                         {QStringLiteral("token_storage"), QStringLiteral("local")}};
    r.headers << qMakePair(QByteArrayLiteral("Set-Cookie"), flowCookie(QString(), true));
    return r;
}

PlatformLogin::Reply PlatformLogin::connectors() const
{
    Reply r;
    r.rawJson = QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("conn_id"), QLatin1String(kConnector)},
                                                      {QStringLiteral("name"), QStringLiteral("Local")},
                                                      {QStringLiteral("type"), QStringLiteral("local")}},
                                         QJsonObject{{QStringLiteral("conn_id"), QLatin1String(kSsoConnector)},
                                                      {QStringLiteral("name"), QStringLiteral("Sandbox SSO")},
                                                      {QStringLiteral("type"), QStringLiteral("oidc")}}})
                    .toJson(QJsonDocument::Compact);
    return r;
}

} // namespace acp::sandbox
