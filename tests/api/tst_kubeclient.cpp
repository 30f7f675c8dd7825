// KubeClient end to end against acp-sandbox (TLS): CRUD, patch types, server-side apply,
// dry run, Status errors, Warning headers, retries with fault injection, cancellation,
// timeouts, credential refresh, impersonation, pagination and connection pooling.
#include "api/KubeClient.h"
#include "api/NetworkPool.h"
#include "tests/api/KubeClientTestUtil.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QtTest>
#include <atomic>

using namespace acp;
using namespace acp::api;
using acp::test::Reply;
using acp::test::waitFor;

namespace {
ResourcePath configMaps(const QString &ns, const QString &name = QString())
{
    return ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), ns, name, QString()};
}

QByteArray configMap(const QString &name, const QJsonObject &data, const QJsonObject &labels = QJsonObject())
{
    QJsonObject meta{{QStringLiteral("name"), name}};
    if (!labels.isEmpty())
        meta.insert(QStringLiteral("labels"), labels);
    return QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                                     {QStringLiteral("metadata"), meta},
                                     {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

// A credential source whose first token is stale: only a forced refresh yields the good one.
class RotatingSource : public CredentialSource {
public:
    explicit RotatingSource(QString good) : m_good(std::move(good)) {}
    Result<Credentials> credentials(bool forceRefresh) override
    {
        if (forceRefresh)
            m_refreshed = true;
        ++calls;
        Credentials c;
        c.bearerToken = m_refreshed ? m_good : QStringLiteral("stale-token");
        return c;
    }
    QString poolKey() const override { return QStringLiteral("test:rotating"); }
    std::atomic<int> calls{0};

private:
    QString m_good;
    std::atomic<bool> m_refreshed{false};
};
} // namespace

class TestKubeClient : public QObject {
    Q_OBJECT
private:
    test::SandboxProcess m_sandbox;
    KubeClient m_admin;    // sandbox/global as admin

    KubeClient clientFor(const QString &context)
    {
        auto rc = test::sandboxConfig(m_sandbox, context);
        if (!rc)
            qFatal("no context %s", qPrintable(context));
        return KubeClient(*rc);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({QStringLiteral("--clusters"), QStringLiteral("1")}, &error), qPrintable(error));
        m_admin = clientFor(QStringLiteral("sandbox/global"));
        QVERIFY(m_admin.isValid());
        QCOMPARE(m_admin.clusterName(), QStringLiteral("acp:sandbox:global"));
    }

    void urls()
    {
        const QUrl u = m_admin.url(ResourcePath{QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"),
                                                QStringLiteral("ns 1"), QStringLiteral("web"), QStringLiteral("scale")});
        QVERIFY2(u.toString(QUrl::FullyEncoded).endsWith(QLatin1String("/kubernetes/global/apis/apps/v1/namespaces/ns%201/deployments/web/scale")),
                 qPrintable(u.toString(QUrl::FullyEncoded)));
        const QUrl core = m_admin.url(configMaps(QString()), ListOptions{QStringLiteral("app in (a,b)"), QString(), 5}.toQuery());
        QVERIFY2(core.toString(QUrl::FullyEncoded).contains(QLatin1String("/kubernetes/global/api/v1/configmaps?labelSelector=app%20in%20%28a%2Cb%29&limit=5")),
                 qPrintable(core.toString(QUrl::FullyEncoded)));
        QVERIFY(KubeClient::userAgent().startsWith("acp-console/" ACP_VERSION));
    }

    void warningHeaderParsing()
    {
        QCOMPARE(parseWarningHeader("299 - \"a, b\" \"Wed, 21 Oct 2015 07:28:00 GMT\", 299 - \"c \\\"q\\\"\""),
                 (QStringList{QStringLiteral("a, b"), QStringLiteral("c \"q\"")}));
        QCOMPARE(parseWarningHeader("299 - \"unknown field \\\"spec.x\\\"\""), QStringList{QStringLiteral("unknown field \"spec.x\"")});
        QCOMPARE(parseWarningHeader("garbage"), QStringList());
    }

    void listMetaScan()
    {
        auto m = ListMeta::scan(R"({"kind":"PodList","items":[{"metadata":{"name":"x","resourceVersion":"1"}}],"metadata":{"resourceVersion":"42","continue":"abc","remainingItemCount":7}})");
        QVERIFY(m.ok());
        QCOMPARE(m->resourceVersion, QStringLiteral("42"));
        QCOMPARE(m->continueToken, QStringLiteral("abc"));
        QCOMPARE(m->remainingItemCount, 7);
        QVERIFY(!ListMeta::scan("{\"items\":[]}").ok());
    }

    void crud()
    {
        const KubeClient c = m_admin;
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("tst-crud"), {{QStringLiteral("a"), QStringLiteral("1")}},
                                                                             {{QStringLiteral("tst"), QStringLiteral("crud")}}),
                            WriteOptions(), ctx, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.response().httpStatus, 201);
        const QString uid = r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
        QVERIFY(!uid.isEmpty());

        r = waitFor([&](QObject *ctx, auto cb) { return c.get(configMaps(QStringLiteral("default"), QStringLiteral("tst-crud")), ctx, cb); });
        QVERIFY(r.ok());
        QJsonObject obj = r.json();
        QCOMPARE(obj.value(QLatin1String("data")).toObject().value(QLatin1String("a")).toString(), QStringLiteral("1"));
        QVERIFY(r.response().header("content-type").startsWith("application/json"));

        QJsonObject data{{QStringLiteral("a"), QStringLiteral("2")}};
        obj.insert(QStringLiteral("data"), data);
        r = waitFor([&](QObject *ctx, auto cb) {
            return c.replace(configMaps(QStringLiteral("default"), QStringLiteral("tst-crud")), QJsonDocument(obj).toJson(), WriteOptions(), ctx, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QString rv = r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();

        r = waitFor([&](QObject *ctx, auto cb) {
            ListOptions lo;
            lo.labelSelector = QStringLiteral("tst=crud");
            return c.list(configMaps(QStringLiteral("default")), lo, ctx, cb);
        });
        QVERIFY(r.ok());
        const QJsonArray items = r.json().value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("data")).toObject().value(QLatin1String("a")).toString(), QStringLiteral("2"));

        // stale precondition: 409 Conflict with the server's message
        r = waitFor([&](QObject *ctx, auto cb) {
            DeleteOptions d;
            d.preconditionResourceVersion = QStringLiteral("1");
            return c.remove(configMaps(QStringLiteral("default"), QStringLiteral("tst-crud")), d, ctx, cb);
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 409);
        QVERIFY(r.error().isConflict());

        r = waitFor([&](QObject *ctx, auto cb) {
            DeleteOptions d;
            d.preconditionUid = uid;
            d.preconditionResourceVersion = rv;
            d.propagationPolicy = QStringLiteral("Background");
            d.gracePeriodSeconds = 0;
            return c.remove(configMaps(QStringLiteral("default"), QStringLiteral("tst-crud")), d, ctx, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        r = waitFor([&](QObject *ctx, auto cb) { return c.get(configMaps(QStringLiteral("default"), QStringLiteral("tst-crud")), ctx, cb); });
        QVERIFY(!r.ok());
        QVERIFY(r.error().isNotFound());
    }

    void patchTypes()
    {
        const KubeClient c = m_admin;
        const ResourcePath p = configMaps(QStringLiteral("default"), QStringLiteral("tst-patch"));
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("tst-patch"), {{QStringLiteral("a"), QStringLiteral("1")}}),
                            WriteOptions(), ctx, cb);
        });
        QVERIFY(r.ok());
        auto patch = [&](PatchType type, const QByteArray &body) {
            return waitFor([&](QObject *ctx, auto cb) { return c.patch(p, type, body, WriteOptions(), ctx, cb); });
        };
        r = patch(PatchType::Merge, R"({"data":{"b":"2"}})");
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.json().value(QLatin1String("data")).toObject(), (QJsonObject{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}}));
        r = patch(PatchType::Json, R"([{"op":"replace","path":"/data/a","value":"10"},{"op":"remove","path":"/data/b"}])");
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.json().value(QLatin1String("data")).toObject(), (QJsonObject{{QStringLiteral("a"), QStringLiteral("10")}}));
        r = patch(PatchType::StrategicMerge, R"({"data":{"c":"3"},"metadata":{"labels":{"x":"y"}}})");
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.json().value(QLatin1String("data")).toObject().value(QLatin1String("c")).toString(), QStringLiteral("3"));
        QCOMPARE(r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject().value(QLatin1String("x")).toString(),
                 QStringLiteral("y"));
        // a JSON patch test op that fails: 422 with the server's message
        r = patch(PatchType::Json, R"([{"op":"test","path":"/data/a","value":"nope"}])");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().httpStatus == 422 || r.error().httpStatus == 400, qPrintable(QString::number(r.error().httpStatus)));
        QVERIFY(!r.error().message.isEmpty());
    }

    void serverSideApply()
    {
        const KubeClient c = m_admin;
        const ResourcePath p = configMaps(QStringLiteral("default"), QStringLiteral("tst-ssa"));
        auto apply = [&](const QByteArray &yaml, const QString &manager, bool force) {
            WriteOptions o;
            o.fieldManager = manager;
            o.force = force;
            return waitFor([&](QObject *ctx, auto cb) { return c.apply(p, yaml, o, ctx, cb); });
        };
        const QByteArray a = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tst-ssa\n  namespace: default\ndata:\n  key: from-a\n";
        const QByteArray b = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tst-ssa\n  namespace: default\ndata:\n  key: from-b\n";
        Reply r = apply(a, QString(), false);   // default manager acp-console
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QJsonArray managed = r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields")).toArray();
        QVERIFY(!managed.isEmpty());
        QCOMPARE(managed.at(0).toObject().value(QLatin1String("manager")).toString(), QStringLiteral("acp-console"));
        r = apply(b, QStringLiteral("other-manager"), false);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 409);
        QVERIFY2(r.error().message.contains(QLatin1String("conflict")), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QLatin1String("acp-console")));
        r = apply(b, QStringLiteral("other-manager"), true);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.json().value(QLatin1String("data")).toObject().value(QLatin1String("key")).toString(), QStringLiteral("from-b"));
    }

    void dryRunLeavesNothing()
    {
        const KubeClient c = m_admin;
        WriteOptions dry;
        dry.dryRun = true;
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("tst-dry"), {{QStringLiteral("a"), QStringLiteral("1")}}), dry, ctx, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("tst-dry"));
        r = waitFor([&](QObject *ctx, auto cb) { return c.get(configMaps(QStringLiteral("default"), QStringLiteral("tst-dry")), ctx, cb); });
        QVERIFY(r.error().isNotFound());
        // dry-run apply, patch and delete of a real object change nothing
        r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("tst-dry2"), {{QStringLiteral("a"), QStringLiteral("1")}}),
                            WriteOptions(), ctx, cb);
        });
        QVERIFY(r.ok());
        const ResourcePath p = configMaps(QStringLiteral("default"), QStringLiteral("tst-dry2"));
        r = waitFor([&](QObject *ctx, auto cb) { return c.patch(p, PatchType::Merge, R"({"data":{"a":"2"}})", dry, ctx, cb); });
        QVERIFY(r.ok());
        QCOMPARE(r.json().value(QLatin1String("data")).toObject().value(QLatin1String("a")).toString(), QStringLiteral("2"));
        WriteOptions dryApply = dry;
        dryApply.force = true;
        r = waitFor([&](QObject *ctx, auto cb) {
            return c.apply(p, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tst-dry2}\ndata: {a: '3'}\n", dryApply, ctx, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        DeleteOptions dd;
        dd.dryRun = true;
        r = waitFor([&](QObject *ctx, auto cb) { return c.remove(p, dd, ctx, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        r = waitFor([&](QObject *ctx, auto cb) { return c.get(p, ctx, cb); });
        QVERIFY(r.ok());
        QCOMPARE(r.json().value(QLatin1String("data")).toObject().value(QLatin1String("a")).toString(), QStringLiteral("1"));
    }

    void statusErrors()
    {
        const KubeClient c = m_admin;
        Reply r = waitFor([&](QObject *ctx, auto cb) { return c.get(configMaps(QStringLiteral("default"), QStringLiteral("no-such")), ctx, cb); });
        QCOMPARE(r.error().httpStatus, 404);
        QCOMPARE(r.error().reason, QStringLiteral("NotFound"));
        QCOMPARE(r.error().message, QStringLiteral("configmaps \"no-such\" not found"));
        QCOMPARE(r.error().cluster, QStringLiteral("acp:sandbox:global"));
        QCOMPARE(r.error().details.value(QLatin1String("name")).toString(), QStringLiteral("no-such"));
        QVERIFY(!r.error().objectRef.isEmpty());

        r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("kube-root-ca.crt"), {}), WriteOptions(), ctx, cb);
        });
        QCOMPARE(r.error().httpStatus, 409);
        QCOMPARE(r.error().reason, QStringLiteral("AlreadyExists"));
        QVERIFY(r.error().isAlreadyExists());

        r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("Bad_Name"), {}), WriteOptions(), ctx, cb);
        });
        QCOMPARE(r.error().httpStatus, 422);
        QCOMPARE(r.error().reason, QStringLiteral("Invalid"));
        QVERIFY2(r.error().message.contains(QLatin1String("Bad_Name")), qPrintable(r.error().message));

        // bob (auditor: view only) may not write
        const KubeClient bob = clientFor(QStringLiteral("sandbox-bob/global"));
        r = waitFor([&](QObject *ctx, auto cb) {
            return bob.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("tst-bob"), {}), WriteOptions(), ctx, cb);
        });
        QCOMPARE(r.error().httpStatus, 403);
        QCOMPARE(r.error().reason, QStringLiteral("Forbidden"));
        QVERIFY2(r.error().message.contains(QLatin1String("User \"bob\" cannot create resource \"configmaps\"")), qPrintable(r.error().message));
        QCOMPARE(r.error().cluster, QStringLiteral("acp:sandbox-bob:global"));
        // but may read
        r = waitFor([&](QObject *ctx, auto cb) { return bob.list(configMaps(QStringLiteral("default")), ListOptions(), ctx, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    }

    void impersonation()
    {
        auto rc = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox/global"));
        RestConfig asBob = *rc;
        asBob.impersonateUser = QStringLiteral("bob");
        asBob.impersonateGroups = {QStringLiteral("acp:auditors")};
        const KubeClient c(asBob);
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(configMaps(QStringLiteral("default")), configMap(QStringLiteral("tst-imp"), {}), WriteOptions(), ctx, cb);
        });
        QCOMPARE(r.error().httpStatus, 403);
        QVERIFY2(r.error().message.contains(QLatin1String("User \"bob\"")), qPrintable(r.error().message));
        // two groups cannot be sent as separate header lines: refused, not silently merged
        asBob.impersonateGroups << QStringLiteral("system:authenticated");
        r = waitFor([&](QObject *ctx, auto cb) { return KubeClient(asBob).get(configMaps(QStringLiteral("default")), ctx, cb); });
        QCOMPARE(r.error().httpStatus, 0);
        QVERIFY2(r.error().message.contains(QLatin1String("more than one group")), qPrintable(r.error().message));
    }

    void podSecurityWarning()
    {
        // alpha-dev (first workload cluster): enforce baseline, warn restricted. A pod that passes
        // baseline but not restricted is admitted with warnings.
        const KubeClient c = clientFor(QStringLiteral("sandbox/business-1"));
        const QByteArray pod = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"tst-psa"},
            "spec":{"containers":[{"name":"c","image":"nginx"}]}})";
        WriteOptions o;
        o.dryRun = true;
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("alpha-dev")}, pod, o, ctx, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QVERIFY2(!r.warnings.isEmpty(), "no Warning header");
        QVERIFY2(r.warnings.first().startsWith(QLatin1String("would violate PodSecurity \"restricted:latest\"")), qPrintable(r.warnings.first()));
        // a privileged pod violates baseline (enforced): rejected with the server's reason
        const QByteArray privileged = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"tst-psa-priv"},
            "spec":{"containers":[{"name":"c","image":"nginx","securityContext":{"privileged":true}}]}})";
        r = waitFor([&](QObject *ctx, auto cb) {
            return c.create(ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("alpha-dev")}, privileged, o, ctx, cb);
        });
        QCOMPARE(r.error().httpStatus, 403);
        QVERIFY2(r.error().message.contains(QLatin1String("violates PodSecurity \"baseline:latest\"")), qPrintable(r.error().message));
    }

    void retries429WithRetryAfter()
    {
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("error429Rate"), 1.0}, {QStringLiteral("retryAfterSeconds"), 1}}));
        QObject ctx;
        std::optional<Result<Response>> result;
        QElapsedTimer t;
        t.start();
        m_admin.get(configMaps(QStringLiteral("default"), QStringLiteral("kube-root-ca.crt")), &ctx,
                    [&](const Result<Response> &r, const QStringList &) { result = r; });
        QTest::qWait(700);
        QVERIFY(!result);   // the first 429 said "retry after 1 s"
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("error429Rate"), 0.0}}));
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->ok(), qPrintable(test::errorText(*result)));
        QVERIFY((*result)->attempts >= 2);
        QVERIFY2(t.elapsed() >= 1000, qPrintable(QString::number(t.elapsed())));
    }

    void retries500WithBackoff()
    {
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("error500Rate"), 1.0}}));
        // maxRetries 0: the first 500 is reported with the server's reason
        KubeClient::RequestOptions once;
        once.maxRetries = 0;
        Reply r = waitFor([&](QObject *ctx, auto cb) { return m_admin.getPath(QStringLiteral("/api/v1/namespaces"), once, ctx, cb); });
        QCOMPARE(r.error().httpStatus, 500);
        QCOMPARE(r.error().reason, QStringLiteral("InternalError"));
        // default: retried with backoff until the fault stops
        QObject ctx;
        std::optional<Result<Response>> result;
        m_admin.getPath(QStringLiteral("/api/v1/namespaces"), KubeClient::RequestOptions(), &ctx,
                        [&](const Result<Response> &res, const QStringList &) { result = res; });
        QTest::qWait(400);
        QVERIFY(!result);
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("error500Rate"), 0.0}}));
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000);
        QVERIFY2(result->ok(), qPrintable(test::errorText(*result)));
        QVERIFY((*result)->attempts >= 2);
        // writes are not retried on 5xx: a failing write is reported at once (the sandbox's
        // injected faults hit GETs only, so check a write's attempt count instead)
        r = waitFor([&](QObject *ctx2, auto cb) {
            return m_admin.patch(configMaps(QStringLiteral("default"), QStringLiteral("kube-root-ca.crt")), PatchType::Merge, "{}", WriteOptions(), ctx2, cb);
        });
        QVERIFY(r.ok());
        QCOMPARE(r.response().attempts, 1);
    }

    void cancellation()
    {
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("latencyMs"), 400}}));
        bool called = false;
        RequestHandle h = m_admin.getPath(QStringLiteral("/api/v1/namespaces"), KubeClient::RequestOptions(), this,
                                          [&](const Result<Response> &, const QStringList &) { called = true; });
        QVERIFY(h.isActive());
        QTest::qWait(100);
        h.cancel();
        QVERIFY(!h.isActive());
        h.cancel();   // idempotent
        // the context's destruction cancels too
        auto *ctx = new QObject;
        m_admin.getPath(QStringLiteral("/api/v1/namespaces"), KubeClient::RequestOptions(), ctx,
                        [&](const Result<Response> &, const QStringList &) { called = true; });
        QTest::qWait(50);
        delete ctx;
        // cancelled before it was even sent
        RequestHandle h2 = m_admin.get(configMaps(QStringLiteral("default")), this, [&](const Result<Response> &, const QStringList &) { called = true; });
        h2.cancel();
        QTest::qWait(900);
        QVERIFY(!called);
        // no context: refused, no crash
        RequestHandle none = m_admin.get(configMaps(QStringLiteral("default")), nullptr, [&](const Result<Response> &, const QStringList &) { called = true; });
        QVERIFY(!none.isActive());
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("latencyMs"), 0}}));
    }

    void timeouts()
    {
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("latencyMs"), 3000}}));
        KubeClient::RequestOptions o;
        o.timeoutMs = 300;
        Reply r = waitFor([&](QObject *ctx, auto cb) { return m_admin.getPath(QStringLiteral("/api/v1/namespaces"), o, ctx, cb); });
        QVERIFY(r.done());
        QCOMPARE(r.error().httpStatus, 0);
        QCOMPARE(r.error().reason, QStringLiteral("Timeout"));
        QVERIFY2(r.error().message.contains(QLatin1String("/api/v1/namespaces")), qPrintable(r.error().message));
        QVERIFY2(r.elapsedMs < 2000, qPrintable(QString::number(r.elapsedMs)));
        QVERIFY(test::setFaults(m_sandbox, {{QStringLiteral("latencyMs"), 0}}));
    }

    void transportErrors()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        RestConfig rc;
        rc.clusterName = QStringLiteral("nowhere");
        rc.server = QUrl(QStringLiteral("https://127.0.0.1:%1/kubernetes/x").arg(port));
        rc.staticCredentials.bearerToken = QStringLiteral("t");
        KubeClient c(rc);
        KubeClient::RequestOptions o;
        o.maxRetries = 1;
        Reply r = waitFor([&](QObject *ctx, auto cb) { return c.getPath(QStringLiteral("/api"), o, ctx, cb); });
        QCOMPARE(r.error().httpStatus, 0);
        QCOMPARE(r.error().cluster, QStringLiteral("nowhere"));
        QVERIFY2(r.error().message.contains(QStringLiteral("127.0.0.1:%1/kubernetes/x/api").arg(port)), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QLatin1String("Bearer")));

        // a CA that is not PEM: a clear error, no request
        rc.caPem = "not a certificate";
        r = waitFor([&](QObject *ctx, auto cb) { return KubeClient(rc).getPath(QStringLiteral("/api"), o, ctx, cb); });
        QVERIFY2(r.error().message.contains(QLatin1String("certificate-authority")), qPrintable(r.error().message));
        // the sandbox's certificate does not verify without its CA (system roots only)
        auto good = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox/global"));
        RestConfig noCa = *good;
        noCa.caPem.clear();
        r = waitFor([&](QObject *ctx, auto cb) { return KubeClient(noCa).getPath(QStringLiteral("/api"), o, ctx, cb); });
        QCOMPARE(r.error().httpStatus, 0);
        // ... and does with insecure-skip-tls-verify
        noCa.insecureSkipTlsVerify = true;
        r = waitFor([&](QObject *ctx, auto cb) { return KubeClient(noCa).getPath(QStringLiteral("/api"), o, ctx, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        // an unsupported proxy scheme
        RestConfig badProxy = *good;
        badProxy.proxyUrl = QUrl(QStringLiteral("ftp://proxy:21"));
        r = waitFor([&](QObject *ctx, auto cb) { return KubeClient(badProxy).getPath(QStringLiteral("/api"), o, ctx, cb); });
        QVERIFY2(r.error().message.contains(QLatin1String("proxy-url")), qPrintable(r.error().message));
    }

    void unauthorizedRefreshesOnce()
    {
        auto rc = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox/global"));
        RestConfig cfg = *rc;
        auto source = std::make_shared<RotatingSource>(cfg.staticCredentials.bearerToken);
        cfg.staticCredentials = Credentials();
        cfg.credentialSource = source;
        const KubeClient c(cfg);
        Reply r = waitFor([&](QObject *ctx, auto cb) { return c.get(configMaps(QStringLiteral("default")), ctx, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(source->calls.load(), 2);
        // static credentials that the server rejects: 401 reported, no loop
        RestConfig bad = *rc;
        bad.staticCredentials.bearerToken = QStringLiteral("wrong");
        r = waitFor([&](QObject *ctx, auto cb) { return KubeClient(bad).get(configMaps(QStringLiteral("default")), ctx, cb); });
        QCOMPARE(r.error().httpStatus, 401);
        QVERIFY(r.error().isUnauthorized());
    }

    void pooling()
    {
        const KubeClient a = clientFor(QStringLiteral("sandbox/global"));
        const KubeClient b = clientFor(QStringLiteral("sandbox/global"));
        QVERIFY(a.networkManager());
        QCOMPARE(a.networkManager(), b.networkManager());
        QCOMPARE(a.networkManager(), m_admin.networkManager());
        const KubeClient alice = clientFor(QStringLiteral("sandbox-alice/global"));
        QVERIFY(alice.networkManager() != a.networkManager());
        // same credentials, another cluster behind the same gateway: same host and TLS -> shared
        const KubeClient other = clientFor(QStringLiteral("sandbox/business-1"));
        QCOMPARE(other.networkManager(), a.networkManager());
        auto rc = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox/global"));
        RestConfig insecure = *rc;
        insecure.insecureSkipTlsVerify = true;
        QVERIFY(KubeClient(insecure).networkManager() != a.networkManager());
        QVERIFY(!NetworkPool::poolKey(*rc).contains(rc->staticCredentials.bearerToken));
        const int live = NetworkPool::liveManagers();
        {
            RestConfig temp = *rc;
            temp.tlsServerName = QStringLiteral("localhost");
            const KubeClient t(temp);
            QCOMPARE(NetworkPool::liveManagers(), live + 1);
            Reply r = waitFor([&](QObject *ctx, auto cb) { return t.getPath(QStringLiteral("/version"), KubeClient::RequestOptions(), ctx, cb); });
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));   // verified against "localhost" (in the certificate)
        }
        QTRY_COMPARE(NetworkPool::liveManagers(), live);   // once the finished call is gone
    }

    void listAllPaginates()
    {
        test::SandboxProcess big;
        QString error;
        QVERIFY2(big.start({QStringLiteral("--clusters"), QStringLiteral("1"), QStringLiteral("--pods-per-cluster"), QStringLiteral("1500"),
                            QStringLiteral("--no-controllers")}, &error),
                 qPrintable(error));
        auto rc = test::sandboxConfig(big, QStringLiteral("sandbox/business-1"));
        QVERIFY(rc.ok());
        const KubeClient c(*rc);
        const ResourcePath pods{QString(), QStringLiteral("v1"), QStringLiteral("pods")};
        auto runListAll = [&](int limit) {
            QObject ctx;
            std::optional<Result<ListPages>> result;
            ListOptions lo;
            lo.limit = limit;
            c.listAll(pods, lo, &ctx, [&](const Result<ListPages> &r, const QStringList &) { result = r; });
            QElapsedTimer t;
            t.start();
            while (!result && t.elapsed() < 30000)
                QTest::qWait(10);
            return result;
        };
        auto countItems = [](const ListPages &p) {
            int n = 0;
            QSet<QString> uids;
            for (const QByteArray &page : p.pages)
                for (const QJsonValue &v : QJsonDocument::fromJson(page).object().value(QLatin1String("items")).toArray()) {
                    ++n;
                    uids.insert(v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString());
                }
            return qMakePair(n, int(uids.size()));
        };
        auto result = runListAll(400);
        QVERIFY(result && result->ok());
        const ListPages pages = result->value();
        QVERIFY2(pages.pages.size() >= 4, qPrintable(QString::number(pages.pages.size())));
        const auto [n, unique] = countItems(pages);
        QVERIFY2(n >= 1500, qPrintable(QString::number(n)));
        QCOMPARE(unique, n);
        QVERIFY(!pages.resourceVersion.isEmpty());
        QCOMPARE(pages.restarts, 0);

        // every continue token expires: one restart as a full list, same items
        QVERIFY(test::setFaults(big, {{QStringLiteral("goneRate"), 1.0}}));
        result = runListAll(400);
        QVERIFY2(result && result->ok(), result ? qPrintable(test::errorText(*result)) : "timeout");
        QCOMPARE(result->value().restarts, 1);
        QCOMPARE(result->value().pages.size(), 1);
        QCOMPARE(countItems(result->value()).first, n);
    }
};

QTEST_GUILESS_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
