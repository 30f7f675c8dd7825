#include "models/ProjectSpec.h"

#include "models/Quantity.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace acp::models {

namespace {

QJsonObject annotationsOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject();
}

QString quantityText(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
}

bool isCountResource(const QString &key)
{
    return key == QLatin1String("pods") || key == QLatin1String("persistentvolumeclaims") || key == QLatin1String("services")
        || key == QLatin1String("configmaps") || key == QLatin1String("secrets") || key.startsWith(QLatin1String("count/"));
}

const QStringList kPsaLevels{QStringLiteral("privileged"), QStringLiteral("baseline"), QStringLiteral("restricted")};

} // namespace

ProjectSpec ProjectSpec::fromJson(const QJsonObject &project)
{
    ProjectSpec s;
    s.name = project.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    const QJsonObject ann = annotationsOf(project);
    s.displayName = ann.value(kDisplayName).toString();
    s.description = ann.value(kDescription).toString();
    s.creator = ann.value(kCreator).toString();
    for (const QJsonValue &c : project.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray()) {
        ProjectCluster pc;
        pc.name = c.toObject().value(QLatin1String("name")).toString();
        const QJsonObject q = c.toObject().value(QLatin1String("quota")).toObject();
        for (auto it = q.begin(); it != q.end(); ++it)
            pc.quota.insert(it.key(), quantityText(it.value()));
        s.clusters << pc;
    }
    return s;
}

QJsonObject ProjectSpec::applyTo(const QJsonObject &base) const
{
    QJsonObject o = base;
    o.insert(QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1"));
    o.insert(QStringLiteral("kind"), QStringLiteral("Project"));
    QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("name"), name);
    QJsonObject ann = meta.value(QLatin1String("annotations")).toObject();
    auto setOrRemove = [&ann](const QString &key, const QString &value) {
        if (value.isEmpty())
            ann.remove(key);
        else
            ann.insert(key, value);
    };
    setOrRemove(kDisplayName, displayName);
    setOrRemove(kDescription, description);
    if (!creator.isEmpty())
        ann.insert(kCreator, creator);
    if (ann.isEmpty())
        meta.remove(QStringLiteral("annotations"));
    else
        meta.insert(QStringLiteral("annotations"), ann);
    o.insert(QStringLiteral("metadata"), meta);

    QJsonObject spec = o.value(QLatin1String("spec")).toObject();
    // Keep unknown per-cluster fields (e.g. `type`) of clusters that stay.
    QHash<QString, QJsonObject> old;
    for (const QJsonValue &c : spec.value(QLatin1String("clusters")).toArray())
        old.insert(c.toObject().value(QLatin1String("name")).toString(), c.toObject());
    QJsonArray arr;
    for (const ProjectCluster &c : clusters) {
        QJsonObject e = old.value(c.name);
        e.insert(QStringLiteral("name"), c.name);
        QJsonObject q;
        for (auto it = c.quota.begin(); it != c.quota.end(); ++it)
            q.insert(it.key(), it.value());
        e.insert(QStringLiteral("quota"), q);
        arr << e;
    }
    spec.insert(QStringLiteral("clusters"), arr);
    o.insert(QStringLiteral("spec"), spec);
    return o;
}

QStringList ProjectSpec::clusterNames() const
{
    QStringList out;
    for (const ProjectCluster &c : clusters)
        out << c.name;
    return out;
}

const ProjectCluster *ProjectSpec::cluster(const QString &clusterName) const
{
    for (const ProjectCluster &c : clusters)
        if (c.name == clusterName)
            return &c;
    return nullptr;
}

const QList<ProjectSpec::QuotaKey> &ProjectSpec::quotaKeys()
{
    static const QList<QuotaKey> keys{
        {QStringLiteral("requests.cpu"), QStringLiteral("CPU requests"), QStringLiteral("cores, e.g. 2 or 500m")},
        {QStringLiteral("limits.cpu"), QStringLiteral("CPU limits"), QStringLiteral("cores, e.g. 4 or 1500m")},
        {QStringLiteral("requests.memory"), QStringLiteral("Memory requests"), QStringLiteral("bytes, e.g. 4Gi or 512Mi")},
        {QStringLiteral("limits.memory"), QStringLiteral("Memory limits"), QStringLiteral("bytes, e.g. 8Gi")},
        {QStringLiteral("requests.storage"), QStringLiteral("Storage"), QStringLiteral("bytes, e.g. 100Gi")},
        {QStringLiteral("pods"), QStringLiteral("Pods"), QStringLiteral("a whole number")},
        {QStringLiteral("persistentvolumeclaims"), QStringLiteral("PVCs"), QStringLiteral("a whole number")},
    };
    return keys;
}

QString ProjectSpec::quotaLabel(const QString &key)
{
    for (const QuotaKey &k : quotaKeys())
        if (k.name == key)
            return k.label;
    return key;
}

std::optional<QString> ProjectSpec::validateName(const QString &n)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    if (n.isEmpty())
        return QStringLiteral("The name is required.");
    if (n.size() > 63)
        return QStringLiteral("The name must be no more than 63 characters.");
    if (!re.match(n).hasMatch())
        return QStringLiteral("Invalid name \"%1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
                              "or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc').").arg(n);
    return std::nullopt;
}

std::optional<QString> ProjectSpec::validateQuantity(const QString &key, const QString &value)
{
    const QString label = quotaLabel(key);
    auto q = Quantity::parse(value.trimmed());
    if (!q)
        return QStringLiteral("%1: \"%2\" is not a valid quantity (%3).").arg(label, value, q.error().message);
    if (q->sign() < 0)
        return QStringLiteral("%1: \"%2\" must not be negative.").arg(label, value);
    if (isCountResource(key) && q->milliValue() % 1000 != 0)
        return QStringLiteral("%1: \"%2\" must be a whole number.").arg(label, value);
    return std::nullopt;
}

std::optional<QString> ProjectSpec::validate() const
{
    if (auto e = validateName(name))
        return e;
    for (const ProjectCluster &c : clusters)
        for (auto it = c.quota.begin(); it != c.quota.end(); ++it)
            if (auto e = validateQuantity(it.key(), it.value()))
                return QStringLiteral("Cluster %1: %2").arg(c.name, *e);
    return std::nullopt;
}

QMap<QString, QString> ProjectSpec::totalQuota() const
{
    QMap<QString, Quantity> sums;
    for (const ProjectCluster &c : clusters)
        for (auto it = c.quota.begin(); it != c.quota.end(); ++it)
            if (auto q = Quantity::parse(it.value()))
                sums[it.key()] += *q;
    QMap<QString, QString> out;
    for (auto it = sums.begin(); it != sums.end(); ++it)
        out.insert(it.key(), it.value().canonical());
    return out;
}

QString ProjectSpec::quotaSummary() const
{
    const QMap<QString, QString> total = totalQuota();
    QStringList parts;
    const QList<QPair<QString, QString>> shown{{QStringLiteral("requests.cpu"), QStringLiteral("CPU")},
                                              {QStringLiteral("requests.memory"), QStringLiteral("Memory")},
                                              {QStringLiteral("requests.storage"), QStringLiteral("Storage")},
                                              {QStringLiteral("pods"), QStringLiteral("Pods")}};
    for (const auto &[key, label] : shown)
        if (total.contains(key))
            parts << label + QLatin1Char(' ') + total.value(key);
    return parts.join(QStringLiteral(" · "));
}

std::optional<QString> ProjectNamespaceSpec::validate() const
{
    if (auto e = ProjectSpec::validateName(name))
        return e;
    for (const QString &level : {enforce, audit, warn})
        if (!kPsaLevels.contains(level))
            return QStringLiteral("Pod Security level \"%1\" must be one of privileged, baseline, restricted.").arg(level);
    for (auto it = quota.begin(); it != quota.end(); ++it)
        if (auto e = ProjectSpec::validateQuantity(it.key(), it.value()))
            return QStringLiteral("Quota: ") + *e;
    if (withLimitRange)
        for (const auto *m : {&limitDefault, &limitDefaultRequest})
            for (auto it = m->begin(); it != m->end(); ++it)
                if (auto e = ProjectSpec::validateQuantity(it.key(), it.value()))
                    return QStringLiteral("Limit range: ") + *e;
    return std::nullopt;
}

QJsonObject ProjectNamespaceSpec::namespaceJson() const
{
    QJsonObject labels{{ProjectSpec::kProjectLabel, project}};
    const QList<QPair<const char *, QString>> modes{{"enforce", enforce}, {"audit", audit}, {"warn", warn}};
    for (const auto &[mode, level] : modes) {
        labels.insert(QStringLiteral("pod-security.kubernetes.io/") + QLatin1String(mode), level);
        labels.insert(QStringLiteral("pod-security.kubernetes.io/%1-version").arg(QLatin1String(mode)), QStringLiteral("latest"));
    }
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("Namespace")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("labels"), labels}}}};
}

QJsonObject ProjectNamespaceSpec::resourceQuotaJson() const
{
    QJsonObject hard;
    for (auto it = quota.begin(); it != quota.end(); ++it)
        hard.insert(it.key(), it.value().trimmed());
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("ResourceQuota")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("default")},
                                                                {QStringLiteral("namespace"), name}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("hard"), hard}}}};
}

QJsonObject ProjectNamespaceSpec::limitRangeJson() const
{
    auto toObject = [](const QMap<QString, QString> &m) {
        QJsonObject o;
        for (auto it = m.begin(); it != m.end(); ++it)
            o.insert(it.key(), it.value().trimmed());
        return o;
    };
    QJsonObject item{{QStringLiteral("type"), QStringLiteral("Container")}};
    if (!limitDefault.isEmpty())
        item.insert(QStringLiteral("default"), toObject(limitDefault));
    if (!limitDefaultRequest.isEmpty())
        item.insert(QStringLiteral("defaultRequest"), toObject(limitDefaultRequest));
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("LimitRange")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("default")},
                                                                {QStringLiteral("namespace"), name}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("limits"), QJsonArray{item}}}}};
}

} // namespace acp::models
