#pragma once
// KubeconfigResolver: a kubeconfig context -> RestConfig, as client-go's
// DirectClientConfig.ClientConfig() does it for kubectl. Pure function of its inputs apart from
// reading the referenced files (CA, client certificate/key, tokenFile); any thread.
//
// Order and texts of errors (kubectl 1.32):
//  1. names given as overrides must exist: `auth info "U" does not exist`,
//     `context "C" does not exist`, `cluster "X" does not exist`;
//  2. ConfirmUsable: "invalid configuration: <one error>" or "invalid configuration: [e1, e2]",
//     e.g. "context was not found for specified context: C", "no server found for cluster "X"",
//     "unable to read certificate-authority PATH for X due to open PATH: no such file or
//     directory", "more than one authentication method found for U; found [token basicAuth],
//     only one is allowed", "interactiveMode must be specified for U to use exec authentication
//     plugin", "invalid 'proxy-url' ...". A context whose cluster is missing or empty gives
//     "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER
//     environment variable" (kubectl then falls back to http://localhost:8080; we do not);
//  3. transport: "specifying a root certificates file with the insecure flag is not allowed"
//     (insecure-skip-tls-verify together with certificate-authority(-data), unless the insecure
//     flag came from the overrides, which clears the CA as client-go does); exec plugin
//     apiVersion errors; unknown auth-provider ("no Auth Provider found for name "X"").
// Like client-go, TLS settings and ALL credentials (token, basic auth, client certificate,
// exec, auth-provider, impersonation) apply only when the server URL is https: a plain-http
// server gets none of them (kubectl never sends credentials over http).
// Paths (certificate-authority, client-certificate, client-key, tokenFile, exec command with a
// '/') are resolved against the directory of the file that defined the entry.
#include "api/Kubeconfig.h"
#include "api/RestConfig.h"
#include <functional>

namespace acp::api {

// kubectl's flags that override the kubeconfig.
struct KubeconfigOverrides {
    QString context, cluster, user, namespaceName;
    QString server, tlsServerName, certificateAuthority;
    bool insecureSkipTlsVerify = false;
    QString token, username, password, clientCertificate, clientKey;
    QString impersonateUser, impersonateUid;
    QStringList impersonateGroups;
};

class KubeconfigResolver {
public:
    // Called by an OIDC credential source with the user's new auth-provider config after a
    // refresh (kubectl persists it to the kubeconfig). Default: none.
    using OidcPersister = std::function<void(const QString &userName, const QMap<QString, QString> &config)>;

    static Result<RestConfig> resolve(const Kubeconfig &config, const KubeconfigOverrides &overrides = {},
                                      const OidcPersister &persist = {});

    // A persister that reloads the kubeconfig with `options`, replaces the user's auth-provider
    // config and saves it (to the file that defines the user). Errors are dropped (logged).
    static OidcPersister kubeconfigPersister(const KubeconfigLoadOptions &options);
};

} // namespace acp::api
