// ResourceFilterProxyModel over ResourceTableModel: text / namespace / cluster / label selector /
// status filters and their combinations, the invalid selector error, sorting by raw values,
// persistent indexes across filter changes, and a randomized churn run compared against a
// brute-force filter+sort after every batch. Model and proxy are under QAbstractItemModelTester.
#include "TableTestUtil.h"

#include "models/ResourceFilterProxyModel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QStringListModel>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace acp::models;
using namespace tabletest;

namespace {

const QDateTime kNow = at("2026-03-01T12:00:00Z");

struct Harness {
    ResourceTableModel model;
    ResourceFilterProxyModel proxy;
    std::unique_ptr<QAbstractItemModelTester> modelTester, proxyTester;
    ResourceStore east, west;

    Harness()
    {
        modelTester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxyTester = std::make_unique<QAbstractItemModelTester>(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCurrentTime(kNow);
        model.setColumns(TableColumns::forKind("", "Pod"));
        proxy.setSourceModel(&model);
    }
    QStringList names() const
    {
        QStringList out;
        const int nameColumn = model.columnOf(TableColumn::Source::Name);
        for (int r = 0; r < proxy.rowCount(); ++r)
            out.append(proxy.index(r, nameColumn).data().toString());
        return out;
    }
};

// Source order is the stores' key order: api-0, job-x, db-0, db-1, web-0..2 (east), web-9 (west).
// web-0..2 in ns "shop" (app=web, tier=front), db-0..1 in ns "shop" (app=db), a crashing
// job-x in "batch", a pending api-0 in "api" (app=api); west holds web-9 in "shop".
void seed(Harness &h)
{
    QVector<KubeObject> east;
    auto add = [&](QVector<KubeObject> &into, PodSpec p) { into.append(pod(p)); };
    for (int i = 0; i < 3; ++i) {
        PodSpec p; p.ns = "shop"; p.name = QStringLiteral("web-%1").arg(i);
        p.labels = {{"app", "web"}, {"tier", "front"}};
        p.created = QStringLiteral("2026-03-01T1%1:00:00Z").arg(i); p.restarts = 10 - i * 5; // 10, 5, 0
        add(east, p);
    }
    for (int i = 0; i < 2; ++i) {
        PodSpec p; p.ns = "shop"; p.name = QStringLiteral("db-%1").arg(i); p.labels = {{"app", "db"}};
        p.created = "2025-12-0" + QString::number(i + 1) + "T00:00:00Z";
        add(east, p);
    }
    PodSpec crash; crash.ns = "batch"; crash.name = "job-x"; crash.waiting = "CrashLoopBackOff"; crash.ready = 0; crash.restarts = 40;
    add(east, crash);
    PodSpec pending; pending.ns = "api"; pending.name = "api-0"; pending.phase = "Pending"; pending.ready = 0;
    pending.waiting = "ContainerCreating"; pending.labels = {{"app", "api"}};
    add(east, pending);
    h.east.replace(east);
    QVector<KubeObject> west;
    PodSpec w; w.ns = "shop"; w.name = "web-9"; w.labels = {{"app", "web"}};
    add(west, w);
    h.west.replace(west);
    h.model.addStore("east", &h.east);
    h.model.addStore("west", &h.west);
}

} // namespace

class TestResourceFilterProxyModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textFilter();
    void namespaceClusterAndStatusFilters();
    void labelSelector();
    void combinations();
    void sorting();
    void persistentIndexesFollowRows();
    void sourceChangesWhileSortedAndFiltered();
    void scatteredBulkChangesBecomeLayoutChanges();
    void deferredMovesKeepRowsInPlaceUntilTheDelay();
    void randomChurnMatchesBruteForce_data();
    void randomChurnMatchesBruteForce();
    void refusesOtherSources();
};

void TestResourceFilterProxyModel::textFilter()
{
    Harness h;
    seed(h);
    QCOMPARE(h.proxy.rowCount(), 8);
    h.proxy.setFilterText("WEB");
    QCOMPARE(h.names(), QStringList({"web-0", "web-1", "web-2", "web-9"}));
    h.proxy.setFilterText("/db");
    QCOMPARE(h.names(), QStringList({"db-0", "db-1"}));
    h.proxy.setFilterText("!web");
    QCOMPARE(h.names(), QStringList({"api-0", "job-x", "db-0", "db-1"})); // source (store key) order
    h.proxy.setFilterText("-l app=db");
    QCOMPARE(h.names(), QStringList({"db-0", "db-1"}));
    QCOMPARE(h.proxy.labelSelector(), QStringLiteral("app=db"));
    h.proxy.setFilterText("nothing-matches");
    QCOMPARE(h.proxy.rowCount(), 0);
    QVERIFY(h.proxy.isFiltering());
    h.proxy.clearFilters();
    QCOMPARE(h.proxy.rowCount(), 8);
    QVERIFY(!h.proxy.isFiltering());
}

void TestResourceFilterProxyModel::namespaceClusterAndStatusFilters()
{
    Harness h;
    seed(h);
    h.proxy.setNamespaces({"batch", "api"});
    QCOMPARE(h.names(), QStringList({"api-0", "job-x"}));
    h.proxy.setNamespaces({});
    h.proxy.setClusters({"west"});
    QCOMPARE(h.names(), QStringList({"web-9"}));
    h.proxy.setClusters({});
    h.proxy.setStatuses({ObjectStatus::Error});
    QCOMPARE(h.names(), QStringList({"job-x"}));
    h.proxy.setStatuses({ObjectStatus::Pending, ObjectStatus::Error});
    QCOMPARE(h.names(), QStringList({"api-0", "job-x"}));
    QCOMPARE(h.proxy.statuses(), QSet<ObjectStatus::State>({ObjectStatus::Pending, ObjectStatus::Error}));
    h.proxy.setStatuses({ObjectStatus::Ok});
    QCOMPARE(h.proxy.rowCount(), 6);
}

void TestResourceFilterProxyModel::labelSelector()
{
    Harness h;
    seed(h);
    QSignalSpy errors(&h.proxy, &ResourceFilterProxyModel::labelSelectorErrorChanged);
    QVERIFY(h.proxy.setLabelSelector("app in (web,api),tier!=front"));
    QCOMPARE(h.names(), QStringList({"api-0", "web-9"}));
    QVERIFY(h.proxy.setLabelSelector("!app"));
    QCOMPARE(h.names(), QStringList({"job-x"}));
    // Invalid: error exposed, no label filtering applied, other filters stay.
    h.proxy.setNamespaces({"shop"});
    QVERIFY(!h.proxy.setLabelSelector("app in (web"));
    QVERIFY(!h.proxy.labelSelectorError().isEmpty());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(h.proxy.rowCount(), 6); // every shop pod
    QVERIFY(h.proxy.setLabelSelector("app=db"));
    QVERIFY(h.proxy.labelSelectorError().isEmpty());
    QCOMPARE(errors.size(), 2);
    QCOMPARE(h.names(), QStringList({"db-0", "db-1"}));
}

void TestResourceFilterProxyModel::combinations()
{
    Harness h;
    seed(h);
    h.proxy.setFilterText("web");
    h.proxy.setClusters({"east"});
    h.proxy.setLabelSelector("tier=front");
    QCOMPARE(h.names(), QStringList({"web-0", "web-1", "web-2"}));
    h.proxy.setFilterText("web-1");
    QCOMPARE(h.names(), QStringList({"web-1"}));
    h.proxy.setStatuses({ObjectStatus::Error});
    QCOMPARE(h.proxy.rowCount(), 0);
    h.proxy.setStatuses({});
    h.proxy.setFilterText("");
    h.proxy.setLabelSelector("");
    QCOMPARE(h.proxy.rowCount(), 7);
}

void TestResourceFilterProxyModel::sorting()
{
    Harness h;
    seed(h);
    const int name = h.model.columnOf(TableColumn::Source::Name);
    const int age = h.model.columnOf(TableColumn::Source::Age);
    const int restarts = headers(h.model).indexOf("RESTARTS");
    const int status = h.model.columnOf(TableColumn::Source::Status);
    h.proxy.sort(name);
    QCOMPARE(h.names(), QStringList({"api-0", "db-0", "db-1", "job-x", "web-0", "web-1", "web-2", "web-9"}));
    h.proxy.sort(name, Qt::DescendingOrder);
    QCOMPARE(h.names().first(), QStringLiteral("web-9"));
    h.proxy.sort(restarts, Qt::DescendingOrder); // numerically: 40 > 10 > 5 > 0
    QCOMPARE(h.names().mid(0, 3), QStringList({"job-x", "web-0", "web-1"}));
    h.proxy.sort(age); // oldest first (creation timestamp ascending)
    QCOMPARE(h.names().mid(0, 2), QStringList({"db-0", "db-1"}));
    h.proxy.sort(status, Qt::DescendingOrder); // most severe first
    QCOMPARE(h.names().first(), QStringLiteral("job-x"));
    h.proxy.setFilterText("web");
    h.proxy.sort(restarts);
    QCOMPARE(h.names(), QStringList({"web-2", "web-9", "web-1", "web-0"}));
    h.proxy.sort(-1);
    QCOMPARE(h.names(), QStringList({"web-0", "web-1", "web-2", "web-9"}));
    QCOMPARE(h.proxy.headerData(0, Qt::Vertical).toInt(), 1);
}

void TestResourceFilterProxyModel::persistentIndexesFollowRows()
{
    Harness h;
    seed(h);
    const int name = h.model.columnOf(TableColumn::Source::Name);
    h.proxy.sort(name);
    QPersistentModelIndex web1 = h.proxy.index(h.names().indexOf("web-1"), name);
    QPersistentModelIndex db0 = h.proxy.index(h.names().indexOf("db-0"), name);
    h.proxy.setFilterText("web");
    QVERIFY(web1.isValid());
    QCOMPARE(web1.data().toString(), QStringLiteral("web-1"));
    QVERIFY(!db0.isValid());
    h.proxy.sort(name, Qt::DescendingOrder);
    QCOMPARE(web1.data().toString(), QStringLiteral("web-1"));
    QCOMPARE(h.proxy.mapToSource(web1).data().toString(), QStringLiteral("web-1"));
    QCOMPARE(h.proxy.mapFromSource(h.model.index(h.model.rowOf("east", "shop/web-1"), name)), QModelIndex(web1));
}

void TestResourceFilterProxyModel::sourceChangesWhileSortedAndFiltered()
{
    Harness h;
    seed(h);
    const int name = h.model.columnOf(TableColumn::Source::Name);
    const int restarts = headers(h.model).indexOf("RESTARTS");
    h.proxy.sort(name);
    h.proxy.setNamespaces({"shop"});
    QSignalSpy inserted(&h.proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&h.proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&h.proxy, &QAbstractItemModel::modelReset);
    // An added pod lands at its sorted position; one filtered out does not appear.
    PodSpec p; p.ns = "shop"; p.name = "db-5";
    PodSpec q; q.ns = "other"; q.name = "aaa";
    h.east.apply({added(pod(p)), added(pod(q))});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(h.names(), QStringList({"db-0", "db-1", "db-5", "web-0", "web-1", "web-2", "web-9"}));
    // Removal.
    h.east.apply({deleted(pod(p))});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 2);
    // An update that moves a row under a RESTARTS sort.
    h.proxy.sort(restarts);
    const KubeObject web0 = h.east.get("shop", "web-0");
    h.east.apply({changedEvent(modified(web0, [](QJsonObject &j) {
        QJsonObject st = j["status"].toObject();
        QJsonArray cs = st["containerStatuses"].toArray();
        QJsonObject c0 = cs[0].toObject();
        c0["restartCount"] = 0;
        cs[0] = c0;
        st["containerStatuses"] = cs;
        j["status"] = st;
    }))});
    QCOMPARE(h.names().last(), QStringLiteral("web-1")); // 5 restarts now the most
    // An update that moves a row out of the namespace filter's reach is impossible (namespace
    // is immutable), but a status filter reacts to updates.
    h.proxy.setStatuses({ObjectStatus::Ok});
    const KubeObject db1 = h.east.get("shop", "db-1");
    h.east.apply({changedEvent(modified(db1, [](QJsonObject &j) {
        QJsonObject st = j["status"].toObject();
        st["phase"] = "Failed";
        j["status"] = st;
    }))});
    QVERIFY(!h.names().contains("db-1"));
    QCOMPARE(resets.size(), 0);
    // A source reset (column change) resets the proxy and keeps its filters.
    h.model.setWide(true);
    QCOMPARE(resets.size(), 1);
    QVERIFY(!h.names().contains("db-1"));
    QCOMPARE(h.proxy.columnCount(), h.model.columnCount());
}

void TestResourceFilterProxyModel::deferredMovesKeepRowsInPlaceUntilTheDelay()
{
    Harness h;
    seed(h);
    const int restarts = headers(h.model).indexOf("RESTARTS");
    h.proxy.setAsyncThreshold(-1);
    h.proxy.setMoveDelayMs(60);
    h.proxy.setNamespaces({"shop"});
    h.proxy.sort(restarts);
    const QStringList before = h.names();
    QCOMPARE(before.last(), QStringLiteral("web-0")); // 10 restarts
    QSignalSpy layouts(&h.proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy data(&h.proxy, &QAbstractItemModel::dataChanged);
    const KubeObject web0 = h.east.get("shop", "web-0");
    h.east.apply({changedEvent(modified(web0, [](QJsonObject &j) {
        QJsonObject st = j["status"].toObject();
        QJsonArray cs = st["containerStatuses"].toArray();
        QJsonObject c0 = cs[0].toObject();
        c0["restartCount"] = 0;
        cs[0] = c0;
        st["containerStatuses"] = cs;
        j["status"] = st;
    }))});
    // In place, with its new value on show; no layout change yet.
    QCOMPARE(h.names(), before);
    QVERIFY(h.proxy.hasPendingMoves());
    QCOMPARE(layouts.size(), 0);
    QVERIFY(data.size() >= 1);
    QCOMPARE(h.proxy.index(before.size() - 1, restarts).data().toString(), QStringLiteral("0"));
    // Then one layout change moves it.
    QTRY_VERIFY(!h.proxy.hasPendingMoves());
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(h.names().last(), QStringLiteral("web-1")); // 5 restarts now the most
    QVERIFY(h.names().indexOf(QStringLiteral("web-0")) < h.names().indexOf(QStringLiteral("web-1")));
}

void TestResourceFilterProxyModel::scatteredBulkChangesBecomeLayoutChanges()
{
    Harness h;
    h.model.addStore("east", &h.east);
    h.model.addStore("west", &h.west);
    QVector<KubeObject> evens, odds;
    for (int i = 0; i < 200; ++i) {
        PodSpec p;
        p.name = QStringLiteral("p%1").arg(i, 3, 10, QLatin1Char('0'));
        (i % 2 ? odds : evens).append(pod(p));
    }
    h.east.replace(evens);
    h.proxy.sort(h.model.columnOf(TableColumn::Source::Name));
    QSignalSpy inserted(&h.proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&h.proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layouts(&h.proxy, &QAbstractItemModel::layoutChanged);
    QPersistentModelIndex p010 = h.proxy.index(5, 0); // p010
    QCOMPARE(h.proxy.index(5, h.model.columnOf(TableColumn::Source::Name)).data().toString(), QStringLiteral("p010"));
    // 100 odd names interleave with the evens: 100 separate runs -> one layout change.
    h.west.apply([&] {
        QVector<StoreEvent> events;
        for (const KubeObject &o : odds)
            events.append(added(o));
        return events;
    }());
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(h.proxy.rowCount(), 200);
    QStringList expected;
    for (int i = 0; i < 200; ++i)
        expected.append(QStringLiteral("p%1").arg(i, 3, 10, QLatin1Char('0')));
    QCOMPARE(h.names(), expected);
    QCOMPARE(p010.row(), 10);
    // Detaching west removes one contiguous source block that is scattered in the proxy.
    h.model.removeStore(&h.west); // the CLUSTER column goes: a source reset; the sort follows NAME
    QCOMPARE(h.proxy.sortColumn(), h.model.columnOf(TableColumn::Source::Name));
    h.model.addStore("east", &h.west);
    QCOMPARE(h.proxy.rowCount(), 200);
    const int before = int(layouts.size());
    h.model.removeStore(&h.west); // same cluster: a ranged source removal
    QCOMPARE(removed.size(), 0);
    QCOMPARE(int(layouts.size()), before + 1);
    QCOMPARE(h.proxy.rowCount(), 100);
    QCOMPARE(h.names().at(5), QStringLiteral("p010"));
}

void TestResourceFilterProxyModel::randomChurnMatchesBruteForce_data()
{
    QTest::addColumn<int>("asyncThreshold");
    QTest::addColumn<int>("moveDelayMs");
    QTest::newRow("synchronous") << -1 << 0;
    QTest::newRow("async-default") << 16 << 0;
    QTest::newRow("async-always") << 1 << 0;
    // Moves deferred (as live views have them): rows re-placed after the delay, inserts and
    // acceptance changes meanwhile keep the order right.
    QTest::newRow("synchronous-deferred-moves") << -1 << 30;
    QTest::newRow("async-deferred-moves") << 16 << 30;
}

// Random store batches, filter and sort changes; after each round (and, when async, once the
// pool's computations have landed) the proxy's rows must equal a brute-force filter + sort.
void TestResourceFilterProxyModel::randomChurnMatchesBruteForce()
{
    QFETCH(int, asyncThreshold);
    QFETCH(int, moveDelayMs);
    Harness h;
    h.proxy.setAsyncThreshold(asyncThreshold);
    if (moveDelayMs > 0)
        h.proxy.setMoveDelayMs(moveDelayMs);
    h.model.setRangeLimit(8);
    h.model.addStore("east", &h.east);
    h.model.addStore("west", &h.west);
    QRandomGenerator rng(42);
    const QStringList namespaces = {"a", "b", "c"};
    auto randomPod = [&](int id) {
        PodSpec p;
        p.ns = namespaces.at(int(rng.bounded(3)));
        p.name = QStringLiteral("p%1").arg(id);
        p.restarts = int(rng.bounded(5));
        p.created = QStringLiteral("2026-02-%1T00:00:00Z").arg(1 + rng.bounded(28), 2, 10, QLatin1Char('0'));
        p.labels = {{"app", rng.bounded(2) ? "x" : "y"}};
        if (rng.bounded(4) == 0) {
            p.waiting = "CrashLoopBackOff";
            p.ready = 0;
        }
        return pod(p);
    };
    const int restarts = headers(h.model).indexOf("RESTARTS");
    int nextId = 0;
    for (int round = 0; round < 60; ++round) {
        // Vary filters and sort now and then.
        switch (round % 6) {
        case 0: h.proxy.sort(restarts, Qt::DescendingOrder); break;
        case 1: h.proxy.setNamespaces({"a", "b"}); break;
        case 2: h.proxy.setLabelSelector("app=x"); break;
        case 3: h.proxy.sort(h.model.columnOf(TableColumn::Source::Age)); break;
        case 4: h.proxy.setStatuses({ObjectStatus::Ok}); break;
        case 5: h.proxy.clearFilters(); h.proxy.setFilterText("1"); break;
        }
        for (ResourceStore *store : {&h.east, &h.west}) {
            QVector<StoreEvent> events;
            const QVector<KubeObject> existing = store->list();
            QSet<QString> touched;
            for (int i = 0; i < int(rng.bounded(12)); ++i)
                events.append(added(randomPod(nextId++)));
            for (const KubeObject &o : existing) {
                const int dice = int(rng.bounded(10));
                if (touched.contains(o.key()) || dice > 2)
                    continue;
                touched.insert(o.key());
                if (dice == 0) {
                    events.append(deleted(o));
                } else {
                    KubeObject n = randomPod(0);
                    QJsonObject j = n.json();
                    QJsonObject meta = o.json()["metadata"].toObject();
                    meta["resourceVersion"] = QString::number(round + 2);
                    meta["labels"] = j["metadata"].toObject()["labels"];
                    j["metadata"] = meta;
                    events.append(changedEvent(KubeObject::fromJson(j)));
                }
            }
            store->apply(events);
        }
        if (asyncThreshold >= 0)
            QTRY_VERIFY_WITH_TIMEOUT(!h.proxy.hasPendingWork(), 20000);
        if (moveDelayMs > 0)
            QTRY_VERIFY_WITH_TIMEOUT(!h.proxy.hasPendingMoves() && !h.proxy.hasPendingWork(), 20000);
        QVERIFY(!h.proxy.isBusy());
        // Brute force: filter source rows, stable-sort by the model's sort keys.
        QVector<int> expected;
        for (int r = 0; r < h.model.rowCount(); ++r) {
            const KubeObject &o = h.model.objectAt(r);
            if (!h.proxy.namespaces().isEmpty() && !h.proxy.namespaces().contains(o.namespaceName()))
                continue;
            if (!h.proxy.filterText().isEmpty() && !o.name().contains(h.proxy.filterText()))
                continue;
            if (!h.proxy.labelSelector().isEmpty() && o.label("app") != "x")
                continue;
            if (!h.proxy.statuses().isEmpty() && !h.proxy.statuses().contains(h.model.stateAt(r)))
                continue;
            expected.append(r);
        }
        const int col = h.proxy.sortColumn();
        std::stable_sort(expected.begin(), expected.end(), [&](int a, int b) {
            const int c = SortKey::compare(h.model.sortKeyAt(a, col), h.model.sortKeyAt(b, col));
            return h.proxy.sortOrder() == Qt::AscendingOrder ? c < 0 : c > 0;
        });
        QVector<int> actual;
        for (int p = 0; p < h.proxy.rowCount(); ++p)
            actual.append(h.proxy.sourceRow(p));
        QVERIFY2(actual == expected, qPrintable(QStringLiteral("round %1: %2 rows vs %3 expected")
                                                    .arg(round).arg(actual.size()).arg(expected.size())));
        for (int p = 0; p < h.proxy.rowCount(); ++p)
            QCOMPARE(h.proxy.mapFromSource(h.model.index(actual[p], 0)).row(), p);
    }
    QVERIFY(nextId > 100);
}

void TestResourceFilterProxyModel::refusesOtherSources()
{
    ResourceFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringListModel other({"a", "b"});
    QTest::ignoreMessage(QtWarningMsg, "ResourceFilterProxyModel: the source must be a ResourceTableModel; ignored");
    proxy.setSourceModel(&other);
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(proxy.sourceModel(), nullptr);
    proxy.setFilterText("x"); // no source: harmless
    proxy.sort(0);
    QCOMPARE(proxy.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestResourceFilterProxyModel)
#include "tst_resourcefilterproxymodel.moc"
