#pragma once
// PlatformClient: the ACP platform endpoints a session needs, client side: the five-call
// password login that yields a bearer token (protocol: sandbox/PlatformApi.h, from Alauda's
// get_api_token.md), the two ends of a browser (SSO) login (step 1 and step 5 around a browser
// that the caller drives), the login connectors, API-token verification, and the clusters the
// user may see (/auth/v1/clusters).
//
// Thread: the thread it lives on (a QObject with its own QNetworkAccessManager and cookie jar;
// one per platform address and CA, so pooled connections never mix TLS settings). Every call
// takes a context object: when it is destroyed the call is abandoned and the callback is never
// run. Never logs passwords or tokens.
#include "api/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace acp::api {

struct PlatformEndpoint {
    QUrl url;                        // https://platform.example.com (path prefix allowed)
    QByteArray caPem;                // empty: the system CAs
    bool insecureSkipTlsVerify = false;
};

struct PlatformToken {
    QString accessToken;             // the bearer token (a JWT for password logins)
    QString refreshToken;            // may be empty
    QDateTime expiresAt;             // invalid = unknown / permanent
    QString username;                // from the JWT claims (name, email or sub) when available
};

struct PlatformCluster {
    QString name;                    // metadata.name: the path segment under /kubernetes/<name>
    QString displayName;             // annotation cpaas.io/display-name, else the name
    QString version;                 // status.version (Kubernetes version) when reported
    bool ready = false;              // no problem condition (NotAccessible, ...) is True
    QJsonObject object;              // the clusterregistry.k8s.io/v1alpha1 Cluster as served
};

// A browser login in progress: open authUrl in a browser, catch its navigation to redirectUri.
struct PlatformBrowserLogin {
    QUrl authUrl;                    // dex's login page (query of step 1's auth_url)
    QUrl redirectUri;                // <platform>/console-platform/api/v1/token/callback
    QString state;
};

struct PlatformConnector {
    QString id;                      // conn_id: "local", "sandbox-sso", "ldap", ...
    QString name;
    QString type;                    // "local", "oidc", "ldap", "saml", ...
    bool isExternal() const { return type != QLatin1String("local"); }
};

class PlatformClient : public QObject {
    Q_OBJECT
public:
    explicit PlatformClient(const PlatformEndpoint &endpoint, QObject *parent = nullptr);
    ~PlatformClient() override;

    const PlatformEndpoint &endpoint() const { return m_endpoint; }

    using TokenCallback = std::function<void(Result<PlatformToken>)>;
    using ClustersCallback = std::function<void(Result<QList<PlatformCluster>>)>;

    // The five-call password login. Errors carry the platform's message (e.g. 401 "Invalid
    // username or password"); the password is encrypted with the platform's RSA key and never
    // stored.
    void loginWithPassword(const QString &username, const QString &password, QObject *context, TokenCallback done);

    // Checks an API token (e.g. one made with POST /auth/v1/accesstoken) by listing the clusters
    // it may see; 401 -> the server's Unauthorized error. The username comes from the token's
    // claims when it is a JWT.
    void verifyToken(const QString &token, QObject *context, TokenCallback done);

    // SSO, step 1: asks the platform for a login flow whose redirect_uri is redirectUri() and keeps
    // the flow cookie in this client's jar (it never goes to the browser). connectorId non-empty:
    // authUrl asks dex to go straight to that connector (connector_id=...).
    using BrowserLoginCallback = std::function<void(Result<PlatformBrowserLogin>)>;
    void beginBrowserLogin(const QString &connectorId, QObject *context, BrowserLoginCallback done);
    // SSO, step 5: the URL the browser was redirected to (redirectUri()?code=&state=, or
    // ?error=&error_description=) -> the token, with this client's flow cookie. Only after
    // beginBrowserLogin on this client; the state must be the flow's.
    void finishBrowserLogin(const QUrl &callback, QObject *context, TokenCallback done);
    QUrl redirectUri() const;
    // True when url is the browser login's redirect URI (scheme, host, port and path).
    bool isRedirectUri(const QUrl &url) const;

    // GET /dex/api/v1/connectors (no token needed).
    using ConnectorsCallback = std::function<void(Result<QList<PlatformConnector>>)>;
    void listConnectors(QObject *context, ConnectorsCallback done);

    // /auth/v1/clusters as the token's user, sorted by name.
    void listClusters(const QString &token, QObject *context, ClustersCallback done);

    // Claims of a JWT (payload only; the signature is not checked: the server does that).
    static QJsonObject jwtClaims(const QString &token);
    // base64(RSA-PKCS#1 v1.5(pubkeyPem, {"ts": ts, "password": password})), or an error.
    static Result<QByteArray> encryptPassword(const QByteArray &pubkeyPem, const QString &ts, const QString &password);
    static QList<PlatformCluster> parseClusters(const QJsonObject &clusterList);
    // Step 5's answer -> token (username from the JWT's name claim, else fallbackUser).
    static Result<PlatformToken> parseToken(const QJsonObject &answer, const QString &fallbackUser);

private:
    struct Flow;
    using JsonCallback = std::function<void(Result<QJsonObject>)>;
    QNetworkRequest request(const QString &path, const QString &token = QString()) const;
    void getJson(const QNetworkRequest &req, QObject *context, JsonCallback done);
    void postJson(const QNetworkRequest &req, const QByteArray &body, QObject *context, JsonCallback done);
    void finishJson(QNetworkReply *reply, QObject *context, JsonCallback done);
    void loginStep2(std::shared_ptr<Flow> flow);
    void loginStep4(std::shared_ptr<Flow> flow, const QJsonObject &pubkey);
    void loginStep5(std::shared_ptr<Flow> flow, const QString &redirectUrl);
    void exchangeCode(const QString &code, const QString &state, const QString &user, QObject *context, TokenCallback done);

    PlatformEndpoint m_endpoint;
    QNetworkAccessManager *m_nam = nullptr;
    QString m_browserState;          // the state of the browser login begun on this client
};

} // namespace acp::api
