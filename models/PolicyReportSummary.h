#pragma once
// PolicyReportSummary: wgpolicyk8s.io/v1alpha2 PolicyReports (and ClusterPolicyReports) of any
// number of namespaces and clusters, aggregated per (cluster, namespace, policy): how many results passed,
// failed, warned, errored or were skipped, and which resources failed (rule, message).
//
// Input: the report objects as the API serves them, each with the cluster it came from. A
// result names its resources either through the report's `scope` (one report per resource, as
// Kyverno 1.10+ writes them) or through its own `resources[]` (older reports); a result with
// neither counts once, without a resource. Results are counted from `results[]`, never from the
// report's `summary` (which is per report, not per policy).
//
// The namespace is the report's (a namespaced Policy's results are all in its namespace; a
// ClusterPolicy gets a row per namespace it reported on; ClusterPolicyReports have none).
// A table model: one row per (cluster, namespace, policy), sorted that way; columns below (the
// Policy column shows a namespaced Policy's name without its "<namespace>/" prefix).
// setReports() replaces everything in one reset. Thread: GUI thread (the static summarize() is
// pure and thread-safe).
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace acp::models {

struct PolicyReportInput {
    QString cluster;
    QJsonObject report;
};

struct PolicyReportResource {
    QString kind;
    QString namespaceName;
    QString name;
};

// One non-passing result for one resource.
struct PolicyReportFinding {
    QString cluster;
    QString policy;      // as the report names it ("alpha-staging/baseline" for a namespaced Policy)
    QString rule;
    QString result;      // "fail" | "warn" | "error"
    PolicyReportResource resource;
    QString message;
};

struct PolicyReportRow {
    QString cluster;
    QString namespaceName;   // the reports' namespace ("" for ClusterPolicyReports)
    QString policy;
    int pass = 0, fail = 0, warn = 0, error = 0, skip = 0;
    QList<PolicyReportFinding> findings;   // fail, then error, then warn; by resource
};

class PolicyReportSummary : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClusterColumn, NamespaceColumn, PolicyColumn, PassColumn, FailColumn, WarnColumn, ErrorColumn, SkipColumn, ColumnCount };

    static QList<PolicyReportRow> summarize(const QList<PolicyReportInput> &reports);

    explicit PolicyReportSummary(QObject *parent = nullptr);

    void setReports(const QList<PolicyReportInput> &reports);
    const QList<PolicyReportRow> &rows() const { return m_rows; }
    PolicyReportRow rowAt(int row) const { return m_rows.value(row); }
    int reportCount() const { return m_reportCount; }
    // Totals over every row.
    int totalFail() const;
    int totalPass() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PolicyReportRow> m_rows;
    int m_reportCount = 0;
};

} // namespace acp::models
