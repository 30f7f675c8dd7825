#include "models/ProjectQuotaModel.h"

#include <algorithm>

namespace acp::models {

namespace {

QJsonObject hardOf(const QJsonObject &quota)
{
    const QJsonObject st = quota.value(QLatin1String("status")).toObject().value(QLatin1String("hard")).toObject();
    return !st.isEmpty() ? st : quota.value(QLatin1String("spec")).toObject().value(QLatin1String("hard")).toObject();
}

} // namespace

ProjectQuotaModel::Usage ProjectQuotaModel::usage(const Quantity &used, const std::optional<Quantity> &hard)
{
    Usage u;
    if (!hard)
        return u;
    if (hard->sign() <= 0) {
        u.ratio = 1.0;
        u.state = ObjectStatus::Error;   // nothing more fits under a zero limit
        return u;
    }
    u.ratio = used.toDouble() / hard->toDouble();
    // Exact thresholds: used*5 >= hard*4 is 80 %, used >= hard is 100 %.
    if (used >= *hard)
        u.state = ObjectStatus::Error;
    else if (used.multiplied(5) >= hard->multiplied(4))
        u.state = ObjectStatus::Warning;
    else
        u.state = ObjectStatus::Ok;
    return u;
}

ProjectQuotaModel::ProjectQuotaModel(QObject *parent) : QAbstractItemModel(parent)
{
    rebuild();
}

void ProjectQuotaModel::setProject(const ProjectSpec &project)
{
    m_project = project;
    rebuild();
}

void ProjectQuotaModel::setNamespaces(const QString &cluster, const QStringList &namespaces)
{
    QStringList sorted = namespaces;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    if (m_namespaces.value(cluster) == sorted && m_namespaces.contains(cluster))
        return;
    m_namespaces.insert(cluster, sorted);
    rebuild();
}

void ProjectQuotaModel::setQuotas(const QString &cluster, const QString &namespaceName, const QList<QJsonObject> &quotas)
{
    m_quotas[cluster].insert(namespaceName, quotas);
    rebuild();
}

void ProjectQuotaModel::clear()
{
    m_project = ProjectSpec();
    m_namespaces.clear();
    m_quotas.clear();
    rebuild();
}

QStringList ProjectQuotaModel::quotaKeys() const
{
    QStringList out;
    for (const ProjectSpec::QuotaKey &k : ProjectSpec::quotaKeys())
        out << k.name;
    return out;
}

int ProjectQuotaModel::columnForKey(const QString &key) const
{
    const int i = int(quotaKeys().indexOf(key));
    return i < 0 ? -1 : i + 1;
}

QVector<ProjectQuotaModel::Cell> ProjectQuotaModel::namespaceCells(const QList<QJsonObject> &quotas) const
{
    const QStringList keys = quotaKeys();
    QVector<Cell> cells(keys.size());
    for (const QJsonObject &q : quotas) {
        const QJsonObject hard = hardOf(q);
        const QJsonObject used = q.value(QLatin1String("status")).toObject().value(QLatin1String("used")).toObject();
        for (int i = 0; i < keys.size(); ++i) {
            if (auto h = Quantity::fromJson(hard.value(keys.at(i))); hard.contains(keys.at(i)) && h) {
                cells[i].hard += *h;
                cells[i].hasHard = true;
            }
            if (auto u = Quantity::fromJson(used.value(keys.at(i))); used.contains(keys.at(i)) && u) {
                cells[i].used += *u;
                cells[i].hasUsed = true;
            }
        }
    }
    return cells;
}

void ProjectQuotaModel::rebuild()
{
    const QStringList keys = quotaKeys();
    QVector<ClusterNode> rows;
    Row total{tr("Project total"), QVector<Cell>(keys.size())};
    for (const ProjectCluster &pc : m_project.clusters) {
        ClusterNode cr;
        cr.row = Row{pc.name, QVector<Cell>(keys.size())};
        for (int i = 0; i < keys.size(); ++i)
            if (auto h = Quantity::parse(pc.quota.value(keys.at(i))); pc.quota.contains(keys.at(i)) && h) {
                cr.row.cells[i].hard = *h;
                cr.row.cells[i].hasHard = true;
            }
        const auto quotas = m_quotas.value(pc.name);
        for (const QString &ns : m_namespaces.value(pc.name)) {
            Row nr{ns, namespaceCells(quotas.value(ns))};
            for (int i = 0; i < keys.size(); ++i)
                if (nr.cells.at(i).hasUsed) {
                    cr.row.cells[i].used += nr.cells.at(i).used;
                    cr.row.cells[i].hasUsed = true;
                }
            cr.namespaces << nr;
        }
        for (int i = 0; i < keys.size(); ++i) {
            const Cell &c = cr.row.cells.at(i);
            Cell &t = total.cells[i];
            if (c.hasHard) {
                t.hard += c.hard;
                t.hasHard = true;
            }
            if (c.hasUsed) {
                t.used += c.used;
                t.hasUsed = true;
            }
        }
        rows << cr;
    }
    // Same shape (clusters and namespaces by name): update in place.
    bool sameShape = rows.size() == m_rows.size() && !m_total.name.isEmpty();
    for (int i = 0; sameShape && i < rows.size(); ++i) {
        sameShape = rows.at(i).row.name == m_rows.at(i).row.name && rows.at(i).namespaces.size() == m_rows.at(i).namespaces.size();
        for (int j = 0; sameShape && j < rows.at(i).namespaces.size(); ++j)
            sameShape = rows.at(i).namespaces.at(j).name == m_rows.at(i).namespaces.at(j).name;
    }
    if (!sameShape) {
        beginResetModel();
        m_rows = rows;
        m_total = total;
        endResetModel();
        return;
    }
    m_rows = rows;
    m_total = total;
    const int last = columnCount() - 1;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, last));
    for (int i = 0; i < m_rows.size(); ++i) {
        const QModelIndex parent = index(i + 1, 0);
        if (const int n = rowCount(parent); n > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(n - 1, last, parent));
    }
}

QModelIndex ProjectQuotaModel::clusterIndex(const QString &cluster, int column) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).row.name == cluster)
            return index(i + 1, column);
    return {};
}

QModelIndex ProjectQuotaModel::namespaceIndex(const QString &cluster, const QString &ns, int column) const
{
    const QModelIndex parent = clusterIndex(cluster);
    if (!parent.isValid())
        return {};
    const ClusterNode &cr = m_rows.at(parent.row() - 1);
    for (int j = 0; j < cr.namespaces.size(); ++j)
        if (cr.namespaces.at(j).name == ns)
            return index(j, column, parent);
    return {};
}

QModelIndex ProjectQuotaModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount() || row >= rowCount(parent))
        return {};
    // internalId: 0 for top-level rows, else the top-level row of the parent cluster.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row()) : quintptr(0));
}

QModelIndex ProjectQuotaModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()), 0, quintptr(0));
}

int ProjectQuotaModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size()) + 1;
    if (parent.column() != 0 || parent.internalId() != 0 || parent.row() == 0)
        return 0;
    return int(m_rows.at(parent.row() - 1).namespaces.size());
}

int ProjectQuotaModel::columnCount(const QModelIndex &) const
{
    return int(ProjectSpec::quotaKeys().size()) + 1;
}

const ProjectQuotaModel::Row *ProjectQuotaModel::rowFor(const QModelIndex &idx) const
{
    if (idx.internalId() == 0)
        return idx.row() == 0 ? &m_total : &m_rows.at(idx.row() - 1).row;
    return &m_rows.at(int(idx.internalId()) - 1).namespaces.at(idx.row());
}

QVariant ProjectQuotaModel::data(const QModelIndex &idx, int role) const
{
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid))
        return {};
    const Row *row = rowFor(idx);
    const RowKind kind = idx.internalId() != 0 ? NamespaceRow : idx.row() == 0 ? TotalRow : ClusterRow;
    switch (role) {
    case KindRole:
        return int(kind);
    case ClusterRole:
        return kind == TotalRow ? QString() : kind == ClusterRow ? row->name : m_rows.at(int(idx.internalId()) - 1).row.name;
    case NamespaceRole:
        return kind == NamespaceRow ? row->name : QString();
    default:
        break;
    }
    if (idx.column() == 0)
        return role == Qt::DisplayRole ? QVariant(row->name) : QVariant();
    return cellData(*row, idx.column(), role, kind);
}

QVariant ProjectQuotaModel::cellData(const Row &row, int column, int role, RowKind kind) const
{
    const Cell &c = row.cells.at(column - 1);
    const Usage u = usage(c.used, c.hasHard ? std::optional<Quantity>(c.hard) : std::nullopt);
    const QString used = c.hasUsed ? c.used.canonical() : (c.hasHard ? QStringLiteral("0") : QString());
    const QString hard = c.hasHard ? c.hard.canonical() : QString();
    switch (role) {
    case Qt::DisplayRole:
        if (!c.hasHard && !c.hasUsed)
            return QStringLiteral("—");
        return QStringLiteral("%1 / %2").arg(used.isEmpty() ? QStringLiteral("0") : used, hard.isEmpty() ? tr("no limit") : hard);
    case UsedRole:
        return used;
    case HardRole:
        return hard;
    case RatioRole:
        return u.ratio;
    case StateRole:
        return int(u.state);
    case Qt::ToolTipRole: {
        const QString what = ProjectSpec::quotaKeys().at(column - 1).label;
        const QString of = kind == NamespaceRow ? tr("namespace quota") : kind == ClusterRow ? tr("project allocation on this cluster")
                                                                                              : tr("project allocation, all clusters");
        if (!c.hasHard)
            return tr("%1: %2 used, no %3").arg(what, used.isEmpty() ? QStringLiteral("0") : used, of);
        return tr("%1: %2 of %3 (%4 %)").arg(what, used, hard + QLatin1Char(' ') + of).arg(qRound(u.ratio * 100));
    }
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ProjectQuotaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    return section == 0 ? tr("Name") : ProjectSpec::quotaKeys().at(section - 1).label;
}

} // namespace acp::models
