#pragma once
// ClusterOverviewTab: one cluster at a glance, live: status (with the ACP Cluster conditions
// and last heartbeat), Kubernetes version, type, the API endpoint the console talks to (the
// connection's server URL) and, for ACP clusters, the registered endpoint; nodes ready/total,
// pods, and CPU / memory requested vs allocatable as bars. Backed by a one-row
// FleetHealthModel fed by a FleetHealthFeed restricted to the cluster (the informers are the
// fleet's shared ones). Thread: GUI thread.
#include "views/common/PageContext.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTreeWidget;

namespace acp::models {
class FleetHealthFeed;
class FleetHealthModel;
}

namespace acp::views {

class ClusterOverviewTab : public QWidget {
    Q_OBJECT
public:
    ClusterOverviewTab(PageContext *context, QWidget *parent = nullptr);

    void setCluster(const QString &cluster);
    models::FleetHealthModel *model() const { return m_model; }
    QLabel *field(const QString &name) const;   // "status", "version", "type", "endpoint", "registered", "nodes", "pods", "age"
    QProgressBar *cpuBar() const { return m_cpu; }
    QProgressBar *memoryBar() const { return m_memory; }
    QTreeWidget *conditions() const { return m_conditions; }

private:
    void refresh();

    PageContext *m_context;
    QString m_cluster;
    models::FleetHealthModel *m_model = nullptr;
    models::FleetHealthFeed *m_feed = nullptr;
    QHash<QString, QLabel *> m_fields;
    QProgressBar *m_cpu;
    QProgressBar *m_memory;
    QTreeWidget *m_conditions;
    QLabel *m_conditionsNote;
    QTimer m_tick;
};

} // namespace acp::views
