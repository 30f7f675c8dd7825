// Unit tests for acp::models::FieldOwnership: managedFields of a real Deployment (a live object
// from ../shared/testdata/api-objects, written by argocd, kubectl client-side apply and the
// deployment controller) -> rows per owned field, managers, lookups by path.
#include "api/Yaml.h"
#include "models/FieldOwnership.h"

#include <QFile>
#include <QJsonObject>
#include <QtTest>

using acp::models::FieldOwnership;
using acp::models::FieldOwnershipRow;

namespace {

QJsonObject liveDeployment()
{
    QFile f(QStringLiteral(ACP_SHARED_DIR "/testdata/api-objects/gitops-engine/pkg/diff/testdata/ssd-deploy-with-manual-apply-live.yaml"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    auto v = acp::api::yaml::parseOne(f.readAll());
    return v ? v->toObject() : QJsonObject();
}

} // namespace

class TestFieldOwnership : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (liveDeployment().isEmpty())
            QSKIP("../shared/testdata/api-objects not available");
    }

    void segments()
    {
        QCOMPARE(FieldOwnership::segment(QStringLiteral("f:replicas")), QStringLiteral(".replicas"));
        QCOMPARE(FieldOwnership::segment(QStringLiteral("k:{\"containerPort\":80,\"protocol\":\"TCP\"}")),
                 QStringLiteral("[containerPort=80,protocol=TCP]"));
        QCOMPARE(FieldOwnership::segment(QStringLiteral("v:\"example.com/fin\"")), QStringLiteral("[=\"example.com/fin\"]"));
        QCOMPARE(FieldOwnership::segment(QStringLiteral("i:3")), QStringLiteral("[3]"));
        QCOMPARE(FieldOwnership::segment(QStringLiteral(".")), QString());
    }

    void rowsOfRealObject()
    {
        const FieldOwnership fo = FieldOwnership::fromObject(liveDeployment());
        QCOMPARE(fo.managers(), (QStringList{QStringLiteral("argocd-controller"), QStringLiteral("kubectl-client-side-apply"),
                                             QStringLiteral("kube-controller-manager")}));
        // Every row carries its manager's entry fields.
        const auto rows = fo.rows();
        auto find = [&rows](const QString &path, const QString &manager) -> const FieldOwnershipRow * {
            for (const auto &r : rows)
                if (r.path == path && r.manager == manager)
                    return &r;
            return nullptr;
        };
        const FieldOwnershipRow *replicas = find(QStringLiteral("spec.replicas"), QStringLiteral("argocd-controller"));
        QVERIFY(replicas);
        QCOMPARE(replicas->operation, QStringLiteral("Update"));
        QCOMPARE(replicas->apiVersion, QStringLiteral("apps/v1"));
        QCOMPARE(replicas->time, QStringLiteral("2025-02-25T01:19:32Z"));
        QVERIFY(replicas->subresource.isEmpty());
        const FieldOwnershipRow *avail = find(QStringLiteral("status.conditions[type=Available].status"), QStringLiteral("kube-controller-manager"));
        QVERIFY(avail);
        QCOMPARE(avail->subresource, QStringLiteral("status"));
        // "." makes the item itself a row; keyed items with two keys.
        QVERIFY(find(QStringLiteral("spec.template.spec.containers[name=idle]"), QStringLiteral("kubectl-client-side-apply")));
        QVERIFY(find(QStringLiteral("spec.template.spec.containers[name=main-container].ports[containerPort=80,protocol=TCP].name"),
                     QStringLiteral("argocd-controller")));
        QVERIFY(find(QStringLiteral("metadata.annotations.kubectl.kubernetes.io/last-applied-configuration"),
                     QStringLiteral("kubectl-client-side-apply")));
        // Only leaves and "." entries: no row for a plain intermediate map.
        QVERIFY(!find(QStringLiteral("spec"), QStringLiteral("argocd-controller")));
        QVERIFY(!find(QStringLiteral("spec.template.spec"), QStringLiteral("argocd-controller")));
        // 16 leaves under status for the controller, counted by hand from the file.
        int statusRows = 0;
        for (const auto &r : rows)
            statusRows += r.path.startsWith(QLatin1String("status")) ? 1 : 0;
        QCOMPARE(statusRows, 1 + 2 * 7 + 4 + 1);
    }

    void lookups()
    {
        const QJsonObject obj = liveDeployment();
        const FieldOwnership fo = FieldOwnership::fromObject(obj);
        QCOMPARE(fo.managersOf(QStringLiteral("spec.replicas")), QStringList{QStringLiteral("argocd-controller")});
        QCOMPARE(fo.managersOf(QStringLiteral("metadata.annotations")), QStringList{QStringLiteral("argocd-controller")});
        QCOMPARE(fo.managersOf(QStringLiteral("spec.nothing")), QStringList());
        QCOMPARE(fo.managersAtOrBelow(QStringLiteral("spec.template.spec.containers")),
                 (QStringList{QStringLiteral("argocd-controller"), QStringLiteral("kubectl-client-side-apply")}));
        QCOMPARE(fo.managersAtOrBelow(QStringLiteral("metadata.annotations.deployment.kubernetes.io/revision")),
                 QStringList{QStringLiteral("kube-controller-manager")});

        // JSON paths of the object resolve list indices to the keyed items.
        const QString image1 = fo.ownershipPath(obj, QStringLiteral("spec.template.spec.containers[1].image"));
        QCOMPARE(image1, QStringLiteral("spec.template.spec.containers[name=idle].image"));
        QCOMPARE(fo.managersOf(image1), QStringList{QStringLiteral("kubectl-client-side-apply")});
        const QString port0 = fo.ownershipPath(obj, QStringLiteral("spec.template.spec.containers[0].ports[0].protocol"));
        QCOMPARE(port0, QStringLiteral("spec.template.spec.containers[name=main-container].ports[containerPort=80,protocol=TCP].protocol"));
        QCOMPARE(fo.managersOf(port0), QStringList{QStringLiteral("argocd-controller")});
        QCOMPARE(fo.ownershipPath(obj, QStringLiteral("spec.template.spec.containers[7].image")), QString());
    }

    void emptyAndMissing()
    {
        const FieldOwnership fo = FieldOwnership::fromObject(QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")}});
        QVERIFY(fo.isEmpty());
        QVERIFY(fo.managers().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFieldOwnership)
#include "tst_fieldownership.moc"
