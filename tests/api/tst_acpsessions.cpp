// ACP sessions end to end against acp-sandbox (TLS): password and token logins written into a
// temporary kubeconfig (KUBECONFIG = an empty file + an unrelated file that must not change),
// entries named and shaped exactly like the sandbox's own ac-style kubeconfig, working contexts,
// per-user cluster visibility, token refresh, removal of vanished clusters, session and cluster
// switching, and clear errors that write nothing.
#include "api/AcpSessions.h"
#include "api/AcpSessionsLogin.h"
#include "api/KubeClient.h"
#include "api/KubeconfigResolver.h"
#include "api/Yaml.h"
#include "tests/common/SandboxProcess.h"
#include "tests/common/SandboxRestConfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace acp::api;
using acp::test::namedEntry;

class TestAcpSessions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void passwordLoginWritesAcEntries();
    void contextsWork();
    void aliceSeesOnlyHerClusters();
    void tokenLoginAndRefresh();
    void vanishedClustersRemoved();
    void switchSessionAndCluster();
    void wrongPasswordWritesNothing();
    void conflictingEntryRefused();

private:
    Result<AcpLoginData> login(const QString &session, const QString &user, const QString &password, const QString &token = {});
    Result<Kubeconfig> load() const;
    // login + applyLogin + save, like `acpctl login`.
    void loginAndSave(const QString &session, const QString &user, const QString &password, const QString &token = {});
    static QByteArray read(const QString &path);
    QString sandboxToken(const QString &userEntry) const;

    acp::test::SandboxProcess m_sandbox;
    QJsonObject m_sandboxConfig;
    QByteArray m_ca;
    QString m_empty, m_unrelated;
    KubeconfigLoadOptions m_options;
};

static const QByteArray kUnrelated = "# someone else's file\napiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n"
                                     "    server: https://prod.example.com\ncontexts:\n- name: prod\n  context:\n    cluster: prod\n"
                                     "    user: ops\nusers:\n- name: ops\n  user:\n    token: keep-me\ncurrent-context: prod\n";

void TestAcpSessions::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
    const auto cfg = yaml::parseOne(read(m_sandbox.kubeconfig()));
    QVERIFY(cfg.ok());
    m_sandboxConfig = cfg->toObject();
    m_ca = QByteArray::fromBase64(namedEntry(m_sandboxConfig, "clusters", QStringLiteral("acp:sandbox:global"), "cluster")
                                      .value(QLatin1String("certificate-authority-data")).toString().toLatin1());
    QVERIFY(!m_ca.isEmpty());
}

void TestAcpSessions::init()
{
    m_empty = m_sandbox.tempPath(QStringLiteral("empty-%1.yaml").arg(QTest::currentTestFunction()));
    m_unrelated = m_sandbox.tempPath(QStringLiteral("unrelated-%1.yaml").arg(QTest::currentTestFunction()));
    QFile e(m_empty), u(m_unrelated);
    QVERIFY(e.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QVERIFY(u.open(QIODevice::WriteOnly | QIODevice::Truncate));
    u.write(kUnrelated);
    e.close();
    u.close();
    m_options = KubeconfigLoadOptions();
    m_options.kubeconfigEnv = m_empty + u':' + m_unrelated;
    m_options.homeDir = m_sandbox.tempPath(QStringLiteral("home"));
}

QByteArray TestAcpSessions::read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Result<Kubeconfig> TestAcpSessions::load() const
{
    return Kubeconfig::load(m_options);
}

QString TestAcpSessions::sandboxToken(const QString &userEntry) const
{
    return namedEntry(m_sandboxConfig, "users", userEntry, "user").value(QLatin1String("token")).toString();
}

Result<AcpLoginData> TestAcpSessions::login(const QString &session, const QString &user, const QString &password, const QString &token)
{
    AcpLoginRequest req;
    req.session = session;
    req.endpoint.url = QUrl(m_sandbox.address());
    req.endpoint.caPem = m_ca;
    req.username = user;
    req.password = password;
    req.token = token;
    std::optional<Result<AcpLoginData>> out;
    QObject ctx;
    AcpSessionsLogin::login(req, &ctx, [&](Result<AcpLoginData> r) { out.emplace(std::move(r)); });
    QElapsedTimer t;
    t.start();
    while (!out && t.elapsed() < 15000)
        QTest::qWait(10);
    if (!out)
        return ApiError{0, QString(), QStringLiteral("timed out")};
    return *out;
}

void TestAcpSessions::loginAndSave(const QString &session, const QString &user, const QString &password, const QString &token)
{
    const auto data = login(session, user, password, token);
    QVERIFY2(data.ok(), qPrintable(data.ok() ? QString() : data.error().toString()));
    auto config = load();
    QVERIFY(config.ok());
    const auto changes = AcpSessions::applyLogin(config.value(), *data);
    QVERIFY2(changes.ok(), qPrintable(changes.ok() ? QString() : changes.error().message));
    QVERIFY(config.value().save().ok());
}

void TestAcpSessions::passwordLoginWritesAcEntries()
{
    loginAndSave(QStringLiteral("sandbox"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    QCOMPARE(read(m_unrelated), kUnrelated);
    // mode 0600, as ac and kubectl write kubeconfigs
    const QFileDevice::Permissions perms = QFile::permissions(m_empty);
    QVERIFY(perms.testFlag(QFileDevice::ReadOwner) && perms.testFlag(QFileDevice::WriteOwner));
    QCOMPARE(int(perms & 0x00FF), 0); // nothing for group and others
    const auto written = yaml::parseOne(read(m_empty));
    QVERIFY(written.ok());
    const QJsonObject mine = written->toObject();
    // Same names and shapes as acp-sandbox's own kubeconfig for session "sandbox" (admin sees all).
    for (const char *list : {"clusters", "contexts", "users"}) {
        QStringList expected, actual;
        for (const QJsonValue &v : m_sandboxConfig.value(QLatin1String(list)).toArray()) {
            const QString n = v.toObject().value(QLatin1String("name")).toString();
            if (n.startsWith(QLatin1String("acp:sandbox:")) || n.startsWith(QLatin1String("sandbox/")))
                expected << n;
        }
        for (const QJsonValue &v : mine.value(QLatin1String(list)).toArray())
            actual << v.toObject().value(QLatin1String("name")).toString();
        expected.sort();
        actual.sort();
        QCOMPARE(actual, expected);
    }
    for (const QJsonValue &v : mine.value(QLatin1String("clusters")).toArray()) {
        const QString n = v.toObject().value(QLatin1String("name")).toString();
        QCOMPARE(v.toObject().value(QLatin1String("cluster")).toObject(), namedEntry(m_sandboxConfig, "clusters", n, "cluster"));
    }
    for (const QJsonValue &v : mine.value(QLatin1String("contexts")).toArray()) {
        const QString n = v.toObject().value(QLatin1String("name")).toString();
        QCOMPARE(v.toObject().value(QLatin1String("context")).toObject(), namedEntry(m_sandboxConfig, "contexts", n, "context"));
    }
    const QJsonObject user = namedEntry(mine, "users", QStringLiteral("acp:sandbox:user"), "user");
    QCOMPARE(user.value(QLatin1String("extensions")), namedEntry(m_sandboxConfig, "users", QStringLiteral("acp:sandbox:user"), "user")
                                                          .value(QLatin1String("extensions")));
    QVERIFY(!user.value(QLatin1String("token")).toString().isEmpty());
    QCOMPARE(mine.value(QLatin1String("current-context")).toString(), QStringLiteral("sandbox/business-1"));

    const auto config = load();
    QVERIFY(config.ok());
    const auto sessions = AcpSessions::sessions(*config);
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().name, QStringLiteral("sandbox"));
    QCOMPARE(sessions.first().username, QStringLiteral("admin"));
    QCOMPARE(sessions.first().platform, m_sandbox.address());
    QCOMPARE(sessions.first().clusters, (QStringList{"business-1", "business-2", "business-3", "global"}));
    QCOMPARE(AcpSessions::currentSession(*config)->name, QStringLiteral("sandbox"));
    QVERIFY(config->contexts().contains(QStringLiteral("prod"))); // the unrelated file still merges
}

void TestAcpSessions::contextsWork()
{
    loginAndSave(QStringLiteral("sandbox"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    const auto config = load();
    QVERIFY(config.ok());
    for (const QString &ctx : {QStringLiteral("sandbox/business-1"), QStringLiteral("sandbox/global")}) {
        KubeconfigOverrides o;
        o.context = ctx;
        const auto rc = KubeconfigResolver::resolve(*config, o);
        QVERIFY2(rc.ok(), qPrintable(rc.ok() ? QString() : rc.error().message));
        const KubeClient client(*rc);
        std::optional<Result<Response>> out;
        QObject c;
        client.list(ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods")}, ListOptions(), &c,
                    [&](const Result<Response> &r, const QStringList &) { out.emplace(r); });
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 15000);
        QVERIFY2(out->ok(), qPrintable(out->ok() ? QString() : out->error().toString()));
        QVERIFY(out->value().body.contains("\"kind\":\"PodList\""));
    }
}

void TestAcpSessions::aliceSeesOnlyHerClusters()
{
    const auto data = login(QStringLiteral("mine"), QStringLiteral("alice"), QStringLiteral("alice-password"));
    QVERIFY(data.ok());
    QCOMPARE(data->username, QStringLiteral("alice"));
    loginAndSave(QStringLiteral("mine"), QStringLiteral("alice"), QStringLiteral("alice-password"));
    const auto config = load();
    const auto s = AcpSessions::session(*config, QStringLiteral("mine"));
    QVERIFY(s.has_value());
    QStringList expected = data->clusters;
    expected.sort();
    QCOMPARE(s->clusters, expected);
    QVERIFY(!s->clusters.isEmpty());
    QVERIFY(s->clusters.size() < 4); // alice is a project owner, not a platform admin
    QVERIFY(!s->clusters.contains(QStringLiteral("business-3")));
    // Her contexts work for what she may do: pods of her project's namespace.
    KubeconfigOverrides o;
    o.context = s->contexts.first();
    const auto rc = KubeconfigResolver::resolve(*config, o);
    QVERIFY(rc.ok());
    std::optional<Result<Response>> out;
    QObject c;
    KubeClient(*rc).list(ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("alpha")}, ListOptions(), &c,
                         [&](const Result<Response> &r, const QStringList &) { out.emplace(r); });
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 15000);
    QVERIFY2(out->ok(), qPrintable(out->ok() ? QString() : out->error().toString()));
}

void TestAcpSessions::tokenLoginAndRefresh()
{
    const QString bobToken = sandboxToken(QStringLiteral("acp:sandbox-bob:user"));
    QVERIFY(!bobToken.isEmpty());
    loginAndSave(QStringLiteral("audit"), QString(), QString(), bobToken);
    auto config = load();
    auto s = AcpSessions::session(*config, QStringLiteral("audit"));
    QVERIFY(s.has_value());
    QCOMPARE(s->username, QStringLiteral("bob")); // from a SelfSubjectReview: the token is not a JWT
    QCOMPARE(config->users().value(QStringLiteral("acp:audit:user")).value.token, bobToken);
    const QByteArray before = read(m_empty);
    // Re-login with the password: same entries, a new token.
    loginAndSave(QStringLiteral("audit"), QStringLiteral("bob"), QStringLiteral("bob-password"));
    config = load();
    const QString newToken = config->users().value(QStringLiteral("acp:audit:user")).value.token;
    QVERIFY(!newToken.isEmpty());
    QVERIFY(newToken != bobToken);
    QCOMPARE(AcpSessions::session(*config, QStringLiteral("audit"))->clusters, s->clusters);
    QVERIFY(read(m_empty) != before);
    QVERIFY(!read(m_empty).contains(bobToken.toUtf8()));
    QCOMPARE(read(m_unrelated), kUnrelated);
}

void TestAcpSessions::vanishedClustersRemoved()
{
    loginAndSave(QStringLiteral("sandbox"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    auto config = load();
    QVERIFY(config.value().setContextNamespace(QStringLiteral("sandbox/business-2"), QStringLiteral("alpha")).ok());
    config.value().setCurrentContext(QStringLiteral("sandbox/business-3"));
    QVERIFY(config.value().save().ok());
    // The platform no longer shows business-3: its entries go, the current context moves.
    config = load();
    AcpLoginData d;
    d.session = QStringLiteral("sandbox");
    d.platform = m_sandbox.address() + u'/';
    d.username = QStringLiteral("admin");
    d.token = QStringLiteral("t2");
    d.caPem = m_ca;
    d.clusters = {QStringLiteral("global"), QStringLiteral("business-2"), QStringLiteral("business-1")};
    const auto changes = AcpSessions::applyLogin(config.value(), d);
    QVERIFY(changes.ok());
    QCOMPARE(changes->removed, QStringList{QStringLiteral("business-3")});
    QCOMPARE(changes->updated.size(), 3);
    QVERIFY(changes->added.isEmpty());
    QCOMPARE(changes->currentContext, QStringLiteral("sandbox/business-1"));
    QVERIFY(config.value().save().ok());
    config = load();
    QVERIFY(!config->contexts().contains(QStringLiteral("sandbox/business-3")));
    QVERIFY(!config->clusters().contains(QStringLiteral("acp:sandbox:business-3")));
    // Fields the user set on the session's entries survive a refresh.
    QCOMPARE(config->contexts().value(QStringLiteral("sandbox/business-2")).value.namespaceName, QStringLiteral("alpha"));
    QCOMPARE(config->users().value(QStringLiteral("acp:sandbox:user")).value.token, QStringLiteral("t2"));
    QCOMPARE(read(m_unrelated), kUnrelated);
}

void TestAcpSessions::switchSessionAndCluster()
{
    loginAndSave(QStringLiteral("sandbox"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    loginAndSave(QStringLiteral("mine"), QStringLiteral("alice"), QStringLiteral("alice-password"));
    auto config = load();
    // The second login does not steal the current context... unless none of its contexts is current.
    QCOMPARE(config->currentContext(), QStringLiteral("mine/business-1"));
    auto r = AcpSessions::useSession(config.value(), QStringLiteral("sandbox"));
    QVERIFY(r.ok());
    QCOMPARE(*r, QStringLiteral("sandbox/business-1"));
    r = AcpSessions::useCluster(config.value(), QStringLiteral("global"));
    QVERIFY(r.ok());
    QCOMPARE(config->currentContext(), QStringLiteral("sandbox/global"));
    r = AcpSessions::useSession(config.value(), QStringLiteral("sandbox")); // stays on its current cluster
    QCOMPARE(*r, QStringLiteral("sandbox/global"));
    r = AcpSessions::useSession(config.value(), QStringLiteral("mine"), QStringLiteral("business-2"));
    QVERIFY(r.ok());
    QCOMPARE(config->currentContext(), QStringLiteral("mine/business-2"));
    QVERIFY(config.value().save().ok());
    QCOMPARE(load()->currentContext(), QStringLiteral("mine/business-2"));
    // Errors name what is wrong.
    r = AcpSessions::useCluster(config.value(), QStringLiteral("business-3"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("has no cluster \"business-3\"")), qPrintable(r.error().message));
    r = AcpSessions::useSession(config.value(), QStringLiteral("nope"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, QStringLiteral("no session exists with the name: \"nope\""));
    config.value().setCurrentContext(QStringLiteral("prod"));
    r = AcpSessions::useCluster(config.value(), QStringLiteral("global"));
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QLatin1String("does not belong to an ACP session")));
}

void TestAcpSessions::wrongPasswordWritesNothing()
{
    const auto data = login(QStringLiteral("sandbox"), QStringLiteral("alice"), QStringLiteral("not-her-password"));
    QVERIFY(!data.ok());
    QCOMPARE(data.error().httpStatus, 401);
    QVERIFY2(data.error().message.contains(QLatin1String("Invalid username or password")), qPrintable(data.error().message));
    QVERIFY(!data.error().toString().contains(QLatin1String("not-her-password")));
    const auto bad = login(QStringLiteral("sandbox"), QString(), QString(), QStringLiteral("garbage"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().httpStatus, 401);
    const auto badName = login(QStringLiteral("a:b"), QStringLiteral("alice"), QStringLiteral("alice-password"));
    QVERIFY(!badName.ok());
    QVERIFY(badName.error().message.contains(QLatin1String("invalid session name")));
    QCOMPARE(read(m_empty), QByteArray());
    QCOMPARE(read(m_unrelated), kUnrelated);
}

void TestAcpSessions::conflictingEntryRefused()
{
    loginAndSave(QStringLiteral("sandbox"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    const QByteArray before = read(m_empty);
    auto config = load();
    AcpLoginData d;
    d.session = QStringLiteral("sandbox");
    d.platform = QStringLiteral("https://other-platform.example.com");
    d.token = QStringLiteral("t");
    d.clusters = {QStringLiteral("global")};
    const auto r = AcpSessions::applyLogin(config.value(), d);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("belongs to another ACP session")), qPrintable(r.error().message));
    QVERIFY(config.value().save().ok());
    QCOMPARE(read(m_empty), before);
}

QTEST_GUILESS_MAIN(TestAcpSessions)
#include "tst_acpsessions.moc"
