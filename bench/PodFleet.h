#pragma once
// PodFleet: the console's path to an all-clusters pod list, for the ingest and churn benchmarks.
//
// Starts acp-sandbox in scale mode (TLS, no controllers) as a child process, loads its kubeconfig
// as the console does (Kubeconfig + KubeconfigResolver, one KubeClient per cluster context),
// then acquires one pods informer per workload cluster (all namespaces) from an InformerCache
// whose factory makes KubeListWatchers, and attaches every store to ONE ResourceTableModel
// (CLUSTER column) with a ResourceFilterProxyModel on top. Nothing is shared beyond what the
// console shares (one pooled network manager per server and credentials).
//
// Instrumentation (no change to the code under test): a counting decorator around each
// KubeListWatcher (list requests, their latency and bytes; watch frames, bookmarks excluded) and
// timing slots connected before and after the model's slot on each store's changed() signal,
// which measure what the model and proxy spend per store batch.
// Thread: GUI thread; blocking helpers run nested event loops.
#include "api/KubeClient.h"
#include "api/LocalSandbox.h"
#include "api/Result.h"
#include "models/InformerCache.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <memory>
#include <vector>

namespace acp::bench {

struct FleetOptions {
    int clusters = 10;
    int podsPerCluster = 1000;
    QStringList sandboxArguments;   // extra acp-sandbox arguments
    int sandboxNice = 0;            // > 0: the sandbox runs at this nice level (it stands in for
                                    // remote API servers; the console should not compete with it)
    bool verbose = false;
};

// What the instrumentation saw.
struct FleetCounters {
    int listRequests = 0;
    qint64 listBytes = 0;
    double listLatencySumMs = 0;    // request -> body, summed over requests
    double listLatencyMaxMs = 0;
    qint64 firstListMs = -1;        // since the clock's start
    qint64 lastListMs = -1;
    qint64 watchFrames = 0;         // ADDED/MODIFIED/DELETED frames received (no bookmarks)
    qint64 bookmarks = 0;
    qint64 watchBytes = 0;
    qint64 appliedObjects = 0;      // objects in store deltas (added + updated + removed)
    int storeBatches = 0;
    int modelResets = 0;
    double modelMsSum = 0;          // model + proxy work inside store changed(), summed
    double modelMsMax = 0;
    std::vector<float> modelMs;     // per store batch (when recordBatches)
    std::vector<double> batchEndMs; // when each recorded batch ended, on PodFleet::clock()
    bool recordBatches = false;
    QByteArray sampleListBody;      // the first list page of the first cluster (for decode costs)
};

class PodFleet {
public:
    explicit PodFleet(const FleetOptions &options);
    ~PodFleet();

    // Starts the sandbox; returns its startup seconds.
    api::Result<double> startSandbox();
    // Loads the kubeconfig and makes the clients (part of the console's path: timed by callers).
    api::Result<bool> connect();
    // Before connect(): lists the pods of every cluster once with throw-away clients (bodies
    // discarded; the network manager and its connections are gone afterwards), so the sandbox has
    // serialised every object (it caches each object's JSON on first use). Resets this process's
    // peak RSS afterwards. Returns the seconds taken.
    api::Result<double> warmUp();
    // Builds the model and proxy, acquires and starts the informers. The clock starts here unless
    // started before (clock()).
    void startInformers(const models::InformerOptions &informerOptions = {});
    // Runs the event loop until every informer synced and the model holds every stored object,
    // or timeoutMs passed. Returns the milliseconds on the clock at that moment, or -1.
    qint64 waitSynced(int timeoutMs);

    bool allSynced() const;
    int storedObjects() const;                      // sum of store sizes
    models::ResourceTableModel &model() { return *m_model; }
    models::ResourceFilterProxyModel &proxy() { return *m_proxy; }
    FleetCounters &counters() { return *m_counters; }
    QElapsedTimer &clock() { return m_clock; }
    const std::vector<models::InformerRef> &informers() const { return m_informers; }

    // Sandbox process figures from /proc (0 when unknown).
    qint64 sandboxRssBytes() const;
    qint64 sandboxPeakRssBytes() const;
    double sandboxCpuSeconds() const;
    static double selfCpuSeconds();
    static qint64 selfRssBytes();
    // This thread's CPU time and time spent runnable but waiting for a CPU (/proc schedstat), ms.
    static std::pair<double, double> threadCpuAndWaitMs();

    QString kubeconfigPath() const { return m_sandbox.kubeconfigPath(); }
    // The sandbox admin API (e.g. PUT /sandbox/v1/churn).
    api::Result<QJsonObject> admin(const QByteArray &method, const QString &path, const QJsonObject &body = {});

    void log(const QString &message) const;

private:
    qint64 procStatus(const char *field) const;
    api::Result<QHash<QString, api::KubeClient>> makeClients() const;

    FleetOptions m_o;
    api::LocalSandbox m_sandbox;
    QHash<QString, api::KubeClient> m_clients;      // workload clusters, by name
    QStringList m_names;
    api::KubeClient m_admin;
    std::unique_ptr<FleetCounters> m_counters;
    std::unique_ptr<models::ResourceTableModel> m_model;
    std::unique_ptr<models::ResourceFilterProxyModel> m_proxy;
    std::unique_ptr<models::InformerCache> m_cache;
    std::vector<models::InformerRef> m_informers;
    QElapsedTimer m_clock;
    QObject m_context;
};

} // namespace acp::bench
