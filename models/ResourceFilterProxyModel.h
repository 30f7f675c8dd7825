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
// Signals: filter and sort changes are layout changes (persistent indexes follow their rows; rows
// filtered out get invalid indexes). Source insertions/removals become ranged row operations
// (a layout change when they would scatter into more than 64 runs); source updates become
// dataChanged, or a layout change when a row moves or enters/leaves the filter; a source reset
// resets.
//
// Thread: GUI thread. The source must be a ResourceTableModel (others are refused with a warning).
#include "models/LabelSelector.h"
#include "models/ObjectStatus.h"
#include "models/ResourceFilterProxyModelIndex.h"
#include "models/TableColumns.h"

#include <QAbstractProxyModel>
#include <QPointer>
#include <QSet>

#include <optional>

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
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

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

private:
    bool accepts(int sourceRow) const;
    bool less(int a, int b) const;
    void rebuild(bool reuseKeys = false); // m_order, m_keys and m_rows from scratch (no signals)
    void refilter();                // m_rows from m_order
    void relayout(const std::function<void()> &change);
    void ensureMap() const;
    void computeKeys(int first, int last);
    void applyFilterChange();
    void remapSortColumn();
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
    quint32 m_statusMask = 0; // bit per ObjectStatus::State; 0 = all

    // Sorting.
    int m_sortColumn = -1;
    QString m_sortTitle; // the sorted column's header: found again after the source's columns change
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QVector<SortKey> m_keys; // per source row, when m_sortColumn >= 0

    QVector<int> m_order;    // every source row, in display order
    QVector<int> m_rows;     // proxy row -> source row
    mutable QVector<int> m_map; // source row -> proxy row or -1 (lazy)
    mutable bool m_mapDirty = true;
};

} // namespace acp::models
