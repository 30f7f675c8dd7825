#include "models/ClusterActionsAccess.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace acp::models {

ClusterActionsAccess::ClusterActionsAccess(const api::KubeClient &client, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_checks = {{QStringLiteral("patch"), QStringLiteral("nodes"), QString()},
                {QStringLiteral("list"), QStringLiteral("pods"), QString()},
                {QStringLiteral("create"), QStringLiteral("pods"), QStringLiteral("eviction")}};
}

void ClusterActionsAccess::refresh()
{
    ++m_generation;
    m_asked = true;
    m_pending = int(m_checks.size());
    for (int i = 0; i < m_checks.size(); ++i) {
        m_checks[i].answered = false;
        m_checks[i].allowed = false;
        m_checks[i].error.clear();
        ask(i);
    }
    Q_EMIT changed();
}

void ClusterActionsAccess::ask(int index)
{
    const Check &c = m_checks.at(index);
    QJsonObject attrs{{QStringLiteral("verb"), c.verb}, {QStringLiteral("resource"), c.resource}};
    if (!c.subresource.isEmpty())
        attrs.insert(QStringLiteral("subresource"), c.subresource);
    const QJsonObject review{{QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
                             {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
                             {QStringLiteral("spec"), QJsonObject{{QStringLiteral("resourceAttributes"), attrs}}}};
    api::ResourcePath p;
    p.group = QStringLiteral("authorization.k8s.io");
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("selfsubjectaccessreviews");
    const quint64 gen = m_generation;
    m_client.create(p, QJsonDocument(review).toJson(QJsonDocument::Compact), {}, this,
                    [this, index, gen](const api::Result<api::Response> &r, const QStringList &) {
                        if (gen != m_generation)
                            return;
                        Check &c = m_checks[index];
                        c.answered = true;
                        if (!r) {
                            c.error = r.error().message;
                        } else if (auto obj = r->json()) {
                            c.allowed = obj->value(QLatin1String("status")).toObject().value(QLatin1String("allowed")).toBool();
                        } else {
                            c.error = obj.error().message;
                        }
                        --m_pending;
                        Q_EMIT changed();
                    });
}

bool ClusterActionsAccess::isAllowed(Action action) const
{
    if (!isKnown())
        return false;
    if (action == Cordon)
        return m_checks.at(0).allowed;
    return m_checks.at(0).allowed && m_checks.at(1).allowed && m_checks.at(2).allowed;
}

QString ClusterActionsAccess::reason(Action action) const
{
    if (!m_asked || m_pending > 0)
        return QStringLiteral("Checking permissions\u2026");
    const int last = action == Cordon ? 0 : 2;
    for (int i = 0; i <= last; ++i) {
        const Check &c = m_checks.at(i);
        if (!c.error.isEmpty())
            return QStringLiteral("Could not check permission to %1 %2: %3").arg(c.verb, c.resource, c.error);
        if (!c.allowed) {
            const QString what = c.subresource.isEmpty() ? c.resource : c.resource + QLatin1Char('/') + c.subresource;
            return QStringLiteral("You may not %1 %2 on cluster %3").arg(c.verb, what, m_client.clusterName());
        }
    }
    return QString();
}

} // namespace acp::models
