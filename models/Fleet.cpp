#include "models/Fleet.h"

#include "models/Informer.h"
#include "models/KubeListWatcher.h"
#include "models/ResourceStore.h"

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
                // "/auth/v1/projects/p/clusters/c/namespaces": root up to the last segment.
                const QString path = key.resourcePath;
                p.root = path.section(QLatin1Char('/'), 0, -2);
                p.resource = path.section(QLatin1Char('/'), -1);
                return std::make_shared<KubeListWatcher>(m_platform, p, api::WatchTransport::Http);
            },
            this);
        followPlatformClusters();
    }
}

Fleet::~Fleet()
{
    // The directory and the cluster list hold informer references: release them first. Then
    // informers hold list/watch handles bound to connections: destroy connections.
    delete m_namespaces;
    m_namespaces = nullptr;
    m_platformClusters = InformerRef();
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

void Fleet::followPlatformClusters()
{
    m_platformClusters = platformInformer(QStringLiteral("clusters"));
    if (!m_platformClusters)
        return;
    connect(m_platformClusters.store(), &ResourceStore::changed, this, &Fleet::onPlatformClusters);
    connect(m_platformClusters.informer(), &Informer::synced, this, &Fleet::onPlatformClusters);
}

void Fleet::onPlatformClusters()
{
    if (!m_platformClusters->hasSynced())
        return;
    QStringList names;
    for (const KubeObject &c : m_platformClusters.store()->list())
        names << c.name();
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names == m_names)
        return;
    bool added = false;
    for (const QString &n : names)
        if (!m_workspace.cluster(n)) {
            m_workspace.clusters << m_workspace.platformCluster(n);
            added = true;
        }
    if (added)
        std::sort(m_workspace.clusters.begin(), m_workspace.clusters.end(),
                  [](const api::WorkspaceCluster &a, const api::WorkspaceCluster &b) { return a.name < b.name; });
    m_names = names;
    Q_EMIT clustersChanged();
}

NamespaceDirectory *Fleet::namespaces()
{
    if (!m_namespaces)
        m_namespaces = new NamespaceDirectory(this, this);
    return m_namespaces;
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
