#pragma once
// PlatformAccess: what one user may see through the platform API (/auth/v1), computed the way
// the ACP platform filters it, from the RBAC objects of every simulated cluster:
//  - platform admins (UserInfo::platformAdmin, or members of system:masters) and users with a
//    platform-scope auth.alauda.io UserBinding (spec.scope "platform": administrators, auditors)
//    see everything;
//  - a Cluster (clusterregistry.k8s.io/v1alpha1, namespace cpaas-system in global) is visible
//    when the user may `get` it there (RBAC), or when it is in spec.clusters[].name of a project
//    the user belongs to;
//  - a Project (auth.alauda.io/v1, global) is visible when the user may `get` it in global
//    (RBAC), or belongs to it;
//  - the user belongs to project P when a RoleBinding for them (subject User with their name or
//    e-mail, Group among their groups, or their ServiceAccount) exists in a namespace labelled
//    cpaas.io/project=P of any cluster, or a project-level binding exists in global: a
//    RoleBinding / ClusterRoleBinding labelled cpaas.io/project=P or auth.cpaas.io/project=P, or
//    an auth.alauda.io UserBinding whose spec.constraint[].project is P;
//  - in a project's namespace list, users with project-wide access (admin, RBAC `get` on the
//    project, project-level binding, or RBAC `list namespaces` in that cluster) see every
//    namespace of the project; other members only those they hold a RoleBinding in.
// A snapshot: memberships are computed on first use; call invalidate() after RBAC objects
// change. Single-threaded.
#include "sandbox/KubeApi.h"
#include "sandbox/UserDirectory.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <functional>

namespace acp::sandbox {

class Sandbox;
class SimCluster;

class PlatformAccess {
public:
    // RBAC decision for this access' user on one cluster.
    using Authorizer = std::function<bool(SimCluster *cluster, const RequestInfo &info)>;

    static constexpr const char *kProjectLabel = "cpaas.io/project";
    static constexpr const char *kProjectLabelAlt = "auth.cpaas.io/project";
    static constexpr const char *kClusterNamespace = "cpaas-system";

    PlatformAccess(Sandbox *sandbox, UserInfo user, Authorizer authorize);

    const UserInfo &user() const { return m_user; }
    bool isAdmin() const;          // platform administrator (may also change things)
    bool isPlatformWide();         // sees every cluster and project (admin or platform-scope binding)
    bool canSeeCluster(const QJsonObject &cluster);
    bool canSeeProject(const QJsonObject &project);
    bool canSeeProjectNamed(const QString &project);
    // Namespaces of `project` in `cluster` this user may see (`ns` labelled with the project).
    bool canSeeNamespace(SimCluster *cluster, const QString &project, const QJsonObject &ns);
    bool hasProjectWideAccess(SimCluster *cluster, const QString &project);
    // A plain RBAC check in one cluster (`verb` on group/resource, optional namespace/name).
    bool can(SimCluster *cluster, const QString &verb, const QString &group, const QString &version,
             const QString &resource, const QString &ns = QString(), const QString &name = QString());

    QSet<QString> memberProjects();
    void invalidate();

    // Storage keys whose changes can change what a user sees (watches re-evaluate on them).
    static bool affectsAccess(const QString &storageKey);
    static bool subjectsMatch(const QJsonArray &subjects, const UserInfo &user);
    static QString projectOf(const QJsonObject &obj);   // cpaas.io/project (or auth.cpaas.io/project) label

private:
    void compute();

    Sandbox *m_sandbox;
    UserInfo m_user;
    Authorizer m_authorize;
    bool m_computed = false;
    bool m_platformWide = false;
    QSet<QString> m_members;                          // projects the user belongs to
    QSet<QString> m_projectLevel;                     // projects with a project-level binding
    QHash<QString, QSet<QString>> m_boundNamespaces;  // cluster -> namespaces with a RoleBinding for the user
    QSet<QString> m_memberClusters;                   // spec.clusters of member projects
    QHash<QString, bool> m_cache;                     // RBAC decisions
};

} // namespace acp::sandbox
