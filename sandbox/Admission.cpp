// Admission: plugin registration, the shared resource-list helpers and pod resource arithmetic.
// The plugins themselves: AdmissionLimitRanger.cpp, AdmissionPodSecurity.cpp, AdmissionQuota.cpp.
#include "sandbox/Admission.h"
#include "sandbox/AdmissionInternal.h"

#include "models/GoQuote.h"

#include <algorithm>

namespace acp::sandbox {

using models::Quantity;

namespace admission {

ResourceList toList(const QJsonObject &o)
{
    ResourceList out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        auto q = Quantity::fromJson(it.value());
        if (q)
            out.insert(it.key(), *q);
    }
    return out;
}

QJsonObject toJson(const ResourceList &list)
{
    QJsonObject o;
    for (auto it = list.begin(); it != list.end(); ++it)
        o.insert(it.key(), it.value().toString());
    return o;
}

void addTo(ResourceList &into, const ResourceList &add)
{
    for (auto it = add.begin(); it != add.end(); ++it) {
        auto existing = into.find(it.key());
        if (existing == into.end())
            into.insert(it.key(), it.value());
        else
            *existing += it.value();
    }
}

void maxInto(ResourceList &into, const ResourceList &other)
{
    for (auto it = other.begin(); it != other.end(); ++it) {
        auto existing = into.find(it.key());
        if (existing == into.end() || it.value().compare(*existing) > 0)
            into.insert(it.key(), it.value());
    }
}

ResourceList mask(const ResourceList &list, const QStringList &names)
{
    ResourceList out;
    for (const QString &n : names) {
        auto it = list.find(n);
        if (it != list.end())
            out.insert(n, *it);
    }
    return out;
}

bool lessUtf8(const QString &a, const QString &b)
{
    return a.toUtf8() < b.toUtf8();
}

QString prettyPrint(const ResourceList &list)
{
    QStringList keys = list.keys();
    std::sort(keys.begin(), keys.end(), lessUtf8);
    QStringList parts;
    for (const QString &k : keys)
        parts << k + QLatin1Char('=') + list.value(k).toString();
    return parts.join(QLatin1Char(','));
}

QString aggregate(const QStringList &errors)
{
    QStringList seen;
    for (const QString &e : errors)
        if (!seen.contains(e))
            seen << e;
    if (seen.isEmpty())
        return QString();
    if (seen.size() == 1)
        return seen.first();
    return QLatin1Char('[') + seen.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QJsonObject meta(const QJsonObject &o) { return o.value(QLatin1String("metadata")).toObject(); }
QString metaStr(const QJsonObject &o, const char *field) { return meta(o).value(QLatin1String(field)).toString(); }
QJsonObject objAt(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); }
QJsonArray arrAt(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toArray(); }
QString strAt(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }

bool isCore(const ResourceType &type, const char *resource)
{
    return type.group.isEmpty() && type.resource == QLatin1String(resource);
}

QString resourceName(const ResourceType &type)
{
    return SimCluster::qualifiedResource(type);
}

api::ApiError forbidden(const AdmissionRequest &req, const QString &why)
{
    // admission.NewForbidden: the object's name, else its generateName, else "Unknown".
    QString name = metaStr(req.object, "name");
    if (name.isEmpty())
        name = metaStr(req.object, "generateName");
    if (name.isEmpty())
        name = req.name.isEmpty() ? QStringLiteral("Unknown") : req.name;
    return SimCluster::forbidden(QStringLiteral("%1 %2 is forbidden: %3").arg(resourceName(*req.type), models::goQuote(name), why),
                                 req.type, name);
}

// --- pod resources (k8s.io/component-helpers/resource) ------------------------------------

ResourceList containerRequests(const QJsonObject &container)
{
    const QJsonObject resources = objAt(container, "resources");
    ResourceList requests = toList(objAt(resources, "requests"));
    // SetDefaults_Pod: a limit without a request defaults the request to the limit.
    const ResourceList limits = toList(objAt(resources, "limits"));
    for (auto it = limits.begin(); it != limits.end(); ++it)
        if (!requests.contains(it.key()))
            requests.insert(it.key(), it.value());
    return requests;
}

ResourceList containerLimits(const QJsonObject &container)
{
    return toList(objAt(objAt(container, "resources"), "limits"));
}

namespace {

bool restartable(const QJsonObject &container)
{
    return strAt(container, "restartPolicy") == QLatin1String("Always");
}

// aggregateContainerResourcesByFn: sum of app containers and sidecars, at least the largest
// init container (plus the sidecars started before it).
ResourceList aggregateContainers(const QJsonObject &spec, ResourceList (*get)(const QJsonObject &))
{
    ResourceList result;
    for (const QJsonValue &c : arrAt(spec, "containers"))
        addTo(result, get(c.toObject()));
    ResourceList sidecars;
    ResourceList initMax;
    for (const QJsonValue &v : arrAt(spec, "initContainers")) {
        const QJsonObject c = v.toObject();
        ResourceList r = get(c);
        if (restartable(c)) {
            addTo(result, r);
            addTo(sidecars, r);
            r = sidecars;
        } else {
            addTo(r, sidecars);
        }
        maxInto(initMax, r);
    }
    maxInto(result, initMax);
    return result;
}

} // namespace

ResourceList podRequests(const QJsonObject &podSpec)
{
    ResourceList reqs = aggregateContainers(podSpec, containerRequests);
    addTo(reqs, toList(objAt(podSpec, "overhead")));
    return reqs;
}

ResourceList podLimits(const QJsonObject &podSpec)
{
    ResourceList limits = aggregateContainers(podSpec, containerLimits);
    // Overhead is added to the limits that are set.
    const ResourceList overhead = toList(objAt(podSpec, "overhead"));
    for (auto it = overhead.begin(); it != overhead.end(); ++it) {
        auto l = limits.find(it.key());
        if (l != limits.end())
            *l += it.value();
    }
    return limits;
}

State *State::of(const SimCluster &cluster)
{
    for (QObject *child : cluster.children())
        if (auto *s = dynamic_cast<State *>(child))
            return s;
    return nullptr;
}

} // namespace admission

void Admission::install(SimCluster &cluster)
{
    if (admission::State::of(cluster))
        return;
    auto *state = new admission::State(&cluster);
    SimCluster *c = &cluster;
    // kube-apiserver order: LimitRanger (mutating, then validating), PodSecurity,
    // ValidatingAdmissionWebhook (Kyverno), ResourceQuota.
    cluster.addAdmissionPlugin(QStringLiteral("LimitRanger"),
                               [c](AdmissionRequest &req) { return admission::limitRanger(*c, req); });
    cluster.addAdmissionPlugin(QStringLiteral("PodSecurity"),
                               [c, state](AdmissionRequest &req) { return admission::podSecurity(*c, *state, req); });
    cluster.addAdmissionPlugin(QStringLiteral("ValidatingAdmissionWebhook"),
                               [c](AdmissionRequest &req) { return admission::kyverno(*c, req); });
    cluster.addAdmissionPlugin(QStringLiteral("ResourceQuota"),
                               [c](AdmissionRequest &req) { return admission::resourceQuota(*c, req); });
}

QList<Admission::AuditEntry> Admission::auditLog(const SimCluster &cluster)
{
    const admission::State *s = admission::State::of(cluster);
    return s ? s->audit : QList<AuditEntry>();
}

} // namespace acp::sandbox
