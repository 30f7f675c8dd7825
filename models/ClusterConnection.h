#pragma once
// ClusterConnection: what the console holds for one cluster as one user: the gateway client,
// the resource registry (discovery, refreshed when CustomResourceDefinitions change), the
// OpenAPI cache and the shared informers. Views ask it for informers by any name kubectl
// accepts ("po", "deploy", "crd", "projects.auth.alauda.io") and share them through its
// InformerCache.
//
// States: Connecting until the first discovery answers, Ready after, Failed(error) while the
// first discovery keeps failing (it retries with backoff). After Ready, discovery failures keep
// the last registry. Thread: GUI thread.
#include "api/ApiResources.h"
#include "api/KubeClient.h"
#include "api/OpenApiCache.h"
#include "models/InformerCache.h"
#include "models/TableColumns.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <optional>

namespace acp::models {

class ClusterConnection : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Ready, Failed };
    Q_ENUM(State)

    ClusterConnection(const QString &name, const api::KubeClient &client, QObject *parent = nullptr);
    ~ClusterConnection() override;

    QString name() const { return m_name; }
    const api::KubeClient &client() const { return m_client; }
    api::ApiResources *resources() const { return m_resources; }
    api::OpenApiCache *openApi() const { return m_openApi; }
    InformerCache *informers() const { return m_informers; }

    void start();                        // discovery, then the CRD watch; idempotent
    State state() const { return m_state; }
    std::optional<api::ApiError> lastError() const { return m_lastError; }

    // The shared informer of a resource by any kubectl name (NotFound error when the cluster
    // does not serve it, MethodNotAllowed when it cannot be listed and watched).
    api::Result<InformerRef> informer(const QString &resource, const QString &namespaceName = QString(),
                                      const QString &labelSelector = QString(), const QString &fieldSelector = QString());
    InformerRef informer(const api::ApiResource &resource, const QString &namespaceName = QString(),
                         const QString &labelSelector = QString(), const QString &fieldSelector = QString());

    // The table columns of a resource: a CRD's additionalPrinterColumns when the CRD is known
    // (from the shared CRD informer), else kubectl's printer columns for built-in kinds.
    TableColumns columnsFor(const api::ApiResource &resource) const;

    // Milliseconds between a CRD change and the discovery refresh it triggers (default 300).
    void setDiscoveryDebounceMs(int ms) { m_debounce.setInterval(ms); }

Q_SIGNALS:
    void stateChanged(acp::models::ClusterConnection::State state);
    void resourcesChanged();             // the registry changed (first discovery, CRDs added/removed)

private:
    void setState(State s);
    void onDiscovered();
    void onDiscoveryFailed(const api::ApiError &error);
    void watchCustomResourceDefinitions();

    QString m_name;
    api::KubeClient m_client;
    api::ApiResources *m_resources;
    api::OpenApiCache *m_openApi;
    InformerCache *m_informers;
    QHash<QString, api::ResourcePath> m_paths; // InformerKey::resourcePath -> collection
    InformerRef m_crds;
    QTimer m_debounce;
    QTimer m_retry;
    int m_retryMs = 1000;
    bool m_firstDiscovery = true;
    State m_state = State::Idle;
    std::optional<api::ApiError> m_lastError;
};

} // namespace acp::models
