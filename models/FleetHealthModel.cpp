#include "models/FleetHealthModel.h"

#include "models/PrinterFormat.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>

namespace acp::models {

namespace {

// What a batch of one store does: keys removed, objects added or updated (to compute), or, for
// a reset, the store's whole contents.
struct Work {
    QVector<QString> removed;
    QVector<KubeObject> objects;
    bool reset = false;
};

struct Computed {
    std::vector<PodContribution> pods;
    std::vector<NodeContribution> nodes;
};

Computed compute(const QVector<KubeObject> &objects, bool pods)
{
    Computed c;
    if (pods) {
        c.pods.reserve(objects.size());
        for (const KubeObject &o : objects)
            c.pods.push_back(fleethealth::podContribution(o));
    } else {
        c.nodes.reserve(objects.size());
        for (const KubeObject &o : objects)
            c.nodes.push_back(fleethealth::nodeContribution(o));
    }
    return c;
}

} // namespace

struct FleetHealthModel::Stream {
    bool pods = false;
    QPointer<ResourceStore> store;
    QMetaObject::Connection conn;
    QList<Work> queue;
    bool busy = false;
    quint64 token = 0;                        // changes on rebind: stale results are dropped
};

struct FleetHealthModel::Row {
    QString name;
    Stream nodeStream, podStream;
    QHash<QString, PodContribution> pods;
    QHash<QString, NodeContribution> nodes;
    qint64 podCpu = 0, podMemory = 0;
    int podCount = 0;
    qint64 nodeCpu = 0, nodeMemory = 0;
    int nodesReady = 0;
    QMap<QString, int> versions;              // kubelet version -> node count
    QMap<qint64, int> created;                // node creation msecs -> count
    bool nodesSynced = false;
    QString nodesError, podsError;
    ClusterConnection::State connection = ClusterConnection::State::Idle;
    QString connectionError;
    KubeObject clusterObject;
    mutable std::optional<Summary> cache;

    void addPod(const PodContribution &c, int sign)
    {
        podCpu += sign * c.cpuMilli;
        podMemory += sign * c.memoryBytes;
        podCount += c.active ? sign : 0;
    }
    void addNode(const NodeContribution &c, int sign)
    {
        nodeCpu += sign * c.cpuMilli;
        nodeMemory += sign * c.memoryBytes;
        nodesReady += c.ready ? sign : 0;
        auto bump = [sign](auto &map, const auto &key) {
            int &n = map[key];
            n += sign;
            if (n <= 0)
                map.remove(key);
        };
        if (!c.kubeletVersion.isEmpty())
            bump(versions, c.kubeletVersion);
        if (c.created.isValid())
            bump(created, c.created.toMSecsSinceEpoch());
    }
    void clear(bool podSide)
    {
        if (podSide) {
            pods.clear();
            podCpu = podMemory = 0;
            podCount = 0;
        } else {
            nodes.clear();
            nodeCpu = nodeMemory = 0;
            nodesReady = 0;
            versions.clear();
            created.clear();
        }
    }
    void apply(const Work &w, const Computed &c, bool podSide)
    {
        if (w.reset)
            clear(podSide);
        for (const QString &key : w.removed) {
            if (podSide) {
                if (auto it = pods.find(key); it != pods.end()) {
                    addPod(*it, -1);
                    pods.erase(it);
                }
            } else if (auto it = nodes.find(key); it != nodes.end()) {
                addNode(*it, -1);
                nodes.erase(it);
            }
        }
        for (qsizetype i = 0; i < w.objects.size(); ++i) {
            const QString key = w.objects.at(i).key();
            if (podSide) {
                auto it = pods.find(key);
                if (it != pods.end())
                    addPod(*it, -1);
                pods.insert(key, c.pods.at(size_t(i)));
                addPod(c.pods.at(size_t(i)), 1);
            } else {
                auto it = nodes.find(key);
                if (it != nodes.end())
                    addNode(*it, -1);
                nodes.insert(key, c.nodes.at(size_t(i)));
                addNode(c.nodes.at(size_t(i)), 1);
            }
        }
    }
};

FleetHealthModel::FleetHealthModel(QObject *parent) : QAbstractTableModel(parent) {}

FleetHealthModel::~FleetHealthModel()
{
    for (auto &r : m_rows) {
        QObject::disconnect(r->nodeStream.conn);
        QObject::disconnect(r->podStream.conn);
    }
    QObject::disconnect(m_platformConn);
}

void FleetHealthModel::setClusters(const QStringList &clusters)
{
    if (clusters == this->clusters())
        return;
    beginResetModel();
    std::vector<std::unique_ptr<Row>> rows;
    for (const QString &name : clusters) {
        std::unique_ptr<Row> r;
        for (auto &old : m_rows)
            if (old && old->name == name)
                r = std::move(old);
        if (!r) {
            r = std::make_unique<Row>();
            r->name = name;
            r->podStream.pods = true;
        }
        r->clusterObject = m_clusterObjects.value(name);
        rows.push_back(std::move(r));
    }
    for (auto &old : m_rows)
        if (old) {
            QObject::disconnect(old->nodeStream.conn);
            QObject::disconnect(old->podStream.conn);
        }
    m_rows = std::move(rows);
    m_index.clear();
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i]->name, int(i));
    endResetModel();
}

QStringList FleetHealthModel::clusters() const
{
    QStringList out;
    for (const auto &r : m_rows)
        out << r->name;
    return out;
}

int FleetHealthModel::rowOf(const QString &cluster) const
{
    return m_index.value(cluster, -1);
}

FleetHealthModel::Row *FleetHealthModel::row(const QString &cluster) const
{
    const int i = rowOf(cluster);
    return i < 0 ? nullptr : m_rows[size_t(i)].get();
}

void FleetHealthModel::setNodeStore(const QString &cluster, ResourceStore *store)
{
    bind(cluster, false, store);
}

void FleetHealthModel::setPodStore(const QString &cluster, ResourceStore *store)
{
    bind(cluster, true, store);
}

void FleetHealthModel::bind(const QString &cluster, bool pods, ResourceStore *store)
{
    Row *r = row(cluster);
    if (!r)
        return;
    Stream &s = pods ? r->podStream : r->nodeStream;
    if (s.store == store && (store || !s.conn))
        return;
    QObject::disconnect(s.conn);
    s.conn = {};
    s.store = store;
    s.queue.clear();
    s.busy = false;
    s.token = ++m_generation;
    r->clear(pods);
    if (!pods)
        r->nodesSynced = false;
    if (store) {
        Stream *sp = &s;
        s.conn = connect(store, &ResourceStore::changed, this, [this, sp](const StoreDelta &d) { enqueue(sp, d, d.reset); });
        enqueue(&s, {}, true);
    }
    rowChanged(r);
}

void FleetHealthModel::enqueue(Stream *stream, const StoreDelta &delta, bool rescan)
{
    Work w;
    if (rescan) {
        w.reset = true;
        if (stream->store)
            w.objects = stream->store->list();
    } else {
        w.removed.reserve(delta.removed.size());
        for (const KubeObject &o : delta.removed)
            w.removed << o.key();
        w.objects = delta.added;
        w.objects += delta.updated;
    }
    if (rescan)
        stream->queue.clear();   // a rescan supersedes queued batches
    stream->queue << std::move(w);
    if (!stream->busy)
        startNext(stream);
}

void FleetHealthModel::startNext(Stream *stream)
{
    Row *r = nullptr;
    for (auto &row : m_rows)
        if (&row->podStream == stream || &row->nodeStream == stream)
            r = row.get();
    while (r && !stream->queue.isEmpty()) {
        Work w = stream->queue.takeFirst();
        const bool pods = stream->pods;
        if (w.objects.size() < m_asyncThreshold) {
            r->apply(w, compute(w.objects, pods), pods);
            if (!pods && w.reset && stream->store && !stream->store->isEmpty())
                r->nodesSynced = true;
            rowChanged(r);
            continue;
        }
        stream->busy = true;
        const QString cluster = r->name;
        const quint64 token = stream->token;
        auto *watcher = new QFutureWatcher<Computed>(this);
        connect(watcher, &QFutureWatcher<Computed>::finished, this, [this, watcher, cluster, pods, token, w] {
            watcher->deleteLater();
            Row *r = row(cluster);
            if (!r)
                return;
            Stream *s = pods ? &r->podStream : &r->nodeStream;
            if (s->token != token)
                return;   // rebound meanwhile
            s->busy = false;
            r->apply(w, watcher->result(), pods);
            if (!pods && w.reset && s->store && !s->store->isEmpty())
                r->nodesSynced = true;
            rowChanged(r);
            startNext(s);
        });
        const QVector<KubeObject> objects = w.objects;
        watcher->setFuture(QtConcurrent::run([objects, pods] { return compute(objects, pods); }));
        return;
    }
}

bool FleetHealthModel::hasPendingWork() const
{
    for (const auto &r : m_rows)
        if (r->podStream.busy || r->nodeStream.busy)
            return true;
    return false;
}

void FleetHealthModel::setNodesSynced(const QString &cluster, bool synced)
{
    if (Row *r = row(cluster); r && r->nodesSynced != synced) {
        r->nodesSynced = synced;
        rowChanged(r);
    }
}

void FleetHealthModel::setStoreError(const QString &cluster, bool pods, const QString &error)
{
    Row *r = row(cluster);
    if (!r)
        return;
    QString &e = pods ? r->podsError : r->nodesError;
    if (e == error)
        return;
    e = error;
    rowChanged(r);
}

void FleetHealthModel::setPlatformClusterStore(ResourceStore *store)
{
    QObject::disconnect(m_platformConn);
    m_platform = store;
    auto rebuild = [this] {
        m_clusterObjects.clear();
        if (m_platform)
            for (const KubeObject &o : m_platform->list())
                m_clusterObjects.insert(o.name(), o);
        for (auto &r : m_rows) {
            const KubeObject o = m_clusterObjects.value(r->name);
            if (!o.sharesDataWith(r->clusterObject)) {
                r->clusterObject = o;
                rowChanged(r.get());
            }
        }
    };
    if (store)
        m_platformConn = connect(store, &ResourceStore::changed, this, [this, rebuild](const StoreDelta &d) {
            if (d.reset) {
                rebuild();
                return;
            }
            for (const KubeObject &o : d.removed)
                m_clusterObjects.remove(o.name());
            for (const auto *list : {&d.added, &d.updated})
                for (const KubeObject &o : *list)
                    m_clusterObjects.insert(o.name(), o);
            for (const auto *list : {&d.removed, &d.added, &d.updated})
                for (const KubeObject &o : *list)
                    if (Row *r = row(o.name())) {
                        r->clusterObject = m_clusterObjects.value(o.name());
                        rowChanged(r);
                    }
        });
    rebuild();
}

void FleetHealthModel::setConnectionState(const QString &cluster, ClusterConnection::State state, const QString &error)
{
    Row *r = row(cluster);
    if (!r || (r->connection == state && r->connectionError == error))
        return;
    r->connection = state;
    r->connectionError = error;
    rowChanged(r);
}

void FleetHealthModel::setCurrentTime(const QDateTime &now)
{
    m_now = now;
    m_fixedNow = now.isValid();
    refreshTimes();
}

void FleetHealthModel::refreshTimes()
{
    if (!m_fixedNow)
        m_now = QDateTime::currentDateTimeUtc();
    for (auto &r : m_rows)
        r->cache.reset();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void FleetHealthModel::setHeartbeatTimeoutSecs(int secs)
{
    m_heartbeatTimeout = secs;
    refreshTimes();
}

void FleetHealthModel::rowChanged(Row *r)
{
    r->cache.reset();
    const int i = rowOf(r->name);
    if (i < 0)
        return;
    Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    Q_EMIT summaryChanged(r->name);
}

FleetHealthModel::Summary FleetHealthModel::summary(const QString &cluster) const
{
    const Row *r = row(cluster);
    return r ? summaryOf(*r) : Summary{};
}

FleetHealthModel::Summary FleetHealthModel::summaryOf(const Row &r) const
{
    if (r.cache)
        return *r.cache;
    Summary s;
    s.cluster = r.name;
    const QJsonObject obj = r.clusterObject.isNull() ? QJsonObject() : r.clusterObject.json();
    const QJsonObject status = obj.value(QLatin1String("status")).toObject();
    s.nodesTotal = int(r.nodes.size());
    s.nodesReady = r.nodesReady;
    s.nodesKnown = r.nodeStream.store && (r.nodesSynced || s.nodesTotal > 0);
    ClusterHealthInput in{obj, r.connection, r.connectionError, s.nodesKnown, s.nodesReady, s.nodesTotal,
                          m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(), m_heartbeatTimeout};
    s.health = fleethealth::clusterHealth(in);
    s.version = status.value(QLatin1String("version")).toString();
    if (s.version.isEmpty() && !r.versions.isEmpty()) {
        int best = 0;
        for (auto it = r.versions.begin(); it != r.versions.end(); ++it)
            if (it.value() > best) {
                best = it.value();
                s.version = it.key();
            }
    }
    s.type = status.value(QLatin1String("type")).toString();
    s.cpuRequestedMilli = r.podCpu;
    s.cpuAllocatableMilli = r.nodeCpu;
    s.memoryRequestedBytes = r.podMemory;
    s.memoryAllocatableBytes = r.nodeMemory;
    s.pods = r.podCount;
    s.clusterObject = r.clusterObject;
    s.nodesError = r.nodesError;
    s.podsError = r.podsError;
    s.created = r.clusterObject.isNull() ? QDateTime() : r.clusterObject.creationTimestamp();
    if (!s.created.isValid() && !r.created.isEmpty())
        s.created = QDateTime::fromMSecsSinceEpoch(r.created.firstKey(), Qt::UTC);
    r.cache = s;
    return s;
}

int FleetHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetHealthModel::display(const Row &r, const Summary &s, int column) const
{
    if ((!s.nodesError.isEmpty() && (column == Nodes || column == Cpu || column == Memory)) || (!s.podsError.isEmpty() && column == Pods))
        return QStringLiteral("\u2014");
    switch (column) {
    case Name: return r.name;
    case Status: return s.health.status.reason;
    case Version: return s.version;
    case Type: return s.type.isEmpty() ? QStringLiteral("\u2014") : s.type;
    case Nodes: return s.nodesKnown ? QStringLiteral("%1/%2").arg(s.nodesReady).arg(s.nodesTotal) : QString();
    case Cpu:
        return fleethealth::formatUsage(fleethealth::formatCpu(s.cpuRequestedMilli), fleethealth::formatCpu(s.cpuAllocatableMilli),
                                        s.cpuRequestedMilli, s.cpuAllocatableMilli);
    case Memory:
        return fleethealth::formatUsage(fleethealth::formatMemory(s.memoryRequestedBytes), fleethealth::formatMemory(s.memoryAllocatableBytes),
                                        s.memoryRequestedBytes, s.memoryAllocatableBytes);
    case Pods: return r.podStream.store ? QString::number(s.pods) : QString();
    case Age:
        return s.created.isValid() ? format::humanDuration(s.created.msecsTo(m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc()))
                                   : QString();
    }
    return {};
}

QVariant FleetHealthModel::sortValue(const Row &r, const Summary &s, int column) const
{
    auto ratio = [](qint64 a, qint64 b) { return b > 0 ? double(a) / double(b) : (a > 0 ? 1e9 : -1.0); };
    switch (column) {
    case Status: return int(s.health.status.state);
    case Nodes: return s.nodesTotal * 100000 + s.nodesReady;
    case Cpu: return ratio(s.cpuRequestedMilli, s.cpuAllocatableMilli);
    case Memory: return ratio(s.memoryRequestedBytes, s.memoryAllocatableBytes);
    case Pods: return s.pods;
    case Age: return s.created.isValid() ? -s.created.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    default: return display(r, s, column);
    }
}

QVariant FleetHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &r = *m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(r, summaryOf(r), index.column());
    case SortRole: return sortValue(r, summaryOf(r), index.column());
    case StatusRole: return int(summaryOf(r).health.status.state);
    case ClusterRole: return r.name;
    case Qt::ToolTipRole: {
        const Summary s = summaryOf(r);
        if (index.column() == Status)
            return s.health.detail.isEmpty() ? s.health.status.reason : s.health.detail;
        if (index.column() == Pods || (!s.podsError.isEmpty() && (index.column() == Cpu || index.column() == Memory)))
            return s.podsError.isEmpty() ? QVariant() : s.podsError;
        if (index.column() == Nodes || index.column() == Cpu || index.column() == Memory)
            return s.nodesError.isEmpty() ? QVariant() : s.nodesError;
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Nodes || index.column() == Pods)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant FleetHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *titles[] = {"NAME", "STATUS", "VERSION", "TYPE", "NODES", "CPU", "MEMORY", "PODS", "AGE"};
    return QString::fromLatin1(titles[section]);
}

} // namespace acp::models
