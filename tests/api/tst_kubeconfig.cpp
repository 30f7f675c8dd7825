// Kubeconfig loading, merging, resolution and saving (kubectl's rules), over the shared
// fixtures and generated files.
#include "api/Kubeconfig.h"
#include "api/KubeconfigResolver.h"
#include "api/KubeconfigView.h"
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace acp::api;

namespace {

QString fixtures() { return QStringLiteral(ACP_SHARED_DIR "/testdata/kubeconfig"); }

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Result<Kubeconfig> loadEnv(const QStringList &files)
{
    KubeconfigLoadOptions o;
    o.kubeconfigEnv = files.join(QLatin1Char(':'));
    return Kubeconfig::load(o);
}

Result<Kubeconfig> loadOne(const QString &file)
{
    KubeconfigLoadOptions o;
    o.explicitPath = file;
    return Kubeconfig::load(o);
}

} // namespace

class TestKubeconfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixturesLoadOrFailClearly();
    void fixtureDetails();
    void precedenceAndMissingFiles();
    void mergeFirstWins();
    void relativePathsResolveAgainstDefiningFile();
    void brokenFilesNameFileLineField();
    void resolveErrorsAreKubectls();
    void resolveCredentialsAndOverrides();
    void saveKeepsCommentsAndUnknownFields();
    void saveTargetsKubectlsFile();
};

void TestKubeconfig::fixturesLoadOrFailClearly()
{
    if (!QDir(fixtures()).exists())
        QSKIP("../shared/testdata/kubeconfig is absent (ACP_SHARED_DIR)");
    // Files kubectl 1.32 itself refuses (SOURCES.md: invalid cert data, a users fragment).
    const QStringList broken{QStringLiteral("kubeconfig_partialcontextvalid"), QStringLiteral("kubeconfig_autherr"),
                             QStringLiteral("exec-plugin-relative-command.user-fragment.yaml")};
    int loaded = 0, failed = 0, resolved = 0, refused = 0;
    QDirIterator it(fixtures(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = QFileInfo(path).fileName();
        if (name.endsWith(QLatin1String(".md")) || name == QLatin1String("LICENSE") || name.endsWith(QLatin1String(".json"))
            || name.endsWith(QLatin1String(".crt")) || name.endsWith(QLatin1String(".key")) || name.endsWith(QLatin1String(".pem"))
            || name.startsWith(QLatin1String("token")))
            continue;
        auto k = loadOne(path);
        if (broken.contains(name)) {
            QVERIFY2(!k, qPrintable(path));
            QCOMPARE(k.error().file, path);
            QVERIFY2(k.error().message.startsWith(QStringLiteral("error loading config file \"%1\": ").arg(path)), qPrintable(k.error().message));
            ++failed;
            continue;
        }
        QVERIFY2(k, qPrintable(k ? QString() : k.error().toString()));
        ++loaded;
        QVERIFY(KubeconfigView::build(*k, {}).ok());
        for (const QString &ctx : k->contexts().keys()) {
            if (ctx.isEmpty())
                continue; // a context without a name cannot be selected
            KubeconfigOverrides o;
            o.context = ctx;
            auto rc = KubeconfigResolver::resolve(*k, o);
            if (rc) {
                QCOMPARE(rc->contextName, ctx);
                QVERIFY(rc->server.isValid());
                ++resolved;
            } else {
                QVERIFY2(!rc.error().message.isEmpty(), qPrintable(path + QLatin1Char(' ') + ctx));
                ++refused;
            }
        }
    }
    QCOMPARE(failed, broken.size() + 1); // partialcontextvalid exists twice
    QVERIFY(loaded >= 50);
    QVERIFY(resolved >= 40);
    QVERIFY(refused >= 5);
}

void TestKubeconfig::fixtureDetails()
{
    if (!QDir(fixtures()).exists())
        QSKIP("../shared/testdata/kubeconfig is absent (ACP_SHARED_DIR)");
    const QString assets = fixtures() + QStringLiteral("/kubernetes-client-csharp/tests/KubernetesClient.Tests/assets/");
    auto k = loadOne(assets + QStringLiteral("kubeconfig.relative.yml"));
    QVERIFY(k);
    QCOMPARE(k->currentContext(), QStringLiteral("federal-context"));
    QCOMPARE(k->clusters().value(QStringLiteral("horse-cluster")).value.certificateAuthority, QStringLiteral("ca.crt"));
    auto rc = KubeconfigResolver::resolve(*k); // federal-context: CA and client cert/key by relative path
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->caPem, readAll(assets + QStringLiteral("ca.crt")));
    QCOMPARE(rc->staticCredentials.clientKeyPem, readAll(assets + QStringLiteral("client.key")));
    QCOMPARE(rc->namespaceName, QStringLiteral("chisel-ns"));

    // A relative CA that does not exist next to the file: kubectl's validation text.
    auto oidc = loadOne(assets + QStringLiteral("kubeconfig.user-oidc.yml"));
    QVERIFY(oidc);
    auto bad = KubeconfigResolver::resolve(*oidc);
    QVERIFY(!bad);
    QCOMPARE(bad.error().message, QStringLiteral("invalid configuration: unable to read certificate-authority %1assets/ca.crt for horse-cluster "
                                                 "due to open %1assets/ca.crt: no such file or directory").arg(assets));

    // Extensions and as-user-extra are modelled.
    auto ext = loadOne(assets + QStringLiteral("kubeconfig.cluster-extensions.yml"));
    QVERIFY(ext);
    QCOMPARE(ext->clusters().value(QStringLiteral("minikube")).value.extensions.value(QStringLiteral("cluster_info")).toObject()
                 .value(QLatin1String("provider")).toString(), QStringLiteral("minikube.sigs.k8s.io"));
    auto extra = loadOne(assets + QStringLiteral("kubeconfig.as-user-extra.yml"));
    QVERIFY(extra);
    QCOMPARE(extra->users().value(QStringLiteral("minikube")).value.clientCertificate, QStringLiteral("assets/client.crt"));

    // The removed exec API version is refused with kubectl's text, naming it.
    auto eks = loadOne(fixtures() + QStringLiteral("/eksctl/one-cluster.yaml"));
    QVERIFY(eks);
    auto v1alpha1 = KubeconfigResolver::resolve(*eks);
    QVERIFY(!v1alpha1);
    QVERIFY2(v1alpha1.error().message.startsWith(QStringLiteral("exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\"")),
             qPrintable(v1alpha1.error().message));
}

void TestKubeconfig::precedenceAndMissingFiles()
{
    QTemporaryDir dir;
    KubeconfigLoadOptions o;
    o.explicitPath = dir.filePath(QStringLiteral("nope"));
    auto missing = Kubeconfig::load(o);
    QVERIFY(!missing);
    QCOMPARE(missing.error().message, QStringLiteral("stat %1: no such file or directory").arg(o.explicitPath));

    KubeconfigLoadOptions home;
    home.kubeconfigEnv = QString();
    home.homeDir = dir.path();
    auto empty = Kubeconfig::load(home);
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
    QCOMPARE(empty->defaultFilename(), dir.filePath(QStringLiteral(".kube/config")));

    write(dir.filePath(QStringLiteral("b")), "current-context: cb\n");
    auto env = loadEnv({dir.filePath(QStringLiteral("a")), QString(), dir.filePath(QStringLiteral("b")), dir.filePath(QStringLiteral("b"))});
    QVERIFY(env);
    QCOMPARE(env->precedence().size(), 2); // empty entry and repeat dropped
    QCOMPARE(env->currentContext(), QStringLiteral("cb"));
    QCOMPARE(env->defaultFilename(), dir.filePath(QStringLiteral("b"))); // first existing
}

void TestKubeconfig::mergeFirstWins()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a")), b = dir.filePath(QStringLiteral("b"));
    write(a, "clusters:\n- name: shared\n  cluster: {server: https://a}\ncontexts:\n- name: ca\n  context: {cluster: shared, user: ua}\n"
             "preferences:\n  extensions:\n  - name: p\n    extension: {from: a}\n");
    write(b, "current-context: cb\nclusters:\n- name: shared\n  cluster: {server: https://b, tls-server-name: b}\n- name: onlyb\n  cluster: {server: https://ob}\n"
             "users:\n- name: ua\n  user: {token: tb}\ncontexts:\n- name: cb\n  context: {cluster: onlyb, user: ua, namespace: nb}\n"
             "preferences:\n  colors: true\n  extensions:\n  - name: p\n    extension: {from: b}\n  - name: q\n    extension: {from: b}\n");
    auto k = loadEnv({a, b});
    QVERIFY(k);
    QCOMPARE(k->clusters().value(QStringLiteral("shared")).value.server, QStringLiteral("https://a"));
    QVERIFY(k->clusters().value(QStringLiteral("shared")).value.tlsServerName.isEmpty()); // whole entry wins
    QCOMPARE(k->clusters().value(QStringLiteral("shared")).origin, QFileInfo(a).absoluteFilePath());
    QCOMPARE(k->clusters().size(), 2);
    QCOMPARE(k->currentContext(), QStringLiteral("cb")); // a sets none
    QVERIFY(k->preferences().colors);
    QCOMPARE(k->preferences().extensions.value(QStringLiteral("p")).toObject().value(QLatin1String("from")).toString(), QStringLiteral("a"));
    QCOMPARE(k->preferences().extensions.size(), 2);
    auto rc = KubeconfigResolver::resolve(*k);
    QVERIFY(rc);
    QCOMPARE(rc->server, QUrl(QStringLiteral("https://ob")));
    QCOMPARE(rc->staticCredentials.bearerToken, QStringLiteral("tb"));
    QCOMPARE(rc->namespaceName, QStringLiteral("nb"));
}

void TestKubeconfig::relativePathsResolveAgainstDefiningFile()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("one/a")), b = dir.filePath(QStringLiteral("two/b"));
    write(dir.filePath(QStringLiteral("two/certs/ca.pem")), "CA-B");
    write(dir.filePath(QStringLiteral("two/tok")), "token-from-file\n");
    write(a, "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\n");
    write(b, "clusters:\n- name: x\n  cluster: {server: https://x, certificate-authority: certs/ca.pem}\n"
             "users:\n- name: u\n  user: {tokenFile: ./tok}\n");
    auto k = loadEnv({a, b});
    QVERIFY(k);
    auto rc = KubeconfigResolver::resolve(*k);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->caPem, QByteArray("CA-B"));
    QCOMPARE(rc->staticCredentials.bearerToken, QStringLiteral("token-from-file"));
    QCOMPARE(rc->tokenFile, dir.filePath(QStringLiteral("two/tok")));
    QCOMPARE(Kubeconfig::resolvePath(QStringLiteral("../x/./y"), b), dir.filePath(QStringLiteral("x/y")));
    QCOMPARE(Kubeconfig::resolvePath(QStringLiteral("/abs"), b), QStringLiteral("/abs"));
}

void TestKubeconfig::brokenFilesNameFileLineField()
{
    QTemporaryDir dir;
    const QString f = dir.filePath(QStringLiteral("bad"));
    write(f, "apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: 5\n");
    auto k = loadOne(f);
    QVERIFY(!k);
    QCOMPARE(k.error().message, QStringLiteral("error loading config file \"%1\": json: cannot unmarshal number into Go struct field "
                                               "Cluster.clusters.cluster.server of type string").arg(f));
    QCOMPARE(k.error().file, f);
    QCOMPARE(k.error().line, 5);
    QCOMPARE(k.error().details.value(QLatin1String("field")).toString(), QStringLiteral("clusters[0].cluster.server"));

    write(f, "users:\n- name: u\n  user:\n    client-key-data: '!!notbase64'\n");
    k = loadOne(f);
    QVERIFY(!k);
    QVERIFY(k.error().message.endsWith(QLatin1String("illegal base64 data at input byte 0")));
    QCOMPARE(k.error().line, 4);

    write(f, "apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: [1\n");
    k = loadOne(f);
    QVERIFY(!k);
    QVERIFY(k.error().line >= 5);
    QVERIFY(k.error().message.startsWith(QStringLiteral("error loading config file \"%1\": yaml: ").arg(f)));

    write(f, "kind: Pod\napiVersion: v1\n");
    k = loadOne(f);
    QVERIFY(!k);
    QVERIFY(k.error().message.contains(QLatin1String("no kind \"Pod\" is registered for version \"v1\"")));

    write(f, "- a\n- b\n");
    QVERIFY(!loadOne(f));
    write(f, "");
    QVERIFY(loadOne(f));
}

void TestKubeconfig::resolveErrorsAreKubectls()
{
    QTemporaryDir dir;
    const QString f = dir.filePath(QStringLiteral("k"));
    write(f, "clusters:\n- {name: c1, cluster: {server: 'https://h', insecure-skip-tls-verify: true, certificate-authority-data: Q0FEQVRB}}\n"
             "- {name: c2, cluster: {server: 'https://h', proxy-url: 'ftp://x'}}\n- {name: c3, cluster: {server: 'https://h'}}\n"
             "- {name: plain, cluster: {server: 'http://h'}}\n"
             "users:\n- {name: u1, user: {token: abc}}\n- {name: u5, user: {token: abc, username: a, password: b, as-groups: [g]}}\n"
             "- {name: u3, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}}\n"
             "contexts:\n- {name: x1, context: {cluster: c1, user: u1}}\n- {name: x2, context: {cluster: c2, user: u1}}\n"
             "- {name: x3, context: {cluster: c3, user: u5}}\n- {name: x4, context: {cluster: c3, user: u3}}\n"
             "- {name: x5, context: {cluster: nope, user: u1}}\n- {name: x6, context: {cluster: plain, user: u1}}\n"
             "current-context: gone\n");
    auto k = loadOne(f);
    QVERIFY(k);
    auto err = [&](const QString &ctx, const QString &cluster = QString(), const QString &user = QString()) {
        KubeconfigOverrides o;
        o.context = ctx;
        o.cluster = cluster;
        o.user = user;
        auto r = KubeconfigResolver::resolve(*k, o);
        return r ? QString() : r.error().message;
    };
    QCOMPARE(err(QString()), QStringLiteral("invalid configuration: context was not found for specified context: gone"));
    QCOMPARE(err(QStringLiteral("foo")), QStringLiteral("context \"foo\" does not exist"));
    QCOMPARE(err(QStringLiteral("x1"), QStringLiteral("nope")), QStringLiteral("cluster \"nope\" does not exist"));
    QCOMPARE(err(QStringLiteral("x1"), QString(), QStringLiteral("nope")), QStringLiteral("auth info \"nope\" does not exist"));
    QCOMPARE(err(QStringLiteral("x1")), QStringLiteral("specifying a root certificates file with the insecure flag is not allowed"));
    QCOMPARE(err(QStringLiteral("x2")), QStringLiteral("invalid configuration: invalid 'proxy-url' \"ftp://x\" for cluster \"c2\": "
                                                       "unsupported scheme \"ftp\", must be http, https, or socks5"));
    QCOMPARE(err(QStringLiteral("x3")), QStringLiteral("invalid configuration: [more than one authentication method found for u5; found "
                                                       "[token basicAuth], only one is allowed, requesting uid, groups or user-extra for u5 "
                                                       "without impersonating a user]"));
    QCOMPARE(err(QStringLiteral("x4")), QStringLiteral("invalid configuration: interactiveMode must be specified for u3 to use exec authentication plugin"));
    QCOMPARE(err(QStringLiteral("x5")), QStringLiteral("invalid configuration: no configuration has been provided, try setting "
                                                       "KUBERNETES_MASTER environment variable"));
    // Plain http: kubectl applies no credentials at all.
    KubeconfigOverrides o;
    o.context = QStringLiteral("x6");
    auto plain = KubeconfigResolver::resolve(*k, o);
    QVERIFY(plain);
    QVERIFY(plain->staticCredentials.bearerToken.isEmpty());
    // --insecure-skip-tls-verify clears the file's CA (client-go), so x1 works with the flag.
    o.context = QStringLiteral("x1");
    o.insecureSkipTlsVerify = true;
    auto insecure = KubeconfigResolver::resolve(*k, o);
    QVERIFY(insecure);
    QVERIFY(insecure->insecureSkipTlsVerify);
    QVERIFY(insecure->caPem.isEmpty());
}

void TestKubeconfig::resolveCredentialsAndOverrides()
{
    QTemporaryDir dir;
    const QString f = dir.filePath(QStringLiteral("k"));
    write(f, "current-context: c\nclusters:\n- name: x\n  cluster:\n    server: https://h:6443/kubernetes/global\n"
             "    tls-server-name: sni\n    proxy-url: socks5://p:1080\n    extensions:\n    - {name: acp.io/v1, extension: {platform: p}}\n"
             "users:\n- name: u\n  user:\n    username: admin\n    password: pw\n    as: someone\n    as-groups: [g1, g2]\n"
             "    as-user-extra: {scopes: [a, b]}\n- name: u2\n  user: {token: t2}\n"
             "contexts:\n- name: c\n  context: {cluster: x, user: u, namespace: ns1}\n");
    auto k = loadOne(f);
    QVERIFY(k);
    auto rc = KubeconfigResolver::resolve(*k);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->server.toString(), QStringLiteral("https://h:6443/kubernetes/global"));
    QCOMPARE(rc->tlsServerName, QStringLiteral("sni"));
    QCOMPARE(rc->proxyUrl.toString(), QStringLiteral("socks5://p:1080"));
    QCOMPARE(rc->staticCredentials.username, QStringLiteral("admin"));
    QCOMPARE(rc->impersonateUser, QStringLiteral("someone"));
    QCOMPARE(rc->impersonateGroups, (QStringList{QStringLiteral("g1"), QStringLiteral("g2")}));
    QCOMPARE(rc->impersonateExtra.values(QStringLiteral("scopes")).size(), 2);
    QVERIFY(rc->clusterExtensions.contains(QStringLiteral("acp.io/v1")));
    QCOMPARE(rc->namespaceName, QStringLiteral("ns1"));

    KubeconfigOverrides o;
    o.user = QStringLiteral("u2");
    o.namespaceName = QStringLiteral("ns2");
    o.server = QStringLiteral("https://other");
    auto over = KubeconfigResolver::resolve(*k, o);
    QVERIFY(over);
    QCOMPARE(over->staticCredentials.bearerToken, QStringLiteral("t2"));
    QCOMPARE(over->namespaceName, QStringLiteral("ns2"));
    QCOMPARE(over->server, QUrl(QStringLiteral("https://other")));
    o.token = QStringLiteral("flag-token");
    QCOMPARE(KubeconfigResolver::resolve(*k, o)->staticCredentials.bearerToken, QStringLiteral("flag-token"));
}

void TestKubeconfig::saveKeepsCommentsAndUnknownFields()
{
    QTemporaryDir dir;
    const QString f = dir.filePath(QStringLiteral("config"));
    const QByteArray original =
        "# top comment\n"
        "apiVersion: v1\n"
        "kind: Config\n"
        "x-unknown-top: {keep: me}\n"
        "clusters:\n"
        "# about the first cluster\n"
        "- name: one\n"
        "  cluster:\n"
        "    server: https://one   # trailing comment\n"
        "    x-vendor: kept\n"
        "- name: two\n"
        "  cluster:\n"
        "    server: https://two\n"
        "# between lists\n"
        "contexts:\n"
        "- name: c1\n"
        "  context:\n"
        "    cluster: one\n"
        "    user: u\n"
        "    x-ctx-extra: 42\n"
        "users:\n"
        "- name: u\n"
        "  user:\n"
        "    token: abc\n"
        "    x-user-extra: true\n"
        "- name: gone\n"
        "  user: {token: x}\n"
        "current-context: c1 # the current one\n";
    write(f, original);
    auto k = loadOne(f);
    QVERIFY(k);
    Kubeconfig &cfg = k.value();
    QVERIFY(cfg.setContextNamespace(QStringLiteral("c1"), QStringLiteral("team-a")).ok());
    QVERIFY(cfg.removeUser(QStringLiteral("gone")));
    KubeCluster three;
    three.server = QStringLiteral("https://three");
    cfg.setCluster(QStringLiteral("three"), three);
    cfg.setCurrentContext(QStringLiteral("c2"));
    QStringList kept;
    auto saved = cfg.save(&kept);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    QCOMPARE(*saved, QStringList{f});
    QCOMPARE(kept, QStringList{f});
    const QByteArray text = readAll(f);
    for (const char *kept : {"# top comment", "# about the first cluster", "server: https://one   # trailing comment",
                             "x-vendor: kept", "# between lists", "x-unknown-top: {keep: me}", "x-user-extra: true"})
        QVERIFY2(text.contains(kept), kept);
    QVERIFY(!text.contains("name: gone"));
    QVERIFY(text.contains("current-context: c2\n"));
    const auto perms = QFile::permissions(f);
    QVERIFY(perms.testFlag(QFileDevice::ReadOwner) && perms.testFlag(QFileDevice::WriteOwner));
    QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
    auto again = loadOne(f);
    QVERIFY(again);
    QCOMPARE(again->contexts().value(QStringLiteral("c1")).value.namespaceName, QStringLiteral("team-a"));
    QCOMPARE(again->contexts().value(QStringLiteral("c1")).raw.value(QLatin1String("x-ctx-extra")).toInt(), 42);
    QCOMPARE(again->clusters().value(QStringLiteral("three")).value.server, QStringLiteral("https://three"));
    QCOMPARE(again->clusters().keys(), (QStringList{QStringLiteral("one"), QStringLiteral("three"), QStringLiteral("two")}));
    QCOMPARE(again->currentContext(), QStringLiteral("c2"));

    // A flow-style list cannot be edited line by line: the file is re-emitted, fields kept.
    write(f, "# lost\nclusters: [{name: a, cluster: {server: https://a, x-keep: 1}}]\nx-top: 2\n");
    auto flow = loadOne(f);
    QVERIFY(flow);
    KubeCluster b;
    b.server = QStringLiteral("https://b");
    flow.value().setCluster(QStringLiteral("b"), b);
    kept.clear();
    QVERIFY(flow.value().save(&kept));
    QVERIFY(kept.isEmpty());
    auto reread = loadOne(f);
    QVERIFY(reread);
    QCOMPARE(reread->clusters().size(), 2);
    QCOMPARE(reread->clusters().value(QStringLiteral("a")).raw.value(QLatin1String("x-keep")).toInt(), 1);
    QCOMPARE(reread->files().first().root().value(QLatin1String("x-top")).toInt(), 2);
}

void TestKubeconfig::saveTargetsKubectlsFile()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a")), b = dir.filePath(QStringLiteral("b")), n = dir.filePath(QStringLiteral("n"));
    write(a, "contexts:\n- name: ca\n  context: {cluster: x, user: u}\n");
    write(b, "current-context: ca\ncontexts:\n- name: cb\n  context: {cluster: x, user: u}\n");
    const QByteArray bBefore = readAll(b);
    auto k = loadEnv({n, a, b});
    QVERIFY(k);
    QCOMPARE(k->defaultFilename(), a);
    k.value().setCurrentContext(QStringLiteral("cb"));                  // -> first existing file (a)
    QVERIFY(k.value().setContextNamespace(QStringLiteral("cb"), QStringLiteral("nb")).ok()); // -> b, where cb lives
    k.value().setContext(QStringLiteral("new"), KubeContext{QStringLiteral("x"), QStringLiteral("u"), {}, {}}); // -> a
    auto saved = k.value().save();
    QVERIFY(saved);
    QCOMPARE(saved->size(), 2);
    QVERIFY(!QFile::exists(n));
    QVERIFY(readAll(a).contains("current-context: cb"));
    QVERIFY(readAll(a).contains("name: new"));
    QVERIFY(readAll(b).contains("namespace: nb"));
    QVERIFY(readAll(b).startsWith("current-context: ca\n")); // untouched lines kept
    QVERIFY(readAll(b) != bBefore);

    // No KUBECONFIG file exists: the last entry is created.
    const QString m1 = dir.filePath(QStringLiteral("m1")), m2 = dir.filePath(QStringLiteral("m2"));
    auto fresh = loadEnv({m1, m2});
    QVERIFY(fresh);
    fresh.value().setContext(QStringLiteral("q"), KubeContext{QStringLiteral("z"), QString(), {}, {}});
    QVERIFY(fresh.value().save());
    QVERIFY(!QFile::exists(m1));
    auto created = loadOne(m2);
    QVERIFY(created);
    QVERIFY(created->contexts().contains(QStringLiteral("q")));
}

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
