#pragma once
// NamespaceDirectory: the namespaces the session's user can reach in each cluster, and the
// project each belongs to (label cpaas.io/project). One per Fleet (Fleet::namespaces()),
// shared by the scope bar, the project list and the resource tables.
//
// Per cluster, the source is the cluster's shared namespaces informer (a user who may list
// namespaces cluster-wide: administrators, auditors, plain kubeconfigs). When that list is
// refused (403) in an ACP session, the directory falls back to the platform's project view:
// one watch of /auth/v1/projects/<p>/clusters/<c>/namespaces for every project the user can
// see (platform informer "projects") that includes the cluster. That is how a project member
// (alice) gets her namespaces without any cluster-wide permission.
//
// A cluster is followed from its first watch() for the life of the directory (namespace
// lists are small). changed(cluster) is emitted, coalesced per event-loop turn, when a
// cluster's names, projects or state change. Thread: GUI thread.
#include "api/ApiError.h"
#include "models/InformerCache.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <optional>

namespace acp::models {

class Fleet;

class NamespaceDirectory : public QObject {
    Q_OBJECT
public:
    enum class Source { Pending, Cluster, Projects, Failed };
    Q_ENUM(Source)

    explicit NamespaceDirectory(Fleet *fleet, QObject *parent = nullptr);
    ~NamespaceDirectory() override;

    void watch(const QString &cluster);          // idempotent; connects the cluster if needed
    bool isWatched(const QString &cluster) const { return m_entries.contains(cluster); }

    Source source(const QString &cluster) const;
    bool isSynced(const QString &cluster) const;                // every source list has arrived
    QStringList namespaces(const QString &cluster) const;       // sorted, unique
    QString projectOf(const QString &cluster, const QString &ns) const;
    // Namespaces of `project` in `cluster`; -1 while unknown or when it cannot be listed.
    int count(const QString &project, const QString &cluster) const;
    // Why the cluster's namespaces cannot be listed (Failed), or the cluster-wide refusal that
    // made the directory use projects (Projects); nullopt otherwise.
    std::optional<api::ApiError> error(const QString &cluster) const;

Q_SIGNALS:
    void changed(const QString &cluster);

private:
    struct Entry {
        Source source = Source::Pending;
        InformerRef clusterInformer;
        QHash<QString, InformerRef> projectInformers;   // project -> /auth/v1/projects/p/clusters/c/namespaces
        std::optional<api::ApiError> error;
    };
    void bind(const QString &cluster);
    void onClusterInformerState(const QString &cluster);
    void useProjects(const QString &cluster);
    void syncProjects();
    void syncProjects(const QString &cluster, Entry &e);
    void markChanged(const QString &cluster);
    QList<const ResourceStore *> stores(const Entry &e) const;

    Fleet *m_fleet;
    QHash<QString, Entry> m_entries;
    InformerRef m_projects;                       // platform "projects", once any cluster needs it
    QSet<QString> m_dirty;
    QTimer m_emit;
};

} // namespace acp::models
