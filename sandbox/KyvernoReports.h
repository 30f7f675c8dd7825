#pragma once
// KyvernoReports: Kyverno's background scan as the sandbox simulates it. Keeps one
// wgpolicyk8s.io/v1alpha2 PolicyReport per evaluated resource current, as Kyverno 1.10+ does:
//  - named by the resource's uid, in its namespace, label app.kubernetes.io/managed-by: kyverno,
//    ownerReferences to the resource (garbage-collected with it), `scope` naming it;
//  - results: one per applying rule of every kyverno.io/v1 Policy of the namespace and every
//    ClusterPolicy with spec.background (KyvernoEngine; auto-gen rules for controllers),
//    sorted by policy and rule; policy "ns/name" for namespaced Policies; category and severity
//    from the policies.kyverno.io annotations; a failing unscored rule
//    (policies.kyverno.io/scored: "false") reports warn; properties.process "background scan"
//    plus the podSecurity controls; summary counts {pass, fail, warn, error, skip};
//  - resources: Pods, Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs,
//    ReplicationControllers. A resource no rule applies to has no report.
// Re-evaluated when a resource's spec, labels or annotations change, when a policy of its
// namespace (any namespace, for ClusterPolicies) or its namespace's labels change; debounced
// (one pass per 200 ms). A report is rewritten only when its results change (timestamps kept).
// Deleting the resource deletes its report.
// Single-threaded: lives on the sandbox's thread, writes through SimCluster (no admission).
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>
#include <vector>

namespace acp::sandbox {

class SimCluster;
struct StoreEvent;

class KyvernoReports : public QObject {
    Q_OBJECT
public:
    explicit KyvernoReports(const QList<SimCluster *> &clusters, QObject *parent = nullptr);
    ~KyvernoReports() override;

    void setDebounceMs(int ms) { m_timer.setInterval(ms); }
    // Evaluates everything once, then follows store events.
    void start();

    // The report `resource` should have now (empty: none). `previous` supplies timestamps of
    // unchanged results. Used by the seed and by the controller.
    static QJsonObject reportFor(const SimCluster &cluster, const QJsonObject &resource, const QJsonObject &previous = {});
    // Brings one resource's report up to date (create, update or delete). Returns whether it wrote.
    static bool reconcile(SimCluster &cluster, const QString &storageKey, const QString &ns, const QString &name);
    // Every evaluated resource of a namespace ("" = all namespaces).
    static void reconcileNamespace(SimCluster &cluster, const QString &ns);
    static const QStringList &resourceKeys();   // storage keys of the evaluated resources

private:
    struct State {
        SimCluster *cluster = nullptr;
        int watcherId = 0;
        QSet<QString> resources;    // "storageKey|ns|name"
        QSet<QString> namespaces;   // namespaces to re-evaluate
        bool all = false;
    };
    void onEvent(State &s, const StoreEvent &ev);
    void process();

    std::vector<std::unique_ptr<State>> m_states;
    QTimer m_timer;
};

} // namespace acp::sandbox
