// YamlPositions::cursorAt(): the parse answers when the cursor is on a key or a scalar of a
// document that parsed; otherwise an indentation scan of the document's lines up to the cursor
// rebuilds the path (block style: "key:" lines, "- " items, block scalars skipped).
#include "api/YamlPositions.h"

#include <vector>

namespace acp::api {
namespace {

struct Open {
    int column = -1;       // column of the key, or of the item's "-" (0-based)
    QString path;
    bool item = false;
    bool emptyValue = true; // a key whose value continues on the next lines
    int items = 0;          // sequence items seen below this entry
};

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == QLatin1Char(' '))
        ++i;
    return i;
}

// Index of the ':' ending a plain or quoted key starting at `from`, or -1.
qsizetype keyColon(const QString &line, qsizetype from)
{
    QChar quote;
    for (qsizetype i = from; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (i == from && (c == QLatin1Char('"') || c == QLatin1Char('\''))) {
            quote = c;
            continue;
        }
        if (c == QLatin1Char('#') && i > from && line.at(i - 1) == QLatin1Char(' '))
            return -1;
        if (c == QLatin1Char(':') && (i + 1 == line.size() || line.at(i + 1) == QLatin1Char(' ')))
            return i;
    }
    return -1;
}

QString unquote(QString key)
{
    key = key.trimmed();
    if (key.size() >= 2 && (key.startsWith(QLatin1Char('"')) || key.startsWith(QLatin1Char('\'')))
        && key.endsWith(key.at(0)))
        return key.mid(1, key.size() - 2);
    return key;
}

class IndentScan {
public:
    IndentScan() { m_stack.push_back(Open{}); }

    // One complete line before the cursor's.
    void feed(const QString &line)
    {
        const int ind = indentOf(line);
        if (m_blockColumn >= 0) {
            if (ind == line.size() || ind > m_blockColumn)
                return;   // block scalar content (or a blank line inside it)
            m_blockColumn = -1;
        }
        if (ind == line.size() || line.at(ind) == QLatin1Char('#'))
            return;
        int col = dashes(line, ind, int(line.size()));
        const qsizetype colon = keyColon(line, col);
        if (colon < 0)
            return;   // a scalar item, a continuation line or flow text
        const QString rest = line.mid(colon + 1).trimmed();
        pushKey(col, unquote(line.mid(col, colon - col)), rest.isEmpty() || rest.startsWith(QLatin1Char('#')));
        if (rest.startsWith(QLatin1Char('|')) || rest.startsWith(QLatin1Char('>')))
            m_blockColumn = col;
    }

    // Consumes the "- " items of `line` starting at `col` (up to `limit`); returns the column after them.
    int dashes(const QString &line, int col, int limit)
    {
        while (col < limit && line.at(col) == QLatin1Char('-')
               && (col + 1 == line.size() || line.at(col + 1) == QLatin1Char(' '))) {
            popForDash(col);
            Open &parent = m_stack.back();
            Open item;
            item.column = col;
            item.item = true;
            item.path = YamlPositions::itemPath(parent.path, parent.items++);
            m_stack.push_back(item);
            col += 1;
            while (col < line.size() && line.at(col) == QLatin1Char(' '))
                ++col;
        }
        return col;
    }

    void pushKey(int col, const QString &key, bool emptyValue)
    {
        popTo(col);
        Open o;
        o.column = col;
        o.path = YamlPositions::childPath(m_stack.back().path, key);
        o.emptyValue = emptyValue;
        m_stack.push_back(o);
    }

    // Entries at or right of `col` are finished.
    void popTo(int col)
    {
        while (m_stack.size() > 1 && m_stack.back().column >= col)
            m_stack.pop_back();
    }

    const Open &top() const { return m_stack.back(); }
    bool inBlockScalar(int indent) const { return m_blockColumn >= 0 && indent > m_blockColumn; }

private:
    // A "-" at `col`: finishes entries right of it and a previous item at the same column, but a
    // key at the same column whose value is empty is the parent of an unindented sequence.
    void popForDash(int col)
    {
        while (m_stack.size() > 1) {
            const Open &t = m_stack.back();
            if (t.column < col || (t.column == col && !t.item && t.emptyValue))
                break;
            m_stack.pop_back();
        }
    }

    std::vector<Open> m_stack;
    int m_blockColumn = -1;
};

} // namespace

YamlCursor YamlPositions::cursorAt(int line, int column) const
{
    const int doc = documentAt(line);
    if (doc < 0)
        return YamlCursor{};
    if (m_docs.at(doc).parsed) {
        YamlCursor c = cursorFromParse(doc, line, column);
        if (c.kind != YamlCursor::Kind::None)
            return c;
    }
    return cursorFromIndentation(doc, line, column);
}

YamlCursor YamlPositions::cursorFromParse(int doc, int line, int column) const
{
    YamlCursor c;
    c.document = doc;
    const YamlPositionDocument &d = m_docs.at(doc);
    const QString &text = m_lines.at(line - 1);
    for (const YamlNodePosition &n : d.nodes) {
        if (n.value.line > line && (!n.key.isValid() || n.key.line > line))
            break;
        if (n.key.line == line && n.key.contains(line, column)) {
            c.kind = YamlCursor::Kind::Key;
            c.path = n.path;
            c.prefix = text.mid(n.key.column - 1, column - n.key.column);
            c.indentation = n.key.column - 1;
            return c;
        }
        const bool scalar = !n.collection && n.value.line == line && n.value.endLine == line
            && (n.value.endColumn > n.value.column || n.key.isValid());
        if (scalar && n.value.contains(line, column)) {
            c.kind = YamlCursor::Kind::Value;
            c.path = n.path;
            c.prefix = text.mid(n.value.column - 1, column - n.value.column);
            c.indentation = n.key.isValid() ? n.key.column - 1 : n.value.column - 1;
            return c;
        }
    }
    return c;
}

YamlCursor YamlPositions::cursorFromIndentation(int doc, int line, int column) const
{
    const YamlPositionDocument &d = m_docs.at(doc);
    YamlCursor c;
    c.document = doc;
    c.guessed = true;
    IndentScan scan;
    for (int l = d.firstLine; l < line; ++l)
        scan.feed(m_lines.at(l - 1));
    const QString &text = m_lines.at(line - 1);
    const int cur = qMin(column - 1, int(text.size()));   // 0-based cursor index
    const int ind = indentOf(text);
    if (scan.inBlockScalar(ind) && ind < text.size())
        return YamlCursor{};
    if (ind >= cur && text.mid(cur).trimmed().isEmpty()) {   // blank (up to the cursor and after)
        scan.popTo(cur);
        c.kind = YamlCursor::Kind::NewKey;
        c.path = scan.top().path;
        c.indentation = cur;
        return c;
    }
    if (ind < text.size() && text.at(ind) == QLatin1Char('#'))
        return YamlCursor{};
    const int col = scan.dashes(text, ind, cur);
    const qsizetype colon = keyColon(text, col);
    if (colon < 0 || cur <= colon) {
        c.prefix = text.mid(col, qMax(0, cur - col));
        if (colon >= 0) {
            scan.popTo(col);
            c.kind = YamlCursor::Kind::Key;
            c.path = childPath(scan.top().path, unquote(text.mid(col, colon - col)));
        } else {
            scan.popTo(col);
            c.kind = YamlCursor::Kind::NewKey;
            c.path = scan.top().path;
        }
        c.indentation = col;
        return c;
    }
    scan.popTo(col);
    c.kind = YamlCursor::Kind::Value;
    c.path = childPath(scan.top().path, unquote(text.mid(col, colon - col)));
    qsizetype v = colon + 1;
    while (v < cur && text.at(v) == QLatin1Char(' '))
        ++v;
    c.prefix = text.mid(v, cur - v);
    c.indentation = col;
    return c;
}

} // namespace acp::api
