#pragma once
// ObjectStore: the objects of one simulated cluster, like etcd behind kube-apiserver.
// - one monotonic resourceVersion counter per cluster (opaque to clients);
// - objects keyed by storage key ("group/resource") and "namespace/name", iterated in key order;
// - a bounded history window of events, used for watch resumption (410 when too old) and for
//   consistent paginated lists (a continue token reads the snapshot of its first page);
// - watchers notified synchronously after each committed write.
// Stored objects keep their parsed JSON and its compact serialisation (lists are concatenations).
// Single-threaded; owned by a SimCluster.
#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <deque>
#include <functional>
#include <optional>

namespace acp::sandbox {

// The compact JSON of an object, serialised on first use and then kept (lists are
// concatenations of these). Seeding 100k objects does not pay for serialisation up front.
class LazyJson {
public:
    LazyJson() = default;
    explicit LazyJson(const QJsonObject &source) : m_source(source) {}
    operator const QByteArray &() const { return bytes(); }
    const QByteArray &bytes() const;
    bool isEmpty() const { return m_source.isEmpty(); }
    bool operator==(const LazyJson &o) const { return bytes() == o.bytes(); }

private:
    QJsonObject m_source;           // implicitly shared with StoredObject::obj
    mutable QByteArray m_cache;
};

struct StoredObject {
    QJsonObject obj;
    LazyJson json;        // compact JSON of obj
    bool isNull() const { return obj.isEmpty(); }
    static StoredObject make(const QJsonObject &o);
};

enum class EventType { Added, Modified, Deleted };

struct StoreEvent {
    qint64 rv = 0;
    EventType type = EventType::Added;
    QString storageKey;
    QString key;             // "namespace/name" ("/name" for cluster-scoped)
    StoredObject object;     // the object after the event (for Deleted: its last state, with the delete rv)
    StoredObject previous;   // before the event (empty for Added)
};

class ObjectStore {
public:
    using Watcher = std::function<void(const StoreEvent &)>;

    explicit ObjectStore(int historyWindow = 20000) : m_window(historyWindow) {}

    static QString key(const QString &ns, const QString &name) { return ns + QLatin1Char('/') + name; }

    qint64 resourceVersion() const { return m_rv; }
    // The oldest resourceVersion a watch can resume from (older -> 410 Gone).
    qint64 oldestResumableVersion() const;
    void setHistoryWindow(int events) { m_window = qMax(16, events); }

    const StoredObject *get(const QString &storageKey, const QString &ns, const QString &name) const;
    // Objects of a resource, optionally in one namespace, in key order.
    QList<const StoredObject *> list(const QString &storageKey, const QString &ns = QString()) const;
    // The same at an earlier resourceVersion (for continue tokens); nullopt when it left the window.
    std::optional<QList<StoredObject>> listAt(const QString &storageKey, const QString &ns, qint64 rv) const;
    int count(const QString &storageKey, const QString &ns = QString()) const;
    QStringList storageKeys() const { return m_data.keys(); }

    // Writes: assign the next resourceVersion into metadata.resourceVersion, record, notify.
    StoredObject create(const QString &storageKey, QJsonObject obj);
    StoredObject update(const QString &storageKey, QJsonObject obj);
    StoredObject remove(const QString &storageKey, const QString &ns, const QString &name);
    // Bulk load without history or notifications (seeding, state file).
    void load(const QString &storageKey, const QJsonObject &obj);
    // Moves the counter forward (restored state). The events up to rv are unknown, so a watch or
    // continue token from before it cannot resume (410), as after load().
    void setResourceVersion(qint64 rv)
    {
        if (rv > m_rv)
            m_rv = m_trimmedUpTo = rv;
    }

    // Events newer than rv (optionally for one resource); nullopt when rv is older than the window.
    std::optional<QList<StoreEvent>> eventsSince(qint64 rv, const QString &storageKey = QString()) const;

    // Watchers are called in registration order with every event in resourceVersion order; a
    // write made by a watcher is delivered to all watchers after the event being delivered.
    int addWatcher(Watcher w);
    void removeWatcher(int id);
    int watcherCount() const { return int(m_watchers.size()); }

private:
    StoredObject commit(EventType type, const QString &storageKey, QJsonObject obj);
    void record(StoreEvent ev);

    QHash<QString, QMap<QString, StoredObject>> m_data;
    std::deque<StoreEvent> m_history;
    int m_window;
    qint64 m_rv = 1;
    qint64 m_trimmedUpTo = 0;   // history holds every event with rv > this
    QMap<int, Watcher> m_watchers;   // by id: notified in registration order
    int m_nextWatcher = 1;
    std::deque<StoreEvent> m_pending;   // events written by a watcher, delivered after the current one
    bool m_notifying = false;
};

} // namespace acp::sandbox
