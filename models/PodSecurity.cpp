#include "models/PodSecurity.h"
#include "models/PodSecurityChecks.h"

#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace acp::models {

namespace pss {

// --- JSON helpers ---------------------------------------------------------------------------

bool isSet(const QJsonObject &o, const QString &key)
{
    const auto it = o.constFind(key);
    return it != o.constEnd() && !it->isNull() && !it->isUndefined();
}

QJsonObject objectAt(const QJsonObject &o, const QString &key)
{
    return o.value(key).toObject();
}

QJsonArray arrayAt(const QJsonObject &o, const QString &key)
{
    return o.value(key).toArray();
}

QString stringAt(const QJsonObject &o, const QString &key)
{
    return o.value(key).toString();
}

std::optional<bool> boolAt(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (!v.isBool())
        return std::nullopt;
    return v.toBool();
}

std::optional<qint64> intAt(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toInteger(qint64(v.toDouble()));
}

// --- message helpers ------------------------------------------------------------------------

QString joinQuote(const QStringList &items)
{
    if (items.isEmpty())
        return QString();
    return u'"' + items.join(u"\", \""_s) + u'"';
}

QString pluralize(const char *singular, const char *plural, qsizetype count)
{
    return QString::fromLatin1(count == 1 ? singular : plural);
}

QStringList sortedUnique(QStringList items)
{
    std::sort(items.begin(), items.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    items.erase(std::unique(items.begin(), items.end()), items.end());
    return items;
}

QString containersPhrase(const QStringList &names)
{
    return pluralize("container", "containers", names.size()) + u' ' + joinQuote(names);
}

// --- PodView ---------------------------------------------------------------------------------

QJsonObject PodView::securityContext() const
{
    return objectAt(spec, u"securityContext"_s);
}

QString PodView::annotationField(const QString &key) const
{
    return metadataPath + u".annotations["_s + key + u']';
}

bool PodView::isWindows() const
{
    return stringAt(objectAt(spec, u"os"_s), u"name"_s) == u"windows"_s;
}

bool PodView::hostUsersDisabled() const
{
    const auto hostUsers = boolAt(spec, u"hostUsers"_s);
    return hostUsers.has_value() && !*hostUsers;
}

} // namespace pss

namespace {

// Where the pod template sits in each kind PSA evaluates (admission's default PodSpecExtractor).
QStringList templatePath(const QString &kind)
{
    static const QSet<QString> specTemplate{u"Deployment"_s, u"StatefulSet"_s, u"DaemonSet"_s, u"ReplicaSet"_s,
                                            u"Job"_s, u"ReplicationController"_s};
    if (specTemplate.contains(kind))
        return {u"spec"_s, u"template"_s};
    if (kind == u"CronJob"_s)
        return {u"spec"_s, u"jobTemplate"_s, u"spec"_s, u"template"_s};
    if (kind == u"PodTemplate"_s)
        return {u"template"_s};
    return {};
}

void addContainers(pss::PodView &view, const QString &field)
{
    const QJsonArray list = pss::arrayAt(view.spec, field);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject c = list.at(i).toObject();
        view.containers.append({c, pss::stringAt(c, u"name"_s), view.specField(u"%1[%2]"_s.arg(field).arg(i))});
    }
}

std::optional<pss::PodView> podViewOf(const QJsonObject &object)
{
    const QString kind = pss::stringAt(object, u"kind"_s);
    QJsonObject holder;
    QString prefix;
    const bool isPod = kind == u"Pod"_s
        || (kind.isEmpty() && pss::isSet(pss::objectAt(object, u"spec"_s), u"containers"_s));
    if (isPod) {
        holder = object;
    } else {
        const QStringList path = templatePath(kind);
        if (path.isEmpty())
            return std::nullopt;
        QJsonValue node = object;
        for (const QString &step : path) {
            node = node.toObject().value(step);
            if (!node.isObject())
                return std::nullopt;
        }
        holder = node.toObject();
        prefix = path.join(u'.') + u'.';
    }
    pss::PodView view;
    view.metadata = pss::objectAt(holder, u"metadata"_s);
    view.spec = pss::objectAt(holder, u"spec"_s);
    view.metadataPath = prefix + u"metadata"_s;
    view.specPath = prefix + u"spec"_s;
    addContainers(view, u"initContainers"_s);
    addContainers(view, u"containers"_s);
    addContainers(view, u"ephemeralContainers"_s);
    return view;
}

int effectiveMinor(PssVersion version)
{
    const int max = pss::maxKnownMinor();
    return (version.latest || version.minor > max) ? max : version.minor;
}

} // namespace

std::optional<PssLevel> PodSecurity::parseLevel(const QString &text)
{
    if (text == u"privileged"_s)
        return PssLevel::Privileged;
    if (text == u"baseline"_s)
        return PssLevel::Baseline;
    if (text == u"restricted"_s)
        return PssLevel::Restricted;
    return std::nullopt;
}

QString PodSecurity::levelName(PssLevel level)
{
    switch (level) {
    case PssLevel::Privileged: return u"privileged"_s;
    case PssLevel::Baseline: return u"baseline"_s;
    case PssLevel::Restricted: return u"restricted"_s;
    }
    return QString();
}

std::optional<PssVersion> PodSecurity::parseVersion(const QString &text)
{
    if (text == u"latest"_s)
        return PssVersion{};
    static const QRegularExpression re(u"^v1\\.(0|[1-9][0-9]*)$"_s);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const int minor = m.captured(1).toInt(&ok);
    if (!ok)
        return std::nullopt;
    return PssVersion{1, minor, minor > pss::maxKnownMinor()};
}

QString PodSecurity::versionName(PssVersion version)
{
    if (version.latest && version.minor <= pss::maxKnownMinor())
        return u"latest"_s;
    return u"v%1.%2"_s.arg(version.major).arg(version.minor);
}

int PodSecurity::latestKnownMinor()
{
    return pss::maxKnownMinor();
}

QString PodSecurity::policyName(PssLevel level, PssVersion version)
{
    return levelName(level) + u':' + versionName(version);
}

QStringList PodSecurity::checkIds(PssLevel level, PssVersion version)
{
    QStringList ids;
    for (const pss::ActiveCheck &a : pss::activeChecks(level, effectiveMinor(version)))
        ids.append(a.check->id);
    return ids;
}

QList<PssViolation> PodSecurity::evaluate(const QJsonObject &object, PssLevel level, PssVersion version)
{
    QList<PssViolation> violations;
    if (level == PssLevel::Privileged)
        return violations;
    const std::optional<pss::PodView> view = podViewOf(object);
    if (!view)
        return violations;
    for (const pss::ActiveCheck &a : pss::activeChecks(level, effectiveMinor(version))) {
        pss::CheckResult result = a.revision->check(*view);
        if (result.allowed)
            continue;
        if (result.reason.isEmpty())
            result.reason = u"unknown forbidden reason"_s; // as PSA's AggregateCheckResults
        violations.append({a.check->id, result.reason, result.detail, result.containers, result.fields});
    }
    return violations;
}

bool PodSecurity::hasPodSpec(const QJsonObject &object)
{
    return podViewOf(object).has_value();
}

QList<PssFinding> PodSecurity::findings(const QJsonObject &object, const QList<PssViolation> &violations)
{
    static const QRegularExpression indexed(u"\\.(initContainers|containers|ephemeralContainers)\\[(\\d+)\\]"_s);
    static const QRegularExpression annotation(
        u"annotations\\[container\\.(apparmor\\.security\\.beta|seccomp\\.security\\.alpha)\\.kubernetes\\.io/(.*)\\]$"_s);
    const std::optional<pss::PodView> view = podViewOf(object);
    auto containerOf = [&](const QString &field) -> QString {
        if (const QRegularExpressionMatch m = annotation.match(field); m.hasMatch())
            return m.captured(2);
        const QRegularExpressionMatch m = indexed.match(field);
        if (!m.hasMatch() || !view)
            return QString();
        const QString prefix = field.left(m.capturedEnd(0));
        for (const pss::Container &c : view->containers) {
            if (c.path == prefix)
                return c.name;
        }
        return QString();
    };
    QList<PssFinding> out;
    for (const PssViolation &v : violations) {
        for (const QString &field : v.fields)
            out.append({v.check, containerOf(field), field});
        if (!v.fields.isEmpty())
            continue;
        if (v.containers.isEmpty())
            out.append({v.check, QString(), QString()});
        for (const QString &c : v.containers)
            out.append({v.check, c, QString()});
    }
    return out;
}

QString PodSecurity::forbiddenDetail(const QList<PssViolation> &violations)
{
    QStringList parts;
    for (const PssViolation &v : violations)
        parts.append(v.detail.isEmpty() ? v.summary : v.summary + u" ("_s + v.detail + u')');
    return parts.join(u", "_s);
}

QString PodSecurity::forbiddenMessage(const QString &name, PssLevel level, PssVersion version,
                                      const QList<PssViolation> &violations, const QString &resource)
{
    if (violations.isEmpty())
        return QString();
    const QString subject = name.isEmpty() ? resource : resource + u' ' + goQuote(name);
    return subject + u" is forbidden: violates PodSecurity "_s + goQuote(policyName(level, version)) + u": "_s
        + forbiddenDetail(violations);
}

QString PodSecurity::warningMessage(PssLevel level, PssVersion version, const QList<PssViolation> &violations)
{
    if (violations.isEmpty())
        return QString();
    return u"would violate PodSecurity "_s + goQuote(policyName(level, version)) + u": "_s
        + forbiddenDetail(violations);
}

} // namespace acp::models
