#pragma once
// Admission: kube-apiserver's built-in admission plugins that change what a client sees on
// writes, registered on a SimCluster's admission chain in kube-apiserver order:
//
//   LimitRanger    (plugin/pkg/admission/limitranger)   mutating: LimitRange type Container
//                  default/defaultRequest into pods; validating: Container/Pod/PVC min, max and
//                  maxLimitRequestRatio. Pod creates only (pod updates, subresources and objects
//                  being deleted are skipped, as upstream).
//   PodSecurity    (k8s.io/pod-security-admission)      namespace labels
//                  pod-security.kubernetes.io/{enforce,audit,warn}[-version]; enforce on pods
//                  (create, update, ephemeralcontainers/resize subresources), warn + audit on pods
//                  and on workload pod templates, label validation and existing-pod warnings on
//                  Namespace writes. Dry-run requests are evaluated the same way.
//   ResourceQuota  (k8s.io/apiserver/.../resourcequota + pkg/quota/v1/evaluator/core)
//                  pods (compute resources, pods, count/pods; create and the resize subresource),
//                  services (create, update), persistentvolumeclaims (create, update) and object
//                  counts (count/<resource>[.<group>], legacy configmaps/secrets/
//                  replicationcontrollers/resourcequotas; create). Usage is computed from the
//                  store (not from status.used), hard limits from spec.hard. A successful, not
//                  dry-run request writes the quota's status {hard, used} as upstream's admission
//                  does; deletions are replenished by whoever recomputes status (Controllers
//                  should call quotaStatus()).
//
// Namespace lifecycle is enforced by SimCluster itself. Messages, reasons and details are
// kube-apiserver 1.32's (see Admission*.cpp for the upstream source of each text).
// Single-threaded (the cluster's event loop); the functions below are pure reads of the cluster.
#include "models/PodSecurity.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

class SimCluster;
struct ResourceType;

class Admission {
public:
    // Registers LimitRanger, PodSecurity and ResourceQuota (in that order) on the cluster.
    // Idempotent: a second call on the same cluster does nothing.
    static void install(SimCluster &cluster);

    // --- ResourceQuota --------------------------------------------------------------------
    // Current usage in namespace `ns` of every resource named in `quotaSpecHard` that a quota
    // evaluator tracks, as the quota controller computes it (no scopes): values are Quantity
    // strings ("3", "500m", "1Gi"); keys no evaluator knows are left out.
    static QJsonObject quotaUsage(const SimCluster &cluster, const QString &ns, const QJsonObject &quotaSpecHard);
    // The status a ResourceQuota object should have: {hard: spec.hard, used: ...}, honouring
    // spec.scopes and spec.scopeSelector (scoped quotas count matching pods only).
    static QJsonObject quotaStatus(const SimCluster &cluster, const QJsonObject &quota);
    // What one object is charged, per quota resource name (pods: count/pods, pods, cpu,
    // requests.*, limits.*, ...; services: services, count/services, services.nodeports, ...;
    // PVCs: persistentvolumeclaims, requests.storage, <class>.storageclass.storage.k8s.io/...;
    // other stored kinds: their object count names). Empty for unknown kinds.
    static QJsonObject objectUsage(const ResourceType &type, const QJsonObject &object);

    // --- PodSecurity ----------------------------------------------------------------------
    struct PolicyLevel {
        models::PssLevel level = models::PssLevel::Privileged;
        models::PssVersion version;
        friend bool operator==(const PolicyLevel &, const PolicyLevel &) = default;
    };
    struct Policy {
        PolicyLevel enforce, audit, warn;
    };
    // A label PSA could not parse: field `metadata.labels[<label>]`, the value, and PSA's detail
    // (`must be one of privileged, baseline, restricted` / `must be "latest" or "v1.x"`).
    struct PolicyError {
        QString label;
        QString value;
        QString detail;
        friend bool operator==(const PolicyError &, const PolicyError &) = default;
    };
    // PSA's PolicyToEvaluate with kube-apiserver's default configuration (privileged:latest):
    // invalid enforce levels fall back to restricted, invalid audit/warn levels to privileged,
    // invalid versions to latest; warn defaults to the enforce level when only enforce is set.
    static Policy podSecurityPolicy(const QJsonObject &namespaceLabels, QList<PolicyError> *errors = nullptr);

    // Audit annotations PSA produced (pod-security.kubernetes.io/enforce-policy,
    // .../audit-violations, .../error), newest last, at most 500 entries per cluster.
    struct AuditEntry {
        QString timestamp;
        QString verb;        // "create" | "update"
        QString resource;    // "pods", "deployments.apps", ...
        QString namespaceName;
        QString name;
        bool dryRun = false;
        QMap<QString, QString> annotations;
    };
    static QList<AuditEntry> auditLog(const SimCluster &cluster);
};

} // namespace acp::sandbox
