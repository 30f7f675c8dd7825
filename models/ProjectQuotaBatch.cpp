#include "models/ProjectQuotaBatch.h"

#include "models/ObjectStatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace acp::models {

namespace {

QString pointerToken(QString key)
{
    return key.replace(QLatin1Char('~'), QStringLiteral("~0")).replace(QLatin1Char('/'), QStringLiteral("~1"));
}

} // namespace

ProjectQuotaBatch::ProjectQuotaBatch(api::KubeClient platformClient, QObject *parent)
    : QAbstractTableModel(parent), m_client(std::move(platformClient))
{
}

QByteArray ProjectQuotaBatch::patchFor(const QJsonObject &project, const QString &cluster, const QMap<QString, QString> &quota)
{
    const QJsonArray clusters = project.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray();
    QJsonArray ops;
    int index = -1;
    for (int i = 0; i < clusters.size(); ++i)
        if (clusters.at(i).toObject().value(QLatin1String("name")).toString() == cluster)
            index = i;
    QJsonObject values;
    for (auto it = quota.begin(); it != quota.end(); ++it)
        values.insert(it.key(), it.value().trimmed());
    if (index < 0) {
        if (clusters.isEmpty() && !project.value(QLatin1String("spec")).toObject().contains(QLatin1String("clusters")))
            ops << QJsonObject{{QStringLiteral("op"), QStringLiteral("add")}, {QStringLiteral("path"), QStringLiteral("/spec/clusters")},
                               {QStringLiteral("value"), QJsonArray()}};
        ops << QJsonObject{{QStringLiteral("op"), QStringLiteral("add")}, {QStringLiteral("path"), QStringLiteral("/spec/clusters/-")},
                           {QStringLiteral("value"), QJsonObject{{QStringLiteral("name"), cluster}, {QStringLiteral("quota"), values}}}};
    } else {
        const QString base = QStringLiteral("/spec/clusters/%1").arg(index);
        ops << QJsonObject{{QStringLiteral("op"), QStringLiteral("test")}, {QStringLiteral("path"), base + QStringLiteral("/name")},
                           {QStringLiteral("value"), cluster}};
        if (!clusters.at(index).toObject().value(QLatin1String("quota")).isObject())
            ops << QJsonObject{{QStringLiteral("op"), QStringLiteral("add")}, {QStringLiteral("path"), base + QStringLiteral("/quota")},
                               {QStringLiteral("value"), QJsonObject()}};
        for (auto it = values.begin(); it != values.end(); ++it)
            ops << QJsonObject{{QStringLiteral("op"), QStringLiteral("add")},
                               {QStringLiteral("path"), base + QStringLiteral("/quota/") + pointerToken(it.key())},
                               {QStringLiteral("value"), it.value()}};
    }
    return QJsonDocument(ops).toJson(QJsonDocument::Compact);
}

bool ProjectQuotaBatch::start(const QJsonObject &project, const QStringList &clusters, const QMap<QString, QString> &quota)
{
    if (isRunning() || clusters.isEmpty() || quota.isEmpty())
        return false;
    beginResetModel();
    m_project = project.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    m_items.clear();
    for (const QString &c : clusters)
        m_items << Item{c, patchFor(project, c, quota), Pending, QString()};
    m_next = 0;
    m_running = 0;
    endResetModel();
    pump();
    return true;
}

void ProjectQuotaBatch::pump()
{
    while (m_running < kParallel && m_next < m_items.size()) {
        const int row = m_next++;
        ++m_running;
        m_items[row].status = Running;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        api::ResourcePath path;
        path.root = QStringLiteral("/kubernetes/global/apis/auth.alauda.io/v1");
        path.resource = QStringLiteral("projects");
        path.name = m_project;
        m_client.patch(path, api::PatchType::Json, m_items.at(row).patch, {}, this,
                       [this, row](const api::Result<api::Response> &r, const QStringList &) {
                           if (r)
                               done(row, Succeeded, QString());
                           else
                               done(row, Failed, r.error().message);
                       });
    }
}

void ProjectQuotaBatch::done(int row, Status status, const QString &message)
{
    --m_running;
    m_items[row].status = status;
    m_items[row].message = message;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    pump();
    if (!isRunning())
        Q_EMIT finished(succeeded(), failed());
}

ProjectQuotaBatch::Status ProjectQuotaBatch::status(const QString &cluster) const
{
    for (const Item &i : m_items)
        if (i.cluster == cluster)
            return i.status;
    return Pending;
}

QString ProjectQuotaBatch::message(const QString &cluster) const
{
    for (const Item &i : m_items)
        if (i.cluster == cluster)
            return i.message;
    return {};
}

int ProjectQuotaBatch::succeeded() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const Item &i) { return i.status == Succeeded; }));
}

int ProjectQuotaBatch::failed() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const Item &i) { return i.status == Failed; }));
}

int ProjectQuotaBatch::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ProjectQuotaBatch::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectQuotaBatch::data(const QModelIndex &idx, int role) const
{
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &it = m_items.at(idx.row());
    static const ObjectStatus::State states[] = {ObjectStatus::Pending, ObjectStatus::Progressing, ObjectStatus::Ok, ObjectStatus::Error};
    if (role == StateRole)
        return int(states[it.status]);
    if (role == StatusRole)
        return int(it.status);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (idx.column() == ClusterColumn)
        return it.cluster;
    switch (it.status) {
    case Pending:
        return tr("Pending");
    case Running:
        return tr("Running");
    case Succeeded:
        return tr("OK");
    case Failed:
        return it.message;
    }
    return {};
}

QVariant ProjectQuotaBatch::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == ClusterColumn ? tr("Cluster") : section == ResultColumn ? tr("Result") : QVariant();
}

} // namespace acp::models
