// acp-bench startup [--runs 5] [--console PATH]: cold start of acp-console to a usable window.
// Starts acp-sandbox (LocalSandbox), then runs `acp-console --kubeconfig <sandbox kubeconfig>
// --startup-report` --runs times (QT_QPA_PLATFORM=offscreen unless set); each run prints the time
// from the top of main to the first exposed main window. Prints startup.window_ms (median) with
// min, max and the runs in the extras. The console must not link WebEngine (issue 4: <= 400 ms).
#include "api/LocalSandbox.h"
#include "bench/Scenario.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTextStream>

#include <algorithm>

namespace acp::bench {
namespace {

int runStartup(const QStringList &args)
{
    const int runs = qMax(1, option(QStringLiteral("--runs"), args, QStringLiteral("5")).toInt());
    const QString console = option(QStringLiteral("--console"), args,
                                   QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("acp-console")));
    QTextStream err(stderr);
    api::LocalSandbox sandbox;
    auto started = sandbox.start({});
    if (!started) {
        err << "startup: the sandbox did not start: " << started.error().toString() << "\n";
        return 1;
    }
    QList<double> values;
    QJsonArray all;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(console, {QStringLiteral("--kubeconfig"), sandbox.kubeconfigPath(), QStringLiteral("--startup-report")});
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            err << "startup: " << console << " failed: " << p.readAllStandardError() << "\n";
            return 1;
        }
        const auto line = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed()).object();
        if (!line.contains(QLatin1String("value"))) {
            err << "startup: no report from " << console << "\n";
            return 1;
        }
        values << line.value(QLatin1String("value")).toDouble();
        all.append(values.last());
    }
    std::sort(values.begin(), values.end());
    printResult(QStringLiteral("startup.window_ms"), values.at(values.size() / 2), QStringLiteral("ms"),
                {{QStringLiteral("min"), values.first()}, {QStringLiteral("max"), values.last()}, {QStringLiteral("runs"), all}});
    return 0;
}

} // namespace
} // namespace acp::bench

ACP_BENCH_SCENARIO("startup", "[--runs 5] [--console PATH]: acp-console cold start to an exposed window (median ms)",
                   acp::bench::runStartup);
