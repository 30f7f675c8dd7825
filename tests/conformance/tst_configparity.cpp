// Conformance: `acpctl config ...` against the real `kubectl config ...` (1.32) on generated
// merge scenarios (several files through KUBECONFIG, the same names in several files, relative
// certificate paths, exec/token/basic/oidc users, namespaces, extensions, preferences) and on
// every kubeconfig fixture in ../shared. JSON output is compared as parsed JSON, YAML output and
// error text byte for byte, exit codes exactly. kubectl runs with HOME set to a temporary
// directory. Skips when kubectl or acpctl is absent.
#include <QJsonDocument>
#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env, const QString &cwd)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(cwd);
    p.start(program, args);
    p.waitForFinished(60000);
    return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QByteArray pem(const QString &fixture, const QByteArray &fallback)
{
    QFile f(QStringLiteral(ACP_SHARED_DIR "/testdata/kubeconfig/kubernetes-client-csharp/tests/KubernetesClient.Tests/assets/") + fixture);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : fallback;
}

} // namespace

class TestConfigParity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void generatedScenarios();
    void fixtures();
    void writeCommands();

private:
    // Runs one command with both tools and compares; returns false (with a message) on mismatch.
    void compare(const QStringList &args, const QProcessEnvironment &env, const QString &cwd);
    QProcessEnvironment baseEnv(const QString &kubeconfig) const;

    QString m_kubectl, m_acpctl;
    QTemporaryDir m_home;
    int m_compared = 0;
};

void TestConfigParity::initTestCase()
{
    m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not on PATH: conformance tests need the real kubectl");
    m_acpctl = QStringLiteral(ACP_BIN_DIR "/acpctl");
    if (!QFileInfo::exists(m_acpctl))
        QSKIP("acpctl is not built (ACP_BIN_DIR/acpctl)");
}

QProcessEnvironment TestConfigParity::baseEnv(const QString &kubeconfig) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("KUBECONFIG"), kubeconfig);
    return env;
}

void TestConfigParity::compare(const QStringList &args, const QProcessEnvironment &env, const QString &cwd)
{
    const Run k = run(m_kubectl, args, env, cwd);
    const Run a = run(m_acpctl, args, env, cwd);
    const QString what = args.join(QLatin1Char(' ')) + QStringLiteral(" [KUBECONFIG=") + env.value(QStringLiteral("KUBECONFIG")) + QLatin1Char(']');
    QVERIFY2(k.code == a.code, qPrintable(QStringLiteral("%1: exit %2 vs %3\nkubectl: %4\nacpctl: %5")
                                              .arg(what).arg(k.code).arg(a.code).arg(QString::fromUtf8(k.err), QString::fromUtf8(a.err))));
    QVERIFY2(k.err == a.err, qPrintable(QStringLiteral("%1: stderr\nkubectl: %2\nacpctl: %3").arg(what, QString::fromUtf8(k.err), QString::fromUtf8(a.err))));
    if (args.contains(QStringLiteral("json")) && !(k.out.isEmpty() && a.out.isEmpty())) {
        QJsonParseError ek, ea;
        const QJsonDocument dk = QJsonDocument::fromJson(k.out, &ek), da = QJsonDocument::fromJson(a.out, &ea);
        QVERIFY2(ek.error == QJsonParseError::NoError && ea.error == QJsonParseError::NoError, qPrintable(what));
        QVERIFY2(dk == da, qPrintable(QStringLiteral("%1: JSON differs\nkubectl:\n%2\nacpctl:\n%3").arg(what, QString::fromUtf8(k.out), QString::fromUtf8(a.out))));
    } else {
        QVERIFY2(k.out == a.out, qPrintable(QStringLiteral("%1: output differs\nkubectl:\n%2\nacpctl:\n%3").arg(what, QString::fromUtf8(k.out), QString::fromUtf8(a.out))));
    }
    ++m_compared;
}

void TestConfigParity::generatedScenarios()
{
    const QByteArray ca = pem(QStringLiteral("ca.crt"), "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n");
    const QByteArray cert = pem(QStringLiteral("client.crt"), "-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n");
    const QByteArray key = pem(QStringLiteral("client.key"), "-----BEGIN RSA PRIVATE KEY-----\nS0VZ\n-----END RSA PRIVATE KEY-----\n");
    for (int variant = 0; variant < 4; ++variant) {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("one/a.yaml")), b = dir.filePath(QStringLiteral("two/b.yaml")),
                      c = dir.filePath(QStringLiteral("c.yaml"));
        write(dir.filePath(QStringLiteral("one/pki/ca.crt")), ca);
        write(dir.filePath(QStringLiteral("two/client.crt")), cert);
        write(dir.filePath(QStringLiteral("two/keys/client.key")), key);
        write(dir.filePath(QStringLiteral("c-ca.crt")), ca);
        const QByteArray current = variant % 2 ? "current-context: ctx-b\n" : "";
        write(a, "apiVersion: v1\nkind: Config\n" + current +
                 "clusters:\n- name: shared\n  cluster:\n    server: https://a.example:6443/kubernetes/global\n    certificate-authority: pki/ca.crt\n"
                 "    extensions:\n    - name: acp.io/v1\n      extension: {platform: a, num: 1}\n"
                 "- name: tls\n  cluster:\n    server: https://tls.example\n    tls-server-name: sni.example\n    proxy-url: socks5://p:1080\n"
                 "    disable-compression: true\n"
                 "users:\n- name: exec-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./bin/plugin\n"
                 "      args: [get-token, --cluster=x]\n      env:\n      - {name: A, value: \"1\"}\n      installHint: install <it> & go\n"
                 "- name: token-user\n  user: {token: secret-a}\n"
                 "contexts:\n- name: ctx-a\n  context: {cluster: shared, user: exec-user, namespace: ns-a}\n");
        write(b, "apiVersion: v1\nkind: Config\ncurrent-context: ctx-a\n"
                 "clusters:\n- name: shared\n  cluster: {server: 'https://b.example', insecure-skip-tls-verify: true}\n"
                 "- name: data\n  cluster: {server: 'https://d.example', certificate-authority-data: " + ca.toBase64() + "}\n"
                 "users:\n- name: token-user\n  user: {token: secret-b}\n- name: cert-user\n  user:\n    client-certificate: client.crt\n"
                 "    client-key: keys/client.key\n    as: admin\n    as-groups: [g1, g2]\n    as-user-extra: {scopes: [s1]}\n"
                 "- name: basic\n  user: {username: u, password: p}\n"
                 "- name: oidc\n  user:\n    auth-provider:\n      name: oidc\n      config: {client-id: cid, id-token: x.y.z, idp-issuer-url: 'https://issuer'}\n"
                 "contexts:\n- name: ctx-b\n  context:\n    cluster: data\n    user: cert-user\n    extensions:\n    - {name: ctx-ext, extension: {k: v}}\n"
                 "- name: ctx-a\n  context: {cluster: tls, user: token-user}\n- name: ctx-basic\n  context: {cluster: tls, user: basic, namespace: team}\n"
                 "- name: ctx-oidc\n  context: {cluster: shared, user: oidc}\n"
                 "preferences:\n  colors: true\nextensions:\n- {name: top, extension: {x: [1, 2]}}\n");
        write(c, "clusters:\n- name: cfile\n  cluster: {server: 'https://c', certificate-authority: c-ca.crt}\n"
                 "contexts:\n- name: ctx-c\n  context: {cluster: cfile, user: missing-user}\n- name: ctx-empty\n  context: {cluster: cfile}\n");
        QStringList order{a, b, dir.filePath(QStringLiteral("missing.yaml")), c};
        if (variant >= 2)
            std::swap(order[0], order[1]);
        const QProcessEnvironment env = baseEnv(order.join(QLatin1Char(':')));
        for (const QString &o : {QStringLiteral("json"), QStringLiteral("yaml")}) {
            for (const QStringList &flags : QList<QStringList>{{}, {QStringLiteral("--raw")}, {QStringLiteral("--flatten")},
                                                                {QStringLiteral("--minify")}, {QStringLiteral("--minify"), QStringLiteral("--flatten")},
                                                                {QStringLiteral("--minify"), QStringLiteral("--raw")}}) {
                compare(QStringList{QStringLiteral("config"), QStringLiteral("view")} + flags + QStringList{QStringLiteral("-o"), o}, env, dir.path());
                if (QTest::currentTestFailed()) return;
            }
            for (const QString &ctx : {QStringLiteral("ctx-a"), QStringLiteral("ctx-b"), QStringLiteral("ctx-basic"), QStringLiteral("ctx-oidc"),
                                       QStringLiteral("ctx-c"), QStringLiteral("ctx-empty"), QStringLiteral("nope")}) {
                compare({QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--minify"), QStringLiteral("--flatten"),
                         QStringLiteral("--context"), ctx, QStringLiteral("-o"), o}, env, dir.path());
                if (QTest::currentTestFailed()) return;
            }
        }
        compare({QStringLiteral("--context=ctx-b"), QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--minify"),
                 QStringLiteral("-o"), QStringLiteral("json")}, env, dir.path());
        compare({QStringLiteral("config"), QStringLiteral("get-contexts")}, env, dir.path());
        compare({QStringLiteral("config"), QStringLiteral("get-contexts"), QStringLiteral("-o"), QStringLiteral("name")}, env, dir.path());
        compare({QStringLiteral("config"), QStringLiteral("current-context")}, env, dir.path());
    }
    qInfo("%d generated comparisons", m_compared);
}

void TestConfigParity::fixtures()
{
    const QString root = QStringLiteral(ACP_SHARED_DIR "/testdata/kubeconfig");
    if (!QDir(root).exists())
        QSKIP("../shared/testdata/kubeconfig is absent (ACP_SHARED_DIR)");
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = QFileInfo(path).fileName();
        if (name.endsWith(QLatin1String(".md")) || name == QLatin1String("LICENSE") || name.endsWith(QLatin1String(".json"))
            || name.endsWith(QLatin1String(".crt")) || name.endsWith(QLatin1String(".key")) || name.endsWith(QLatin1String(".pem"))
            || name.startsWith(QLatin1String("token")))
            continue;
        ++files;
        const QProcessEnvironment env = baseEnv(QString());
        const QString dir = QFileInfo(path).absolutePath();
        for (const QStringList &flags : QList<QStringList>{{QStringLiteral("-o"), QStringLiteral("yaml")},
                                                            {QStringLiteral("--raw"), QStringLiteral("-o"), QStringLiteral("json")},
                                                            {QStringLiteral("--minify"), QStringLiteral("--flatten"), QStringLiteral("-o"), QStringLiteral("json")},
                                                            {QStringLiteral("--minify"), QStringLiteral("-o"), QStringLiteral("yaml")}}) {
            compare(QStringList{QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--kubeconfig"), path} + flags, env, dir);
            if (QTest::currentTestFailed()) return;
        }
        compare({QStringLiteral("config"), QStringLiteral("get-contexts"), QStringLiteral("--kubeconfig"), path}, env, dir);
    }
    QVERIFY(files >= 50);
}

void TestConfigParity::writeCommands()
{
    // The same edits with both tools on identical copies: the resulting configs must be equal.
    QTemporaryDir dk, da;
    const QByteArray a = "contexts:\n- name: ca\n  context: {cluster: x, user: u}\n";
    const QByteArray b = "current-context: ca\ncontexts:\n- name: cb\n  context: {cluster: x, user: u}\n";
    for (const QTemporaryDir *d : {&dk, &da}) {
        write(d->filePath(QStringLiteral("a")), a);
        write(d->filePath(QStringLiteral("b")), b);
    }
    const QList<QStringList> steps{{QStringLiteral("config"), QStringLiteral("use-context"), QStringLiteral("cb")},
                                   {QStringLiteral("config"), QStringLiteral("set-context"), QStringLiteral("--current"), QStringLiteral("--namespace=team")},
                                   {QStringLiteral("config"), QStringLiteral("set-context"), QStringLiteral("fresh"), QStringLiteral("--cluster=z")},
                                   {QStringLiteral("config"), QStringLiteral("use-context"), QStringLiteral("nope")}};
    for (const QStringList &step : steps) {
        const Run k = run(m_kubectl, step, baseEnv(dk.filePath(QStringLiteral("n")) + QLatin1Char(':') + dk.filePath(QStringLiteral("a")) + QLatin1Char(':') + dk.filePath(QStringLiteral("b"))), dk.path());
        const Run r = run(m_acpctl, step, baseEnv(da.filePath(QStringLiteral("n")) + QLatin1Char(':') + da.filePath(QStringLiteral("a")) + QLatin1Char(':') + da.filePath(QStringLiteral("b"))), da.path());
        QCOMPARE(r.code, k.code);
        QCOMPARE(r.out, k.out);
        QCOMPARE(r.err, k.err);
        for (const QString &f : {QStringLiteral("a"), QStringLiteral("b")}) {
            const Run vk = run(m_kubectl, {QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--kubeconfig"), dk.filePath(f), QStringLiteral("-o"), QStringLiteral("json")}, baseEnv(QString()), dk.path());
            const Run va = run(m_kubectl, {QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--kubeconfig"), da.filePath(f), QStringLiteral("-o"), QStringLiteral("json")}, baseEnv(QString()), da.path());
            QCOMPARE(QJsonDocument::fromJson(va.out), QJsonDocument::fromJson(vk.out));
        }
        QCOMPARE(QFileInfo::exists(da.filePath(QStringLiteral("n"))), QFileInfo::exists(dk.filePath(QStringLiteral("n"))));
    }
}

QTEST_GUILESS_MAIN(TestConfigParity)
#include "tst_configparity.moc"
