// LimitRanger admission (kubernetes plugin/pkg/admission/limitranger/admission.go, 1.32):
// pod creates get LimitRange type Container default/defaultRequest (and the
// kubernetes.io/limit-ranger annotation), then pods and PVCs are checked against every
// LimitRange's min/max/maxLimitRequestRatio. Errors are 403 `<resource> "<name>" is forbidden:
// <aggregate>` with upstream's texts ("maximum cpu usage per Container is 4, but limit is 8").
// Go iterates the min/max maps in random order; here resource names are visited sorted.
#include "sandbox/AdmissionInternal.h"

#include <algorithm>
#include <limits>

namespace acp::sandbox::admission {

using models::Quantity;

namespace {

const QString kLimitRangerAnnotation = QStringLiteral("kubernetes.io/limit-ranger");
constexpr qint64 kMaxMilliValue = std::numeric_limits<qint64>::max() / 1000;

struct Defaults {
    ResourceList requests;
    ResourceList limits;
};

// defaultContainerResourceRequirements
Defaults containerDefaults(const QJsonObject &limitRange)
{
    Defaults d;
    for (const QJsonValue &v : arrAt(objAt(limitRange, "spec"), "limits")) {
        const QJsonObject item = v.toObject();
        if (strAt(item, "type") != QLatin1String("Container"))
            continue;
        const ResourceList req = toList(objAt(item, "defaultRequest"));
        for (auto it = req.begin(); it != req.end(); ++it)
            d.requests.insert(it.key(), it.value());
        const ResourceList lim = toList(objAt(item, "default"));
        for (auto it = lim.begin(); it != lim.end(); ++it)
            d.limits.insert(it.key(), it.value());
    }
    return d;
}

// mergeContainerResources: fills what the container leaves unset, returns the annotation parts.
QStringList mergeContainer(QJsonObject &container, const Defaults &d, const QString &what)
{
    QJsonObject resources = objAt(container, "resources");
    QJsonObject limits = objAt(resources, "limits");
    QJsonObject requests = objAt(resources, "requests");
    QStringList setRequests, setLimits;
    for (auto it = d.limits.begin(); it != d.limits.end(); ++it) {
        if (!limits.contains(it.key())) {
            limits.insert(it.key(), it.value().toString());
            setLimits << it.key();
        }
    }
    for (auto it = d.requests.begin(); it != d.requests.end(); ++it) {
        if (!requests.contains(it.key())) {
            requests.insert(it.key(), it.value().toString());
            setRequests << it.key();
        }
    }
    QStringList notes;
    const QString name = strAt(container, "name");
    if (!setRequests.isEmpty()) {
        std::sort(setRequests.begin(), setRequests.end(), lessUtf8);
        notes << setRequests.join(QStringLiteral(", ")) + QStringLiteral(" request for %1 %2").arg(what, name);
    }
    if (!setLimits.isEmpty()) {
        std::sort(setLimits.begin(), setLimits.end(), lessUtf8);
        notes << setLimits.join(QStringLiteral(", ")) + QStringLiteral(" limit for %1 %2").arg(what, name);
    }
    if (!limits.isEmpty())
        resources.insert(QStringLiteral("limits"), limits);
    if (!requests.isEmpty())
        resources.insert(QStringLiteral("requests"), requests);
    container.insert(QStringLiteral("resources"), resources);
    return notes;
}

// SetDefaults_Pod (API defaulting, before admission): requests default to limits.
void defaultRequestsFromLimits(QJsonObject &container)
{
    QJsonObject resources = objAt(container, "resources");
    const QJsonObject limits = objAt(resources, "limits");
    if (limits.isEmpty())
        return;
    QJsonObject requests = objAt(resources, "requests");
    bool changed = false;
    for (auto it = limits.begin(); it != limits.end(); ++it) {
        if (!requests.contains(it.key())) {
            requests.insert(it.key(), it.value());
            changed = true;
        }
    }
    if (!changed)
        return;
    resources.insert(QStringLiteral("requests"), requests);
    container.insert(QStringLiteral("resources"), resources);
}

template <typename Fn>
void forEachContainer(QJsonObject &spec, Fn fn)
{
    for (const char *list : {"containers", "initContainers"}) {
        if (!spec.contains(QLatin1String(list)))
            continue;
        QJsonArray cs = arrAt(spec, list);
        for (qsizetype i = 0; i < cs.size(); ++i) {
            QJsonObject c = cs.at(i).toObject();
            fn(c, QLatin1String(list) == QLatin1String("containers") ? QStringLiteral("container") : QStringLiteral("init container"));
            cs.replace(i, c);
        }
        spec.insert(QLatin1String(list), cs);
    }
}

// requestLimitEnforcedValues: milli precision when nothing overflows.
void enforcedValues(const Quantity &req, const Quantity &lim, const Quantity &enforced, qint64 &r, qint64 &l, qint64 &e)
{
    r = req.value();
    l = lim.value();
    e = enforced.value();
    if (r <= kMaxMilliValue && l <= kMaxMilliValue && e <= kMaxMilliValue) {
        r = req.milliValue();
        l = lim.milliValue();
        e = enforced.milliValue();
    }
}

QString minConstraint(const QString &type, const QString &res, const Quantity &enforced, const ResourceList &request, const ResourceList &limit)
{
    const bool reqExists = request.contains(res), limExists = limit.contains(res);
    const Quantity req = request.value(res), lim = limit.value(res);
    qint64 r, l, e;
    enforcedValues(req, lim, enforced, r, l, e);
    if (!reqExists)
        return QStringLiteral("minimum %1 usage per %2 is %3.  No request is specified").arg(res, type, enforced.toString());
    if (r < e)
        return QStringLiteral("minimum %1 usage per %2 is %3, but request is %4").arg(res, type, enforced.toString(), req.toString());
    if (limExists && l < e)
        return QStringLiteral("minimum %1 usage per %2 is %3, but limit is %4").arg(res, type, enforced.toString(), lim.toString());
    return QString();
}

QString maxRequestConstraint(const QString &type, const QString &res, const Quantity &enforced, const ResourceList &request)
{
    const Quantity req = request.value(res);
    qint64 r, l, e;
    enforcedValues(req, Quantity(), enforced, r, l, e);
    if (!request.contains(res))
        return QStringLiteral("maximum %1 usage per %2 is %3.  No request is specified").arg(res, type, enforced.toString());
    if (r > e)
        return QStringLiteral("maximum %1 usage per %2 is %3, but request is %4").arg(res, type, enforced.toString(), req.toString());
    return QString();
}

QString maxConstraint(const QString &type, const QString &res, const Quantity &enforced, const ResourceList &request, const ResourceList &limit)
{
    const bool reqExists = request.contains(res), limExists = limit.contains(res);
    const Quantity req = request.value(res), lim = limit.value(res);
    qint64 r, l, e;
    enforcedValues(req, lim, enforced, r, l, e);
    if (!limExists)
        return QStringLiteral("maximum %1 usage per %2 is %3.  No limit is specified").arg(res, type, enforced.toString());
    if (l > e)
        return QStringLiteral("maximum %1 usage per %2 is %3, but limit is %4").arg(res, type, enforced.toString(), lim.toString());
    if (reqExists && r > e)
        return QStringLiteral("maximum %1 usage per %2 is %3, but request is %4").arg(res, type, enforced.toString(), req.toString());
    return QString();
}

QString ratioConstraint(const QString &type, const QString &res, const Quantity &enforced, const ResourceList &request, const ResourceList &limit)
{
    const bool reqExists = request.contains(res), limExists = limit.contains(res);
    qint64 r, l, e;
    enforcedValues(request.value(res), limit.value(res), enforced, r, l, e);
    if (!reqExists || r == 0)
        return QStringLiteral("%1 max limit to request ratio per %2 is %3, but no request is specified or request is 0").arg(res, type, enforced.toString());
    if (!limExists || l == 0)
        return QStringLiteral("%1 max limit to request ratio per %2 is %3, but no limit is specified or limit is 0").arg(res, type, enforced.toString());
    double observed = double(l) / double(r);
    const double display = observed;
    double maxRatio = double(enforced.value());
    if (enforced.value() <= kMaxMilliValue) {
        observed *= 1000;
        maxRatio = double(enforced.milliValue());
    }
    if (observed > maxRatio)
        return QStringLiteral("%1 max limit to request ratio per %2 is %3, but provided ratio is %4")
            .arg(res, type, enforced.toString(), QString::number(display, 'f', 6));
    return QString();
}

void checkAll(QStringList &errs, const QJsonObject &item, const QString &type, const ResourceList &requests, const ResourceList &limits)
{
    auto append = [&errs](const QString &e) {
        if (!e.isEmpty())
            errs << e;
    };
    const ResourceList min = toList(objAt(item, "min")), max = toList(objAt(item, "max")),
                       ratio = toList(objAt(item, "maxLimitRequestRatio"));
    for (auto it = min.begin(); it != min.end(); ++it)
        append(minConstraint(type, it.key(), it.value(), requests, limits));
    for (auto it = max.begin(); it != max.end(); ++it)
        append(maxConstraint(type, it.key(), it.value(), requests, limits));
    for (auto it = ratio.begin(); it != ratio.end(); ++it)
        append(ratioConstraint(type, it.key(), it.value(), requests, limits));
}

// limitranger's podRequests/podLimits: like PodRequests/PodLimits, without pod overhead.
ResourceList podTotal(const QJsonObject &spec, bool requests)
{
    QJsonObject noOverhead = spec;
    noOverhead.remove(QStringLiteral("overhead"));
    return requests ? podRequests(noOverhead) : podLimits(noOverhead);
}

// PodValidateLimitFunc
QString validatePod(const QJsonObject &limitRange, const QJsonObject &pod)
{
    QStringList errs;
    const QJsonObject spec = objAt(pod, "spec");
    for (const QJsonValue &v : arrAt(objAt(limitRange, "spec"), "limits")) {
        const QJsonObject item = v.toObject();
        const QString type = strAt(item, "type");
        if (type == QLatin1String("Container")) {
            for (const char *list : {"containers", "initContainers"}) {
                for (const QJsonValue &c : arrAt(spec, list)) {
                    const QJsonObject res = objAt(c.toObject(), "resources");
                    checkAll(errs, item, type, toList(objAt(res, "requests")), toList(objAt(res, "limits")));
                }
            }
        } else if (type == QLatin1String("Pod")) {
            checkAll(errs, item, type, podTotal(spec, true), podTotal(spec, false));
        }
    }
    return aggregate(errs);
}

// PersistentVolumeClaimValidateLimitFunc
QString validatePvc(const QJsonObject &limitRange, const QJsonObject &pvc)
{
    QStringList errs;
    const ResourceList requests = toList(objAt(objAt(objAt(pvc, "spec"), "resources"), "requests"));
    for (const QJsonValue &v : arrAt(objAt(limitRange, "spec"), "limits")) {
        const QJsonObject item = v.toObject();
        const QString type = strAt(item, "type");
        if (type != QLatin1String("PersistentVolumeClaim"))
            continue;
        const ResourceList min = toList(objAt(item, "min")), max = toList(objAt(item, "max"));
        for (auto it = min.begin(); it != min.end(); ++it)
            if (QString e = minConstraint(type, it.key(), it.value(), requests, ResourceList()); !e.isEmpty())
                errs << e;
        for (auto it = max.begin(); it != max.end(); ++it)
            if (QString e = maxRequestConstraint(type, it.key(), it.value(), requests); !e.isEmpty())
                errs << e;
    }
    return aggregate(errs);
}

} // namespace

api::Result<bool> limitRanger(SimCluster &cluster, AdmissionRequest &req)
{
    if (req.operation != Operation::Create && req.operation != Operation::Update)
        return true;
    // SupportsAttributes: pods (create only) and PVCs, never subresources.
    if (!req.subresource.isEmpty())
        return true;
    const bool pod = isCore(*req.type, "pods");
    const bool pvc = isCore(*req.type, "persistentvolumeclaims");
    if (!pod && !pvc)
        return true;
    if (pod && req.operation == Operation::Update)
        return true;
    // ignore all objects marked for deletion
    if (!req.oldObject.isEmpty() && !metaStr(req.oldObject, "deletionTimestamp").isEmpty())
        return true;

    if (pod) {
        // API defaulting kube-apiserver applies to pods before admission (not done elsewhere in
        // the sandbox): limits without requests default the requests.
        QJsonObject spec = objAt(req.object, "spec");
        forEachContainer(spec, [](QJsonObject &c, const QString &) { defaultRequestsFromLimits(c); });
        req.object.insert(QStringLiteral("spec"), spec);
    }

    QList<QJsonObject> ranges;
    for (const StoredObject *o : cluster.store().list(QStringLiteral("/limitranges"), req.namespaceName))
        ranges << o->obj;
    if (ranges.isEmpty())
        return true;

    if (pod) {
        // Admit (mutating phase): PodMutateLimitFunc for every LimitRange.
        for (const QJsonObject &lr : std::as_const(ranges)) {
            const Defaults d = containerDefaults(lr);
            QJsonObject spec = objAt(req.object, "spec");
            QStringList notes;
            forEachContainer(spec, [&](QJsonObject &c, const QString &what) { notes << mergeContainer(c, d, what); });
            req.object.insert(QStringLiteral("spec"), spec);
            if (!notes.isEmpty()) {
                QJsonObject m = meta(req.object);
                QJsonObject annotations = objAt(m, "annotations");
                annotations.insert(kLimitRangerAnnotation, QString(QStringLiteral("LimitRanger plugin set: ") + notes.join(QStringLiteral("; "))));
                m.insert(QStringLiteral("annotations"), annotations);
                req.object.insert(QStringLiteral("metadata"), m);
            }
        }
    }
    // Validate (validating phase): the first LimitRange with violations rejects the request.
    for (const QJsonObject &lr : std::as_const(ranges)) {
        const QString err = pod ? validatePod(lr, req.object) : validatePvc(lr, req.object);
        if (!err.isEmpty())
            return forbidden(req, err);
    }
    return true;
}

} // namespace acp::sandbox::admission
