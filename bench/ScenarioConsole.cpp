// acp-bench console [--clusters 200 --pods-per-cluster 1000 --events-per-second 2000 --seconds 20
// --sort RESTARTS --filter TEXT --sandbox-nice N]: the console's real widgets on the sandbox in
// scale mode. A MainWindow (app/) shows one page with views::ResourceTableView following the
// scope "all clusters" for pods: Fleet -> ClusterConnections (discovery) -> shared informers ->
// ResourceTableModel -> ResourceFilterProxyModel -> QTableView with the status delegate,
// painted (offscreen without a display).
//
// Measures the GUI thread's event-loop stalls (bench/LoopMonitor: the input latency a user
// feels) while the table loads (console.load_*) and then while the sandbox churns pods at N
// events/s with the table sorted by --sort (console.churn_*), plus seconds to a synced table
// (console.synced_s) and peak RSS. Target (issue 4): churn stall p99 <= 16 ms at 200 x 1,000.
#include "app/MainWindow.h"
#include "bench/LoopMonitor.h"
#include "bench/PodFleet.h"
#include "bench/Scenario.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"
#include "views/common/Page.h"
#include "views/common/ResourceTableView.h"

#include <QApplication>
#include <QEventLoop>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>

namespace acp::bench {
namespace {

class PodsPage : public views::Page {
public:
    explicit PodsPage(views::PageContext *c) : views::Page(c)
    {
        table = new views::ResourceTableView(c, this);
        contentLayout()->addWidget(table);
        table->followScope(QStringLiteral("pods"));
    }
    views::ResourceTableView *table;
};

void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QJsonObject stallFields(const LoopMonitor::Summary &s)
{
    return {{QStringLiteral("p50_ms"), s.p50}, {QStringLiteral("max_ms"), s.max}, {QStringLiteral("over16"), double(s.over16)},
            {QStringLiteral("over50"), double(s.over50)}, {QStringLiteral("samples"), double(s.samples)}};
}

int console(const QStringList &args)
{
    QTextStream err(stderr);
    FleetOptions fo;
    fo.clusters = option(QStringLiteral("--clusters"), args, QStringLiteral("200")).toInt();
    fo.podsPerCluster = option(QStringLiteral("--pods-per-cluster"), args, QStringLiteral("1000")).toInt();
    fo.sandboxNice = option(QStringLiteral("--sandbox-nice"), args, QStringLiteral("0")).toInt();
    fo.verbose = args.contains(QLatin1String("-v"));
    const double eps = option(QStringLiteral("--events-per-second"), args, QStringLiteral("2000")).toDouble();
    const int seconds = option(QStringLiteral("--seconds"), args, QStringLiteral("20")).toInt();
    const QString sortTitle = option(QStringLiteral("--sort"), args, QStringLiteral("RESTARTS"));
    const QString filter = option(QStringLiteral("--filter"), args);
    if (fo.clusters <= 0 || fo.podsPerCluster <= 0 || seconds <= 0) {
        err << "console: --clusters, --pods-per-cluster and --seconds must be positive" << Qt::endl;
        return 2;
    }
    PodFleet sandbox(fo);
    const auto started = sandbox.startSandbox();
    if (!started) {
        err << "console: " << started.error().toString() << Qt::endl;
        return 1;
    }
    if (auto c = sandbox.connect(); !c) {   // the admin client for churn control
        err << "console: " << c.error().toString() << Qt::endl;
        return 1;
    }
    auto resolved = api::Workspace::fromKubeconfigFile(sandbox.kubeconfigPath(), QStringLiteral("sandbox/business-1"));
    if (!resolved) {
        err << "console: " << resolved.error().toString() << Qt::endl;
        return 1;
    }
    // Only the workload clusters (the scale-mode pods live there).
    api::Workspace ws = *resolved;
    ws.clusters.removeIf([](const api::WorkspaceCluster &c) { return !c.name.startsWith(QLatin1String("business-")); });

    views::PageRegistry registry;
    PodsPage *page = nullptr;
    registry.add({QStringLiteral("pods"), QStringLiteral("Pods"), QStringLiteral("Workloads"), 1, true, {}, {}, {QStringLiteral("pods")},
                  [&page](views::PageContext *c) { return page = new PodsPage(c); }, {}, {}});
    LoopMonitor load;
    QElapsedTimer clock;
    clock.start();
    load.start();
    QElapsedTimer windowClock;
    windowClock.start();
    app::MainWindow window(&registry, new models::Fleet(ws));
    window.resize(1400, 900);
    window.show();
    const double windowMs = windowClock.nsecsElapsed() / 1e6;   // the first "stall" of the load
    const qint64 expected = qint64(fo.clusters) * fo.podsPerCluster;
    while (page->table->isLoading() || page->table->model()->rowCount() < expected) {
        spinFor(20);
        if (clock.elapsed() > 600000) {
            err << "console: not synced after 600 s (" << page->table->model()->rowCount() << " rows)" << Qt::endl;
            return 1;
        }
    }
    const double syncedS = clock.elapsed() / 1000.0;
    load.stop();
    const auto ls = load.summary();
    printResult(QStringLiteral("console.synced_s"), syncedS, QStringLiteral("s"),
                {{QStringLiteral("rows"), double(page->table->model()->rowCount())}, {QStringLiteral("clusters"), fo.clusters}});
    printResult(QStringLiteral("console.load_stall_p99_ms"), ls.p99, QStringLiteral("ms"), stallFields(ls));
    printResult(QStringLiteral("console.window_ms"), windowMs, QStringLiteral("ms"));
    // The worst load stalls with their end time (s of CLOCK_MONOTONIC) to find them in a profile
    // (`perf record -k CLOCK_MONOTONIC -g -t <pid>`): what ran between end - stall and end.
    for (const auto &[at, ms] : load.worst(8))
        err << "console: load stall " << ms << " ms ending at " << Qt::fixed << qSetRealNumberPrecision(3)
            << (double(load.startedAtMs()) + at) / 1000.0 << " s (" << at / 1000.0 << " s into the load)" << Qt::endl;

    // Sort by the chosen column (the proxy computes keys off the GUI thread), filter if asked.
    models::ResourceTableModel *m = page->table->model();
    int column = -1;
    for (int c = 0; c < m->columnCount(); ++c)
        if (m->visibleColumns().at(c).title.compare(sortTitle, Qt::CaseInsensitive) == 0)
            column = c;
    if (column >= 0)
        page->table->tableView()->sortByColumn(column, Qt::DescendingOrder);
    if (!filter.isEmpty())
        page->table->filterEdit()->setText(filter);
    while (page->table->proxy()->isBusy())
        spinFor(20);
    {   // What one full repaint of the table costs (every visible cell painted).
        QElapsedTimer t;
        t.start();
        const int n = 20;
        for (int i = 0; i < n; ++i)
            page->table->tableView()->viewport()->repaint();
        printResult(QStringLiteral("console.table_paint_ms"), t.nsecsElapsed() / 1e6 / n, QStringLiteral("ms"),
                    {{QStringLiteral("width"), page->table->tableView()->viewport()->width()},
                     {QStringLiteral("height"), page->table->tableView()->viewport()->height()}});
    }

    if (eps > 0) {
        auto churn = sandbox.admin("PUT", QStringLiteral("/sandbox/v1/churn"), {{QStringLiteral("eventsPerSecond"), eps}});
        if (!churn) {
            err << "console: churn: " << churn.error().toString() << Qt::endl;
            return 1;
        }
    }
    spinFor(1000);   // warm-up
    LoopMonitor steady;
    steady.start();
    spinFor(seconds * 1000);
    steady.stop();
    if (eps > 0)
        sandbox.admin("PUT", QStringLiteral("/sandbox/v1/churn"), {{QStringLiteral("eventsPerSecond"), 0}});
    const auto cs = steady.summary();
    QJsonObject extra = stallFields(cs);
    extra.insert(QStringLiteral("events_per_s"), eps);
    extra.insert(QStringLiteral("sort"), sortTitle);
    printResult(QStringLiteral("console.churn_stall_p99_ms"), cs.p99, QStringLiteral("ms"), extra);
    printResult(QStringLiteral("console.peak_rss_mb"), peakRssBytes() / 1048576.0, QStringLiteral("MB"));
    return 0;
}

} // namespace

ACP_BENCH_GUI_SCENARIO("console",
                       "[--clusters 200 --pods-per-cluster 1000 --events-per-second 2000 --seconds 20 --sort RESTARTS] "
                       "GUI stalls of the console's all-clusters pods table (real widgets) while loading and under churn",
                       console);

} // namespace acp::bench
