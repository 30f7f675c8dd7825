#pragma once
// OidcCredentialSource: the kubeconfig auth-provider "oidc" (client-go's oidc plugin).
//
// Contract:
//  - The id-token is the bearer token while its JWT "exp" is more than 10 s away (a token
//    without a readable exp is used as is).
//  - When it has expired, or forceRefresh is set (a 401), and refresh-token and idp-issuer-url
//    are set: GET <issuer>/.well-known/openid-configuration, POST grant_type=refresh_token with
//    refresh_token, client_id and client_secret (form body) to its token_endpoint, TLS verified
//    against idp-certificate-authority(-data) when given (else the system CAs). The response's
//    id_token (and refresh_token, if returned) replace the old ones, and the persister is called
//    with the whole new config map so the kubeconfig can be updated, as kubectl does.
//  - Errors (client-go's words where it has them): "Must provide idp-issuer-url", "Must provide
//    client-id", "No valid id-token, and cannot refresh without refresh-token",
//    "token response did not contain an id_token", HTTP failures with status and body excerpt.
//  - Blocking: credentials() creates its own QNetworkAccessManager and waits in a local
//    QEventLoop on the calling thread (timeout 30 s). Call it from a worker thread (or accept the
//    stall); the calling thread needs no running event loop of its own, but a QCoreApplication
//    must exist.
//  - Thread-safe: one mutex serialises reads and refreshes. Tokens are never logged.
#include "api/RestConfig.h"
#include <QMap>
#include <QMutex>
#include <functional>

namespace acp::api {

class OidcCredentialSource : public CredentialSource {
public:
    using Persister = std::function<void(const QMap<QString, QString> &config)>;

    static Result<std::shared_ptr<OidcCredentialSource>> create(const QString &userName, const QMap<QString, QString> &config,
                                                                Persister persister = {}, int timeoutMs = 30000);

    Result<Credentials> credentials(bool forceRefresh = false) override;
    QString poolKey() const override;

    QMap<QString, QString> config() const; // the current auth-provider config (after refreshes)

    // exp of a JWT (invalid when it has none or is not a JWT).
    static QDateTime jwtExpiry(const QString &jwt);

private:
    OidcCredentialSource(const QString &userName, const QMap<QString, QString> &config, Persister persister, int timeoutMs);
    Result<bool> refresh();

    const QString m_user;
    QMap<QString, QString> m_config;
    Persister m_persister;
    const int m_timeoutMs;
    mutable QMutex m_mutex;
};

} // namespace acp::api
