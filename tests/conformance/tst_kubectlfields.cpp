// Conformance: server-side field validation as the real kubectl (1.32) drives it. kubectl's
// --validate defaults to strict and, since the sandbox's OpenAPI v3 advertises the
// fieldValidation parameter, sends fieldValidation=Strict (warn -> Warn, false -> Ignore) and
// prints the server's error or Warning headers.
#include "tests/common/SandboxProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using acp::test::CommandResult;
using acp::test::SandboxProcess;

namespace {

const QByteArray kDeployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: fv\n  namespace: fields\n"
                               "spec:\n  replicas: 1\n  foo: bar\n  selector:\n    matchLabels: {app: fv}\n"
                               "  template:\n    metadata:\n      labels: {app: fv}\n    spec:\n      containers:\n"
                               "      - name: c\n        image: nginx\n        bogus: 1\n";

} // namespace

class TestKubectlFields : public QObject {
    Q_OBJECT

private:
    SandboxProcess m_sandbox;

    CommandResult k(const QStringList &args, const QByteArray &input = QByteArray())
    {
        return m_sandbox.kubectl(args, input);
    }
    QJsonObject spec(const QString &name)
    {
        const CommandResult r = k({QStringLiteral("get"), QStringLiteral("deploy"), name, QStringLiteral("-n"), QStringLiteral("fields"),
                                   QStringLiteral("-o"), QStringLiteral("json")});
        return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("spec")).toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!SandboxProcess::hasKubectl())
            QSKIP("kubectl is not on PATH: conformance tests need the real kubectl");
        QString error;
        QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &error), qPrintable(error));
        const CommandResult r = k({QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("fields")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }

    void applyStrictByDefault()
    {
        const CommandResult r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, kDeployment);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(),
                 QStringLiteral("Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be "
                                "handled as a Deployment: strict decoding error: unknown field \"spec.foo\", unknown field "
                                "\"spec.template.spec.containers[0].bogus\""));
        QVERIFY(spec(QStringLiteral("fv")).isEmpty());   // not created
    }

    void applyWarn()
    {
        const CommandResult r = k({QStringLiteral("apply"), QStringLiteral("--validate=warn"), QStringLiteral("-f"), QStringLiteral("-")}, kDeployment);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/fv created"));
        QCOMPARE(r.err.trimmed(), QStringLiteral("Warning: unknown field \"spec.foo\"\n"
                                                 "Warning: unknown field \"spec.template.spec.containers[0].bogus\""));
        const QJsonObject s = spec(QStringLiteral("fv"));
        QCOMPARE(s.value(QLatin1String("replicas")).toInt(), 1);
        QVERIFY(!s.contains(QLatin1String("foo")));   // dropped, as kube-apiserver drops it
    }

    void applyUpdateStrictThenIgnore()
    {
        QByteArray changed = kDeployment;
        changed.replace("replicas: 1", "replicas: 2");
        CommandResult r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, changed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("error when patching \"STDIN\": strict decoding error: unknown field \"spec.foo\", "
                                              "unknown field \"spec.template.spec.containers[0].bogus\"")),
                 qPrintable(r.err));
        QCOMPARE(spec(QStringLiteral("fv")).value(QLatin1String("replicas")).toInt(), 1);

        r = k({QStringLiteral("apply"), QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")}, changed);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/fv configured"));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QCOMPARE(spec(QStringLiteral("fv")).value(QLatin1String("replicas")).toInt(), 2);
    }

    void cleanManifestPassesStrict()
    {
        QByteArray clean = kDeployment;
        clean.replace("  foo: bar\n", "").replace("        bogus: 1\n", "").replace("replicas: 1", "replicas: 3");
        const CommandResult r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, clean);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/fv configured"));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void replaceStrict()
    {
        const CommandResult got = k({QStringLiteral("get"), QStringLiteral("deploy"), QStringLiteral("fv"), QStringLiteral("-n"),
                                     QStringLiteral("fields"), QStringLiteral("-o"), QStringLiteral("json")});
        QJsonObject obj = QJsonDocument::fromJson(got.out.toUtf8()).object();
        QJsonObject s = obj.value(QLatin1String("spec")).toObject();
        s.insert(QStringLiteral("zzz"), 1);
        obj.insert(QStringLiteral("spec"), s);
        const CommandResult r = k({QStringLiteral("replace"), QStringLiteral("-f"), QStringLiteral("-")}, QJsonDocument(obj).toJson());
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QStringLiteral("Error from server (BadRequest): error when replacing \"STDIN\": Deployment in version "
                                                 "\"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.zzz\""));
    }

    void serverSideApply()
    {
        QByteArray ssa = kDeployment;
        ssa.replace("name: fv", "name: fv-ssa").replace("app: fv", "app: fv-ssa").replace("        bogus: 1\n", "");
        const CommandResult r = k({QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("-f"), QStringLiteral("-")}, ssa);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QStringLiteral("Error from server: failed to create typed patch object (fields/fv-ssa; apps/v1, "
                                                 "Kind=Deployment): .spec.foo: field not declared in schema"));
    }
};

QTEST_GUILESS_MAIN(TestKubectlFields)
#include "tst_kubectlfields.moc"
