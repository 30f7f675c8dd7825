#pragma once
// SsoCertificates: checks a server's certificate chain (as QtWebEngine reports it in a
// certificate error) against the CA the user gave for the platform, with OpenSSL: the chain must
// lead to one of the CA certificates and the leaf must name `host` (DNS name or IP address).
// Stateless; any thread.
#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace acp::app {

class SsoCertificates {
public:
    static bool verify(const QList<QSslCertificate> &chain, const QByteArray &caPem, const QString &host);
};

} // namespace acp::app
