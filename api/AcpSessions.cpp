#include "api/AcpSessions.h"

#include <QJsonObject>
#include <QSet>

namespace acp::api {

namespace {

const QString kExtension = QStringLiteral("acp.io/v1");

QJsonObject acpExtension(const KubeExtensions &extensions, const char *kind)
{
    const QJsonObject o = extensions.value(kExtension).toObject();
    return o.value(QLatin1String("kind")).toString() == QLatin1String(kind) ? o : QJsonObject();
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject sessionExtension(const AcpLoginData &d)
{
    return {{QStringLiteral("apiVersion"), kExtension}, {QStringLiteral("kind"), QStringLiteral("Session")},
            {QStringLiteral("platform"), d.platform},   {QStringLiteral("session"), d.session},
            {QStringLiteral("username"), d.username}};
}

QJsonObject clusterExtension(const AcpLoginData &d, const QString &cluster)
{
    return {{QStringLiteral("apiVersion"), kExtension}, {QStringLiteral("kind"), QStringLiteral("Cluster")},
            {QStringLiteral("platform"), d.platform},   {QStringLiteral("session"), d.session},
            {QStringLiteral("cluster"), cluster}};
}

// An existing entry with one of the session's names must be this session's (same platform and
// session in its extension), or have no acp.io/v1 extension at all (then it is taken over).
std::optional<QString> conflict(const KubeExtensions &ext, const char *kind, const QString &entry, const AcpLoginData &d)
{
    const QJsonObject e = ext.value(kExtension).toObject();
    if (e.isEmpty())
        return std::nullopt;
    if (str(e, "kind") != QLatin1String(kind) || str(e, "session") != d.session
        || AcpSessions::normalisePlatform(str(e, "platform")) != d.platform)
        return QStringLiteral("kubeconfig entry \"%1\" belongs to another ACP session (platform %2, session %3); "
                              "choose another --name")
            .arg(entry, str(e, "platform"), str(e, "session"));
    return std::nullopt;
}

} // namespace

QString AcpSession::contextFor(const QString &cluster) const
{
    const qsizetype i = clusters.indexOf(cluster);
    return i < 0 ? QString() : contexts.at(i);
}

QString AcpSessions::normalisePlatform(const QString &url)
{
    QString u = url.trimmed();
    while (u.endsWith(u'/'))
        u.chop(1);
    return u;
}

bool AcpSessions::isValidSessionName(const QString &name)
{
    return !name.isEmpty() && !name.contains(u':') && !name.contains(u'/') && name.trimmed() == name;
}

QList<AcpSession> AcpSessions::sessions(const Kubeconfig &config)
{
    QMap<QString, AcpSession> byUser; // user entry -> session
    for (auto it = config.users().cbegin(); it != config.users().cend(); ++it) {
        const QJsonObject e = acpExtension(it->value.extensions, "Session");
        if (e.isEmpty() || str(e, "session").isEmpty())
            continue;
        AcpSession s;
        s.name = str(e, "session");
        s.platform = str(e, "platform");
        s.username = str(e, "username");
        s.userEntry = it.key();
        byUser.insert(it.key(), s);
    }
    QMap<QString, QMap<QString, QString>> clusterContexts; // user entry -> cluster -> context
    for (auto it = config.contexts().cbegin(); it != config.contexts().cend(); ++it) {
        const auto s = byUser.constFind(it->value.user);
        const auto c = config.clusters().constFind(it->value.cluster);
        if (s == byUser.constEnd() || c == config.clusters().constEnd())
            continue;
        const QJsonObject e = acpExtension(c->value.extensions, "Cluster");
        if (e.isEmpty() || str(e, "session") != s->name || str(e, "cluster").isEmpty())
            continue;
        QString &ctx = clusterContexts[it->value.user][str(e, "cluster")];
        // Several contexts for one cluster: prefer the canonical S/C name.
        if (ctx.isEmpty() || it.key() == contextName(s->name, str(e, "cluster")))
            ctx = it.key();
    }
    QMap<QString, AcpSession> byName;
    for (AcpSession s : byUser) {
        const QMap<QString, QString> m = clusterContexts.value(s.userEntry);
        s.clusters = m.keys();
        s.contexts = m.values();
        // Two user entries claiming one session name: the canonical entry wins.
        if (!byName.contains(s.name) || s.userEntry == userEntryName(s.name))
            byName.insert(s.name, s);
    }
    return byName.values();
}

std::optional<AcpSession> AcpSessions::session(const Kubeconfig &config, const QString &name)
{
    for (const AcpSession &s : sessions(config))
        if (s.name == name)
            return s;
    return std::nullopt;
}

std::optional<AcpSession> AcpSessions::currentSession(const Kubeconfig &config)
{
    const auto ctx = config.contexts().constFind(config.currentContext());
    if (ctx == config.contexts().constEnd())
        return std::nullopt;
    for (const AcpSession &s : sessions(config))
        if (s.userEntry == ctx->value.user && s.contexts.contains(config.currentContext()))
            return s;
    return std::nullopt;
}

QString AcpSessions::clusterOfContext(const Kubeconfig &config, const QString &context)
{
    for (const AcpSession &s : sessions(config)) {
        const qsizetype i = s.contexts.indexOf(context);
        if (i >= 0)
            return s.clusters.at(i);
    }
    return QString();
}

QString AcpSessions::defaultCluster(const QStringList &clusters)
{
    for (const QString &c : clusters)
        if (c != QLatin1String("global"))
            return c;
    return clusters.value(0);
}

Result<AcpLoginChanges> AcpSessions::applyLogin(Kubeconfig &config, const AcpLoginData &in)
{
    AcpLoginData d = in;
    d.platform = normalisePlatform(d.platform);
    if (!isValidSessionName(d.session))
        return Kubeconfig::configError(QStringLiteral("invalid session name \"%1\": it must be non-empty and contain no ':' or '/'").arg(d.session));
    QStringList clusters = d.clusters;
    clusters.sort();
    clusters.removeDuplicates();
    const QString user = userEntryName(d.session);
    // Check every name first so a conflict leaves the config untouched.
    if (auto it = config.users().constFind(user); it != config.users().constEnd())
        if (auto e = conflict(it->value.extensions, "Session", user, d))
            return Kubeconfig::configError(*e);
    for (const QString &c : clusters)
        if (auto it = config.clusters().constFind(clusterEntryName(d.session, c)); it != config.clusters().constEnd())
            if (auto e = conflict(it->value.extensions, "Cluster", it.key(), d))
                return Kubeconfig::configError(*e);

    const std::optional<AcpSession> before = session(config, d.session);
    AcpLoginChanges changes;
    KubeAuthInfo u = config.users().value(user).value;
    u.token = d.token;
    u.tokenFile.clear();
    u.extensions.insert(kExtension, sessionExtension(d));
    config.setUser(user, u);
    for (const QString &c : clusters) {
        const QString entry = clusterEntryName(d.session, c);
        const bool exists = config.clusters().contains(entry);
        KubeCluster kc = config.clusters().value(entry).value;
        kc.server = d.platform + QStringLiteral("/kubernetes/") + c;
        kc.certificateAuthority.clear();
        kc.certificateAuthorityData = d.caPem;
        kc.insecureSkipTlsVerify = d.insecureSkipTlsVerify && d.caPem.isEmpty();
        kc.extensions.insert(kExtension, clusterExtension(d, c));
        config.setCluster(entry, kc);
        KubeContext ctx = config.contexts().value(contextName(d.session, c)).value;
        ctx.cluster = entry;
        ctx.user = user;
        config.setContext(contextName(d.session, c), ctx);
        (exists ? changes.updated : changes.added).append(c);
    }
    // Clusters of this session that are no longer visible.
    if (before) {
        for (int i = 0; i < before->clusters.size(); ++i) {
            const QString &c = before->clusters.at(i);
            if (clusters.contains(c))
                continue;
            config.removeContext(before->contexts.at(i));
            if (before->contexts.at(i) != contextName(d.session, c))
                config.removeContext(contextName(d.session, c));
            config.removeCluster(clusterEntryName(d.session, c));
            changes.removed.append(c);
        }
    }
    QStringList contexts;
    for (const QString &c : clusters)
        contexts << contextName(d.session, c);
    if (!contexts.contains(config.currentContext()) && !clusters.isEmpty())
        config.setCurrentContext(contextName(d.session, defaultCluster(clusters)));
    changes.currentContext = config.currentContext();
    return changes;
}

Result<QString> AcpSessions::useSession(Kubeconfig &config, const QString &name, const QString &cluster)
{
    const auto s = session(config, name);
    if (!s)
        return Kubeconfig::configError(QStringLiteral("no session exists with the name: \"%1\"").arg(name));
    if (s->clusters.isEmpty())
        return Kubeconfig::configError(QStringLiteral("session \"%1\" has no clusters; log in again").arg(name));
    QString target;
    if (!cluster.isEmpty()) {
        target = s->contextFor(cluster);
        if (target.isEmpty())
            return Kubeconfig::configError(QStringLiteral("session \"%1\" has no cluster \"%2\" (clusters: %3)")
                                               .arg(name, cluster, s->clusters.join(QStringLiteral(", "))));
    } else if (s->contexts.contains(config.currentContext())) {
        target = config.currentContext();
    } else {
        target = s->contextFor(defaultCluster(s->clusters));
    }
    config.setCurrentContext(target);
    return target;
}

Result<QString> AcpSessions::useCluster(Kubeconfig &config, const QString &cluster)
{
    const auto s = currentSession(config);
    if (!s)
        return Kubeconfig::configError(
            config.currentContext().isEmpty()
                ? QStringLiteral("current-context is not set; use `acpctl config use-session NAME` first")
                : QStringLiteral("the current context \"%1\" does not belong to an ACP session").arg(config.currentContext()));
    return useSession(config, s->name, cluster);
}

} // namespace acp::api
