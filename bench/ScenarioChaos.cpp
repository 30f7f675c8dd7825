// acp-bench chaos: informers under injected faults end equal to the server (divergences must be 0).
#include "bench/ChaosRun.h"
#include "bench/Scenario.h"

#include <QJsonArray>
#include <QTextStream>

namespace acp::bench {
namespace {

int chaos(const QStringList &args)
{
    ChaosOptions o;
    o.faults = option(QStringLiteral("--faults"), args, QStringLiteral("200")).toInt();
    o.seed = option(QStringLiteral("--seed"), args, QStringLiteral("1")).toUInt();
    o.clusters = option(QStringLiteral("--clusters"), args, QStringLiteral("2")).toInt();
    o.verbose = args.contains(QLatin1String("-v"));
    const auto r = runChaos(o);
    if (!r) {
        QTextStream(stderr) << "acp-bench chaos: " << r.error().toString() << Qt::endl;
        return 1;
    }
    const QJsonObject extra{{QStringLiteral("seed"), qint64(o.seed)}, {QStringLiteral("counts"), r->faultCounts},
                            {QStringLiteral("informers"), r->informers}, {QStringLiteral("mutations"), r->mutations},
                            {QStringLiteral("relists"), r->relists}, {QStringLiteral("watches"), r->watches},
                            {QStringLiteral("inject_s"), r->injectSeconds}};
    printResult(QStringLiteral("chaos.faults_injected"), double(r->faultsInjected), QStringLiteral("faults"), extra);
    printResult(QStringLiteral("chaos.objects_compared"), r->objectsCompared, QStringLiteral("objects"));
    printResult(QStringLiteral("chaos.divergences"), r->divergences, QStringLiteral("objects"),
                QJsonObject{{QStringLiteral("details"), QJsonArray::fromStringList(r->divergenceDetails)}});
    printResult(QStringLiteral("chaos.settle_s"), r->settleSeconds, QStringLiteral("s"));
    return r->divergences == 0 ? 0 : 1;
}

} // namespace
ACP_BENCH_SCENARIO("chaos", "[--faults N] [--seed S] [--clusters C] [-v]: informers vs the sandbox under faults; divergences must be 0", chaos);
} // namespace acp::bench
