#include "models/ObjectRelations.h"

#include "models/ClusterConnection.h"
#include "models/ResourceStore.h"

#include <QJsonArray>
#include <QTimer>
#include <algorithm>

namespace acp::models {

namespace {

// What a controller of a kind creates (group, kind -> resources owned). Data, not code paths.
struct OwnedKinds {
    const char *group;
    const char *kind;
    const char *resources;   // space-separated kubectl names
};
constexpr OwnedKinds kOwnedKinds[] = {
    {"apps", "Deployment", "replicasets.apps"},
    {"apps", "ReplicaSet", "pods"},
    {"apps", "StatefulSet", "pods controllerrevisions.apps persistentvolumeclaims"},
    {"apps", "DaemonSet", "pods controllerrevisions.apps"},
    {"batch", "Job", "pods"},
    {"batch", "CronJob", "jobs.batch"},
    {"", "ReplicationController", "pods"},
    {"", "Service", "endpointslices.discovery.k8s.io"},
};

constexpr int kMaxOwnerDepth = 8;   // ownerReference cycles are possible in broken clusters

QString groupOf(const QString &apiVersion)
{
    const int slash = apiVersion.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : apiVersion.left(slash);
}

QString versionOf(const QString &apiVersion)
{
    const int slash = apiVersion.indexOf(QLatin1Char('/'));
    return slash < 0 ? apiVersion : apiVersion.mid(slash + 1);
}

QDateTime eventTime(const KubeObject &e)
{
    const QJsonObject j = e.json();
    for (const char *field : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
        const QDateTime t = QDateTime::fromString(j.value(QLatin1String(field)).toString(), Qt::ISODateWithMs);
        if (t.isValid())
            return t;
    }
    return e.creationTimestamp();
}

} // namespace

ObjectRelations::ObjectRelations(QObject *parent) : QObject(parent) {}

QStringList ObjectRelations::ownedResources(const QString &group, const QString &kind)
{
    for (const OwnedKinds &k : kOwnedKinds)
        if (group == QLatin1String(k.group) && kind == QLatin1String(k.kind))
            return QString::fromLatin1(k.resources).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return {};
}

void ObjectRelations::setObject(ClusterConnection *connection, const ResourceRef &resource, const KubeObject &object)
{
    if (!connection || object.isNull()) {
        clear();
        return;
    }
    const bool sameObject = connection == m_connection && object.uid() == m_object.uid();
    m_connection = connection;
    m_ref = resource;
    m_object = object;
    if (!sameObject) {
        // Keep the old informers until the new ones are acquired (switching between pods of one
        // namespace reuses them), then drop the ones no longer needed in recompute().
        m_owners.clear();
        m_owned.clear();
        m_events.clear();
    }
    recompute();
}

void ObjectRelations::clear()
{
    m_connection = nullptr;
    m_object = KubeObject();
    m_informers.clear();
    m_owners.clear();
    m_owned.clear();
    m_events.clear();
    m_loading = false;
    Q_EMIT changed();
}

void ObjectRelations::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        recompute();
    });
}

ResourceStore *ObjectRelations::store(const QString &resource, const QString &ns, const QString &fieldSelector)
{
    const auto r = m_connection->resources()->lookup(resource);
    return r.ok() ? storeFor(*r, ns, fieldSelector) : nullptr;
}

ResourceStore *ObjectRelations::storeFor(const api::ApiResource &resource, const QString &ns, const QString &fieldSelector)
{
    if (!resource.hasVerb(QStringLiteral("list")) || !resource.hasVerb(QStringLiteral("watch")))
        return nullptr;
    const QString key = resource.groupResource() + QLatin1Char('|') + (resource.namespaced ? ns : QString()) + QLatin1Char('|') + fieldSelector;
    auto it = m_informers.find(key);
    if (it == m_informers.end()) {
        InformerRef ref = m_connection->informer(resource, ns, QString(), fieldSelector);
        if (!ref)
            return nullptr;
        connect(ref.store(), &ResourceStore::changed, this, &ObjectRelations::schedule, Qt::UniqueConnection);
        connect(ref.informer(), &Informer::stateChanged, this, &ObjectRelations::schedule, Qt::UniqueConnection);
        it = m_informers.insert(key, ref);
    }
    if (!it->informer()->hasSynced())
        m_loading = true;
    m_used.insert(key);
    return it->store();
}

void ObjectRelations::recompute()
{
    if (!m_connection || m_object.isNull())
        return;
    // Mark-and-sweep the held informers: whatever this pass does not use is released.
    m_used.clear();
    m_loading = false;
    // The object itself may have changed since it was set (its own informer is the table's).
    walkOwners();
    collectOwned();
    collectEvents();
    for (auto it = m_informers.begin(); it != m_informers.end();) {
        if (!m_used.contains(it.key()))
            it = m_informers.erase(it);
        else
            ++it;
    }
    Q_EMIT changed();
}

void ObjectRelations::walkOwners()
{
    m_owners.clear();
    KubeObject current = m_object;
    QSet<QString> seen{m_object.uid()};
    for (int depth = 0; depth < kMaxOwnerDepth; ++depth) {
        const QJsonArray refs = current.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("ownerReferences")).toArray();
        if (refs.isEmpty())
            return;
        QJsonObject owner = refs.first().toObject();
        for (const QJsonValue &v : refs)
            if (v.toObject().value(QLatin1String("controller")).toBool())
                owner = v.toObject();
        const QString apiVersion = owner.value(QLatin1String("apiVersion")).toString();
        Related rel;
        rel.ref.cluster = m_connection->name();
        rel.ref.group = groupOf(apiVersion);
        rel.ref.version = versionOf(apiVersion);
        rel.ref.kind = owner.value(QLatin1String("kind")).toString();
        rel.ref.name = owner.value(QLatin1String("name")).toString();
        const QString uid = owner.value(QLatin1String("uid")).toString();
        const auto resource = m_connection->resources()->resources().findKind(rel.ref.group, rel.ref.version, rel.ref.kind);
        if (resource.ok()) {
            rel.ref.resource = resource->resource;
            rel.ref.namespaceName = resource->namespaced ? current.namespaceName() : QString();
            if (ResourceStore *s = storeFor(*resource, rel.ref.namespaceName, QString()))
                rel.object = s->byUid(uid);
        }
        m_owners.append(rel);
        if (rel.object.isNull() || seen.contains(uid))
            return;
        seen.insert(uid);
        current = rel.object;
    }
}

void ObjectRelations::collectOwned()
{
    m_owned.clear();
    const QStringList resources = ownedResources(m_ref.group, m_object.kind());
    for (const QString &name : resources) {
        const auto resource = m_connection->resources()->lookup(name);
        if (!resource.ok())
            continue;
        ResourceStore *s = storeFor(*resource, m_object.namespaceName(), QString());
        if (!s)
            continue;
        QVector<KubeObject> children = s->byOwner(m_object.uid());
        std::sort(children.begin(), children.end(), [](const KubeObject &a, const KubeObject &b) { return a.name() < b.name(); });
        for (const KubeObject &child : std::as_const(children)) {
            Related rel;
            rel.ref = ResourceRef{m_connection->name(), resource->group, resource->version, resource->resource,
                                  resource->kind, child.namespaceName(), child.name()};
            rel.object = child;
            m_owned.append(rel);
        }
    }
}

void ObjectRelations::collectEvents()
{
    m_events.clear();
    if (m_object.uid().isEmpty() || m_object.kind() == QLatin1String("Event"))
        return;
    ResourceStore *s = store(QStringLiteral("events"), m_object.namespaceName(),
                             QStringLiteral("involvedObject.uid=") + m_object.uid());
    if (!s)
        return;
    m_events = s->list();
    std::sort(m_events.begin(), m_events.end(), [](const KubeObject &a, const KubeObject &b) { return eventTime(a) > eventTime(b); });
}

} // namespace acp::models
