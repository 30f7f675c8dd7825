#include "sandbox/ObjectStore.h"

#include "sandbox/ObjectMeta.h"
#include <QJsonDocument>

namespace acp::sandbox {

namespace {
QString objectKey(const QJsonObject &obj)
{
    return ObjectStore::key(metaStr(obj, "namespace"), metaStr(obj, "name"));
}
void setResourceVersion(QJsonObject &obj, qint64 rv)
{
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("resourceVersion"), QString::number(rv));
    obj.insert(QStringLiteral("metadata"), meta);
}
} // namespace

const QByteArray &LazyJson::bytes() const
{
    if (m_cache.isEmpty() && !m_source.isEmpty())
        m_cache = QJsonDocument(m_source).toJson(QJsonDocument::Compact);
    return m_cache;
}

StoredObject StoredObject::make(const QJsonObject &o)
{
    return StoredObject{o, LazyJson(o)};
}

qint64 ObjectStore::oldestResumableVersion() const { return m_trimmedUpTo; }

const StoredObject *ObjectStore::get(const QString &storageKey, const QString &ns, const QString &name) const
{
    const auto it = m_data.constFind(storageKey);
    if (it == m_data.constEnd())
        return nullptr;
    const auto o = it->constFind(key(ns, name));
    return o == it->constEnd() ? nullptr : &*o;
}

QList<const StoredObject *> ObjectStore::list(const QString &storageKey, const QString &ns) const
{
    QList<const StoredObject *> out;
    const auto it = m_data.constFind(storageKey);
    if (it == m_data.constEnd())
        return out;
    if (ns.isEmpty()) {
        out.reserve(it->size());
        for (const StoredObject &o : *it)
            out << &o;
        return out;
    }
    const QString prefix = ns + QLatin1Char('/');
    for (auto o = it->lowerBound(prefix); o != it->constEnd() && o.key().startsWith(prefix); ++o)
        out << &*o;
    return out;
}

int ObjectStore::count(const QString &storageKey, const QString &ns) const
{
    if (ns.isEmpty())
        return int(m_data.value(storageKey).size());
    return int(list(storageKey, ns).size());
}

std::optional<QList<StoredObject>> ObjectStore::listAt(const QString &storageKey, const QString &ns, qint64 rv) const
{
    if (rv < m_trimmedUpTo)
        return std::nullopt;
    QMap<QString, StoredObject> snapshot;
    const QString prefix = ns.isEmpty() ? QString() : ns + QLatin1Char('/');
    for (const StoredObject *o : list(storageKey, ns))
        snapshot.insert(objectKey(o->obj), *o);
    // Undo, newest first, every event after rv.
    for (auto it = m_history.rbegin(); it != m_history.rend() && it->rv > rv; ++it) {
        if (it->storageKey != storageKey || (!prefix.isEmpty() && !it->key.startsWith(prefix)))
            continue;
        if (it->type == EventType::Added)
            snapshot.remove(it->key);
        else
            snapshot.insert(it->key, it->previous);
    }
    return snapshot.values();
}

StoredObject ObjectStore::create(const QString &storageKey, QJsonObject obj)
{
    return commit(EventType::Added, storageKey, std::move(obj));
}

StoredObject ObjectStore::update(const QString &storageKey, QJsonObject obj)
{
    return commit(EventType::Modified, storageKey, std::move(obj));
}

StoredObject ObjectStore::remove(const QString &storageKey, const QString &ns, const QString &name)
{
    auto it = m_data.find(storageKey);
    if (it == m_data.end())
        return {};
    const QString k = key(ns, name);
    auto o = it->find(k);
    if (o == it->end())
        return {};
    StoredObject previous = *o;
    it->erase(o);
    QJsonObject last = previous.obj;
    ::acp::sandbox::setResourceVersion(last, ++m_rv);
    StoreEvent ev{m_rv, EventType::Deleted, storageKey, k, StoredObject::make(last), previous};
    record(ev);
    return ev.object;
}

StoredObject ObjectStore::commit(EventType type, const QString &storageKey, QJsonObject obj)
{
    ::acp::sandbox::setResourceVersion(obj, ++m_rv);
    const QString k = objectKey(obj);
    auto &bucket = m_data[storageKey];
    StoredObject previous = bucket.value(k);
    StoredObject stored = StoredObject::make(obj);
    bucket.insert(k, stored);
    record(StoreEvent{m_rv, type, storageKey, k, stored, previous});
    return stored;
}

void ObjectStore::load(const QString &storageKey, const QJsonObject &obj)
{
    QJsonObject o = obj;
    const qint64 rv = metaStr(o, "resourceVersion").toLongLong();
    if (rv <= 0)
        ::acp::sandbox::setResourceVersion(o, ++m_rv);
    else
        m_rv = qMax(m_rv, rv);
    m_data[storageKey].insert(objectKey(o), StoredObject::make(o));
    m_trimmedUpTo = m_rv;
}

void ObjectStore::record(StoreEvent ev)
{
    m_history.push_back(ev);
    while (int(m_history.size()) > m_window) {
        m_trimmedUpTo = m_history.front().rv;
        m_history.pop_front();
    }
    // A watcher that writes (SimCluster cascading a CRD delete) must not make later watchers see
    // its event before the one being delivered: queue it until the current delivery is done.
    m_pending.push_back(std::move(ev));
    if (m_notifying)
        return;
    m_notifying = true;
    while (!m_pending.empty()) {
        const StoreEvent current = std::move(m_pending.front());
        m_pending.pop_front();
        const auto watchers = m_watchers;   // a callback may add or remove watchers
        for (auto it = watchers.cbegin(); it != watchers.cend(); ++it)
            if (m_watchers.contains(it.key()))
                it.value()(current);
    }
    m_notifying = false;
}

std::optional<QList<StoreEvent>> ObjectStore::eventsSince(qint64 rv, const QString &storageKey) const
{
    if (rv < m_trimmedUpTo)
        return std::nullopt;
    QList<StoreEvent> out;
    auto it = std::upper_bound(m_history.begin(), m_history.end(), rv,
                               [](qint64 v, const StoreEvent &e) { return v < e.rv; });
    for (; it != m_history.end(); ++it)
        if (storageKey.isEmpty() || it->storageKey == storageKey)
            out << *it;
    return out;
}

int ObjectStore::addWatcher(Watcher w)
{
    const int id = m_nextWatcher++;
    m_watchers.insert(id, std::move(w));
    return id;
}

void ObjectStore::removeWatcher(int id) { m_watchers.remove(id); }

} // namespace acp::sandbox
