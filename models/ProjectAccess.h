#pragma once
// ProjectAccess: what the current user may do in the Projects area, as the clusters answer it
// through each connection's shared AccessReviewCache (SelfSubjectAccessReview):
//   projects.auth.alauda.io create/update/delete in `global`  (project create/edit/delete, batch)
//   namespaces create in a workload cluster                    (create a namespace in a project)
// Until an answer arrives check() is nullopt (views keep the action disabled and say "checking
// permissions"); a denied or failed review is not allowed, with AccessReviewCache::explain() as
// the reason ("bob cannot create projects.auth.alauda.io: ..."). changed() follows every answer
// for the clusters asked about. Qt Core only; GUI thread.
#include <QObject>
#include <QSet>
#include <optional>

namespace acp::models {

class Fleet;

class ProjectAccess : public QObject {
    Q_OBJECT
public:
    explicit ProjectAccess(Fleet *fleet, QObject *parent = nullptr);

    struct Answer {
        bool allowed = false;
        QString reason;   // why not (the cache's explanation); "" when allowed
    };
    // The cached answer, or nullopt while the review runs (one is started when needed).
    std::optional<Answer> check(const QString &cluster, const QString &verb, const QString &group, const QString &resource);
    // Convenience: projects.auth.alauda.io in global.
    std::optional<Answer> checkProjects(const QString &verb)
    {
        return check(QStringLiteral("global"), verb, QStringLiteral("auth.alauda.io"), QStringLiteral("projects"));
    }

Q_SIGNALS:
    void changed();   // an answer arrived

private:
    Fleet *m_fleet;
    QSet<QString> m_watched;   // clusters whose caches' answered() we follow
};

} // namespace acp::models
