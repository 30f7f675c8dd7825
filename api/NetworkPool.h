#pragma once
// NetworkPool: one QNetworkAccessManager per transport identity, shared by every KubeClient
// (and watch stream) with the same identity on the same thread.
//
// Why: QNetworkAccessManager reuses pooled connections per host:port regardless of the
// per-request QSslConfiguration (../shared/TECH-NOTES.md), so clients that differ in server,
// CA, client certificate, TLS verification, TLS server name, proxy or credentials must never
// share a manager. The key is built from all of these; secrets enter it only as a SHA-256 digest.
//
// Thread: managers are per thread (a QNetworkAccessManager belongs to the thread that created
// it); call from the thread that uses the client. A manager lives while a client holds it and is
// deleted (deleteLater) when the last holder lets go.
#include "api/RestConfig.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QString>
#include <memory>

class QNetworkAccessManager;

namespace acp::api {

class NetworkPool {
public:
    // The transport identity of a config. Static credentials are hashed; a credential source
    // contributes its poolKey(). Never contains a secret in clear.
    static QString poolKey(const RestConfig &config);

    // The shared manager for `key`, created with `proxy` on first use (on the calling thread).
    static std::shared_ptr<QNetworkAccessManager> manager(const QString &key, const QNetworkProxy &proxy);

    // Live managers on the calling thread (tests).
    static int liveManagers();

    // proxy-url (http, https, socks5[h]) as a QNetworkProxy; empty URL = the environment's proxy
    // for `server` (http_proxy/https_proxy/no_proxy, as client-go's ProxyFromEnvironment).
    static Result<QNetworkProxy> proxyFor(const QUrl &proxyUrl, const QUrl &server);

    // TLS settings of a config: its CA (else the system CAs), the client certificate and key
    // of `credentials` (PEM; RSA, EC or DSA keys), verification off only with
    // insecureSkipTlsVerify. tlsServerName is applied per request (QNetworkRequest::setPeerVerifyName).
    static Result<QSslConfiguration> sslConfiguration(const RestConfig &config, const Credentials &credentials);
};

} // namespace acp::api
