#pragma once
// ApiDiscovery: what a cluster serves, fetched with kubectl's discovery protocol.
// - Aggregated discovery (Kubernetes >= 1.26/1.30 GA): GET /api and /apis with Accept
//   `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,
//    application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`;
//   two requests describe every resource.
// - Legacy discovery when the server answers with plain APIVersions/APIGroupList (or Mode::Legacy):
//   /api, /apis, then /api/<v> and /apis/<g>/<v> per group version (in parallel). Group versions
//   that fail are listed in DiscoveryResult::failedGroupVersions (like client-go's
//   ErrGroupDiscoveryFailed) and the rest is still returned.
// The parse functions are pure (tests feed them recorded bodies). The fetch runs on the client's
// thread; the callback runs once, only while `context` lives (cancellable through the handle).
#include "api/ApiResource.h"
#include "api/KubeClient.h"

#include <QObject>
#include <QPointer>

namespace acp::api {

struct DiscoveryResult {
    ApiResourceSet resources;
    bool aggregated = false;               // served by aggregated discovery
    QStringList failedGroupVersions;       // legacy: group versions whose list failed
};

class ApiDiscovery : public QObject {
    Q_OBJECT
public:
    enum class Mode { Auto, Aggregated, Legacy };
    using Callback = std::function<void(const Result<DiscoveryResult> &)>;

    static RequestHandle fetch(const KubeClient &client, Mode mode, QObject *context, Callback callback);

    static QByteArray aggregatedAccept();
    static bool isAggregatedContentType(const QByteArray &contentType);
    // APIGroupDiscoveryList (v2 or v2beta1) -> resources (the first version of each group is its
    // preferred version).
    static Result<QList<ApiResource>> parseAggregated(const QByteArray &body);
    // APIResourceList of one group version (/api/v1, /apis/<g>/<v>); subresources ("pods/log")
    // are attached to their resource.
    static Result<QList<ApiResource>> parseResourceList(const QByteArray &body, bool preferred);
    // /api (APIVersions) -> ["v1"]; /apis (APIGroupList) -> [(group, [versions], preferred)].
    struct GroupVersions {
        QString group;
        QStringList versions;
        QString preferredVersion;
    };
    static Result<QList<GroupVersions>> parseGroupList(const QByteArray &apiBody, const QByteArray &apisBody);

    void cancel();
    bool isActive() const { return !m_done; }

private:
    ApiDiscovery(const KubeClient &client, Mode mode, QObject *context, Callback callback);
    void start();
    void onAggregated(bool core, const Result<Response> &r);
    void startLegacy();
    void onLegacyRoots();
    void onGroupVersion(int index, const Result<Response> &r);
    void finishLegacy();
    void finish(const Result<DiscoveryResult> &result);

    KubeClient m_client;
    Mode m_mode;
    QPointer<QObject> m_context;
    Callback m_callback;
    QList<RequestHandle> m_requests;
    QByteArray m_bodies[2];                       // /api, /apis
    int m_pendingRoots = 0;
    QList<QPair<QString, bool>> m_groupVersions;  // path, preferred
    QList<QList<ApiResource>> m_lists;
    QStringList m_failed;
    int m_pending = 0;
    bool m_done = false;
};

} // namespace acp::api
