// FleetHealthModel fed by ResourceStores directly: per-cluster sums of node allocatable and pod
// requests (kubectl's PodRequests rules), ready counts, non-terminated pod counts, kept
// incrementally through add/update/delete batches and relists, on and off the thread pool;
// the ACP Cluster object's conditions and heartbeat age; connection states; sorting through a
// QSortFilterProxyModel. Everything under QAbstractItemModelTester.
#include "models/FleetHealthModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace acp::models;

namespace {

QJsonObject container(const QString &cpu, const QString &mem, const QString &restartPolicy = QString())
{
    QJsonObject req;
    if (!cpu.isEmpty())
        req.insert(QStringLiteral("cpu"), cpu);
    if (!mem.isEmpty())
        req.insert(QStringLiteral("memory"), mem);
    QJsonObject c{{QStringLiteral("name"), QStringLiteral("c")}, {QStringLiteral("resources"), QJsonObject{{QStringLiteral("requests"), req}}}};
    if (!restartPolicy.isEmpty())
        c.insert(QStringLiteral("restartPolicy"), restartPolicy);
    return c;
}

KubeObject pod(const QString &name, const QJsonArray &containers, const QString &phase = QStringLiteral("Running"),
               const QJsonArray &init = {}, int rv = 1)
{
    QJsonObject spec{{QStringLiteral("nodeName"), QStringLiteral("n1")}, {QStringLiteral("containers"), containers}};
    if (!init.isEmpty())
        spec.insert(QStringLiteral("initContainers"), init);
    return KubeObject::fromJson(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QStringLiteral("default")},
                                                 {QStringLiteral("uid"), name + QStringLiteral("-uid")},
                                                 {QStringLiteral("resourceVersion"), QString::number(rv)}}},
        {QStringLiteral("spec"), spec},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), phase}}}});
}

KubeObject node(const QString &name, bool ready, const QString &cpu, const QString &mem, int rv = 1,
                const QString &version = QStringLiteral("v1.32.3"), const QString &created = QStringLiteral("2026-01-01T00:00:00Z"))
{
    return KubeObject::fromJson(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Node")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("uid"), name + QStringLiteral("-uid")},
                                                 {QStringLiteral("resourceVersion"), QString::number(rv)},
                                                 {QStringLiteral("creationTimestamp"), created}}},
        {QStringLiteral("status"), QJsonObject{
             {QStringLiteral("allocatable"), QJsonObject{{QStringLiteral("cpu"), cpu}, {QStringLiteral("memory"), mem}}},
             {QStringLiteral("nodeInfo"), QJsonObject{{QStringLiteral("kubeletVersion"), version}}},
             {QStringLiteral("conditions"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Ready")},
                                                                   {QStringLiteral("status"), ready ? QStringLiteral("True") : QStringLiteral("False")}}}}}}});
}

KubeObject acpCluster(const QString &name, const QString &heartbeat, bool nodeNotReady = false, int rv = 1)
{
    auto cond = [&](const QString &type, bool on, const QString &msg = QString()) {
        return QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("status"), on ? QStringLiteral("True") : QStringLiteral("False")},
                           {QStringLiteral("message"), msg}, {QStringLiteral("lastHeartbeatTime"), heartbeat}};
    };
    return KubeObject::fromJson(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("clusterregistry.k8s.io/v1alpha1")}, {QStringLiteral("kind"), QStringLiteral("Cluster")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QStringLiteral("cpaas-system")},
                                                 {QStringLiteral("resourceVersion"), QString::number(rv)},
                                                 {QStringLiteral("creationTimestamp"), QStringLiteral("2025-06-01T00:00:00Z")}}},
        {QStringLiteral("status"), QJsonObject{
             {QStringLiteral("type"), QStringLiteral("Kubernetes")}, {QStringLiteral("version"), QStringLiteral("v1.32.3")},
             {QStringLiteral("conditions"), QJsonArray{cond(QStringLiteral("NotAccessible"), false),
                                                       cond(QStringLiteral("ComponentNotHealthy"), false),
                                                       cond(QStringLiteral("NodeNotReady"), nodeNotReady, QStringLiteral("1 of 2 node(s) not ready: n2"))}}}}});
}

StoreEvent ev(StoreEvent::Type t, const KubeObject &o) { return {t, o}; }

} // namespace

class TestFleetHealthModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void podRequestsFollowKubectl()
    {
        // Sum of containers; an init container larger than the sum wins; sidecars add up.
        auto c = fleethealth::podContribution(pod(QStringLiteral("a"), {container("100m", "64Mi"), container("250m", "128Mi")}).parseJson());
        QVERIFY(c.active);
        QCOMPARE(c.cpuMilli, 350);
        QCOMPARE(c.memoryBytes, qint64(192) << 20);
        c = fleethealth::podContribution(pod(QStringLiteral("b"), {container("100m", "64Mi")}, QStringLiteral("Running"),
                                             {container("1", "32Mi")}).parseJson());
        QCOMPARE(c.cpuMilli, 1000);
        QCOMPARE(c.memoryBytes, qint64(64) << 20);
        c = fleethealth::podContribution(pod(QStringLiteral("s"), {container("100m", "64Mi")}, QStringLiteral("Running"),
                                             {container("200m", "10Mi", QStringLiteral("Always")), container("250m", "1Mi")}).parseJson());
        QCOMPARE(c.cpuMilli, 450);   // max(100+200, 200+250)
        QCOMPARE(c.memoryBytes, qint64(74) << 20);
        c = fleethealth::podContribution(pod(QStringLiteral("done"), {container("1", "1Gi")}, QStringLiteral("Succeeded")).parseJson());
        QVERIFY(!c.active);
        QCOMPARE(c.cpuMilli, 0);
    }

    void aggregatesFollowBatches_data()
    {
        QTest::addColumn<int>("asyncThreshold");
        QTest::newRow("synchronous") << 1000;
        QTest::newRow("thread pool") << 1;
    }

    void aggregatesFollowBatches()
    {
        QFETCH(int, asyncThreshold);
        FleetHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAsyncThreshold(asyncThreshold);
        model.setClusters({QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 1);

        ResourceStore nodes, pods;
        nodes.replace({node(QStringLiteral("n1"), true, QStringLiteral("4"), QStringLiteral("8Gi")),
                       node(QStringLiteral("n2"), false, QStringLiteral("2"), QStringLiteral("4Gi"))});
        pods.replace({pod(QStringLiteral("p1"), {container("500m", "1Gi")}), pod(QStringLiteral("p2"), {container("1", "2Gi")})});
        model.setNodeStore(QStringLiteral("a"), &nodes);
        model.setPodStore(QStringLiteral("a"), &pods);
        model.setConnectionState(QStringLiteral("a"), ClusterConnection::State::Ready);
        QTRY_VERIFY(!model.hasPendingWork());
        auto s = model.summary(QStringLiteral("a"));
        QCOMPARE(s.nodesTotal, 2);
        QCOMPARE(s.nodesReady, 1);
        QVERIFY(s.nodesKnown);
        QCOMPARE(s.cpuAllocatableMilli, 6000);
        QCOMPARE(s.memoryAllocatableBytes, qint64(12) << 30);
        QCOMPARE(s.cpuRequestedMilli, 1500);
        QCOMPARE(s.memoryRequestedBytes, qint64(3) << 30);
        QCOMPARE(s.pods, 2);
        QCOMPARE(s.version, QStringLiteral("v1.32.3"));
        QCOMPARE(s.health.status.state, ObjectStatus::Warning);   // a node not ready
        const int row = model.rowOf(QStringLiteral("a"));
        QCOMPARE(model.index(row, FleetHealthModel::Nodes).data().toString(), QStringLiteral("1/2"));
        QCOMPARE(model.index(row, FleetHealthModel::Cpu).data().toString(), QStringLiteral("1.5 / 6 (25%)"));
        QCOMPARE(model.index(row, FleetHealthModel::Memory).data().toString(), QStringLiteral("3Gi / 12Gi (25%)"));
        QCOMPARE(model.index(row, FleetHealthModel::Pods).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(row, FleetHealthModel::Type).data().toString(), QStringLiteral("\u2014"));
        QCOMPARE(model.index(row, FleetHealthModel::Status).data(FleetHealthModel::StatusRole).toInt(), int(ObjectStatus::Warning));

        // One batch: a pod added, one updated to Succeeded (leaves the sums), the node turns ready.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        pods.apply({ev(StoreEvent::Added, pod(QStringLiteral("p3"), {container("250m", "512Mi")})),
                    ev(StoreEvent::Modified, pod(QStringLiteral("p2"), {container("1", "2Gi")}, QStringLiteral("Succeeded"), {}, 2))});
        nodes.apply({ev(StoreEvent::Modified, node(QStringLiteral("n2"), true, QStringLiteral("2"), QStringLiteral("4Gi"), 2))});
        QTRY_VERIFY(!model.hasPendingWork());
        QVERIFY(changed.count() >= 2);
        s = model.summary(QStringLiteral("a"));
        QCOMPARE(s.pods, 2);
        QCOMPARE(s.cpuRequestedMilli, 750);
        QCOMPARE(s.memoryRequestedBytes, qint64(1536) << 20);
        QCOMPARE(s.nodesReady, 2);
        QCOMPARE(s.health.status.state, ObjectStatus::Ok);

        // Deletions subtract exactly what was added.
        pods.apply({ev(StoreEvent::Deleted, pod(QStringLiteral("p1"), {})), ev(StoreEvent::Deleted, pod(QStringLiteral("p2"), {}))});
        nodes.apply({ev(StoreEvent::Deleted, node(QStringLiteral("n1"), true, QStringLiteral("0"), QStringLiteral("0")))});
        QTRY_VERIFY(!model.hasPendingWork());
        s = model.summary(QStringLiteral("a"));
        QCOMPARE(s.pods, 1);
        QCOMPARE(s.cpuRequestedMilli, 250);
        QCOMPARE(s.nodesTotal, 1);
        QCOMPARE(s.cpuAllocatableMilli, 2000);

        // A relist reconciles: the store becomes exactly the new contents.
        pods.replace({pod(QStringLiteral("q1"), {container("2", "1Gi")})});
        QTRY_VERIFY(!model.hasPendingWork());
        s = model.summary(QStringLiteral("a"));
        QCOMPARE(s.pods, 1);
        QCOMPARE(s.cpuRequestedMilli, 2000);

        // Unbinding clears the cluster's sums; the other row is untouched.
        model.setPodStore(QStringLiteral("a"), nullptr);
        QCOMPARE(model.summary(QStringLiteral("a")).pods, 0);
        QCOMPARE(model.index(row, FleetHealthModel::Pods).data().toString(), QString());
        QCOMPARE(model.summary(QStringLiteral("b")).nodesKnown, false);
        QCOMPARE(model.index(1, FleetHealthModel::Status).data().toString(), QStringLiteral("Connecting"));
    }

    void manyBatchesStayConsistent()
    {
        // Interleaved async batches of one store are applied in order.
        FleetHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAsyncThreshold(2);
        model.setClusters({QStringLiteral("c")});
        ResourceStore pods;
        model.setPodStore(QStringLiteral("c"), &pods);
        qint64 expected = 0;
        for (int round = 0; round < 20; ++round) {
            QVector<StoreEvent> batch;
            for (int i = 0; i < 1 + round % 3; ++i) {
                const int n = round * 3 + i;
                batch << ev(StoreEvent::Added, pod(QStringLiteral("p%1").arg(n), {container(QStringLiteral("%1m").arg(n + 1), "1Mi")}));
                expected += n + 1;
            }
            if (round % 4 == 3) {
                const QString victim = QStringLiteral("p%1").arg((round - 3) * 3);
                batch << ev(StoreEvent::Deleted, pods.get(QStringLiteral("default/") + victim));
                expected -= (round - 3) * 3 + 1;
            }
            pods.apply(batch);
        }
        QTRY_VERIFY(!model.hasPendingWork());
        QCOMPARE(model.summary(QStringLiteral("c")).cpuRequestedMilli, expected);
        QCOMPARE(model.summary(QStringLiteral("c")).pods, pods.size());
    }

    void acpClusterConditionsAndHeartbeat()
    {
        FleetHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setClusters({QStringLiteral("global"), QStringLiteral("business-1"), QStringLiteral("gone")});
        model.setCurrentTime(QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC));
        ResourceStore clusters;
        clusters.replace({acpCluster(QStringLiteral("global"), QStringLiteral("2026-11-28T05:59:50Z")),
                          acpCluster(QStringLiteral("business-1"), QStringLiteral("2026-11-28T05:59:50Z"), true)});
        model.setPlatformClusterStore(&clusters);
        for (const QString &c : model.clusters())
            model.setConnectionState(c, ClusterConnection::State::Ready);
        model.setConnectionState(QStringLiteral("gone"), ClusterConnection::State::Failed, QStringLiteral("dial tcp: connection refused"));

        const int g = model.rowOf(QStringLiteral("global"));
        QCOMPARE(model.index(g, FleetHealthModel::Status).data().toString(), QStringLiteral("Ready"));
        QCOMPARE(model.index(g, FleetHealthModel::Type).data().toString(), QStringLiteral("Kubernetes"));
        QCOMPARE(model.index(g, FleetHealthModel::Version).data().toString(), QStringLiteral("v1.32.3"));
        QCOMPARE(model.index(g, FleetHealthModel::Age).data().toString(), QStringLiteral("545d"));
        const int b = model.rowOf(QStringLiteral("business-1"));
        QCOMPARE(model.index(b, FleetHealthModel::Status).data().toString(), QStringLiteral("NodeNotReady"));
        QCOMPARE(model.index(b, FleetHealthModel::Status).data(FleetHealthModel::StatusRole).toInt(), int(ObjectStatus::Warning));
        QVERIFY(model.index(b, FleetHealthModel::Status).data(Qt::ToolTipRole).toString().contains(QStringLiteral("not ready: n2")));
        const int x = model.rowOf(QStringLiteral("gone"));
        QCOMPARE(model.index(x, FleetHealthModel::Status).data().toString(), QStringLiteral("Unreachable"));
        QCOMPARE(model.index(x, FleetHealthModel::Status).data(Qt::ToolTipRole).toString(), QStringLiteral("dial tcp: connection refused"));

        // The heartbeat goes stale as time passes; a new heartbeat (watch update) recovers it.
        model.setCurrentTime(QDateTime(QDate(2026, 11, 28), QTime(6, 10), Qt::UTC));
        QCOMPARE(model.index(g, FleetHealthModel::Status).data(FleetHealthModel::StatusRole).toInt(), int(ObjectStatus::Error));
        QVERIFY(model.index(g, FleetHealthModel::Status).data().toString().startsWith(QStringLiteral("No heartbeat for 10m")));
        clusters.apply({ev(StoreEvent::Modified, acpCluster(QStringLiteral("global"), QStringLiteral("2026-11-28T06:09:58Z"), false, 2))});
        QCOMPARE(model.index(g, FleetHealthModel::Status).data().toString(), QStringLiteral("Ready"));
        clusters.apply({ev(StoreEvent::Deleted, acpCluster(QStringLiteral("global"), QString()))});
        QCOMPARE(model.index(g, FleetHealthModel::Type).data().toString(), QStringLiteral("\u2014"));
    }

    void sortsThroughProxy()
    {
        FleetHealthModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(FleetHealthModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setClusters({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        ResourceStore pa, pb, pc;
        pa.replace({pod(QStringLiteral("1"), {}), pod(QStringLiteral("2"), {})});
        pb.replace({pod(QStringLiteral("1"), {})});
        for (int i = 0; i < 10; ++i)
            pc.apply({ev(StoreEvent::Added, pod(QString::number(i), {}))});
        model.setPodStore(QStringLiteral("a"), &pa);
        model.setPodStore(QStringLiteral("b"), &pb);
        model.setPodStore(QStringLiteral("c"), &pc);
        proxy.sort(FleetHealthModel::Pods, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("c"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("b"));
        // Live: the order follows the stores.
        proxy.setDynamicSortFilter(true);
        for (int i = 0; i < 20; ++i)
            pb.apply({ev(StoreEvent::Added, pod(QStringLiteral("x%1").arg(i), {}))});
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("b"));
        model.setClusters({QStringLiteral("c"), QStringLiteral("a")});
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(model.summary(QStringLiteral("c")).pods, 10);
    }
};

QTEST_GUILESS_MAIN(TestFleetHealthModel)
#include "tst_fleethealthmodel.moc"
