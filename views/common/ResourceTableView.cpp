#include "views/common/ResourceTableView.h"

#include "models/Informer.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceStore.h"
#include "models/ResourceTableModel.h"
#include "views/common/StatusStyle.h"

#include <QHBoxLayout>
#include <algorithm>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace acp::views {

using models::ClusterConnection;
using models::ResourceTableModel;

ResourceTableView::ResourceTableView(PageContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_model(new ResourceTableModel(this)),
      m_proxy(new models::ResourceFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    // Watch churn under a sort: rows re-placed at most every 250 ms, in one layout change
    // (ResourceFilterProxyModel::setMoveDelayMs), instead of once per store batch.
    m_proxy->setMoveDelayMs(250);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter: name, -l app=web, ns:default, !text"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    m_busy = new QLabel(tr("Sorting…"), this);
    m_busy->hide();
    bar->addWidget(m_busy);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("tableState"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_state);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("resourceTable"));
    m_view->setModel(m_proxy);
    StatusStyle::styleTable(m_view, true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    // resizeColumnsToContents measures up to this many rows per column (Qt's default is 1,000,
    // from the top, whatever the viewport shows): each measured row computes its cells (a JSON
    // parse), so the first 1,000 pods stalled the GUI for 250 ms (bench console). A screenful is
    // enough to fit the columns.
    m_view->horizontalHeader()->setResizeContentsPrecision(kSizedRows);
    auto *delegate = new StatusDelegate(ResourceTableModel::StatusRole, this);
    m_view->setItemDelegate(delegate);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &models::ResourceFilterProxyModel::setFilterText);
    connect(m_proxy, &models::ResourceFilterProxyModel::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ResourceTableView::scheduleState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ResourceTableView::sizeColumnsOnce);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ResourceTableView::sizeColumnsOnce);
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, [this] { m_columnsSized = false; });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ResourceTableView::scheduleState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ResourceTableView::scheduleState);
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, [this, delegate] {
        delegate->setStatusColumn(m_model->columnOf(models::TableColumn::Source::Status));
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this, delegate] {
        delegate->setStatusColumn(m_model->columnOf(models::TableColumn::Source::Status));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ResourceTableView::currentObjectChanged);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (!index.isValid())
            return;
        const int row = m_proxy->sourceRow(index.row());
        Q_EMIT activated(m_model->clusterAt(row), m_model->objectAt(row));
    });
    m_ageTick.setInterval(1000);
    connect(&m_ageTick, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_view->viewport()->update();
    });
    m_ageTick.start();
    // The state line reads every cluster's binding: once per event-loop turn, not once per
    // store batch, informer state and connection state (200 clusters: 1,500 calls while loading).
    m_stateTimer.setSingleShot(true);
    m_stateTimer.setInterval(0);
    connect(&m_stateTimer, &QTimer::timeout, this, &ResourceTableView::updateState);
    // Clusters shown per namespace follow the namespaces the user reaches.
    connect(m_context->fleet()->namespaces(), &models::NamespaceDirectory::changed, this, [this](const QString &cluster) {
        if (m_bindings.value(cluster).perNamespace)
            syncNamespaceFallback(cluster);
    });
    connect(m_context->fleet(), &models::Fleet::connectionStateChanged, this, [this](const QString &cluster) {
        if (m_query.clusters.contains(cluster))
            bindCluster(cluster);
        scheduleState();
    });
}

ResourceTableView::~ResourceTableView()
{
    // No state updates while children go (the proxy resets when its source is destroyed).
    disconnect(m_proxy, nullptr, this, nullptr);
    disconnect(m_context->fleet(), nullptr, this, nullptr);
    // Detach the stores before the informer references go.
    for (models::ResourceStore *s : m_model->stores())
        m_model->removeStore(s);
}

void ResourceTableView::followScope(const QString &resource)
{
    m_followResource = resource;
    if (!m_followScope) {
        m_followScope = true;
        connect(m_context, &PageContext::scopeChanged, this, [this] {
            if (m_followScope)
                followScope(m_followResource);
        });
    }
    Query q;
    q.resource = resource;
    q.clusters = m_context->scopeClusters();
    q.namespaceName = m_context->scope().namespaceName;
    setQuery(q);
}

void ResourceTableView::setQuery(const Query &query)
{
    if (query == m_query && !m_bindings.isEmpty())
        return;
    const bool sameResource = query.resource == m_query.resource;
    m_query = query;
    if (!sameResource)
        m_resource = api::ApiResource();
    rebind();
}

// Columns fit the first rows that arrive (QTableView measures at most kSizedRows rows, so this
// is cheap at any size), capped so one long value cannot push the others away; after that the
// user's widths stay.
void ResourceTableView::sizeColumnsOnce()
{
    if (m_columnsSized || m_proxy->rowCount() == 0)
        return;
    m_columnsSized = true;
    QTimer::singleShot(0, this, [this] {
        m_view->resizeColumnsToContents();
        const int cap = qMax(240, m_view->viewport()->width() / 3);
        for (int c = 0; c < m_proxy->columnCount(); ++c)
            if (m_view->columnWidth(c) > cap)
                m_view->setColumnWidth(c, cap);
    });
}

void ResourceTableView::rebind()
{
    ++m_generation;
    for (models::ResourceStore *s : m_model->stores())
        m_model->removeStore(s);
    m_bindings.clear();
    m_binder.start(m_query.clusters, [this](const QString &cluster) { bindCluster(cluster); }, [this] { scheduleState(); });
}

void ResourceTableView::bindCluster(const QString &cluster)
{
    Binding &b = m_bindings[cluster];
    if (b.informer || b.perNamespace)
        return;
    models::Fleet *fleet = m_context->fleet();
    ClusterConnection *conn = fleet->connection(cluster);
    if (!conn) {
        const auto e = fleet->clusterError(cluster);
        b.problem = e ? e->message : tr("unknown cluster");
        return;
    }
    if (conn->state() != ClusterConnection::State::Ready) {
        b.problem.clear();   // connecting: bound on connectionStateChanged
        return;
    }
    auto resource = conn->resources()->lookup(m_query.resource);
    if (!resource) {
        b.problem = tr("does not serve %1").arg(m_query.resource);
        return;
    }
    if (m_resource.kind.isEmpty()) {
        m_resource = *resource;
        models::TableColumns cols = conn->columnsFor(*resource);
        m_model->setColumns(cols);
        m_model->setNamespaceColumnVisible(resource->namespaced && m_query.namespaceName.isEmpty());
        Q_EMIT resourceResolved(m_resource);
    }
    const QString ns = resource->namespaced ? m_query.namespaceName : QString();
    b.informer = conn->informer(*resource, ns, m_query.labelSelector, m_query.fieldSelector);
    b.problem.clear();
    if (!b.informer)
        return;
    m_model->addStore(cluster, b.informer.store());
    connect(b.informer.informer(), &models::Informer::stateChanged, this, [this, cluster, gen = m_generation] {
        if (gen == m_generation)
            onInformerState(cluster);
    });
    onInformerState(cluster);
}

void ResourceTableView::onInformerState(const QString &cluster)
{
    auto it = m_bindings.find(cluster);
    if (it == m_bindings.end() || !it->informer) {
        scheduleState();
        return;
    }
    const auto err = it->informer->lastError();
    const bool refusedClusterWide = it->informer->state() == models::Informer::State::Failed && err && err->isForbidden()
        && m_resource.namespaced && m_query.namespaceName.isEmpty();
    if (refusedClusterWide) {
        // Fall back to the namespaces the user reaches; the refused list is released.
        m_model->removeStore(it->informer.store());
        disconnect(it->informer.informer(), nullptr, this, nullptr);
        it->informer = models::InformerRef();
        it->perNamespace = true;
        it->refusal = err->message;
        models::NamespaceDirectory *dir = m_context->fleet()->namespaces();
        dir->watch(cluster);
        syncNamespaceFallback(cluster);
    }
    scheduleState();
}

void ResourceTableView::syncNamespaceFallback(const QString &cluster)
{
    Binding &b = m_bindings[cluster];
    ClusterConnection *conn = m_context->fleet()->existingConnection(cluster);
    if (!conn)
        return;
    const QStringList wanted = m_context->fleet()->namespaces()->namespaces(cluster);
    for (auto it = b.namespaceInformers.begin(); it != b.namespaceInformers.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        m_model->removeStore(it->store());
        disconnect(it->informer(), nullptr, this, nullptr);
        it = b.namespaceInformers.erase(it);
    }
    for (const QString &ns : wanted) {
        if (b.namespaceInformers.contains(ns))
            continue;
        models::InformerRef ref = conn->informer(m_resource, ns, m_query.labelSelector, m_query.fieldSelector);
        if (!ref)
            continue;
        b.namespaceInformers.insert(ns, ref);
        m_model->addStore(cluster, ref.store());
        connect(ref.informer(), &models::Informer::stateChanged, this, &ResourceTableView::scheduleState);
    }
    scheduleState();
}

// Whether a cluster's rows are still loading; sets *failed and *problem when it cannot show any.
bool ResourceTableView::bindingLoading(const QString &cluster, QString *problem, bool *failed) const
{
    static const Binding kUnbound;
    const auto found = m_bindings.constFind(cluster);
    const Binding &b = found == m_bindings.constEnd() ? kUnbound : *found;
    *failed = false;
    if (!b.problem.isEmpty()) {
        *problem = b.problem;
        return false;
    }
    if (b.perNamespace) {
        const models::NamespaceDirectory *dir = m_context->fleet()->namespaces();
        if (!dir->isSynced(cluster))
            return true;
        if (b.namespaceInformers.isEmpty()) {
            *failed = true;
            *problem = b.refusal;
            return false;
        }
        return std::any_of(b.namespaceInformers.cbegin(), b.namespaceInformers.cend(), [](const models::InformerRef &r) {
            return !r->hasSynced() && r->state() != models::Informer::State::Failed;
        });
    }
    if (!b.informer) {
        if (m_context->fleet()->clusterState(cluster) == ClusterConnection::State::Failed) {
            *failed = true;
            const auto e = m_context->fleet()->clusterError(cluster);
            *problem = e ? e->message : tr("unreachable");
            return false;
        }
        return true;
    }
    if (b.informer->state() == models::Informer::State::Failed) {
        *failed = true;
        const auto e = b.informer->lastError();
        *problem = e ? e->message : tr("failed");
        return false;
    }
    return !b.informer->hasSynced();
}

bool ResourceTableView::isLoading() const
{
    for (const QString &c : m_query.clusters) {
        QString problem;
        bool failed = false;
        if (bindingLoading(c, &problem, &failed))
            return true;
    }
    return false;
}

int ResourceTableView::rowCount() const
{
    return m_proxy->rowCount();
}

void ResourceTableView::scheduleState()
{
    if (!m_stateTimer.isActive())
        m_stateTimer.start();
}

void ResourceTableView::updateState()
{
    int loading = 0, failed = 0;
    QStringList problems;
    for (const QString &c : m_query.clusters) {
        QString problem;
        bool isFailed = false;
        if (bindingLoading(c, &problem, &isFailed))
            ++loading;
        if (isFailed)
            ++failed;
        if (!problem.isEmpty())
            problems << QStringLiteral("%1: %2").arg(c, problem);
    }
    const int rows = m_proxy->rowCount();
    const int total = m_model->rowCount();
    QString text;
    const QString kind = m_resource.resource.isEmpty() ? m_query.resource : m_resource.resource;
    if (loading > 0)
        text = tr("Loading %1… (%2 of %3 clusters)").arg(kind).arg(m_query.clusters.size() - loading).arg(m_query.clusters.size());
    else if (total == 0 && failed == 0)
        text = tr("No %1").arg(kind);
    else if (rows != total)
        text = tr("%1 of %2").arg(rows).arg(total);
    else
        text = rows == 1 ? tr("1 item") : tr("%1 items").arg(rows);
    if (failed > 0)
        text += failed == 1 ? tr(" · 1 cluster failed") : tr(" · %1 clusters failed").arg(failed);
    m_state->setText(text);
    m_state->setToolTip(problems.join(QLatin1Char('\n')));
    Q_EMIT stateChanged();
}

models::KubeObject ResourceTableView::currentObject() const
{
    const QModelIndex i = m_view->currentIndex();
    if (!i.isValid())
        return {};
    return m_model->objectAt(m_proxy->sourceRow(i.row()));
}

QString ResourceTableView::currentCluster() const
{
    const QModelIndex i = m_view->currentIndex();
    if (!i.isValid())
        return {};
    return m_model->clusterAt(m_proxy->sourceRow(i.row()));
}

QList<ResourceTableView::Selected> ResourceTableView::selectedObjects() const
{
    QList<Selected> out;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        const int r = m_proxy->sourceRow(i.row());
        out.append({m_model->clusterAt(r), m_model->objectAt(r)});
    }
    if (out.isEmpty() && m_view->currentIndex().isValid())
        out.append({currentCluster(), currentObject()});
    return out;
}

bool ResourceTableView::selectObject(const QString &cluster, const QString &key)
{
    const int src = m_model->rowOf(cluster, key);
    if (src < 0)
        return false;
    const QModelIndex pi = m_proxy->mapFromSource(m_model->index(src, 0));
    if (!pi.isValid())
        return false;
    m_view->setCurrentIndex(pi);
    m_view->selectionModel()->select(pi, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(pi);
    return true;
}

} // namespace acp::views
