#pragma once
// PolicyReportsView: the wgpolicyk8s.io/v1alpha2 PolicyReports of the target namespaces, live:
// one shared informer per (cluster, namespace) through ClusterConnection::informer(), aggregated
// per namespace and policy by models::PolicyReportSummary (pass/fail/warn/error/skip), and the failing
// resources of the selected policy with rule and message. Clusters that do not serve
// PolicyReports (no Kyverno) or refuse the list are named in the status line.
// Thread: GUI thread.
#include "models/InformerCache.h"
#include "models/PolicyReportSummary.h"
#include "models/PssTargets.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;
class QTableWidget;

namespace acp::models { class Fleet; }

namespace acp::views {

class PolicyReportsView : public QWidget {
    Q_OBJECT
public:
    explicit PolicyReportsView(models::Fleet *fleet, QWidget *parent = nullptr);

    void setTargets(const QList<models::PssTarget> &targets);

    models::PolicyReportSummary *summary() const { return m_summary; }
    QTableView *policyTable() const { return m_policies; }
    QTableWidget *findingsTable() const { return m_findings; }
    QLabel *status() const { return m_status; }
    // Every bound informer has listed once (or failed).
    bool isSynced() const;

private:
    void bind();
    void scheduleRefresh();
    void refresh();
    void showFindings();

    models::Fleet *m_fleet;
    QList<models::PssTarget> m_targets;
    QList<QPair<models::PssTarget, models::InformerRef>> m_informers;
    QStringList m_unbound;                                     // "cluster: why"
    models::PolicyReportSummary *m_summary;
    QLabel *m_status;
    QTableView *m_policies;
    QTableWidget *m_findings;
    QTimer m_refresh;
};

} // namespace acp::views
