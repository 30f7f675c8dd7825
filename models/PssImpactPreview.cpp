#include "models/PssImpactPreview.h"

#include "api/KubeClient.h"
#include "models/ClusterConnection.h"
#include "models/Fleet.h"
#include "models/NamespaceSecurity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace acp::models {

PssImpactPreview::PssImpactPreview(Fleet *fleet, QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
{
}

QList<QStringList> PssImpactPreview::evaluatedResources()
{
    return {{QString(), u"v1"_s, u"pods"_s},
            {QString(), u"v1"_s, u"replicationcontrollers"_s},
            {u"apps"_s, u"v1"_s, u"deployments"_s},
            {u"apps"_s, u"v1"_s, u"statefulsets"_s},
            {u"apps"_s, u"v1"_s, u"daemonsets"_s},
            {u"apps"_s, u"v1"_s, u"replicasets"_s},
            {u"batch"_s, u"v1"_s, u"jobs"_s},
            {u"batch"_s, u"v1"_s, u"cronjobs"_s}};
}

QList<PssImpactItem> PssImpactPreview::items() const
{
    QList<PssImpactItem> all;
    for (const PssNamespaceImpact &r : m_results)
        all.append(r.items);
    return all;
}

void PssImpactPreview::run(PssLevel level, PssVersion version, const QList<PssTarget> &targets)
{
    const int generation = ++m_generation;
    m_level = level;
    m_version = version;
    m_results.clear();
    QList<PssTarget> sorted = targets;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const PssTarget &t : sorted)
        m_results.append({t, 0, 0, {}, {}, {}});
    const QList<QStringList> kinds = evaluatedResources();
    m_pending = int(m_results.size() * (kinds.size() + 1));
    if (m_pending == 0) {
        Q_EMIT finished();
        return;
    }
    const QJsonObject labels{{PsaLabels::prefix() + u"enforce"_s, PodSecurity::levelName(level)},
                             {PsaLabels::prefix() + u"enforce-version"_s, PodSecurity::versionName(version)}};
    const QByteArray patch = QJsonDocument(QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}}}).toJson(QJsonDocument::Compact);
    for (int i = 0; i < m_results.size(); ++i) {
        const PssTarget target = m_results.at(i).target;
        ClusterConnection *connection = m_fleet ? m_fleet->connection(target.cluster) : nullptr;
        if (!connection) {
            m_results[i].errors.append(api::ApiError::badRequest(u"unknown cluster \"%1\""_s.arg(target.cluster)));
            for (qsizetype k = 0; k <= kinds.size(); ++k)
                finishOne(generation);
            continue;
        }
        const api::KubeClient client = connection->client();
        for (const QStringList &k : kinds) {
            client.list({k[0], k[1], k[2], target.namespaceName, {}, {}, {}}, {}, this,
                        [this, generation, i](const api::Result<api::Response> &r, const QStringList &) {
                if (generation != m_generation)
                    return;
                if (r)
                    evaluateList(i, r->body);
                else if (!r.error().isNotFound())
                    m_results[i].errors.append(r.error());
                finishOne(generation);
            });
        }
        api::WriteOptions dryRun;
        dryRun.dryRun = true;
        client.patch({{}, u"v1"_s, u"namespaces"_s, {}, target.namespaceName, {}, {}}, api::PatchType::Merge, patch, dryRun, this,
                     [this, generation, i](const api::Result<api::Response> &r, const QStringList &warnings) {
            if (generation != m_generation)
                return;
            m_results[i].dryRunWarnings = warnings;
            if (!r)
                m_results[i].errors.append(r.error());
            finishOne(generation);
        });
    }
}

void PssImpactPreview::evaluateList(int index, const QByteArray &body)
{
    const QJsonObject list = QJsonDocument::fromJson(body).object();
    // Items of a list have no kind: it is the list's kind without "List".
    QString kind = list.value(u"kind"_s).toString();
    kind.chop(4);
    PssNamespaceImpact &result = m_results[index];
    for (const QJsonValue &item : list.value(u"items"_s).toArray()) {
        QJsonObject object = item.toObject();
        object.insert(u"kind"_s, kind);
        ++result.evaluated;
        const auto violations = PodSecurity::evaluate(object, m_level, m_version);
        if (violations.isEmpty())
            continue;
        ++result.blocked;
        const QString name = object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
        for (const PssFinding &f : PodSecurity::findings(object, violations))
            result.items.append({result.target, kind, name, f.check, f.container, f.field});
    }
}

void PssImpactPreview::finishOne(int generation)
{
    if (generation != m_generation || --m_pending > 0)
        return;
    // Lists answer in any order: objects by kind and name, each object's fields in check order.
    for (PssNamespaceImpact &r : m_results) {
        std::stable_sort(r.items.begin(), r.items.end(), [](const PssImpactItem &a, const PssImpactItem &b) {
            return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
        });
    }
    Q_EMIT finished();
}

} // namespace acp::models
