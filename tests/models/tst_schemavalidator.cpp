// Tests for acp::models::SchemaIndex, SchemaValidator and YamlAssist with the real Kubernetes
// 1.35 OpenAPI v3 documents (../shared/testdata/openapi/kubectl-validate), the ACP OpenAPI
// references, CRDs (../shared/reference/acp/crds, ../shared/testdata/crds) and live objects
// (../shared/testdata/api-objects).
#include "api/Yaml.h"
#include "api/YamlPositions.h"
#include "models/SchemaIndex.h"
#include "models/SchemaValidator.h"
#include "models/YamlAssist.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QtTest>

using namespace acp;
using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

const QString kShared = QStringLiteral(ACP_SHARED_DIR);
const QString kBuiltins = kShared + u"/testdata/openapi/kubectl-validate/pkg/openapiclient/builtins/1.35"_s;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesUnder(const QString &dir, const QStringList &patterns)
{
    QStringList out;
    QDirIterator it(dir, patterns, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    out.sort();
    return out;
}

QString describe(const QList<YamlDiagnostic> &list)
{
    QStringList lines;
    for (const YamlDiagnostic &d : list)
        lines.append(u"%1:%2 [doc %3] %4"_s.arg(d.line).arg(d.column).arg(d.document).arg(d.message));
    return lines.join(u'\n');
}

} // namespace

class TestSchemaValidator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void indexesKinds();
    void liveObjectsValidate();
    void crdManifestsValidate();
    void badDeployment();
    void typesAndFormats();
    void apiVersionKindAndUnknownKinds();
    void defaultModeOctalAndDecimal();
    void customResources();
    void syntaxErrors();
    void completionsOfKeys();
    void completionsOfValues();
    void documentationOnHover();

private:
    QList<YamlDiagnostic> check(const QString &text) const
    {
        return SchemaValidator(m_index).validate(api::YamlPositions::build(text));
    }

    SchemaIndex m_index;
    bool m_crdsLoaded = false;
};

void TestSchemaValidator::initTestCase()
{
    if (!QFileInfo::exists(kBuiltins))
        QSKIP(qPrintable(u"Kubernetes OpenAPI documents not found at %1 (../shared is absent)"_s.arg(kBuiltins)));
    for (const QString &f : filesUnder(kBuiltins, {u"*.json"_s})) {
        const auto r = m_index.addOpenApiDocument(readFile(f));
        QVERIFY2(r.ok(), qPrintable(f));
    }
    for (const QString &f : filesUnder(kShared + u"/reference/acp/openapi"_s, {u"*.json"_s}))
        QVERIFY2(m_index.addOpenApiDocument(readFile(f)).ok(), qPrintable(f));
    const QStringList crdDirs{kShared + u"/reference/acp/crds"_s, kShared + u"/testdata/crds"_s};
    int crds = 0;
    for (const QString &dir : crdDirs) {
        for (const QString &f : filesUnder(dir, {u"*.yaml"_s})) {
            const auto docs = api::yaml::parseAll(readFile(f), f);
            QVERIFY2(docs.ok(), qPrintable(f));
            for (const auto &d : *docs)
                if (d.value.toObject().value("kind"_L1) == "CustomResourceDefinition"_L1)
                    crds += m_index.addCustomResourceDefinition(d.value.toObject()).ok() ? 1 : 0;
        }
    }
    QVERIFY(crds > 40);
}

void TestSchemaValidator::indexesKinds()
{
    QVERIFY(m_index.hasKind(u"apps/v1"_s, u"Deployment"_s));
    QVERIFY(m_index.hasKind(u"v1"_s, u"Pod"_s));
    QVERIFY(m_index.hasKind(u"auth.alauda.io/v1"_s, u"Project"_s));
    QVERIFY(m_index.hasKind(u"kyverno.io/v1"_s, u"ClusterPolicy"_s));
    QVERIFY(!m_index.hasKind(u"apps/v1"_s, u"Pod"_s));
    const SchemaNode replicas = m_index.at(u"apps/v1"_s, u"Deployment"_s, u"spec.replicas"_s);
    QVERIFY(replicas.valid);
    QCOMPARE(replicas.type(), u"integer"_s);
    const SchemaNode containers = m_index.at(u"apps/v1"_s, u"Deployment"_s, u"spec.template.spec.containers"_s);
    QCOMPARE(containers.typeLabel(), u"[]Container"_s);
    const SchemaNode cpu = m_index.at(u"v1"_s, u"Pod"_s, u"spec.containers[0].resources.limits.cpu"_s);
    QVERIFY(cpu.isQuantity());
    QCOMPARE(m_index.at(u"apps/v1"_s, u"Deployment"_s, u"spec.strategy.rollingUpdate.maxSurge"_s).typeLabel(),
             u"IntOrString"_s);
    QCOMPARE(m_index.at(u"v1"_s, u"Pod"_s, u"metadata.creationTimestamp"_s).typeLabel(), u"Time"_s);
    QCOMPARE(m_index.at(u"v1"_s, u"Pod"_s, u"metadata.labels"_s).typeLabel(), u"map[string]string"_s);
    QVERIFY(!m_index.at(u"apps/v1"_s, u"Deployment"_s, u"spec.replicass"_s).valid);
}

// Objects as live API servers returned them produce no diagnostics.
void TestSchemaValidator::liveObjectsValidate()
{
    const QStringList files = filesUnder(kShared + u"/testdata/api-objects"_s, {u"*.json"_s, u"*.yaml"_s});
    QVERIFY(files.size() > 50);
    // Fixtures that upstream projects relabelled with a newer apiVersion while keeping fields of
    // the older one (v1beta1 CRD/Ingress, extensions DaemonSet, autoscaling/v1 HPA): a 1.35
    // server's strict field validation rejects these fields too, so they are expected findings.
    const QStringList expected{
        u"hpa-v2-degraded.yaml|unknown field \"spec.targetCPUUtilizationPercentage\""_s,
        u"hpa-v2-healthy.yaml|unknown field \"spec.targetCPUUtilizationPercentage\""_s,
        u"hpa-v2-progressing.yaml|unknown field \"spec.targetCPUUtilizationPercentage\""_s,
        u"dr.json|unknown field \"spec.version\" (did you mean \"versions\"?)"_s,
        u"crd.json|unknown field \"spec.additionalPrinterColumns\""_s,
        u"crd.json|unknown field \"spec.version\" (did you mean \"versions\"?)"_s,
        u"ds.json|unknown field \"spec.templateGeneration\""_s,
    };
    const QStringList ingresses{u"ingress-nonemptylist.yaml"_s, u"ingress-unassigned.yaml"_s, u"ingress.yaml"_s, u"ing.json"_s};
    QStringList found;
    int checked = 0;
    QStringList failures;
    for (const QString &f : files) {
        const api::YamlPositions p = api::YamlPositions::build(QString::fromUtf8(readFile(f)));
        for (int i = 0; i < p.documents().size(); ++i) {
            const QJsonObject o = p.documents().at(i).value.toObject();
            if (!m_index.hasKind(o.value("apiVersion"_L1).toString(), o.value("kind"_L1).toString()))
                continue;
            ++checked;
            const QList<YamlDiagnostic> d = SchemaValidator(m_index).validateDocument(p, i);
            const QString name = QFileInfo(f).fileName();
            for (const YamlDiagnostic &x : d) {
                const bool oldIngress = ingresses.contains(name)
                    && (x.message.endsWith(u".backend.serviceName\""_s) || x.message.endsWith(u".backend.servicePort\""_s)
                        || x.message.endsWith(u".pathType: Required value"_s));
                if (oldIngress || expected.contains(name + u'|' + x.message)) {
                    found.append(name + u'|' + x.message);
                    continue;
                }
                failures.append(f + u":"_s + describe({x}));
                qWarning("%s", qPrintable(failures.last()));
            }
        }
    }
    qInfo("validated %d live objects", checked);
    QVERIFY(checked > 50);
    for (const QString &e : expected)
        QVERIFY2(found.contains(e), qPrintable(e));
    QCOMPARE(found.size(), expected.size() + 4 * 3);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n"_s)));
}

// The CRD manifests themselves are valid apiextensions.k8s.io/v1 CustomResourceDefinitions.
void TestSchemaValidator::crdManifestsValidate()
{
    QStringList failures;
    int checked = 0;
    for (const QString &dir : {kShared + u"/reference/acp/crds"_s, kShared + u"/testdata/crds"_s}) {
        for (const QString &f : filesUnder(dir, {u"*.yaml"_s})) {
            const QList<YamlDiagnostic> d = check(QString::fromUtf8(readFile(f)));
            ++checked;
            if (!d.isEmpty())
                failures.append(f + u":\n"_s + describe(d.mid(0, 5)));
        }
    }
    QVERIFY(checked > 40);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n"_s)));

    // JSONSchemaPropsOrArray (items) is checked as the JSONSchemaProps the API server decodes.
    const QString crd = uR"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: array
            items:
              type: object
              descriptoin: typo
)"_s;
    const QList<YamlDiagnostic> d = check(crd);
    QVERIFY2(d.size() == 1, qPrintable(describe(d)));
    QCOMPARE(d.first().message, uR"(unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.items.descriptoin" (did you mean "description"?))"_s);
    QCOMPARE(d.first().line, 20);
    QCOMPARE(d.first().column, 15);
}

void TestSchemaValidator::badDeployment()
{
    const QString text = uR"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicass: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        imagePullPolicy: Sometimes  # no enum in the built-in OpenAPI: accepted
        ports:
        - containerPort: eighty
        resources:
          limits:
            cpu: 2x
            memory: 1Gi
      - image: busybox
)"_s;
    const QList<YamlDiagnostic> d = check(text);
    QVERIFY2(d.size() == 4, qPrintable(describe(d)));
    QCOMPARE(d.at(0).message, uR"(unknown field "spec.replicass" (did you mean "replicas"?))"_s);
    QCOMPARE(d.at(0).line, 6);
    QCOMPARE(d.at(0).column, 3);
    QCOMPARE(d.at(0).endColumn, 12);
    QCOMPARE(d.at(0).path, u"spec.replicass"_s);
    QCOMPARE(d.at(1).message, uR"(spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "string": spec.template.spec.containers[0].ports[0].containerPort in body must be of type integer: "eighty")"_s);
    QCOMPARE(d.at(1).line, 20);
    QCOMPARE(d.at(1).column, 26);
    QVERIFY2(d.at(2).message.startsWith(uR"(spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "2x": )"_s), qPrintable(d.at(2).message));
    QCOMPARE(d.at(2).line, 23);
    QCOMPARE(d.at(2).column, 18);
    QCOMPARE(d.at(3).message, u"spec.template.spec.containers[1].name: Required value"_s);
    QCOMPARE(d.at(3).line, 25);
    QCOMPARE(d.at(3).column, 9);
    for (const YamlDiagnostic &x : d)
        QCOMPARE(x.severity, YamlDiagnostic::Severity::Error);
}

void TestSchemaValidator::typesAndFormats()
{
    const QString text = uR"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: yesterday
spec:
  selector: {}
  template: {}
  paused: "yes"
  strategy:
    rollingUpdate:
      maxSurge: true
      maxUnavailable: 25%
---
apiVersion: v1
kind: Secret
metadata:
  name: s
data:
  ok: aGVsbG8=
  bad: "not base64!"
)"_s;
    const QList<YamlDiagnostic> d = check(text);
    QVERIFY2(d.size() == 4, qPrintable(describe(d)));
    QCOMPARE(d.at(0).message, uR"(metadata.creationTimestamp: Invalid value: "yesterday": metadata.creationTimestamp in body must be of type date-time: "yesterday")"_s);
    QCOMPARE(d.at(0).line, 5);
    QCOMPARE(d.at(1).message, uR"(spec.paused: Invalid value: "string": spec.paused in body must be of type boolean: "yes")"_s);
    QCOMPARE(d.at(1).line, 9);
    QCOMPARE(d.at(1).column, 11);
    QCOMPARE(d.at(2).message, uR"(spec.strategy.rollingUpdate.maxSurge: Invalid value: "boolean": spec.strategy.rollingUpdate.maxSurge in body must be of type integer,string: true)"_s);
    QCOMPARE(d.at(2).line, 12);
    QCOMPARE(d.at(3).message, uR"(data.bad: Invalid value: "not base64!": data.bad in body must be of type byte: "not base64!")"_s);
    QCOMPARE(d.at(3).document, 1);
    QCOMPARE(d.at(3).line, 21);
    QCOMPARE(d.at(3).column, 8);
}

void TestSchemaValidator::apiVersionKindAndUnknownKinds()
{
    QList<YamlDiagnostic> d = check(u"metadata:\n  name: x\n"_s);
    QCOMPARE(d.size(), 2);
    QCOMPARE(d.at(0).message, u"apiVersion not set"_s);
    QCOMPARE(d.at(1).message, u"kind not set"_s);
    QCOMPARE(d.at(0).line, 1);
    d = check(u"apiVersion: example.com/v1\nkind: Widget\nspec:\n  anything: 1\n"_s);
    QCOMPARE(d.size(), 1);
    QCOMPARE(d.at(0).severity, YamlDiagnostic::Severity::Info);
    QCOMPARE(d.at(0).message, u"no schema for Widget (example.com/v1) on this cluster"_s);
    QCOMPARE(d.at(0).line, 2);
    QCOMPARE(d.at(0).column, 7);
}

// ACP 4.2 regression: a Secret volume's defaultMode written in octal (YAML 1.1) is accepted.
void TestSchemaValidator::defaultModeOctalAndDecimal()
{
    for (const QString &mode : {u"0644"_s, u"420"_s}) {
        const QString text = uR"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
    volumeMounts:
    - name: s
      mountPath: /etc/s
  volumes:
  - name: s
    secret:
      secretName: s
      defaultMode: %1
)"_s.arg(mode);
        const api::YamlPositions p = api::YamlPositions::build(text);
        QCOMPARE(p.documents().first().value.toObject().value("spec"_L1).toObject().value("volumes"_L1)
                     .toArray().first().toObject().value("secret"_L1).toObject().value("defaultMode"_L1).toInt(), 420);
        const QList<YamlDiagnostic> d = SchemaValidator(m_index).validate(p);
        QVERIFY2(d.isEmpty(), qPrintable(describe(d)));
    }
    const QList<YamlDiagnostic> d = check(u"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: []\n"
                                          "  volumes:\n  - name: s\n    secret: {defaultMode: \"0644\"}\n"_s);
    QCOMPARE(d.size(), 1);
    QVERIFY(d.first().message.contains(u"must be of type integer"_s));
}

void TestSchemaValidator::customResources()
{
    // An ACP CRD (auth.alauda.io/v1 Project, quota as int-or-string quantities).
    const QString project = uR"(apiVersion: auth.alauda.io/v1
kind: Project
metadata:
  name: alpha
spec:
  clusters:
  - name: business-1
    quota:
      cpu: "4"
      memory: 8Gi
      pods: 2x
    tpye: Native
)"_s;
    QList<YamlDiagnostic> d = check(project);
    QVERIFY2(d.size() == 2, qPrintable(describe(d)));
    QVERIFY(d.at(0).message.startsWith(uR"(spec.clusters[0].quota.pods: Invalid value: "2x": )"_s));
    QCOMPARE(d.at(0).line, 11);
    QCOMPARE(d.at(1).message, uR"(unknown field "spec.clusters[0].tpye" (did you mean "type"?))"_s);
    QCOMPARE(d.at(1).line, 12);

    // Kyverno ClusterPolicy: preserve-unknown-fields subtrees (patterns) accept anything.
    const QString policy = uR"(apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-labels
spec:
  validationFailureAction: Block
  background: true
  rules:
  - name: check-team
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      message: "label team is required"
      pattern:
        metadata:
          labels:
            team: "?*"
    mutat: {}
)"_s;
    d = check(policy);
    QVERIFY2(d.size() == 2, qPrintable(describe(d)));
    QCOMPARE(d.at(0).message, uR"(spec.validationFailureAction: Unsupported value: "Block": supported values: "audit", "enforce", "Audit", "Enforce")"_s);
    QCOMPARE(d.at(0).line, 6);
    QCOMPARE(d.at(0).column, 28);
    QCOMPARE(d.at(0).endColumn, 33);
    QCOMPARE(d.at(1).message, uR"(unknown field "spec.rules[0].mutat" (did you mean "mutate"?))"_s);
    QCOMPARE(d.at(1).line, 20);
    QCOMPARE(d.at(1).column, 5);
}

void TestSchemaValidator::syntaxErrors()
{
    const QString text = u"apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [1, 2\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  b: 1\n"_s;
    const QList<YamlDiagnostic> d = check(text);
    QVERIFY2(d.size() == 2, qPrintable(describe(d)));
    QVERIFY(d.at(0).message.startsWith(u"yaml: line "_s));
    QCOMPARE(d.at(0).document, 0);
    QVERIFY(d.at(0).line >= 4 && d.at(0).line <= 5);
    QVERIFY(d.at(0).path.isEmpty());
    // The second document still validates: ConfigMap data values are strings.
    QCOMPARE(d.at(1).document, 1);
    QCOMPARE(d.at(1).line, 9);
    QVERIFY(d.at(1).message.startsWith(uR"(data.b: Invalid value: "integer": data.b in body must be of type string)"_s));
}

void TestSchemaValidator::completionsOfKeys()
{
    const YamlAssist assist(m_index);
    // Typing a key in spec (the text does not parse yet): keys of DeploymentSpec minus those present.
    const QString typing = u"apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  re\n  template: {}\n"_s;
    const api::YamlPositions p = api::YamlPositions::build(typing);
    QList<YamlCompletion> c = assist.completions(p, 5, 5);
    QStringList texts;
    for (const auto &x : c)
        texts.append(x.text);
    QCOMPARE(texts, (QStringList{u"revisionHistoryLimit"_s}));
    QCOMPARE(c.first().detail, u"integer"_s);
    QVERIFY(c.first().documentation.contains(u"old ReplicaSets"_s));

    // A blank line in a container: required "name" first, present keys left out.
    const QString blank = u"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: nginx\n    \n"_s;
    const api::YamlPositions q = api::YamlPositions::build(blank);
    c = assist.completions(q, 6, 5);
    QVERIFY(c.size() > 10);
    QCOMPARE(c.first().text, u"name"_s);
    QVERIFY(c.first().required);
    for (const auto &x : c)
        QVERIFY(x.text != u"image"_s);
    // At the root of a document without kind: the basics, minus what is written.
    const api::YamlPositions r = api::YamlPositions::build(u"\nkind: Foo\n"_s);
    c = assist.completions(r, 1, 1);
    QCOMPARE(c.size(), 2);
    QCOMPARE(c.at(0).text, u"apiVersion"_s);
    QCOMPARE(c.at(1).text, u"metadata"_s);
}

void TestSchemaValidator::completionsOfValues()
{
    const YamlAssist assist(m_index);
    // Enum values (CRD schemas carry enums; the built-in OpenAPI documents do not).
    const QString policy = u"apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nspec:\n  validationFailureAction: \n"_s;
    const api::YamlPositions e = api::YamlPositions::build(policy);
    QList<YamlCompletion> c = assist.completions(e, 4, 28);
    QCOMPARE(c.size(), 4);
    QCOMPARE(c.at(0).text, u"audit"_s);
    QCOMPARE(c.at(0).kind, YamlCompletion::Kind::Value);
    const QString text = u"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  hostNetwork: t\n"_s;
    const api::YamlPositions p = api::YamlPositions::build(text);
    c = assist.completions(p, 6, 17);
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.at(0).text, u"true"_s);
    const api::YamlPositions k = api::YamlPositions::build(u"apiVersion: apps/v1\nkind: Dep\n"_s);
    c = assist.completions(k, 2, 10);
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.at(0).text, u"Deployment"_s);
}

void TestSchemaValidator::documentationOnHover()
{
    const YamlAssist assist(m_index);
    const api::YamlPositions p = api::YamlPositions::build(
        u"apiVersion: apps/v1\nkind: Deployment\nspec:\n  selector: {}\n  replicas: 2\n  bogus: 1\n# note\n"_s);
    auto doc = assist.documentation(p, 4, 4);
    QVERIFY(doc);
    QCOMPARE(doc->text, u"selector"_s);
    QCOMPARE(doc->detail, u"LabelSelector"_s);
    QVERIFY(doc->required);
    QVERIFY(doc->documentation.contains(u"Label selector for pods"_s));
    doc = assist.documentation(p, 5, 14);
    QVERIFY(doc);
    QCOMPARE(doc->kind, YamlCompletion::Kind::Value);
    QCOMPARE(doc->text, u"replicas"_s);
    QCOMPARE(doc->detail, u"integer"_s);
    QVERIFY(!doc->required);
    QVERIFY(!assist.documentation(p, 6, 4));   // unknown field
    QVERIFY(!assist.documentation(p, 7, 3));   // comment
}

QTEST_GUILESS_MAIN(TestSchemaValidator)
#include "tst_schemavalidator.moc"
