#include "models/PssTemplateApplier.h"

#include "api/KubeClient.h"
#include "models/ClusterConnection.h"
#include "models/Fleet.h"
#include "models/NamespaceSecurity.h"
#include "models/PodSecurity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

using namespace Qt::StringLiterals;

namespace acp::models {

namespace {

api::ResourcePath policies(const QString &ns, const QString &name = QString())
{
    return {u"kyverno.io"_s, u"v1"_s, u"policies"_s, ns, name, {}, {}};
}

QString resourceVersionOf(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
}

} // namespace

QString PssApplyResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Created: return u"created"_s;
    case Updated: return u"updated"_s;
    case Unchanged: return u"unchanged"_s;
    case Removed: return u"removed"_s;
    case NotFound: return u"not found"_s;
    case Failed: return u"failed"_s;
    }
    return QString();
}

api::Result<QByteArray> PsaLabelEdit::toMergePatch() const
{
    QJsonObject labels;
    const std::pair<const char *, const std::optional<QString> *> fields[] = {
        {"enforce", &enforce}, {"enforce-version", &enforceVersion}, {"audit", &audit},
        {"audit-version", &auditVersion}, {"warn", &warn}, {"warn-version", &warnVersion}};
    for (const auto &[key, value] : fields) {
        if (!value->has_value())
            continue;
        const QString label = PsaLabels::prefix() + QLatin1String(key);
        const QString text = **value;
        if (text.isEmpty()) {
            labels.insert(label, QJsonValue::Null);
            continue;
        }
        const bool isVersion = QByteArrayView(key).endsWith("-version");
        const bool valid = isVersion ? PodSecurity::parseVersion(text).has_value() : PodSecurity::parseLevel(text).has_value();
        if (!valid)
            return api::ApiError::badRequest(u"invalid %1 \"%2\" for %3"_s.arg(isVersion ? u"version"_s : u"level"_s, text, label));
        labels.insert(label, text);
    }
    return QJsonDocument(QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}}}).toJson(QJsonDocument::Compact);
}

PssTemplateApplier::PssTemplateApplier(Fleet *fleet, QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
{
}

int PssTemplateApplier::start(const QList<PssTarget> &targets)
{
    QList<PssTarget> sorted = targets;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    m_results.clear();
    for (const PssTarget &t : sorted)
        m_results.append({t, PssApplyResult::Failed, {}, {}, std::nullopt});
    m_pending = int(m_results.size());
    return ++m_generation;
}

api::KubeClient PssTemplateApplier::clientFor(int index)
{
    ClusterConnection *connection = m_fleet ? m_fleet->connection(m_results.at(index).target.cluster) : nullptr;
    return connection ? connection->client() : api::KubeClient();
}

void PssTemplateApplier::apply(const PssTemplate &t, PssMode mode, const QList<PssTarget> &targets, bool replace)
{
    const int generation = start(targets);
    if (m_results.isEmpty())
        Q_EMIT finished();
    for (int i = 0; i < m_results.size(); ++i)
        applyOne(generation, i, t, mode, replace);
}

// LIST the namespace's Policies (the existing one's resourceVersion tells Updated from
// Unchanged; the other templates' names are what replace deletes), then apply. A failed LIST
// (e.g. the user may not read there) does not stop the apply: its answer is the one reported.
void PssTemplateApplier::applyOne(int generation, int index, const PssTemplate &t, PssMode mode, bool replace)
{
    const api::KubeClient client = clientFor(index);
    if (!client.isValid())
        return fail(generation, index, api::ApiError::badRequest(u"unknown cluster \"%1\""_s.arg(m_results.at(index).target.cluster)));
    const QJsonObject policy = PssTemplateCatalog::policyFor(t, m_results.at(index).target.namespaceName, mode);
    const QString name = policy.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    const QString ns = m_results.at(index).target.namespaceName;
    client.list(policies(ns), {}, this, [=, this](const api::Result<api::Response> &listed, const QStringList &) {
        if (generation != m_generation)
            return;
        QString previousVersion;
        QStringList others;
        if (listed) {
            for (const QJsonValue &item : QJsonDocument::fromJson(listed->body).object().value(u"items"_s).toArray()) {
                const QJsonObject meta = item.toObject().value(u"metadata"_s).toObject();
                const QString itemName = meta.value(u"name"_s).toString();
                if (itemName == name)
                    previousVersion = meta.value(u"resourceVersion"_s).toString();
                else if (meta.value(u"labels"_s).toObject().contains(PssTemplateCatalog::templateLabel()))
                    others.append(itemName);
            }
        }
        api::WriteOptions options;
        options.fieldManager = fieldManager();
        options.force = true;
        const QByteArray body = QJsonDocument(policy).toJson(QJsonDocument::Compact);
        clientFor(index).apply(policies(ns, name), body, options, this,
                               [=, this](const api::Result<api::Response> &r, const QStringList &warnings) {
            if (generation != m_generation)
                return;
            m_results[index].warnings = warnings;
            if (!r)
                return fail(generation, index, r.error());
            const QString version = r->json() ? resourceVersionOf(*r->json()) : QString();
            m_results[index].outcome = r->httpStatus == 201 || previousVersion.isEmpty()
                ? PssApplyResult::Created
                : (version == previousVersion ? PssApplyResult::Unchanged : PssApplyResult::Updated);
            if (replace && !others.isEmpty())
                deleteOthers(generation, index, others);
            else
                finishOne(generation);
        });
    });
}

void PssTemplateApplier::deleteOthers(int generation, int index, const QStringList &names)
{
    auto remaining = std::make_shared<int>(int(names.size()));
    const QString ns = m_results.at(index).target.namespaceName;
    for (const QString &name : names) {
        clientFor(index).remove(policies(ns, name), {}, this,
                                [this, generation, index, name, remaining](const api::Result<api::Response> &r, const QStringList &) {
            if (generation != m_generation)
                return;
            if (r || r.error().isNotFound()) {
                m_results[index].deletedPolicies.append(name);
            } else if (!m_results[index].error) {
                m_results[index].outcome = PssApplyResult::Failed;
                m_results[index].error = r.error();
            }
            if (--*remaining == 0) {
                m_results[index].deletedPolicies.sort();
                finishOne(generation);
            }
        });
    }
}

void PssTemplateApplier::remove(const QString &templateName, const QList<PssTarget> &targets)
{
    const int generation = start(targets);
    if (m_results.isEmpty())
        Q_EMIT finished();
    for (int i = 0; i < m_results.size(); ++i)
        removeOne(generation, i, templateName);
}

void PssTemplateApplier::removeOne(int generation, int index, const QString &templateName)
{
    const api::KubeClient client = clientFor(index);
    if (!client.isValid())
        return fail(generation, index, api::ApiError::badRequest(u"unknown cluster \"%1\""_s.arg(m_results.at(index).target.cluster)));
    api::ListOptions options;
    options.labelSelector = PssTemplateCatalog::templateLabel() + u'=' + templateName;
    const QString ns = m_results.at(index).target.namespaceName;
    client.list(policies(ns), options, this, [=, this](const api::Result<api::Response> &r, const QStringList &) {
        if (generation != m_generation)
            return;
        if (!r)
            return fail(generation, index, r.error());
        QStringList names;
        for (const QJsonValue &item : QJsonDocument::fromJson(r->body).object().value(u"items"_s).toArray())
            names.append(item.toObject().value(u"metadata"_s).toObject().value(u"name"_s).toString());
        if (names.isEmpty()) {
            m_results[index].outcome = PssApplyResult::NotFound;
            return finishOne(generation);
        }
        m_results[index].outcome = PssApplyResult::Removed;
        deleteOthers(generation, index, names);
    });
}

std::optional<api::ApiError> PssTemplateApplier::setPsaLabels(const PsaLabelEdit &edit, const QList<PssTarget> &targets)
{
    const api::Result<QByteArray> patch = edit.toMergePatch();
    if (!patch)
        return patch.error();
    const int generation = start(targets);
    if (m_results.isEmpty())
        Q_EMIT finished();
    for (int i = 0; i < m_results.size(); ++i) {
        const api::KubeClient client = clientFor(i);
        if (!client.isValid()) {
            fail(generation, i, api::ApiError::badRequest(u"unknown cluster \"%1\""_s.arg(m_results.at(i).target.cluster)));
            continue;
        }
        client.get({{}, u"v1"_s, u"namespaces"_s, {}, m_results.at(i).target.namespaceName, {}, {}}, this,
                   [this, generation, i, body = *patch](const api::Result<api::Response> &got, const QStringList &) {
            if (generation != m_generation)
                return;
            const QString before = got && got->json() ? resourceVersionOf(*got->json()) : QString();
            clientFor(i).patch({{}, u"v1"_s, u"namespaces"_s, {}, m_results.at(i).target.namespaceName, {}, {}},
                               api::PatchType::Merge, body, {}, this,
                               [this, generation, i, before](const api::Result<api::Response> &r, const QStringList &warnings) {
                if (generation != m_generation)
                    return;
                m_results[i].warnings = warnings;
                if (!r)
                    return fail(generation, i, r.error());
                const QString after = r->json() ? resourceVersionOf(*r->json()) : QString();
                m_results[i].outcome = !before.isEmpty() && before == after ? PssApplyResult::Unchanged : PssApplyResult::Updated;
                finishOne(generation);
            });
        });
    }
    return std::nullopt;
}

void PssTemplateApplier::fail(int generation, int index, const api::ApiError &error)
{
    m_results[index].outcome = PssApplyResult::Failed;
    m_results[index].error = error;
    finishOne(generation);
}

void PssTemplateApplier::finishOne(int generation)
{
    if (generation != m_generation || --m_pending > 0)
        return;
    Q_EMIT finished();
}

} // namespace acp::models
