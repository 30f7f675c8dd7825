#pragma once
// UserDirectory: the sandbox's identity provider. Users with passwords, groups and bearer
// tokens (JWT-shaped, HS256-signed with a per-sandbox key); tokens issued at login are
// remembered. Loaded from a YAML/JSON config file or the built-in defaults (admin, alice, bob).
// Never logs passwords or tokens. Single-threaded.
#include "api/Result.h"
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::sandbox {

struct UserInfo {
    QString name;
    QString uid;
    QStringList groups;                   // excluding the implicit system:authenticated
    QHash<QString, QStringList> extra;
    QString email;
    QString displayName;
    bool platformAdmin = false;
    QStringList allGroups() const { return groups + QStringList{QStringLiteral("system:authenticated")}; }
};

class UserDirectory {
public:
    UserDirectory();   // built-in users (see defaults())

    // users: [{name, password, groups, email, displayName, platformAdmin, tokens: [..]}]
    api::Result<bool> loadFile(const QString &path);
    void loadJson(const QJsonObject &config);
    QJsonObject toJson() const;           // for the state file (includes issued tokens)

    std::optional<UserInfo> authenticate(const QByteArray &bearerToken) const;
    std::optional<UserInfo> user(const QString &name) const;
    bool checkPassword(const QString &name, const QString &password) const;
    // Issues a new token for a user (valid until the sandbox forgets it).
    QString issueToken(const QString &name, qint64 lifetimeSeconds = 86400);
    // The token the kubeconfig uses for this user (stable for a given signing key).
    QString defaultToken(const QString &name) const;
    QStringList userNames() const;
    void setSigningKey(const QByteArray &key) { m_key = key; }
    QByteArray signingKey() const { return m_key; }

private:
    QString makeToken(const UserInfo &u, qint64 issuedAt, qint64 expiresAt) const;

    struct Entry {
        UserInfo info;
        QString password;
        QStringList tokens;
    };
    QHash<QString, Entry> m_users;
    QHash<QString, QString> m_tokenOwner;   // token -> user name
    QByteArray m_key;
};

} // namespace acp::sandbox
