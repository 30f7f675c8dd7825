#include "sandbox/Controllers.h"

#include "sandbox/ControllersInternal.h"
#include "sandbox/ObjectStore.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcControllers, "acp.sandbox.controllers")

namespace acp::sandbox {

using namespace sim;

namespace {
const QString kPods = QStringLiteral("/pods");

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

bool podNeedsScheduling(const QJsonObject &pod)
{
    if (isDeleting(pod) || podTerminal(pod))
        return false;
    if (!pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty())
        return false;
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString(QStringLiteral("Pending"))
           == QLatin1String("Pending");
}

bool podNeedsStart(const QJsonObject &pod)
{
    if (isDeleting(pod) || podTerminal(pod))
        return false;
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    if (pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty())
        return false;
    const QJsonArray cs = status.value(QLatin1String("containerStatuses")).toArray();
    if (cs.isEmpty())
        return true;
    for (const QJsonValue &c : cs)
        if (c.toObject().value(QLatin1String("state")).toObject().value(QLatin1String("waiting")).toObject()
                .value(QLatin1String("reason")).toString() == QLatin1String("ContainerCreating"))
            return true;
    return false;
}

bool podCrashLooping(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(QLatin1String("status")).toObject().value(QLatin1String("containerStatuses")).toArray())
        if (c.toObject().value(QLatin1String("state")).toObject().value(QLatin1String("waiting")).toObject()
                .value(QLatin1String("reason")).toString() == QLatin1String("CrashLoopBackOff"))
            return true;
    return false;
}

bool isJobPod(const QJsonObject &pod)
{
    return controllerRef(pod).value(QLatin1String("kind")).toString() == QLatin1String("Job");
}

QString readyStatus(const QJsonObject &node)
{
    for (const QJsonValue &c : node.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray())
        if (c.toObject().value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            return c.toObject().value(QLatin1String("status")).toString();
    return QString();
}
} // namespace

Controllers::Controllers(Sandbox *sandbox) : QObject(sandbox), m_sandbox(sandbox) {}

Controllers::Controllers(const QList<SimCluster *> &clusters, QObject *parent) : QObject(parent)
{
    for (SimCluster *c : clusters)
        addCluster(c);
}

Controllers::~Controllers() { stop(); }

void Controllers::addCluster(SimCluster *cluster)
{
    for (const auto &s : m_clusters)
        if (s->cluster == cluster)
            return;
    auto state = std::make_unique<State>();
    state->cluster = cluster;
    state->isGlobal = cluster->name() == QLatin1String("global");
    State *raw = state.get();
    connect(cluster, &QObject::destroyed, this, [this, raw] {
        raw->cluster = nullptr;
        raw->watcherId = 0;
        for (auto it = m_tasks.begin(); it != m_tasks.end();)
            it = it->second.cluster == raw ? m_tasks.erase(it) : std::next(it);
    });
    m_clusters.push_back(std::move(state));
    if (m_running)
        attach(*raw);
}

void Controllers::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_sandbox)
        for (SimCluster *c : m_sandbox->clusters())
            addCluster(c);
    m_workTimer.setSingleShot(true);
    m_taskTimer.setSingleShot(true);
    connect(&m_workTimer, &QTimer::timeout, this, &Controllers::processDirty, Qt::UniqueConnection);
    connect(&m_taskTimer, &QTimer::timeout, this, &Controllers::runDueTasks, Qt::UniqueConnection);
    connect(&m_tickTimer, &QTimer::timeout, this, &Controllers::tick, Qt::UniqueConnection);
    m_tickTimer.start(1000);
    for (const auto &s : m_clusters)
        attach(*s);
}

void Controllers::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_workTimer.stop();
    m_taskTimer.stop();
    m_tickTimer.stop();
    m_tasks.clear();
    for (const auto &s : m_clusters) {
        if (s->cluster && s->watcherId)
            s->cluster->store().removeWatcher(s->watcherId);
        s->watcherId = 0;
        s->queuedPods.clear();
    }
}

void Controllers::attach(State &s)
{
    if (!s.cluster || s.watcherId)
        return;
    State *raw = &s;
    s.watcherId = s.cluster->store().addWatcher([this, raw](const StoreEvent &ev) { onStoreEvent(*raw, ev); });
    initialScan(s);
    scheduleWork();
}

void Controllers::initialScan(State &s)
{
    ObjectStore &store = s.cluster->store();
    const qint64 now = nowMs();
    for (const StoredObject *n : store.list(QStringLiteral("/nodes")))
        s.nodeDue.insert(nameOf(n->obj), now + QRandomGenerator::global()->bounded(qMax(1, m_timing.nodeHeartbeatMs)));
    if (s.isGlobal)
        for (const StoredObject *c : store.list(QStringLiteral("clusterregistry.k8s.io/clusters")))
            s.clusterDue.insert(objectKey(namespaceOf(c->obj), nameOf(c->obj)),
                                now + QRandomGenerator::global()->bounded(qMax(1, m_timing.clusterHeartbeatMs)));
    for (const StoredObject *c : store.list(QStringLiteral("batch/cronjobs")))
        s.cronJobs.insert(objectKey(namespaceOf(c->obj), nameOf(c->obj)));
    s.clusterRolesChanged = true;

    // Large (scale-mode) clusters are seeded consistent: no start-up pass over their pods (the
    // owner index is built on first need).
    if (store.count(kPods) > 500)
        return;
    ownedPods(s, QString());   // builds the index
    for (const StoredObject *p : store.list(kPods)) {
        const QString key = objectKey(namespaceOf(p->obj), nameOf(p->obj));
        if (podNeedsScheduling(p->obj))
            schedule(s, TaskKind::Schedule, key, uidOf(p->obj), m_timing.scheduleDelayMs);
        else if (podNeedsStart(p->obj))
            schedule(s, TaskKind::Start, key, uidOf(p->obj), m_timing.startDelayMs);
        else if (podCrashLooping(p->obj))
            schedule(s, TaskKind::Restart, key, uidOf(p->obj), 10000 + QRandomGenerator::global()->bounded(20000));
        else if (isJobPod(p->obj) && !podTerminal(p->obj))
            schedule(s, TaskKind::Complete, key, uidOf(p->obj), m_timing.jobRunMs);
    }
    auto keys = [&store](const char *skey, QSet<QString> &into) {
        for (const StoredObject *o : store.list(QString::fromLatin1(skey)))
            into.insert(objectKey(namespaceOf(o->obj), nameOf(o->obj)));
    };
    keys("apps/deployments", s.deployments);
    keys("apps/replicasets", s.replicaSets);
    keys("apps/statefulsets", s.statefulSets);
    keys("apps/daemonsets", s.daemonSets);
    keys("batch/jobs", s.jobs);
    for (const StoredObject *o : store.list(QStringLiteral("/services")))
        s.endpointNamespaces.insert(namespaceOf(o->obj));
    for (const StoredObject *o : store.list(QStringLiteral("/resourcequotas")))
        s.quotaNamespaces.insert(namespaceOf(o->obj));
    for (const StoredObject *o : store.list(QStringLiteral("policy/poddisruptionbudgets")))
        s.disruptionNamespaces.insert(namespaceOf(o->obj));
}

void Controllers::onStoreEvent(State &s, const StoreEvent &ev)
{
    const QString &skey = ev.storageKey;
    const QJsonObject &obj = ev.object.obj;
    const QString ns = namespaceOf(obj);
    const QString key = objectKey(ns, nameOf(obj));
    bool work = true;
    if (skey == kPods) {
        if (s.indexed) {
            const QString oldOwner = s.podOwner.take(ev.key);
            if (!oldOwner.isEmpty()) {
                auto it = s.podsByOwner.find(oldOwner);
                if (it != s.podsByOwner.end()) {
                    it->remove(ev.key);
                    if (it->isEmpty())
                        s.podsByOwner.erase(it);
                }
            }
            if (ev.type != EventType::Deleted) {
                const QString owner = controllerRef(obj).value(QLatin1String("uid")).toString();
                if (!owner.isEmpty()) {
                    s.podOwner.insert(ev.key, owner);
                    s.podsByOwner[owner].insert(ev.key);
                }
            }
        }
        const QJsonObject ref = controllerRef(obj);
        const QString ownerKind = ref.value(QLatin1String("kind")).toString();
        const QString ownerKey = objectKey(ns, ref.value(QLatin1String("name")).toString());
        if (ownerKind == QLatin1String("ReplicaSet"))
            s.replicaSets.insert(ownerKey);
        else if (ownerKind == QLatin1String("StatefulSet"))
            s.statefulSets.insert(ownerKey);
        else if (ownerKind == QLatin1String("DaemonSet"))
            s.daemonSets.insert(ownerKey);
        else if (ownerKind == QLatin1String("Job"))
            s.jobs.insert(ownerKey);
        s.endpointNamespaces.insert(ns);
        s.quotaNamespaces.insert(ns);
        s.disruptionNamespaces.insert(ns);
        if (ev.type == EventType::Deleted) {
            s.queuedPods.remove(key);
            s.unschedulable.remove(key);
        } else if (!s.queuedPods.contains(key) && !s.unschedulable.contains(key)) {
            if (podNeedsScheduling(obj))
                schedule(s, TaskKind::Schedule, key, uidOf(obj), m_timing.scheduleDelayMs);
            else if (podNeedsStart(obj))
                schedule(s, TaskKind::Start, key, uidOf(obj), m_timing.startDelayMs);
        }
    } else if (skey == QLatin1String("apps/deployments")) {
        s.deployments.insert(key);
    } else if (skey == QLatin1String("apps/replicasets")) {
        s.replicaSets.insert(key);
        const QJsonObject ref = controllerRef(obj);
        if (ref.value(QLatin1String("kind")).toString() == QLatin1String("Deployment"))
            s.deployments.insert(objectKey(ns, ref.value(QLatin1String("name")).toString()));
    } else if (skey == QLatin1String("apps/statefulsets")) {
        s.statefulSets.insert(key);
    } else if (skey == QLatin1String("apps/daemonsets")) {
        s.daemonSets.insert(key);
    } else if (skey == QLatin1String("batch/jobs")) {
        s.jobs.insert(key);
    } else if (skey == QLatin1String("batch/cronjobs")) {
        if (ev.type == EventType::Deleted)
            s.cronJobs.remove(key);
        else
            s.cronJobs.insert(key);
        work = false;
    } else if (skey == QLatin1String("/services")) {
        s.endpointNamespaces.insert(ns);
        s.quotaNamespaces.insert(ns);
    } else if (skey == QLatin1String("policy/poddisruptionbudgets")) {
        work = ev.type == EventType::Added
               || (ev.type == EventType::Modified && ev.previous.obj.value(QLatin1String("spec")) != obj.value(QLatin1String("spec")));
        if (work)
            s.disruptionNamespaces.insert(ns);
    } else if (skey == QLatin1String("/resourcequotas")) {
        work = ev.type != EventType::Modified
               || ev.previous.obj.value(QLatin1String("spec")) != obj.value(QLatin1String("spec"));
        if (work)
            s.quotaNamespaces.insert(ns);
    } else if (skey == QLatin1String("/configmaps") || skey == QLatin1String("/secrets")
               || skey == QLatin1String("/persistentvolumeclaims") || skey == QLatin1String("/replicationcontrollers")) {
        work = ev.type != EventType::Modified || skey == QLatin1String("/persistentvolumeclaims");
        if (work)
            s.quotaNamespaces.insert(ns);
    } else if (skey == QLatin1String("/nodes")) {
        const QJsonObject &prev = ev.previous.obj;
        work = ev.type != EventType::Modified || prev.value(QLatin1String("spec")) != obj.value(QLatin1String("spec"))
               || labelsOf(prev) != labelsOf(obj) || readyStatus(prev) != readyStatus(obj);
        if (ev.type == EventType::Added)
            s.nodeDue.insert(nameOf(obj), nowMs() + m_timing.nodeHeartbeatMs);
        else if (ev.type == EventType::Deleted)
            s.nodeDue.remove(nameOf(obj));
        s.nodesChanged = s.nodesChanged || work;
    } else if (skey == QLatin1String("rbac.authorization.k8s.io/clusterroles")) {
        const bool relevant = !labelsOf(obj).isEmpty() || obj.contains(QLatin1String("aggregationRule"))
                              || !labelsOf(ev.previous.obj).isEmpty();
        s.clusterRolesChanged = s.clusterRolesChanged || relevant;
        work = relevant;
    } else if (skey == QLatin1String("clusterregistry.k8s.io/clusters") && s.isGlobal) {
        if (ev.type == EventType::Deleted)
            s.clusterDue.remove(key);
        else if (!s.clusterDue.contains(key))
            s.clusterDue.insert(key, nowMs() + 1000);
        work = false;
    } else {
        work = false;
    }
    if (work)
        scheduleWork();
}

void Controllers::scheduleWork()
{
    if (m_running && !m_workTimer.isActive())
        m_workTimer.start(m_timing.coalesceMs);
}

void Controllers::processDirty()
{
    for (const auto &s : m_clusters)
        if (s->cluster && s->watcherId)
            process(*s);
}

void Controllers::process(State &s)
{
    if (std::exchange(s.clusterRolesChanged, false))
        reconcileClusterRoles(s);
    const bool nodesChanged = std::exchange(s.nodesChanged, false);
    if (nodesChanged) {
        for (const StoredObject *o : s.cluster->store().list(QStringLiteral("apps/daemonsets")))
            s.daemonSets.insert(objectKey(namespaceOf(o->obj), nameOf(o->obj)));
    }
    for (const QString &k : std::exchange(s.deployments, {}))
        reconcileDeployment(s, k);
    for (const QString &k : std::exchange(s.replicaSets, {}))
        reconcileReplicaSet(s, k);
    for (const QString &k : std::exchange(s.statefulSets, {}))
        reconcileStatefulSet(s, k);
    for (const QString &k : std::exchange(s.daemonSets, {}))
        reconcileDaemonSet(s, k);
    for (const QString &k : std::exchange(s.jobs, {}))
        reconcileJob(s, k);
    if (nodesChanged)
        retryUnschedulable(s);
    for (const QString &ns : std::exchange(s.endpointNamespaces, {}))
        reconcileEndpoints(s, ns);
    for (const QString &ns : std::exchange(s.quotaNamespaces, {}))
        reconcileQuotas(s, ns);
    for (const QString &ns : std::exchange(s.disruptionNamespaces, {}))
        reconcileDisruptionBudgets(s, ns);
}

void Controllers::schedule(State &s, TaskKind kind, const QString &key, const QString &uid, int delayMs)
{
    if (!m_running)
        return;
    s.queuedPods.insert(key);
    const qint64 due = nowMs() + qMax(0, delayMs);
    m_tasks.emplace(due, Task{&s, kind, key, uid});
    const qint64 first = m_tasks.begin()->first;
    const qint64 wait = qMax<qint64>(0, first - nowMs());
    if (!m_taskTimer.isActive() || m_taskTimer.remainingTime() > wait)
        m_taskTimer.start(int(wait));
}

void Controllers::runDueTasks()
{
    const qint64 now = nowMs();
    QList<Task> due;
    while (!m_tasks.empty() && m_tasks.begin()->first <= now) {
        due << m_tasks.begin()->second;
        m_tasks.erase(m_tasks.begin());
    }
    for (const Task &t : std::as_const(due)) {
        if (!t.cluster->cluster)
            continue;
        t.cluster->queuedPods.remove(t.key);
        podTask(t);
    }
    if (!m_tasks.empty() && m_running)
        m_taskTimer.start(int(qMax<qint64>(0, m_tasks.begin()->first - nowMs())));
}

void Controllers::tick()
{
    ++m_ticks;
    const qint64 now = nowMs();
    for (const auto &sp : m_clusters) {
        State &s = *sp;
        if (!s.cluster || !s.watcherId)
            continue;
        heartbeatNodes(s, now);
        if (s.isGlobal)
            heartbeatClusters(s, now);
        if (m_ticks % 10 == 0 && !s.cronJobs.isEmpty())
            reconcileCronJobs(s);
        if (m_ticks % 60 == 0)
            pruneEvents(s);
        if (m_ticks % 30 == 0 && !s.unschedulable.isEmpty()) {
            s.nodesChanged = true;   // the scheduler's periodic retry of unschedulable pods
            scheduleWork();
        }
        if (m_ticks % 30 == 15) {
            // Rollouts still in progress: re-check their progress deadline.
            for (const StoredObject *d : s.cluster->store().list(QStringLiteral("apps/deployments"))) {
                for (const QJsonValue &c : d->obj.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray()) {
                    if (c.toObject().value(QLatin1String("reason")).toString() == QLatin1String("ReplicaSetUpdated")) {
                        s.deployments.insert(objectKey(namespaceOf(d->obj), nameOf(d->obj)));
                        scheduleWork();
                    }
                }
            }
        }
    }
}

QJsonObject Controllers::write(State &s, const QJsonObject &obj)
{
    auto r = s.cluster->apply(obj);
    if (!r) {
        qCWarning(lcControllers) << s.cluster->name() << obj.value(QLatin1String("kind")).toString() << namespaceOf(obj)
                                 << nameOf(obj) << r.error().message;
        return {};
    }
    return r->obj;
}

bool Controllers::createObject(State &s, const QJsonObject &obj, QJsonObject *stored)
{
    const ResourceType *t = s.cluster->typeFor(obj);
    if (!t)
        return false;
    WriteOptions opts;
    opts.skipAdmission = true;
    auto r = s.cluster->create(*t, obj, opts);
    if (!r) {
        // A namespace being terminated refuses new content: expected, not worth a warning.
        if (r.error().httpStatus == 403 || r.error().httpStatus == 404)
            qCDebug(lcControllers) << s.cluster->name() << "create" << obj.value(QLatin1String("kind")).toString()
                                   << namespaceOf(obj) << nameOf(obj) << r.error().message;
        else
            qCWarning(lcControllers) << s.cluster->name() << "create" << obj.value(QLatin1String("kind")).toString()
                                     << namespaceOf(obj) << nameOf(obj) << r.error().message;
        return false;
    }
    if (stored)
        *stored = r->obj;
    return true;
}

void Controllers::removeObject(State &s, const QString &apiVersion, const QString &kind, const QString &ns, const QString &name)
{
    const ResourceType *t = s.cluster->typeFor(QJsonObject{{QStringLiteral("apiVersion"), apiVersion}, {QStringLiteral("kind"), kind}});
    if (!t)
        return;
    WriteOptions opts;
    opts.skipAdmission = true;
    auto r = s.cluster->remove(*t, ns, name, DeleteOptions{}, opts);
    if (!r && r.error().httpStatus != 404)
        qCWarning(lcControllers) << s.cluster->name() << "delete" << kind << ns << name << r.error().message;
}

QList<QJsonObject> Controllers::ownedPods(State &s, const QString &ownerUid)
{
    ObjectStore &store = s.cluster->store();
    if (!s.indexed) {
        s.indexed = true;
        for (const StoredObject *p : store.list(kPods)) {
            const QString owner = controllerRef(p->obj).value(QLatin1String("uid")).toString();
            if (owner.isEmpty())
                continue;
            const QString key = objectKey(namespaceOf(p->obj), nameOf(p->obj));
            s.podOwner.insert(key, owner);
            s.podsByOwner[owner].insert(key);
        }
    }
    QList<QJsonObject> out;
    if (ownerUid.isEmpty())
        return out;
    const auto it = s.podsByOwner.constFind(ownerUid);
    if (it == s.podsByOwner.constEnd())
        return out;
    for (const QString &key : *it)
        if (const StoredObject *p = store.get(kPods, keyNamespace(key), keyName(key)))
            out << p->obj;
    std::sort(out.begin(), out.end(), [](const QJsonObject &a, const QJsonObject &b) { return nameOf(a) < nameOf(b); });
    return out;
}

} // namespace acp::sandbox
