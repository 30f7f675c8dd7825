// ObjectRelations against acp-sandbox's seeded workloads: a pod's owner chain (pod -> replicaset
// -> deployment) walked through informers, owned objects (deployment -> replicasets -> pods), the
// events of an object (involvedObject.uid field selector), live updates when an owned object
// appears; and ResourceKindCatalog over the cluster's real discovery (sections, CRDs by group,
// only listable+watchable kinds).
#include "api/Kubeconfig.h"
#include "tests/common/SandboxContext.h"
#include "models/ClusterConnection.h"
#include "models/ObjectRelations.h"
#include "models/ResourceKindCatalog.h"
#include "models/ResourceStore.h"
#include "tests/common/SandboxProcess.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace acp;
using namespace acp::models;

class TestObjectRelations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { delete m_conn; }
    void ownerChainOfPod();
    void ownedObjects();
    void eventsOfObject();
    void kindCatalogFromDiscovery();

private:
    KubeObject findPodOwnedByReplicaSet()
    {
        for (const KubeObject &p : m_pods.store()->list())
            for (const OwnerRef &o : p.ownerReferences())
                if (o.kind == QLatin1String("ReplicaSet") && o.controller)
                    return p;
        return {};
    }
    ResourceRef refOf(const KubeObject &o, const QString &group, const QString &resource)
    {
        return ResourceRef{QStringLiteral("business-1"), group, QStringLiteral("v1"), resource, o.kind(), o.namespaceName(), o.name()};
    }

    test::SandboxProcess m_sandbox;
    ClusterConnection *m_conn = nullptr;
    InformerRef m_pods;
};

void TestObjectRelations::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({QStringLiteral("--no-controllers")}, &err), qPrintable(err));
    const auto rc = test::resolveContext(m_sandbox.kubeconfig(), QStringLiteral("sandbox/business-1"));
    QVERIFY(rc.ok());
    m_conn = new ClusterConnection(QStringLiteral("business-1"), api::KubeClient(*rc));
    m_conn->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_conn->state(), ClusterConnection::State::Ready, 15000);
    auto pods = m_conn->informer(QStringLiteral("pods"));
    QVERIFY(pods.ok());
    m_pods = *pods;
    QTRY_VERIFY_WITH_TIMEOUT(m_pods->hasSynced(), 15000);
}

void TestObjectRelations::ownerChainOfPod()
{
    const KubeObject pod = findPodOwnedByReplicaSet();
    QVERIFY(!pod.isNull());
    ObjectRelations rel;
    QSignalSpy changed(&rel, &ObjectRelations::changed);
    rel.setObject(m_conn, refOf(pod, QString(), QStringLiteral("pods")), pod);
    QVERIFY(changed.count() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(!rel.isLoading() && rel.owners().size() == 2 && !rel.owners().at(1).object.isNull(), 15000);
    const auto owners = rel.owners();
    QCOMPARE(owners.at(0).ref.kind, QStringLiteral("ReplicaSet"));
    QCOMPARE(owners.at(0).ref.resource, QStringLiteral("replicasets"));
    QCOMPARE(owners.at(0).ref.group, QStringLiteral("apps"));
    QCOMPARE(owners.at(0).ref.namespaceName, pod.namespaceName());
    QCOMPARE(owners.at(0).ref.cluster, QStringLiteral("business-1"));
    QCOMPARE(owners.at(0).object.uid(), pod.ownerReferences().first().uid);
    QCOMPARE(owners.at(1).ref.kind, QStringLiteral("Deployment"));
    QCOMPARE(owners.at(1).ref.resource, QStringLiteral("deployments"));
    QCOMPARE(owners.at(1).object.uid(), owners.at(0).object.ownerReferences().first().uid);
    // A pod owns nothing of the kinds ObjectRelations knows.
    QVERIFY(rel.owned().isEmpty());
    rel.clear();
    QVERIFY(rel.owners().isEmpty());
}

void TestObjectRelations::ownedObjects()
{
    const KubeObject pod = findPodOwnedByReplicaSet();
    ObjectRelations podRel;
    podRel.setObject(m_conn, refOf(pod, QString(), QStringLiteral("pods")), pod);
    QTRY_VERIFY_WITH_TIMEOUT(podRel.owners().size() == 2 && !podRel.owners().at(1).object.isNull(), 15000);
    const KubeObject rs = podRel.owners().at(0).object;
    const KubeObject dep = podRel.owners().at(1).object;

    ObjectRelations depRel;
    depRel.setObject(m_conn, refOf(dep, QStringLiteral("apps"), QStringLiteral("deployments")), dep);
    QTRY_VERIFY_WITH_TIMEOUT(!depRel.isLoading() && !depRel.owned().isEmpty(), 15000);
    QVERIFY(depRel.owners().isEmpty());
    bool foundRs = false;
    for (const auto &o : depRel.owned()) {
        QCOMPARE(o.ref.kind, QStringLiteral("ReplicaSet"));
        foundRs = foundRs || o.object.uid() == rs.uid();
    }
    QVERIFY(foundRs);

    ObjectRelations rsRel;
    rsRel.setObject(m_conn, refOf(rs, QStringLiteral("apps"), QStringLiteral("replicasets")), rs);
    QTRY_VERIFY_WITH_TIMEOUT(!rsRel.isLoading() && !rsRel.owned().isEmpty(), 15000);
    bool foundPod = false;
    for (const auto &o : rsRel.owned())
        foundPod = foundPod || (o.ref.resource == QLatin1String("pods") && o.object.uid() == pod.uid());
    QVERIFY(foundPod);
    QCOMPARE(rsRel.owners().size(), 1);

    // Live: a new pod owned by the replicaset appears in owned() without setting the object again.
    const int before = int(rsRel.owned().size());
    const QString manifest = QStringLiteral(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"owned-extra","namespace":"%1",
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"%2","uid":"%3","controller":true}]},
        "spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}})").arg(rs.namespaceName(), rs.name(), rs.uid());
    std::optional<bool> created;
    m_conn->client().create(api::ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods"), rs.namespaceName()},
                            manifest.toUtf8(), {}, this, [&](const api::Result<api::Response> &r, const QStringList &) {
        if (!r.ok())
            qWarning("%s", qPrintable(r.error().toString()));
        created = r.ok();
    });
    QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 15000);
    QVERIFY(*created);
    QTRY_COMPARE_WITH_TIMEOUT(int(rsRel.owned().size()), before + 1, 15000);
}

void TestObjectRelations::eventsOfObject()
{
    auto events = m_conn->informer(QStringLiteral("events"));
    QVERIFY(events.ok());
    QTRY_VERIFY_WITH_TIMEOUT((*events)->hasSynced(), 15000);
    // An object of the seed that has events: a pod named in some event.
    KubeObject target;
    int expected = 0;
    for (const KubeObject &e : events->store()->list()) {
        const QString uid = e.json().value(QLatin1String("involvedObject")).toObject().value(QLatin1String("uid")).toString();
        const KubeObject pod = m_pods.store()->byUid(uid);
        if (!pod.isNull() && target.isNull())
            target = pod;
    }
    QVERIFY2(!target.isNull(), "the seed has pod events");
    for (const KubeObject &e : events->store()->list())
        if (e.json().value(QLatin1String("involvedObject")).toObject().value(QLatin1String("uid")).toString() == target.uid())
            ++expected;
    ObjectRelations rel;
    rel.setObject(m_conn, refOf(target, QString(), QStringLiteral("pods")), target);
    QTRY_VERIFY_WITH_TIMEOUT(!rel.isLoading() && rel.events().size() == expected, 15000);
    for (const KubeObject &e : rel.events())
        QCOMPARE(e.json().value(QLatin1String("involvedObject")).toObject().value(QLatin1String("uid")).toString(), target.uid());
}

void TestObjectRelations::kindCatalogFromDiscovery()
{
    const QList<ResourceKind> kinds = ResourceKindCatalog::build({{QStringLiteral("business-1"), m_conn->resources()->resources()}});
    QHash<QString, ResourceKind> byName;
    for (const ResourceKind &k : kinds)
        byName.insert(k.name(), k);
    QCOMPARE(byName.value(QStringLiteral("deployments.apps")).section, QStringLiteral("Workloads"));
    QCOMPARE(byName.value(QStringLiteral("pods")).section, QStringLiteral("Workloads"));
    QCOMPARE(byName.value(QStringLiteral("services")).section, QStringLiteral("Network"));
    QCOMPARE(byName.value(QStringLiteral("configmaps")).section, QStringLiteral("Config & Storage"));
    QCOMPARE(byName.value(QStringLiteral("clusterroles.rbac.authorization.k8s.io")).section, QStringLiteral("Access control"));
    QCOMPARE(byName.value(QStringLiteral("nodes")).section, QStringLiteral("Cluster"));
    QCOMPARE(byName.value(QStringLiteral("nodes")).clusters, QStringList{QStringLiteral("business-1")});
    // Reviews cannot be listed: not offered. Subresources never.
    QVERIFY(!byName.contains(QStringLiteral("selfsubjectaccessreviews.authorization.k8s.io")));
    for (const ResourceKind &k : kinds) {
        QVERIFY(!k.resource.resource.contains(QLatin1Char('/')));
        QVERIFY(k.resource.hasVerb(QStringLiteral("watch")));
    }
    // CRDs are included, in a section per group; built-in sections come first.
    int customs = 0;
    int lastBuiltin = -1, firstCustom = -1;
    for (int i = 0; i < kinds.size(); ++i) {
        if (kinds.at(i).section.startsWith(QStringLiteral("Custom resources · "))) {
            ++customs;
            QCOMPARE(kinds.at(i).section, QStringLiteral("Custom resources · ") + kinds.at(i).resource.group);
            QVERIFY(!ResourceKindCatalog::isBuiltinGroup(kinds.at(i).resource.group));
            if (firstCustom < 0)
                firstCustom = i;
        } else {
            lastBuiltin = i;
        }
    }
    QVERIFY(customs > 0);
    QVERIFY(lastBuiltin < firstCustom);
}

QTEST_GUILESS_MAIN(TestObjectRelations)
#include "tst_objectrelations.moc"
