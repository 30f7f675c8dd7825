#include "app/sso/SsoCertificates.h"

#include <QHostAddress>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace acp::app {

namespace {

X509 *toX509(const QSslCertificate &cert)
{
    const QByteArray der = cert.toDer();
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_X509(nullptr, &p, long(der.size()));
}

} // namespace

bool SsoCertificates::verify(const QList<QSslCertificate> &chain, const QByteArray &caPem, const QString &host)
{
    if (chain.isEmpty() || caPem.isEmpty())
        return false;
    X509_STORE *store = X509_STORE_new();
    int cas = 0;
    for (const QSslCertificate &ca : QSslCertificate::fromData(caPem, QSsl::Pem)) {
        if (X509 *x = toX509(ca)) {
            cas += X509_STORE_add_cert(store, x) == 1 ? 1 : 0;
            X509_free(x);
        }
    }
    X509 *leaf = toX509(chain.first());
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    for (qsizetype i = 1; i < chain.size(); ++i)
        if (X509 *x = toX509(chain.at(i)))
            sk_X509_push(untrusted, x);
    bool ok = false;
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (cas > 0 && leaf && ctx && X509_STORE_CTX_init(ctx, store, leaf, untrusted) == 1) {
        X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
        const QByteArray name = host.toUtf8();
        if (QHostAddress(host).isNull())
            X509_VERIFY_PARAM_set1_host(param, name.constData(), size_t(name.size()));
        else
            X509_VERIFY_PARAM_set1_ip_asc(param, name.constData());
        ok = X509_verify_cert(ctx) == 1;
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(untrusted, X509_free);
    X509_free(leaf);
    X509_STORE_free(store);
    return ok;
}

} // namespace acp::app
