// YamlValidationService against acp-sandbox: schemas fetched from the cluster's /openapi/v3
// (built-in and CRD group-versions), validation off the GUI thread, latest revision wins;
// completion and hover through the service.
#include "api/Kubeconfig.h"
#include "tests/common/SandboxContext.h"
#include "models/ClusterConnection.h"
#include "models/YamlValidationService.h"
#include "tests/common/SandboxProcess.h"

#include <QSignalSpy>
#include <QTest>

using namespace acp;
using namespace acp::models;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<acp::models::YamlDiagnostic>)

namespace {

const QString kDeployment = uR"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicass: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
)"_s;

const QString kPolicy = uR"(apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: p
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate: {pattern: {metadata: {labels: {team: "?*"}}}}
    mutat: {}
)"_s;

QList<YamlDiagnostic> lastDiagnostics(const QSignalSpy &spy)
{
    return spy.last().at(1).value<QList<YamlDiagnostic>>();
}

} // namespace

class TestYamlValidationService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deploymentWithTypo();
    void customResourceFromCluster();
    void latestRevisionWins();
    void revisionGivenAfterTheText();
    void completionAndHover();
    void withoutConnection();

private:
    test::SandboxProcess m_sandbox;
    std::unique_ptr<ClusterConnection> m_conn;
};

void TestYamlValidationService::initTestCase()
{
    qRegisterMetaType<QList<YamlDiagnostic>>();
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
    const auto rc = test::resolveContext(m_sandbox.kubeconfig(), QStringLiteral("sandbox/business-1"));
    QVERIFY2(rc.ok(), qPrintable(rc.ok() ? QString() : rc.error().toString()));
    m_conn = std::make_unique<ClusterConnection>(u"business-1"_s, api::KubeClient(*rc));
}

void TestYamlValidationService::deploymentWithTypo()
{
    YamlValidationService service;
    service.setConnection(m_conn.get());
    QSignalSpy ready(&service, &YamlValidationService::diagnosticsReady);
    service.setText(kDeployment, 1);
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toInt(), 1);
    const QList<YamlDiagnostic> d = lastDiagnostics(ready);
    QCOMPARE(d.size(), 1);
    QCOMPARE(d.first().message, uR"(unknown field "spec.replicass" (did you mean "replicas"?))"_s);
    QCOMPARE(d.first().line, 7);
    QCOMPARE(d.first().column, 3);
    QVERIFY(m_conn->openApi()->isCached(u"apps/v1"_s));

    // Fixing the typo clears it; the schema is not fetched again.
    const int fetches = m_conn->openApi()->networkFetches();
    QString fixed = kDeployment;
    fixed.replace(u"replicass"_s, u"replicas"_s);
    service.setText(fixed, 2);
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.last().at(0).toInt(), 2);
    QVERIFY(lastDiagnostics(ready).isEmpty());
    QCOMPARE(m_conn->openApi()->networkFetches(), fetches);
}

void TestYamlValidationService::customResourceFromCluster()
{
    YamlValidationService service;
    service.setConnection(m_conn.get());
    QSignalSpy ready(&service, &YamlValidationService::diagnosticsReady);
    service.setText(kPolicy + u"---\napiVersion: example.com/v1\nkind: Widget\n"_s, 1);
    QVERIFY(ready.wait(20000));
    const QList<YamlDiagnostic> d = lastDiagnostics(ready);
    QVERIFY2(d.size() == 2, qPrintable(d.isEmpty() ? QString() : d.first().message));
    QCOMPARE(d.at(0).message, uR"(unknown field "spec.rules[0].mutat" (did you mean "mutate"?))"_s);
    QCOMPARE(d.at(0).line, 10);
    QCOMPARE(d.at(1).severity, YamlDiagnostic::Severity::Info);
    QCOMPARE(d.at(1).message, u"no schema for Widget (example.com/v1) on this cluster"_s);
    QCOMPARE(d.at(1).document, 1);
}

void TestYamlValidationService::latestRevisionWins()
{
    YamlValidationService service;
    service.setConnection(m_conn.get());
    QSignalSpy ready(&service, &YamlValidationService::diagnosticsReady);
    // Revisions 1-4 keep the typo; 5 fixes it. Only 5 is reported.
    for (int rev = 1; rev <= 4; ++rev)
        service.setText(kDeployment + u"# edit %1\n"_s.arg(rev), rev);
    QString fixed = kDeployment;
    fixed.replace(u"replicass"_s, u"replicas"_s);
    service.setText(fixed, 5);
    QVERIFY(ready.wait(20000));
    QTest::qWait(200);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toInt(), 5);
    QVERIFY(lastDiagnostics(ready).isEmpty());
    QVERIFY(!service.isBusy());
}

// The page hands the text over before the editor has loaded it, then the editor's revision:
// the result comes under that revision, with the schema fetched on the way.
void TestYamlValidationService::revisionGivenAfterTheText()
{
    YamlValidationService service;
    service.setConnection(m_conn.get());
    QSignalSpy ready(&service, &YamlValidationService::diagnosticsReady);
    const QString job = u"apiVersion: \"batch/v1\"\nkind: Job\nmetadata:\n  name: j\nspec:\n  backoffLimitt: 2\n"
                        u"  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n"_s;
    service.setText(job, 3);
    service.setRevision(9);
    QCOMPARE(service.revision(), 9);
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toInt(), 9);
    const QList<YamlDiagnostic> d = lastDiagnostics(ready);
    QVERIFY2(d.size() == 1, qPrintable(d.isEmpty() ? QString() : d.first().message));
    QCOMPARE(d.first().message, uR"(unknown field "spec.backoffLimitt" (did you mean "backoffLimit"?))"_s);
    QVERIFY(m_conn->openApi()->isCached(u"batch/v1"_s));
}

void TestYamlValidationService::completionAndHover()
{
    YamlValidationService service;
    service.setConnection(m_conn.get());
    QSignalSpy ready(&service, &YamlValidationService::diagnosticsReady);
    const QString text = u"apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  \n"_s;
    service.setText(text, 1);
    QVERIFY(ready.wait(20000));
    const QList<YamlCompletion> c = service.completions(5, 3);
    QStringList keys;
    for (const YamlCompletion &x : c)
        keys.append(x.text);
    QCOMPARE(keys.mid(0, 2), (QStringList{u"selector"_s, u"template"_s}));   // required first
    QVERIFY(keys.contains(u"strategy"_s));
    QVERIFY(!keys.contains(u"replicas"_s));
    const auto doc = service.documentation(4, 4);
    QVERIFY(doc);
    QCOMPARE(doc->text, u"replicas"_s);
    QCOMPARE(doc->detail, u"integer"_s);
    // A newer text than the last validated one is parsed on demand.
    service.setText(text + u"  paused: \n"_s, 2);
    const QList<YamlCompletion> v = service.completions(6, 11);
    QCOMPARE(v.size(), 2);
    QCOMPARE(v.at(0).text, u"true"_s);
    QVERIFY(ready.wait(20000));
}

void TestYamlValidationService::withoutConnection()
{
    YamlValidationService service;
    QSignalSpy ready(&service, &YamlValidationService::diagnosticsReady);
    service.setText(u"apiVersion: v1\nkind: ConfigMap\ndata: [\n"_s, 7);
    QVERIFY(ready.wait(20000));
    const QList<YamlDiagnostic> d = lastDiagnostics(ready);
    QCOMPARE(d.size(), 1);
    QVERIFY(d.first().message.startsWith(u"yaml: line "_s));
}

QTEST_GUILESS_MAIN(TestYamlValidationService)
#include "tst_yamlvalidationservice.moc"
