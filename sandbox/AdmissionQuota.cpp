// ResourceQuota admission as kube-apiserver 1.32 runs it
// (k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go, CheckRequest and prettyPrint):
// `exceeded quota: <name>, requested: <r>, used: <u>, limited: <h>`, `failed quota: <name>:
// must specify limits.cpu for: a,b; requests.cpu for: a` (pods.go Constraints) and
// `quota usage is negative for resource(s): <names>`, all 403 `<resource> "<name>" is forbidden: ...`.
// Usage comes from the store (what status.used converges to; AdmissionQuotaUsage.cpp), hard
// limits from spec.hard.
#include "sandbox/AdmissionInternal.h"

#include <algorithm>

namespace acp::sandbox {

using models::Quantity;

namespace admission {
namespace {

bool handles(const Evaluator &ev, const AdmissionRequest &req)
{
    const bool create = req.operation == Operation::Create, update = req.operation == Operation::Update;
    switch (ev.kind) {
    case Kind::Pods:
        return (req.subresource.isEmpty() && create) || (req.subresource == QLatin1String("resize") && update);
    case Kind::Services:
        return create || update;
    case Kind::Pvcs:
        return req.subresource.isEmpty() && (create || update);
    case Kind::Count:
        return create && req.subresource.isEmpty();
    case Kind::None:
        break;
    }
    return false;
}

// podEvaluator.Constraints: quotas on cpu/memory need every container to state them.
QString podConstraints(const QStringList &restricted, const QJsonObject &pod)
{
    static const QStringList validation{QStringLiteral("cpu"), QStringLiteral("memory"), QStringLiteral("requests.cpu"),
                                        QStringLiteral("requests.memory"), QStringLiteral("limits.cpu"), QStringLiteral("limits.memory")};
    QStringList required;
    for (const QString &r : restricted)
        if (validation.contains(r) && !required.contains(r))
            required << r;
    if (required.isEmpty())
        return QString();
    QMap<QString, QStringList> missing;
    const QJsonObject spec = objAt(pod, "spec");
    for (const char *list : {"containers", "initContainers"}) {
        for (const QJsonValue &v : arrAt(spec, list)) {
            const QJsonObject c = v.toObject();
            const ResourceList usage = computeUsage(containerRequests(c), containerLimits(c));
            for (const QString &r : std::as_const(required)) {
                QStringList &names = missing[r];
                if (!usage.contains(r) && !names.contains(strAt(c, "name")))
                    names << strAt(c, "name");
            }
        }
    }
    QStringList parts;
    for (auto it = missing.begin(); it != missing.end(); ++it) {
        if (it.value().isEmpty())
            continue;
        QStringList names = it.value();
        std::sort(names.begin(), names.end(), lessUtf8);
        parts << QStringLiteral("%1 for: %2").arg(it.key(), names.join(QLatin1Char(',')));
    }
    if (parts.isEmpty())
        return QString();
    std::sort(parts.begin(), parts.end(), lessUtf8);
    return QStringLiteral("must specify ") + parts.join(QStringLiteral("; "));
}

ResourceList subtractNonNegative(const ResourceList &a, const ResourceList &b)
{
    ResourceList out;
    for (auto it = a.begin(); it != a.end(); ++it) {
        Quantity q = it.value();
        if (b.contains(it.key()))
            q -= b.value(it.key());
        out.insert(it.key(), q.sign() > 0 ? q : Quantity());
    }
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!out.contains(it.key()))
            out.insert(it.key(), Quantity());
    return out;
}

ResourceList removeZeros(const ResourceList &l)
{
    ResourceList out;
    for (auto it = l.begin(); it != l.end(); ++it)
        if (!it.value().isZero())
            out.insert(it.key(), it.value());
    return out;
}

} // namespace

api::Result<bool> resourceQuota(SimCluster &cluster, AdmissionRequest &req)
{
    const ResourceType &type = *req.type;
    if (req.namespaceName.isEmpty() || !type.namespaced || !type.stored)
        return true;
    const Evaluator ev = evaluatorFor(type.group, type.resource);
    if (ev.kind == Kind::None || !handles(ev, req))
        return true;
    const QList<const StoredObject *> stored = cluster.store().list(QStringLiteral("/resourcequotas"), req.namespaceName);
    if (stored.isEmpty())
        return true;

    struct Candidate {
        QJsonObject quota;
        ResourceList hard;
        QStringList hardKeys;
        QList<Scope> scopes;
        ResourceList delta;
    };
    QList<Candidate> interesting;
    for (const StoredObject *q : stored) {
        Candidate c{q->obj, toList(objAt(objAt(q->obj, "spec"), "hard")), {}, scopesOf(q->obj), {}};
        c.hardKeys = c.hard.keys();
        const QStringList restricted = matchingResources(ev, c.hardKeys);
        if (restricted.isEmpty() || !matchesScopes(ev, c.scopes, req.object))
            continue;
        if (ev.kind == Kind::Pods) {
            const QString err = podConstraints(restricted, req.object);
            if (!err.isEmpty())
                return forbidden(req, QStringLiteral("failed quota: %1: %2").arg(metaStr(q->obj, "name"), err));
        }
        interesting << c;
    }
    if (interesting.isEmpty())
        return true;

    const ResourceList input = usageOf(ev, req.object);
    QStringList negative;
    for (auto it = input.begin(); it != input.end(); ++it)
        if (it.value().sign() < 0)
            negative << it.key();
    if (!negative.isEmpty()) {
        std::sort(negative.begin(), negative.end(), lessUtf8);
        return forbidden(req, QStringLiteral("quota usage is negative for resource(s): ") + negative.join(QLatin1Char(',')));
    }
    // Updates are charged the growth only, for quotas that already covered the old object.
    const bool chargeDelta = req.operation == Operation::Update && !metaStr(req.oldObject, "resourceVersion").isEmpty();
    const ResourceList delta = chargeDelta ? subtractNonNegative(input, usageOf(ev, req.oldObject)) : input;
    for (Candidate &c : interesting)
        c.delta = removeZeros(chargeDelta && matchesScopes(ev, c.scopes, req.oldObject) ? delta : input);

    QList<QPair<QJsonObject, ResourceList>> updates;
    for (const Candidate &c : std::as_const(interesting)) {
        if (c.delta.isEmpty())
            continue;
        const ResourceList requested = mask(c.delta, c.hardKeys);
        const ResourceList used = namespaceUsage(cluster, req.namespaceName, c.hardKeys, c.scopes);
        ResourceList newUsage = used;
        addTo(newUsage, requested);
        if (req.subresource != QLatin1String("status")) {
            QStringList exceeded;
            for (const QString &k : c.hardKeys)
                if (requested.contains(k) && newUsage.value(k) > c.hard.value(k))
                    exceeded << k;
            if (!exceeded.isEmpty())
                return forbidden(req, QStringLiteral("exceeded quota: %1, requested: %2, used: %3, limited: %4")
                                          .arg(metaStr(c.quota, "name"), prettyPrint(mask(requested, exceeded)),
                                               prettyPrint(mask(used, exceeded)), prettyPrint(mask(c.hard, exceeded))));
        }
        updates.append({c.quota, mask(newUsage, c.hardKeys)});
    }
    if (req.dryRun)
        return true;
    // As upstream's admission does: record the new usage on the quotas before the write lands.
    for (const auto &u : std::as_const(updates)) {
        QJsonObject quota = u.first;
        const QJsonObject status{{QStringLiteral("hard"), objAt(objAt(quota, "spec"), "hard")}, {QStringLiteral("used"), toJson(u.second)}};
        if (quota.value(QLatin1String("status")).toObject() == status)
            continue;
        quota.insert(QStringLiteral("status"), status);
        cluster.store().update(QStringLiteral("/resourcequotas"), quota);
    }
    return true;
}

} // namespace admission

} // namespace acp::sandbox
