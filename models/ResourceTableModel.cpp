#include "models/ResourceTableModel.h"

#include "models/PrinterFormat.h"
#include "models/ResourceTableModelData.h"

#include <QSet>

namespace acp::models {

ResourceTableModel::ResourceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    updateVisibleColumns();
}

ResourceTableModel::~ResourceTableModel()
{
    for (const auto &seg : m_segments) {
        QObject::disconnect(seg->changed);
        QObject::disconnect(seg->destroyed);
    }
}

// ---- columns ----

ResourceTableModel::Options ResourceTableModel::visibleOptions() const
{
    Options o = m_options;
    QSet<QString> clusters;
    for (const auto &seg : m_segments)
        clusters.insert(seg->cluster);
    o.cluster = clusters.size() > 1;
    return o;
}

void ResourceTableModel::updateVisibleColumns()
{
    m_options = visibleOptions();
    m_visible = m_columns.visible(m_options);
}

void ResourceTableModel::setColumns(const TableColumns &columns)
{
    beginResetModel();
    m_columns = columns;
    ++m_generation;
    for (const Row &row : std::as_const(m_rows))
        row.state = -1; // another kind's status function
    clearCellCache();
    updateVisibleColumns();
    endResetModel();
}

void ResourceTableModel::setWide(bool wide)
{
    if (wide == m_options.wide)
        return;
    beginResetModel();
    m_options.wide = wide;
    updateVisibleColumns();
    endResetModel();
}

void ResourceTableModel::setNamespaceColumnVisible(bool visible)
{
    if (visible == m_options.namespaceColumn)
        return;
    beginResetModel();
    m_options.namespaceColumn = visible;
    updateVisibleColumns();
    endResetModel();
}

int ResourceTableModel::columnOf(TableColumn::Source source) const
{
    for (int i = 0; i < m_visible.size(); ++i) {
        if (m_visible.at(i).source == source)
            return i;
    }
    return -1;
}

// ---- stores ----

int ResourceTableModel::segmentOf(const ResourceStore *store) const
{
    for (int i = 0; i < int(m_segments.size()); ++i) {
        if (m_segments[size_t(i)]->store == store)
            return i;
    }
    return -1;
}

QList<ResourceStore *> ResourceTableModel::stores() const
{
    QList<ResourceStore *> out;
    for (const auto &seg : m_segments) {
        if (seg->live)
            out.append(seg->live.data());
    }
    return out;
}

QStringList ResourceTableModel::clusters() const
{
    QStringList out;
    for (const auto &seg : m_segments) {
        if (!out.contains(seg->cluster))
            out.append(seg->cluster);
    }
    return out;
}

void ResourceTableModel::addStore(const QString &cluster, ResourceStore *store)
{
    if (!store || segmentOf(store) >= 0)
        return;
    auto seg = std::make_unique<Segment>();
    seg->cluster = cluster;
    seg->store = store;
    seg->live = store;
    seg->offset = int(m_rows.size());
    seg->changed = connect(store, &ResourceStore::changed, this,
                           [this, store](const StoreDelta &delta) { onStoreChanged(store, delta); });
    seg->destroyed = connect(store, &QObject::destroyed, this, [this, store] {
        removeStore(store);
    });
    const QVector<KubeObject> objects = store->list();
    Segment &ref = *seg;
    m_segments.push_back(std::move(seg));
    const bool columnsChange = visibleOptions().cluster != m_options.cluster;
    if (columnsChange) {
        // The segment is registered before the reset begins only for visibleOptions(); its rows
        // are added inside the reset.
        beginResetModel();
        fillSegment(ref, objects, ref.offset);
        updateVisibleColumns();
        endResetModel();
    } else if (!objects.isEmpty()) {
        beginInsertRows(QModelIndex(), ref.offset, ref.offset + int(objects.size()) - 1);
        fillSegment(ref, objects, ref.offset);
        endInsertRows();
    }
    scheduleWarmUp();
}

void ResourceTableModel::removeStore(ResourceStore *store)
{
    const int s = segmentOf(store);
    if (s < 0)
        return;
    Segment &seg = *m_segments[size_t(s)];
    QObject::disconnect(seg.changed);
    QObject::disconnect(seg.destroyed);
    Options after = m_options;
    {
        QSet<QString> clusters;
        for (const auto &other : m_segments) {
            if (other.get() != &seg)
                clusters.insert(other->cluster);
        }
        after.cluster = clusters.size() > 1;
    }
    const bool reset = after.cluster != m_options.cluster;
    const int first = seg.offset, count = seg.size;
    if (reset)
        beginResetModel();
    else if (count > 0)
        beginRemoveRows(QModelIndex(), first, first + count - 1);
    eraseRows(first, count);
    m_segments.erase(m_segments.begin() + s);
    for (int i = first; i < m_rows.size(); ++i)
        --m_rows[i].segment;
    recomputeOffsets();
    renumberFrom(first);
    if (reset) {
        updateVisibleColumns();
        endResetModel();
    } else if (count > 0) {
        endRemoveRows();
    }
}

quint32 ResourceTableModel::allocateId()
{
    if (!m_freeIds.isEmpty())
        return m_freeIds.takeLast();
    m_posOfId.append(-1);
    return quint32(m_posOfId.size() - 1);
}

void ResourceTableModel::fillSegment(Segment &seg, const QVector<KubeObject> &objects, int at)
{
    const int s = segmentOf(seg.store);
    const int k = int(objects.size());
    m_rows.insert(at, k, Row{});
    for (int i = 0; i < k; ++i) {
        Row &row = m_rows[at + i];
        row.object = objects.at(i);
        row.id = allocateId();
        row.segment = s;
        seg.index.insert(row.object.key(), row.id);
    }
    seg.size += k;
    recomputeOffsets();
    renumberFrom(at);
}

void ResourceTableModel::eraseRows(int first, int count)
{
    for (int i = first; i < first + count; ++i) {
        Row &row = m_rows[i];
        Segment &seg = *m_segments[size_t(row.segment)];
        const auto it = seg.index.constFind(row.object.key());
        if (it != seg.index.constEnd() && *it == row.id)
            seg.index.erase(it);
        m_posOfId[row.id] = -1;
        m_freeIds.append(row.id);
        if (row.cacheSlot >= 0 && size_t(row.cacheSlot) < m_cache.size()
            && m_cache[size_t(row.cacheSlot)].object.sharesDataWith(row.object))
            m_cache[size_t(row.cacheSlot)] = CacheEntry{};
        --seg.size;
    }
    m_rows.remove(first, count);
}

void ResourceTableModel::renumberFrom(int row)
{
    for (int i = row; i < m_rows.size(); ++i)
        m_posOfId[m_rows[i].id] = i;
}

void ResourceTableModel::recomputeOffsets()
{
    int offset = 0;
    for (const auto &seg : m_segments) {
        seg->offset = offset;
        offset += seg->size;
    }
}

int ResourceTableModel::findRow(const Segment &seg, const QString &key) const
{
    const auto it = seg.index.constFind(key);
    return it == seg.index.constEnd() ? -1 : m_posOfId.at(*it);
}

int ResourceTableModel::rowOf(const QString &cluster, const QString &key) const
{
    for (const auto &seg : m_segments) {
        if (seg->cluster != cluster)
            continue;
        const int row = findRow(*seg, key);
        if (row >= 0)
            return row;
    }
    return -1;
}

// ---- data ----

const KubeObject &ResourceTableModel::objectAt(int row) const
{
    return m_rows.at(row).object;
}

const QString &ResourceTableModel::clusterAt(int row) const
{
    return m_segments[size_t(m_rows.at(row).segment)]->cluster;
}

ObjectStatus ResourceTableModel::statusAt(int row) const
{
    return cache(m_rows.at(row), false).status;
}

ObjectStatus::State ResourceTableModel::stateAt(int r) const
{
    const Row &row = m_rows.at(r);
    if (row.state < 0)
        cache(row, false);
    return ObjectStatus::State(row.state);
}

bool ResourceTableModel::needsCells(int column) const
{
    return column >= 0 && column < m_visible.size() && m_visible.at(column).needsCells();
}

QString ResourceTableModel::ageText(const KubeObject &o) const
{
    const QDateTime &created = o.creationTimestamp();
    if (!created.isValid())
        return QStringLiteral("<unknown>");
    return format::humanDuration(nowMs() - created.toMSecsSinceEpoch());
}

QString ResourceTableModel::textAt(int r, int column) const
{
    const Row &row = m_rows.at(r);
    const TableColumn &col = m_visible.at(column);
    switch (col.source) {
    case TableColumn::Source::Cluster:
        return clusterAt(r);
    case TableColumn::Source::Namespace:
        return row.object.namespaceName();
    case TableColumn::Source::Name:
        if (col.printerIndex >= 0)
            return TableColumn::cellText(cache(row, true).cells.at(col.printerIndex));
        return row.object.name();
    case TableColumn::Source::Age:
        return ageText(row.object);
    case TableColumn::Source::CreatedAt: {
        const QDateTime &t = row.object.creationTimestamp();
        return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z'
                           : QStringLiteral("0001-01-01T00:00:00Z");
    }
    case TableColumn::Source::Status: {
        const CacheEntry &e = cache(row, true);
        return col.printerIndex >= 0 ? TableColumn::cellText(e.cells.at(col.printerIndex)) : e.status.reason;
    }
    case TableColumn::Source::Printer:
        return TableColumn::cellText(cache(row, true).cells.at(col.printerIndex));
    }
    return QString();
}

SortKey ResourceTableModel::sortKeyAt(int r, int column) const
{
    const Row &row = m_rows.at(r);
    const TableColumn &col = m_visible.at(column);
    switch (col.source) {
    case TableColumn::Source::Cluster:
        return SortKey::fromText(clusterAt(r));
    case TableColumn::Source::Namespace:
        return SortKey::fromText(row.object.namespaceName());
    case TableColumn::Source::Name:
        return SortKey::fromText(row.object.name());
    case TableColumn::Source::Age:
    case TableColumn::Source::CreatedAt: {
        const QDateTime &t = row.object.creationTimestamp();
        return t.isValid() ? SortKey::fromNumber(double(t.toMSecsSinceEpoch())) : SortKey();
    }
    case TableColumn::Source::Status: {
        const CacheEntry &e = cache(row, false);
        // By semantic state (Unknown < Ok < ... < Terminating), then by the shown text.
        SortKey k = SortKey::fromNumber(double(e.status.state));
        k.text = col.printerIndex >= 0 ? TableColumn::cellText(e.cells.at(col.printerIndex)) : e.status.reason;
        return k;
    }
    case TableColumn::Source::Printer:
        return TableColumn::cellSortKey(cache(row, false).cells.at(col.printerIndex), col.sortKind);
    }
    return {};
}

int ResourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

QVariant ResourceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int r = index.row(), c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return textAt(r, c);
    case SortRole:
        return sortKeyAt(r, c).toVariant();
    case StatusRole:
        return int(stateAt(r));
    case StatusReasonRole:
        return statusAt(r).reason;
    case ObjectRole:
        return QVariant::fromValue(m_rows.at(r).object);
    case ClusterRole:
        return clusterAt(r);
    case KeyRole:
        return m_rows.at(r).object.key();
    default:
        return QVariant();
    }
}

QVariant ResourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_visible.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const TableColumn &col = m_visible.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return col.title;
    case Qt::ToolTipRole:
        return col.description;
    case ColumnSourceRole:
        return int(col.source);
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ResourceTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(StatusRole, "status");
    names.insert(StatusReasonRole, "statusReason");
    names.insert(ObjectRole, "object");
    names.insert(ClusterRole, "cluster");
    names.insert(KeyRole, "key");
    return names;
}

} // namespace acp::models
