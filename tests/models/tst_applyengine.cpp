// ApplyEngine against acp-sandbox: create, server-side apply (re-apply unchanged, conflicts per
// field and manager, force, drop fields), replace with a stale resourceVersion (409 with the
// current object), dry-run with PodSecurity warnings, multi-document partial failure, CRD + CR
// in one file, the ACP 4.2 regressions (defaultMode octal, no namespace on cluster-scoped
// kinds, docker-registry Secret with auth), ConfigMap binaryData, live-vs-merged diffs.
#include "api/Kubeconfig.h"
#include "tests/common/SandboxContext.h"
#include "api/Yaml.h"
#include "models/ApplyEngine.h"
#include "models/ApplyObjects.h"
#include "models/ClusterConnection.h"
#include "models/SecretCodec.h"
#include "tests/common/SandboxProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace acp;
using namespace acp::models;

class TestApplyEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void create();
    void serverSideApplyAndReapply();
    void applyModeResults();
    void conflictsForceAndDrop();
    void replaceStaleResourceVersion();
    void dryRunPodSecurityWarning();
    void multiDocumentPartialFailure();
    void crdAndCustomResource();
    void defaultModeOctalAndDecimal();
    void clusterScopedGetsNoNamespace();
    void dockerRegistrySecretHasAuth();
    void configMapBinaryData();
    void liveVersusMerged();
    void contextDestroyedCancels();

private:
    QList<ApplyResult> run(const QByteArray &yaml, ApplyOptions o);
    ApplyResult one(const QByteArray &yaml, const ApplyOptions &o)
    {
        const auto r = run(yaml, o);
        return r.isEmpty() ? ApplyResult() : r.first();
    }
    ApplyResult waitResult(const std::function<void(QObject *, ApplyEngine::ResultCallback)> &start);
    QJsonObject get(const QString &resource, const QString &ns, const QString &name, const QString &group = QString(),
                    int *status = nullptr);
    static ApplyOptions options(ApplyMode mode, const QString &ns = QStringLiteral("apply-test"))
    {
        ApplyOptions o;
        o.mode = mode;
        o.namespaceName = ns;
        return o;
    }

    test::SandboxProcess m_sandbox;
    std::unique_ptr<ClusterConnection> m_conn;
    std::unique_ptr<ApplyEngine> m_engine;
};

void TestApplyEngine::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
    const auto rc = test::resolveContext(m_sandbox.kubeconfig(), QStringLiteral("sandbox/business-1"));
    QVERIFY(rc.ok());
    m_conn = std::make_unique<ClusterConnection>(QStringLiteral("business-1"), api::KubeClient(*rc));
    m_conn->setDiscoveryDebounceMs(50);
    m_engine = std::make_unique<ApplyEngine>(m_conn.get());
    // The engine starts the connection and waits for discovery itself.
    const ApplyResult ns = one("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apply-test\n", options(ApplyMode::Create));
    QVERIFY2(ns.ok(), qPrintable(ns.error ? ns.error->message : QString()));
    QCOMPARE(ns.kubectlLine(), QStringLiteral("namespace/apply-test created"));
}

QList<ApplyResult> TestApplyEngine::run(const QByteArray &yaml, ApplyOptions o)
{
    std::optional<api::Result<QList<ApplyResult>>> out;
    QObject ctx;
    m_engine->apply(yaml, o, &ctx, [&](const api::Result<QList<ApplyResult>> &r) { out.emplace(r); });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 60000);
    if (!out || !out->ok())
        return {};
    return out->value();
}

ApplyResult TestApplyEngine::waitResult(const std::function<void(QObject *, ApplyEngine::ResultCallback)> &start)
{
    std::optional<ApplyResult> out;
    QObject ctx;
    start(&ctx, [&](const ApplyResult &r) { out.emplace(r); });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 30000);
    return out.value_or(ApplyResult());
}

QJsonObject TestApplyEngine::get(const QString &resource, const QString &ns, const QString &name, const QString &group, int *status)
{
    std::optional<api::Result<api::Response>> out;
    QObject ctx;
    const QString version = group.isEmpty() ? QStringLiteral("v1") : group == QLatin1String("example.com") ? QStringLiteral("v1alpha1") : QStringLiteral("v1");
    m_conn->client().get(api::ResourcePath{group, version, resource, ns, name, {}, {}}, &ctx,
                         [&](const api::Result<api::Response> &r, const QStringList &) { out.emplace(r); });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 15000);
    if (status)
        *status = !out ? -1 : out->ok() ? 200 : out->error().httpStatus;
    if (!out || !out->ok())
        return {};
    return *out->value().json();
}

void TestApplyEngine::create()
{
    const QByteArray cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: created\ndata:\n  a: \"1\"\n";
    const ApplyResult r = one(cm, options(ApplyMode::Create));
    QVERIFY(r.ok());
    QCOMPARE(r.action, QStringLiteral("created"));
    QCOMPARE(r.namespaceName, QStringLiteral("apply-test"));
    QCOMPARE(r.reference(), QStringLiteral("configmap/created"));
    QCOMPARE(r.object["data"].toObject()["a"].toString(), QStringLiteral("1"));
    QVERIFY(!r.object["metadata"].toObject()["uid"].toString().isEmpty());
    const ApplyResult again = one(cm, options(ApplyMode::Create));
    QVERIFY(!again.ok());
    QVERIFY(again.error->isAlreadyExists());
    QCOMPARE(again.error->httpStatus, 409);
}

void TestApplyEngine::serverSideApplyAndReapply()
{
    const QByteArray cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: \"1\"\n";
    const ApplyResult first = one(cm, options(ApplyMode::ServerSideApply));
    QVERIFY2(first.ok(), qPrintable(first.error ? first.error->message : QString()));
    QCOMPARE(first.kubectlLine(), QStringLiteral("configmap/ssa serverside-applied"));
    QVERIFY(first.changed);
    const QJsonArray managed = first.object["metadata"].toObject()["managedFields"].toArray();
    QCOMPARE(managed.size(), 1);
    QCOMPARE(managed.first().toObject()["manager"].toString(), QStringLiteral("acp-console"));
    QCOMPARE(managed.first().toObject()["operation"].toString(), QStringLiteral("Apply"));
    const ApplyResult second = one(cm, options(ApplyMode::ServerSideApply));
    QVERIFY(second.ok());
    QVERIFY(!second.changed);
    QCOMPARE(second.object["metadata"].toObject()["resourceVersion"], first.object["metadata"].toObject()["resourceVersion"]);
}

void TestApplyEngine::applyModeResults()
{
    const QByteArray v1 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: \"1\"\n";
    QCOMPARE(one(v1, options(ApplyMode::Apply)).kubectlLine(), QStringLiteral("configmap/applied created"));
    QCOMPARE(one(v1, options(ApplyMode::Apply)).kubectlLine(), QStringLiteral("configmap/applied unchanged"));
    QByteArray v2 = v1;
    v2.replace("\"1\"", "\"2\"");
    ApplyOptions dry = options(ApplyMode::Apply);
    dry.dryRun = true;
    QCOMPARE(one(v2, dry).kubectlLine(), QStringLiteral("configmap/applied configured (server dry run)"));
    QCOMPARE(get(QStringLiteral("configmaps"), QStringLiteral("apply-test"), QStringLiteral("applied"))["data"].toObject()["a"].toString(),
             QStringLiteral("1"));
    QCOMPARE(one(v2, options(ApplyMode::Apply)).kubectlLine(), QStringLiteral("configmap/applied configured"));
}

void TestApplyEngine::conflictsForceAndDrop()
{
    // Another manager owns data.a (applied through the API first).
    ApplyOptions other = options(ApplyMode::ServerSideApply);
    other.fieldManager = QStringLiteral("other-tool");
    QVERIFY(one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: contested}\ndata: {a: \"1\", c: \"1\"}\n", other).ok());

    const QByteArray mine = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: contested}\ndata: {a: \"2\", b: \"x\", c: \"2\"}\n";
    const ApplyResult conflict = one(mine, options(ApplyMode::ServerSideApply));
    QVERIFY(!conflict.ok());
    QVERIFY(conflict.error->isConflict());
    QCOMPARE(conflict.conflicts.size(), 2);
    QCOMPARE(conflict.conflicts.at(0).field, QStringLiteral(".data.a"));
    QCOMPARE(conflict.conflicts.at(0).manager, QStringLiteral("other-tool"));
    QCOMPARE(conflict.conflicts.at(1).field, QStringLiteral(".data.c"));
    QCOMPARE(conflict.conflicts.at(1).manager, QStringLiteral("other-tool"));

    // Force: the fields become ours.
    const ApplyResult forced = waitResult([&](QObject *ctx, ApplyEngine::ResultCallback cb) {
        m_engine->retryWithForce(conflict, options(ApplyMode::ServerSideApply), ctx, cb);
    });
    QVERIFY2(forced.ok(), qPrintable(forced.error ? forced.error->message : QString()));
    QCOMPARE(forced.object["data"].toObject()["a"].toString(), QStringLiteral("2"));
    QCOMPARE(forced.index, conflict.index);

    // The other manager takes data.a back; this time we drop the conflicting fields instead.
    other.force = true;
    QVERIFY(one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: contested}\ndata: {a: \"3\"}\n", other).ok());
    const ApplyResult again = one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: contested}\ndata: {a: \"4\", b: \"y\", c: \"2\"}\n",
                                  options(ApplyMode::ServerSideApply));
    QVERIFY(!again.ok());
    QCOMPARE(again.conflicts.size(), 1);
    QCOMPARE(again.conflicts.first().field, QStringLiteral(".data.a"));
    const ApplyResult dropped = waitResult([&](QObject *ctx, ApplyEngine::ResultCallback cb) {
        m_engine->retryDroppingConflicts(again, options(ApplyMode::ServerSideApply), ctx, cb);
    });
    QVERIFY2(dropped.ok(), qPrintable(dropped.error ? dropped.error->message : QString()));
    QVERIFY(!dropped.applied["data"].toObject().contains("a"));
    const QJsonObject data = dropped.object["data"].toObject();
    QCOMPARE(data["a"].toString(), QStringLiteral("3"));   // the other manager keeps it
    QCOMPARE(data["b"].toString(), QStringLiteral("y"));
}

void TestApplyEngine::replaceStaleResourceVersion()
{
    const ApplyResult created = one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: replaced}\ndata: {a: \"1\"}\n", options(ApplyMode::Create));
    QVERIFY(created.ok());
    const QString startedFrom = created.object["metadata"].toObject()["resourceVersion"].toString();
    ApplyOptions o = options(ApplyMode::Replace);
    o.baseResourceVersion = startedFrom;
    const ApplyResult first = one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: replaced}\ndata: {a: \"2\"}\n", o);
    QVERIFY2(first.ok(), qPrintable(first.error ? first.error->message : QString()));
    QCOMPARE(first.action, QStringLiteral("replaced"));
    // A second edit started from the same (now stale) version: 409 with the server's object.
    const ApplyResult stale = one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: replaced}\ndata: {a: \"3\"}\n", o);
    QVERIFY(!stale.ok());
    QVERIFY(stale.error->isConflict());
    QCOMPARE(stale.current["data"].toObject()["a"].toString(), QStringLiteral("2"));
    QCOMPARE(stale.current["metadata"].toObject()["resourceVersion"], first.object["metadata"].toObject()["resourceVersion"]);
}

void TestApplyEngine::dryRunPodSecurityWarning()
{
    QVERIFY(one("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: psa-warn\n  labels:\n"
                "    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/warn-version: latest\n"
                "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: psa-enforce\n  labels:\n"
                "    pod-security.kubernetes.io/enforce: baseline\n",
                options(ApplyMode::Create)).ok());
    const QByteArray pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: priv}\nspec:\n  containers:\n"
                           "  - name: c\n    image: busybox\n    securityContext: {privileged: true}\n";
    ApplyOptions o = options(ApplyMode::ServerSideApply, QStringLiteral("psa-warn"));
    o.dryRun = true;
    const ApplyResult r = one(pod, o);
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    QCOMPARE(r.kubectlLine(), QStringLiteral("pod/priv serverside-applied (server dry run)"));
    QVERIFY2(!r.warnings.isEmpty() && r.warnings.first().startsWith(QStringLiteral("would violate PodSecurity \"restricted:latest\"")),
             qPrintable(r.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(r.object["metadata"].toObject()["name"].toString(), QStringLiteral("priv"));
    int status = 0;
    get(QStringLiteral("pods"), QStringLiteral("psa-warn"), QStringLiteral("priv"), QString(), &status);
    QCOMPARE(status, 404);   // nothing persisted

    o.namespaceName = QStringLiteral("psa-enforce");
    const ApplyResult refused = one(pod, o);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error->isForbidden());
    QVERIFY2(refused.error->message.contains(QStringLiteral("violates PodSecurity \"baseline:latest\"")), qPrintable(refused.error->message));
}

void TestApplyEngine::multiDocumentPartialFailure()
{
    const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: multi-a}\n"
                            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Multi_Bad}\n"
                            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: multi-c, namespace: no-such-ns}\n"
                            "---\napiVersion: example.com/v9\nkind: Nothing\nmetadata: {name: x}\n"
                            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: multi-d}\n";
    const QList<ApplyResult> r = run(yaml, options(ApplyMode::Create));
    QCOMPARE(r.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(r.at(i).index, i);
    QVERIFY(r.at(0).ok());
    QVERIFY(!r.at(1).ok());
    QCOMPARE(r.at(1).error->reason, QStringLiteral("Invalid"));
    QCOMPARE(r.at(1).line, 5);
    QVERIFY(!r.at(2).ok());
    QCOMPARE(r.at(2).error->reason, QStringLiteral("NotFound"));
    QVERIFY(r.at(2).error->message.contains(QStringLiteral("no-such-ns")));
    QVERIFY(!r.at(3).ok());
    QCOMPARE(r.at(3).error->message, QStringLiteral("no matches for kind \"Nothing\" in version \"example.com/v9\""));
    QVERIFY(r.at(4).ok());
    QCOMPARE(get(QStringLiteral("configmaps"), QStringLiteral("apply-test"), QStringLiteral("multi-d"))["metadata"].toObject()["name"].toString(),
             QStringLiteral("multi-d"));
}

void TestApplyEngine::crdAndCustomResource()
{
    // The custom resource comes first in the file: the CRD is applied first, then discovery is
    // awaited before the widget.
    const QByteArray yaml = "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n"
                            "---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                            "metadata: {name: widgets.example.com}\n"
                            "spec:\n  group: example.com\n  scope: Namespaced\n"
                            "  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}\n"
                            "  versions:\n  - name: v1alpha1\n    served: true\n    storage: true\n"
                            "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n"
                            "          spec:\n            type: object\n            properties:\n"
                            "              size: {type: integer}\n";
    const QList<ApplyResult> r = run(yaml, options(ApplyMode::ServerSideApply));
    QCOMPARE(r.size(), 2);
    QCOMPARE(r.at(0).kind, QStringLiteral("CustomResourceDefinition"));
    QCOMPARE(r.at(0).index, 1);
    QVERIFY2(r.at(1).ok(), qPrintable(r.at(1).error ? r.at(1).error->message : QString()));
    QCOMPARE(r.at(1).kubectlLine(), QStringLiteral("widget.example.com/w1 serverside-applied"));
    QCOMPARE(r.at(1).line, 1);
    QCOMPARE(get(QStringLiteral("widgets"), QStringLiteral("apply-test"), QStringLiteral("w1"), QStringLiteral("example.com"))["spec"].toObject()["size"].toInt(), 3);
}

void TestApplyEngine::defaultModeOctalAndDecimal()
{
    const QByteArray yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: modes}\nspec:\n"
                            "  selector: {matchLabels: {app: modes}}\n  template:\n    metadata: {labels: {app: modes}}\n"
                            "    spec:\n      containers: [{name: c, image: nginx}]\n      volumes:\n"
                            "      - name: octal\n        secret:\n          secretName: s\n          defaultMode: 0644\n"
                            "      - name: decimal\n        secret:\n          secretName: s\n          defaultMode: 420\n";
    for (ApplyMode mode : {ApplyMode::Create, ApplyMode::ServerSideApply}) {
        const ApplyResult r = one(yaml, options(mode));
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
        const QJsonArray volumes = r.object["spec"].toObject()["template"].toObject()["spec"].toObject()["volumes"].toArray();
        QCOMPARE(volumes.size(), 2);
        for (const QJsonValue &v : volumes)
            QCOMPARE(v.toObject()["secret"].toObject()["defaultMode"].toInt(), 420);
    }
}

void TestApplyEngine::clusterScopedGetsNoNamespace()
{
    const QByteArray yaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                            "metadata: {name: apply-reader, namespace: apply-test}\n"
                            "rules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n"
                            "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: apply-ns2}\n";
    for (ApplyMode mode : {ApplyMode::Create, ApplyMode::ServerSideApply}) {
        const QList<ApplyResult> r = run(yaml, options(mode));
        QCOMPARE(r.size(), 2);
        QCOMPARE(r.at(0).kind, QStringLiteral("Namespace"));   // Namespaces first
        for (const ApplyResult &x : r) {
            if (mode == ApplyMode::Create || x.ok()) {
                QVERIFY2(x.ok(), qPrintable(x.error ? x.error->message : QString()));
                QVERIFY(!x.applied["metadata"].toObject().contains("namespace"));
                QVERIFY(!x.object["metadata"].toObject().contains("namespace"));
                QVERIFY(x.namespaceName.isEmpty());
            }
        }
        QCOMPARE(r.at(1).reference(), QStringLiteral("clusterrole.rbac.authorization.k8s.io/apply-reader"));
        QVERIFY(r.at(1).warnings.join(QString()).contains(QStringLiteral("namespace \"apply-test\" ignored")));
    }
}

void TestApplyEngine::dockerRegistrySecretHasAuth()
{
    const QJsonObject secret = SecretCodec::dockerRegistrySecret(QStringLiteral("harbor"), QString(),
        {QStringLiteral("harbor.example.com"), QStringLiteral("robot"), QStringLiteral("s3cret"), QString()});
    const ApplyResult r = one(QJsonDocument(secret).toJson(), options(ApplyMode::ServerSideApply));
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    const QJsonObject live = get(QStringLiteral("secrets"), QStringLiteral("apply-test"), QStringLiteral("harbor"));
    QCOMPARE(live["type"].toString(), QStringLiteral("kubernetes.io/dockerconfigjson"));
    const auto config = SecretCodec::dockerConfig(live);
    QVERIFY(config.ok());
    const QJsonObject entry = config->value("auths").toObject()["harbor.example.com"].toObject();
    QCOMPARE(QByteArray::fromBase64(entry["auth"].toString().toLatin1()), QByteArray("robot:s3cret"));
    // The same .dockerconfigjson as kubectl create secret docker-registry writes.
    if (test::SandboxProcess::hasKubectl()) {
        const test::CommandResult k = m_sandbox.kubectl({"create", "secret", "docker-registry", "harbor", "--docker-server=harbor.example.com",
                                                         "--docker-username=robot", "--docker-password=s3cret", "--dry-run=client", "-o", "json"});
        QCOMPARE(k.exitCode, 0);
        const QJsonObject ks = QJsonDocument::fromJson(k.out.toUtf8()).object();
        QCOMPARE(ks["type"].toString(), secret["type"].toString());
        QCOMPARE(*SecretCodec::dockerConfig(ks), *config);
    }
    // Opened for editing (decoded) and saved again: unchanged.
    const SecretCodec::Decoded decoded = SecretCodec::decode(live);
    QVERIFY(decoded.object["stringData"].toObject().contains(".dockerconfigjson"));
    const ApplyResult resaved = one(QJsonDocument(*SecretCodec::encode(decoded.object)).toJson(), options(ApplyMode::ServerSideApply));
    QVERIFY2(resaved.ok(), qPrintable(resaved.error ? resaved.error->message : QString()));
    QVERIFY(!resaved.changed);
}

void TestApplyEngine::configMapBinaryData()
{
    const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: binary}\n"
                            "data: {text: hello}\nbinaryData: {logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB, raw: AP8A/w==}\n";
    const ApplyResult r = one(yaml, options(ApplyMode::ServerSideApply));
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    const QJsonObject live = get(QStringLiteral("configmaps"), QStringLiteral("apply-test"), QStringLiteral("binary"));
    QCOMPARE(live["binaryData"].toObject()["raw"].toString(), QStringLiteral("AP8A/w=="));
    QCOMPARE(live["binaryData"].toObject()["logo.png"].toString(), QStringLiteral("iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"));
    // The live object as YAML (the editor's text) applies back unchanged.
    QJsonObject edited = ApplyObjects::normalized(live);
    const ApplyResult back = one(api::yaml::dump(edited), options(ApplyMode::Apply));
    QVERIFY2(back.ok(), qPrintable(back.error ? back.error->message : QString()));
    QCOMPARE(back.action, QStringLiteral("unchanged"));
}

void TestApplyEngine::liveVersusMerged()
{
    QVERIFY(one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: diffed}\ndata: {a: \"1\"}\n", options(ApplyMode::ServerSideApply)).ok());
    std::optional<api::Result<QList<ApplyDiff>>> out;
    QObject ctx;
    m_engine->diff("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: diffed}\ndata: {a: \"2\"}\n"
                   "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {a: \"1\"}\n"
                   "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: brand-new}\n",
                   options(ApplyMode::ServerSideApply), &ctx, [&](const api::Result<QList<ApplyDiff>> &r) { out.emplace(r); });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 30000);
    QVERIFY(out && out->ok());
    const QList<ApplyDiff> d = out->value();
    QCOMPARE(d.size(), 3);
    QVERIFY(d.at(0).differs());
    QCOMPARE(d.at(0).fileName, QStringLiteral("v1.ConfigMap.apply-test.diffed"));
    QVERIFY(d.at(0).liveYaml.contains("a: \"1\""));
    QVERIFY(d.at(0).mergedYaml.contains("a: \"2\""));
    QVERIFY(!d.at(0).liveYaml.contains("managedFields"));
    QVERIFY(d.at(0).result.dryRun);
    QVERIFY(!d.at(1).differs());
    QVERIFY(d.at(2).liveYaml.isEmpty());
    QVERIFY(d.at(2).mergedYaml.contains("name: brand-new"));
    // Nothing was written.
    QCOMPARE(get(QStringLiteral("configmaps"), QStringLiteral("apply-test"), QStringLiteral("diffed"))["data"].toObject()["a"].toString(),
             QStringLiteral("1"));
    int status = 0;
    get(QStringLiteral("configmaps"), QStringLiteral("apply-test"), QStringLiteral("brand-new"), QString(), &status);
    QCOMPARE(status, 404);
}

void TestApplyEngine::contextDestroyedCancels()
{
    bool called = false;
    {
        QObject ctx;
        m_engine->apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cancelled}\n", options(ApplyMode::Create), &ctx,
                        [&](const api::Result<QList<ApplyResult>> &) { called = true; });
    }
    QTest::qWait(300);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestApplyEngine)
#include "tst_applyengine.moc"
