#pragma once
// KubeListWatcher: the ListWatcher seam implemented over the gateway client (api/KubeClient for
// list pages, api/WatchStream for watches). One instance serves one collection of one cluster
// (group, version, resource); the namespace and selectors come with each request.
// Thread: the client's thread (GUI thread). Callbacks follow ListWatcher's contract.
#include "api/KubeClient.h"
#include "api/WatchStream.h"
#include "models/ListWatcher.h"

namespace acp::models {

class KubeListWatcher : public ListWatcher {
public:
    // `collection`: group, version and resource (namespace and name are ignored).
    KubeListWatcher(api::KubeClient client, api::ResourcePath collection,
                    api::WatchTransport transport = api::WatchTransport::Auto);

    QString describe() const override;
    ListWatchHandle list(const ListWatchOptions &options, QObject *context, ListCallback done) override;
    ListWatchHandle watch(const ListWatchOptions &options, QObject *context, FramesCallback onFrames,
                          ClosedCallback onClosed) override;

    const api::KubeClient &client() const { return m_client; }
    api::ResourcePath collection(const QString &namespaceName) const;

private:
    api::KubeClient m_client;
    api::ResourcePath m_collection;
    api::WatchTransport m_transport;
};

} // namespace acp::models
