#include "api/KubeconfigResolver.h"
#include "api/ExecCredentialSource.h"
#include "api/OidcCredentialSource.h"
#include <QFile>
#include <QFileInfo>

namespace acp::api {

namespace {

QString absFromCwd(const QString &p)
{
    return p.isEmpty() ? p : QFileInfo(p).absoluteFilePath();
}

// os.Open's error text for a path that cannot be read.
std::optional<QString> openError(const QString &path)
{
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return QStringLiteral("open %1: %2").arg(path, f.exists() ? QStringLiteral("permission denied") : QStringLiteral("no such file or directory"));
}

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Kubeconfig::configError(*openError(path));
    return f.readAll();
}

std::optional<QString> proxyError(const QString &proxy)
{
    const QUrl u(proxy, QUrl::StrictMode);
    if (!u.isValid())
        return QStringLiteral("could not parse: %1").arg(proxy);
    const QString s = u.scheme();
    if (s != QLatin1String("http") && s != QLatin1String("https") && s != QLatin1String("socks5"))
        return QStringLiteral("unsupported scheme \"%1\", must be http, https, or socks5").arg(s);
    return std::nullopt;
}

QStringList validateCluster(const QString &name, const KubeCluster &c)
{
    QStringList errs;
    if (c.server.isEmpty())
        errs << (name.isEmpty() ? QStringLiteral("default cluster has no server defined")
                                : QStringLiteral("no server found for cluster \"%1\"").arg(name));
    if (!c.proxyUrl.isEmpty())
        if (auto e = proxyError(c.proxyUrl))
            errs << QStringLiteral("invalid 'proxy-url' \"%1\" for cluster \"%2\": %3").arg(c.proxyUrl, name, *e);
    if (!c.certificateAuthority.isEmpty() && !c.certificateAuthorityData.isEmpty())
        errs << QStringLiteral("certificate-authority-data and certificate-authority are both specified for %1. "
                               "certificate-authority-data will override.").arg(name);
    if (!c.certificateAuthority.isEmpty())
        if (auto e = openError(c.certificateAuthority))
            errs << QStringLiteral("unable to read certificate-authority %1 for %2 due to %3").arg(c.certificateAuthority, name, *e);
    return errs;
}

QStringList validateExec(const QString &name, const KubeAuthInfo &u)
{
    QStringList errs;
    if (u.authProvider)
        errs << QStringLiteral("authProvider cannot be provided in combination with an exec plugin for %1").arg(name);
    if (u.exec->command.isEmpty())
        errs << QStringLiteral("command must be specified for %1 to use exec authentication plugin").arg(name);
    if (u.exec->apiVersion.isEmpty())
        errs << QStringLiteral("apiVersion must be specified for %1 to use exec authentication plugin").arg(name);
    for (const ExecEnvVar &v : u.exec->env)
        if (v.name.isEmpty())
            errs << QStringLiteral("env variable name must be specified for %1 to use exec authentication plugin").arg(name);
    const QString mode = u.exec->interactiveMode;
    if (mode.isEmpty())
        errs << QStringLiteral("interactiveMode must be specified for %1 to use exec authentication plugin").arg(name);
    else if (mode != QLatin1String("Never") && mode != QLatin1String("IfAvailable") && mode != QLatin1String("Always"))
        errs << QStringLiteral("invalid interactiveMode for %1: \"%2\"").arg(name, mode);
    return errs;
}

QStringList validateUser(const QString &name, const KubeAuthInfo &u)
{
    QStringList errs, methods;
    if (!u.token.isEmpty())
        methods << QStringLiteral("token");
    if (!u.username.isEmpty() || !u.password.isEmpty())
        methods << QStringLiteral("basicAuth");
    if (!u.clientCertificate.isEmpty() || !u.clientCertificateData.isEmpty()) {
        if (!u.clientCertificate.isEmpty() && !u.clientCertificateData.isEmpty())
            errs << QStringLiteral("client-cert-data and client-cert are both specified for %1. client-cert-data will override.").arg(name);
        if (!u.clientKey.isEmpty() && !u.clientKeyData.isEmpty())
            errs << QStringLiteral("client-key-data and client-key are both specified for %1; client-key-data will override").arg(name);
        if (u.clientKey.isEmpty() && u.clientKeyData.isEmpty())
            errs << QStringLiteral("client-key-data or client-key must be specified for %1 to use the clientCert authentication method.").arg(name);
        if (!u.clientCertificate.isEmpty())
            if (auto e = openError(u.clientCertificate))
                errs << QStringLiteral("unable to read client-cert %1 for %2 due to %3").arg(u.clientCertificate, name, *e);
        if (!u.clientKey.isEmpty())
            if (auto e = openError(u.clientKey))
                errs << QStringLiteral("unable to read client-key %1 for %2 due to %3").arg(u.clientKey, name, *e);
    }
    if (u.exec)
        errs += validateExec(name, u);
    if (methods.size() > 1)
        errs << QStringLiteral("more than one authentication method found for %1; found [%2], only one is allowed").arg(name, methods.join(QLatin1Char(' ')));
    if ((!u.impersonateUid.isEmpty() || !u.impersonateGroups.isEmpty() || !u.impersonateUserExtra.isEmpty()) && u.impersonate.isEmpty())
        errs << QStringLiteral("requesting uid, groups or user-extra for %1 without impersonating a user").arg(name);
    return errs;
}

void applyOverrides(const KubeconfigOverrides &o, KubeCluster &c, KubeAuthInfo &u)
{
    if (!o.server.isEmpty()) c.server = o.server;
    if (!o.tlsServerName.isEmpty()) c.tlsServerName = o.tlsServerName;
    if (!o.certificateAuthority.isEmpty()) {
        c.certificateAuthority = absFromCwd(o.certificateAuthority);
        c.certificateAuthorityData.clear();
    }
    if (o.insecureSkipTlsVerify) {
        c.insecureSkipTlsVerify = true;
        if (o.certificateAuthority.isEmpty()) { // client-go: the flag clears the file's CA
            c.certificateAuthority.clear();
            c.certificateAuthorityData.clear();
        }
    }
    if (!o.token.isEmpty()) {
        u.token = o.token;
        u.tokenFile.clear();
    }
    if (!o.username.isEmpty()) u.username = o.username;
    if (!o.password.isEmpty()) u.password = o.password;
    if (!o.clientCertificate.isEmpty()) {
        u.clientCertificate = absFromCwd(o.clientCertificate);
        u.clientCertificateData.clear();
    }
    if (!o.clientKey.isEmpty()) {
        u.clientKey = absFromCwd(o.clientKey);
        u.clientKeyData.clear();
    }
    if (!o.impersonateUser.isEmpty()) u.impersonate = o.impersonateUser;
    if (!o.impersonateUid.isEmpty()) u.impersonateUid = o.impersonateUid;
    if (!o.impersonateGroups.isEmpty()) u.impersonateGroups = o.impersonateGroups;
}

// DefaultServerURL: a bare host[:port] gets https:// when TLS settings exist, else http://.
Result<QUrl> serverUrl(const KubeCluster &c, const KubeAuthInfo &u)
{
    QUrl url(c.server, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        const bool tls = !c.certificateAuthority.isEmpty() || !c.certificateAuthorityData.isEmpty() || c.insecureSkipTlsVerify
            || !u.clientCertificate.isEmpty() || !u.clientCertificateData.isEmpty();
        url = QUrl((tls ? QStringLiteral("https://") : QStringLiteral("http://")) + c.server, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
            return Kubeconfig::configError(QStringLiteral("host must be a URL or a host:port pair: \"%1\"").arg(c.server));
    }
    return url;
}

} // namespace

namespace {

// The https-only part: TLS material and every kind of credential.
std::optional<ApiError> applyIdentity(RestConfig &rc, const KubeCluster &c, const KubeAuthInfo &u, const QString &userName,
                                      const KubeconfigResolver::OidcPersister &persist)
{
    if (!c.certificateAuthorityData.isEmpty()) {
        rc.caPem = c.certificateAuthorityData;
    } else if (!c.certificateAuthority.isEmpty()) {
        auto ca = readFile(c.certificateAuthority);
        if (!ca) return ca.error();
        rc.caPem = *ca;
    }
    rc.insecureSkipTlsVerify = c.insecureSkipTlsVerify;
    rc.tlsServerName = c.tlsServerName;
    Credentials &cr = rc.staticCredentials;
    if (!u.clientCertificateData.isEmpty()) {
        cr.clientCertificatePem = u.clientCertificateData;
    } else if (!u.clientCertificate.isEmpty()) {
        auto b = readFile(u.clientCertificate);
        if (!b) return b.error();
        cr.clientCertificatePem = *b;
    }
    if (!u.clientKeyData.isEmpty()) {
        cr.clientKeyPem = u.clientKeyData;
    } else if (!u.clientKey.isEmpty()) {
        auto b = readFile(u.clientKey);
        if (!b) return b.error();
        cr.clientKeyPem = *b;
    }
    if (!u.token.isEmpty()) {
        cr.bearerToken = u.token;
    } else if (!u.tokenFile.isEmpty()) {
        auto b = readFile(u.tokenFile);
        if (!b) return b.error();
        cr.bearerToken = QString::fromUtf8(b->trimmed());
        rc.tokenFile = u.tokenFile;
    }
    cr.username = u.username;
    cr.password = u.password;
    rc.impersonateUser = u.impersonate;
    rc.impersonateUid = u.impersonateUid;
    rc.impersonateGroups = u.impersonateGroups;
    for (auto it = u.impersonateUserExtra.begin(); it != u.impersonateUserExtra.end(); ++it)
        for (const QString &v : it.value())
            rc.impersonateExtra.insert(it.key(), v);
    if (u.exec) {
        ExecClusterInfo info{c.server, c.tlsServerName, c.insecureSkipTlsVerify, rc.caPem, c.proxyUrl, c.disableCompression,
                             c.extensions.value(QStringLiteral("client.authentication.k8s.io/exec"))};
        auto src = ExecCredentialSource::shared(*u.exec, userName, info);
        if (!src) return src.error();
        rc.credentialSource = *src;
    } else if (u.authProvider) {
        if (u.authProvider->name != QLatin1String("oidc"))
            return Kubeconfig::configError(QStringLiteral("no Auth Provider found for name \"%1\"").arg(u.authProvider->name));
        OidcCredentialSource::Persister p;
        if (persist)
            p = [persist, userName](const QMap<QString, QString> &cfg) { persist(userName, cfg); };
        auto src = OidcCredentialSource::create(userName, u.authProvider->config, p);
        if (!src) return src.error();
        rc.credentialSource = *src;
    }
    if (rc.insecureSkipTlsVerify && !rc.caPem.isEmpty())
        return Kubeconfig::configError(QStringLiteral("specifying a root certificates file with the insecure flag is not allowed"));
    return std::nullopt;
}

} // namespace

Result<RestConfig> KubeconfigResolver::resolve(const Kubeconfig &k, const KubeconfigOverrides &o, const OidcPersister &persist)
{
    const QString contextName = o.context.isEmpty() ? k.currentContext() : o.context;
    const auto ctxIt = k.contexts().constFind(contextName);
    const bool ctxExists = !contextName.isEmpty() && ctxIt != k.contexts().constEnd();
    const KubeContext ctx = ctxExists ? ctxIt->value : KubeContext{};
    const QString userName = o.user.isEmpty() ? ctx.user : o.user;
    const QString clusterName = o.cluster.isEmpty() ? ctx.cluster : o.cluster;
    const auto userIt = k.users().constFind(userName);
    const auto clusterIt = k.clusters().constFind(clusterName);
    const bool userExists = !userName.isEmpty() && userIt != k.users().constEnd();
    const bool clusterExists = !clusterName.isEmpty() && clusterIt != k.clusters().constEnd();
    if (!o.user.isEmpty() && !userExists)
        return Kubeconfig::configError(QStringLiteral("auth info \"%1\" does not exist").arg(o.user));
    if (!o.context.isEmpty() && !ctxExists)
        return Kubeconfig::configError(QStringLiteral("context \"%1\" does not exist").arg(o.context));
    if (!o.cluster.isEmpty() && !clusterExists)
        return Kubeconfig::configError(QStringLiteral("cluster \"%1\" does not exist").arg(o.cluster));

    KubeAuthInfo user = userExists ? userIt->value : KubeAuthInfo{};
    KubeCluster cluster = clusterExists ? clusterIt->value : KubeCluster{};
    if (userExists) { // paths as kubectl resolves them: against the defining file
        user.clientCertificate = Kubeconfig::resolvePath(user.clientCertificate, userIt->origin);
        user.clientKey = Kubeconfig::resolvePath(user.clientKey, userIt->origin);
        user.tokenFile = Kubeconfig::resolvePath(user.tokenFile, userIt->origin);
        if (user.exec && user.exec->command.contains(QLatin1Char('/')))
            user.exec->command = Kubeconfig::resolvePath(user.exec->command, userIt->origin);
    }
    if (clusterExists)
        cluster.certificateAuthority = Kubeconfig::resolvePath(cluster.certificateAuthority, clusterIt->origin);
    applyOverrides(o, cluster, user);

    QStringList errs;
    if (!contextName.isEmpty() && !ctxExists)
        errs << QStringLiteral("context was not found for specified context: %1").arg(contextName);
    errs += validateUser(userName, user);
    const bool emptyCluster = !clusterExists && cluster.isEmpty();
    if (!emptyCluster)
        errs += validateCluster(clusterName, cluster);
    else if (errs.isEmpty()) // the only problem is the missing cluster: client-go's ErrEmptyConfig
        errs = QStringList{QStringLiteral("no configuration has been provided, try setting KUBERNETES_MASTER environment variable")};
    if (!errs.isEmpty())
        return Kubeconfig::configError(QStringLiteral("invalid configuration: %1")
                                           .arg(errs.size() == 1 ? errs.first() : QLatin1Char('[') + errs.join(QStringLiteral(", ")) + QLatin1Char(']')));

    RestConfig rc;
    rc.contextName = ctxExists ? contextName : QString();
    rc.clusterName = clusterName;
    rc.userName = userName;
    rc.namespaceName = o.namespaceName.isEmpty() ? ctx.namespaceName : o.namespaceName;
    auto url = serverUrl(cluster, user);
    if (!url)
        return url.error();
    rc.server = *url;
    rc.proxyUrl = cluster.proxyUrl.isEmpty() ? QUrl() : QUrl(cluster.proxyUrl);
    for (auto it = cluster.extensions.begin(); it != cluster.extensions.end(); ++it)
        rc.clusterExtensions.insert(it.key(), it.value());
    if (rc.server.scheme() == QLatin1String("https"))
        if (auto e = applyIdentity(rc, cluster, user, userName, persist))
            return *e;
    return rc;
}

KubeconfigResolver::OidcPersister KubeconfigResolver::kubeconfigPersister(const KubeconfigLoadOptions &options)
{
    return [options](const QString &userName, const QMap<QString, QString> &config) {
        auto k = Kubeconfig::load(options);
        if (!k || !k->users().contains(userName))
            return;
        KubeAuthInfo u = k->users().value(userName).value;
        if (!u.authProvider)
            return;
        u.authProvider->config = config;
        k.value().setUser(userName, u);
        k.value().save();
    };
}

} // namespace acp::api
