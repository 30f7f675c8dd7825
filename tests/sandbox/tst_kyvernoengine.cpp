// Tests of the sandbox's Kyverno engine: the pattern matcher and its anchors (KyvernoPattern),
// the blocked-request message (KyvernoEngine::blockedMessage, yaml.v2 folding), podSecurity
// exclusions (KyvernoPodSecurity), and the upstream pod-security policy library
// (../shared/testdata/kyverno-policies/pod-security): each policy applied as a namespaced
// Enforce Policy in a SimCluster with the sandbox's admission chain, each `.kyverno-test`
// resource admitted or rejected as the test's expected results say.
#include "api/Yaml.h"
#include "sandbox/Admission.h"
#include "sandbox/KyvernoEngine.h"
#include "sandbox/KyvernoPattern.h"
#include "sandbox/KyvernoPodSecurity.h"
#include "sandbox/Seed.h"
#include "sandbox/SimCluster.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <memory>

using namespace acp::sandbox;

namespace {

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object().value(QLatin1String("v"));
}

QString upstreamDir()
{
    return QStringLiteral(ACP_SHARED_DIR "/testdata/kyverno-policies/pod-security");
}

QJsonObject podWith(const QJsonObject &securityContext, const QString &image = QStringLiteral("nginx:1.27"))
{
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}, {QStringLiteral("namespace"), QStringLiteral("n")}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("containers"), QJsonArray{QJsonObject{
                            {QStringLiteral("name"), QStringLiteral("c")}, {QStringLiteral("image"), image},
                            {QStringLiteral("securityContext"), securityContext}}}}}}};
}

// Rules of a policy the sandbox does not evaluate (see KyvernoEngine.h), with the reason.
QString unsupportedReason(const QJsonObject &policy)
{
    for (const QJsonValue &r : policy.value(QLatin1String("spec")).toObject().value(QLatin1String("rules")).toArray()) {
        const QJsonObject rule = r.toObject();
        const QJsonObject validate = rule.value(QLatin1String("validate")).toObject();
        for (const char *k : {"deny", "foreach", "cel", "assert"})
            if (validate.contains(QLatin1String(k)))
                return QStringLiteral("rule %1 uses validate.%2 (JMESPath/CEL not implemented)").arg(rule.value(QLatin1String("name")).toString(), QLatin1String(k));
        if (rule.contains(QLatin1String("preconditions")))
            return QStringLiteral("rule %1 uses preconditions (JMESPath not implemented)").arg(rule.value(QLatin1String("name")).toString());
    }
    return QString();
}

} // namespace

class TestKyvernoEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pattern_data();
    void pattern();
    void scalar_data();
    void scalar();
    void blockedMessageFolding();
    void podSecurityMessage();
    void podSecurityExclude();
    void autogenAndMatch();
    void clusterPolicy();
    void upstream_data();
    void upstream();
};

// A ClusterPolicy applies in every namespace (except Kyverno's filtered system namespaces).
void TestKyvernoEngine::clusterPolicy()
{
    SimCluster cluster(QStringLiteral("c"));
    Admission::install(cluster);
    Seed::installCrds(&cluster, Seed::crds(QStringLiteral(ACP_SHARED_DIR), false));
    for (const char *ns : {"n", "kube-system"})
        QVERIFY(cluster.apply(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                          {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QLatin1String(ns)}}}}).ok());
    const QJsonObject policy = QJsonDocument::fromJson(R"j({"apiVersion":"kyverno.io/v1","kind":"ClusterPolicy","metadata":{"name":"cp"},
        "spec":{"validationFailureAction":"Enforce","rules":[{"name":"baseline","match":{"any":[{"resources":{"kinds":["Pod"]}}]},
        "validate":{"podSecurity":{"level":"baseline","version":"latest"}}}]}})j").object();
    QVERIFY(cluster.apply(policy).ok());
    QJsonObject pod = podWith(QJsonObject{{QStringLiteral("privileged"), true}});
    const ResourceType *pods = cluster.typeFor(pod);
    QVERIFY(pods);
    auto r = cluster.create(*pods, pod, WriteOptions{});
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QStringLiteral("resource Pod/n/p was blocked due to the following policies \n\ncp:\n  baseline: ")),
             qPrintable(r.error().message));
    QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("namespace"), QStringLiteral("kube-system"));
    pod.insert(QStringLiteral("metadata"), meta);
    QVERIFY(cluster.create(*pods, pod, WriteOptions{}).ok());
}

void TestKyvernoEngine::pattern_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("path");
    const int pass = PatternResult::Pass, fail = PatternResult::Fail, skip = PatternResult::Skip;
    // equality anchor: checked only when present
    QTest::newRow("=() absent") << R"j({"spec":{}})j" << R"j({"spec":{"=(hostNetwork)":"false"}})j" << pass << "";
    QTest::newRow("=() bad") << R"j({"spec":{"hostNetwork":true}})j" << R"j({"spec":{"=(hostNetwork)":"false"}})j" << fail << "/spec/hostNetwork/";
    QTest::newRow("=() good") << R"j({"spec":{"hostNetwork":false}})j" << R"j({"spec":{"=(hostNetwork)":"false"}})j" << pass << "";
    // plain key: required
    QTest::newRow("required missing") << R"j({"spec":{"containers":[{"name":"a"}]}})j"
                                      << R"j({"spec":{"containers":[{"securityContext":{"allowPrivilegeEscalation":"false"}}]}})j" << fail
                                      << "/spec/containers/0/securityContext/";
    QTest::newRow("required value") << R"j({"spec":{"containers":[{"name":"a","securityContext":{"allowPrivilegeEscalation":true}}]}})j"
                                    << R"j({"spec":{"containers":[{"securityContext":{"allowPrivilegeEscalation":"false"}}]}})j" << fail
                                    << "/spec/containers/0/securityContext/allowPrivilegeEscalation/";
    // negation anchor
    QTest::newRow("X() present") << R"j({"spec":{"volumes":[{"name":"a","emptyDir":{}},{"name":"b","hostPath":{"path":"/"}}]}})j"
                                 << R"j({"spec":{"=(volumes)":[{"X(hostPath)":"null"}]}})j" << fail << "/spec/volumes/1/hostPath/";
    QTest::newRow("X() absent") << R"j({"spec":{"volumes":[{"name":"a","emptyDir":{}}]}})j"
                                << R"j({"spec":{"=(volumes)":[{"X(hostPath)":"null"}]}})j" << pass << "";
    // conditional anchor: elements that do not satisfy it are skipped
    QTest::newRow("() in array") << R"j({"spec":{"containers":[{"name":"nginx","image":"nginx:latest"},{"name":"side","image":"busybox:latest"}]}})j"
                                 << R"j({"spec":{"containers":[{"(name)":"nginx*","image":"!*:latest"}]}})j" << fail << "/spec/containers/0/image/";
    QTest::newRow("() none apply") << R"j({"spec":{"containers":[{"name":"side","image":"busybox:latest"}]}})j"
                                   << R"j({"spec":{"containers":[{"(name)":"nginx*","image":"!*:latest"}]}})j" << skip << "";
    QTest::newRow("() top") << R"j({"metadata":{"labels":{"team":"b"}},"spec":{"x":1}})j"
                            << R"j({"metadata":{"labels":{"(team)":"a"}},"spec":{"x":2}})j" << skip << "";
    // global anchor: the whole rule is skipped when it does not hold
    QTest::newRow("<() skip") << R"j({"spec":{"containers":[{"image":"nginx:1","imagePullPolicy":"Never"}]}})j"
                              << R"j({"spec":{"containers":[{"<(image)":"corp.com/*","imagePullPolicy":"Always"}]}})j" << skip << "";
    QTest::newRow("<() fail") << R"j({"spec":{"containers":[{"image":"corp.com/x","imagePullPolicy":"Never"}]}})j"
                              << R"j({"spec":{"containers":[{"<(image)":"corp.com/*","imagePullPolicy":"Always"}]}})j" << fail
                              << "/spec/containers/0/imagePullPolicy/";
    // existence anchor: at least one element
    QTest::newRow("^() one") << R"j({"spec":{"containers":[{"image":"busybox"},{"image":"nginx:1"}]}})j"
                             << R"j({"spec":{"^(containers)":[{"image":"nginx*"}]}})j" << pass << "";
    QTest::newRow("^() none") << R"j({"spec":{"containers":[{"image":"busybox"}]}})j"
                              << R"j({"spec":{"^(containers)":[{"image":"nginx*"}]}})j" << fail << "/spec/containers/";
    // "*": present
    QTest::newRow("* missing") << R"j({"metadata":{"labels":{}}})j" << R"j({"metadata":{"labels":{"app":"*"}}})j" << fail << "/metadata/labels/";
    QTest::newRow("?* empty") << R"j({"metadata":{"labels":{"app":""}}})j" << R"j({"metadata":{"labels":{"app":"?*"}}})j" << fail
                              << "/metadata/labels/app/";
    // wildcard keys (metadata annotations)
    QTest::newRow("wildcard key") << R"j({"metadata":{"annotations":{"container.apparmor.security.beta.kubernetes.io/c":"unconfined"}}})j"
                                  << R"j({"=(metadata)":{"=(annotations)":{"=(container.apparmor.security.beta.kubernetes.io/*)":"runtime/default | localhost/*"}}})j"
                                  << fail << "/metadata/annotations/container.apparmor.security.beta.kubernetes.io/c/";
    QTest::newRow("wildcard key ok") << R"j({"metadata":{"annotations":{"container.apparmor.security.beta.kubernetes.io/c":"localhost/prof"}}})j"
                                     << R"j({"=(metadata)":{"=(annotations)":{"=(container.apparmor.security.beta.kubernetes.io/*)":"runtime/default | localhost/*"}}})j"
                                     << pass << "";
    // anyPattern-style alternatives are rules; numeric comparisons inside patterns
    QTest::newRow(">0") << R"j({"spec":{"securityContext":{"runAsUser":0}}})j" << R"j({"spec":{"=(securityContext)":{"=(runAsUser)":">0"}}})j"
                        << fail << "/spec/securityContext/runAsUser/";
    QTest::newRow("int pattern") << R"j({"spec":{"containers":[{"ports":[{"hostPort":0},{"hostPort":80}]}]}})j"
                                 << R"j({"spec":{"containers":[{"=(ports)":[{"=(hostPort)":0}]}]}})j" << fail << "/spec/containers/0/ports/1/hostPort/";
    QTest::newRow("structure") << R"j({"spec":"x"})j" << R"j({"spec":{"a":"b"}})j" << fail << "/spec/";
}

void TestKyvernoEngine::pattern()
{
    QFETCH(QString, resource);
    QFETCH(QString, pattern);
    QFETCH(int, status);
    QFETCH(QString, path);
    const PatternResult r = KyvernoPattern::match(QJsonDocument::fromJson(resource.toUtf8()).object(),
                                                  QJsonDocument::fromJson(pattern.toUtf8()).object());
    QCOMPARE(int(r.status), status);
    if (status == PatternResult::Fail)
        QCOMPARE(r.path, path);
}

void TestKyvernoEngine::scalar_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("matches");
    QTest::newRow("wildcard *") << R"j({"v":"nginx:1.27"})j" << R"j({"v":"nginx:*"})j" << true;
    QTest::newRow("wildcard ?") << R"j({"v":"ab"})j" << R"j({"v":"a?"})j" << true;
    QTest::newRow("wildcard ? short") << R"j({"v":"a"})j" << R"j({"v":"a?"})j" << false;
    QTest::newRow("not") << R"j({"v":"nginx:latest"})j" << R"j({"v":"!*:latest"})j" << false;
    QTest::newRow("not ok") << R"j({"v":"nginx:1"})j" << R"j({"v":"!*:latest"})j" << true;
    QTest::newRow("or") << R"j({"v":"Localhost"})j" << R"j({"v":"RuntimeDefault | Localhost"})j" << true;
    QTest::newRow("or no") << R"j({"v":"Unconfined"})j" << R"j({"v":"RuntimeDefault | Localhost"})j" << false;
    QTest::newRow("and") << R"j({"v":5})j" << R"j({"v":">1 & <10"})j" << true;
    QTest::newRow("and no") << R"j({"v":50})j" << R"j({"v":">1 & <10"})j" << false;
    QTest::newRow(">=") << R"j({"v":1000})j" << R"j({"v":">=1000"})j" << true;
    QTest::newRow("<=") << R"j({"v":1001})j" << R"j({"v":"<=1000"})j" << false;
    QTest::newRow("< quantity") << R"j({"v":"512Mi"})j" << R"j({"v":"<1Gi"})j" << true;
    QTest::newRow("range") << R"j({"v":5500})j" << R"j({"v":"5000-6000"})j" << true;
    QTest::newRow("not range") << R"j({"v":5500})j" << R"j({"v":"5000!-6000"})j" << false;
    QTest::newRow("bool as string") << R"j({"v":false})j" << R"j({"v":"false"})j" << true;
    QTest::newRow("missing vs string") << R"j({})j" << R"j({"v":"false"})j" << false;
    QTest::newRow("bool") << R"j({"v":true})j" << R"j({"v":true})j" << true;
    QTest::newRow("number") << R"j({"v":0})j" << R"j({"v":0})j" << true;
    QTest::newRow("null") << R"j({})j" << R"j({"v":null})j" << true;
    QTest::newRow("null vs value") << R"j({"v":"x"})j" << R"j({"v":null})j" << false;
}

void TestKyvernoEngine::scalar()
{
    QFETCH(QString, value);
    QFETCH(QString, pattern);
    QFETCH(bool, matches);
    QCOMPARE(KyvernoPattern::matchValue(json(qPrintable(value)), json(qPrintable(pattern))), matches);
}

// The folding of yaml.v2 as Kyverno's denials show it (eks-workshop, Kyverno 1.13).
void TestKyvernoEngine::blockedMessageFolding()
{
    KyvernoRuleResult r;
    r.rule = QStringLiteral("baseline");
    r.status = KyvernoRuleResult::Fail;
    r.message = QStringLiteral("Validation rule 'baseline' failed. It violates PodSecurity \"baseline:latest\": (Forbidden reason: privileged, "
                               "field error list: [spec.template.spec.containers[0].securityContext.privileged is forbidden, forbidden values found: true])");
    const QString msg = KyvernoEngine::blockedMessage(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("privileged-deploy"),
                                                      {{QStringLiteral("baseline-policy"), {r}}});
    QCOMPARE(msg, QStringLiteral("\n\nresource Deployment/default/privileged-deploy was blocked due to the following policies \n\n"
                                 "baseline-policy:\n"
                                 "  baseline: 'Validation rule ''baseline'' failed. It violates PodSecurity \"baseline:latest\":\n"
                                 "    (Forbidden reason: privileged, field error list: [spec.template.spec.containers[0].securityContext.privileged\n"
                                 "    is forbidden, forbidden values found: true])'\n"));
    KyvernoRuleResult labels;
    labels.rule = QStringLiteral("autogen-check-for-labels");
    labels.status = KyvernoRuleResult::Fail;
    labels.message = QStringLiteral("validation error: The label `app.kubernetes.io/name` is required. Rule autogen-check-for-labels failed at "
                                    "path /spec/template/metadata/labels/app.kubernetes.io/name/");
    KyvernoRuleResult passed;
    passed.rule = QStringLiteral("other");
    QCOMPARE(KyvernoEngine::blockedMessage(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("inflate"),
                                           {{QStringLiteral("require-labels"), {labels, passed}}}),
             QStringLiteral("\n\nresource Deployment/default/inflate was blocked due to the following policies \n\n"
                            "require-labels:\n"
                            "  autogen-check-for-labels: 'validation error: The label `app.kubernetes.io/name`\n"
                            "    is required. Rule autogen-check-for-labels failed at path /spec/template/metadata/labels/app.kubernetes.io/name/'\n"));
    QVERIFY(KyvernoEngine::blockedMessage(QStringLiteral("Pod"), QStringLiteral("n"), QStringLiteral("p"), {{QStringLiteral("x"), {passed}}}).isEmpty());
}

void TestKyvernoEngine::podSecurityMessage()
{
    const QJsonObject baseline{{QStringLiteral("level"), QStringLiteral("baseline")}, {QStringLiteral("version"), QStringLiteral("latest")}};
    const auto o = KyvernoPodSecurity::evaluate(QStringLiteral("baseline"), baseline, podWith(QJsonObject{{QStringLiteral("privileged"), true}}));
    QVERIFY(!o.allowed);
    QCOMPARE(o.message, QStringLiteral("Validation rule 'baseline' failed. It violates PodSecurity \"baseline:latest\": (Forbidden reason: "
                                       "privileged, field error list: [spec.containers[0].securityContext.privileged is forbidden, forbidden values found: true])"));
    QCOMPARE(o.properties.value(QLatin1String("controls")).toString(), QStringLiteral("privileged"));
    const auto ok = KyvernoPodSecurity::evaluate(QStringLiteral("baseline"), baseline, podWith({}));
    QVERIFY(ok.allowed);
    QCOMPARE(ok.message, QStringLiteral("Validation rule 'baseline' passed."));
    // Restricted on an unhardened container: missing fields are "Required value"; the checks
    // come in check-ID order.
    const QJsonObject restricted{{QStringLiteral("level"), QStringLiteral("restricted")}, {QStringLiteral("version"), QStringLiteral("latest")}};
    const auto r = KyvernoPodSecurity::evaluate(QStringLiteral("restricted"), restricted, podWith({}));
    QStringList ids;
    for (const auto &c : r.checks)
        ids << c.id;
    QCOMPARE(ids, (QStringList{QStringLiteral("allowPrivilegeEscalation"), QStringLiteral("capabilities_restricted"),
                               QStringLiteral("runAsNonRoot"), QStringLiteral("seccompProfile_restricted")}));
    QVERIFY2(r.message.contains(QStringLiteral("spec.containers[0].securityContext.allowPrivilegeEscalation: Required value")), qPrintable(r.message));
}

void TestKyvernoEngine::podSecurityExclude()
{
    // restricted with Capabilities excluded for nginx* images: the capability checks go, the
    // others stay; a busybox container is still held to every check.
    QJsonObject ps{{QStringLiteral("level"), QStringLiteral("restricted")}, {QStringLiteral("version"), QStringLiteral("latest")},
                   {QStringLiteral("exclude"), QJsonArray{QJsonObject{{QStringLiteral("controlName"), QStringLiteral("Capabilities")},
                                                                      {QStringLiteral("images"), QJsonArray{QStringLiteral("nginx*")}}}}}};
    const QJsonObject hardenedNoDrop{{QStringLiteral("allowPrivilegeEscalation"), false}, {QStringLiteral("runAsNonRoot"), true},
                                     {QStringLiteral("seccompProfile"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RuntimeDefault")}}},
                                     {QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("add"), QJsonArray{QStringLiteral("NET_ADMIN")}}}}};
    QVERIFY(KyvernoPodSecurity::evaluate(QStringLiteral("r"), ps, podWith(hardenedNoDrop)).allowed);
    const auto busy = KyvernoPodSecurity::evaluate(QStringLiteral("r"), ps, podWith(hardenedNoDrop, QStringLiteral("busybox:1.36")));
    QVERIFY(!busy.allowed);
    QCOMPARE(busy.checks.size(), 2);   // capabilities_baseline (NET_ADMIN) and capabilities_restricted
    // restrictedField + values: only the listed value is exempted.
    ps.insert(QStringLiteral("exclude"), QJsonArray{QJsonObject{
        {QStringLiteral("controlName"), QStringLiteral("Capabilities")}, {QStringLiteral("images"), QJsonArray{QStringLiteral("*")}},
        {QStringLiteral("restrictedField"), QStringLiteral("spec.containers[*].securityContext.capabilities.add")},
        {QStringLiteral("values"), QJsonArray{QStringLiteral("NET_ADMIN")}}}});
    const auto add = KyvernoPodSecurity::evaluate(QStringLiteral("r"), ps, podWith(hardenedNoDrop, QStringLiteral("busybox:1.36")));
    QStringList ids;
    for (const auto &c : add.checks)
        ids << c.id;
    QCOMPARE(ids, QStringList{QStringLiteral("capabilities_restricted")});   // drop ALL still required
    // Pod-level exclusion: Host Namespaces without images.
    QJsonObject hostPod = podWith({});
    QJsonObject spec = hostPod.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("hostNetwork"), true);
    hostPod.insert(QStringLiteral("spec"), spec);
    const QJsonObject baselineExcl{{QStringLiteral("level"), QStringLiteral("baseline")},
                                   {QStringLiteral("exclude"), QJsonArray{QJsonObject{{QStringLiteral("controlName"), QStringLiteral("Host Namespaces")}}}}};
    QVERIFY(KyvernoPodSecurity::evaluate(QStringLiteral("b"), baselineExcl, hostPod).allowed);
    QCOMPARE(KyvernoPodSecurity::controlName(QStringLiteral("privileged")), QStringLiteral("Privileged Containers"));
}

void TestKyvernoEngine::autogenAndMatch()
{
    QJsonObject policy = QJsonDocument::fromJson(R"j({"apiVersion":"kyverno.io/v1","kind":"Policy",
        "metadata":{"name":"p","namespace":"n"},
        "spec":{"validationFailureAction":"Enforce","rules":[
          {"name":"no-priv","match":{"any":[{"resources":{"kinds":["Pod"]}}]},
           "exclude":{"any":[{"resources":{"namespaces":["kube-*"]}}]},
           "validate":{"message":"no privileged","pattern":{"spec":{"containers":[{"=(securityContext)":{"=(privileged)":"false"}}]}}}},
          {"name":"labelled","match":{"any":[{"resources":{"kinds":["Pod"],"selector":{"matchLabels":{"tier":"web"}}}}]},
           "validate":{"pattern":{"metadata":{"labels":{"owner":"?*"}}}}}]}})j").object();
    const QJsonObject container{{QStringLiteral("name"), QStringLiteral("c")}, {QStringLiteral("image"), QStringLiteral("x")},
                                {QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("privileged"), true}}}};
    const QJsonObject deploy{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("kind"), QStringLiteral("Deployment")},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("d")}, {QStringLiteral("namespace"), QStringLiteral("n")}}},
                             {QStringLiteral("spec"), QJsonObject{{QStringLiteral("template"), QJsonObject{
                                  {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), QJsonObject{{QStringLiteral("tier"), QStringLiteral("web")}}}}},
                                  {QStringLiteral("spec"), QJsonObject{{QStringLiteral("containers"), QJsonArray{container}}}}}}}}};
    KyvernoRequest req;
    req.object = deploy;
    req.operation = QStringLiteral("CREATE");
    auto results = KyvernoEngine::evaluate(policy, req);
    QCOMPARE(results.size(), 1);   // the selector rule is not auto-generated
    QCOMPARE(results[0].rule, QStringLiteral("autogen-no-priv"));
    QCOMPARE(results[0].status, KyvernoRuleResult::Fail);
    QVERIFY(results[0].enforce);
    QCOMPARE(results[0].message, QStringLiteral("validation error: no privileged. rule autogen-no-priv failed at path "
                                                "/spec/template/spec/containers/0/securityContext/privileged/"));
    // autogen-controllers: none
    QJsonObject meta = policy.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("annotations"), QJsonObject{{QStringLiteral("pod-policies.kyverno.io/autogen-controllers"), QStringLiteral("none")}});
    QJsonObject noAutogen = policy;
    noAutogen.insert(QStringLiteral("metadata"), meta);
    QVERIFY(KyvernoEngine::evaluate(noAutogen, req).isEmpty());
    // CronJob: autogen-cronjob-
    QJsonObject cron{{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")}, {QStringLiteral("kind"), QStringLiteral("CronJob")},
                     {QStringLiteral("metadata"), deploy.value(QLatin1String("metadata"))},
                     {QStringLiteral("spec"), QJsonObject{{QStringLiteral("jobTemplate"), QJsonObject{{QStringLiteral("spec"), deploy.value(QLatin1String("spec"))}}}}}};
    req.object = cron;
    results = KyvernoEngine::evaluate(policy, req);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].rule, QStringLiteral("autogen-cronjob-no-priv"));
    QCOMPARE(results[0].status, KyvernoRuleResult::Fail);
    // exclude by namespace; UPDATE of an already failing object is allowed (allowExistingViolations)
    QJsonObject pod = podWith(QJsonObject{{QStringLiteral("privileged"), true}});
    req.object = pod;
    QCOMPARE(KyvernoEngine::evaluate(policy, req).value(0).status, KyvernoRuleResult::Fail);
    req.operation = QStringLiteral("UPDATE");
    req.oldObject = pod;
    QCOMPARE(KyvernoEngine::evaluate(policy, req).value(0).status, KyvernoRuleResult::Skip);
    QJsonObject sysPod = pod;
    QJsonObject m = sysPod.value(QLatin1String("metadata")).toObject();
    m.insert(QStringLiteral("namespace"), QStringLiteral("kube-system"));
    sysPod.insert(QStringLiteral("metadata"), m);
    req.object = sysPod;
    req.operation = QStringLiteral("CREATE");
    QVERIFY(KyvernoEngine::evaluate(policy, req).isEmpty());
}

void TestKyvernoEngine::upstream_data()
{
    QTest::addColumn<QString>("dir");
    QDirIterator it(upstreamDir(), {QStringLiteral("kyverno-test.yaml")}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList dirs;
    while (it.hasNext())
        dirs << QFileInfo(it.next()).dir().absolutePath();
    dirs.sort();
    QVERIFY2(dirs.size() >= 15, qPrintable(upstreamDir()));
    for (const QString &d : std::as_const(dirs)) {
        const QString policyDir = QFileInfo(d).dir().absolutePath();
        QTest::newRow(qPrintable(QDir(upstreamDir()).relativeFilePath(policyDir))) << d;
    }
}

void TestKyvernoEngine::upstream()
{
    QFETCH(QString, dir);
    auto readYaml = [](const QString &path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return QList<QJsonObject>();
        QList<QJsonObject> out;
        auto docs = acp::api::yaml::parseAll(f.readAll(), path);
        if (docs)
            for (const auto &d : *docs)
                out << d.value.toObject();
        return out;
    };
    const QJsonObject test = readYaml(dir + QStringLiteral("/kyverno-test.yaml")).value(0);
    const QString policyFile = QDir(dir).absoluteFilePath(test.value(QLatin1String("policies")).toArray().at(0).toString());
    QJsonObject policy = readYaml(policyFile).value(0);
    QVERIFY2(!policy.isEmpty(), qPrintable(policyFile));
    if (const QString why = unsupportedReason(policy); !why.isEmpty())
        QSKIP(qPrintable(why));

    // The ClusterPolicy as an Enforce Policy in one namespace of a cluster with the sandbox's
    // admission chain and the Kyverno CRDs.
    SimCluster cluster(QStringLiteral("c"));
    Admission::install(cluster);
    Seed::installCrds(&cluster, Seed::crds(QStringLiteral(ACP_SHARED_DIR), false));
    const QString ns = QStringLiteral("upstream");
    QVERIFY(cluster.apply(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                      {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), ns}}}}).ok());
    const QString policyName = policy.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    policy.insert(QStringLiteral("kind"), QStringLiteral("Policy"));
    policy.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), policyName}, {QStringLiteral("namespace"), ns}});
    QJsonObject spec = policy.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("validationFailureAction"), QStringLiteral("Enforce"));
    policy.insert(QStringLiteral("spec"), spec);
    auto stored = cluster.apply(policy);
    QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));

    QHash<QString, QPair<QString, QString>> expected;   // "Kind/name" -> (result, rule)
    for (const QJsonValue &v : test.value(QLatin1String("results")).toArray()) {
        const QJsonObject r = v.toObject();
        for (const QJsonValue &name : r.value(QLatin1String("resources")).toArray())
            expected.insert(r.value(QLatin1String("kind")).toString() + QLatin1Char('/') + name.toString(),
                            {r.value(QLatin1String("result")).toString(), r.value(QLatin1String("rule")).toString()});
    }
    int checked = 0;
    for (const QJsonValue &file : test.value(QLatin1String("resources")).toArray()) {
        for (QJsonObject obj : readYaml(QDir(dir).absoluteFilePath(file.toString()))) {
            const QString kind = obj.value(QLatin1String("kind")).toString();
            QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
            const QString name = meta.value(QLatin1String("name")).toString();
            const auto exp = expected.value(kind + QLatin1Char('/') + name);
            if (exp.first.isEmpty())
                continue;   // not in the expected results
            meta.insert(QStringLiteral("namespace"), ns);
            obj.insert(QStringLiteral("metadata"), meta);
            const ResourceType *type = cluster.typeFor(obj);
            QVERIFY2(type, qPrintable(kind));
            WriteOptions opts;
            opts.dryRun = true;   // admission only: resources of one test may share names
            const auto r = cluster.create(*type, obj, opts);
            const QString where = QStringLiteral("%1 %2/%3").arg(QDir(upstreamDir()).relativeFilePath(dir), kind, name);
            if (exp.first == QLatin1String("fail")) {
                QVERIFY2(!r.ok(), qPrintable(where + QStringLiteral(": admitted, expected fail")));
                const QString msg = r.error().message;
                QCOMPARE(r.error().httpStatus, 400);
                QVERIFY2(msg.startsWith(QStringLiteral("admission webhook \"validate.kyverno.svc-fail\" denied the request: \n\nresource %1/%2/%3 was blocked due to the following policies \n\n%4:\n")
                                            .arg(kind, ns, name, policyName)),
                         qPrintable(where + QStringLiteral(": ") + msg));
                const QString rule = kind == QLatin1String("Pod") ? exp.second
                    : kind == QLatin1String("CronJob")            ? QStringLiteral("autogen-cronjob-") + exp.second
                                                                  : QStringLiteral("autogen-") + exp.second;
                QVERIFY2(msg.contains(QStringLiteral("\n  %1: ").arg(rule)), qPrintable(where + QStringLiteral(": ") + msg));
            } else {
                QVERIFY2(r.ok(), qPrintable(where + QStringLiteral(": rejected, expected ") + exp.first + QStringLiteral(": ")
                                            + (r.ok() ? QString() : r.error().message)));
            }
            ++checked;
        }
    }
    QVERIFY(checked > 0);
}

QTEST_GUILESS_MAIN(TestKyvernoEngine)
#include "tst_kyvernoengine.moc"
