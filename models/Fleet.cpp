#include "models/Fleet.h"

#include "models/KubeListWatcher.h"

#include <algorithm>

namespace acp::models {

Fleet::Fleet(api::Workspace workspace, QObject *parent) : QObject(parent), m_workspace(std::move(workspace))
{
    m_names = m_workspace.clusterNames();
    if (m_workspace.platform) {
        m_platform = api::KubeClient(*m_workspace.platform);
        // The platform's watches are chunked HTTP only (ACP's /auth/v1 has no WebSocket watch).
        m_platformInformers = new InformerCache(
            [this](const InformerKey &key) -> std::shared_ptr<ListWatcher> {
                api::ResourcePath p;
                p.root = QStringLiteral("/auth/v1");
                p.version = QStringLiteral("v1");
                p.resource = key.resourcePath.section(QLatin1Char('/'), -1);
                return std::make_shared<KubeListWatcher>(m_platform, p, api::WatchTransport::Http);
            },
            this);
    }
}

Fleet::~Fleet()
{
    // Informers hold list/watch handles bound to connections: destroy connections first.
    qDeleteAll(m_connections);
    m_connections.clear();
}

ClusterConnection *Fleet::connection(const QString &cluster)
{
    if (ClusterConnection *c = m_connections.value(cluster))
        return c;
    const api::WorkspaceCluster *wc = m_workspace.cluster(cluster);
    if (!wc || wc->error)
        return nullptr;
    auto *c = new ClusterConnection(cluster, api::KubeClient(wc->config), this);
    m_connections.insert(cluster, c);
    connect(c, &ClusterConnection::stateChanged, this,
            [this, cluster](ClusterConnection::State s) { Q_EMIT connectionStateChanged(cluster, s); });
    c->start();
    return c;
}

QList<ClusterConnection *> Fleet::connections() const
{
    QList<ClusterConnection *> out;
    for (const QString &n : m_names)
        if (ClusterConnection *c = m_connections.value(n))
            out << c;
    return out;
}

void Fleet::connectAll()
{
    for (const QString &n : m_names)
        connection(n);
}

std::optional<api::ApiError> Fleet::clusterError(const QString &cluster) const
{
    if (const api::WorkspaceCluster *wc = m_workspace.cluster(cluster); wc && wc->error)
        return wc->error;
    if (ClusterConnection *c = m_connections.value(cluster); c && c->state() == ClusterConnection::State::Failed)
        return c->lastError();
    return std::nullopt;
}

ClusterConnection::State Fleet::clusterState(const QString &cluster) const
{
    if (const api::WorkspaceCluster *wc = m_workspace.cluster(cluster); !wc || wc->error)
        return ClusterConnection::State::Failed;
    if (ClusterConnection *c = m_connections.value(cluster))
        return c->state();
    return ClusterConnection::State::Idle;
}

InformerRef Fleet::platformInformer(const QString &collection)
{
    if (!m_platformInformers)
        return {};
    InformerKey key;
    key.cluster = QStringLiteral("platform");
    key.resourcePath = QStringLiteral("/auth/v1/") + collection;
    return m_platformInformers->acquire(key);
}

} // namespace acp::models
