#include "models/ClusterConnection.h"

#include "models/Informer.h"

#include "models/KubeListWatcher.h"
#include "models/ModelsLog.h"

namespace acp::models {

ClusterConnection::ClusterConnection(const QString &name, const api::KubeClient &client, QObject *parent)
    : QObject(parent), m_name(name), m_client(client), m_resources(new api::ApiResources(client, this)),
      m_openApi(new api::OpenApiCache(client, this))
{
    m_informers = new InformerCache(
        [this](const InformerKey &key) -> std::shared_ptr<ListWatcher> {
            return std::make_shared<KubeListWatcher>(m_client, m_paths.value(key.resourcePath));
        },
        this);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, m_resources, &api::ApiResources::refresh);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, m_resources, &api::ApiResources::refresh);
    connect(m_resources, &api::ApiResources::refreshed, this, &ClusterConnection::onDiscovered);
    // ApiResources emits refreshed() then changed(): the first discovery is announced by
    // onDiscovered(), later changes here.
    connect(m_resources, &api::ApiResources::changed, this, [this] {
        if (m_state == State::Ready && !m_firstDiscovery)
            Q_EMIT resourcesChanged();
        m_firstDiscovery = false;
    });
    connect(m_resources, &api::ApiResources::failed, this, &ClusterConnection::onDiscoveryFailed);
}

ClusterConnection::~ClusterConnection()
{
    m_crds = InformerRef(); // release before the cache goes
}

void ClusterConnection::start()
{
    if (m_state != State::Idle)
        return;
    setState(State::Connecting);
    m_resources->refresh();
}

void ClusterConnection::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void ClusterConnection::onDiscovered()
{
    m_lastError.reset();
    m_retryMs = 1000;
    if (m_state != State::Ready) {
        setState(State::Ready);
        watchCustomResourceDefinitions();
        Q_EMIT resourcesChanged();
    }
}

void ClusterConnection::onDiscoveryFailed(const api::ApiError &error)
{
    qCWarning(lcModels) << m_name << "discovery failed:" << error.toString();
    m_lastError = error;
    if (m_state == State::Ready)
        return; // keep the last registry; the next CRD change retries
    setState(State::Failed);
    m_retry.start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, 30000);
}

// Discovery must follow CRDs: a new CRD adds a resource, a deleted one removes it. Users who
// may not list CRDs (403) get discovery refreshed every 5 minutes instead; the refused watch
// is dropped rather than retried (and logged) forever.
void ClusterConnection::watchCustomResourceDefinitions()
{
    const auto crd = m_resources->resources().find(QStringLiteral("apiextensions.k8s.io"), QString(),
                                                   QStringLiteral("customresourcedefinitions"));
    if (!crd || !crd->hasVerb(QStringLiteral("watch")))
        return;
    m_crds = informer(*crd);
    connect(m_crds.store(), &ResourceStore::changed, this, [this](const StoreDelta &delta) {
        // The first list only tells what discovery already saw.
        if (m_crds.informer()->hasSynced() && (!delta.added.isEmpty() || !delta.removed.isEmpty() || !delta.updated.isEmpty()))
            m_debounce.start();
    });
    connect(m_crds.informer(), &Informer::stateChanged, this, [this](Informer::State st) {
        const auto err = m_crds ? m_crds->lastError() : std::nullopt;
        if (st != Informer::State::Failed || !err || !err->isForbidden())
            return;
        QTimer::singleShot(0, this, [this] {
            m_crds = InformerRef();
            auto *poll = new QTimer(this);
            poll->setInterval(5 * 60 * 1000);
            connect(poll, &QTimer::timeout, m_resources, &api::ApiResources::refresh);
            poll->start();
        });
    });
}

api::Result<InformerRef> ClusterConnection::informer(const QString &resource, const QString &namespaceName,
                                                     const QString &labelSelector, const QString &fieldSelector)
{
    const auto r = m_resources->lookup(resource);
    if (!r)
        return r.error();
    if (!r->hasVerb(QStringLiteral("list")) || !r->hasVerb(QStringLiteral("watch")))
        return api::ApiError{405, QStringLiteral("MethodNotAllowed"),
                             QStringLiteral("%1 cannot be listed and watched").arg(r->groupResource()), m_name};
    return informer(*r, namespaceName, labelSelector, fieldSelector);
}

InformerRef ClusterConnection::informer(const api::ApiResource &resource, const QString &namespaceName,
                                        const QString &labelSelector, const QString &fieldSelector)
{
    const api::ResourcePath path{resource.group, resource.version, resource.resource};
    InformerKey key;
    key.cluster = m_name;
    key.resourcePath = path.toString();
    key.namespaceName = resource.namespaced ? namespaceName : QString();
    key.labelSelector = labelSelector;
    key.fieldSelector = fieldSelector;
    m_paths.insert(key.resourcePath, path);
    return m_informers->acquire(key);
}

TableColumns ClusterConnection::columnsFor(const api::ApiResource &resource) const
{
    if (!resource.group.isEmpty() && m_crds) {
        const KubeObject crd = m_crds.store()->get(resource.resource + u'.' + resource.group);
        if (!crd.isNull())
            return TableColumns::forCustomResource(crd.parseJson(), resource.version);
    }
    return TableColumns::forKind(resource.group, resource.kind);
}

} // namespace acp::models
