#pragma once
// PlatformApi: the ACP platform endpoints of acp-sandbox (everything under /auth/v1/, the login
// flow under /console-platform/ and /dex/), answering like an ACP gateway. Schemas follow
// ../shared/reference/acp/openapi/auth.v1.json; data lives where ACP keeps it:
//   Cluster   clusterregistry.k8s.io/v1alpha1, namespace cpaas-system of the `global` SimCluster
//   Project   auth.alauda.io/v1, cluster-scoped in `global`; spec.clusters[]{name, quota}
//   Namespace of a project: label cpaas.io/project=<p> on the namespace in each workload cluster
//   User      auth.alauda.io/v1 User objects in `global` when present, else built from the
//             sandbox's UserDirectory
// Visibility rules per user: see PlatformAccess.h. Errors are Kubernetes Status objects.
// Single-threaded (the sandbox's event loop). Never logs passwords, tokens, codes or cookies.
//
// ---- Endpoints (Authorization: Bearer <token> required, else 401 Status "Unauthorized") ----
// GET    /auth/v1/clusters                  ClusterList (apiVersion clusterregistry.k8s.io/v1alpha1) of the
//                                           clusters the caller may see; labelSelector, fieldSelector,
//                                           limit/continue (a start-after-key token over the current state,
//                                           not a snapshot), watch=true (+resourceVersion, timeoutSeconds,
//                                           allowWatchBookmarks; see PlatformWatch.h). sortBy/filterBy of
//                                           /auth/v1/projects are accepted and ignored.
// GET    /auth/v1/clusters/{name}           Cluster (404 unknown, 403 not visible)
// GET    /auth/v1/projects                  ProjectList (auth.alauda.io/v1), same query parameters and watch
// GET    /auth/v1/projects/{p}              Project (404 / 403)
// DELETE /auth/v1/projects/{p}?reclaim=     deletes the Project (platform admin or RBAC `delete` on it in
//                                           global); reclaim=true also deletes its namespaces in its
//                                           clusters; 400 for a reclaim other than true/false; 200 + the
//                                           Project's last state
// GET    /auth/v1/projects/{p}/clusters/{c}/namespaces
//                                           NamespaceList (v1) of cluster c labelled cpaas.io/project=p that
//                                           the caller may see (403 when the project is not visible, 404 for
//                                           an unknown project or cluster); watchable
// GET    /auth/v1/users                     UserList (auth.alauda.io/v1 User items; platform admins/auditors or
//                                           RBAC `list users.auth.alauda.io` in global) - a sandbox extension
// GET    /auth/v1/users/{name}              v1.User (self, platform admins/auditors or RBAC `get`)
// POST   /auth/v1/accesstoken               body AccessTokenRequest {expiration?: unix seconds, description?}
//                                           -> 201 AccessToken {id, token, timestamp, expiration?, description}
//                                           (no expiration = permanent); the token acts as the caller
// GET    /auth/v1/pubkey                    api.PasswordPublicKeyResponse {ts, pubkey, pubkey_encode}; no token
//                                           needed; the same key and single-use ts as GET /dex/pubkey
// GET    /auth/v2/userbindings[?user=&labelSelector=]
//                                           UserBindingList (auth.alauda.io/v1) of the `global` cluster's
//                                           UserBindings: all of them for platform-wide users and those with
//                                           RBAC `list userbindings.auth.alauda.io` in global, else only the
//                                           ones whose subjects name the caller (user, e-mail or group);
//                                           user=<name> keeps the bindings of that User (403 for another
//                                           user without the list right); sorted by name. POST/DELETE: 405.
// Other methods on these paths: 405. Unknown paths: handle() returns false (the gateway's 404).
//
// ---- The five-call password login (ACP's, per alauda/acp-docs get_api_token.md) ----
// All five calls must share one cookie jar (cookie `cpaas_oidc_auth_flow`, Path=/). No token needed.
// 1. GET /console-platform/api/v1/token/login[?client_id=alauda-auth&redirect_uri=..&response_type=code
//        &scope=openid profile offline_access email groups ext]      (all optional)
//    200 {"auth_url": "<base>/console-dex/auth?access_type=offline&client_id=alauda-auth&code_challenge=<S256>
//          &code_challenge_method=S256&nonce=..&redirect_uri=<enc>&response_type=code&scope=<enc>&state=<state>",
//         "state": "<state>", "logout_url": "<base>/dex/logout?post_logout_redirect_uri=..&state=.."}
//    + Set-Cookie cpaas_oidc_auth_flow=<flow>. redirect_uri defaults to <base>/dex/callback; <base> is
//    the scheme + Host the client used. 400 for another client_id or response_type.
// 2. GET /dex/api/v1/authorize?<the query of auth_url, unchanged>
//    200 {"req": "<request id>"} + Set-Cookie cpaas_oidc_auth_flow=<flow> (again).
//    400 when client_id is not alauda-auth, response_type is not code, redirect_uri is missing,
//    code_challenge is missing ("PKCE code_challenge is required for this client") or does not match,
//    or state is not one step 1 handed out (expired after 10 minutes).
// 3. GET /dex/pubkey
//    200 {"ts": "<unix seconds, unique per call>", "pubkey": "-----BEGIN PUBLIC KEY-----\n...(RSA-2048 SPKI PEM)",
//         "pubkey_encode": "<base64 of the PEM>"}
// 4. POST /dex/api/v1/authorize/local?req=<request id>     Content-Type: application/json
//    body {"account": "<user name or e-mail>",
//          "password": base64(RSA_PKCS1_v1_5_encrypt(pubkey, '{"ts":"<ts from 3>","password":"<plain>"}'))}
//    200 {"session_state": "", "redirect_url": "<redirect_uri>?code=<code>&state=<state>"}
//    401 Status reason Unauthorized "Invalid username or password"; 400 for an unknown/expired req, a
//    body that does not decrypt to {ts, password}, or a ts not handed out by 3 or already used (each
//    ts is single-use: fetch a new one per attempt); 404 for a connector other than "local".
//    A failed attempt keeps the req usable (retry with a fresh ts).
// 5. GET /console-platform/api/v1/token/callback?code=<code>&state=<state>     (with the cookie)
//    200 {"token_type": "bearer", "access_token": "<JWT>", "id_token": "<same JWT>",
//         "refresh_token": "<opaque; the sandbox has no refresh endpoint>", "expire_at": "<RFC 3339 UTC>",
//         "issued_at": "<RFC 3339 UTC>", "token_storage": "local"}          (token valid 24 h)
//    + Set-Cookie clearing the flow cookie. 400 "invalid authentication session" without the cookie or
//    with a state of another flow; 400 "invalid or expired authorization code" (codes are single-use).
// Also: GET /dex/api/v1/connectors -> [{"conn_id": "local", "name": "Local", "type": "local"},
//                                       {"conn_id": "sandbox-sso", "name": "Sandbox SSO", "type": "oidc"}].
// Use access_token as `Authorization: Bearer <token>` for /auth/v1 and /kubernetes/<cluster>/.
//
// ---- The browser login (SSO through an external identity provider) ----
// A browser replaces steps 2-4; the client keeps the cookie of step 1 and does step 5 itself.
// Pages are text/html (Cache-Control: no-store); errors are HTML pages with p#error and the status.
// 1. as above, with redirect_uri=<the client's callback URL> (the console passes
//    <base>/console-platform/api/v1/token/callback and catches the navigation to it).
// a. GET /console-dex/auth?<the query of auth_url>      (dex's login page; checked as in step 2)
//    200 a page with one link per connector (a#connector-local, a#connector-sandbox-sso) to
//    the same URL plus &connector_id=<id>. With connector_id=sandbox-sso: 302 to the upstream IdP
//    <base>/sandbox-idp/login?client_id=sandbox-dex&redirect_uri=<base>/dex/callback&response_type=code
//    &scope=openid profile email&state=<dex request id>. With connector_id=local: 200 dex's password
//    form posting to /console-dex/auth/local?req=<request id>. 404 for another connector.
// b. GET /sandbox-idp/login?client_id=sandbox-dex&redirect_uri=<..>/dex/callback&state=..
//    200 the IdP's form#login: input#username, input#password, hidden client_id/redirect_uri/state,
//    button#submit, button#cancel (name=cancel). 400 for another client_id or redirect_uri path.
// c. POST /sandbox-idp/login   (application/x-www-form-urlencoded: the form's fields)
//    302 <redirect_uri>?code=<upstream code>&state=<state> when the sandbox user's password matches
//    (user name or e-mail); 401 the form again with p#error "Invalid username or password." and the
//    username kept; cancel=1: 302 <redirect_uri>?error=access_denied&error_description=..&state=..
// d. GET /dex/callback?code=<upstream code>&state=<dex request id>
//    302 <the flow's redirect_uri>?code=<code>&state=<flow state>; an upstream error is passed on as
//    302 <redirect_uri>?error=..&error_description=..&state=<flow state>; 400 for an unknown request
//    or code (single-use).
//    POST /console-dex/auth/local?req=<request id> (form username, password[, cancel]) does the same
//    for local users without an upstream IdP.
// 5. GET /console-platform/api/v1/token/callback?code&state with the cookie of step 1, as above.
#include "sandbox/HttpServer.h"
#include "sandbox/PlatformLogin.h"
#include "sandbox/UserDirectory.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace acp::sandbox {

class Sandbox;
class SimCluster;
class KubeApi;
class PlatformAccess;

class PlatformApi : public QObject {
    Q_OBJECT
public:
    explicit PlatformApi(Sandbox *sandbox);
    ~PlatformApi() override;

    // Serves the request when it is a platform endpoint; false = not ours (the gateway 404s).
    bool handle(const HttpRequest &req, std::shared_ptr<HttpResponder> out);

    PlatformLogin &login() { return m_login; }
    // A per-request view of what `user` may see (RBAC of every simulated cluster).
    std::unique_ptr<PlatformAccess> accessFor(const UserInfo &user);

private:
    using Out = std::shared_ptr<HttpResponder>;
    using Visible = std::function<bool(PlatformAccess &, const QJsonObject &)>;
    struct ListSpec {
        SimCluster *source = nullptr;
        QString storageKey, ns, kind, apiVersion;
        Visible visible;
    };

    bool handleLogin(const HttpRequest &req, const Out &out, const QString &path);
    bool handleBrowserLogin(const HttpRequest &req, const Out &out, const QString &path);
    bool handleAuth(const HttpRequest &req, const Out &out, const QStringList &segs);
    void serveClusters(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name);
    void serveProjects(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name);
    void deleteProject(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name);
    void serveNamespaces(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &project,
                         const QString &cluster);
    void serveUsers(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name);
    void createAccessToken(const HttpRequest &req, const Out &out, const UserInfo &user);
    // /auth/v2 (PlatformUserBindings.cpp)
    bool handleAuthV2(const HttpRequest &req, const Out &out, const QStringList &segs);
    void serveUserBindings(const HttpRequest &req, const Out &out, const UserInfo &user);
    void serveList(const HttpRequest &req, const Out &out, const UserInfo &user, const ListSpec &spec);

    std::optional<UserInfo> authenticate(const HttpRequest &req) const;
    QJsonObject userObject(const UserInfo &info) const;
    QString baseUrl(const HttpRequest &req) const;
    KubeApi *authorizerFor(SimCluster *cluster);
    static void sendReply(const Out &out, const PlatformLogin::Reply &reply);
    static void methodNotAllowed(const Out &out);

    Sandbox *m_sandbox;
    PlatformLogin m_login;
    QHash<SimCluster *, KubeApi *> m_authorizers;
};

} // namespace acp::sandbox
