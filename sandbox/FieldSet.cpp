#include "sandbox/FieldSet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

namespace acp::sandbox {

namespace {

QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    const QString wrapped = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    return wrapped.mid(1, wrapped.size() - 2);   // "[<value>]" -> "<value>"
}

QString goQuote(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\r': out += QLatin1String("\\r"); break;
        default: out += c; break;
        }
    }
    return out + QLatin1Char('"');
}

// value.ToString of structured-merge-diff.
QString valueToString(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return goQuote(v.toString());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts.append(valueToString(item));
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QString out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out += it.key() + QLatin1Char('=') + valueToString(*it);
        return out;
    }
    default: return QStringLiteral("null");
    }
}

int typeRank(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double: return 0;
    case QJsonValue::String: return 1;
    case QJsonValue::Bool: return 2;
    case QJsonValue::Array: return 3;
    case QJsonValue::Object: return 4;
    default: return 5;
    }
}

int sign(qint64 v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

// value.Compare: numbers < strings < bools < lists < maps < null.
int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    const int ra = typeRank(a), rb = typeRank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (a.type()) {
    case QJsonValue::Double: return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
    case QJsonValue::String: return sign(a.toString().compare(b.toString()));
    case QJsonValue::Bool: return int(a.toBool()) - int(b.toBool());
    case QJsonValue::Array: {
        const QJsonArray la = a.toArray(), lb = b.toArray();
        for (int i = 0; i < la.size() && i < lb.size(); ++i) {
            if (const int c = compareValues(la.at(i), lb.at(i)))
                return c;
        }
        return sign(la.size() - lb.size());
    }
    case QJsonValue::Object: {
        const QJsonObject oa = a.toObject(), ob = b.toObject();
        auto ia = oa.begin(), ib = ob.begin();
        for (; ia != oa.end() && ib != ob.end(); ++ia, ++ib) {
            if (const int c = sign(ia.key().compare(ib.key())))
                return c;
            if (const int c = compareValues(*ia, *ib))
                return c;
        }
        return sign(oa.size() - ob.size());
    }
    default: return 0;
    }
}

void insertPath(QJsonObject &node, const Path &path, int i)
{
    const QString key = path.at(i).toFieldsV1Key();
    QJsonObject child = node.value(key).toObject();
    if (i + 1 == path.size())
        child.insert(QStringLiteral("."), QJsonObject());
    else
        insertPath(child, path, i + 1);
    node.insert(key, child);
}

// {".": {}} alone (a member without children) becomes {}.
QJsonObject normalize(const QJsonObject &node)
{
    QJsonObject out;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QJsonObject child = it->toObject();
        if (child.size() == 1 && child.contains(QLatin1String(".")))
            out.insert(it.key(), QJsonObject());
        else
            out.insert(it.key(), normalize(child));
    }
    return out;
}

bool readFields(const QJsonObject &node, const Path &prefix, FieldSet *set)
{
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == QLatin1String(".")) {
            set->insert(prefix);
            continue;
        }
        const std::optional<PathElement> pe = PathElement::fromFieldsV1Key(it.key());
        if (!pe || !it->isObject())
            return false;
        Path child = prefix;
        child.append(*pe);
        const QJsonObject sub = it->toObject();
        if (sub.isEmpty())
            set->insert(child);
        else if (!readFields(sub, child, set))
            return false;
    }
    return true;
}

bool startsWith(const Path &path, const Path &prefix)
{
    if (path.size() < prefix.size())
        return false;
    for (int i = 0; i < prefix.size(); ++i) {
        if (!(path.at(i) == prefix.at(i)))
            return false;
    }
    return true;
}

// Iterate order: at each level the members (paths ending there) before the children.
bool iterateLess(const Path &a, const Path &b)
{
    for (int i = 0;; ++i) {
        const bool aEnds = i == a.size() - 1, bEnds = i == b.size() - 1;
        if (aEnds != bEnds)
            return aEnds;
        const int c = a.at(i).compare(b.at(i));
        if (c != 0)
            return c < 0;
        if (aEnds)
            return false;
    }
}

} // namespace

PathElement PathElement::field(const QString &name)
{
    PathElement pe;
    pe.kind = Field;
    pe.name = name;
    return pe;
}

PathElement PathElement::keyed(const QJsonObject &key)
{
    PathElement pe;
    pe.kind = Key;
    pe.key = key;
    return pe;
}

PathElement PathElement::element(const QJsonValue &value)
{
    PathElement pe;
    pe.kind = Value;
    pe.value = value;
    return pe;
}

QString PathElement::toFieldsV1Key() const
{
    switch (kind) {
    case Field: return QStringLiteral("f:") + name;
    case Key: return QStringLiteral("k:") + compactJson(key);
    case Value: return QStringLiteral("v:") + compactJson(value);
    case Index: return QStringLiteral("i:") + QString::number(index);
    }
    return QString();
}

std::optional<PathElement> PathElement::fromFieldsV1Key(const QString &key)
{
    const QString rest = key.mid(2);
    if (key.startsWith(QLatin1String("f:")))
        return field(rest);
    if (key.startsWith(QLatin1String("k:"))) {
        const QJsonDocument doc = QJsonDocument::fromJson(rest.toUtf8());
        if (!doc.isObject())
            return std::nullopt;
        return keyed(doc.object());
    }
    if (key.startsWith(QLatin1String("v:"))) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + rest.toUtf8() + QByteArray("]"));
        if (!doc.isArray() || doc.array().size() != 1)
            return std::nullopt;
        return element(doc.array().at(0));
    }
    if (key.startsWith(QLatin1String("i:"))) {
        bool ok = false;
        PathElement pe;
        pe.kind = Index;
        pe.index = rest.toInt(&ok);
        return ok ? std::optional<PathElement>(pe) : std::nullopt;
    }
    return std::nullopt;
}

QString PathElement::toString() const
{
    switch (kind) {
    case Field: return QLatin1Char('.') + name;
    case Key: {
        QStringList parts;
        for (auto it = key.begin(); it != key.end(); ++it)
            parts.append(it.key() + QLatin1Char('=') + valueToString(*it));
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case Value: return QStringLiteral("[=") + valueToString(value) + QLatin1Char(']');
    case Index: return QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
    }
    return QString();
}

int PathElement::compare(const PathElement &other) const
{
    if (kind != other.kind)
        return kind < other.kind ? -1 : 1;
    switch (kind) {
    case Field: return sign(name.compare(other.name));
    case Key: {
        auto a = key.begin(), b = other.key.begin();
        for (; a != key.end() && b != other.key.end(); ++a, ++b) {
            if (const int c = sign(a.key().compare(b.key())))
                return c;
            if (const int c = compareValues(*a, *b))
                return c;
        }
        return sign(key.size() - other.key.size());
    }
    case Value: return compareValues(value, other.value);
    case Index: return sign(index - other.index);
    }
    return 0;
}

QString pathToString(const Path &path)
{
    QString out;
    for (const PathElement &pe : path)
        out += pe.toString();
    return out;
}

bool FieldSet::Less::operator()(const Path &a, const Path &b) const
{
    for (int i = 0; i < a.size() && i < b.size(); ++i) {
        if (const int c = a.at(i).compare(b.at(i)))
            return c < 0;
    }
    return a.size() < b.size();
}

void FieldSet::insert(const Path &path)
{
    if (!path.isEmpty())
        m_paths.insert(path);
}

bool FieldSet::contains(const Path &path) const
{
    return m_paths.count(path) > 0;
}

bool FieldSet::hasMemberBelow(const Path &prefix) const
{
    const auto it = m_paths.upper_bound(prefix);
    return it != m_paths.end() && it->size() > prefix.size() && startsWith(*it, prefix);
}

FieldSet FieldSet::united(const FieldSet &other) const
{
    FieldSet out = *this;
    out.m_paths.insert(other.m_paths.begin(), other.m_paths.end());
    return out;
}

FieldSet FieldSet::subtracted(const FieldSet &other) const
{
    FieldSet out;
    for (const Path &p : m_paths) {
        if (!other.contains(p))
            out.m_paths.insert(out.m_paths.end(), p);
    }
    return out;
}

FieldSet FieldSet::intersected(const FieldSet &other) const
{
    FieldSet out;
    for (const Path &p : m_paths) {
        if (other.contains(p))
            out.m_paths.insert(out.m_paths.end(), p);
    }
    return out;
}

FieldSet FieldSet::recursiveSubtracted(const FieldSet &prefixes) const
{
    FieldSet out;
    for (const Path &p : m_paths) {
        bool covered = false;
        for (int len = 1; len <= p.size() && !covered; ++len)
            covered = prefixes.contains(p.mid(0, len));
        if (!covered)
            out.m_paths.insert(out.m_paths.end(), p);
    }
    return out;
}

FieldSet FieldSet::withNamedFieldsAsMembers() const
{
    FieldSet out = *this;
    for (const Path &p : m_paths) {
        for (int i = 0; i + 1 < p.size(); ++i) {
            if (p.at(i).kind == PathElement::Field)
                out.m_paths.insert(p.mid(0, i + 1));
        }
    }
    return out;
}

QList<Path> FieldSet::paths() const
{
    QList<Path> out(m_paths.begin(), m_paths.end());
    std::stable_sort(out.begin(), out.end(), iterateLess);
    return out;
}

QJsonObject FieldSet::toFieldsV1() const
{
    QJsonObject root;
    for (const Path &p : m_paths)
        insertPath(root, p, 0);
    return normalize(root);
}

std::optional<FieldSet> FieldSet::fromFieldsV1(const QJsonObject &fields)
{
    FieldSet set;
    if (!readFields(fields, Path(), &set))
        return std::nullopt;
    return set;
}

bool FieldSet::operator==(const FieldSet &other) const
{
    return subtracted(other).isEmpty() && other.subtracted(*this).isEmpty();
}

} // namespace acp::sandbox
