#include "sandbox/FieldValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace acp::sandbox {

namespace {

constexpr int kMaxDepth = 200;   // bounds recursion on hostile input

QString childPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

// Follows $ref and single-element allOf wrappers (kube-openapi's v3 form for referenced types).
QJsonObject resolve(const QJsonObject &schemas, QJsonObject s)
{
    for (int hops = 0; hops < 32; ++hops) {
        const QString ref = s.value(QLatin1String("$ref")).toString();
        if (!ref.isEmpty()) {
            s = schemas.value(ref.section(QLatin1Char('/'), -1)).toObject();
            continue;
        }
        const QJsonArray allOf = s.value(QLatin1String("allOf")).toArray();
        if (allOf.size() == 1 && !s.contains(QLatin1String("properties"))) {
            s = allOf.first().toObject();
            continue;
        }
        break;
    }
    return s;
}

// structured-merge-diff's name of a map-list element: [k1=v1,k2=v2] with JSON values, keys sorted.
QString listKeySegment(const QJsonObject &listSchema, const QJsonValue &element)
{
    QStringList keys;
    for (const QJsonValue &k : listSchema.value(QLatin1String("x-kubernetes-list-map-keys")).toArray())
        keys << k.toString();
    keys.sort();
    QStringList parts;
    const QJsonObject obj = element.toObject();
    for (const QString &k : keys) {
        if (!obj.contains(k))
            continue;
        const QByteArray json = QJsonDocument(QJsonArray{obj.value(k)}).toJson(QJsonDocument::Compact);
        parts << k + QLatin1Char('=') + QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

void walk(const QJsonObject &schemas, const QJsonObject &schema, QJsonValue *value, const QString &path,
          QStringList *unknown, int depth, FieldValidator::PathStyle style)
{
    const bool smd = style == FieldValidator::PathStyle::StructuredMerge;
    if (depth > kMaxDepth)
        return;
    const QJsonObject s = resolve(schemas, schema);
    if (s.value(QLatin1String("x-kubernetes-preserve-unknown-fields")).toBool())
        return;
    if (value->isObject()) {
        const QJsonObject props = s.value(QLatin1String("properties")).toObject();
        const QJsonValue additional = s.value(QLatin1String("additionalProperties"));
        if (props.isEmpty() && !additional.isObject())
            return;   // an open object (RawExtension, a schema without properties)
        QJsonObject obj = value->toObject();
        const QStringList keys = obj.keys();
        for (const QString &key : keys) {
            QJsonValue child = obj.value(key);
            if (props.contains(key)) {
                walk(schemas, props.value(key).toObject(), &child, childPath(path, key), unknown, depth + 1, style);
            } else if (additional.isObject()) {
                walk(schemas, additional.toObject(), &child, smd ? childPath(path, key) : path + QLatin1Char('[') + key + QLatin1Char(']'),
                     unknown, depth + 1, style);
            } else {
                unknown->append(childPath(path, key));
                obj.remove(key);
                continue;
            }
            obj.insert(key, child);
        }
        *value = obj;
    } else if (value->isArray() && s.value(QLatin1String("items")).isObject()) {
        const QJsonObject items = s.value(QLatin1String("items")).toObject();
        const bool mapList = smd && s.value(QLatin1String("x-kubernetes-list-type")).toString() == QLatin1String("map");
        QJsonArray arr = value->toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            QJsonValue child = arr.at(i);
            const QString segment = mapList && child.isObject() ? listKeySegment(s, child)
                                                                : QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
            walk(schemas, items, &child, path + segment, unknown, depth + 1, style);
            arr.replace(i, child);
        }
        *value = arr;
    }
}

// A minimal JSON scanner that records repeated keys; returns false on malformed input.
class DuplicateScanner {
public:
    explicit DuplicateScanner(const QByteArray &json) : m_json(json) {}
    bool run(QStringList *out)
    {
        m_out = out;
        return value(QString(), 0) && (skipSpace(), m_pos == m_json.size());
    }

private:
    void skipSpace()
    {
        while (m_pos < m_json.size() && (m_json[m_pos] == ' ' || m_json[m_pos] == '\n' || m_json[m_pos] == '\r' || m_json[m_pos] == '\t'))
            ++m_pos;
    }
    bool string(QString *text)
    {
        const qsizetype start = m_pos++;
        bool escaped = false;
        while (m_pos < m_json.size() && m_json[m_pos] != '"') {
            if (m_json[m_pos] == '\\') {
                escaped = true;
                ++m_pos;
            }
            ++m_pos;
        }
        if (m_pos >= m_json.size())
            return false;
        ++m_pos;
        const QByteArray token = m_json.mid(start, m_pos - start);
        if (!escaped) {
            *text = QString::fromUtf8(token.mid(1, token.size() - 2));
            return true;
        }
        const QJsonDocument doc = QJsonDocument::fromJson("[" + token + "]");
        *text = doc.array().at(0).toString();
        return doc.isArray();
    }
    bool object(const QString &path, int depth)
    {
        ++m_pos;
        QSet<QString> seen;
        skipSpace();
        if (m_pos < m_json.size() && m_json[m_pos] == '}')
            return ++m_pos, true;
        for (;;) {
            skipSpace();
            QString key;
            if (m_pos >= m_json.size() || m_json[m_pos] != '"' || !string(&key))
                return false;
            if (seen.contains(key))
                m_out->append(childPath(path, key));
            seen.insert(key);
            skipSpace();
            if (m_pos >= m_json.size() || m_json[m_pos++] != ':')
                return false;
            if (!value(childPath(path, key), depth + 1))
                return false;
            skipSpace();
            if (m_pos >= m_json.size())
                return false;
            const char c = m_json[m_pos++];
            if (c == '}')
                return true;
            if (c != ',')
                return false;
        }
    }
    bool array(const QString &path, int depth)
    {
        ++m_pos;
        skipSpace();
        if (m_pos < m_json.size() && m_json[m_pos] == ']')
            return ++m_pos, true;
        for (int i = 0;; ++i) {
            if (!value(path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), depth + 1))
                return false;
            skipSpace();
            if (m_pos >= m_json.size())
                return false;
            const char c = m_json[m_pos++];
            if (c == ']')
                return true;
            if (c != ',')
                return false;
        }
    }
    bool value(const QString &path, int depth)
    {
        skipSpace();
        if (m_pos >= m_json.size() || depth > kMaxDepth)
            return false;
        const char c = m_json[m_pos];
        if (c == '{')
            return object(path, depth);
        if (c == '[')
            return array(path, depth);
        if (c == '"') {
            QString ignored;
            return string(&ignored);
        }
        // number, true, false, null: up to the next delimiter
        const qsizetype start = m_pos;
        while (m_pos < m_json.size() && !QByteArrayView(",}] \t\r\n").contains(m_json[m_pos]))
            ++m_pos;
        return m_pos > start;
    }

    const QByteArray &m_json;
    qsizetype m_pos = 0;
    QStringList *m_out = nullptr;
};

} // namespace

bool FieldValidator::parseDirective(const QString &value, Directive *out)
{
    if (value.isEmpty() || value == QLatin1String("Warn"))
        *out = Directive::Warn;
    else if (value == QLatin1String("Strict"))
        *out = Directive::Strict;
    else if (value == QLatin1String("Ignore"))
        *out = Directive::Ignore;
    else
        return false;
    return true;
}

QStringList FieldValidator::pruneUnknown(const QJsonObject &schemas, const QString &rootSchema, QJsonObject *obj, PathStyle style)
{
    QStringList unknown;
    if (!schemas.contains(rootSchema))
        return unknown;
    QJsonValue value(*obj);
    walk(schemas, schemas.value(rootSchema).toObject(), &value, QString(), &unknown, 0, style);
    *obj = value.toObject();
    return unknown;
}

QStringList FieldValidator::duplicateFields(const QByteArray &json)
{
    QStringList out;
    DuplicateScanner scanner(json);
    if (!scanner.run(&out))
        return {};
    return out;
}

QJsonObject FieldValidator::schemas(const QByteArray &hash, const QByteArray &documentJson)
{
    auto it = m_cache.constFind(hash);
    if (it != m_cache.constEnd())
        return *it;
    const QJsonObject parsed = QJsonDocument::fromJson(documentJson).object()
                                   .value(QLatin1String("components")).toObject()
                                   .value(QLatin1String("schemas")).toObject();
    if (m_cache.size() > 64)
        m_cache.clear();
    m_cache.insert(hash, parsed);
    return parsed;
}

} // namespace acp::sandbox
