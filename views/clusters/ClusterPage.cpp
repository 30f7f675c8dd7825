#include "views/clusters/ClusterPage.h"

#include "views/clusters/ClusterEventsTab.h"
#include "views/clusters/ClusterNodesTab.h"
#include "views/clusters/ClusterOverviewTab.h"
#include "views/common/ResourceTableView.h"

#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace acp::views {

namespace {

const char *const kWorkloads[] = {"deployments", "statefulsets", "daemonsets"};

} // namespace

ClusterPage::ClusterPage(PageContext *context, QWidget *parent) : Page(context, parent)
{
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("clusterHeader"));
    QFont f = m_header->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_header->setFont(f);
    contentLayout()->addWidget(m_header);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("clusterTabs"));
    m_overview = new ClusterOverviewTab(context, m_tabs);
    m_tabs->addTab(m_overview, tr("&Overview"));
    m_nodes = new ClusterNodesTab(this, m_tabs);
    m_tabs->addTab(m_nodes, tr("&Nodes"));
    m_namespaces = new ResourceTableView(context, m_tabs);
    m_namespaces->setObjectName(QStringLiteral("namespacesTable"));
    m_tabs->addTab(m_namespaces, tr("Namespace&s"));
    auto *split = new QSplitter(Qt::Vertical, m_tabs);
    for (const char *w : kWorkloads) {
        auto *box = new QWidget(split);
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(0, 4, 0, 0);
        auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(QString::fromLatin1(w).left(1).toUpper() + QString::fromLatin1(w).mid(1)), box);
        l->addWidget(title);
        auto *table = new ResourceTableView(context, box);
        table->setObjectName(QString::fromLatin1(w) + QStringLiteral("Table"));
        l->addWidget(table, 1);
        m_workloads << table;
        connect(table, &ResourceTableView::activated, this, [this, w](const QString &cluster, const models::KubeObject &o) {
            navigator()->openResource({cluster, QStringLiteral("apps"), QStringLiteral("v1"), QString::fromLatin1(w), o.kind(), o.namespaceName(), o.name()});
        });
    }
    m_tabs->addTab(split, tr("&Workloads"));
    m_events = new ClusterEventsTab(context, m_tabs);
    m_tabs->addTab(m_events, tr("&Events"));
    contentLayout()->addWidget(m_tabs, 1);
    connect(m_namespaces, &ResourceTableView::activated, this, [this](const QString &cluster, const models::KubeObject &o) {
        navigator()->openResource({cluster, QString(), QStringLiteral("v1"), QStringLiteral("namespaces"), QStringLiteral("Namespace"), QString(), o.name()});
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &ClusterPage::bindTab);
}

void ClusterPage::activate(const QVariantMap &args)
{
    QString cluster = args.value(QStringLiteral("cluster")).toString();
    const auto ref = args.value(QStringLiteral("ref")).value<models::ResourceRef>();
    if (cluster.isEmpty())
        cluster = ref.cluster;
    if (cluster.isEmpty())
        cluster = context()->scope().cluster;
    if (cluster.isEmpty() && !fleet()->clusterNames().isEmpty())
        cluster = fleet()->clusterNames().constFirst();
    setCluster(cluster);
    const QString resource = ref.resource.section(QLatin1Char('.'), 0, 0);
    if (resource == QLatin1String("nodes") || resource == QLatin1String("node") || resource == QLatin1String("no")) {
        m_tabs->setCurrentIndex(Nodes);
        if (!ref.name.isEmpty())
            m_nodes->selectNode(ref.name);
    } else if (args.contains(QStringLiteral("tab"))) {
        m_tabs->setCurrentIndex(args.value(QStringLiteral("tab")).toInt());
    }
    bindTab(m_tabs->currentIndex());
}

QVariantMap ClusterPage::currentArgs() const
{
    return {{QStringLiteral("cluster"), m_cluster}, {QStringLiteral("tab"), m_tabs->currentIndex()}};
}

QString ClusterPage::title() const
{
    return tr("Cluster · %1").arg(m_cluster);
}

void ClusterPage::setCluster(const QString &cluster)
{
    if (cluster == m_cluster)
        return;
    m_cluster = cluster;
    m_bound.clear();
    clearError();
    setWindowTitle(title());
    m_header->setText(tr("Cluster %1").arg(cluster));
    if (!fleet()->hasCluster(cluster))
        showMessage(tr("No cluster \"%1\" in this session").arg(cluster));
}

void ClusterPage::bindTab(int index)
{
    if (m_cluster.isEmpty() || m_bound.contains(index))
        return;
    m_bound.insert(index);
    switch (index) {
    case Overview: m_overview->setCluster(m_cluster); break;
    case Nodes: m_nodes->setCluster(m_cluster); break;
    case Namespaces: m_namespaces->setQuery({QStringLiteral("namespaces"), {m_cluster}, QString(), QString(), QString()}); break;
    case Workloads:
        for (int i = 0; i < m_workloads.size(); ++i)
            m_workloads[i]->setQuery({QString::fromLatin1(kWorkloads[i]), {m_cluster}, QString(), QString(), QString()});
        break;
    case Events: m_events->setCluster(m_cluster); break;
    }
}

} // namespace acp::views
