// ResourceQuota usage as the quota evaluators of kube-apiserver 1.32 and its quota controller
// compute it: pkg/quota/v1/evaluator/core/pods.go (PodUsageFunc, podComputeUsageHelper,
// QuotaV1Pod, scopes), services.go, persistent_volume_claims.go, registry.go (legacy object-count
// names) and k8s.io/apiserver/pkg/quota/v1/generic (count/<resource>.<group>, CalculateUsageStats).
#include "sandbox/AdmissionInternal.h"

#include <QDateTime>

namespace acp::sandbox {

using models::Quantity;

namespace admission {

namespace {
const QString kStorageClassSuffix = QStringLiteral(".storageclass.storage.k8s.io/");

QString countName(const QString &group, const QString &resource)
{
    return group.isEmpty() ? QStringLiteral("count/") + resource : QStringLiteral("count/%1.%2").arg(resource, group);
}

bool isNativeResource(const QString &name)
{
    return !name.contains(QLatin1Char('/')) || name.contains(QLatin1String("kubernetes.io/"));
}
} // namespace

Evaluator evaluatorFor(const QString &group, const QString &resource)
{
    Evaluator ev;
    if (group.isEmpty() && resource == QLatin1String("pods"))
        ev.kind = Kind::Pods;
    else if (group.isEmpty() && resource == QLatin1String("services"))
        ev.kind = Kind::Services;
    else if (group.isEmpty() && resource == QLatin1String("persistentvolumeclaims"))
        ev.kind = Kind::Pvcs;
    else if (resource == QLatin1String("events") && (group.isEmpty() || group == QLatin1String("events.k8s.io")))
        ev.kind = Kind::None;   // ignored by quota
    else {
        ev.kind = Kind::Count;
        ev.countNames << countName(group, resource);
        static const QStringList legacy{QStringLiteral("configmaps"), QStringLiteral("secrets"),
                                        QStringLiteral("resourcequotas"), QStringLiteral("replicationcontrollers")};
        if (group.isEmpty() && legacy.contains(resource))
            ev.countNames << resource;
    }
    return ev;
}

QStringList matchingResources(const Evaluator &ev, const QStringList &input)
{
    static const QStringList podResources{
        QStringLiteral("count/pods"), QStringLiteral("cpu"), QStringLiteral("memory"), QStringLiteral("ephemeral-storage"),
        QStringLiteral("requests.cpu"), QStringLiteral("requests.memory"), QStringLiteral("requests.ephemeral-storage"),
        QStringLiteral("limits.cpu"), QStringLiteral("limits.memory"), QStringLiteral("limits.ephemeral-storage"),
        QStringLiteral("pods")};
    static const QStringList serviceResources{QStringLiteral("count/services"), QStringLiteral("services"),
                                              QStringLiteral("services.loadbalancers"), QStringLiteral("services.nodeports")};
    QStringList out;
    for (const QString &r : input) {
        switch (ev.kind) {
        case Kind::Pods:
            if (podResources.contains(r) || r.startsWith(QLatin1String("hugepages-")) || r.startsWith(QLatin1String("requests.hugepages-"))
                || (!isNativeResource(r) && r.startsWith(QLatin1String("requests."))))
                out << r;
            break;
        case Kind::Services:
            if (serviceResources.contains(r))
                out << r;
            break;
        case Kind::Pvcs:
            if (r == QLatin1String("count/persistentvolumeclaims") || r == QLatin1String("persistentvolumeclaims")
                || r == QLatin1String("requests.storage") || r.endsWith(kStorageClassSuffix + QStringLiteral("persistentvolumeclaims"))
                || r.endsWith(kStorageClassSuffix + QStringLiteral("requests.storage")))
                out << r;
            break;
        case Kind::Count:
            if (ev.countNames.contains(r))
                out << r;
            break;
        case Kind::None:
            break;
        }
    }
    return out;
}

// --- scopes (pods only; every other evaluator matches no scope) -----------------------------

QList<Scope> scopesOf(const QJsonObject &quota)
{
    QList<Scope> scopes;
    const QJsonObject spec = objAt(quota, "spec");
    for (const QJsonValue &s : arrAt(spec, "scopes"))
        scopes << Scope{s.toString(), QStringLiteral("Exists"), {}};
    for (const QJsonValue &v : arrAt(objAt(spec, "scopeSelector"), "matchExpressions")) {
        const QJsonObject e = v.toObject();
        Scope s{strAt(e, "scopeName"), strAt(e, "operator"), {}};
        for (const QJsonValue &x : arrAt(e, "values"))
            s.values << x.toString();
        scopes << s;
    }
    return scopes;
}

namespace {

bool isBestEffort(const QJsonObject &spec)
{
    for (const char *list : {"containers", "initContainers"}) {
        for (const QJsonValue &c : arrAt(spec, list)) {
            const QJsonObject res = objAt(c.toObject(), "resources");
            for (const char *kind : {"requests", "limits"}) {
                const ResourceList l = toList(objAt(res, kind));
                for (const char *r : {"cpu", "memory"})
                    if (l.value(QLatin1String(r)).sign() > 0)
                        return false;
            }
        }
    }
    return true;
}

bool crossNamespaceTerms(const QJsonArray &terms, bool weighted)
{
    for (const QJsonValue &v : terms) {
        const QJsonObject t = weighted ? objAt(v.toObject(), "podAffinityTerm") : v.toObject();
        if (!arrAt(t, "namespaces").isEmpty() || t.value(QLatin1String("namespaceSelector")).isObject())
            return true;
    }
    return false;
}

bool usesCrossNamespaceAffinity(const QJsonObject &spec)
{
    const QJsonObject affinity = objAt(spec, "affinity");
    for (const char *kind : {"podAffinity", "podAntiAffinity"}) {
        const QJsonObject a = objAt(affinity, kind);
        if (crossNamespaceTerms(arrAt(a, "requiredDuringSchedulingIgnoredDuringExecution"), false)
            || crossNamespaceTerms(arrAt(a, "preferredDuringSchedulingIgnoredDuringExecution"), true))
            return true;
    }
    return false;
}

bool podMatchesScope(const Scope &scope, const QJsonObject &pod)
{
    const QJsonObject spec = objAt(pod, "spec");
    const QJsonValue deadline = spec.value(QLatin1String("activeDeadlineSeconds"));
    const bool terminating = deadline.isDouble() && deadline.toDouble() >= 0;
    if (scope.name == QLatin1String("Terminating"))
        return terminating;
    if (scope.name == QLatin1String("NotTerminating"))
        return !terminating;
    if (scope.name == QLatin1String("BestEffort"))
        return isBestEffort(spec);
    if (scope.name == QLatin1String("NotBestEffort"))
        return !isBestEffort(spec);
    if (scope.name == QLatin1String("CrossNamespacePodAffinity"))
        return usesCrossNamespaceAffinity(spec);
    if (scope.name == QLatin1String("PriorityClass")) {
        const QString pc = strAt(spec, "priorityClassName");
        if (scope.op == QLatin1String("Exists"))
            return !pc.isEmpty();
        if (scope.op == QLatin1String("DoesNotExist"))
            return pc.isEmpty();
        if (scope.op == QLatin1String("In"))
            return !pc.isEmpty() && scope.values.contains(pc);
        if (scope.op == QLatin1String("NotIn"))
            return pc.isEmpty() || !scope.values.contains(pc);
    }
    return false;
}

} // namespace

bool matchesScopes(const Evaluator &ev, const QList<Scope> &scopes, const QJsonObject &obj)
{
    for (const Scope &s : scopes)
        if (ev.kind != Kind::Pods || !podMatchesScope(s, obj))
            return false;
    return true;
}

// --- usage ------------------------------------------------------------------------------------

// podComputeUsageHelper
ResourceList computeUsage(const ResourceList &requests, const ResourceList &limits)
{
    ResourceList r;
    r.insert(QStringLiteral("pods"), Quantity::fromInt(1));
    for (const char *res : {"cpu", "memory", "ephemeral-storage"}) {
        const QString name = QLatin1String(res);
        if (requests.contains(name)) {
            r.insert(name, requests.value(name));
            r.insert(QStringLiteral("requests.") + name, requests.value(name));
        }
        if (limits.contains(name))
            r.insert(QStringLiteral("limits.") + name, limits.value(name));
    }
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        if (it.key().startsWith(QLatin1String("hugepages-"))) {
            r.insert(it.key(), it.value());
            r.insert(QStringLiteral("requests.") + it.key(), it.value());
        } else if (!isNativeResource(it.key()) && !it.key().startsWith(QLatin1String("requests."))) {
            r.insert(QStringLiteral("requests.") + it.key(), it.value());
        }
    }
    return r;
}

// QuotaV1Pod: terminal pods, and pods whose deletion grace period has expired, are not charged.
namespace {

bool podCharged(const QJsonObject &pod)
{
    const QString phase = strAt(objAt(pod, "status"), "phase");
    if (phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed"))
        return false;
    const QJsonObject m = meta(pod);
    const QString deletion = strAt(m, "deletionTimestamp");
    const QJsonValue grace = m.value(QLatin1String("deletionGracePeriodSeconds"));
    if (!deletion.isEmpty() && grace.isDouble()) {
        const QDateTime t = QDateTime::fromString(deletion, Qt::ISODate);
        if (t.isValid() && QDateTime::currentDateTimeUtc() > t.addSecs(qint64(grace.toDouble())))
            return false;
    }
    return true;
}

Quantity roundUpToUnit(const Quantity &q)
{
    const Quantity rounded = Quantity::fromInt(q.value(), q.format());
    return rounded == q ? q : rounded;
}

} // namespace

ResourceList usageOf(const Evaluator &ev, const QJsonObject &obj)
{
    ResourceList r;
    const QJsonObject spec = objAt(obj, "spec");
    switch (ev.kind) {
    case Kind::Pods:
        r.insert(QStringLiteral("count/pods"), Quantity::fromInt(1));
        if (podCharged(obj))
            addTo(r, computeUsage(podRequests(spec), podLimits(spec)));
        break;
    case Kind::Services: {
        const QString type = strAt(spec, "type");
        const QJsonArray ports = arrAt(spec, "ports");
        r.insert(QStringLiteral("count/services"), Quantity::fromInt(1));
        r.insert(QStringLiteral("services"), Quantity::fromInt(1));
        r.insert(QStringLiteral("services.loadbalancers"), Quantity());
        r.insert(QStringLiteral("services.nodeports"), Quantity());
        if (type == QLatin1String("NodePort")) {
            r.insert(QStringLiteral("services.nodeports"), Quantity::fromInt(ports.size()));
        } else if (type == QLatin1String("LoadBalancer")) {
            qint64 nodePorts = ports.size();
            const QJsonValue allocate = spec.value(QLatin1String("allocateLoadBalancerNodePorts"));
            if (allocate.isBool() && !allocate.toBool()) {
                nodePorts = 0;
                for (const QJsonValue &p : ports)
                    nodePorts += p.toObject().value(QLatin1String("nodePort")).toInt() != 0 ? 1 : 0;
            }
            r.insert(QStringLiteral("services.nodeports"), Quantity::fromInt(nodePorts));
            r.insert(QStringLiteral("services.loadbalancers"), Quantity::fromInt(1));
        }
        break;
    }
    case Kind::Pvcs: {
        r.insert(QStringLiteral("persistentvolumeclaims"), Quantity::fromInt(1));
        r.insert(QStringLiteral("count/persistentvolumeclaims"), Quantity::fromInt(1));
        QString sc = strAt(spec, "storageClassName");
        if (!spec.contains(QLatin1String("storageClassName")))
            sc = objAt(meta(obj), "annotations").value(QLatin1String("volume.beta.kubernetes.io/storage-class")).toString();
        if (!sc.isEmpty())
            r.insert(sc + kStorageClassSuffix + QStringLiteral("persistentvolumeclaims"), Quantity::fromInt(1));
        const ResourceList requests = toList(objAt(objAt(spec, "resources"), "requests"));
        if (requests.contains(QStringLiteral("storage"))) {
            Quantity storage = roundUpToUnit(requests.value(QStringLiteral("storage")));
            const ResourceList allocated = toList(objAt(objAt(obj, "status"), "allocatedResources"));
            if (allocated.contains(QStringLiteral("storage")) && allocated.value(QStringLiteral("storage")) > storage)
                storage = roundUpToUnit(allocated.value(QStringLiteral("storage")));
            r.insert(QStringLiteral("requests.storage"), storage);
            if (!sc.isEmpty())
                r.insert(sc + kStorageClassSuffix + QStringLiteral("requests.storage"), storage);
        }
        break;
    }
    case Kind::Count:
        for (const QString &n : ev.countNames)
            r.insert(n, Quantity::fromInt(1));
        break;
    case Kind::None:
        break;
    }
    return r;
}

// The evaluators a quota's hard names need, with the storage key of the objects they count.
namespace {

struct Tracked {
    Evaluator ev;
    QString storageKey;
};

QList<Tracked> trackedFor(const SimCluster &cluster, const QStringList &hardKeys)
{
    QList<Tracked> out;
    auto addEv = [&](const QString &group, const QString &resource) {
        const QString skey = group + QLatin1Char('/') + resource;
        for (const Tracked &t : std::as_const(out))
            if (t.storageKey == skey)
                return;
        const Evaluator ev = evaluatorFor(group, resource);
        if (ev.kind != Kind::None && !matchingResources(ev, hardKeys).isEmpty())
            out << Tracked{ev, skey};
    };
    addEv(QString(), QStringLiteral("pods"));
    addEv(QString(), QStringLiteral("services"));
    addEv(QString(), QStringLiteral("persistentvolumeclaims"));
    for (const char *legacy : {"configmaps", "secrets", "resourcequotas", "replicationcontrollers"})
        addEv(QString(), QLatin1String(legacy));
    for (const QString &k : hardKeys) {
        if (!k.startsWith(QLatin1String("count/")))
            continue;
        const QString gr = k.mid(6);
        const qsizetype dot = gr.indexOf(QLatin1Char('.'));
        const QString resource = dot < 0 ? gr : gr.left(dot);
        const QString group = dot < 0 ? QString() : gr.mid(dot + 1);
        for (const ResourceType *t : cluster.registry().all()) {
            if (t->namespaced && t->stored && t->group == group && t->resource == resource) {
                addEv(group, resource);
                break;
            }
        }
    }
    return out;
}

// CalculateUsageStats over every tracked evaluator, masked to the quota's hard names.
} // namespace

ResourceList namespaceUsage(const SimCluster &cluster, const QString &ns, const QStringList &hardKeys, const QList<Scope> &scopes)
{
    ResourceList used;
    for (const Tracked &t : trackedFor(cluster, hardKeys)) {
        const QStringList names = matchingResources(t.ev, hardKeys);
        for (const QString &n : names)
            if (!used.contains(n))
                used.insert(n, Quantity());
        for (const StoredObject *o : cluster.store().list(t.storageKey, ns))
            if (matchesScopes(t.ev, scopes, o->obj))
                addTo(used, mask(usageOf(t.ev, o->obj), names));
    }
    return mask(used, hardKeys);
}

} // namespace admission

QJsonObject Admission::quotaUsage(const SimCluster &cluster, const QString &ns, const QJsonObject &quotaSpecHard)
{
    return admission::toJson(admission::namespaceUsage(cluster, ns, quotaSpecHard.keys(), {}));
}

QJsonObject Admission::quotaStatus(const SimCluster &cluster, const QJsonObject &quota)
{
    const QJsonObject hard = admission::objAt(admission::objAt(quota, "spec"), "hard");
    const admission::ResourceList used = admission::namespaceUsage(cluster, admission::metaStr(quota, "namespace"),
                                                                   admission::toList(hard).keys(), admission::scopesOf(quota));
    return QJsonObject{{QStringLiteral("hard"), hard}, {QStringLiteral("used"), admission::toJson(used)}};
}

QJsonObject Admission::objectUsage(const ResourceType &type, const QJsonObject &object)
{
    return admission::toJson(admission::usageOf(admission::evaluatorFor(type.group, type.resource), object));
}

} // namespace acp::sandbox
