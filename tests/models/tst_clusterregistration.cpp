// ClusterRegistration against acp-sandbox: input checks, validation of endpoint + CA + token
// with GET /version (a foreign CA and a bad token are refused before anything is saved), and
// registration creating the credential Secret and the clusterregistry Cluster in cpaas-system
// of global, visible afterwards through the platform's /auth/v1/clusters.
#include "api/KubeClient.h"
#include "models/ClusterRegistration.h"
#include "tests/common/SandboxProcess.h"
#include "tests/common/SandboxRestConfig.h"

#include <QJsonDocument>
#include <QSslCertificate>
#include <QTest>

using namespace acp;

namespace {

api::Result<QString> run(models::ClusterRegistration &reg, const models::ClusterRegistration::Input &in, bool save)
{
    std::optional<api::Result<QString>> out;
    auto done = [&out](const api::Result<QString> &r) { out = r; };
    if (save)
        reg.registerCluster(in, done);
    else
        reg.validate(in, done);
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 30000))
        return api::ApiError{0, QStringLiteral("Timeout"), QStringLiteral("no answer")};
    return *out;
}

} // namespace

class TestClusterRegistration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
        auto global = test::sandboxRestConfig(m_sandbox.kubeconfig(), QStringLiteral("sandbox/global"));
        auto b1 = test::sandboxRestConfig(m_sandbox.kubeconfig(), QStringLiteral("sandbox/business-1"));
        auto bob = test::sandboxRestConfig(m_sandbox.kubeconfig(), QStringLiteral("sandbox-bob/global"));
        QVERIFY(global && b1 && bob);
        m_global = api::KubeClient(*global);
        m_bob = api::KubeClient(*bob);
        m_input.name = QStringLiteral("imported-1");
        m_input.displayName = QStringLiteral("Imported 1");
        m_input.endpoint = b1->server.toString();
        m_input.caPem = b1->caPem;
        m_input.token = b1->staticCredentials.bearerToken;
    }

    void checksInput()
    {
        QVERIFY(models::ClusterRegistration::checkInput(m_input).isEmpty());
        models::ClusterRegistration::Input bad;
        bad.name = QStringLiteral("Bad_Name");
        bad.endpoint = QStringLiteral("http://10.0.0.1:6443");
        bad.caPem = "not a certificate";
        const QStringList problems = models::ClusterRegistration::checkInput(bad);
        QCOMPARE(problems.size(), 4);
        QVERIFY(problems.at(0).contains(QStringLiteral("DNS-1123")));
        QVERIFY(problems.at(1).contains(QStringLiteral("https")));
        QVERIFY(problems.at(2).contains(QStringLiteral("PEM")));
        QVERIFY(problems.at(3).contains(QStringLiteral("token")));
    }

    void validatesAgainstTheCluster()
    {
        models::ClusterRegistration reg(m_global);
        auto ok = run(reg, m_input, false);
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
        QVERIFY(ok->startsWith(QLatin1Char('v')));

        // A CA that did not sign the server's certificate.
        const auto system = QSslCertificate::fromPath(QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
        if (!system.isEmpty()) {
            auto foreign = m_input;
            foreign.caPem = system.first().toPem();
            auto r = run(reg, foreign, false);
            QVERIFY(!r);
            QVERIFY2(r.error().message.contains(QStringLiteral("could not be reached")), qPrintable(r.error().message));
        }
        // A token the cluster rejects.
        auto badToken = m_input;
        badToken.token = QStringLiteral("not-a-token");
        auto r = run(reg, badToken, false);
        QVERIFY(!r);
        QCOMPARE(r.error().httpStatus, 401);
    }

    void registersSecretAndCluster()
    {
        models::ClusterRegistration reg(m_global);
        auto r = run(reg, m_input, true);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(*r, QStringLiteral("imported-1"));
        const auto c = m_sandbox.kubectl({QStringLiteral("--context"), QStringLiteral("sandbox/global"), QStringLiteral("get"),
                                          QStringLiteral("clusters.clusterregistry.k8s.io"), QStringLiteral("-n"), QStringLiteral("cpaas-system"),
                                          QStringLiteral("imported-1"), QStringLiteral("-o"), QStringLiteral("json")});
        if (test::SandboxProcess::hasKubectl()) {
            QVERIFY2(c.exitCode == 0, qPrintable(c.all()));
            const QJsonObject obj = QJsonDocument::fromJson(c.out.toUtf8()).object();
            QCOMPARE(obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject()
                         .value(QLatin1String("cpaas.io/display-name")).toString(), QStringLiteral("Imported 1"));
            const QJsonObject spec = obj.value(QLatin1String("spec")).toObject();
            QCOMPARE(spec.value(QLatin1String("authInfo")).toObject().value(QLatin1String("controller")).toObject().value(QLatin1String("name")).toString(),
                     QStringLiteral("imported-1-credential"));
            QCOMPARE(QByteArray::fromBase64(spec.value(QLatin1String("kubernetesApiEndpoints")).toObject().value(QLatin1String("caBundle")).toString().toLatin1()),
                     m_input.caPem);
        }
        // Visible to the platform API.
        std::optional<api::Result<api::Response>> got;
        QObject ctx;
        api::ResourcePath p;
        p.root = QStringLiteral("/auth/v1");
        p.version = QStringLiteral("v1");
        p.resource = QStringLiteral("clusters");
        p.name = QStringLiteral("imported-1");
        auto platform = test::sandboxRestConfig(m_sandbox.kubeconfig(), QStringLiteral("sandbox/global"));
        api::RestConfig prc = *platform;
        prc.server = QUrl(prc.server.toString().section(QStringLiteral("/kubernetes/"), 0, 0));
        api::KubeClient(prc).get(p, &ctx, [&got](const api::Result<api::Response> &r, const QStringList &) { got = r; });
        QVERIFY(QTest::qWaitFor([&] { return got.has_value(); }, 20000));
        QVERIFY2(*got, qPrintable(*got ? QString() : got->error().toString()));

        // A second registration of the same name fails with the server's AlreadyExists.
        auto again = run(reg, m_input, true);
        QVERIFY(!again);
        QCOMPARE(again.error().httpStatus, 409);

        // bob may not register clusters: the server says so.
        models::ClusterRegistration bobs(m_bob);
        auto b = m_input;
        b.name = QStringLiteral("imported-2");
        auto denied = run(bobs, b, true);
        QVERIFY(!denied);
        QCOMPARE(denied.error().httpStatus, 403);
    }

private:
    test::SandboxProcess m_sandbox;
    api::KubeClient m_global, m_bob;
    models::ClusterRegistration::Input m_input;
};

QTEST_GUILESS_MAIN(TestClusterRegistration)
#include "tst_clusterregistration.moc"
