// Informer and InformerCache against FakeListWatcher: client-go's Reflector policy.
#include "FakeListWatcher.h"
#include "models/Informer.h"
#include "models/InformerCache.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using namespace acp::models;
using acp::models::test::FakeListWatcher;

namespace {

InformerOptions fastOptions()
{
    InformerOptions o;
    o.coalesceMs = 20;
    o.initialBackoffMs = 10;
    o.maxBackoffMs = 80;
    o.resetBackoffMs = 60000;
    return o;
}

void fill(FakeListWatcher &fake, int n)
{
    for (int i = 0; i < n; ++i)
        fake.put(QStringLiteral("ns%1").arg(i % 7), QStringLiteral("pod-%1").arg(i, 5, 10, QLatin1Char('0')));
    fake.history.clear();
}

// The store holds exactly the fake's objects at the fake's versions.
bool inSync(const Informer &informer, const FakeListWatcher &fake)
{
    const ResourceStore *store = informer.store();
    if (store->size() != fake.objects.size())
        return false;
    for (auto it = fake.objects.constBegin(); it != fake.objects.constEnd(); ++it) {
        const KubeObject o = store->get(it.key());
        if (o.isNull() || o.resourceVersion() != it.value()[QLatin1String("metadata")][QLatin1String("resourceVersion")].toString())
            return false;
    }
    return true;
}

} // namespace

class TestInformer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initialPaginatedList();
    void watchEventsAppliedInBatches();
    void bookmarkAdvancesResourceVersion();
    void eofRewatchesFromLastVersion();
    void goneRelistsAndReconcilesMissedDeletion();
    void watchBackoffThenRecovery();
    void failedStateCarriesReasonAndRecovers();
    void expiredContinueRestartsList();
    void goneOnListAtVersionListsFromScratch();
    void badFrameRewatchesFromLastGoodVersion();
    void errorEventFrameRelists();
    void neverAppliesEventsFromCancelledWatch();
    void backoffGrowsWithJitterAndCaps();
    void backoffHonoursRetryAfter();
    void cacheSharesAndStopsOnLastRelease();
    void batchesOfManyInformersRunInSeparateLoopIterations();
    void listsOfManyInformersStoredInSeparateLoopIterations();
    void restartWhileListQueuedStoresTheNewList();
};

void TestInformer::initialPaginatedList()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 1234);
    InformerOptions o = fastOptions();
    o.selection.namespaceName = QStringLiteral("ns1");
    o.selection.labelSelector = QStringLiteral("app=web");
    Informer informer(fake, o);
    QSignalSpy states(&informer, &Informer::stateChanged);
    QSignalSpy synced(&informer, &Informer::synced);
    QSignalSpy changed(informer.store(), &ResourceStore::changed);
    informer.start();
    QCOMPARE(informer.state(), Informer::State::Loading);
    QTRY_COMPARE(informer.state(), Informer::State::Synced);
    QCOMPARE(synced.size(), 1);
    QCOMPARE(states.size(), 2); // Loading, Synced
    QCOMPARE(changed.size(), 1); // one replace for all pages
    QCOMPARE(informer.store()->size(), 1234);
    QVERIFY(inSync(informer, *fake));
    QCOMPARE(informer.store()->get(QStringLiteral("ns0/pod-00000")).kind(), QStringLiteral("Pod"));
    QCOMPARE(fake->listCalls.size(), 3);
    QCOMPARE(fake->listCalls[0].limit, 500);
    QCOMPARE(fake->listCalls[0].continueToken, QString());
    QCOMPARE(fake->listCalls[0].resourceVersion, QString());
    QCOMPARE(fake->listCalls[0].namespaceName, QStringLiteral("ns1"));
    QCOMPARE(fake->listCalls[0].labelSelector, QStringLiteral("app=web"));
    QCOMPARE(fake->listCalls[1].continueToken, QStringLiteral("500"));
    QCOMPARE(fake->listCalls[2].continueToken, QStringLiteral("1000"));
    QTRY_COMPARE(fake->watchCalls.size(), 1);
    QCOMPARE(fake->watchCalls[0].resourceVersion, QString::number(fake->rv));
    QVERIFY(fake->watchCalls[0].allowWatchBookmarks);
    QVERIFY(fake->watchCalls[0].timeoutSeconds >= 300 && fake->watchCalls[0].timeoutSeconds <= 600);
    QCOMPARE(fake->watchCalls[0].namespaceName, QStringLiteral("ns1"));
    QVERIFY(!informer.lastError());
}

void TestInformer::watchEventsAppliedInBatches()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 10);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    QSignalSpy changed(informer.store(), &ResourceStore::changed);
    // A burst within the coalescing window: one batch.
    fake->put(QStringLiteral("ns0"), QStringLiteral("new-1"));
    fake->put(QStringLiteral("ns0"), QStringLiteral("new-2"));
    fake->put(QStringLiteral("ns0"), QStringLiteral("new-1")); // modified
    fake->remove(QStringLiteral("ns0/pod-00000"));
    fake->put(QStringLiteral("ns1"), QStringLiteral("pod-00001"));
    QTRY_VERIFY(inSync(informer, *fake));
    QCOMPARE(changed.size(), 1);
    const StoreDelta delta = changed.first().first().value<StoreDelta>();
    QCOMPARE(delta.added.size(), 2);
    QCOMPARE(delta.updated.size(), 1);
    QCOMPARE(delta.removed.size(), 1);
    QCOMPARE(informer.stats().batches, 1);
    QCOMPARE(informer.lastResourceVersion(), QString::number(fake->rv));
    // A later change: a second batch.
    fake->put(QStringLiteral("ns2"), QStringLiteral("late"));
    QTRY_COMPARE(changed.size(), 2);
    QVERIFY(inSync(informer, *fake));
}

void TestInformer::bookmarkAdvancesResourceVersion()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 3);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    const QString before = informer.lastResourceVersion();
    QSignalSpy changed(informer.store(), &ResourceStore::changed);
    fake->bookmark();
    QTRY_COMPARE(informer.lastResourceVersion(), QString::number(fake->rv));
    QVERIFY(informer.lastResourceVersion() != before);
    fake->closeWatches(); // EOF: re-watch from the bookmark's version
    QTRY_COMPARE(fake->watchCalls.size(), 2);
    QCOMPARE(fake->watchCalls[1].resourceVersion, QString::number(fake->rv));
    QCOMPARE(changed.size(), 0); // bookmarks change nothing
    QCOMPARE(fake->listCalls.size(), 1);
}

void TestInformer::eofRewatchesFromLastVersion()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 5);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    fake->put(QStringLiteral("ns0"), QStringLiteral("a"));
    QTRY_VERIFY(inSync(informer, *fake));
    const QString seen = informer.lastResourceVersion();
    fake->closeWatches();
    // Changes while the client re-watches: the server replays them from its history.
    fake->put(QStringLiteral("ns0"), QStringLiteral("b"));
    fake->remove(QStringLiteral("ns0/a"));
    QTRY_COMPARE(fake->watchCalls.size(), 2);
    QCOMPARE(fake->watchCalls[1].resourceVersion, seen);
    QTRY_VERIFY(inSync(informer, *fake));
    QCOMPARE(fake->listCalls.size(), 1); // no relist
    QCOMPARE(informer.state(), Informer::State::Synced);
}

void TestInformer::goneRelistsAndReconcilesMissedDeletion()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 20);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    int smallest = informer.store()->size();
    bool reset = false;
    connect(informer.store(), &ResourceStore::changed, this, [&](const StoreDelta &d) {
        smallest = qMin(smallest, informer.store()->size());
        reset = reset || d.reset;
    });
    QSignalSpy states(&informer, &Informer::stateChanged);
    // Disconnected: a deletion and a change happen, and the server compacts its history.
    fake->closeWatches(FakeListWatcher::gone());
    fake->remove(QStringLiteral("ns3/pod-00003"));
    fake->put(QStringLiteral("ns4"), QStringLiteral("pod-00004"));
    fake->compact();
    QTRY_COMPARE(fake->listCalls.size(), 2);
    QTRY_VERIFY(inSync(informer, *fake));
    QVERIFY(informer.store()->get(QStringLiteral("ns3/pod-00003")).isNull());
    QCOMPARE(fake->listCalls[1].resourceVersion, QString()); // relist from scratch
    QCOMPARE(smallest, 19);                                  // never flashed empty
    QVERIFY(!reset);                                         // ranged changes, not a reset
    QCOMPARE(states.size(), 0);                              // quiet: stayed Synced
    QCOMPARE(informer.stats().relists, 1);
    QTRY_COMPARE(fake->activeWatches(), 1);
    QCOMPARE(fake->watchCalls.last().resourceVersion, QString::number(fake->rv));
}

void TestInformer::watchBackoffThenRecovery()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 4);
    Informer informer(fake, fastOptions());
    QSignalSpy errors(&informer, &Informer::errorOccurred);
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    fake->watchFailures = {FakeListWatcher::error(429, QStringLiteral("TooManyRequests"), QStringLiteral("slow down")),
                           FakeListWatcher::error(500, QStringLiteral("InternalError"), QStringLiteral("boom")),
                           FakeListWatcher::error(0, QString(), QStringLiteral("connection refused"))};
    QElapsedTimer timer;
    timer.start();
    fake->closeWatches(FakeListWatcher::error(503, QStringLiteral("ServiceUnavailable"), QStringLiteral("try later")));
    fake->put(QStringLiteral("ns0"), QStringLiteral("while-away"));
    QTRY_COMPARE(fake->activeWatches(), 1);
    QTRY_VERIFY(inSync(informer, *fake));
    QCOMPARE(errors.size(), 4);
    QCOMPARE(fake->watchCalls.size(), 5);
    QCOMPARE(fake->listCalls.size(), 1); // retryable: re-watched, never relisted
    for (int i = 1; i < fake->watchCalls.size(); ++i)
        QCOMPARE(fake->watchCalls[i].resourceVersion, fake->watchCalls[1].resourceVersion);
    QVERIFY(timer.elapsed() >= 10 + 20 + 40 + 80 / 2); // 10, 20, 40, 80(capped) ms at least
    QCOMPARE(informer.state(), Informer::State::Synced);
    for (const auto &e : errors)
        qDebug() << e.first().value<acp::api::ApiError>().message;
    QVERIFY(!informer.lastError()); // cleared by the next event
}

void TestInformer::failedStateCarriesReasonAndRecovers()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 3);
    const QString reason = QStringLiteral("pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" at the cluster scope");
    fake->listFailures = {FakeListWatcher::error(403, QStringLiteral("Forbidden"), reason),
                          FakeListWatcher::error(500, QStringLiteral("InternalError"), QStringLiteral("etcd leader changed"))};
    Informer informer(fake, fastOptions());
    QSignalSpy states(&informer, &Informer::stateChanged);
    informer.start();
    QTRY_COMPARE(informer.state(), Informer::State::Failed);
    QVERIFY(informer.lastError());
    QCOMPARE(informer.lastError()->message, reason);
    QVERIFY(informer.lastError()->isForbidden());
    QVERIFY(!informer.hasSynced());
    QTRY_COMPARE(informer.state(), Informer::State::Synced); // retried with backoff
    QVERIFY(!informer.lastError());
    QVERIFY(inSync(informer, *fake));
    QCOMPARE(fake->listCalls.size(), 3);
    QCOMPARE(states.size(), 3); // Loading, Failed, Synced
}

void TestInformer::expiredContinueRestartsList()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 1200);
    fake->expireContinueTokens = 1;
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(informer.state(), Informer::State::Synced);
    QVERIFY(inSync(informer, *fake));
    // page 1, page 2 (410), then page 1, 2, 3 again from scratch
    QCOMPARE(fake->listCalls.size(), 5);
    QCOMPARE(fake->listCalls[2].continueToken, QString());
    QCOMPARE(fake->listCalls[2].resourceVersion, QString());
    QCOMPARE(informer.stats().failures, 0);
}


void TestInformer::goneOnListAtVersionListsFromScratch()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 6);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    // A non-retryable watch error: back off and relist at the last version; the server has
    // compacted past it (410), so the informer lists from scratch.
    fake->goneOnListWithRv = 1;
    fake->closeWatches(FakeListWatcher::error(403, QStringLiteral("Forbidden"), QStringLiteral("watch is forbidden")));
    fake->remove(QStringLiteral("ns1/pod-00001"));
    QTRY_COMPARE(fake->listCalls.size(), 3);
    QCOMPARE(fake->listCalls[1].resourceVersion, fake->watchCalls[0].resourceVersion);
    QCOMPARE(fake->listCalls[2].resourceVersion, QString());
    QTRY_VERIFY(inSync(informer, *fake));
    QTRY_COMPARE(fake->activeWatches(), 1);
}

void TestInformer::badFrameRewatchesFromLastGoodVersion()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 2);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    fake->put(QStringLiteral("ns0"), QStringLiteral("good"));
    const QString goodRv = QString::number(fake->rv);
    fake->sendFrames({QByteArray(R"({"type":"ADDED","object":{"metadata":)")});
    QTRY_COMPARE(fake->watchCalls.size(), 2);
    QCOMPARE(fake->watchCalls[1].resourceVersion, goodRv);
    QTRY_VERIFY(inSync(informer, *fake));
    QCOMPARE(informer.lastError()->reason, QStringLiteral("DecodeError"));
}

void TestInformer::errorEventFrameRelists()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 2);
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    fake->sendFrames({QByteArray(R"({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410,"message":"too old resource version"}})")});
    QTRY_COMPARE(fake->listCalls.size(), 2);
    QTRY_COMPARE(fake->activeWatches(), 1);
    QCOMPARE(informer.state(), Informer::State::Synced);
}

void TestInformer::neverAppliesEventsFromCancelledWatch()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 3);
    fake->deliverAfterCancel = true; // a seam that misbehaves
    Informer informer(fake, fastOptions());
    informer.start();
    QTRY_COMPARE(fake->activeWatches(), 1);
    QSignalSpy changed(informer.store(), &ResourceStore::changed);
    fake->put(QStringLiteral("ns0"), QStringLiteral("after-stop"));
    informer.stop(); // before the frame is delivered
    fake->put(QStringLiteral("ns0"), QStringLiteral("later"));
    QTest::qWait(100);
    QCOMPARE(changed.size(), 0);
    QVERIFY(informer.store()->get(QStringLiteral("ns0/after-stop")).isNull());
    QCOMPARE(informer.store()->size(), 3);
    QCOMPARE(informer.state(), Informer::State::Idle);

    // Frames of a watch that was replaced by a relist are dropped too.
    Informer second(fake, fastOptions());
    second.start();
    QTRY_COMPARE(second.state(), Informer::State::Synced);
    QTRY_VERIFY(fake->watchCalls.size() >= 2);
    fake->closeWatches(FakeListWatcher::gone());   // relist...
    fake->sendFrames({QByteArray(R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"ghost","namespace":"ns0","resourceVersion":"1"}}})")});
    QTRY_COMPARE(fake->listCalls.size(), 3);
    QTest::qWait(60);
    QVERIFY(second.store()->get(QStringLiteral("ns0/ghost")).isNull());
}

void TestInformer::backoffGrowsWithJitterAndCaps()
{
    auto fake = std::make_shared<FakeListWatcher>();
    InformerOptions o = fastOptions();
    o.initialBackoffMs = 5;
    o.maxBackoffMs = 20;
    for (int i = 0; i < 6; ++i)
        fake->listFailures.append(FakeListWatcher::error(500, QStringLiteral("InternalError"), QStringLiteral("down")));
    Informer informer(fake, o);
    QElapsedTimer timer;
    timer.start();
    informer.start();
    QTRY_COMPARE(informer.state(), Informer::State::Synced);
    // 5 + 10 + 20 + 20 + 20 + 20 at least, at most twice that (jitter 1.0) plus scheduling.
    QVERIFY2(timer.elapsed() >= 95, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(informer.stats().failures, 6);
}

void TestInformer::backoffHonoursRetryAfter()
{
    // A 429 whose Status says retryAfterSeconds: 1 waits about a second, not the 5 ms backoff.
    auto fake = std::make_shared<FakeListWatcher>();
    InformerOptions o = fastOptions();
    o.initialBackoffMs = 5;
    o.maxBackoffMs = 20;
    acp::api::ApiError busy = FakeListWatcher::error(429, QStringLiteral("TooManyRequests"), QStringLiteral("too many requests"));
    busy.details.insert(QStringLiteral("retryAfterSeconds"), 1);
    fake->listFailures.append(busy);
    Informer informer(fake, o);
    QElapsedTimer timer;
    timer.start();
    informer.start();
    QTRY_COMPARE_WITH_TIMEOUT(informer.state(), Informer::State::Synced, 5000);
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));   // coarse timers may fire 5% early
    // Capped by maxRetryAfterMs.
    auto fake2 = std::make_shared<FakeListWatcher>();
    o.maxRetryAfterMs = 50;
    busy.details.insert(QStringLiteral("retryAfterSeconds"), 3600);
    fake2->listFailures.append(busy);
    Informer capped(fake2, o);
    timer.restart();
    capped.start();
    QTRY_COMPARE_WITH_TIMEOUT(capped.state(), Informer::State::Synced, 5000);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestInformer::cacheSharesAndStopsOnLastRelease()
{
    QHash<QString, std::shared_ptr<FakeListWatcher>> fakes;
    InformerCache cache([&](const InformerKey &key) {
        auto f = std::make_shared<FakeListWatcher>();
        fill(*f, 3);
        fakes.insert(key.toString(), f);
        return f;
    });
    cache.setInformerOptions(fastOptions());
    cache.setGracePeriodMs(50);
    const InformerKey pods{QStringLiteral("prod"), QStringLiteral("/api/v1/pods"), QString(), QString(), QString()};
    const InformerKey webPods{QStringLiteral("prod"), QStringLiteral("/api/v1/pods"), QString(), QStringLiteral("app=web"), QString()};
    InformerRef a = cache.acquire(pods);
    InformerRef b = cache.acquire(pods);
    InformerRef c = cache.acquire(webPods);
    QCOMPARE(a.informer(), b.informer());
    QVERIFY(a.informer() != c.informer());
    QCOMPARE(c->options().selection.labelSelector, QStringLiteral("app=web"));
    QCOMPARE(cache.size(), 2);
    QCOMPARE(cache.heldInformers().size(), 2);
    QTRY_COMPARE(a->state(), Informer::State::Synced);
    QTRY_COMPARE(fakes[pods.toString()]->activeWatches(), 1);
    QPointer<Informer> shared = a.informer();

    a = InformerRef();
    QTest::qWait(80);
    QVERIFY(shared);                 // b still holds it
    QVERIFY(shared->isRunning());
    b = InformerRef();               // last holder: stops after the grace period...
    QTest::qWait(10);
    InformerRef again = cache.acquire(pods); // ...unless acquired again within it
    QCOMPARE(again.informer(), shared.data());
    QCOMPARE(fakes[pods.toString()]->listCalls.size(), 1); // no relist
    again = InformerRef();
    QTRY_VERIFY(!shared);            // stopped and deleted
    QCOMPARE(fakes[pods.toString()]->activeWatches(), 0);
    QCOMPARE(cache.size(), 1);
    QCOMPARE(cache.heldCount(), 1);
    const auto held = cache.heldInformers();
    QCOMPARE(held.size(), 1);
    QCOMPARE(held.first().key, webPods);
    QCOMPARE(held.first().informer, c.informer());
    QVERIFY(cache.find(webPods));
    QVERIFY(!cache.find(pods));
}

// Informers of many clusters receive events at the same moments; if their batches all ran in one
// event-loop iteration the GUI would freeze for their sum. Here the loop is held until four
// informers' flushes are all due; they must still be applied in four different iterations.
void TestInformer::batchesOfManyInformersRunInSeparateLoopIterations()
{
    std::vector<std::shared_ptr<FakeListWatcher>> fakes;
    std::vector<std::unique_ptr<Informer>> informers;
    for (int i = 0; i < 4; ++i) {
        fakes.push_back(std::make_shared<FakeListWatcher>());
        fill(*fakes.back(), 3);
        informers.push_back(std::make_unique<Informer>(fakes.back(), fastOptions()));
        informers.back()->start();
    }
    for (const auto &f : fakes)
        QTRY_COMPARE(f->activeWatches(), 1);
    int iteration = 0;
    QList<int> appliedAt;
    for (const auto &inf : informers)
        connect(inf->store(), &ResourceStore::changed, this, [&] { appliedAt << iteration; });
    for (const auto &f : fakes)
        f->put(QStringLiteral("ns0"), QStringLiteral("burst"));
    // Until every informer decoded its frame (its flush timer is then running)...
    QElapsedTimer t;
    t.start();
    auto decoded = [&] {
        for (size_t i = 0; i < fakes.size(); ++i)
            if (informers[i]->lastResourceVersion() != QString::number(fakes[i]->rv))
                return false;
        return true;
    };
    while (!decoded() && t.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    QVERIFY(decoded());
    QVERIFY(appliedAt.isEmpty());
    // ...then hold the loop past every flush delay, and count loop iterations with a zero timer.
    QThread::msleep(60);
    QTimer marker;
    marker.setInterval(0);
    connect(&marker, &QTimer::timeout, this, [&] { ++iteration; });
    marker.start();
    QTRY_COMPARE(appliedAt.size(), 4);
    marker.stop();
    QCOMPARE(QSet<int>(appliedAt.cbegin(), appliedAt.cend()).size(), 4);
    for (size_t i = 0; i < fakes.size(); ++i)
        QVERIFY(inSync(*informers[i], *fakes[i]));
}

// 200 clusters' lists decoded at the same time were stored back to back in one pass over the
// posted events (the bench's console load stalls): complete lists go through the shared queue too.
void TestInformer::listsOfManyInformersStoredInSeparateLoopIterations()
{
    std::vector<std::shared_ptr<FakeListWatcher>> fakes;
    std::vector<std::unique_ptr<Informer>> informers;
    int iteration = 0;
    QList<int> storedAt;
    for (int i = 0; i < 4; ++i) {
        fakes.push_back(std::make_shared<FakeListWatcher>());
        fill(*fakes.back(), 50);
        informers.push_back(std::make_unique<Informer>(fakes.back(), fastOptions()));
        connect(informers.back()->store(), &ResourceStore::changed, this, [&] { storedAt << iteration; });
        informers.back()->start();
    }
    // The four list answers are due together: one pass delivers them (decoding starts on the
    // pool); then every decoded list waits, posted, while the loop is held.
    QThread::msleep(20);
    QCoreApplication::processEvents();
    QThread::msleep(300);
    QVERIFY(storedAt.isEmpty());
    QTimer marker;
    marker.setInterval(0);
    connect(&marker, &QTimer::timeout, this, [&] { ++iteration; });
    marker.start();
    QTRY_COMPARE(storedAt.size(), 4);
    marker.stop();
    QCOMPARE(QSet<int>(storedAt.cbegin(), storedAt.cend()).size(), 4);
    for (size_t i = 0; i < fakes.size(); ++i) {
        QTRY_COMPARE(informers[i]->state(), Informer::State::Synced);
        QVERIFY(inSync(*informers[i], *fakes[i]));
    }
}

// A list waiting for its turn is dropped by a restart; the restarted list is stored.
void TestInformer::restartWhileListQueuedStoresTheNewList()
{
    auto fake = std::make_shared<FakeListWatcher>();
    fill(*fake, 10);
    Informer informer(fake, fastOptions());
    QSignalSpy changed(informer.store(), &ResourceStore::changed);
    informer.start();
    QThread::msleep(20);
    QCoreApplication::processEvents();   // the answer: decoding
    QThread::msleep(200);
    informer.stop();                     // its decoded list is posted or queued: dropped
    fake->put(QStringLiteral("ns0"), QStringLiteral("late"));
    informer.start();
    QTRY_COMPARE(informer.state(), Informer::State::Synced);
    QTRY_VERIFY(inSync(informer, *fake));
    QCOMPARE(informer.store()->size(), 11);
    QCOMPARE(changed.size(), 1);   // one replace: the new list only
}

QTEST_GUILESS_MAIN(TestInformer)
#include "tst_informer.moc"

