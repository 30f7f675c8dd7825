// ResourceFilterProxyModel: sort keys and states computed on the thread pool (see the class
// comment). A Job snapshots the objects of some source rows and follows those rows through source
// insertions and removals; its results are applied only to rows that still hold the same object
// (rows updated meanwhile are computed again: synchronously, or by a later job).
#include "models/ResourceFilterProxyModel.h"

#include "models/ResourceFilterProxyModelJob.h"
#include "models/ResourceTableModel.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <iterator>
#include <numeric>

namespace acp::models {

using Computed = ResourceTableModel::Computed;
using JobResult = ResourceFilterProxyModelJobResult;

namespace {

constexpr int kChunk = 1024; // objects per pool task

// Pool threads, never blocking one (a pool thread waiting for other pool tasks deadlocks a
// two-thread pool: the informers' decoding shares it): the values of `objects` in chunks mapped
// over the pool; the continuation (on the pool thread finishing the last chunk) concatenates them
// and, for a sort, computes the stable order of their keys, so that the GUI thread only adopts
// it. A canceled job skips the remaining parses.
QFuture<JobResult> compute(const QVector<KubeObject> &objects, const ResourceTableModel::ComputeFunction &fn,
                           const std::shared_ptr<std::atomic<bool>> &canceled, bool sort, bool descending)
{
    QVector<QPair<int, int>> chunks;
    for (int a = 0; a < objects.size(); a += kChunk)
        chunks.append({a, int(qMin<qsizetype>(objects.size(), a + kChunk))});
    std::function<QVector<Computed>(const QPair<int, int> &)> work = [objects, fn, canceled](const QPair<int, int> &c) {
        QVector<Computed> out;
        if (canceled->load(std::memory_order_relaxed))
            return out;
        out.reserve(c.second - c.first);
        for (int i = c.first; i < c.second; ++i)
            out.append(fn(objects.at(i)));
        return out;
    };
    return QtConcurrent::mapped(std::move(chunks), work).then([canceled, sort, descending](QFuture<QVector<Computed>> f) {
        JobResult out;
        if (canceled->load())
            return out;
        for (const QVector<Computed> &part : f.results())
            out.values += part;
        if (!sort)
            return out;
        out.order.resize(out.values.size());
        std::iota(out.order.begin(), out.order.end(), 0);
        const QVector<Computed> &v = out.values;
        std::stable_sort(out.order.begin(), out.order.end(), [&v, descending](int a, int b) {
            const int c = SortKey::compare(v.at(a).key, v.at(b).key);
            return descending ? c > 0 : c < 0;
        });
        return out;
    });
}

} // namespace


bool ResourceFilterProxyModel::sortNeedsAsync(int column, bool sameColumn) const
{
    if (m_asyncThreshold < 0 || !m_model || !m_model->needsCells(column) || sameColumn)
        return false;
    int parses = 0;
    for (int r = 0, n = m_model->rowCount(); r < n && parses < m_asyncThreshold; ++r)
        parses += m_model->needsParse(r, column) ? 1 : 0;
    return parses >= m_asyncThreshold;
}

bool ResourceFilterProxyModel::statusNeedsAsync() const
{
    if (m_asyncThreshold < 0 || !m_model || !m_statusMask)
        return false;
    int unknown = 0;
    for (int r = 0, n = m_model->rowCount(); r < n && unknown < m_asyncThreshold; ++r)
        unknown += m_model->isStateKnown(r) ? 0 : 1;
    return unknown >= m_asyncThreshold;
}

ResourceFilterProxyModel::~ResourceFilterProxyModel()
{
    disconnectSource();
    for (auto &job : m_jobs) {
        job->watcher->disconnect(this);
        job->cancel();
    }
}

ResourceFilterProxyModel::Job *ResourceFilterProxyModel::startJob(int kind, const QVector<int> &rows, int column)
{
    auto job = std::make_unique<Job>();
    job->kind = Job::Kind(kind);
    job->column = column;
    job->sortGeneration = m_sortGeneration;
    job->rows = rows;
    job->objects.reserve(rows.size());
    for (int r : rows)
        job->objects.append(m_model->objectAt(r));
    job->watcher = std::make_unique<QFutureWatcher<JobResult>>();
    Job *raw = job.get();
    connect(raw->watcher.get(), &QFutureWatcherBase::finished, this, [this, raw] { onJobFinished(raw); });
    const bool sort = kind == int(Job::Sort);
    const bool descending = m_pendingSortOrder == Qt::DescendingOrder;
    raw->watcher->setFuture(compute(raw->objects, m_model->computeFunction(column), raw->canceled, sort, descending));
    m_jobs.push_back(std::move(job));
    return raw;
}

void ResourceFilterProxyModel::startSortJob(int column, Qt::SortOrder order)
{
    cancelJobs(int(Job::Sort)); // supersede a pending sort
    QVector<int> rows(m_model->rowCount());
    std::iota(rows.begin(), rows.end(), 0);
    m_pendingSortOrder = order;
    Job *job = startJob(Job::Sort, rows, column);
    job->order = order;
    m_pendingSort = PendingSort{column, order, m_model->headerData(column, Qt::Horizontal).toString()};
    updateBusy();
}

void ResourceFilterProxyModel::startStatusJob()
{
    cancelJobs(int(Job::Status));
    QVector<int> rows;
    for (int r = 0, n = m_model->rowCount(); r < n; ++r) {
        if (!m_model->isStateKnown(r))
            rows.append(r);
    }
    startJob(Job::Status, rows, -1);
    updateBusy();
}

void ResourceFilterProxyModel::onJobFinished(Job *job)
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [job](const auto &j) { return j.get() == job; });
    if (it == m_jobs.end())
        return;
    std::unique_ptr<Job> owned = std::move(*it);
    m_jobs.erase(it);
    if (!owned->canceled->load() && m_model) {
        switch (owned->kind) {
        case Job::Sort: finishSort(*owned); break;
        case Job::Status: finishStatus(*owned); break;
        case Job::Update: finishUpdate(*owned); break;
        }
    }
    owned->watcher.release()->deleteLater(); // we are inside its finished() signal
    updateBusy();
}

void ResourceFilterProxyModel::finishSort(Job &job)
{
    const JobResult result = job.watcher->result();
    const QVector<Computed> &values = result.values;
    const int n = m_model->rowCount();
    // Unchanged since the start (the common case): adopt the pool's order as it is.
    bool intact = job.rows.size() == n && values.size() == n && result.order.size() == n;
    QVector<SortKey> keys(n);
    for (int i = 0; i < job.rows.size() && i < values.size(); ++i) {
        const int r = job.rows.at(i);
        if (r < 0 || !m_model->objectAt(r).sharesDataWith(job.objects.at(i))) {
            intact = false;
            if (r >= 0)
                job.objects[i] = KubeObject(); // updated meanwhile: computed again below
            continue;
        }
        intact = intact && r == i;
        keys[r] = values.at(i).key;
        m_model->adoptState(r, job.objects.at(i), values.at(i).state);
    }
    QVector<KubeObject> keyObjects;
    if (intact) {
        keyObjects = std::move(job.objects); // no per-object copies
    } else {
        keyObjects.resize(n);
        for (int i = 0; i < job.rows.size(); ++i) {
            if (job.rows.at(i) >= 0)
                keyObjects[job.rows.at(i)] = job.objects.at(i);
        }
    }
    m_sortColumn = job.column;
    m_sortOrder = job.order;
    m_sortTitle = m_model->headerData(job.column, Qt::Horizontal).toString();
    m_pendingSort.reset();
    ++m_sortGeneration;
    m_keys = std::move(keys);
    m_keyObjects = std::move(keyObjects);
    for (int r = 0; r < n && !intact; ++r) { // rows inserted or updated while the job ran (few)
        if (m_keyObjects.at(r).isNull()) {
            m_keys[r] = m_model->sortKeyAt(r, m_sortColumn);
            m_keyObjects[r] = m_model->objectAt(r);
        }
    }
    if (intact) {
        relayout([this, &result] {
            m_order = result.order;
            refilter();
        });
    } else {
        relayout([this] { rebuild(true); });
    }
}

void ResourceFilterProxyModel::finishStatus(Job &job)
{
    const QVector<Computed> results = job.watcher->result().values;
    for (int i = 0; i < job.rows.size() && i < results.size(); ++i) {
        if (job.rows.at(i) >= 0)
            m_model->adoptState(job.rows.at(i), job.objects.at(i), results.at(i).state);
    }
    m_activeMask = m_statusMask;
    relayout([this] { refilter(); });
}

void ResourceFilterProxyModel::finishUpdate(Job &job)
{
    const QVector<Computed> results = job.watcher->result().values;
    const bool keysValid = job.sortGeneration == m_sortGeneration && job.column == m_sortColumn && m_sortColumn >= 0;
    QVector<int> changed;
    bool moved = false;
    for (int i = 0; i < job.rows.size() && i < results.size(); ++i) {
        const int r = job.rows.at(i);
        if (r < 0 || !m_model->objectAt(r).sharesDataWith(job.objects.at(i)))
            continue; // gone, or updated again (a later batch places it)
        m_model->adoptState(r, job.objects.at(i), results.at(i).state);
        changed.append(r);
        if (keysValid && !m_keyObjects.at(r).sharesDataWith(job.objects.at(i))) {
            moved = moved || SortKey::compare(m_keys.at(r), results.at(i).key) != 0;
            m_keys[r] = results.at(i).key;
            m_keyObjects[r] = job.objects.at(i);
        }
    }
    if (changed.isEmpty())
        return;
    std::sort(changed.begin(), changed.end());
    ensureMap();
    bool acceptChanged = false;
    for (int r : std::as_const(changed))
        acceptChanged = acceptChanged || accepts(r) != (m_map.at(r) >= 0);
    if (moved && !acceptChanged && m_moveDelayMs > 0) {
        deferMoves(changed);
        return;
    }
    if (moved || acceptChanged) {
        if (!m_pendingMoves.isEmpty()) {   // take the deferred ones along
            moved = true;
            changed += std::exchange(m_pendingMoves, {});
            std::sort(changed.begin(), changed.end());
            changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        }
        relayout([&] { replaceRows(changed, moved); });
    }
}

// Re-places `changed` (ascending source rows) in m_order when `reorder`, and recomputes their
// acceptance; other rows keep theirs. Inside relayout(): m_map still describes the old rows.
void ResourceFilterProxyModel::replaceRows(const QVector<int> &changed, bool reorder)
{
    const auto cmp = [this](int a, int b) { return less(a, b); };
    const auto isChanged = [&changed](int r) { return std::binary_search(changed.cbegin(), changed.cend(), r); };
    if (reorder) {
        QVector<int> sorted = changed;
        std::stable_sort(sorted.begin(), sorted.end(), cmp);
        m_order.removeIf(isChanged);
        QVector<int> merged;
        merged.reserve(m_order.size() + sorted.size());
        std::merge(m_order.cbegin(), m_order.cend(), sorted.cbegin(), sorted.cend(), std::back_inserter(merged), cmp);
        m_order = std::move(merged);
    }
    QVector<int> rows;
    rows.reserve(m_order.size());
    for (int r : std::as_const(m_order)) {
        if (isChanged(r) ? accepts(r) : m_map.at(r) >= 0)
            rows.append(r);
    }
    m_rows = std::move(rows);
}

void ResourceFilterProxyModel::cancelJobs(int kind)
{
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (kind >= 0 && int((*it)->kind) != kind) {
            ++it;
            continue;
        }
        (*it)->watcher->disconnect(this);
        (*it)->cancel();
        (*it)->watcher.release()->deleteLater();
        it = m_jobs.erase(it);
    }
}

void ResourceFilterProxyModel::shiftRows(QVector<int> &rows, int first, int count)
{
    const int last = first - count - 1; // removal: [first, last]
    for (int &r : rows) {
        if (count > 0 && r >= first)
            r += count;
        else if (count < 0 && r >= first)
            r = r <= last ? -1 : r + count;
    }
}

void ResourceFilterProxyModel::shiftJobRows(int first, int count)
{
    for (auto &job : m_jobs)
        shiftRows(job->rows, first, count);
    if (!m_pendingMoves.isEmpty()) {
        shiftRows(m_pendingMoves, first, count);
        m_pendingMoves.removeAll(-1);
    }
}

void ResourceFilterProxyModel::setMoveDelayMs(int ms)
{
    m_moveDelayMs = qMax(0, ms);
    if (!m_moveTimer) {
        m_moveTimer = new QTimer(this);
        m_moveTimer->setSingleShot(true);
        connect(m_moveTimer, &QTimer::timeout, this, &ResourceFilterProxyModel::flushMoves);
    }
    m_moveTimer->setInterval(m_moveDelayMs);
    if (m_moveDelayMs == 0)
        flushMoves();
}

void ResourceFilterProxyModel::deferMoves(const QVector<int> &rows)
{
    m_pendingMoves += rows;
    if (!m_moveTimer->isActive())
        m_moveTimer->start();
}

// The rows whose keys changed while their moves were deferred go to their places in one layout
// change. Until then m_order is sorted except for them (replaceRows takes them out and merges
// them back in order).
void ResourceFilterProxyModel::flushMoves()
{
    if (m_moveTimer)
        m_moveTimer->stop();
    if (m_pendingMoves.isEmpty())
        return;
    QVector<int> rows = std::exchange(m_pendingMoves, {});
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    ensureMap();
    relayout([&] { replaceRows(rows, true); });
}

// After a source reset (rows rebuilt): a computed sort or status filter that would block restarts
// on the pool; until it completes rows show in source order / unfiltered by status.
// Called with the requested sort in m_sortColumn / m_sortOrder (remapped), before rebuild().
void ResourceFilterProxyModel::restartAfterReset()
{
    const PendingSort want{m_sortColumn, m_sortOrder, m_sortTitle};
    cancelJobs();
    m_pendingSort.reset();
    if (m_model && sortNeedsAsync(want.column, false)) {
        m_sortColumn = -1;
        ++m_sortGeneration;
        startSortJob(want.column, want.order);
    }
    m_activeMask = m_statusMask;
    if (statusNeedsAsync()) {
        m_activeMask = 0;
        startStatusJob();
    }
    updateBusy();
}

void ResourceFilterProxyModel::updateBusy()
{
    const bool busy = m_pendingSort.has_value() || m_activeMask != m_statusMask;
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace acp::models
