// Controllers: workloads reconcile through ReplicaSets to running pods, scale, roll out, cascade
// on delete; pod states from images; scheduling failures; endpoints, quotas, jobs, StatefulSets,
// DaemonSets, ClusterRole aggregation, heartbeats and events; the seed is stable under them.
#include "sandbox/Controllers.h"
#include "sandbox/Seed.h"
#include "sandbox/SeedObjects.h"
#include "sandbox/SimCluster.h"
#include "sandbox/UserDirectory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QElapsedTimer>
#include <QtTest>

using namespace acp::sandbox;

namespace {

const QString kNs = QStringLiteral("ctl-test");

QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QString phase(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString(); }

QString waitingReason(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(QLatin1String("status")).toObject().value(QLatin1String("containerStatuses")).toArray()) {
        const QString r = c.toObject().value(QLatin1String("state")).toObject().value(QLatin1String("waiting")).toObject()
                              .value(QLatin1String("reason")).toString();
        if (!r.isEmpty())
            return r;
    }
    return QString();
}

QJsonObject deployment(const QString &name, int replicas, const QString &image, const QJsonObject &extraSpec = {})
{
    QJsonObject podSpec{{QStringLiteral("containers"), QJsonArray{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("app")}, {QStringLiteral("image"), image},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")}, {QStringLiteral("containerPort"), 8080}}}},
        {QStringLiteral("resources"), QJsonObject{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("100m")},
                                                                                           {QStringLiteral("memory"), QStringLiteral("64Mi")}}},
                                                  {QStringLiteral("limits"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("250m")},
                                                                                         {QStringLiteral("memory"), QStringLiteral("128Mi")}}}}}}}}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it)
        podSpec.insert(it.key(), it.value());
    const QJsonObject labels{{QStringLiteral("app"), name}};
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("kind"), QStringLiteral("Deployment")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), kNs}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                                            {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
                                                            {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                                                                                                     {QStringLiteral("spec"), podSpec}}}}}};
}

} // namespace

class TstControllers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void seedIsStable();
    void deploymentToRunningPods();
    void scaleUpAndDown();
    void rolloutNewTemplate();
    void deleteCascades();
    void imagePullBackOff();
    void crashLoopBackOff();
    void unschedulable();
    void quotaUsage();
    void endpointsFollowPods();
    void disruptionBudgetStatus();
    void jobCompletes();
    void statefulSetOrdered();
    void daemonSetPerNode();
    void clusterRoleAggregation();
    void heartbeats();
    void scaleModeQuietAndResponsive();

private:
    SimCluster *b1() const { return m_clusters.at(1); }
    QJsonObject create(SimCluster *c, const QJsonObject &o);
    QJsonObject update(SimCluster *c, const QJsonObject &o);
    QList<QJsonObject> list(const QString &skey, const QString &ns = kNs) const;
    QList<QJsonObject> podsOf(const QString &app) const;
    bool allRunning(const QString &app, int count) const;
    QSet<QString> eventReasons(const QString &ns = kNs) const;

    QList<SimCluster *> m_clusters;
    Controllers *m_controllers = nullptr;
};

QJsonObject TstControllers::create(SimCluster *c, const QJsonObject &o)
{
    const ResourceType *t = c->typeFor(o);
    if (!t)
        return {};
    WriteOptions opts;
    opts.user.name = QStringLiteral("admin");
    auto r = c->create(*t, o, opts);
    if (!r)
        qWarning() << r.error().message;
    return r ? r->obj : QJsonObject();
}

QJsonObject TstControllers::update(SimCluster *c, const QJsonObject &o)
{
    const ResourceType *t = c->typeFor(o);
    WriteOptions opts;
    opts.user.name = QStringLiteral("admin");
    auto r = c->update(*t, o, opts);
    if (!r)
        qWarning() << r.error().message;
    return r ? r->obj : QJsonObject();
}

QList<QJsonObject> TstControllers::list(const QString &skey, const QString &ns) const
{
    QList<QJsonObject> out;
    for (const StoredObject *o : b1()->store().list(skey, ns))
        out << o->obj;
    return out;
}

QList<QJsonObject> TstControllers::podsOf(const QString &app) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &p : list(QStringLiteral("/pods")))
        if (sim::labelsOf(p).value(QLatin1String("app")).toString() == app)
            out << p;
    return out;
}

bool TstControllers::allRunning(const QString &app, int count) const
{
    const QList<QJsonObject> pods = podsOf(app);
    if (pods.size() != count)
        return false;
    for (const QJsonObject &p : pods)
        if (phase(p) != QLatin1String("Running") || !sim::podReady(p))
            return false;
    return true;
}

QSet<QString> TstControllers::eventReasons(const QString &ns) const
{
    QSet<QString> out;
    for (const QJsonObject &e : list(QStringLiteral("/events"), ns))
        out.insert(e.value(QLatin1String("reason")).toString());
    return out;
}

void TstControllers::init()
{
    m_clusters = {new SimCluster(QStringLiteral("global")), new SimCluster(QStringLiteral("business-1"))};
    SeedConfig config;   // built-in CRDs only: fast
    UserDirectory users;
    Seed::populate(m_clusters, config, users);
    m_controllers = new Controllers(m_clusters);
    ControllerTiming timing;
    timing.coalesceMs = 10;
    timing.scheduleDelayMs = 20;
    timing.startDelayMs = 100;
    timing.jobRunMs = 300;
    timing.nodeHeartbeatMs = 1000;
    timing.clusterHeartbeatMs = 1000;
    m_controllers->setTiming(timing);
    create(b1(), obj(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ctl-test"}})"));
}

void TstControllers::cleanup()
{
    delete m_controllers;
    m_controllers = nullptr;
    qDeleteAll(m_clusters);
    m_clusters.clear();
}

void TstControllers::seedIsStable()
{
    // The seed is what the controllers would have produced: starting them rewrites nothing
    // but heartbeats, events and (for the crash-looping pods) restarts.
    QHash<QString, int> writes;
    QStringList details;
    for (SimCluster *c : m_clusters)
        c->store().addWatcher([&writes, &details, c](const StoreEvent &ev) {
            if (ev.storageKey == QLatin1String("/nodes") || ev.storageKey == QLatin1String("/events")
                || ev.storageKey == QLatin1String("clusterregistry.k8s.io/clusters"))
                return;
            if (ev.storageKey == QLatin1String("/pods") && waitingReason(ev.object.obj) == QLatin1String("CrashLoopBackOff"))
                return;
            writes[ev.storageKey] += 1;
            details << c->name() + QLatin1Char(' ') + ev.storageKey + QLatin1Char(' ') + ev.key;
        });
    m_controllers->start();
    QTest::qWait(1500);
    if (!writes.isEmpty())
        qWarning().noquote() << details.join(QLatin1Char('\n'));
    QVERIFY2(writes.isEmpty(), qPrintable(QStringLiteral("%1 unexpected writes").arg(details.size())));
}

void TstControllers::deploymentToRunningPods()
{
    m_controllers->start();
    const QJsonObject dep = create(b1(), deployment(QStringLiteral("web"), 3, QStringLiteral("nginx:1.27")));
    QVERIFY(!dep.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("web"), 3), 5000);
    const QList<QJsonObject> rss = list(QStringLiteral("apps/replicasets"));
    QCOMPARE(rss.size(), 1);
    const QJsonObject rs = rss.first();
    const QString hash = sim::labelsOf(rs).value(QLatin1String("pod-template-hash")).toString();
    QVERIFY(!hash.isEmpty());
    QCOMPARE(sim::nameOf(rs), QStringLiteral("web-") + hash);
    QCOMPARE(sim::controllerRef(rs).value(QLatin1String("uid")).toString(), sim::uidOf(dep));
    for (const QJsonObject &p : podsOf(QStringLiteral("web"))) {
        QCOMPARE(sim::controllerRef(p).value(QLatin1String("uid")).toString(), sim::uidOf(rs));
        QCOMPARE(sim::labelsOf(p).value(QLatin1String("pod-template-hash")).toString(), hash);
        QCOMPARE(sim::nameOf(p).size(), sim::nameOf(rs).size() + 6);
        const QJsonObject st = p.value(QLatin1String("status")).toObject();
        QVERIFY(!st.value(QLatin1String("podIP")).toString().isEmpty());
        QVERIFY(!p.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().contains(QLatin1String("master")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj
                                 .value(QLatin1String("status")).toObject().value(QLatin1String("availableReplicas")).toInt() == 3, 3000);
    const QJsonObject st = b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj.value(QLatin1String("status")).toObject();
    QCOMPARE(st.value(QLatin1String("readyReplicas")).toInt(), 3);
    QCOMPARE(st.value(QLatin1String("updatedReplicas")).toInt(), 3);
    QCOMPARE(st.value(QLatin1String("observedGeneration")).toInt(), 1);
    QVERIFY(QJsonDocument(st).toJson().contains("NewReplicaSetAvailable"));
    const QSet<QString> reasons = eventReasons();
    for (const char *r : {"ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "Pulled", "Created", "Started"})
        QVERIFY2(reasons.contains(QString::fromLatin1(r)), r);
}

void TstControllers::scaleUpAndDown()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("web"), 2, QStringLiteral("nginx:1.27")));
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("web"), 2), 5000);
    QJsonObject dep = b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj;
    QJsonObject spec = dep.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("replicas"), 5);
    dep.insert(QStringLiteral("spec"), spec);
    QVERIFY(!update(b1(), dep).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("web"), 5), 5000);
    dep = b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj;
    spec = dep.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("replicas"), 1);
    dep.insert(QStringLiteral("spec"), spec);
    QVERIFY(!update(b1(), dep).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("web"), 1), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj
                                  .value(QLatin1String("status")).toObject().value(QLatin1String("replicas")).toInt(), 1, 3000);
    QVERIFY(eventReasons().contains(QStringLiteral("SuccessfulDelete")));
    QCOMPARE(list(QStringLiteral("apps/replicasets")).size(), 1);
}

void TstControllers::rolloutNewTemplate()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("web"), 3, QStringLiteral("nginx:1.27")));
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("web"), 3), 5000);
    QJsonObject dep = b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj;
    update(b1(), deployment(QStringLiteral("web"), 3, QStringLiteral("nginx:1.28")));
    auto rolledOut = [this] {
        const QList<QJsonObject> pods = podsOf(QStringLiteral("web"));
        if (pods.size() != 3)
            return false;
        for (const QJsonObject &p : pods)
            if (!sim::podReady(p) || !QJsonDocument(p.value(QLatin1String("spec")).toObject()).toJson().contains("nginx:1.28"))
                return false;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rolledOut(), 8000);
    const QList<QJsonObject> rss = list(QStringLiteral("apps/replicasets"));
    QCOMPARE(rss.size(), 2);
    int zero = 0;
    for (const QJsonObject &rs : rss) {
        const int r = rs.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt();
        zero += r == 0 ? 1 : 0;
        if (r == 3)
            QCOMPARE(sim::annotation(rs, QStringLiteral("deployment.kubernetes.io/revision")), QStringLiteral("2"));
    }
    QCOMPARE(zero, 1);
    QTRY_COMPARE_WITH_TIMEOUT(sim::annotation(b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj,
                                              QStringLiteral("deployment.kubernetes.io/revision")), QStringLiteral("2"), 3000);

    // Rollback (what `kubectl rollout undo` writes: the old template, with creationTimestamp: null):
    // the old ReplicaSet is scaled up again as revision 3, no new one appears.
    QJsonObject oldRs;
    for (const QJsonObject &rs : list(QStringLiteral("apps/replicasets")))
        if (rs.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt() == 0)
            oldRs = rs;
    QJsonObject tmpl = oldRs.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    QJsonObject tm = tmpl.value(QLatin1String("metadata")).toObject();
    QJsonObject tl = tm.value(QLatin1String("labels")).toObject();
    tl.remove(QStringLiteral("pod-template-hash"));
    tm.insert(QStringLiteral("labels"), tl);
    tm.insert(QStringLiteral("creationTimestamp"), QJsonValue::Null);
    tmpl.insert(QStringLiteral("metadata"), tm);
    QJsonObject back = b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj;
    QJsonObject spec = back.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("template"), tmpl);
    back.insert(QStringLiteral("spec"), spec);
    QVERIFY(!update(b1(), back).isEmpty());
    auto rolledBack = [this] {
        const QList<QJsonObject> pods = podsOf(QStringLiteral("web"));
        if (pods.size() != 3)
            return false;
        for (const QJsonObject &p : pods)
            if (!sim::podReady(p) || !QJsonDocument(p.value(QLatin1String("spec")).toObject()).toJson().contains("nginx:1.27"))
                return false;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rolledBack(), 8000);
    QCOMPARE(list(QStringLiteral("apps/replicasets")).size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(sim::annotation(b1()->store().get(QStringLiteral("apps/deployments"), kNs, QStringLiteral("web"))->obj,
                                              QStringLiteral("deployment.kubernetes.io/revision")), QStringLiteral("3"), 3000);
}

void TstControllers::deleteCascades()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("web"), 2, QStringLiteral("nginx:1.27")));
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("web"), 2), 5000);
    const ResourceType *t = b1()->registry().find(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"));
    QVERIFY(b1()->remove(*t, kNs, QStringLiteral("web"), DeleteOptions{}, WriteOptions{}));
    QTRY_VERIFY_WITH_TIMEOUT(list(QStringLiteral("apps/replicasets")).isEmpty() && podsOf(QStringLiteral("web")).isEmpty(), 3000);
    QTest::qWait(300);   // nothing comes back
    QVERIFY(podsOf(QStringLiteral("web")).isEmpty());
    QVERIFY(list(QStringLiteral("apps/replicasets")).isEmpty());
}

void TstControllers::imagePullBackOff()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("broken"), 1, QStringLiteral("registry.example.com/team/app:doesnotexist")));
    QTRY_VERIFY_WITH_TIMEOUT(podsOf(QStringLiteral("broken")).size() == 1
                                 && waitingReason(podsOf(QStringLiteral("broken")).first()) == QLatin1String("ImagePullBackOff"), 5000);
    const QJsonObject pod = podsOf(QStringLiteral("broken")).first();
    QCOMPARE(phase(pod), QStringLiteral("Pending"));
    QVERIFY(!sim::podReady(pod));
    bool failed = false;
    for (const QJsonObject &e : list(QStringLiteral("/events")))
        failed = failed || (e.value(QLatin1String("reason")).toString() == QLatin1String("Failed")
                            && e.value(QLatin1String("type")).toString() == QLatin1String("Warning")
                            && e.value(QLatin1String("involvedObject")).toObject().value(QLatin1String("uid")) == pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")));
    QVERIFY(failed);
}

void TstControllers::crashLoopBackOff()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("crasher"), 1, QStringLiteral("registry.example.com/team/app:crash")));
    QTRY_VERIFY_WITH_TIMEOUT(podsOf(QStringLiteral("crasher")).size() == 1
                                 && waitingReason(podsOf(QStringLiteral("crasher")).first()) == QLatin1String("CrashLoopBackOff"), 5000);
    const QJsonObject pod = podsOf(QStringLiteral("crasher")).first();
    QCOMPARE(phase(pod), QStringLiteral("Running"));
    const QJsonObject cs = pod.value(QLatin1String("status")).toObject().value(QLatin1String("containerStatuses")).toArray().first().toObject();
    QVERIFY(cs.value(QLatin1String("restartCount")).toInt() >= 1);
    QCOMPARE(cs.value(QLatin1String("lastState")).toObject().value(QLatin1String("terminated")).toObject().value(QLatin1String("exitCode")).toInt(), 1);
    QVERIFY(eventReasons().contains(QStringLiteral("BackOff")));
}

void TstControllers::unschedulable()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("gpu"), 1, QStringLiteral("nginx:1.27"),
                            QJsonObject{{QStringLiteral("nodeSelector"), QJsonObject{{QStringLiteral("accelerator"), QStringLiteral("tpu")}}}}));
    auto unscheduled = [this] {
        const QList<QJsonObject> pods = podsOf(QStringLiteral("gpu"));
        if (pods.size() != 1)
            return false;
        const QJsonArray conds = pods.first().value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
        return !conds.isEmpty() && conds.first().toObject().value(QLatin1String("reason")).toString() == QLatin1String("Unschedulable");
    };
    QTRY_VERIFY_WITH_TIMEOUT(unscheduled(), 5000);
    const QString message = podsOf(QStringLiteral("gpu")).first().value(QLatin1String("status")).toObject().value(QLatin1String("conditions"))
                                .toArray().first().toObject().value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(QLatin1String("didn't match Pod's node affinity/selector")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")), qPrintable(message));
    QVERIFY(eventReasons().contains(QStringLiteral("FailedScheduling")));
    // A matching node appears: the pod gets scheduled.
    QJsonObject node = b1()->store().list(QStringLiteral("/nodes")).last()->obj;
    QJsonObject m = node.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = m.value(QLatin1String("labels")).toObject();
    labels.insert(QStringLiteral("accelerator"), QStringLiteral("tpu"));
    m.insert(QStringLiteral("labels"), labels);
    node.insert(QStringLiteral("metadata"), m);
    // Make sure it is a Ready, schedulable worker.
    QJsonObject spec = node.value(QLatin1String("spec")).toObject();
    spec.remove(QStringLiteral("unschedulable"));
    spec.remove(QStringLiteral("taints"));
    node.insert(QStringLiteral("spec"), spec);
    QJsonObject st = node.value(QLatin1String("status")).toObject();
    QJsonArray conds = st.value(QLatin1String("conditions")).toArray();
    for (qsizetype i = 0; i < conds.size(); ++i) {
        QJsonObject c = conds.at(i).toObject();
        c.insert(QStringLiteral("status"), c.value(QLatin1String("type")).toString() == QLatin1String("Ready") ? QStringLiteral("True") : QStringLiteral("False"));
        conds.replace(i, c);
    }
    st.insert(QStringLiteral("conditions"), conds);
    node.insert(QStringLiteral("status"), st);
    QVERIFY(bool(b1()->apply(node)));
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("gpu"), 1), 8000);
}

void TstControllers::quotaUsage()
{
    m_controllers->start();
    const QString ns = QStringLiteral("alpha-dev");
    auto used = [this, &ns](const char *key) {
        return b1()->store().get(QStringLiteral("/resourcequotas"), ns, QStringLiteral("default"))->obj.value(QLatin1String("status")).toObject()
            .value(QLatin1String("used")).toObject().value(QLatin1String(key)).toString();
    };
    const int podsBefore = used("pods").toInt();
    QJsonObject dep = deployment(QStringLiteral("extra"), 2, QStringLiteral("nginx:1.27"));
    QJsonObject m = dep.value(QLatin1String("metadata")).toObject();
    m.insert(QStringLiteral("namespace"), ns);
    dep.insert(QStringLiteral("metadata"), m);
    const QString cpuBefore = used("requests.cpu");
    QVERIFY(!create(b1(), dep).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(used("pods").toInt(), podsBefore + 2, 5000);
    QVERIFY(used("requests.cpu") != cpuBefore);
    auto millis = [](const QString &q) { return q.endsWith(QLatin1Char('m')) ? q.chopped(1).toInt() : q.toInt() * 1000; };
    QCOMPARE(millis(used("requests.cpu")), millis(cpuBefore) + 200);
    const QString cmBefore = used("configmaps");
    create(b1(), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("extra")}, {QStringLiteral("namespace"), ns}}}});
    QTRY_COMPARE_WITH_TIMEOUT(used("configmaps").toInt(), cmBefore.toInt() + 1, 3000);
}

void TstControllers::endpointsFollowPods()
{
    m_controllers->start();
    create(b1(), deployment(QStringLiteral("web"), 2, QStringLiteral("nginx:1.27")));
    create(b1(), obj(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"ctl-test"},
                        "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}})"));
    auto addresses = [this] {
        const StoredObject *ep = b1()->store().get(QStringLiteral("/endpoints"), kNs, QStringLiteral("web"));
        if (!ep)
            return -1;
        const QJsonObject subset = ep->obj.value(QLatin1String("subsets")).toArray().first().toObject();
        if (subset.value(QLatin1String("ports")).toArray().first().toObject().value(QLatin1String("port")).toInt() != 8080)
            return -2;
        return int(subset.value(QLatin1String("addresses")).toArray().size());
    };
    QTRY_COMPARE_WITH_TIMEOUT(addresses(), 2, 5000);
    const ResourceType *svc = b1()->registry().find(QString(), QStringLiteral("v1"), QStringLiteral("services"));
    QVERIFY(b1()->remove(*svc, kNs, QStringLiteral("web"), DeleteOptions{}, WriteOptions{}));
    QTRY_VERIFY_WITH_TIMEOUT(!b1()->store().get(QStringLiteral("/endpoints"), kNs, QStringLiteral("web")), 3000);
}

void TstControllers::jobCompletes()
{
    m_controllers->start();
    create(b1(), obj(R"({"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"once","namespace":"ctl-test"},
                        "spec":{"completions":2,"parallelism":1,"template":{"metadata":{"labels":{"app":"once"}},
                        "spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36"}]}}}})"));
    auto complete = [this] {
        const QJsonObject st = b1()->store().get(QStringLiteral("batch/jobs"), kNs, QStringLiteral("once"))->obj.value(QLatin1String("status")).toObject();
        return st.value(QLatin1String("succeeded")).toInt() == 2 && QJsonDocument(st).toJson().contains("\"Complete\"");
    };
    QTRY_VERIFY_WITH_TIMEOUT(complete(), 8000);
    int succeeded = 0;
    for (const QJsonObject &p : podsOf(QStringLiteral("once")))
        succeeded += phase(p) == QLatin1String("Succeeded") ? 1 : 0;
    QCOMPARE(succeeded, 2);
    QVERIFY(eventReasons().contains(QStringLiteral("Completed")));
}

void TstControllers::statefulSetOrdered()
{
    m_controllers->start();
    create(b1(), obj(R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"ctl-test"},
                        "spec":{"replicas":2,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
                        "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres:16"}]}},
                        "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
                        "resources":{"requests":{"storage":"1Gi"}}}}]}})"));
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("db"), 2), 8000);
    QVERIFY(b1()->store().get(QStringLiteral("/pods"), kNs, QStringLiteral("db-0")));
    QVERIFY(b1()->store().get(QStringLiteral("/pods"), kNs, QStringLiteral("db-1")));
    QVERIFY(b1()->store().get(QStringLiteral("/persistentvolumeclaims"), kNs, QStringLiteral("data-db-0")));
    QVERIFY(b1()->store().get(QStringLiteral("/persistentvolumeclaims"), kNs, QStringLiteral("data-db-1")));
    QTRY_COMPARE_WITH_TIMEOUT(b1()->store().get(QStringLiteral("apps/statefulsets"), kNs, QStringLiteral("db"))->obj
                                  .value(QLatin1String("status")).toObject().value(QLatin1String("readyReplicas")).toInt(), 2, 3000);
}

void TstControllers::daemonSetPerNode()
{
    m_controllers->start();
    create(b1(), obj(R"({"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"ctl-test"},
                        "spec":{"selector":{"matchLabels":{"app":"agent"}},
                        "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"a","image":"fluent/fluent-bit:3"}]}}}})"));
    // Eligible: Ready or not, cordoned included (tolerated), control plane excluded (taint), the
    // NotReady node excluded (its unreachable:NoSchedule taint is not tolerated).
    int eligible = 0;
    for (const StoredObject *n : b1()->store().list(QStringLiteral("/nodes"))) {
        bool cp = sim::labelsOf(n->obj).contains(QLatin1String("node-role.kubernetes.io/control-plane"));
        bool unreachable = QJsonDocument(n->obj.value(QLatin1String("spec")).toObject()).toJson().contains("unreachable");
        eligible += !cp && !unreachable ? 1 : 0;
    }
    QVERIFY(eligible >= 2);
    QTRY_VERIFY_WITH_TIMEOUT(allRunning(QStringLiteral("agent"), eligible), 8000);
    QSet<QString> nodes;
    for (const QJsonObject &p : podsOf(QStringLiteral("agent")))
        nodes.insert(p.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString());
    QCOMPARE(nodes.size(), eligible);
    QTRY_COMPARE_WITH_TIMEOUT(b1()->store().get(QStringLiteral("apps/daemonsets"), kNs, QStringLiteral("agent"))->obj
                                  .value(QLatin1String("status")).toObject().value(QLatin1String("numberReady")).toInt(), eligible, 3000);
}

void TstControllers::clusterRoleAggregation()
{
    m_controllers->start();
    create(b1(), obj(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
                        "metadata":{"name":"widgets-view","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},
                        "rules":[{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["get","list","watch"]}]})"));
    auto has = [this](const char *role) {
        return QJsonDocument(b1()->store().get(QStringLiteral("rbac.authorization.k8s.io/clusterroles"), QString(), QString::fromLatin1(role))->obj)
            .toJson().contains("widgets");
    };
    QTRY_VERIFY_WITH_TIMEOUT(has("view") && has("edit") && has("admin"), 3000);
}

void TstControllers::heartbeats()
{
    m_controllers->start();
    auto heartbeat = [this](SimCluster *c, const QString &skey, const QString &ns, const QString &name, const char *type) {
        const StoredObject *o = c->store().get(skey, ns, name);
        for (const QJsonValue &cond : o->obj.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray())
            if (cond.toObject().value(QLatin1String("type")).toString() == QLatin1String(type))
                return cond.toObject().value(QLatin1String("lastHeartbeatTime")).toString();
        return QString();
    };
    QString ready, notReady;
    for (const StoredObject *n : b1()->store().list(QStringLiteral("/nodes"))) {
        if (sim::nameOf(n->obj).endsWith(QLatin1String("worker-1")))
            ready = sim::nameOf(n->obj);
        if (QJsonDocument(n->obj).toJson().contains("NodeStatusUnknown"))
            notReady = sim::nameOf(n->obj);
    }
    QVERIFY(!ready.isEmpty());
    QVERIFY(!notReady.isEmpty());   // one workload cluster: it has the NotReady node
    const QString before = heartbeat(b1(), QStringLiteral("/nodes"), QString(), ready, "Ready");
    const QString staleBefore = heartbeat(b1(), QStringLiteral("/nodes"), QString(), notReady, "Ready");
    const QString clusterBefore = heartbeat(m_clusters.first(), QStringLiteral("clusterregistry.k8s.io/clusters"), QStringLiteral("cpaas-system"),
                                            QStringLiteral("business-1"), "NodeNotReady");
    QTRY_VERIFY_WITH_TIMEOUT(heartbeat(b1(), QStringLiteral("/nodes"), QString(), ready, "Ready") > before, 4000);
    QTRY_VERIFY_WITH_TIMEOUT(heartbeat(m_clusters.first(), QStringLiteral("clusterregistry.k8s.io/clusters"), QStringLiteral("cpaas-system"),
                                       QStringLiteral("business-1"), "NodeNotReady") > clusterBefore, 4000);
    QCOMPARE(heartbeat(b1(), QStringLiteral("/nodes"), QString(), notReady, "Ready"), staleBefore);
}

void TstControllers::scaleModeQuietAndResponsive()
{
    // A scale-mode fleet: starting the controllers writes nothing but heartbeats; a scaled
    // Deployment still converges.
    QList<SimCluster *> fleet{new SimCluster(QStringLiteral("global"))};
    for (int i = 1; i <= 5; ++i)
        fleet << new SimCluster(QStringLiteral("business-%1").arg(i));
    SeedConfig config;
    config.podsPerCluster = 1000;
    Seed::populate(fleet, config, UserDirectory());
    int writes = 0;
    for (SimCluster *c : fleet)
        c->store().addWatcher([&writes](const StoreEvent &ev) {
            if (ev.storageKey != QLatin1String("/nodes") && ev.storageKey != QLatin1String("clusterregistry.k8s.io/clusters"))
                ++writes;
        });
    Controllers controllers(fleet);
    ControllerTiming timing = m_controllers->timing();
    controllers.setTiming(timing);
    QElapsedTimer t;
    t.start();
    controllers.start();
    const qint64 startMs = t.elapsed();
    QTest::qWait(1000);
    QCOMPARE(writes, 0);
    SimCluster *c = fleet.at(3);
    QJsonObject dep = c->store().list(QStringLiteral("apps/deployments")).first()->obj;
    const QString ns = sim::namespaceOf(dep);
    const QString app = sim::nameOf(dep);
    QJsonObject spec = dep.value(QLatin1String("spec")).toObject();
    const int replicas = spec.value(QLatin1String("replicas")).toInt();
    spec.insert(QStringLiteral("replicas"), replicas + 5);
    dep.insert(QStringLiteral("spec"), spec);
    t.restart();
    QVERIFY(!update(c, dep).isEmpty());
    auto ready = [c, &ns, &app] {
        return c->store().get(QStringLiteral("apps/deployments"), ns, app)->obj.value(QLatin1String("status")).toObject()
            .value(QLatin1String("readyReplicas")).toInt();
    };
    QTRY_COMPARE_WITH_TIMEOUT(ready(), replicas + 5, 8000);
    qDebug() << "scale mode: controllers start" << startMs << "ms; +5 replicas ready in" << t.elapsed() << "ms";
    QCOMPARE(c->store().count(QStringLiteral("/pods")), 1005);
    controllers.stop();
    qDeleteAll(fleet);
}

void TstControllers::disruptionBudgetStatus()
{
    auto pod = [](const QString &name, const QString &app, const QString &phase, bool deleting = false) {
        QJsonObject meta{{QStringLiteral("name"), name}, {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), app}}}};
        if (deleting)
            meta.insert(QStringLiteral("deletionTimestamp"), QStringLiteral("2026-01-01T00:00:00Z"));
        return QJsonObject{{QStringLiteral("metadata"), meta}, {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), phase}}}};
    };
    const QList<QJsonObject> pods{pod(QStringLiteral("a"), QStringLiteral("web"), QStringLiteral("Running")),
                                  pod(QStringLiteral("b"), QStringLiteral("web"), QStringLiteral("Running")),
                                  pod(QStringLiteral("c"), QStringLiteral("web"), QStringLiteral("Running"), true),
                                  pod(QStringLiteral("d"), QStringLiteral("web"), QStringLiteral("Pending")),
                                  pod(QStringLiteral("e"), QStringLiteral("web"), QStringLiteral("Succeeded")),
                                  pod(QStringLiteral("f"), QStringLiteral("db"), QStringLiteral("Running"))};
    auto pdb = [](const QString &key, const QJsonValue &value) {
        return QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("web")}, {QStringLiteral("generation"), 3}}},
                           {QStringLiteral("spec"), QJsonObject{{key, value},
                                {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("web")}}}}}}}};
    };
    // 4 expected (the finished pod and the other app's pod do not count), 2 healthy
    QJsonObject st = Controllers::disruptionBudgetStatus(pdb(QStringLiteral("minAvailable"), 1), pods, {});
    QCOMPARE(st.value(QLatin1String("expectedPods")).toInt(), 4);
    QCOMPARE(st.value(QLatin1String("currentHealthy")).toInt(), 2);
    QCOMPARE(st.value(QLatin1String("desiredHealthy")).toInt(), 1);
    QCOMPARE(st.value(QLatin1String("disruptionsAllowed")).toInt(), 1);
    QCOMPARE(st.value(QLatin1String("observedGeneration")).toInt(), 3);
    const QJsonObject allowed = st.value(QLatin1String("conditions")).toArray().at(0).toObject();
    QCOMPARE(allowed.value(QLatin1String("reason")).toString(), QStringLiteral("SufficientPods"));
    QCOMPARE(allowed.value(QLatin1String("status")).toString(), QStringLiteral("True"));

    st = Controllers::disruptionBudgetStatus(pdb(QStringLiteral("minAvailable"), QStringLiteral("75%")), pods, st);
    QCOMPARE(st.value(QLatin1String("desiredHealthy")).toInt(), 3);
    QCOMPARE(st.value(QLatin1String("disruptionsAllowed")).toInt(), 0);
    QCOMPARE(st.value(QLatin1String("conditions")).toArray().at(0).toObject().value(QLatin1String("reason")).toString(),
             QStringLiteral("InsufficientPods"));
    st = Controllers::disruptionBudgetStatus(pdb(QStringLiteral("maxUnavailable"), 3), pods, st);
    QCOMPARE(st.value(QLatin1String("desiredHealthy")).toInt(), 1);
    QCOMPARE(st.value(QLatin1String("disruptionsAllowed")).toInt(), 1);
    // lastTransitionTime stays while the condition's status does not change
    const QJsonObject again = Controllers::disruptionBudgetStatus(pdb(QStringLiteral("maxUnavailable"), 3), pods, st);
    QCOMPARE(again, st);
}

QTEST_GUILESS_MAIN(TstControllers)
#include "tst_controllers.moc"
