#include "api/NetworkPool.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QSslCertificate>
#include <QSslKey>

namespace acp::api {

namespace {
using ManagerMap = QHash<QString, std::weak_ptr<QNetworkAccessManager>>;
ManagerMap &managers()
{
    thread_local ManagerMap map;
    return map;
}

QByteArray digest(const QList<QByteArray> &parts)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QByteArray &p : parts) {
        h.addData(QByteArray::number(p.size()));
        h.addData(":");
        h.addData(p);
    }
    return h.result().toHex().left(32);
}
// Parsed CA bundles by their PEM bytes. Parsing costs ~0.5 ms (OpenSSL decodes and copies each
// certificate) and every client of a cluster (a connection, its watch streams, the scope bar's
// namespace lists) parses the same bundle; fleets often share one CA. Bounded: cleared when full.
QList<QSslCertificate> parsedCertificates(const QByteArray &pem)
{
    static QMutex mutex;
    static QHash<QByteArray, QList<QSslCertificate>> cache;
    constexpr qsizetype kMaxEntries = 256;
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(pem);
        if (it != cache.constEnd())
            return *it;
    }
    QList<QSslCertificate> certs = QSslCertificate::fromData(pem, QSsl::Pem);
    QMutexLocker lock(&mutex);
    if (cache.size() >= kMaxEntries)
        cache.clear();
    cache.insert(pem, certs);
    return certs;
}

} // namespace

QString NetworkPool::poolKey(const RestConfig &c)
{
    const QUrl &s = c.server;
    QString credKey;
    if (c.credentialSource) {
        credKey = QStringLiteral("source:") + c.credentialSource->poolKey();
    } else {
        const Credentials &k = c.staticCredentials;
        credKey = QStringLiteral("static:") + QString::fromLatin1(digest({k.bearerToken.toUtf8(), k.username.toUtf8(), k.password.toUtf8(),
                                                                          k.clientCertificatePem, k.clientKeyPem, c.tokenFile.toUtf8()}));
    }
    return QStringList{s.scheme().toLower(), s.host().toLower(), QString::number(s.port(s.scheme() == QLatin1String("http") ? 80 : 443)),
                       QString::fromLatin1(digest({c.caPem})), c.insecureSkipTlsVerify ? QStringLiteral("insecure") : QStringLiteral("verify"),
                       c.tlsServerName, c.proxyUrl.toString(), credKey}
        .join(QLatin1Char('|'));
}

std::shared_ptr<QNetworkAccessManager> NetworkPool::manager(const QString &key, const QNetworkProxy &proxy)
{
    ManagerMap &map = managers();
    if (auto existing = map.value(key).lock())
        return existing;
    auto *nam = new QNetworkAccessManager;
    nam->setProxy(proxy);
    // Replies are deleted by their owners; redirects only to equally safe targets.
    nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    std::shared_ptr<QNetworkAccessManager> shared(nam, [](QNetworkAccessManager *m) { m->deleteLater(); });
    map.insert(key, shared);
    return shared;
}

int NetworkPool::liveManagers()
{
    ManagerMap &map = managers();
    map.removeIf([](const auto &it) { return it.value().expired(); });
    return int(map.size());
}

Result<QNetworkProxy> NetworkPool::proxyFor(const QUrl &proxyUrl, const QUrl &server)
{
    if (proxyUrl.isEmpty()) {
        const auto list = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(server));
        return list.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : list.first();
    }
    const QString scheme = proxyUrl.scheme().toLower();
    QNetworkProxy::ProxyType type;
    int defaultPort;
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        type = QNetworkProxy::HttpProxy;
        defaultPort = scheme == QLatin1String("http") ? 80 : 443;
    } else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        type = QNetworkProxy::Socks5Proxy;
        defaultPort = 1080;
    } else {
        return ApiError{0, QStringLiteral("BadRequest"),
                        QStringLiteral("proxy-url %1: unsupported scheme \"%2\" (http, https, socks5)").arg(proxyUrl.toString(QUrl::RemoveUserInfo), scheme)};
    }
    if (proxyUrl.host().isEmpty())
        return ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("proxy-url %1: no host").arg(proxyUrl.toString(QUrl::RemoveUserInfo))};
    return QNetworkProxy(type, proxyUrl.host(), quint16(proxyUrl.port(defaultPort)), proxyUrl.userName(), proxyUrl.password());
}

Result<QSslConfiguration> NetworkPool::sslConfiguration(const RestConfig &config, const Credentials &creds)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!config.caPem.isEmpty()) {
        const auto cas = parsedCertificates(config.caPem);
        if (cas.isEmpty())
            return ApiError{0, QStringLiteral("BadRequest"),
                            QStringLiteral("cluster %1: certificate-authority data holds no PEM certificate").arg(config.clusterName)};
        ssl.setCaCertificates(cas);   // like client-go: the kubeconfig's CA replaces the system roots
    }
    if (!creds.clientCertificatePem.isEmpty()) {
        const auto chain = parsedCertificates(creds.clientCertificatePem);
        if (chain.isEmpty())
            return ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("user %1: client-certificate data holds no PEM certificate").arg(config.userName)};
        QSslKey key;
        for (QSsl::KeyAlgorithm alg : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(creds.clientKeyPem, alg, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull())
                break;
        }
        if (key.isNull())
            return ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("user %1: client-key data is not a PEM private key").arg(config.userName)};
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
    }
    if (config.insecureSkipTlsVerify)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    return ssl;
}

} // namespace acp::api
