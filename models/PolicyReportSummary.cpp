#include "models/PolicyReportSummary.h"

#include <QJsonArray>
#include <QMap>
#include <algorithm>
#include <tuple>

namespace acp::models {

namespace {

PolicyReportResource resourceOf(const QJsonObject &ref)
{
    return {ref.value(QLatin1String("kind")).toString(), ref.value(QLatin1String("namespace")).toString(),
            ref.value(QLatin1String("name")).toString()};
}

int severityOrder(const QString &result)
{
    if (result == QLatin1String("fail"))
        return 0;
    if (result == QLatin1String("error"))
        return 1;
    return 2;
}

void count(PolicyReportRow &row, const QString &result, int n)
{
    if (result == QLatin1String("pass"))
        row.pass += n;
    else if (result == QLatin1String("fail"))
        row.fail += n;
    else if (result == QLatin1String("warn"))
        row.warn += n;
    else if (result == QLatin1String("error"))
        row.error += n;
    else if (result == QLatin1String("skip"))
        row.skip += n;
}

} // namespace

QList<PolicyReportRow> PolicyReportSummary::summarize(const QList<PolicyReportInput> &reports)
{
    QMap<std::tuple<QString, QString, QString>, PolicyReportRow> rows;
    for (const PolicyReportInput &in : reports) {
        const QJsonObject scope = in.report.value(QLatin1String("scope")).toObject();
        const QString reportNs = in.report.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
        const QJsonArray results = in.report.value(QLatin1String("results")).toArray();
        for (const QJsonValue &v : results) {
            const QJsonObject r = v.toObject();
            const QString policy = r.value(QLatin1String("policy")).toString();
            const QString result = r.value(QLatin1String("result")).toString();
            PolicyReportRow &row = rows[{in.cluster, reportNs, policy}];
            row.cluster = in.cluster;
            row.namespaceName = reportNs;
            row.policy = policy;
            QList<PolicyReportResource> resources;
            for (const QJsonValue &res : r.value(QLatin1String("resources")).toArray())
                resources.append(resourceOf(res.toObject()));
            if (resources.isEmpty() && !scope.isEmpty())
                resources.append(resourceOf(scope));
            count(row, result, std::max<int>(1, int(resources.size())));
            if (result == QLatin1String("pass") || result == QLatin1String("skip"))
                continue;
            if (resources.isEmpty())
                resources.append(PolicyReportResource{});
            for (PolicyReportResource res : resources) {
                if (res.namespaceName.isEmpty())
                    res.namespaceName = reportNs;
                row.findings.append({in.cluster, policy, r.value(QLatin1String("rule")).toString(), result, res,
                                     r.value(QLatin1String("message")).toString()});
            }
        }
    }
    QList<PolicyReportRow> out = rows.values();   // QMap: by cluster, namespace, then policy
    for (PolicyReportRow &row : out)
        std::stable_sort(row.findings.begin(), row.findings.end(), [](const PolicyReportFinding &a, const PolicyReportFinding &b) {
            const int sa = severityOrder(a.result), sb = severityOrder(b.result);
            if (sa != sb)
                return sa < sb;
            return std::tie(a.resource.namespaceName, a.resource.kind, a.resource.name, a.rule)
                < std::tie(b.resource.namespaceName, b.resource.kind, b.resource.name, b.rule);
        });
    return out;
}

PolicyReportSummary::PolicyReportSummary(QObject *parent) : QAbstractTableModel(parent) {}

void PolicyReportSummary::setReports(const QList<PolicyReportInput> &reports)
{
    beginResetModel();
    m_rows = summarize(reports);
    m_reportCount = int(reports.size());
    endResetModel();
}

int PolicyReportSummary::totalFail() const
{
    int n = 0;
    for (const PolicyReportRow &r : m_rows)
        n += r.fail;
    return n;
}

int PolicyReportSummary::totalPass() const
{
    int n = 0;
    for (const PolicyReportRow &r : m_rows)
        n += r.pass;
    return n;
}

int PolicyReportSummary::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PolicyReportSummary::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PolicyReportSummary::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const PolicyReportRow &r = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() >= PassColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case ClusterColumn: return r.cluster;
    case NamespaceColumn: return r.namespaceName;
    case PolicyColumn: {
        // A namespaced Policy is reported as "<namespace>/<name>": the namespace has its column.
        const QString prefix = r.namespaceName + QLatin1Char('/');
        return !r.namespaceName.isEmpty() && r.policy.startsWith(prefix) ? r.policy.mid(prefix.size()) : r.policy;
    }
    case PassColumn: return r.pass;
    case FailColumn: return r.fail;
    case WarnColumn: return r.warn;
    case ErrorColumn: return r.error;
    case SkipColumn: return r.skip;
    default: return {};
    }
}

QVariant PolicyReportSummary::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *names[] = {"Cluster", "Namespace", "Policy", "Pass", "Fail", "Warn", "Error", "Skip"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace acp::models
