#pragma once
// ResourceStore: the client-side cache of one informer (one cluster, one resource, optionally one
// namespace and selector), like client-go's thread-safe Indexer but owned by the GUI thread.
//
// Objects are keyed by KubeObject::key() ("ns/name" or "name"). Indexes: namespace, label
// ("key=value" and "key" for existence), owner uid, node name. Changes arrive in batches (an
// informer coalesces watch events for ~50-100 ms) and leave as ONE `changed(StoreDelta)` per
// batch, so table models can turn it into ranged row operations.
//
// Thread: GUI thread (QObject). The objects themselves are immutable and may be handed to
// workers.
#include "models/KubeObject.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>

namespace acp::models {

// One watch event (already decoded).
struct StoreEvent {
    enum Type { Added, Modified, Deleted };
    Type type = Added;
    KubeObject object;
};

// What one batch did to the store, after coalescing (an object added then modified in the same
// batch is reported once as added with its last state; added then deleted is not reported).
struct StoreDelta {
    QVector<KubeObject> added;
    QVector<KubeObject> updated;   // the new states
    QVector<KubeObject> removed;   // the last known states
    bool reset = false;            // a relist replaced the contents wholesale (see replace())
    bool isEmpty() const { return added.isEmpty() && updated.isEmpty() && removed.isEmpty() && !reset; }
};

class ResourceStore : public QObject {
    Q_OBJECT
public:
    explicit ResourceStore(QObject *parent = nullptr);
    ~ResourceStore() override;

    // Applies watch events in order. An event whose object has the same resourceVersion as the
    // stored one is a no-op. Deleted of an unknown key is ignored. Emits one changed() unless
    // nothing changed.
    void apply(const QVector<StoreEvent> &events);

    // A full (re)list: the store becomes exactly `objects`. Keys absent from `objects` are
    // removed (deletions missed while disconnected), new ones added, changed ones updated.
    // Emits one changed(); `reset` is set when most of the store changed (a model should reset
    // rather than apply thousands of row operations) or the store was empty before.
    void replace(const QVector<KubeObject> &objects);

    void clear();

    int size() const;
    bool isEmpty() const { return size() == 0; }
    KubeObject get(const QString &key) const;          // null when absent
    KubeObject get(const QString &ns, const QString &name) const;
    KubeObject byUid(const QString &uid) const;
    QVector<KubeObject> list() const;                  // in key order
    QStringList keys() const;                          // in key order

    QVector<KubeObject> byNamespace(const QString &ns) const;
    QVector<KubeObject> byLabel(const QString &key, const QString &value) const;
    QVector<KubeObject> withLabel(const QString &key) const;
    QVector<KubeObject> byOwner(const QString &ownerUid) const;
    QVector<KubeObject> byNode(const QString &nodeName) const;
    QStringList namespaces() const;                    // namespaces that have objects, sorted

Q_SIGNALS:
    void changed(const acp::models::StoreDelta &delta);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace acp::models

Q_DECLARE_METATYPE(acp::models::StoreDelta)
