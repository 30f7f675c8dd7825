#pragma once
// ProjectAccess: what the current user may do in the Projects area, asked of the clusters with
// SelfSubjectAccessReview (authorization.k8s.io/v1), one review per (cluster, verb, group,
// resource), cached for the object's lifetime (refresh() forgets the answers):
//   projects.auth.alauda.io create/update/delete in `global`  (project create/edit/delete, batch)
//   namespaces create in a workload cluster                    (create a namespace in a project)
// Until an answer arrives allowed() is nullopt (views keep the action disabled and say
// "checking permissions"); a failed review counts as not allowed, with the error as reason.
// A small helper for the Projects area; AccessReviewCache (another part) may replace it.
// Qt Core only; GUI thread.
#include <QHash>
#include <QObject>
#include <optional>

namespace acp::models {

class Fleet;

class ProjectAccess : public QObject {
    Q_OBJECT
public:
    explicit ProjectAccess(Fleet *fleet, QObject *parent = nullptr);

    struct Answer {
        bool allowed = false;
        QString reason;   // the server's reason or error; "" when none
    };
    // Starts the review when not asked yet; the cached answer otherwise (nullopt while pending).
    std::optional<Answer> check(const QString &cluster, const QString &verb, const QString &group, const QString &resource);
    // Convenience: projects.auth.alauda.io in global.
    std::optional<Answer> checkProjects(const QString &verb)
    {
        return check(QStringLiteral("global"), verb, QStringLiteral("auth.alauda.io"), QStringLiteral("projects"));
    }
    void refresh();

Q_SIGNALS:
    void changed();   // an answer arrived

private:
    Fleet *m_fleet;
    QHash<QString, std::optional<Answer>> m_answers;   // key -> nullopt while pending
    quint64 m_generation = 0;
};

} // namespace acp::models
