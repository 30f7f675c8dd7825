#pragma once
// FleetHealthFeed: binds a Fleet to a FleetHealthModel: the rows are the fleet's clusters; each
// cluster's connection is started and, once Ready, its shared node and pod informers (all
// namespaces) feed the model; ACP sessions add the platform's Cluster objects
// (Fleet::platformInformer("clusters")) for conditions, heartbeat, version and type; connection
// states and errors follow Fleet::connectionStateChanged; the rows follow
// Fleet::clustersChanged (whole-fleet feeds). The informers are held while the feed
// lives. Thread: GUI thread.
#include "models/Fleet.h"
#include "models/FleetHealthModel.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace acp::models {

class FleetHealthFeed : public QObject {
    Q_OBJECT
public:
    FleetHealthFeed(Fleet *fleet, FleetHealthModel *model, QObject *parent = nullptr);

    // Only these clusters (before start(); default: the whole fleet).
    void setClusters(const QStringList &clusters) { m_only = clusters; }
    // Connects the clusters and binds what is ready; idempotent.
    void start();
    bool isStarted() const { return m_started; }

private:
    void onState(const QString &cluster, ClusterConnection::State state);
    void onClustersChanged();
    void bindCluster(const QString &cluster);
    void release(const QString &cluster, bool pods);   // stops watching (after a 403)

    QPointer<Fleet> m_fleet;
    QPointer<FleetHealthModel> m_model;
    bool m_started = false;
    QStringList m_only;
    QStringList m_names;
    InformerRef m_platform;
    struct Binding {
        InformerRef nodes, pods;
    };
    QHash<QString, Binding> m_bindings;
};

} // namespace acp::models
