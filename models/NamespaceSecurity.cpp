#include "models/NamespaceSecurity.h"

#include "api/KubeClient.h"
#include "models/ClusterConnection.h"
#include "models/Fleet.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace acp::models {

PsaLabels PsaLabels::fromLabels(const QJsonObject &labels)
{
    auto get = [&](const char *key) { return labels.value(prefix() + QLatin1String(key)).toString(); };
    return {get("enforce"), get("enforce-version"), get("audit"), get("audit-version"), get("warn"), get("warn-version")};
}

QString PsaLabels::summary(const QString &level, const QString &version)
{
    if (level.isEmpty())
        return QString();
    return level + u':' + (version.isEmpty() ? u"latest"_s : version);
}

NamespaceSecurity::NamespaceSecurity(Fleet *fleet, QObject *parent)
    : QAbstractTableModel(parent)
    , m_fleet(fleet)
{
}

void NamespaceSecurity::load(const QList<PssTarget> &targets)
{
    const int generation = ++m_generation;
    m_loading.clear();
    QList<PssTarget> sorted = targets;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const PssTarget &t : sorted)
        m_loading.append({t, {}, {}, std::nullopt});
    m_pending = int(m_loading.size());
    if (m_pending == 0) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    for (int i = 0; i < m_loading.size(); ++i)
        loadOne(generation, i);
}

std::optional<NamespaceSecurityRow> NamespaceSecurity::row(const PssTarget &target) const
{
    for (const NamespaceSecurityRow &r : m_rows) {
        if (r.target == target)
            return r;
    }
    return std::nullopt;
}

// Two requests per row: the namespace and its template Policies; the row is done after both.
void NamespaceSecurity::loadOne(int generation, int index)
{
    const PssTarget target = m_loading.at(index).target;
    ClusterConnection *connection = m_fleet ? m_fleet->connection(target.cluster) : nullptr;
    if (!connection) {
        m_loading[index].error = api::ApiError::badRequest(u"unknown cluster \"%1\""_s.arg(target.cluster));
        finishOne(generation);
        return;
    }
    auto remaining = std::make_shared<int>(2);
    auto step = [this, generation, remaining] {
        if (--*remaining == 0)
            finishOne(generation);
    };
    const api::KubeClient client = connection->client();
    client.get({{}, u"v1"_s, u"namespaces"_s, {}, target.namespaceName, {}, {}}, this,
               [this, generation, index, step](const api::Result<api::Response> &r, const QStringList &) {
        if (generation != m_generation)
            return;
        if (!r)
            m_loading[index].error = r.error();
        else if (const auto o = r->json())
            m_loading[index].psa = PsaLabels::fromLabels(o->value(u"metadata"_s).toObject().value(u"labels"_s).toObject());
        step();
    });
    api::ListOptions options;
    options.labelSelector = PssTemplateCatalog::templateLabel();
    client.list({u"kyverno.io"_s, u"v1"_s, u"policies"_s, target.namespaceName, {}, {}, {}}, options, this,
                [this, generation, index, step](const api::Result<api::Response> &r, const QStringList &) {
        if (generation != m_generation)
            return;
        if (!r) {
            if (!r.error().isNotFound() && !m_loading[index].error)
                m_loading[index].error = r.error();
            step();
            return;
        }
        QList<ActiveTemplate> active;
        for (const QJsonValue &item : QJsonDocument::fromJson(r->body).object().value(u"items"_s).toArray()) {
            const QJsonObject o = item.toObject();
            const QJsonObject meta = o.value(u"metadata"_s).toObject();
            active.append({meta.value(u"labels"_s).toObject().value(PssTemplateCatalog::templateLabel()).toString(),
                           meta.value(u"name"_s).toString(),
                           PssTemplateCatalog::parseMode(o.value(u"spec"_s).toObject().value(u"validationFailureAction"_s).toString())});
        }
        m_loading[index].templates = active;
        step();
    });
}

void NamespaceSecurity::finishOne(int generation)
{
    if (generation != m_generation || --m_pending > 0)
        return;
    beginResetModel();
    m_rows = m_loading;
    m_loading.clear();
    endResetModel();
    Q_EMIT loaded();
}

int NamespaceSecurity::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NamespaceSecurity::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString NamespaceSecurity::cellText(const NamespaceSecurityRow &row, int column) const
{
    switch (column) {
    case ClusterColumn: return row.target.cluster;
    case NamespaceColumn: return row.target.namespaceName;
    case TemplatesColumn: {
        if (row.error)
            return row.error->message;
        QStringList names;
        for (const ActiveTemplate &t : row.templates)
            names.append(PssTemplateCatalog::displayName(t.templateName));
        return names.join(u", "_s);
    }
    case ModeColumn: {
        QStringList modes;
        for (const ActiveTemplate &t : row.templates)
            modes.append(t.mode ? PssTemplateCatalog::modeName(*t.mode) : u"?"_s);
        modes.removeDuplicates();
        return modes.join(u", "_s);
    }
    case EnforceColumn: return PsaLabels::summary(row.psa.enforce, row.psa.enforceVersion);
    case AuditColumn: return PsaLabels::summary(row.psa.audit, row.psa.auditVersion);
    case WarnColumn: return PsaLabels::summary(row.psa.warn, row.psa.warnVersion);
    default: return QString();
    }
}

QVariant NamespaceSecurity::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NamespaceSecurityRow &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole)
        return cellText(r, index.column());
    if (role == ErrorRole)
        return r.error ? r.error->message : QString();
    return {};
}

QVariant NamespaceSecurity::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"CLUSTER", "NAMESPACE", "TEMPLATES", "MODE", "ENFORCE", "AUDIT", "WARN"};
    return section >= 0 && section < ColumnCount ? QVariant(QString::fromLatin1(names[section])) : QVariant();
}

} // namespace acp::models
