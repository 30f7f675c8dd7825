// PodSecurity admission as kube-apiserver 1.32 runs it (k8s.io/pod-security-admission/admission/
// admission.go, api/helpers.go, and plugin/pkg/admission/security/podsecurity/admission.go), with
// the default configuration: every mode privileged:latest, no exemptions.
//  - Pods: enforce (403 `pods "x" is forbidden: violates PodSecurity "restricted:latest": ...`),
//    audit (audit annotation) and warn (`would violate PodSecurity "...": ...`); warnings are not
//    added to a request that is rejected. Subresources exec/attach/binding/eviction/log/
//    portforward/proxy/status are skipped; updates are evaluated only when images, container
//    seccomp annotations or the container lists change (isSignificantPodUpdate).
//  - Workload resources with a pod template (replicationcontrollers, podtemplates, replicasets,
//    deployments, statefulsets, daemonsets, jobs, cronjobs): audit and warn only, main resource.
//  - Namespaces: invalid pod-security labels are rejected with 422 on create, and on update when
//    the label errors change; an update that tightens the enforce policy lists the existing pods
//    that would violate it, as warnings.
//  - "latest" and versions newer than the cluster evaluate the checks of the cluster's minor
//    version (the policy library of a 1.32 apiserver knows nothing newer); messages keep the
//    label's text.
#include "sandbox/AdmissionInternal.h"

#include "models/GoQuote.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>
#include <algorithm>
#include <optional>

namespace acp::sandbox {

using models::PodSecurity;
using models::PssLevel;
using models::PssVersion;
using models::PssViolation;

namespace {
const QString kPrefix = QStringLiteral("pod-security.kubernetes.io/");
const QString kEnforce = kPrefix + QStringLiteral("enforce");
const QString kEnforceVersion = kPrefix + QStringLiteral("enforce-version");
const QString kAudit = kPrefix + QStringLiteral("audit");
const QString kAuditVersion = kPrefix + QStringLiteral("audit-version");
const QString kWarn = kPrefix + QStringLiteral("warn");
const QString kWarnVersion = kPrefix + QStringLiteral("warn-version");

int compareLevels(PssLevel a, PssLevel b)
{
    return a == b ? 0 : (int(a) < int(b) ? -1 : 1);
}
} // namespace

Admission::Policy Admission::podSecurityPolicy(const QJsonObject &labels, QList<PolicyError> *errors)
{
    Policy p; // kube-apiserver's default configuration: privileged:latest in every mode
    QList<PolicyError> errs;
    bool hasEnforceLevel = false, hasWarnLevel = false, hasWarnVersion = false;
    auto level = [&errs](const QString &label, const QString &value, PssLevel failLevel, bool *valid) {
        const auto l = PodSecurity::parseLevel(value);
        if (valid)
            *valid = l.has_value();
        if (l)
            return *l;
        errs << PolicyError{label, value, QStringLiteral("must be one of privileged, baseline, restricted")};
        return failLevel;
    };
    auto version = [&errs](const QString &label, const QString &value) {
        const auto v = PodSecurity::parseVersion(value);
        if (v)
            return *v;
        errs << PolicyError{label, value, QStringLiteral("must be \"latest\" or \"v1.x\"")};
        return PssVersion{};
    };
    if (labels.contains(kEnforce))
        p.enforce.level = level(kEnforce, labels.value(kEnforce).toString(), PssLevel::Restricted, &hasEnforceLevel);
    if (labels.contains(kEnforceVersion))
        p.enforce.version = version(kEnforceVersion, labels.value(kEnforceVersion).toString());
    if (labels.contains(kAudit))
        p.audit.level = level(kAudit, labels.value(kAudit).toString(), PssLevel::Privileged, nullptr); // fail open
    if (labels.contains(kAuditVersion))
        p.audit.version = version(kAuditVersion, labels.value(kAuditVersion).toString());
    if (labels.contains(kWarn)) {
        hasWarnLevel = true;
        p.warn.level = level(kWarn, labels.value(kWarn).toString(), PssLevel::Privileged, nullptr); // fail open
    }
    if (labels.contains(kWarnVersion)) {
        hasWarnVersion = true;
        p.warn.version = version(kWarnVersion, labels.value(kWarnVersion).toString());
    }
    // Since 1.26 (kubernetes#113491): warn defaults to a more restrictive, valid enforce level.
    if (!hasWarnLevel && hasEnforceLevel && compareLevels(p.enforce.level, p.warn.level) > 0) {
        p.warn.level = p.enforce.level;
        if (!hasWarnVersion)
            p.warn.version = p.enforce.version;
    }
    if (errors)
        *errors = errs;
    return p;
}

namespace admission {

namespace {

using PolicyLevel = Admission::PolicyLevel;

QString fieldOf(const Admission::PolicyError &e)
{
    return QStringLiteral("metadata.labels[%1]").arg(e.label);
}

QString bodyOf(const Admission::PolicyError &e)
{
    return QStringLiteral("Invalid value: %1: %2").arg(models::goQuote(e.value), e.detail);
}

// field.ErrorList.ToAggregate().Error()
QString errorsText(const QList<Admission::PolicyError> &errs)
{
    QStringList parts;
    for (const auto &e : errs)
        parts << fieldOf(e) + QStringLiteral(": ") + bodyOf(e);
    return aggregate(parts);
}

// apierrors.NewInvalid(Namespace, name, errs)
api::ApiError invalidNamespace(const QString &name, const QList<Admission::PolicyError> &errs)
{
    api::ApiError e;
    e.httpStatus = 422;
    e.reason = QStringLiteral("Invalid");
    e.message = QStringLiteral("Namespace %1 is invalid: %2").arg(models::goQuote(name), errorsText(errs));
    QJsonArray causes;
    for (const auto &pe : errs)
        causes << QJsonObject{{QStringLiteral("reason"), QStringLiteral("FieldValueInvalid")},
                              {QStringLiteral("message"), bodyOf(pe)},
                              {QStringLiteral("field"), fieldOf(pe)}};
    e.details = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                            {QStringLiteral("causes"), causes}};
    return e;
}

QString policyName(const PolicyLevel &lv)
{
    return PodSecurity::policyName(lv.level, lv.version);
}

int clusterMinor(const SimCluster &cluster)
{
    static const QRegularExpression re(QStringLiteral("^v?1\\.(\\d+)"));
    const auto m = re.match(cluster.kubernetesVersion());
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// The policy version the cluster's PSA evaluates: its checks know nothing newer than itself.
PssVersion effectiveVersion(PssVersion v, int minor)
{
    if (minor < 0)
        return v;
    if (v.latest || v.minor > minor)
        return PssVersion{1, minor, false};
    return v;
}

QJsonObject namespaceLabels(const SimCluster &cluster, const QString &ns, bool *found)
{
    const StoredObject *o = cluster.store().get(QStringLiteral("/namespaces"), QString(), ns);
    *found = o != nullptr;
    return o ? objAt(meta(o->obj), "labels") : QJsonObject();
}

bool isPodSpecResource(const ResourceType &t)
{
    if (t.group.isEmpty())
        return t.resource == QLatin1String("replicationcontrollers") || t.resource == QLatin1String("podtemplates");
    if (t.group == QLatin1String("apps"))
        return t.resource == QLatin1String("replicasets") || t.resource == QLatin1String("deployments")
            || t.resource == QLatin1String("statefulsets") || t.resource == QLatin1String("daemonsets");
    if (t.group == QLatin1String("batch"))
        return t.resource == QLatin1String("jobs") || t.resource == QLatin1String("cronjobs");
    return false;
}

bool hasPodTemplate(const QJsonObject &obj, const ResourceType &t)
{
    if (t.group == QLatin1String("batch") && t.resource == QLatin1String("cronjobs"))
        return objAt(objAt(objAt(obj, "spec"), "jobTemplate"), "spec").value(QLatin1String("template")).isObject();
    if (t.resource == QLatin1String("podtemplates"))
        return obj.value(QLatin1String("template")).isObject();
    return objAt(obj, "spec").value(QLatin1String("template")).isObject();
}

QString containerSeccompKey(const QString &name)
{
    return QStringLiteral("container.seccomp.security.alpha.kubernetes.io/") + name;
}

bool significantContainerUpdate(const QJsonObject &c, const QJsonObject &old, const QJsonObject &ann, const QJsonObject &oldAnn)
{
    if (strAt(c, "image") != strAt(old, "image"))
        return true;
    const QString key = containerSeccompKey(strAt(c, "name"));
    return ann.value(key).toString() != oldAnn.value(key).toString();
}

// isSignificantPodUpdate
bool significantPodUpdate(const QJsonObject &pod, const QJsonObject &oldPod)
{
    const QJsonObject spec = objAt(pod, "spec"), oldSpec = objAt(oldPod, "spec");
    const QJsonObject ann = objAt(meta(pod), "annotations"), oldAnn = objAt(meta(oldPod), "annotations");
    for (const char *list : {"containers", "initContainers"}) {
        const QJsonArray cs = arrAt(spec, list), olds = arrAt(oldSpec, list);
        if (cs.size() != olds.size())
            return true;
        for (qsizetype i = 0; i < cs.size(); ++i)
            if (significantContainerUpdate(cs.at(i).toObject(), olds.at(i).toObject(), ann, oldAnn))
                return true;
    }
    const QJsonArray oldEphemeral = arrAt(oldSpec, "ephemeralContainers");
    for (const QJsonValue &v : arrAt(spec, "ephemeralContainers")) {
        const QJsonObject c = v.toObject();
        const QJsonObject *match = nullptr;
        QJsonObject found;
        for (const QJsonValue &o : oldEphemeral) {
            if (strAt(o.toObject(), "name") == strAt(c, "name")) {
                found = o.toObject();
                match = &found;
                break;
            }
        }
        if (!match)
            return true; // ephemeral container added
        if (significantContainerUpdate(c, *match, ann, oldAnn))
            return true;
    }
    return false;
}

void recordAudit(State &state, const AdmissionRequest &req, const QMap<QString, QString> &annotations)
{
    if (annotations.isEmpty())
        return;
    Admission::AuditEntry e;
    e.timestamp = SimCluster::now();
    e.verb = req.operation == Operation::Create ? QStringLiteral("create") : QStringLiteral("update");
    e.resource = resourceName(*req.type);
    e.namespaceName = req.namespaceName;
    e.name = req.name;
    e.dryRun = req.dryRun;
    for (auto it = annotations.begin(); it != annotations.end(); ++it)
        e.annotations.insert(kPrefix + it.key(), it.value());
    state.audit << e;
    if (state.audit.size() > 500)
        state.audit.removeFirst();
}

// EvaluatePod: enforce (pods only), audit, then warn when the request is allowed.
api::Result<bool> evaluatePod(const SimCluster &cluster, State &state, AdmissionRequest &req, const Admission::Policy &policy,
                              const QList<Admission::PolicyError> &errs, bool enforce)
{
    const int minor = clusterMinor(cluster);
    QList<QPair<PolicyLevel, QList<PssViolation>>> cache;
    auto evaluate = [&](const PolicyLevel &lv) {
        for (const auto &c : std::as_const(cache))
            if (c.first == lv)
                return c.second;
        const QList<PssViolation> v = PodSecurity::evaluate(req.object, lv.level, effectiveVersion(lv.version, minor));
        cache.append({lv, v});
        return v;
    };
    QMap<QString, QString> annotations;
    if (!errs.isEmpty())
        annotations.insert(QStringLiteral("error"), QStringLiteral("Failed to parse policy: ") + errorsText(errs));
    std::optional<api::ApiError> denied;
    if (enforce) {
        annotations.insert(QStringLiteral("enforce-policy"), policyName(policy.enforce));
        const QList<PssViolation> v = evaluate(policy.enforce);
        if (!v.isEmpty())
            denied = SimCluster::forbidden(PodSecurity::forbiddenMessage(req.name, policy.enforce.level, policy.enforce.version, v,
                                                                         resourceName(*req.type)),
                                           req.type, req.name);
    }
    if (const QList<PssViolation> v = evaluate(policy.audit); !v.isEmpty())
        annotations.insert(QStringLiteral("audit-violations"), PodSecurity::warningMessage(policy.audit.level, policy.audit.version, v));
    if (!denied) {
        const QList<PssViolation> v = evaluate(policy.warn);
        if (!v.isEmpty() && req.warnings)
            *req.warnings << PodSecurity::warningMessage(policy.warn.level, policy.warn.version, v);
    }
    recordAudit(state, req, annotations);
    if (denied)
        return *denied;
    return true;
}

bool fullyPrivileged(const Admission::Policy &p)
{
    return p.enforce.level == PssLevel::Privileged && p.audit.level == PssLevel::Privileged && p.warn.level == PssLevel::Privileged;
}

api::Result<bool> validatePod(const SimCluster &cluster, State &state, AdmissionRequest &req)
{
    static const QStringList ignored{QStringLiteral("exec"), QStringLiteral("attach"), QStringLiteral("binding"),
                                     QStringLiteral("eviction"), QStringLiteral("log"), QStringLiteral("portforward"),
                                     QStringLiteral("proxy"), QStringLiteral("status")};
    if (ignored.contains(req.subresource))
        return true;
    bool found = false;
    const QJsonObject labels = namespaceLabels(cluster, req.namespaceName, &found);
    if (!found) {
        api::ApiError e;
        e.httpStatus = 500;
        e.reason = QStringLiteral("InternalError");
        e.message = QStringLiteral("Internal error occurred: failed to lookup namespace %1").arg(models::goQuote(req.namespaceName));
        e.details = QJsonObject{{QStringLiteral("causes"), QJsonArray{QJsonObject{
                        {QStringLiteral("message"), QStringLiteral("failed to lookup namespace %1").arg(models::goQuote(req.namespaceName))}}}}};
        return e;
    }
    QList<Admission::PolicyError> errs;
    const Admission::Policy policy = Admission::podSecurityPolicy(labels, &errs);
    if (errs.isEmpty() && fullyPrivileged(policy))
        return true;
    if (req.operation == Operation::Update && !significantPodUpdate(req.object, req.oldObject))
        return true;
    return evaluatePod(cluster, state, req, policy, errs, true);
}

api::Result<bool> validatePodController(const SimCluster &cluster, State &state, AdmissionRequest &req)
{
    if (!req.subresource.isEmpty())
        return true;
    bool found = false;
    const QJsonObject labels = namespaceLabels(cluster, req.namespaceName, &found);
    if (!found) {
        recordAudit(state, req, {{QStringLiteral("error"), QStringLiteral("failed to lookup namespace %1: namespaces %1 not found")
                                                               .arg(models::goQuote(req.namespaceName))}});
        return true;
    }
    QList<Admission::PolicyError> errs;
    const Admission::Policy policy = Admission::podSecurityPolicy(labels, &errs);
    if (errs.isEmpty() && policy.warn.level == PssLevel::Privileged && policy.audit.level == PssLevel::Privileged)
        return true;
    if (!hasPodTemplate(req.object, *req.type))
        return true; // a controller without a pod template: nothing to evaluate
    return evaluatePod(cluster, state, req, policy, errs, false);
}

// EvaluatePodsInNamespace: one line per distinct violation summary, naming the lexically first pod.
QStringList evaluatePodsInNamespace(const SimCluster &cluster, const QString &ns, const PolicyLevel &enforce)
{
    const int minor = clusterMinor(cluster);
    const PssVersion version = effectiveVersion(enforce.version, minor);
    struct Count {
        QString podName;
        int count = 0;
    };
    QStringList order;
    QHash<QString, Count> counts;
    const QList<const StoredObject *> pods = cluster.store().list(QStringLiteral("/pods"), ns);
    for (const StoredObject *p : pods) {
        const QList<PssViolation> v = PodSecurity::evaluate(p->obj, enforce.level, version);
        if (v.isEmpty())
            continue;
        QStringList reasons;
        for (const PssViolation &x : v)
            reasons << x.summary;
        const QString warning = reasons.join(QStringLiteral(", "));
        const QString name = metaStr(p->obj, "name");
        auto it = counts.find(warning);
        if (it == counts.end()) {
            counts.insert(warning, Count{name, 1});
            order << warning;
        } else {
            if (lessUtf8(name, it->podName))
                it->podName = name;
            ++it->count;
        }
    }
    QStringList warnings;
    if (order.isEmpty())
        return warnings;
    warnings << QStringLiteral("existing pods in namespace %1 violate the new PodSecurity enforce level %2")
                    .arg(models::goQuote(ns), models::goQuote(policyName(enforce)));
    QStringList podWarnings;
    for (const QString &w : std::as_const(order)) {
        const Count c = counts.value(w);
        if (c.count == 1)
            podWarnings << QStringLiteral("%1: %2").arg(c.podName, w);
        else if (c.count == 2)
            podWarnings << QStringLiteral("%1 (and 1 other pod): %2").arg(c.podName, w);
        else
            podWarnings << QStringLiteral("%1 (and %2 other pods): %3").arg(c.podName).arg(c.count - 1).arg(w);
    }
    std::sort(podWarnings.begin(), podWarnings.end(), lessUtf8);
    return warnings + podWarnings;
}

api::Result<bool> validateNamespace(const SimCluster &cluster, AdmissionRequest &req)
{
    if (!req.subresource.isEmpty())
        return true;
    const QString name = metaStr(req.object, "name");
    QList<Admission::PolicyError> newErrs;
    const Admission::Policy newPolicy = Admission::podSecurityPolicy(objAt(meta(req.object), "labels"), &newErrs);
    if (req.operation == Operation::Create) {
        if (!newErrs.isEmpty())
            return invalidNamespace(name, newErrs);
        return true;
    }
    QList<Admission::PolicyError> oldErrs;
    const Admission::Policy oldPolicy = Admission::podSecurityPolicy(objAt(meta(req.oldObject), "labels"), &oldErrs);
    if (!newErrs.isEmpty() && (oldErrs.isEmpty() || newErrs != oldErrs))
        return invalidNamespace(name, newErrs);
    // Skip dry-running pods when the enforce policy is unchanged, privileged, or relaxed.
    if (newPolicy.enforce == oldPolicy.enforce || newPolicy.enforce.level == PssLevel::Privileged)
        return true;
    if (newPolicy.enforce.version == oldPolicy.enforce.version && compareLevels(newPolicy.enforce.level, oldPolicy.enforce.level) < 1)
        return true;
    const QStringList warnings = evaluatePodsInNamespace(cluster, name, newPolicy.enforce);
    if (req.warnings)
        *req.warnings << warnings;
    return true;
}

} // namespace

api::Result<bool> podSecurity(SimCluster &cluster, State &state, AdmissionRequest &req)
{
    if (req.operation != Operation::Create && req.operation != Operation::Update)
        return true;
    const ResourceType &type = *req.type;
    if (isCore(type, "namespaces"))
        return validateNamespace(cluster, req);
    if (isCore(type, "pods"))
        return validatePod(cluster, state, req);
    if (isPodSpecResource(type))
        return validatePodController(cluster, state, req);
    return true;
}

} // namespace admission
} // namespace acp::sandbox
