#pragma once
// Fleet: the clusters of one workspace (an ACP session or a plain kubeconfig) as
// ClusterConnections, plus, for ACP sessions, the platform API's shared informers
// (/auth/v1/clusters, /auth/v1/projects).
//
// Connections are created and started on first use (connection()), so a kubeconfig with 200
// contexts costs nothing until a view asks for a cluster. Clusters whose context could not be
// resolved have no connection; clusterError() says why.
//
// In an ACP session the cluster list follows the platform: once /auth/v1/clusters (the
// clusters the user may see, watched) has synced, clusterNames() is exactly that list; a
// cluster the session's kubeconfig lacks (registered later) is reached through the gateway
// with the session's credentials (Workspace::platformCluster). Connections of clusters that
// leave the list are kept (views may hold their informers) but no longer named.
// clustersChanged() tells views to rebind. If the platform list fails, the kubeconfig's
// list stays. Thread: GUI thread.
#include "api/Workspace.h"
#include "models/ClusterConnection.h"
#include "models/InformerCache.h"
#include "models/NamespaceDirectory.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace acp::models {

class Fleet : public QObject {
    Q_OBJECT
public:
    explicit Fleet(api::Workspace workspace, QObject *parent = nullptr);
    ~Fleet() override;

    const api::Workspace &workspace() const { return m_workspace; }
    QString title() const { return m_workspace.title; }
    QStringList clusterNames() const { return m_names; }
    bool hasCluster(const QString &name) const { return m_names.contains(name); }

    // The cluster's connection, created and started on first call; null for unknown clusters
    // and for contexts that could not be resolved.
    ClusterConnection *connection(const QString &cluster);
    ClusterConnection *existingConnection(const QString &cluster) const { return m_connections.value(cluster); }
    QList<ClusterConnection *> connections() const;   // the ones created so far, by name
    // Connect every cluster (fleet views do; 200 discoveries run concurrently, each on its own
    // pooled connection).
    void connectAll();

    // The resolve error or the connection's last error; nullopt when fine (or not yet known).
    std::optional<api::ApiError> clusterError(const QString &cluster) const;
    ClusterConnection::State clusterState(const QString &cluster) const;   // Failed for unresolvable ones

    // ACP only: the platform API.
    bool isAcp() const { return m_workspace.isAcp(); }
    api::KubeClient platformClient() const { return m_platform; }   // invalid outside ACP sessions
    // A shared informer over /auth/v1/<collection> ("clusters", "projects",
    // "projects/<p>/clusters/<c>/namespaces"); empty outside ACP.
    InformerRef platformInformer(const QString &collection);

    // The namespaces the user can reach per cluster (created on first use).
    NamespaceDirectory *namespaces();

Q_SIGNALS:
    void connectionStateChanged(const QString &cluster, acp::models::ClusterConnection::State state);
    void clustersChanged();   // clusterNames() changed (ACP: the platform's list)

private:
    void followPlatformClusters();
    void onPlatformClusters();

    api::Workspace m_workspace;
    QStringList m_names;
    QHash<QString, ClusterConnection *> m_connections;
    api::KubeClient m_platform;
    InformerCache *m_platformInformers = nullptr;
    InformerRef m_platformClusters;
    NamespaceDirectory *m_namespaces = nullptr;
};

} // namespace acp::models
