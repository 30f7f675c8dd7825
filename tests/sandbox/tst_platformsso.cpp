// The sandbox's browser login through an external identity provider (sandbox/PlatformApi.h, "The
// browser login (SSO)"): the state machine of PlatformLogin without a network (connector page,
// the fake IdP's form, dex's upstream callback, codes single-use, errors as HTML), and the whole
// flow over HTTP the way a browser and the console do it: step 1 with a cookie jar, the pages
// followed redirect by redirect, the form posted, the callback URL caught, step 5 with the cookie.
#include "sandbox/PlatformLogin.h"
#include "sandbox/Sandbox.h"
#include "sandbox/UserDirectory.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

using namespace acp::sandbox;

namespace {

QByteArray cookieFrom(const PlatformLogin::Reply &r)
{
    for (const auto &h : r.headers)
        if (h.first == "Set-Cookie")
            return h.second.left(h.second.indexOf(';'));
    return QByteArray();
}

QUrlQuery form(const QList<QPair<QString, QString>> &fields)
{
    QUrlQuery q;
    for (const auto &[k, v] : fields)
        q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    return q;
}

// The hidden fields of the IdP form in a page (name -> value), as a browser would submit them.
QList<QPair<QString, QString>> hiddenFields(const QByteArray &html)
{
    QList<QPair<QString, QString>> out;
    static const QRegularExpression re(QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">"));
    auto it = re.globalMatch(QString::fromUtf8(html));
    while (it.hasNext()) {
        const auto m = it.next();
        QString v = m.captured(2);
        v.replace(QStringLiteral("&amp;"), QStringLiteral("&")).replace(QStringLiteral("&quot;"), QStringLiteral("\""));
        out << qMakePair(m.captured(1), v);
    }
    return out;
}

struct Response {
    int status = 0;
    QByteArray body;
    QUrl location;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestPlatformSso : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void connectorsListSso();
    void ssoFlowUnit();
    void ssoRejects();
    void initTestCase();
    void ssoOverHttp();
    void ssoWrongPasswordAndCancelOverHttp();
    void cleanupTestCase() { m_sandbox.reset(); }

private:
    Response call(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url, const QByteArray &body = QByteArray());
    // Step 1 and the pages up to the IdP's form; returns the form's page (or fails the test).
    Response startSso(QNetworkAccessManager &nam, QString *state);

    std::unique_ptr<Sandbox> m_sandbox;
    QString m_base;
};

void TestPlatformSso::connectorsListSso()
{
    UserDirectory users;
    PlatformLogin login(&users);
    const QJsonArray list = QJsonDocument::fromJson(login.connectors().rawJson).array();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).toObject().value(QLatin1String("conn_id")).toString(), QStringLiteral("sandbox-sso"));
    QCOMPARE(list.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("oidc"));
}

void TestPlatformSso::ssoFlowUnit()
{
    UserDirectory users;
    PlatformLogin login(&users);
    const QString base = QStringLiteral("http://platform.test");
    const QString callback = base + QStringLiteral("/console-platform/api/v1/token/callback");
    QUrlQuery q1;
    q1.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(callback)));
    const auto r1 = login.login(q1, base);
    QCOMPARE(r1.status, 200);
    const QByteArray cookie = cookieFrom(r1);
    const QUrl authUrl(r1.body.value(QLatin1String("auth_url")).toString());
    QUrlQuery authQuery(authUrl.query(QUrl::FullyEncoded));

    // The connector page links both connectors.
    const auto chooser = login.authPage(authQuery, base);
    QCOMPARE(chooser.status, 200);
    QVERIFY(chooser.html.contains("id=\"connector-sandbox-sso\""));
    QVERIFY(chooser.html.contains("id=\"connector-local\""));

    // connector_id=sandbox-sso: a redirect to the IdP with dex's request id as the IdP's state.
    authQuery.addQueryItem(QStringLiteral("connector_id"), QStringLiteral("sandbox-sso"));
    const auto toIdp = login.authPage(authQuery, base);
    QCOMPARE(toIdp.status, 302);
    const QUrl idpUrl(toIdp.location());
    QCOMPARE(idpUrl.path(), QStringLiteral("/sandbox-idp/login"));
    const QUrlQuery idpQuery(idpUrl.query(QUrl::FullyEncoded));
    QCOMPARE(idpQuery.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), base + QStringLiteral("/dex/callback"));
    const auto formPage = login.idpLoginPage(idpQuery);
    QCOMPARE(formPage.status, 200);
    QVERIFY(formPage.html.contains("<form id=\"login\" method=\"post\" action=\"/sandbox-idp/login\">"));

    auto fields = hiddenFields(formPage.html);
    QCOMPARE(fields.size(), 3);
    fields << qMakePair(QStringLiteral("username"), QStringLiteral("alice")) << qMakePair(QStringLiteral("password"), QStringLiteral("alice-password"));
    const auto upstream = login.idpLoginSubmit(form(fields));
    QCOMPARE(upstream.status, 302);
    const QUrl up(upstream.location());
    QCOMPARE(up.toString(QUrl::RemoveQuery), base + QStringLiteral("/dex/callback"));

    const auto dex = login.dexCallback(QUrlQuery(up.query(QUrl::FullyEncoded)));
    QCOMPARE(dex.status, 302);
    const QUrl cb(dex.location());
    QCOMPARE(cb.toString(QUrl::RemoveQuery), callback);
    const QUrlQuery cbQuery(cb.query(QUrl::FullyEncoded));
    QCOMPARE(cbQuery.queryItemValue(QStringLiteral("state")), r1.body.value(QLatin1String("state")).toString());
    // The upstream code is single-use.
    QCOMPARE(login.dexCallback(QUrlQuery(up.query(QUrl::FullyEncoded))).status, 400);

    const auto token = login.callback(cbQuery, cookie);
    QCOMPARE(token.status, 200);
    const auto who = users.authenticate(token.body.value(QLatin1String("access_token")).toString().toLatin1());
    QVERIFY(who);
    QCOMPARE(who->name, QStringLiteral("alice"));
    QCOMPARE(login.pendingFlows(), 0);
}

void TestPlatformSso::ssoRejects()
{
    UserDirectory users;
    PlatformLogin login(&users);
    const QString base = QStringLiteral("http://p");
    const auto r1 = login.login(QUrlQuery(), base);
    QUrlQuery authQuery(QUrl(r1.body.value(QLatin1String("auth_url")).toString()).query(QUrl::FullyEncoded));

    // A state the platform never handed out: an HTML error page, not a form.
    QUrlQuery bogus = authQuery;
    bogus.removeAllQueryItems(QStringLiteral("state"));
    bogus.addQueryItem(QStringLiteral("state"), QStringLiteral("nope"));
    auto r = login.authPage(bogus, base);
    QCOMPARE(r.status, 400);
    QVERIFY(r.html.contains("unknown or expired login state"));
    QUrlQuery unknown = authQuery;
    unknown.addQueryItem(QStringLiteral("connector_id"), QStringLiteral("github"));
    QCOMPARE(login.authPage(unknown, base).status, 404);

    authQuery.addQueryItem(QStringLiteral("connector_id"), QStringLiteral("sandbox-sso"));
    const QUrlQuery idpQuery(QUrl(login.authPage(authQuery, base).location()).query(QUrl::FullyEncoded));
    auto fields = hiddenFields(login.idpLoginPage(idpQuery).html);

    // The IdP only serves its registered client and redirect URI.
    QUrlQuery otherClient = idpQuery;
    otherClient.removeAllQueryItems(QStringLiteral("client_id"));
    otherClient.addQueryItem(QStringLiteral("client_id"), QStringLiteral("evil"));
    QCOMPARE(login.idpLoginPage(otherClient).status, 400);
    QUrlQuery otherRedirect = idpQuery;
    otherRedirect.removeAllQueryItems(QStringLiteral("redirect_uri"));
    otherRedirect.addQueryItem(QStringLiteral("redirect_uri"), QStringLiteral("http%3A%2F%2Fevil%2Fsteal"));
    QCOMPARE(login.idpLoginPage(otherRedirect).status, 400);

    // A wrong password: the form again with the error and the username kept.
    auto wrong = fields;
    wrong << qMakePair(QStringLiteral("username"), QStringLiteral("alice")) << qMakePair(QStringLiteral("password"), QStringLiteral("nope"));
    r = login.idpLoginSubmit(form(wrong));
    QCOMPARE(r.status, 401);
    QVERIFY(r.html.contains("<p class=\"error\" id=\"error\">Invalid username or password.</p>"));
    QVERIFY(r.html.contains("value=\"alice\""));
    QCOMPARE(hiddenFields(r.html), fields);

    // An upstream code dex did not get from the IdP, then a cancel: passed on as an OAuth error.
    QUrlQuery forged;
    forged.addQueryItem(QStringLiteral("code"), QStringLiteral("forged"));
    forged.addQueryItem(QStringLiteral("state"), idpQuery.queryItemValue(QStringLiteral("state")));
    QCOMPARE(login.dexCallback(forged).status, 400);
    auto cancel = fields;
    cancel << qMakePair(QStringLiteral("cancel"), QStringLiteral("1"));
    r = login.idpLoginSubmit(form(cancel));
    QCOMPARE(r.status, 302);
    r = login.dexCallback(QUrlQuery(QUrl(r.location()).query(QUrl::FullyEncoded)));
    QCOMPARE(r.status, 302);
    const QUrlQuery err(QUrl(r.location()).query(QUrl::FullyEncoded));
    QCOMPARE(err.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(err.queryItemValue(QStringLiteral("state")), r1.body.value(QLatin1String("state")).toString());
    // The request is gone after the error.
    QCOMPARE(login.dexCallback(forged).status, 400);
}

void TestPlatformSso::initTestCase()
{
    SandboxOptions o;
    o.port = 0;
    o.controllers = false;
    m_sandbox = std::make_unique<Sandbox>(o);
    QString err;
    QVERIFY2(m_sandbox->start(&err), qPrintable(err));
    m_base = m_sandbox->address();
}

Response TestPlatformSso::call(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url, const QByteArray &body)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = nam.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.location = reply->header(QNetworkRequest::LocationHeader).toUrl();
    reply->deleteLater();
    return r;
}

Response TestPlatformSso::startSso(QNetworkAccessManager &nam, QString *state)
{
    const QString callback = m_base + QStringLiteral("/console-platform/api/v1/token/callback");
    const Response r1 = call(nam, "GET", QUrl(m_base + QStringLiteral("/console-platform/api/v1/token/login?redirect_uri=")
                                              + QString::fromLatin1(QUrl::toPercentEncoding(callback))));
    *state = r1.json().value(QLatin1String("state")).toString();
    // The browser: the connector page, the sandbox-sso link, the redirect to the IdP's form.
    QNetworkAccessManager browser;
    const QUrl authUrl(r1.json().value(QLatin1String("auth_url")).toString());
    const Response chooser = call(browser, "GET", authUrl);
    static const QRegularExpression link(QStringLiteral("id=\"connector-sandbox-sso\" href=\"([^\"]+)\""));
    const auto m = link.match(QString::fromUtf8(chooser.body));
    if (chooser.status != 200 || !m.hasMatch())
        return chooser;
    const Response toIdp = call(browser, "GET", authUrl.resolved(QUrl(m.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&")))));
    if (toIdp.status != 302)
        return toIdp;
    return call(browser, "GET", toIdp.location);
}

void TestPlatformSso::ssoOverHttp()
{
    QNetworkAccessManager console;   // the console's own jar: the flow cookie never reaches the browser
    QString state;
    const Response formPage = startSso(console, &state);
    QCOMPARE(formPage.status, 200);
    QVERIFY(formPage.body.contains("Sandbox SSO"));

    QNetworkAccessManager browser;
    auto fields = hiddenFields(formPage.body);
    fields << qMakePair(QStringLiteral("username"), QStringLiteral("alice@example.com")) << qMakePair(QStringLiteral("password"), QStringLiteral("alice-password"));
    const Response upstream = call(browser, "POST", QUrl(m_base + QStringLiteral("/sandbox-idp/login")), form(fields).query(QUrl::FullyEncoded).toUtf8());
    QCOMPARE(upstream.status, 302);
    const Response dex = call(browser, "GET", upstream.location);
    QCOMPARE(dex.status, 302);
    QCOMPARE(dex.location.path(), QStringLiteral("/console-platform/api/v1/token/callback"));
    // The browser itself (no flow cookie) cannot redeem the code...
    QCOMPARE(call(browser, "GET", dex.location).status, 400);
    // ...the console, with the cookie of step 1, can.
    const Response token = call(console, "GET", dex.location);
    QCOMPARE(token.status, 200);
    QCOMPARE(QUrlQuery(dex.location).queryItemValue(QStringLiteral("state")), state);
    const auto who = m_sandbox->users().authenticate(token.json().value(QLatin1String("access_token")).toString().toLatin1());
    QVERIFY(who);
    QCOMPARE(who->name, QStringLiteral("alice"));
}

void TestPlatformSso::ssoWrongPasswordAndCancelOverHttp()
{
    QNetworkAccessManager console;
    QString state;
    const Response formPage = startSso(console, &state);
    QCOMPARE(formPage.status, 200);
    QNetworkAccessManager browser;
    auto fields = hiddenFields(formPage.body);
    auto wrong = fields;
    wrong << qMakePair(QStringLiteral("username"), QStringLiteral("bob")) << qMakePair(QStringLiteral("password"), QStringLiteral("x y+z&"));
    const Response again = call(browser, "POST", QUrl(m_base + QStringLiteral("/sandbox-idp/login")), form(wrong).query(QUrl::FullyEncoded).toUtf8());
    QCOMPARE(again.status, 401);
    QVERIFY(again.body.contains("Invalid username or password."));
    QCOMPARE(hiddenFields(again.body), fields);
    // (The wrong password had a space, '+' and '&': the hidden fields still came back intact.)
    auto cancel = fields;
    cancel << qMakePair(QStringLiteral("cancel"), QStringLiteral("1"));
    const Response up = call(browser, "POST", QUrl(m_base + QStringLiteral("/sandbox-idp/login")), form(cancel).query(QUrl::FullyEncoded).toUtf8());
    QCOMPARE(up.status, 302);
    const Response dex = call(browser, "GET", up.location);
    QCOMPARE(dex.status, 302);
    QCOMPARE(QUrlQuery(dex.location).queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
}

QTEST_GUILESS_MAIN(TestPlatformSso)
#include "tst_platformsso.moc"
