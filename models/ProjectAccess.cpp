#include "models/ProjectAccess.h"

#include "models/Fleet.h"

#include <QJsonDocument>

namespace acp::models {

ProjectAccess::ProjectAccess(Fleet *fleet, QObject *parent) : QObject(parent), m_fleet(fleet) {}

std::optional<ProjectAccess::Answer> ProjectAccess::check(const QString &cluster, const QString &verb, const QString &group,
                                                          const QString &resource)
{
    const QString key = QStringList{cluster, verb, group, resource}.join(QLatin1Char('|'));
    if (auto it = m_answers.constFind(key); it != m_answers.constEnd())
        return *it;
    m_answers.insert(key, std::nullopt);
    ClusterConnection *c = m_fleet ? m_fleet->connection(cluster) : nullptr;
    if (!c) {
        m_answers.insert(key, Answer{false, tr("cluster %1 is not available").arg(cluster)});
        return m_answers.value(key);
    }
    const QJsonObject review{{QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
                             {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
                             {QStringLiteral("spec"), QJsonObject{{QStringLiteral("resourceAttributes"),
                                                                   QJsonObject{{QStringLiteral("verb"), verb},
                                                                               {QStringLiteral("group"), group},
                                                                               {QStringLiteral("resource"), resource}}}}}};
    api::ResourcePath path{QStringLiteral("authorization.k8s.io"), QStringLiteral("v1"), QStringLiteral("selfsubjectaccessreviews"),
                           {}, {}, {}, {}};
    const quint64 gen = m_generation;
    c->client().create(path, QJsonDocument(review).toJson(QJsonDocument::Compact), {}, this,
                       [this, key, gen](const api::Result<api::Response> &r, const QStringList &) {
                           if (gen != m_generation)
                               return;
                           Answer a;
                           if (!r) {
                               a.reason = r.error().message;
                           } else if (auto o = r->json()) {
                               const QJsonObject st = o->value(QLatin1String("status")).toObject();
                               a.allowed = st.value(QLatin1String("allowed")).toBool();
                               a.reason = st.value(QLatin1String("reason")).toString();
                           } else {
                               a.reason = o.error().message;
                           }
                           m_answers.insert(key, a);
                           Q_EMIT changed();
                       });
    return std::nullopt;
}

void ProjectAccess::refresh()
{
    ++m_generation;
    m_answers.clear();
    Q_EMIT changed();
}

} // namespace acp::models
