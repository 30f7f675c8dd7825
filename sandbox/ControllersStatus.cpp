// Controllers: endpoints, resource quotas, ClusterRole aggregation, node and cluster heartbeats.
#include "sandbox/Controllers.h"

#include "models/LabelSelector.h"
#include "sandbox/Admission.h"
#include "sandbox/ControllersInternal.h"
#include "sandbox/Seed.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <algorithm>

namespace acp::sandbox {

using namespace sim;

namespace {
QJsonObject spec(const QJsonObject &o) { return o.value(QLatin1String("spec")).toObject(); }
QJsonObject status(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject(); }

QJsonObject clusterCondition(const char *type, bool on, const QString &reason, const QString &message, const QJsonArray &previous)
{
    const QString now = nowTime();
    QJsonObject c{{QStringLiteral("type"), QString::fromLatin1(type)},
                  {QStringLiteral("status"), on ? QStringLiteral("True") : QStringLiteral("False")},
                  {QStringLiteral("lastHeartbeatTime"), now},
                  {QStringLiteral("lastTransitionTime"), now}};
    if (!reason.isEmpty())
        c.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        c.insert(QStringLiteral("message"), message);
    for (const QJsonValue &p : previous)
        if (p.toObject().value(QLatin1String("type")) == c.value(QLatin1String("type"))
            && p.toObject().value(QLatin1String("status")) == c.value(QLatin1String("status")))
            c.insert(QStringLiteral("lastTransitionTime"), p.toObject().value(QLatin1String("lastTransitionTime")));
    return c;
}
} // namespace

QJsonObject Controllers::endpointsFor(const QJsonObject &service, const QList<QJsonObject> &pods, const QJsonObject &previous)
{
    const QJsonObject ss = spec(service);
    QMap<QString, QString> selector;
    const QJsonObject sel = ss.value(QLatin1String("selector")).toObject();
    for (auto it = sel.begin(); it != sel.end(); ++it)
        selector.insert(it.key(), it.value().toString());
    const models::LabelSelector match = models::LabelSelector::fromSet(selector);
    const bool headless = ss.value(QLatin1String("clusterIP")).toString() == QLatin1String("None");
    QList<QJsonObject> readyList, notReadyList;
    QJsonArray ports;
    QList<QJsonObject> members;
    for (const QJsonObject &p : pods) {
        const QString ip = status(p).value(QLatin1String("podIP")).toString();
        if (ip.isEmpty() || isDeleting(p) || podTerminal(p) || !match.matches(labelsOf(p)))
            continue;
        members << p;
        QJsonObject addr{{QStringLiteral("ip"), ip},
                         {QStringLiteral("targetRef"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")},
                                                                   {QStringLiteral("name"), nameOf(p)},
                                                                   {QStringLiteral("namespace"), namespaceOf(p)},
                                                                   {QStringLiteral("uid"), uidOf(p)}}}};
        const QString node = spec(p).value(QLatin1String("nodeName")).toString();
        if (!node.isEmpty())
            addr.insert(QStringLiteral("nodeName"), node);
        if (headless && !spec(p).value(QLatin1String("hostname")).toString().isEmpty()
            && spec(p).value(QLatin1String("subdomain")).toString() == nameOf(service))
            addr.insert(QStringLiteral("hostname"), spec(p).value(QLatin1String("hostname")));
        (podReady(p) ? readyList : notReadyList) << addr;
    }
    auto byIp = [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("ip")).toString() < b.value(QLatin1String("ip")).toString();
    };
    std::sort(readyList.begin(), readyList.end(), byIp);
    std::sort(notReadyList.begin(), notReadyList.end(), byIp);
    QJsonArray ready, notReady;
    for (const QJsonObject &a : std::as_const(readyList))
        ready << a;
    for (const QJsonObject &a : std::as_const(notReadyList))
        notReady << a;
    for (const QJsonValue &pv : ss.value(QLatin1String("ports")).toArray()) {
        const QJsonObject sp = pv.toObject();
        QJsonValue target = sp.value(QLatin1String("targetPort"));
        if (target.isUndefined())
            target = sp.value(QLatin1String("port"));
        int port = target.isDouble() ? target.toInt() : target.toString().toInt();
        if (!target.isDouble() && port == 0) {   // a named port: the first member's container port of that name
            for (const QJsonObject &p : std::as_const(members)) {
                for (const QJsonValue &c : spec(p).value(QLatin1String("containers")).toArray())
                    for (const QJsonValue &cp : c.toObject().value(QLatin1String("ports")).toArray())
                        if (cp.toObject().value(QLatin1String("name")).toString() == target.toString())
                            port = cp.toObject().value(QLatin1String("containerPort")).toInt();
                if (port)
                    break;
            }
        }
        if (port == 0)
            continue;
        QJsonObject ep{{QStringLiteral("port"), port}, {QStringLiteral("protocol"), sp.value(QLatin1String("protocol")).toString(QStringLiteral("TCP"))}};
        if (sp.contains(QLatin1String("name")))
            ep.insert(QStringLiteral("name"), sp.value(QLatin1String("name")));
        if (sp.contains(QLatin1String("appProtocol")))
            ep.insert(QStringLiteral("appProtocol"), sp.value(QLatin1String("appProtocol")));
        ports << ep;
    }
    QJsonObject subset;
    if (!ready.isEmpty())
        subset.insert(QStringLiteral("addresses"), ready);
    if (!notReady.isEmpty())
        subset.insert(QStringLiteral("notReadyAddresses"), notReady);
    QJsonObject labels = labelsOf(service);
    if (headless)
        labels.insert(QStringLiteral("service.kubernetes.io/headless"), QString());
    QJsonObject m{{QStringLiteral("name"), nameOf(service)}, {QStringLiteral("namespace"), namespaceOf(service)}};
    if (!labels.isEmpty())
        m.insert(QStringLiteral("labels"), labels);
    QJsonObject ep{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Endpoints")}};
    if (!subset.isEmpty() && !ports.isEmpty()) {
        subset.insert(QStringLiteral("ports"), ports);
        ep.insert(QStringLiteral("subsets"), QJsonArray{subset});
    }
    const bool same = previous.value(QLatin1String("subsets")) == ep.value(QLatin1String("subsets"));
    const QString trigger = same ? annotation(previous, QStringLiteral("endpoints.kubernetes.io/last-change-trigger-time")) : QString();
    m.insert(QStringLiteral("annotations"), QJsonObject{{QStringLiteral("endpoints.kubernetes.io/last-change-trigger-time"),
                                                         trigger.isEmpty() ? nowTime() : trigger}});
    ep.insert(QStringLiteral("metadata"), m);
    return ep;
}

void Controllers::reconcileEndpoints(State &s, const QString &ns)
{
    ObjectStore &store = s.cluster->store();
    const QList<const StoredObject *> services = store.list(QStringLiteral("/services"), ns);
    QSet<QString> names;
    QList<QJsonObject> pods;
    bool podsLoaded = false;
    for (const StoredObject *svc : services) {
        names.insert(nameOf(svc->obj));
        if (spec(svc->obj).value(QLatin1String("selector")).toObject().isEmpty())
            continue;   // endpoints of selector-less services are managed by their owners
        if (!podsLoaded) {
            for (const StoredObject *p : store.list(QStringLiteral("/pods"), ns))
                pods << p->obj;
            podsLoaded = true;
        }
        const StoredObject *prev = store.get(QStringLiteral("/endpoints"), ns, nameOf(svc->obj));
        const QJsonObject previous = prev ? prev->obj : QJsonObject();
        const QJsonObject ep = endpointsFor(svc->obj, pods, previous);
        if (prev && prev->obj.value(QLatin1String("subsets")) == ep.value(QLatin1String("subsets"))
            && labelsOf(prev->obj) == labelsOf(ep))
            continue;
        QJsonObject out = ep;
        if (prev) {   // keep uid, creationTimestamp; replace the rest
            QJsonObject m = meta(prev->obj);
            const QJsonObject nm = meta(ep);
            for (auto it = nm.begin(); it != nm.end(); ++it)
                m.insert(it.key(), it.value());
            if (!nm.contains(QLatin1String("labels")))
                m.remove(QStringLiteral("labels"));
            out.insert(QStringLiteral("metadata"), m);
        }
        write(s, out);
    }
    // Endpoints of deleted services go with them.
    QStringList orphans;
    for (const StoredObject *e : store.list(QStringLiteral("/endpoints"), ns))
        if (!names.contains(nameOf(e->obj)))
            orphans << nameOf(e->obj);
    for (const QString &n : std::as_const(orphans))
        removeObject(s, QStringLiteral("v1"), QStringLiteral("Endpoints"), ns, n);
}

void Controllers::reconcileQuotas(State &s, const QString &ns)
{
    for (const StoredObject *q : s.cluster->store().list(QStringLiteral("/resourcequotas"), ns)) {
        const QJsonObject st = Admission::quotaStatus(*s.cluster, q->obj);
        if (st == status(q->obj))
            continue;
        QJsonObject latest = q->obj;
        latest.insert(QStringLiteral("status"), st);
        write(s, latest);
    }
}

void Controllers::reconcileClusterRoles(State &s)
{
    QList<QJsonObject> roles;
    for (const StoredObject *r : s.cluster->store().list(QStringLiteral("rbac.authorization.k8s.io/clusterroles")))
        roles << r->obj;
    for (const QJsonObject &changed : Seed::aggregateClusterRoles(roles))
        write(s, changed);
}

QJsonObject Controllers::clusterRegistryStatus(const SimCluster &cluster, const QJsonObject &previous)
{
    QStringList notReady;
    int nodes = 0;
    for (const StoredObject *n : cluster.store().list(QStringLiteral("/nodes"))) {
        ++nodes;
        if (!nodeReady(n->obj))
            notReady << nameOf(n->obj);
    }
    const QJsonArray prev = previous.value(QLatin1String("conditions")).toArray();
    QJsonArray conditions{
        clusterCondition("NotAccessible", false, QString(), QString(), prev),
        clusterCondition("ComponentNotHealthy", false, QString(), QString(), prev),
        clusterCondition("NodeNotReady", !notReady.isEmpty(), notReady.isEmpty() ? QString() : QStringLiteral("NodeNotReady"),
                         notReady.isEmpty() ? QString() : QStringLiteral("%1 of %2 node(s) not ready: %3").arg(notReady.size()).arg(nodes).arg(notReady.join(QStringLiteral(", "))),
                         prev)};
    QJsonObject st = previous;
    st.insert(QStringLiteral("conditions"), conditions);
    st.insert(QStringLiteral("type"), QStringLiteral("Kubernetes"));
    st.insert(QStringLiteral("version"), cluster.kubernetesVersion());
    return st;
}

void Controllers::heartbeatNodes(State &s, qint64 nowMs)
{
    const int period = qMax(1000, m_timing.nodeHeartbeatMs);
    for (const StoredObject *n : s.cluster->store().list(QStringLiteral("/nodes"))) {
        const QString name = nameOf(n->obj);
        auto due = s.nodeDue.find(name);
        if (due == s.nodeDue.end()) {
            s.nodeDue.insert(name, nowMs + QRandomGenerator::global()->bounded(period));
            continue;
        }
        if (*due > nowMs)
            continue;
        *due = nowMs + period - period / 3 + QRandomGenerator::global()->bounded(qMax(1, 2 * period / 3));
        if (!nodeReady(n->obj))
            continue;   // a NotReady node's kubelet is not posting status
        QJsonObject node = n->obj;
        QJsonObject st = status(node);
        QJsonArray conds = st.value(QLatin1String("conditions")).toArray();
        const QString now = nowTime();
        for (qsizetype i = 0; i < conds.size(); ++i) {
            QJsonObject c = conds.at(i).toObject();
            c.insert(QStringLiteral("lastHeartbeatTime"), now);
            conds.replace(i, c);
        }
        st.insert(QStringLiteral("conditions"), conds);
        node.insert(QStringLiteral("status"), st);
        write(s, node);
    }
}

void Controllers::heartbeatClusters(State &s, qint64 nowMs)
{
    const int period = qMax(1000, m_timing.clusterHeartbeatMs);
    for (auto it = s.clusterDue.begin(); it != s.clusterDue.end(); ++it) {
        if (it.value() > nowMs)
            continue;
        it.value() = nowMs + period - period / 3 + QRandomGenerator::global()->bounded(qMax(1, 2 * period / 3));
        const StoredObject *o = s.cluster->store().get(QStringLiteral("clusterregistry.k8s.io/clusters"), keyNamespace(it.key()), keyName(it.key()));
        if (!o)
            continue;
        const SimCluster *target = nullptr;
        for (const auto &c : m_clusters)
            if (c->cluster && c->cluster->name() == nameOf(o->obj))
                target = c->cluster;
        if (!target)
            continue;   // no such simulated cluster: its heartbeat goes stale
        QJsonObject cluster = o->obj;
        cluster.insert(QStringLiteral("status"), clusterRegistryStatus(*target, status(cluster)));
        write(s, cluster);
    }
}

} // namespace acp::sandbox
