#include "models/YamlAssist.h"

#include "api/YamlPositions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace acp::models {
namespace {

using api::YamlCursor;
using api::YamlPositions;

QString joinSegments(const QStringList &segs)
{
    QString p;
    for (const QString &s : segs)
        p = s.startsWith(u'[') ? p + s : YamlPositions::childPath(p, s);
    return p;
}

QPair<QString, QString> parentAndLast(const QString &path)
{
    QStringList segs = YamlPositions::segments(path);
    const QString last = segs.isEmpty() ? QString() : segs.takeLast();
    return {joinSegments(segs), last};
}

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && (line.at(i) == u' ' || line.at(i) == u'-'))
        ++i;
    return i;
}

QString keyOf(const QString &line, int indent)
{
    const qsizetype colon = line.indexOf(u':', indent);
    if (colon < 0 || (colon + 1 < line.size() && line.at(colon + 1) != u' '))
        return QString();
    QString k = line.mid(indent, colon - indent).trimmed();
    if (k.size() >= 2 && (k.startsWith(u'"') || k.startsWith(u'\'')))
        k = k.mid(1, k.size() - 2);
    return k;
}

// Keys written at `indent` in the block around `line` (the cursor's own line excluded).
QSet<QString> siblingKeys(const QStringList &lines, int first, int last, int line, int indent)
{
    QSet<QString> keys;
    for (int step : {-1, 1}) {
        for (int l = line + step; l >= first && l <= last; l += step) {
            const QString &t = lines.at(l - 1);
            if (t.trimmed().isEmpty() || t.trimmed().startsWith(u'#'))
                continue;
            const int ind = indentOf(t);
            // a "- " at a smaller indentation starts this item (upwards) or the next one (downwards)
            const bool dash = t.mid(0, ind).contains(u'-');
            if (ind < indent || (dash && ind == indent && step > 0))
                break;
            if (ind == indent)
                keys.insert(keyOf(t, ind));
            if (dash && ind == indent)
                break;
        }
    }
    return keys;
}

bool matchesPrefix(const QString &text, const QString &prefix)
{
    return prefix.isEmpty() || text.startsWith(prefix.trimmed(), Qt::CaseInsensitive);
}

} // namespace

QPair<QString, QString> YamlAssist::typeOf(const api::YamlPositions &positions, int document)
{
    if (document < 0 || document >= positions.documents().size())
        return {};
    const api::YamlPositionDocument &d = positions.documents().at(document);
    if (d.parsed && d.value.isObject()) {
        const QJsonObject o = d.value.toObject();
        return {o.value("apiVersion"_L1).toString(), o.value("kind"_L1).toString()};
    }
    QPair<QString, QString> out;
    for (int l = d.firstLine; l <= d.lastLine; ++l) {
        const QString &t = positions.lines().at(l - 1);
        auto valueOf = [&t](QLatin1StringView key) {
            QString v = t.mid(key.size() + 1).trimmed();
            const qsizetype hash = v.indexOf(" #"_L1);
            return (hash >= 0 ? v.left(hash) : v).remove(u'"').remove(u'\'');
        };
        if (t.startsWith("apiVersion:"_L1))
            out.first = valueOf("apiVersion"_L1);
        else if (t.startsWith("kind:"_L1))
            out.second = valueOf("kind"_L1);
    }
    return out;
}

QList<YamlCompletion> YamlAssist::completions(const api::YamlPositions &positions, int line, int column) const
{
    const YamlCursor c = positions.cursorAt(line, column);
    if (c.kind == YamlCursor::Kind::Key || c.kind == YamlCursor::Kind::NewKey)
        return keyCompletions(positions, c, line);
    if (c.kind == YamlCursor::Kind::Value)
        return valueCompletions(positions, c);
    return {};
}

QList<YamlCompletion> YamlAssist::keyCompletions(const api::YamlPositions &positions, const YamlCursor &c, int line) const
{
    const auto [apiVersion, kind] = typeOf(positions, c.document);
    const QString mapPath = c.kind == YamlCursor::Kind::Key ? parentAndLast(c.path).first : c.path;
    SchemaNode s = m_index.at(apiVersion, kind, mapPath);
    if (s.valid && s.type() == "array"_L1)
        s = m_index.items(s);
    QList<YamlCompletion> out;
    if (!s.valid) {
        if (!mapPath.isEmpty())
            return out;
        for (const char *k : {"apiVersion", "kind", "metadata"})
            out.append(YamlCompletion{YamlCompletion::Kind::Key, QString::fromLatin1(k),
                                      QString::fromLatin1(k[0] == 'm' ? "object" : "string"), QString(), true});
    } else {
        const QStringList required = s.required();
        const QJsonObject props = s.properties();
        for (auto it = props.begin(); it != props.end(); ++it) {
            const SchemaNode p = m_index.resolve(it.value());
            out.append(YamlCompletion{YamlCompletion::Kind::Key, it.key(), p.typeLabel(), p.description,
                                      required.contains(it.key())});
        }
    }
    const api::YamlPositionDocument &d = positions.documents().at(c.document);
    const QSet<QString> present = siblingKeys(positions.lines(), d.firstLine, d.lastLine, line, c.indentation);
    out.removeIf([&](const YamlCompletion &x) { return present.contains(x.text) || !matchesPrefix(x.text, c.prefix); });
    std::stable_sort(out.begin(), out.end(), [](const YamlCompletion &a, const YamlCompletion &b) {
        if (a.required != b.required)
            return a.required;
        return a.text < b.text;
    });
    return out;
}

QList<YamlCompletion> YamlAssist::valueCompletions(const api::YamlPositions &positions, const YamlCursor &c) const
{
    const auto [apiVersion, kind] = typeOf(positions, c.document);
    QList<YamlCompletion> out;
    auto value = [&out](const QString &text, const QString &detail) {
        out.append(YamlCompletion{YamlCompletion::Kind::Value, text, detail, QString(), false});
    };
    if (c.path == "kind"_L1 || c.path == "apiVersion"_L1) {
        QStringList seen;
        for (const QString &key : m_index.kinds()) {   // "group/version/Kind"
            const QStringList parts = key.split(u'/');
            const QString gv = parts.at(0).isEmpty() ? parts.at(1) : parts.at(0) + u'/' + parts.at(1);
            const QString text = c.path == "kind"_L1 ? parts.at(2) : gv;
            if ((c.path == "apiVersion"_L1 || apiVersion.isEmpty() || gv == apiVersion) && !seen.contains(text)
                && !text.endsWith("List"_L1))
                seen.append(text);
        }
        std::sort(seen.begin(), seen.end());
        for (const QString &s : std::as_const(seen))
            value(s, u"string"_s);
    } else {
        const SchemaNode s = m_index.at(apiVersion, kind, c.path);
        for (const QJsonValue &e : s.enumValues())
            value(e.isString() ? e.toString() : e.toVariant().toString(), s.typeLabel());
        if (s.valid && s.type() == "boolean"_L1) {
            value(u"true"_s, u"boolean"_s);
            value(u"false"_s, u"boolean"_s);
        }
    }
    out.removeIf([&](const YamlCompletion &x) { return !matchesPrefix(x.text, c.prefix); });
    return out;
}

std::optional<YamlCompletion> YamlAssist::documentation(const api::YamlPositions &positions, int line, int column) const
{
    const YamlCursor c = positions.cursorAt(line, column);
    if (c.kind != YamlCursor::Kind::Key && c.kind != YamlCursor::Kind::Value)
        return std::nullopt;
    const auto [apiVersion, kind] = typeOf(positions, c.document);
    const SchemaNode s = m_index.at(apiVersion, kind, c.path);
    if (!s.valid || (s.json.isEmpty() && s.description.isEmpty()))
        return std::nullopt;
    const auto [parent, last] = parentAndLast(c.path);
    SchemaNode p = m_index.at(apiVersion, kind, parent);
    YamlCompletion doc;
    doc.kind = c.kind == YamlCursor::Kind::Key ? YamlCompletion::Kind::Key : YamlCompletion::Kind::Value;
    doc.text = last;
    doc.detail = s.typeLabel();
    doc.documentation = s.description;
    doc.required = p.valid && p.required().contains(last);
    return doc;
}

} // namespace acp::models
