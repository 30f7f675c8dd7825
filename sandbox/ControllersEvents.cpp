// Controllers: core/v1 Events (recorded with kube's aggregation: same object, reason and
// message -> count + 1) and their expiry (TTL, and a cap per cluster).
#include "sandbox/Controllers.h"

#include "sandbox/ControllersInternal.h"
#include "sandbox/SimCluster.h"

#include <algorithm>

namespace acp::sandbox {

using namespace sim;

void Controllers::record(State &s, const QJsonObject &involved, const QString &type, const QString &reason, const QString &message,
                         const QString &component, const QString &host, const QString &fieldPath)
{
    const QString aggKey = uidOf(involved) + QLatin1Char('|') + type + QLatin1Char('|') + reason + QLatin1Char('|') + message
                         + QLatin1Char('|') + fieldPath + QLatin1Char('|') + component;
    const QString existing = s.eventIndex.value(aggKey);
    if (!existing.isEmpty()) {
        if (const StoredObject *e = s.cluster->store().get(QStringLiteral("/events"), keyNamespace(existing), keyName(existing))) {
            QJsonObject ev = e->obj;
            ev.insert(QStringLiteral("count"), ev.value(QLatin1String("count")).toInt(1) + 1);
            ev.insert(QStringLiteral("lastTimestamp"), nowTime());
            write(s, ev);
            return;
        }
    }
    EventInput in;
    in.involved = involved;
    in.type = type;
    in.reason = reason;
    in.message = message;
    in.component = component;
    in.host = host;
    in.fieldPath = fieldPath;
    const QJsonObject ev = sim::event(in);
    const StoredObject *ns = s.cluster->store().get(QStringLiteral("/namespaces"), QString(), namespaceOf(ev));
    if (!ns || isDeleting(ns->obj))
        return;
    QJsonObject stored;
    if (createObject(s, ev, &stored))
        s.eventIndex.insert(aggKey, objectKey(namespaceOf(stored), nameOf(stored)));
}

void Controllers::pruneEvents(State &s)
{
    struct Ev {
        QString ns, name, last;
    };
    QList<Ev> events;
    for (const StoredObject *e : s.cluster->store().list(QStringLiteral("/events")))
        events << Ev{namespaceOf(e->obj), nameOf(e->obj), e->obj.value(QLatin1String("lastTimestamp")).toString()};
    std::sort(events.begin(), events.end(), [](const Ev &a, const Ev &b) { return a.last < b.last; });
    const QString cutoff = timeAgo(m_timing.eventTtlSeconds);
    const int excess = int(events.size()) - m_timing.maxEventsPerCluster;
    int removed = 0;
    for (int i = 0; i < events.size(); ++i) {
        if (i >= excess && events[i].last >= cutoff)
            break;
        removeObject(s, QStringLiteral("v1"), QStringLiteral("Event"), events[i].ns, events[i].name);
        ++removed;
    }
    if (removed > 0) {
        for (auto it = s.eventIndex.begin(); it != s.eventIndex.end();)
            it = s.cluster->store().get(QStringLiteral("/events"), keyNamespace(it.value()), keyName(it.value())) ? std::next(it)
                                                                                                                 : s.eventIndex.erase(it);
    }
}

} // namespace acp::sandbox
