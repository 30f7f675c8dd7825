// Conformance: workload commands of the real kubectl (1.32) against acp-sandbox with its
// simulated controllers: rollout status / undo / restart / history, logs -f (following a
// growing container log), and drain (cordon, evictions, a PodDisruptionBudget refusal and the
// retry that succeeds once the budget allows it).
#include "tests/common/SandboxProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using acp::test::CommandResult;
using acp::test::SandboxProcess;

class TestKubectlWorkloads : public QObject {
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    const QString m_ns = QStringLiteral("workloads");

    CommandResult k(const QStringList &args, const QByteArray &input = QByteArray())
    {
        return m_sandbox.kubectl(args, input);
    }
    CommandResult kn(QStringList args) { return k(args << QStringLiteral("-n") << m_ns); }
    QString jsonpath(const QStringList &what, const QString &path)
    {
        return kn(QStringList{QStringLiteral("get")} + what + QStringList{QStringLiteral("-o"), QStringLiteral("jsonpath=") + path}).out;
    }
    // Starts kubectl without waiting; the caller owns the process.
    std::unique_ptr<QProcess> startKubectl(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(m_sandbox.environment());
        p->start(QStringLiteral("kubectl"), args);
        p->waitForStarted(5000);
        p->closeWriteChannel();
        return p;
    }
    // Collects a running process's output until `done` holds for it or `timeoutMs` passed.
    static bool waitOutput(QProcess &p, QByteArray *out, const std::function<bool(const QByteArray &)> &done, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            p.waitForReadyRead(200);
            *out += p.readAllStandardOutput() + p.readAllStandardError();
            if (done(*out))
                return true;
            if (p.state() == QProcess::NotRunning)
                return done(*out += p.readAllStandardOutput() + p.readAllStandardError());
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
        QVERIFY(k({QStringLiteral("create"), QStringLiteral("namespace"), m_ns}).exitCode == 0);
        const CommandResult r = kn({QStringLiteral("create"), QStringLiteral("deployment"), QStringLiteral("web"),
                                    QStringLiteral("--image=nginx:1.25"), QStringLiteral("--replicas=2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }

    void rolloutStatus()
    {
        const CommandResult r = kn({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("deployment/web"),
                                    QStringLiteral("--timeout=20s")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.endsWith(QLatin1String("deployment \"web\" successfully rolled out\n")), qPrintable(r.out));
    }

    void rolloutUndo()
    {
        CommandResult r = kn({QStringLiteral("set"), QStringLiteral("image"), QStringLiteral("deployment/web"), QStringLiteral("nginx=nginx:1.26")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = kn({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("deployment/web"), QStringLiteral("--timeout=20s")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // the old ReplicaSet was scaled down while the new one came up
        QVERIFY2(r.out.contains(QLatin1String("Waiting for deployment \"web\" rollout to finish: ")), qPrintable(r.out));
        QVERIFY(r.out.endsWith(QLatin1String("deployment \"web\" successfully rolled out\n")));
        r = kn({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("deployment/web")});
        static const QRegularExpression history(QStringLiteral("^deployment.apps/web \\nREVISION\\s+CHANGE-CAUSE\\n1\\s+<none>\\n2\\s+<none>\\n"));
        QVERIFY2(history.match(r.out).hasMatch(), qPrintable(r.all()));

        r = kn({QStringLiteral("rollout"), QStringLiteral("undo"), QStringLiteral("deployment/web")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/web rolled back"));
        r = kn({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("deployment/web"), QStringLiteral("--timeout=20s")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(jsonpath({QStringLiteral("deploy"), QStringLiteral("web")}, QStringLiteral("{.spec.template.spec.containers[0].image}")),
                 QStringLiteral("nginx:1.25"));
        // revision 1 became revision 3
        r = kn({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("deployment/web")});
        static const QRegularExpression undone(QStringLiteral("\\n2\\s+<none>\\n3\\s+<none>\\n"));
        QVERIFY2(undone.match(r.out).hasMatch() && !r.out.contains(QLatin1String("\n1 ")), qPrintable(r.out));
    }

    void rolloutRestart()
    {
        CommandResult r = kn({QStringLiteral("rollout"), QStringLiteral("restart"), QStringLiteral("deployment/web")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(r.out.trimmed(), QStringLiteral("deployment.apps/web restarted"));
        QVERIFY(!jsonpath({QStringLiteral("deploy"), QStringLiteral("web")},
                          QStringLiteral("{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}")).isEmpty());
        r = kn({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("deployment/web"), QStringLiteral("--timeout=20s")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // every pod now belongs to the restarted template's ReplicaSet
        const QString hash = jsonpath({QStringLiteral("pods"), QStringLiteral("-l"), QStringLiteral("app=web")},
                                      QStringLiteral("{.items[*].metadata.labels.pod-template-hash}"));
        const QStringList hashes = hash.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(hashes.size(), 2);
        QCOMPARE(hashes.at(0), hashes.at(1));
    }

    void logsFollow()
    {
        const QString pod = jsonpath({QStringLiteral("pods"), QStringLiteral("-l"), QStringLiteral("app=web")},
                                     QStringLiteral("{.items[0].metadata.name}"));
        QVERIFY(!pod.isEmpty());
        auto p = startKubectl({QStringLiteral("logs"), QStringLiteral("-f"), QStringLiteral("--tail=1"), pod, QStringLiteral("-n"), m_ns});
        QByteArray out;
        // one line of history, then lines the container writes while kubectl follows
        QVERIFY2(waitOutput(*p, &out, [](const QByteArray &o) { return o.count('\n') >= 3; }, 20000), out.constData());
        QCOMPARE(p->state(), QProcess::Running);   // still following
        p->kill();
        p->waitForFinished(5000);
    }

    void drainWithDisruptionBudget()
    {
        const QString pod = jsonpath({QStringLiteral("pods"), QStringLiteral("-l"), QStringLiteral("app=web")},
                                     QStringLiteral("{.items[0].metadata.name}"));
        const QString node = jsonpath({QStringLiteral("pod"), pod}, QStringLiteral("{.spec.nodeName}"));
        QVERIFY(!node.isEmpty());
        CommandResult r = kn({QStringLiteral("create"), QStringLiteral("pdb"), QStringLiteral("web"), QStringLiteral("--selector=app=web"),
                              QStringLiteral("--min-available=2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QTRY_COMPARE_WITH_TIMEOUT(jsonpath({QStringLiteral("pdb"), QStringLiteral("web")}, QStringLiteral("{.status.currentHealthy}")),
                                  QStringLiteral("2"), 10000);

        auto drain = startKubectl({QStringLiteral("drain"), node, QStringLiteral("--ignore-daemonsets"),
                                   QStringLiteral("--delete-emptydir-data"), QStringLiteral("--force"), QStringLiteral("--timeout=40s")});
        QByteArray out;
        const QString refusal = QStringLiteral("error when evicting pods/\"%1\" -n \"%2\" (will retry after 5s): Cannot evict pod as it "
                                               "would violate the pod's disruption budget.").arg(pod, m_ns);
        QVERIFY2(waitOutput(*drain, &out, [&](const QByteArray &o) { return o.contains(refusal.toUtf8()); }, 20000), out.constData());
        QVERIFY2(out.startsWith("node/" + node.toUtf8() + " cordoned\n"), out.constData());
        QCOMPARE(jsonpath({QStringLiteral("node"), node}, QStringLiteral("{.spec.unschedulable}")), QStringLiteral("true"));

        // the budget allows one disruption: the retry evicts the pod and the drain completes
        r = kn({QStringLiteral("patch"), QStringLiteral("pdb"), QStringLiteral("web"), QStringLiteral("--type=merge"),
                QStringLiteral("-p"), QStringLiteral(R"({"spec":{"minAvailable":1}})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // the disruption controller keeps the budget's status current (kubectl get pdb shows it)
        static const QRegularExpression oneAllowed(QStringLiteral("\\nweb\\s+1\\s+N/A\\s+1\\s+\\d+s\\n"));
        QTRY_VERIFY_WITH_TIMEOUT(oneAllowed.match(kn({QStringLiteral("get"), QStringLiteral("pdb")}).out).hasMatch(), 10000);
        QVERIFY2(waitOutput(*drain, &out, [&](const QByteArray &o) { return o.contains("node/" + node.toUtf8() + " drained"); }, 25000),
                 out.constData());
        QVERIFY(drain->waitForFinished(5000));
        QCOMPARE(drain->exitCode(), 0);
        QVERIFY2(out.contains("pod/" + pod.toUtf8() + " evicted"), out.constData());
        // nothing but DaemonSet pods is left on the node, and the Deployment replaced the pod elsewhere
        QCOMPARE(kn({QStringLiteral("get"), QStringLiteral("pod"), pod}).exitCode, 1);
        const QString nodes = jsonpath({QStringLiteral("pods"), QStringLiteral("-l"), QStringLiteral("app=web")},
                                       QStringLiteral("{.items[*].spec.nodeName}"));
        QVERIFY2(!nodes.contains(node), qPrintable(nodes));
        r = k({QStringLiteral("uncordon"), node});
        QCOMPARE(r.out.trimmed(), QStringLiteral("node/%1 uncordoned").arg(node));
    }
};

QTEST_GUILESS_MAIN(TestKubectlWorkloads)
#include "tst_kubectlworkloads.moc"
