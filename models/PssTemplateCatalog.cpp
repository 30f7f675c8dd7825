#include "models/PssTemplateCatalog.h"

#include "api/ApiResources.h"
#include "api/KubeClient.h"
#include "api/Yaml.h"
#include "models/ClusterConnection.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

// The resource of a static library is not registered on its own: this pulls it in.
static void initPssTemplateResource()
{
    Q_INIT_RESOURCE(pss_templates);
}

namespace acp::models {

namespace {

QJsonObject readTemplate(const QString &name)
{
    QFile file(u":/pss-templates/"_s + name + u".yaml"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("built-in template %s missing from the pss_templates resource", qPrintable(name));
    const auto value = api::yaml::parseOne(file.readAll(), file.fileName());
    if (!value || !value->isObject())
        qFatal("built-in template %s does not parse", qPrintable(name));
    return value->toObject();
}

std::optional<PssLevel> podSecurityLevel(const QJsonObject &policy)
{
    std::optional<PssLevel> found;
    for (const QJsonValue &rule : policy.value(u"spec"_s).toObject().value(u"rules"_s).toArray()) {
        const QJsonObject ps = rule.toObject().value(u"validate"_s).toObject().value(u"podSecurity"_s).toObject();
        const auto level = PodSecurity::parseLevel(ps.value(u"level"_s).toString());
        if (level && (!found || *level > *found))
            found = level;
    }
    return found;
}

PssTemplate templateOf(const QJsonObject &policy)
{
    const QJsonObject meta = policy.value(u"metadata"_s).toObject();
    const QJsonObject annotations = meta.value(u"annotations"_s).toObject();
    PssTemplate t;
    t.name = meta.value(u"name"_s).toString();
    t.level = podSecurityLevel(policy);
    t.title = annotations.value(PssTemplateCatalog::titleAnnotation()).toString();
    t.description = annotations.value(PssTemplateCatalog::descriptionAnnotation()).toString().trimmed();
    t.policy = policy;
    return t;
}

} // namespace

QString PssTemplateCatalog::templateLabel()
{
    return u"console.alauda.io/pss-template"_s;
}

QString PssTemplateCatalog::titleAnnotation()
{
    return u"policies.kyverno.io/title"_s;
}

QString PssTemplateCatalog::descriptionAnnotation()
{
    return u"policies.kyverno.io/description"_s;
}

QString PssTemplateCatalog::modeName(PssMode mode)
{
    return mode == PssMode::Enforce ? u"Enforce"_s : u"Audit"_s;
}

std::optional<PssMode> PssTemplateCatalog::parseMode(const QString &text)
{
    // Kyverno accepts the lower-case spellings too (deprecated).
    if (text.compare(u"Enforce"_s, Qt::CaseInsensitive) == 0)
        return PssMode::Enforce;
    if (text.compare(u"Audit"_s, Qt::CaseInsensitive) == 0)
        return PssMode::Audit;
    return std::nullopt;
}

const QList<PssTemplate> &PssTemplateCatalog::builtIns()
{
    static const QList<PssTemplate> all = [] {
        initPssTemplateResource();
        QList<PssTemplate> list;
        for (const auto &name : {u"privileged"_s, u"baseline"_s, u"nonroot"_s, u"restricted"_s}) {
            PssTemplate t = templateOf(readTemplate(name));
            t.builtIn = true;
            list.append(t);
        }
        return list;
    }();
    return all;
}

std::optional<PssTemplate> PssTemplateCatalog::builtIn(const QString &name)
{
    for (const PssTemplate &t : builtIns()) {
        if (t.name == name)
            return t;
    }
    return std::nullopt;
}

QJsonObject PssTemplateCatalog::policyFor(const PssTemplate &t, const QString &namespaceName, PssMode mode)
{
    QJsonObject policy = t.policy;
    QJsonObject meta = policy.value(u"metadata"_s).toObject();
    meta.insert(u"namespace"_s, namespaceName);
    QJsonObject labels = meta.value(u"labels"_s).toObject();
    labels.insert(templateLabel(), t.name);
    meta.insert(u"labels"_s, labels);
    for (const auto &key : {u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s, u"managedFields"_s, u"generation"_s})
        meta.remove(key);
    policy.insert(u"metadata"_s, meta);
    QJsonObject spec = policy.value(u"spec"_s).toObject();
    spec.insert(u"validationFailureAction"_s, modeName(mode));
    policy.insert(u"spec"_s, spec);
    policy.remove(u"status"_s);
    return policy;
}

QByteArray PssTemplateCatalog::policyYaml(const PssTemplate &t, const QString &namespaceName, PssMode mode)
{
    return api::yaml::dump(policyFor(t, namespaceName, mode));
}

std::optional<PssTemplate> PssTemplateCatalog::fromSample(const QJsonObject &sample, const QString &cluster)
{
    const QJsonObject spec = sample.value(u"spec"_s).toObject();
    const QJsonObject target = spec.value(u"targetResource"_s).toObject();
    if (!target.value(u"apiVersion"_s).toString().startsWith(u"kyverno.io/"_s)
        || target.value(u"kind"_s).toString() != u"Policy"_s)
        return std::nullopt;
    const auto parsed = api::yaml::parseOne(spec.value(u"yaml"_s).toString().toUtf8());
    if (!parsed || !parsed->isObject())
        return std::nullopt;
    const QJsonObject policy = parsed->toObject();
    if (!policy.value(u"apiVersion"_s).toString().startsWith(u"kyverno.io/"_s)
        || policy.value(u"kind"_s).toString() != u"Policy"_s)
        return std::nullopt;
    PssTemplate t = templateOf(policy);
    t.name = sample.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    if (const QString title = spec.value(u"title"_s).toString(); !title.isEmpty())
        t.title = title;
    if (const QString d = spec.value(u"description"_s).toString().trimmed(); !d.isEmpty())
        t.description = d;
    t.cluster = cluster;
    return t;
}

PssTemplateCatalog::PssTemplateCatalog(QObject *parent)
    : QObject(parent)
{
}

QList<PssTemplate> PssTemplateCatalog::templates() const
{
    return builtIns() + m_samples;
}

void PssTemplateCatalog::discover(ClusterConnection *connection)
{
    if (!connection)
        return;
    if (connection->resources()->isLoaded()) {
        listSamples(connection);
        return;
    }
    QPointer<ClusterConnection> guard(connection);
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(connection, &ClusterConnection::resourcesChanged, this, [this, guard, once] {
        disconnect(*once);
        if (guard)
            listSamples(guard);
    });
    connection->start();
}

void PssTemplateCatalog::listSamples(ClusterConnection *connection)
{
    const QString cluster = connection->name();
    const auto resource = connection->resources()->lookup(u"consoleyamlsamples.console.alauda.io"_s);
    if (!resource) {
        setSamples(cluster, {});
        return;
    }
    api::ResourcePath path{resource->group, resource->version, resource->resource, {}, {}, {}, {}};
    connection->client().listAll(path, {}, this, [this, cluster](const api::Result<api::ListPages> &result, const QStringList &) {
        if (!result) {
            Q_EMIT discoveryFailed(cluster, result.error());
            return;
        }
        QList<PssTemplate> found;
        for (const QByteArray &page : result->pages) {
            for (const QJsonValue &item : QJsonDocument::fromJson(page).object().value(u"items"_s).toArray()) {
                if (auto t = fromSample(item.toObject(), cluster))
                    found.append(*t);
            }
        }
        std::sort(found.begin(), found.end(), [](const PssTemplate &a, const PssTemplate &b) { return a.name < b.name; });
        setSamples(cluster, found);
    });
}

void PssTemplateCatalog::setSamples(const QString &cluster, const QList<PssTemplate> &samples)
{
    m_samples.removeIf([&](const PssTemplate &t) { return t.cluster == cluster; });
    m_samples.append(samples);
    std::stable_sort(m_samples.begin(), m_samples.end(),
                     [](const PssTemplate &a, const PssTemplate &b) { return a.cluster < b.cluster; });
    Q_EMIT changed();
}

} // namespace acp::models
