#pragma once
// PlatformWatch: one `watch=true` stream of the platform API (/auth/v1/clusters, /auth/v1/projects,
// /auth/v1/projects/{p}/clusters/{c}/namespaces), filtered per user like the lists.
// kube watch semantics over chunked JSON lines ({"type": ..., "object": ...}\n):
//  - resourceVersion unset or "0": ADDED for every visible object first; a version: what changed
//    after it (ERROR with a 410 Expired Status when it left the history window);
//  - labelSelector / fieldSelector apply; an object leaving the selection or the user's view is
//    sent as DELETED (stamped with the current resourceVersion), one entering it as ADDED;
//  - changes to RBAC objects, namespaces, projects or UserBindings in any cluster re-evaluate
//    what the user sees (coalesced per event-loop turn);
//  - allowWatchBookmarks=true: BOOKMARK events; timeoutSeconds (default 1800) ends the stream;
//    the fault injector's drop-watches cuts it without a final chunk.
// Resource versions are those of the store the objects live in (global for clusters and
// projects, the workload cluster for namespaces). Lives until the client leaves or the stream
// ends. Single-threaded.
#include "models/FieldSelector.h"
#include "models/LabelSelector.h"
#include "sandbox/HttpServer.h"
#include "sandbox/ObjectStore.h"
#include "sandbox/PlatformAccess.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <functional>
#include <memory>

class QTimer;

namespace acp::sandbox {

class Sandbox;
class SimCluster;

class PlatformWatch : public QObject {
    Q_OBJECT
public:
    struct Spec {
        SimCluster *source = nullptr;   // the cluster whose store holds the objects
        QString storageKey;             // "clusterregistry.k8s.io/clusters", ...
        QString ns;                     // only objects of this namespace ("" = all)
        QString kind, apiVersion;       // of the items (bookmarks)
        models::LabelSelector labels;
        models::FieldSelector fields;
        std::function<bool(PlatformAccess &, const QJsonObject &)> visible;
    };

    // Starts streaming on `out` (the request was authenticated and validated by the caller).
    static void start(Sandbox *sandbox, QObject *parent, const HttpRequest &req, const std::shared_ptr<HttpResponder> &out,
                      Spec spec, std::unique_ptr<PlatformAccess> access);
    ~PlatformWatch() override;

private:
    PlatformWatch(Sandbox *sandbox, Spec spec, std::unique_ptr<PlatformAccess> access, QObject *parent);
    void begin(const HttpRequest &req);
    bool matches(const QJsonObject &obj);
    void onObjectEvent(const StoreEvent &ev);
    void scheduleReevaluate();
    void reevaluate();
    void send(const char *type, const QByteArray &objectJson);
    void sendError(int status, const QString &reason, const QString &message);
    void sendBookmark();
    void finish();

    Sandbox *m_sandbox;
    Spec m_spec;
    std::unique_ptr<PlatformAccess> m_access;
    std::shared_ptr<HttpResponder> m_out;
    QList<QPair<QPointer<SimCluster>, int>> m_watchers;
    QSet<QString> m_sent;          // keys ("ns/name") the client currently has
    bool m_reevaluatePending = false;
    bool m_finished = false;
    QTimer *m_bookmarks = nullptr;
    QTimer *m_timeout = nullptr;
};

} // namespace acp::sandbox
