#pragma once
// ApiResources: the resource registry of one cluster, filled by discovery (ApiDiscovery) and
// refreshed on demand (the informer layer calls refresh() when CustomResourceDefinitions
// change). Lookups go through resources() (an immutable ApiResourceSet snapshot, safe to hand to
// workers).
// Thread: the client's thread (GUI thread). Signals:
//   refreshed()          after every successful refresh
//   changed()            after a refresh that changed the set (and after the first one)
//   failed(ApiError)     a refresh failed; the previous set stays
#include "api/ApiDiscovery.h"

#include <QObject>

namespace acp::api {

class ApiResources : public QObject {
    Q_OBJECT
public:
    explicit ApiResources(const KubeClient &client, QObject *parent = nullptr);

    void setMode(ApiDiscovery::Mode mode) { m_mode = mode; }   // Auto by default
    const KubeClient &client() const { return m_client; }

    // Starts a discovery (a running one is superseded).
    void refresh();
    bool isLoaded() const { return m_loaded; }
    bool isRefreshing() const { return m_request.isActive(); }
    bool usedAggregatedDiscovery() const { return m_aggregated; }
    QStringList failedGroupVersions() const { return m_failed; }
    const ApiResourceSet &resources() const { return m_resources; }

    Result<ApiResource> lookup(const QString &name) const { return m_resources.lookup(name); }
    QList<ApiResource> category(const QString &name) const { return m_resources.category(name); }

Q_SIGNALS:
    void refreshed();
    void changed();
    void failed(const acp::api::ApiError &error);

private:
    KubeClient m_client;
    ApiDiscovery::Mode m_mode = ApiDiscovery::Mode::Auto;
    RequestHandle m_request;
    ApiResourceSet m_resources;
    QStringList m_failed;
    bool m_loaded = false;
    bool m_aggregated = false;
};

} // namespace acp::api
