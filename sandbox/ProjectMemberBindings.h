#pragma once
// ProjectMemberBindings: the platform controller that turns project role assignments into
// Kubernetes RBAC, as ACP does: a user bound to a project role (an auth.alauda.io/v1 UserBinding
// in `global` with spec.constraint[].project P, e.g. alice as project-admin-system of alpha) gets
// a RoleBinding in every namespace labelled cpaas.io/project=P on every cluster of P
// (Project spec.clusters), including namespaces created or relabelled later. A constraint that
// also names a namespace (namespace roles) binds that namespace only (on its cluster, when given).
//
// Desired bindings (desiredBindings(), also used by the seed so seeded and reconciled objects are
// the same): name "<subject>-<role without -system>" (alice-project-admin), the role's
// ClusterRole (project-admin-system and namespace-admin-system: admin, namespace-developer-system:
// edit; other roles are not bound here), the UserBinding's subjects (User and Group), labels
// cpaas.io/project=P and auth.cpaas.io/user-binding=<UserBinding name> (the mark of the
// controller's objects: it never touches RoleBindings without it).
//
// Reconciles a namespace when it is created, or its project label changes (its marked bindings
// then follow the new project: stale ones are deleted); every namespace of a project when a
// UserBinding naming it is added, changed or deleted, or when the Project's clusters change.
// Level-based from those triggers only: it does not watch RoleBindings, so one deleted by hand
// stays deleted until one of its triggers fires (a test revokes a grant that way).
// Coalesced with a zero timer; writes go through SimCluster::apply/remove without admission, so
// watches see them. Single-threaded: lives on the sandbox's thread.
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace acp::sandbox {

class SimCluster;
struct StoreEvent;

// No Q_OBJECT: no signals, slots or properties (a QObject for the timer's and the watchers'
// lifetime only).
class ProjectMemberBindings : public QObject {
public:
    static constexpr const char *kOwnerLabel = "auth.cpaas.io/user-binding";

    // `clusters` must contain `global` (UserBindings and Projects live there).
    explicit ProjectMemberBindings(const QList<SimCluster *> &clusters, QObject *parent = nullptr);
    ~ProjectMemberBindings() override;

    void start();   // watches and reconciles every project namespace once
    void stop();

    // The RoleBindings `userBinding` grants in namespace `ns` (labelled with project
    // `nsProject`, "" for none) of `cluster`, whose project spans `projectClusters`.
    static QList<QJsonObject> desiredBindings(const QJsonObject &userBinding, const QString &cluster, const QString &ns,
                                              const QString &nsProject, const QStringList &projectClusters);
    // ClusterRole for a RoleTemplate name, or "" when this controller does not bind it.
    static QString clusterRoleFor(const QString &roleTemplate);

private:
    void onEvent(SimCluster *cluster, const StoreEvent &ev);
    void markProject(const QString &project);
    void schedule();
    void reconcileAll();
    void reconcileDirty();
    void reconcileNamespace(SimCluster *cluster, const QString &ns);
    QStringList projectClusters(const QString &project) const;
    SimCluster *global() const;

    QList<SimCluster *> m_clusters;
    QHash<SimCluster *, int> m_watchers;
    QHash<SimCluster *, QSet<QString>> m_dirty;   // namespaces to reconcile per cluster
    QSet<QString> m_dirtyProjects;                // every namespace of these projects
    QTimer m_timer;
    bool m_running = false;
};

} // namespace acp::sandbox
