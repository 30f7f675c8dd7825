#include "sandbox/JsonPatch.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>
#include <limits>
#include <optional>

namespace acp::sandbox {

namespace {

const QString kMissing = QStringLiteral(": missing value");
const QString kInvalidIndex = QStringLiteral(": invalid index referenced");

api::ApiError statusError(int code, const char *reason, const QString &message)
{
    api::ApiError e;
    e.httpStatus = code;
    e.reason = QLatin1String(reason);
    e.message = message;
    return e;
}

api::ApiError badRequest(const QString &message)
{
    return statusError(400, "BadRequest", message);
}

// NewGenericServerResponse(422, ...) as the apiserver's jsonPatcher returns it.
api::ApiError notApplied()
{
    return statusError(422, "Invalid", QStringLiteral("the server rejected our request due to an error in our request"));
}

// Go's %q for plain ASCII text (enough for indices and keys in messages).
QString goQuote(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

QString goTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return QStringLiteral("bool");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    default: return QStringLiteral("null");
    }
}

// strconv.Atoi: optional sign, decimal digits. On error *err gets Go's message.
std::optional<int> atoi(const QString &s, QString *err)
{
    int i = 0;
    if (!s.isEmpty() && (s[0] == QLatin1Char('+') || s[0] == QLatin1Char('-')))
        i = 1;
    bool digits = i < s.size();
    for (int j = i; j < s.size(); ++j)
        digits = digits && s[j].isDigit() && s[j].unicode() < 128;
    if (!digits) {
        *err = QStringLiteral("strconv.Atoi: parsing %1: invalid syntax").arg(goQuote(s));
        return std::nullopt;
    }
    bool ok = false;
    const qlonglong v = s.toLongLong(&ok);
    if (!ok || v > std::numeric_limits<int>::max() || v < std::numeric_limits<int>::min()) {
        *err = QStringLiteral("strconv.Atoi: parsing %1: value out of range").arg(goQuote(s));
        return std::nullopt;
    }
    return int(v);
}

QString invalidIndex(int idx)
{
    return QStringLiteral("Unable to access invalid index: %1").arg(idx) + kInvalidIndex;
}

// partialArray.get: index of an existing element (negative counts from the end).
std::optional<int> existingIndex(const QJsonArray &a, const QString &key, QString *err)
{
    std::optional<int> idx = atoi(key, err);
    if (!idx)
        return std::nullopt;
    int i = *idx;
    if (i < 0) {
        if (i < -a.size()) {
            *err = invalidIndex(i);
            return std::nullopt;
        }
        i += a.size();
    }
    if (i >= a.size()) {
        *err = invalidIndex(i);
        return std::nullopt;
    }
    return i;
}

// ---- containers (the object or array that holds the addressed member) ----

// get: the member, or Undefined for a missing or null member (Go's nil); errors for arrays.
QJsonValue containerGet(const QJsonValue &c, const QString &key, QString *err)
{
    if (c.isObject()) {
        const QJsonValue v = c.toObject().value(key);
        return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
    }
    const QJsonArray a = c.toArray();
    const std::optional<int> i = existingIndex(a, key, err);
    if (!i)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue v = a.at(*i);
    return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
}

QString containerAdd(QJsonValue &c, const QString &key, const QJsonValue &value)
{
    const QJsonValue v = value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    if (c.isObject()) {
        QJsonObject o = c.toObject();
        o.insert(key, v);
        c = o;
        return QString();
    }
    QJsonArray a = c.toArray();
    if (key == QLatin1String("-")) {
        a.append(v);
        c = a;
        return QString();
    }
    QString err;
    const std::optional<int> idx = atoi(key, &err);
    if (!idx)
        return QStringLiteral("value was not a proper array index: '%1': %2").arg(key, err);
    int i = *idx;
    const int size = a.size() + 1;
    if (i >= size || i < -size)
        return invalidIndex(i);
    if (i < 0)
        i += size;
    a.insert(i, v);
    c = a;
    return QString();
}

QString containerSet(QJsonValue &c, const QString &key, const QJsonValue &value)
{
    const QJsonValue v = value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    if (c.isObject()) {
        QJsonObject o = c.toObject();
        o.insert(key, v);
        c = o;
        return QString();
    }
    QJsonArray a = c.toArray();
    QString err;
    const std::optional<int> i = existingIndex(a, key, &err);
    if (!i)
        return err;
    a.replace(*i, v);
    c = a;
    return QString();
}

QString containerRemove(QJsonValue &c, const QString &key)
{
    if (c.isObject()) {
        QJsonObject o = c.toObject();
        if (!o.contains(key))
            return QStringLiteral("Unable to remove nonexistent key: %1").arg(key) + kMissing;
        o.remove(key);
        c = o;
        return QString();
    }
    QJsonArray a = c.toArray();
    QString err;
    const std::optional<int> i = existingIndex(a, key, &err);
    if (!i)
        return err;
    a.removeAt(*i);
    c = a;
    return QString();
}

// ---- pointers ----

struct Pointer {
    bool valid = false;      // false: findObject finds no container
    QStringList parts;       // decoded tokens leading to the container
    QString key;             // decoded last token
};

// findObject's splitting: the first segment (before the first "/") is ignored.
Pointer splitPointer(const QString &path)
{
    Pointer p;
    const QStringList split = path.split(QLatin1Char('/'));
    if (split.size() < 2)
        return p;
    p.valid = true;
    for (int i = 1; i < split.size() - 1; ++i)
        p.parts.append(JsonPatch::unescapeToken(split[i]));
    p.key = JsonPatch::unescapeToken(split.last());
    return p;
}

using ContainerFn = std::function<QString(QJsonValue &container)>;

// Runs fn on the container addressed by parts[i..], writing the change back up the tree.
// Returns false when the container does not exist; fn's error goes to *err.
bool withContainer(QJsonValue &node, const QStringList &parts, int i, const ContainerFn &fn, QString *err)
{
    if (!node.isObject() && !node.isArray())
        return false;
    if (i == parts.size()) {
        *err = fn(node);
        return true;
    }
    QJsonValue child;
    int index = -1;
    if (node.isObject()) {
        child = node.toObject().value(parts[i]);
    } else {
        QString ignored;
        const std::optional<int> idx = existingIndex(node.toArray(), parts[i], &ignored);
        if (!idx)
            return false;
        index = *idx;
        child = node.toArray().at(index);
    }
    if (!withContainer(child, parts, i + 1, fn, err))
        return false;
    if (node.isObject()) {
        QJsonObject o = node.toObject();
        o.insert(parts[i], child);
        node = o;
    } else {
        QJsonArray a = node.toArray();
        a.replace(index, child);
        node = a;
    }
    return true;
}

// Reads a string member of an operation; std::nullopt when missing or null, *typeErr when
// the member is not a string.
std::optional<QString> member(const QJsonObject &op, const char *name, QString *typeErr)
{
    const QJsonValue v = op.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        *typeErr = QStringLiteral("json: cannot unmarshal %1 into Go value of type string").arg(goTypeName(v));
        return std::nullopt;
    }
    return v.toString();
}

// Decodes the "path" or "from" member as the v4 operation does; on failure *err gets the
// operation's message. `keepsCause`: replace/move/test/copy-from report why, add/remove do not.
std::optional<QString> decode(const QJsonObject &op, const char *name, const QString &what, bool keepsCause, QString *err)
{
    QString typeErr;
    const std::optional<QString> v = member(op, name, &typeErr);
    if (v)
        return v;
    const bool isFrom = qstrcmp(name, "from") == 0;
    QString cause = typeErr;
    if (cause.isEmpty())
        cause = (isFrom ? QStringLiteral("operation, missing from field") : QStringLiteral("operation missing path field")) + kMissing;
    *err = keepsCause ? QString(what + QStringLiteral(": ") + cause) : QString(what + kMissing);
    return std::nullopt;
}

class Applier {
public:
    explicit Applier(const QJsonValue &doc) : m_doc(doc) {}
    QJsonValue document() const { return m_doc; }

    QString run(const QJsonObject &op)
    {
        const QJsonValue kind = op.value(QLatin1String("op"));
        const QString name = kind.isString() ? kind.toString() : QStringLiteral("unknown");
        using Op = QString (Applier::*)(const QJsonObject &);
        static const QHash<QString, Op> ops = {
            {QStringLiteral("add"), &Applier::add}, {QStringLiteral("remove"), &Applier::remove},
            {QStringLiteral("replace"), &Applier::replace}, {QStringLiteral("move"), &Applier::move},
            {QStringLiteral("test"), &Applier::test}, {QStringLiteral("copy"), &Applier::copy}};
        const Op fn = ops.value(name);
        return fn ? (this->*fn)(op) : QStringLiteral("Unexpected kind: %1").arg(name);
    }

private:
    QJsonValue get(const QString &path, bool *found, QString *err)
    {
        const Pointer p = splitPointer(path);
        QJsonValue result(QJsonValue::Undefined);
        QJsonValue copy = m_doc;
        *found = p.valid && withContainer(copy, p.parts, 0, [&](QJsonValue &c) {
            result = containerGet(c, p.key, err);
            return QString();
        }, err);
        return result;
    }

    QString add(const QJsonObject &op)
    {
        QString err;
        const std::optional<QString> path = decode(op, "path", QStringLiteral("add operation failed to decode path"), false, &err);
        if (!path)
            return err;
        const Pointer p = splitPointer(*path);
        if (!p.valid || !withContainer(m_doc, p.parts, 0, [&](QJsonValue &c) { return containerAdd(c, p.key, op.value(QLatin1String("value"))); }, &err))
            return QStringLiteral("add operation does not apply: doc is missing path: \"%1\"").arg(*path) + kMissing;
        return err.isEmpty() ? err : QStringLiteral("error in add for path: '%1': %2").arg(*path, err);
    }

    QString remove(const QJsonObject &op)
    {
        QString err;
        const std::optional<QString> path = decode(op, "path", QStringLiteral("remove operation failed to decode path"), false, &err);
        if (!path)
            return err;
        const Pointer p = splitPointer(*path);
        if (!p.valid || !withContainer(m_doc, p.parts, 0, [&](QJsonValue &c) { return containerRemove(c, p.key); }, &err))
            return QStringLiteral("remove operation does not apply: doc is missing path: \"%1\"").arg(*path) + kMissing;
        return err.isEmpty() ? err : QStringLiteral("error in remove for path: '%1': %2").arg(*path, err);
    }

    QString replace(const QJsonObject &op)
    {
        QString err;
        const std::optional<QString> path = decode(op, "path", QStringLiteral("replace operation failed to decode path"), true, &err);
        if (!path)
            return err;
        const QJsonValue value = op.value(QLatin1String("value"));
        if (path->isEmpty()) {
            if (value.isObject() || value.isArray())
                m_doc = value;
            return QString();   // v4 wraps a nil error here: a scalar silently does nothing
        }
        const Pointer p = splitPointer(*path);
        bool missingKey = false;
        const bool found = p.valid && withContainer(m_doc, p.parts, 0, [&](QJsonValue &c) {
            QString getErr;
            containerGet(c, p.key, &getErr);
            if (!getErr.isEmpty()) {
                missingKey = true;
                return QString();
            }
            return containerSet(c, p.key, value);
        }, &err);
        if (!found)
            return QStringLiteral("replace operation does not apply: doc is missing path: %1").arg(*path) + kMissing;
        if (missingKey)
            return QStringLiteral("replace operation does not apply: doc is missing key: %1").arg(*path) + kMissing;
        return err.isEmpty() ? err : QStringLiteral("error in remove for path: '%1': %2").arg(*path, err);
    }

    QString move(const QJsonObject &op)
    {
        QString err;
        const std::optional<QString> from = decode(op, "from", QStringLiteral("move operation failed to decode from"), true, &err);
        if (!from)
            return err;
        const Pointer src = splitPointer(*from);
        QJsonValue value;
        const bool found = src.valid && withContainer(m_doc, src.parts, 0, [&](QJsonValue &c) {
            QString e;
            value = containerGet(c, src.key, &e);
            if (!e.isEmpty())
                return e;
            return containerRemove(c, src.key);
        }, &err);
        if (!found)
            return QStringLiteral("move operation does not apply: doc is missing from path: %1").arg(*from) + kMissing;
        if (!err.isEmpty())
            return QStringLiteral("error in move for path: '%1': %2").arg(src.key, err);
        const std::optional<QString> path = decode(op, "path", QStringLiteral("move operation failed to decode path"), true, &err);
        if (!path)
            return err;
        const Pointer dst = splitPointer(*path);
        if (!dst.valid || !withContainer(m_doc, dst.parts, 0, [&](QJsonValue &c) { return containerAdd(c, dst.key, value); }, &err))
            return QStringLiteral("move operation does not apply: doc is missing destination path: %1").arg(*path) + kMissing;
        return err.isEmpty() ? err : QStringLiteral("error in move for path: '%1': %2").arg(*path, err);
    }

    QString test(const QJsonObject &op)
    {
        QString err;
        const std::optional<QString> path = decode(op, "path", QStringLiteral("test operation failed to decode path"), true, &err);
        if (!path)
            return err;
        const QJsonValue expected = op.value(QLatin1String("value"));
        const QString failed = QStringLiteral("testing value %1 failed: test failed").arg(*path);
        if (path->isEmpty())
            return m_doc == expected ? QString() : failed;
        bool found = false;
        const QJsonValue actual = get(*path, &found, &err);
        if (!found)
            return QStringLiteral("test operation does not apply: is missing path: %1").arg(*path) + kMissing;
        if (!err.isEmpty())
            return QStringLiteral("error in test for path: '%1': %2").arg(*path, err);
        if (actual.isUndefined())
            return expected.isNull() || expected.isUndefined() ? QString() : failed;
        return actual == expected ? QString() : failed;
    }

    QString copy(const QJsonObject &op)
    {
        QString err;
        const std::optional<QString> from = decode(op, "from", QStringLiteral("copy operation failed to decode from"), true, &err);
        if (!from)
            return err;
        bool found = false;
        const QJsonValue value = get(*from, &found, &err);
        if (!found)
            return QStringLiteral("copy operation does not apply: doc is missing from path: %1").arg(*from) + kMissing;
        if (!err.isEmpty())
            return QStringLiteral("error in copy for from: '%1': %2").arg(*from, err);
        const std::optional<QString> path = decode(op, "path", QStringLiteral("copy operation failed to decode path"), false, &err);
        if (!path)
            return err;
        const Pointer dst = splitPointer(*path);
        if (!dst.valid || !withContainer(m_doc, dst.parts, 0, [&](QJsonValue &c) { return containerAdd(c, dst.key, value); }, &err))
            return QStringLiteral("copy operation does not apply: doc is missing destination path: %1").arg(*path) + kMissing;
        return err.isEmpty() ? err : QStringLiteral("error while adding value during copy: %1").arg(err);
    }

    QJsonValue m_doc;
};

} // namespace

api::Result<QJsonValue> JsonPatch::apply(const QJsonValue &document, const QJsonValue &patch, QString *detail)
{
    if (patch.isNull() || patch.isUndefined())
        return api::Result<QJsonValue>(document);   // json.Unmarshal("null") gives an empty patch
    if (!patch.isArray())
        return badRequest(QStringLiteral("json: cannot unmarshal %1 into Go value of type jsonpatch.Patch").arg(goTypeName(patch)));
    const QJsonArray ops = patch.toArray();
    for (const QJsonValue &op : ops) {
        if (!op.isObject() && !op.isNull())
            return badRequest(QStringLiteral("json: cannot unmarshal %1 into Go value of type jsonpatch.Operation").arg(goTypeName(op)));
    }
    if (ops.size() > kMaxOperations) {
        return statusError(413, "RequestEntityTooLarge",
                           QStringLiteral("Request entity too large: The allowed maximum operations in a JSON patch is %1, got %2")
                               .arg(kMaxOperations).arg(ops.size()));
    }
    if (!document.isObject() && !document.isArray()) {
        if (detail)
            *detail = QStringLiteral("json: cannot unmarshal %1 into Go value of type jsonpatch.partialDoc").arg(goTypeName(document));
        return notApplied();
    }
    Applier applier(document);
    for (const QJsonValue &op : ops) {
        const QString err = applier.run(op.toObject());
        if (!err.isEmpty()) {
            if (detail)
                *detail = err;
            return notApplied();
        }
    }
    return api::Result<QJsonValue>(applier.document());
}

api::Result<QJsonValue> JsonPatch::apply(const QJsonValue &document, const QByteArray &patchJson, QString *detail)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(patchJson, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (patchJson.trimmed() == "null")
            return api::Result<QJsonValue>(document);
        return badRequest(parseError.errorString());
    }
    if (doc.isObject())
        return apply(document, QJsonValue(doc.object()), detail);
    return apply(document, QJsonValue(doc.array()), detail);
}

QString JsonPatch::escapeToken(const QString &token)
{
    QString out = token;
    out.replace(QLatin1Char('~'), QLatin1String("~0"));
    out.replace(QLatin1Char('/'), QLatin1String("~1"));
    return out;
}

QString JsonPatch::unescapeToken(const QString &token)
{
    if (!token.contains(QLatin1Char('~')))
        return token;
    QString out;
    out.reserve(token.size());
    for (int i = 0; i < token.size(); ++i) {
        if (token[i] == QLatin1Char('~') && i + 1 < token.size()
            && (token[i + 1] == QLatin1Char('1') || token[i + 1] == QLatin1Char('0'))) {
            out += token[i + 1] == QLatin1Char('1') ? QLatin1Char('/') : QLatin1Char('~');
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

} // namespace acp::sandbox
