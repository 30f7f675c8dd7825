#pragma once
// ResourceTableModel: a flat table of the objects of one or more ResourceStores (one kind), as
// kubectl prints them, for every resource list of the console. Attaching stores of several
// clusters makes an all-clusters aggregate; a CLUSTER column appears while more than one cluster
// is attached.
//
// Columns are data (TableColumns): kubectl's printer columns, CRD additionalPrinterColumns,
// CLUSTER, NAMESPACE, STATUS and AGE; priority > 0 columns only in wide mode. Changing the
// column set (setColumns, setWide, setNamespaceColumnVisible, a second cluster attached or the
// last but one detached) resets the model.
//
// Rows: stores in attach order, each store's rows in its key order at attach time, then in
// insertion order (new objects are appended to their store's block). Sorting and filtering are
// ResourceFilterProxyModel's job.
//
// Cost model (the point: 200k pods): ingest never parses JSON. NAME, NAMESPACE, CLUSTER, AGE and
// CREATED AT come from KubeObject's hot fields. Printer cells and the semantic status are
// computed together on the first data() / statusAt() / sortKeyAt() that needs them (one JSON
// parse via KubeObject::parseJson(), which does not pin a QJsonObject in the object), cached per
// row in a bounded cache (setCellCacheLimit; overwritten round-robin; entries are checked against
// the row's current object, so an update invalidates its row for free). Displayed cells older than
// 30 s are recomputed (relative times such as "5 (3m ago)"); sort and status values are not.
// deletionTimestamp alone gives Terminating without parsing. Values needed for many rows at once
// (a first sort by RESTARTS, a status filter, a churning batch under such a sort) are computed off
// the GUI thread by ResourceFilterProxyModel through computeFunction() (a pure function of an
// object: sort key and state) and adoptState(); the row cache holds only what views display.
//
// Store batches (ResourceStore::changed) become ranged row operations: removals as one
// beginRemoveRows per contiguous run, updates as one dataChanged per contiguous run (or, beyond 8
// runs, ONE dataChanged over their span: consumers pay per signal), additions as one
// beginInsertRows per store block. The model resets only when the delta says reset (except a
// first list into an empty block, which is inserted: an all-clusters table fills cluster by
// cluster without resetting), or a batch would need more than rangeLimit() separate insert/remove
// runs (a view and a proxy handle a reset faster than thousands of scattered row operations).
//
// Thread: GUI thread. Not supported: tree structure, editing, drag and drop.
#include "models/KubeObject.h"
#include "models/ObjectStatus.h"
#include "models/TableColumns.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

namespace acp::models {

class ResourceStore;
struct StoreDelta;

class ResourceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1, // raw sort value: SortKey::toVariant (ages: creation msecs)
        StatusRole,                  // int(ObjectStatus::State) of the row (any column)
        StatusReasonRole,            // QString: the status function's reason
        ObjectRole,                  // QVariant::fromValue(KubeObject)
        ClusterRole,                 // QString: the cluster the row's store belongs to
        KeyRole,                     // QString: KubeObject::key()
        ColumnSourceRole,            // headerData only: int(TableColumn::Source)
    };
    Q_ENUM(Role)

    explicit ResourceTableModel(QObject *parent = nullptr);
    ~ResourceTableModel() override;

    // The kind's columns (TableColumns::forKind / forCustomResource). Resets.
    void setColumns(const TableColumns &columns);
    const TableColumns &tableColumns() const { return m_columns; }
    // The columns on show, in order (columnCount() of them).
    const QList<TableColumn> &visibleColumns() const { return m_visible; }
    // First visible column of `source`, or -1.
    int columnOf(TableColumn::Source source) const;

    // Attaches a store under a cluster name; its rows are appended. The model does not own the
    // store; a destroyed store is detached. Attaching the same store twice is ignored.
    void addStore(const QString &cluster, ResourceStore *store);
    void removeStore(ResourceStore *store);
    QList<ResourceStore *> stores() const;
    QStringList clusters() const; // distinct, in attach order

    void setWide(bool wide);
    bool isWide() const { return m_options.wide; }
    // NAMESPACE column (default shown); hide it for single-namespace views and cluster-scoped kinds.
    void setNamespaceColumnVisible(bool visible);
    bool isNamespaceColumnVisible() const { return m_options.namespaceColumn; }
    bool isClusterColumnVisible() const { return m_options.cluster; }

    // Ages are relative to this time; invalid (the default) means the current time.
    void setCurrentTime(const QDateTime &now);
    QDateTime currentTime() const;

    // Row cache bound (default 50,000 rows, minimum 64). Smaller saves memory, larger avoids
    // recomputing cells when sorting or status-filtering by computed columns beyond it.
    void setCellCacheLimit(int rows);
    int cellCacheLimit() const { return m_cacheLimit; }
    int cachedRowCount() const; // rows whose cache entry is current
    void clearCellCache();

    // More insert/remove runs than this in one batch resets instead (default 64).
    void setRangeLimit(int runs) { m_rangeLimit = qMax(1, runs); }
    int rangeLimit() const { return m_rangeLimit; }

    // Computes, on the thread pool (QtConcurrent), the cells and status of the rows in
    // [first, last] that lack them (what == Cells) or lack a known state (what == States); at
    // most cellCacheLimit() rows per call. Proxies call it before touching every row of a
    // computed column (sorting by RESTARTS, filtering by status). GUI thread; blocks until done.
    enum class Prefetch { Cells, States };
    void prefetch(int first, int last, Prefetch what = Prefetch::Cells) const;

    // Background status warm-up (default off): while on, rows whose state is unknown get it
    // computed on the thread pool, 2,048 rows at a time, without blocking the GUI thread, so a
    // later status filter or STATUS sort finds it known. Results for rows that changed or went
    // away meanwhile are dropped. No signals: the values are the ones data() would compute.
    void setStatusWarmUp(bool on);
    bool statusWarmUp() const { return m_warmUp; }
    bool isWarmingUp() const { return m_warmUpRunning; }
    int knownStateCount() const; // rows whose state is known (computed or warmed up)

    // Fast accessors for proxies and views (no QVariant); row must be valid.
    const KubeObject &objectAt(int row) const;
    const QString &clusterAt(int row) const;
    ObjectStatus statusAt(int row) const;                  // may compute the row's cells
    ObjectStatus::State stateAt(int row) const;            // computed once per object version
    SortKey sortKeyAt(int row, int column) const;          // may compute the row's cells
    QString textAt(int row, int column) const;             // DisplayRole text
    bool needsCells(int column) const;                     // sorting by it computes cells
    // True when sortKeyAt(row, column) would parse the row's JSON (a computed column whose cells
    // are not cached for the row's current object).
    bool needsParse(int row, int column) const;
    bool isStateKnown(int row) const { return m_rows.at(row).state >= 0; }

    // Off-thread computation for proxies (ResourceFilterProxyModel). Computed: what one JSON parse
    // of an object gives: `column`'s sort key (None when the column is not computed) and the state.
    struct Computed {
        SortKey key;
        qint8 state = -1;
    };
    using ComputeFunction = std::function<Computed(const KubeObject &)>;
    // A pure function of its argument, callable on any thread: snapshots the columns, `column`
    // (a visible column, or -1 for the state alone) and the clock. GUI thread to obtain it.
    ComputeFunction computeFunction(int column) const;
    // Keeps a state computed off-thread, if `row` still holds `object` (else ignored).
    void adoptState(int row, const KubeObject &object, qint8 state);
    // Row of (cluster, key) or -1 (first store of that cluster holding the key).
    int rowOf(const QString &cluster, const QString &key) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    using Options = TableColumns::Options;
    struct Row {
        KubeObject object;
        quint32 id = 0;       // stable id (index into m_posOfId), recycled after removal
        int segment = 0;
        mutable int cacheSlot = -1;
        mutable qint8 state = -1; // ObjectStatus::State once computed for `object`, kept on eviction
    };
    struct Segment;
    struct CacheEntry;

    void onStoreChanged(ResourceStore *store, const StoreDelta &delta);
    void applyUpdates(Segment &seg, const QVector<KubeObject> &updated, QVector<KubeObject> *unknown);
    void applyAdditions(Segment &seg, const QVector<KubeObject> &added);
    void resetSegment(Segment &seg);
    void fillSegment(Segment &seg, const QVector<KubeObject> &objects, int at);
    void eraseRows(int first, int count);
    void renumberFrom(int row);
    void recomputeOffsets();
    void updateVisibleColumns();
    void scheduleWarmUp();
    void warmUpStep();
    Options visibleOptions() const;
    int segmentOf(const ResourceStore *store) const;
    int findRow(const Segment &seg, const QString &key) const;
    quint32 allocateId();
    const CacheEntry &cache(const Row &row, bool forDisplay) const;
    bool ownsSlot(const Row &row) const;
    const CacheEntry &install(const Row &row, CacheEntry &&entry) const;
    static CacheEntry compute(const TableColumns &columns, const KubeObject &object, const QDateTime &now);
    qint64 nowMs() const;
    QString ageText(const KubeObject &o) const;

    TableColumns m_columns;
    QList<TableColumn> m_visible;
    Options m_options;
    std::vector<std::unique_ptr<Segment>> m_segments;
    QVector<Row> m_rows;
    QVector<int> m_posOfId;    // id -> row, -1 when free
    QVector<quint32> m_freeIds;
    QDateTime m_now;
    int m_rangeLimit = 64;
    bool m_warmUp = false, m_warmUpRunning = false, m_warmUpScheduled = false;
    int m_warmUpCursor = 0; // next row to look at
    int m_generation = 0;   // bumped by setColumns: results computed for other columns are dropped
    int m_cacheLimit = 50000;
    mutable std::vector<CacheEntry> m_cache;
    mutable int m_cacheNext = 0;
};

} // namespace acp::models
