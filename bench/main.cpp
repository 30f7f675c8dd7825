// acp-bench: benchmark scenarios; each prints one JSON object per line {name, value, unit}.
// Usage: acp-bench <scenario> [options]; `acp-bench list` shows the scenarios.
#include "bench/Scenario.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <memory>
#include <vector>

namespace acp::bench {

static std::vector<ScenarioInfo> &registry()
{
    static std::vector<ScenarioInfo> scenarios;
    return scenarios;
}

ScenarioRegistrar::ScenarioRegistrar(const ScenarioInfo &info)
{
    registry().push_back(info);
}

void printResult(const QString &name, double value, const QString &unit, const QJsonObject &extra)
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("value"), value);
    o.insert(QStringLiteral("unit"), unit);
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

qint64 peakRssBytes()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

QString option(const QString &name, const QStringList &args, const QString &defaultValue)
{
    for (int i = 0; i < args.size(); ++i) {
        if (args.at(i) == name && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(name + QLatin1Char('=')))
            return args.at(i).mid(name.size() + 1);
    }
    return defaultValue;
}

} // namespace acp::bench

int main(int argc, char **argv)
{
    // GUI scenarios (widgets) need a QApplication; without a display they run offscreen.
    bool gui = false;
    for (const auto &s : acp::bench::registry())
        if (argc > 1 && qstrcmp(argv[1], s.name) == 0)
            gui = s.gui;
    if (gui && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application(gui ? new QApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("acp-bench"));
    // Results go to stdout as JSON lines; library debug output would drown them.
    QLoggingCategory::setFilterRules(QStringLiteral("acp.*.debug=false"));
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);
    const auto &scenarios = acp::bench::registry();
    if (args.isEmpty() || args.first() == QLatin1String("list") || args.first() == QLatin1String("--help")) {
        err << "usage: acp-bench <scenario> [options]\nscenarios:\n";
        for (const auto &s : scenarios)
            err << "  " << s.name << "  " << s.usage << "\n";
        err.flush();
        return args.isEmpty() ? 2 : 0;
    }
    for (const auto &s : scenarios) {
        if (args.first() == QLatin1String(s.name))
            return s.run(args.mid(1));
    }
    err << "acp-bench: unknown scenario '" << args.first() << "' (try: acp-bench list)" << Qt::endl;
    return 2;
}
