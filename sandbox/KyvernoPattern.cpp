// KyvernoPattern: Kyverno's pattern matcher (pkg/engine/validate/validate.go, pkg/engine/anchor,
// pkg/engine/pattern/pattern.go, pkg/engine/operator).
#include "sandbox/KyvernoPattern.h"

#include "models/Quantity.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <optional>

namespace acp::sandbox {

namespace {

enum class ErrKind { None, Fail, Conditional, Global };

struct Err {
    ErrKind kind = ErrKind::None;
    QString path;
    QString message;
    explicit operator bool() const { return kind != ErrKind::None; }
    bool isSkip() const { return kind == ErrKind::Conditional || kind == ErrKind::Global; }
};

Err fail(const QString &path, const QString &message) { return Err{ErrKind::Fail, path, message}; }

enum class Anchor { None, Condition, Global, Equality, Existence, Negation };

// anchor.Parse: the anchor of a map key and the key without it.
Anchor parseAnchor(const QString &key, QString *bare)
{
    static const QRegularExpression re(QStringLiteral("^(\\+|<|=|\\^|X)?\\((.+)\\)$"));
    const auto m = re.match(key);
    if (!m.hasMatch()) {
        *bare = key;
        return Anchor::None;
    }
    *bare = m.captured(2);
    const QString mod = m.captured(1);
    if (mod.isEmpty())
        return Anchor::Condition;
    if (mod == QLatin1String("<"))
        return Anchor::Global;
    if (mod == QLatin1String("="))
        return Anchor::Equality;
    if (mod == QLatin1String("^"))
        return Anchor::Existence;
    if (mod == QLatin1String("X"))
        return Anchor::Negation;
    *bare = key; // +() is a mutate anchor: a plain key for validation
    return Anchor::None;
}

QString goValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QStringLiteral("<nil>");
    default: return QStringLiteral("map[...]");
    }
}

bool isNil(const QJsonValue &v) { return v.isNull() || v.isUndefined(); }

Err validateElement(const QJsonValue &resource, const QJsonValue &pattern, const QString &path);

bool containsAnchor(const QJsonValue &v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QString bare;
            if (parseAnchor(it.key(), &bare) != Anchor::None || containsAnchor(it.value()))
                return true;
        }
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            if (containsAnchor(e))
                return true;
    }
    return false;
}

// wildcards.ExpandInMetadata, generalised: a pattern key with wildcards stands for every
// resource key it matches (the anchor kept); with no match it is kept as written.
QList<QPair<QString, QJsonValue>> expandKeys(const QJsonObject &pattern, const QJsonObject &resource)
{
    QList<QPair<QString, QJsonValue>> out;
    for (auto it = pattern.begin(); it != pattern.end(); ++it) {
        QString bare;
        const Anchor a = parseAnchor(it.key(), &bare);
        if (!KyvernoPattern::hasWildcard(bare)) {
            out.append({it.key(), it.value()});
            continue;
        }
        const QString prefix = it.key().left(it.key().size() - bare.size() - (a == Anchor::None ? 0 : 1));
        const QString suffix = a == Anchor::None ? QString() : QStringLiteral(")");
        bool any = false;
        for (auto r = resource.begin(); r != resource.end(); ++r) {
            if (KyvernoPattern::wildcardMatch(bare, r.key())) {
                out.append({prefix + r.key() + suffix, it.value()});
                any = true;
            }
        }
        if (!any)
            out.append({it.key(), it.value()});
    }
    return out;
}

Err conditionalAnchor(const QJsonObject &resource, const QString &key, const QJsonValue &pattern, const QString &path, ErrKind kind)
{
    const QString current = path + key + QLatin1Char('/');
    if (!resource.contains(key))
        return Err{kind, current, QStringLiteral("conditional anchor key doesn't exist in the resource")};
    if (Err e = validateElement(resource.value(key), pattern, current))
        return Err{kind, e.path, e.message};
    return {};
}

Err existenceAnchor(const QJsonObject &resource, const QString &key, const QJsonValue &pattern, const QString &path)
{
    const QString current = path + key + QLatin1Char('/');
    if (!resource.contains(key))
        return {};
    const QJsonValue value = resource.value(key);
    if (!value.isArray() || !pattern.isArray() || pattern.toArray().isEmpty())
        return fail(current, QStringLiteral("invalid value at path %1: existence anchor ^() applies to lists only").arg(current));
    const QJsonValue first = pattern.toArray().first();
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i)
        if (!validateElement(items.at(i), first, current + QString::number(i) + QLatin1Char('/')))
            return {};
    return fail(current, QStringLiteral("existence anchor validation failed at path %1").arg(current));
}

Err keyHandler(const QJsonObject &resource, const QString &key, const QJsonValue &pattern, const QString &path)
{
    QString bare;
    const Anchor a = parseAnchor(key, &bare);
    const QString current = path + bare + QLatin1Char('/');
    switch (a) {
    case Anchor::Equality:
        return resource.contains(bare) ? validateElement(resource.value(bare), pattern, current) : Err{};
    case Anchor::Negation:
        return resource.contains(bare) ? fail(current, QStringLiteral("%1 is not allowed").arg(current)) : Err{};
    case Anchor::Existence:
        return existenceAnchor(resource, bare, pattern, path);
    case Anchor::Condition:
        return conditionalAnchor(resource, bare, pattern, path, ErrKind::Conditional);
    case Anchor::Global:
        return conditionalAnchor(resource, bare, pattern, path, ErrKind::Global);
    case Anchor::None:
        break;
    }
    if (pattern.isString() && pattern.toString() == QLatin1String("*")) {
        if (!isNil(resource.value(bare)))
            return {};
        return fail(path, QStringLiteral("%1/%2 not found").arg(path, bare));
    }
    return validateElement(resource.value(bare), pattern, current);
}

Err validateMap(const QJsonObject &resource, const QJsonObject &pattern, const QString &path)
{
    const QList<QPair<QString, QJsonValue>> keys = expandKeys(pattern, resource);
    // Phase 1: conditional and global anchors; phase 2: the other keys, those holding nested
    // anchors first (getSortedNestedAnchorResource).
    QList<QPair<QString, QJsonValue>> nested, plain;
    for (const auto &kv : keys) {
        QString bare;
        const Anchor a = parseAnchor(kv.first, &bare);
        if (a == Anchor::Condition || a == Anchor::Global) {
            if (Err e = keyHandler(resource, kv.first, kv.second, path))
                return e;
        } else if (containsAnchor(kv.second)) {
            nested.append(kv);
        } else {
            plain.append(kv);
        }
    }
    for (const auto &kv : nested + plain)
        if (Err e = keyHandler(resource, kv.first, kv.second, path))
            return e;
    return {};
}

Err validateArray(const QJsonArray &resource, const QJsonArray &pattern, const QString &path)
{
    if (pattern.isEmpty())
        return fail(path, QStringLiteral("pattern Array empty"));
    if (pattern.first().isObject()) {
        int applied = 0;
        Err skipped;
        for (qsizetype i = 0; i < resource.size(); ++i) {
            Err e = validateElement(resource.at(i), pattern.first(), path + QString::number(i) + QLatin1Char('/'));
            if (e.isSkip()) {
                if (!skipped)
                    skipped = e;
                continue;
            }
            if (e)
                return e;
            ++applied;
        }
        if (applied == 0 && skipped)
            return skipped;
        return {};
    }
    if (resource.size() < pattern.size())
        return fail(path, QStringLiteral("validate Array failed, array length mismatch, resource Array len is %1 and pattern Array len is %2")
                              .arg(resource.size()).arg(pattern.size()));
    for (qsizetype i = 0; i < pattern.size(); ++i)
        if (Err e = validateElement(resource.at(i), pattern.at(i), path + QString::number(i) + QLatin1Char('/')))
            return e;
    return {};
}

Err validateElement(const QJsonValue &resource, const QJsonValue &pattern, const QString &path)
{
    if (pattern.isObject()) {
        if (!resource.isObject())
            return fail(path, QStringLiteral("pattern and resource have different structures. Path: %1. Expected map, found %2")
                                  .arg(path, goValue(resource)));
        return validateMap(resource.toObject(), pattern.toObject(), path);
    }
    if (pattern.isArray()) {
        if (!resource.isArray())
            return fail(path, QStringLiteral("validation rule failed at path %1, resource does not satisfy the expected overlay pattern").arg(path));
        return validateArray(resource.toArray(), pattern.toArray(), path);
    }
    if (!KyvernoPattern::matchValue(resource, pattern))
        return fail(path, QStringLiteral("value '%1' does not match '%2' at path %3").arg(goValue(resource), goValue(pattern), path));
    return {};
}

// --- scalar patterns (pkg/engine/pattern) -------------------------------------------------

enum class Op { Equal, NotEqual, More, Less, MoreEqual, LessEqual, InRange, NotInRange };

Op operatorOf(const QString &p)
{
    if (p.size() < 2)
        return Op::Equal;
    if (p.startsWith(QLatin1String(">=")))
        return Op::MoreEqual;
    if (p.startsWith(QLatin1String("<=")))
        return Op::LessEqual;
    if (p.startsWith(QLatin1Char('>')))
        return Op::More;
    if (p.startsWith(QLatin1Char('<')))
        return Op::Less;
    if (p.startsWith(QLatin1Char('!')))
        return Op::NotEqual;
    static const QRegularExpression notIn(QStringLiteral("^(\\d+(\\.\\d+)?)([^-]*)!-(\\d+(\\.\\d+)?)([^-]*)$"));
    static const QRegularExpression in(QStringLiteral("^(\\d+(\\.\\d+)?)([^-]*)-(\\d+(\\.\\d+)?)([^-]*)$"));
    if (notIn.match(p).hasMatch())
        return Op::NotInRange;
    if (in.match(p).hasMatch())
        return Op::InRange;
    return Op::Equal;
}

int operatorLength(Op op)
{
    switch (op) {
    case Op::MoreEqual:
    case Op::LessEqual: return 2;
    case Op::More:
    case Op::Less:
    case Op::NotEqual: return 1;
    default: return 0;
    }
}

std::optional<QString> scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    return std::nullopt;
}

bool validateString(const QJsonValue &value, const QString &pattern, Op op)
{
    if (op != Op::Equal && op != Op::NotEqual)
        return false;
    const auto text = scalarText(value);
    if (!text)
        return false;
    const bool m = KyvernoPattern::wildcardMatch(pattern, *text);
    return op == Op::NotEqual ? !m : m;
}

bool compare(int c, Op op)
{
    switch (op) {
    case Op::Equal: return c == 0;
    case Op::NotEqual: return c != 0;
    case Op::More: return c > 0;
    case Op::Less: return c < 0;
    case Op::MoreEqual: return c >= 0;
    case Op::LessEqual: return c <= 0;
    default: return false;
    }
}

std::optional<models::Quantity> quantityOf(const QJsonValue &v)
{
    if (v.isBool() || isNil(v))
        return std::nullopt;
    const auto text = scalarText(v);
    if (!text)
        return std::nullopt;
    auto q = models::Quantity::parse(*text);
    if (!q)
        return std::nullopt;
    return *q;
}

bool validateRange(const QJsonValue &value, const QString &pattern, Op op)
{
    const QString sep = op == Op::NotInRange ? QStringLiteral("!-") : QStringLiteral("-");
    const qsizetype at = pattern.indexOf(sep);
    const auto lo = models::Quantity::parse(pattern.left(at).trimmed());
    const auto hi = models::Quantity::parse(pattern.mid(at + sep.size()).trimmed());
    const auto v = quantityOf(value);
    if (!lo || !hi || !v)
        return false;
    const bool inside = v->compare(*lo) >= 0 && v->compare(*hi) <= 0;
    return op == Op::InRange ? inside : !inside;
}

bool validateStringPattern(const QJsonValue &value, QString pattern)
{
    if (pattern == QLatin1String("*"))
        return !isNil(value);
    const Op op = operatorOf(pattern);
    if (op == Op::InRange || op == Op::NotInRange)
        return validateRange(value, pattern, op);
    pattern = pattern.mid(operatorLength(op)).trimmed();
    static const QRegularExpression numberPart(QStringLiteral("^[+\\-]?(\\d+\\.?\\d*|\\.\\d+)"));
    if (!numberPart.match(pattern).hasMatch())
        return validateString(value, pattern, op);
    if (const auto p = models::Quantity::parse(pattern)) {
        const auto v = quantityOf(value);
        return v && compare(v->compare(*p), op);
    }
    return validateString(value, pattern, op);
}

bool validateAlternatives(const QJsonValue &value, const QString &pattern)
{
    if (value.isString() && value.toString() == pattern)
        return true;
    for (const QString &alternative : pattern.split(QLatin1Char('|'))) {
        bool all = true;
        for (const QString &condition : alternative.split(QLatin1Char('&')))
            all = all && validateStringPattern(value, condition.trimmed());
        if (all)
            return true;
    }
    return false;
}

} // namespace

bool KyvernoPattern::matchValue(const QJsonValue &value, const QJsonValue &pattern)
{
    switch (pattern.type()) {
    case QJsonValue::Bool:
        return value.isBool() && value.toBool() == pattern.toBool();
    case QJsonValue::Double: {
        if (value.isDouble())
            return value.toDouble() == pattern.toDouble();
        bool ok = false;
        const double d = value.isString() ? value.toString().toDouble(&ok) : 0;
        return ok && d == pattern.toDouble();
    }
    case QJsonValue::String:
        return validateAlternatives(value, pattern.toString());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        // validateValueWithNilPattern: nil, "", 0 and false are "empty".
        return isNil(value) || (value.isString() && value.toString().isEmpty()) || (value.isDouble() && value.toDouble() == 0)
            || (value.isBool() && !value.toBool());
    case QJsonValue::Object:
        return value.isObject();
    case QJsonValue::Array:
        return false;
    }
    return false;
}

bool KyvernoPattern::hasWildcard(const QString &text)
{
    return text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?'));
}

bool KyvernoPattern::wildcardMatch(const QString &pattern, const QString &text)
{
    // Iterative glob with backtracking to the last `*`.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern.at(p) == QLatin1Char('?') || pattern.at(p) == text.at(t))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

PatternResult KyvernoPattern::match(const QJsonValue &resource, const QJsonValue &pattern)
{
    const Err e = validateElement(resource, pattern, QStringLiteral("/"));
    PatternResult r;
    if (!e)
        return r;
    r.status = e.isSkip() ? PatternResult::Skip : PatternResult::Fail;
    r.path = e.path;
    r.error = e.message;
    return r;
}

} // namespace acp::sandbox
