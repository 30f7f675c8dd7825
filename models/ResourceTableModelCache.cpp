// ResourceTableModel: the clock and the per-row cell cache (see the class comment).
#include "models/ResourceTableModel.h"

#include "models/ResourceTableModelData.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace acp::models {

namespace {
constexpr qint64 kDisplayMaxAgeMs = 30000; // cached display cells older than this are recomputed
constexpr int kMinCacheLimit = 64;
} // namespace

void ResourceTableModel::setCurrentTime(const QDateTime &now)
{
    m_now = now;
}

QDateTime ResourceTableModel::currentTime() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

qint64 ResourceTableModel::nowMs() const
{
    return m_now.isValid() ? m_now.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

void ResourceTableModel::setCellCacheLimit(int rows)
{
    m_cacheLimit = qMax(kMinCacheLimit, rows);
    clearCellCache();
}

void ResourceTableModel::clearCellCache()
{
    m_cache.clear();
    m_cache.shrink_to_fit();
    m_cacheNext = 0;
}

int ResourceTableModel::cachedRowCount() const
{
    int n = 0;
    for (const Row &row : m_rows) {
        if (row.cacheSlot >= 0 && size_t(row.cacheSlot) < m_cache.size()
            && m_cache[size_t(row.cacheSlot)].object.sharesDataWith(row.object))
            ++n;
    }
    return n;
}

bool ResourceTableModel::ownsSlot(const Row &row) const
{
    return row.cacheSlot >= 0 && size_t(row.cacheSlot) < m_cache.size()
           && m_cache[size_t(row.cacheSlot)].object.sharesDataWith(row.object);
}

// Any thread: pure function of its arguments (KubeObject and PrinterColumns are thread-safe).
ResourceTableModel::CacheEntry ResourceTableModel::compute(const TableColumns &columns, const KubeObject &object,
                                                           const QDateTime &now)
{
    CacheEntry e;
    e.object = object;
    const QJsonObject json = object.parseJson();
    if (columns.printer().isValid() && columns.hasPrinterCells())
        e.cells = columns.printer().cells(json, now);
    e.status = columns.statusFunction()(json);
    if (object.deletionTimestamp().isValid())
        e.status.state = ObjectStatus::Terminating;
    e.computedAtMs = now.toMSecsSinceEpoch();
    return e;
}

const ResourceTableModel::CacheEntry &ResourceTableModel::install(const Row &row, CacheEntry &&entry) const
{
    row.state = qint8(entry.status.state);
    int slot = row.cacheSlot;
    if (!ownsSlot(row)) {
        if (int(m_cache.size()) < m_cacheLimit) {
            slot = int(m_cache.size());
            m_cache.emplace_back();
        } else {
            slot = m_cacheNext;
            m_cacheNext = (m_cacheNext + 1) % m_cacheLimit;
        }
        row.cacheSlot = slot;
    }
    m_cache[size_t(slot)] = std::move(entry);
    return m_cache[size_t(slot)];
}

const ResourceTableModel::CacheEntry &ResourceTableModel::cache(const Row &row, bool forDisplay) const
{
    if (ownsSlot(row)) {
        const CacheEntry &e = m_cache[size_t(row.cacheSlot)];
        if (!forDisplay || qAbs(nowMs() - e.computedAtMs) <= kDisplayMaxAgeMs)
            return e;
    }
    return install(row, compute(m_columns, row.object, currentTime()));
}

void ResourceTableModel::prefetch(int first, int last, Prefetch what) const
{
    first = qMax(0, first);
    last = qMin(last, int(m_rows.size()) - 1);
    QVector<int> todo;
    for (int r = first; r <= last && todo.size() < m_cacheLimit; ++r) {
        const Row &row = m_rows.at(r);
        if (what == Prefetch::States ? row.state < 0 : !ownsSlot(row))
            todo.append(r);
    }
    if (todo.size() < 64) { // not worth the thread hand-off
        for (int r : std::as_const(todo))
            cache(m_rows.at(r), false);
        return;
    }
    QVector<KubeObject> objects;
    objects.reserve(todo.size());
    for (int r : std::as_const(todo))
        objects.append(m_rows.at(r).object);
    const TableColumns columns = m_columns;
    if (what == Prefetch::States) { // the status alone: no printer cells
        std::function<int(const KubeObject &)> work = [columns](const KubeObject &o) {
            if (o.deletionTimestamp().isValid())
                return int(ObjectStatus::Terminating);
            return int(columns.statusFunction()(o.parseJson()).state);
        };
        const QList<int> states = QtConcurrent::blockingMapped<QList<int>>(objects, work);
        for (int i = 0; i < todo.size(); ++i)
            m_rows.at(todo.at(i)).state = qint8(states.at(i));
        return;
    }
    const QDateTime now = currentTime();
    std::function<CacheEntry(const KubeObject &)> work = [columns, now](const KubeObject &o) {
        return compute(columns, o, now);
    };
    QList<CacheEntry> entries = QtConcurrent::blockingMapped<QList<CacheEntry>>(objects, work);
    for (int i = 0; i < todo.size(); ++i)
        install(m_rows.at(todo.at(i)), std::move(entries[i]));
}

int ResourceTableModel::knownStateCount() const
{
    int n = 0;
    for (const Row &row : m_rows)
        n += row.state >= 0 ? 1 : 0;
    return n;
}

void ResourceTableModel::setStatusWarmUp(bool on)
{
    m_warmUp = on;
    if (on)
        scheduleWarmUp();
}

void ResourceTableModel::scheduleWarmUp()
{
    if (!m_warmUp || m_warmUpRunning || m_warmUpScheduled)
        return;
    m_warmUpScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_warmUpScheduled = false;
        warmUpStep();
    });
}

void ResourceTableModel::warmUpStep()
{
    if (!m_warmUp || m_warmUpRunning)
        return;
    constexpr int kBatch = 2048;
    QVector<quint32> ids;
    QVector<KubeObject> objects;
    const int n = int(m_rows.size());
    for (int seen = 0; seen < n && ids.size() < kBatch; ++seen) {
        const int r = (m_warmUpCursor + seen) % n;
        const Row &row = m_rows.at(r);
        if (row.state < 0) {
            ids.append(row.id);
            objects.append(row.object);
        }
        if (ids.size() == kBatch || seen == n - 1)
            m_warmUpCursor = (r + 1) % n;
    }
    if (ids.isEmpty())
        return; // everything known; scheduleWarmUp() runs again when rows arrive or change
    m_warmUpRunning = true;
    const TableColumns columns = m_columns;
    auto *watcher = new QFutureWatcher<QVector<qint8>>(this);
    const int generation = m_generation;
    connect(watcher, &QFutureWatcher<QVector<qint8>>::finished, this, [this, watcher, ids, objects, generation] {
        const QVector<qint8> states = watcher->result();
        watcher->deleteLater();
        m_warmUpRunning = false;
        for (int i = 0; generation == m_generation && i < ids.size() && i < states.size(); ++i) {
            const int r = ids.at(i) < quint32(m_posOfId.size()) ? m_posOfId.at(ids.at(i)) : -1;
            if (r >= 0 && m_rows.at(r).object.sharesDataWith(objects.at(i)) && m_rows.at(r).state < 0)
                m_rows.at(r).state = states.at(i);
        }
        scheduleWarmUp();
    });
    watcher->setFuture(QtConcurrent::run([columns, objects] {
        QVector<qint8> states;
        states.reserve(objects.size());
        for (const KubeObject &o : objects) {
            states.append(qint8(o.deletionTimestamp().isValid()
                                    ? ObjectStatus::Terminating
                                    : columns.statusFunction()(o.parseJson()).state));
        }
        return states;
    }));
}

} // namespace acp::models

namespace acp::models {

bool ResourceTableModel::needsParse(int row, int column) const
{
    return needsCells(column) && !ownsSlot(m_rows.at(row));
}

ResourceTableModel::ComputeFunction ResourceTableModel::computeFunction(int column) const
{
    const TableColumns columns = m_columns;
    const QDateTime now = currentTime();
    if (!needsCells(column)) { // the state alone: no printer cells
        return [columns](const KubeObject &o) {
            Computed c;
            c.state = qint8(o.deletionTimestamp().isValid() ? ObjectStatus::Terminating
                                                            : columns.statusFunction()(o.parseJson()).state);
            return c;
        };
    }
    const TableColumn col = m_visible.at(column);
    return [columns, col, now](const KubeObject &o) {
        const CacheEntry e = compute(columns, o, now);
        Computed c;
        c.state = qint8(e.status.state);
        const bool hasCell = col.printerIndex >= 0 && col.printerIndex < e.cells.size();
        if (col.source == TableColumn::Source::Status) { // as sortKeyAt
            c.key = SortKey::fromNumber(double(e.status.state));
            c.key.text = hasCell ? TableColumn::cellText(e.cells.at(col.printerIndex)) : e.status.reason;
        } else if (hasCell) {
            c.key = TableColumn::cellSortKey(e.cells.at(col.printerIndex), col.sortKind);
        }
        return c;
    };
}

void ResourceTableModel::adoptState(int row, const KubeObject &object, qint8 state)
{
    if (row < 0 || row >= m_rows.size() || state < 0)
        return;
    const Row &r = m_rows.at(row);
    if (r.object.sharesDataWith(object))
        r.state = state;
}

} // namespace acp::models
