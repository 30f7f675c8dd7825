#include "models/ResourceFilterProxyModel.h"

#include "models/ResourceFilterProxyModelJob.h"
#include "models/ResourceTableModel.h"

#include <QLoggingCategory>

#include <algorithm>
#include <numeric>

namespace acp::models {

ResourceFilterProxyModel::ResourceFilterProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

void ResourceFilterProxyModel::setSourceModel(QAbstractItemModel *source)
{
    auto *model = qobject_cast<ResourceTableModel *>(source);
    if (source && !model) {
        qWarning("ResourceFilterProxyModel: the source must be a ResourceTableModel; ignored");
        return;
    }
    if (model == m_model && model)
        return;
    beginResetModel();
    disconnectSource();
    if (m_pendingSort) {
        m_sortColumn = m_pendingSort->column;
        m_sortOrder = m_pendingSort->order;
        m_sortTitle = m_pendingSort->title;
    }
    m_model = model;
    QAbstractProxyModel::setSourceModel(model);
    connectSource();
    remapSortColumn();
    m_index.reset(m_model);
    restartAfterReset();
    rebuild();
    endResetModel();
}

void ResourceFilterProxyModel::connectSource()
{
    if (!m_model)
        return;
    using M = QAbstractItemModel;
    auto *src = m_model.data();
    m_connections = {
        // Deferred moves land before rows are merged in: a merge needs m_order sorted.
        connect(src, &M::rowsAboutToBeInserted, this, [this] {
            if (!m_pendingMoves.isEmpty() && !m_resetting)
                flushMoves();
        }),
        connect(src, &M::rowsInserted, this, &ResourceFilterProxyModel::onRowsInserted),
        connect(src, &M::rowsAboutToBeRemoved, this, &ResourceFilterProxyModel::onRowsAboutToBeRemoved),
        connect(src, &M::rowsRemoved, this, &ResourceFilterProxyModel::onRowsRemoved),
        connect(src, &M::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br) { onDataChanged(tl, br); }),
        connect(src, &M::modelAboutToBeReset, this, &ResourceFilterProxyModel::onAboutToReset),
        connect(src, &M::modelReset, this, &ResourceFilterProxyModel::onReset),
        // A ResourceTableModel changes columns and moves rows only through resets; anything else
        // is handled as a reset too.
        connect(src, &M::layoutAboutToBeChanged, this, &ResourceFilterProxyModel::onAboutToReset),
        connect(src, &M::layoutChanged, this, &ResourceFilterProxyModel::onReset),
        connect(src, &M::columnsAboutToBeInserted, this, &ResourceFilterProxyModel::onAboutToReset),
        connect(src, &M::columnsInserted, this, &ResourceFilterProxyModel::onReset),
        connect(src, &M::columnsAboutToBeRemoved, this, &ResourceFilterProxyModel::onAboutToReset),
        connect(src, &M::columnsRemoved, this, &ResourceFilterProxyModel::onReset),
        connect(src, &M::rowsAboutToBeMoved, this, &ResourceFilterProxyModel::onAboutToReset),
        connect(src, &M::rowsMoved, this, &ResourceFilterProxyModel::onReset),
        connect(src, &M::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
        connect(src, &QObject::destroyed, this, [this] {
            beginResetModel();
            cancelJobs();
            m_pendingSort.reset();
            m_activeMask = m_statusMask;
            m_connections.clear();
            m_order.clear();
            m_rows.clear();
            m_keys.clear();
            m_keyObjects.clear();
            m_index.reset(nullptr);
            m_mapDirty = true;
            endResetModel();
            updateBusy();
        }),
    };
}

void ResourceFilterProxyModel::disconnectSource()
{
    for (const auto &c : std::as_const(m_connections))
        QObject::disconnect(c);
    m_connections.clear();
}

// ---- filters ----

namespace {

bool isAscii(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() > 127)
            return false;
    }
    return true;
}

} // namespace

bool ResourceFilterProxyModel::accepts(int r) const
{
    if (!m_clusters.isEmpty() && !m_index.clusterOk(r))
        return false;
    if (!m_namespaces.isEmpty() && !m_index.namespaceOk(r))
        return false;
    if (!m_text.isEmpty()) {
        const bool found = m_textAscii ? m_index.nameContains(r, m_text)
                                       : m_model->objectAt(r).name().contains(m_text, Qt::CaseInsensitive);
        if (found == m_textInverse)
            return false;
    }
    if (m_selector && !m_index.labelsOk(r))
        return false;
    if (m_activeMask && !(m_activeMask & (1u << m_model->stateAt(r))))
        return false;
    return true;
}

bool ResourceFilterProxyModel::isFiltering() const
{
    return m_rows.size() != m_order.size();
}

void ResourceFilterProxyModel::setFilterText(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    QString q = query.trimmed();
    if (q.startsWith(u'/'))
        q = q.mid(1).trimmed();
    if (q.startsWith(QLatin1String("-l ")) || q == QLatin1String("-l")) {
        m_text.clear();
        m_textInverse = false;
        const bool changedSelector = q.mid(2).trimmed() != m_selectorText;
        if (changedSelector)
            setLabelSelector(q.mid(2).trimmed()); // applies the filter change
        else
            applyFilterChange();
        return;
    }
    m_textInverse = q.startsWith(u'!');
    m_text = m_textInverse ? q.mid(1) : q;
    m_textAscii = isAscii(m_text);
    if (m_textAscii)
        m_text = m_text.toLower();
    applyFilterChange();
}

void ResourceFilterProxyModel::setNamespaces(const QSet<QString> &namespaces)
{
    if (namespaces == m_namespaces)
        return;
    m_namespaces = namespaces;
    applyFilterChange();
}

void ResourceFilterProxyModel::setClusters(const QSet<QString> &clusters)
{
    if (clusters == m_clusters)
        return;
    m_clusters = clusters;
    applyFilterChange();
}

bool ResourceFilterProxyModel::setLabelSelector(const QString &selector)
{
    m_selectorText = selector;
    QString error;
    std::optional<LabelSelector> parsed;
    if (!selector.trimmed().isEmpty()) {
        const auto result = LabelSelector::parse(selector);
        if (result.ok())
            parsed = result.value();
        else
            error = result.error().message;
    }
    if (error != m_selectorError) {
        m_selectorError = error;
        Q_EMIT labelSelectorErrorChanged(error);
    }
    const bool changed = bool(parsed) != bool(m_selector) || (parsed && !(*parsed == *m_selector));
    m_selector = parsed;
    if (changed)
        applyFilterChange();
    return error.isEmpty();
}

void ResourceFilterProxyModel::setStatuses(const QSet<ObjectStatus::State> &states)
{
    quint32 mask = 0;
    for (ObjectStatus::State s : states)
        mask |= 1u << s;
    if (mask == m_statusMask)
        return;
    m_statusMask = mask;
    applyFilterChange();
}

QSet<ObjectStatus::State> ResourceFilterProxyModel::statuses() const
{
    QSet<ObjectStatus::State> out;
    for (int s = 0; s < ObjectStatus::StateCount; ++s) {
        if (m_statusMask & (1u << s))
            out.insert(ObjectStatus::State(s));
    }
    return out;
}

void ResourceFilterProxyModel::clearFilters()
{
    m_query.clear();
    m_text.clear();
    m_textInverse = false;
    m_namespaces.clear();
    m_clusters.clear();
    m_statusMask = 0;
    m_selector.reset();
    m_selectorText.clear();
    if (!m_selectorError.isEmpty()) {
        m_selectorError.clear();
        Q_EMIT labelSelectorErrorChanged(QString());
    }
    applyFilterChange();
}

void ResourceFilterProxyModel::applyFilterChange()
{
    m_index.setCriteria(m_namespaces, m_clusters, m_selector);
    if (m_statusMask != m_activeMask) {
        cancelJobs(int(Job::Status)); // a newer request supersedes a pending one
        if (statusNeedsAsync())
            startStatusJob(); // m_activeMask stays in force until it completes
        else
            m_activeMask = m_statusMask;
    } else {
        cancelJobs(int(Job::Status)); // the request in force again: a pending one is moot
    }
    if (m_model)
        relayout([this] { refilter(); });
    updateBusy();
    Q_EMIT filterChanged();
}

// ---- order and mapping ----

bool ResourceFilterProxyModel::less(int a, int b) const
{
    if (m_sortColumn >= 0) {
        const int c = SortKey::compare(m_keys.at(a), m_keys.at(b));
        if (c != 0)
            return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    }
    return a < b;
}

void ResourceFilterProxyModel::computeKeys(int first, int last)
{
    // Computed columns: the source computes the rows' cells in parallel, a cache-full at a time.
    const bool computed = m_model->needsCells(m_sortColumn);
    const int chunk = qMax(64, m_model->cellCacheLimit() / 2);
    for (int a = first; a <= last; a += chunk) {
        const int b = qMin(last, a + chunk - 1);
        if (computed)
            m_model->prefetch(a, b);
        for (int r = a; r <= b; ++r) {
            m_keys[r] = m_model->sortKeyAt(r, m_sortColumn);
            m_keyObjects[r] = m_model->objectAt(r);
        }
    }
}

void ResourceFilterProxyModel::rebuild(bool reuseKeys)
{
    m_pendingMoves.clear();   // every row is placed anew
    const int n = m_model ? m_model->rowCount() : 0;
    m_order.resize(n);
    std::iota(m_order.begin(), m_order.end(), 0);
    if (!reuseKeys || m_keys.size() != n) {
        m_keys.clear();
        m_keyObjects.clear();
    }
    if (m_sortColumn >= 0 && n > 0) {
        if (m_keys.size() != n) {
            m_keys.resize(n);
            m_keyObjects.resize(n);
            computeKeys(0, n - 1);
        }
        std::stable_sort(m_order.begin(), m_order.end(), [this](int a, int b) { return less(a, b); });
    }
    refilter();
}

void ResourceFilterProxyModel::refilter()
{
    m_rows.clear();
    m_rows.reserve(m_order.size());
    const bool all = m_text.isEmpty() && m_namespaces.isEmpty() && m_clusters.isEmpty() && !m_selector
                     && !m_activeMask;
    if (all) {
        m_rows = m_order;
    } else {
        if (m_activeMask) { // every row's state, computed in parallel where unknown
            const int chunk = qMax(64, m_model->cellCacheLimit());
            for (int a = 0; a < m_order.size(); a += chunk)
                m_model->prefetch(a, a + chunk - 1, ResourceTableModel::Prefetch::States);
        }
        for (int r : std::as_const(m_order)) {
            if (accepts(r))
                m_rows.append(r);
        }
    }
    m_mapDirty = true;
}

void ResourceFilterProxyModel::ensureMap() const
{
    if (!m_mapDirty)
        return;
    m_map.fill(-1, m_order.size());
    for (int p = 0; p < m_rows.size(); ++p)
        m_map[m_rows.at(p)] = p;
    m_mapDirty = false;
}

void ResourceFilterProxyModel::relayout(const std::function<void()> &change)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QVector<int> sourceRows(from.size(), -1);
    for (int i = 0; i < from.size(); ++i) {
        const int p = from.at(i).row();
        if (p >= 0 && p < m_rows.size())
            sourceRows[i] = m_rows.at(p);
    }
    change();
    m_mapDirty = true;
    ensureMap();
    QModelIndexList to;
    to.reserve(from.size());
    for (int i = 0; i < from.size(); ++i) {
        const int p = sourceRows.at(i) >= 0 && sourceRows.at(i) < m_map.size() ? m_map.at(sourceRows.at(i)) : -1;
        to.append(p >= 0 ? createIndex(p, from.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ResourceFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (!m_model || column >= m_model->columnCount())
        column = -1;
    if (m_pendingSort && m_pendingSort->column == column && m_pendingSort->order == order)
        return; // already on its way
    // Keys are kept up to date for the column on show: only reorder.
    const bool sameColumn = column == m_sortColumn && (column < 0 || m_keys.size() == m_order.size());
    cancelJobs(int(Job::Sort)); // a newer request supersedes a pending one
    m_pendingSort.reset();
    if (sortNeedsAsync(column, sameColumn)) {
        startSortJob(column, order); // the current order stays on show until it completes
        return;
    }
    m_sortColumn = column;
    m_sortTitle = column >= 0 ? m_model->headerData(column, Qt::Horizontal).toString() : QString();
    m_sortOrder = order;
    if (!sameColumn)
        ++m_sortGeneration;
    updateBusy();
    if (!m_model)
        return;
    relayout([this, sameColumn] { rebuild(sameColumn); });
}

void ResourceFilterProxyModel::remapSortColumn()
{
    if (m_sortColumn < 0)
        return;
    m_sortColumn = -1;
    for (int c = 0; m_model && c < m_model->columnCount(); ++c) {
        if (m_model->headerData(c, Qt::Horizontal).toString() == m_sortTitle)
            m_sortColumn = c;
    }
    if (m_sortColumn < 0)
        m_sortTitle.clear();
}

// ---- QAbstractProxyModel ----

QModelIndex ResourceFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_model || !proxyIndex.isValid() || proxyIndex.model() != this || proxyIndex.row() >= m_rows.size())
        return QModelIndex();
    return m_model->index(m_rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex ResourceFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_model || !sourceIndex.isValid() || sourceIndex.model() != m_model)
        return QModelIndex();
    ensureMap();
    const int p = sourceIndex.row() < m_map.size() ? m_map.at(sourceIndex.row()) : -1;
    return p < 0 ? QModelIndex() : createIndex(p, sourceIndex.column());
}

QModelIndex ResourceFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 || column >= columnCount())
        return QModelIndex();
    return createIndex(row, column);
}

QModelIndex ResourceFilterProxyModel::parent(const QModelIndex &) const
{
    return QModelIndex();
}

QModelIndex ResourceFilterProxyModel::sibling(int row, int column, const QModelIndex &idx) const
{
    return idx.isValid() ? index(row, column) : QModelIndex();
}

int ResourceFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResourceFilterProxyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_model ? 0 : m_model->columnCount();
}

bool ResourceFilterProxyModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.isEmpty() && columnCount() > 0;
}

QVariant ResourceFilterProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_model)
        return QVariant();
    if (orientation == Qt::Horizontal)
        return m_model->headerData(section, orientation, role);
    if (role == Qt::DisplayRole && section >= 0 && section < m_rows.size())
        return section + 1;
    return QVariant();
}

} // namespace acp::models
