#pragma once
// FleetHealthModel: one row per cluster of a fleet with its health and capacity, live:
//   NAME, STATUS, VERSION, TYPE, NODES (ready/total), CPU and MEMORY (requested / allocatable),
//   PODS (non-terminated), AGE.
//
// Inputs are bound per cluster: a node store and a pod store (ResourceStores of informers, or
// stores fed directly in tests), the ACP Cluster objects (a store over /auth/v1/clusters keyed
// by name; none outside ACP sessions) and the connection state. Aggregates are incremental:
// each pod and node's contribution (FleetHealthAggregates) is kept per key and a StoreDelta
// batch subtracts old and adds new contributions for just the objects it names; a store is
// rescanned only on a reset batch or when it is bound. Batches of asyncThreshold() objects or
// more (default 64) compute their contributions on the thread pool; batches of one store are
// applied in order (later batches wait for a pending one). One dataChanged per batch per row.
//
// Columns are fixed; SortRole gives numeric values (CPU/MEMORY: the requested fraction in
// per-mille, NODES: ready count, AGE: creation msecs); StatusRole gives the row's
// int(ObjectStatus::State) on every column (StatusDelegate paints the STATUS column);
// Qt::ToolTipRole of STATUS gives the condition details. Thread: GUI thread.
#include "models/ClusterConnection.h"
#include "models/FleetHealthAggregates.h"
#include "models/ResourceStore.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QPointer>
#include <memory>
#include <vector>

namespace acp::models {

class FleetHealthModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Status, Version, Type, Nodes, Cpu, Memory, Pods, Age, ColumnCount };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, StatusRole, ClusterRole };
    Q_ENUM(Role)

    explicit FleetHealthModel(QObject *parent = nullptr);
    ~FleetHealthModel() override;

    // The rows, in this order. Clusters kept keep their bindings and sums.
    void setClusters(const QStringList &clusters);
    QStringList clusters() const;
    int rowOf(const QString &cluster) const;   // -1 when absent

    // Binds (or with null unbinds) a cluster's stores. Binding scans the store once.
    void setNodeStore(const QString &cluster, ResourceStore *store);
    void setPodStore(const QString &cluster, ResourceStore *store);
    // Whether the node store's first list arrived (NODES shows "" until then).
    void setNodesSynced(const QString &cluster, bool synced);
    // Why a cluster's nodes or pods cannot be watched (e.g. 403 for an auditor); "" clears.
    // The affected cells show an em dash with the reason as tooltip.
    void setStoreError(const QString &cluster, bool pods, const QString &error);
    // The ACP Cluster objects (keyed by metadata.name = the cluster name); null unbinds.
    void setPlatformClusterStore(ResourceStore *store);
    void setConnectionState(const QString &cluster, ClusterConnection::State state, const QString &error = QString());

    // The clock for AGE and heartbeat ages (default: now at each call of refreshTimes()).
    void setCurrentTime(const QDateTime &now);
    // Re-evaluates time-dependent cells (AGE, heartbeat staleness) at the current time.
    void refreshTimes();
    void setHeartbeatTimeoutSecs(int secs);
    void setAsyncThreshold(int objects) { m_asyncThreshold = qMax(1, objects); }
    // True while batches are being computed on the thread pool.
    bool hasPendingWork() const;

    struct Summary {
        QString cluster;
        ClusterHealth health;
        QString version, type;
        int nodesReady = 0, nodesTotal = 0;
        bool nodesKnown = false;
        qint64 cpuRequestedMilli = 0, cpuAllocatableMilli = 0;
        qint64 memoryRequestedBytes = 0, memoryAllocatableBytes = 0;
        int pods = 0;
        QDateTime created;
        KubeObject clusterObject;   // the ACP Cluster (null outside ACP sessions)
        QString nodesError, podsError;
    };
    Summary summary(const QString &cluster) const;   // empty cluster name when absent

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void summaryChanged(const QString &cluster);

private:
    struct Row;
    struct Stream;
    Row *row(const QString &cluster) const;
    void bind(const QString &cluster, bool pods, ResourceStore *store);
    void enqueue(Stream *stream, const StoreDelta &delta, bool rescan);
    void startNext(Stream *stream);
    void rowChanged(Row *r);
    Summary summaryOf(const Row &r) const;
    QVariant display(const Row &r, const Summary &s, int column) const;
    QVariant sortValue(const Row &r, const Summary &s, int column) const;

    std::vector<std::unique_ptr<Row>> m_rows;
    QHash<QString, int> m_index;
    QPointer<ResourceStore> m_platform;
    QHash<QString, KubeObject> m_clusterObjects;   // ACP Cluster objects by name
    QMetaObject::Connection m_platformConn;
    QDateTime m_now;
    bool m_fixedNow = false;
    int m_heartbeatTimeout = 180;
    int m_asyncThreshold = 64;
    quint64 m_generation = 0;
};

} // namespace acp::models
