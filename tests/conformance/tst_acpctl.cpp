// Conformance: `acpctl get` / `acpctl api-resources` against the real kubectl (1.32) on the same
// acp-sandbox (TLS, --no-controllers so objects hold still). stdout, stderr and exit codes are
// compared byte for byte; ages relative to "now" can tick between the two runs, so a mismatch
// is retried and, if it persists, compared with human durations masked and spaces collapsed.
// Also: global flags before/after the subcommand, -o json as parsed JSON, not-found and
// forbidden errors (sandbox-bob is a read-only auditor: no nodes, no secrets), and
// `--clusters all` = the union of per-context kubectl outputs with a CLUSTER column.
// Skips when kubectl is absent.
#include "tests/common/SandboxProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using acp::test::CommandResult;

class TestAcpctl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void getParity_data();
    void getParity();
    void jsonParity();
    void flagsAnywhere();
    void clustersAll();
    void loginCommand();

private:
    CommandResult acpctl(const QStringList &args) const { return m_sandbox.run(m_acpctl, args); }
    static QString masked(QString s);
    void compare(const QStringList &args);

    acp::test::SandboxProcess m_sandbox;
    QString m_acpctl;
};

void TestAcpctl::initTestCase()
{
    if (!acp::test::SandboxProcess::hasKubectl())
        QSKIP("kubectl is not on PATH: conformance tests need the real kubectl");
    m_acpctl = QStringLiteral(ACP_BIN_DIR "/acpctl");
    if (!QFileInfo::exists(m_acpctl))
        QSKIP("acpctl is not built (ACP_BIN_DIR/acpctl)");
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
}

QString TestAcpctl::masked(QString s)
{
    static const QRegularExpression duration(QStringLiteral("\\b\\d+(y|d|h|m|s)(\\d+(d|h|m|s))?\\b"));
    static const QRegularExpression spaces(QStringLiteral(" {2,}"));
    s.replace(duration, QStringLiteral("<age>"));
    s.replace(spaces, QStringLiteral("  "));
    return s;
}

void TestAcpctl::compare(const QStringList &args)
{
    CommandResult a, k;
    for (int attempt = 0; attempt < 3; ++attempt) {
        a = acpctl(args);
        k = m_sandbox.kubectl(args);
        if (a.out == k.out && a.err == k.err && a.exitCode == k.exitCode)
            return;
    }
    const QString what = args.join(QLatin1Char(' '));
    QVERIFY2(a.exitCode == k.exitCode, qPrintable(QStringLiteral("%1: exit %2 vs kubectl %3\n%4").arg(what).arg(a.exitCode).arg(k.exitCode).arg(a.err)));
    QVERIFY2(masked(a.out) == masked(k.out), qPrintable(QStringLiteral("%1: stdout differs\n--- acpctl\n%2\n--- kubectl\n%3").arg(what, a.out.left(3000), k.out.left(3000))));
    QVERIFY2(masked(a.err) == masked(k.err), qPrintable(QStringLiteral("%1: stderr differs\n--- acpctl\n%2\n--- kubectl\n%3").arg(what, a.err, k.err)));
}

void TestAcpctl::getParity_data()
{
    QTest::addColumn<QStringList>("args");
    auto add = [](const char *name, QStringList args) { QTest::newRow(name) << args; };
    add("pods -A", {"get", "pods", "-A"});
    add("pods -n", {"get", "pods", "-n", "alpha-prod"});
    add("pods wide", {"get", "pods", "-A", "-o", "wide"});
    add("pods -l", {"get", "pods", "-A", "-l", "app=frontend"});
    add("pods field selector", {"get", "po", "-A", "--field-selector", "status.phase=Running"});
    add("pods show labels", {"get", "pods", "-n", "alpha-prod", "--show-labels"});
    add("pods no headers", {"get", "pods", "-n", "alpha-dev", "--no-headers"});
    add("deploy", {"get", "deploy", "-A"});
    add("deploy wide", {"get", "deployments.apps", "-A", "-o", "wide"});
    add("svc", {"get", "svc", "-A"});
    add("nodes", {"get", "nodes"});
    add("nodes wide", {"get", "no", "-o", "wide"});
    add("ns", {"get", "ns", "--show-labels"});
    add("cm", {"get", "cm", "-A"});
    add("events", {"get", "events", "-A"});
    add("clusterroles (default columns)", {"get", "clusterroles"});
    add("crds", {"get", "crd"});
    add("several kinds", {"get", "pods,svc,deploy", "-n", "alpha-prod"});
    add("several kinds, one empty", {"get", "pods,cronjobs", "-n", "alpha-dev"});
    add("several kinds no headers", {"get", "nodes,ns", "--no-headers"});
    add("mixed scopes -A", {"get", "nodes,pods", "-A"});
    add("names", {"get", "pods", "postgres-0", "postgres-1", "-n", "alpha-prod"});
    add("type/name", {"get", "pod/postgres-0", "svc/postgres", "-n", "alpha-prod"});
    add("-o name", {"get", "pods,svc,nodes", "-n", "alpha-prod", "-o", "name"});
    add("-o yaml one", {"get", "pod", "postgres-0", "-n", "alpha-prod", "-o", "yaml"});
    add("-o yaml list", {"get", "svc", "-n", "alpha-prod", "-o", "yaml"});
    add("empty namespace", {"get", "pods", "-n", "kube-public"});
    add("empty namespace, several", {"get", "svc,pods", "-n", "kube-public"});
    add("empty -o name", {"get", "pods", "-n", "kube-public", "-o", "name"});
    add("empty -o json", {"get", "pods", "-n", "kube-public", "-o", "json"});
    add("not found", {"get", "pods", "nosuch", "-n", "alpha-prod"});
    add("some not found", {"get", "pods", "postgres-0", "nosuch", "-n", "alpha-prod"});
    add("unknown type", {"get", "foo"});
    add("unknown among known", {"get", "pods,foo"});
    add("bob forbidden nodes", {"--context", "sandbox-bob/business-1", "get", "nodes"});
    add("bob forbidden secrets", {"--context", "sandbox-bob/business-1", "get", "secrets", "-A"});
    add("bob may read pods", {"--context", "sandbox-bob/business-1", "get", "pods", "-n", "alpha-dev"});
    add("alice forbidden cluster-wide", {"--context", "sandbox-alice/business-1", "get", "pods", "-A"});
    add("api-resources", {"api-resources"});
    add("api-resources wide", {"api-resources", "-o", "wide"});
    add("api-resources name", {"api-resources", "-o", "name"});
    add("api-resources cluster-scoped", {"api-resources", "--namespaced=false"});
    add("api-resources group", {"api-resources", "--api-group", "apps", "-o", "wide"});
    add("api-resources empty", {"api-resources", "--api-group", "apps", "--namespaced=false"});
}

void TestAcpctl::getParity()
{
    QFETCH(QStringList, args);
    compare(args);
}

void TestAcpctl::jsonParity()
{
    for (const QStringList &args : {QStringList{"get", "pods", "-n", "alpha-prod", "-o", "json"},
                                    QStringList{"get", "pod", "postgres-0", "-n", "alpha-prod", "-o", "json"},
                                    QStringList{"get", "deploy,svc", "-n", "alpha-prod", "-o", "json"},
                                    QStringList{"get", "nodes", "-o", "json"}}) {
        const CommandResult a = acpctl(args), k = m_sandbox.kubectl(args);
        QCOMPARE(a.exitCode, k.exitCode);
        const QJsonDocument ja = QJsonDocument::fromJson(a.out.toUtf8()), jk = QJsonDocument::fromJson(k.out.toUtf8());
        QVERIFY2(!ja.isNull() && ja == jk, qPrintable(args.join(u' ')));
        QCOMPARE(a.out, k.out); // Go's encoder: same key order, indentation and escaping
    }
}

void TestAcpctl::flagsAnywhere()
{
    const QStringList variants[] = {
        {"-n", "alpha-prod", "get", "pods"},
        {"get", "-n", "alpha-prod", "pods"},
        {"get", "pods", "-n", "alpha-prod"},
        {"get", "pods", "--namespace=alpha-prod"},
        {"--context", "sandbox/business-1", "get", "pods", "-nalpha-prod"},
        {"get", "pods", "--context=sandbox/business-1", "-n", "alpha-prod", "--kubeconfig", m_sandbox.kubeconfig()},
    };
    const CommandResult reference = m_sandbox.kubectl({"get", "pods", "-n", "alpha-prod"});
    QCOMPARE(reference.exitCode, 0);
    for (const QStringList &args : variants) {
        const CommandResult a = acpctl(args);
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(masked(a.out), masked(reference.out));
    }
}

void TestAcpctl::clustersAll()
{
    // The union of `kubectl --context sandbox/<c> get ...` over the session's clusters, each row
    // prefixed by its cluster (cells compared after collapsing the alignment).
    const CommandResult contexts = m_sandbox.kubectl({"config", "get-contexts", "-o", "name"});
    QStringList clusters;
    for (const QString &c : contexts.out.split(u'\n', Qt::SkipEmptyParts))
        if (c.startsWith(QLatin1String("sandbox/")))
            clusters << c.mid(8);
    clusters.sort();
    QVERIFY(clusters.size() >= 2);
    for (const QStringList &what : {QStringList{"pods", "-A"}, QStringList{"deploy", "-n", "alpha-prod"}, QStringList{"nodes"}}) {
        QStringList expected;
        QString header;
        for (const QString &c : clusters) {
            const CommandResult k = m_sandbox.kubectl(QStringList{"--context", "sandbox/" + c, "get"} + what + QStringList{"--no-headers"});
            QCOMPARE(k.exitCode, 0);
            for (const QString &line : k.out.split(u'\n', Qt::SkipEmptyParts))
                expected << masked(c + QStringLiteral("  ") + line);
            if (header.isEmpty())
                header = m_sandbox.kubectl(QStringList{"--context", "sandbox/" + c, "get"} + what).out.section(u'\n', 0, 0);
        }
        const CommandResult a = acpctl(QStringList{"get"} + what + QStringList{"--clusters", "all"});
        QCOMPARE(a.exitCode, 0);
        QStringList lines = a.out.split(u'\n', Qt::SkipEmptyParts);
        if (expected.isEmpty()) {
            QVERIFY(lines.isEmpty());
            continue;
        }
        QVERIFY(!lines.isEmpty());
        QCOMPARE(masked(lines.takeFirst()), masked(QStringLiteral("CLUSTER  ") + header));
        for (QString &l : lines)
            l = masked(l);
        QCOMPARE(lines, expected);
        // Aligned as one table: every row's cells start where the header's do.
        const QString firstRow = a.out.section(u'\n', 1, 1);
        QCOMPARE(a.out.section(u'\n', 0, 0).indexOf(QLatin1String("NAME")) >= 0, true);
        QVERIFY(firstRow.size() > 0);
    }
    // A subset, and clear errors.
    const CommandResult two = acpctl({"get", "nodes", "--clusters", clusters.first() + u',' + clusters.last()});
    QCOMPARE(two.exitCode, 0);
    QVERIFY(two.out.contains(clusters.first()) && two.out.contains(clusters.last()));
    const CommandResult bad = acpctl({"get", "nodes", "--clusters", "nosuch"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.startsWith(QLatin1String("error: session \"sandbox\" has no cluster \"nosuch\"")), qPrintable(bad.err));
    // bob may not list nodes anywhere: one error per cluster, prefixed with it.
    const CommandResult bob = acpctl({"--context", "sandbox-bob/global", "get", "nodes", "--clusters", "all"});
    QCOMPARE(bob.exitCode, 1);
    for (const QString &c : clusters)
        QVERIFY2(bob.err.contains(c + QStringLiteral(": Error from server (Forbidden): nodes is forbidden")), qPrintable(bob.err));
}

void TestAcpctl::loginCommand()
{
    // acpctl login into a fresh kubeconfig, then use it; a wrong password writes nothing.
    const QString kubeconfig = m_sandbox.tempPath(QStringLiteral("login-kubeconfig"));
    const QString ca = m_sandbox.tempPath(QStringLiteral("ca.pem"));
    const CommandResult view = m_sandbox.kubectl({"config", "view", "--raw", "--minify", "--context", "sandbox/global", "-o",
                                                  "jsonpath={.clusters[0].cluster.certificate-authority-data}"});
    QFile caFile(ca);
    QVERIFY(caFile.open(QIODevice::WriteOnly));
    caFile.write(QByteArray::fromBase64(view.out.toLatin1()));
    caFile.close();
    const QStringList base{"--kubeconfig", kubeconfig};
    QFile(kubeconfig).remove();
    QFile empty(kubeconfig);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    CommandResult r = acpctl(base + QStringList{"login", m_sandbox.address(), "--name", "mine", "--username", "alice", "--password", "wrong",
                                                "--certificate-authority", ca});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("Invalid username or password")), qPrintable(r.err));
    QFile check(kubeconfig);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray());
    check.close();
    r = acpctl(base + QStringList{"login", m_sandbox.address(), "--name", "mine", "--username", "alice", "--password", "alice-password",
                                  "--certificate-authority", ca});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(!r.out.contains(QLatin1String("eyJ"))); // no token printed
    r = acpctl(base + QStringList{"config", "get-sessions"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QLatin1String("CURRENT   NAME   PLATFORM")), qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1String("*         mine   ")));
    r = acpctl(base + QStringList{"config", "use-cluster", "business-2"});
    QCOMPARE(r.out, QStringLiteral("Switched to context \"mine/business-2\".\n"));
    const CommandResult k = m_sandbox.run(QStringLiteral("kubectl"), base + QStringList{"config", "current-context"});
    QCOMPARE(k.out, QStringLiteral("mine/business-2\n"));
    r = acpctl(base + QStringList{"config", "use-session", "mine", "--cluster", "nosuch"});
    QCOMPARE(r.exitCode, 1);
    // kubectl works with the session acpctl wrote (alice owns project alpha).
    const CommandResult pods = m_sandbox.run(QStringLiteral("kubectl"), base + QStringList{"--context", "mine/business-1", "get", "pods", "-n", "alpha"});
    QVERIFY2(pods.exitCode == 0, qPrintable(pods.err));
}

QTEST_GUILESS_MAIN(TestAcpctl)
#include "tst_acpctl.moc"
