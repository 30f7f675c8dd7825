#pragma once
// ClusterPage ("cluster", args {"cluster": name}, or {"ref": ResourceRef} of a node, which opens
// the Nodes tab with that node selected): one cluster in tabs: Overview, Nodes (with cordon,
// uncordon and drain), Namespaces, Workloads (deployments, statefulsets, daemonsets) and Events.
// Tabs bind their informers when first shown. Thread: GUI thread.
#include "views/common/Page.h"

class QLabel;
class QTabWidget;

namespace acp::views {

class ClusterEventsTab;
class ClusterNodesTab;
class ClusterOverviewTab;
class ResourceTableView;

class ClusterPage : public Page {
    Q_OBJECT
public:
    enum Tab { Overview, Nodes, Namespaces, Workloads, Events };

    explicit ClusterPage(PageContext *context, QWidget *parent = nullptr);

    void activate(const QVariantMap &args) override;
    QVariantMap currentArgs() const override;
    QString title() const override;

    QString cluster() const { return m_cluster; }
    QTabWidget *tabs() const { return m_tabs; }
    ClusterOverviewTab *overview() const { return m_overview; }
    ClusterNodesTab *nodes() const { return m_nodes; }
    ResourceTableView *namespaces() const { return m_namespaces; }
    QList<ResourceTableView *> workloads() const { return m_workloads; }
    ClusterEventsTab *events() const { return m_events; }

private:
    void setCluster(const QString &cluster);
    void bindTab(int index);

    QString m_cluster;
    QLabel *m_header;
    QTabWidget *m_tabs;
    ClusterOverviewTab *m_overview;
    ClusterNodesTab *m_nodes;
    ResourceTableView *m_namespaces;
    QList<ResourceTableView *> m_workloads;
    ClusterEventsTab *m_events;
    QSet<int> m_bound;
};

} // namespace acp::views
