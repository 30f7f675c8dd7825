// PlatformApi, the login endpoints: the five-call password login (/console-platform, /dex) and
// the browser pages of the SSO login (/console-dex, /sandbox-idp). The state machine is
// PlatformLogin; the protocol is in PlatformApi.h.
#include "sandbox/PlatformApi.h"

#include <QUrlQuery>

namespace acp::sandbox {

bool PlatformApi::handleLogin(const HttpRequest &req, const Out &out, const QString &path)
{
    const bool get = req.method == "GET";
    const QByteArray cookies = req.header("cookie");
    if (path == QLatin1String("/console-platform/api/v1/token/login")) {
        get ? sendReply(out, m_login.login(req.query, baseUrl(req))) : methodNotAllowed(out);
    } else if (path == QLatin1String("/console-platform/api/v1/token/callback")) {
        get ? sendReply(out, m_login.callback(req.query, cookies)) : methodNotAllowed(out);
    } else if (path == QLatin1String("/dex/api/v1/authorize")) {
        get ? sendReply(out, m_login.authorize(req.query, cookies)) : methodNotAllowed(out);
    } else if (path.startsWith(QLatin1String("/dex/api/v1/authorize/")) && path.count(QLatin1Char('/')) == 5) {
        const QString idp = path.section(QLatin1Char('/'), 5);
        req.method == "POST" ? sendReply(out, m_login.submit(idp, req.queryValue("req"), req.body)) : methodNotAllowed(out);
    } else if (path == QLatin1String("/dex/pubkey")) {
        get ? sendReply(out, m_login.pubkey()) : methodNotAllowed(out);
    } else if (path == QLatin1String("/dex/api/v1/connectors")) {
        get ? sendReply(out, m_login.connectors()) : methodNotAllowed(out);
    } else if (path == QLatin1String("/dex/callback")) {
        get ? sendReply(out, m_login.dexCallback(req.query)) : methodNotAllowed(out);
    } else {
        return false;
    }
    return true;
}

// The browser-facing pages of the SSO login (PlatformLoginSso.cpp): HTML and redirects.
bool PlatformApi::handleBrowserLogin(const HttpRequest &req, const Out &out, const QString &path)
{
    const bool get = req.method == "GET";
    const bool post = req.method == "POST";
    const QUrlQuery form(QString::fromUtf8(req.body));
    if (path == QLatin1String("/console-dex/auth")) {
        get ? sendReply(out, m_login.authPage(req.query, baseUrl(req))) : methodNotAllowed(out);
    } else if (path == QLatin1String("/console-dex/auth/local")) {
        post ? sendReply(out, m_login.localFormSubmit(req.queryValue("req"), form)) : methodNotAllowed(out);
    } else if (path == QLatin1String("/sandbox-idp/login")) {
        if (get)
            sendReply(out, m_login.idpLoginPage(req.query));
        else
            post ? sendReply(out, m_login.idpLoginSubmit(form)) : methodNotAllowed(out);
    } else {
        return false;
    }
    return true;
}

} // namespace acp::sandbox
