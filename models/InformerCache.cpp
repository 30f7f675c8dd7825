#include "models/InformerCache.h"

#include <QPointer>
#include <QTimer>

namespace acp::models {

struct InformerCache::Entry {
    InformerKey key;
    Informer *informer = nullptr;
    std::weak_ptr<InformerRef::Lease> lease;
    QTimer grace;
};

QString InformerKey::toString() const
{
    // Unit separators cannot occur in any of the parts.
    const QChar sep(0x1f);
    return cluster + sep + resourcePath + sep + namespaceName + sep + labelSelector + sep + fieldSelector;
}

InformerCache::InformerCache(Factory factory, QObject *parent) : QObject(parent), m_factory(std::move(factory)) {}

InformerCache::~InformerCache()
{
    for (const auto &e : std::as_const(m_entries)) {
        if (auto lease = e->lease.lock())
            lease->onRelease = nullptr; // holders outliving the cache keep a stopped informer
        e->informer->stop();
    }
}

InformerRef InformerCache::acquire(const InformerKey &key)
{
    const QString id = key.toString();
    std::shared_ptr<Entry> &entry = m_entries[id];
    if (!entry) {
        entry = std::make_shared<Entry>();
        entry->key = key;
        InformerOptions options = m_options;
        options.selection.namespaceName = key.namespaceName;
        options.selection.labelSelector = key.labelSelector;
        options.selection.fieldSelector = key.fieldSelector;
        entry->informer = new Informer(m_factory(key), options, this);
        entry->grace.setSingleShot(true);
        connect(&entry->grace, &QTimer::timeout, this, [this, id] { expire(id); });
    }
    entry->grace.stop();
    std::shared_ptr<InformerRef::Lease> lease = entry->lease.lock();
    if (!lease) {
        lease = std::make_shared<InformerRef::Lease>();
        lease->informer = entry->informer;
        QPointer<InformerCache> self(this);
        lease->onRelease = [self, id] {
            if (self)
                self->released(id);
        };
        entry->lease = lease;
    }
    entry->informer->start();
    return InformerRef(lease);
}

int InformerCache::heldCount() const
{
    int n = 0;
    for (const auto &e : m_entries)
        n += e->lease.expired() ? 0 : 1;
    return n;
}

QList<InformerCache::Held> InformerCache::heldInformers() const
{
    QList<Held> out;
    for (const auto &e : m_entries)
        if (!e->lease.expired())
            out.append({e->key, e->informer});
    return out;
}

Informer *InformerCache::find(const InformerKey &key) const
{
    auto it = m_entries.constFind(key.toString());
    return it == m_entries.constEnd() ? nullptr : it.value()->informer;
}

void InformerCache::released(const QString &id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    if (m_graceMs <= 0)
        expire(id);
    else
        it.value()->grace.start(m_graceMs);
}

void InformerCache::expire(const QString &id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it.value()->lease.expired())
        return;
    const std::shared_ptr<Entry> entry = it.value();
    m_entries.erase(it);
    entry->informer->stop();
    entry->informer->deleteLater();
}

} // namespace acp::models
