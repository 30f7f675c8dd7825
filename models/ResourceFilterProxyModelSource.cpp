// ResourceFilterProxyModel: following the source's row operations (see the class comment).
#include "models/ResourceFilterProxyModel.h"

#include "models/ResourceFilterProxyModelJob.h"
#include "models/ResourceTableModel.h"

#include <algorithm>
#include <iterator>
#include <numeric>

namespace acp::models {

namespace {

constexpr int kMaxRuns = 64; // more separate row operations than this become one layout change

// Contiguous runs of ascending rows.
QVector<QPair<int, int>> runsOf(const QVector<int> &sortedRows)
{
    QVector<QPair<int, int>> runs;
    for (int r : sortedRows) {
        if (!runs.isEmpty() && runs.last().second + 1 == r)
            runs.last().second = r;
        else
            runs.append({r, r});
    }
    return runs;
}

} // namespace

void ResourceFilterProxyModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting || !m_model)
        return;
    const int count = last - first + 1;
    m_index.insert(*m_model, first, last);
    shiftJobRows(first, count);
    for (int &r : m_order) {
        if (r >= first)
            r += count;
    }
    for (int &r : m_rows) {
        if (r >= first)
            r += count;
    }
    if (m_sortColumn >= 0) {
        m_keys.insert(first, count, SortKey{});
        m_keyObjects.insert(first, count, KubeObject());
        computeKeys(first, last);
    }
    const auto cmp = [this](int a, int b) { return less(a, b); };
    QVector<int> fresh(count);
    std::iota(fresh.begin(), fresh.end(), first);
    if (m_sortColumn >= 0)
        std::stable_sort(fresh.begin(), fresh.end(), cmp);
    QVector<int> merged;
    merged.reserve(m_order.size() + count);
    std::merge(m_order.cbegin(), m_order.cend(), fresh.cbegin(), fresh.cend(), std::back_inserter(merged), cmp);
    m_order = std::move(merged);
    m_mapDirty = true;

    // Accepted new rows, grouped by the proxy position they land at.
    QVector<QPair<int, QVector<int>>> groups;
    for (int r : std::as_const(fresh)) {
        if (!accepts(r))
            continue;
        const int pos = int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), r, cmp) - m_rows.cbegin());
        if (!groups.isEmpty() && groups.last().first == pos)
            groups.last().second.append(r);
        else
            groups.append({pos, {r}});
    }
    if (groups.size() > kMaxRuns) {
        relayout([&] {
            QVector<int> accepted;
            for (const auto &g : std::as_const(groups))
                accepted += g.second;
            QVector<int> rows;
            rows.reserve(m_rows.size() + accepted.size());
            std::merge(m_rows.cbegin(), m_rows.cend(), accepted.cbegin(), accepted.cend(), std::back_inserter(rows), cmp);
            m_rows = std::move(rows);
        });
        return;
    }
    int shift = 0;
    for (const auto &g : std::as_const(groups)) {
        const int at = g.first + shift;
        const int k = int(g.second.size());
        beginInsertRows(QModelIndex(), at, at + k - 1);
        m_rows.insert(at, k, 0);
        std::copy(g.second.cbegin(), g.second.cend(), m_rows.begin() + at);
        m_mapDirty = true;
        endInsertRows();
        shift += k;
    }
}

void ResourceFilterProxyModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting || !m_model)
        return;
    QVector<int> proxyRows;
    for (int p = 0; p < m_rows.size(); ++p) {
        if (m_rows.at(p) >= first && m_rows.at(p) <= last)
            proxyRows.append(p);
    }
    const auto runs = runsOf(proxyRows);
    if (runs.size() > kMaxRuns) {
        relayout([&] {
            m_rows.removeIf([first, last](int r) { return r >= first && r <= last; });
        });
        return;
    }
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
        beginRemoveRows(QModelIndex(), it->first, it->second);
        m_rows.remove(it->first, it->second - it->first + 1);
        m_mapDirty = true;
        endRemoveRows();
    }
}

void ResourceFilterProxyModel::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting || !m_model)
        return;
    const int count = last - first + 1;
    m_order.removeIf([first, last](int r) { return r >= first && r <= last; });
    for (int &r : m_order) {
        if (r > last)
            r -= count;
    }
    for (int &r : m_rows) {
        if (r > last)
            r -= count;
    }
    if (m_sortColumn >= 0) {
        m_keys.remove(first, count);
        m_keyObjects.remove(first, count);
    }
    shiftJobRows(first, -count);
    m_index.remove(first, last);
    m_mapDirty = true;
}

void ResourceFilterProxyModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!topLeft.isValid() || !bottomRight.isValid() || m_resetting || !m_model)
        return;
    const int r0 = topLeft.row(), r1 = bottomRight.row();
    m_index.update(*m_model, r0, r1);
    ensureMap();
    // Rows whose sort key changed with their object (keys are pure functions of the object: rows
    // of the span that did not change keep theirs), and those of them that need a JSON parse.
    const auto keyStale = [this](int r) {
        return m_sortColumn >= 0 && !m_keyObjects.at(r).sharesDataWith(m_model->objectAt(r));
    };
    QVector<int> parse;
    for (int r = r0; m_asyncThreshold >= 0 && r <= r1; ++r) {
        if ((keyStale(r) && m_model->needsParse(r, m_sortColumn)) || (m_activeMask && !m_model->isStateKnown(r)))
            parse.append(r);
    }
    const bool defer = m_asyncThreshold >= 0 && !parse.isEmpty() && parse.size() >= m_asyncThreshold;
    bool moved = false, acceptChanged = false;
    QVector<int> keyChanged;   // rows of the span whose sort key changed
    QVector<bool> nowAccepted(r1 - r0 + 1);
    for (int r = r0; r <= r1; ++r) {
        if (defer && std::binary_search(parse.cbegin(), parse.cend(), r)) {
            nowAccepted[r - r0] = m_map.at(r) >= 0; // placed when the pool has computed it
            continue;
        }
        if (keyStale(r)) {
            SortKey key = m_model->sortKeyAt(r, m_sortColumn);
            if (SortKey::compare(key, m_keys.at(r)) != 0) {
                moved = true;
                keyChanged.append(r);
            }
            m_keys[r] = std::move(key);
            m_keyObjects[r] = m_model->objectAt(r);
        }
        nowAccepted[r - r0] = accepts(r);
        if (nowAccepted[r - r0] != (m_map.at(r) >= 0))
            acceptChanged = true;
    }
    if (defer)
        startJob(int(Job::Update), parse, m_sortColumn);
    if (moved && !acceptChanged && m_moveDelayMs > 0) {
        deferMoves(keyChanged);   // rows stay in place (their cells update below)
        moved = false;
    } else if (moved && !m_pendingMoves.isEmpty()) {
        flushMoves();             // keep one ordering rule: deferred rows go first
    }
    if (moved || acceptChanged) {
        relayout([&] {
            const auto cmp = [this](int a, int b) { return less(a, b); };
            if (moved) {
                QVector<int> changed(r1 - r0 + 1);
                std::iota(changed.begin(), changed.end(), r0);
                std::stable_sort(changed.begin(), changed.end(), cmp);
                m_order.removeIf([r0, r1](int r) { return r >= r0 && r <= r1; });
                QVector<int> merged;
                merged.reserve(m_order.size() + changed.size());
                std::merge(m_order.cbegin(), m_order.cend(), changed.cbegin(), changed.cend(),
                           std::back_inserter(merged), cmp);
                m_order = std::move(merged);
            }
            // m_map still describes the old rows here (relayout rebuilds it afterwards).
            QVector<int> rows;
            rows.reserve(m_order.size());
            for (int r : std::as_const(m_order)) {
                if (r >= r0 && r <= r1 ? nowAccepted.at(r - r0) : m_map.at(r) >= 0)
                    rows.append(r);
            }
            m_rows = std::move(rows);
        });
    }
    ensureMap();
    QVector<int> proxyRows;
    for (int r = r0; r <= r1; ++r) {
        if (m_map.at(r) >= 0)
            proxyRows.append(m_map.at(r));
    }
    std::sort(proxyRows.begin(), proxyRows.end());
    for (const auto &run : runsOf(proxyRows))
        Q_EMIT dataChanged(index(run.first, topLeft.column()), index(run.second, bottomRight.column()));
}

void ResourceFilterProxyModel::onAboutToReset()
{
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void ResourceFilterProxyModel::onReset()
{
    if (!m_resetting)
        return;
    if (m_pendingSort) { // the request, not the order on show, follows its column
        m_sortColumn = m_pendingSort->column;
        m_sortOrder = m_pendingSort->order;
        m_sortTitle = m_pendingSort->title;
    }
    remapSortColumn();
    m_index.reset(m_model);
    restartAfterReset();
    rebuild();
    m_resetting = false;
    endResetModel();
}

} // namespace acp::models
