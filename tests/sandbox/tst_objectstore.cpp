// Unit tests for sandbox/ObjectStore: resourceVersion assignment, key order and namespace
// prefixes, the bounded event history (eventsSince, 410 boundary), snapshots at an earlier
// resourceVersion (listAt, used by continue tokens) and watcher notification order.
#include "sandbox/ObjectStore.h"

#include <QJsonDocument>
#include <QtTest>

using namespace acp::sandbox;

namespace {

const QString kCm = QStringLiteral("/configmaps");
const QString kSecret = QStringLiteral("/secrets");
const QString kNs = QStringLiteral("/namespaces");

QJsonObject object(const QString &ns, const QString &name, const QJsonObject &data = {})
{
    QJsonObject meta{{QStringLiteral("name"), name}};
    if (!ns.isEmpty())
        meta.insert(QStringLiteral("namespace"), ns);
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                       {QStringLiteral("metadata"), meta},
                       {QStringLiteral("data"), data}};
}

qint64 rvOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString().toLongLong();
}

QString keyOf(const QJsonObject &o)
{
    const QJsonObject m = o.value(QLatin1String("metadata")).toObject();
    return m.value(QLatin1String("namespace")).toString() + QLatin1Char('/') + m.value(QLatin1String("name")).toString();
}

QStringList keys(const QList<const StoredObject *> &list)
{
    QStringList out;
    for (const StoredObject *o : list)
        out << keyOf(o->obj);
    return out;
}

QList<QByteArray> jsons(const QList<const StoredObject *> &list)
{
    QList<QByteArray> out;
    for (const StoredObject *o : list)
        out << o->json.bytes();
    return out;
}

QList<QByteArray> jsons(const QList<StoredObject> &list)
{
    QList<QByteArray> out;
    for (const StoredObject &o : list)
        out << o.json.bytes();
    return out;
}

} // namespace

class TestObjectStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storedObjectJsonIsCompact();
    void createUpdateRemove();
    void resourceVersionPerStore();
    void listOrder();
    void listNamespacePrefix();
    void clusterScoped();
    void historyWindow();
    void historyWindowBoundary();
    void eventsSinceFiltersByResource();
    void loadStartsANewHistory();
    void listAtReconstructsSnapshots();
    void listAtOutsideWindow();
    void watchersInRegistrationOrder();
    void watcherRemovedDuringNotification();
    void watcherAddedDuringNotification();
    void writesFromWatcherAreDeliveredInOrder();
};

void TestObjectStore::storedObjectJsonIsCompact()
{
    const QJsonObject o = object(QStringLiteral("a"), QStringLiteral("x"), {{QStringLiteral("k"), QStringLiteral("v")}});
    const StoredObject s = StoredObject::make(o);
    QCOMPARE(s.obj, o);
    QCOMPARE(s.json.bytes(), QByteArray(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    QVERIFY(!s.isNull());
    QVERIFY(StoredObject().isNull());
}

void TestObjectStore::createUpdateRemove()
{
    ObjectStore store;
    const qint64 start = store.resourceVersion();

    const StoredObject created = store.create(kCm, object(QStringLiteral("a"), QStringLiteral("x")));
    QCOMPARE(rvOf(created.obj), store.resourceVersion());
    QVERIFY(store.resourceVersion() > start);
    QCOMPARE(created.json.bytes(), QByteArray(QJsonDocument(created.obj).toJson(QJsonDocument::Compact)));
    const StoredObject *got = store.get(kCm, QStringLiteral("a"), QStringLiteral("x"));
    QVERIFY(got);
    QCOMPARE(got->json.bytes(), created.json.bytes());
    QVERIFY(!store.get(kCm, QStringLiteral("a"), QStringLiteral("y")));
    QVERIFY(!store.get(kSecret, QStringLiteral("a"), QStringLiteral("x")));

    QJsonObject changed = created.obj;
    changed.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}});
    const StoredObject updated = store.update(kCm, changed);
    QVERIFY(rvOf(updated.obj) > rvOf(created.obj));
    QCOMPARE(rvOf(updated.obj), store.resourceVersion());
    QCOMPARE(store.get(kCm, QStringLiteral("a"), QStringLiteral("x"))->obj.value(QLatin1String("data")).toObject().value(QLatin1String("k")).toString(),
             QStringLiteral("v"));
    QCOMPARE(store.count(kCm), 1);

    const qint64 beforeRemove = store.resourceVersion();
    const StoredObject removed = store.remove(kCm, QStringLiteral("a"), QStringLiteral("x"));
    QVERIFY(!removed.isNull());
    QCOMPARE(rvOf(removed.obj), beforeRemove + 1);   // a delete has its own resourceVersion
    QCOMPARE(rvOf(removed.obj), store.resourceVersion());
    QCOMPARE(removed.obj.value(QLatin1String("data")), updated.obj.value(QLatin1String("data")));
    QVERIFY(!store.get(kCm, QStringLiteral("a"), QStringLiteral("x")));
    QCOMPARE(store.count(kCm), 0);

    // Removing what is not there changes nothing.
    const qint64 rv = store.resourceVersion();
    QVERIFY(store.remove(kCm, QStringLiteral("a"), QStringLiteral("x")).isNull());
    QVERIFY(store.remove(QStringLiteral("nope/nothing"), QStringLiteral("a"), QStringLiteral("x")).isNull());
    QCOMPARE(store.resourceVersion(), rv);

    // The history holds the three events in order, with their states.
    const auto events = store.eventsSince(start);
    QVERIFY(events);
    QCOMPARE(events->size(), 3);
    QCOMPARE(events->at(0).type, EventType::Added);
    QVERIFY(events->at(0).previous.isNull());
    QCOMPARE(events->at(1).type, EventType::Modified);
    QCOMPARE(events->at(1).previous.json.bytes(), QByteArray(created.json));
    QCOMPARE(events->at(1).object.json.bytes(), QByteArray(updated.json));
    QCOMPARE(events->at(2).type, EventType::Deleted);
    QCOMPARE(events->at(2).previous.json.bytes(), QByteArray(updated.json));
    QCOMPARE(events->at(2).object.json.bytes(), QByteArray(removed.json));
    QCOMPARE(events->at(2).key, QStringLiteral("a/x"));
    QCOMPARE(events->at(2).storageKey, kCm);
    for (int i = 0; i < events->size(); ++i)
        QCOMPARE(events->at(i).rv, rvOf(events->at(i).object.obj));
}

void TestObjectStore::resourceVersionPerStore()
{
    ObjectStore one, two;
    qint64 last = one.resourceVersion();
    // One counter across every resource of a cluster, strictly increasing.
    for (int i = 0; i < 50; ++i) {
        const QString key = i % 2 ? kCm : kSecret;
        const StoredObject o = one.create(key, object(QStringLiteral("ns"), QStringLiteral("o%1").arg(i)));
        QVERIFY(rvOf(o.obj) > last);
        last = rvOf(o.obj);
    }
    QCOMPARE(one.resourceVersion(), last);
    // Another cluster has its own counter.
    const qint64 twoStart = two.resourceVersion();
    const StoredObject o = two.create(kCm, object(QStringLiteral("ns"), QStringLiteral("x")));
    QCOMPARE(rvOf(o.obj), twoStart + 1);
    QCOMPARE(one.resourceVersion(), last);

    // setResourceVersion only moves forward.
    two.setResourceVersion(1000);
    QCOMPARE(two.resourceVersion(), qint64(1000));
    two.setResourceVersion(10);
    QCOMPARE(two.resourceVersion(), qint64(1000));
    QCOMPARE(rvOf(two.create(kCm, object(QStringLiteral("ns"), QStringLiteral("y"))).obj), qint64(1001));
}

void TestObjectStore::listOrder()
{
    ObjectStore store;
    const QStringList created{QStringLiteral("b/x"), QStringLiteral("a/z"), QStringLiteral("ab/a"), QStringLiteral("a/b"),
                              QStringLiteral("a-b/c"), QStringLiteral("a/a1"), QStringLiteral("a/a"), QStringLiteral("c/a")};
    for (const QString &k : created)
        store.create(kCm, object(k.section(QLatin1Char('/'), 0, 0), k.section(QLatin1Char('/'), 1)));
    store.create(kSecret, object(QStringLiteral("a"), QStringLiteral("s")));
    // Namespace, then name, in byte order (etcd's key order: "a-b/" < "a/" < "ab/").
    QStringList expected = created;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(keys(store.list(kCm)), expected);
    QCOMPARE(keys(store.list(kCm)),
             (QStringList{QStringLiteral("a-b/c"), QStringLiteral("a/a"), QStringLiteral("a/a1"), QStringLiteral("a/b"),
                          QStringLiteral("a/z"), QStringLiteral("ab/a"), QStringLiteral("b/x"), QStringLiteral("c/a")}));
    QCOMPARE(store.count(kCm), int(created.size()));
    QCOMPARE(keys(store.list(kSecret)), QStringList{QStringLiteral("a/s")});
    QVERIFY(store.list(QStringLiteral("apps/deployments")).isEmpty());
    QCOMPARE(store.count(QStringLiteral("apps/deployments")), 0);
    QStringList storageKeys = store.storageKeys();
    storageKeys.sort();
    QCOMPARE(storageKeys, (QStringList{kCm, kSecret}));

    // Updates keep the position; list() points at the current objects.
    QJsonObject o = store.get(kCm, QStringLiteral("a"), QStringLiteral("b"))->obj;
    o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("x"), QStringLiteral("1")}});
    const StoredObject updated = store.update(kCm, o);
    const auto list = store.list(kCm);
    QCOMPARE(keys(list), expected);
    QCOMPARE(list.at(3)->json.bytes(), updated.json.bytes());
}

void TestObjectStore::listNamespacePrefix()
{
    ObjectStore store;
    for (const QString &ns : {QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("a-b"), QStringLiteral("a.b"),
                              QStringLiteral("b"), QStringLiteral("")})
        for (const QString &name : {QStringLiteral("x"), QStringLiteral("y")})
            store.create(kCm, object(ns, name));
    QCOMPARE(keys(store.list(kCm, QStringLiteral("a"))), (QStringList{QStringLiteral("a/x"), QStringLiteral("a/y")}));
    QCOMPARE(keys(store.list(kCm, QStringLiteral("ab"))), (QStringList{QStringLiteral("ab/x"), QStringLiteral("ab/y")}));
    QCOMPARE(keys(store.list(kCm, QStringLiteral("a-b"))), (QStringList{QStringLiteral("a-b/x"), QStringLiteral("a-b/y")}));
    QCOMPARE(keys(store.list(kCm, QStringLiteral("a.b"))), (QStringList{QStringLiteral("a.b/x"), QStringLiteral("a.b/y")}));
    QCOMPARE(keys(store.list(kCm, QStringLiteral("b"))), (QStringList{QStringLiteral("b/x"), QStringLiteral("b/y")}));
    QVERIFY(store.list(kCm, QStringLiteral("c")).isEmpty());
    QVERIFY(store.list(kCm, QStringLiteral("aa")).isEmpty());
    QCOMPARE(store.count(kCm, QStringLiteral("a")), 2);
    QCOMPARE(store.count(kCm, QStringLiteral("zz")), 0);
    QCOMPARE(store.count(kCm), 12);
    QCOMPARE(store.list(kCm).size(), 12);

    // listAt with a namespace keeps to that namespace too.
    const qint64 rv = store.resourceVersion();
    store.create(kCm, object(QStringLiteral("ab"), QStringLiteral("z")));
    store.remove(kCm, QStringLiteral("ab"), QStringLiteral("x"));
    const auto at = store.listAt(kCm, QStringLiteral("a"), rv);
    QVERIFY(at);
    QCOMPARE(jsons(*at), jsons(store.list(kCm, QStringLiteral("a"))));
    const auto atAb = store.listAt(kCm, QStringLiteral("ab"), rv);
    QVERIFY(atAb);
    QCOMPARE(atAb->size(), 2);
    QCOMPARE(keyOf(atAb->at(0).obj), QStringLiteral("ab/x"));
    QCOMPARE(keyOf(atAb->at(1).obj), QStringLiteral("ab/y"));
}

void TestObjectStore::clusterScoped()
{
    ObjectStore store;
    store.create(kNs, object(QString(), QStringLiteral("zeta")));
    store.create(kNs, object(QString(), QStringLiteral("alpha")));
    QVERIFY(store.get(kNs, QString(), QStringLiteral("alpha")));
    QCOMPARE(keys(store.list(kNs)), (QStringList{QStringLiteral("/alpha"), QStringLiteral("/zeta")}));
    QCOMPARE(ObjectStore::key(QString(), QStringLiteral("alpha")), QStringLiteral("/alpha"));
    QVERIFY(!store.remove(kNs, QString(), QStringLiteral("alpha")).isNull());
    QCOMPARE(keys(store.list(kNs)), QStringList{QStringLiteral("/zeta")});
}

void TestObjectStore::historyWindow()
{
    ObjectStore store(16);
    const qint64 start = store.resourceVersion();
    QList<qint64> rvs;
    for (int i = 0; i < 40; ++i)
        rvs << rvOf(store.create(kCm, object(QStringLiteral("ns"), QStringLiteral("o%1").arg(i))).obj);

    // Only the last 16 events are kept: resuming needs rv >= the last trimmed one.
    const qint64 oldest = store.oldestResumableVersion();
    QCOMPARE(oldest, rvs.at(40 - 16 - 1));
    QVERIFY(!store.eventsSince(start));
    QVERIFY(!store.eventsSince(0));
    QVERIFY(!store.eventsSince(oldest - 1));
    QVERIFY(!store.eventsSince(rvs.first()));
    for (qint64 rv = oldest; rv <= store.resourceVersion(); ++rv) {
        const auto events = store.eventsSince(rv);
        QVERIFY2(events, qPrintable(QString::number(rv)));
        // every event after rv, in order, none missing
        QList<qint64> got;
        for (const StoreEvent &e : *events)
            got << e.rv;
        QList<qint64> expected;
        for (qint64 r : rvs)
            if (r > rv)
                expected << r;
        QCOMPARE(got, expected);
    }
    QVERIFY(store.eventsSince(store.resourceVersion())->isEmpty());
    QVERIFY(store.eventsSince(store.resourceVersion() + 100)->isEmpty());

    // A smaller window applies from the next write on; never below 16.
    store.setHistoryWindow(1);
    store.create(kCm, object(QStringLiteral("ns"), QStringLiteral("late")));
    QCOMPARE(store.eventsSince(store.oldestResumableVersion())->size(), 16);
}

void TestObjectStore::historyWindowBoundary()
{
    ObjectStore store(16);
    const qint64 start = store.resourceVersion();
    for (int i = 0; i < 16; ++i)
        store.create(kCm, object(QStringLiteral("ns"), QStringLiteral("o%1").arg(i)));
    // Exactly a full window: nothing trimmed yet.
    QVERIFY(store.eventsSince(start));
    QCOMPARE(store.eventsSince(start)->size(), 16);
    store.create(kCm, object(QStringLiteral("ns"), QStringLiteral("o16")));
    QVERIFY(!store.eventsSince(start));
    QVERIFY(store.eventsSince(start + 1));
    QCOMPARE(store.eventsSince(start + 1)->size(), 16);
}

void TestObjectStore::eventsSinceFiltersByResource()
{
    ObjectStore store;
    const qint64 start = store.resourceVersion();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("1")));
    store.create(kSecret, object(QStringLiteral("a"), QStringLiteral("1")));
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("2")));
    store.remove(kSecret, QStringLiteral("a"), QStringLiteral("1"));
    QCOMPARE(store.eventsSince(start)->size(), 4);
    const auto cms = store.eventsSince(start, kCm);
    QVERIFY(cms);
    QCOMPARE(cms->size(), 2);
    QCOMPARE(cms->at(0).key, QStringLiteral("a/1"));
    QCOMPARE(cms->at(1).key, QStringLiteral("a/2"));
    const auto secrets = store.eventsSince(start, kSecret);
    QCOMPARE(secrets->size(), 2);
    QCOMPARE(secrets->at(1).type, EventType::Deleted);
    QVERIFY(store.eventsSince(start, QStringLiteral("apps/deployments"))->isEmpty());
}

void TestObjectStore::loadStartsANewHistory()
{
    ObjectStore store;
    const qint64 start = store.resourceVersion();
    QJsonObject withRv = object(QStringLiteral("a"), QStringLiteral("kept"));
    QJsonObject meta = withRv.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("resourceVersion"), QStringLiteral("500"));
    withRv.insert(QStringLiteral("metadata"), meta);
    store.load(kCm, withRv);
    store.load(kCm, object(QStringLiteral("a"), QStringLiteral("fresh")));
    QCOMPARE(rvOf(store.get(kCm, QStringLiteral("a"), QStringLiteral("kept"))->obj), qint64(500));
    QCOMPARE(rvOf(store.get(kCm, QStringLiteral("a"), QStringLiteral("fresh"))->obj), qint64(501));
    QCOMPARE(store.resourceVersion(), qint64(501));
    // Loaded objects have no events: a watch from before the load cannot resume.
    QVERIFY(!store.eventsSince(start));
    QVERIFY(store.eventsSince(501)->isEmpty());
    // setResourceVersion (a restored counter) moves the resumable point with it: the events
    // up to the restored version are lost.
    store.setResourceVersion(600);
    QVERIFY(!store.eventsSince(550));
    QVERIFY(store.eventsSince(600)->isEmpty());
    const StoredObject next = store.create(kCm, object(QStringLiteral("a"), QStringLiteral("next")));
    QCOMPARE(rvOf(next.obj), qint64(601));
    QCOMPARE(store.eventsSince(600)->size(), 1);
}

void TestObjectStore::listAtReconstructsSnapshots()
{
    ObjectStore store;
    QList<qint64> rvs;
    QList<QList<QByteArray>> all, inA;
    auto snap = [&] {
        rvs << store.resourceVersion();
        all << jsons(store.list(kCm));
        inA << jsons(store.list(kCm, QStringLiteral("a")));
    };
    snap();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("1")));
    snap();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("2")));
    store.create(kCm, object(QStringLiteral("b"), QStringLiteral("1")));
    store.create(kSecret, object(QStringLiteral("a"), QStringLiteral("1")));   // other resources do not matter
    snap();
    QJsonObject o = store.get(kCm, QStringLiteral("a"), QStringLiteral("1"))->obj;
    o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("v"), QStringLiteral("2")}});
    store.update(kCm, o);
    snap();
    store.remove(kCm, QStringLiteral("a"), QStringLiteral("2"));
    snap();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("0")));
    store.create(kCm, object(QStringLiteral("ab"), QStringLiteral("0")));
    snap();
    o = store.get(kCm, QStringLiteral("a"), QStringLiteral("1"))->obj;
    o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("v"), QStringLiteral("3")}});
    store.update(kCm, o);
    store.remove(kCm, QStringLiteral("a"), QStringLiteral("1"));
    snap();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("1")));   // re-created under the same name
    store.remove(kCm, QStringLiteral("b"), QStringLiteral("1"));
    snap();

    for (int i = 0; i < rvs.size(); ++i) {
        const auto at = store.listAt(kCm, QString(), rvs.at(i));
        QVERIFY2(at, qPrintable(QString::number(rvs.at(i))));
        QCOMPARE(jsons(*at), all.at(i));
        const auto atA = store.listAt(kCm, QStringLiteral("a"), rvs.at(i));
        QVERIFY(atA);
        QCOMPARE(jsons(*atA), inA.at(i));
    }
    // A version between two snapshots includes exactly the writes up to it.
    const auto mid = store.listAt(kCm, QString(), rvs.at(1) + 1);   // after creating a/2
    QVERIFY(mid);
    QCOMPARE(mid->size(), 2);
    QCOMPARE(keyOf(mid->at(1).obj), QStringLiteral("a/2"));
    QCOMPARE(jsons(*store.listAt(kCm, QString(), rvs.last() + 10)), all.last());
    QCOMPARE(store.listAt(QStringLiteral("apps/deployments"), QString(), rvs.first())->size(), 0);
}

void TestObjectStore::listAtOutsideWindow()
{
    ObjectStore store(16);
    const qint64 start = store.resourceVersion();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("first")));
    const qint64 afterFirst = store.resourceVersion();
    for (int i = 0; i < 20; ++i)
        store.create(kSecret, object(QStringLiteral("a"), QStringLiteral("s%1").arg(i)));
    QVERIFY(!store.listAt(kCm, QString(), start));
    QVERIFY(!store.listAt(kCm, QString(), afterFirst));
    const qint64 oldest = store.oldestResumableVersion();
    QVERIFY(!store.listAt(kCm, QString(), oldest - 1));
    const auto at = store.listAt(kCm, QString(), oldest);
    QVERIFY(at);
    QCOMPARE(at->size(), 1);
}

void TestObjectStore::watchersInRegistrationOrder()
{
    ObjectStore store;
    QList<int> calls;
    QList<int> ids;
    for (int i = 0; i < 40; ++i)
        ids << store.addWatcher([&calls, i](const StoreEvent &) { calls << i; });
    QCOMPARE(store.watcherCount(), 40);
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("x")));
    QList<int> expected;
    for (int i = 0; i < 40; ++i)
        expected << i;
    QCOMPARE(calls, expected);

    // Each watcher sees every event, in resourceVersion order.
    QList<qint64> seen;
    const int id = store.addWatcher([&seen](const StoreEvent &e) { seen << e.rv; });
    QList<qint64> written;
    for (int i = 0; i < 10; ++i)
        written << rvOf(store.create(kCm, object(QStringLiteral("a"), QStringLiteral("y%1").arg(i))).obj);
    written << rvOf(store.remove(kCm, QStringLiteral("a"), QStringLiteral("y3")).obj);
    QCOMPARE(seen, written);
    store.removeWatcher(id);
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("z")));
    QCOMPARE(seen, written);
    for (int i : ids)
        store.removeWatcher(i);
    QCOMPARE(store.watcherCount(), 0);
    store.removeWatcher(12345);   // unknown ids are ignored
}

void TestObjectStore::watcherRemovedDuringNotification()
{
    ObjectStore store;
    QStringList log;
    int first = 0, second = 0, third = 0;
    first = store.addWatcher([&](const StoreEvent &e) {
        log << QStringLiteral("1:%1").arg(e.key);
        store.removeWatcher(third);    // a later watcher, removed before its turn
        store.removeWatcher(first);    // itself
    });
    second = store.addWatcher([&](const StoreEvent &e) { log << QStringLiteral("2:%1").arg(e.key); });
    third = store.addWatcher([&](const StoreEvent &e) { log << QStringLiteral("3:%1").arg(e.key); });
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("x")));
    QCOMPARE(log, (QStringList{QStringLiteral("1:a/x"), QStringLiteral("2:a/x")}));
    QCOMPARE(store.watcherCount(), 1);
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("y")));
    QCOMPARE(log, (QStringList{QStringLiteral("1:a/x"), QStringLiteral("2:a/x"), QStringLiteral("2:a/y")}));

    // A watcher removing an earlier one: the earlier one got this event, not the next.
    QStringList log2;
    int a = 0, b = 0;
    a = store.addWatcher([&](const StoreEvent &e) { log2 << QStringLiteral("a:%1").arg(e.key); });
    b = store.addWatcher([&](const StoreEvent &e) {
        log2 << QStringLiteral("b:%1").arg(e.key);
        store.removeWatcher(a);
    });
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("z")));
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("w")));
    QCOMPARE(log2, (QStringList{QStringLiteral("a:a/z"), QStringLiteral("b:a/z"), QStringLiteral("b:a/w")}));
    store.removeWatcher(b);
    store.removeWatcher(second);
    QCOMPARE(store.watcherCount(), 0);
}

void TestObjectStore::watcherAddedDuringNotification()
{
    ObjectStore store;
    QStringList log;
    bool added = false;
    store.addWatcher([&](const StoreEvent &e) {
        log << QStringLiteral("first:%1").arg(e.key);
        if (!added) {
            added = true;
            store.addWatcher([&](const StoreEvent &e2) { log << QStringLiteral("late:%1").arg(e2.key); });
        }
    });
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("x")));
    QCOMPARE(log, QStringList{QStringLiteral("first:a/x")});   // not told about the event it missed
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("y")));
    QCOMPARE(log, (QStringList{QStringLiteral("first:a/x"), QStringLiteral("first:a/y"), QStringLiteral("late:a/y")}));
}

void TestObjectStore::writesFromWatcherAreDeliveredInOrder()
{
    // A watcher that writes (as SimCluster does when a CRD is deleted: its objects go too) must
    // not make later watchers see the new event before the one being delivered.
    ObjectStore store;
    QList<qint64> writerSeen, laterSeen;
    store.addWatcher([&](const StoreEvent &e) {
        writerSeen << e.rv;
        if (e.type == EventType::Added && e.key == QLatin1String("a/trigger")) {
            store.create(kCm, object(QStringLiteral("a"), QStringLiteral("cascade1")));
            store.create(kCm, object(QStringLiteral("a"), QStringLiteral("cascade2")));
        }
    });
    store.addWatcher([&](const StoreEvent &e) { laterSeen << e.rv; });
    const qint64 start = store.resourceVersion();
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("trigger")));
    const QList<qint64> expected{start + 1, start + 2, start + 3};
    QCOMPARE(writerSeen, expected);
    QCOMPARE(laterSeen, expected);
    QCOMPARE(store.count(kCm), 3);
    // and the store stays usable afterwards
    store.create(kCm, object(QStringLiteral("a"), QStringLiteral("after")));
    QCOMPARE(laterSeen.last(), start + 4);
}

QTEST_GUILESS_MAIN(TestObjectStore)
#include "tst_objectstore.moc"
