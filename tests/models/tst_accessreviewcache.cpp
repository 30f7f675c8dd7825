// AccessReviewCache against acp-sandbox: the cluster's own answers (admin allowed, bob the
// auditor denied writes with a tooltip naming him, alice allowed only in her project's
// namespaces), caching (one review per question) and coalescing (concurrent identical questions
// share one request), answers delivered to ask() callbacks and answered().
#include "api/Kubeconfig.h"
#include "tests/common/SandboxContext.h"
#include "models/AccessReviewCache.h"
#include "models/ClusterConnection.h"
#include "tests/common/SandboxProcess.h"

#include <QSignalSpy>
#include <QTest>

using namespace acp;
using namespace acp::models;

class TestAccessReviewCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void adminIsAllowed();
    void bobIsDeniedWithReason();
    void aliceOnlyInHerNamespaces();
    void coalescesAndCaches();
    void sharedPerConnection();

private:
    api::KubeClient client(const QString &context)
    {
        const auto rc = test::resolveContext(m_sandbox.kubeconfig(), context);
        return rc.ok() ? api::KubeClient(*rc) : api::KubeClient();
    }
    static AccessAnswer wait(AccessReviewCache &cache, const AccessQuestion &q)
    {
        AccessAnswer a = cache.answer(q);
        const bool known = QTest::qWaitFor([&] {
            a = cache.answer(q);
            return a.isKnown();
        }, 15000);
        Q_UNUSED(known)   // callers compare the state
        return a;
    }
    static AccessQuestion patchDeployments(const QString &ns, const QString &sub = QString())
    {
        return AccessQuestion{QStringLiteral("patch"), QStringLiteral("apps"), QStringLiteral("deployments"), sub, ns, QString()};
    }

    test::SandboxProcess m_sandbox;
};

void TestAccessReviewCache::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
}

void TestAccessReviewCache::adminIsAllowed()
{
    AccessReviewCache cache(QStringLiteral("business-1"), client(QStringLiteral("sandbox/business-1")));
    const AccessAnswer a = wait(cache, patchDeployments(QStringLiteral("alpha"), QStringLiteral("scale")));
    QCOMPARE(a.state, AccessAnswer::Allowed);
    QVERIFY(cache.explain(patchDeployments(QStringLiteral("alpha"), QStringLiteral("scale"))).isEmpty());
    // Cluster-scoped questions too.
    const AccessQuestion nodes{QStringLiteral("delete"), QString(), QStringLiteral("nodes"), QString(), QString(), QString()};
    QCOMPARE(wait(cache, nodes).state, AccessAnswer::Allowed);
}

void TestAccessReviewCache::bobIsDeniedWithReason()
{
    AccessReviewCache cache(QStringLiteral("business-1"), client(QStringLiteral("sandbox-bob/business-1")));
    const AccessQuestion scale = patchDeployments(QStringLiteral("alpha"), QStringLiteral("scale"));
    QCOMPARE(wait(cache, scale).state, AccessAnswer::Denied);
    // bob the auditor may read.
    const AccessQuestion list{QStringLiteral("list"), QStringLiteral("apps"), QStringLiteral("deployments"), QString(), QStringLiteral("alpha"), QString()};
    QCOMPARE(wait(cache, list).state, AccessAnswer::Allowed);
    // The tooltip names the user (from SelfSubjectReview), the verb, the resource and the place.
    QTRY_COMPARE_WITH_TIMEOUT(cache.userName(), QStringLiteral("bob"), 10000);
    const QString why = cache.explain(scale);
    QVERIFY2(why.startsWith(QStringLiteral("bob cannot patch deployments.apps/scale in namespace \"alpha\" of business-1")), qPrintable(why));
    // Deleting nodes cluster-wide: denied too, worded as cluster-wide.
    const AccessQuestion nodes{QStringLiteral("delete"), QString(), QStringLiteral("nodes"), QString(), QString(), QString()};
    QCOMPARE(wait(cache, nodes).state, AccessAnswer::Denied);
    QVERIFY(cache.explain(nodes).contains(QStringLiteral("cluster-wide")));
}

void TestAccessReviewCache::aliceOnlyInHerNamespaces()
{
    AccessReviewCache cache(QStringLiteral("business-1"), client(QStringLiteral("sandbox-alice/business-1")));
    QCOMPARE(wait(cache, patchDeployments(QStringLiteral("alpha"))).state, AccessAnswer::Allowed);
    QCOMPARE(wait(cache, patchDeployments(QStringLiteral("alpha-dev"))).state, AccessAnswer::Allowed);
    QCOMPARE(wait(cache, patchDeployments(QStringLiteral("kube-system"))).state, AccessAnswer::Denied);
    QCOMPARE(wait(cache, patchDeployments(QString())).state, AccessAnswer::Denied);   // all namespaces
    const AccessQuestion del{QStringLiteral("delete"), QString(), QStringLiteral("pods"), QString(), QStringLiteral("alpha-prod"), QString()};
    QCOMPARE(wait(cache, del).state, AccessAnswer::Allowed);
}

void TestAccessReviewCache::coalescesAndCaches()
{
    AccessReviewCache cache(QStringLiteral("business-1"), client(QStringLiteral("sandbox-bob/business-1")));
    QSignalSpy answered(&cache, &AccessReviewCache::answered);
    const AccessQuestion q = patchDeployments(QStringLiteral("beta"));
    // Five concurrent asks of the same question, from callbacks and answer(): one request.
    QObject ctx;
    QList<AccessAnswer> got;
    for (int i = 0; i < 3; ++i)
        cache.ask(q, &ctx, [&](const AccessAnswer &a) { got << a; });
    QCOMPARE(cache.answer(q).state, AccessAnswer::Pending);
    QCOMPARE(cache.answer(q).state, AccessAnswer::Pending);
    QCOMPARE(cache.requestCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 3, 15000);
    for (const AccessAnswer &a : std::as_const(got))
        QCOMPARE(a.state, AccessAnswer::Denied);
    QCOMPARE(answered.count() >= 1, true);
    QCOMPARE(answered.first().at(0).value<AccessQuestion>(), q);
    // Cached: asking again answers at once, without a request.
    bool immediate = false;
    cache.ask(q, &ctx, [&](const AccessAnswer &a) { immediate = a.state == AccessAnswer::Denied; });
    QVERIFY(immediate);
    QCOMPARE(cache.answer(q).state, AccessAnswer::Denied);
    QCOMPARE(cache.requestCount(), 1);
    // Another namespace, verb or subresource is another question.
    cache.answer(patchDeployments(QStringLiteral("gamma")));
    cache.answer(patchDeployments(QStringLiteral("beta"), QStringLiteral("scale")));
    QCOMPARE(cache.requestCount(), 3);
    // A callback whose context is gone is not called.
    bool called = false;
    {
        QObject gone;
        cache.ask(patchDeployments(QStringLiteral("delta")), &gone, [&](const AccessAnswer &) { called = true; });
    }
    QVERIFY(wait(cache, patchDeployments(QStringLiteral("delta"))).isKnown());
    QVERIFY(!called);
    // clear() forgets: the next answer() asks again.
    cache.clear();
    QCOMPARE(cache.answer(q).state, AccessAnswer::Pending);
    QCOMPARE(cache.requestCount(), 5);
    QCOMPARE(wait(cache, q).state, AccessAnswer::Denied);
    // Stale answers are re-asked once (the old answer is served meanwhile); an unchanged answer
    // emits nothing.
    const int before = cache.requestCount();
    answered.clear();
    cache.setMaxAgeMs(0);
    QCOMPARE(cache.answer(q).state, AccessAnswer::Denied);
    QCOMPARE(cache.answer(q).state, AccessAnswer::Denied);   // the refresh is in flight: no second one
    QCOMPARE(cache.requestCount(), before + 1);
    QVERIFY(cache.isChecking(q));
    cache.setMaxAgeMs(60 * 60 * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(!cache.isChecking(q), 15000);
    QCOMPARE(cache.answer(q).state, AccessAnswer::Denied);
    QCOMPARE(cache.requestCount(), before + 1);
    QCOMPARE(answered.count(), 0);
}

void TestAccessReviewCache::sharedPerConnection()
{
    ClusterConnection conn(QStringLiteral("business-1"), client(QStringLiteral("sandbox/business-1")));
    AccessReviewCache *a = AccessReviewCache::of(&conn);
    QVERIFY(a);
    QCOMPARE(AccessReviewCache::of(&conn), a);
    QCOMPARE(a->cluster(), QStringLiteral("business-1"));
    QCOMPARE(AccessReviewCache::of(nullptr), nullptr);
}

QTEST_GUILESS_MAIN(TestAccessReviewCache)
#include "tst_accessreviewcache.moc"
