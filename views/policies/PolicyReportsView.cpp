#include "views/policies/PolicyReportsView.h"

#include "models/ClusterConnection.h"
#include "models/Fleet.h"
#include "models/Informer.h"
#include "models/ResourceStore.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMap>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace acp::views {

namespace {
const QString kResource = QStringLiteral("policyreports.wgpolicyk8s.io");
constexpr int kMaxNamespaceInformers = 8;
} // namespace

PolicyReportsView::PolicyReportsView(models::Fleet *fleet, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_summary(new models::PolicyReportSummary(this)), m_status(new QLabel(this)),
      m_policies(new QTableView(this)), m_findings(new QTableWidget(0, 5, this))
{
    m_status->setObjectName(QStringLiteral("reportsStatus"));
    m_status->setWordWrap(true);
    m_policies->setObjectName(QStringLiteral("reportPolicies"));
    m_policies->setModel(m_summary);
    m_policies->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_policies->setSelectionMode(QAbstractItemView::SingleSelection);
    m_policies->verticalHeader()->hide();
    m_policies->horizontalHeader()->setStretchLastSection(true);
    m_findings->setObjectName(QStringLiteral("reportFindings"));
    m_findings->setHorizontalHeaderLabels({tr("Result"), tr("Namespace"), tr("Resource"), tr("Rule"), tr("Message")});
    m_findings->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_findings->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findings->verticalHeader()->hide();
    m_findings->horizontalHeader()->setStretchLastSection(true);
    m_findings->setWordWrap(false);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_policies);
    split->addWidget(m_findings);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(100);
    connect(&m_refresh, &QTimer::timeout, this, &PolicyReportsView::refresh);
    connect(m_policies->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PolicyReportsView::showFindings);
    connect(m_summary, &QAbstractItemModel::modelReset, this, &PolicyReportsView::showFindings);
    // Discovery finished on a cluster: its informers can be created now.
    connect(fleet, &models::Fleet::connectionStateChanged, this, [this](const QString &cluster) {
        for (const QString &u : std::as_const(m_unbound))
            if (u.startsWith(cluster + QLatin1Char(':'))) {
                bind();
                return;
            }
    });
}

void PolicyReportsView::setTargets(const QList<models::PssTarget> &targets)
{
    if (targets == m_targets)
        return;
    m_targets = targets;
    bind();
}

bool PolicyReportsView::isSynced() const
{
    for (const auto &i : m_informers)
        if (!i.second->hasSynced() && i.second->state() != models::Informer::State::Failed)
            return false;
    return true;
}

void PolicyReportsView::bind()
{
    m_informers.clear();
    m_unbound.clear();
    // One informer per target namespace; a cluster with many target namespaces (the scope bar's
    // "all namespaces") gets one informer across namespaces instead, filtered in refresh().
    QMap<QString, QStringList> byCluster;
    for (const models::PssTarget &t : std::as_const(m_targets))
        byCluster[t.cluster].append(t.namespaceName);
    for (auto it = byCluster.cbegin(); it != byCluster.cend(); ++it) {
        models::ClusterConnection *conn = m_fleet->connection(it.key());
        if (!conn) {
            m_unbound << tr("%1: not connected").arg(it.key());
            continue;
        }
        const QStringList namespaces = it.value().size() > kMaxNamespaceInformers ? QStringList{QString()} : it.value();
        for (const QString &ns : namespaces) {
            auto ref = conn->informer(kResource, ns);
            if (!ref) {
                m_unbound << tr("%1: %2").arg(it.key(), ref.error().message);
                break;
            }
            models::InformerRef informer = *ref;
            // Shared informers may already be bound (the same namespace again): one connection each.
            connect(informer.store(), &models::ResourceStore::changed, this, &PolicyReportsView::scheduleRefresh, Qt::UniqueConnection);
            connect(informer.informer(), &models::Informer::stateChanged, this, &PolicyReportsView::scheduleRefresh, Qt::UniqueConnection);
            m_informers.append({models::PssTarget{it.key(), ns}, informer});
        }
    }
    m_refresh.start();
}

void PolicyReportsView::scheduleRefresh()
{
    m_refresh.start();
}

void PolicyReportsView::refresh()
{
    QList<models::PolicyReportInput> inputs;
    QStringList problems = m_unbound;
    QList<models::PssTarget> targets = m_targets;
    std::sort(targets.begin(), targets.end());
    for (const auto &[target, informer] : std::as_const(m_informers)) {
        for (const models::KubeObject &o : informer.store()->list())
            if (!target.namespaceName.isEmpty() || std::binary_search(targets.cbegin(), targets.cend(), models::PssTarget{target.cluster, o.namespaceName()}))
                inputs.append({target.cluster, o.parseJson()});
        if (const auto e = informer->lastError(); e && informer->state() == models::Informer::State::Failed)
            problems << tr("%1/%2: %3").arg(target.cluster, target.namespaceName, e->message);
    }
    const models::PolicyReportRow current = m_summary->rowAt(m_policies->currentIndex().row());
    const auto same = [&current](const models::PolicyReportRow &row) {
        return row.cluster == current.cluster && row.namespaceName == current.namespaceName && row.policy == current.policy;
    };
    m_summary->setReports(inputs);
    for (int r = 0; r < m_summary->rowCount(); ++r)
        if ((!current.policy.isEmpty() && same(m_summary->rowAt(r))) || (current.policy.isEmpty() && m_summary->rowAt(r).fail > 0)) {
            m_policies->selectRow(r);
            break;
        }
    m_policies->resizeColumnsToContents();
    QString text = m_targets.isEmpty() ? tr("No target namespaces.")
                                       : tr("%n policy report(s) in the target namespaces: ", nullptr, m_summary->reportCount())
                                             + tr("%n failing result(s), ", nullptr, m_summary->totalFail())
                                             + tr("%n passing.", nullptr, m_summary->totalPass());
    if (!isSynced())
        text += tr(" Loading…");
    if (!problems.isEmpty())
        text += QLatin1Char('\n') + tr("Not shown: ") + problems.join(QStringLiteral("; "));
    m_status->setText(text);
}

void PolicyReportsView::showFindings()
{
    m_findings->setRowCount(0);
    const int row = m_policies->currentIndex().row();
    if (row < 0)
        return;
    for (const models::PolicyReportFinding &f : m_summary->rowAt(row).findings) {
        const int r = m_findings->rowCount();
        m_findings->insertRow(r);
        const QString resource = f.resource.name.isEmpty() ? QString() : f.resource.kind + QLatin1Char('/') + f.resource.name;
        const QStringList cells{f.result, f.cluster + QLatin1Char('/') + f.resource.namespaceName, resource, f.rule, f.message};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(c == cells.size() - 1 ? f.message : QString());
            m_findings->setItem(r, c, item);
        }
    }
    m_findings->resizeColumnsToContents();
}

} // namespace acp::views
