// NodeDrain against acp-sandbox (business-1, as admin): cordon, eviction through the policy/v1
// subresource, DaemonSet pods skipped, a PodDisruptionBudget refusal (429) reported with the
// server's message and retried, cancel, a full drain that leaves only DaemonSet pods on the
// node, and a failed cordon (unknown node) reported as the drain's error.
#include "api/KubeClient.h"
#include "models/NodeDrain.h"
#include "tests/common/SandboxProcess.h"
#include "tests/common/SandboxRestConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include "tests/api/KubeClientTestUtil.h"

using namespace acp;

namespace {

using test::await;   // tests/api/KubeClientTestUtil.h

api::ResourcePath path(const QString &group, const QString &resource, const QString &ns = QString(), const QString &name = QString())
{
    api::ResourcePath p;
    p.group = group;
    p.version = QStringLiteral("v1");
    p.resource = resource;
    p.namespaceName = ns;
    p.name = name;
    return p;
}

bool ownedByDaemonSet(const QJsonObject &pod)
{
    for (const QJsonValue &o : pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("ownerReferences")).toArray())
        if (o.toObject().value(QLatin1String("kind")).toString() == QLatin1String("DaemonSet"))
            return true;
    return false;
}

} // namespace

class TestNodeDrain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
        auto rc = test::sandboxRestConfig(m_sandbox.kubeconfig(), QStringLiteral("sandbox/business-1"));
        QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().toString()));
        m_client = api::KubeClient(*rc);
    }

    QJsonArray podsOn(const QString &node)
    {
        api::ListOptions o;
        o.fieldSelector = QStringLiteral("spec.nodeName=") + node;
        auto r = await([&](QObject *ctx, auto cb) { m_client.list(path(QString(), QStringLiteral("pods")), o, ctx, cb); });
        return r ? QJsonDocument::fromJson(r->body).object().value(QLatin1String("items")).toArray() : QJsonArray();
    }

    void cancelAfterDisruptionBudgetRefusal()
    {
        // A running frontend pod (covered by the seeded PDB) and its node.
        api::ListOptions o;
        o.labelSelector = QStringLiteral("app=frontend");
        auto pods = await([&](QObject *ctx, auto cb) { m_client.list(path(QString(), QStringLiteral("pods")), o, ctx, cb); });
        QVERIFY2(pods, qPrintable(pods ? QString() : pods.error().toString()));
        QJsonObject target;
        for (const QJsonValue &v : QJsonDocument::fromJson(pods->body).object().value(QLatin1String("items")).toArray())
            if (v.toObject().value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() == QLatin1String("Running"))
                target = v.toObject();
        QVERIFY(!target.isEmpty());
        m_node = target.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
        m_ns = target.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
        QVERIFY(!m_node.isEmpty());

        // A budget that allows no disruption of frontend pods at all.
        const QJsonObject guard{{QStringLiteral("apiVersion"), QStringLiteral("policy/v1")}, {QStringLiteral("kind"), QStringLiteral("PodDisruptionBudget")},
                                {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("drain-guard")}}},
                                {QStringLiteral("spec"), QJsonObject{{QStringLiteral("maxUnavailable"), 0},
                                                                     {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"),
                                                                                                               QJsonObject{{QStringLiteral("app"), QStringLiteral("frontend")}}}}}}}};
        auto created = await([&](QObject *ctx, auto cb) {
            m_client.create(path(QStringLiteral("policy"), QStringLiteral("poddisruptionbudgets"), m_ns), QJsonDocument(guard).toJson(), {}, ctx, cb);
        });
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));

        models::NodeDrain drain(m_client, m_node);
        drain.setOptions({200, 200, 0, -1});
        QSignalSpy refused(&drain, &models::NodeDrain::refused);
        QSignalSpy finished(&drain, &models::NodeDrain::finished);
        QSignalSpy listed(&drain, &models::NodeDrain::podsListed);
        drain.start();
        QVERIFY(QTest::qWaitFor([&] { return refused.count() > 0; }, 20000));
        const int idx = refused.first().at(0).toInt();
        // Refused, retried after retryMs, refused again.
        QTRY_VERIFY_WITH_TIMEOUT(drain.pods().at(idx).attempts >= 2 && drain.pods().at(idx).state == models::NodeDrain::Pod::Refused, 20000);
        QCOMPARE(listed.count(), 1);
        const auto pod = drain.pods().at(idx);
        QVERIFY2(refused.first().at(1).toString().contains(QStringLiteral("disruption budget")), qPrintable(refused.first().at(1).toString()));
        QVERIFY(refused.first().at(1).toString().contains(QStringLiteral("drain-guard")));
        QCOMPARE(finished.count(), 0);
        QVERIFY(drain.count(models::NodeDrain::Pod::Skipped) >= 1);   // DaemonSet pods
        for (const auto &p : drain.pods())
            if (p.state == models::NodeDrain::Pod::Skipped)
                QCOMPARE(p.message, QStringLiteral("DaemonSet-managed"));

        drain.cancel();
        QCOMPARE(drain.phase(), models::NodeDrain::Phase::Cancelled);
        QCOMPARE(finished.count(), 1);
        const int attempts = drain.pods().at(idx).attempts;
        QTest::qWait(600);
        QCOMPARE(drain.pods().at(idx).attempts, attempts);   // no retries after cancel

        // Cordoned, and the refused pod is still there.
        auto node = await([&](QObject *ctx, auto cb) { m_client.get(path(QString(), QStringLiteral("nodes"), QString(), m_node), ctx, cb); });
        QVERIFY(node);
        QVERIFY(node->json()->value(QLatin1String("spec")).toObject().value(QLatin1String("unschedulable")).toBool());
        auto still = await([&](QObject *ctx, auto cb) { m_client.get(path(QString(), QStringLiteral("pods"), pod.namespaceName, pod.name), ctx, cb); });
        QVERIFY(still);
    }

    void drainEvictsEverythingButDaemonSets()
    {
        QVERIFY(!m_node.isEmpty());
        auto removed = await([&](QObject *ctx, auto cb) {
            m_client.remove(path(QStringLiteral("policy"), QStringLiteral("poddisruptionbudgets"), m_ns, QStringLiteral("drain-guard")), {}, ctx, cb);
        });
        QVERIFY(removed);
        models::NodeDrain drain(m_client, m_node);
        drain.setOptions({300, 200, 0, -1});
        QSignalSpy finished(&drain, &models::NodeDrain::finished);
        drain.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QVERIFY2(drain.phase() == models::NodeDrain::Phase::Done, qPrintable(drain.error() ? drain.error()->message : QString()));
        QVERIFY(drain.count(models::NodeDrain::Pod::Gone) >= 1);
        QCOMPARE(drain.count(models::NodeDrain::Pod::Gone) + drain.count(models::NodeDrain::Pod::Skipped), drain.pods().size());
        const QJsonArray left = podsOn(m_node);
        QVERIFY(!left.isEmpty());
        for (const QJsonValue &v : left)
            QVERIFY2(ownedByDaemonSet(v.toObject()), qPrintable(v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString()));

        // Uncordon for whoever comes next.
        auto r = await([&](QObject *ctx, auto cb) {
            m_client.patch(path(QString(), QStringLiteral("nodes"), QString(), m_node), api::PatchType::Merge,
                           QByteArrayLiteral("{\"spec\":{\"unschedulable\":null}}"), {}, ctx, cb);
        });
        QVERIFY(r);
    }

    void unknownNodeFails()
    {
        models::NodeDrain drain(m_client, QStringLiteral("no-such-node"));
        QSignalSpy finished(&drain, &models::NodeDrain::finished);
        drain.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
        QCOMPARE(drain.phase(), models::NodeDrain::Phase::Failed);
        QVERIFY(drain.error());
        QCOMPARE(drain.error()->httpStatus, 404);
        QVERIFY(drain.error()->message.contains(QStringLiteral("no-such-node")));
    }

private:
    test::SandboxProcess m_sandbox;
    api::KubeClient m_client;
    QString m_node, m_ns;
};

QTEST_GUILESS_MAIN(TestNodeDrain)
#include "tst_nodedrain.moc"
