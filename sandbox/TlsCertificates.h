#pragma once
// TlsCertificates: a throw-away CA and a server certificate for `acp-sandbox --tls`, generated
// at start with OpenSSL (EC P-256, SHA-256, valid one year, SANs for the given hosts/IPs).
// The CA goes into the kubeconfig (certificate-authority-data), so TLS verification stays on.
#include "api/Result.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QStringList>

namespace acp::sandbox {

struct TlsCertificates {
    QByteArray caPem;
    QByteArray serverCertPem;
    QByteArray serverKeyPem;

    QSslConfiguration serverConfiguration() const;
    static api::Result<TlsCertificates> generate(const QString &commonName, const QStringList &subjectAltNames);
};

} // namespace acp::sandbox
