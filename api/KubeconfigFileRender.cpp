// KubeconfigFile, saving half: the comment-keeping line-level rewrite described in
// KubeconfigFile.h. Every result is re-parsed and compared with the intended JSON; any doubt
// returns nullopt and the caller re-emits the whole file.
#include "api/KubeconfigFile.h"
#include "api/Yaml.h"
#include <QSet>
#include <algorithm>

namespace acp::api {

namespace {

struct Edit {
    int start = 0; // 0-based first line replaced
    int end = 0;   // exclusive; start == end inserts
    QList<QByteArray> text;
    int order = 0; // for equal starts: lower applies first (so ends up below)
};

QList<QByteArray> dumpLines(const QJsonValue &v, int indent)
{
    QByteArray text = yaml::dump(v);
    if (text.endsWith('\n'))
        text.chop(1);
    QList<QByteArray> out = text.split('\n');
    const QByteArray pad(indent, ' ');
    for (QByteArray &l : out)
        l.prepend(pad);
    return out;
}

bool isCommentOrBlank(const QByteArray &line)
{
    const QByteArray s = line.trimmed();
    return s.isEmpty() || s.startsWith('#');
}

bool isScalar(const QJsonValue &v)
{
    return !v.isArray() && !v.isObject();
}

// The value after "key:" on a column-0 line, or nullopt if the line is not "key: ...".
std::optional<QByteArray> sameLineValue(const QByteArray &line, const QString &key)
{
    const QByteArray k = key.toUtf8() + ':';
    if (!line.startsWith(k))
        return std::nullopt;
    return line.mid(k.size()).trimmed();
}

} // namespace

std::optional<QByteArray> KubeconfigFile::renderLines(const QJsonObject &newRoot) const
{
    QList<QByteArray> lines = m_text.split('\n');
    int tail = qMin(m_docEnd - 1, int(lines.size()));
    if (tail == lines.size() && !lines.isEmpty() && lines.last().isEmpty())
        tail = lines.size() - 1;
    QList<Edit> edits;
    QSet<QString> keys;
    for (auto it = m_root.begin(); it != m_root.end(); ++it)
        keys.insert(it.key());
    for (auto it = newRoot.begin(); it != newRoot.end(); ++it)
        keys.insert(it.key());
    static const QStringList lists{QStringLiteral("clusters"), QStringLiteral("users"), QStringLiteral("contexts")};

    for (const QString &key : keys) {
        const QJsonValue before = m_root.value(key), after = newRoot.value(key);
        if (before == after)
            continue;
        const int keyLine = m_lines.value(key) - 1; // 0-based, -1 = absent
        if (lists.contains(key) && (before.isArray() || before.isNull() || before.isUndefined()) && after.isArray()) {
            const QJsonArray b = before.toArray(), a = after.toArray();
            if (b.isEmpty()) { // "key:" / "key: []" / absent -> a fresh block list
                QList<QByteArray> text{key.toUtf8() + ':'};
                text += dumpLines(a, 0);
                if (keyLine < 0) {
                    edits.append({tail, tail, text, 0});
                    continue;
                }
                const auto v = sameLineValue(lines.value(keyLine), key);
                if (!v || !(v->isEmpty() || *v == "[]" || *v == "null" || *v == "~"))
                    return std::nullopt;
                edits.append({keyLine, keyLine + 1, text, 0});
                continue;
            }
            // Items of a non-empty block list: [start, end) per item.
            QList<int> start, indent;
            for (int i = 0; i < b.size(); ++i) {
                const int ml = m_lines.value(QStringLiteral("%1[%2]").arg(key).arg(i)) - 1;
                if (ml < 0 || ml >= lines.size() || !lines.at(ml).trimmed().startsWith('-'))
                    return std::nullopt;
                if (!start.isEmpty() && ml <= start.last())
                    return std::nullopt;
                start.append(ml);
                indent.append(int(lines.at(ml).indexOf('-')));
            }
            QList<int> end;
            for (int i = 0; i < b.size(); ++i) {
                int e = i + 1 < b.size() ? start.at(i + 1) : qMin(listEnd(key) - 1, int(lines.size()));
                while (e > start.at(i) + 1 && isCommentOrBlank(lines.at(e - 1)))
                    --e;
                end.append(e);
            }
            QStringList bNames, aNames;
            for (const QJsonValue &v : b)
                bNames.append(v.toObject().value(QLatin1String("name")).toString());
            for (const QJsonValue &v : a)
                aNames.append(v.toObject().value(QLatin1String("name")).toString());
            if (QSet<QString>(bNames.begin(), bNames.end()).size() != bNames.size())
                return std::nullopt;
            QStringList expected;
            for (const QString &n : bNames)
                if (aNames.contains(n))
                    expected.append(n);
            for (const QString &n : aNames)
                if (!bNames.contains(n))
                    expected.append(n);
            if (expected != aNames)
                return std::nullopt;
            for (int i = 0; i < b.size(); ++i) {
                const int ai = aNames.indexOf(bNames.at(i));
                if (ai < 0)
                    edits.append({start.at(i), end.at(i), {}, 1});
                else if (a.at(ai) != b.at(i))
                    edits.append({start.at(i), end.at(i), dumpLines(QJsonArray{a.at(ai)}, indent.at(i)), 1});
            }
            QJsonArray added;
            for (int i = 0; i < a.size(); ++i)
                if (!bNames.contains(aNames.at(i)))
                    added.append(a.at(i));
            if (!added.isEmpty())
                edits.append({end.last(), end.last(), dumpLines(added, indent.last()), 1});
            if (a.isEmpty()) {
                const auto v = sameLineValue(lines.value(keyLine), key);
                if (keyLine < 0 || !v || !v->isEmpty())
                    return std::nullopt;
                edits.append({keyLine, keyLine + 1, {key.toUtf8() + ": []"}, 1});
            }
            continue;
        }
        if (!isScalar(before) || !isScalar(after))
            return std::nullopt;
        if (keyLine < 0) {
            edits.append({tail, tail, dumpLines(QJsonObject{{key, after}}, 0), 0});
            continue;
        }
        const auto v = sameLineValue(lines.value(keyLine), key);
        if (!v || (v->isEmpty() && !before.isNull()))
            return std::nullopt;
        edits.append({keyLine, keyLine + 1, after.isUndefined() ? QList<QByteArray>() : dumpLines(QJsonObject{{key, after}}, 0), 0});
    }

    std::stable_sort(edits.begin(), edits.end(), [](const Edit &x, const Edit &y) {
        return x.start != y.start ? x.start > y.start : x.order < y.order;
    });
    for (int i = 1; i < edits.size(); ++i) // overlapping edits: give up
        if (edits.at(i).end > edits.at(i - 1).start && edits.at(i).start != edits.at(i).end)
            return std::nullopt;
    for (const Edit &e : edits) {
        lines.remove(e.start, e.end - e.start);
        for (int k = 0; k < e.text.size(); ++k)
            lines.insert(e.start + k, e.text.at(k));
    }
    QByteArray out = lines.join('\n');
    if (!out.isEmpty() && !out.endsWith('\n'))
        out.append('\n');
    auto check = yaml::parseAll(out, m_path);
    if (!check || check->isEmpty() || check->first().value != QJsonValue(newRoot))
        return std::nullopt;
    return out;
}

} // namespace acp::api
