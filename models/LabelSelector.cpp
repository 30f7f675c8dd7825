#include "models/LabelSelector.h"
#include "models/GoQuote.h"
#include "models/LabelSelectorParser.h"

#include <QJsonArray>
#include <algorithm>

namespace acp::models {

using acp::api::ApiError;
using acp::api::Result;

namespace {

constexpr auto badRequest = &ApiError::badRequest;

// ---- validation (k8s.io/apimachinery/pkg/util/validation) ----

const QLatin1String kQualifiedNameFmt("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
const QLatin1String kQualifiedNameErrMsg("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
const QLatin1String kLabelValueFmt("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
const QLatin1String kLabelValueErrMsg("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
const QLatin1String kDns1123SubdomainFmt("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
const QLatin1String kDns1123SubdomainErrMsg("a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");

QString regexError(const QString &msg, const QString &fmt, const QStringList &examples)
{
    if (examples.isEmpty())
        return msg + QLatin1String(" (regex used for validation is '") + fmt + QLatin1String("')");
    QString out = msg + QLatin1String(" (e.g. ");
    for (int i = 0; i < examples.size(); ++i) {
        if (i > 0)
            out += QLatin1String(" or ");
        out += QLatin1Char('\'') + examples.at(i) + QLatin1String("', ");
    }
    return out + QLatin1String("regex used for validation is '") + fmt + QLatin1String("')");
}

QString maxLenError(int length)
{
    return QStringLiteral("must be no more than %1 characters").arg(length);
}

bool isAlnum(QChar c)
{
    const ushort u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
}

// ^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$
bool isQualifiedNamePart(const QString &s)
{
    if (s.isEmpty() || !isAlnum(s.front()) || !isAlnum(s.back()))
        return false;
    for (const QChar c : s) {
        if (!isAlnum(c) && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            return false;
    }
    return true;
}

bool isDns1123Label(QStringView s)
{
    auto ok = [](QChar c) { return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')); };
    if (s.isEmpty() || !ok(s.front()) || !ok(s.back()))
        return false;
    for (const QChar c : s) {
        if (!ok(c) && c != QLatin1Char('-'))
            return false;
    }
    return true;
}

QStringList validateDns1123Subdomain(const QString &value)
{
    QStringList errs;
    if (value.toUtf8().size() > 253)
        errs << maxLenError(253);
    bool ok = true;
    for (QStringView part : QStringView(value).split(QLatin1Char('.')))
        ok = ok && isDns1123Label(part);
    if (!ok)
        errs << regexError(kDns1123SubdomainErrMsg, kDns1123SubdomainFmt, {QStringLiteral("example.com")});
    return errs;
}

// ---- field.Error rendering ----

QString childPath(const QString &base, const QString &name)
{
    return base.isEmpty() ? name : base + QLatin1Char('.') + name;
}

// json.Marshal of a []string (nil slice -> null).
QString jsonStrings(const QStringList &values)
{
    if (values.isEmpty())
        return QStringLiteral("null");
    QStringList quoted;
    for (const QString &v : values) {
        QString q = goQuote(v);
        q.replace(QLatin1Char('<'), QLatin1String("\\u003c"));
        q.replace(QLatin1Char('>'), QLatin1String("\\u003e"));
        q.replace(QLatin1Char('&'), QLatin1String("\\u0026"));
        quoted << q;
    }
    return QLatin1Char('[') + quoted.join(QLatin1Char(',')) + QLatin1Char(']');
}

QString invalid(const QString &path, const QString &renderedValue, const QString &detail)
{
    QString s = (path.isEmpty() ? QStringLiteral("<nil>") : path) + QLatin1String(": Invalid value: ") + renderedValue;
    if (!detail.isEmpty())
        s += QLatin1String(": ") + detail;
    return s;
}

// utilerrors.NewAggregate(...).Error()
QString aggregate(const QStringList &errors)
{
    if (errors.size() == 1)
        return errors.first();
    QStringList seen;
    for (const QString &e : errors) {
        if (!seen.contains(e))
            seen << e;
    }
    if (seen.size() == 1)
        return seen.first();
    return QLatin1Char('[') + seen.join(QLatin1String(", ")) + QLatin1Char(']');
}

bool parseGoInt64(const QString &s, qint64 *out)
{
    if (s.isEmpty())
        return false;
    int i = 0;
    bool neg = false;
    if (s.at(0) == QLatin1Char('+') || s.at(0) == QLatin1Char('-')) {
        neg = s.at(0) == QLatin1Char('-');
        i = 1;
    }
    if (i >= s.size())
        return false;
    quint64 v = 0;
    const quint64 limit = neg ? quint64(1) << 63 : (quint64(1) << 63) - 1;
    for (; i < s.size(); ++i) {
        const ushort c = s.at(i).unicode();
        if (c < '0' || c > '9')
            return false;
        if (v > (limit - (c - '0')) / 10)
            return false;
        v = v * 10 + (c - '0');
    }
    *out = neg ? qint64(0 - v) : qint64(v);
    return true;
}

using Op = LabelSelector::Operator;

template <typename Lookup>
bool requirementMatches(const LabelSelector::Requirement &r, Lookup lookup)
{
    const std::optional<QString> v = lookup(r.key);
    switch (r.op) {
    case Op::In:
    case Op::Equals:
    case Op::DoubleEquals:
        return v && r.values.contains(*v);
    case Op::NotIn:
    case Op::NotEquals:
        return !v || !r.values.contains(*v);
    case Op::Exists:
        return v.has_value();
    case Op::DoesNotExist:
        return !v;
    case Op::GreaterThan:
    case Op::LessThan: {
        qint64 have = 0, want = 0;
        if (!v || r.values.size() != 1 || !parseGoInt64(*v, &have) || !parseGoInt64(r.values.first(), &want))
            return false;
        return r.op == Op::GreaterThan ? have > want : have < want;
    }
    }
    return false;
}

template <typename Lookup>
bool selectorMatches(const LabelSelector &s, Lookup lookup)
{
    if (s.isNothing())
        return false;
    for (const auto &r : s.requirements()) {
        if (!requirementMatches(r, lookup))
            return false;
    }
    return true;
}

void sortByKey(QList<LabelSelector::Requirement> &reqs)
{
    std::stable_sort(reqs.begin(), reqs.end(), [](const auto &a, const auto &b) { return a.key < b.key; });
}

} // namespace

// ---- LabelSelector ----

QString LabelSelector::Requirement::toString() const
{
    QString s;
    if (op == Operator::DoesNotExist)
        s += QLatin1Char('!');
    s += key;
    switch (op) {
    case Operator::Equals: s += QLatin1Char('='); break;
    case Operator::DoubleEquals: s += QLatin1String("=="); break;
    case Operator::NotEquals: s += QLatin1String("!="); break;
    case Operator::In: s += QLatin1String(" in "); break;
    case Operator::NotIn: s += QLatin1String(" notin "); break;
    case Operator::GreaterThan: s += QLatin1Char('>'); break;
    case Operator::LessThan: s += QLatin1Char('<'); break;
    case Operator::Exists:
    case Operator::DoesNotExist:
        return s;
    }
    const bool set = op == Operator::In || op == Operator::NotIn;
    if (set)
        s += QLatin1Char('(');
    if (values.size() == 1) {
        s += values.first();
    } else {
        QStringList sorted = values;
        std::sort(sorted.begin(), sorted.end());
        s += sorted.join(QLatin1Char(','));
    }
    if (set)
        s += QLatin1Char(')');
    return s;
}

LabelSelector LabelSelector::nothing()
{
    LabelSelector s;
    s.m_nothing = true;
    return s;
}

Result<LabelSelector> LabelSelector::parse(const QString &selector)
{
    auto reqs = LabelSelectorParser::parse(selector);
    if (!reqs)
        return reqs.error();
    LabelSelector s;
    s.m_requirements = reqs.value();
    sortByKey(s.m_requirements);
    return s;
}

Result<LabelSelector> LabelSelector::fromJson(const QJsonObject &labelSelector)
{
    const QJsonObject matchLabels = labelSelector.value(QLatin1String("matchLabels")).toObject();
    const QJsonArray exprs = labelSelector.value(QLatin1String("matchExpressions")).toArray();
    LabelSelector s;
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        auto r = makeRequirement(it.key(), Operator::Equals, {it.value().toString()});
        if (!r)
            return r.error();
        s.m_requirements.append(r.value());
    }
    for (const QJsonValue &e : exprs) {
        const QJsonObject expr = e.toObject();
        const QString opName = expr.value(QLatin1String("operator")).toString();
        Operator op;
        if (opName == QLatin1String("In"))
            op = Operator::In;
        else if (opName == QLatin1String("NotIn"))
            op = Operator::NotIn;
        else if (opName == QLatin1String("Exists"))
            op = Operator::Exists;
        else if (opName == QLatin1String("DoesNotExist"))
            op = Operator::DoesNotExist;
        else
            return badRequest(goQuote(opName) + QLatin1String(" is not a valid label selector operator"));
        QStringList values;
        for (const QJsonValue &v : expr.value(QLatin1String("values")).toArray())
            values << v.toString();
        auto r = makeRequirement(expr.value(QLatin1String("key")).toString(), op, values);
        if (!r)
            return r.error();
        s.m_requirements.append(r.value());
    }
    sortByKey(s.m_requirements);
    return s;
}

Result<LabelSelector> LabelSelector::fromJsonValue(const QJsonValue &labelSelector)
{
    if (labelSelector.isNull() || labelSelector.isUndefined())
        return nothing();
    return fromJson(labelSelector.toObject());
}

LabelSelector LabelSelector::fromSet(const QMap<QString, QString> &set)
{
    LabelSelector s;
    for (auto it = set.begin(); it != set.end(); ++it)
        s.m_requirements.append({it.key(), Operator::Equals, {it.value()}});
    return s; // QMap iterates in key order
}

Result<LabelSelector::Requirement> LabelSelector::makeRequirement(const QString &key, Operator op,
                                                                  const QStringList &values, const QString &path)
{
    QStringList errs;
    if (const QStringList e = validateLabelKey(key); !e.isEmpty())
        errs << invalid(childPath(path, QStringLiteral("key")), goQuote(key), e.join(QLatin1String("; ")));
    const QString valuePath = childPath(path, QStringLiteral("values"));
    auto indexPath = [&](int i) -> QString { return valuePath + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'); };
    switch (op) {
    case Operator::In:
    case Operator::NotIn:
        if (values.isEmpty())
            errs << invalid(valuePath, jsonStrings(values), QStringLiteral("for 'in', 'notin' operators, values set can't be empty"));
        break;
    case Operator::Equals:
    case Operator::DoubleEquals:
    case Operator::NotEquals:
        if (values.size() != 1)
            errs << invalid(valuePath, jsonStrings(values), QStringLiteral("exact-match compatibility requires one single value"));
        break;
    case Operator::Exists:
    case Operator::DoesNotExist:
        if (!values.isEmpty())
            errs << invalid(valuePath, jsonStrings(values), QStringLiteral("values set must be empty for exists and does not exist"));
        break;
    case Operator::GreaterThan:
    case Operator::LessThan:
        if (values.size() != 1)
            errs << invalid(valuePath, jsonStrings(values), QStringLiteral("for 'Gt', 'Lt' operators, exactly one value is required"));
        for (int i = 0; i < values.size(); ++i) {
            qint64 dummy = 0;
            if (!parseGoInt64(values.at(i), &dummy))
                errs << invalid(indexPath(i), goQuote(values.at(i)), QStringLiteral("for 'Gt', 'Lt' operators, the value must be an integer"));
        }
        break;
    }
    for (int i = 0; i < values.size(); ++i) {
        if (const QStringList e = validateLabelValue(values.at(i)); !e.isEmpty())
            errs << invalid(indexPath(i) + QLatin1Char('[') + key + QLatin1Char(']'), goQuote(values.at(i)), e.join(QLatin1String("; ")));
    }
    if (!errs.isEmpty())
        return badRequest(aggregate(errs));
    return Requirement{key, op, values};
}

QStringList LabelSelector::validateLabelKey(const QString &value)
{
    QStringList errs;
    const QStringList parts = value.split(QLatin1Char('/'));
    QString name;
    if (parts.size() == 1) {
        name = parts.at(0);
    } else if (parts.size() == 2) {
        const QString prefix = parts.at(0);
        name = parts.at(1);
        if (prefix.isEmpty()) {
            errs << QStringLiteral("prefix part must be non-empty");
        } else {
            for (const QString &m : validateDns1123Subdomain(prefix))
                errs << QLatin1String("prefix part ") + m;
        }
    } else {
        errs << QLatin1String("a qualified name ")
                    + regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {QStringLiteral("MyName"), QStringLiteral("my.name"), QStringLiteral("123-abc")})
                    + QLatin1String(" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
    }
    if (name.isEmpty())
        errs << QStringLiteral("name part must be non-empty");
    else if (name.toUtf8().size() > 63)
        errs << QLatin1String("name part ") + maxLenError(63);
    if (!isQualifiedNamePart(name))
        errs << QLatin1String("name part ") + regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {QStringLiteral("MyName"), QStringLiteral("my.name"), QStringLiteral("123-abc")});
    return errs;
}

QStringList LabelSelector::validateLabelValue(const QString &value)
{
    QStringList errs;
    if (value.toUtf8().size() > 63)
        errs << maxLenError(63);
    if (!value.isEmpty() && !isQualifiedNamePart(value))
        errs << regexError(kLabelValueErrMsg, kLabelValueFmt, {QStringLiteral("MyValue"), QStringLiteral("my_value"), QStringLiteral("12345")});
    return errs;
}

LabelSelector LabelSelector::adding(const Requirement &requirement) const
{
    LabelSelector s = *this;
    s.m_nothing = false;
    s.m_requirements.append(requirement);
    sortByKey(s.m_requirements);
    return s;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    return selectorMatches(*this, [&](const QString &k) -> std::optional<QString> {
        const auto it = labels.constFind(k);
        if (it == labels.constEnd())
            return std::nullopt;
        return it->isString() ? it->toString() : it->toVariant().toString();
    });
}

bool LabelSelector::matches(const QMap<QString, QString> &labels) const
{
    return selectorMatches(*this, [&](const QString &k) -> std::optional<QString> {
        const auto it = labels.constFind(k);
        return it == labels.constEnd() ? std::nullopt : std::optional<QString>(*it);
    });
}

bool LabelSelector::matches(const QHash<QString, QString> &labels) const
{
    return selectorMatches(*this, [&](const QString &k) -> std::optional<QString> {
        const auto it = labels.constFind(k);
        return it == labels.constEnd() ? std::nullopt : std::optional<QString>(*it);
    });
}

bool LabelSelector::matches(const QList<QPair<QString, QString>> &labels) const
{
    return selectorMatches(*this, [&](const QString &k) -> std::optional<QString> {
        for (const auto &kv : labels) {
            if (kv.first == k)
                return kv.second;
        }
        return std::nullopt;
    });
}

std::optional<QString> LabelSelector::requiresExactMatch(const QString &label) const
{
    for (const auto &r : m_requirements) {
        if (r.key != label)
            continue;
        if ((r.op == Operator::Equals || r.op == Operator::DoubleEquals || r.op == Operator::In) && r.values.size() == 1)
            return r.values.first();
        return std::nullopt;
    }
    return std::nullopt;
}

QString LabelSelector::toString() const
{
    QStringList parts;
    for (const auto &r : m_requirements)
        parts << r.toString();
    return parts.join(QLatin1Char(','));
}

} // namespace acp::models
