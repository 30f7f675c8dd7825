#pragma once
// PssImpactPreview: before a level is applied to namespaces, what would it block?
// For a PSS level + version and a set of (cluster, namespace) targets it lists every live Pod
// and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs
// and ReplicationControllers there (one LIST per kind and namespace through each cluster's
// ClusterConnection client, as the fleet's user), evaluates them with models::PodSecurity and
// reports each failed field (object, check, container, field). It also asks the server what
// the equivalent PSA change would say: a dryRun=All merge patch of the namespace's
// pod-security.kubernetes.io/enforce(-version) labels, whose PodSecurity warnings are kept per
// namespace (nothing is persisted).
// Thread: GUI thread; JSON parsing of the lists happens on it (namespaces of a project hold
// hundreds of objects, not hundreds of thousands). run() supersedes a running preview.
#include "api/ApiError.h"
#include "models/PodSecurity.h"
#include "models/PssTargets.h"

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
};

struct PssNamespaceImpact {
    PssTarget target;
    int evaluated = 0;                   // pods and workloads looked at
    int blocked = 0;                     // of which would be blocked
    QList<PssImpactItem> items;          // one per failed field, in object order
    QStringList dryRunWarnings;          // the server's warnings for the PSA enforce label change
    QList<api::ApiError> errors;         // lists or the dry-run that failed (403 for a kind, ...)
};

class PssImpactPreview : public QObject {
    Q_OBJECT
public:
    explicit PssImpactPreview(Fleet *fleet, QObject *parent = nullptr);

    void run(PssLevel level, PssVersion version, const QList<PssTarget> &targets);
    bool isRunning() const { return m_pending > 0; }

    QList<PssNamespaceImpact> results() const { return m_results; } // sorted by target
    QList<PssImpactItem> items() const;                             // every namespace's, flattened

    // The kinds looked at: {group, version, resource} rows (core first).
    static QList<QStringList> evaluatedResources();

Q_SIGNALS:
    void finished();

private:
    void evaluateList(int index, const QByteArray &body);
    void finishOne(int generation);

    Fleet *m_fleet;
    PssLevel m_level = PssLevel::Restricted;
    PssVersion m_version;
    QList<PssNamespaceImpact> m_results;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace acp::models
