#pragma once
// Fleet: the clusters of one workspace (an ACP session or a plain kubeconfig) as
// ClusterConnections, plus, for ACP sessions, the platform API's shared informers
// (/auth/v1/clusters, /auth/v1/projects).
//
// Connections are created and started on first use (connection()), so a kubeconfig with 200
// contexts costs nothing until a view asks for a cluster. Clusters whose context could not be
// resolved have no connection; clusterError() says why. Thread: GUI thread.
#include "api/Workspace.h"
#include "models/ClusterConnection.h"
#include "models/InformerCache.h"

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
    // A shared informer over /auth/v1/<collection> ("clusters", "projects"); empty outside ACP.
    InformerRef platformInformer(const QString &collection);

Q_SIGNALS:
    void connectionStateChanged(const QString &cluster, acp::models::ClusterConnection::State state);

private:
    api::Workspace m_workspace;
    QStringList m_names;
    QHash<QString, ClusterConnection *> m_connections;
    api::KubeClient m_platform;
    InformerCache *m_platformInformers = nullptr;
};

} // namespace acp::models
