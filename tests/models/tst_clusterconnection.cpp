// ClusterConnection against acp-sandbox: discovery, shared informers by kubectl names, and the
// registry following CustomResourceDefinitions as they are created and deleted.
#include "api/Kubeconfig.h"
#include "tests/common/SandboxContext.h"
#include "models/ClusterConnection.h"
#include "models/ObjectDecoder.h"
#include "tests/common/SandboxProcess.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace acp;
using namespace acp::models;

class TestClusterConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readyAndSharedInformers();
    void unknownResource();
    void followsCustomResourceDefinitions();
    void failedUntilReachable();

private:
    api::Result<api::Response> call(const std::function<api::RequestHandle(QObject *, api::ResponseCallback)> &start)
    {
        std::optional<api::Result<api::Response>> out;
        QObject ctx;
        start(&ctx, [&](const api::Result<api::Response> &r, const QStringList &) { out.emplace(r); });
        QElapsedTimer t;
        t.start();
        while (!out && t.elapsed() < 15000)
            QTest::qWait(10);
        if (!out)
            return api::ApiError{0, QString(), QStringLiteral("timeout")};
        return *out;
    }

    test::SandboxProcess m_sandbox;
    api::KubeClient m_client;
};

void TestClusterConnection::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
    const auto rc = test::resolveContext(m_sandbox.kubeconfig(), QStringLiteral("sandbox/business-1"));
    QVERIFY2(rc.ok(), qPrintable(rc.ok() ? QString() : rc.error().toString()));
    m_client = api::KubeClient(*rc);
}

void TestClusterConnection::readyAndSharedInformers()
{
    ClusterConnection conn(QStringLiteral("business-1"), m_client);
    QSignalSpy changed(&conn, &ClusterConnection::resourcesChanged);
    conn.start();
    QTRY_COMPARE_WITH_TIMEOUT(conn.state(), ClusterConnection::State::Ready, 15000);
    QCOMPARE(changed.count(), 1);

    const auto pods = conn.informer(QStringLiteral("po"));
    QVERIFY(pods.ok());
    QTRY_VERIFY_WITH_TIMEOUT((*pods)->hasSynced(), 15000);
    const auto list = call([&](QObject *ctx, api::ResponseCallback cb) {
        return m_client.list(api::ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods")}, {}, ctx, cb);
    });
    QVERIFY(list.ok());
    const auto decoded = ObjectDecoder::decodeList(list->body);
    QVERIFY(decoded.ok());
    QVERIFY(decoded->items.size() > 0);
    QCOMPARE(pods->store()->size(), int(decoded->items.size()));

    // Any kubectl name of the same resource shares the informer; another namespace does not.
    const auto again = conn.informer(QStringLiteral("Pod"));
    QVERIFY(again.ok());
    QCOMPARE(again->informer(), pods->informer());
    const auto inNs = conn.informer(QStringLiteral("pods"), QStringLiteral("kube-system"));
    QVERIFY(inNs.ok());
    QVERIFY(inNs->informer() != pods->informer());
    // Cluster-scoped resources ignore a namespace.
    const auto nodes1 = conn.informer(QStringLiteral("no"));
    const auto nodes2 = conn.informer(QStringLiteral("nodes"), QStringLiteral("whatever"));
    QVERIFY(nodes1.ok() && nodes2.ok());
    QCOMPARE(nodes1->informer(), nodes2->informer());
}

void TestClusterConnection::unknownResource()
{
    ClusterConnection conn(QStringLiteral("business-1"), m_client);
    conn.start();
    QTRY_COMPARE_WITH_TIMEOUT(conn.state(), ClusterConnection::State::Ready, 15000);
    const auto r = conn.informer(QStringLiteral("nosuchthings"));
    QVERIFY(!r.ok());
    QVERIFY(r.error().isNotFound());
    QVERIFY2(r.error().message.contains(QLatin1String("the server doesn't have a resource type")), qPrintable(r.error().message));
}

void TestClusterConnection::followsCustomResourceDefinitions()
{
    ClusterConnection conn(QStringLiteral("business-1"), m_client);
    conn.setDiscoveryDebounceMs(50);
    conn.start();
    QTRY_COMPARE_WITH_TIMEOUT(conn.state(), ClusterConnection::State::Ready, 15000);
    QVERIFY(!conn.resources()->lookup(QStringLiteral("widgets")).ok());
    QSignalSpy changed(&conn, &ClusterConnection::resourcesChanged);

    const QByteArray crd = R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
      "metadata":{"name":"widgets.example.com"},
      "spec":{"group":"example.com","scope":"Namespaced",
        "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wdg"]},
        "versions":[{"name":"v1","served":true,"storage":true,
          "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})";
    const api::ResourcePath crds{QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"), QStringLiteral("customresourcedefinitions")};
    const auto created = call([&](QObject *ctx, api::ResponseCallback cb) { return m_client.create(crds, crd, {}, ctx, cb); });
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 10000);
    const auto widgets = conn.informer(QStringLiteral("wdg"), QStringLiteral("default"));
    QVERIFY2(widgets.ok(), qPrintable(widgets.ok() ? QString() : widgets.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT((*widgets)->hasSynced(), 10000);
    QCOMPARE(widgets->store()->size(), 0);

    const QByteArray widget = R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1","namespace":"default"},"spec":{"size":3}})";
    const auto w = call([&](QObject *ctx, api::ResponseCallback cb) {
        return m_client.create(api::ResourcePath{QStringLiteral("example.com"), QStringLiteral("v1"), QStringLiteral("widgets"), QStringLiteral("default")},
                               widget, {}, ctx, cb);
    });
    QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(widgets->store()->size(), 1, 10000);

    changed.clear();
    api::ResourcePath one = crds;
    one.name = QStringLiteral("widgets.example.com");
    QVERIFY(call([&](QObject *ctx, api::ResponseCallback cb) { return m_client.remove(one, {}, ctx, cb); }).ok());
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1 && !conn.resources()->lookup(QStringLiteral("widgets")).ok(), 10000);
}

void TestClusterConnection::failedUntilReachable()
{
    api::RestConfig rc = m_client.config();
    rc.server = QUrl(QStringLiteral("https://127.0.0.1:1/kubernetes/business-1"));
    ClusterConnection conn(QStringLiteral("nowhere"), api::KubeClient(rc));
    conn.start();
    QTRY_COMPARE_WITH_TIMEOUT(conn.state(), ClusterConnection::State::Failed, 30000);
    QVERIFY(conn.lastError().has_value());
    QCOMPARE(conn.lastError()->httpStatus, 0);
}

QTEST_GUILESS_MAIN(TestClusterConnection)
#include "tst_clusterconnection.moc"
