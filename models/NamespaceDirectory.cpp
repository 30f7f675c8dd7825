#include "models/NamespaceDirectory.h"

#include "models/Fleet.h"
#include "models/Informer.h"
#include "models/ProjectSpec.h"
#include "models/ResourceStore.h"

#include <algorithm>

namespace acp::models {

namespace {
const QString kProjectLabel = QStringLiteral("cpaas.io/project");
}

NamespaceDirectory::NamespaceDirectory(Fleet *fleet, QObject *parent) : QObject(parent), m_fleet(fleet)
{
    m_emit.setSingleShot(true);
    m_emit.setInterval(0);
    connect(&m_emit, &QTimer::timeout, this, [this] {
        const QSet<QString> dirty = std::exchange(m_dirty, {});
        for (const QString &c : dirty)
            Q_EMIT changed(c);
    });
    connect(m_fleet, &Fleet::connectionStateChanged, this, [this](const QString &cluster, ClusterConnection::State s) {
        auto it = m_entries.find(cluster);
        if (it == m_entries.end())
            return;
        if (s == ClusterConnection::State::Ready && it->source == Source::Pending && !it->clusterInformer)
            bind(cluster);
        else if (s == ClusterConnection::State::Failed && it->source == Source::Pending) {
            it->error = m_fleet->clusterError(cluster);
            markChanged(cluster);
        }
    });
}

NamespaceDirectory::~NamespaceDirectory() = default;

void NamespaceDirectory::watch(const QString &cluster)
{
    if (m_entries.contains(cluster))
        return;
    m_entries.insert(cluster, Entry{});
    bind(cluster);
}

void NamespaceDirectory::bind(const QString &cluster)
{
    Entry &e = m_entries[cluster];
    ClusterConnection *conn = m_fleet->connection(cluster);
    if (!conn) {
        e.source = Source::Failed;
        e.error = m_fleet->clusterError(cluster);
        markChanged(cluster);
        return;
    }
    if (conn->state() != ClusterConnection::State::Ready)
        return;   // bound on connectionStateChanged
    auto ref = conn->informer(QStringLiteral("namespaces"));
    if (!ref) {
        e.source = Source::Failed;
        e.error = ref.error();
        markChanged(cluster);
        return;
    }
    e.clusterInformer = *ref;
    e.source = Source::Cluster;
    connect(ref->store(), &ResourceStore::changed, this, [this, cluster] { markChanged(cluster); });
    connect(ref->informer(), &Informer::stateChanged, this, [this, cluster] { onClusterInformerState(cluster); });
    onClusterInformerState(cluster);
}

void NamespaceDirectory::onClusterInformerState(const QString &cluster)
{
    auto it = m_entries.find(cluster);
    if (it == m_entries.end() || !it->clusterInformer)
        return;
    Informer *inf = it->clusterInformer.informer();
    if (inf->state() == Informer::State::Failed) {
        const auto err = inf->lastError();
        if (err && err->isForbidden() && m_fleet->isAcp()) {
            it->error = err;
            useProjects(cluster);
            return;
        }
        it->error = err;
    } else if (inf->state() == Informer::State::Synced) {
        it->error.reset();
    }
    markChanged(cluster);
}

void NamespaceDirectory::useProjects(const QString &cluster)
{
    Entry &e = m_entries[cluster];
    disconnect(e.clusterInformer.store(), nullptr, this, nullptr);
    disconnect(e.clusterInformer.informer(), nullptr, this, nullptr);
    e.clusterInformer = InformerRef();   // releases the refused list (and its retries)
    e.source = Source::Projects;
    if (!m_projects) {
        m_projects = m_fleet->platformInformer(QStringLiteral("projects"));
        if (m_projects) {
            connect(m_projects.store(), &ResourceStore::changed, this, qOverload<>(&NamespaceDirectory::syncProjects));
            connect(m_projects.informer(), &Informer::synced, this, qOverload<>(&NamespaceDirectory::syncProjects));
        }
    }
    syncProjects(cluster, e);
    markChanged(cluster);
}

void NamespaceDirectory::syncProjects()
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        if (it->source == Source::Projects)
            syncProjects(it.key(), *it);
}

// The watches of one Projects-sourced cluster follow the projects that include it.
void NamespaceDirectory::syncProjects(const QString &cluster, Entry &e)
{
    if (!m_projects)
        return;
    QSet<QString> wanted;
    for (const KubeObject &p : m_projects.store()->list())
        if (ProjectSpec::fromJson(p.json()).clusterNames().contains(cluster))
            wanted.insert(p.name());
    bool changedAny = false;
    for (auto it = e.projectInformers.begin(); it != e.projectInformers.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        disconnect(it->store(), nullptr, this, nullptr);
        it = e.projectInformers.erase(it);
        changedAny = true;
    }
    for (const QString &p : wanted) {
        if (e.projectInformers.contains(p))
            continue;
        InformerRef ref = m_fleet->platformInformer(QStringLiteral("projects/%1/clusters/%2/namespaces").arg(p, cluster));
        if (!ref)
            continue;
        connect(ref.store(), &ResourceStore::changed, this, [this, cluster] { markChanged(cluster); });
        connect(ref.informer(), &Informer::stateChanged, this, [this, cluster] { markChanged(cluster); });
        e.projectInformers.insert(p, ref);
        changedAny = true;
    }
    if (changedAny)
        markChanged(cluster);
}

void NamespaceDirectory::markChanged(const QString &cluster)
{
    m_dirty.insert(cluster);
    m_emit.start();
}

QList<const ResourceStore *> NamespaceDirectory::stores(const Entry &e) const
{
    QList<const ResourceStore *> out;
    if (e.clusterInformer)
        out << e.clusterInformer.store();
    for (const InformerRef &r : e.projectInformers)
        out << r.store();
    return out;
}

NamespaceDirectory::Source NamespaceDirectory::source(const QString &cluster) const
{
    return m_entries.value(cluster).source;
}

bool NamespaceDirectory::isSynced(const QString &cluster) const
{
    const auto it = m_entries.constFind(cluster);
    if (it == m_entries.constEnd())
        return false;
    switch (it->source) {
    case Source::Pending:
        return false;
    case Source::Failed:
        return true;
    case Source::Cluster:
        return it->clusterInformer && it->clusterInformer->hasSynced();
    case Source::Projects:
        if (!m_projects || !m_projects->hasSynced())
            return false;
        return std::all_of(it->projectInformers.cbegin(), it->projectInformers.cend(), [](const InformerRef &r) {
            return r->hasSynced() || r->state() == Informer::State::Failed;
        });
    }
    return false;
}

QStringList NamespaceDirectory::namespaces(const QString &cluster) const
{
    const auto it = m_entries.constFind(cluster);
    if (it == m_entries.constEnd())
        return {};
    QStringList out;
    for (const ResourceStore *s : stores(*it))
        out += s->keys();
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QString NamespaceDirectory::projectOf(const QString &cluster, const QString &ns) const
{
    const auto it = m_entries.constFind(cluster);
    if (it == m_entries.constEnd())
        return {};
    for (const ResourceStore *s : stores(*it))
        if (const KubeObject o = s->get(ns); !o.isNull())
            return o.label(kProjectLabel);
    return {};
}

int NamespaceDirectory::count(const QString &project, const QString &cluster) const
{
    const auto it = m_entries.constFind(cluster);
    if (it == m_entries.constEnd())
        return -1;
    if (it->source == Source::Cluster && it->clusterInformer && it->clusterInformer->hasSynced())
        return int(it->clusterInformer.store()->byLabel(kProjectLabel, project).size());
    if (it->source == Source::Projects) {
        const InformerRef r = it->projectInformers.value(project);
        if (r && r->hasSynced())
            return r.store()->size();
    }
    return -1;
}

std::optional<api::ApiError> NamespaceDirectory::error(const QString &cluster) const
{
    return m_entries.value(cluster).error;
}

} // namespace acp::models
