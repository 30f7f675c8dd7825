#include "models/ResourceStore.h"

#include <algorithm>

namespace acp::models {

namespace {

using KeySet = QSet<QString>;
using KeyIndex = QHash<QString, KeySet>;

void indexAdd(KeyIndex &index, const QString &value, const QString &key)
{
    if (!value.isEmpty())
        index[value].insert(key);
}

void indexRemove(KeyIndex &index, const QString &value, const QString &key)
{
    if (value.isEmpty())
        return;
    auto it = index.find(value);
    if (it == index.end())
        return;
    it->remove(key);
    if (it->isEmpty())
        index.erase(it);
}

QString labelPair(const QString &key, const QString &value)
{
    return key + QLatin1Char('=') + value;
}

} // namespace

// Indexes are built on first use and maintained from then on, so a store nobody queries by
// label or owner does not pay for those indexes (they are the largest: one entry per label).
struct ResourceStore::Private {
    QHash<QString, KubeObject> objects;
    mutable QStringList sortedKeys;  // valid when sortedValid
    mutable bool sortedValid = true;

    mutable bool nsBuilt = false, labelBuilt = false, ownerBuilt = false, nodeBuilt = false, uidBuilt = false;
    mutable KeyIndex byNamespace, byLabelPair, byLabelKey, byOwner, byNode;
    mutable QHash<QString, QString> byUid;

    void indexObject(const QString &key, const KubeObject &o) const
    {
        if (nsBuilt)
            indexAdd(byNamespace, o.namespaceName(), key);
        if (labelBuilt) {
            for (const auto &kv : o.labels()) {
                byLabelPair[labelPair(kv.first, kv.second)].insert(key);
                byLabelKey[kv.first].insert(key);
            }
        }
        if (ownerBuilt) {
            for (const OwnerRef &ref : o.ownerReferences())
                indexAdd(byOwner, ref.uid, key);
        }
        if (nodeBuilt)
            indexAdd(byNode, o.nodeName(), key);
        if (uidBuilt && !o.uid().isEmpty())
            byUid.insert(o.uid(), key);
    }

    void unindexObject(const QString &key, const KubeObject &o) const
    {
        if (nsBuilt)
            indexRemove(byNamespace, o.namespaceName(), key);
        if (labelBuilt) {
            for (const auto &kv : o.labels()) {
                indexRemove(byLabelPair, labelPair(kv.first, kv.second), key);
                indexRemove(byLabelKey, kv.first, key);
            }
        }
        if (ownerBuilt) {
            for (const OwnerRef &ref : o.ownerReferences())
                indexRemove(byOwner, ref.uid, key);
        }
        if (nodeBuilt)
            indexRemove(byNode, o.nodeName(), key);
        if (uidBuilt) {
            auto it = byUid.find(o.uid());
            if (it != byUid.end() && it.value() == key)
                byUid.erase(it);
        }
    }

    void build(bool Private::*flag) const
    {
        Private *self = const_cast<Private *>(this); // indexes are caches (mutable)
        if (self->*flag)
            return;
        // Index every object for this index only: temporarily mark the others unbuilt.
        const bool saved[5] = {nsBuilt, labelBuilt, ownerBuilt, nodeBuilt, uidBuilt};
        nsBuilt = labelBuilt = ownerBuilt = nodeBuilt = uidBuilt = false;
        self->*flag = true;
        for (auto it = objects.constBegin(); it != objects.constEnd(); ++it)
            indexObject(it.key(), it.value());
        nsBuilt = saved[0] || flag == &Private::nsBuilt;
        labelBuilt = saved[1] || flag == &Private::labelBuilt;
        ownerBuilt = saved[2] || flag == &Private::ownerBuilt;
        nodeBuilt = saved[3] || flag == &Private::nodeBuilt;
        uidBuilt = saved[4] || flag == &Private::uidBuilt;
    }

    void insert(const QString &key, const KubeObject &o)
    {
        auto it = objects.find(key);
        if (it != objects.end()) {
            unindexObject(key, it.value());
            it.value() = o;
        } else {
            objects.insert(key, o);
            sortedValid = false;
        }
        indexObject(key, o);
    }

    void remove(const QString &key)
    {
        auto it = objects.find(key);
        if (it == objects.end())
            return;
        unindexObject(key, it.value());
        objects.erase(it);
        sortedValid = false;
    }

    QVector<KubeObject> resolve(const KeySet *keys) const
    {
        QVector<KubeObject> out;
        if (!keys)
            return out;
        QStringList sorted(keys->begin(), keys->end());
        std::sort(sorted.begin(), sorted.end());
        out.reserve(sorted.size());
        for (const QString &k : sorted)
            out.append(objects.value(k));
        return out;
    }
};

ResourceStore::ResourceStore(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<acp::models::StoreDelta>();
}

ResourceStore::~ResourceStore() = default;

void ResourceStore::apply(const QVector<StoreEvent> &events)
{
    // Per touched key: the state before the batch (null when absent), in first-touch order.
    QHash<QString, KubeObject> before;
    QStringList order;
    QHash<QString, KubeObject> deletedStates;
    for (const StoreEvent &e : events) {
        if (e.object.isNull())
            continue;
        const QString key = e.object.key();
        auto cur = d->objects.constFind(key);
        const bool present = cur != d->objects.constEnd();
        if (e.type == StoreEvent::Deleted) {
            if (!present)
                continue;
        } else if (present && cur->resourceVersion() == e.object.resourceVersion()
                   && !e.object.resourceVersion().isEmpty()) {
            continue;
        }
        if (!before.contains(key)) {
            before.insert(key, present ? cur.value() : KubeObject());
            order.append(key);
        }
        if (e.type == StoreEvent::Deleted) {
            deletedStates.insert(key, e.object);
            d->remove(key);
        } else {
            deletedStates.remove(key);
            d->insert(key, e.object);
        }
    }
    StoreDelta delta;
    for (const QString &key : std::as_const(order)) {
        const KubeObject &was = before[key];
        const KubeObject now = d->objects.value(key);
        if (was.isNull() && !now.isNull())
            delta.added.append(now);
        else if (!was.isNull() && !now.isNull())
            delta.updated.append(now);
        else if (!was.isNull() && now.isNull())
            delta.removed.append(deletedStates.value(key, was));
    }
    if (!delta.isEmpty())
        Q_EMIT changed(delta);
}

void ResourceStore::replace(const QVector<KubeObject> &objects)
{
    const bool wasEmpty = d->objects.isEmpty();
    const qsizetype oldSize = d->objects.size();
    // Keys are built once (a list of 1,000 pods: 1,000 string concatenations on the GUI thread).
    QHash<QString, KubeObject> next;
    next.reserve(objects.size());
    QStringList keys;
    keys.reserve(objects.size());
    for (const KubeObject &o : objects) {
        keys.append(o.isNull() ? QString() : o.key());
        if (!o.isNull())
            next.insert(keys.last(), o);
    }
    StoreDelta delta;
    for (auto it = d->objects.constBegin(); it != d->objects.constEnd(); ++it) {
        if (!next.contains(it.key()))
            delta.removed.append(it.value());
    }
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const KubeObject &o = objects.at(i);
        if (o.isNull())
            continue;
        const QString &key = keys.at(i);
        if (!next.value(key).sharesDataWith(o))
            continue; // a duplicate key: the last one wins
        auto cur = d->objects.constFind(key);
        if (cur == d->objects.constEnd())
            delta.added.append(o);
        else if (!cur->sharesDataWith(o) && cur->resourceVersion() != o.resourceVersion())
            delta.updated.append(o);
    }
    const qsizetype changes = delta.added.size() + delta.updated.size() + delta.removed.size();
    delta.reset = wasEmpty || changes * 2 > std::max(oldSize, next.size());
    if (delta.reset) {
        // Rebuild wholesale: cheaper than per-object index maintenance.
        const bool ns = d->nsBuilt, label = d->labelBuilt, owner = d->ownerBuilt, node = d->nodeBuilt, uid = d->uidBuilt;
        d = std::make_unique<Private>();
        d->objects = std::move(next);
        d->sortedValid = d->objects.isEmpty();
        if (ns) d->build(&Private::nsBuilt);
        if (label) d->build(&Private::labelBuilt);
        if (owner) d->build(&Private::ownerBuilt);
        if (node) d->build(&Private::nodeBuilt);
        if (uid) d->build(&Private::uidBuilt);
    } else {
        for (const KubeObject &o : std::as_const(delta.removed))
            d->remove(o.key());
        for (const KubeObject &o : std::as_const(delta.added))
            d->insert(o.key(), o);
        for (const KubeObject &o : std::as_const(delta.updated))
            d->insert(o.key(), o);
    }
    if (!delta.isEmpty())
        Q_EMIT changed(delta);
}

void ResourceStore::clear()
{
    if (d->objects.isEmpty())
        return;
    StoreDelta delta;
    delta.removed = list();
    delta.reset = true;
    d = std::make_unique<Private>();
    Q_EMIT changed(delta);
}

int ResourceStore::size() const
{
    return int(d->objects.size());
}

KubeObject ResourceStore::get(const QString &key) const
{
    return d->objects.value(key);
}

KubeObject ResourceStore::get(const QString &ns, const QString &name) const
{
    return d->objects.value(ns.isEmpty() ? name : ns + QLatin1Char('/') + name);
}

KubeObject ResourceStore::byUid(const QString &uid) const
{
    d->build(&Private::uidBuilt);
    auto it = d->byUid.constFind(uid);
    return it == d->byUid.constEnd() ? KubeObject() : d->objects.value(it.value());
}

QStringList ResourceStore::keys() const
{
    if (!d->sortedValid) {
        d->sortedKeys = d->objects.keys();
        std::sort(d->sortedKeys.begin(), d->sortedKeys.end());
        d->sortedValid = true;
    }
    return d->sortedKeys;
}

QVector<KubeObject> ResourceStore::list() const
{
    const QStringList k = keys();
    QVector<KubeObject> out;
    out.reserve(k.size());
    for (const QString &key : k)
        out.append(d->objects.value(key));
    return out;
}

QVector<KubeObject> ResourceStore::byNamespace(const QString &ns) const
{
    d->build(&Private::nsBuilt);
    auto it = d->byNamespace.constFind(ns);
    return d->resolve(it == d->byNamespace.constEnd() ? nullptr : &it.value());
}

QVector<KubeObject> ResourceStore::byLabel(const QString &key, const QString &value) const
{
    d->build(&Private::labelBuilt);
    auto it = d->byLabelPair.constFind(labelPair(key, value));
    return d->resolve(it == d->byLabelPair.constEnd() ? nullptr : &it.value());
}

QVector<KubeObject> ResourceStore::withLabel(const QString &key) const
{
    d->build(&Private::labelBuilt);
    auto it = d->byLabelKey.constFind(key);
    return d->resolve(it == d->byLabelKey.constEnd() ? nullptr : &it.value());
}

QVector<KubeObject> ResourceStore::byOwner(const QString &ownerUid) const
{
    d->build(&Private::ownerBuilt);
    auto it = d->byOwner.constFind(ownerUid);
    return d->resolve(it == d->byOwner.constEnd() ? nullptr : &it.value());
}

QVector<KubeObject> ResourceStore::byNode(const QString &nodeName) const
{
    d->build(&Private::nodeBuilt);
    auto it = d->byNode.constFind(nodeName);
    return d->resolve(it == d->byNode.constEnd() ? nullptr : &it.value());
}

QStringList ResourceStore::namespaces() const
{
    d->build(&Private::nsBuilt);
    QStringList out = d->byNamespace.keys();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace acp::models
