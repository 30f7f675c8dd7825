// KyvernoPodSecurity: Kyverno's podSecurity sub-rule over models::PodSecurity.
#include "sandbox/KyvernoPodSecurity.h"

#include "models/PodSecurity.h"
#include "sandbox/KyvernoPattern.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>

namespace acp::sandbox {

using models::PodSecurity;
using models::PssLevel;
using models::PssVersion;

namespace {

// pkg/pss/utils/mapping.go PSS_control_name_to_ids.
const QList<QPair<QString, QStringList>> &controls()
{
    static const QList<QPair<QString, QStringList>> table{
        {QStringLiteral("Capabilities"), {QStringLiteral("capabilities_baseline"), QStringLiteral("capabilities_restricted")}},
        {QStringLiteral("Seccomp"), {QStringLiteral("seccompProfile_baseline"), QStringLiteral("seccompProfile_restricted")}},
        {QStringLiteral("Privileged Containers"), {QStringLiteral("privileged")}},
        {QStringLiteral("Host Ports"), {QStringLiteral("hostPorts")}},
        {QStringLiteral("/proc Mount Type"), {QStringLiteral("procMount")}},
        {QStringLiteral("Host Probes / Lifecycle Hooks"), {QStringLiteral("hostProbesAndHostLifecycle")}},
        {QStringLiteral("HostProcess"), {QStringLiteral("windowsHostProcess")}},
        {QStringLiteral("SELinux"), {QStringLiteral("seLinuxOptions")}},
        {QStringLiteral("Host Namespaces"), {QStringLiteral("hostNamespaces")}},
        {QStringLiteral("HostPath Volumes"), {QStringLiteral("hostPathVolumes")}},
        {QStringLiteral("Sysctls"), {QStringLiteral("sysctls")}},
        {QStringLiteral("AppArmor"), {QStringLiteral("appArmorProfile")}},
        {QStringLiteral("Privilege Escalation"), {QStringLiteral("allowPrivilegeEscalation")}},
        {QStringLiteral("Running as Non-root"), {QStringLiteral("runAsNonRoot")}},
        {QStringLiteral("Running as Non-root user"), {QStringLiteral("runAsUser")}},
        {QStringLiteral("Volume Types"), {QStringLiteral("restrictedVolumes")}},
    };
    return table;
}

// The pod a workload runs: {metadata, spec} of its template; `prefix` is where it sits.
QJsonObject podOf(const QJsonObject &resource, QString *prefix)
{
    const QString kind = resource.value(QLatin1String("kind")).toString();
    QJsonObject tmpl;
    if (kind == QLatin1String("Pod") || kind.isEmpty()) {
        prefix->clear();
        return resource;
    }
    if (kind == QLatin1String("CronJob")) {
        *prefix = QStringLiteral("spec.jobTemplate.spec.template.");
        tmpl = resource.value(QLatin1String("spec")).toObject().value(QLatin1String("jobTemplate")).toObject()
                   .value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    } else {
        *prefix = QStringLiteral("spec.template.");
        tmpl = resource.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    }
    const QJsonObject meta = resource.value(QLatin1String("metadata")).toObject();
    QJsonObject podMeta = tmpl.value(QLatin1String("metadata")).toObject();
    podMeta.insert(QStringLiteral("name"), meta.value(QLatin1String("name")));
    podMeta.insert(QStringLiteral("namespace"), meta.value(QLatin1String("namespace")));
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
                       {QStringLiteral("metadata"), podMeta}, {QStringLiteral("spec"), tmpl.value(QLatin1String("spec"))}};
}

// Kyverno's evaluatePSS: baseline checks, plus restricted ones (no overrides), by check ID.
QMap<QString, KyvernoPodSecurity::Check> run(const QJsonObject &pod, PssLevel level, PssVersion version)
{
    QMap<QString, KyvernoPodSecurity::Check> out;
    auto add = [&out](const QList<models::PssViolation> &violations) {
        for (const models::PssViolation &v : violations)
            if (!out.contains(v.check))
                out.insert(v.check, KyvernoPodSecurity::Check{v.check, v.summary, v.fields});
    };
    add(PodSecurity::evaluate(pod, PssLevel::Baseline, version));
    if (level == PssLevel::Restricted)
        add(PodSecurity::evaluate(pod, PssLevel::Restricted, version));
    return out;
}

// The value at a PSA field path ("spec.containers[0].securityContext.capabilities.add[1]",
// "metadata.annotations[key]"); undefined when absent.
QJsonValue valueAt(const QJsonObject &root, const QString &path)
{
    static const QRegularExpression token(QStringLiteral("([^.\\[\\]]+)|\\[([^\\]]*)\\]"));
    QJsonValue cur = root;
    auto it = token.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            cur = cur.toObject().value(m.captured(1));
        } else {
            bool isIndex = false;
            const int i = m.captured(2).toInt(&isIndex);
            cur = isIndex && cur.isArray() ? cur.toArray().at(i) : cur.toObject().value(m.captured(2));
        }
        if (cur.isUndefined() || cur.isNull())
            return QJsonValue(QJsonValue::Undefined);
    }
    return cur;
}

QString goText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts << goText(e);
        return QLatin1Char('[') + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

// extractBadValues
QStringList badValues(const QJsonObject &pod, const QString &field)
{
    const QJsonValue v = valueAt(pod, field);
    if (v.isUndefined() || (v.isString() && v.toString().isEmpty()))
        return {};
    if (v.isArray()) {
        QStringList out;
        for (const QJsonValue &e : v.toArray())
            out << goText(e);
        return out;
    }
    return {goText(v)};
}

QString starred(const QString &field)
{
    static const QRegularExpression digits(QStringLiteral("\\d+"));
    QString f = field;
    return f.replace(digits, QStringLiteral("*"));
}

// parseField: the container a container-level field belongs to ("" for pod-level fields).
QString containerOf(const QJsonObject &pod, const QString &field)
{
    static const QRegularExpression re(QStringLiteral("^spec\\.(containers|initContainers|ephemeralContainers)\\[(\\d+)\\]"));
    const auto m = re.match(field);
    if (!m.hasMatch())
        return QString();
    return pod.value(QLatin1String("spec")).toObject().value(m.captured(1)).toArray().at(m.captured(2).toInt()).toObject()
        .value(QLatin1String("name")).toString();
}

QJsonObject fakeContainerPod(QJsonObject pod)
{
    QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("containers"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("fake")}}});
    spec.remove(QStringLiteral("initContainers"));
    spec.remove(QStringLiteral("ephemeralContainers"));
    pod.insert(QStringLiteral("spec"), spec);
    return pod;
}

bool imageMatches(const QStringList &patterns, const QString &image)
{
    for (const QString &p : patterns)
        if (KyvernoPattern::wildcardMatch(p, image))
            return true;
    return false;
}

QJsonObject matchingContainersPod(const QJsonObject &pod, const QStringList &images)
{
    const QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    QJsonObject out;
    for (const char *list : {"containers", "initContainers", "ephemeralContainers"}) {
        QJsonArray kept;
        for (const QJsonValue &c : spec.value(QLatin1String(list)).toArray())
            if (imageMatches(images, c.toObject().value(QLatin1String("image")).toString()))
                kept << c;
        if (!kept.isEmpty())
            out.insert(QLatin1String(list), kept);
    }
    if (!out.contains(QLatin1String("containers")))
        out.insert(QStringLiteral("containers"), QJsonArray());
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), meta.value(QLatin1String("name"))},
                                                                {QStringLiteral("namespace"), meta.value(QLatin1String("namespace"))}}},
                       {QStringLiteral("spec"), out}};
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

// exemptExclusions for one exclude entry.
void exempt(QMap<QString, KyvernoPodSecurity::Check> &checks, const QJsonObject &pod, const QJsonObject &exclude, PssLevel level,
            PssVersion version)
{
    const QStringList images = stringList(exclude.value(QLatin1String("images")));
    const QString restrictedField = exclude.value(QLatin1String("restrictedField")).toString();
    const QStringList values = stringList(exclude.value(QLatin1String("values")));
    const bool containerLevel = !images.isEmpty();
    const QJsonObject probe = containerLevel ? matchingContainersPod(pod, images) : fakeContainerPod(pod);
    const QMap<QString, KyvernoPodSecurity::Check> excluded = run(probe, level, version);
    for (const QString &id : KyvernoPodSecurity::controlCheckIds(exclude.value(QLatin1String("controlName")).toString())) {
        if (!excluded.contains(id) || !checks.contains(id))
            continue;
        KyvernoPodSecurity::Check &target = checks[id];
        for (const QString &exField : excluded.value(id).fields) {
            const QString exStar = starred(exField);
            // A list element ("...capabilities.add[0]") is also named by its list's field, as
            // Kyverno's PSA fork reports it ("...capabilities.add" with the bad values).
            QString listField = exStar;
            if (listField.endsWith(QLatin1String("[*]")))
                listField.chop(3);
            if (!restrictedField.isEmpty() && exStar != restrictedField && listField != restrictedField)
                continue;
            bool flag = true;
            for (const QString &bad : badValues(probe, exField))
                flag = flag && (values.isEmpty() || imageMatches(values, bad));
            if (!flag)
                continue;
            const QString exContainer = containerLevel ? containerOf(probe, exField) : QString();
            for (qsizetype i = 0; i < target.fields.size(); ++i) {
                const QString &f = target.fields.at(i);
                if (starred(f) == exStar && (!containerLevel || containerOf(pod, f) == exContainer)) {
                    target.fields.removeAt(i);
                    break;
                }
            }
        }
        if (target.fields.isEmpty())
            checks.remove(id);
    }
}

// FormatChecksPrint
QString formatChecks(const QList<KyvernoPodSecurity::Check> &checks, const QJsonObject &pod, const QString &prefix)
{
    QString out;
    for (const KyvernoPodSecurity::Check &c : checks) {
        QStringList errs;
        for (const QString &f : c.fields) {
            const QJsonValue v = valueAt(pod, f);
            if (v.isUndefined())
                errs << prefix + f + QStringLiteral(": Required value");
            else
                errs << QStringLiteral("%1 is forbidden, forbidden values found: %2").arg(prefix + f, goText(v));
        }
        out += QStringLiteral("(Forbidden reason: %1, field error list: [%2])").arg(c.reason, errs.join(QStringLiteral(", ")));
    }
    return out;
}

QJsonObject properties(const QList<KyvernoPodSecurity::Check> &checks, const QString &level, const QString &version)
{
    QStringList ids;
    QJsonArray json;
    for (const auto &c : checks) {
        ids << c.id;
        json << QJsonObject{{QStringLiteral("ID"), c.id}, {QStringLiteral("Name"), KyvernoPodSecurity::controlName(c.id)},
                            {QStringLiteral("Images"), QJsonValue::Null}};
    }
    return QJsonObject{{QStringLiteral("standard"), level}, {QStringLiteral("version"), version},
                       {QStringLiteral("controls"), ids.join(QLatin1Char(','))},
                       {QStringLiteral("controlsJSON"), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))}};
}

} // namespace

QString KyvernoPodSecurity::controlName(const QString &checkId)
{
    for (const auto &c : controls())
        if (c.second.contains(checkId))
            return c.first;
    return QString();
}

QStringList KyvernoPodSecurity::controlCheckIds(const QString &name)
{
    for (const auto &c : controls())
        if (c.first == name)
            return c.second;
    return {};
}

KyvernoPodSecurity::Outcome KyvernoPodSecurity::evaluate(const QString &ruleName, const QJsonObject &podSecurity, const QJsonObject &resource)
{
    Outcome out;
    const QString levelText = podSecurity.value(QLatin1String("level")).toString();
    QString versionText = podSecurity.value(QLatin1String("version")).toString();
    const auto level = PodSecurity::parseLevel(levelText);
    const auto version = versionText.isEmpty() ? std::optional<PssVersion>(PssVersion{}) : PodSecurity::parseVersion(versionText);
    if (!level || !version) {
        out.error = true;
        out.allowed = false;
        out.message = QStringLiteral("failed to parse pod security api version: %1").arg(versionText);
        return out;
    }
    QString prefix;
    const QJsonObject pod = podOf(resource, &prefix);
    QMap<QString, Check> checks;
    if (*level != PssLevel::Privileged) {
        checks = run(pod, *level, *version);
        for (const QJsonValue &e : podSecurity.value(QLatin1String("exclude")).toArray())
            exempt(checks, pod, e.toObject(), *level, *version);
    }
    out.checks = checks.values();
    out.allowed = out.checks.isEmpty();
    if (out.allowed) {
        out.message = QStringLiteral("Validation rule '%1' passed.").arg(ruleName);
        return out;
    }
    out.message = QStringLiteral("Validation rule '%1' failed. It violates PodSecurity \"%2:%3\": %4")
                      .arg(ruleName, levelText, versionText, formatChecks(out.checks, pod, prefix));
    out.properties = properties(out.checks, levelText, versionText);
    return out;
}

} // namespace acp::sandbox
