#include "models/PssImpactPreview.h"

#include "api/KubeClient.h"
#include "models/ClusterConnection.h"
#include "models/Fleet.h"
#include "models/NamespaceSecurity.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

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

void PssImpactPreview::run(PssLevel level, PssVersion version, const QList<PssTarget> &targets, const QStringList &extraChecks)
{
    const int generation = ++m_generation;
    m_level = level;
    m_version = version;
    m_extraChecks = extraChecks;
    m_results.clear();
    m_objects.clear();
    QList<PssTarget> sorted = targets;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const PssTarget &t : sorted) {
        PssNamespaceImpact impact;
        impact.target = t;
        m_results.append(impact);
    }
    m_objects.resize(m_results.size());
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
    for (const QJsonValue &item : list.value(u"items"_s).toArray()) {
        QJsonObject object = item.toObject();
        object.insert(u"kind"_s, kind);
        m_objects[index].append(object);
    }
}

namespace {

QString controllerUid(const QJsonObject &object)
{
    for (const QJsonValue &ref : object.value(u"metadata"_s).toObject().value(u"ownerReferences"_s).toArray())
        if (ref.toObject().value(u"controller"_s).toBool())
            return ref.toObject().value(u"uid"_s).toString();
    return QString();
}

// A finding's identity across an owner and what it owns: check, container and the field's path
// below the pod template (a Deployment's spec.template.spec.hostPID is a Pod's spec.hostPID).
QString findingKey(const PssFinding &f)
{
    QString field = f.field;
    for (const QString &prefix : {u"spec.jobTemplate.spec.template."_s, u"spec.template."_s, u"template."_s})
        if (field.startsWith(prefix)) {
            field = field.mid(prefix.size());
            break;
        }
    return f.check + u'\n' + f.container + u'\n' + field;
}

} // namespace

PssNamespaceImpact PssImpactPreview::summarize(const PssTarget &target, const QList<QJsonObject> &objects, PssLevel level,
                                               PssVersion version, const QStringList &extraChecks)
{
    struct Node {
        QString kind, name, owner;
        QList<PssFinding> findings;
        int parent = -1;
        int pods = 0;
    };
    PssNamespaceImpact out;
    out.target = target;
    QList<Node> nodes;
    QHash<QString, int> byUid;
    for (const QJsonObject &object : objects) {
        const QJsonObject meta = object.value(u"metadata"_s).toObject();
        Node n{object.value(u"kind"_s).toString(), meta.value(u"name"_s).toString(), controllerUid(object), {}, -1, 0};
        QList<PssViolation> violations = PodSecurity::evaluate(object, level, version);
        if (!extraChecks.isEmpty() && level != PssLevel::Restricted)
            for (const PssViolation &v : PodSecurity::evaluate(object, PssLevel::Restricted, version))
                if (extraChecks.contains(v.check))
                    violations.append(v);
        if (!violations.isEmpty())
            n.findings = PodSecurity::findings(object, violations);
        if (const QString uid = meta.value(u"uid"_s).toString(); !uid.isEmpty())
            byUid.insert(uid, int(nodes.size()));
        nodes.append(n);
    }
    out.evaluated = int(nodes.size());
    for (qsizetype i = 0; i < nodes.size(); ++i)
        nodes[i].parent = nodes[i].owner.isEmpty() ? -1 : byUid.value(nodes[i].owner, -1);
    // Owner chains are short (CronJob > Job > Pod); the bound only guards against cycles.
    constexpr int maxDepth = 8;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        if (nodes[i].kind != u"Pod"_s || nodes[i].findings.isEmpty())
            continue;
        ++out.affectedPods;
        for (int j = int(i), depth = 0; j >= 0 && depth < maxDepth; j = nodes[j].parent, ++depth)
            ++nodes[j].pods;
    }
    for (const Node &n : std::as_const(nodes)) {
        if (n.findings.isEmpty())
            continue;
        QSet<QString> covered;   // the findings of failing owners
        for (int j = n.parent, depth = 0; j >= 0 && depth < maxDepth; j = nodes[j].parent, ++depth)
            for (const PssFinding &f : nodes[j].findings)
                covered.insert(findingKey(f));
        bool listed = false;
        for (const PssFinding &f : n.findings) {
            if (covered.contains(findingKey(f)))
                continue;
            out.items.append({target, n.kind, n.name, f.check, f.container, f.field, n.pods});
            listed = true;
        }
        if (listed)
            ++out.blocked;
    }
    // Objects by kind and name, each object's fields in check order.
    std::stable_sort(out.items.begin(), out.items.end(), [](const PssImpactItem &a, const PssImpactItem &b) {
        return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
    });
    return out;
}

void PssImpactPreview::finishOne(int generation)
{
    if (generation != m_generation || --m_pending > 0)
        return;
    // Lists answer in any order: every namespace is summarized once all of its lists are in.
    for (qsizetype i = 0; i < m_results.size(); ++i) {
        PssNamespaceImpact &r = m_results[i];
        const PssNamespaceImpact s = summarize(r.target, m_objects.at(i), m_level, m_version, m_extraChecks);
        r.evaluated = s.evaluated;
        r.blocked = s.blocked;
        r.affectedPods = s.affectedPods;
        r.items = s.items;
    }
    m_objects.clear();
    Q_EMIT finished();
}

} // namespace acp::models
