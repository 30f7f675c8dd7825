#include "models/ApplyObjects.h"

#include "api/Yaml.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace acp::models {

namespace {

const QString kMetadata = QStringLiteral("metadata");
const QString kNamespace = QStringLiteral("namespace");

QPair<QString, QString> groupVersion(const QString &apiVersion)
{
    const int slash = apiVersion.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return {QString(), apiVersion};
    return {apiVersion.left(slash), apiVersion.mid(slash + 1)};
}

api::ApiError documentError(const QString &file, int line, const QString &message)
{
    api::ApiError e = api::ApiError::input(file, line, 0, message);
    e.reason = QStringLiteral("BadRequest");
    return e;
}

// ---- field paths (sigs.k8s.io/structured-merge-diff fieldpath.Path.String()) ----

// A bracket's text up to its closing ']' outside quotes; -1 when unterminated.
int bracketEnd(QStringView s)
{
    bool quoted = false;
    for (int i = 1; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (quoted && c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (!quoted && c == QLatin1Char(']')) {
            return i;
        }
    }
    return -1;
}

// A value as fieldpath prints it: a Go-quoted string, a number, true/false/null or a list/object
// in JSON-like form. Parsed through JSON (Go's quoting of printable text is JSON-compatible).
QJsonValue parseValue(const QString &text)
{
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"));
    if (d.isArray() && d.array().size() == 1)
        return d.array().at(0);
    return QJsonValue(text);
}

// Splits "k=v,k2=v2" at top-level commas (outside quotes and brackets).
QList<QPair<QString, QJsonValue>> parseKeys(const QString &text)
{
    QList<QPair<QString, QJsonValue>> out;
    int depth = 0, start = 0;
    bool quoted = false;
    auto flush = [&](int end) {
        const QString part = text.mid(start, end - start);
        const int eq = part.indexOf(QLatin1Char('='));
        if (eq > 0)
            out.append({part.left(eq), parseValue(part.mid(eq + 1))});
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted && c == QLatin1Char('\\'))
            ++i;
        else if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && (c == QLatin1Char('[') || c == QLatin1Char('{')))
            ++depth;
        else if (!quoted && (c == QLatin1Char(']') || c == QLatin1Char('}')))
            --depth;
        else if (!quoted && depth == 0 && c == QLatin1Char(',')) {
            flush(i);
            start = i + 1;
        }
    }
    flush(text.size());
    return out;
}

bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

// The array index a bracket element selects, or -1.
int selectItem(const QJsonArray &array, const QString &inner)
{
    if (inner.startsWith(QLatin1Char('='))) {
        const QJsonValue v = parseValue(inner.mid(1));
        for (int i = 0; i < array.size(); ++i)
            if (sameValue(array.at(i), v))
                return i;
        return -1;
    }
    bool isIndex = false;
    const int index = inner.toInt(&isIndex);
    if (isIndex)
        return index >= 0 && index < array.size() ? index : -1;
    const auto keys = parseKeys(inner);
    for (int i = 0; i < array.size(); ++i) {
        const QJsonObject item = array.at(i).toObject();
        bool all = !keys.isEmpty();
        for (const auto &k : keys)
            all = all && item.contains(k.first) && sameValue(item.value(k.first), k.second);
        if (all)
            return i;
    }
    return -1;
}

// Removes the path `rest` below `node`; false when it does not exist.
bool removePath(QJsonValue &node, QStringView rest)
{
    if (rest.startsWith(QLatin1Char('.')) && node.isObject()) {
        QJsonObject o = node.toObject();
        const QStringView tail = rest.mid(1);
        // Field names may hold dots (label keys): the longest key ending at a boundary wins.
        QString best;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString &k = it.key();
            if (!tail.startsWith(k) || k.size() <= best.size())
                continue;
            if (tail.size() == k.size() || tail.at(k.size()) == QLatin1Char('.') || tail.at(k.size()) == QLatin1Char('['))
                best = k;
        }
        if (best.isEmpty())
            return false;
        const QStringView after = tail.mid(best.size());
        if (after.isEmpty()) {
            o.remove(best);
        } else {
            QJsonValue child = o.value(best);
            if (!removePath(child, after))
                return false;
            o.insert(best, child);
        }
        node = o;
        return true;
    }
    if (rest.startsWith(QLatin1Char('[')) && node.isArray()) {
        const int end = bracketEnd(rest);
        if (end < 0)
            return false;
        QJsonArray a = node.toArray();
        const int i = selectItem(a, rest.mid(1, end - 1).toString());
        if (i < 0)
            return false;
        const QStringView after = rest.mid(end + 1);
        if (after.isEmpty()) {
            a.removeAt(i);
        } else {
            QJsonValue child = a.at(i);
            if (!removePath(child, after))
                return false;
            a.replace(i, child);
        }
        node = a;
        return true;
    }
    return false;
}

} // namespace

api::Result<QList<ApplyDocument>> ApplyObjects::parse(const QByteArray &yaml, const QString &fileName)
{
    auto docs = api::yaml::parseAll(yaml, fileName);
    if (!docs)
        return docs.error();
    QList<ApplyDocument> out;
    for (const api::yaml::Document &d : *docs) {
        if (d.value.isNull())
            continue;
        if (!d.value.isObject())
            return documentError(fileName, d.line, QStringLiteral("error validating data: the document is not an object"));
        const QJsonObject o = d.value.toObject();
        const QJsonArray items = o.value(QLatin1String("items")).toArray();
        const bool isList = o.value(QLatin1String("kind")).toString().endsWith(QLatin1String("List")) && o.contains(QLatin1String("items"));
        const QJsonArray objects = isList ? items : QJsonArray{o};
        for (const QJsonValue &v : objects) {
            const QJsonObject obj = v.toObject();
            if (obj.value(QLatin1String("apiVersion")).toString().isEmpty())
                return documentError(fileName, d.line, QStringLiteral("error validating data: apiVersion not set"));
            if (obj.value(QLatin1String("kind")).toString().isEmpty())
                return documentError(fileName, d.line, QStringLiteral("error validating data: kind not set"));
            out.append({int(out.size()), d.line, obj});
        }
    }
    return out;
}

bool ApplyObjects::isCustomResourceDefinition(const QJsonObject &object)
{
    return object.value(QLatin1String("kind")).toString() == QLatin1String("CustomResourceDefinition")
        && object.value(QLatin1String("apiVersion")).toString().startsWith(QLatin1String("apiextensions.k8s.io/"));
}

bool ApplyObjects::isFirstPhase(const QJsonObject &object)
{
    return isCustomResourceDefinition(object)
        || (object.value(QLatin1String("kind")).toString() == QLatin1String("Namespace")
            && object.value(QLatin1String("apiVersion")).toString() == QLatin1String("v1"));
}

api::Result<api::ApiResource> ApplyObjects::resolve(const api::ApiResourceSet &resources, const QJsonObject &object)
{
    const QString apiVersion = object.value(QLatin1String("apiVersion")).toString();
    const QString kind = object.value(QLatin1String("kind")).toString();
    const auto [group, version] = groupVersion(apiVersion);
    for (const api::ApiResource &r : resources.all())
        if (r.kind == kind && r.group == group && r.version == version)
            return r;
    return api::ApiError{0, QStringLiteral("NotFound"),
                         QStringLiteral("no matches for kind \"%1\" in version \"%2\"").arg(kind, apiVersion)};
}

api::Result<QJsonObject> ApplyObjects::placeNamespace(QJsonObject object, const api::ApiResource &resource,
                                                      const ApplyOptions &options, QStringList *warnings)
{
    QJsonObject meta = object.value(kMetadata).toObject();
    const QString written = meta.value(kNamespace).toString();
    if (!resource.namespaced) {
        if (!meta.contains(kNamespace))
            return object;
        meta.remove(kNamespace);
        if (!written.isEmpty() && warnings)
            warnings->append(QStringLiteral("%1 is cluster-scoped: namespace \"%2\" ignored").arg(resource.kind, written));
    } else if (written.isEmpty()) {
        meta.insert(kNamespace, options.namespaceName.isEmpty() ? QStringLiteral("default") : options.namespaceName);
    } else if (options.enforceNamespace && !options.namespaceName.isEmpty() && written != options.namespaceName) {
        return api::ApiError{0, QStringLiteral("BadRequest"),
                             QStringLiteral("the namespace from the provided object \"%1\" does not match the namespace \"%2\". "
                                            "You must pass '--namespace=%1' to perform this operation.")
                                 .arg(written, options.namespaceName)};
    } else {
        return object;
    }
    object.insert(kMetadata, meta);
    return object;
}

QString ApplyObjects::managerOf(const QString &causeMessage)
{
    const int open = causeMessage.indexOf(QLatin1Char('"'));
    const int close = open < 0 ? -1 : causeMessage.indexOf(QLatin1Char('"'), open + 1);
    if (close < 0)
        return causeMessage;
    return causeMessage.mid(open + 1, close - open - 1);
}

QList<ApplyConflict> ApplyObjects::conflicts(const api::ApiError &error)
{
    QList<ApplyConflict> out;
    if (!error.isConflict())
        return out;
    for (const QJsonValue &v : error.details.value(QLatin1String("causes")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("reason")).toString() != QLatin1String("FieldManagerConflict"))
            continue;
        const QString message = c.value(QLatin1String("message")).toString();
        out.append({c.value(QLatin1String("field")).toString(), managerOf(message), message});
    }
    return out;
}

QJsonObject ApplyObjects::dropFields(const QJsonObject &object, const QStringList &paths, QStringList *missing)
{
    QJsonValue root(object);
    for (const QString &p : paths) {
        if (!removePath(root, p) && missing)
            missing->append(p);
    }
    return root.toObject();
}

QJsonObject ApplyObjects::normalized(const QJsonObject &object)
{
    QJsonObject out = object;
    QJsonObject meta = out.value(kMetadata).toObject();
    if (meta.contains(QLatin1String("managedFields"))) {
        meta.remove(QLatin1String("managedFields"));
        out.insert(kMetadata, meta);
    }
    return out;
}

void ApplyObjects::maskSecrets(QJsonObject &live, QJsonObject &merged)
{
    const auto isSecret = [](const QJsonObject &o) {
        return o.isEmpty() || (o.value(QLatin1String("kind")).toString() == QLatin1String("Secret")
                               && o.value(QLatin1String("apiVersion")).toString() == QLatin1String("v1"));
    };
    if (!isSecret(live) || !isSecret(merged))
        return;
    QJsonObject from = live.value(QLatin1String("data")).toObject();
    QJsonObject to = merged.value(QLatin1String("data")).toObject();
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (to.contains(it.key()) && to.value(it.key()) != it.value()) {
            to.insert(it.key(), QStringLiteral("*** (after)"));
            *it = QStringLiteral("*** (before)");
        }
    }
    for (QJsonObject *data : {&from, &to})
        for (auto it = data->begin(); it != data->end(); ++it)
            if (!it.value().toString().startsWith(QLatin1String("***")))
                *it = QStringLiteral("***");
    if (live.contains(QLatin1String("data")))
        live.insert(QLatin1String("data"), from);
    if (merged.contains(QLatin1String("data")))
        merged.insert(QLatin1String("data"), to);
}

QString ApplyObjects::diffFileName(const QJsonObject &object)
{
    const auto [group, version] = groupVersion(object.value(QLatin1String("apiVersion")).toString());
    const QJsonObject meta = object.value(kMetadata).toObject();
    return (group.isEmpty() ? QString() : group + QLatin1Char('.'))
        + QStringLiteral("%1.%2.%3.%4").arg(version, object.value(QLatin1String("kind")).toString(),
                                            meta.value(kNamespace).toString(), meta.value(QLatin1String("name")).toString());
}

bool ApplyObjects::sameContent(const QJsonObject &a, const QJsonObject &b)
{
    auto strip = [](QJsonObject o) {
        o = normalized(o);
        QJsonObject meta = o.value(kMetadata).toObject();
        meta.remove(QLatin1String("resourceVersion"));
        o.insert(kMetadata, meta);
        return o;
    };
    return strip(a) == strip(b);
}

} // namespace acp::models
