#pragma once
// RestConfig: everything needed to talk to one Kubernetes API endpoint, resolved from a
// kubeconfig context (like client-go's rest.Config). The contract between the kubeconfig
// loader (api/Kubeconfig*, which produces it) and the gateway client (api/KubeClient*, which
// consumes it). Value type, cheap to copy, safe to pass between threads.
//
// Credentials that must be fetched (exec plugins, OIDC refresh) come from a CredentialSource,
// shared by every copy of the config, which caches them until they expire.
#include "api/Result.h"
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMultiMap>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <memory>

namespace acp::api {

// Credentials at one moment. Never log any of these fields.
struct Credentials {
    QString bearerToken;            // "Authorization: Bearer ..." when non-empty
    QString username, password;     // basic auth when username is non-empty
    QByteArray clientCertificatePem; // client TLS certificate (PEM), may be empty
    QByteArray clientKeyPem;         // its private key (PEM)
    QDateTime expiry;               // invalid = does not expire
};

// Produces credentials on demand (exec credential plugin, OIDC token refresh). Thread-safe:
// implementations cache until expiry and serialise refreshes. credentials() may block (it may
// run a process or an HTTP request), so call it off the GUI thread or accept the stall.
class CredentialSource {
public:
    virtual ~CredentialSource() = default;
    // forceRefresh: the server answered 401 with the cached credentials; fetch new ones.
    virtual Result<Credentials> credentials(bool forceRefresh = false) = 0;
    // A stable identity for connection pooling (e.g. "exec:<command> <args>"); never a secret.
    virtual QString poolKey() const = 0;
};

struct RestConfig {
    QString contextName;            // kubeconfig context this came from (informational)
    QString clusterName;            // kubeconfig cluster entry name
    QString userName;               // kubeconfig user entry name
    QString namespaceName;          // the context's namespace ("" = not set; callers use "default")
    QUrl server;                    // e.g. https://host:6443/kubernetes/global (path prefix kept)

    // TLS
    QByteArray caPem;               // certificate-authority(-data), PEM; empty = system CAs
    bool insecureSkipTlsVerify = false; // only when the kubeconfig says so; UIs show a warning
    QString tlsServerName;          // SNI / verification name override
    QUrl proxyUrl;                  // proxy-url (http, https, socks5); empty = none

    // Static credentials (token, tokenFile already read, basic auth, client cert/key already read)
    Credentials staticCredentials;
    QString tokenFile;              // re-read periodically when set (client-go rereads each minute)
    std::shared_ptr<CredentialSource> credentialSource; // exec or auth-provider; null = static only

    // Impersonation (--as, --as-group, --as-uid, as-user-extra)
    QString impersonateUser;
    QStringList impersonateGroups;
    QString impersonateUid;
    QMultiMap<QString, QString> impersonateExtra;

    QJsonObject clusterExtensions;  // extensions by name (e.g. "acp.io/v1"), values as JSON

    // The current credentials: the source's when there is one, else the static ones.
    Result<Credentials> credentials(bool forceRefresh = false) const
    {
        if (credentialSource)
            return credentialSource->credentials(forceRefresh);
        return staticCredentials;
    }
};

} // namespace acp::api
