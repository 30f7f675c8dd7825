#include "models/ProjectListModel.h"

#include "models/ResourceStore.h"

namespace acp::models {

ProjectListModel::ProjectListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProjectListModel::setStore(ResourceStore *store)
{
    if (m_conn)
        disconnect(m_conn);
    m_store = store;
    if (store)
        m_conn = connect(store, &ResourceStore::changed, this, [this] { reload(); });
    reload();
}

void ProjectListModel::reload()
{
    const QVector<KubeObject> objects = m_store ? m_store->list() : QVector<KubeObject>();   // key order = name order
    bool sameNames = objects.size() == m_objects.size();
    for (int i = 0; sameNames && i < objects.size(); ++i)
        sameNames = objects.at(i).name() == m_objects.at(i).name();
    QVector<ProjectSpec> specs;
    specs.reserve(objects.size());
    for (const KubeObject &o : objects)
        specs << ProjectSpec::fromJson(o.json());
    if (!sameNames)
        beginResetModel();
    m_objects = objects;
    m_specs = specs;
    if (!sameNames) {
        endResetModel();
    } else if (!m_objects.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void ProjectListModel::setNamespaceCount(const QString &project, const QString &cluster, int count)
{
    if (m_counts.value(project).value(cluster, -2) == count)
        return;
    m_counts[project].insert(cluster, count);
    if (const int row = rowOf(project); row >= 0)
        Q_EMIT dataChanged(index(row, Namespaces), index(row, Namespaces));
}

KubeObject ProjectListModel::object(int row) const
{
    return row >= 0 && row < m_objects.size() ? m_objects.at(row) : KubeObject();
}

ProjectSpec ProjectListModel::spec(int row) const
{
    return row >= 0 && row < m_specs.size() ? m_specs.at(row) : ProjectSpec();
}

int ProjectListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_objects.size(); ++i)
        if (m_objects.at(i).name() == name)
            return i;
    return -1;
}

int ProjectListModel::namespaceCount(const QString &project) const
{
    const int row = rowOf(project);
    if (row < 0)
        return -1;
    int sum = 0;
    const auto counts = m_counts.value(project);
    for (const QString &c : m_specs.at(row).clusterNames()) {
        const int n = counts.value(c, -1);
        if (n < 0)
            return -1;
        sum += n;
    }
    return sum;
}

int ProjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_objects.size());
}

int ProjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProjectListModel::formatAge(qint64 s)
{
    if (s < 0)
        s = 0;
    if (s < 120)
        return QStringLiteral("%1s").arg(s);
    if (s < 3600 * 3)
        return QStringLiteral("%1m").arg(s / 60);
    if (s < 86400 * 2)
        return QStringLiteral("%1h").arg(s / 3600);
    return QStringLiteral("%1d").arg(s / 86400);
}

QVariant ProjectListModel::data(const QModelIndex &idx, int role) const
{
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProjectSpec &s = m_specs.at(idx.row());
    if (role == NameRole)
        return s.name;
    if (role == Qt::ToolTipRole && idx.column() == Quota) {
        QStringList lines;
        for (const ProjectCluster &c : s.clusters) {
            QStringList parts;
            for (auto it = c.quota.begin(); it != c.quota.end(); ++it)
                parts << ProjectSpec::quotaLabel(it.key()) + QLatin1Char(' ') + it.value();
            lines << c.name + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
        }
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::ToolTipRole && idx.column() == Namespaces) {
        QStringList parts;   // per cluster, "?" while unknown
        const auto counts = m_counts.value(s.name);
        for (const QString &c : s.clusterNames()) {
            const int n = counts.value(c, -1);
            parts << c + QStringLiteral(": ") + (n < 0 ? QStringLiteral("?") : QString::number(n));
        }
        return parts.join(QLatin1Char('\n'));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (idx.column()) {
    case Name:
        return s.name;
    case DisplayName:
        return s.displayName;
    case Clusters:
        return s.clusterNames().join(QStringLiteral(", "));
    case Quota:
        return s.quotaSummary();
    case Namespaces: {
        const int n = namespaceCount(s.name);
        return n < 0 ? QStringLiteral("…") : QString::number(n);
    }
    case Creator:
        return s.creator;
    case Age: {
        const QDateTime created = m_objects.at(idx.row()).creationTimestamp();
        if (!created.isValid())
            return QString();
        return formatAge(created.secsTo(m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc()));
    }
    default:
        return {};
    }
}

QVariant ProjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Name", "Display name", "Clusters", "Quota", "Namespaces", "Creator", "Age"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace acp::models
