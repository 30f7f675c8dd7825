// PlatformClient, the browser (SSO) login: step 1 with the console's redirect URI, step 5 with the
// code and state a browser was redirected with, and the platform's login connectors. The flow
// cookie stays in this client's jar; the token never passes through the browser.
#include "api/PlatformClient.h"

#include <QJsonArray>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace acp::api {

namespace {
constexpr const char *kCallbackPath = "/console-platform/api/v1/token/callback";
}

QUrl PlatformClient::redirectUri() const
{
    QUrl url = m_endpoint.url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QLatin1String(kCallbackPath));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool PlatformClient::isRedirectUri(const QUrl &url) const
{
    const QUrl mine = redirectUri();
    return url.scheme() == mine.scheme() && url.host().compare(mine.host(), Qt::CaseInsensitive) == 0
        && url.port(url.scheme() == QLatin1String("https") ? 443 : 80) == mine.port(mine.scheme() == QLatin1String("https") ? 443 : 80)
        && url.path() == mine.path();
}

void PlatformClient::beginBrowserLogin(const QString &connectorId, QObject *context, BrowserLoginCallback done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(redirectUri().toString(QUrl::FullyEncoded))));
    getJson(request(QStringLiteral("/console-platform/api/v1/token/login?") + q.query(QUrl::FullyEncoded)), context,
            [this, connectorId, done = std::move(done)](Result<QJsonObject> r) {
                if (!r)
                    return done(r.error());
                PlatformBrowserLogin login;
                login.authUrl = QUrl(r->value(QLatin1String("auth_url")).toString());
                login.state = r->value(QLatin1String("state")).toString();
                login.redirectUri = redirectUri();
                if (!login.authUrl.isValid() || login.authUrl.query().isEmpty()
                    || (login.authUrl.scheme() != QLatin1String("https") && login.authUrl.scheme() != QLatin1String("http")))
                    return done(ApiError{0, QString(), QStringLiteral("the platform's login answer has no usable auth_url")});
                if (!connectorId.isEmpty()) {
                    QUrlQuery query(login.authUrl.query(QUrl::FullyEncoded));
                    query.addQueryItem(QStringLiteral("connector_id"), QString::fromLatin1(QUrl::toPercentEncoding(connectorId)));
                    login.authUrl.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
                }
                m_browserState = login.state;
                done(login);
            });
}

void PlatformClient::finishBrowserLogin(const QUrl &callback, QObject *context, TokenCallback done)
{
    const QUrlQuery q(callback.query(QUrl::FullyEncoded));
    const QString error = q.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString code = q.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    // Errors found here are reported later too (the callback never runs inside this call).
    const auto fail = [this, context, &done](const QString &reason, const QString &message) {
        QTimer::singleShot(0, context ? context : this, [done, e = ApiError{0, reason, message}] { done(e); });
    };
    if (m_browserState.isEmpty())
        return fail(QString(), QStringLiteral("no browser login was started"));
    if (state != m_browserState)
        return fail(QStringLiteral("BadRequest"), QStringLiteral("the login callback's state does not belong to this login"));
    if (!error.isEmpty()) {
        QString description = q.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        description.replace(QLatin1Char('+'), QLatin1Char(' '));
        return fail(QStringLiteral("Forbidden"), QStringLiteral("The identity provider refused the login: %1%2")
                                                     .arg(error, description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description)));
    }
    if (code.isEmpty())
        return fail(QStringLiteral("BadRequest"), QStringLiteral("the login callback has no code"));
    m_browserState.clear();
    exchangeCode(code, state, QString(), context, std::move(done));
}

void PlatformClient::listConnectors(QObject *context, ConnectorsCallback done)
{
    getJson(request(QStringLiteral("/dex/api/v1/connectors")), context, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        QList<PlatformConnector> out;
        for (const QJsonValue &v : r->value(QLatin1String("items")).toArray()) {
            const QJsonObject o = v.toObject();
            PlatformConnector c;
            c.id = o.value(QLatin1String("conn_id")).toString();
            c.name = o.value(QLatin1String("name")).toString();
            c.type = o.value(QLatin1String("type")).toString();
            if (!c.id.isEmpty())
                out << c;
        }
        done(out);
    });
}

} // namespace acp::api
