#pragma once
// ProjectListModel: the Projects table. Rows are the Project objects of a ResourceStore (the
// fleet's /auth/v1/projects informer, live), sorted by name; columns: name, display name,
// clusters, quota summary (summed over clusters), namespaces (the sum of the per-cluster counts
// the page reports with setNamespaceCount; "…" until every cluster of the project is known),
// creator (annotation cpaas.io/creator) and age. Tooltips: the quota per cluster, the namespace
// count per cluster. A store change that keeps the set of names
// emits dataChanged; adds and removals reset the model (projects are few).
// Qt Core only; GUI thread.
#include "models/KubeObject.h"
#include "models/ProjectSpec.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QPointer>

namespace acp::models {

class ResourceStore;

class ProjectListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, DisplayName, Clusters, Quota, Namespaces, Creator, Age, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit ProjectListModel(QObject *parent = nullptr);

    void setStore(ResourceStore *store);   // null = empty
    // Namespaces of `project` in `cluster` (-1 = unknown / failed to load).
    void setNamespaceCount(const QString &project, const QString &cluster, int count);
    // Age is relative to this time (tests pin it); invalid = now.
    void setNow(const QDateTime &now) { m_now = now; }

    KubeObject object(int row) const;
    ProjectSpec spec(int row) const;
    int rowOf(const QString &name) const;   // -1 when absent
    // The sum of known counts of `project` across its clusters; -1 while any is unknown.
    int namespaceCount(const QString &project) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatAge(qint64 seconds);   // kubectl's short age: 45s, 5m, 3h, 60d

private:
    void reload();

    QPointer<ResourceStore> m_store;
    QMetaObject::Connection m_conn;
    QVector<KubeObject> m_objects;
    QVector<ProjectSpec> m_specs;
    QHash<QString, QHash<QString, int>> m_counts;   // project -> cluster -> count
    QDateTime m_now;
};

} // namespace acp::models
