#pragma once
// Informer: keeps a ResourceStore equal to the server's collection, with client-go's Reflector
// policy (tools/cache/reflector.go):
// - paginated list (limit pageSize, following continue; an expired continue token (410) restarts
//   the list from scratch), then a watch from the list's resourceVersion with bookmarks;
// - watch frames are decoded on worker threads (one decode job in flight, so order is kept),
//   coalesced for 3/4 to 4/4 of coalesceMs (jittered) and applied to the store as ONE batch;
//   the due batches of all informers of a thread are applied one per event-loop iteration (a
//   shared queue), so many clusters' batches never freeze the GUI for their sum; list pages are
//   decoded on workers too, and a complete list is stored through the same queue (the store's
//   changed() and Synced come in its turn);
// - BOOKMARK advances the last resourceVersion; a clean end (EOF, timeout) re-watches from it;
// - 410 Gone/Expired relists quietly: the store is replace()d, which reconciles deletions missed
//   while disconnected, and never flashes empty;
// - 429, 5xx and transport errors back off with jitter (800 ms, x2, cap 30 s, jitter 1.0, reset
//   after resetBackoffMs without failures; at least the server's Retry-After, i.e. the Status
//   details.retryAfterSeconds, up to maxRetryAfterMs), then re-watch from the last resourceVersion; other
//   watch errors back off and relist;
// - resourceVersion is opaque: compared for equality only.
// States: Loading until the first list is stored, Synced after, Failed(error) while the FIRST
// list keeps failing (it retries with backoff and becomes Synced when it succeeds). Errors after
// the first sync leave the state Synced (the store stays, slightly stale) and are reported
// through lastError()/errorOccurred().
// Thread: GUI thread (QObject). Never applies anything after stop() or from a cancelled watch.
#include "models/ListWatcher.h"
#include "models/ObjectDecoder.h"
#include "models/ResourceStore.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace acp::models {

struct InformerOptions {
    ListWatchOptions selection;      // namespace, label and field selectors (other fields ignored)
    int pageSize = 500;
    int coalesceMs = 80;
    int initialBackoffMs = 800;
    int maxBackoffMs = 30000;
    double backoffFactor = 2.0;
    double backoffJitter = 1.0;      // wait = d + random(0, jitter * d)
    int maxRetryAfterMs = 60000;     // a failure's retryAfterSeconds is honoured up to this
    int resetBackoffMs = 120000;     // a failure after this long without one starts over at initial
    int minWatchTimeoutSeconds = 300; // each watch asks for a random timeout in [min, 2*min] (client-go)
    bool dropManagedFields = true;   // see DecodeOptions
};

class Informer : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Loading, Synced, Failed };
    Q_ENUM(State)

    // Counters for tests and benchmarks.
    struct Stats {
        int lists = 0;          // list requests (pages)
        int relists = 0;        // full lists after the first
        int watches = 0;        // watch requests
        int batches = 0;        // store apply() batches
        int failures = 0;       // failed requests (list or watch)
    };

    Informer(std::shared_ptr<ListWatcher> listWatcher, const InformerOptions &options, QObject *parent = nullptr);
    ~Informer() override;

    void start();                      // idempotent
    void stop();                       // cancels everything; the store keeps its contents
    bool isRunning() const { return m_running; }

    State state() const { return m_state; }
    bool hasSynced() const { return m_hasSynced; }
    // The last error (the reason of Failed; after sync, the last failed request), cleared by the
    // next successful list or watch event.
    std::optional<api::ApiError> lastError() const { return m_lastError; }
    QString lastResourceVersion() const { return m_lastResourceVersion; }
    ResourceStore *store() const { return m_store; }
    const InformerOptions &options() const { return m_options; }
    const Stats &stats() const { return m_stats; }
    QString describe() const;

Q_SIGNALS:
    void stateChanged(acp::models::Informer::State state);
    void synced();                                        // first successful list (once)
    void errorOccurred(const acp::api::ApiError &error);  // every failed request

private:
    void setState(State state);
    void startList(bool fromScratch);
    void requestPage();
    void onPage(quint64 generation, const api::Result<QByteArray> &body);
    void onPageDecoded(quint64 generation, const api::Result<ObjectList> &page);
    void finishList();
    void startWatch();
    void onFrames(quint64 generation, const QByteArrayList &frames);
    void decodeNext();
    void onFramesDecoded(quint64 generation, const WatchEventBatch &batch);
    void onWatchClosed(quint64 generation, const std::optional<api::ApiError> &error);
    void handleWatchEnd();
    void flush();
    int flushDelayMs() const;
    void fail(const api::ApiError &error, bool relist);
    int nextBackoffMs();
    int nextBackoffMs(const api::ApiError *error);   // at least the error's retryAfterSeconds
    void cancelRequests();

    std::shared_ptr<ListWatcher> m_listWatcher;
    InformerOptions m_options;
    ResourceStore *m_store;
    QTimer m_flushTimer;
    QTimer m_retryTimer;

    bool m_running = false;
    bool m_hasSynced = false;
    State m_state = State::Idle;
    std::optional<api::ApiError> m_lastError;
    QString m_lastResourceVersion;
    Stats m_stats;

    // Every list/watch attempt gets a new generation; late results of older ones are dropped.
    quint64 m_generation = 0;
    ListWatchHandle m_request;

    // List in progress.
    QString m_listResourceVersion;   // "" = consistent read; else the version to list at
    QString m_continue;
    QVector<KubeObject> m_listItems;
    QString m_pageResourceVersion;

    // Watch in progress.
    QByteArrayList m_pendingFrames;
    bool m_decoding = false;
    bool m_watchEnded = false;
    std::optional<api::ApiError> m_watchError;
    QVector<StoreEvent> m_pendingEvents;
    qint64 m_watchStartedMs = 0;
    bool m_watchHadEvents = false;

    // Backoff.
    int m_backoffMs = 0;
    qint64 m_lastFailureMs = 0;
};

} // namespace acp::models
