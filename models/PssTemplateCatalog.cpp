#include "models/PssTemplateCatalog.h"

#include "api/ApiResources.h"
#include "api/KubeClient.h"
#include "api/Yaml.h"
#include "models/ClusterConnection.h"
#include "models/Informer.h"
#include "models/ResourceStore.h"

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

QStringList extraChecksOf(const QJsonObject &policy, std::optional<PssLevel> level)
{
    if (level && *level == PssLevel::Restricted)
        return {};
    for (const QJsonValue &rule : policy.value(u"spec"_s).toObject().value(u"rules"_s).toArray()) {
        const QJsonObject validate = rule.toObject().value(u"validate"_s).toObject();
        for (const auto &key : {u"pattern"_s, u"anyPattern"_s}) {
            const QJsonValue v = validate.value(key);
            const QByteArray text = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                                : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
            if (text.contains("runAsNonRoot"))
                return {u"runAsNonRoot"_s};
        }
    }
    return {};
}

PssTemplate templateOf(const QJsonObject &policy)
{
    const QJsonObject meta = policy.value(u"metadata"_s).toObject();
    const QJsonObject annotations = meta.value(u"annotations"_s).toObject();
    PssTemplate t;
    t.name = meta.value(u"name"_s).toString();
    t.policyName = t.name;
    t.level = podSecurityLevel(policy);
    t.extraChecks = extraChecksOf(policy, t.level);
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

QString PssTemplateCatalog::templateId(const PssTemplate &t)
{
    if (t.builtIn)
        return t.name;
    // A label value: at most 63 characters, alphanumeric at both ends.
    QString id = u"sample."_s + t.name;
    id.truncate(63);
    while (!id.isEmpty() && !id.back().isLetterOrNumber())
        id.chop(1);
    return id;
}

QString PssTemplateCatalog::displayName(const QString &templateId)
{
    if (templateId.startsWith(u"sample."_s))
        return QObject::tr("%1 (platform sample)").arg(templateId.mid(7));
    return templateId;
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
    if (meta.value(u"name"_s).toString().isEmpty())
        meta.insert(u"name"_s, t.policyName.isEmpty() ? t.name : t.policyName);
    QJsonObject labels = meta.value(u"labels"_s).toObject();
    labels.insert(templateLabel(), templateId(t));
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
        || target.value(u"kind"_s).toString() != u"Policy"_s || spec.value(u"snippet"_s).toBool())
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
    if (t.policyName.isEmpty())
        t.policyName = t.name;
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
    if (!connection || m_watches.contains(connection->name()))
        return;
    const QString cluster = connection->name();
    m_watches[cluster].connection = connection;
    // Discovery changes (the first one, a CRD installed or removed) bind or unbind the watch.
    connect(connection, &ClusterConnection::resourcesChanged, this, [this, cluster] { bind(cluster); });
    connection->start();
    if (connection->resources()->isLoaded())
        bind(cluster);
}

void PssTemplateCatalog::bind(const QString &cluster)
{
    Watch &w = m_watches[cluster];
    if (!w.connection || w.failed)
        return;
    const auto resource = w.connection->resources()->lookup(u"consoleyamlsamples.console.alauda.io"_s);
    if (!resource) {
        delete w.context;
        w.informer = {};
        m_known.insert(cluster);
        setSamples(cluster, {});
        return;
    }
    if (w.informer)
        return;
    w.informer = w.connection->informer(*resource);
    if (!w.informer)
        return;
    w.context = new QObject(this);
    connect(w.informer.store(), &ResourceStore::changed, w.context, [this, cluster] { readStore(cluster); });
    connect(w.informer.informer(), &Informer::synced, w.context, [this, cluster] { readStore(cluster); });
    connect(w.informer.informer(), &Informer::errorOccurred, w.context, [this, cluster](const api::ApiError &error) {
        Watch &watch = m_watches[cluster];
        if (watch.reported)
            return;
        watch.reported = true;
        if (error.isForbidden()) {
            // Not the user's to read here: no samples from this cluster, and no retries. The
            // informer is released after its signal returns.
            watch.failed = true;
            QMetaObject::invokeMethod(this, [this, cluster] {
                Watch &stopped = m_watches[cluster];
                delete stopped.context;
                stopped.informer = {};
                m_known.insert(cluster);
                setSamples(cluster, {});
            }, Qt::QueuedConnection);
        }
        Q_EMIT discoveryFailed(cluster, error);
    });
    if (w.informer->hasSynced())
        readStore(cluster);
}

void PssTemplateCatalog::readStore(const QString &cluster)
{
    Watch &w = m_watches[cluster];
    if (!w.informer || !w.informer->hasSynced())
        return;
    w.reported = false;
    QList<PssTemplate> found;
    for (const KubeObject &o : w.informer.store()->list())
        if (auto t = fromSample(o.parseJson(), cluster))
            found.append(*t);
    std::sort(found.begin(), found.end(), [](const PssTemplate &a, const PssTemplate &b) { return a.name < b.name; });
    m_known.insert(cluster);
    setSamples(cluster, found);
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
