#pragma once
// ResourceFilterProxyModel: filters and sorts a ResourceTableModel for the resource lists.
//
// Why not QSortFilterProxyModel: at 100k rows every filter change there re-sorts (or inserts
// row by row with lessThan() through QModelIndex/QVariant), which costs hundreds of ms. This
// proxy keeps the whole source in sort order (m_order) independently of the filter, so a filter
// change is one linear pass over a compact per-row index (ResourceFilterProxyModelIndex: names
// in one arena, namespace / cluster / label-set ids whose criteria are evaluated once per id), and
// a sort is one pass collecting SortKeys plus std::stable_sort on them (bench/ScenarioFilter.cpp
// measures both against QSortFilterProxyModel).
//
// Filters (combined with AND; an empty filter accepts everything):
//  - setFilterText(): k9s-style query. "/" prefix optional; "text" keeps rows whose NAME contains
//    text (case-insensitive); "!text" keeps rows whose name does not contain it; "-l SELECTOR"
//    sets the label selector instead (as setLabelSelector).
//  - setNamespaces(), setClusters(): sets of names (empty = all).
//  - setLabelSelector(): apimachinery label selector syntax (LabelSelector). An invalid selector
//    is not applied: labelSelectorError() holds the parser's message (and
//    labelSelectorErrorChanged() is emitted); the other filters stay in force.
//  - setStatuses(): semantic states (ObjectStatus::State); needs each row's status once (the
//    source computes and keeps it per object version).
// Sorting: sort(column, order) by the source's SortKeys (raw values: ages as timestamps, counts
// numerically); ties keep source order; column -1 restores source order. New and changed rows are
// placed at their sorted positions. When the source's columns change (wide mode, CLUSTER), the
// sort follows its column by header title (or ends when the column is gone).
//
// Off the GUI thread (asyncThreshold()): a sort by a computed column (RESTARTS, READY, STATUS) or a
// status filter that would parse at least asyncThreshold() rows' JSON (default 16) computes the
// sort keys / states on the thread pool (QtConcurrent, one parse per row) instead. Meanwhile the
// previous order and filter stay on show, isBusy() is true (busyChanged(); a view shows a
// spinner), sortColumn()/statuses() report the request, and source changes are followed as
// usual. A newer sort or status request supersedes (cancels) a pending one; a source reset
// restarts it. Changed rows (source dataChanged) whose new sort key or state needs at least
// asyncThreshold() parses keep their position and filter state until the pool has computed them
// (a few ms later: one layout change then moves them; hasPendingWork() is true meanwhile).
// Inserted rows are placed synchronously (the source prefetches their cells in parallel).
//
// Signals: filter and sort changes are layout changes (persistent indexes follow their rows; rows
// filtered out get invalid indexes). Source insertions/removals become ranged row operations
// (a layout change when they would scatter into more than 64 runs); source updates become
// dataChanged, or a layout change when a row moves or enters/leaves the filter; a source reset
// resets.
//
// Thread: GUI thread. The source must be a ResourceTableModel (others are refused with a warning).
#include "models/KubeObject.h"
#include "models/LabelSelector.h"
#include "models/ObjectStatus.h"
#include "models/ResourceFilterProxyModelIndex.h"
#include "models/TableColumns.h"

#include <QAbstractProxyModel>
#include <QTimer>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

namespace acp::models {

class ResourceTableModel;

class ResourceFilterProxyModel : public QAbstractProxyModel {
    Q_OBJECT
public:
    explicit ResourceFilterProxyModel(QObject *parent = nullptr);
    ~ResourceFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *source) override;
    ResourceTableModel *resourceModel() const { return m_model; }

    void setFilterText(const QString &query);
    QString filterText() const { return m_query; }
    void setNamespaces(const QSet<QString> &namespaces);
    QSet<QString> namespaces() const { return m_namespaces; }
    void setClusters(const QSet<QString> &clusters);
    QSet<QString> clusters() const { return m_clusters; }
    // Returns false (and keeps no selector) when `selector` does not parse.
    bool setLabelSelector(const QString &selector);
    QString labelSelector() const { return m_selectorText; }
    QString labelSelectorError() const { return m_selectorError; }
    void setStatuses(const QSet<ObjectStatus::State> &states);
    QSet<ObjectStatus::State> statuses() const;
    void clearFilters();
    // True when some row of the source is filtered out by the current filters.
    bool isFiltering() const;

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The requested sort (it is on show once !isBusy()).
    int sortColumn() const { return m_pendingSort ? m_pendingSort->column : m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_pendingSort ? m_pendingSort->order : m_sortOrder; }

    // See the class comment. < 0: everything synchronous (the GUI thread parses).
    void setAsyncThreshold(int rows) { m_asyncThreshold = rows; }
    // Watch churn under a sort: rows whose sort key changed (and nothing else: acceptance changes
    // apply at once) keep their place, showing their new values, for up to `ms` and then move in
    // one layout change with every other row that changed meanwhile. 0 (default): at once. Live
    // views set ~100-250 ms: 200 clusters' batches then cost one relayout and repaint per period
    // instead of one per batch.
    void setMoveDelayMs(int ms);
    int moveDelayMs() const { return m_moveDelayMs; }
    bool hasPendingMoves() const { return !m_pendingMoves.isEmpty(); }
    int asyncThreshold() const { return m_asyncThreshold; }
    bool isBusy() const { return m_busy; }          // a sort or status filter is being computed
    bool hasPendingWork() const { return !m_jobs.empty(); } // any pool computation outstanding

    // Proxy row -> source row (no QModelIndex), for views and tests.
    int sourceRow(int proxyRow) const { return m_rows.at(proxyRow); }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void labelSelectorErrorChanged(const QString &error);
    void filterChanged();
    void busyChanged(bool busy);

private:
    struct Job;
    struct PendingSort {
        int column = -1;
        Qt::SortOrder order = Qt::AscendingOrder;
        QString title;
    };

    bool accepts(int sourceRow) const;
    bool less(int a, int b) const;
    void rebuild(bool reuseKeys = false); // m_order, m_keys and m_rows from scratch (no signals)
    void refilter();                // m_rows from m_order
    void relayout(const std::function<void()> &change);
    void ensureMap() const;
    void computeKeys(int first, int last);
    void applyFilterChange();
    void remapSortColumn();
    // Async (ResourceFilterProxyModelAsync.cpp).
    bool sortNeedsAsync(int column, bool sameColumn) const;
    bool statusNeedsAsync() const;
    Job *startJob(int kind, const QVector<int> &rows, int column);
    void startSortJob(int column, Qt::SortOrder order);
    void startStatusJob();
    void onJobFinished(Job *job);
    void finishSort(Job &job);
    void finishStatus(Job &job);
    void finishUpdate(Job &job);
    void replaceRows(const QVector<int> &changed, bool reorder);
    void cancelJobs(int kind = -1); // Job::Kind, -1: all; their results are dropped
    void shiftJobRows(int first, int count); // count < 0: rows [first, first - count - 1] removed
    void restartAfterReset();
    void updateBusy();
    void connectSource();
    void disconnectSource();

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void onAboutToReset();
    void onReset();

    QPointer<ResourceTableModel> m_model;
    QList<QMetaObject::Connection> m_connections;
    bool m_resetting = false;

    // Filters.
    QString m_query, m_text, m_selectorText, m_selectorError;
    bool m_textInverse = false;
    bool m_textAscii = false;  // m_text is ASCII and lower-cased: fast case-insensitive search
    ResourceFilterProxyModelIndex m_index; // per source row: name, namespace, cluster, label set
    QSet<QString> m_namespaces, m_clusters;
    std::optional<LabelSelector> m_selector;
    quint32 m_statusMask = 0; // requested: bit per ObjectStatus::State; 0 = all
    quint32 m_activeMask = 0; // in force (differs from m_statusMask while a status job runs)

    // Sorting.
    int m_sortColumn = -1;
    QString m_sortTitle; // the sorted column's header: found again after the source's columns change
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QVector<SortKey> m_keys; // per source row, when m_sortColumn >= 0
    QVector<KubeObject> m_keyObjects; // per source row: the object its m_keys entry was computed for
    int m_sortGeneration = 0;  // bumped whenever m_keys is recomputed for another column
    std::optional<PendingSort> m_pendingSort;
    Qt::SortOrder m_pendingSortOrder = Qt::AscendingOrder; // for the Sort job being started

    // Async.
    int m_asyncThreshold = 16;
    int m_moveDelayMs = 0;
    QVector<int> m_pendingMoves;    // source rows whose key changed, not yet re-placed
    QTimer *m_moveTimer = nullptr;
    void deferMoves(const QVector<int> &rows);
    void flushMoves();
    static void shiftRows(QVector<int> &rows, int first, int count);
    bool m_busy = false;
    std::vector<std::unique_ptr<Job>> m_jobs;

    QVector<int> m_order;    // every source row, in display order
    QVector<int> m_rows;     // proxy row -> source row
    mutable QVector<int> m_map; // source row -> proxy row or -1 (lazy)
    mutable bool m_mapDirty = true;
};

} // namespace acp::models
