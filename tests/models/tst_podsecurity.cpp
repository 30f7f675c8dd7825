// Tests for acp::models::PodSecurity, the Pod Security Standards evaluator.
// Upstream PSA fixtures (../shared/testdata/psa-fixtures) give the verdicts; message texts are
// kube-apiserver's (k8s.io/pod-security-admission/policy check tests).
#include "api/Yaml.h"
#include "models/PodSecurity.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

const QString kFixtures = QStringLiteral(ACP_SHARED_DIR "/testdata/psa-fixtures");

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// RFC 7386 merge patch (null removes, objects merge, everything else replaces).
QJsonObject merge(QJsonObject target, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it->isNull())
            target.remove(it.key());
        else if (it->isObject())
            target.insert(it.key(), merge(target.value(it.key()).toObject(), it->toObject()));
        else
            target.insert(it.key(), *it);
    }
    return target;
}

// A pod that passes restricted:latest; rows patch it.
QJsonObject restrictedPod(const QByteArray &patch = "{}")
{
    static const QJsonObject base = json(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
        "spec": {"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
                 "containers": [{"name": "c", "image": "i", "securityContext": {
                     "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}})");
    return merge(base, json(patch));
}

PssVersion version(const char *text)
{
    return PodSecurity::parseVersion(QString::fromLatin1(text)).value();
}

QStringList checksOf(const QList<PssViolation> &violations)
{
    QStringList ids;
    for (const PssViolation &v : violations)
        ids.append(v.check);
    return ids;
}

// At restricted level these baseline checks are replaced by the restricted check that
// overrides them (policy/registry.go), so their fixtures fail that check instead.
const QHash<QString, QString> kOverriddenBy{
    {u"hostpathvolumes"_s, u"restrictedvolumes"_s},
    {u"capabilities_baseline"_s, u"capabilities_restricted"_s},
    {u"seccompprofile_baseline"_s, u"seccompprofile_restricted"_s},
    {u"procmount"_s, u"procmount_restricted"_s},
};

int g_fixturesPassed = 0;
int g_fixturesFailedAsExpected = 0;

} // namespace

class TestPodSecurity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase();
    void fixtures_data();
    void fixtures();
    void parseLevel();
    void parseVersion_data();
    void parseVersion();
    void checkOrder();
    void typicalPodMessages();
    void workloadTemplates_data();
    void workloadTemplates();
    void versionGating_data();
    void versionGating();
    void messages_data();
    void messages();
    void fieldPaths();
};

void TestPodSecurity::cleanupTestCase()
{
    if (g_fixturesPassed + g_fixturesFailedAsExpected > 0)
        qInfo("PSA fixtures: %d pass fixtures allowed, %d fail fixtures rejected by their check",
              g_fixturesPassed, g_fixturesFailedAsExpected);
}

void TestPodSecurity::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<PssLevel>("level");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("check");

    const QDir root(kFixtures);
    if (!root.exists())
        QSKIP(qPrintable(u"PSA fixtures not found at %1 (../shared/testdata/psa-fixtures)"_s.arg(kFixtures)));
    QStringList files;
    QDirIterator it(kFixtures, {u"*.yaml"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    static const QRegularExpression trailingDigits(u"\\d+$"_s);
    for (const QString &file : files) {
        const QString rel = root.relativeFilePath(file);
        const QStringList parts = rel.split(u'/'); // <level>/<version>/<pass|fail>/<check><n>.yaml
        if (parts.size() != 4)
            continue;
        const auto level = PodSecurity::parseLevel(parts[0]);
        QVERIFY2(level && PodSecurity::parseVersion(parts[1]), qPrintable(rel));
        QString check = QFileInfo(parts[3]).completeBaseName();
        check.remove(trailingDigits);
        QTest::newRow(qPrintable(rel)) << file << *level << parts[1] << (parts[2] == u"pass"_s) << check;
    }
}

void TestPodSecurity::fixtures()
{
    QFETCH(QString, file);
    QFETCH(PssLevel, level);
    QFETCH(QString, version);
    QFETCH(bool, allowed);
    QFETCH(QString, check);

    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto docs = acp::api::yaml::parseAll(f.readAll(), file);
    QVERIFY2(docs.ok(), qPrintable(docs.ok() ? QString() : docs.error().toString()));
    QCOMPARE(docs->size(), 1);
    const QJsonObject pod = docs->first().value.toObject();
    QCOMPARE(pod.value(u"kind"_s).toString(), u"Pod"_s);

    const PssVersion v = *PodSecurity::parseVersion(version);
    const QList<PssViolation> violations = PodSecurity::evaluate(pod, level, v);
    const QString detail = PodSecurity::forbiddenDetail(violations);
    if (allowed) {
        QVERIFY2(violations.isEmpty(), qPrintable(detail));
        ++g_fixturesPassed;
        return;
    }
    QVERIFY2(!violations.isEmpty(), "expected the pod to be rejected");
    QStringList failed = checksOf(violations);
    for (QString &id : failed)
        id = id.toLower();
    QStringList active = PodSecurity::checkIds(level, v);
    for (QString &id : active)
        id = id.toLower();
    QString expected = check;
    if (!active.contains(expected)) {
        QVERIFY2(kOverriddenBy.contains(expected), qPrintable(u"check %1 is not active"_s.arg(expected)));
        expected = kOverriddenBy.value(expected);
        QVERIFY2(active.contains(expected), qPrintable(expected));
    }
    QVERIFY2(failed.contains(expected), qPrintable(u"expected %1 to fail; got: %2"_s.arg(expected, detail)));
    ++g_fixturesFailedAsExpected;
}

void TestPodSecurity::parseLevel()
{
    QCOMPARE(PodSecurity::parseLevel(u"privileged"_s), PssLevel::Privileged);
    QCOMPARE(PodSecurity::parseLevel(u"baseline"_s), PssLevel::Baseline);
    QCOMPARE(PodSecurity::parseLevel(u"restricted"_s), PssLevel::Restricted);
    QVERIFY(!PodSecurity::parseLevel(u"Restricted"_s));
    QVERIFY(!PodSecurity::parseLevel(QString()));
    QCOMPARE(PodSecurity::levelName(PssLevel::Baseline), u"baseline"_s);
}

void TestPodSecurity::parseVersion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("minor");
    QTest::addColumn<bool>("latest");
    QTest::addColumn<QString>("name");

    QTest::newRow("latest") << u"latest"_s << true << 0 << true << u"latest"_s;
    QTest::newRow("v1.0") << u"v1.0"_s << true << 0 << false << u"v1.0"_s;
    QTest::newRow("v1.25") << u"v1.25"_s << true << 25 << false << u"v1.25"_s;
    QTest::newRow("v1.99 is newer than known: latest") << u"v1.99"_s << true << 99 << true << u"v1.99"_s;
    for (const char *bad : {"", "Latest", "1.25", "v2.0", "v1.", "v1.01", "V1.25", "v1.25.0", "v1.-1", " v1.2"})
        QTest::newRow(qPrintable(u"invalid '%1'"_s.arg(QLatin1String(bad)))) << QString::fromLatin1(bad) << false << 0
                                                                           << false << QString();
}

void TestPodSecurity::parseVersion()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, minor);
    QFETCH(bool, latest);
    QFETCH(QString, name);
    const auto v = PodSecurity::parseVersion(text);
    QCOMPARE(v.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(v->major, 1);
    QCOMPARE(v->minor, minor);
    QCOMPARE(v->latest, latest);
    QCOMPARE(PodSecurity::versionName(*v), name);
    QVERIFY(PodSecurity::latestKnownMinor() >= 35);
    QVERIFY(PodSecurity::latestKnownMinor() < 99);
}

void TestPodSecurity::checkOrder()
{
    QCOMPARE(PodSecurity::checkIds(PssLevel::Privileged, PssVersion{}), QStringList());
    QCOMPARE(PodSecurity::checkIds(PssLevel::Baseline, PssVersion{}),
             (QStringList{u"appArmorProfile"_s, u"capabilities_baseline"_s, u"hostNamespaces"_s,
                          u"hostPathVolumes"_s, u"hostPorts"_s, u"hostProbesAndHostLifecycle"_s, u"privileged"_s,
                          u"procMount"_s, u"seLinuxOptions"_s, u"seccompProfile_baseline"_s, u"sysctls"_s,
                          u"windowsHostProcess"_s}));
    QCOMPARE(PodSecurity::checkIds(PssLevel::Restricted, PssVersion{}),
             (QStringList{u"appArmorProfile"_s, u"hostNamespaces"_s, u"hostPorts"_s,
                          u"hostProbesAndHostLifecycle"_s, u"privileged"_s, u"seLinuxOptions"_s, u"sysctls"_s,
                          u"windowsHostProcess"_s, u"allowPrivilegeEscalation"_s, u"capabilities_restricted"_s,
                          u"procMount_restricted"_s, u"restrictedVolumes"_s, u"runAsNonRoot"_s, u"runAsUser"_s,
                          u"seccompProfile_restricted"_s}));
    QCOMPARE(PodSecurity::checkIds(PssLevel::Restricted, version("v1.0")),
             (QStringList{u"appArmorProfile"_s, u"capabilities_baseline"_s, u"hostNamespaces"_s, u"hostPorts"_s,
                          u"privileged"_s, u"procMount"_s, u"seLinuxOptions"_s, u"seccompProfile_baseline"_s,
                          u"sysctls"_s, u"windowsHostProcess"_s, u"restrictedVolumes"_s, u"runAsNonRoot"_s}));
    QCOMPARE(PodSecurity::checkIds(PssLevel::Restricted, version("v1.99")),
             PodSecurity::checkIds(PssLevel::Restricted, PssVersion{}));
}

void TestPodSecurity::typicalPodMessages()
{
    const QJsonObject pod = json(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"},
                                      "spec": {"containers": [{"name": "x", "image": "nginx"}]}})");
    const auto violations = PodSecurity::evaluate(pod, PssLevel::Restricted, PssVersion{});
    const QString detail = uR"(allowPrivilegeEscalation != false (container "x" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "x" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "x" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "x" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"))"_s;
    QCOMPARE(PodSecurity::forbiddenMessage(u"x"_s, PssLevel::Restricted, PssVersion{}, violations),
             uR"(pods "x" is forbidden: violates PodSecurity "restricted:latest": )"_s + detail);
    QCOMPARE(PodSecurity::warningMessage(PssLevel::Restricted, PssVersion{}, violations),
             uR"(would violate PodSecurity "restricted:latest": )"_s + detail);
    QCOMPARE(PodSecurity::forbiddenMessage(QString(), PssLevel::Restricted, version("v1.99"), violations),
             uR"(pods is forbidden: violates PodSecurity "restricted:v1.99": )"_s + detail);
    QCOMPARE(violations.first().check, u"allowPrivilegeEscalation"_s);
    QCOMPARE(violations.first().summary, u"allowPrivilegeEscalation != false"_s);
    QCOMPARE(violations.first().containers, QStringList{u"x"_s});
    QCOMPARE(violations.first().fields, QStringList{u"spec.containers[0].securityContext.allowPrivilegeEscalation"_s});
    QVERIFY(PodSecurity::evaluate(pod, PssLevel::Baseline, PssVersion{}).isEmpty());
    QVERIFY(PodSecurity::evaluate(pod, PssLevel::Privileged, PssVersion{}).isEmpty());
    QCOMPARE(PodSecurity::forbiddenMessage(u"x"_s, PssLevel::Baseline, PssVersion{}, {}), QString());
}

void TestPodSecurity::workloadTemplates_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QString>("prefix"); // empty: nothing to evaluate

    const QByteArray tpl = R"({"metadata": {"labels": {"a": "b"}},
        "spec": {"containers": [{"name": "app", "image": "i", "securityContext": {"privileged": true}}]}})";
    for (const char *kind : {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"})
        QTest::newRow(kind) << QByteArray(R"({"kind": ")" + QByteArray(kind) + R"(", "spec": {"template": )" + tpl + "}}")
                            << u"spec.template."_s;
    QTest::newRow("CronJob") << QByteArray(R"({"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": )" + tpl + "}}}}")
                             << u"spec.jobTemplate.spec.template."_s;
    QTest::newRow("PodTemplate") << QByteArray(R"({"kind": "PodTemplate", "template": )" + tpl + "}") << u"template."_s;
    QTest::newRow("Pod without kind") << tpl << QString();
    QTest::newRow("Deployment without template") << QByteArray(R"({"kind": "Deployment", "spec": {}})") << u"-"_s;
    QTest::newRow("Service") << QByteArray(R"({"kind": "Service", "spec": {"template": )" + tpl + "}}") << u"-"_s;
}

void TestPodSecurity::workloadTemplates()
{
    QFETCH(QByteArray, object);
    QFETCH(QString, prefix);
    const auto violations = PodSecurity::evaluate(json(object), PssLevel::Baseline, PssVersion{});
    if (prefix == u"-"_s) {
        QVERIFY(violations.isEmpty());
        return;
    }
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations[0].check, u"privileged"_s);
    QCOMPARE(violations[0].detail, uR"(container "app" must not set securityContext.privileged=true)"_s);
    QCOMPARE(violations[0].fields, QStringList{prefix + u"spec.containers[0].securityContext.privileged"_s});
    QCOMPARE(PodSecurity::warningMessage(PssLevel::Baseline, PssVersion{}, violations),
             uR"(would violate PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true))"_s);
}

void TestPodSecurity::versionGating_data()
{
    QTest::addColumn<QByteArray>("patch"); // merge patch on restrictedPod()
    QTest::addColumn<PssLevel>("level");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("failed");

    const auto R = PssLevel::Restricted;
    const auto B = PssLevel::Baseline;
    const QByteArray windows = R"({"spec": {"os": {"name": "windows"}, "securityContext": {"seccompProfile": null},
        "containers": [{"name": "c", "image": "i"}]}})";
    const QStringList linuxOnly{u"allowPrivilegeEscalation"_s, u"capabilities_restricted"_s, u"seccompProfile_restricted"_s};
    QTest::newRow("windows v1.24") << windows << R << u"v1.24"_s << linuxOnly;
    QTest::newRow("windows v1.25") << windows << R << u"v1.25"_s << QStringList();
    QTest::newRow("windows latest") << windows << R << u"latest"_s << QStringList();

    auto sysctl = [](const char *name) -> QByteArray {
        return R"({"spec": {"securityContext": {"sysctls": [{"name": ")" + QByteArray(name) + R"(", "value": "1"}]}}})";
    };
    const QStringList sysctls{u"sysctls"_s};
    QTest::newRow("ip_local_reserved_ports v1.26") << sysctl("net.ipv4.ip_local_reserved_ports") << B << u"v1.26"_s << sysctls;
    QTest::newRow("ip_local_reserved_ports v1.27") << sysctl("net.ipv4.ip_local_reserved_ports") << B << u"v1.27"_s << QStringList();
    QTest::newRow("tcp_keepalive_time v1.28") << sysctl("net.ipv4.tcp_keepalive_time") << B << u"v1.28"_s << sysctls;
    QTest::newRow("tcp_keepalive_time v1.29") << sysctl("net.ipv4.tcp_keepalive_time") << B << u"v1.29"_s << QStringList();
    QTest::newRow("tcp_rmem v1.31") << sysctl("net.ipv4.tcp_rmem") << R << u"v1.31"_s << sysctls;
    QTest::newRow("tcp_rmem v1.32") << sysctl("net.ipv4.tcp_rmem") << R << u"v1.32"_s << QStringList();
    QTest::newRow("kernel.msgmax latest") << sysctl("kernel.msgmax") << B << u"latest"_s << sysctls;

    const QByteArray engine = R"({"spec": {"securityContext": {"seLinuxOptions": {"type": "container_engine_t"}}}})";
    QTest::newRow("container_engine_t v1.30") << engine << B << u"v1.30"_s << QStringList{u"seLinuxOptions"_s};
    QTest::newRow("container_engine_t v1.31") << engine << B << u"v1.31"_s << QStringList();

    const QByteArray probeHost = R"({"spec": {"containers": [{"name": "c", "image": "i",
        "livenessProbe": {"httpGet": {"host": "10.0.0.1", "port": 80}}}]}})";
    QTest::newRow("probe host v1.33") << probeHost << B << u"v1.33"_s << QStringList();
    QTest::newRow("probe host v1.34") << probeHost << B << u"v1.34"_s << QStringList{u"hostProbesAndHostLifecycle"_s};

    const QByteArray root = R"({"spec": {"securityContext": {"runAsUser": 0}}})";
    QTest::newRow("runAsUser=0 v1.22") << root << R << u"v1.22"_s << QStringList();
    QTest::newRow("runAsUser=0 v1.23") << root << R << u"v1.23"_s << QStringList{u"runAsUser"_s};

    const QByteArray noDrop = R"({"spec": {"containers": [{"name": "c", "image": "i",
        "securityContext": {"allowPrivilegeEscalation": false}}]}})";
    QTest::newRow("no drop ALL v1.21") << noDrop << R << u"v1.21"_s << QStringList();
    QTest::newRow("no drop ALL v1.22") << noDrop << R << u"v1.22"_s << QStringList{u"capabilities_restricted"_s};

    const QByteArray noSeccomp = R"({"spec": {"securityContext": {"seccompProfile": null}}})";
    QTest::newRow("no seccomp v1.18") << noSeccomp << R << u"v1.18"_s << QStringList();
    QTest::newRow("no seccomp v1.19") << noSeccomp << R << u"v1.19"_s << QStringList{u"seccompProfile_restricted"_s};

    const QByteArray escalation = R"({"spec": {"containers": [{"name": "c", "image": "i",
        "securityContext": {"capabilities": {"drop": ["ALL"]}}}]}})";
    QTest::newRow("escalation v1.7") << escalation << R << u"v1.7"_s << QStringList();
    QTest::newRow("escalation v1.8") << escalation << R << u"v1.8"_s << QStringList{u"allowPrivilegeEscalation"_s};

    const QByteArray annotation = R"({"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}}})";
    QTest::newRow("seccomp annotation v1.18") << annotation << B << u"v1.18"_s << QStringList{u"seccompProfile_baseline"_s};
    QTest::newRow("seccomp annotation v1.19") << annotation << B << u"v1.19"_s << QStringList();

    const QByteArray userns = R"({"spec": {"hostUsers": false, "securityContext": {"runAsNonRoot": false, "runAsUser": 0},
        "containers": [{"name": "c", "image": "i", "securityContext": {"allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]}, "procMount": "Unmasked"}}]}})";
    QTest::newRow("userns baseline v1.34") << userns << B << u"v1.34"_s << QStringList{u"procMount"_s};
    QTest::newRow("userns baseline v1.35") << userns << B << u"v1.35"_s << QStringList();
    QTest::newRow("userns restricted v1.34") << userns << R << u"v1.34"_s
                                             << QStringList{u"procMount"_s, u"runAsNonRoot"_s, u"runAsUser"_s};
    QTest::newRow("userns restricted v1.35") << userns << R << u"v1.35"_s << QStringList{u"procMount_restricted"_s};

    const QByteArray image = R"({"spec": {"volumes": [{"name": "v", "image": {"reference": "r"}},
        {"name": "d"}, {"name": "e", "ephemeral": {}}]}})";
    QTest::newRow("image volume v1.0") << image << R << u"v1.0"_s << QStringList();
    QTest::newRow("image volume latest") << image << R << u"latest"_s << QStringList();
}

void TestPodSecurity::versionGating()
{
    QFETCH(QByteArray, patch);
    QFETCH(PssLevel, level);
    QFETCH(QString, version);
    QFETCH(QStringList, failed);
    const auto violations = PodSecurity::evaluate(restrictedPod(patch), level, *PodSecurity::parseVersion(version));
    QCOMPARE(checksOf(violations), failed);
}

void TestPodSecurity::messages_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<PssLevel>("level");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("detail"); // PodSecurity::forbiddenDetail()

    const auto B = PssLevel::Baseline;
    const auto R = PssLevel::Restricted;
    QTest::newRow("apparmor annotations") << QByteArray(R"({"kind": "Pod", "metadata": {"annotations": {
        "container.apparmor.security.beta.kubernetes.io/": "bogus", "container.apparmor.security.beta.kubernetes.io/a": "",
        "container.apparmor.security.beta.kubernetes.io/b": "runtime/default",
        "container.apparmor.security.beta.kubernetes.io/c": "localhost/", "container.apparmor.security.beta.kubernetes.io/d": "localhost/foo",
        "container.apparmor.security.beta.kubernetes.io/e": "unconfined", "container.apparmor.security.beta.kubernetes.io/f": "unknown"}},
        "spec": {}})") << B << u"latest"_s
        << uR"(forbidden AppArmor profiles (annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/="bogus"", "container.apparmor.security.beta.kubernetes.io/e="unconfined"", "container.apparmor.security.beta.kubernetes.io/f="unknown""))"_s;
    QTest::newRow("apparmor fields") << QByteArray(R"({"kind": "Pod", "spec": {"securityContext": {"appArmorProfile": {"type": "Unconfined"}},
        "containers": [{"name": "foo", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}]}})") << B << u"v1.0"_s
        << uR"(forbidden AppArmor profile (pod and container "foo" must not set AppArmor profile type to "Unconfined"))"_s;
    QTest::newRow("selinux") << QByteArray(R"({"kind": "Pod", "spec": {"securityContext": {"seLinuxOptions": {"type": "foo", "user": "bar", "role": "baz"}},
        "containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"type": "container_t"}}},
                       {"name": "d", "securityContext": {"seLinuxOptions": {"type": "bar"}}},
                       {"name": "e", "securityContext": {"seLinuxOptions": {"user": "bar"}}},
                       {"name": "f", "securityContext": {"seLinuxOptions": {"role": "baz"}}}]}})") << B << u"latest"_s
        << uR"(seLinuxOptions (pod and containers "d", "e", "f" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set))"_s;
    QTest::newRow("host namespaces, ports, privileged") << QByteArray(R"({"kind": "Pod", "spec": {"hostNetwork": true, "hostIPC": true,
        "containers": [{"name": "a", "securityContext": {"privileged": true}, "ports": [{"containerPort": 1, "hostPort": 8080}, {"containerPort": 2, "hostPort": 80}]},
                       {"name": "b", "ports": [{"containerPort": 3}]}]}})") << B << u"latest"_s
        << uR"(host namespaces (hostNetwork=true, hostIPC=true), hostPort (container "a" uses hostPorts 80, 8080), privileged (container "a" must not set securityContext.privileged=true))"_s;
    QTest::newRow("capabilities and hostPath") << QByteArray(R"({"kind": "Pod", "spec": {
        "volumes": [{"name": "h1", "hostPath": {"path": "/"}}, {"name": "ok", "emptyDir": {}}, {"name": "h2", "hostPath": {"path": "/x"}}],
        "containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["SYS_ADMIN", "CHOWN", "NET_RAW"]}}}]}})") << B << u"latest"_s
        << uR"(non-default capabilities (container "a" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add), hostPath volumes (volumes "h1", "h2"))"_s;
    QTest::newRow("procMount, seccomp, sysctls, hostProcess") << QByteArray(R"({"kind": "Pod", "spec": {
        "securityContext": {"seccompProfile": {"type": "Unconfined"}, "sysctls": [{"name": "a"}, {"name": "kernel.shm_rmid_forced"}, {"name": "b"}],
                            "windowsOptions": {"hostProcess": true}},
        "initContainers": [{"name": "i", "securityContext": {"procMount": "Unmasked"}}],
        "containers": [{"name": "a", "securityContext": {"procMount": "Unmasked", "seccompProfile": {"type": "Unconfined"},
                                                          "windowsOptions": {"hostProcess": true}}}]}})") << B << u"latest"_s
        << uR"(procMount (containers "i", "a" must not set securityContext.procMount to "Unmasked"), seccompProfile (pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"), forbidden sysctls (a, b), hostProcess (pod and container "a" must not set securityContext.windowsOptions.hostProcess=true))"_s;
    QTest::newRow("seccomp annotations") << QByteArray(R"({"kind": "Pod", "metadata": {"annotations": {
        "seccomp.security.alpha.kubernetes.io/pod": "unconfined", "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/b": "runtime/default"}},
        "spec": {"containers": [{"name": "a"}, {"name": "b"}]}})") << B << u"v1.0"_s
        << uR"(seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined"))"_s;
    QTest::newRow("probe hosts") << QByteArray(R"({"kind": "Pod", "spec": {"containers": [
        {"name": "b", "readinessProbe": {"tcpSocket": {"host": "example.com", "port": 1}}},
        {"name": "a", "lifecycle": {"preStop": {"httpGet": {"host": "10.0.0.1", "port": 1}}}, "startupProbe": {"httpGet": {"host": "", "port": 1}}}]}})")
        << B << u"latest"_s
        << uR"(probe or lifecycle host (containers "a", "b" use probe or lifecycle hosts "10.0.0.1", "example.com"))"_s;
    const QByteArray restrictedBase = R"({"kind": "Pod", "spec": {"securityContext": {"runAsNonRoot": false, "runAsUser": 0,
        "seccompProfile": {"type": "Unconfined"}},
        "volumes": [{"name": "n", "nfs": {"server": "s", "path": "/"}}, {"name": "h", "hostPath": {"path": "/"}}, {"name": "s", "secret": {}}],
        "containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": true, "runAsNonRoot": false, "runAsUser": 0,
                        "capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMIN"]}}}]}})";
    QTest::newRow("restricted") << restrictedBase << R << u"latest"_s
        << uR"(allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]; container "c" must not include "SYS_ADMIN" in securityContext.capabilities.add), restricted volume types (volumes "n", "h" use restricted volume types "hostPath", "nfs"), runAsNonRoot != true (pod and container "c" must not set securityContext.runAsNonRoot=false), runAsUser=0 (pod and container "c" must not set runAsUser=0), seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined"))"_s;
    QTest::newRow("restricted v1.0") << restrictedBase << R << u"v1.0"_s
        << uR"(non-default capabilities (container "c" must not include "SYS_ADMIN" in securityContext.capabilities.add), restricted volume types (volumes "n", "h" use restricted volume types "hostPath", "nfs"), runAsNonRoot != true (pod and container "c" must not set securityContext.runAsNonRoot=false))"_s;
}

void TestPodSecurity::messages()
{
    QFETCH(QByteArray, object);
    QFETCH(PssLevel, level);
    QFETCH(QString, version);
    QFETCH(QString, detail);
    const auto violations = PodSecurity::evaluate(json(object), level, *PodSecurity::parseVersion(version));
    QCOMPARE(PodSecurity::forbiddenDetail(violations), detail);
}

void TestPodSecurity::fieldPaths()
{
    const QJsonObject pod = restrictedPod(R"({"spec": {
        "initContainers": [{"name": "init", "image": "i", "securityContext": {"capabilities": {"drop": ["ALL"]}}}],
        "ephemeralContainers": [{"name": "debug", "image": "i", "securityContext": {"capabilities": {"drop": ["ALL"]}}}],
        "volumes": [{"name": "ok", "emptyDir": {}}, {"name": "h", "hostPath": {"path": "/"}}]}})");
    const auto violations = PodSecurity::evaluate(pod, PssLevel::Restricted, PssVersion{});
    QCOMPARE(checksOf(violations), (QStringList{u"allowPrivilegeEscalation"_s, u"restrictedVolumes"_s}));
    QCOMPARE(violations[0].containers, (QStringList{u"init"_s, u"debug"_s}));
    QCOMPARE(violations[0].fields, (QStringList{u"spec.initContainers[0].securityContext.allowPrivilegeEscalation"_s,
                                                u"spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation"_s}));
    QCOMPARE(violations[1].fields, QStringList{u"spec.volumes[1].hostPath"_s});
    QCOMPARE(violations[1].detail, uR"(volume "h" uses restricted volume type "hostPath")"_s);

    const auto implicit = PodSecurity::evaluate(restrictedPod(R"({"spec": {"securityContext": null}})"),
                                                PssLevel::Restricted, PssVersion{});
    QCOMPARE(checksOf(implicit), (QStringList{u"runAsNonRoot"_s, u"seccompProfile_restricted"_s}));
    QCOMPARE(implicit[0].fields, (QStringList{u"spec.securityContext.runAsNonRoot"_s,
                                              u"spec.containers[0].securityContext.runAsNonRoot"_s}));
    QCOMPARE(implicit[1].detail,
             uR"(pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"_s);
}

QTEST_GUILESS_MAIN(TestPodSecurity)
#include "tst_podsecurity.moc"
