// acp-sandbox: a local ACP platform gateway with simulated clusters (demo, tests, benchmarks).
// Not a production gateway: see ../shared/DESIGN.md rule 6.
#include "sandbox/Sandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalPipe[1], &c, 1);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("acp-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACP_VERSION));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("A local ACP platform gateway serving simulated Kubernetes clusters."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption port({QStringLiteral("p"), QStringLiteral("port")}, QStringLiteral("Port on 127.0.0.1 (0 = ephemeral)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("Serve HTTPS with a CA generated at start (written into the kubeconfig)."));
    const QCommandLineOption kubeconfig(QStringLiteral("kubeconfig-out"), QStringLiteral("Write an ac-compatible kubeconfig here."), QStringLiteral("file"));
    const QCommandLineOption session(QStringLiteral("session"), QStringLiteral("Session name used in the kubeconfig (default: sandbox)."), QStringLiteral("name"), QStringLiteral("sandbox"));
    const QCommandLineOption state(QStringLiteral("state-file"), QStringLiteral("Load state from and save it to this file."), QStringLiteral("file"));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users file (YAML: users: [{name, password, groups, platformAdmin}])."), QStringLiteral("file"));
    const QCommandLineOption clusters(QStringLiteral("clusters"), QStringLiteral("Number of workload clusters besides global (default 3)."), QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption pods(QStringLiteral("pods-per-cluster"), QStringLiteral("Scale mode: this many pods per workload cluster."), QStringLiteral("m"), QStringLiteral("0"));
    const QCommandLineOption openapi(QStringLiteral("openapi-dir"), QStringLiteral("OpenAPI v3 spec folder (repeatable; default: ../shared ones)."), QStringLiteral("dir"));
    const QCommandLineOption shared(QStringLiteral("shared-dir"), QStringLiteral("Reference data folder (default: ../shared beside the checkout)."), QStringLiteral("dir"));
    const QCommandLineOption bookmarks(QStringLiteral("bookmark-interval"), QStringLiteral("Milliseconds between watch BOOKMARK events."), QStringLiteral("ms"), QStringLiteral("5000"));
    const QCommandLineOption window(QStringLiteral("watch-window"), QStringLiteral("Events kept per cluster for watch resumption."), QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption noControllers(QStringLiteral("no-controllers"), QStringLiteral("Do not run the simulated controllers."));
    const QCommandLineOption faults(QStringLiteral("faults"), QStringLiteral("Fault injection as JSON, e.g. {\"error429Rate\":0.1,\"dropWatchesPerMinute\":30}."), QStringLiteral("json"));
    const QCommandLineOption churn(QStringLiteral("churn"), QStringLiteral("Modify pods at this many events per second across clusters (benchmarks; see PUT /sandbox/v1/churn)."), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption churnSeed(QStringLiteral("churn-seed"), QStringLiteral("Seed of --churn's pod choices (default 1)."), QStringLiteral("seed"), QStringLiteral("1"));
    p.addOptions({port, tls, kubeconfig, session, state, users, clusters, pods, openapi, shared, bookmarks, window, noControllers, faults, churn, churnSeed});
    p.process(app);

    QTextStream err(stderr), out(stdout);
    acp::sandbox::SandboxOptions o;
    o.port = quint16(p.value(port).toUInt());
    o.tls = p.isSet(tls);
    o.kubeconfigOut = p.value(kubeconfig);
    o.session = p.value(session);
    o.stateFile = p.value(state);
    o.usersFile = p.value(users);
    o.workloadClusters = p.value(clusters).toInt();
    o.podsPerCluster = p.value(pods).toInt();
    o.openApiDirs = p.values(openapi);
    o.sharedDir = p.value(shared);
    o.bookmarkIntervalMs = qMax(100, p.value(bookmarks).toInt());
    o.watchWindow = p.value(window).toInt();
    o.controllers = !p.isSet(noControllers);
    bool churnOk = false, seedOk = false;
    o.churnEventsPerSecond = p.value(churn).toDouble(&churnOk);
    o.churnSeed = p.value(churnSeed).toUInt(&seedOk);
    if (!churnOk || o.churnEventsPerSecond < 0 || !seedOk) {
        err << "acp-sandbox: --churn needs a number >= 0 and --churn-seed an integer >= 0" << Qt::endl;
        return 2;
    }
    if (p.isSet(faults)) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(p.value(faults).toUtf8(), &perr);
        if (!doc.isObject()) {
            err << "acp-sandbox: --faults: " << perr.errorString() << Qt::endl;
            return 2;
        }
        o.faults = doc.object();
    }

    acp::sandbox::Sandbox sandbox(o);
    QString error;
    if (!sandbox.start(&error)) {
        err << "acp-sandbox: " << error << Qt::endl;
        return 1;
    }
    // Save the state and exit cleanly on SIGINT/SIGTERM.
    if (::pipe(g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&sandbox] {
            QString e;
            if (!sandbox.saveState(&e))
                QTextStream(stderr) << "acp-sandbox: " << e << Qt::endl;
            QCoreApplication::quit();
        });
    }
    out << "acp-sandbox listening on " << sandbox.address() << Qt::endl;
    if (!o.kubeconfigOut.isEmpty())
        out << "kubeconfig: " << o.kubeconfigOut << Qt::endl;
    std::fflush(stdout);   // the parent (scripts, tests) waits for this line
    return app.exec();
}
