#include "api/Workspace.h"

#include <algorithm>

namespace acp::api {

const WorkspaceCluster *Workspace::cluster(const QString &name) const
{
    for (const WorkspaceCluster &c : clusters)
        if (c.name == name)
            return &c;
    return nullptr;
}

QStringList Workspace::clusterNames() const
{
    QStringList out;
    out.reserve(clusters.size());
    for (const WorkspaceCluster &c : clusters)
        out << c.name;
    return out;
}

namespace {

WorkspaceCluster resolveCluster(const Kubeconfig &config, KubeconfigOverrides o, const QString &name, const QString &context,
                                const KubeconfigResolver::OidcPersister &persist)
{
    o.context = context;
    WorkspaceCluster c;
    c.name = name;
    c.context = context;
    auto rc = KubeconfigResolver::resolve(config, o, persist);
    if (rc)
        c.config = *rc;
    else
        c.error = rc.error();
    return c;
}

} // namespace

Result<Workspace> Workspace::fromKubeconfig(const Kubeconfig &config, const KubeconfigOverrides &overrides,
                                            const KubeconfigResolver::OidcPersister &persist)
{
    const QString current = overrides.context.isEmpty() ? config.currentContext() : overrides.context;
    if (!overrides.context.isEmpty() && !config.contexts().contains(overrides.context))
        return Kubeconfig::configError(QStringLiteral("context \"%1\" does not exist").arg(overrides.context));

    Workspace ws;
    for (const AcpSession &s : AcpSessions::sessions(config))
        if (!current.isEmpty() && s.contexts.contains(current))
            ws.session = s;

    if (ws.session) {
        ws.title = ws.session->name;
        for (int i = 0; i < ws.session->clusters.size(); ++i)
            ws.clusters << resolveCluster(config, overrides, ws.session->clusters.at(i), ws.session->contexts.at(i), persist);
        ws.currentCluster = AcpSessions::clusterOfContext(config, current);
        if (const WorkspaceCluster *c = ws.cluster(ws.currentCluster); c && !c->error) {
            RestConfig p = c->config;
            p.server = QUrl(AcpSessions::normalisePlatform(ws.session->platform));
            p.contextName.clear();
            p.clusterName = QStringLiteral("platform");
            ws.platform = p;
        }
    } else {
        ws.title = QStringLiteral("kubeconfig");
        for (auto it = config.contexts().cbegin(); it != config.contexts().cend(); ++it)
            ws.clusters << resolveCluster(config, overrides, it.key(), it.key(), persist);
        ws.currentCluster = current;
    }
    std::sort(ws.clusters.begin(), ws.clusters.end(), [](const WorkspaceCluster &a, const WorkspaceCluster &b) { return a.name < b.name; });
    if (const WorkspaceCluster *c = ws.cluster(ws.currentCluster))
        ws.defaultNamespace = overrides.namespaceName.isEmpty() ? c->config.namespaceName : overrides.namespaceName;
    return ws;
}

WorkspaceCluster Workspace::platformCluster(const QString &name) const
{
    WorkspaceCluster c;
    c.name = name;
    if (!platform) {
        c.error = ApiError::input(QString(), 0, 0, QStringLiteral("cluster \"%1\" is not in the kubeconfig").arg(name));
        return c;
    }
    c.config = *platform;
    QUrl server = platform->server;
    QString path = server.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    server.setPath(path + QStringLiteral("/kubernetes/") + name);
    c.config.server = server;
    c.config.clusterName = name;
    return c;
}

Result<Workspace> Workspace::fromKubeconfigFile(const QString &path, const QString &context)
{
    KubeconfigLoadOptions lo;
    lo.explicitPath = path;
    lo.kubeconfigEnv = QString();
    const auto config = Kubeconfig::load(lo);
    if (!config)
        return config.error();
    KubeconfigOverrides o;
    o.context = context;
    return fromKubeconfig(*config, o);
}

} // namespace acp::api
