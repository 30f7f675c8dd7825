#include "sandbox/AdmissionProjectQuota.h"

#include "sandbox/AdmissionInternal.h"
#include "models/GoQuote.h"
#include "sandbox/Sandbox.h"

namespace acp::sandbox {

namespace {

using admission::ResourceList;

QHash<QString, QJsonObject> quotasByCluster(const QJsonObject &project)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &c : project.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray())
        out.insert(c.toObject().value(QLatin1String("name")).toString(), c.toObject().value(QLatin1String("quota")).toObject());
    return out;
}

// The sum of spec.hard over the project's namespaces' ResourceQuotas in `cluster`, and their names.
ResourceList assigned(const SimCluster &cluster, const QString &project, QStringList *namespaces)
{
    ResourceList sum;
    for (const StoredObject *ns : cluster.store().list(QStringLiteral("/namespaces"))) {
        const QJsonObject labels = ns->obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
        if (labels.value(QLatin1String("cpaas.io/project")).toString() != project)
            continue;
        const QString name = admission::metaStr(ns->obj, "name");
        bool any = false;
        for (const StoredObject *q : cluster.store().list(QStringLiteral("/resourcequotas"), name)) {
            admission::addTo(sum, admission::toList(q->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("hard")).toObject()));
            any = true;
        }
        if (any)
            *namespaces << name;
    }
    return sum;
}

api::Result<bool> admitProject(Sandbox &sandbox, AdmissionRequest &req)
{
    if (!req.type || req.type->group != QLatin1String("auth.alauda.io") || req.type->resource != QLatin1String("projects")
        || !req.subresource.isEmpty() || (req.operation != Operation::Create && req.operation != Operation::Update))
        return true;
    const QString project = admission::metaStr(req.object, "name");
    if (req.operation == Operation::Create && !req.user.name.isEmpty()) {
        // ACP's webhook stamps who created the project.
        QJsonObject meta = req.object.value(QLatin1String("metadata")).toObject();
        QJsonObject ann = meta.value(QLatin1String("annotations")).toObject();
        if (!ann.contains(QLatin1String("cpaas.io/creator"))) {
            ann.insert(QStringLiteral("cpaas.io/creator"), req.user.name);
            meta.insert(QStringLiteral("annotations"), ann);
            req.object.insert(QStringLiteral("metadata"), meta);
        }
    }
    const QHash<QString, QJsonObject> before = quotasByCluster(req.oldObject);
    const QJsonArray clusters = req.object.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray();
    for (int i = 0; i < clusters.size(); ++i) {
        const QString cname = clusters.at(i).toObject().value(QLatin1String("name")).toString();
        const QJsonObject quota = clusters.at(i).toObject().value(QLatin1String("quota")).toObject();
        const QJsonObject old = before.value(cname);
        QStringList changed;
        for (auto it = quota.begin(); it != quota.end(); ++it)
            if (!before.contains(cname) || old.value(it.key()) != it.value())
                changed << it.key();
        if (changed.isEmpty())
            continue;
        for (const QString &key : std::as_const(changed))
            if (auto q = models::Quantity::fromJson(quota.value(key)); !q)
                return api::ApiError{422, QStringLiteral("Invalid"),
                                     QStringLiteral("Project.auth.alauda.io %1 is invalid: spec.clusters[%2].quota[%3]: Invalid value: %4: %5")
                                         .arg(models::goQuote(project)).arg(i).arg(key, models::goQuote(quota.value(key).toVariant().toString()),
                                              q.error().message)};
        const SimCluster *cluster = sandbox.cluster(cname);
        if (!cluster)
            continue;   // ACP accepts clusters it cannot reach yet; nothing is assigned there
        QStringList namespaces;
        const ResourceList used = assigned(*cluster, project, &namespaces);
        QStringList tooSmall;
        for (const QString &key : std::as_const(changed)) {
            const models::Quantity want = *models::Quantity::fromJson(quota.value(key));
            if (used.contains(key) && want < used.value(key))
                tooSmall << QStringLiteral("%1 quota %2 is less than the %3 already assigned")
                                .arg(key, want.toString(), used.value(key).toString());
        }
        if (!tooSmall.isEmpty())
            return admission::forbidden(req, QStringLiteral("cluster %1: %2 to the project's namespaces (%3)")
                                                 .arg(cname, tooSmall.join(QStringLiteral(", ")), namespaces.join(QStringLiteral(", "))));
    }
    return true;
}

} // namespace

void installProjectQuotaAdmission(Sandbox &sandbox, SimCluster &global)
{
    Sandbox *s = &sandbox;
    global.addAdmissionPlugin(QStringLiteral("ProjectQuota"), [s](AdmissionRequest &req) { return admitProject(*s, req); });
}

} // namespace acp::sandbox
