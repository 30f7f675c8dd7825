#include "models/Informer.h"

#include "models/ModelsLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPointer>
#include <QThread>
#include <QRandomGenerator>
#include <QtConcurrent>

namespace acp::models {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Errors after which the watch is retried from the last resourceVersion (client-go re-watches
// on throttling and connection errors; anything else ends ListAndWatch and relists).
bool isRetryable(const api::ApiError &e)
{
    return e.isTooManyRequests() || e.isServerError() || e.httpStatus == 0;
}

// Applies due store batches of all informers of a thread ONE per event-loop iteration (a zero
// timer fires once per pass over the due timers), so the batches of many clusters never run back
// to back in one iteration: input and painting get a turn between them. A batch is a watch flush
// or a finished list (Kind): 200 clusters' lists decoded at the same time were stored back to
// back in one pass over the posted events (bench console: 20-50 ms stalls while loading). Entries
// are keyed by their informer and kind (one pending each) and dropped when it is destroyed.
class FlushQueue : public QObject {
public:
    enum class Kind { Watch, List };
    static void enqueue(QObject *owner, Kind kind, std::function<void()> flush)
    {
        static thread_local QPointer<FlushQueue> queue;
        if (!queue)
            queue = new FlushQueue(QCoreApplication::instance() && QThread::currentThread() == qApp->thread()
                                       ? static_cast<QObject *>(QCoreApplication::instance()) : nullptr);
        queue->add(owner, kind, std::move(flush));
    }

private:
    struct Entry {
        QPointer<QObject> owner;
        Kind kind;
        std::function<void()> flush;
    };
    explicit FlushQueue(QObject *parent) : QObject(parent)
    {
        m_timer.setInterval(0);
        connect(&m_timer, &QTimer::timeout, this, &FlushQueue::runOne);
    }
    void add(QObject *owner, Kind kind, std::function<void()> flush)
    {
        for (Entry &e : m_entries) {
            if (e.owner == owner && e.kind == kind) {
                e.flush = std::move(flush);   // already due (a flush takes every event pending by then;
                return;                       // a newer list replaces an older one)
            }
        }
        m_entries.append({QPointer<QObject>(owner), kind, std::move(flush)});
        m_timer.start();
    }
    void runOne()
    {
        Kind ran = Kind::Watch;
        while (!m_entries.isEmpty()) {
            const Entry e = m_entries.takeFirst();
            if (e.owner) {
                ran = e.kind;
                e.flush();
                break;
            }
        }
        // After a list, one pass without a batch: the views repaint the rows it added (and
        // sockets are served) in a pass of their own instead of on top of the next list.
        const int interval = ran == Kind::List ? 1 : 0;
        if (m_timer.interval() != interval)
            m_timer.setInterval(interval);   // restarts the timer: only on a change
        if (m_entries.isEmpty())
            m_timer.stop();
    }
    QList<Entry> m_entries;
    QTimer m_timer;
};

StoreEvent::Type storeType(WatchEvent::Type t)
{
    return t == WatchEvent::Added ? StoreEvent::Added : t == WatchEvent::Modified ? StoreEvent::Modified : StoreEvent::Deleted;
}

} // namespace

Informer::Informer(std::shared_ptr<ListWatcher> listWatcher, const InformerOptions &options, QObject *parent)
    : QObject(parent), m_listWatcher(std::move(listWatcher)), m_options(options), m_store(new ResourceStore(this))
{
    m_flushTimer.setSingleShot(true);
    // Precise: coarse timers are aligned by Qt on purpose, which would line up the flushes of
    // every informer (see flushDelayMs()).
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    m_retryTimer.setSingleShot(true);
    // flush() takes whatever is pending when its turn comes (nothing after stop() or a relist).
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { FlushQueue::enqueue(this, FlushQueue::Kind::Watch, [this] { flush(); }); });
    m_backoffMs = m_options.initialBackoffMs;
}

Informer::~Informer()
{
    cancelRequests();
}

QString Informer::describe() const
{
    QString d = m_listWatcher->describe();
    if (!m_options.selection.namespaceName.isEmpty())
        d += QStringLiteral(" -n ") + m_options.selection.namespaceName;
    if (!m_options.selection.labelSelector.isEmpty())
        d += QStringLiteral(" -l ") + m_options.selection.labelSelector;
    return d;
}

void Informer::start()
{
    if (m_running)
        return;
    m_running = true;
    setState(m_hasSynced ? State::Synced : State::Loading);
    startList(true);
}

void Informer::stop()
{
    if (!m_running)
        return;
    m_running = false;
    cancelRequests();
    setState(State::Idle);
}

void Informer::cancelRequests()
{
    ++m_generation; // late decode results and callbacks are dropped
    m_request.cancel();
    m_retryTimer.stop();
    m_retryTimer.disconnect();
    m_flushTimer.stop();
    m_pendingFrames.clear();
    m_pendingEvents.clear();
    m_decoding = false;
    m_watchEnded = false;
    m_watchError.reset();
    m_listItems.clear();
}

void Informer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

// ---- list ------------------------------------------------------------------------------------

void Informer::startList(bool fromScratch)
{
    cancelRequests();
    // client-go: the first list and a list after 410 read consistently (""); a relist after other
    // failures asks for at least the last version seen.
    m_listResourceVersion = fromScratch ? QString() : m_lastResourceVersion;
    m_continue.clear();
    m_listItems.clear();
    if (m_hasSynced)
        ++m_stats.relists;
    requestPage();
}

void Informer::requestPage()
{
    ListWatchOptions o = m_options.selection;
    o.limit = m_options.pageSize;
    o.continueToken = m_continue;
    o.resourceVersion = m_continue.isEmpty() ? m_listResourceVersion : QString();
    const quint64 gen = ++m_generation;
    ++m_stats.lists;
    m_request = m_listWatcher->list(o, this, [this, gen](const api::Result<QByteArray> &body) { onPage(gen, body); });
}

void Informer::onPage(quint64 generation, const api::Result<QByteArray> &body)
{
    if (generation != m_generation || !m_running)
        return;
    m_request = ListWatchHandle();
    if (!body.ok()) {
        const api::ApiError &e = body.error();
        if (e.isGone() && (!m_continue.isEmpty() || !m_listResourceVersion.isEmpty())) {
            // An expired continue token or a too old resourceVersion: list again from scratch.
            qCDebug(lcModels) << describe() << "list expired, restarting:" << e.message;
            startList(true);
            return;
        }
        fail(e, true);
        return;
    }
    DecodeOptions opts;
    opts.dropManagedFields = m_options.dropManagedFields;
    const QByteArray bytes = body.value();
    QtConcurrent::run([bytes, opts] { return std::make_shared<api::Result<ObjectList>>(ObjectDecoder::decodeList(bytes, opts)); })
        .then(this, [this, generation](const std::shared_ptr<api::Result<ObjectList>> &page) { onPageDecoded(generation, *page); });
}

void Informer::onPageDecoded(quint64 generation, const api::Result<ObjectList> &page)
{
    if (generation != m_generation || !m_running)
        return;
    if (!page.ok()) {
        fail(page.error(), true);
        return;
    }
    m_listItems += page->items;
    m_pageResourceVersion = page->resourceVersion;
    m_continue = page->continueToken;
    if (!m_continue.isEmpty()) {
        requestPage();
        return;
    }
    // Stored in the shared queue's turn (one store batch per event-loop iteration); a restart,
    // relist or stop meanwhile bumps the generation and drops it.
    FlushQueue::enqueue(this, FlushQueue::Kind::List, [this, generation] {
        if (generation == m_generation && m_running)
            finishList();
    });
}

void Informer::finishList()
{
    m_lastResourceVersion = m_pageResourceVersion;
    const QVector<KubeObject> items = std::exchange(m_listItems, {});
    m_store->replace(items);
    m_lastError.reset();
    qCDebug(lcModels) << describe() << "listed" << items.size() << "at" << m_lastResourceVersion;
    const bool first = !m_hasSynced;
    m_hasSynced = true;
    setState(State::Synced);
    if (first)
        Q_EMIT synced();
    if (m_running && m_state == State::Synced)
        startWatch();
}

// ---- watch -----------------------------------------------------------------------------------

void Informer::startWatch()
{
    cancelRequests();
    ListWatchOptions o = m_options.selection;
    o.resourceVersion = m_lastResourceVersion;
    o.allowWatchBookmarks = true;
    const int minTimeout = m_options.minWatchTimeoutSeconds;
    o.timeoutSeconds = minTimeout > 0 ? minTimeout + int(QRandomGenerator::global()->bounded(minTimeout + 1)) : 0;
    const quint64 gen = ++m_generation;
    ++m_stats.watches;
    m_watchStartedMs = nowMs();
    m_watchHadEvents = false;
    m_request = m_listWatcher->watch(
        o, this, [this, gen](const QByteArrayList &frames) { onFrames(gen, frames); },
        [this, gen](const std::optional<api::ApiError> &error) { onWatchClosed(gen, error); });
}

void Informer::onFrames(quint64 generation, const QByteArrayList &frames)
{
    if (generation != m_generation || !m_running || m_watchEnded)
        return;
    m_pendingFrames += frames;
    if (!m_decoding)
        decodeNext();
}

void Informer::decodeNext()
{
    if (m_pendingFrames.isEmpty())
        return;
    m_decoding = true;
    const QByteArrayList frames = std::exchange(m_pendingFrames, {});
    DecodeOptions opts;
    opts.dropManagedFields = m_options.dropManagedFields;
    const quint64 gen = m_generation;
    QtConcurrent::run([frames, opts] { return std::make_shared<WatchEventBatch>(ObjectDecoder::decodeEvents(frames, opts)); })
        .then(this, [this, gen](const std::shared_ptr<WatchEventBatch> &batch) { onFramesDecoded(gen, *batch); });
}

void Informer::onFramesDecoded(quint64 generation, const WatchEventBatch &batch)
{
    if (generation != m_generation || !m_running)
        return;
    m_decoding = false;
    std::optional<api::ApiError> stop = batch.error;
    for (const WatchEvent &e : batch.events) {
        if (e.type == WatchEvent::Error) {
            stop = e.error;
            break;
        }
        if (!e.resourceVersion.isEmpty())
            m_lastResourceVersion = e.resourceVersion;
        m_watchHadEvents = true;
        if (e.type != WatchEvent::Bookmark)
            m_pendingEvents.append(StoreEvent{storeType(e.type), e.object});
    }
    if (!m_pendingEvents.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start(flushDelayMs());
    if (stop && !m_watchEnded) {
        // A bad frame or an ERROR event ends this watch (client-go stops the watcher too).
        m_request.cancel();
        m_pendingFrames.clear();
        m_watchEnded = true;
        m_watchError = stop;
    }
    if (m_watchEnded)
        handleWatchEnd();
    else
        decodeNext();
}

void Informer::onWatchClosed(quint64 generation, const std::optional<api::ApiError> &error)
{
    if (generation != m_generation || !m_running || m_watchEnded)
        return;
    m_request = ListWatchHandle();
    m_watchEnded = true;
    m_watchError = error;
    handleWatchEnd();
}

// Runs once the frames received before the end are decoded, so the last resourceVersion is
// the last event's.
void Informer::handleWatchEnd()
{
    if (m_decoding || !m_pendingFrames.isEmpty()) {
        if (!m_decoding)
            decodeNext();
        return;
    }
    flush();
    const std::optional<api::ApiError> error = std::exchange(m_watchError, std::nullopt);
    m_watchEnded = false;
    if (!error) {
        // A clean end: re-watch at once, unless the server keeps closing empty streams.
        if (m_watchHadEvents || nowMs() - m_watchStartedMs > 1000) {
            startWatch();
        } else {
            m_retryTimer.disconnect();
            connect(&m_retryTimer, &QTimer::timeout, this, &Informer::startWatch);
            m_retryTimer.start(nextBackoffMs());
        }
        return;
    }
    if (error->isGone()) {
        qCDebug(lcModels) << describe() << "watch expired, relisting:" << error->message;
        startList(true); // quiet: the store stays until the new list replaces it
        return;
    }
    fail(*error, !isRetryable(*error));
}

// coalesceMs minus up to a quarter, at random. Informers of many clusters receive events at the
// same moments (e.g. right after a busy loop iteration); with equal delays their batches would all
// be applied in ONE event-loop iteration, freezing the GUI for their sum (10 clusters x 8 ms). The
// jitter spreads them over a quarter of the window, so other events run between batches.
int Informer::flushDelayMs() const
{
    const int base = m_options.coalesceMs;
    return base - int(QRandomGenerator::global()->bounded(base / 4 + 1));
}

void Informer::flush()
{
    m_flushTimer.stop();
    if (m_pendingEvents.isEmpty())
        return;
    const QVector<StoreEvent> events = std::exchange(m_pendingEvents, {});
    ++m_stats.batches;
    m_lastError.reset();
    m_store->apply(events);
}

// ---- failures --------------------------------------------------------------------------------

void Informer::fail(const api::ApiError &error, bool relist)
{
    ++m_stats.failures;
    m_lastError = error;
    qCWarning(lcModels).noquote() << describe() << (relist ? "list failed:" : "watch failed:") << error.toString();
    if (!m_hasSynced)
        setState(State::Failed);
    Q_EMIT errorOccurred(error);
    cancelRequests();
    m_retryTimer.disconnect();
    if (relist || !m_hasSynced)
        connect(&m_retryTimer, &QTimer::timeout, this, [this] { startList(!m_hasSynced); });
    else
        connect(&m_retryTimer, &QTimer::timeout, this, &Informer::startWatch);
    m_retryTimer.start(nextBackoffMs(&error));
}

int Informer::nextBackoffMs(const api::ApiError *error)
{
    const int wait = nextBackoffMs();
    // The server's Retry-After (Status details.retryAfterSeconds of a 429 or 503, as
    // kube-apiserver's priority and fairness sends it): wait at least that long, capped.
    const int retryAfterS = error ? error->details.value(QLatin1String("retryAfterSeconds")).toInt() : 0;
    if (retryAfterS > 0)
        return qMax(wait, int(qMin<qint64>(qint64(retryAfterS) * 1000, m_options.maxRetryAfterMs)));
    return wait;
}

int Informer::nextBackoffMs()
{
    const qint64 now = nowMs();
    if (m_lastFailureMs == 0 || now - m_lastFailureMs > m_options.resetBackoffMs)
        m_backoffMs = m_options.initialBackoffMs;
    m_lastFailureMs = now;
    const int base = m_backoffMs;
    const int jitter = int(QRandomGenerator::global()->bounded(qMax(1.0, m_options.backoffJitter * base)));
    m_backoffMs = int(qMin<double>(m_options.maxBackoffMs, base * m_options.backoffFactor));
    return qMin(base + jitter, int(m_options.maxBackoffMs * (1.0 + m_options.backoffJitter)));
}

} // namespace acp::models
