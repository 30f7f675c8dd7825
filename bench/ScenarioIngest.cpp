// acp-bench ingest --clusters N --pods-per-cluster M: the sandbox's pods to a synced
// all-clusters table, along the console's path (bench/PodFleet.h): one pods informer per cluster
// (paginated list through KubeListWatcher, decode on workers, ResourceStore), ONE
// ResourceTableModel over every store with a ResourceFilterProxyModel on it.
//
// Before the clock: the sandbox starts (seed) and, unless --cold, every cluster's pods are listed
// once with throw-away clients, so the sandbox has serialised each object once (it caches an
// object's JSON on first use); both are reported apart (ingest.sandbox_startup_s).
// ingest.seconds_to_synced: from starting the informers (the page opens; the kubeconfig was loaded
// at the console's startup: connect_ms, and with_connect_s including it) to "every informer synced
// and the model holds every stored pod".
// ingest.peak_rss_mb: this process's peak RSS at that moment (the sandbox is a child process,
// measured separately: ingest.sandbox_rss_mb). Phase figures (extra fields, and stderr with -v):
// network (list requests, latency, bytes), decode (measured offline on a real list page and
// scaled by the bytes listed), store replace (offline, likewise), model+proxy (measured in place),
// GUI loop stalls, and the CPU seconds of both processes while ingesting.
#include "bench/LoopMonitor.h"
#include "bench/PodFleet.h"
#include "bench/Scenario.h"

#include "models/ObjectDecoder.h"
#include "models/ResourceStore.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace acp::bench {
namespace {

using namespace acp::models;

constexpr double kMB = 1024.0 * 1024.0;

// Offline costs on one real list page: decode ms per MB and store replace ms per object.
struct OfflineCosts {
    double decodeMsPerMB = 0;
    double replaceUsPerObject = 0;
    int sampleObjects = 0;
};

OfflineCosts offlineCosts(const QByteArray &body)
{
    OfflineCosts c;
    if (body.isEmpty())
        return c;
    DecodeOptions opts;
    opts.dropManagedFields = true;   // as the informer decodes
    double best = 1e18;
    QVector<KubeObject> items;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        const auto list = ObjectDecoder::decodeList(body, opts);
        best = qMin(best, double(t.nsecsElapsed()) / 1e6);
        if (list)
            items = list->items;
    }
    c.decodeMsPerMB = best / (double(body.size()) / kMB);
    c.sampleObjects = int(items.size());
    double bestReplace = 1e18;
    for (int i = 0; i < 3 && !items.isEmpty(); ++i) {
        ResourceStore store;
        QElapsedTimer t;
        t.start();
        store.replace(items);
        bestReplace = qMin(bestReplace, double(t.nsecsElapsed()) / 1e3);
    }
    if (!items.isEmpty())
        c.replaceUsPerObject = bestReplace / double(items.size());
    return c;
}

int ingest(const QStringList &args)
{
    QTextStream err(stderr);
    FleetOptions fo;
    fo.clusters = option(QStringLiteral("--clusters"), args, QStringLiteral("100")).toInt();
    fo.podsPerCluster = option(QStringLiteral("--pods-per-cluster"), args, QStringLiteral("1000")).toInt();
    fo.verbose = args.contains(QLatin1String("-v"));
    fo.sandboxNice = option(QStringLiteral("--sandbox-nice"), args, QStringLiteral("0")).toInt();
    const bool cold = args.contains(QLatin1String("--cold"));
    const int timeoutS = option(QStringLiteral("--timeout"), args, QStringLiteral("300")).toInt();
    if (fo.clusters <= 0 || fo.podsPerCluster <= 0 || timeoutS <= 0) {
        err << "ingest: --clusters, --pods-per-cluster and --timeout must be positive numbers" << Qt::endl;
        return 2;
    }
    PodFleet fleet(fo);
    const auto startup = fleet.startSandbox();
    if (!startup) {
        err << "ingest: cannot start the sandbox: " << startup.error().toString() << Qt::endl;
        return 1;
    }
    const double sandboxIdleRssMb = double(fleet.sandboxRssBytes()) / kMB;
    fleet.log(QStringLiteral("ingest: sandbox up in %1 s, RSS %2 MB").arg(*startup).arg(sandboxIdleRssMb));

    double warmUpS = 0;
    if (!cold) {
        const auto w = fleet.warmUp();
        if (!w) {
            err << "ingest: warm-up failed: " << w.error().toString() << Qt::endl;
            return 1;
        }
        warmUpS = *w;
        fleet.log(QStringLiteral("ingest: sandbox warmed up in %1 s").arg(warmUpS));
    }
    QElapsedTimer connectClock;
    connectClock.start();
    if (const auto c = fleet.connect(); !c) {
        err << "ingest: " << c.error().toString() << Qt::endl;
        return 1;
    }
    const qint64 connectMs = connectClock.elapsed();
    const double rssBeforeMb = double(PodFleet::selfRssBytes()) / kMB;
    // The page opens: the kubeconfig and clients were loaded at the console's startup.
    const double sandboxCpu0 = fleet.sandboxCpuSeconds(), selfCpu0 = PodFleet::selfCpuSeconds();
    const auto gui0 = PodFleet::threadCpuAndWaitMs();
    LoopMonitor loop;
    loop.start();
    fleet.clock().start();
    fleet.startInformers();
    const qint64 syncedMs = fleet.waitSynced(timeoutS * 1000);
    loop.stop();
    const auto gui1 = PodFleet::threadCpuAndWaitMs();
    const double peakRssMb = double(peakRssBytes()) / kMB;
    const double rssAtSyncMb = double(PodFleet::selfRssBytes()) / kMB;
    const double sandboxCpu = fleet.sandboxCpuSeconds() - sandboxCpu0, selfCpu = PodFleet::selfCpuSeconds() - selfCpu0;
    const double sandboxRssMb = double(fleet.sandboxRssBytes()) / kMB, sandboxPeakMb = double(fleet.sandboxPeakRssBytes()) / kMB;
    const int rows = fleet.model().rowCount();
    const int expected = fo.clusters * fo.podsPerCluster;
    if (syncedMs < 0) {
        int synced = 0;
        for (const auto &ref : fleet.informers())
            synced += ref->hasSynced() ? 1 : 0;
        err << "ingest: not synced after " << timeoutS << " s: " << synced << "/" << fleet.informers().size() << " informers, "
            << rows << " rows" << Qt::endl;
        return 1;
    }

    const FleetCounters &c = fleet.counters();
    const OfflineCosts costs = offlineCosts(c.sampleListBody);
    const double listMb = double(c.listBytes) / kMB;
    const double decodeCpuMs = costs.decodeMsPerMB * listMb;
    const double replaceMs = costs.replaceUsPerObject * double(rows) / 1000.0;
    const LoopMonitor::Summary stalls = loop.summary();
    qint64 objectBytes = 0;
    for (int r = 0; r < rows; ++r)
        objectBytes += fleet.model().objectAt(r).memoryUsage();
    const QJsonObject phases{
        {"connect_ms", connectMs},
        {"with_connect_s", double(connectMs + syncedMs) / 1000.0},
        {"first_list_ms", c.firstListMs},
        {"last_list_ms", c.lastListMs},
        {"list_requests", c.listRequests},
        {"list_mb", listMb},
        {"list_latency_avg_ms", c.listRequests ? c.listLatencySumMs / c.listRequests : 0},
        {"list_latency_max_ms", c.listLatencyMaxMs},
        {"decode_cpu_ms_est", decodeCpuMs},
        {"decode_ms_per_mb", costs.decodeMsPerMB},
        {"store_replace_ms_est", replaceMs},
        {"model_proxy_ms", c.modelMsSum},
        {"model_proxy_max_ms", c.modelMsMax},
        {"model_resets", c.modelResets},
        {"store_batches", c.storeBatches},
        {"gui_stall_max_ms", stalls.max},
        {"gui_stall_p99_ms", stalls.p99},
        {"gui_thread_cpu_ms", gui1.first - gui0.first},
        {"gui_thread_runqueue_wait_ms", gui1.second - gui0.second},
        {"sandbox_cpu_s", sandboxCpu},
        {"bench_cpu_s", selfCpu},
    };
    const QJsonObject common{{"clusters", fo.clusters}, {"pods_per_cluster", fo.podsPerCluster}};
    auto with = [&](QJsonObject extra) {
        for (auto it = common.begin(); it != common.end(); ++it)
            extra.insert(it.key(), it.value());
        return extra;
    };
    QJsonObject syncedExtra = with(phases);
    syncedExtra.insert("cold", cold);
    syncedExtra.insert("target", 2.0);
    printResult("ingest.seconds_to_synced", double(syncedMs) / 1000.0, "s", syncedExtra);
    printResult("ingest.peak_rss_mb", peakRssMb, "MB",
                with({{"target", 400}, {"rss_at_synced_mb", rssAtSyncMb}, {"objects_mb", double(objectBytes) / kMB},
                      {"rss_before_informers_mb", rssBeforeMb}, {"list_mb", listMb},
                      {"note", "acp-bench process only; objects_mb: KubeObject::memoryUsage() summed"}}));
    printResult("ingest.rows", rows, "rows", with({{"expected", expected}, {"proxy_rows", fleet.proxy().rowCount()}}));
    printResult("ingest.sandbox_startup_s", *startup, "s",
                with({{"warm_up_s", warmUpS}, {"cold", cold},
                      {"note", "seed + listen, then (unless --cold) one list of every cluster, before the clock starts"}}));
    printResult("ingest.sandbox_rss_mb", sandboxRssMb, "MB", with({{"idle_mb", sandboxIdleRssMb}, {"peak_mb", sandboxPeakMb}}));
    printResult("ingest.sandbox_cpu_s", sandboxCpu, "s", with({{"wall_s", double(syncedMs) / 1000.0},
                                                              {"note", "sandbox CPU while ingesting (single-threaded: <= wall)"}}));
    printResult("ingest.bench_cpu_s", selfCpu, "s", with({{"note", "acp-bench CPU while ingesting, all threads"}}));
    if (fo.verbose) {
        err << "ingest phases (ms): connect " << connectMs << ", lists " << c.firstListMs << ".." << c.lastListMs << " ("
            << c.listRequests << " requests, " << listMb << " MB, avg latency " << (c.listRequests ? c.listLatencySumMs / c.listRequests : 0)
            << ", max " << c.listLatencyMaxMs << "), decode est " << decodeCpuMs << " CPU, replace est " << replaceMs
            << ", model+proxy " << c.modelMsSum << " (max " << c.modelMsMax << ", " << c.modelResets << " resets), GUI stall max "
            << stalls.max << ", sandbox CPU " << sandboxCpu * 1000 << ", bench CPU " << selfCpu * 1000 << Qt::endl;
        err << "ingest: worst GUI stalls (at ms: stall ms):";
        for (const auto &[at, ms] : loop.worst(8))
            err << " " << qRound(at) << ":" << ms;
        err << Qt::endl;
    }
    return rows == expected ? 0 : 1;
}

} // namespace

ACP_BENCH_SCENARIO("ingest", "[--clusters 100] [--pods-per-cluster 1000] [--cold] [--sandbox-nice N] [--timeout s] [-v]: sandbox pods to a synced all-clusters table: seconds, peak RSS", ingest);

} // namespace acp::bench
