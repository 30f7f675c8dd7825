// Seed: built-in and shared CRDs, the demo contents of every cluster, users' rights, and
// scale mode (counts asserted, timing printed).
#include "models/RbacEvaluator.h"
#include "sandbox/Admission.h"
#include "sandbox/Controllers.h"
#include "sandbox/Seed.h"
#include "sandbox/SeedObjects.h"
#include "sandbox/SimCluster.h"
#include "sandbox/UserDirectory.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

#include <sys/resource.h>

using namespace acp::sandbox;
using acp::models::RbacRequest;
using acp::models::RbacUser;

namespace {

QString phase(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString(); }

QString waitingReason(const QJsonObject &pod, const char *list = "containerStatuses")
{
    for (const QJsonValue &c : pod.value(QLatin1String("status")).toObject().value(QLatin1String(list)).toArray()) {
        const QString r = c.toObject().value(QLatin1String("state")).toObject().value(QLatin1String("waiting")).toObject()
                              .value(QLatin1String("reason")).toString();
        if (!r.isEmpty())
            return r;
    }
    return QString();
}

qint64 cpuMs()
{
    rusage u;
    getrusage(RUSAGE_SELF, &u);
    return qint64(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

QList<QJsonObject> all(const SimCluster *c, const QString &skey, const QString &ns = QString())
{
    QList<QJsonObject> out;
    for (const StoredObject *o : c->store().list(skey, ns))
        out << o->obj;
    return out;
}

struct Fleet {
    std::vector<std::unique_ptr<SimCluster>> owned;
    QList<SimCluster *> clusters;
    SimCluster *get(const QString &name) const
    {
        for (SimCluster *c : clusters)
            if (c->name() == name)
                return c;
        return nullptr;
    }
    void add(const QString &name)
    {
        owned.push_back(std::make_unique<SimCluster>(name));
        clusters << owned.back().get();
    }
};

std::unique_ptr<Fleet> makeFleet(int workloadClusters, const SeedConfig &config)
{
    auto fleet = std::make_unique<Fleet>();
    fleet->add(QStringLiteral("global"));
    for (int i = 1; i <= workloadClusters; ++i)
        fleet->add(QStringLiteral("business-%1").arg(i));
    UserDirectory users;
    Seed::populate(fleet->clusters, config, users);
    return fleet;
}

} // namespace

class TstSeed : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void builtinCrds();
    void sharedCrds();
    void namespaces();
    void nodes();
    void ownerChains();
    void podStates();
    void usersRights();
    void bootstrapRbac();
    void globalObjects();
    void quotasAndEndpoints();
    void secrets();
    void freshCloneWithoutShared();
    void scaleMode();
    void scaleModeLarge();

private:
    std::unique_ptr<Fleet> m_demo;
};

void TstSeed::initTestCase()
{
    QElapsedTimer t;
    t.start();
    SeedConfig config;
    config.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    m_demo = makeFleet(3, config);
    qDebug() << "demo seed (global + 3 clusters, shared CRDs):" << t.elapsed() << "ms";
    for (SimCluster *c : m_demo->clusters)
        qDebug().noquote() << c->name() << "objects:" << c->store().resourceVersion() << "pods:" << c->store().count(QStringLiteral("/pods"));
}

void TstSeed::builtinCrds()
{
    const QList<QJsonObject> crds = Seed::builtinCrds();
    QSet<QString> names;
    for (const QJsonObject &c : crds)
        names.insert(sim::nameOf(c));
    for (const char *n : {"clusters.clusterregistry.k8s.io", "projects.auth.alauda.io", "roletemplates.auth.alauda.io",
                          "policies.kyverno.io", "clusterpolicies.kyverno.io", "policyreports.wgpolicyk8s.io",
                          "clusterpolicyreports.wgpolicyk8s.io", "subscriptions.operators.coreos.com",
                          "clusterserviceversions.operators.coreos.com", "catalogsources.operators.coreos.com",
                          "installplans.operators.coreos.com", "operatorgroups.operators.coreos.com",
                          "packagemanifests.packages.operators.coreos.com", "consoleyamlsamples.console.alauda.io"})
        QVERIFY2(names.contains(QString::fromLatin1(n)), n);
    // Every built-in CRD registers, with the printer columns and scopes of upstream.
    SimCluster c(QStringLiteral("x"));
    Seed::installCrds(&c, crds);
    const ResourceType *cluster = c.registry().find(QStringLiteral("clusterregistry.k8s.io"), QStringLiteral("v1alpha1"), QStringLiteral("clusters"));
    QVERIFY(cluster);
    QVERIFY(cluster->namespaced);
    QVERIFY(cluster->hasSubresource(QStringLiteral("status")));
    const ResourceType *project = c.registry().find(QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("projects"));
    QVERIFY(project && !project->namespaced);
    const ResourceType *rt = c.registry().find(QStringLiteral("auth.alauda.io"), QStringLiteral("v1beta1"), QStringLiteral("roletemplates"));
    QVERIFY(rt && !rt->namespaced);
    const ResourceType *pol = c.registry().find(QStringLiteral("kyverno.io"), QStringLiteral("v1"), QStringLiteral("policies"));
    QVERIFY(pol && pol->namespaced);
    QCOMPARE(pol->shortNames, QStringList{QStringLiteral("pol")});
    const QJsonArray columns = pol->crd.value(QLatin1String("spec")).toObject().value(QLatin1String("versions")).toArray()
                                   .first().toObject().value(QLatin1String("additionalPrinterColumns")).toArray();
    QCOMPARE(columns.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("ADMISSION"));
    QVERIFY(c.registry().find(QStringLiteral("console.alauda.io"), QStringLiteral("v1"), QStringLiteral("consoleyamlsamples")));
    QVERIFY(c.registry().find(QStringLiteral("packages.operators.coreos.com"), QStringLiteral("v1"), QStringLiteral("packagemanifests")));
    QVERIFY(c.registry().find(QStringLiteral("operators.coreos.com"), QStringLiteral("v1"), QStringLiteral("operatorgroups")));
    // Stored with an Established condition.
    const StoredObject *stored = c.store().get(QStringLiteral("apiextensions.k8s.io/customresourcedefinitions"), QString(),
                                               QStringLiteral("projects.auth.alauda.io"));
    QVERIFY(stored);
    QVERIFY(QJsonDocument(stored->obj).toJson().contains("\"Established\""));
}

void TstSeed::sharedCrds()
{
    const QString shared = QStringLiteral(ACP_SHARED_DIR);
    const QList<QJsonObject> platform = Seed::crds(shared, true);
    const QList<QJsonObject> workload = Seed::crds(shared, false);
    QSet<QString> p, w;
    qsizetype policySize = 0;
    for (const QJsonObject &c : platform) {
        p.insert(sim::nameOf(c));
        if (sim::nameOf(c) == QLatin1String("clusterpolicies.kyverno.io"))
            policySize = QJsonDocument(c).toJson(QJsonDocument::Compact).size();
    }
    for (const QJsonObject &c : workload)
        w.insert(sim::nameOf(c));
    QVERIFY(policySize > 500000);   // the full upstream schema, not the trimmed built-in one
    for (const char *n : {"moduleplugins.cluster.alauda.io", "users.auth.alauda.io", "prometheusrules.monitoring.coreos.com",
                          "clusters.clusterregistry.k8s.io", "roletemplates.auth.alauda.io", "packagemanifests.packages.operators.coreos.com",
                          "consoleyamlsamples.console.alauda.io", "policyreports.wgpolicyk8s.io"})
        QVERIFY2(p.contains(QString::fromLatin1(n)), n);
    QVERIFY(w.contains(QStringLiteral("clusterpolicies.kyverno.io")));
    QVERIFY(w.contains(QStringLiteral("subscriptions.operators.coreos.com")));
    QVERIFY(!w.contains(QStringLiteral("projects.auth.alauda.io")));
    QVERIFY(!w.contains(QStringLiteral("clusters.clusterregistry.k8s.io")));
    // The seeded clusters serve them.
    QVERIFY(m_demo->get(QStringLiteral("business-1"))->registry().find(QStringLiteral("kyverno.io"), QStringLiteral("v2beta1"), QStringLiteral("policies")));
    QVERIFY(!m_demo->get(QStringLiteral("business-1"))->registry().find(QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("projects")));
    QVERIFY(m_demo->get(QStringLiteral("global"))->registry().find(QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("projects")));
}

void TstSeed::namespaces()
{
    for (SimCluster *c : m_demo->clusters)
        for (const char *ns : {"default", "kube-system", "kube-public", "kube-node-lease", "cpaas-system"}) {
            const StoredObject *o = c->store().get(QStringLiteral("/namespaces"), QString(), QString::fromLatin1(ns));
            QVERIFY2(o, ns);
            QCOMPARE(phase(o->obj), QStringLiteral("Active"));
            QVERIFY(c->store().get(QStringLiteral("/serviceaccounts"), QString::fromLatin1(ns), QStringLiteral("default")));
            QVERIFY(c->store().get(QStringLiteral("/configmaps"), QString::fromLatin1(ns), QStringLiteral("kube-root-ca.crt")));
        }
    SimCluster *b1 = m_demo->get(QStringLiteral("business-1"));
    const QJsonObject prod = b1->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha-prod"))->obj;
    QCOMPARE(sim::labelsOf(prod).value(QLatin1String("cpaas.io/project")).toString(), QStringLiteral("alpha"));
    QCOMPARE(sim::labelsOf(prod).value(QLatin1String("pod-security.kubernetes.io/enforce")).toString(), QStringLiteral("restricted"));
    const QJsonObject dev = b1->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha-dev"))->obj;
    QCOMPARE(sim::labelsOf(dev).value(QLatin1String("pod-security.kubernetes.io/enforce")).toString(), QStringLiteral("baseline"));
    const QJsonObject staging = m_demo->get(QStringLiteral("business-2"))->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha-staging"))->obj;
    QCOMPARE(sim::labelsOf(staging).value(QLatin1String("cpaas.io/project")).toString(), QStringLiteral("alpha"));
    QVERIFY(!sim::labelsOf(staging).contains(QLatin1String("pod-security.kubernetes.io/enforce")));
    // The project-named namespace exists in each of the project's clusters.
    QVERIFY(b1->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha")));
    QVERIFY(m_demo->get(QStringLiteral("business-2"))->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha")));
    QVERIFY(!m_demo->get(QStringLiteral("business-3"))->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha")));
    // Every project namespace is labelled.
    for (SimCluster *c : m_demo->clusters)
        for (const QJsonObject &ns : all(c, QStringLiteral("/namespaces"))) {
            const QString name = sim::nameOf(ns);
            if (name.startsWith(QLatin1String("alpha")) || name.startsWith(QLatin1String("beta")) || name.startsWith(QLatin1String("gamma")))
                QCOMPARE(sim::labelsOf(ns).value(QLatin1String("cpaas.io/project")).toString(), name.section(QLatin1Char('-'), 0, 0));
        }
}

void TstSeed::nodes()
{
    int notReady = 0, cordoned = 0;
    for (SimCluster *c : m_demo->clusters) {
        const QList<QJsonObject> nodes = all(c, QStringLiteral("/nodes"));
        QVERIFY2(nodes.size() >= 3 && nodes.size() <= 6, qPrintable(c->name()));
        bool controlPlane = false;
        for (const QJsonObject &n : nodes) {
            const QJsonObject st = n.value(QLatin1String("status")).toObject();
            QCOMPARE(st.value(QLatin1String("conditions")).toArray().size(), 4);
            QVERIFY(!st.value(QLatin1String("capacity")).toObject().value(QLatin1String("cpu")).toString().isEmpty());
            QVERIFY(!st.value(QLatin1String("allocatable")).toObject().value(QLatin1String("memory")).toString().isEmpty());
            QCOMPARE(st.value(QLatin1String("nodeInfo")).toObject().value(QLatin1String("kubeletVersion")).toString(), c->kubernetesVersion());
            QCOMPARE(st.value(QLatin1String("addresses")).toArray().first().toObject().value(QLatin1String("type")).toString(), QStringLiteral("InternalIP"));
            QCOMPARE(sim::labelsOf(n).value(QLatin1String("kubernetes.io/hostname")).toString(), sim::nameOf(n));
            controlPlane = controlPlane || sim::labelsOf(n).contains(QLatin1String("node-role.kubernetes.io/control-plane"));
            for (const QJsonValue &cond : st.value(QLatin1String("conditions")).toArray())
                if (cond.toObject().value(QLatin1String("type")).toString() == QLatin1String("Ready")
                    && cond.toObject().value(QLatin1String("status")).toString() != QLatin1String("True"))
                    ++notReady;
            if (n.value(QLatin1String("spec")).toObject().value(QLatin1String("unschedulable")).toBool())
                ++cordoned;
        }
        QVERIFY(controlPlane);
    }
    QCOMPARE(notReady, 1);
    QCOMPARE(cordoned, 1);
}

void TstSeed::ownerChains()
{
    int pods = 0, rsPods = 0;
    for (SimCluster *c : m_demo->clusters) {
        QHash<QString, QJsonObject> byUid;
        for (const QString &skey : c->store().storageKeys())
            for (const StoredObject *o : c->store().list(skey))
                byUid.insert(sim::uidOf(o->obj), o->obj);
        for (const QString &skey : c->store().storageKeys()) {
            for (const StoredObject *o : c->store().list(skey)) {
                QVERIFY2(!sim::uidOf(o->obj).isEmpty(), qPrintable(skey + QLatin1Char(' ') + sim::nameOf(o->obj)));
                const QJsonObject ref = sim::controllerRef(o->obj);
                if (ref.isEmpty())
                    continue;
                const QJsonObject owner = byUid.value(ref.value(QLatin1String("uid")).toString());
                QVERIFY2(!owner.isEmpty(), qPrintable(c->name() + QLatin1Char(' ') + skey + QLatin1Char(' ') + sim::nameOf(o->obj)));
                QCOMPARE(sim::nameOf(owner), ref.value(QLatin1String("name")).toString());
                QCOMPARE(owner.value(QLatin1String("kind")).toString(), ref.value(QLatin1String("kind")).toString());
                if (owner.value(QLatin1String("kind")).toString() != QLatin1String("Node"))
                    QCOMPARE(sim::namespaceOf(owner), sim::namespaceOf(o->obj));
            }
        }
        for (const QJsonObject &p : all(c, QStringLiteral("/pods"))) {
            ++pods;
            const QJsonObject ref = sim::controllerRef(p);
            if (ref.value(QLatin1String("kind")).toString() != QLatin1String("ReplicaSet"))
                continue;
            ++rsPods;
            const StoredObject *rs = c->store().get(QStringLiteral("apps/replicasets"), sim::namespaceOf(p), ref.value(QLatin1String("name")).toString());
            QVERIFY(rs);
            QCOMPARE(sim::labelsOf(p).value(QLatin1String("pod-template-hash")), sim::labelsOf(rs->obj).value(QLatin1String("pod-template-hash")));
            QVERIFY(sim::nameOf(p).startsWith(sim::nameOf(rs->obj) + QLatin1Char('-')));
            QCOMPARE(sim::nameOf(p).size(), sim::nameOf(rs->obj).size() + 6);
            const QJsonObject depRef = sim::controllerRef(rs->obj);
            QCOMPARE(depRef.value(QLatin1String("kind")).toString(), QStringLiteral("Deployment"));
            QVERIFY(c->store().get(QStringLiteral("apps/deployments"), sim::namespaceOf(p), depRef.value(QLatin1String("name")).toString()));
        }
    }
    QVERIFY(pods > 50);
    QVERIFY(rsPods > 30);
}

void TstSeed::podStates()
{
    SimCluster *b1 = m_demo->get(QStringLiteral("business-1"));
    QSet<QString> reasons;
    QJsonObject crash;
    for (const QJsonObject &p : all(b1, QStringLiteral("/pods"), QStringLiteral("alpha-dev"))) {
        reasons.insert(waitingReason(p));
        if (waitingReason(p) == QLatin1String("CrashLoopBackOff"))
            crash = p;
        if (sim::nameOf(p).startsWith(QLatin1String("reports-"))) {
            const QJsonObject cond = p.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray().first().toObject();
            QCOMPARE(cond.value(QLatin1String("reason")).toString(), QStringLiteral("Unschedulable"));
            QVERIFY(cond.value(QLatin1String("message")).toString().startsWith(QLatin1String("0/")));
            QVERIFY(p.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty());
        }
    }
    QVERIFY(reasons.contains(QStringLiteral("CrashLoopBackOff")));
    QVERIFY(reasons.contains(QStringLiteral("ImagePullBackOff")));
    const QJsonObject cs = crash.value(QLatin1String("status")).toObject().value(QLatin1String("containerStatuses")).toArray().first().toObject();
    QVERIFY(cs.value(QLatin1String("restartCount")).toInt() > 0);
    QCOMPARE(cs.value(QLatin1String("lastState")).toObject().value(QLatin1String("terminated")).toObject().value(QLatin1String("reason")).toString(),
             QStringLiteral("Error"));
    QCOMPARE(phase(crash), QStringLiteral("Running"));

    bool init = false, completed = false, running = false;
    for (const QJsonObject &p : all(b1, QStringLiteral("/pods"), QStringLiteral("alpha-prod"))) {
        init = init || waitingReason(p) == QLatin1String("PodInitializing");
        completed = completed || phase(p) == QLatin1String("Succeeded");
        running = running || (phase(p) == QLatin1String("Running") && sim::podReady(p));
        if (phase(p) == QLatin1String("Running")) {
            const QJsonObject st = p.value(QLatin1String("status")).toObject();
            QVERIFY(!st.value(QLatin1String("podIP")).toString().isEmpty());
            QVERIFY(!st.value(QLatin1String("hostIP")).toString().isEmpty());
            QVERIFY(!st.value(QLatin1String("startTime")).toString().isEmpty());
            QVERIFY(st.value(QLatin1String("containerStatuses")).toArray().first().toObject().value(QLatin1String("containerID")).toString()
                        .startsWith(QLatin1String("containerd://")));
        }
    }
    QVERIFY(init);
    QVERIFY(completed);
    QVERIFY(running);
    QCOMPARE(b1->store().count(QStringLiteral("apps/statefulsets"), QStringLiteral("alpha-prod")), 1);
    QCOMPARE(b1->store().count(QStringLiteral("batch/cronjobs"), QStringLiteral("alpha-prod")), 1);
    QCOMPARE(b1->store().count(QStringLiteral("batch/jobs"), QStringLiteral("alpha-prod")), 2);
    QCOMPARE(b1->store().count(QStringLiteral("kyverno.io/policies"), QStringLiteral("alpha-prod")), 1);
    QVERIFY(b1->store().count(QStringLiteral("/events"), QStringLiteral("alpha-dev")) > 0);
    QVERIFY(b1->store().count(QStringLiteral("apps/daemonsets"), QStringLiteral("kube-system")) == 1);
    QVERIFY(b1->store().count(QStringLiteral("/persistentvolumeclaims"), QStringLiteral("alpha-prod")) == 3);
    SimCluster *b2 = m_demo->get(QStringLiteral("business-2"));
    QVERIFY(b2->store().count(QStringLiteral("wgpolicyk8s.io/policyreports"), QStringLiteral("alpha-staging")) > 0);
    bool privileged = false;
    for (const QJsonObject &p : all(b2, QStringLiteral("/pods"), QStringLiteral("alpha-staging")))
        privileged = privileged || QJsonDocument(p.value(QLatin1String("spec")).toObject()).toJson().contains("\"privileged\": true");
    QVERIFY(privileged);
}

void TstSeed::usersRights()
{
    const RbacUser admin{QStringLiteral("admin"), {QStringLiteral("acp:platform-admins")}};
    const RbacUser alice{QStringLiteral("alice"), {QStringLiteral("acp:project-owners")}};
    const RbacUser bob{QStringLiteral("bob"), {QStringLiteral("acp:auditors")}};
    for (SimCluster *c : m_demo->clusters) {
        auto &rbac = c->rbac();
        QVERIFY(rbac.isAllowed(admin, RbacRequest::forResource(QStringLiteral("delete"), QStringLiteral(""), QStringLiteral("nodes"))));
        QVERIFY(rbac.isAllowed(bob, RbacRequest::forResource(QStringLiteral("list"), QStringLiteral(""), QStringLiteral("pods"))));
        QVERIFY(!rbac.isAllowed(bob, RbacRequest::forResource(QStringLiteral("get"), QStringLiteral(""), QStringLiteral("secrets"), QStringLiteral("default"))));
        QVERIFY(!rbac.isAllowed(bob, RbacRequest::forResource(QStringLiteral("delete"), QStringLiteral(""), QStringLiteral("pods"), QStringLiteral("default"))));
        QVERIFY(!rbac.isAllowed(alice, RbacRequest::forResource(QStringLiteral("list"), QStringLiteral(""), QStringLiteral("namespaces"))));
        QVERIFY(!rbac.isAllowed(alice, RbacRequest::forResource(QStringLiteral("list"), QStringLiteral(""), QStringLiteral("pods"), QStringLiteral("kube-system"))));
        QVERIFY(rbac.isAllowed(alice, RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("authorization.k8s.io"),
                                                                QStringLiteral("selfsubjectaccessreviews"))));
        QVERIFY(rbac.isAllowed(alice, RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/apis"))));
        for (const QJsonObject &crb : all(c, QStringLiteral("rbac.authorization.k8s.io/clusterrolebindings")))
            for (const QJsonValue &s : crb.value(QLatin1String("subjects")).toArray())
                QVERIFY(s.toObject().value(QLatin1String("name")).toString() != QLatin1String("alice"));
    }
    SimCluster *b1 = m_demo->get(QStringLiteral("business-1"));
    for (const char *ns : {"alpha", "alpha-dev", "alpha-prod"}) {
        QVERIFY(b1->rbac().isAllowed(alice, RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("apps"), QStringLiteral("deployments"), QString::fromLatin1(ns))));
        QVERIFY(b1->rbac().isAllowed(alice, RbacRequest::forResource(QStringLiteral("get"), QStringLiteral(""), QStringLiteral("secrets"), QString::fromLatin1(ns))));
        QVERIFY(b1->rbac().isAllowed(alice, RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("rolebindings"), QString::fromLatin1(ns))));
    }
    QVERIFY(!b1->rbac().isAllowed(alice, RbacRequest::forResource(QStringLiteral("get"), QStringLiteral(""), QStringLiteral("pods"), QStringLiteral("gamma-dev"))));
    QVERIFY(m_demo->get(QStringLiteral("business-2"))->rbac().isAllowed(
        alice, RbacRequest::forResource(QStringLiteral("list"), QStringLiteral(""), QStringLiteral("pods"), QStringLiteral("alpha-staging"))));
    QVERIFY(!m_demo->get(QStringLiteral("business-3"))->rbac().isAllowed(
        alice, RbacRequest::forResource(QStringLiteral("list"), QStringLiteral(""), QStringLiteral("pods"), QStringLiteral("beta-staging"))));
    QCOMPARE(b1->store().get(QStringLiteral("rbac.authorization.k8s.io/rolebindings"), QStringLiteral("alpha-dev"), QStringLiteral("alice-project-admin"))
                 ->obj.value(QLatin1String("roleRef")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("admin"));
    // The platform's pod security samples (SeedConsoleSamples.cpp): on global and business-1
    // only; every authenticated user may read them (console-extensions-reader).
    const RbacUser authenticated{QStringLiteral("alice"), {QStringLiteral("acp:project-owners"), QStringLiteral("system:authenticated")}};
    for (SimCluster *c : m_demo->clusters) {
        const bool has = c->name() == QLatin1String("global") || c->name() == QLatin1String("business-1");
        QCOMPARE(c->store().count(QStringLiteral("console.alauda.io/consoleyamlsamples")), has ? 4 : 0);
        QVERIFY(c->rbac().isAllowed(authenticated, RbacRequest::forResource(QStringLiteral("watch"), QStringLiteral("console.alauda.io"),
                                                                            QStringLiteral("consoleyamlsamples"))));
        QVERIFY(!c->rbac().isAllowed(authenticated, RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("console.alauda.io"),
                                                                             QStringLiteral("consoleyamlsamples"))));
    }
}

void TstSeed::bootstrapRbac()
{
    SimCluster *g = m_demo->get(QStringLiteral("global"));
    for (const char *r : {"cluster-admin", "admin", "edit", "view", "system:aggregate-to-admin", "system:aggregate-to-edit",
                          "system:aggregate-to-view", "system:basic-user", "system:discovery", "system:public-info-viewer"})
        QVERIFY2(g->store().get(QStringLiteral("rbac.authorization.k8s.io/clusterroles"), QString(), QString::fromLatin1(r)), r);
    const QJsonObject admin = g->store().get(QStringLiteral("rbac.authorization.k8s.io/clusterroles"), QString(), QStringLiteral("admin"))->obj;
    const QJsonObject view = g->store().get(QStringLiteral("rbac.authorization.k8s.io/clusterroles"), QString(), QStringLiteral("view"))->obj;
    QVERIFY(admin.contains(QLatin1String("aggregationRule")));
    // Aggregated like the clusterrole-aggregation controller does: admin > edit > view.
    QVERIFY(admin.value(QLatin1String("rules")).toArray().size() > view.value(QLatin1String("rules")).toArray().size());
    QVERIFY(QJsonDocument(admin).toJson().contains("localsubjectaccessreviews"));
    QVERIFY(QJsonDocument(admin).toJson().contains("pods/exec"));
    QVERIFY(!QJsonDocument(view).toJson().contains("\"secrets\""));
    // Kyverno's chart aggregates Policy and PolicyReport rights into admin (write) and view (read).
    for (const char *r : {"kyverno:rbac:admin:policies", "kyverno:rbac:view:policies", "kyverno:rbac:admin:reports", "kyverno:rbac:view:reports"})
        QVERIFY2(g->store().get(QStringLiteral("rbac.authorization.k8s.io/clusterroles"), QString(), QString::fromLatin1(r)), r);
    auto grants = [](const QJsonObject &role, const char *verb) {
        for (const QJsonValue &rule : role.value(QLatin1String("rules")).toArray()) {
            const QJsonObject o = rule.toObject();
            if (o.value(QLatin1String("apiGroups")).toArray().contains(QStringLiteral("kyverno.io"))
                && o.value(QLatin1String("resources")).toArray().contains(QStringLiteral("policies"))
                && o.value(QLatin1String("verbs")).toArray().contains(QString::fromLatin1(verb)))
                return true;
        }
        return false;
    };
    QVERIFY(grants(admin, "patch"));
    QVERIFY(grants(view, "list"));
    QVERIFY(!grants(view, "patch"));
    const QJsonObject discovery = g->store().get(QStringLiteral("rbac.authorization.k8s.io/clusterrolebindings"), QString(), QStringLiteral("system:discovery"))->obj;
    QCOMPARE(discovery.value(QLatin1String("subjects")).toArray().first().toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("system:authenticated"));
}

void TstSeed::globalObjects()
{
    SimCluster *g = m_demo->get(QStringLiteral("global"));
    const QList<QJsonObject> clusters = all(g, QStringLiteral("clusterregistry.k8s.io/clusters"), QStringLiteral("cpaas-system"));
    QCOMPARE(clusters.size(), 4);
    bool nodeNotReady = false;
    for (const QJsonObject &c : clusters) {
        const QJsonObject st = c.value(QLatin1String("status")).toObject();
        QCOMPARE(st.value(QLatin1String("version")).toString(), QStringLiteral("v1.32.3"));
        QCOMPARE(st.value(QLatin1String("conditions")).toArray().size(), 3);
        for (const QJsonValue &cond : st.value(QLatin1String("conditions")).toArray()) {
            QVERIFY(!cond.toObject().value(QLatin1String("lastHeartbeatTime")).toString().isEmpty());
            if (cond.toObject().value(QLatin1String("type")).toString() == QLatin1String("NodeNotReady")
                && cond.toObject().value(QLatin1String("status")).toString() == QLatin1String("True"))
                nodeNotReady = true;
        }
    }
    QVERIFY(nodeNotReady);
    const QList<QJsonObject> projects = all(g, QStringLiteral("auth.alauda.io/projects"));
    QCOMPARE(projects.size(), 3);
    const QJsonObject alpha = g->store().get(QStringLiteral("auth.alauda.io/projects"), QString(), QStringLiteral("alpha"))->obj;
    QCOMPARE(sim::annotation(alpha, QStringLiteral("cpaas.io/creator")), QStringLiteral("alice"));
    const QJsonArray pc = alpha.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray();
    QCOMPARE(pc.size(), 2);
    QCOMPARE(pc.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("business-1"));
    QCOMPARE(pc.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("business-2"));
    const QJsonObject quota = pc.at(0).toObject().value(QLatin1String("quota")).toObject();
    for (const char *k : {"requests.cpu", "requests.memory", "pods", "persistentvolumeclaims", "requests.storage"})
        QVERIFY2(quota.contains(QLatin1String(k)), k);
    QCOMPARE(g->store().count(QStringLiteral("auth.alauda.io/roletemplates")), 5);
    QVERIFY(g->store().get(QStringLiteral("auth.alauda.io/roletemplates"), QString(), QStringLiteral("platform-auditor-system")));
    QCOMPARE(g->store().count(QStringLiteral("auth.alauda.io/users")), 3);
    QVERIFY(g->store().count(QStringLiteral("auth.alauda.io/userbindings")) >= 3);
}

void TstSeed::quotasAndEndpoints()
{
    SimCluster *b1 = m_demo->get(QStringLiteral("business-1"));
    const QJsonObject q = b1->store().get(QStringLiteral("/resourcequotas"), QStringLiteral("alpha-dev"), QStringLiteral("default"))->obj;
    const QJsonObject used = q.value(QLatin1String("status")).toObject().value(QLatin1String("used")).toObject();
    int pods = 0;
    for (const QJsonObject &p : all(b1, QStringLiteral("/pods"), QStringLiteral("alpha-dev")))
        pods += sim::podTerminal(p) ? 0 : 1;
    QCOMPARE(used.value(QLatin1String("pods")).toString(), QString::number(pods));
    QVERIFY(used.value(QLatin1String("requests.cpu")).toString().endsWith(QLatin1Char('m')));
    QCOMPARE(used.value(QLatin1String("configmaps")).toString(), QString::number(b1->store().count(QStringLiteral("/configmaps"), QStringLiteral("alpha-dev"))));
    QVERIFY(b1->store().get(QStringLiteral("/limitranges"), QStringLiteral("alpha-dev"), QStringLiteral("default")));
    const QJsonObject ep = b1->store().get(QStringLiteral("/endpoints"), QStringLiteral("alpha-dev"), QStringLiteral("frontend"))->obj;
    const QJsonObject subset = ep.value(QLatin1String("subsets")).toArray().first().toObject();
    QCOMPARE(subset.value(QLatin1String("addresses")).toArray().size(), 3);
    QCOMPARE(subset.value(QLatin1String("ports")).toArray().first().toObject().value(QLatin1String("port")).toInt(), 80);
    QVERIFY(b1->store().get(QStringLiteral("/endpoints"), QStringLiteral("kube-system"), QStringLiteral("kube-dns")));
    const QJsonObject pg = b1->store().get(QStringLiteral("/endpoints"), QStringLiteral("alpha-prod"), QStringLiteral("postgres"))->obj;
    QCOMPARE(pg.value(QLatin1String("subsets")).toArray().first().toObject().value(QLatin1String("addresses")).toArray().size(), 3);
}

void TstSeed::secrets()
{
    SimCluster *b1 = m_demo->get(QStringLiteral("business-1"));
    const QJsonObject reg = b1->store().get(QStringLiteral("/secrets"), QStringLiteral("alpha-dev"), QStringLiteral("registry-credentials"))->obj;
    QCOMPARE(reg.value(QLatin1String("type")).toString(), QStringLiteral("kubernetes.io/dockerconfigjson"));
    const QJsonObject cfg = QJsonDocument::fromJson(QByteArray::fromBase64(
        reg.value(QLatin1String("data")).toObject().value(QLatin1String(".dockerconfigjson")).toString().toLatin1())).object();
    const QJsonObject entry = cfg.value(QLatin1String("auths")).toObject().value(QLatin1String("registry.example.com")).toObject();
    const QByteArray auth = QByteArray::fromBase64(entry.value(QLatin1String("auth")).toString().toLatin1());
    QCOMPARE(QString::fromUtf8(auth), entry.value(QLatin1String("username")).toString() + QLatin1Char(':') + entry.value(QLatin1String("password")).toString());
    QCOMPARE(b1->store().get(QStringLiteral("/secrets"), QStringLiteral("alpha-prod"), QStringLiteral("frontend-tls"))->obj
                 .value(QLatin1String("type")).toString(), QStringLiteral("kubernetes.io/tls"));
}

void TstSeed::freshCloneWithoutShared()
{
    SeedConfig config;
    config.sharedDir = QStringLiteral("/nonexistent/shared");
    QElapsedTimer t;
    t.start();
    auto fleet = makeFleet(1, config);
    qDebug() << "demo seed without ../shared (global + 1):" << t.elapsed() << "ms";
    SimCluster *g = fleet->get(QStringLiteral("global"));
    SimCluster *b1 = fleet->get(QStringLiteral("business-1"));
    QCOMPARE(g->store().count(QStringLiteral("auth.alauda.io/projects")), 3);
    QCOMPARE(g->store().count(QStringLiteral("auth.alauda.io/roletemplates")), 5);
    QCOMPARE(g->store().count(QStringLiteral("clusterregistry.k8s.io/clusters")), 2);
    QVERIFY(b1->registry().find(QStringLiteral("kyverno.io"), QStringLiteral("v1"), QStringLiteral("policies")));
    QVERIFY(!b1->registry().find(QStringLiteral("kyverno.io"), QStringLiteral("v2beta1"), QStringLiteral("policies")));
    // One workload cluster: every project lands on it; both special nodes too.
    QVERIFY(b1->store().get(QStringLiteral("/namespaces"), QString(), QStringLiteral("alpha-dev")));
    QVERIFY(b1->store().count(QStringLiteral("/pods")) > 20);
}

void TstSeed::scaleMode()
{
    SeedConfig config;
    config.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    config.podsPerCluster = 1000;
    QElapsedTimer t;
    t.start();
    const qint64 cpu = cpuMs();
    auto fleet = makeFleet(10, config);
    qDebug() << "scale seed: 10 clusters x 1000 pods:" << t.elapsed() << "ms wall," << cpuMs() - cpu << "ms CPU";
    for (SimCluster *c : fleet->clusters) {
        if (c->name() == QLatin1String("global")) {
            QCOMPARE(c->store().count(QStringLiteral("clusterregistry.k8s.io/clusters")), 11);
            continue;
        }
        QCOMPARE(c->store().count(QStringLiteral("/pods")), 1000);
        int replicas = 0;
        for (const QJsonObject &d : all(c, QStringLiteral("apps/deployments"))) {
            const int r = d.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt();
            QVERIFY(r >= 10 && r <= 59);
            replicas += r;
            QCOMPARE(d.value(QLatin1String("status")).toObject().value(QLatin1String("readyReplicas")).toInt(), r);
        }
        QCOMPARE(replicas, 1000);
        QVERIFY(c->store().count(QStringLiteral("/nodes")) >= 3);
        QVERIFY(c->store().count(QStringLiteral("rbac.authorization.k8s.io/clusterroles")) >= 10);
        QVERIFY(c->registry().find(QStringLiteral("kyverno.io"), QStringLiteral("v1"), QStringLiteral("policies")));
        // The quotas' usage is what quota admission and the controllers compute.
        for (const QJsonObject &q : all(c, QStringLiteral("/resourcequotas")))
            QCOMPARE(q.value(QLatin1String("status")).toObject(), Admission::quotaStatus(*c, q));
        const QJsonObject pod = c->store().list(QStringLiteral("/pods")).first()->obj;
        QVERIFY(sim::podReady(pod));
        const StoredObject *rs = c->store().get(QStringLiteral("apps/replicasets"), sim::namespaceOf(pod),
                                                sim::controllerRef(pod).value(QLatin1String("name")).toString());
        QVERIFY(rs);
    }
}

void TstSeed::scaleModeLarge()
{
    SeedConfig config;
    config.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    config.podsPerCluster = 1000;
    QElapsedTimer t;
    t.start();
    const qint64 cpu = cpuMs();
    auto fleet = makeFleet(100, config);
    const qint64 ms = t.elapsed();
    const qint64 cpuUsed = cpuMs() - cpu;
    qint64 pods = 0;
    for (SimCluster *c : fleet->clusters)
        pods += c->store().count(QStringLiteral("/pods"));
    qDebug() << "scale seed: 100 clusters x 1000 pods:" << ms << "ms wall," << cpuUsed << "ms CPU (all threads)," << pods << "pods";
    QCOMPARE(pods, qint64(100000));
}

QTEST_GUILESS_MAIN(TstSeed)
#include "tst_seed.moc"
