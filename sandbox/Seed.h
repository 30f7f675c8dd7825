#pragma once
// Seed: the initial contents of the sandbox's clusters.
//
// Two modes (SandboxOptions::podsPerCluster):
//  - demo (0): a realistic platform. Every cluster: system namespaces, 3-6 nodes (one NotReady
//    and one cordoned node among the workload clusters), kube-apiserver's bootstrap RBAC
//    (cluster-admin/admin/edit/view with aggregation, system:basic-user, system:discovery,
//    system:public-info-viewer), platform bindings (platform admins: cluster-admin; auditors:
//    view; project owners: `admin` RoleBindings in their project's namespaces only), kube-system
//    workloads. `global` also holds the clusterregistry Clusters, Projects alpha/beta/gamma with
//    per-cluster quotas, Users, UserBindings and RoleTemplates. Workload clusters hold project
//    namespaces with quotas, limit ranges, PSA labels, workloads in varied states (Running,
//    CrashLoopBackOff, ImagePullBackOff, Unschedulable, Completed, Init:0/1), services,
//    ingresses, policies, secrets, PVCs and events. Written through SimCluster::apply().
//  - scale (>0): per workload cluster a few project namespaces, nodes, the same RBAC and exactly
//    podsPerCluster Running pods owned by Deployments/ReplicaSets, bulk-loaded with
//    ObjectStore::load() (no history, no watch events).
//
// CRDs: built-in trimmed CRDs from the Qt resources (:/sandbox/crds), replaced by the full
// upstream CRDs of `<sharedDir>/reference/acp/crds` and `<sharedDir>/testdata/crds/{kyverno,olm}`
// when that directory exists (scale mode: full CRDs in `global` only, to keep seeding fast).
// Platform groups (auth.alauda.io, clusterregistry.k8s.io, ...) are installed in `global` only.
//
// Single-threaded: call on the sandbox's thread before its controllers start.
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

class Sandbox;
class SimCluster;
class UserDirectory;

struct SeedConfig {
    QString sharedDir;          // ../shared; may be empty or missing
    int podsPerCluster = 0;     // > 0: scale mode
};

class Seed {
public:
    // Seeds every cluster of the sandbox from its options and users.
    static void populate(Sandbox &sandbox);
    // The same for an explicit cluster list (the one named "global" gets the platform objects).
    static void populate(const QList<SimCluster *> &clusters, const SeedConfig &config, const UserDirectory &users);

    // CustomResourceDefinitions for a cluster: the built-in ones, or the full ones from
    // `sharedDir` when it exists (parsed once per process and cached). `platform` selects the
    // `global` set (all groups) instead of the workload-cluster set.
    static QList<QJsonObject> crds(const QString &sharedDir, bool platform);
    static QList<QJsonObject> builtinCrds();
    // Stores CRDs (status Established) with ObjectStore::load() and registers their kinds.
    static void installCrds(SimCluster *cluster, const QList<QJsonObject> &crds);

    // The bootstrap ClusterRoles/ClusterRoleBindings kube-apiserver creates, aggregation applied.
    static QList<QJsonObject> bootstrapRbac();
    // Fills `rules` of every ClusterRole with an aggregationRule from the roles it selects
    // (what the clusterrole-aggregation controller does). Returns the roles that changed.
    static QList<QJsonObject> aggregateClusterRoles(const QList<QJsonObject> &clusterRoles);
};

} // namespace acp::sandbox
