// ObjectNameSearch (the command palette's object jump) over a store of 200,000 objects: every
// step scans at most its budget of keys, so the search is spread over many event-loop turns
// and never freezes the GUI; prefix matches rank first; results are capped; the scan stops
// early once the cap is filled with prefix matches; duplicates through two informers collapse;
// a store destroyed mid-search is skipped. Timing is never asserted: the bound is structural.
#include "app/ObjectNameSearch.h"
#include "models/ResourceStore.h"

#include <QJsonObject>
#include <QTest>

using namespace acp;

namespace {

constexpr int kObjects = 200000;

models::KubeObject pod(int i)
{
    QJsonObject meta{{QStringLiteral("name"), QStringLiteral("pod-%1").arg(i, 6, 10, QLatin1Char('0'))},
                     {QStringLiteral("namespace"), QStringLiteral("ns-%1").arg(i % 100)},
                     {QStringLiteral("uid"), QStringLiteral("uid-%1").arg(i)},
                     {QStringLiteral("resourceVersion"), QStringLiteral("1")}};
    return models::KubeObject::fromJson(
        {{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")}, {QStringLiteral("metadata"), meta}});
}

app::ObjectNameSource source(models::ResourceStore *store, const QString &cluster)
{
    app::ObjectNameSource s;
    s.collection.cluster = cluster;
    s.collection.version = QStringLiteral("v1");
    s.collection.resource = QStringLiteral("pods");
    s.collection.kind = QStringLiteral("Pod");
    s.store = store;
    return s;
}

} // namespace

class TestObjectNameSearch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVector<models::KubeObject> objects;
        objects.reserve(kObjects);
        for (int i = 0; i < kObjects; ++i)
            objects.append(pod(i));
        m_store.replace(objects);
        QCOMPARE(m_store.size(), kObjects);
        m_store.keys();   // the store's sorted key cache (table models build it anyway)
    }

    void eachStepIsBounded()
    {
        app::ObjectNameSearch search;
        search.setSources({source(&m_store, QStringLiteral("c1"))});
        search.setBudget(10000);
        search.start(QStringLiteral("77777"));   // only substring matches: the whole store is scanned
        QVERIFY(!search.isFinished());            // nothing ran synchronously
        int steps = 0;
        while (!search.isFinished()) {
            const int n = search.step();
            QVERIFY(n <= search.budget());
            ++steps;
        }
        QCOMPARE(search.scanned(), kObjects);
        QVERIFY(steps >= kObjects / 10000);
        const auto results = search.results();
        QCOMPARE(results.size(), 2);   // pod-077777 and pod-177777, in name order
        QCOMPARE(results.last().ref.name, QStringLiteral("pod-177777"));
        QCOMPARE(results.first().ref.name, QStringLiteral("pod-077777"));
        QCOMPARE(results.first().ref.namespaceName, QStringLiteral("ns-77"));
        QCOMPARE(results.first().ref.cluster, QStringLiteral("c1"));
        QCOMPARE(results.first().ref.kind, QStringLiteral("Pod"));
        QVERIFY(!results.first().prefix);
    }

    void runsFromTheEventLoopInSlices()
    {
        app::ObjectNameSearch search;
        search.setSources({source(&m_store, QStringLiteral("c1"))});
        search.setBudget(5000);
        int signals_ = 0;
        connect(&search, &app::ObjectNameSearch::resultsChanged, this, [&] { ++signals_; });
        search.start(QStringLiteral("POD-19999"));   // case-insensitive
        QCOMPARE(search.scanned(), 0);
        QTRY_VERIFY(search.isFinished());
        QVERIFY(signals_ >= 1);
        const auto results = search.results();
        QCOMPARE(results.size(), 10);   // pod-199990 .. pod-199999
        QVERIFY(results.first().prefix);
        QCOMPARE(results.first().ref.name, QStringLiteral("pod-199990"));
    }

    void prefixFirstCappedAndStopsEarly()
    {
        models::ResourceStore small;
        QVector<models::KubeObject> objs;
        for (const char *n : {"web-1", "a-web", "web-2", "my-web-x"}) {
            QJsonObject meta{{QStringLiteral("name"), QString::fromLatin1(n)}, {QStringLiteral("resourceVersion"), QStringLiteral("1")}};
            objs.append(models::KubeObject::fromJson({{QStringLiteral("kind"), QStringLiteral("Node")}, {QStringLiteral("metadata"), meta}}));
        }
        small.replace(objs);
        app::ObjectNameSearch search;
        search.setSources({source(&small, QStringLiteral("c1"))});
        search.start(QStringLiteral("web"));
        while (!search.isFinished())
            search.step();
        QStringList names;
        for (const auto &m : search.results())
            names << m.ref.name;
        QCOMPARE(names, (QStringList{"web-1", "web-2", "a-web", "my-web-x"}));

        // 200,000 prefix matches: capped at the limit, and the scan stops once it is full.
        search.setSources({source(&m_store, QStringLiteral("c1"))});
        search.setLimit(50);
        search.setBudget(20000);
        search.start(QStringLiteral("pod-"));
        while (!search.isFinished())
            search.step();
        QCOMPARE(search.results().size(), 50);
        QVERIFY(search.scanned() < kObjects);
    }

    void duplicatesCollapseAndDeadStoresAreSkipped()
    {
        auto *gone = new models::ResourceStore;
        gone->replace({pod(5)});
        app::ObjectNameSearch search;
        search.setSources({source(&m_store, QStringLiteral("c1")), source(&m_store, QStringLiteral("c1")), source(gone, QStringLiteral("c2")),
                           source(&m_store, QStringLiteral("c3"))});
        search.setBudget(50000);
        search.start(QStringLiteral("pod-000005"));
        search.step();
        delete gone;
        while (!search.isFinished())
            search.step();
        QStringList where;
        for (const auto &m : search.results())
            where << m.ref.cluster;
        QCOMPARE(where, (QStringList{"c1", "c3"}));
    }

private:
    models::ResourceStore m_store;
};

QTEST_GUILESS_MAIN(TestObjectNameSearch)
#include "tst_objectnamesearch.moc"
