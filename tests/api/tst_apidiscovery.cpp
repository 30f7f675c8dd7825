// Discovery (aggregated and legacy), the RESTMapper lookups of ApiResourceSet, ApiResources
// refresh on CRD changes, and the OpenAPI v3 cache, against acp-sandbox (TLS).
#include "api/ApiResources.h"
#include "api/OpenApiCache.h"
#include "tests/api/KubeClientTestUtil.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace acp;
using namespace acp::api;
using acp::test::Reply;
using acp::test::waitFor;

Q_DECLARE_METATYPE(acp::api::ApiDiscovery::Mode)

class TestApiDiscovery : public QObject {
    Q_OBJECT
private:
    test::SandboxProcess m_sandbox;
    KubeClient m_client;

    std::optional<Result<DiscoveryResult>> discover(ApiDiscovery::Mode mode, const KubeClient &client)
    {
        QObject ctx;
        std::optional<Result<DiscoveryResult>> out;
        ApiDiscovery::fetch(client, mode, &ctx, [&](const Result<DiscoveryResult> &r) { out = r; });
        QElapsedTimer t;
        t.start();
        while (!out && t.elapsed() < 20000)
            QTest::qWait(5);
        return out;
    }

    Result<QByteArray> document(OpenApiCache &cache, const QString &gv)
    {
        QObject ctx;
        std::optional<Result<QByteArray>> out;
        cache.document(gv, &ctx, [&](const Result<QByteArray> &r) { out = r; });
        QElapsedTimer t;
        t.start();
        while (!out && t.elapsed() < 20000)
            QTest::qWait(5);
        if (!out)
            return ApiError{0, QStringLiteral("Timeout"), QStringLiteral("no answer")};
        return *out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({QStringLiteral("--clusters"), QStringLiteral("1")}, &error), qPrintable(error));
        auto rc = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox/global"));
        QVERIFY(rc.ok());
        m_client = KubeClient(*rc);
    }

    void discovery_data()
    {
        QTest::addColumn<ApiDiscovery::Mode>("mode");
        QTest::addColumn<bool>("aggregated");
        QTest::newRow("auto") << ApiDiscovery::Mode::Auto << true;
        QTest::newRow("aggregated") << ApiDiscovery::Mode::Aggregated << true;
        QTest::newRow("legacy") << ApiDiscovery::Mode::Legacy << false;
    }
    void discovery()
    {
        QFETCH(ApiDiscovery::Mode, mode);
        QFETCH(bool, aggregated);
        auto r = discover(mode, m_client);
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(test::errorText(*r)));
        QCOMPARE((*r)->aggregated, aggregated);
        QVERIFY((*r)->failedGroupVersions.isEmpty());
        const ApiResourceSet &set = (*r)->resources;
        QVERIFY(set.all().size() > 40);
        QCOMPARE(set.groups().first(), QString());   // core first

        auto pods = set.find(QString(), QStringLiteral("v1"), QStringLiteral("pods"));
        QVERIFY(pods.ok());
        QCOMPARE(pods->kind, QStringLiteral("Pod"));
        QCOMPARE(pods->singular, QStringLiteral("pod"));
        QVERIFY(pods->namespaced);
        QVERIFY(pods->shortNames.contains(QStringLiteral("po")));
        QVERIFY(pods->categories.contains(QStringLiteral("all")));
        QVERIFY(pods->verbs.contains(QStringLiteral("watch")));
        QVERIFY(pods->subresources.contains(QStringLiteral("log")));
        QVERIFY(pods->subresources.contains(QStringLiteral("status")));
        QVERIFY(pods->preferred);
        auto deploy = set.find(QStringLiteral("apps"), QString(), QStringLiteral("deployments"));
        QVERIFY(deploy.ok());
        QVERIFY(deploy->subresources.contains(QStringLiteral("scale")));
        auto ns = set.find(QString(), QStringLiteral("v1"), QStringLiteral("namespaces"));
        QVERIFY(!ns->namespaced);
        // both discovery protocols describe the same resources
        static QList<ApiResource> first;
        if (first.isEmpty())
            first = set.all();
        else
            QCOMPARE(set.all().size(), first.size());
    }

    void restMapper()
    {
        // an ambiguous plural: a CRD "pods" in another group (core must win for "pods", "po")
        const QByteArray crd = R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
          "metadata":{"name":"pods.ambiguity.example.com"},
          "spec":{"group":"ambiguity.example.com","scope":"Namespaced",
            "names":{"plural":"pods","singular":"pod","kind":"Pod","shortNames":["po"]},
            "versions":[{"name":"v1","served":true,"storage":true,
              "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})";
        Reply c = waitFor([&](QObject *ctx, auto cb) {
            return m_client.create(ResourcePath{QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"), QStringLiteral("customresourcedefinitions")},
                                   crd, WriteOptions(), ctx, cb);
        });
        QVERIFY2(c.ok(), qPrintable(c.error().toString()));
        auto r = discover(ApiDiscovery::Mode::Auto, m_client);
        const ApiResourceSet set = (*r)->resources;
        auto check = [&](const QString &name, const QString &group, const QString &resource) {
            auto m = set.lookup(name);
            if (!m)
                return QStringLiteral("%1: %2").arg(name, m.error().message);
            if (m->group != group || m->resource != resource)
                return QStringLiteral("%1 -> %2").arg(name, m->groupResource());
            return QString();
        };
        const QList<std::tuple<QString, QString, QString>> cases{
            {QStringLiteral("po"), QString(), QStringLiteral("pods")},
            {QStringLiteral("pods"), QString(), QStringLiteral("pods")},
            {QStringLiteral("pod"), QString(), QStringLiteral("pods")},
            {QStringLiteral("Pod"), QString(), QStringLiteral("pods")},
            {QStringLiteral("PODS"), QString(), QStringLiteral("pods")},
            {QStringLiteral("deploy"), QStringLiteral("apps"), QStringLiteral("deployments")},
            {QStringLiteral("deployments.apps"), QStringLiteral("apps"), QStringLiteral("deployments")},
            {QStringLiteral("deployment.v1.apps"), QStringLiteral("apps"), QStringLiteral("deployments")},
            {QStringLiteral("cm"), QString(), QStringLiteral("configmaps")},
            {QStringLiteral("crd"), QStringLiteral("apiextensions.k8s.io"), QStringLiteral("customresourcedefinitions")},
            {QStringLiteral("customresourcedefinitions"), QStringLiteral("apiextensions.k8s.io"), QStringLiteral("customresourcedefinitions")},
            {QStringLiteral("CustomResourceDefinition"), QStringLiteral("apiextensions.k8s.io"), QStringLiteral("customresourcedefinitions")},
            {QStringLiteral("ingresses.networking.k8s.io"), QStringLiteral("networking.k8s.io"), QStringLiteral("ingresses")},
            {QStringLiteral("ev"), QString(), QStringLiteral("events")},
            // the ambiguous CRD: reachable when qualified
            {QStringLiteral("pods.ambiguity.example.com"), QStringLiteral("ambiguity.example.com"), QStringLiteral("pods")},
            {QStringLiteral("pod.v1.ambiguity.example.com"), QStringLiteral("ambiguity.example.com"), QStringLiteral("pods")},
            // an ACP CRD served by the sandbox
            {QStringLiteral("projects.auth.alauda.io"), QStringLiteral("auth.alauda.io"), QStringLiteral("projects")},
        };
        for (const auto &[name, group, resource] : cases) {
            const QString problem = check(name, group, resource);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        auto missing = set.lookup(QStringLiteral("nosuchthing"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().message, QStringLiteral("the server doesn't have a resource type \"nosuchthing\""));
        const QList<ApiResource> allPods = set.lookupAll(QStringLiteral("po"));
        QCOMPARE(allPods.size(), 2);
        QCOMPARE(allPods.at(0).group, QString());   // core first
        auto byKind = set.findKind(QStringLiteral("apps"), QString(), QStringLiteral("Deployment"));
        QVERIFY(byKind.ok());
        QCOMPARE(byKind->version, QStringLiteral("v1"));

        // "all": kubectl's set (pods, services, deployments, ...), not configmaps or secrets
        QStringList all;
        for (const ApiResource &a : set.category(QStringLiteral("all")))
            all << a.groupResource();
        for (const char *expected : {"pods", "services", "deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch"})
            QVERIFY2(all.contains(QLatin1String(expected)), qPrintable(all.join(QLatin1Char(','))));
        QVERIFY(!all.contains(QStringLiteral("configmaps")));
        QVERIFY(!all.contains(QStringLiteral("secrets")));
    }

    void legacyParsing()
    {
        const QByteArray list = R"({"kind":"APIResourceList","groupVersion":"example.com/v1","resources":[
            {"name":"widgets","singularName":"","namespaced":true,"kind":"Widget","verbs":["get","list"],"shortNames":["wd"]},
            {"name":"widgets/status","singularName":"","namespaced":true,"kind":"Widget","verbs":["get","patch"]}]})";
        auto r = ApiDiscovery::parseResourceList(list, true);
        QVERIFY(r.ok());
        QCOMPARE(r->size(), 1);
        QCOMPARE(r->first().group, QStringLiteral("example.com"));
        QCOMPARE(r->first().singular, QStringLiteral("widget"));
        QCOMPARE(r->first().subresources, QStringList{QStringLiteral("status")});
        QVERIFY(!ApiDiscovery::parseResourceList("not json", true).ok());
        QVERIFY(!ApiDiscovery::parseAggregated(R"({"kind":"APIGroupList"})").ok());
        QVERIFY(ApiDiscovery::isAggregatedContentType("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
    }

    void registryRefreshOnCrdChange()
    {
        ApiResources reg(m_client);
        QSignalSpy changed(&reg, &ApiResources::changed);
        QSignalSpy refreshed(&reg, &ApiResources::refreshed);
        reg.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10000);
        QCOMPARE(changed.count(), 1);
        QVERIFY(reg.isLoaded());
        QVERIFY(reg.usedAggregatedDiscovery());
        QVERIFY(!reg.lookup(QStringLiteral("widgets")).ok());
        // unchanged: refreshed but not changed
        reg.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 2, 10000);
        QCOMPARE(changed.count(), 1);
        // a new CRD: changed, and the new kind resolves
        const QByteArray crd = R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
          "metadata":{"name":"widgets.example.com"},
          "spec":{"group":"example.com","scope":"Namespaced",
            "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"],"categories":["all"]},
            "versions":[{"name":"v1","served":true,"storage":true,
              "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})";
        Reply c = waitFor([&](QObject *ctx, auto cb) {
            return m_client.create(ResourcePath{QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"), QStringLiteral("customresourcedefinitions")},
                                   crd, WriteOptions(), ctx, cb);
        });
        QVERIFY2(c.ok(), qPrintable(c.error().toString()));
        reg.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 10000);
        auto wd = reg.lookup(QStringLiteral("wd"));
        QVERIFY2(wd.ok(), qPrintable(test::errorText(wd)));
        QCOMPARE(wd->groupResource(), QStringLiteral("widgets.example.com"));
        QVERIFY(!reg.category(QStringLiteral("all")).isEmpty());
        // the legacy path sees it too
        ApiResources legacy(m_client);
        legacy.setMode(ApiDiscovery::Mode::Legacy);
        QSignalSpy legacyDone(&legacy, &ApiResources::refreshed);
        legacy.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(legacyDone.count(), 1, 10000);
        QVERIFY(!legacy.usedAggregatedDiscovery());
        QVERIFY(legacy.lookup(QStringLiteral("widget.v1.example.com")).ok());
    }

    void discoveryErrors()
    {
        RestConfig rc = m_client.config();
        rc.staticCredentials.bearerToken = QStringLiteral("wrong");
        ApiResources reg{KubeClient(rc)};
        QSignalSpy spy(&reg, &ApiResources::failed);
        reg.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000);
        const ApiError e = spy.at(0).at(0).value<ApiError>();
        QCOMPARE(e.httpStatus, 401);
        QVERIFY(!reg.isLoaded());
    }

    void openApiResolution()
    {
        OpenApiCache cache(m_client);
        // sandbox style (prefix included) and kube-apiserver style (relative to the host root)
        QCOMPARE(cache.requestPathFor(QStringLiteral("/kubernetes/global/openapi/v3/apis/apps/v1?hash=AB")),
                 QStringLiteral("/openapi/v3/apis/apps/v1?hash=AB"));
        QCOMPARE(cache.requestPathFor(QStringLiteral("/openapi/v3/apis/apps/v1?hash=AB")), QStringLiteral("/openapi/v3/apis/apps/v1?hash=AB"));
        QCOMPARE(OpenApiCache::keyFor(QStringLiteral("apps/v1")), QStringLiteral("apis/apps/v1"));
        QCOMPARE(OpenApiCache::keyFor(QStringLiteral("v1")), QStringLiteral("api/v1"));
        RestConfig plain = m_client.config();
        plain.server.setPath(QString());
        OpenApiCache noPrefix{KubeClient(plain)};
        QCOMPARE(noPrefix.requestPathFor(QStringLiteral("/openapi/v3/api/v1?hash=1")), QStringLiteral("/openapi/v3/api/v1?hash=1"));
    }

    void openApiCached()
    {
        QTemporaryDir disk;
        OpenApiCache cache(m_client);
        cache.setDiskCacheDir(disk.path());
        QVERIFY(!cache.isCached(QStringLiteral("apps/v1")));
        auto doc = document(cache, QStringLiteral("apps/v1"));
        QVERIFY2(doc.ok(), qPrintable(test::errorText(doc)));
        const QJsonObject spec = QJsonDocument::fromJson(*doc).object();
        QVERIFY(spec.value(QLatin1String("openapi")).toString().startsWith(QLatin1String("3.")));
        QVERIFY(spec[QLatin1String("components")][QLatin1String("schemas")].toObject().contains(QStringLiteral("io.k8s.api.apps.v1.Deployment")));
        QCOMPARE(cache.networkFetches(), 2);   // index + document
        QVERIFY(cache.isCached(QStringLiteral("apps/v1")));
        auto again = document(cache, QStringLiteral("apis/apps/v1"));
        QVERIFY(again.ok());
        QCOMPARE(*again, *doc);
        QCOMPARE(cache.networkFetches(), 2);   // served from memory
        // concurrent first requests share one fetch
        QObject ctx;
        int answers = 0;
        cache.document(QStringLiteral("v1"), &ctx, [&](const Result<QByteArray> &r) { answers += r.ok(); });
        cache.document(QStringLiteral("v1"), &ctx, [&](const Result<QByteArray> &r) { answers += r.ok(); });
        RequestHandle dropped = cache.document(QStringLiteral("v1"), &ctx, [&](const Result<QByteArray> &) { answers += 100; });
        dropped.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(answers, 2, 10000);
        QTest::qWait(50);
        QCOMPARE(answers, 2);
        QCOMPARE(cache.networkFetches(), 3);
        // a fresh cache with the same disk directory: index from the network, document from disk
        OpenApiCache second(m_client);
        second.setDiskCacheDir(disk.path());
        auto fromDisk = document(second, QStringLiteral("apps/v1"));
        QVERIFY(fromDisk.ok());
        QCOMPARE(*fromDisk, *doc);
        QCOMPARE(second.networkFetches(), 1);
        // unknown group-version: NotFound with a clear message
        auto none = document(cache, QStringLiteral("nosuch.example.com/v9"));
        QVERIFY(!none.ok());
        QVERIFY(none.error().isNotFound());
        QVERIFY(none.error().message.contains(QLatin1String("apis/nosuch.example.com/v9")));
    }
};

QTEST_GUILESS_MAIN(TestApiDiscovery)
#include "tst_apidiscovery.moc"
