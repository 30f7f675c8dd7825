// PlatformLogin, browser part: dex's connector page, dex's local password form, the fake external
// identity provider "sandbox-sso" and dex's upstream callback. Protocol: PlatformApi.h ("The
// browser login (SSO)"). Pages are small static HTML (no scripts); every value is HTML-escaped.
#include "sandbox/PlatformLogin.h"

#include <QDateTime>
#include <QUrl>

namespace acp::sandbox {

namespace {

constexpr const char *kIdpLoginPath = "/sandbox-idp/login";
constexpr const char *kDexCallbackPath = "/dex/callback";

QString esc(const QString &s) { return s.toHtmlEscaped(); }

QByteArray page(const QString &title, const QString &body)
{
    const QString html = QStringLiteral(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title><style>"
        "body{font-family:sans-serif;background:#f3f5f8;color:#1d2330;margin:0}"
        "main{max-width:360px;margin:48px auto;background:#fff;border:1px solid #d5dbe5;border-radius:6px;padding:24px 28px}"
        "h1{font-size:20px;margin:0 0 8px}p.hint{color:#5b6477;font-size:13px;margin:0 0 16px}"
        "p.error{color:#b42318;background:#fef3f2;border:1px solid #fda29b;border-radius:4px;padding:8px}"
        "label{display:block;font-size:13px;margin:12px 0 4px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;"
        "padding:7px;border:1px solid #aab3c2;border-radius:4px;font-size:14px}"
        "button{margin-top:18px;padding:8px 16px;border-radius:4px;border:1px solid #1f5fbf;background:#2a6fdb;color:#fff;font-size:14px}"
        "button.secondary{background:#fff;color:#1d2330;border-color:#aab3c2;margin-left:8px}"
        "ul{list-style:none;padding:0}li a{display:block;padding:10px;margin:8px 0;border:1px solid #aab3c2;border-radius:4px;"
        "text-decoration:none;color:#1d2330}</style></head><body><main>%2</main></body></html>")
                             .arg(esc(title), body);
    return html.toUtf8();
}

QString hiddenFields(const QUrlQuery &hidden)
{
    QString out;
    for (const auto &[k, v] : hidden.queryItems(QUrl::FullyDecoded))
        out += QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">").arg(esc(k), esc(v));
    return out;
}

QString value(const QUrlQuery &q, const char *name)
{
    // Form bodies encode spaces as '+'; QUrlQuery does not decode those.
    QString v = q.queryItemValue(QLatin1String(name), QUrl::FullyEncoded);
    v.replace(QLatin1Char('+'), QLatin1Char(' '));
    return QUrl::fromPercentEncoding(v.toLatin1());
}

QString withQuery(const QString &url, const QUrlQuery &q)
{
    return url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + q.query(QUrl::FullyEncoded);
}

} // namespace

QString PlatformLogin::Reply::location() const
{
    for (const auto &h : headers)
        if (h.first == "Location")
            return QString::fromUtf8(h.second);
    return QString();
}

PlatformLogin::Reply PlatformLogin::htmlError(int status, const QString &message)
{
    Reply r;
    r.status = status;
    r.html = page(QStringLiteral("Login error"),
                  QStringLiteral("<h1>Login error</h1><p class=\"error\" id=\"error\">%1</p>").arg(esc(message)));
    return r;
}

PlatformLogin::Reply PlatformLogin::redirect(const QString &location)
{
    Reply r;
    r.status = 302;
    r.headers << qMakePair(QByteArrayLiteral("Location"), location.toUtf8());
    r.html = page(QStringLiteral("Redirect"), QStringLiteral("<p><a href=\"%1\">Continue</a></p>").arg(esc(location)));
    return r;
}

PlatformLogin::Reply PlatformLogin::passwordForm(const QString &title, const QString &action, const QUrlQuery &hidden,
                                                 const QString &username, const QString &error, int status) const
{
    QString body = QStringLiteral("<h1>%1</h1>").arg(esc(title));
    body += QStringLiteral("<p class=\"hint\">The ACP sandbox's %1. Sign in with a sandbox user (admin, alice, bob).</p>")
                .arg(title == QLatin1String("Sandbox SSO") ? QStringLiteral("external identity provider") : QStringLiteral("local users"));
    if (!error.isEmpty())
        body += QStringLiteral("<p class=\"error\" id=\"error\">%1</p>").arg(esc(error));
    body += QStringLiteral("<form id=\"login\" method=\"post\" action=\"%1\">%2"
                           "<label for=\"username\">Username</label>"
                           "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" autofocus value=\"%3\">"
                           "<label for=\"password\">Password</label>"
                           "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">"
                           "<button type=\"submit\" id=\"submit\">Sign in</button>"
                           "<button type=\"submit\" class=\"secondary\" id=\"cancel\" name=\"cancel\" value=\"1\">Cancel</button>"
                           "</form>")
                .arg(esc(action), hiddenFields(hidden), esc(username));
    Reply r;
    r.status = status;
    r.html = page(title, body);
    return r;
}

// GET /console-dex/auth?<auth_url query>[&connector_id=<id>]
PlatformLogin::Reply PlatformLogin::authPage(const QUrlQuery &query, const QString &baseUrl)
{
    prune();
    QString flowId;
    if (auto problem = checkAuthQuery(query, &flowId))
        return htmlError(problem->status, problem->body.value(QLatin1String("message")).toString());
    const QString connector = query.queryItemValue(QStringLiteral("connector_id"), QUrl::FullyDecoded);
    if (connector.isEmpty()) {
        QString items;
        for (const auto &[id, name] : {std::pair{kConnector, "Local users"}, std::pair{kSsoConnector, "Sandbox SSO"}}) {
            QUrlQuery q = query;
            q.addQueryItem(QStringLiteral("connector_id"), QLatin1String(id));
            items += QStringLiteral("<li><a id=\"connector-%1\" href=\"/console-dex/auth?%2\">Log in with %3</a></li>")
                         .arg(QLatin1String(id), esc(q.query(QUrl::FullyEncoded)), QLatin1String(name));
        }
        Reply r;
        r.html = page(QStringLiteral("Log in"), QStringLiteral("<h1>Log in to the ACP sandbox</h1><ul>%1</ul>").arg(items));
        return r;
    }
    if (connector != QLatin1String(kConnector) && connector != QLatin1String(kSsoConnector))
        return htmlError(404, QStringLiteral("connector \"%1\" not found").arg(connector));
    const QString req = newRequest(flowId, query);
    if (connector == QLatin1String(kConnector))
        return passwordForm(QStringLiteral("Log in"), QStringLiteral("/console-dex/auth/local?req=") + req, QUrlQuery(), QString(), QString());
    // dex as an OIDC client of the upstream IdP: the IdP's state is dex's request id.
    QUrlQuery up;
    up.addQueryItem(QStringLiteral("client_id"), QLatin1String(kIdpClientId));
    up.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(baseUrl + QLatin1String(kDexCallbackPath))));
    up.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    up.addQueryItem(QStringLiteral("scope"), QStringLiteral("openid%20profile%20email"));
    up.addQueryItem(QStringLiteral("state"), req);
    return redirect(withQuery(baseUrl + QLatin1String(kIdpLoginPath), up));
}

// POST /console-dex/auth/local?req=<req>   username=..&password=.. (form-urlencoded)
PlatformLogin::Reply PlatformLogin::localFormSubmit(const QString &req, const QUrlQuery &form)
{
    prune();
    const auto request = m_requests.constFind(req);
    if (req.isEmpty() || request == m_requests.constEnd())
        return htmlError(400, QStringLiteral("Login session expired: start the login again."));
    const QString action = QStringLiteral("/console-dex/auth/local?req=") + req;
    if (!value(form, "cancel").isEmpty()) {
        const DexRequest dr = m_requests.take(req);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
        q.addQueryItem(QStringLiteral("error_description"), QStringLiteral("the%20user%20cancelled%20the%20login"));
        q.addQueryItem(QStringLiteral("state"), dr.state);
        return redirect(withQuery(dr.redirectUri, q));
    }
    const QString user = value(form, "username").trimmed();
    const auto name = resolveAccount(user);
    if (!name || !m_users->checkPassword(*name, value(form, "password")))
        return passwordForm(QStringLiteral("Log in"), action, QUrlQuery(), user, QStringLiteral("Invalid username or password."), 401);
    return redirect(issueCode(req, *name));
}

// GET /sandbox-idp/login?client_id=sandbox-dex&redirect_uri=<base>/dex/callback&response_type=code&state=..
PlatformLogin::Reply PlatformLogin::idpLoginPage(const QUrlQuery &query)
{
    const QString clientId = value(query, "client_id");
    const QString redirectUri = value(query, "redirect_uri");
    if (clientId != QLatin1String(kIdpClientId))
        return htmlError(400, QStringLiteral("Sandbox SSO: unknown client \"%1\"").arg(clientId));
    if (QUrl(redirectUri).path() != QLatin1String(kDexCallbackPath))
        return htmlError(400, QStringLiteral("Sandbox SSO: redirect_uri \"%1\" is not registered for client %2").arg(redirectUri, clientId));
    if (value(query, "state").isEmpty())
        return htmlError(400, QStringLiteral("Sandbox SSO: state is required"));
    QUrlQuery hidden;
    for (const char *k : {"client_id", "redirect_uri", "state"})
        hidden.addQueryItem(QLatin1String(k), QString::fromLatin1(QUrl::toPercentEncoding(value(query, k))));
    return passwordForm(QStringLiteral("Sandbox SSO"), QLatin1String(kIdpLoginPath), hidden, QString(), QString());
}

// POST /sandbox-idp/login   client_id, redirect_uri, state, username, password[, cancel] (form-urlencoded)
PlatformLogin::Reply PlatformLogin::idpLoginSubmit(const QUrlQuery &form)
{
    prune();
    const Reply checked = idpLoginPage(form);     // the same checks of client_id, redirect_uri and state
    if (checked.status != 200)
        return checked;
    const QString redirectUri = value(form, "redirect_uri");
    const QString state = value(form, "state");
    QUrlQuery q;
    if (!value(form, "cancel").isEmpty()) {
        q.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
        q.addQueryItem(QStringLiteral("error_description"), QStringLiteral("the%20user%20cancelled%20the%20login"));
    } else {
        const QString user = value(form, "username").trimmed();
        const auto name = resolveAccount(user);
        if (!name || !m_users->checkPassword(*name, value(form, "password"))) {
            QUrlQuery hidden;
            for (const char *k : {"client_id", "redirect_uri", "state"})
                hidden.addQueryItem(QLatin1String(k), QString::fromLatin1(QUrl::toPercentEncoding(value(form, k))));
            return passwordForm(QStringLiteral("Sandbox SSO"), QLatin1String(kIdpLoginPath), hidden, user,
                                QStringLiteral("Invalid username or password."), 401);
        }
        Code code;
        code.user = *name;
        code.state = state;
        code.created = QDateTime::currentSecsSinceEpoch();
        const QString codeValue = newId();
        m_upstreamCodes.insert(codeValue, code);
        q.addQueryItem(QStringLiteral("code"), codeValue);
    }
    q.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
    return redirect(withQuery(redirectUri, q));
}

// GET /dex/callback?code=<upstream code>&state=<req>   (or ?error=..&error_description=..&state=<req>)
PlatformLogin::Reply PlatformLogin::dexCallback(const QUrlQuery &query)
{
    prune();
    const QString req = value(query, "state");
    const auto request = m_requests.constFind(req);
    if (req.isEmpty() || request == m_requests.constEnd())
        return htmlError(400, QStringLiteral("Login session expired: start the login again."));
    if (const QString err = value(query, "error"); !err.isEmpty()) {
        const DexRequest dr = m_requests.take(req);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("error"), QString::fromLatin1(QUrl::toPercentEncoding(err)));
        q.addQueryItem(QStringLiteral("error_description"), QString::fromLatin1(QUrl::toPercentEncoding(value(query, "error_description"))));
        q.addQueryItem(QStringLiteral("state"), dr.state);
        return redirect(withQuery(dr.redirectUri, q));
    }
    const auto code = m_upstreamCodes.constFind(value(query, "code"));
    if (code == m_upstreamCodes.constEnd() || code->state != req)
        return htmlError(400, QStringLiteral("Failed to authenticate: invalid or expired code from the identity provider."));
    const QString user = code->user;
    m_upstreamCodes.erase(code);
    if (!m_users->user(user))
        return htmlError(401, QStringLiteral("Failed to authenticate: the user no longer exists."));
    return redirect(issueCode(req, user));
}

} // namespace acp::sandbox
