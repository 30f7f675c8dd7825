// Conformance: the real kubectl (1.32 on this machine) against acp-sandbox through the
// kubeconfig the sandbox writes. Asserts kubectl's real output, so the sandbox behaves like
// kube-apiserver where kubectl can tell.
#include "tests/common/SandboxProcess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using acp::test::CommandResult;
using acp::test::SandboxProcess;

class TestKubectl : public QObject {
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    const QString m_ns = QStringLiteral("conformance");

    CommandResult k(const QStringList &args, const QByteArray &input = QByteArray())
    {
        return m_sandbox.kubectl(args, input);
    }
    QJsonObject json(const QStringList &args)
    {
        const CommandResult r = k(args + QStringList{QStringLiteral("-o"), QStringLiteral("json")});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    bool waitForPodRunning(const QString &name, int timeoutMs = 20000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const CommandResult r = k({QStringLiteral("get"), QStringLiteral("pod"), name, QStringLiteral("-n"), m_ns,
                                       QStringLiteral("-o"), QStringLiteral("jsonpath={.status.phase}")});
            if (r.out == QLatin1String("Running"))
                return true;
            QTest::qWait(300);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!SandboxProcess::hasKubectl())
            QSKIP("kubectl is not on PATH: conformance tests need the real kubectl");
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
        const CommandResult r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")},
                                  "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: conformance\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("namespace/conformance created"));
    }

    void version()
    {
        const CommandResult r = k({QStringLiteral("version"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject server = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("serverVersion")).toObject();
        QCOMPARE(server.value(QLatin1String("major")).toString(), QStringLiteral("1"));
        QVERIFY(server.value(QLatin1String("gitVersion")).toString().startsWith(QLatin1String("v1.")));
    }

    void apiResources()
    {
        const CommandResult r = k({QStringLiteral("api-resources")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.startsWith(QLatin1String("NAME")));
        static const QRegularExpression pods(QStringLiteral("\\npods\\s+po\\s+v1\\s+true\\s+Pod\\n"));
        QVERIFY2(pods.match(r.out).hasMatch(), qPrintable(r.out));
        static const QRegularExpression deploy(QStringLiteral("\\ndeployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\n"));
        QVERIFY(deploy.match(r.out).hasMatch());
        QVERIFY(r.out.contains(QLatin1String("customresourcedefinitions")));
    }

    void getTable()
    {
        const CommandResult nodes = k({QStringLiteral("get"), QStringLiteral("nodes")});
        QVERIFY2(nodes.exitCode == 0, qPrintable(nodes.all()));
        static const QRegularExpression header(QStringLiteral("^NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\n"));
        QVERIFY2(header.match(nodes.out).hasMatch(), qPrintable(nodes.out));
        QVERIFY(nodes.out.contains(QLatin1String("Ready")));

        const CommandResult ns = k({QStringLiteral("get"), QStringLiteral("ns"), m_ns});
        static const QRegularExpression row(QStringLiteral("^NAME\\s+STATUS\\s+AGE\\nconformance\\s+Active\\s+\\d+s\\n$"));
        QVERIFY2(row.match(ns.out).hasMatch(), qPrintable(ns.all()));

        const CommandResult wide = k({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A"), QStringLiteral("-o"), QStringLiteral("wide")});
        QVERIFY2(wide.exitCode == 0, qPrintable(wide.all()));
        static const QRegularExpression wideHeader(QStringLiteral("^NAMESPACE\\s+NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES\\n"));
        QVERIFY2(wideHeader.match(wide.out).hasMatch(), qPrintable(wide.out.left(300)));
    }

    void getNotFound()
    {
        const CommandResult r = k({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("missing"), QStringLiteral("-n"), m_ns});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QStringLiteral("Error from server (NotFound): configmaps \"missing\" not found"));
        const CommandResult unknown = k({QStringLiteral("get"), QStringLiteral("nosuchkind")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("the server doesn't have a resource type \"nosuchkind\"")), qPrintable(unknown.err));
    }

    void applyClientSide()
    {
        const QByteArray cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: conformance\ndata:\n  mode: blue\n";
        CommandResult r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, cm);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("configmap/app-config created"));
        r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, cm);
        QCOMPARE(r.out.trimmed(), QStringLiteral("configmap/app-config unchanged"));
        QByteArray changed = cm;
        changed.replace("blue", "green");
        r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, changed);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("configmap/app-config configured"));
        const QJsonObject obj = json({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("app-config"), QStringLiteral("-n"), m_ns});
        QCOMPARE(obj.value(QLatin1String("data")).toObject().value(QLatin1String("mode")).toString(), QStringLiteral("green"));
        QVERIFY(obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject()
                    .contains(QLatin1String("kubectl.kubernetes.io/last-applied-configuration")));
    }

    void getYaml()
    {
        const CommandResult r = k({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("app-config"), QStringLiteral("-n"), m_ns, QStringLiteral("-o"), QStringLiteral("yaml")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.startsWith(QLatin1String("apiVersion: v1\ndata:\n  mode: green\nkind: ConfigMap\nmetadata:\n")));
        QVERIFY(r.out.contains(QLatin1String("  resourceVersion: \"")));
        QVERIFY(r.out.contains(QLatin1String("  uid: ")));
    }

    void serverSideApplyAndConflicts()
    {
        const QByteArray deploy =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: conformance\nspec:\n  replicas: 2\n"
            "  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
            "    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n";
        CommandResult r = k({QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("-f"), QStringLiteral("-")}, deploy);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/web serverside-applied"));
        // Another manager takes .spec.replicas -> conflict for that manager.
        QByteArray other = deploy;
        other.replace("replicas: 2", "replicas: 5");
        r = k({QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("--field-manager=other"), QStringLiteral("-f"), QStringLiteral("-")}, other);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas"))
                     || r.err.contains(QLatin1String("conflict with \"kubectl\" using apps/v1: .spec.replicas")),
                 qPrintable(r.err));
        r = k({QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("--field-manager=other"), QStringLiteral("--force-conflicts"), QStringLiteral("-f"), QStringLiteral("-")}, other);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject obj = json({QStringLiteral("get"), QStringLiteral("deploy"), QStringLiteral("web"), QStringLiteral("-n"), m_ns, QStringLiteral("--show-managed-fields")});
        QCOMPARE(obj.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 5);
        QStringList managers;
        for (const QJsonValue &mf : obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields")).toArray())
            managers << mf.toObject().value(QLatin1String("manager")).toString();
        QVERIFY2(managers.contains(QStringLiteral("other")) && managers.contains(QStringLiteral("kubectl")), qPrintable(managers.join(QLatin1Char(','))));
    }

    void diff()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("diff")).isEmpty())
            QSKIP("diff is not on PATH");
        const QByteArray cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: conformance\ndata:\n  mode: red\n";
        const CommandResult r = k({QStringLiteral("diff"), QStringLiteral("-f"), QStringLiteral("-")}, cm);
        QCOMPARE(r.exitCode, 1);   // differences found
        QVERIFY2(r.out.contains(QLatin1String("-  mode: green")) && r.out.contains(QLatin1String("+  mode: red")), qPrintable(r.all()));
        const QJsonObject live = json({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("app-config"), QStringLiteral("-n"), m_ns});
        QCOMPARE(live.value(QLatin1String("data")).toObject().value(QLatin1String("mode")).toString(), QStringLiteral("green"));
    }

    void dryRunServer()
    {
        CommandResult r = k({QStringLiteral("create"), QStringLiteral("configmap"), QStringLiteral("dry"), QStringLiteral("-n"), m_ns,
                             QStringLiteral("--from-literal=a=b"), QStringLiteral("--dry-run=server"), QStringLiteral("-o"), QStringLiteral("yaml")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.contains(QLatin1String("name: dry")));
        QVERIFY(r.out.contains(QLatin1String("uid: ")));
        r = k({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("dry"), QStringLiteral("-n"), m_ns});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("NotFound")));
    }

    void labelAndScale()
    {
        CommandResult r = k({QStringLiteral("label"), QStringLiteral("cm"), QStringLiteral("app-config"), QStringLiteral("-n"), m_ns, QStringLiteral("tier=backend")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("configmap/app-config labeled"));
        r = k({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"), m_ns, QStringLiteral("-l"), QStringLiteral("tier=backend"), QStringLiteral("-o"), QStringLiteral("name")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("configmap/app-config"));
        r = k({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"), m_ns, QStringLiteral("-l"), QStringLiteral("tier notin (backend)"), QStringLiteral("-o"), QStringLiteral("name")});
        QVERIFY(!r.out.contains(QLatin1String("app-config")));

        r = k({QStringLiteral("scale"), QStringLiteral("deploy"), QStringLiteral("web"), QStringLiteral("-n"), m_ns, QStringLiteral("--replicas=3")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/web scaled"));
        const QJsonObject obj = json({QStringLiteral("get"), QStringLiteral("deploy"), QStringLiteral("web"), QStringLiteral("-n"), m_ns});
        QCOMPARE(obj.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 3);
    }

    void logsAndExec()
    {
        const QByteArray pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: shell\n  namespace: conformance\nspec:\n"
                               "  containers:\n  - name: main\n    image: nginx:1.27\n";
        CommandResult r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, pod);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(waitForPodRunning(QStringLiteral("shell")), "pod did not reach Running");
        r = k({QStringLiteral("logs"), QStringLiteral("shell"), QStringLiteral("-n"), m_ns});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.startsWith(QLatin1String("starting main")), qPrintable(r.out));
        r = k({QStringLiteral("logs"), QStringLiteral("shell"), QStringLiteral("-n"), m_ns, QStringLiteral("--timestamps"), QStringLiteral("--tail=1")});
        static const QRegularExpression ts(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z "));
        QVERIFY2(ts.match(r.out).hasMatch() && r.out.count(QLatin1Char('\n')) == 1, qPrintable(r.out));

        r = k({QStringLiteral("exec"), QStringLiteral("shell"), QStringLiteral("-n"), m_ns, QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("hello"), QStringLiteral("world")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out, QStringLiteral("hello world\n"));
        r = k({QStringLiteral("exec"), QStringLiteral("shell"), QStringLiteral("-n"), m_ns, QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("hostname; exit 3")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.out, QStringLiteral("shell\n"));
        r = k({QStringLiteral("exec"), QStringLiteral("-i"), QStringLiteral("shell"), QStringLiteral("-n"), m_ns, QStringLiteral("--"), QStringLiteral("sh")}, "echo from-stdin\nexit 0\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(QLatin1String("from-stdin")), qPrintable(r.all()));
    }

    void authCanIAndWhoami()
    {
        CommandResult r = k({QStringLiteral("auth"), QStringLiteral("can-i"), QStringLiteral("create"), QStringLiteral("pods"), QStringLiteral("-n"), m_ns});
        QCOMPARE(r.out.trimmed(), QStringLiteral("yes"));
        QCOMPARE(r.exitCode, 0);
        r = k({QStringLiteral("auth"), QStringLiteral("can-i"), QStringLiteral("delete"), QStringLiteral("pods"), QStringLiteral("-n"), m_ns, QStringLiteral("--as=bob")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("no"));
        QCOMPARE(r.exitCode, 1);
        r = k({QStringLiteral("auth"), QStringLiteral("can-i"), QStringLiteral("list"), QStringLiteral("pods"), QStringLiteral("-n"), m_ns, QStringLiteral("--as=bob")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("yes"));
        r = k({QStringLiteral("auth"), QStringLiteral("whoami")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        static const QRegularExpression who(QStringLiteral("Username\\s+admin"));
        QVERIFY2(who.match(r.out).hasMatch(), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("system:authenticated")));
    }

    void forbiddenForAuditor()
    {
        const CommandResult r = k({QStringLiteral("--context"), QStringLiteral("sandbox-bob/business-1"), QStringLiteral("delete"),
                                   QStringLiteral("cm"), QStringLiteral("app-config"), QStringLiteral("-n"), m_ns});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QStringLiteral("Error from server (Forbidden): configmaps \"app-config\" is forbidden: User \"bob\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"conformance\""));
        const CommandResult list = k({QStringLiteral("--context"), QStringLiteral("sandbox-bob/business-1"), QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"), m_ns});
        QVERIFY2(list.exitCode == 0, qPrintable(list.all()));
    }

    void podSecurityAdmission()
    {
        CommandResult r = k({QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("psa-restricted")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = k({QStringLiteral("label"), QStringLiteral("ns"), QStringLiteral("psa-restricted"), QStringLiteral("pod-security.kubernetes.io/enforce=restricted"),
               QStringLiteral("pod-security.kubernetes.io/warn=restricted")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QByteArray pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: psa-restricted\nspec:\n"
                               "  containers:\n  - name: main\n    image: busybox\n    securityContext:\n      privileged: true\n";
        r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, pod);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Error from server (Forbidden)")) && r.err.contains(QLatin1String("violates PodSecurity \"restricted:latest\": privileged (container \"main\" must not set securityContext.privileged=true)")),
                 qPrintable(r.err));
        // warn-only namespace: created, with kubectl printing the warning.
        k({QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("psa-warn")});
        k({QStringLiteral("label"), QStringLiteral("ns"), QStringLiteral("psa-warn"), QStringLiteral("pod-security.kubernetes.io/warn=baseline")});
        QByteArray warnPod = pod;
        warnPod.replace("psa-restricted", "psa-warn");
        r = k({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, warnPod);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.err.contains(QLatin1String("Warning: would violate PodSecurity \"baseline:latest\": privileged (container \"main\" must not set securityContext.privileged=true)")), qPrintable(r.err));
    }

    void explain()
    {
        // The sandbox child finds ../shared the same way (ACP_SHARED_DIR overrides it).
        const QString shared = qEnvironmentVariable("ACP_SHARED_DIR", QStringLiteral(ACP_SHARED_DIR));
        if (!QDir(shared + QStringLiteral("/testdata/openapi")).exists())
            QSKIP("../shared is absent: kubectl explain needs its OpenAPI documents");
        const CommandResult r = k({QStringLiteral("explain"), QStringLiteral("deployment.spec.replicas")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.contains(QLatin1String("GROUP:      apps")));
        QVERIFY(r.out.contains(QLatin1String("FIELD: replicas <integer>")));
    }

    void watch()
    {
        QProcess w;
        w.setProcessEnvironment(m_sandbox.environment());
        w.start(QStringLiteral("kubectl"), {QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"), m_ns, QStringLiteral("-w"), QStringLiteral("--output-watch-events")});
        QVERIFY(w.waitForStarted());
        QString out;
        QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(w.readAllStandardOutput())).contains(QLatin1String("app-config")), 10000);
        const CommandResult r = k({QStringLiteral("create"), QStringLiteral("cm"), QStringLiteral("watched"), QStringLiteral("-n"), m_ns});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        static const QRegularExpression added(QStringLiteral("ADDED\\s+watched\\s+0\\s+\\d+s"));
        QTRY_VERIFY_WITH_TIMEOUT(added.match(out += QString::fromUtf8(w.readAllStandardOutput())).hasMatch(), 10000);
        k({QStringLiteral("delete"), QStringLiteral("cm"), QStringLiteral("watched"), QStringLiteral("-n"), m_ns});
        QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(w.readAllStandardOutput())).contains(QLatin1String("DELETED")), 10000);
        w.kill();
        w.waitForFinished();
    }

    void deleteAndNamespaceCascade()
    {
        CommandResult r = k({QStringLiteral("delete"), QStringLiteral("cm"), QStringLiteral("app-config"), QStringLiteral("-n"), m_ns});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("configmap \"app-config\" deleted"));
        r = k({QStringLiteral("delete"), QStringLiteral("namespace"), QStringLiteral("psa-warn")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("namespace \"psa-warn\" deleted"));
        r = k({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("psa-warn")});
        QVERIFY2(r.err.contains(QLatin1String("No resources found in psa-warn namespace.")), qPrintable(r.all()));
    }
};

QTEST_GUILESS_MAIN(TestKubectl)
#include "tst_kubectl.moc"
