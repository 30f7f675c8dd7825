#include "api/KubeClientPager.h"

#include "api/ApiLog.h"

namespace acp::api {

namespace {
struct PagerState : RequestHandle::State {
    QPointer<KubeClientPager> pager;
    void cancel() override
    {
        if (pager)
            pager->cancel();
    }
    bool isActive() const override { return pager && pager->isActive(); }
};
} // namespace

KubeClientPager::KubeClientPager(const KubeClient &client, const ResourcePath &collection, const ListOptions &options,
                                 QObject *context, ListPagesCallback callback)
    : m_client(client), m_collection(collection), m_initial(options), m_options(options), m_context(context),
      m_callback(std::move(callback))
{
    connect(context, &QObject::destroyed, this, &KubeClientPager::cancel);
}

RequestHandle KubeClientPager::start(const KubeClient &client, const ResourcePath &collection, const ListOptions &options,
                                     QObject *context, ListPagesCallback callback)
{
    auto *pager = new KubeClientPager(client, collection, options, context, std::move(callback));
    auto state = std::make_shared<PagerState>();
    state->pager = pager;
    pager->next();   // the page request itself is queued: the callback never runs inside start()
    return RequestHandle(state);
}

void KubeClientPager::cancel()
{
    if (m_done)
        return;
    m_done = true;
    m_current.cancel();
    deleteLater();
}

void KubeClientPager::next()
{
    m_current = m_client.list(m_collection, m_options, this,
                              [this](const Result<Response> &r, const QStringList &w) { onPage(r, w); });
}

void KubeClientPager::onPage(const Result<Response> &result, const QStringList &warnings)
{
    if (m_done)
        return;
    for (const QString &w : warnings)
        if (!m_warnings.contains(w))
            m_warnings << w;
    if (!result) {
        const bool expiredContinue = result.error().isGone() && !m_options.continueToken.isEmpty();
        if (expiredContinue && m_pages.restarts == 0) {
            qCDebug(lcApi) << "continue token expired listing" << m_collection.resource << "on" << m_client.clusterName()
                           << "- falling back to a full list";
            ++m_pages.restarts;
            m_pages.pages.clear();
            m_pages.resourceVersion.clear();
            m_options = m_initial;
            m_options.limit = 0;
            m_options.continueToken.clear();
            next();
            return;
        }
        finish(result.error());
        return;
    }
    auto meta = ListMeta::scan(result->body);
    if (!meta) {
        ApiError e = meta.error();
        e.cluster = m_client.clusterName();
        finish(e);
        return;
    }
    if (m_pages.pages.isEmpty())
        m_pages.resourceVersion = meta->resourceVersion;
    m_pages.pages << result->body;
    if (meta->continueToken.isEmpty()) {
        finish(m_pages);
        return;
    }
    m_options.continueToken = meta->continueToken;
    // A continue token carries the resourceVersion; the server rejects both together.
    m_options.resourceVersion.clear();
    m_options.resourceVersionMatch.clear();
    next();
}

void KubeClientPager::finish(const Result<ListPages> &result)
{
    m_done = true;
    deleteLater();
    if (!m_context)
        return;
    const ListPagesCallback cb = std::move(m_callback);
    cb(result, m_warnings);
}

} // namespace acp::api
