// acp-bench filter --rows N [--clusters C] [--namespaces K]: ms per filter change of
// ResourceFilterProxyModel over a ResourceTableModel of N synthetic pods (compact JSON decoded
// into KubeObjects, spread over C cluster stores and K namespaces, with labels and a status mix),
// and the cost of sorting. For comparison, the same text filter changes through a plain
// QSortFilterProxyModel (filterFixedString on NAME, sorted by SortRole).
//
// Results: filter.ms_per_change (value p50; p50, max, mean, changes in extra), sort.ms (by NAME),
// sort.age_ms, sort.restarts_cold_ms (computes every row's cells), filter.status_cold_ms (computes
// every row's status; with after_background_warm_up_ms once setStatusWarmUp() has computed them off
// the GUI thread), filter.qsfpm_ms_per_change, model.attach_ms (+ proxy_attach_ms: building the
// proxy's filter index), filter.scan_ms (floor: reading every row's name), filter.peak_rss_mb.
// The cold figures above are synchronous (setAsyncThreshold(-1), the GUI thread waits: how the
// proxy behaved before it computed on the pool). sort.restarts_async and filter.status_async
// (value: the GUI thread's longest stall, bench/LoopMonitor.h at 1 ms) are the default path: the
// request returns at once, the pool computes the keys / states, the proxy sorts / filters when
// they are ready (ready_ms: request to result on show).
#include "bench/LoopMonitor.h"
#include "bench/Scenario.h"

#include "models/KubeObject.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceStore.h"
#include "models/ResourceTableModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace acp::bench {
namespace {

using namespace acp::models;

QByteArray podBytes(int i, int namespaces, QRandomGenerator &rng)
{
    static const char *apps[] = {"web", "db", "cache", "api", "worker"};
    const char *app = apps[rng.bounded(5)];
    const char *tier = rng.bounded(2) ? "front" : "back";
    const int dice = int(rng.bounded(100));
    const bool crash = dice < 5, pending = dice >= 5 && dice < 8, done = dice >= 8 && dice < 10;
    const QString phase = pending ? "Pending" : done ? "Succeeded" : "Running";
    const QString state = crash ? R"({"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s"}})"
                          : pending ? R"({"waiting":{"reason":"ContainerCreating"}})"
                          : done ? R"({"terminated":{"exitCode":0,"reason":"Completed","startedAt":"2026-02-01T00:00:00Z","finishedAt":"2026-02-01T00:10:00Z"}})"
                                 : R"({"running":{"startedAt":"2026-02-01T00:00:00Z"}})";
    const QString ns = QStringLiteral("ns-%1").arg(i % namespaces);
    const QString created = QDateTime::fromSecsSinceEpoch(1767225600 + qint64(rng.bounded(5000000)), Qt::UTC)
                                .toString(Qt::ISODate);
    const QString json = QStringLiteral(
        R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1-%2-7d4b9c8f6-%3","namespace":"%4","uid":"0b8f%2-%3",)"
        R"("resourceVersion":"%2","creationTimestamp":"%5","labels":{"app":"%1","tier":"%6","pod-template-hash":"7d4b9c8f6"},)"
        R"("ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"%1-7d4b9c8f6","uid":"rs-%1","controller":true}]},)"
        R"("spec":{"nodeName":"node-%7","containers":[{"name":"%1","image":"registry.local/%1:1.4.2","ports":[{"containerPort":8080}],)"
        R"("resources":{"requests":{"cpu":"100m","memory":"128Mi"}}},{"name":"sidecar","image":"registry.local/proxy:2.1"}]},)"
        R"("status":{"phase":"%8","podIP":"10.%9.%10.%11","hostIP":"192.168.0.%7","startTime":"%5",)"
        R"("conditions":[{"type":"Ready","status":"%12"},{"type":"PodScheduled","status":"True"}],)"
        R"("containerStatuses":[{"name":"%1","ready":%13,"restartCount":%14,"image":"registry.local/%1:1.4.2","state":%15},)"
        R"({"name":"sidecar","ready":true,"restartCount":0,"image":"registry.local/proxy:2.1","state":{"running":{"startedAt":"%5"}}}]}})")
                             .arg(QLatin1String(app)).arg(i).arg(rng.bounded(100000), 5, 36, QLatin1Char('0'))
                             .arg(ns, created, QLatin1String(tier)).arg(i % 200)
                             .arg(phase).arg((i >> 16) & 255).arg((i >> 8) & 255).arg(i & 255)
                             .arg(crash || pending ? "False" : "True", crash || pending ? "false" : "true")
                             .arg(crash ? 1 + rng.bounded(300) : rng.bounded(3))
                             .arg(state);
    return json.toUtf8();
}

double timeMs(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

struct Stats {
    std::vector<double> samples;
    double p50() const
    {
        std::vector<double> s = samples;
        std::sort(s.begin(), s.end());
        return s.empty() ? 0 : s[s.size() / 2];
    }
    double max() const { return samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end()); }
    double mean() const
    {
        double sum = 0;
        for (double v : samples)
            sum += v;
        return samples.empty() ? 0 : sum / double(samples.size());
    }
};

// The filter changes a user makes: typing a name, picking namespaces, a label selector, clear.
std::vector<std::pair<QString, std::function<void(ResourceFilterProxyModel &)>>> filterChanges()
{
    using P = ResourceFilterProxyModel;
    return {
        {"text w", [](P &p) { p.setFilterText("w"); }},
        {"text we", [](P &p) { p.setFilterText("we"); }},
        {"text web", [](P &p) { p.setFilterText("web"); }},
        {"text web-1", [](P &p) { p.setFilterText("web-1"); }},
        {"text web-12", [](P &p) { p.setFilterText("web-12"); }},
        {"text clear", [](P &p) { p.setFilterText(""); }},
        {"namespace ns-3", [](P &p) { p.setNamespaces({"ns-3"}); }},
        {"namespaces ns-1,ns-2", [](P &p) { p.setNamespaces({"ns-1", "ns-2"}); }},
        {"namespaces all", [](P &p) { p.setNamespaces({}); }},
        {"selector app=web", [](P &p) { p.setLabelSelector("app=web"); }},
        {"selector set", [](P &p) { p.setLabelSelector("app in (web,db),tier!=back"); }},
        {"selector clear", [](P &p) { p.setLabelSelector(""); }},
        {"k9s -l", [](P &p) { p.setFilterText("/-l tier=front"); }},
        {"clusters c0", [](P &p) { p.setClusters({"c0"}); }},
        {"clear all", [](P &p) { p.clearFilters(); }},
    };
}

// A request through the proxy's default (async) path: the GUI thread's longest stall while the
// event loop runs until the proxy has nothing pending, the request's own duration and the time
// until its result is on show.
struct AsyncRun {
    double maxStallMs = 0, callMs = 0, readyMs = 0, maxAtMs = 0;
    qint64 samples = 0, over50 = 0;
};

AsyncRun runAsync(ResourceFilterProxyModel &proxy, const std::function<void()> &request)
{
    LoopMonitor monitor(1);
    QElapsedTimer clock;
    monitor.start();
    clock.start();
    AsyncRun run;
    run.callMs = timeMs(request);
    while (proxy.hasPendingWork() && clock.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    run.readyMs = double(clock.nsecsElapsed()) / 1e6;
    for (int i = 0; i < 20; ++i) // a few more samples: the stall of the final relayout lands here
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 1);
    monitor.stop();
    run.maxStallMs = monitor.summary().max;
    run.samples = monitor.summary().samples;
    run.maxAtMs = monitor.summary().maxAtMs;
    run.over50 = monitor.summary().over50;
    return run;
}

int run(const QStringList &args)
{
    QTextStream err(stderr);
    const int rows = option("--rows", args, "100000").toInt();
    const int clusters = qMax(1, option("--clusters", args, "4").toInt());
    const int namespaces = qMax(1, option("--namespaces", args, "50").toInt());
    if (rows <= 0) {
        err << "filter: --rows must be a positive number\n";
        return 2;
    }
    QRandomGenerator rng(7);
    std::vector<std::unique_ptr<ResourceStore>> stores;
    std::vector<QVector<KubeObject>> objects{size_t(clusters)};
    for (int i = 0; i < rows; ++i)
        objects[size_t(i % clusters)].append(KubeObject::fromBytes(podBytes(i, namespaces, rng)));
    for (int c = 0; c < clusters; ++c) {
        stores.push_back(std::make_unique<ResourceStore>());
        stores.back()->replace(objects[size_t(c)]);
    }
    objects.clear();

    ResourceTableModel model;
    model.setColumns(TableColumns::forKind("", "Pod"));
    ResourceFilterProxyModel proxy;
    const double attachMs = timeMs([&] {
        for (int c = 0; c < clusters; ++c)
            model.addStore(QStringLiteral("c%1").arg(c), stores[size_t(c)].get());
    });
    const double proxyAttachMs = timeMs([&] { proxy.setSourceModel(&model); });
    err << "filter: " << model.rowCount() << " rows, " << model.columnCount() << " columns, attach "
        << attachMs << " ms, proxy " << proxyAttachMs << " ms\n";

    // Floor: one pass reading every row's name and namespace through the model's accessors.
    qsizetype sink = 0;
    Stats scan;
    for (int i = 0; i < 3; ++i) {
        scan.samples.push_back(timeMs([&] {
            for (int r = 0; r < model.rowCount(); ++r)
                sink += model.objectAt(r).name().size() + model.objectAt(r).namespaceName().size();
        }));
    }
    err << "filter: scan of names and namespaces " << scan.p50() << " ms (" << sink << ")\n";

    Stats unsorted, sortedStats;
    int lastRows = 0;
    for (Stats *stats : {&unsorted, &sortedStats}) {
        for (const auto &[label, change] : filterChanges()) {
            const double ms = timeMs([&, &change = change] { change(proxy); lastRows = proxy.rowCount(); });
            stats->samples.push_back(ms);
            err << "  " << (stats == &unsorted ? "unsorted " : "sorted   ") << label << ": " << ms << " ms, "
                << lastRows << " rows\n";
        }
        if (stats == &unsorted)
            proxy.sort(model.columnOf(TableColumn::Source::Name)); // second pass: sorted by NAME
    }
    Stats all;
    all.samples = unsorted.samples;
    all.samples.insert(all.samples.end(), sortedStats.samples.begin(), sortedStats.samples.end());

    const int name = model.columnOf(TableColumn::Source::Name);
    const int age = model.columnOf(TableColumn::Source::Age);
    int restarts = -1;
    for (int c = 0; c < model.columnCount(); ++c) {
        if (model.visibleColumns().at(c).title == QLatin1String("RESTARTS"))
            restarts = c;
    }
    const double sortNameMs = timeMs([&] { proxy.sort(name, Qt::DescendingOrder); });
    const double sortAgeMs = timeMs([&] { proxy.sort(age); });
    proxy.setAsyncThreshold(-1); // the synchronous cold figures (the GUI thread parses)
    const double statusColdMs = timeMs([&] { proxy.setStatuses({ObjectStatus::Error}); });
    const int errors = proxy.rowCount();
    const double statusWarmMs = timeMs([&] { proxy.setStatuses({ObjectStatus::Ok, ObjectStatus::Pending}); });
    proxy.clearFilters();
    model.clearCellCache();
    const double sortRestartsColdMs = timeMs([&] { proxy.sort(restarts, Qt::DescendingOrder); });
    const double sortRestartsWarmMs = timeMs([&] { proxy.sort(restarts); });

    // The same first RESTARTS sort and first status filter through the default, async path.
    proxy.setAsyncThreshold(ResourceFilterProxyModel().asyncThreshold());
    proxy.sort(-1);
    model.clearCellCache();
    const AsyncRun sortAsync = runAsync(proxy, [&] { proxy.sort(restarts, Qt::DescendingOrder); });
    const bool sortedOk = proxy.sortColumn() == restarts && !proxy.isBusy();
    err << "filter: async RESTARTS sort: call " << sortAsync.callMs << " ms, sorted after " << sortAsync.readyMs
        << " ms, max GUI stall " << sortAsync.maxStallMs << " ms (ending at " << sortAsync.maxAtMs << " ms; "
        << sortAsync.over50 << " stalls > 50 ms)\n";
    proxy.sort(-1);
    model.setColumns(TableColumns::forKind("", "Pod")); // forgets every state
    const AsyncRun statusAsync = runAsync(proxy, [&] { proxy.setStatuses({ObjectStatus::Error}); });
    const bool statusOk = proxy.rowCount() == errors;
    err << "filter: async status filter: call " << statusAsync.callMs << " ms, filtered after " << statusAsync.readyMs
        << " ms, max GUI stall " << statusAsync.maxStallMs << " ms (ending at " << statusAsync.maxAtMs << " ms; "
        << statusAsync.over50 << " stalls > 50 ms; " << proxy.rowCount() << " rows)\n";
    proxy.clearFilters();

    // Status known in the background (ResourceTableModel::setStatusWarmUp) before the filter.
    proxy.sort(-1);
    model.setColumns(TableColumns::forKind("", "Pod")); // forgets every state
    QElapsedTimer warm;
    warm.start();
    model.setStatusWarmUp(true);
    while (model.knownStateCount() < model.rowCount() && warm.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const double warmUpMs = double(warm.nsecsElapsed()) / 1e6;
    model.setStatusWarmUp(false);
    const double statusAfterWarmUpMs = timeMs([&] { proxy.setStatuses({ObjectStatus::Error}); });
    proxy.clearFilters();

    // The same typing through QSortFilterProxyModel, sorted by NAME through SortRole.
    QSortFilterProxyModel qsfpm;
    qsfpm.setSourceModel(&model);
    qsfpm.setSortRole(ResourceTableModel::SortRole);
    qsfpm.setFilterKeyColumn(name);
    qsfpm.setFilterCaseSensitivity(Qt::CaseInsensitive);
    const double qsfpmSortMs = timeMs([&] { qsfpm.sort(name); qsfpm.rowCount(); });
    Stats qsfpmStats;
    for (const char *text : {"w", "we", "web", "web-1", "web-12", ""})
        qsfpmStats.samples.push_back(timeMs([&] { qsfpm.setFilterFixedString(QString::fromLatin1(text)); qsfpm.rowCount(); }));

    const QJsonObject common{{"rows", model.rowCount()}, {"clusters", clusters}, {"namespaces", namespaces}};
    auto with = [&](QJsonObject extra) {
        for (auto it = common.begin(); it != common.end(); ++it)
            extra.insert(it.key(), it.value());
        return extra;
    };
    printResult("filter.ms_per_change", all.p50(), "ms",
                with({{"p50", all.p50()}, {"max", all.max()}, {"mean", all.mean()}, {"changes", int(all.samples.size())},
                      {"unsorted_p50", unsorted.p50()}, {"sorted_p50", sortedStats.p50()}, {"sorted_max", sortedStats.max()}}));
    printResult("sort.ms", sortNameMs, "ms", with({{"column", "NAME"}}));
    printResult("sort.age_ms", sortAgeMs, "ms", with({{"column", "AGE"}}));
    printResult("sort.restarts_cold_ms", sortRestartsColdMs, "ms",
                with({{"column", "RESTARTS"}, {"warm_ms", sortRestartsWarmMs}, {"note", "first sort computes every row's cells"}}));
    printResult("sort.restarts_async", sortAsync.maxStallMs, "ms",
                with({{"column", "RESTARTS"}, {"call_ms", sortAsync.callMs}, {"ready_ms", sortAsync.readyMs},
                      {"monitor_samples", sortAsync.samples}, {"sorted", sortedOk},
                      {"max_at_ms", sortAsync.maxAtMs}, {"stalls_over_50ms", sortAsync.over50},
                      {"note", "value: GUI thread's longest stall; keys computed on the pool"}}));
    printResult("filter.status_async", statusAsync.maxStallMs, "ms",
                with({{"call_ms", statusAsync.callMs}, {"ready_ms", statusAsync.readyMs},
                      {"monitor_samples", statusAsync.samples}, {"filtered", statusOk},
                      {"max_at_ms", statusAsync.maxAtMs}, {"stalls_over_50ms", statusAsync.over50},
                      {"note", "value: GUI thread's longest stall; states computed on the pool"}}));
    printResult("filter.status_cold_ms", statusColdMs, "ms",
                with({{"warm_ms", statusWarmMs}, {"error_rows", errors}, {"note", "first status filter computes every row's status"},
                      {"after_background_warm_up_ms", statusAfterWarmUpMs}, {"background_warm_up_ms", warmUpMs}}));
    printResult("filter.qsfpm_ms_per_change", qsfpmStats.p50(), "ms",
                with({{"p50", qsfpmStats.p50()}, {"max", qsfpmStats.max()}, {"sort_ms", qsfpmSortMs},
                      {"note", "QSortFilterProxyModel, filterFixedString on NAME, sorted by SortRole"}}));
    printResult("model.attach_ms", attachMs, "ms", with({{"proxy_attach_ms", proxyAttachMs}}));
    printResult("filter.scan_ms", scan.p50(), "ms", with({{"note", "floor: one pass reading every row's name and namespace"}}));
    printResult("filter.peak_rss_mb", double(peakRssBytes()) / (1024.0 * 1024.0), "MB", with({}));
    return 0;
}

} // namespace

ACP_BENCH_SCENARIO("filter", "--rows N [--clusters C] [--namespaces K]: ms per filter change and sort of a 100k-row pod table", run);

} // namespace acp::bench
