#pragma once
// acp-bench scenarios. Each scenario lives in its own Scenario<Name>.cpp, listed in a bench/*.cmake
// part file, and registers itself with a file-scope ACP_BENCH_SCENARIO(...). It prints its
// results with printResult(): one JSON object per line, {name, value, unit, ...extra}, so runs
// can be compared; diagnostics go to stderr.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace acp::bench {

// args: the arguments after the scenario name. Returns the process exit status.
using ScenarioFunction = int (*)(const QStringList &args);

struct ScenarioInfo {
    const char *name;
    const char *usage;   // one line: options and what it measures
    ScenarioFunction run;
    bool gui = false;    // needs a QApplication (widgets); offscreen when there is no display
};

struct ScenarioRegistrar {
    explicit ScenarioRegistrar(const ScenarioInfo &info);
};

// {"name": name, "value": value, "unit": unit, ...extra} on one line of stdout, flushed.
void printResult(const QString &name, double value, const QString &unit, const QJsonObject &extra = {});

// Peak resident set size of this process in bytes (VmHWM), 0 when unknown.
qint64 peakRssBytes();

// The value of --option (e.g. option("--seed", args, "1")); "--option=value" works too.
QString option(const QString &name, const QStringList &args, const QString &defaultValue = QString());

} // namespace acp::bench

#define ACP_BENCH_CONCAT2(a, b) a##b
#define ACP_BENCH_CONCAT(a, b) ACP_BENCH_CONCAT2(a, b)
#define ACP_BENCH_SCENARIO(name, usage, fn) \
    static const ::acp::bench::ScenarioRegistrar ACP_BENCH_CONCAT(acpBenchScenario_, __LINE__){{name, usage, fn, false}}
#define ACP_BENCH_GUI_SCENARIO(name, usage, fn) \
    static const ::acp::bench::ScenarioRegistrar ACP_BENCH_CONCAT(acpBenchScenario_, __LINE__){{name, usage, fn, true}}
