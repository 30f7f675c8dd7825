#include "models/FleetHealthFeed.h"

#include <QTimer>

namespace acp::models {

FleetHealthFeed::FleetHealthFeed(Fleet *fleet, FleetHealthModel *model, QObject *parent)
    : QObject(parent), m_fleet(fleet), m_model(model)
{
}

void FleetHealthFeed::start()
{
    if (m_started || !m_fleet || !m_model)
        return;
    m_started = true;
    m_names = m_only.isEmpty() ? m_fleet->clusterNames() : m_only;
    m_model->setClusters(m_names);
    if (m_fleet->isAcp()) {
        m_platform = m_fleet->platformInformer(QStringLiteral("clusters"));
        if (m_platform)
            m_model->setPlatformClusterStore(m_platform.store());
    }
    connect(m_fleet, &Fleet::connectionStateChanged, this, &FleetHealthFeed::onState);
    if (m_only.isEmpty()) {
        m_fleet->connectAll();
        connect(m_fleet, &Fleet::clustersChanged, this, &FleetHealthFeed::onClustersChanged);
    }
    for (const QString &c : std::as_const(m_names)) {
        m_fleet->connection(c);
        onState(c, m_fleet->clusterState(c));
    }
}

// ACP: the platform's cluster list changed: rows follow it; clusters that left are unwatched.
void FleetHealthFeed::onClustersChanged()
{
    if (!m_model || !m_fleet)
        return;
    const QStringList names = m_fleet->clusterNames();
    for (const QString &old : std::as_const(m_names))
        if (!names.contains(old) && m_bindings.contains(old)) {
            release(old, true);
            release(old, false);
            m_bindings.remove(old);
        }
    m_names = names;
    m_model->setClusters(m_names);
    for (const QString &c : names) {
        m_fleet->connection(c);
        onState(c, m_fleet->clusterState(c));
    }
}

void FleetHealthFeed::onState(const QString &cluster, ClusterConnection::State state)
{
    if (!m_model || !m_fleet || !m_names.contains(cluster))
        return;
    const auto error = m_fleet->clusterError(cluster);
    m_model->setConnectionState(cluster, state, error ? error->message : QString());
    if (state == ClusterConnection::State::Ready)
        bindCluster(cluster);
}

void FleetHealthFeed::bindCluster(const QString &cluster)
{
    if (m_bindings.contains(cluster))
        return;
    ClusterConnection *conn = m_fleet->connection(cluster);
    if (!conn)
        return;
    auto nodes = conn->informer(QStringLiteral("nodes"));
    auto pods = conn->informer(QStringLiteral("pods"));
    if (!nodes || !pods) {
        const api::ApiError e = !nodes ? nodes.error() : pods.error();
        m_model->setConnectionState(cluster, ClusterConnection::State::Failed, e.message);
        return;
    }
    Binding b{*nodes, *pods};
    // A forbidden list is final for this session (an auditor without `list nodes`): show why and
    // stop asking; other failures are retried by the informer and shown only while they last.
    for (const bool podSide : {false, true}) {
        Informer *inf = podSide ? b.pods.informer() : b.nodes.informer();
        connect(inf, &Informer::errorOccurred, this, [this, cluster, podSide](const api::ApiError &e) {
            if (!m_model)
                return;
            m_model->setStoreError(cluster, podSide, e.message);
            if (e.httpStatus == 403) {
                auto it = m_bindings.find(cluster);
                if (it != m_bindings.end())
                    QTimer::singleShot(0, this, [this, cluster, podSide] { release(cluster, podSide); });
            }
        });
        connect(inf, &Informer::synced, this, [this, cluster, podSide] {
            if (m_model)
                m_model->setStoreError(cluster, podSide, QString());
        });
    }
    m_model->setNodeStore(cluster, b.nodes.store());
    m_model->setPodStore(cluster, b.pods.store());
    if (b.nodes->hasSynced())
        m_model->setNodesSynced(cluster, true);
    else
        connect(b.nodes.informer(), &Informer::synced, this, [this, cluster] {
            if (m_model)
                m_model->setNodesSynced(cluster, true);
        });
    m_bindings.insert(cluster, b);
}

} // namespace acp::models

namespace acp::models {

void FleetHealthFeed::release(const QString &cluster, bool pods)
{
    auto it = m_bindings.find(cluster);
    if (it == m_bindings.end() || !m_model)
        return;
    InformerRef &ref = pods ? it->pods : it->nodes;
    if (!ref)
        return;
    ref.informer()->disconnect(this);
    if (pods)
        m_model->setPodStore(cluster, nullptr);
    else
        m_model->setNodeStore(cluster, nullptr);
    ref = InformerRef();
}

} // namespace acp::models
