// Agreement of acp::models::PodSecurity with the upstream Kyverno pod-security policy library
// (../shared/testdata/kyverno-policies/pod-security, kyverno/policies at the commit SOURCES.md
// names). For every policy folder below, both Kyverno test suites are replayed through our
// evaluator at the level the policy implements:
//  - `.kyverno-test/kyverno-test.yaml`: each listed resource of `resource.yaml` must get the
//    expected `pass` / `fail`;
//  - `.chainsaw-test/`: every object of pod-good.yaml / podcontroller-good.yaml must pass and
//    every object of pod-bad.yaml / podcontroller-bad.yaml must fail.
// A single-control policy "fails" an object when our evaluator reports one of the PSS checks
// that implement that control (other checks' findings are ignored: those fixtures are built to
// exercise one control only); a `.kyverno-test` result names its rule, and for the two policies
// that split a check over two rules only that rule's fields count. Pattern policies are
// evaluated at the PSS version of the newest Kubernetes they were written for (their
// kyverno.io/kubernetes-version annotation, 1.22-1.23 -> v1.23), podSecurity rules at theirs. The `podSecurity` subrule policies check the whole level, minus
// the controls their `exclude` lists (with Kyverno's image patterns for container findings).
//
// Mapping upstream policy -> PSS level -> check IDs (PSA's, models/PodSecurityRegistry.cpp):
//   baseline/disallow-capabilities             baseline    capabilities_baseline
//   baseline/disallow-host-namespaces          baseline    hostNamespaces
//   baseline/disallow-host-path                baseline    hostPathVolumes
//   baseline/disallow-host-ports               baseline    hostPorts
//   baseline/disallow-host-process             baseline    windowsHostProcess
//   baseline/disallow-privileged-containers    baseline    privileged
//   baseline/disallow-proc-mount               baseline    procMount
//   baseline/disallow-selinux                  baseline    seLinuxOptions
//   baseline/restrict-apparmor-profiles        baseline    appArmorProfile
//   baseline/restrict-seccomp                  baseline    seccompProfile_baseline
//   baseline/restrict-sysctls                  baseline    sysctls
//   restricted/disallow-capabilities-strict    restricted  capabilities_restricted
//   restricted/disallow-privilege-escalation   restricted  allowPrivilegeEscalation
//   restricted/require-run-as-non-root-user    restricted  runAsUser
//   restricted/require-run-as-nonroot          restricted  runAsNonRoot
//   restricted/restrict-seccomp-strict         restricted  seccompProfile_restricted
//   restricted/restrict-volume-types           restricted  restrictedVolumes
//   subrule/podsecurity-subrule-baseline       baseline    every check (podSecurity level baseline, latest)
//   subrule/restricted/restricted-latest       restricted  every check (podSecurity level restricted, latest)
//   subrule/restricted/restricted-exclude-capabilities  restricted, Capabilities excluded for
//                                              images ghcr.io/kyverno/test-nginx*, redis*
//   subrule/restricted/restricted-exclude-seccomp       restricted, Seccomp excluded (pod and containers)
// Not mapped: baseline/disallow-host-ports-range (allows hostPorts 5000-6000: not a PSS
// control, PSS forbids every hostPort). The pod-security-cel/ copies test the same controls with
// the same fixtures and are not replayed twice.
#include "api/Yaml.h"
#include "models/PodSecurity.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QtTest>

using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

const QString kRoot = QStringLiteral(ACP_SHARED_DIR "/testdata/kyverno-policies/pod-security");

// Kyverno podSecurity exclude entry: a control, optionally limited to container images.
struct Exclusion {
    QStringList checks;
    QStringList images; // empty: the pod-level findings of the control
};

// Policies with several rules report per rule; a rule covers part of a check's fields.
struct RuleFields {
    const char *rule;
    const char *fieldPattern; // regular expression on the finding's field
};

struct Mapping {
    const char *folder;
    PssLevel level;
    QStringList checks; // empty: every check of the level
    QList<Exclusion> exclusions;
    QList<RuleFields> rules = {};
};

QList<Mapping> mappings()
{
    using L = PssLevel;
    const QStringList caps{u"capabilities_baseline"_s, u"capabilities_restricted"_s};
    const QStringList seccomp{u"seccompProfile_baseline"_s, u"seccompProfile_restricted"_s};
    return {
        {"baseline/disallow-capabilities", L::Baseline, {u"capabilities_baseline"_s}, {}},
        {"baseline/disallow-host-namespaces", L::Baseline, {u"hostNamespaces"_s}, {}},
        {"baseline/disallow-host-path", L::Baseline, {u"hostPathVolumes"_s}, {}},
        {"baseline/disallow-host-ports", L::Baseline, {u"hostPorts"_s}, {}},
        {"baseline/disallow-host-process", L::Baseline, {u"windowsHostProcess"_s}, {}},
        {"baseline/disallow-privileged-containers", L::Baseline, {u"privileged"_s}, {}},
        {"baseline/disallow-proc-mount", L::Baseline, {u"procMount"_s}, {}},
        {"baseline/disallow-selinux", L::Baseline, {u"seLinuxOptions"_s}, {},
         {{"selinux-type", "\\.type$"}, {"selinux-user-role", "\\.(user|role)$"}}},
        {"baseline/restrict-apparmor-profiles", L::Baseline, {u"appArmorProfile"_s}, {}},
        {"baseline/restrict-seccomp", L::Baseline, {u"seccompProfile_baseline"_s}, {}},
        {"baseline/restrict-sysctls", L::Baseline, {u"sysctls"_s}, {}},
        {"restricted/disallow-capabilities-strict", L::Restricted, {u"capabilities_restricted"_s}, {},
         {{"adding-capabilities-strict", "\\.capabilities\\.add\\["}, {"require-drop-all", "\\.capabilities\\.drop$"}}},
        {"restricted/disallow-privilege-escalation", L::Restricted, {u"allowPrivilegeEscalation"_s}, {}},
        {"restricted/require-run-as-non-root-user", L::Restricted, {u"runAsUser"_s}, {}},
        {"restricted/require-run-as-nonroot", L::Restricted, {u"runAsNonRoot"_s}, {}},
        {"restricted/restrict-seccomp-strict", L::Restricted, {u"seccompProfile_restricted"_s}, {}},
        {"restricted/restrict-volume-types", L::Restricted, {u"restrictedVolumes"_s}, {}},
        {"subrule/podsecurity-subrule-baseline", L::Baseline, {}, {}},
        {"subrule/restricted/restricted-latest", L::Restricted, {}, {}},
        {"subrule/restricted/restricted-exclude-capabilities", L::Restricted, {},
         {{caps, {u"ghcr.io/kyverno/test-nginx*"_s, u"redis*"_s}}}},
        {"subrule/restricted/restricted-exclude-seccomp", L::Restricted, {}, {{seccomp, {}}, {seccomp, {u"*"_s}}}},
    };
}

QList<QJsonObject> readObjects(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto docs = acp::api::yaml::parseAll(file.readAll(), path);
    if (!docs)
        qFatal("%s", qPrintable(docs.error().toString()));
    QList<QJsonObject> out;
    for (const auto &d : *docs)
        out.append(d.value.toObject());
    return out;
}

QString nameOf(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject().value(u"name"_s).toString();
}

// Image of the named container in the object's pod template.
QString imageOf(const QJsonObject &object, const QString &container)
{
    QJsonObject spec = object.value(u"spec"_s).toObject();
    const QString kind = object.value(u"kind"_s).toString();
    if (kind == u"CronJob"_s)
        spec = spec.value(u"jobTemplate"_s).toObject().value(u"spec"_s).toObject();
    if (kind != u"Pod"_s)
        spec = spec.value(u"template"_s).toObject().value(u"spec"_s).toObject();
    for (const auto &list : {u"initContainers"_s, u"containers"_s, u"ephemeralContainers"_s}) {
        for (const QJsonValue &c : spec.value(list).toArray()) {
            if (c.toObject().value(u"name"_s).toString() == container)
                return c.toObject().value(u"image"_s).toString();
        }
    }
    return QString();
}

// Kyverno's wildcard (ext/wildcard): '*' any run of characters ('/' included), '?' one.
bool globMatch(const QString &pattern, const QString &text)
{
    QString re = QRegularExpression::escape(pattern);
    re.replace(u"\\*"_s, u".*"_s).replace(u"\\?"_s, u"."_s);
    return QRegularExpression(QRegularExpression::anchoredPattern(re)).match(text).hasMatch();
}

bool excluded(const Mapping &m, const QJsonObject &object, const PssFinding &f)
{
    for (const Exclusion &e : m.exclusions) {
        if (!e.checks.contains(f.check))
            continue;
        if (e.images.isEmpty() && f.container.isEmpty())
            return true;
        const QString image = imageOf(object, f.container);
        for (const QString &pattern : e.images) {
            if (!f.container.isEmpty() && globMatch(pattern, image))
                return true;
        }
    }
    return false;
}

// The PSS version a policy implements: its podSecurity rule's version, else the newest
// Kubernetes version it was written for (annotation kyverno.io/kubernetes-version "1.22-1.23"
// -> v1.23; later PSS versions relaxed some controls the pattern policies still forbid, e.g.
// SELinux type container_engine_t since v1.31, procMount for user-namespaced pods).
PssVersion readVersionOf(const Mapping &m)
{
    const QString dir = kRoot + u'/' + QLatin1String(m.folder);
    const QString name = QString::fromLatin1(m.folder).section(u'/', -1);
    const QList<QJsonObject> docs = readObjects(dir + u'/' + name + u".yaml"_s);
    if (docs.isEmpty())
        qFatal("no policy in %s", qPrintable(dir));
    const QJsonObject policy = docs.first();
    for (const QJsonValue &rule : policy.value(u"spec"_s).toObject().value(u"rules"_s).toArray()) {
        const QJsonObject ps = rule.toObject().value(u"validate"_s).toObject().value(u"podSecurity"_s).toObject();
        if (!ps.isEmpty())
            return PodSecurity::parseVersion(ps.value(u"version"_s).toString()).value();
    }
    const QString k8s = policy.value(u"metadata"_s).toObject().value(u"annotations"_s).toObject()
                            .value(u"kyverno.io/kubernetes-version"_s).toString();
    return PodSecurity::parseVersion(u"v"_s + k8s.section(u'-', -1).trimmed()).value();
}

PssVersion versionOf(const Mapping &m)
{
    static QHash<QString, PssVersion> cache;
    const QString key = QString::fromLatin1(m.folder);
    if (!cache.contains(key))
        cache.insert(key, readVersionOf(m));
    return cache.value(key);
}

// The checks of the mapping (and rule, when given) our evaluator reports for the object
// (empty = the policy passes).
QStringList failedChecks(const Mapping &m, const QString &rule, const QJsonObject &object)
{
    QString fieldPattern;
    for (const RuleFields &r : m.rules) {
        if (rule == QLatin1String(r.rule))
            fieldPattern = QLatin1String(r.fieldPattern);
    }
    const QRegularExpression fieldRe(fieldPattern);
    const auto violations = PodSecurity::evaluate(object, m.level, versionOf(m));
    QStringList failed;
    for (const PssFinding &f : PodSecurity::findings(object, violations)) {
        if (!m.checks.isEmpty() && !m.checks.contains(f.check))
            continue;
        if (!fieldPattern.isEmpty() && !fieldRe.match(f.field).hasMatch())
            continue;
        if (!excluded(m, object, f) && !failed.contains(f.check))
            failed.append(f.check);
    }
    return failed;
}

} // namespace

class TestPssKyverno : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void kyvernoTest_data();
    void kyvernoTest();
    void chainsaw_data();
    void chainsaw();
    void everyPolicyMapped();
};

void TestPssKyverno::initTestCase()
{
    if (!QDir(kRoot).exists())
        QSKIP("kyverno-policies not found (../shared/testdata/kyverno-policies)");
}

void TestPssKyverno::kyvernoTest_data()
{
    QTest::addColumn<int>("mapping");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<bool>("expectFail");
    const QList<Mapping> all = mappings();
    for (int i = 0; i < all.size(); ++i) {
        const QString dir = kRoot + u'/' + QLatin1String(all[i].folder) + u"/.kyverno-test"_s;
        const QList<QJsonObject> tests = readObjects(dir + u"/kyverno-test.yaml"_s);
        QVERIFY2(!tests.isEmpty(), qPrintable(dir));
        QHash<QString, QJsonObject> resources; // kind/name -> object
        for (const QJsonObject &o : readObjects(dir + u"/resource.yaml"_s))
            resources.insert(o.value(u"kind"_s).toString() + u'/' + nameOf(o), o);
        for (const QJsonValue &r : tests.first().value(u"results"_s).toArray()) {
            const QJsonObject result = r.toObject();
            const QString expected = result.value(u"result"_s).toString();
            if (expected != u"pass"_s && expected != u"fail"_s)
                continue; // skip results are about match rules, not the control
            for (const QJsonValue &n : result.value(u"resources"_s).toArray()) {
                const QString key = result.value(u"kind"_s).toString() + u'/' + n.toString().section(u'/', -1);
                QVERIFY2(resources.contains(key), qPrintable(dir + u": no resource "_s + key));
                QTest::newRow(qPrintable(QLatin1String(all[i].folder) + u' ' + key))
                    << i << result.value(u"rule"_s).toString() << resources.value(key) << (expected == u"fail"_s);
            }
        }
    }
}

void TestPssKyverno::kyvernoTest()
{
    QFETCH(int, mapping);
    QFETCH(QString, rule);
    QFETCH(QJsonObject, object);
    QFETCH(bool, expectFail);
    const Mapping m = mappings().at(mapping);
    const QStringList failed = failedChecks(m, rule, object);
    QVERIFY2(failed.isEmpty() != expectFail,
             qPrintable(expectFail ? u"Kyverno expects fail, evaluator passes"_s
                                   : u"Kyverno expects pass, evaluator fails: "_s + failed.join(u", "_s)));
}

void TestPssKyverno::chainsaw_data()
{
    QTest::addColumn<int>("mapping");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<bool>("expectFail");
    const QList<Mapping> all = mappings();
    int rows = 0;
    for (int i = 0; i < all.size(); ++i) {
        const QString dir = kRoot + u'/' + QLatin1String(all[i].folder) + u"/.chainsaw-test"_s;
        for (const auto &file : {u"pod-good"_s, u"pod-bad"_s, u"podcontroller-good"_s, u"podcontroller-bad"_s}) {
            for (const QJsonObject &o : readObjects(dir + u'/' + file + u".yaml"_s)) {
                QTest::newRow(qPrintable(QLatin1String(all[i].folder) + u' ' + file + u' '
                                         + o.value(u"kind"_s).toString() + u'/' + nameOf(o)))
                    << i << QString() << o << file.endsWith(u"bad"_s); // the whole policy: any rule
                ++rows;
            }
        }
    }
    QVERIFY(rows > 100);
}

void TestPssKyverno::chainsaw()
{
    kyvernoTest();
}

// Every policy folder with a test suite is either mapped above or documented as not mapped.
void TestPssKyverno::everyPolicyMapped()
{
    QStringList mapped;
    for (const Mapping &m : mappings())
        mapped.append(QLatin1String(m.folder));
    const QStringList notMapped{u"baseline/disallow-host-ports-range"_s};
    QDirIterator it(kRoot, {u"kyverno-test.yaml"_s}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int seen = 0;
    while (it.hasNext()) {
        const QString folder = QDir(kRoot).relativeFilePath(QFileInfo(it.next()).dir().absolutePath()).section(u'/', 0, -2);
        QVERIFY2(mapped.contains(folder) || notMapped.contains(folder), qPrintable(folder));
        ++seen;
    }
    QCOMPARE(seen, mapped.size() + notMapped.size());
}

QTEST_GUILESS_MAIN(TestPssKyverno)
#include "tst_psskyverno.moc"
