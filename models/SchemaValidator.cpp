#include "models/SchemaValidator.h"

#include "api/ParallelFor.h"
#include "api/YamlPositions.h"
#include "models/Quantity.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace acp::models {
namespace {

using api::YamlPositions;

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return u"boolean"_s;
    case QJsonValue::Double: return v.toDouble() == double(qint64(v.toDouble())) ? u"integer"_s : u"number"_s;
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::Object: return u"object"_s;
    default: return u"null"_s;
    }
}

// The value as kube-apiserver quotes it at the end of a type error.
QString quoted(const QJsonValue &v)
{
    if (v.isString())
        return u'"' + v.toString() + u'"';
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
}

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> prev(size_t(b.size()) + 1), cur(size_t(b.size()) + 1);
    for (size_t j = 0; j < prev.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int sub = prev[size_t(j - 1)] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev.back();
}

class Walker {
public:
    Walker(const SchemaIndex &index, const YamlPositions &pos, int doc, QList<YamlDiagnostic> &out)
        : m_index(index), m_pos(pos), m_doc(doc), m_out(out) {}

    void walk(const QJsonValue &v, const SchemaNode &s, const QString &path)
    {
        if (!s.valid || v.isNull() || v.isUndefined() || s.json.isEmpty())
            return;
        if (s.isQuantity())
            return checkQuantity(v, path);
        if (s.refName.endsWith("JSONSchemaPropsOrArray"_L1) || s.refName.endsWith("JSONSchemaPropsOrBool"_L1))
            return walkSchemaPropsOr(v, s, path);
        if (s.isIntOrString()) {
            if (!v.isString() && !isInteger(v))
                typeError(v, path, u"integer,string"_s);
            return;
        }
        const QString type = s.type();
        if (type == "object"_L1) {
            if (!v.isObject())
                return typeError(v, path, type);
            return walkObject(v.toObject(), s, path);
        }
        if (type == "array"_L1) {
            if (!v.isArray())
                return typeError(v, path, type);
            const SchemaNode item = m_index.items(s);
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                walk(a.at(i), item, YamlPositions::itemPath(path, int(i)));
            return;
        }
        if (type == "string"_L1 && !v.isString())
            return typeError(v, path, type);
        if (type == "integer"_L1 && !isInteger(v))
            return typeError(v, path, type);
        if (type == "number"_L1 && !v.isDouble())
            return typeError(v, path, type);
        if (type == "boolean"_L1 && !v.isBool())
            return typeError(v, path, type);
        if (v.isString())
            checkFormat(v.toString(), s.format(), path);
        checkEnum(v, s, path);
    }

    void add(const QString &path, bool onKey, YamlDiagnostic::Severity sev, const QString &message)
    {
        YamlDiagnostic d;
        d.severity = sev;
        d.message = message;
        d.path = path;
        d.document = m_doc;
        const api::YamlNodePosition *exact = m_pos.exact(m_doc, path);
        const api::YamlNodePosition *n = exact ? exact : m_pos.find(m_doc, path);
        if (n) {
            const bool useKey = n->key.isValid() && (onKey || !exact);
            const api::YamlRange &r = useKey ? n->key : n->value;
            d.line = r.line;
            d.column = r.column;
            if (r.endLine == r.line && r.endColumn > r.column) {
                d.endLine = r.endLine;
                d.endColumn = r.endColumn;
            }
        } else {
            d.line = m_pos.documents().at(m_doc).firstLine;
            d.column = 1;
        }
        m_out.append(d);
    }

private:
    void walkObject(const QJsonObject &obj, const SchemaNode &s, const QString &path)
    {
        const QJsonObject props = s.properties();
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const QString child = YamlPositions::childPath(path, it.key());
            const SchemaNode cs = m_index.property(s, it.key());
            if (!cs.valid) {
                unknownField(child, it.key(), props.keys());
                continue;
            }
            walk(it.value(), cs, child);
        }
        for (const QString &r : s.required())
            if (!obj.contains(r))
                add(path, true, YamlDiagnostic::Severity::Error,
                    u"%1: Required value"_s.arg(YamlPositions::childPath(path, r)));
    }

    // apiextensions' JSONSchemaPropsOrArray / OrBool are published without a structure; the API
    // server decodes them as a JSONSchemaProps (or an array of them, or a bool).
    void walkSchemaPropsOr(const QJsonValue &v, const SchemaNode &s, const QString &path)
    {
        const QString base = s.refName.left(s.refName.lastIndexOf("Or"_L1));
        const SchemaNode props = m_index.resolve(QJsonObject{{"$ref"_L1, "#/components/schemas/"_L1 + base}});
        if (v.isObject())
            return walk(v, props, path);
        if (v.isArray() && s.refName.endsWith("Array"_L1)) {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                walk(a.at(i), props, YamlPositions::itemPath(path, int(i)));
            return;
        }
        if (!v.isBool() || s.refName.endsWith("Array"_L1))
            typeError(v, path, u"object"_s);
    }

    void unknownField(const QString &path, const QString &key, const QStringList &known)
    {
        QString msg = u"unknown field \"%1\""_s.arg(path);
        const QStringList near = SchemaValidator::nearMisses(key, known);
        if (!near.isEmpty())
            msg += u" (did you mean \"%1\"?)"_s.arg(near.first());
        add(path, true, YamlDiagnostic::Severity::Error, msg);
    }

    void typeError(const QJsonValue &v, const QString &path, const QString &expected)
    {
        add(path, false, YamlDiagnostic::Severity::Error,
            u"%1: Invalid value: \"%2\": %1 in body must be of type %3: %4"_s
                .arg(path, jsonTypeName(v), expected, quoted(v)));
    }

    void checkQuantity(const QJsonValue &v, const QString &path)
    {
        if (!v.isString() && !v.isDouble())
            return typeError(v, path, u"integer,string"_s);
        const api::Result<Quantity> q = Quantity::fromJson(v);
        if (!q)
            add(path, false, YamlDiagnostic::Severity::Error,
                u"%1: Invalid value: %2: %3"_s.arg(path, quoted(v), q.error().message));
    }

    void checkFormat(const QString &s, const QString &format, const QString &path)
    {
        bool ok = true;
        if (format == "byte"_L1)
            ok = bool(QByteArray::fromBase64Encoding(s.toLatin1(), QByteArray::AbortOnBase64DecodingErrors));
        else if (format == "date-time"_L1)
            ok = QDateTime::fromString(s, Qt::ISODateWithMs).isValid();
        if (!ok)
            add(path, false, YamlDiagnostic::Severity::Error,
                u"%1: Invalid value: \"%2\": %1 in body must be of type %3: \"%2\""_s.arg(path, s, format));
    }

    void checkEnum(const QJsonValue &v, const SchemaNode &s, const QString &path)
    {
        const QJsonArray values = s.enumValues();
        if (values.isEmpty() || values.contains(v))
            return;
        QStringList names;
        for (const QJsonValue &e : values)
            names.append(quoted(e));
        add(path, false, YamlDiagnostic::Severity::Error,
            u"%1: Unsupported value: %2: supported values: %3"_s.arg(path, quoted(v), names.join(", "_L1)));
    }

    const SchemaIndex &m_index;
    const YamlPositions &m_pos;
    int m_doc;
    QList<YamlDiagnostic> &m_out;
};

bool lessByPosition(const YamlDiagnostic &a, const YamlDiagnostic &b)
{
    if (a.document != b.document)
        return a.document < b.document;
    if (a.line != b.line)
        return a.line < b.line;
    return a.column < b.column;
}

} // namespace

QList<YamlDiagnostic> SchemaValidator::validate(const api::YamlPositions &positions) const
{
    QList<YamlDiagnostic> out = syntaxDiagnostics(positions);
    // Documents are independent: checked in parallel (api::parallelFor), merged in order.
    std::vector<QList<YamlDiagnostic>> perDocument(size_t(positions.documents().size()));
    api::parallelFor(int(perDocument.size()), [&](int i) {
        if (positions.documents().at(i).parsed)
            perDocument[size_t(i)] = validateDocument(positions, i);
    }, api::backgroundThreadCount());
    for (const QList<YamlDiagnostic> &found : perDocument)
        out += found;
    std::stable_sort(out.begin(), out.end(), lessByPosition);
    return out;
}

QList<YamlDiagnostic> SchemaValidator::validateDocument(const api::YamlPositions &positions, int document) const
{
    QList<YamlDiagnostic> out;
    if (document < 0 || document >= positions.documents().size())
        return out;
    Walker w(m_index, positions, document, out);
    const QJsonValue value = positions.documents().at(document).value;
    if (!value.isObject()) {
        w.add(QString(), false, YamlDiagnostic::Severity::Error,
              u"a Kubernetes object must be a mapping, not %1"_s.arg(jsonTypeName(value)));
        return out;
    }
    const QJsonObject obj = value.toObject();
    const QString apiVersion = obj.value("apiVersion"_L1).toString();
    const QString kind = obj.value("kind"_L1).toString();
    if (apiVersion.isEmpty())
        w.add(obj.contains("apiVersion"_L1) ? u"apiVersion"_s : QString(), false, YamlDiagnostic::Severity::Error,
              u"apiVersion not set"_s);
    if (kind.isEmpty())
        w.add(obj.contains("kind"_L1) ? u"kind"_s : QString(), false, YamlDiagnostic::Severity::Error, u"kind not set"_s);
    if (apiVersion.isEmpty() || kind.isEmpty())
        return out;
    const SchemaNode root = m_index.root(apiVersion, kind);
    if (!root.valid) {
        w.add(u"kind"_s, false, YamlDiagnostic::Severity::Info,
              u"no schema for %1 (%2) on this cluster"_s.arg(kind, apiVersion));
        return out;
    }
    w.walk(value, root, QString());
    std::stable_sort(out.begin(), out.end(), lessByPosition);
    return out;
}

QList<YamlDiagnostic> SchemaValidator::syntaxDiagnostics(const api::YamlPositions &positions)
{
    QList<YamlDiagnostic> out;
    for (int i = 0; i < positions.documents().size(); ++i) {
        const api::YamlPositionDocument &d = positions.documents().at(i);
        if (d.parsed)
            continue;
        YamlDiagnostic diag;
        diag.line = d.errorLine;
        diag.column = d.errorColumn;
        diag.message = d.errorMessage;
        diag.document = i;
        out.append(diag);
    }
    return out;
}

QStringList SchemaValidator::groupVersions(const api::YamlPositions &positions)
{
    QStringList out;
    for (const api::YamlPositionDocument &d : positions.documents()) {
        const QString gv = d.value.toObject().value("apiVersion"_L1).toString();
        if (!gv.isEmpty() && !out.contains(gv))
            out.append(gv);
    }
    return out;
}

QStringList SchemaValidator::nearMisses(const QString &name, const QStringList &candidates, int max)
{
    QList<QPair<int, QString>> scored;
    for (const QString &c : candidates) {
        const int d = c.compare(name, Qt::CaseInsensitive) == 0 ? 0 : editDistance(name, c);
        if (d <= 2 && d < qMax(name.size(), c.size()))
            scored.append({d, c});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList out;
    for (const auto &s : std::as_const(scored))
        if (out.size() < max)
            out.append(s.second);
    return out;
}

} // namespace acp::models
