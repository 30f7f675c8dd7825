// Tests for the sandbox's ACP platform endpoints (sandbox/PlatformApi.h): the five-call password
// login (unit, against PlatformLogin, and end-to-end over HTTP), and the RBAC-filtered
// /auth/v1 clusters, projects, namespaces, users, tokens and watches of a running Sandbox.
#include "api/PlatformClient.h"
#include "sandbox/PlatformLogin.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"
#include "sandbox/UserDirectory.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>
#include <QtTest>


#include <memory>

using namespace acp::sandbox;

namespace {

// What a client does in step 4: base64(RSA-PKCS#1-v1.5(pubkey, {"ts": ts, "password": password})),
// as the console's api/PlatformClient does it.
QByteArray encryptPassword(const QByteArray &pem, const QString &ts, const QString &password)
{
    const auto r = acp::api::PlatformClient::encryptPassword(pem, ts, password);
    return r ? *r : QByteArray();
}

QByteArray cookieFrom(const PlatformLogin::Reply &r)
{
    for (const auto &h : r.headers)
        if (h.first == "Set-Cookie")
            return h.second.left(h.second.indexOf(';'));
    return QByteArray();
}

QByteArray loginBody(const QString &account, const QByteArray &encrypted)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("account"), account}, {QStringLiteral("password"), QString::fromLatin1(encrypted)}})
        .toJson(QJsonDocument::Compact);
}

QStringList names(const QJsonObject &list)
{
    QStringList out;
    for (const QJsonValue &v : list.value(QLatin1String("items")).toArray())
        out << v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    out.sort();
    return out;
}

QJsonObject meta(const QString &name, const QString &ns = QString(), const QJsonObject &labels = {})
{
    QJsonObject m{{QStringLiteral("name"), name}};
    if (!ns.isEmpty())
        m.insert(QStringLiteral("namespace"), ns);
    if (!labels.isEmpty())
        m.insert(QStringLiteral("labels"), labels);
    return m;
}

struct Response {
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestPlatformApi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // PlatformLogin without a network
    void passwordKeyRoundTrip();
    void loginFlowUnit();
    void loginRejectsBadRequests();
    // a running Sandbox over HTTP
    void initTestCase();
    void loginEndToEnd();
    void loginWrongPassword();
    void unauthenticated();
    void pubkeyNeedsNoToken();
    void clusterListFiltered();
    void clusterGet();
    void projectList();
    void projectNamespaces();
    void usersAndAccessToken();
    void userBindings();
    void deleteProject();
    void watchClusters();
    void cleanupTestCase();

private:
    Response call(const QByteArray &verb, const QString &path, const QString &token = QString(), const QByteArray &body = QByteArray(),
                  QNetworkAccessManager *nam = nullptr);
    QString loginOverHttp(const QString &user, const QString &password, int *failedStatus = nullptr, QString *message = nullptr);
    void put(const QString &cluster, const QJsonObject &obj);
    QString token(const QString &user) const { return m_sandbox->users().defaultToken(user); }

    std::unique_ptr<Sandbox> m_sandbox;
    QNetworkAccessManager m_nam;
    QString m_base;
};

// ---------------------------------------------------------------------------------------------
void TestPlatformApi::passwordKeyRoundTrip()
{
    PasswordKey key;
    QVERIFY(key.generate(2048));
    const QByteArray pem = key.publicKeyPem();
    QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
    const QByteArray enc = QByteArray::fromBase64(encryptPassword(pem, QStringLiteral("123"), QStringLiteral("s3cret")));
    QVERIFY(!enc.isEmpty());
    const auto plain = key.decrypt(enc);
    QVERIFY(plain.has_value());
    const QJsonObject payload = QJsonDocument::fromJson(*plain).object();
    QCOMPARE(payload.value(QLatin1String("ts")).toString(), QStringLiteral("123"));
    QCOMPARE(payload.value(QLatin1String("password")).toString(), QStringLiteral("s3cret"));
    QVERIFY(!key.decrypt(QByteArray(256, 'x')).has_value());
}

void TestPlatformApi::loginFlowUnit()
{
    UserDirectory users;
    PlatformLogin login(&users);
    const auto r1 = login.login(QUrlQuery(), QStringLiteral("http://platform.test"));
    QCOMPARE(r1.status, 200);
    const QUrl authUrl(r1.body.value(QLatin1String("auth_url")).toString());
    QCOMPARE(authUrl.path(), QStringLiteral("/console-dex/auth"));
    const QUrlQuery authQuery(authUrl);
    QCOMPARE(authQuery.queryItemValue(QStringLiteral("client_id")), QStringLiteral("alauda-auth"));
    QCOMPARE(authQuery.queryItemValue(QStringLiteral("state")), r1.body.value(QLatin1String("state")).toString());
    QCOMPARE(authQuery.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), QStringLiteral("http://platform.test/dex/callback"));
    QCOMPARE(authQuery.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded), QStringLiteral("openid profile offline_access email groups ext"));
    QVERIFY(r1.body.value(QLatin1String("logout_url")).toString().startsWith(QLatin1String("http://platform.test/dex/logout?")));
    const QByteArray cookie = cookieFrom(r1);
    QVERIFY(cookie.startsWith("cpaas_oidc_auth_flow="));

    const auto r2 = login.authorize(authQuery, cookie);
    QCOMPARE(r2.status, 200);
    const QString req = r2.body.value(QLatin1String("req")).toString();
    QVERIFY(!req.isEmpty());
    QCOMPARE(cookieFrom(r2), cookie);

    const auto r3 = login.pubkey();
    QCOMPARE(r3.status, 200);
    const QByteArray pem = r3.body.value(QLatin1String("pubkey")).toString().toLatin1();
    QCOMPARE(QByteArray::fromBase64(r3.body.value(QLatin1String("pubkey_encode")).toString().toLatin1()), pem);
    const QString ts = r3.body.value(QLatin1String("ts")).toString();

    const auto r4 = login.submit(QStringLiteral("local"), req,
                                 loginBody(QStringLiteral("alice"), encryptPassword(pem, ts, QStringLiteral("alice-password"))));
    QCOMPARE(r4.status, 200);
    QCOMPARE(r4.body.value(QLatin1String("session_state")).toString(), QString());
    const QUrl redirect(r4.body.value(QLatin1String("redirect_url")).toString());
    QCOMPARE(redirect.path(), QStringLiteral("/dex/callback"));
    const QUrlQuery rq(redirect);
    QCOMPARE(rq.queryItemValue(QStringLiteral("state")), r1.body.value(QLatin1String("state")).toString());

    QUrlQuery cb;
    cb.addQueryItem(QStringLiteral("code"), rq.queryItemValue(QStringLiteral("code")));
    cb.addQueryItem(QStringLiteral("state"), rq.queryItemValue(QStringLiteral("state")));
    const auto r5 = login.callback(cb, "other=1; " + cookie);
    QCOMPARE(r5.status, 200);
    QCOMPARE(r5.body.value(QLatin1String("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(r5.body.value(QLatin1String("token_storage")).toString(), QStringLiteral("local"));
    QVERIFY(QDateTime::fromString(r5.body.value(QLatin1String("expire_at")).toString(), Qt::ISODate).isValid());
    const QString token = r5.body.value(QLatin1String("access_token")).toString();
    QCOMPARE(r5.body.value(QLatin1String("id_token")).toString(), token);
    const auto who = users.authenticate(token.toLatin1());
    QVERIFY(who.has_value());
    QCOMPARE(who->name, QStringLiteral("alice"));
    QCOMPARE(login.pendingFlows(), 0);

    // The code and the flow are single-use.
    QCOMPARE(login.callback(cb, cookie).status, 400);
}

void TestPlatformApi::loginRejectsBadRequests()
{
    UserDirectory users;
    PlatformLogin login(&users);
    const auto r1 = login.login(QUrlQuery(), QStringLiteral("http://p"));
    const QByteArray cookie = cookieFrom(r1);
    QUrlQuery authQuery{QUrl(r1.body.value(QLatin1String("auth_url")).toString()).query()};

    QUrlQuery noPkce = authQuery;
    noPkce.removeAllQueryItems(QStringLiteral("code_challenge"));
    auto r = login.authorize(noPkce, cookie);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body.value(QLatin1String("message")).toString(), QStringLiteral("PKCE code_challenge is required for this client"));
    QUrlQuery badClient = authQuery;
    badClient.removeAllQueryItems(QStringLiteral("client_id"));
    badClient.addQueryItem(QStringLiteral("client_id"), QStringLiteral("other"));
    QCOMPARE(login.authorize(badClient, cookie).status, 400);

    const QString req = login.authorize(authQuery, cookie).body.value(QLatin1String("req")).toString();
    auto key = login.pubkey().body;
    const QByteArray pem = key.value(QLatin1String("pubkey")).toString().toLatin1();
    const QString ts = key.value(QLatin1String("ts")).toString();

    // Wrong password: 401 with a clear message; the ts is consumed, the req stays usable.
    r = login.submit(QStringLiteral("local"), req, loginBody(QStringLiteral("alice"), encryptPassword(pem, ts, QStringLiteral("nope"))));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body.value(QLatin1String("message")).toString(), QStringLiteral("Invalid username or password"));
    QCOMPARE(r.body.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    r = login.submit(QStringLiteral("local"), req, loginBody(QStringLiteral("alice"), encryptPassword(pem, ts, QStringLiteral("alice-password"))));
    QCOMPARE(r.status, 400);   // reused ts
    QVERIFY(r.body.value(QLatin1String("message")).toString().contains(QLatin1String("ts")));
    QCOMPARE(login.submit(QStringLiteral("ldap"), req, "{}").status, 404);
    QCOMPARE(login.submit(QStringLiteral("local"), QStringLiteral("bogus"), "{}").status, 400);
    const QString ts2 = login.pubkey().body.value(QLatin1String("ts")).toString();
    QVERIFY(ts2 != ts);
    QCOMPARE(login.submit(QStringLiteral("local"), req, loginBody(QStringLiteral("alice"), "bm90IHJzYQ==")).status, 400);
    // Unknown user: the same 401 as a wrong password. Login by e-mail works.
    const QString ts3 = login.pubkey().body.value(QLatin1String("ts")).toString();
    QCOMPARE(login.submit(QStringLiteral("local"), req, loginBody(QStringLiteral("mallory"), encryptPassword(pem, ts3, QStringLiteral("x")))).status, 401);
    const QString ts4 = login.pubkey().body.value(QLatin1String("ts")).toString();
    r = login.submit(QStringLiteral("local"), req, loginBody(QStringLiteral("alice@example.com"), encryptPassword(pem, ts4, QStringLiteral("alice-password"))));
    QCOMPARE(r.status, 200);

    // The callback needs the flow cookie.
    const QUrlQuery rq(QUrl(r.body.value(QLatin1String("redirect_url")).toString()));
    QUrlQuery cb;
    cb.addQueryItem(QStringLiteral("code"), rq.queryItemValue(QStringLiteral("code")));
    cb.addQueryItem(QStringLiteral("state"), rq.queryItemValue(QStringLiteral("state")));
    r = login.callback(cb, QByteArray());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body.value(QLatin1String("message")).toString(), QStringLiteral("invalid authentication session"));
    QCOMPARE(login.callback(cb, cookie).status, 200);
}

// ---------------------------------------------------------------------------------------------
void TestPlatformApi::initTestCase()
{
    SandboxOptions o;
    o.port = 0;
    o.controllers = false;   // deterministic: no heartbeats changing Cluster objects behind the test
    m_sandbox = std::make_unique<Sandbox>(o);
    QString err;
    QVERIFY2(m_sandbox->start(&err), qPrintable(err));
    m_base = m_sandbox->address();
    QVERIFY(m_sandbox->cluster(QStringLiteral("global")));
    QVERIFY(m_sandbox->cluster(QStringLiteral("business-1")) && m_sandbox->cluster(QStringLiteral("business-2")));

    // carol: a user whose only access is a RoleBinding in one namespace of project plat-test.
    m_sandbox->users().loadJson(QJsonObject{{QStringLiteral("users"), QJsonArray{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("carol")}, {QStringLiteral("password"), QStringLiteral("carol-password")},
        {QStringLiteral("email"), QStringLiteral("carol@example.com")}}}}});
    for (const char *c : {"business-1", "business-2"}) {
        const QString name = QString::fromLatin1(c);
        if (!m_sandbox->cluster(QStringLiteral("global"))->store().get(QStringLiteral("clusterregistry.k8s.io/clusters"), QStringLiteral("cpaas-system"), name))
            put(QStringLiteral("global"), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("clusterregistry.k8s.io/v1alpha1")},
                                                      {QStringLiteral("kind"), QStringLiteral("Cluster")},
                                                      {QStringLiteral("metadata"), meta(name, QStringLiteral("cpaas-system"))}});
    }
    auto project = [this](const QString &name, const QString &cluster) {
        put(QStringLiteral("global"), QJsonObject{
            {QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1")}, {QStringLiteral("kind"), QStringLiteral("Project")},
            {QStringLiteral("metadata"), meta(name)},
            {QStringLiteral("spec"), QJsonObject{{QStringLiteral("clusters"), QJsonArray{QJsonObject{
                {QStringLiteral("name"), cluster}, {QStringLiteral("quota"), QJsonObject{{QStringLiteral("pods"), QStringLiteral("100")}}}}}}}}});
    };
    auto ns = [this](const QString &cluster, const QString &name, const QString &projectName) {
        put(cluster, QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                 {QStringLiteral("metadata"), meta(name, QString(), QJsonObject{{QStringLiteral("cpaas.io/project"), projectName}})}});
    };
    project(QStringLiteral("plat-test"), QStringLiteral("business-1"));
    project(QStringLiteral("plat-other"), QStringLiteral("business-2"));
    project(QStringLiteral("plat-del"), QStringLiteral("business-2"));
    ns(QStringLiteral("business-1"), QStringLiteral("plat-test-ns"), QStringLiteral("plat-test"));
    ns(QStringLiteral("business-1"), QStringLiteral("plat-test-extra"), QStringLiteral("plat-test"));
    ns(QStringLiteral("business-2"), QStringLiteral("plat-other-ns"), QStringLiteral("plat-other"));
    ns(QStringLiteral("business-2"), QStringLiteral("plat-del-ns"), QStringLiteral("plat-del"));
    for (const char *user : {"carol", "alice"}) {
        put(QStringLiteral("business-1"), QJsonObject{
            {QStringLiteral("apiVersion"), QStringLiteral("rbac.authorization.k8s.io/v1")}, {QStringLiteral("kind"), QStringLiteral("RoleBinding")},
            {QStringLiteral("metadata"), meta(QStringLiteral("plat-test-") + QLatin1String(user), QStringLiteral("plat-test-ns"))},
            {QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                    {QStringLiteral("kind"), QStringLiteral("ClusterRole")}, {QStringLiteral("name"), QStringLiteral("view")}}},
            {QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")},
                                                                {QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                                {QStringLiteral("name"), QLatin1String(user)}}}}});
    }
}

void TestPlatformApi::cleanupTestCase() { m_sandbox.reset(); }

void TestPlatformApi::put(const QString &cluster, const QJsonObject &obj)
{
    SimCluster *c = m_sandbox->cluster(cluster);
    QVERIFY(c);
    auto r = c->apply(obj);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
}

Response TestPlatformApi::call(const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body,
                               QNetworkAccessManager *nam)
{
    QNetworkRequest req(QUrl(m_base + path));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = (nam ? nam : &m_nam)->sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

QString TestPlatformApi::loginOverHttp(const QString &user, const QString &password, int *failedStatus, QString *message)
{
    QNetworkAccessManager nam;   // one cookie jar for the five calls, as the flow requires
    const Response r1 = call("GET", QStringLiteral("/console-platform/api/v1/token/login"), QString(), QByteArray(), &nam);
    if (r1.status != 200)
        return QString();
    const QUrl authUrl(r1.json().value(QLatin1String("auth_url")).toString());
    const Response r2 = call("GET", QStringLiteral("/dex/api/v1/authorize?") + authUrl.query(QUrl::FullyEncoded), QString(), QByteArray(), &nam);
    const QString req = r2.json().value(QLatin1String("req")).toString();
    const Response r3 = call("GET", QStringLiteral("/dex/pubkey"), QString(), QByteArray(), &nam);
    const QJsonObject key = r3.json();
    const QByteArray enc = encryptPassword(key.value(QLatin1String("pubkey")).toString().toLatin1(), key.value(QLatin1String("ts")).toString(), password);
    const Response r4 = call("POST", QStringLiteral("/dex/api/v1/authorize/local?req=") + req, QString(), loginBody(user, enc), &nam);
    if (r4.status != 200) {
        if (failedStatus)
            *failedStatus = r4.status;
        if (message)
            *message = r4.json().value(QLatin1String("message")).toString();
        return QString();
    }
    const QUrlQuery rq(QUrl(r4.json().value(QLatin1String("redirect_url")).toString()));
    QUrlQuery cb;
    cb.addQueryItem(QStringLiteral("code"), rq.queryItemValue(QStringLiteral("code")));
    cb.addQueryItem(QStringLiteral("state"), rq.queryItemValue(QStringLiteral("state")));
    const Response r5 = call("GET", QStringLiteral("/console-platform/api/v1/token/callback?") + cb.query(QUrl::FullyEncoded), QString(), QByteArray(), &nam);
    if (r5.status != 200) {
        if (failedStatus)
            *failedStatus = r5.status;
        if (message)
            *message = r5.json().value(QLatin1String("message")).toString();
        return QString();
    }
    return r5.json().value(QLatin1String("access_token")).toString();
}

void TestPlatformApi::loginEndToEnd()
{
    int status = 0;
    QString message;
    const QString token = loginOverHttp(QStringLiteral("alice"), QStringLiteral("alice-password"), &status, &message);
    QVERIFY2(!token.isEmpty(), qPrintable(QStringLiteral("status %1: %2").arg(status).arg(message)));
    const Response me = call("GET", QStringLiteral("/auth/v1/users/alice"), token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(QLatin1String("kind")).toString(), QStringLiteral("User"));
    // The token works against the clusters' Kubernetes APIs too (authenticated: not 401).
    QVERIFY(call("GET", QStringLiteral("/kubernetes/business-1/api/v1/namespaces/plat-test-ns"), token).status != 401);

    // auth_url points at the address the client used.
    QNetworkAccessManager a;
    const Response r1 = call("GET", QStringLiteral("/console-platform/api/v1/token/login"), QString(), QByteArray(), &a);
    QCOMPARE(r1.status, 200);
    QVERIFY(QUrl(r1.json().value(QLatin1String("auth_url")).toString()).toString().startsWith(m_base + QStringLiteral("/console-dex/auth?")));
}

void TestPlatformApi::loginWrongPassword()
{
    int status = 0;
    QString message;
    QVERIFY(loginOverHttp(QStringLiteral("alice"), QStringLiteral("wrong"), &status, &message).isEmpty());
    QCOMPARE(status, 401);
    QCOMPARE(message, QStringLiteral("Invalid username or password"));
}

void TestPlatformApi::unauthenticated()
{
    for (const char *path : {"/auth/v1/clusters", "/auth/v1/projects", "/auth/v1/projects/plat-test/clusters/business-1/namespaces",
                             "/auth/v1/users/alice", "/auth/v1/clusters/business-1"}) {
        const Response r = call("GET", QLatin1String(path));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().value(QLatin1String("reason")).toString(), QStringLiteral("Unauthorized"));
    }
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/clusters"), QStringLiteral("not-a-token")).status, 401);
    QCOMPARE(call("POST", QStringLiteral("/auth/v1/accesstoken"), QString(), "{}").status, 401);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/nothing-here"), token(QStringLiteral("admin"))).status, 404);
}

void TestPlatformApi::pubkeyNeedsNoToken()
{
    const Response r = call("GET", QStringLiteral("/auth/v1/pubkey"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QVERIFY(o.value(QLatin1String("pubkey")).toString().startsWith(QLatin1String("-----BEGIN PUBLIC KEY-----")));
    QVERIFY(!o.value(QLatin1String("ts")).toString().isEmpty());
    QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("pubkey_encode")).toString().toLatin1()), o.value(QLatin1String("pubkey")).toString().toLatin1());
}

void TestPlatformApi::clusterListFiltered()
{
    const Response admin = call("GET", QStringLiteral("/auth/v1/clusters"), token(QStringLiteral("admin")));
    QCOMPARE(admin.status, 200);
    QCOMPARE(admin.json().value(QLatin1String("kind")).toString(), QStringLiteral("ClusterList"));
    QCOMPARE(admin.json().value(QLatin1String("apiVersion")).toString(), QStringLiteral("clusterregistry.k8s.io/v1alpha1"));
    QVERIFY(!admin.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString().isEmpty());
    QStringList all;
    for (const StoredObject *o : m_sandbox->cluster(QStringLiteral("global"))->store().list(QStringLiteral("clusterregistry.k8s.io/clusters"), QStringLiteral("cpaas-system")))
        all << o->obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    all.sort();
    QCOMPARE(names(admin.json()), all);

    const Response carol = call("GET", QStringLiteral("/auth/v1/clusters"), token(QStringLiteral("carol")));
    QCOMPARE(carol.status, 200);
    QCOMPARE(names(carol.json()), QStringList{QStringLiteral("business-1")});

    // alice: her projects' clusters, among them plat-test's; every one belongs to a project she sees.
    const QStringList alice = names(call("GET", QStringLiteral("/auth/v1/clusters"), token(QStringLiteral("alice"))).json());
    QVERIFY(alice.contains(QStringLiteral("business-1")));
    QSet<QString> projectClusters;
    for (const QJsonValue &p : call("GET", QStringLiteral("/auth/v1/projects"), token(QStringLiteral("alice"))).json().value(QLatin1String("items")).toArray())
        for (const QJsonValue &c : p.toObject().value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray())
            projectClusters.insert(c.toObject().value(QLatin1String("name")).toString());
    for (const QString &c : alice)
        QVERIFY2(projectClusters.contains(c) || all.size() == alice.size(), qPrintable(c));
    QVERIFY2(alice.size() < all.size(), "alice must not see every cluster");
    // bob, an auditor (platform-scope UserBinding), sees every cluster.
    QCOMPARE(names(call("GET", QStringLiteral("/auth/v1/clusters"), token(QStringLiteral("bob"))).json()), all);

    // labelSelector and limit/continue
    const Response none = call("GET", QStringLiteral("/auth/v1/clusters?labelSelector=no-such-label%3Dx"), token(QStringLiteral("admin")));
    QCOMPARE(names(none.json()), QStringList());
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/clusters?labelSelector=%3D%3D"), token(QStringLiteral("admin"))).status, 400);
    const Response page = call("GET", QStringLiteral("/auth/v1/clusters?limit=1"), token(QStringLiteral("admin")));
    QCOMPARE(names(page.json()).size(), 1);
    const QString cont = page.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("continue")).toString();
    QVERIFY(!cont.isEmpty());
    const Response rest = call("GET", QStringLiteral("/auth/v1/clusters?continue=") + cont, token(QStringLiteral("admin")));
    QCOMPARE(names(page.json()).size() + names(rest.json()).size(), all.size());
}

void TestPlatformApi::clusterGet()
{
    const Response r = call("GET", QStringLiteral("/auth/v1/clusters/business-1"), token(QStringLiteral("carol")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("kind")).toString(), QStringLiteral("Cluster"));
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/clusters/business-2"), token(QStringLiteral("carol"))).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/clusters/no-such"), token(QStringLiteral("admin"))).status, 404);
}

void TestPlatformApi::projectList()
{
    const Response admin = call("GET", QStringLiteral("/auth/v1/projects"), token(QStringLiteral("admin")));
    QCOMPARE(admin.status, 200);
    QCOMPARE(admin.json().value(QLatin1String("kind")).toString(), QStringLiteral("ProjectList"));
    QCOMPARE(admin.json().value(QLatin1String("apiVersion")).toString(), QStringLiteral("auth.alauda.io/v1"));
    QCOMPARE(names(admin.json()).size(), m_sandbox->cluster(QStringLiteral("global"))->store().count(QStringLiteral("auth.alauda.io/projects")));
    QCOMPARE(names(call("GET", QStringLiteral("/auth/v1/projects"), token(QStringLiteral("carol"))).json()), QStringList{QStringLiteral("plat-test")});
    QVERIFY(names(call("GET", QStringLiteral("/auth/v1/projects"), token(QStringLiteral("alice"))).json()).contains(QStringLiteral("plat-test")));
    const Response one = call("GET", QStringLiteral("/auth/v1/projects?fieldSelector=metadata.name%3Dplat-other"), token(QStringLiteral("admin")));
    QCOMPARE(names(one.json()), QStringList{QStringLiteral("plat-other")});
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/projects/plat-test"), token(QStringLiteral("carol"))).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/projects/plat-other"), token(QStringLiteral("carol"))).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/projects/no-such"), token(QStringLiteral("carol"))).status, 404);
}

void TestPlatformApi::projectNamespaces()
{
    const QString path = QStringLiteral("/auth/v1/projects/plat-test/clusters/business-1/namespaces");
    const Response admin = call("GET", path, token(QStringLiteral("admin")));
    QCOMPARE(admin.status, 200);
    QCOMPARE(admin.json().value(QLatin1String("kind")).toString(), QStringLiteral("NamespaceList"));
    QCOMPARE(names(admin.json()), (QStringList{QStringLiteral("plat-test-extra"), QStringLiteral("plat-test-ns")}));
    // carol holds a RoleBinding in one namespace only.
    QCOMPARE(names(call("GET", path, token(QStringLiteral("carol"))).json()), QStringList{QStringLiteral("plat-test-ns")});
    QCOMPARE(names(call("GET", QStringLiteral("/auth/v1/projects/plat-test/clusters/business-2/namespaces"), token(QStringLiteral("admin"))).json()), QStringList());
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/projects/plat-other/clusters/business-2/namespaces"), token(QStringLiteral("carol"))).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/projects/plat-test/clusters/no-such/namespaces"), token(QStringLiteral("admin"))).status, 404);
}

void TestPlatformApi::usersAndAccessToken()
{
    const Response list = call("GET", QStringLiteral("/auth/v1/users"), token(QStringLiteral("admin")));
    QCOMPARE(list.status, 200);
    QVERIFY(names(list.json()).size() >= 4);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/users"), token(QStringLiteral("carol"))).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/users/admin"), token(QStringLiteral("carol"))).status, 403);
    const Response self = call("GET", QStringLiteral("/auth/v1/users/carol"), token(QStringLiteral("carol")));
    QCOMPARE(self.status, 200);
    const QJsonObject spec = self.json().value(QLatin1String("spec")).toObject();
    QCOMPARE(spec.value(QLatin1String("email")).toString(), QStringLiteral("carol@example.com"));
    QCOMPARE(spec.value(QLatin1String("is_admin")).toBool(true), false);

    const qint64 exp = QDateTime::currentSecsSinceEpoch() + 3600;
    const Response created = call("POST", QStringLiteral("/auth/v1/accesstoken"), token(QStringLiteral("carol")),
                                  QJsonDocument(QJsonObject{{QStringLiteral("expiration"), exp}, {QStringLiteral("description"), QStringLiteral("ci")}}).toJson());
    QCOMPARE(created.status, 201);
    const QJsonObject t = created.json();
    QCOMPARE(qint64(t.value(QLatin1String("expiration")).toDouble()), exp);
    QCOMPARE(t.value(QLatin1String("description")).toString(), QStringLiteral("ci"));
    QVERIFY(!t.value(QLatin1String("id")).toString().isEmpty());
    QCOMPARE(names(call("GET", QStringLiteral("/auth/v1/projects"), t.value(QLatin1String("token")).toString()).json()), QStringList{QStringLiteral("plat-test")});
    const Response permanent = call("POST", QStringLiteral("/auth/v1/accesstoken"), token(QStringLiteral("carol")), "{}");
    QCOMPARE(permanent.status, 201);
    QVERIFY(!permanent.json().contains(QLatin1String("expiration")));
    QCOMPARE(call("POST", QStringLiteral("/auth/v1/accesstoken"), token(QStringLiteral("carol")), "{\"expiration\": 1000}").status, 400);
    QCOMPARE(call("GET", QStringLiteral("/auth/v1/accesstoken"), token(QStringLiteral("carol"))).status, 405);
}

void TestPlatformApi::userBindings()
{
    // carol is named by e-mail in one binding; another names only alice.
    auto binding = [](const QString &name, const QString &subject, const QString &role) {
        return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1")}, {QStringLiteral("kind"), QStringLiteral("UserBinding")},
                           {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                                    {QStringLiteral("labels"), QJsonObject{{QStringLiteral("test"), QStringLiteral("ub")}}}}},
                           {QStringLiteral("spec"), QJsonObject{{QStringLiteral("roleRef"), role}, {QStringLiteral("scope"), QStringLiteral("project")},
                                {QStringLiteral("constraint"), QJsonArray{QJsonObject{{QStringLiteral("project"), QStringLiteral("plat-test")}}}},
                                {QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")},
                                                                                    {QStringLiteral("name"), subject}}}}}}};
    };
    put(QStringLiteral("global"), binding(QStringLiteral("ub-carol"), QStringLiteral("carol@example.com"), QStringLiteral("project-auditor-system")));
    put(QStringLiteral("global"), binding(QStringLiteral("ub-alice"), QStringLiteral("alice"), QStringLiteral("project-admin-system")));
    const QString path = QStringLiteral("/auth/v2/userbindings");

    const Response all = call("GET", path, token(QStringLiteral("admin")));
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json().value(QLatin1String("kind")).toString(), QStringLiteral("UserBindingList"));
    QCOMPARE(all.json().value(QLatin1String("apiVersion")).toString(), QStringLiteral("auth.alauda.io/v1"));
    const QStringList allNames = names(all.json());
    for (const char *n : {"admin-platform-admin-system", "bob-platform-auditor-system", "ub-alice", "ub-carol"})
        QVERIFY2(allNames.contains(QLatin1String(n)), n);
    QStringList sorted = allNames;
    sorted.sort();
    QCOMPARE(allNames, sorted);
    // a platform auditor sees everything too
    QCOMPARE(names(call("GET", path, token(QStringLiteral("bob"))).json()), allNames);

    // carol sees only what names her, and may not ask about others
    QCOMPARE(names(call("GET", path, token(QStringLiteral("carol"))).json()), QStringList{QStringLiteral("ub-carol")});
    QCOMPARE(names(call("GET", path + QStringLiteral("?user=carol"), token(QStringLiteral("carol"))).json()), QStringList{QStringLiteral("ub-carol")});
    const Response denied = call("GET", path + QStringLiteral("?user=admin"), token(QStringLiteral("carol")));
    QCOMPARE(denied.status, 403);
    QCOMPARE(denied.json().value(QLatin1String("message")).toString(),
             QStringLiteral("userbindings.auth.alauda.io is forbidden: User \"carol\" cannot list resource \"userbindings\" in API group "
                            "\"auth.alauda.io\" at the cluster scope"));

    // per user (by name or e-mail subject), and by label
    QCOMPARE(names(call("GET", path + QStringLiteral("?user=carol"), token(QStringLiteral("admin"))).json()), QStringList{QStringLiteral("ub-carol")});
    QVERIFY(names(call("GET", path + QStringLiteral("?user=alice"), token(QStringLiteral("admin"))).json()).contains(QStringLiteral("ub-alice")));
    QVERIFY(!names(call("GET", path + QStringLiteral("?user=alice"), token(QStringLiteral("admin"))).json()).contains(QStringLiteral("ub-carol")));
    QCOMPARE(names(call("GET", path + QStringLiteral("?labelSelector=test%3Dub"), token(QStringLiteral("admin"))).json()),
             (QStringList{QStringLiteral("ub-alice"), QStringLiteral("ub-carol")}));
    QCOMPARE(call("GET", path + QStringLiteral("?labelSelector=a%20in%20("), token(QStringLiteral("admin"))).status, 400);

    QCOMPARE(call("GET", path).status, 401);
    QCOMPARE(call("POST", path, token(QStringLiteral("admin")), "{}").status, 405);
    QCOMPARE(call("GET", QStringLiteral("/auth/v2/nosuch"), token(QStringLiteral("admin"))).status, 404);
}

void TestPlatformApi::deleteProject()
{
    QCOMPARE(call("DELETE", QStringLiteral("/auth/v1/projects/plat-del"), token(QStringLiteral("carol"))).status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/auth/v1/projects/plat-del?reclaim=maybe"), token(QStringLiteral("admin"))).status, 400);
    QCOMPARE(call("DELETE", QStringLiteral("/auth/v1/projects/no-such"), token(QStringLiteral("admin"))).status, 404);
    const Response r = call("DELETE", QStringLiteral("/auth/v1/projects/plat-del?reclaim=true"), token(QStringLiteral("admin")));
    QCOMPARE(r.status, 200);
    QVERIFY(!m_sandbox->cluster(QStringLiteral("global"))->store().get(QStringLiteral("auth.alauda.io/projects"), QString(), QStringLiteral("plat-del"))
            || !r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("deletionTimestamp")).toString().isEmpty());
    const StoredObject *ns = m_sandbox->cluster(QStringLiteral("business-2"))->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("plat-del-ns"));
    QVERIFY(!ns || ns->obj.value(QLatin1String("metadata")).toObject().contains(QLatin1String("deletionTimestamp")));
}

void TestPlatformApi::watchClusters()
{
    QNetworkRequest req(QUrl(m_base + QStringLiteral("/auth/v1/clusters?watch=true")));
    req.setRawHeader("Authorization", "Bearer " + token(QStringLiteral("carol")).toLatin1());
    QNetworkReply *reply = m_nam.get(req);
    QList<QJsonObject> events;
    QByteArray buffer;
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        buffer += reply->readAll();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            events << QJsonDocument::fromJson(buffer.left(nl)).object();
            buffer.remove(0, nl + 1);
        }
    });
    auto eventFor = [&events](const char *type, const QString &name) {
        for (const QJsonObject &e : events)
            if (e.value(QLatin1String("type")).toString() == QLatin1String(type)
                && e.value(QLatin1String("object")).toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() == name)
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(eventFor("ADDED", QStringLiteral("business-1")), 10000);
    QCOMPARE(events.size(), 1);

    // A change to a visible Cluster arrives as MODIFIED; one to an invisible Cluster does not.
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    auto touch = [&](const QString &name) {
        QJsonObject obj = global->store().get(QStringLiteral("clusterregistry.k8s.io/clusters"), QStringLiteral("cpaas-system"), name)->obj;
        QJsonObject m = obj.value(QLatin1String("metadata")).toObject();
        QJsonObject labels = m.value(QLatin1String("labels")).toObject();
        labels.insert(QStringLiteral("plat-test/touched"), QString::number(events.size()));
        m.insert(QStringLiteral("labels"), labels);
        obj.insert(QStringLiteral("metadata"), m);
        put(QStringLiteral("global"), obj);
    };
    touch(QStringLiteral("business-2"));
    touch(QStringLiteral("business-1"));
    QTRY_VERIFY_WITH_TIMEOUT(eventFor("MODIFIED", QStringLiteral("business-1")), 10000);
    QVERIFY(!eventFor("MODIFIED", QStringLiteral("business-2")) && !eventFor("ADDED", QStringLiteral("business-2")));

    // A RoleBinding in a plat-other namespace makes business-2 visible: ADDED.
    put(QStringLiteral("business-2"), QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("rbac.authorization.k8s.io/v1")}, {QStringLiteral("kind"), QStringLiteral("RoleBinding")},
        {QStringLiteral("metadata"), meta(QStringLiteral("plat-other-carol"), QStringLiteral("plat-other-ns"))},
        {QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                {QStringLiteral("kind"), QStringLiteral("ClusterRole")}, {QStringLiteral("name"), QStringLiteral("view")}}},
        {QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")}, {QStringLiteral("name"), QStringLiteral("carol")}}}}});
    QTRY_VERIFY_WITH_TIMEOUT(eventFor("ADDED", QStringLiteral("business-2")), 10000);
    QVERIFY(reply->isRunning());
    reply->abort();
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestPlatformApi)
#include "tst_platformapi.moc"
