// Seed: Kyverno pod-security policies in project namespaces, a few pods that violate them
// (admitted before the policy existed) and the PolicyReports the background scan computes for
// them (KyvernoReports, the same code the running sandbox uses).
//
//   cluster     namespace      policy (kyverno.io/v1 Policy)          action   violating pods
//   business-1  alpha-prod     restricted   podSecurity restricted     Enforce  legacy-exporter (no securityContext)
//   business-1  alpha-dev      require-run-as-nonroot  anyPattern      Audit    frontend-*, api-*, worker-*, reports-*
//   business-2  alpha-staging  baseline     podSecurity baseline       Audit    debug-tools-* (privileged, hostNetwork),
//                                                                               log-agent-* (hostPath)
//   business-2  beta-dev       restricted   podSecurity restricted     Enforce  legacy-debug (privileged, hostPID),
//                                                                               web-*, api-* (standard kit, not hardened)
//   business-2  beta-prod      restricted   podSecurity restricted     Audit    legacy-backup (runAsUser 0, no securityContext
//                                                                               otherwise)
// gamma's namespaces have no policy.
#include "sandbox/KyvernoReports.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

namespace acp::sandbox::seed {

namespace {

QJsonObject policyStatus()
{
    return QJsonObject{
        {QStringLiteral("conditions"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Ready")}, {QStringLiteral("status"), QStringLiteral("True")},
                                                              {QStringLiteral("reason"), QStringLiteral("Succeeded")}, {QStringLiteral("message"), QStringLiteral("Ready")},
                                                              {QStringLiteral("lastTransitionTime"), sim::timeAgo(86400 * 14)}}}},
        {QStringLiteral("ready"), true},
        {QStringLiteral("rulecount"), QJsonObject{{QStringLiteral("validate"), 1}, {QStringLiteral("mutate"), 0},
                                                  {QStringLiteral("generate"), 0}, {QStringLiteral("verifyimages"), 0}}}};
}

QJsonObject podRule(const QString &name, const QJsonObject &validate)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("match"), QJsonObject{{QStringLiteral("any"), QJsonArray{QJsonObject{{QStringLiteral("resources"),
                            QJsonObject{{QStringLiteral("kinds"), QJsonArray{QStringLiteral("Pod")}}}}}}}}},
                       {QStringLiteral("validate"), validate}};
}

// upstream pod-security/restricted/require-run-as-nonroot as a namespaced Policy.
QJsonObject runAsNonRootPolicy(const QString &ns)
{
    QJsonObject p = object("kyverno.io/v1", "Policy", ns, QStringLiteral("require-run-as-nonroot"), {}, 86400 * 5);
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/title"), QStringLiteral("Require runAsNonRoot"));
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/category"), QStringLiteral("Pod Security Standards (Restricted)"));
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/severity"), QStringLiteral("medium"));
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/subject"), QStringLiteral("Pod"));
    sim::setMetaField(p, QStringLiteral("generation"), 1);
    auto sc = [](bool optional) {
        const QJsonObject nonRoot{{optional ? QStringLiteral("=(runAsNonRoot)") : QStringLiteral("runAsNonRoot"), QStringLiteral("true")}};
        return QJsonArray{QJsonObject{{optional ? QStringLiteral("=(securityContext)") : QStringLiteral("securityContext"), nonRoot}}};
    };
    const QJsonObject podLevel{{QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("runAsNonRoot"), QStringLiteral("true")}}},
        {QStringLiteral("=(ephemeralContainers)"), sc(true)}, {QStringLiteral("=(initContainers)"), sc(true)},
        {QStringLiteral("containers"), sc(true)}}}};
    const QJsonObject containerLevel{{QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("=(ephemeralContainers)"), sc(false)}, {QStringLiteral("=(initContainers)"), sc(false)},
        {QStringLiteral("containers"), sc(false)}}}};
    p.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("admission"), true}, {QStringLiteral("background"), true},
        {QStringLiteral("validationFailureAction"), QStringLiteral("Audit")},
        {QStringLiteral("rules"), QJsonArray{podRule(QStringLiteral("run-as-non-root"), QJsonObject{
             {QStringLiteral("message"), QStringLiteral("Running as root is not allowed. Either the field spec.securityContext.runAsNonRoot "
                                                        "must be set to `true`, or the fields spec.containers[*].securityContext.runAsNonRoot, "
                                                        "spec.initContainers[*].securityContext.runAsNonRoot, and "
                                                        "spec.ephemeralContainers[*].securityContext.runAsNonRoot must be set to `true`.")},
             {QStringLiteral("anyPattern"), QJsonArray{podLevel, containerLevel}}})}}});
    p.insert(QStringLiteral("status"), policyStatus());
    return p;
}

// A bare pod created before the namespace's policy: privileged, in the host PID namespace.
void legacyDebugPod(Writer &w, NodePool &nodes, const QString &ns)
{
    QJsonObject c = container(QStringLiteral("debug"), QStringLiteral("busybox:1.36"), "10m", "16Mi", "100m", "64Mi");
    c.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("infinity")});
    c.insert(QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("privileged"), true}});
    const QJsonObject spec{{QStringLiteral("containers"), QJsonArray{c}}, {QStringLiteral("hostPID"), true}};
    w.put(makePod(ns, QStringLiteral("legacy-debug"), QJsonObject{{QStringLiteral("app"), QStringLiteral("legacy-debug")}}, spec, {}, nodes,
                  sim::PodState::Running, 86400 * 20));
}

// A bare pod created before the namespace's restricted policy, not hardened (optionally root).
void legacyPod(Writer &w, NodePool &nodes, const QString &ns, const QString &name, const QString &image, bool root)
{
    QJsonObject c = container(QStringLiteral("main"), image, "50m", "64Mi", "200m", "128Mi");
    if (root)
        c.insert(QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("runAsUser"), 0}});
    const QJsonObject spec{{QStringLiteral("containers"), QJsonArray{c}}};
    w.put(makePod(ns, name, QJsonObject{{QStringLiteral("app"), name}}, spec, {}, nodes, sim::PodState::Running, 86400 * 25));
}

} // namespace

QJsonObject kyvernoPolicy(const QString &ns, const QString &level, const QString &action)
{
    // As the console's templates write it (resources/pss-templates): the template label marks it.
    QJsonObject p = object("kyverno.io/v1", "Policy", ns, level, QJsonObject{{QStringLiteral("console.alauda.io/pss-template"), level}}, 86400 * 14);
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/title"),
                       level == QLatin1String("restricted") ? QStringLiteral("Restricted Pod Security Standards") : QStringLiteral("Baseline Pod Security Standards"));
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/category"), QStringLiteral("Pod Security"));
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/severity"), level == QLatin1String("restricted") ? QStringLiteral("medium") : QStringLiteral("high"));
    sim::setAnnotation(p, QStringLiteral("policies.kyverno.io/subject"), QStringLiteral("Pod"));
    sim::setMetaField(p, QStringLiteral("generation"), 1);
    p.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("admission"), true}, {QStringLiteral("background"), true},
        {QStringLiteral("validationFailureAction"), action},
        {QStringLiteral("rules"), QJsonArray{podRule(level, QJsonObject{{QStringLiteral("podSecurity"),
             QJsonObject{{QStringLiteral("level"), level}, {QStringLiteral("version"), QStringLiteral("latest")}}}})}}});
    p.insert(QStringLiteral("status"), policyStatus());
    return p;
}

void seedKyvernoPods(Writer &w, NodePool &nodes, const NamespacePlan &ns)
{
    if (ns.project == QLatin1String("alpha") && ns.kind == NsKind::Prod)
        legacyPod(w, nodes, ns.name, QStringLiteral("legacy-exporter"), QStringLiteral("prom/node-exporter:v1.8.2"), false);
    if (ns.project == QLatin1String("beta") && ns.kind == NsKind::Dev)
        legacyDebugPod(w, nodes, ns.name);
    if (ns.project == QLatin1String("beta") && ns.kind == NsKind::Prod)
        legacyPod(w, nodes, ns.name, QStringLiteral("legacy-backup"), QStringLiteral("restic/restic:0.17.1"), true);
}

void seedKyverno(Writer &w, const NamespacePlan &ns)
{
    if (ns.project == QLatin1String("alpha") && ns.kind == NsKind::Dev)
        w.put(runAsNonRootPolicy(ns.name));
    if (ns.project == QLatin1String("beta") && ns.kind == NsKind::Dev)
        w.put(kyvernoPolicy(ns.name, QStringLiteral("restricted"), QStringLiteral("Enforce")));
    if (ns.project == QLatin1String("beta") && ns.kind == NsKind::Prod)
        w.put(kyvernoPolicy(ns.name, QStringLiteral("restricted"), QStringLiteral("Audit")));
    if (!w.bulk())
        KyvernoReports::reconcileNamespace(*w.cluster(), ns.name);
}

} // namespace acp::sandbox::seed
