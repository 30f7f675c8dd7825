// Conformance: `acpctl apply` / `acpctl diff` against the real kubectl (1.32) on the same
// acp-sandbox. Each command runs twice on identical files, acpctl into namespace ac-a and kubectl
// into ac-k (so both start from the same state); stdout, stderr (namespace names, diff's
// temporary paths and timestamps, and the objects' uid/creationTimestamp/resourceVersion masked)
// and exit codes must match. Skips without kubectl.
#include "tests/common/SandboxProcess.h"

#include <QtTest>

using acp::test::CommandResult;

class TestAcpctlApply : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parity_data();
    void parity();
    void externalDiff();
    void errors();

private:
    QString file(const QString &name, const QByteArray &text);
    static QString masked(QString s);

    acp::test::SandboxProcess m_sandbox;
    QString m_acpctl;
};

void TestAcpctlApply::initTestCase()
{
    if (!acp::test::SandboxProcess::hasKubectl())
        QSKIP("kubectl is not on PATH: conformance tests need the real kubectl");
    m_acpctl = QStringLiteral(ACP_BIN_DIR "/acpctl");
    if (!QFileInfo::exists(m_acpctl))
        QSKIP("acpctl is not built (ACP_BIN_DIR/acpctl)");
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
    for (const char *ns : {"ac-a", "ac-k"}) {
        const CommandResult r = m_sandbox.kubectl({"create", "namespace", ns});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }
}

QString TestAcpctlApply::file(const QString &name, const QByteArray &text)
{
    const QString path = m_sandbox.tempPath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
    return path;
}

QString TestAcpctlApply::masked(QString s)
{
    static const QRegularExpression ns(QStringLiteral("\\bac-[ak]\\b"));
    static const QRegularExpression tmp(QStringLiteral("/\\S*/(LIVE|MERGED)-[^/\\s]+"));
    static const QRegularExpression stamp(QStringLiteral("\\t\\d{4}-\\d\\d-\\d\\d [^\\n]*"));
    s.replace(ns, QStringLiteral("NS"));
    s.replace(tmp, QStringLiteral("\\1"));
    static const QRegularExpression identity(QStringLiteral("(uid|creationTimestamp|resourceVersion): \\S+"));
    static const QRegularExpression hunk(QStringLiteral("@@ [^@]+ @@"));
    s.replace(stamp, QString());
    s.replace(identity, QStringLiteral("\\1: X"));
    s.replace(hunk, QStringLiteral("@@"));
    return s;
}

void TestAcpctlApply::parity_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("exitCode");
    const QByteArray cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n";
    const QByteArray cm2 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"2\"\n  b: x\n";
    const QByteArray multi = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m1}\n---\n"
                             "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m2}\ndata: {k: v}\n";
    const QByteArray pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
                           "  volumes:\n  - name: s\n    secret: {secretName: s, defaultMode: 0644}\n";
    auto add = [](const char *name, QStringList args, const QByteArray &yaml, int code) { QTest::newRow(name) << args << yaml << code; };
    // Order matters: rows build on each other's state (the same in both namespaces).
    add("ssa create", {"apply", "--server-side"}, cm, 0);
    add("ssa again", {"apply", "--server-side"}, cm, 0);
    add("ssa dry-run", {"apply", "--server-side", "--dry-run=server"}, cm2, 0);
    add("diff none", {"diff", "--server-side"}, cm, 0);
    add("diff changed", {"diff", "--server-side"}, cm2, 1);
    add("diff new objects", {"diff", "--server-side"}, multi, 1);
    add("ssa update", {"apply", "--server-side"}, cm2, 0);
    add("client-side create", {"apply"}, multi, 0);
    add("client-side unchanged", {"apply"}, multi, 0);
    add("client-side dry-run", {"apply", "--dry-run=server"}, pod, 0);
    add("client-side pod defaultMode 0644", {"apply"}, pod, 0);
}

void TestAcpctlApply::parity()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, yaml);
    QFETCH(int, exitCode);
    const QString path = file(QStringLiteral("%1.yaml").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')), yaml);
    const CommandResult a = m_sandbox.run(m_acpctl, args + QStringList{"-f", path, "-n", "ac-a"});
    const CommandResult k = m_sandbox.kubectl(args + QStringList{"-f", path, "-n", "ac-k"});
    const QString what = args.join(QLatin1Char(' '));
    QVERIFY2(a.exitCode == k.exitCode, qPrintable(QStringLiteral("%1: exit %2 vs kubectl %3\n%4\n%5").arg(what).arg(a.exitCode).arg(k.exitCode).arg(a.all(), k.all())));
    QCOMPARE(a.exitCode, exitCode);
    QVERIFY2(masked(a.out) == masked(k.out), qPrintable(QStringLiteral("%1: stdout differs\n--- acpctl\n%2\n--- kubectl\n%3").arg(what, a.out, k.out)));
    QVERIFY2(masked(a.err) == masked(k.err), qPrintable(QStringLiteral("%1: stderr differs\n--- acpctl\n%2\n--- kubectl\n%3").arg(what, a.err, k.err)));
}

void TestAcpctlApply::externalDiff()
{
    const QString path = file(QStringLiteral("ext.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: \"9\"}\n");
    QProcessEnvironment env = m_sandbox.environment();
    env.insert(QStringLiteral("KUBECTL_EXTERNAL_DIFF"), QStringLiteral("echo ext"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(m_acpctl, {"diff", "--server-side", "-f", path, "-n", "ac-a"});
    QVERIFY(p.waitForFinished(30000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(QRegularExpression(QStringLiteral("^ext \\S+/LIVE-\\S+ \\S+/MERGED-\\S+\n$")).match(out).hasMatch(), qPrintable(out));
    QCOMPARE(p.exitCode(), 0);   // echo found no differences
}

void TestAcpctlApply::errors()
{
    // A conflict with another manager: kubectl's text and exit code 1.
    const QString other = file(QStringLiteral("other.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: owned}\ndata: {a: \"1\"}\n");
    const QString mine = file(QStringLiteral("mine.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: owned}\ndata: {a: \"2\"}\n");
    for (const char *ns : {"ac-a", "ac-k"})
        QCOMPARE(m_sandbox.kubectl({"apply", "--server-side", "--field-manager", "other", "-f", other, "-n", ns}).exitCode, 0);
    CommandResult a = m_sandbox.run(m_acpctl, {"apply", "--server-side", "-f", mine, "-n", "ac-a"});
    CommandResult k = m_sandbox.kubectl({"apply", "--server-side", "-f", mine, "-n", "ac-k"});
    QCOMPARE(a.exitCode, 1);
    QCOMPARE(a.exitCode, k.exitCode);
    QVERIFY2(a.err.contains(QStringLiteral("conflict with \"other\"")), qPrintable(a.err));
    QCOMPARE(masked(a.err).replace(QStringLiteral("\"acp-console\""), QStringLiteral("M")), masked(k.err).replace(QStringLiteral("\"kubectl\""), QStringLiteral("M")));
    a = m_sandbox.run(m_acpctl, {"apply", "--server-side", "--force-conflicts", "-f", mine, "-n", "ac-a"});
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, QStringLiteral("configmap/owned serverside-applied\n"));

    // One failing document among good ones (a lone Invalid error: kubectl's "The Kind \"name\" is invalid").
    const QString bad = file(QStringLiteral("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok1}\n---\n"
                                                          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n---\n"
                                                          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok2}\n");
    a = m_sandbox.run(m_acpctl, {"apply", "-f", bad, "-n", "ac-a"});
    k = m_sandbox.kubectl({"apply", "-f", bad, "-n", "ac-k"});
    QCOMPARE(a.exitCode, 1);
    QCOMPARE(a.exitCode, k.exitCode);
    QCOMPARE(a.out, k.out);
    QVERIFY2(a.err.startsWith(QStringLiteral("The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value")), qPrintable(a.err));
    QCOMPARE(masked(a.err), masked(k.err));

    // A kind the server does not serve.
    const QString unknown = file(QStringLiteral("unknown.yaml"), "apiVersion: example.com/v9\nkind: Nothing\nmetadata: {name: x}\n");
    a = m_sandbox.run(m_acpctl, {"apply", "-f", unknown, "-n", "ac-a"});
    k = m_sandbox.kubectl({"apply", "-f", unknown, "-n", "ac-k"});
    QCOMPARE(a.exitCode, k.exitCode);
    QCOMPARE(masked(a.err), masked(k.err));
    // A directory: its YAML files in name order.
    QDir(m_sandbox.tempPath(QString())).mkdir(QStringLiteral("dir"));
    file(QStringLiteral("dir/b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dir-b}\n");
    file(QStringLiteral("dir/a.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dir-a}\n");
    file(QStringLiteral("dir/skip.txt"), "not yaml");
    a = m_sandbox.run(m_acpctl, {"apply", "-f", m_sandbox.tempPath("dir"), "-n", "ac-a"});
    k = m_sandbox.kubectl({"apply", "-f", m_sandbox.tempPath("dir"), "-n", "ac-k"});
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, QStringLiteral("configmap/dir-a created\nconfigmap/dir-b created\n"));
    QCOMPARE(a.out, k.out);
    // diff errors exit >1.
    a = m_sandbox.run(m_acpctl, {"diff", "-f", unknown, "-n", "ac-a"});
    QVERIFY(a.exitCode > 1);
    QCOMPARE(m_sandbox.run(m_acpctl, {"apply", "-f", m_sandbox.tempPath("missing.yaml")}).exitCode, 1);
}

QTEST_MAIN(TestAcpctlApply)
#include "tst_acpctlapply.moc"
