// ResourceTableModel: store batches -> ranged row operations (see the class comment).
#include "models/ResourceTableModel.h"

#include "models/ResourceTableModelData.h"

#include <algorithm>

namespace acp::models {

namespace {

// More separate runs of updated rows than this in one batch are reported as one dataChanged
// over their span.
constexpr int kMaxUpdateRuns = 8;

// Contiguous runs of sorted rows: [(first, last), ...] ascending.
QVector<QPair<int, int>> runsOf(QVector<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QVector<QPair<int, int>> runs;
    for (int r : rows) {
        if (!runs.isEmpty() && runs.last().second + 1 == r)
            runs.last().second = r;
        else
            runs.append({r, r});
    }
    return runs;
}

} // namespace

void ResourceTableModel::onStoreChanged(ResourceStore *store, const StoreDelta &delta)
{
    const int s = segmentOf(store);
    if (s < 0 || delta.isEmpty())
        return;
    Segment &seg = *m_segments[size_t(s)];
    if (delta.reset) {
        if (seg.size == 0 && seg.live) {
            // A first list into an empty block: insert its rows, so proxies and views keep the
            // other stores' rows. Resetting here would rebuild every row of the aggregate once per
            // cluster as an all-clusters table fills (quadratic: 100 clusters x 1,000 pods spent
            // 9 s in resets; bench/README.md, ingest).
            applyAdditions(seg, seg.live->list());
            return;
        }
        resetSegment(seg);
        return;
    }
    QVector<int> removedRows;
    removedRows.reserve(delta.removed.size());
    for (const KubeObject &o : delta.removed) {
        const int row = findRow(seg, o.key());
        if (row >= 0)
            removedRows.append(row);
    }
    const QVector<QPair<int, int>> removeRuns = runsOf(removedRows);
    if (removeRuns.size() + (delta.added.isEmpty() ? 0 : 1) > m_rangeLimit) {
        resetSegment(seg);
        return;
    }
    // Bottom-up, so the rows of earlier runs keep their positions.
    for (auto it = removeRuns.crbegin(); it != removeRuns.crend(); ++it) {
        beginRemoveRows(QModelIndex(), it->first, it->second);
        eraseRows(it->first, it->second - it->first + 1);
        recomputeOffsets();
        endRemoveRows();
    }
    if (!removeRuns.isEmpty())
        renumberFrom(removeRuns.first().first);
    QVector<KubeObject> unknown;
    applyUpdates(seg, delta.updated, &unknown);
    if (!unknown.isEmpty() || !delta.added.isEmpty())
        applyAdditions(seg, delta.added + unknown);
    scheduleWarmUp();
}

void ResourceTableModel::applyUpdates(Segment &seg, const QVector<KubeObject> &updated,
                                      QVector<KubeObject> *unknown)
{
    QVector<int> rows;
    rows.reserve(updated.size());
    for (const KubeObject &o : updated) {
        const int r = findRow(seg, o.key());
        if (r < 0) {
            unknown->append(o);
            continue;
        }
        Row &row = m_rows[r];
        if (row.cacheSlot >= 0 && size_t(row.cacheSlot) < m_cache.size()
            && m_cache[size_t(row.cacheSlot)].object.sharesDataWith(row.object))
            m_cache[size_t(row.cacheSlot)] = CacheEntry{}; // free the old cells now
        row.object = o;
        row.state = -1;
        rows.append(r);
    }
    if (m_visible.isEmpty() || rows.isEmpty())
        return;
    const int lastColumn = int(m_visible.size()) - 1;
    const QVector<QPair<int, int>> runs = runsOf(rows);
    if (runs.size() > kMaxUpdateRuns) {
        // Scattered updates (a busy cluster): ONE signal over their span. Consumers pay per
        // signal (a sorting proxy re-places its rows once per dataChanged), so 30 runs per batch
        // cost 30 times as much as one (bench/README.md, churn).
        Q_EMIT dataChanged(index(runs.first().first, 0), index(runs.last().second, lastColumn));
        return;
    }
    for (const auto &run : runs)
        Q_EMIT dataChanged(index(run.first, 0), index(run.second, lastColumn));
}

void ResourceTableModel::applyAdditions(Segment &seg, const QVector<KubeObject> &added)
{
    // A key the block already holds is an update (defensive: stores report it as updated).
    QVector<KubeObject> fresh, existing;
    fresh.reserve(added.size());
    for (const KubeObject &o : added) {
        if (seg.index.contains(o.key()))
            existing.append(o);
        else
            fresh.append(o);
    }
    if (!existing.isEmpty()) {
        QVector<KubeObject> none;
        applyUpdates(seg, existing, &none);
    }
    if (fresh.isEmpty())
        return;
    const int at = seg.offset + seg.size;
    beginInsertRows(QModelIndex(), at, at + int(fresh.size()) - 1);
    fillSegment(seg, fresh, at);
    endInsertRows();
}

void ResourceTableModel::resetSegment(Segment &seg)
{
    beginResetModel();
    eraseRows(seg.offset, seg.size);
    recomputeOffsets();
    renumberFrom(seg.offset);
    seg.index.clear();
    if (seg.live)
        fillSegment(seg, seg.live->list(), seg.offset);
    clearCellCache();
    endResetModel();
    scheduleWarmUp();
}

} // namespace acp::models
