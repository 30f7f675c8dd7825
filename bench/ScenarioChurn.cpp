// acp-bench churn --events-per-second N [--clusters C --pods-per-cluster M --seconds S]
// [--async-threshold K] (ResourceFilterProxyModel::setAsyncThreshold; -1: synchronous): GUI
// event-loop stalls while watch events stream into live models along the console's path
// (bench/PodFleet.h: informers -> stores -> one aggregate ResourceTableModel -> a
// ResourceFilterProxyModel with a sort and a text filter active, as a user would have them).
//
// After every informer synced, the sandbox churns pods at N events per second (PUT
// /sandbox/v1/churn: readiness flips and restarts through its write path, so every event is a
// MODIFIED with the full pod). After a warm-up second, a 1 ms precise timer measures for S
// seconds how late the GUI loop serves it (bench/LoopMonitor.h): churn.stall_p50_ms,
// churn.stall_p99_ms, churn.stall_max_ms. churn.events_per_s counts the watch events actually
// received (frames other than bookmarks) per second of the window; extra fields give what the
// model and proxy spent per store batch and what the sandbox generated.
#include "bench/LoopMonitor.h"
#include "bench/PodFleet.h"
#include "bench/Scenario.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

namespace acp::bench {
namespace {

using namespace acp::models;

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

int columnNamed(const ResourceTableModel &m, const QString &title)
{
    for (int c = 0; c < m.columnCount(); ++c)
        if (m.visibleColumns().at(c).title.compare(title, Qt::CaseInsensitive) == 0)
            return c;
    return -2;
}

int churn(const QStringList &args)
{
    QTextStream err(stderr);
    FleetOptions fo;
    fo.clusters = option(QStringLiteral("--clusters"), args, QStringLiteral("10")).toInt();
    fo.podsPerCluster = option(QStringLiteral("--pods-per-cluster"), args, QStringLiteral("1000")).toInt();
    fo.verbose = args.contains(QLatin1String("-v"));
    fo.sandboxNice = option(QStringLiteral("--sandbox-nice"), args, QStringLiteral("0")).toInt();
    const double eps = option(QStringLiteral("--events-per-second"), args, QStringLiteral("5000")).toDouble();
    const int seconds = option(QStringLiteral("--seconds"), args, QStringLiteral("20")).toInt();
    const quint32 seed = option(QStringLiteral("--seed"), args, QStringLiteral("1")).toUInt();
    const QString sortTitle = option(QStringLiteral("--sort"), args, QStringLiteral("RESTARTS"));
    const QString filter = option(QStringLiteral("--filter"), args, QStringLiteral("svc-01"));
    if (fo.clusters <= 0 || fo.podsPerCluster <= 0 || eps <= 0 || seconds <= 0) {
        err << "churn: --clusters, --pods-per-cluster, --events-per-second and --seconds must be positive numbers" << Qt::endl;
        return 2;
    }
    PodFleet fleet(fo);
    const auto startup = fleet.startSandbox();
    if (!startup) {
        err << "churn: cannot start the sandbox: " << startup.error().toString() << Qt::endl;
        return 1;
    }
    if (const auto c = fleet.connect(); !c) {
        err << "churn: " << c.error().toString() << Qt::endl;
        return 1;
    }
    fleet.startInformers();
    const qint64 syncedMs = fleet.waitSynced(300000);
    if (syncedMs < 0) {
        err << "churn: informers did not sync" << Qt::endl;
        return 1;
    }
    ResourceTableModel &model = fleet.model();
    ResourceFilterProxyModel &proxy = fleet.proxy();
    const int sortColumn = columnNamed(model, sortTitle);
    if (sortColumn < -1) {
        err << "churn: --sort: no column " << sortTitle << Qt::endl;
        return 2;
    }
    // --async-threshold -1: changed rows' sort keys parsed on the GUI thread (the proxy before
    // it computed them on the pool); default: the proxy's own.
    const int asyncThreshold = option(QStringLiteral("--async-threshold"), args,
                                      QString::number(proxy.asyncThreshold())).toInt();
    proxy.setAsyncThreshold(asyncThreshold);
    proxy.sort(sortColumn, Qt::DescendingOrder);
    proxy.setFilterText(filter);
    while (proxy.hasPendingWork()) // a computed column sorts on the pool
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    fleet.log(QStringLiteral("churn: %1 rows synced in %2 ms; sorted by %3, filter \"%4\": %5 rows")
                  .arg(model.rowCount()).arg(syncedMs).arg(sortTitle, filter).arg(proxy.rowCount()));

    const auto started = fleet.admin("PUT", QStringLiteral("/sandbox/v1/churn"),
                                     QJsonObject{{"eventsPerSecond", eps}, {"seed", qint64(seed)}});
    if (!started) {
        err << "churn: cannot start the churn: " << started.error().toString() << Qt::endl;
        return 1;
    }
    spin(1000); // warm-up: the watch pipeline fills
    FleetCounters &c = fleet.counters();
    const FleetCounters before = c;
    c.recordBatches = true;
    c.modelMs.clear();
    c.batchEndMs.clear();
    const double sandboxCpu0 = fleet.sandboxCpuSeconds(), selfCpu0 = PodFleet::selfCpuSeconds();
    const auto gui0 = PodFleet::threadCpuAndWaitMs();
    LoopMonitor loop;
    const double loopOffsetMs = double(fleet.clock().nsecsElapsed()) / 1e6;
    loop.start();
    QElapsedTimer window;
    window.start();
    spin(seconds * 1000);
    loop.stop();
    const auto gui1 = PodFleet::threadCpuAndWaitMs();
    const double windowS = double(window.nsecsElapsed()) / 1e9;
    const double sandboxCpu = fleet.sandboxCpuSeconds() - sandboxCpu0, selfCpu = PodFleet::selfCpuSeconds() - selfCpu0;
    c.recordBatches = false;
    const auto status = fleet.admin("PUT", QStringLiteral("/sandbox/v1/churn"), QJsonObject{{"eventsPerSecond", 0}});

    const LoopMonitor::Summary s = loop.summary();
    const double received = double(c.watchFrames - before.watchFrames) / windowS;
    const double applied = double(c.appliedObjects - before.appliedObjects) / windowS;
    const int batches = c.storeBatches - before.storeBatches;
    const QJsonObject common{{"clusters", fo.clusters}, {"pods_per_cluster", fo.podsPerCluster}, {"events_per_second", eps},
                             {"seconds", windowS}, {"sort", sortTitle}, {"filter", filter}, {"proxy_rows", proxy.rowCount()},
                             {"async_threshold", asyncThreshold}};
    auto with = [&](QJsonObject extra) {
        for (auto it = common.begin(); it != common.end(); ++it)
            extra.insert(it.key(), it.value());
        return extra;
    };
    printResult("churn.stall_p50_ms", s.p50, "ms", with({{"samples", s.samples}}));
    printResult("churn.stall_p99_ms", s.p99, "ms", with({{"target", 16}, {"p90", s.p90}, {"mean", s.mean}}));
    printResult("churn.stall_max_ms", s.max, "ms",
                with({{"target", 50}, {"over_16ms", s.over16}, {"over_50ms", s.over50}, {"stalled_ms", s.stalledMs}}));
    printResult("churn.events_per_s", received, "events/s",
                with({{"applied_objects_per_s", applied},
                      {"sandbox", status ? QJsonValue(*status) : QJsonValue(status.error().toString())},
                      {"note", "watch events received (no bookmarks) per second of the window"}}));
    printResult("churn.batch_ms", percentile(c.modelMs, 99), "ms",
                with({{"note", "model+proxy time per store batch: p99 (value), p50, max, batches"},
                      {"p50", percentile(c.modelMs, 50)}, {"max", percentile(c.modelMs, 100)}, {"batches", batches},
                      {"total_ms", c.modelMsSum - before.modelMsSum}, {"resets", c.modelResets - before.modelResets}}));
    printResult("churn.cpu_s", selfCpu, "s",
                with({{"sandbox_cpu_s", sandboxCpu}, {"gui_thread_cpu_ms", gui1.first - gui0.first},
                      {"gui_thread_runqueue_wait_ms", gui1.second - gui0.second},
                      {"note", "acp-bench CPU (all threads) during the window; the GUI thread's CPU and its time runnable "
                               "but waiting for a core (a loaded machine)"}}));
    printResult("churn.peak_rss_mb", double(peakRssBytes()) / (1024.0 * 1024.0), "MB",
                with({{"sandbox_rss_mb", double(fleet.sandboxRssBytes()) / (1024.0 * 1024.0)}}));
    if (fo.verbose) {
        // For each of the worst stalls: the store batches (model+proxy) that ran inside it.
        err << "churn: worst stalls (at ms: stall ms, batches inside / their ms):";
        for (const auto &[at, ms] : loop.worst(8)) {
            int n = 0;
            double sum = 0;
            for (size_t i = 0; i < c.batchEndMs.size(); ++i) {
                const double end = c.batchEndMs[i] - loopOffsetMs;
                if (end <= at && end - c.modelMs[i] >= at - ms - 1) {
                    ++n;
                    sum += c.modelMs[i];
                }
            }
            err << " " << qRound(at) << ":" << ms << " (" << n << "/" << sum << ")";
        }
        err << Qt::endl;
    }
    return 0;
}

} // namespace

ACP_BENCH_SCENARIO("churn",
                   "[--events-per-second 5000] [--sandbox-nice N] [--clusters 10] [--pods-per-cluster 1000] [--seconds 20] [--sort RESTARTS] "
                   "[--filter svc-01] [--seed S] [-v]: GUI loop stalls while watch events stream into live models",
                   churn);

} // namespace acp::bench
