#pragma once
// Controllers: the simulated control plane and kubelets of every sandbox cluster.
//
//  - Deployment -> ReplicaSets (pod-template-hash; a new ReplicaSet on template change; rolling
//    update with maxSurge/maxUnavailable or Recreate; scale; revision history limit) and status;
//  - ReplicaSet -> Pods (`<rs>-<5 chars>`, controller ownerReferences) and status;
//    StatefulSet (ordered `<sts>-<i>` pods, PVCs from volumeClaimTemplates), DaemonSet (a pod per
//    eligible node), Job (parallelism/completions/backoffLimit), CronJob (5-field schedules);
//  - pods: scheduler (Ready, schedulable nodes, taints/tolerations, nodeSelector, cpu/memory
//    requests vs allocatable; FailedScheduling otherwise) then kubelet (ContainerCreating ->
//    Running; images containing "doesnotexist"/"bad" -> ImagePullBackOff; tag "crash" ->
//    CrashLoopBackOff with growing restarts; Job pods complete);
//  - Endpoints for Services with selectors, ResourceQuota status (Admission::quotaStatus, the
//    same evaluators as quota admission), PodDisruptionBudget status, ClusterRole aggregation;
//  - node heartbeats (Ready nodes, every 10-20 s), clusterregistry Cluster heartbeats in `global`;
//  - core/v1 Events for what happens (aggregated by object/reason/message; one-hour TTL).
//
// Reacts to ObjectStore watch events, coalesced with a short single-shot timer; no periodic scans
// of all pods. Every write goes through SimCluster with WriteOptions::skipAdmission, so watches
// see it. Single-threaded: lives on the sandbox's thread.
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>
#include <map>
#include <memory>
#include <vector>

namespace acp::sandbox {

class Sandbox;
class SimCluster;
class ObjectStore;
struct StoreEvent;
struct ControllerCluster;

struct ControllerTiming {
    int coalesceMs = 30;            // batch store events before reconciling
    int scheduleDelayMs = 150;      // Pending -> scheduled
    int startDelayMs = 900;         // ContainerCreating -> Running (image pull)
    int jobRunMs = 3000;            // a Job pod's run time
    int nodeHeartbeatMs = 15000;    // +-5 s jitter
    int clusterHeartbeatMs = 15000;
    int eventTtlSeconds = 3600;
    int maxEventsPerCluster = 5000;
};

class Controllers : public QObject {
    Q_OBJECT
public:
    explicit Controllers(Sandbox *sandbox);
    explicit Controllers(const QList<SimCluster *> &clusters, QObject *parent = nullptr);
    ~Controllers() override;

    void setTiming(const ControllerTiming &timing) { m_timing = timing; }
    const ControllerTiming &timing() const { return m_timing; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    void addCluster(SimCluster *cluster);   // also after start()

    // Status computations shared with the seed (pure functions of their inputs).
    static QJsonObject replicaSetStatus(const QJsonObject &rs, const QList<QJsonObject> &pods, const QJsonObject &previous);
    static QJsonObject deploymentStatus(const QJsonObject &deployment, const QList<QJsonObject> &replicaSets,
                                        const QString &newReplicaSetName, const QJsonObject &previous);
    static QJsonObject endpointsFor(const QJsonObject &service, const QList<QJsonObject> &pods, const QJsonObject &previous);
    // PodDisruptionBudget status (ControllersDisruption.cpp): healthy = Running and not deleting.
    static QJsonObject disruptionBudgetStatus(const QJsonObject &pdb, const QList<QJsonObject> &pods, const QJsonObject &previous);
    static QJsonObject clusterRegistryStatus(const SimCluster &cluster, const QJsonObject &previous);
    // The scheduler's verdict for a pod: the nodes that fit, or (none) the FailedScheduling message.
    static QList<QJsonObject> feasibleNodes(const QList<QJsonObject> &nodes, const QJsonObject &pod, QString *failure);

private:
    using State = ControllerCluster;
    enum class TaskKind { Schedule, Start, Restart, Complete };
    struct Task {
        State *cluster = nullptr;
        TaskKind kind = TaskKind::Schedule;
        QString key;   // "ns/name"
        QString uid;
    };

    void attach(State &s);
    void onStoreEvent(State &s, const StoreEvent &ev);
    void scheduleWork();
    void processDirty();
    void process(State &s);
    void schedule(State &s, TaskKind kind, const QString &key, const QString &uid, int delayMs);
    void runDueTasks();
    void tick();
    void initialScan(State &s);

    // ControllersApps.cpp
    void reconcileDeployment(State &s, const QString &key);
    void reconcileReplicaSet(State &s, const QString &key);
    void reconcileStatefulSet(State &s, const QString &key);
    void reconcileDaemonSet(State &s, const QString &key);
    void reconcileJob(State &s, const QString &key);
    void reconcileCronJobs(State &s);
    // ControllersPods.cpp
    void podTask(const Task &t);
    void schedulePod(State &s, QJsonObject pod);
    void startPod(State &s, QJsonObject pod);
    void restartPod(State &s, QJsonObject pod);
    void completePod(State &s, QJsonObject pod);
    void retryUnschedulable(State &s);
    // ControllersStatus.cpp
    void reconcileEndpoints(State &s, const QString &ns);
    void reconcileQuotas(State &s, const QString &ns);
    void reconcileDisruptionBudgets(State &s, const QString &ns);
    void reconcileClusterRoles(State &s);
    void heartbeatNodes(State &s, qint64 nowMs);
    void heartbeatClusters(State &s, qint64 nowMs);
    void pruneEvents(State &s);

    // Writes (internal, no admission); return the stored object (empty on failure).
    QJsonObject write(State &s, const QJsonObject &obj);
    bool createObject(State &s, const QJsonObject &obj, QJsonObject *stored = nullptr);
    void removeObject(State &s, const QString &apiVersion, const QString &kind, const QString &ns, const QString &name);
    void record(State &s, const QJsonObject &involved, const QString &type, const QString &reason, const QString &message,
                const QString &component, const QString &host = QString(), const QString &fieldPath = QString());
    QList<QJsonObject> ownedPods(State &s, const QString &ownerUid);

    Sandbox *m_sandbox = nullptr;
    std::vector<std::unique_ptr<State>> m_clusters;
    ControllerTiming m_timing;
    QTimer m_workTimer;    // coalesced reconcile
    QTimer m_taskTimer;    // next due pod task
    QTimer m_tickTimer;    // 1 s: heartbeats, cron, event TTL
    std::multimap<qint64, Task> m_tasks;
    qint64 m_ticks = 0;
    bool m_running = false;
};

} // namespace acp::sandbox
