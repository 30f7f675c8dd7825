// ResourceFilterProxyModel's off-GUI-thread paths: sorts and status filters computed on the pool
// (busy signal, superseded requests, resets meanwhile) and changed rows' keys computed on the pool
// (batches in order, late results for updated or removed rows dropped, no JSON parse on the GUI
// thread for a batch).
#include "TableTestUtil.h"

#include "models/ResourceFilterProxyModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>

#include <memory>

using namespace acp::models;
using namespace tabletest;

namespace {

const QDateTime kNow = at("2026-03-01T12:00:00Z");
constexpr int kPods = 400;

struct Harness {
    ResourceTableModel model;
    ResourceFilterProxyModel proxy;
    std::unique_ptr<QAbstractItemModelTester> modelTester, proxyTester;
    ResourceStore store;
    int name = -1, restarts = -1, status = -1;

    Harness()
    {
        modelTester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxyTester = std::make_unique<QAbstractItemModelTester>(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCurrentTime(kNow);
        model.setColumns(TableColumns::forKind("", "Pod"));
        proxy.setSourceModel(&model);
        QVector<KubeObject> pods;
        for (int i = 0; i < kPods; ++i)
            pods.append(pod(spec(i, (i * 37) % 101)));
        store.replace(pods);
        model.addStore("east", &store);
        name = model.columnOf(TableColumn::Source::Name);
        status = model.columnOf(TableColumn::Source::Status);
        restarts = headers(model).indexOf("RESTARTS");
    }
    static PodSpec spec(int i, int restartCount)
    {
        PodSpec p;
        p.name = QStringLiteral("p%1").arg(i, 4, 10, QLatin1Char('0'));
        p.restarts = restartCount;
        if (i % 10 == 0) {
            p.waiting = "CrashLoopBackOff";
            p.ready = 0;
        }
        return p;
    }
    // Restart counts of the proxy's rows, top to bottom.
    QList<int> restartColumn() const
    {
        QList<int> out;
        for (int r = 0; r < proxy.rowCount(); ++r)
            out.append(proxy.index(r, restarts).data().toString().section(u' ', 0, 0).toInt());
        return out;
    }
    QStringList names() const { return column(proxy, name); }
    void settle() { QTRY_VERIFY_WITH_TIMEOUT(!proxy.hasPendingWork(), 20000); }
};

bool descending(const QList<int> &v)
{
    return std::is_sorted(v.crbegin(), v.crend());
}

// A batch setting the restart count of pods [first, first + count).
QVector<StoreEvent> restartBatch(const ResourceStore &store, int first, int count, int restartCount)
{
    QVector<StoreEvent> events;
    for (int i = first; i < first + count; ++i) {
        const KubeObject o = store.get("default", QStringLiteral("p%1").arg(i, 4, 10, QLatin1Char('0')));
        events.append(changedEvent(modified(o, [restartCount](QJsonObject &j) {
            QJsonObject st = j["status"].toObject();
            QJsonArray cs = st["containerStatuses"].toArray();
            QJsonObject c0 = cs[0].toObject();
            c0["restartCount"] = restartCount;
            cs[0] = c0;
            st["containerStatuses"] = cs;
            j["status"] = st;
        })));
    }
    return events;
}

} // namespace

class TestResourceFilterProxyModelAsync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void computeFunctionMatchesSyncValues();
    void sortByComputedColumnIsAsyncAndBusy();
    void newerSortSupersedesPendingOne();
    void statusFilterIsAsync();
    void resetWhilePendingRestartsTheSort();
    void changedRowsAreComputedOffTheGuiThread();
    void batchesApplyInOrderAndLateResultsAreDropped();
    void neverBlocksAPoolThread();
};

void TestResourceFilterProxyModelAsync::computeFunctionMatchesSyncValues()
{
    Harness h;
    const auto keyOf = h.model.computeFunction(h.restarts);
    const auto statusOf = h.model.computeFunction(h.status);
    const auto stateOnly = h.model.computeFunction(-1);
    for (int r = 0; r < 30; ++r) {
        const KubeObject o = h.model.objectAt(r);
        const auto c = keyOf(o);
        QVERIFY(h.model.needsParse(r, h.restarts));
        QCOMPARE(SortKey::compare(c.key, h.model.sortKeyAt(r, h.restarts)), 0);
        QVERIFY(!h.model.needsParse(r, h.restarts)); // sortKeyAt cached the row's cells
        QCOMPARE(SortKey::compare(statusOf(o).key, h.model.sortKeyAt(r, h.status)), 0);
        QCOMPARE(int(stateOnly(o).state), int(h.model.stateAt(r)));
        QCOMPARE(int(c.state), int(h.model.stateAt(r)));
    }
    // adoptState keeps a state only for the row's current object.
    QVERIFY(!h.model.isStateKnown(100));
    h.model.adoptState(100, h.model.objectAt(101), 2);
    QVERIFY(!h.model.isStateKnown(100));
    h.model.adoptState(100, h.model.objectAt(100), stateOnly(h.model.objectAt(100)).state);
    QVERIFY(h.model.isStateKnown(100));
    QCOMPARE(int(h.model.stateAt(100)), int(ObjectStatus::Error)); // p0100 crash-loops
}

void TestResourceFilterProxyModelAsync::sortByComputedColumnIsAsyncAndBusy()
{
    Harness h;
    h.proxy.sort(h.name);
    const QStringList byName = h.names();
    QSignalSpy busy(&h.proxy, &ResourceFilterProxyModel::busyChanged);
    QSignalSpy layouts(&h.proxy, &QAbstractItemModel::layoutChanged);
    h.proxy.sort(h.restarts, Qt::DescendingOrder);
    // Nothing parsed on the GUI thread: the old order is on show, the request is reported.
    QVERIFY(h.proxy.isBusy());
    QCOMPARE(busy.size(), 1);
    QCOMPARE(busy.at(0).at(0).toBool(), true);
    QCOMPARE(h.proxy.sortColumn(), h.restarts);
    QCOMPARE(h.proxy.sortOrder(), Qt::DescendingOrder);
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(h.names(), byName);
    QVERIFY(h.model.needsParse(kPods - 1, h.restarts));
    h.settle();
    QVERIFY(!h.proxy.isBusy());
    QCOMPARE(busy.size(), 2);
    QCOMPARE(busy.at(1).at(0).toBool(), false);
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(h.proxy.rowCount(), kPods);
    QVERIFY(descending(h.restartColumn()));
    QCOMPARE(h.model.knownStateCount(), kPods); // the job's states were kept
    // Same column, other order: keys are known, synchronous.
    h.proxy.sort(h.restarts, Qt::AscendingOrder);
    QVERIFY(!h.proxy.isBusy());
    QVERIFY(!h.proxy.hasPendingWork());
    QList<int> asc = h.restartColumn();
    QVERIFY(std::is_sorted(asc.cbegin(), asc.cend()));
}

void TestResourceFilterProxyModelAsync::newerSortSupersedesPendingOne()
{
    Harness h;
    QSignalSpy busy(&h.proxy, &ResourceFilterProxyModel::busyChanged);
    QSignalSpy layouts(&h.proxy, &QAbstractItemModel::layoutChanged);
    h.proxy.sort(h.restarts);
    h.proxy.sort(h.status, Qt::DescendingOrder); // supersedes RESTARTS
    QCOMPARE(h.proxy.sortColumn(), h.status);
    h.settle();
    QCOMPARE(busy.size(), 2); // true once, false once: no flicker between the two requests
    QCOMPARE(layouts.size(), 1); // the superseded job's results were dropped
    QCOMPARE(h.proxy.sortColumn(), h.status);
    QCOMPARE(h.proxy.index(0, h.status).data().toString(), QStringLiteral("CrashLoopBackOff"));
    // A synchronous request (NAME) supersedes a pending computed one.
    h.proxy.sort(h.restarts);
    QVERIFY(h.proxy.isBusy()); // the STATUS job computed its keys, not the rows' RESTARTS cells
    h.proxy.sort(h.name, Qt::DescendingOrder);
    QVERIFY(!h.proxy.isBusy());
    h.settle();
    QCOMPARE(busy.size(), 4);
    QCOMPARE(layouts.size(), 2);
    QCOMPARE(h.proxy.sortColumn(), h.name);
    QCOMPARE(h.names().first(), QStringLiteral("p%1").arg(kPods - 1, 4, 10, QLatin1Char('0')));
}

void TestResourceFilterProxyModelAsync::statusFilterIsAsync()
{
    Harness h;
    QSignalSpy busy(&h.proxy, &ResourceFilterProxyModel::busyChanged);
    h.proxy.setStatuses({ObjectStatus::Error});
    QVERIFY(h.proxy.isBusy());
    QCOMPARE(h.proxy.statuses(), QSet<ObjectStatus::State>({ObjectStatus::Error}));
    QCOMPARE(h.proxy.rowCount(), kPods); // not filtered by status yet
    QCOMPARE(h.model.knownStateCount(), 0);
    h.settle();
    QVERIFY(!h.proxy.isBusy());
    QCOMPARE(busy.size(), 2);
    QCOMPARE(h.proxy.rowCount(), kPods / 10);
    // States are known now: another status set applies synchronously.
    h.proxy.setStatuses({ObjectStatus::Ok});
    QVERIFY(!h.proxy.isBusy());
    QCOMPARE(h.proxy.rowCount(), kPods - kPods / 10);
    // Clearing while a job runs cancels it.
    h.model.setColumns(TableColumns::forKind("", "Pod")); // states forgotten (source reset)
    QVERIFY(h.proxy.isBusy());
    h.proxy.setStatuses({});
    QVERIFY(!h.proxy.isBusy());
    QCOMPARE(h.proxy.rowCount(), kPods);
    h.settle();
    QCOMPARE(h.proxy.rowCount(), kPods);
}

void TestResourceFilterProxyModelAsync::resetWhilePendingRestartsTheSort()
{
    Harness h;
    h.proxy.sort(h.restarts, Qt::DescendingOrder);
    QVERIFY(h.proxy.isBusy());
    h.model.setWide(true); // source reset: columns change, the request follows RESTARTS by title
    const int restartsWide = headers(h.model).indexOf("RESTARTS");
    QCOMPARE(h.proxy.sortColumn(), restartsWide);
    h.restarts = restartsWide;
    h.settle();
    QVERIFY(!h.proxy.isBusy());
    QCOMPARE(h.proxy.sortColumn(), restartsWide);
    QVERIFY(descending(h.restartColumn()));
}

void TestResourceFilterProxyModelAsync::changedRowsAreComputedOffTheGuiThread()
{
    Harness h;
    h.proxy.sort(h.restarts, Qt::DescendingOrder);
    h.settle();
    const QStringList before = h.names();
    // 50 pods jump to the top: the batch is applied, but their keys are computed on the pool.
    h.store.apply(restartBatch(h.store, 200, 50, 500));
    QVERIFY(h.proxy.hasPendingWork());
    QVERIFY(!h.proxy.isBusy()); // churn is not a user-visible wait
    for (int i = 200; i < 250; ++i)
        QVERIFY2(h.model.needsParse(h.model.rowOf("east", QStringLiteral("default/p%1").arg(i, 4, 10, QLatin1Char('0'))), h.restarts),
                 "the GUI thread parsed a changed row");
    QCOMPARE(h.names(), before); // placed when computed
    h.settle();
    const QList<int> counts = h.restartColumn();
    QVERIFY(descending(counts));
    QCOMPARE(counts.count(500), 50);
    QCOMPARE(counts.first(), 500);
    // A small batch (below the threshold) is placed synchronously.
    h.store.apply(restartBatch(h.store, 300, 2, 1000));
    QVERIFY(!h.proxy.hasPendingWork());
    QCOMPARE(h.restartColumn().mid(0, 2), QList<int>({1000, 1000}));
}

void TestResourceFilterProxyModelAsync::batchesApplyInOrderAndLateResultsAreDropped()
{
    Harness h;
    h.proxy.sort(h.restarts, Qt::DescendingOrder);
    h.proxy.setStatuses({ObjectStatus::Ok, ObjectStatus::Error});
    h.settle();
    // Two batches for the same pods before the loop runs: the second one wins.
    h.store.apply(restartBatch(h.store, 0, 40, 900));
    h.store.apply(restartBatch(h.store, 0, 40, 1));
    // A third batch for other pods, then half of them deleted while their job runs.
    h.store.apply(restartBatch(h.store, 100, 40, 800));
    QVector<StoreEvent> deletions;
    for (int i = 100; i < 120; ++i)
        deletions.append(deleted(h.store.get("default", QStringLiteral("p%1").arg(i, 4, 10, QLatin1Char('0')))));
    h.store.apply(deletions);
    h.settle();
    const QList<int> counts = h.restartColumn();
    QCOMPARE(h.proxy.rowCount(), kPods - 20);
    QVERIFY(descending(counts));
    QCOMPARE(counts.count(900), 0);
    QCOMPARE(counts.count(800), 20);
    QCOMPARE(counts.first(), 800);
    for (int p = 0; p < h.proxy.rowCount(); ++p)
        QCOMPARE(h.proxy.mapFromSource(h.model.index(h.proxy.sourceRow(p), 0)).row(), p);
}

// Jobs never wait inside a pool thread for other pool tasks: with one pool thread (or two, each
// holding a waiting job, as churn did), such a wait deadlocks the pool and the informers' decoding.
void TestResourceFilterProxyModelAsync::neverBlocksAPoolThread()
{
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    {
        Harness h;
        h.proxy.sort(h.restarts, Qt::DescendingOrder);
        h.store.apply(restartBatch(h.store, 0, 40, 700));
        h.store.apply(restartBatch(h.store, 50, 40, 600));
        h.settle();
        QCOMPARE(h.restartColumn().mid(0, 80), QList<int>(40, 700) + QList<int>(40, 600));
    }
    pool->setMaxThreadCount(threads);
}

QTEST_GUILESS_MAIN(TestResourceFilterProxyModelAsync)
#include "tst_resourcefilterproxymodelasync.moc"
