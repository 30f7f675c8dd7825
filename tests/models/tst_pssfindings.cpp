// PodSecurity::findings and hasPodSpec: every failure names its check, the container the field
// belongs to and the field's path, for a Pod and the pod template of every workload kind PSA
// evaluates (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
// ReplicationController, PodTemplate); init and ephemeral containers; per-container AppArmor
// annotations; pod-level fields without a container.
#include "models/PodSecurity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// A pod spec with one violation of each kind of location.
const QByteArray kSpec = R"({
  "hostPID": true,
  "initContainers": [{"name": "init", "image": "i", "securityContext": {"privileged": true}}],
  "containers": [{"name": "app", "image": "i", "ports": [{"containerPort": 80, "hostPort": 80}]},
                 {"name": "side", "image": "i", "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}}}],
  "ephemeralContainers": [{"name": "dbg", "image": "i", "securityContext": {"procMount": "Unmasked"}}]
})";

QJsonObject wrap(const QString &kind, const QJsonObject &spec)
{
    const QJsonObject tmpl{{u"metadata"_s, QJsonObject{{u"labels"_s, QJsonObject{{u"a"_s, u"b"_s}}}}}, {u"spec"_s, spec}};
    QJsonObject o{{u"kind"_s, kind}, {u"metadata"_s, QJsonObject{{u"name"_s, u"x"_s}}}};
    if (kind == u"Pod"_s)
        o.insert(u"spec"_s, spec);
    else if (kind == u"CronJob"_s)
        o.insert(u"spec"_s, QJsonObject{{u"jobTemplate"_s, QJsonObject{{u"spec"_s, QJsonObject{{u"template"_s, tmpl}}}}}});
    else if (kind == u"PodTemplate"_s)
        o.insert(u"template"_s, tmpl);
    else
        o.insert(u"spec"_s, QJsonObject{{u"template"_s, tmpl}});
    return o;
}

} // namespace

class TestPssFindings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyKind_data();
    void everyKind();
    void annotations();
    void nothingToEvaluate();
};

void TestPssFindings::everyKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("Pod") << u"Pod"_s << u"spec"_s;
    for (const auto &kind : {u"Deployment"_s, u"StatefulSet"_s, u"DaemonSet"_s, u"ReplicaSet"_s, u"Job"_s, u"ReplicationController"_s})
        QTest::newRow(qPrintable(kind)) << kind << u"spec.template.spec"_s;
    QTest::newRow("CronJob") << u"CronJob"_s << u"spec.jobTemplate.spec.template.spec"_s;
    QTest::newRow("PodTemplate") << u"PodTemplate"_s << u"template.spec"_s;
}

void TestPssFindings::everyKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, prefix);
    const QJsonObject object = wrap(kind, json(kSpec));
    QVERIFY(PodSecurity::hasPodSpec(object));
    const auto violations = PodSecurity::evaluate(object, PssLevel::Baseline, PssVersion{});
    const QList<PssFinding> found = PodSecurity::findings(object, violations);
    const QList<PssFinding> expected{
        {u"capabilities_baseline"_s, u"side"_s, prefix + u".containers[1].securityContext.capabilities.add[0]"_s},
        {u"hostNamespaces"_s, QString(), prefix + u".hostPID"_s},
        {u"hostPorts"_s, u"app"_s, prefix + u".containers[0].ports[0].hostPort"_s},
        {u"privileged"_s, u"init"_s, prefix + u".initContainers[0].securityContext.privileged"_s},
        {u"procMount"_s, u"dbg"_s, prefix + u".ephemeralContainers[0].securityContext.procMount"_s},
    };
    QCOMPARE(found, expected);
    // At restricted, procMount is procMount_restricted and every container misses its settings.
    const QList<PssFinding> strict = PodSecurity::findings(object, PodSecurity::evaluate(object, PssLevel::Restricted, PssVersion{}));
    QVERIFY(strict.contains(PssFinding{u"procMount_restricted"_s, u"dbg"_s, prefix + u".ephemeralContainers[0].securityContext.procMount"_s}));
    for (const auto &[name, path] : {std::pair{u"init"_s, u".initContainers[0]"_s}, {u"app"_s, u".containers[0]"_s},
                                     {u"side"_s, u".containers[1]"_s}, {u"dbg"_s, u".ephemeralContainers[0]"_s}}) {
        const PssFinding f{u"allowPrivilegeEscalation"_s, name, prefix + path + u".securityContext.allowPrivilegeEscalation"_s};
        QVERIFY2(strict.contains(f), qPrintable(f.field));
    }
}

void TestPssFindings::annotations()
{
    const QJsonObject pod = json(R"({"kind": "Pod", "metadata": {"name": "p", "annotations": {
        "container.apparmor.security.beta.kubernetes.io/app": "unconfined"}},
        "spec": {"containers": [{"name": "app", "image": "i"}]}})");
    const QList<PssFinding> found = PodSecurity::findings(pod, PodSecurity::evaluate(pod, PssLevel::Baseline, PssVersion{}));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].check, u"appArmorProfile"_s);
    QCOMPARE(found[0].container, u"app"_s);
    QCOMPARE(found[0].field, u"metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]"_s);
}

void TestPssFindings::nothingToEvaluate()
{
    QVERIFY(!PodSecurity::hasPodSpec(json(R"({"kind": "ConfigMap", "metadata": {"name": "c"}})")));
    QVERIFY(!PodSecurity::hasPodSpec(json(R"({"kind": "Deployment", "spec": {}})")));
    QVERIFY(PodSecurity::hasPodSpec(json(R"({"spec": {"containers": []}})"))); // kind-less pod
    QVERIFY(PodSecurity::findings({}, {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestPssFindings)
#include "tst_pssfindings.moc"
