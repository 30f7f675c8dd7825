#include "views/resources/ResourcesPage.h"

#include "models/ClusterConnection.h"
#include "models/ResourceKindCatalog.h"
#include "models/ResourceTableModel.h"
#include "views/common/ResourceTableView.h"
#include "views/resources/KindListWidget.h"
#include "views/resources/ObjectDetailsView.h"
#include "views/resources/ResourceActions.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace acp::views {

ResourcesPage::ResourcesPage(PageContext *context, QWidget *parent) : Page(context, parent)
{
    setObjectName(QStringLiteral("resourcesPage"));
    setWindowTitle(tr("Resources"));
    m_split = new QSplitter(Qt::Horizontal, this);
    m_kinds = new KindListWidget(m_split);
    auto *right = new QSplitter(Qt::Vertical, m_split);
    auto *tablePane = new QWidget(right);
    auto *tl = new QVBoxLayout(tablePane);
    tl->setContentsMargins(0, 0, 0, 0);
    m_toolbar = new QToolBar(tablePane);
    m_toolbar->setObjectName(QStringLiteral("resourceActions"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tl->addWidget(m_toolbar);
    m_table = new ResourceTableView(context, tablePane);
    tl->addWidget(m_table, 1);
    m_details = new ObjectDetailsView(context, right);
    right->addWidget(tablePane);
    right->addWidget(m_details);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    right->setSizes({400, 360});
    m_split->addWidget(m_kinds);
    m_split->addWidget(right);
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({250, 1000});
    contentLayout()->addWidget(m_split, 1);

    m_actions = new ResourceActions(this, m_table);
    for (QAction *a : m_actions->actions()) {
        m_toolbar->addAction(a);
        addAction(a);   // the page's actions() list them for the shortcuts overlay
    }

    connect(m_kinds, &KindListWidget::kindChosen, this, [this](const QString &name) {
        showKind(name);
    });
    connect(m_table, &ResourceTableView::currentObjectChanged, this, &ResourcesPage::onCurrentChanged);
    // Watch updates of the current object refresh the details pane (same uid: no flicker).
    connect(m_table->model(), &QAbstractItemModel::dataChanged, this, &ResourcesPage::onCurrentChanged);
    connect(m_table->model(), &QAbstractItemModel::rowsRemoved, this, &ResourcesPage::onCurrentChanged);
    connect(m_table, &ResourceTableView::stateChanged, this, &ResourcesPage::trySelectPending);
    m_rebuild.setSingleShot(true);
    m_rebuild.setInterval(50);
    connect(&m_rebuild, &QTimer::timeout, this, &ResourcesPage::rebuildKinds);
    connect(context, &PageContext::scopeChanged, this, [this] {
        watchDiscovery();
        m_rebuild.start();
        m_details->clear();
    });
    connect(fleet(), &models::Fleet::connectionStateChanged, this, [this] {
        watchDiscovery();
        m_rebuild.start();
    });
    watchDiscovery();
    rebuildKinds();
    showKind(QStringLiteral("pods"));
}

ResourcesPage::~ResourcesPage()
{
    // The table empties its model while it goes: no details or action updates from then on.
    disconnect(m_table->model(), nullptr, this, nullptr);
    disconnect(m_table, nullptr, this, nullptr);
    disconnect(m_table, nullptr, m_actions, nullptr);
    disconnect(m_table->tableView()->selectionModel(), nullptr, m_actions, nullptr);
}

void ResourcesPage::watchDiscovery()
{
    for (const QString &c : context()->scopeClusters()) {
        if (m_watched.contains(c))
            continue;
        models::ClusterConnection *conn = fleet()->connection(c);
        if (!conn)
            continue;
        m_watched << c;
        connect(conn, &models::ClusterConnection::resourcesChanged, &m_rebuild, qOverload<>(&QTimer::start));
    }
}

void ResourcesPage::rebuildKinds()
{
    QList<models::ResourceKindCatalog::ClusterResources> sets;
    for (const QString &c : context()->scopeClusters()) {
        models::ClusterConnection *conn = fleet()->existingConnection(c);
        if (conn && conn->state() == models::ClusterConnection::State::Ready)
            sets.append({c, conn->resources()->resources()});
    }
    const QList<models::ResourceKind> kinds = models::ResourceKindCatalog::build(sets);
    m_kinds->setKinds(kinds);
    // The shown kind under its catalog name (any kubectl name was accepted).
    for (const models::ResourceKind &k : kinds) {
        if (k.name() == m_table->apiResource().groupResource() || k.name() == m_kind) {
            m_kinds->select(k.name());
            break;
        }
    }
}

bool ResourcesPage::showKind(const QString &name)
{
    if (name.isEmpty())
        return false;
    if (name != m_kind) {
        m_kind = name;
        m_details->clear();
        m_table->filterEdit()->clear();
        m_table->followScope(name);
    }
    // Select it in the list under its canonical name, when some cluster resolved it.
    for (const QString &c : context()->scopeClusters()) {
        models::ClusterConnection *conn = fleet()->existingConnection(c);
        const auto r = conn ? conn->resources()->lookup(name) : api::Result<api::ApiResource>(api::ApiError{});
        if (r.ok()) {
            m_kinds->select(r->groupResource());
            return true;
        }
    }
    return false;
}

void ResourcesPage::activate(const QVariantMap &args)
{
    const auto ref = args.value(QStringLiteral("ref")).value<models::ResourceRef>();
    QString resource = args.value(QStringLiteral("resource")).toString();
    if (resource.isEmpty() && ref.isValid())
        resource = ref.groupResource();
    if (ref.isValid() && !ref.cluster.isEmpty() && !context()->scopeClusters().contains(ref.cluster))
        context()->setScope(Scope{ref.cluster, QString()});
    if (ref.isValid() && !ref.namespaceName.isEmpty() && !context()->scope().allNamespaces()
        && context()->scope().namespaceName != ref.namespaceName)
        context()->setScope(Scope{context()->scope().cluster, QString()});
    if (!resource.isEmpty())
        showKind(resource);
    m_pending = ref.name.isEmpty() ? models::ResourceRef() : ref;
    trySelectPending();
    m_table->tableView()->setFocus();
}

void ResourcesPage::trySelectPending()
{
    if (m_pending.name.isEmpty())
        return;
    const QString cluster = m_pending.cluster.isEmpty() ? m_table->currentCluster() : m_pending.cluster;
    if (m_table->selectObject(cluster, m_pending.key()))
        m_pending = models::ResourceRef();
}

QVariantMap ResourcesPage::currentArgs() const
{
    QVariantMap args{{QStringLiteral("resource"), m_kind}};
    const models::KubeObject o = m_table->currentObject();
    if (!o.isNull()) {
        const api::ApiResource &r = m_table->apiResource();
        args.insert(QStringLiteral("ref"), QVariant::fromValue(models::ResourceRef{m_table->currentCluster(), r.group, r.version, r.resource,
                                                                                   r.kind, o.namespaceName(), o.name()}));
    }
    return args;
}

QString ResourcesPage::title() const
{
    const QString kind = m_table->apiResource().kind.isEmpty() ? m_kind : m_table->apiResource().resource;
    return kind.isEmpty() ? tr("Resources") : tr("Resources · %1").arg(kind);
}

void ResourcesPage::onCurrentChanged()
{
    const models::KubeObject o = m_table->currentObject();
    if (o.isNull()) {
        if (!m_details->object().isNull())
            m_details->clear();
        return;
    }
    m_details->setObject(m_table->currentCluster(), m_table->apiResource(), o);
}

} // namespace acp::views
