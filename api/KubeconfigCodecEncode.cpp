// KubeconfigCodec, encoding half: kubectl's clientcmd v1 JSON. Field names and omitempty rules
// follow k8s.io/client-go/tools/clientcmd/api/v1/types.go:
//   Cluster: "server" always written (also when ""), every other field omitempty.
//   AuthInfo: every field omitempty.
//   Context: "cluster" and "user" always written (also when ""), "namespace"/"extensions" omitempty.
//   ExecConfig: "command", "args", "env" and "provideClusterInfo" always written ("args"/"env" as
//     null when unset), "apiVersion", "installHint", "interactiveMode" omitempty; ExecEnvVar
//     writes "name" and "value" always.
//   Preferences: "colors" and "extensions" omitempty (so an empty one is {}).
//   Extensions: a list of {name, extension} sorted by name (kubectl holds them in a map).
#include "api/KubeconfigCodec.h"

namespace acp::api {

namespace {

void putString(QJsonObject &o, const char *key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), v);
}

void putBytes(QJsonObject &o, const char *key, const QByteArray &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), QString::fromLatin1(v.toBase64()));
}

void putBool(QJsonObject &o, const char *key, bool v)
{
    if (v)
        o.insert(QLatin1String(key), true);
}

void putExtensions(QJsonObject &o, const KubeExtensions &e)
{
    if (!e.isEmpty())
        o.insert(QStringLiteral("extensions"), KubeconfigCodec::encodeExtensions(e));
}

QJsonObject encodeExec(const ExecConfig &x)
{
    QJsonObject o;
    o.insert(QStringLiteral("command"), x.command);
    o.insert(QStringLiteral("args"), x.args.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(x.args)));
    QJsonArray env;
    for (const ExecEnvVar &v : x.env)
        env.append(QJsonObject{{QStringLiteral("name"), v.name}, {QStringLiteral("value"), v.value}});
    o.insert(QStringLiteral("env"), x.env.isEmpty() ? QJsonValue() : QJsonValue(env));
    putString(o, "apiVersion", x.apiVersion);
    putString(o, "installHint", x.installHint);
    o.insert(QStringLiteral("provideClusterInfo"), x.provideClusterInfo);
    putString(o, "interactiveMode", x.interactiveMode);
    return o;
}

} // namespace

QJsonArray KubeconfigCodec::encodeExtensions(const KubeExtensions &e)
{
    QJsonArray a;
    for (auto it = e.begin(); it != e.end(); ++it)
        a.append(QJsonObject{{QStringLiteral("name"), it.key()}, {QStringLiteral("extension"), it.value()}});
    return a;
}

QJsonObject KubeconfigCodec::encodeCluster(const KubeCluster &c)
{
    QJsonObject o{{QStringLiteral("server"), c.server}};
    putString(o, "tls-server-name", c.tlsServerName);
    putBool(o, "insecure-skip-tls-verify", c.insecureSkipTlsVerify);
    putString(o, "certificate-authority", c.certificateAuthority);
    putBytes(o, "certificate-authority-data", c.certificateAuthorityData);
    putString(o, "proxy-url", c.proxyUrl);
    putBool(o, "disable-compression", c.disableCompression);
    putExtensions(o, c.extensions);
    return o;
}

QJsonObject KubeconfigCodec::encodeAuthInfo(const KubeAuthInfo &u)
{
    QJsonObject o;
    putString(o, "client-certificate", u.clientCertificate);
    putBytes(o, "client-certificate-data", u.clientCertificateData);
    putString(o, "client-key", u.clientKey);
    putBytes(o, "client-key-data", u.clientKeyData);
    putString(o, "token", u.token);
    putString(o, "tokenFile", u.tokenFile);
    putString(o, "as", u.impersonate);
    putString(o, "as-uid", u.impersonateUid);
    if (!u.impersonateGroups.isEmpty())
        o.insert(QStringLiteral("as-groups"), QJsonArray::fromStringList(u.impersonateGroups));
    if (!u.impersonateUserExtra.isEmpty()) {
        QJsonObject extra;
        for (auto it = u.impersonateUserExtra.begin(); it != u.impersonateUserExtra.end(); ++it)
            extra.insert(it.key(), it.value().isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(it.value())));
        o.insert(QStringLiteral("as-user-extra"), extra);
    }
    putString(o, "username", u.username);
    putString(o, "password", u.password);
    if (u.authProvider) {
        QJsonObject ap{{QStringLiteral("name"), u.authProvider->name}};
        if (!u.authProvider->config.isEmpty()) {
            QJsonObject cfg;
            for (auto it = u.authProvider->config.begin(); it != u.authProvider->config.end(); ++it)
                cfg.insert(it.key(), it.value());
            ap.insert(QStringLiteral("config"), cfg);
        }
        o.insert(QStringLiteral("auth-provider"), ap);
    }
    if (u.exec)
        o.insert(QStringLiteral("exec"), encodeExec(*u.exec));
    putExtensions(o, u.extensions);
    return o;
}

QJsonObject KubeconfigCodec::encodeContext(const KubeContext &c)
{
    QJsonObject o{{QStringLiteral("cluster"), c.cluster}, {QStringLiteral("user"), c.user}};
    putString(o, "namespace", c.namespaceName);
    putExtensions(o, c.extensions);
    return o;
}

QJsonObject KubeconfigCodec::encodePreferences(const KubePreferences &p)
{
    QJsonObject o;
    putBool(o, "colors", p.colors);
    putExtensions(o, p.extensions);
    return o;
}

QJsonObject KubeconfigCodec::overlay(const QJsonObject &raw, const QJsonObject &before, const QJsonObject &after,
                                     const QStringList &known)
{
    QJsonObject o = raw;
    for (const QString &k : known) {
        if (before.value(k) == after.value(k))
            continue;
        if (after.contains(k))
            o.insert(k, after.value(k));
        else
            o.remove(k);
    }
    return o;
}

const QStringList &KubeconfigCodec::clusterKeys()
{
    static const QStringList k{QStringLiteral("server"), QStringLiteral("tls-server-name"), QStringLiteral("insecure-skip-tls-verify"),
                               QStringLiteral("certificate-authority"), QStringLiteral("certificate-authority-data"),
                               QStringLiteral("proxy-url"), QStringLiteral("disable-compression"), QStringLiteral("extensions")};
    return k;
}

const QStringList &KubeconfigCodec::authInfoKeys()
{
    static const QStringList k{QStringLiteral("client-certificate"), QStringLiteral("client-certificate-data"), QStringLiteral("client-key"),
                               QStringLiteral("client-key-data"), QStringLiteral("token"), QStringLiteral("tokenFile"), QStringLiteral("as"),
                               QStringLiteral("as-uid"), QStringLiteral("as-groups"), QStringLiteral("as-user-extra"), QStringLiteral("username"),
                               QStringLiteral("password"), QStringLiteral("auth-provider"), QStringLiteral("exec"), QStringLiteral("extensions")};
    return k;
}

const QStringList &KubeconfigCodec::contextKeys()
{
    static const QStringList k{QStringLiteral("cluster"), QStringLiteral("user"), QStringLiteral("namespace"), QStringLiteral("extensions")};
    return k;
}

} // namespace acp::api
