#pragma once
// ClusterNodesTab: the nodes of one cluster (live ResourceTableView), the selected node's
// details (conditions, roles, taints, labels, capacity) and its pods (a second live table over
// pods with fieldSelector spec.nodeName), and the node actions: Cordon / Uncordon (merge patch
// of spec.unschedulable) and Drain (NodeDrainDialog). Actions are enabled only when the user
// may do them (the cluster's shared AccessReviewCache: SelfSubjectAccessReviews for patch
// nodes, list pods and create pods/eviction); a disabled action's tooltip
// says why. Failures go to the page's error banner. Thread: GUI thread.
#include "views/clusters/NodeDrainDialog.h"
#include "views/common/Page.h"

#include "models/AccessReviewCache.h"

#include <QPointer>

class QPushButton;
class QTextBrowser;

namespace acp::models { class AccessReviewCache; }

namespace acp::views {

class ResourceTableView;

class ClusterNodesTab : public QWidget {
    Q_OBJECT
public:
    ClusterNodesTab(Page *page, QWidget *parent = nullptr);

    void setCluster(const QString &cluster);
    // Selects the node once the table has it (now or when it arrives).
    void selectNode(const QString &name);
    QString currentNode() const;

    ResourceTableView *nodes() const { return m_nodes; }
    ResourceTableView *pods() const { return m_pods; }
    QTextBrowser *details() const { return m_details; }
    QPushButton *cordonButton() const { return m_cordon; }
    QPushButton *uncordonButton() const { return m_uncordon; }
    QPushButton *drainButton() const { return m_drain; }
    models::AccessReviewCache *access() const { return m_access; }
    enum class Action { Cordon, Drain };
    // Whether the user may do `action` on the cluster; false while the answers are pending.
    bool isAllowed(Action action) const;
    bool isPermissionKnown() const;
    NodeDrainDialog *drainDialog() const { return m_dialog; }

    void cordon(bool unschedulable);
    void drain();

private:
    void onCurrentChanged();
    void updateActions();
    void updateDetails();
    void trySelectPending();

    Page *m_page;
    QString m_cluster;
    QString m_pendingNode;
    QString m_podsNode;
    ResourceTableView *m_nodes;
    ResourceTableView *m_pods;
    QTextBrowser *m_details;
    QPushButton *m_cordon;
    QPushButton *m_uncordon;
    QPushButton *m_drain;
    QPointer<models::AccessReviewCache> m_access;
    QString deniedReason(Action action) const;
    QPointer<NodeDrainDialog> m_dialog;
};

} // namespace acp::views
