// PssTemplateCatalog without a cluster: the four built-in templates (compiled-in resource),
// their levels, texts and labels, their fields checked against the Kyverno Policy CRD schema
// (../shared/testdata/crds/kyverno), the constructs they use (podSecurity, pattern/anyPattern
// only), policyFor() for a namespace and mode, and ConsoleYAMLSample parsing.
#include "api/Yaml.h"
#include "models/PssTemplateCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

const QString kPolicyCrd = QStringLiteral(ACP_SHARED_DIR "/testdata/crds/kyverno/kyverno/kyverno.io_policies.yaml");

// Every key of `value` is declared by `schema` (objects without properties, preserve-unknown
// fields and additionalProperties accept anything). Returns the first undeclared path.
QString undeclared(const QJsonValue &value, const QJsonObject &schema, const QString &path)
{
    if (schema.value(u"x-kubernetes-preserve-unknown-fields"_s).toBool())
        return QString();
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (const QString bad = undeclared(item, schema.value(u"items"_s).toObject(), path + u"[]"_s); !bad.isEmpty())
                return bad;
        }
        return QString();
    }
    if (!value.isObject())
        return QString();
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    if (properties.isEmpty())
        return QString();
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString field = path + u'.' + it.key();
        if (!properties.contains(it.key()))
            return field;
        if (const QString bad = undeclared(it.value(), properties.value(it.key()).toObject(), field); !bad.isEmpty())
            return bad;
    }
    return QString();
}

QJsonObject policySchema()
{
    QFile f(kPolicyCrd);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto crd = acp::api::yaml::parseOne(f.readAll(), kPolicyCrd);
    if (!crd)
        return {};
    for (const QJsonValue &v : crd->toObject().value(u"spec"_s).toObject().value(u"versions"_s).toArray()) {
        if (v.toObject().value(u"name"_s).toString() == u"v1"_s)
            return v.toObject().value(u"schema"_s).toObject().value(u"openAPIV3Schema"_s).toObject();
    }
    return {};
}

} // namespace

class TestPssTemplates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtIns();
    void schemaFields();
    void constructs();
    void policyFor();
    void modes();
    void samples();
};

void TestPssTemplates::builtIns()
{
    const QList<PssTemplate> all = PssTemplateCatalog::builtIns();
    QCOMPARE(all.size(), 4);
    const QStringList names{u"privileged"_s, u"baseline"_s, u"nonroot"_s, u"restricted"_s};
    const QList<PssLevel> levels{PssLevel::Privileged, PssLevel::Baseline, PssLevel::Baseline, PssLevel::Restricted};
    for (int i = 0; i < 4; ++i) {
        const PssTemplate &t = all[i];
        QCOMPARE(t.name, names[i]);
        QVERIFY(t.builtIn);
        QCOMPARE(t.level, std::optional<PssLevel>(levels[i]));
        // Nonroot's run-as-non-root rule: the preview evaluates Restricted's runAsNonRoot too.
        QCOMPARE(t.extraChecks, t.name == u"nonroot"_s ? QStringList{u"runAsNonRoot"_s} : QStringList());
        QVERIFY2(t.title.endsWith(u"Pod Security Standards"_s), qPrintable(t.title));
        QVERIFY2(t.description.size() > 150, qPrintable(t.description));
        QVERIFY(!t.description.contains(u'\n'));
        QCOMPARE(t.policy.value(u"apiVersion"_s).toString(), u"kyverno.io/v1"_s);
        QCOMPARE(t.policy.value(u"kind"_s).toString(), u"Policy"_s);
        const QJsonObject meta = t.policy.value(u"metadata"_s).toObject();
        QCOMPARE(meta.value(u"labels"_s).toObject().value(PssTemplateCatalog::templateLabel()).toString(), t.name);
        QVERIFY(!meta.contains(u"namespace"_s));
    }
    QVERIFY(PssTemplateCatalog::builtIn(u"nonroot"_s));
    QVERIFY(!PssTemplateCatalog::builtIn(u"anyuid"_s));
    // The same titles as the Policies the sandbox seeds (sandbox/SeedApps.cpp kyvernoPolicy()).
    QCOMPARE(PssTemplateCatalog::builtIn(u"restricted"_s)->title, u"Restricted Pod Security Standards"_s);
    QCOMPARE(PssTemplateCatalog::builtIn(u"baseline"_s)->title, u"Baseline Pod Security Standards"_s);
}

void TestPssTemplates::schemaFields()
{
    const QJsonObject schema = policySchema();
    if (schema.isEmpty())
        QSKIP("Kyverno Policy CRD not found (../shared/testdata/crds/kyverno)");
    for (const PssTemplate &t : PssTemplateCatalog::builtIns()) {
        const QJsonObject policy = PssTemplateCatalog::policyFor(t, u"ns"_s, PssMode::Enforce);
        QCOMPARE(undeclared(policy, schema, t.name), QString());
    }
    // The check itself catches an invented field.
    QJsonObject bad = PssTemplateCatalog::builtIns().first().policy;
    QJsonObject spec = bad.value(u"spec"_s).toObject();
    spec.insert(u"failurePolicyMode"_s, u"x"_s);
    bad.insert(u"spec"_s, spec);
    QCOMPARE(undeclared(bad, schema, u"bad"_s), u"bad.spec.failurePolicyMode"_s);
}

// Only what the sandbox enforces: podSecurity {level, version} or pattern / anyPattern, with
// a message; rules match Pods (Kyverno derives the workload rules).
void TestPssTemplates::constructs()
{
    for (const PssTemplate &t : PssTemplateCatalog::builtIns()) {
        const QJsonArray rules = t.policy.value(u"spec"_s).toObject().value(u"rules"_s).toArray();
        QVERIFY(!rules.isEmpty());
        bool hasPodSecurity = false;
        for (const QJsonValue &r : rules) {
            const QJsonObject rule = r.toObject();
            QCOMPARE(rule.value(u"match"_s).toObject().value(u"any"_s).toArray().at(0).toObject()
                         .value(u"resources"_s).toObject().value(u"kinds"_s).toArray(), QJsonArray{u"Pod"_s});
            const QJsonObject validate = rule.value(u"validate"_s).toObject();
            QStringList keys = validate.keys();
            keys.removeAll(u"message"_s);
            QCOMPARE(keys.size(), 1);
            QVERIFY2(keys[0] == u"podSecurity"_s || keys[0] == u"pattern"_s || keys[0] == u"anyPattern"_s, qPrintable(keys[0]));
            if (keys[0] == u"podSecurity"_s) {
                hasPodSecurity = true;
                const QJsonObject ps = validate.value(u"podSecurity"_s).toObject();
                QCOMPARE(ps.value(u"level"_s).toString(), PodSecurity::levelName(*t.level));
                QCOMPARE(ps.value(u"version"_s).toString(), u"latest"_s);
            }
        }
        QVERIFY(hasPodSecurity);
    }
    // Nonroot: the baseline rule plus runAsNonRoot for the pod or every container.
    const QJsonArray nonroot = PssTemplateCatalog::builtIn(u"nonroot"_s)->policy.value(u"spec"_s).toObject().value(u"rules"_s).toArray();
    QCOMPARE(nonroot.size(), 2);
    const QJsonArray any = nonroot.at(1).toObject().value(u"validate"_s).toObject().value(u"anyPattern"_s).toArray();
    QCOMPARE(any.size(), 2);
    QCOMPARE(any.at(0).toObject().value(u"spec"_s).toObject().value(u"securityContext"_s).toObject().value(u"runAsNonRoot"_s), QJsonValue(true));
    QCOMPARE(any.at(1).toObject().value(u"spec"_s).toObject().value(u"containers"_s).toArray().at(0).toObject()
                 .value(u"securityContext"_s).toObject().value(u"runAsNonRoot"_s), QJsonValue(true));
}

void TestPssTemplates::policyFor()
{
    const PssTemplate t = *PssTemplateCatalog::builtIn(u"restricted"_s);
    const QJsonObject p = PssTemplateCatalog::policyFor(t, u"alpha-dev"_s, PssMode::Enforce);
    QCOMPARE(p.value(u"metadata"_s).toObject().value(u"namespace"_s).toString(), u"alpha-dev"_s);
    QCOMPARE(p.value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"restricted"_s);
    QCOMPARE(p.value(u"spec"_s).toObject().value(u"validationFailureAction"_s).toString(), u"Enforce"_s);
    QCOMPARE(PssTemplateCatalog::policyFor(t, u"x"_s, PssMode::Audit).value(u"spec"_s).toObject()
                 .value(u"validationFailureAction"_s).toString(), u"Audit"_s);
    // The YAML is the same object.
    const auto parsed = acp::api::yaml::parseOne(PssTemplateCatalog::policyYaml(t, u"alpha-dev"_s, PssMode::Enforce));
    QVERIFY(parsed);
    QCOMPARE(parsed->toObject(), p);
}

void TestPssTemplates::modes()
{
    QCOMPARE(PssTemplateCatalog::parseMode(u"Enforce"_s), std::optional(PssMode::Enforce));
    QCOMPARE(PssTemplateCatalog::parseMode(u"audit"_s), std::optional(PssMode::Audit));
    QVERIFY(!PssTemplateCatalog::parseMode(u"Block"_s));
    QCOMPARE(PssTemplateCatalog::modeName(PssMode::Audit), u"Audit"_s);
}

void TestPssTemplates::samples()
{
    const QByteArray policy = PssTemplateCatalog::policyYaml(*PssTemplateCatalog::builtIn(u"baseline"_s), u"x"_s, PssMode::Audit);
    QJsonObject sample{{u"apiVersion"_s, u"console.alauda.io/v1"_s}, {u"kind"_s, u"ConsoleYAMLSample"_s},
                       {u"metadata"_s, QJsonObject{{u"name"_s, u"hostnetwork"_s}}},
                       {u"spec"_s, QJsonObject{{u"targetResource"_s, QJsonObject{{u"apiVersion"_s, u"kyverno.io/v1"_s}, {u"kind"_s, u"Policy"_s}}},
                                               {u"title"_s, u"Host network"_s}, {u"description"_s, u"Allows hostNetwork."_s},
                                               {u"yaml"_s, QString::fromUtf8(policy)}}}};
    const auto t = PssTemplateCatalog::fromSample(sample, u"business-1"_s);
    QVERIFY(t);
    QCOMPARE(t->name, u"hostnetwork"_s);
    QCOMPARE(t->title, u"Host network"_s);
    QCOMPARE(t->description, u"Allows hostNetwork."_s);
    QCOMPARE(t->cluster, u"business-1"_s);
    QCOMPARE(t->level, std::optional(PssLevel::Baseline));
    QVERIFY(!t->builtIn);
    QCOMPARE(t->policyName, u"baseline"_s);   // the Policy's own name, from spec.yaml
    // Applied from the catalog, a sample is labelled "sample.<its name>": a sample named like a
    // built-in stays distinguishable from it.
    QCOMPARE(PssTemplateCatalog::templateId(*t), u"sample.hostnetwork"_s);
    QCOMPARE(PssTemplateCatalog::templateId(*PssTemplateCatalog::builtIn(u"baseline"_s)), u"baseline"_s);
    const QJsonObject applied = PssTemplateCatalog::policyFor(*t, u"n"_s, PssMode::Audit);
    QCOMPARE(applied.value(u"metadata"_s).toObject().value(u"labels"_s).toObject().value(PssTemplateCatalog::templateLabel()).toString(),
             u"sample.hostnetwork"_s);
    QCOMPARE(applied.value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"baseline"_s);
    QCOMPARE(PssTemplateCatalog::displayName(u"sample.hostnetwork"_s), u"hostnetwork (platform sample)"_s);
    QCOMPARE(PssTemplateCatalog::displayName(u"baseline"_s), u"baseline"_s);
    // A label value is at most 63 characters and ends alphanumeric.
    PssTemplate longName = *t;
    longName.name = QString(54, u'a') + u"-b.c"_s;
    QCOMPARE(PssTemplateCatalog::templateId(longName), u"sample."_s + QString(54, u'a') + u"-b"_s);
    // A snippet is not a whole Policy.
    QJsonObject snippet = sample;
    QJsonObject snippetSpec = snippet.value(u"spec"_s).toObject();
    snippetSpec.insert(u"snippet"_s, true);
    snippet.insert(u"spec"_s, snippetSpec);
    QVERIFY(!PssTemplateCatalog::fromSample(snippet, u"c"_s));
    // Other targets are not pod security templates.
    QJsonObject spec = sample.value(u"spec"_s).toObject();
    spec.insert(u"targetResource"_s, QJsonObject{{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"Deployment"_s}});
    sample.insert(u"spec"_s, spec);
    QVERIFY(!PssTemplateCatalog::fromSample(sample, u"c"_s));
}

QTEST_GUILESS_MAIN(TestPssTemplates)
#include "tst_psstemplates.moc"
