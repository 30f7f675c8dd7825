#pragma once
// PodSecurity: the Kubernetes Pod Security Standards (PSS) evaluator, as kube-apiserver's Pod
// Security Admission runs it (k8s.io/pod-security-admission/policy).
//
// Contract:
// - Pure functions over JSON values; no state, any thread, never throws.
// - Every check of the upstream registry is implemented with its version history
//   (policy versions v1.0 ... v1.37; see PodSecurityRegistry.cpp for the table). Check IDs,
//   summaries (ForbiddenReason) and details (ForbiddenDetail) are kube-apiserver's texts.
// - Violations come back in PSA's order: baseline checks sorted by ID, then restricted checks
//   sorted by ID; at restricted level the baseline checks a restricted check overrides
//   (hostPathVolumes, capabilities_baseline, seccompProfile_baseline, procMount) are skipped.
// - The object is evaluated as given, as the API server would after defaulting: a volume that
//   names no known volume source counts as an emptyDir (the API server defaults it so).
//   Other defaulting (e.g. hostPort from containerPort on hostNetwork pods) is not simulated.
// - Not modelled (callers decide): PSA exemptions (users, runtime classes, namespaces), the
//   apiserver's emulated-version clamp, and PSA's update short-cuts (an UPDATE that changes only
//   metadata or non-security fields is not evaluated by the API server).
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::models {

enum class PssLevel { Privileged, Baseline, Restricted };

// A policy version as written in `pod-security.kubernetes.io/<mode>-version` labels.
// `latest` set means "evaluate with the newest policy this evaluator knows". parseVersion() also
// sets it for a version newer than the newest known one (as PSA clamps it); major/minor then keep
// the requested number so messages quote the label as the API server does ("restricted:v1.99").
struct PssVersion {
    int major = 1;
    int minor = 0;
    bool latest = true;

    friend bool operator==(const PssVersion &, const PssVersion &) = default;
};

struct PssViolation {
    QString check;          // check ID, e.g. "allowPrivilegeEscalation"
    QString summary;        // kube-apiserver's reason, e.g. "allowPrivilegeEscalation != false"
    QString detail;         // e.g. `container "x" must set securityContext.allowPrivilegeEscalation=false`
    QStringList containers; // names of the containers involved (empty for pod-level findings)
    QStringList fields;     // paths in the evaluated object, e.g.
                            // spec.containers[0].securityContext.allowPrivilegeEscalation
                            // (spec.template.spec.containers[0]... for a Deployment)
};

// One failed field of a violation: the check, the container the field belongs to (empty for
// pod-level fields such as spec.hostNetwork) and the field path in the evaluated object.
struct PssFinding {
    QString check;
    QString container;
    QString field;

    friend bool operator==(const PssFinding &, const PssFinding &) = default;
};

class PodSecurity {
public:
    // "privileged" | "baseline" | "restricted" (exact, as PSA's label parser).
    static std::optional<PssLevel> parseLevel(const QString &text);
    static QString levelName(PssLevel level);

    // "latest" | "v1.<minor>" (no leading zeros, major must be 1), as PSA's label parser.
    static std::optional<PssVersion> parseVersion(const QString &text);
    // "latest" or "v1.25"; a clamped future version keeps its own text ("v1.99").
    static QString versionName(PssVersion version);
    // The newest policy version this evaluator knows (minor of v1.x).
    static int latestKnownMinor();
    // "restricted:latest", as PSA quotes a policy in its messages.
    static QString policyName(PssLevel level, PssVersion version);

    // IDs of the checks run for this level and version, in evaluation order.
    static QStringList checkIds(PssLevel level, PssVersion version);

    // Evaluates a Pod, or the pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet,
    // Job, CronJob, ReplicationController or PodTemplate (a JSON object as the API serves it;
    // an object without `kind` but with spec.containers is taken as a Pod). Objects of other
    // kinds, or without a template, have nothing to evaluate and give no violations.
    static QList<PssViolation> evaluate(const QJsonObject &object, PssLevel level, PssVersion version);

    // True when evaluate() has a pod spec to look at: a Pod or a workload kind with its template.
    static bool hasPodSpec(const QJsonObject &object);

    // The violations split per field, in order, each with its container's name (resolved from
    // the field path's containers[i] index, or from a per-container annotation key). A
    // violation without fields gives one finding per container (or one with neither).
    static QList<PssFinding> findings(const QJsonObject &object, const QList<PssViolation> &violations);

    // PSA's aggregate detail: `reason (detail), reason (detail)`.
    static QString forbiddenDetail(const QList<PssViolation> &violations);
    // The enforce rejection:
    // `pods "name" is forbidden: violates PodSecurity "restricted:latest": <forbiddenDetail>`
    // (`pods is forbidden: ...` when name is empty). Empty when violations is empty.
    static QString forbiddenMessage(const QString &name, PssLevel level, PssVersion version,
                                    const QList<PssViolation> &violations,
                                    const QString &resource = QStringLiteral("pods"));
    // The warn header text: `would violate PodSecurity "restricted:latest": <forbiddenDetail>`.
    // Empty when violations is empty.
    static QString warningMessage(PssLevel level, PssVersion version, const QList<PssViolation> &violations);
};

} // namespace acp::models
