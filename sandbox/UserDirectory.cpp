#include "sandbox/UserDirectory.h"

#include "api/Yaml.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUuid>

namespace acp::sandbox {

namespace {
QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonObject defaultConfig()
{
    // Demo identities. Passwords are for the local sandbox only.
    auto user = [](const char *name, const char *password, QStringList groups, const char *display, bool admin) {
        QJsonObject u{{QStringLiteral("name"), QString::fromLatin1(name)},
                      {QStringLiteral("password"), QString::fromLatin1(password)},
                      {QStringLiteral("groups"), QJsonArray::fromStringList(groups)},
                      {QStringLiteral("email"), QString(QString::fromLatin1(name) + QStringLiteral("@example.com"))},
                      {QStringLiteral("displayName"), QString::fromLatin1(display)},
                      {QStringLiteral("platformAdmin"), admin}};
        return u;
    };
    return QJsonObject{{QStringLiteral("users"), QJsonArray{
        user("admin", "admin-password", {QStringLiteral("acp:platform-admins")}, "Platform Administrator", true),
        user("alice", "alice-password", {QStringLiteral("acp:project-owners")}, "Alice (project owner)", false),
        user("bob", "bob-password", {QStringLiteral("acp:auditors")}, "Bob (auditor)", false)}}};
}
} // namespace

UserDirectory::UserDirectory() : m_key(QByteArrayLiteral("acp-sandbox-signing-key"))
{
    loadJson(defaultConfig());
}

api::Result<bool> UserDirectory::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::ApiError::input(path, 0, 0, QStringLiteral("cannot read users file: ") + f.errorString());
    auto doc = api::yaml::parseOne(f.readAll(), path);
    if (!doc)
        return doc.error();
    if (!doc->isObject() || !doc->toObject().value(QLatin1String("users")).isArray())
        return api::ApiError::input(path, 1, 1, QStringLiteral("expected a mapping with a 'users' list"));
    m_users.clear();
    m_tokenOwner.clear();
    loadJson(doc->toObject());
    return true;
}

void UserDirectory::loadJson(const QJsonObject &config)
{
    if (config.contains(QLatin1String("signingKey")))
        m_key = QByteArray::fromBase64(config.value(QLatin1String("signingKey")).toString().toLatin1());
    for (const QJsonValue &v : config.value(QLatin1String("users")).toArray()) {
        const QJsonObject u = v.toObject();
        Entry e;
        e.info.name = u.value(QLatin1String("name")).toString();
        if (e.info.name.isEmpty())
            continue;
        e.info.uid = u.value(QLatin1String("uid")).toString(
            QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-") +
                              QString::fromLatin1(QCryptographicHash::hash(e.info.name.toUtf8(), QCryptographicHash::Sha1).toHex().left(12)))
                .toString(QUuid::WithoutBraces));
        for (const QJsonValue &g : u.value(QLatin1String("groups")).toArray())
            e.info.groups << g.toString();
        e.info.email = u.value(QLatin1String("email")).toString();
        e.info.displayName = u.value(QLatin1String("displayName")).toString(e.info.name);
        e.info.platformAdmin = u.value(QLatin1String("platformAdmin")).toBool();
        e.password = u.value(QLatin1String("password")).toString();
        for (const QJsonValue &t : u.value(QLatin1String("tokens")).toArray())
            e.tokens << t.toString();
        m_users.insert(e.info.name, e);
        for (const QString &t : e.tokens)
            m_tokenOwner.insert(t, e.info.name);
        const QString def = defaultToken(e.info.name);
        m_tokenOwner.insert(def, e.info.name);
    }
}

QJsonObject UserDirectory::toJson() const
{
    QJsonArray users;
    for (const Entry &e : m_users) {
        users << QJsonObject{{QStringLiteral("name"), e.info.name},
                             {QStringLiteral("uid"), e.info.uid},
                             {QStringLiteral("password"), e.password},
                             {QStringLiteral("groups"), QJsonArray::fromStringList(e.info.groups)},
                             {QStringLiteral("email"), e.info.email},
                             {QStringLiteral("displayName"), e.info.displayName},
                             {QStringLiteral("platformAdmin"), e.info.platformAdmin},
                             {QStringLiteral("tokens"), QJsonArray::fromStringList(e.tokens)}};
    }
    return QJsonObject{{QStringLiteral("signingKey"), QString::fromLatin1(m_key.toBase64())},
                       {QStringLiteral("users"), users}};
}

std::optional<UserInfo> UserDirectory::authenticate(const QByteArray &bearerToken) const
{
    const auto owner = m_tokenOwner.constFind(QString::fromLatin1(bearerToken));
    if (owner == m_tokenOwner.constEnd())
        return std::nullopt;
    // Issued tokens carry their expiry in the payload.
    const QList<QByteArray> parts = bearerToken.split('.');
    if (parts.size() == 3) {
        const QJsonObject payload = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)).object();
        const qint64 exp = qint64(payload.value(QLatin1String("exp")).toDouble());
        if (exp > 0 && exp < QDateTime::currentSecsSinceEpoch())
            return std::nullopt;
    }
    return user(*owner);
}

std::optional<UserInfo> UserDirectory::user(const QString &name) const
{
    const auto it = m_users.constFind(name);
    if (it == m_users.constEnd())
        return std::nullopt;
    return it->info;
}

bool UserDirectory::checkPassword(const QString &name, const QString &password) const
{
    const auto it = m_users.constFind(name);
    return it != m_users.constEnd() && !it->password.isEmpty() && it->password == password;
}

QString UserDirectory::makeToken(const UserInfo &u, qint64 issuedAt, qint64 expiresAt) const
{
    const QByteArray header = b64url(R"({"alg":"HS256","typ":"JWT"})");
    QJsonObject payload{{QStringLiteral("iss"), QStringLiteral("https://acp-sandbox.local/dex")},
                        {QStringLiteral("sub"), u.uid},
                        {QStringLiteral("aud"), QStringLiteral("alauda-auth")},
                        {QStringLiteral("name"), u.name},
                        {QStringLiteral("email"), u.email},
                        {QStringLiteral("groups"), QJsonArray::fromStringList(u.groups)},
                        {QStringLiteral("iat"), issuedAt},
                        {QStringLiteral("ext"), QJsonObject{{QStringLiteral("is_admin"), u.platformAdmin}}}};
    if (expiresAt > 0)
        payload.insert(QStringLiteral("exp"), expiresAt);
    const QByteArray body = header + '.' + b64url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray sig = QMessageAuthenticationCode::hash(body, m_key, QCryptographicHash::Sha256);
    return QString::fromLatin1(body + '.' + b64url(sig));
}

QString UserDirectory::issueToken(const QString &name, qint64 lifetimeSeconds)
{
    auto it = m_users.find(name);
    if (it == m_users.end())
        return QString();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // iat in milliseconds-resolution keeps two tokens issued in the same second distinct.
    const QString token = makeToken(it->info, now, now + lifetimeSeconds) ;
    QString unique = token;
    if (m_tokenOwner.contains(unique))
        unique = makeToken(it->info, now + it->tokens.size() + 1, now + lifetimeSeconds);
    it->tokens << unique;
    m_tokenOwner.insert(unique, name);
    return unique;
}

QString UserDirectory::defaultToken(const QString &name) const
{
    const auto it = m_users.constFind(name);
    if (it == m_users.constEnd())
        return QString();
    return makeToken(it->info, 1700000000, 0);   // fixed issue time, no expiry: stable per key
}

QStringList UserDirectory::userNames() const
{
    QStringList names = m_users.keys();
    names.sort();
    return names;
}

} // namespace acp::sandbox
