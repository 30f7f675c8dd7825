#pragma once
// ResourceFilterProxyModelIndex: what ResourceFilterProxyModel's filters need to know about each
// source row, in compact arrays, so that a filter change over 100k rows touches a few MB of
// contiguous memory instead of chasing 100k KubeObjects across the heap (memory latency, not
// computation, is what a naive pass pays for).
//
// Per row: the name lower-cased (ASCII letters only; Kubernetes names are ASCII) in one arena,
// and ids of its namespace, cluster and label set (objects of one ReplicaSet share a label set).
// The namespace / cluster / label-selector criteria are evaluated once per distinct id.
//
// Internal to models/ (ResourceFilterProxyModel). GUI thread.
#include "models/LabelSelector.h"

#include <QHash>
#include <QMultiHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace acp::models {

class ResourceTableModel;

class ResourceFilterProxyModelIndex {
public:
    void reset(const ResourceTableModel *model);           // every row of `model` (null: none)
    void insert(const ResourceTableModel &model, int first, int last); // after rowsInserted
    void remove(int first, int last);                      // after rowsRemoved
    void update(const ResourceTableModel &model, int first, int last); // labels may have changed

    // The criteria; an empty set / no selector accepts everything.
    void setCriteria(const QSet<QString> &namespaces, const QSet<QString> &clusters,
                     const std::optional<LabelSelector> &selector);

    bool namespaceOk(int row) const { return m_namespaces.ok.at(m_rows.at(row).ns); }
    bool clusterOk(int row) const { return m_clusters.ok.at(m_rows.at(row).cluster); }
    bool labelsOk(int row) const { return m_labelOk.at(m_rows.at(row).labels); }
    // `lowerNeedle` must be lower-case ASCII.
    bool nameContains(int row, QStringView lowerNeedle) const;

private:
    struct Entry {
        qint32 nameOffset = 0, nameLength = 0;
        qint32 ns = 0, cluster = 0, labels = 0;
    };
    struct Interned {
        QHash<QString, int> ids;
        QStringList values;
        QVector<bool> ok;
        int id(const QString &value, const QSet<QString> &criteria);
    };

    Entry entryFor(const ResourceTableModel &model, int row);
    int labelSetId(const QList<QPair<QString, QString>> &labels);
    void compactNames();

    QVector<Entry> m_rows;
    QVector<char16_t> m_names;
    qsizetype m_garbage = 0; // arena chars no row refers to any more
    Interned m_namespaces, m_clusters;
    QMultiHash<size_t, int> m_labelIds; // hash of the (key, value) pairs -> label set id
    QVector<QList<QPair<QString, QString>>> m_labelSets;
    QVector<bool> m_labelOk;
    QSet<QString> m_wantedNamespaces, m_wantedClusters;
    std::optional<LabelSelector> m_selector;
};

} // namespace acp::models
