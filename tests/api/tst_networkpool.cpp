// NetworkPool::sslConfiguration: CA bundles are parsed once per distinct PEM (a cache shared by
// every client); the configuration is the same whether parsed or cached, and bad data still
// fails on every call.
#include "api/NetworkPool.h"
#include "sandbox/TlsCertificates.h"

#include <QSslCertificate>
#include <QtTest>

using namespace acp;

class TestNetworkPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void caParsedOncePerBundle();
    void badCaFailsEveryTime();
};

void TestNetworkPool::caParsedOncePerBundle()
{
    const auto a = sandbox::TlsCertificates::generate(QStringLiteral("ca-a"), {QStringLiteral("localhost")});
    const auto b = sandbox::TlsCertificates::generate(QStringLiteral("ca-b"), {QStringLiteral("localhost")});
    QVERIFY(a.ok() && b.ok());
    api::RestConfig c;
    c.clusterName = QStringLiteral("one");
    c.caPem = a->caPem;
    const auto first = api::NetworkPool::sslConfiguration(c, {});
    const auto second = api::NetworkPool::sslConfiguration(c, {});
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(first->caCertificates(), QSslCertificate::fromData(a->caPem, QSsl::Pem));
    QCOMPARE(second->caCertificates(), first->caCertificates());
    api::RestConfig other = c;
    other.caPem = b->caPem;
    const auto third = api::NetworkPool::sslConfiguration(other, {});
    QVERIFY(third.ok());
    QCOMPARE(third->caCertificates(), QSslCertificate::fromData(b->caPem, QSsl::Pem));
    QVERIFY(third->caCertificates() != first->caCertificates());
}

void TestNetworkPool::badCaFailsEveryTime()
{
    api::RestConfig c;
    c.clusterName = QStringLiteral("broken");
    c.caPem = "not a certificate";
    for (int i = 0; i < 2; ++i) {
        const auto r = api::NetworkPool::sslConfiguration(c, {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("holds no PEM certificate")), qPrintable(r.error().message));
    }
}

QTEST_GUILESS_MAIN(TestNetworkPool)
#include "tst_networkpool.moc"
