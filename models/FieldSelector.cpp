#include "models/FieldSelector.h"
#include "models/GoQuote.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace acp::models {

using acp::api::ApiError;
using acp::api::Result;

namespace {

constexpr auto badRequest = &ApiError::badRequest;

// fields.splitTerms: split on commas that are not backslash-escaped (escapes kept).
QStringList splitTerms(const QString &selector)
{
    QStringList terms;
    if (selector.isEmpty())
        return terms;
    int start = 0;
    bool inSlash = false;
    for (int i = 0; i < selector.size(); ++i) {
        const QChar c = selector.at(i);
        if (inSlash)
            inSlash = false;
        else if (c == QLatin1Char('\\'))
            inSlash = true;
        else if (c == QLatin1Char(',')) {
            terms << selector.mid(start, i - start);
            start = i + 1;
        }
    }
    terms << selector.mid(start);
    return terms;
}

// fields.splitTerm: the first position where "!=", "==" or "=" starts.
bool splitTerm(const QString &term, QString *lhs, QString *op, QString *rhs)
{
    static const QString ops[] = {QStringLiteral("!="), QStringLiteral("=="), QStringLiteral("=")};
    for (int i = 0; i < term.size(); ++i) {
        for (const QString &o : ops) {
            if (QStringView(term).mid(i).startsWith(o)) {
                *lhs = term.left(i);
                *op = o;
                *rhs = term.mid(i + o.size());
                return true;
            }
        }
    }
    return false;
}

QString jsonScalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    default:
        return QString();
    }
}

QJsonValue valueAtPath(const QJsonObject &object, const QString &path)
{
    QJsonValue cur = object;
    for (QStringView part : QStringView(path).split(QLatin1Char('.'))) {
        if (!cur.isObject())
            return QJsonValue(QJsonValue::Undefined);
        cur = cur.toObject().value(part.toString());
    }
    return cur;
}

QString pathText(const QJsonObject &object, const QString &path, const QString &fallback = QString())
{
    const QJsonValue v = valueAtPath(object, path);
    if (v.isUndefined() || v.isNull())
        return fallback;
    return jsonScalarText(v);
}

// A field label conversion table row: the accepted labels (with optional renames).
struct Conversion {
    QHash<QString, QString> labels; // accepted label -> internal label
    enum Style { Plain, BatchJob } style = Plain;
};

Conversion plain(const QStringList &fields, const QHash<QString, QString> &aliases = {})
{
    Conversion c;
    for (const QString &f : fields)
        c.labels.insert(f, f);
    for (auto it = aliases.begin(); it != aliases.end(); ++it)
        c.labels.insert(it.key(), it.value());
    return c;
}

QString key(const QString &group, const QString &resource)
{
    return group + QLatin1Char('/') + resource;
}

const QHash<QString, Conversion> &conversions()
{
    static const QHash<QString, Conversion> table = [] {
        QHash<QString, Conversion> t;
        const QString mn = QStringLiteral("metadata.name");
        const QString mns = QStringLiteral("metadata.namespace");
        t.insert(key({}, QStringLiteral("pods")),
                 plain({mn, mns, QStringLiteral("spec.nodeName"), QStringLiteral("spec.restartPolicy"),
                        QStringLiteral("spec.schedulerName"), QStringLiteral("spec.serviceAccountName"),
                        QStringLiteral("spec.hostNetwork"), QStringLiteral("status.phase"), QStringLiteral("status.podIP"),
                        QStringLiteral("status.podIPs"), QStringLiteral("status.nominatedNodeName")},
                       {{QStringLiteral("spec.host"), QStringLiteral("spec.nodeName")}}));
        t.insert(key({}, QStringLiteral("nodes")), plain({mn, QStringLiteral("spec.unschedulable")}));
        t.insert(key({}, QStringLiteral("replicationcontrollers")), plain({mn, mns, QStringLiteral("status.replicas")}));
        t.insert(key({}, QStringLiteral("events")),
                 plain({QStringLiteral("involvedObject.kind"), QStringLiteral("involvedObject.namespace"),
                        QStringLiteral("involvedObject.name"), QStringLiteral("involvedObject.uid"),
                        QStringLiteral("involvedObject.apiVersion"), QStringLiteral("involvedObject.resourceVersion"),
                        QStringLiteral("involvedObject.fieldPath"), QStringLiteral("reason"),
                        QStringLiteral("reportingComponent"), QStringLiteral("source"), QStringLiteral("type"), mns, mn}));
        t.insert(key({}, QStringLiteral("namespaces")), plain({QStringLiteral("status.phase"), mn}));
        t.insert(key({}, QStringLiteral("secrets")), plain({QStringLiteral("type"), mns, mn}));
        t.insert(key({}, QStringLiteral("services")),
                 plain({mns, mn, QStringLiteral("spec.clusterIP"), QStringLiteral("spec.type")}));
        Conversion job = plain({mn, mns, QStringLiteral("status.successful")});
        job.style = Conversion::BatchJob;
        t.insert(key(QStringLiteral("batch"), QStringLiteral("jobs")), job);
        t.insert(key(QStringLiteral("certificates.k8s.io"), QStringLiteral("certificatesigningrequests")),
                 plain({mn, QStringLiteral("spec.signerName")}));
        t.insert(key(QStringLiteral("certificates.k8s.io"), QStringLiteral("clustertrustbundles")),
                 plain({mn, QStringLiteral("spec.signerName")}));
        QHash<QString, QString> ev;
        for (const char *f : {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"})
            ev.insert(QLatin1String("regarding.") + QLatin1String(f), QLatin1String("involvedObject.") + QLatin1String(f));
        ev.insert(QStringLiteral("reportingController"), QStringLiteral("reportingComponent"));
        t.insert(key(QStringLiteral("events.k8s.io"), QStringLiteral("events")),
                 plain({QStringLiteral("reason"), QStringLiteral("source"), QStringLiteral("type"), mns, mn}, ev));
        return t;
    }();
    return table;
}

} // namespace

QString FieldSelector::Requirement::toString() const
{
    return field + (notEquals ? QLatin1String("!=") : QLatin1String("=")) + escapeValue(value);
}

Result<FieldSelector> FieldSelector::parse(const QString &selector)
{
    QStringList parts = splitTerms(selector);
    std::sort(parts.begin(), parts.end());
    FieldSelector s;
    for (const QString &part : parts) {
        if (part.isEmpty())
            continue;
        QString lhs, op, rhs;
        if (!splitTerm(part, &lhs, &op, &rhs))
            return badRequest(QStringLiteral("invalid selector: '%1'; can't understand '%2'").arg(selector, part));
        auto value = unescapeValue(rhs);
        if (!value)
            return value.error();
        s.m_requirements.append({lhs, op == QLatin1String("!="), value.value()});
    }
    return s;
}

FieldSelector FieldSelector::oneTerm(const QString &field, const QString &value, bool notEquals)
{
    FieldSelector s;
    s.m_requirements.append({field, notEquals, value});
    return s;
}

QStringList FieldSelector::fields() const
{
    QStringList out;
    for (const auto &r : m_requirements)
        out << r.field;
    return out;
}

bool FieldSelector::matches(const QJsonObject &object) const
{
    for (const auto &r : m_requirements) {
        if ((fieldValue(object, r.field) == r.value) == r.notEquals)
            return false;
    }
    return true;
}

bool FieldSelector::matches(const QHash<QString, QString> &fieldSet) const
{
    for (const auto &r : m_requirements) {
        if ((fieldSet.value(r.field) == r.value) == r.notEquals)
            return false;
    }
    return true;
}

std::optional<QString> FieldSelector::requiresExactMatch(const QString &field) const
{
    for (const auto &r : m_requirements) {
        if (r.field == field && !r.notEquals)
            return r.value;
    }
    return std::nullopt;
}

QString FieldSelector::toString() const
{
    QStringList parts;
    for (const auto &r : m_requirements)
        parts << r.toString();
    return parts.join(QLatin1Char(','));
}

QString FieldSelector::escapeValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char(',') || c == QLatin1Char('='))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

Result<QString> FieldSelector::unescapeValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    bool inSlash = false;
    for (int i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (inSlash) {
            if (c != QLatin1Char('\\') && c != QLatin1Char(',') && c != QLatin1Char('='))
                return badRequest(QLatin1String("invalid field selector: invalid escape sequence: \\") + c);
            out += c;
            inSlash = false;
            continue;
        }
        if (c == QLatin1Char('\\')) {
            inSlash = true;
        } else if (c == QLatin1Char(',') || c == QLatin1Char('=')) {
            // Go prints the rune with %v: its code point in decimal.
            return badRequest(QStringLiteral("invalid field selector: unescaped character in value: %1").arg(c.unicode()));
        } else {
            out += c;
        }
    }
    if (inSlash)
        return badRequest(QStringLiteral("invalid field selector: invalid escape sequence: \\"));
    return out;
}

QString FieldSelector::fieldValue(const QJsonObject &object, const QString &field)
{
    const QString kind = object.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("Event")) {
        const bool newApi = object.value(QLatin1String("apiVersion")).toString().startsWith(QLatin1String("events.k8s.io/"));
        if (newApi) {
            if (field.startsWith(QLatin1String("involvedObject.")))
                return pathText(object, QLatin1String("regarding.") + field.mid(15));
            if (field == QLatin1String("reportingComponent"))
                return pathText(object, QStringLiteral("reportingController"));
            if (field == QLatin1String("source"))
                return pathText(object, QStringLiteral("deprecatedSource.component"));
        } else if (field == QLatin1String("source")) {
            return pathText(object, QStringLiteral("source.component"));
        }
    } else if (kind == QLatin1String("Job") && field == QLatin1String("status.successful")) {
        return pathText(object, QStringLiteral("status.succeeded"), QStringLiteral("0"));
    } else if (kind == QLatin1String("Pod")) {
        if (field == QLatin1String("spec.hostNetwork"))
            return pathText(object, field, QStringLiteral("false"));
        if (field == QLatin1String("status.podIP")) {
            const QJsonArray ips = valueAtPath(object, QStringLiteral("status.podIPs")).toArray();
            if (!ips.isEmpty())
                return ips.first().toObject().value(QLatin1String("ip")).toString();
            return pathText(object, field);
        }
    } else if (kind == QLatin1String("Node") && field == QLatin1String("spec.unschedulable")) {
        return pathText(object, field, QStringLiteral("false"));
    } else if ((kind == QLatin1String("ReplicationController") || kind == QLatin1String("ReplicaSet"))
               && field == QLatin1String("status.replicas")) {
        return pathText(object, field, QStringLiteral("0"));
    }
    return pathText(object, field);
}

bool FieldSelector::isBuiltInGroup(const QString &group)
{
    static const QSet<QString> groups{
        QString(), QStringLiteral("apps"), QStringLiteral("batch"), QStringLiteral("autoscaling"),
        QStringLiteral("policy"), QStringLiteral("extensions"), QStringLiteral("admissionregistration.k8s.io"),
        QStringLiteral("apiextensions.k8s.io"), QStringLiteral("apiregistration.k8s.io"),
        QStringLiteral("authentication.k8s.io"), QStringLiteral("authorization.k8s.io"),
        QStringLiteral("certificates.k8s.io"), QStringLiteral("coordination.k8s.io"), QStringLiteral("discovery.k8s.io"),
        QStringLiteral("events.k8s.io"), QStringLiteral("flowcontrol.apiserver.k8s.io"),
        QStringLiteral("internal.apiserver.k8s.io"), QStringLiteral("networking.k8s.io"), QStringLiteral("node.k8s.io"),
        QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("resource.k8s.io"), QStringLiteral("scheduling.k8s.io"),
        QStringLiteral("storage.k8s.io"), QStringLiteral("storagemigration.k8s.io")};
    return groups.contains(group);
}

Result<QString> FieldSelector::convertFieldLabel(const QString &group, const QString &resource, const QString &field)
{
    const auto it = conversions().constFind(key(group, resource));
    if (it != conversions().constEnd()) {
        const auto label = it->labels.constFind(field);
        if (label != it->labels.constEnd())
            return *label;
        if (it->style == Conversion::BatchJob)
            return badRequest(QLatin1String("field label ") + goQuote(field) + QLatin1String(" not supported for batchv1.Job"));
        return badRequest(QLatin1String("field label not supported: ") + field);
    }
    if (!isBuiltInGroup(group))
        return convertCustomResourceFieldLabel(field, true);
    // runtime.DefaultMetaV1FieldSelectorConversion
    if (field == QLatin1String("metadata.name") || field == QLatin1String("metadata.namespace"))
        return field;
    return badRequest(goQuote(field) + QLatin1String(" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
}

Result<QString> FieldSelector::convertCustomResourceFieldLabel(const QString &field, bool namespaced,
                                                               const QStringList &selectableFields)
{
    if (field == QLatin1String("metadata.name") || (namespaced && field == QLatin1String("metadata.namespace"))
        || selectableFields.contains(field))
        return field;
    return badRequest(QLatin1String("field label not supported: ") + field);
}

bool FieldSelector::isFieldSupported(const QString &group, const QString &resource, const QString &field)
{
    return convertFieldLabel(group, resource, field).ok();
}

QStringList FieldSelector::supportedFields(const QString &group, const QString &resource)
{
    const auto it = conversions().constFind(key(group, resource));
    if (it == conversions().constEnd())
        return {QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace")};
    QStringList out;
    for (auto l = it->labels.begin(); l != it->labels.end(); ++l) {
        if (l.key() == l.value() || group == QLatin1String("events.k8s.io"))
            out << l.key();
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<FieldSelector> FieldSelector::convertedFor(const QString &group, const QString &resource) const
{
    FieldSelector out;
    for (const auto &r : m_requirements) {
        auto converted = convertFieldLabel(group, resource, r.field);
        if (!converted)
            return converted.error();
        out.m_requirements.append({converted.value(), r.notEquals, r.value});
    }
    return out;
}

} // namespace acp::models
