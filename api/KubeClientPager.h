#pragma once
// KubeClientPager: KubeClient::listAll's state machine (internal). Requests pages until the
// continue token is empty; on 410 for a continue token restarts once with a full list (no limit)
// at the requested resourceVersion, like client-go's ListPager with FullListIfExpired.
// Lives on the client's thread, deletes itself when done or cancelled.
#include "api/KubeClient.h"

#include <QObject>
#include <QPointer>

namespace acp::api {

class KubeClientPager : public QObject {
    Q_OBJECT
public:
    static RequestHandle start(const KubeClient &client, const ResourcePath &collection, const ListOptions &options,
                               QObject *context, ListPagesCallback callback);
    void cancel();
    bool isActive() const { return !m_done; }

private:
    KubeClientPager(const KubeClient &client, const ResourcePath &collection, const ListOptions &options, QObject *context,
                    ListPagesCallback callback);
    void next();
    void onPage(const Result<Response> &result, const QStringList &warnings);
    void finish(const Result<ListPages> &result);

    KubeClient m_client;
    ResourcePath m_collection;
    ListOptions m_initial;
    ListOptions m_options;
    QPointer<QObject> m_context;
    ListPagesCallback m_callback;
    RequestHandle m_current;
    ListPages m_pages;
    QStringList m_warnings;
    bool m_done = false;
};

} // namespace acp::api
