#pragma once
// ObjectRelations: what a details pane shows around one object of one cluster, live from the
// connection's shared informers:
//  - owners(): the owner chain, nearest first (pod -> replicaset -> deployment), walked up the
//    controller ownerReference (else the first one) of each object through informers of the
//    owners' kinds. An owner not (yet) in its informer's cache is listed with a null object;
//    the walk stops there (and resumes when the cache fills).
//  - owned(): the objects whose ownerReferences name this object (ResourceStore::byOwner) among
//    the kinds a controller of this kind creates (kOwnedKinds in the .cpp: data, not code paths).
//  - events(): the events whose involvedObject.uid is the object's (one informer with that field
//    selector), newest first.
// changed() is emitted (coalesced, once per event-loop turn) whenever any of them may have
// changed. Informers are held only while an object is set. Thread: GUI thread.
#include "api/ApiResource.h"
#include "models/InformerCache.h"
#include "models/KubeObject.h"
#include "models/ResourceRef.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace acp::models {

class ClusterConnection;

class ObjectRelations : public QObject {
    Q_OBJECT
public:
    struct Related {
        ResourceRef ref;        // cluster, group, version, resource (plural), kind, namespace, name
        KubeObject object;      // null when not (yet) in the informer's cache
    };

    explicit ObjectRelations(QObject *parent = nullptr);

    // `resource` is the object's resource (plural, group, version). A null object clears.
    void setObject(ClusterConnection *connection, const ResourceRef &resource, const KubeObject &object);
    void clear();
    const KubeObject &object() const { return m_object; }

    QList<Related> owners() const { return m_owners; }
    QList<Related> owned() const { return m_owned; }
    QVector<KubeObject> events() const { return m_events; }
    // True while an informer these lists depend on has not synced yet.
    bool isLoading() const { return m_loading; }

    // The resources whose objects a controller of `group`/`kind` owns ("replicasets.apps" for
    // apps/Deployment); empty when none are known.
    static QStringList ownedResources(const QString &group, const QString &kind);

Q_SIGNALS:
    void changed();

private:
    void schedule();
    void recompute();
    // The shared informer of `resource` in `ns` (held until the object changes); null if unserved.
    ResourceStore *store(const QString &resource, const QString &ns, const QString &fieldSelector = QString());
    ResourceStore *storeFor(const api::ApiResource &resource, const QString &ns, const QString &fieldSelector);
    void walkOwners();
    void collectOwned();
    void collectEvents();

    QPointer<ClusterConnection> m_connection;
    ResourceRef m_ref;
    KubeObject m_object;
    QHash<QString, InformerRef> m_informers;
    QSet<QString> m_used;             // informers the current pass needed
    QList<Related> m_owners;
    QList<Related> m_owned;
    QVector<KubeObject> m_events;
    bool m_loading = false;
    bool m_scheduled = false;
};

} // namespace acp::models
