// SsoCertificates (app/sso/): the chain a live acp-sandbox --tls presents verifies against the
// sandbox's CA for the address it was issued for, and not against another CA, for another host
// name, or without a CA.
#include "api/Kubeconfig.h"
#include "app/sso/SsoCertificates.h"
#include "tests/common/SandboxProcess.h"

#include <QFile>
#include <QSslSocket>
#include <QTest>
#include <QUrl>

using namespace acp;

class TestSsoCertificates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chainVerifiesOnlyAgainstItsCaAndHost()
    {
        test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start({}, &error), qPrintable(error));
        api::KubeconfigLoadOptions load;
        load.explicitPath = sandbox.kubeconfig();
        load.kubeconfigEnv = QString();
        auto config = api::Kubeconfig::load(load);
        QVERIFY(config);
        const QByteArray ca = config->clusters().value(QStringLiteral("acp:sandbox:global")).value.certificateAuthorityData;
        QVERIFY(!ca.isEmpty());

        const QUrl url(sandbox.address());
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);   // the chain is what we want to check
        socket.connectToHostEncrypted(url.host(), quint16(url.port()));
        QVERIFY2(socket.waitForEncrypted(20000), qPrintable(socket.errorString()));
        const QList<QSslCertificate> chain = socket.peerCertificateChain();
        QVERIFY(!chain.isEmpty());

        QVERIFY(app::SsoCertificates::verify(chain, ca, url.host()));
        QVERIFY(!app::SsoCertificates::verify(chain, ca, QStringLiteral("platform.example.com")));
        QVERIFY(!app::SsoCertificates::verify(chain, QByteArray(), url.host()));
        QVERIFY(!app::SsoCertificates::verify({}, ca, url.host()));
        QFile system(QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
        if (system.open(QIODevice::ReadOnly))
            QVERIFY(!app::SsoCertificates::verify(chain, system.readAll(), url.host()));
        // The leaf alone is enough when the CA signed it directly.
        QVERIFY(app::SsoCertificates::verify({chain.first()}, ca, url.host()));
    }
};

QTEST_GUILESS_MAIN(TestSsoCertificates)
#include "tst_ssocertificates.moc"
