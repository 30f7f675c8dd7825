// Informers against acp-sandbox with fault injection (issue 3): after at least 200 injected
// faults (dropped watches, 410s, 429s, 500s, latency) every store equals the sandbox's state:
// same keys and resourceVersions, no duplicate uids, no missed deletes.
#include "bench/ChaosRun.h"

#include <QTest>

class TestInformerChaos : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storesEqualServerAfterFaults();
};

void TestInformerChaos::storesEqualServerAfterFaults()
{
    // The sandbox of this build (tests live in build/tests, binaries in build/bin).
    if (qEnvironmentVariableIsEmpty("ACP_SANDBOX_BIN"))
        qputenv("ACP_SANDBOX_BIN", ACP_BIN_DIR "/acp-sandbox");
    acp::bench::ChaosOptions o;
    o.faults = 200;
    o.seed = 7;
    o.clusters = 2;
    o.maxSeconds = 150;
    const auto r = acp::bench::runChaos(o);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    qInfo("faults %lld, informers %d, mutations %d, relists %d, watches %d, objects %d, settled in %.1f s",
          r->faultsInjected, r->informers, r->mutations, r->relists, r->watches, r->objectsCompared, r->settleSeconds);
    QVERIFY2(r->faultsInjected >= 200, qPrintable(QString::number(r->faultsInjected)));
    QVERIFY(r->mutations > 100);
    QVERIFY(r->relists > 0);      // 410s forced quiet relists
    QVERIFY(r->objectsCompared > 0);
    QVERIFY2(r->divergences == 0, qPrintable(r->divergenceDetails.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestInformerChaos)
#include "tst_informer_chaos.moc"
