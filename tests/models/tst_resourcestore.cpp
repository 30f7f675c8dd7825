// ResourceStore: indexes, coalescing of a batch, replace() reconciling deletions, one changed()
// per batch.
#include "models/ResourceStore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace acp::models;

namespace {

KubeObject pod(const QString &ns, const QString &name, const QString &rv, const QString &labels = QString(),
               const QString &node = QString(), const QString &ownerUid = QString())
{
    QString meta = QStringLiteral(R"("name":"%1","namespace":"%2","uid":"uid-%2-%1","resourceVersion":"%3")").arg(name, ns, rv);
    if (!labels.isEmpty()) {
        QStringList parts;
        for (const QString &kv : labels.split(QLatin1Char(','))) {
            const QStringList p = kv.split(QLatin1Char('='));
            parts << QStringLiteral(R"("%1":"%2")").arg(p[0], p.value(1));
        }
        meta += QStringLiteral(R"(,"labels":{%1})").arg(parts.join(QLatin1Char(',')));
    }
    if (!ownerUid.isEmpty())
        meta += QStringLiteral(R"(,"ownerReferences":[{"kind":"ReplicaSet","name":"rs","uid":"%1","controller":true}])").arg(ownerUid);
    const QString text = QStringLiteral(R"({"apiVersion":"v1","kind":"Pod","metadata":{%1},"spec":{"nodeName":"%2"}})").arg(meta, node);
    const KubeObject o = KubeObject::fromBytes(text.toUtf8());
    Q_ASSERT(!o.isNull());
    return o;
}

QStringList keysOf(const QVector<KubeObject> &objects)
{
    QStringList out;
    for (const KubeObject &o : objects)
        out << o.key();
    return out;
}

StoreDelta lastDelta(const QSignalSpy &spy)
{
    return spy.last().at(0).value<StoreDelta>();
}

} // namespace

class TestResourceStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replaceThenQuery();
    void indexesFollowChanges();
    void applyCoalescesOneSignal();
    void applyNoOps();
    void replaceReconcilesDeletions();
    void replaceSmallChangeIsNotReset();
    void clearEmitsReset();
    void clusterScopedKeys();
};

void TestResourceStore::replaceThenQuery()
{
    ResourceStore store;
    QSignalSpy spy(&store, &ResourceStore::changed);
    store.replace({pod("b", "p2", "1", "app=web,tier=fe", "n1"), pod("a", "p1", "1", "app=web", "n2", "rs-1"),
                   pod("a", "p3", "1", "app=db", "n1", "rs-1")});
    QCOMPARE(spy.size(), 1);
    QVERIFY(lastDelta(spy).reset); // the store was empty
    QCOMPARE(lastDelta(spy).added.size(), 3);
    QCOMPARE(store.size(), 3);
    QCOMPARE(store.keys(), QStringList({"a/p1", "a/p3", "b/p2"}));
    QCOMPARE(keysOf(store.list()), QStringList({"a/p1", "a/p3", "b/p2"}));
    QCOMPARE(store.get(QStringLiteral("a"), QStringLiteral("p3")).resourceVersion(), QStringLiteral("1"));
    QVERIFY(store.get(QStringLiteral("a/zz")).isNull());
    QCOMPARE(store.byUid(QStringLiteral("uid-b-p2")).key(), QStringLiteral("b/p2"));
    QCOMPARE(keysOf(store.byNamespace(QStringLiteral("a"))), QStringList({"a/p1", "a/p3"}));
    QCOMPARE(keysOf(store.byLabel(QStringLiteral("app"), QStringLiteral("web"))), QStringList({"a/p1", "b/p2"}));
    QCOMPARE(keysOf(store.withLabel(QStringLiteral("tier"))), QStringList({"b/p2"}));
    QCOMPARE(keysOf(store.byOwner(QStringLiteral("rs-1"))), QStringList({"a/p1", "a/p3"}));
    QCOMPARE(keysOf(store.byNode(QStringLiteral("n1"))), QStringList({"a/p3", "b/p2"}));
    QCOMPARE(store.namespaces(), QStringList({"a", "b"}));
    QVERIFY(store.byLabel(QStringLiteral("app"), QStringLiteral("none")).isEmpty());
}

void TestResourceStore::indexesFollowChanges()
{
    ResourceStore store;
    store.replace({pod("a", "p1", "1", "app=web", "n1", "rs-1"), pod("a", "p2", "1", "app=web", "n1")});
    // Build every index first, then change objects: the indexes must follow.
    QCOMPARE(store.byLabel(QStringLiteral("app"), QStringLiteral("web")).size(), 2);
    QCOMPARE(store.byNode(QStringLiteral("n1")).size(), 2);
    QCOMPARE(store.byOwner(QStringLiteral("rs-1")).size(), 1);
    QCOMPARE(store.byNamespace(QStringLiteral("a")).size(), 2);
    QVERIFY(!store.byUid(QStringLiteral("uid-a-p1")).isNull());

    store.apply({{StoreEvent::Modified, pod("a", "p1", "2", "app=api", "n2")},
                 {StoreEvent::Deleted, pod("a", "p2", "2")},
                 {StoreEvent::Added, pod("c", "p9", "3", "app=web", "n1", "rs-1")}});
    QCOMPARE(keysOf(store.byLabel(QStringLiteral("app"), QStringLiteral("web"))), QStringList({"c/p9"}));
    QCOMPARE(keysOf(store.byLabel(QStringLiteral("app"), QStringLiteral("api"))), QStringList({"a/p1"}));
    QCOMPARE(keysOf(store.withLabel(QStringLiteral("app"))), QStringList({"a/p1", "c/p9"}));
    QCOMPARE(keysOf(store.byNode(QStringLiteral("n1"))), QStringList({"c/p9"}));
    QCOMPARE(keysOf(store.byNode(QStringLiteral("n2"))), QStringList({"a/p1"}));
    QCOMPARE(keysOf(store.byOwner(QStringLiteral("rs-1"))), QStringList({"c/p9"}));
    QCOMPARE(store.namespaces(), QStringList({"a", "c"}));
    QVERIFY(store.byUid(QStringLiteral("uid-a-p2")).isNull());
    QCOMPARE(store.keys(), QStringList({"a/p1", "c/p9"}));
}

void TestResourceStore::applyCoalescesOneSignal()
{
    ResourceStore store;
    store.replace({pod("a", "keep", "1"), pod("a", "gone", "1"), pod("a", "upd", "1")});
    QSignalSpy spy(&store, &ResourceStore::changed);
    store.apply({
        {StoreEvent::Added, pod("a", "new", "2")},
        {StoreEvent::Modified, pod("a", "new", "3")},     // added then modified: one add, last state
        {StoreEvent::Added, pod("a", "flash", "4")},
        {StoreEvent::Deleted, pod("a", "flash", "5")},    // added then deleted: nothing
        {StoreEvent::Modified, pod("a", "upd", "6")},
        {StoreEvent::Modified, pod("a", "upd", "7")},     // two updates: one, last state
        {StoreEvent::Deleted, pod("a", "gone", "8")},
        {StoreEvent::Deleted, pod("a", "never-was", "9")}, // unknown delete: ignored
    });
    QCOMPARE(spy.size(), 1);
    const StoreDelta delta = lastDelta(spy);
    QVERIFY(!delta.reset);
    QCOMPARE(keysOf(delta.added), QStringList({"a/new"}));
    QCOMPARE(delta.added.first().resourceVersion(), QStringLiteral("3"));
    QCOMPARE(keysOf(delta.updated), QStringList({"a/upd"}));
    QCOMPARE(delta.updated.first().resourceVersion(), QStringLiteral("7"));
    QCOMPARE(keysOf(delta.removed), QStringList({"a/gone"}));
    QCOMPARE(delta.removed.first().resourceVersion(), QStringLiteral("8")); // last known state
    QCOMPARE(store.keys(), QStringList({"a/keep", "a/new", "a/upd"}));

    // Deleted then re-added in one batch: an update (the row stays).
    store.apply({{StoreEvent::Deleted, pod("a", "keep", "10")}, {StoreEvent::Added, pod("a", "keep", "11")}});
    QCOMPARE(spy.size(), 2);
    QCOMPARE(keysOf(lastDelta(spy).updated), QStringList({"a/keep"}));
    QVERIFY(lastDelta(spy).added.isEmpty() && lastDelta(spy).removed.isEmpty());
}

void TestResourceStore::applyNoOps()
{
    ResourceStore store;
    store.replace({pod("a", "p", "5")});
    QSignalSpy spy(&store, &ResourceStore::changed);
    store.apply({});
    store.apply({{StoreEvent::Modified, pod("a", "p", "5")}});  // same resourceVersion
    store.apply({{StoreEvent::Deleted, pod("a", "other", "5")}});
    store.apply({{StoreEvent::Added, KubeObject()}});
    QCOMPARE(spy.size(), 0);
    QCOMPARE(store.size(), 1);
}

void TestResourceStore::replaceReconcilesDeletions()
{
    ResourceStore store;
    store.replace({pod("a", "p1", "1"), pod("a", "p2", "1"), pod("a", "p3", "1"), pod("a", "p4", "1")});
    QVERIFY(!store.byNamespace(QStringLiteral("a")).isEmpty()); // build an index before the relist
    QSignalSpy spy(&store, &ResourceStore::changed);
    // Relist after a disconnect: p2 was deleted meanwhile, p3 changed, p5 appeared.
    const KubeObject p1 = store.get(QStringLiteral("a/p1"));
    store.replace({p1, pod("a", "p3", "2"), pod("a", "p4", "1"), pod("a", "p5", "3")});
    QCOMPARE(spy.size(), 1);
    const StoreDelta delta = lastDelta(spy);
    QCOMPARE(keysOf(delta.removed), QStringList({"a/p2"}));
    QCOMPARE(keysOf(delta.updated), QStringList({"a/p3"}));
    QCOMPARE(keysOf(delta.added), QStringList({"a/p5"}));
    QCOMPARE(store.keys(), QStringList({"a/p1", "a/p3", "a/p4", "a/p5"}));
    QCOMPARE(keysOf(store.byNamespace(QStringLiteral("a"))), store.keys());
    // The same list again: nothing to say.
    store.replace(store.list());
    QCOMPARE(spy.size(), 1);
}

void TestResourceStore::replaceSmallChangeIsNotReset()
{
    ResourceStore store;
    QVector<KubeObject> objects;
    for (int i = 0; i < 100; ++i)
        objects.append(pod(QStringLiteral("ns"), QStringLiteral("p%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("1")));
    store.replace(objects);
    QSignalSpy spy(&store, &ResourceStore::changed);
    objects.removeFirst();
    store.replace(objects);
    QCOMPARE(spy.size(), 1);
    QVERIFY(!lastDelta(spy).reset);
    QCOMPARE(lastDelta(spy).removed.size(), 1);
    // Most of it changed: a reset.
    QVector<KubeObject> other;
    for (int i = 0; i < 100; ++i)
        other.append(pod(QStringLiteral("ns"), QStringLiteral("q%1").arg(i), QStringLiteral("2")));
    store.replace(other);
    QCOMPARE(spy.size(), 2);
    QVERIFY(lastDelta(spy).reset);
    QCOMPARE(store.size(), 100);
    QCOMPARE(lastDelta(spy).removed.size(), 99);
}

void TestResourceStore::clearEmitsReset()
{
    ResourceStore store;
    QSignalSpy spy(&store, &ResourceStore::changed);
    store.clear();
    QCOMPARE(spy.size(), 0);
    store.replace({});
    QCOMPARE(spy.size(), 1); // an empty initial list is news too (reset)
    store.replace({pod("a", "p", "1")});
    store.clear();
    QCOMPARE(spy.size(), 3);
    QVERIFY(lastDelta(spy).reset);
    QVERIFY(store.isEmpty());
    QVERIFY(store.byNamespace(QStringLiteral("a")).isEmpty());
}

void TestResourceStore::clusterScopedKeys()
{
    ResourceStore store;
    store.replace({KubeObject::fromBytes(R"({"kind":"Node","metadata":{"name":"node-1","resourceVersion":"1","labels":{"role":"worker"}}})")});
    QCOMPARE(store.keys(), QStringList({"node-1"}));
    QCOMPARE(store.get(QString(), QStringLiteral("node-1")).kind(), QStringLiteral("Node"));
    QCOMPARE(store.namespaces(), QStringList());
    QCOMPARE(store.withLabel(QStringLiteral("role")).size(), 1);
}

QTEST_GUILESS_MAIN(TestResourceStore)
#include "tst_resourcestore.moc"
