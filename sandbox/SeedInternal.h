#pragma once
// Internal to Seed*.cpp: the seed plan (projects, namespaces, users' grants) and the writers
// that put objects into a SimCluster (apply() for the demo seed, ObjectStore::load() in bulk).
#include "sandbox/SeedObjects.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::sandbox {
class SimCluster;
class UserDirectory;
}

namespace acp::sandbox::seed {

using sim::metaStr;
using sim::nameOf;
using sim::namespaceOf;
using sim::uidOf;

struct UserGrant {
    QString name;
    QString email;
    bool platformAdmin = false;   // cluster-admin everywhere
    bool auditor = false;         // view everywhere
    bool projectOwner = false;    // admin in the first project's namespaces
};

struct ProjectPlan {
    QString name;
    QString displayName;
    QString description;
    QString owner;                // user name (may be empty)
    QStringList clusters;
};

enum class NsKind { Project, Dev, Prod, Staging, Scale };

struct NamespacePlan {
    QString cluster;
    QString name;
    QString project;
    NsKind kind = NsKind::Project;
    QString psaEnforce;           // "", "baseline", "restricted"
    QString psaWarn;              // warn + audit level ("" = none)
};

struct Plan {
    QList<UserGrant> users;
    QList<ProjectPlan> projects;
    QList<NamespacePlan> namespaces;
    QStringList workloadClusters;
    int podsPerCluster = 0;
    QList<NamespacePlan> namespacesOf(const QString &cluster) const;
    QStringList ownersOf(const QString &project) const;   // project owners' user names
};

Plan makePlan(const QStringList &workloadClusters, const UserDirectory &users, int podsPerCluster);

// A node as the seed and its pods see it.
struct NodeInfo {
    QString name;
    QString ip;
    QString podCidrBase;   // "10.x.y." (pods get .2 - .254)
    bool controlPlane = false;
    bool ready = true;
    bool schedulable = true;
    int nextIp = 2;
};

class NodePool {
public:
    QList<NodeInfo> nodes;
    // Round-robin over Ready, schedulable worker nodes (control-plane nodes when none).
    NodeInfo &pick();
    QString nextPodIp(NodeInfo &node);
private:
    int m_next = 0;
};

// Writes objects into a cluster. Demo mode: SimCluster::apply() (defaults, validation, watch
// history). Bulk mode: ObjectStore::load() with uid/creationTimestamp filled in here.
class Writer {
public:
    Writer(SimCluster *cluster, bool bulk) : m_cluster(cluster), m_bulk(bulk) {}
    SimCluster *cluster() const { return m_cluster; }
    bool bulk() const { return m_bulk; }
    // Returns the object as stored (uid, resourceVersion, defaults).
    QJsonObject put(QJsonObject obj);
    // Bulk load under a known storage key (no per-object kind lookup).
    void load(const QString &storageKey, QJsonObject obj);
    int errors() const { return m_errors; }
private:
    SimCluster *m_cluster;
    bool m_bulk;
    int m_errors = 0;
    QHash<QString, QString> m_keys;   // apiVersion/kind -> storage key
};

// --- builders (SeedCluster.cpp) ---------------------------------------------------------
QJsonObject object(const char *apiVersion, const char *kind, const QString &ns, const QString &name,
                   const QJsonObject &labels = {}, qint64 ageSeconds = 0);
QJsonObject namespaceObject(const NamespacePlan &plan, qint64 ageSeconds);
QJsonObject systemNamespace(const QString &name, qint64 ageSeconds);
NodePool seedNodes(Writer &w, int clusterIndex, int count, int notReadyIndex, int cordonedIndex, qint64 ageSeconds);
void seedNamespaceBasics(Writer &w, const QString &ns, qint64 ageSeconds);   // default SA, kube-root-ca.crt

// --- RBAC (SeedRbac.cpp) ----------------------------------------------------------------
void seedRbac(Writer &w, const Plan &plan, const QString &clusterName);

// --- global (SeedPlatform.cpp) ----------------------------------------------------------
void seedPlatform(Writer &w, const Plan &plan, const QList<SimCluster *> &clusters, const QString &sharedDir);
// The auth.alauda.io/v1 UserBinding "<user>-<role>" giving `user` the RoleTemplate `role`.
QJsonObject userBinding(const QString &user, const QString &role, const QString &scope, const QJsonArray &constraint);

// --- workloads (SeedWorkloads.cpp, SeedApps.cpp, SeedScale.cpp) -------------------------
struct DeploymentInput {
    QString ns;
    QString name;
    int replicas = 1;
    QJsonObject podSpec;
    QJsonObject labels;            // pod labels (selector = these)
    qint64 ageSeconds = 86400;
    sim::PodState state = sim::PodState::Running;   // overridden by the images (intendedState)
    int restarts = 0;
    QString unschedulableMessage;
    QJsonObject previousPodSpec;   // non-empty: an older, scaled-down ReplicaSet (revision 1)
};
QJsonObject seedDeployment(Writer &w, NodePool &nodes, const DeploymentInput &in);
// One pod per node (workers only: also skip control-plane nodes) and the DaemonSet's status.
void seedDaemonPods(Writer &w, NodePool &nodes, const QJsonObject &daemonSet, bool workersOnly);
void seedSystemWorkloads(Writer &w, NodePool &nodes, const QString &clusterName);
void finishSystemNamespaces(Writer &w);   // endpoints and quota usage of the system namespaces
void seedStatefulSet(Writer &w, NodePool &nodes, const QString &ns, const QString &name, const QString &image, int replicas, int port);
void seedJobs(Writer &w, NodePool &nodes, const QString &ns);   // a completed Job and a CronJob with its last run
void seedProjectNamespace(Writer &w, NodePool &nodes, const NamespacePlan &ns);
void seedScale(Writer &w, NodePool &nodes, const QList<NamespacePlan> &namespaces, int pods);
// Kyverno (SeedKyverno.cpp): a pod-security Policy (podSecurity rule at `level`, action
// Enforce|Audit); the pods that violate a namespace's policies (seeded before its quota usage
// is computed); the namespace's extra policies and the PolicyReports of everything in it.
QJsonObject kyvernoPolicy(const QString &ns, const QString &level, const QString &action);
void seedKyvernoPods(Writer &w, NodePool &nodes, const NamespacePlan &ns);
void seedKyverno(Writer &w, const NamespacePlan &ns);
// The platform's pod security samples (SeedConsoleSamples.cpp): consoleyamlsamples on global
// and business-1 only, and read access to them for every authenticated user on every cluster.
void seedConsoleSamples(Writer &w, const QString &clusterName);

QJsonObject container(const QString &name, const QString &image, const char *cpuReq, const char *memReq,
                      const char *cpuLim, const char *memLim, int port = 0);
QJsonObject restrictedSecurityContext();
// A pod object (status from `state`) owned by `owner` (may be empty).
QJsonObject makePod(const QString &ns, const QString &name, const QJsonObject &labels, const QJsonObject &spec,
                    const QJsonObject &owner, NodePool &nodes, sim::PodState state, qint64 ageSeconds,
                    int restarts = 0, const QString &message = QString());
void seedEvent(Writer &w, const sim::EventInput &in);

} // namespace acp::sandbox::seed
