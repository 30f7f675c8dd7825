#include "api/ApiResources.h"

namespace acp::api {

ApiResources::ApiResources(const KubeClient &client, QObject *parent) : QObject(parent), m_client(client) {}

void ApiResources::refresh()
{
    m_request.cancel();
    m_request = ApiDiscovery::fetch(m_client, m_mode, this, [this](const Result<DiscoveryResult> &r) {
        if (!r) {
            Q_EMIT failed(r.error());
            return;
        }
        const bool differs = !m_loaded || r->resources.all() != m_resources.all();
        m_resources = r->resources;
        m_failed = r->failedGroupVersions;
        m_aggregated = r->aggregated;
        m_loaded = true;
        Q_EMIT refreshed();
        if (differs)
            Q_EMIT changed();
    });
}

} // namespace acp::api
