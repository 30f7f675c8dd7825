#include "models/ProjectAccess.h"

#include "models/AccessReviewCache.h"
#include "models/Fleet.h"

namespace acp::models {

ProjectAccess::ProjectAccess(Fleet *fleet, QObject *parent) : QObject(parent), m_fleet(fleet) {}

std::optional<ProjectAccess::Answer> ProjectAccess::check(const QString &cluster, const QString &verb, const QString &group,
                                                          const QString &resource)
{
    ClusterConnection *c = m_fleet ? m_fleet->connection(cluster) : nullptr;
    if (!c)
        return Answer{false, tr("cluster %1 is not available").arg(cluster)};
    AccessReviewCache *cache = AccessReviewCache::of(c);
    if (!m_watched.contains(cluster)) {
        m_watched.insert(cluster);
        connect(cache, &AccessReviewCache::answered, this, [this] { Q_EMIT changed(); });
    }
    AccessQuestion q;
    q.verb = verb;
    q.group = group;
    q.resource = resource;
    const AccessAnswer a = cache->answer(q);
    if (!a.isKnown())
        return std::nullopt;
    return Answer{a.isAllowed(), a.isAllowed() ? QString() : cache->explain(q)};
}

} // namespace acp::models
