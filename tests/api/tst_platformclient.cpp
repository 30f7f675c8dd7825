// PlatformClient against acp-sandbox (TLS): the five-call password login, token verification,
// the clusters each user may see, and the platform's errors.
#include "api/PlatformClient.h"
#include "api/Yaml.h"
#include "tests/common/SandboxProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace acp::api;

class TestPlatformClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void passwordLogin();
    void wrongPassword();
    void unknownUser();
    void tokenVerification();
    void clustersPerUser();
    void abandonedWhenContextDies();
    void untrustedCertificateRejected();
    void transportError();

private:
    template <typename T>
    static Result<T> wait(std::function<void(QObject *, std::function<void(Result<T>)>)> call)
    {
        std::optional<Result<T>> out;
        QObject ctx;
        call(&ctx, [&](Result<T> r) { out.emplace(std::move(r)); });
        QElapsedTimer t;
        t.start();
        while (!out && t.elapsed() < 15000)
            QTest::qWait(10);
        if (!out)
            return ApiError{0, QString(), QStringLiteral("timed out waiting for the platform")};
        return *out;
    }
    Result<PlatformToken> login(const QString &user, const QString &password, const PlatformEndpoint &ep)
    {
        PlatformClient client(ep);
        return wait<PlatformToken>([&](QObject *ctx, auto cb) { client.loginWithPassword(user, password, ctx, cb); });
    }
    Result<QList<PlatformCluster>> clusters(const QString &token)
    {
        PlatformClient client(m_endpoint);
        return wait<QList<PlatformCluster>>([&](QObject *ctx, auto cb) { client.listClusters(token, ctx, cb); });
    }

    acp::test::SandboxProcess m_sandbox;
    PlatformEndpoint m_endpoint;
};

void TestPlatformClient::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({}, &err), qPrintable(err));
    QFile f(m_sandbox.kubeconfig());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto cfg = yaml::parseOne(f.readAll());
    QVERIFY(cfg.ok());
    const QJsonObject cluster = cfg->toObject().value(QLatin1String("clusters")).toArray().first().toObject().value(QLatin1String("cluster")).toObject();
    m_endpoint.url = QUrl(m_sandbox.address());
    m_endpoint.caPem = QByteArray::fromBase64(cluster.value(QLatin1String("certificate-authority-data")).toString().toLatin1());
    QVERIFY(m_endpoint.url.scheme() == QLatin1String("https"));
    QVERIFY(!m_endpoint.caPem.isEmpty());
}

void TestPlatformClient::passwordLogin()
{
    const auto t = login(QStringLiteral("alice"), QStringLiteral("alice-password"), m_endpoint);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QVERIFY(!t->accessToken.isEmpty());
    QCOMPARE(t->username, QStringLiteral("alice"));
    QVERIFY(t->expiresAt > QDateTime::currentDateTimeUtc());
    // the token works on the platform API
    QVERIFY(clusters(t->accessToken).ok());
}

void TestPlatformClient::wrongPassword()
{
    const auto t = login(QStringLiteral("alice"), QStringLiteral("not-her-password"), m_endpoint);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().httpStatus, 401);
    QVERIFY2(t.error().message.contains(QLatin1String("Invalid username or password")), qPrintable(t.error().message));
    QVERIFY(!t.error().message.contains(QLatin1String("not-her-password")));
}

void TestPlatformClient::unknownUser()
{
    const auto t = login(QStringLiteral("mallory"), QStringLiteral("x"), m_endpoint);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().httpStatus, 401);
}

void TestPlatformClient::tokenVerification()
{
    const auto t = login(QStringLiteral("bob"), QStringLiteral("bob-password"), m_endpoint);
    QVERIFY(t.ok());
    PlatformClient client(m_endpoint);
    const auto v = wait<PlatformToken>([&](QObject *ctx, auto cb) { client.verifyToken(t->accessToken, ctx, cb); });
    QVERIFY(v.ok());
    QCOMPARE(v->username, QStringLiteral("bob"));
    const auto bad = wait<PlatformToken>([&](QObject *ctx, auto cb) { client.verifyToken(QStringLiteral("garbage"), ctx, cb); });
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().httpStatus, 401);
    QCOMPARE(bad.error().reason, QStringLiteral("Unauthorized"));
}

void TestPlatformClient::clustersPerUser()
{
    const auto admin = login(QStringLiteral("admin"), QStringLiteral("admin-password"), m_endpoint);
    QVERIFY(admin.ok());
    const auto all = clusters(admin->accessToken);
    QVERIFY(all.ok());
    QStringList names;
    for (const auto &c : *all)
        names << c.name;
    QCOMPARE(names, (QStringList{QStringLiteral("business-1"), QStringLiteral("business-2"), QStringLiteral("business-3"), QStringLiteral("global")}));
    for (const auto &c : *all) {
        QVERIFY(!c.displayName.isEmpty());
        QVERIFY2(c.version.startsWith(QLatin1Char('v')), qPrintable(c.version));
        bool problem = false;
        for (const QJsonValue &cond : c.object.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray())
            problem = problem || cond.toObject().value(QLatin1String("status")).toString() == QLatin1String("True");
        QCOMPARE(c.ready, !problem);
        if (c.name == QLatin1String("global"))
            QVERIFY(c.ready);
    }
    // alice (project alpha) sees fewer clusters than the platform admin, and never global's internals
    const auto alice = login(QStringLiteral("alice"), QStringLiteral("alice-password"), m_endpoint);
    QVERIFY(alice.ok());
    const auto some = clusters(alice->accessToken);
    QVERIFY(some.ok());
    QVERIFY(!some->isEmpty());
    QVERIFY(some->size() <= all->size());
}

void TestPlatformClient::abandonedWhenContextDies()
{
    PlatformClient client(m_endpoint);
    bool called = false;
    {
        QObject ctx;
        client.loginWithPassword(QStringLiteral("alice"), QStringLiteral("alice-password"), &ctx, [&](Result<PlatformToken>) { called = true; });
    }
    QTest::qWait(1500);
    QVERIFY(!called);
}

void TestPlatformClient::untrustedCertificateRejected()
{
    PlatformEndpoint ep = m_endpoint;
    ep.caPem.clear(); // system CAs do not know the sandbox's CA
    const auto t = login(QStringLiteral("alice"), QStringLiteral("alice-password"), ep);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().httpStatus, 0);
    ep.insecureSkipTlsVerify = true; // only when explicitly asked for
    QVERIFY(login(QStringLiteral("alice"), QStringLiteral("alice-password"), ep).ok());
}

void TestPlatformClient::transportError()
{
    PlatformEndpoint ep;
    ep.url = QUrl(QStringLiteral("https://127.0.0.1:1"));
    const auto t = login(QStringLiteral("alice"), QStringLiteral("alice-password"), ep);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().httpStatus, 0);
    QVERIFY2(t.error().message.contains(QLatin1String("127.0.0.1")), qPrintable(t.error().message));
}

QTEST_GUILESS_MAIN(TestPlatformClient)
#include "tst_platformclient.moc"
