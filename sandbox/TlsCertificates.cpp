#include "sandbox/TlsCertificates.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace acp::sandbox {

namespace {
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

KeyPtr makeKey()
{
    return KeyPtr(EVP_EC_gen("P-256"), &EVP_PKEY_free);
}

bool addExt(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

CertPtr makeCert(EVP_PKEY *key, const QString &cn, X509 *issuer, EVP_PKEY *issuerKey, bool ca, const QString &san)
{
    CertPtr cert(X509_new(), &X509_free);
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("acp-sandbox"), -1, -1, 0);
    const QByteArray cnBytes = cn.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(cnBytes.constData()), -1, -1, 0);
    X509 *iss = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(iss));
    if (ca) {
        addExt(cert.get(), iss, NID_basic_constraints, "critical,CA:TRUE");
        addExt(cert.get(), iss, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    } else {
        addExt(cert.get(), iss, NID_basic_constraints, "critical,CA:FALSE");
        addExt(cert.get(), iss, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        addExt(cert.get(), iss, NID_ext_key_usage, "serverAuth");
        addExt(cert.get(), iss, NID_subject_alt_name, san.toUtf8().constData());
    }
    addExt(cert.get(), iss, NID_subject_key_identifier, "hash");
    if (X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return CertPtr(nullptr, &X509_free);
    return cert;
}

QByteArray certPem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(len));
    BIO_free(bio);
    return out;
}

QByteArray keyPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(len));
    BIO_free(bio);
    return out;
}
} // namespace

api::Result<TlsCertificates> TlsCertificates::generate(const QString &commonName, const QStringList &subjectAltNames)
{
    KeyPtr caKey = makeKey();
    KeyPtr serverKey = makeKey();
    if (!caKey || !serverKey)
        return api::ApiError{0, QStringLiteral("InternalError"), QStringLiteral("cannot generate TLS keys")};
    CertPtr caCert = makeCert(caKey.get(), commonName + QStringLiteral(" CA"), nullptr, nullptr, true, QString());
    QStringList sans;
    for (const QString &s : subjectAltNames)
        sans << (QHostAddress(s).isNull() ? QStringLiteral("DNS:") : QStringLiteral("IP:")) + s;
    CertPtr serverCert = caCert ? makeCert(serverKey.get(), commonName, caCert.get(), caKey.get(), false, sans.join(QLatin1Char(',')))
                                : CertPtr(nullptr, &X509_free);
    if (!caCert || !serverCert)
        return api::ApiError{0, QStringLiteral("InternalError"), QStringLiteral("cannot sign TLS certificates")};
    return TlsCertificates{certPem(caCert.get()), certPem(serverCert.get()), keyPem(serverKey.get())};
}

QSslConfiguration TlsCertificates::serverConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain({QSslCertificate(serverCertPem, QSsl::Pem), QSslCertificate(caPem, QSsl::Pem)});
    config.setPrivateKey(QSslKey(serverKeyPem, QSsl::Ec, QSsl::Pem));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setAllowedNextProtocols({"http/1.1"});
    return config;
}

} // namespace acp::sandbox
