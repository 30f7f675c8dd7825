#pragma once
// PssImpactPreview: before a level is applied to namespaces, what would it block?
// For a PSS level + version and a set of (cluster, namespace) targets it lists every live Pod
// and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs
// and ReplicationControllers there (one LIST per kind and namespace through each cluster's
// ClusterConnection client, as the fleet's user), evaluates them with models::PodSecurity and
// reports each failed field (object, check, container, field).
// Each problem is shown once, at the top-most owner that is also listed: a Deployment's
// ReplicaSets and their Pods, a CronJob's Jobs and their Pods, a DaemonSet's or StatefulSet's
// Pods fold into the workload's rows (controller ownerReferences), which carry the number of
// its live pods that violate the level. An owned object keeps rows of its own only for
// findings (check, container, field below the pod template) no failing owner has (e.g. an older ReplicaSet still running pods from a template
// the Deployment no longer has, or a pod changed after creation). Bare pods are listed as
// themselves. It also asks the server what
// the equivalent PSA change would say: a dryRun=All merge patch of the namespace's
// pod-security.kubernetes.io/enforce(-version) labels, whose PodSecurity warnings are kept per
// namespace (nothing is persisted).
// Thread: GUI thread; JSON parsing of the lists happens on it (namespaces of a project hold
// hundreds of objects, not hundreds of thousands). run() supersedes a running preview.
#include "api/ApiError.h"
#include "models/PodSecurity.h"
#include "models/PssTargets.h"

#include <QJsonObject>
#include <QObject>
#include <optional>

namespace acp::models {

class Fleet;

struct PssImpactItem {
    PssTarget target;
    QString kind;       // "Pod", "Deployment", ...
    QString name;
    QString check;      // PSS check ID
    QString container;  // "" for pod-level fields
    QString field;      // path in the object, e.g. spec.template.spec.containers[0].securityContext.privileged
    int pods = 0;       // its live pods (transitively owned; a Pod: itself) that violate the level
};

struct PssNamespaceImpact {
    PssTarget target;
    int evaluated = 0;                   // pods and workloads looked at
    int blocked = 0;                     // objects listed in items (owners of folded objects)
    int affectedPods = 0;                // live pods that violate the level
    QList<PssImpactItem> items;          // one per failed field, by kind and name
    QStringList dryRunWarnings;          // the server's warnings for the PSA enforce label change
    QList<api::ApiError> errors;         // lists or the dry-run that failed (403 for a kind, ...)
};

class PssImpactPreview : public QObject {
    Q_OBJECT
public:
    explicit PssImpactPreview(Fleet *fleet, QObject *parent = nullptr);

    // extraChecks: checks of the Restricted level evaluated too (a template's extra rules, e.g.
    // Nonroot's "runAsNonRoot" on top of Baseline).
    void run(PssLevel level, PssVersion version, const QList<PssTarget> &targets, const QStringList &extraChecks = {});
    bool isRunning() const { return m_pending > 0; }

    QList<PssNamespaceImpact> results() const { return m_results; } // sorted by target
    QList<PssImpactItem> items() const;                             // every namespace's, flattened

    // The kinds looked at: {group, version, resource} rows (core first).
    static QList<QStringList> evaluatedResources();

    // One namespace's objects (each with its "kind") evaluated and folded into owners as
    // described above; dryRunWarnings and errors are left empty. Pure.
    static PssNamespaceImpact summarize(const PssTarget &target, const QList<QJsonObject> &objects, PssLevel level,
                                        PssVersion version, const QStringList &extraChecks = {});

Q_SIGNALS:
    void finished();

private:
    void evaluateList(int index, const QByteArray &body);
    void finishOne(int generation);

    Fleet *m_fleet;
    PssLevel m_level = PssLevel::Restricted;
    PssVersion m_version;
    QStringList m_extraChecks;
    QList<PssNamespaceImpact> m_results;
    QList<QList<QJsonObject>> m_objects;   // per result: the listed objects, until all lists are in
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace acp::models
