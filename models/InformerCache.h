#pragma once
// InformerCache: shares informers. Views asking for the same (cluster, resource path, namespace,
// label selector, field selector) get the same Informer (and so the same ResourceStore); the
// informer starts on the first acquire() and stops when the last InformerRef is gone and a
// grace period passed without a new acquire() (so switching pages does not relist).
// Thread: GUI thread. InformerRefs must be destroyed on the GUI thread too.
#include "models/Informer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace acp::models {

struct InformerKey {
    QString cluster;
    QString resourcePath;   // the collection, e.g. "/api/v1/pods" or "/apis/apps/v1/deployments"
    QString namespaceName;  // "" = all namespaces
    QString labelSelector;
    QString fieldSelector;

    QString toString() const; // unique per key
    bool operator==(const InformerKey &o) const = default;
};

class InformerCache;

// A shared hold on an informer. Copyable; the informer lives while any copy does.
class InformerRef {
public:
    InformerRef() = default;
    Informer *informer() const { return m_lease ? m_lease->informer : nullptr; }
    Informer *operator->() const { return informer(); }
    ResourceStore *store() const { return m_lease ? m_lease->informer->store() : nullptr; }
    explicit operator bool() const { return m_lease != nullptr; }

    // Internal: what copies share; its destruction tells the cache the last holder left.
    struct Lease {
        Informer *informer = nullptr;
        std::function<void()> onRelease;
        ~Lease()
        {
            if (onRelease)
                onRelease();
        }
    };

private:
    friend class InformerCache;
    explicit InformerRef(std::shared_ptr<Lease> lease) : m_lease(std::move(lease)) {}
    std::shared_ptr<Lease> m_lease;
};

class InformerCache : public QObject {
    Q_OBJECT
public:
    // Makes the list/watch seam for a key (e.g. an adapter over api::KubeClient for its cluster).
    using Factory = std::function<std::shared_ptr<ListWatcher>(const InformerKey &key)>;

    explicit InformerCache(Factory factory, QObject *parent = nullptr);
    ~InformerCache() override;

    // Options for informers created from now on (the key's namespace and selectors win).
    void setInformerOptions(const InformerOptions &options) { m_options = options; }
    void setGracePeriodMs(int ms) { m_graceMs = ms; }

    // The shared informer for `key`, started. Never null.
    InformerRef acquire(const InformerKey &key);

    int size() const { return int(m_entries.size()); }   // informers alive (held or in grace)
    int heldCount() const;                                // informers with at least one holder
    Informer *find(const InformerKey &key) const;         // null when none
    // Read-only view of the informers that currently have a holder (e.g. the command palette
    // searches their stores by name). The pointers are valid until control returns to the event
    // loop; hold an InformerRef (acquire) to keep one longer.
    struct Held {
        InformerKey key;
        Informer *informer = nullptr;
    };
    QList<Held> heldInformers() const;

private:
    struct Entry;
    void released(const QString &id);
    void expire(const QString &id);

    Factory m_factory;
    InformerOptions m_options;
    int m_graceMs = 5000;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
};

} // namespace acp::models
