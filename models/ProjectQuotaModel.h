#pragma once
// ProjectQuotaModel: a project's quota usage against its allocation, as a two-level tree:
//
//   Project total                  hard = sum of the clusters' allocations, used = sum of usage
//   <cluster> (project order)      hard = the project's spec.clusters[].quota of that cluster,
//     <namespace> (sorted)         used = sum of its namespaces' usage
//                                  hard/used = the namespace's ResourceQuotas' status.hard/used
//                                  (spec.hard when the status has no hard yet), summed
//                                  when a namespace has several quotas
//
// Columns: 0 = name, then one per ProjectSpec::quotaKeys() (requests.cpu ... PVCs). Quota cells
// show "used / hard" and carry UsedRole, HardRole, RatioRole (used/hard; -1 without a limit),
// StateRole (ObjectStatus::State: Ok below 80 %, Warning from 80 %, Error from 100 % and for
// any use of a zero limit, Unknown without a limit) and a tooltip. Arithmetic is exact
// (models::Quantity). Inputs replace previous ones; a change that keeps the tree's shape emits
// dataChanged, a change of clusters or namespaces resets the model. Qt Core only; GUI thread.
#include "models/ObjectStatus.h"
#include "models/ProjectSpec.h"
#include "models/Quantity.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonObject>
#include <QVector>

namespace acp::models {

class ProjectQuotaModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        UsedRole = Qt::UserRole + 1,   // QString, canonical quantity ("" when nothing is known)
        HardRole,                      // QString, canonical quantity ("" = no limit)
        RatioRole,                     // double, -1 without a limit
        StateRole,                     // int (ObjectStatus::State)
        KindRole,                      // int (RowKind)
        ClusterRole,                   // QString ("" for the total row)
        NamespaceRole,                 // QString ("" for total and cluster rows)
    };
    enum RowKind { TotalRow, ClusterRow, NamespaceRow };

    struct Usage {
        double ratio = -1;                                  // -1 = no limit
        ObjectStatus::State state = ObjectStatus::Unknown;
    };
    // The ratio and state of `used` against `hard` (nullopt = no limit), thresholds as above.
    static Usage usage(const Quantity &used, const std::optional<Quantity> &hard);

    explicit ProjectQuotaModel(QObject *parent = nullptr);

    void setProject(const ProjectSpec &project);
    // The project's namespaces in `cluster` (others' quotas are ignored).
    void setNamespaces(const QString &cluster, const QStringList &namespaces);
    // The ResourceQuota objects of one namespace (replacing earlier ones).
    void setQuotas(const QString &cluster, const QString &namespaceName, const QList<QJsonObject> &quotas);
    void clear();

    const ProjectSpec &project() const { return m_project; }
    QStringList quotaKeys() const;           // the quota columns' resource names
    int columnForKey(const QString &key) const;   // -1 when not a column
    QModelIndex clusterIndex(const QString &cluster, int column = 0) const;
    QModelIndex namespaceIndex(const QString &cluster, const QString &ns, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Cell {
        Quantity used, hard;
        bool hasUsed = false, hasHard = false;
    };
    struct Row {
        QString name;
        QVector<Cell> cells;
    };
    struct ClusterNode {
        Row row;
        QVector<Row> namespaces;
    };
    void rebuild();
    QVector<Cell> namespaceCells(const QList<QJsonObject> &quotas) const;
    const Row *rowFor(const QModelIndex &index) const;
    QVariant cellData(const Row &row, int column, int role, RowKind kind) const;

    ProjectSpec m_project;
    QHash<QString, QStringList> m_namespaces;
    QHash<QString, QHash<QString, QList<QJsonObject>>> m_quotas;
    Row m_total;
    QVector<ClusterNode> m_rows;
};

} // namespace acp::models
