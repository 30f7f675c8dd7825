#pragma once
// PlatformLogin: the sandbox side of ACP's five-call password login (console-platform + Alauda's
// dex fork), as documented in alauda/acp-docs
// docs/en/security/users_and_roles/user/howto/get_api_token.md ("Obtain an API Access Token"),
// and of the browser login through an external identity provider (SSO): dex's connector page
// /console-dex/auth, a fake upstream OIDC provider "sandbox-sso" (/sandbox-idp/login, an HTML
// form) and dex's upstream callback /dex/callback (PlatformLoginSso.cpp).
// The exact wire protocol is in PlatformApi.h. This class is the state machine only: no sockets,
// so it can be unit-tested; PlatformApi turns its Replies into HTTP responses.
//
// Contract:
//  - One RSA-2048 key pair per instance, generated on first use (OpenSSL 3 EVP). Passwords arrive
//    as base64(RSA-PKCS#1-v1.5({"ts": "<ts>", "password": "<plain>"})); the ts is single-use and
//    valid for 10 minutes after GET /dex/pubkey handed it out.
//  - Login state (flows, dex requests, authorization codes) expires after 10 minutes; codes and
//    timestamps are single-use; the flow cookie must accompany the callback.
//  - Never logs or echoes passwords, tokens, codes or cookies.
//  - Single-threaded (the sandbox's event loop).
#include "sandbox/UserDirectory.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <optional>

struct evp_pkey_st;

namespace acp::sandbox {

// An RSA key pair for password transport (the key /dex/pubkey and /auth/v1/pubkey publish).
class PasswordKey {
public:
    PasswordKey() = default;
    ~PasswordKey();
    PasswordKey(const PasswordKey &) = delete;
    PasswordKey &operator=(const PasswordKey &) = delete;

    bool generate(int bits = 2048, QString *error = nullptr);
    bool isValid() const { return m_key != nullptr; }
    QByteArray publicKeyPem() const;                     // "-----BEGIN PUBLIC KEY-----" (SPKI)
    // RSA PKCS#1 v1.5 decryption; nullopt when the ciphertext does not decrypt with this key.
    std::optional<QByteArray> decrypt(const QByteArray &ciphertext) const;

private:
    evp_pkey_st *m_key = nullptr;
};

class PlatformLogin {
public:
    static constexpr const char *kClientId = "alauda-auth";
    static constexpr const char *kScope = "openid profile offline_access email groups ext";
    static constexpr const char *kCookie = "cpaas_oidc_auth_flow";
    static constexpr const char *kConnector = "local";
    static constexpr const char *kSsoConnector = "sandbox-sso";      // the external (OIDC) connector
    static constexpr const char *kIdpClientId = "sandbox-dex";       // dex's client at the fake IdP
    static constexpr qint64 kTokenLifetimeSeconds = 86400;

    struct Reply {
        int status = 200;
        QJsonObject body;                                 // JSON object (Status on errors)
        QList<QPair<QByteArray, QByteArray>> headers;     // Set-Cookie
        QByteArray rawJson;                               // when set, sent instead of body (arrays)
        QByteArray html;                                  // when set (or a 302), sent as text/html instead
        QString location() const;                         // the Location header of a redirect
    };

    explicit PlatformLogin(UserDirectory *users);

    // baseUrl: "http://host:port" the client used (auth_url and redirect_url point there).
    Reply login(const QUrlQuery &query, const QString &baseUrl);                            // step 1
    Reply authorize(const QUrlQuery &query, const QByteArray &cookieHeader);                 // step 2
    Reply pubkey();                                                                          // step 3
    Reply submit(const QString &idp, const QString &req, const QByteArray &body);            // step 4
    Reply callback(const QUrlQuery &query, const QByteArray &cookieHeader);                  // step 5
    Reply connectors() const;                                                                // GET /dex/api/v1/connectors

    // The browser login (SSO), PlatformLoginSso.cpp. HTML pages and 302 redirects.
    Reply authPage(const QUrlQuery &query, const QString &baseUrl);                          // GET /console-dex/auth
    Reply localFormSubmit(const QString &req, const QUrlQuery &form);                        // POST /console-dex/auth/local
    Reply idpLoginPage(const QUrlQuery &query);                                              // GET /sandbox-idp/login
    Reply idpLoginSubmit(const QUrlQuery &form);                                             // POST /sandbox-idp/login
    Reply dexCallback(const QUrlQuery &query);                                               // GET /dex/callback

    PasswordKey &key();                                   // generated on first use
    static QString cookieValue(const QByteArray &cookieHeader, const char *name);
    static QByteArray s256(const QByteArray &verifier);  // base64url(SHA-256(verifier)), no padding

    // For tests and diagnostics: how much login state is held.
    int pendingFlows() const { return int(m_flows.size()); }

private:
    struct Flow {
        QString id, state, nonce, verifier, redirectUri, scope;
        qint64 created = 0;
    };
    struct DexRequest {
        QString flowId, redirectUri, state;
        qint64 created = 0;
    };
    struct Code {
        QString user, flowId, state;
        qint64 created = 0;
    };

    static Reply error(int status, const QString &reason, const QString &message);
    static Reply htmlError(int status, const QString &message);
    static QString newId();                               // dex-style random identifier
    static Reply redirect(const QString &location);
    // Checks the query of an auth_url (steps 2 and the connector page); the flow id, or an error.
    std::optional<Reply> checkAuthQuery(const QUrlQuery &query, QString *flowId) const;
    QString newRequest(const QString &flowId, const QUrlQuery &query);
    // Issues an authorization code for a dex request; returns redirect_uri?code=..&state=.. .
    QString issueCode(const QString &req, const QString &user);
    Reply passwordForm(const QString &title, const QString &action, const QUrlQuery &hidden, const QString &username,
                       const QString &error, int status = 200) const;
    QByteArray flowCookie(const QString &flowId, bool clear = false) const;
    std::optional<QString> resolveAccount(const QString &account) const;
    void prune();

    UserDirectory *m_users;
    PasswordKey m_key;
    QHash<QString, Flow> m_flows;            // flow id -> flow
    QHash<QString, QString> m_flowByState;   // state -> flow id
    QHash<QString, DexRequest> m_requests;   // req -> request
    QHash<QString, Code> m_codes;            // code -> code
    QHash<QString, Code> m_upstreamCodes;    // the fake IdP's codes -> user and dex req (in state)
    QHash<QString, qint64> m_timestamps;     // ts handed out by pubkey() -> when
    qint64 m_lastTs = 0;
};

} // namespace acp::sandbox
