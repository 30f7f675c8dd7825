#include "api/YamlPositions.h"

#include "api/ParallelFor.h"
#include "api/YamlParse.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <vector>

// build(): the text is cut into documents at marker lines; each document's UTF-8 bytes go through
// api::yaml's parser with a PositionRecorder observing the events. The recorder keeps a stack of
// open collections (path, item counter, pending key) and appends one YamlNodePosition per node.

namespace acp::api {
namespace {

bool isMarkerLine(const QString &line)
{
    if (!line.startsWith(QLatin1String("---")) && !line.startsWith(QLatin1String("...")))
        return false;
    return line.size() == 3 || line.at(3).isSpace();
}

bool isBlankOrComment(const QString &line)
{
    for (QChar c : line) {
        if (c == QLatin1Char('#'))
            return true;
        if (!c.isSpace())
            return false;
    }
    return true;
}

// Converts byte positions of one document's UTF-8 text to (line, UTF-16 column).
class ColumnMapper {
public:
    ColumnMapper(const QStringList &lines, int firstLine, const QByteArray &bytes)
        : m_lines(lines), m_firstLine(firstLine), m_bytes(bytes)
    {
        m_lineStart.push_back(0);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            if (bytes.at(i) == '\n')
                m_lineStart.push_back(i + 1);
    }
    // relLine: 0-based line inside the document text.
    int column(int relLine, int byteColumn) const
    {
        const int abs = m_firstLine - 1 + relLine;
        if (abs < 0 || abs >= m_lines.size())
            return byteColumn + 1;
        const QString &l = m_lines.at(abs);
        // As many UTF-8 bytes as UTF-16 units: the line is ASCII (any other character takes more
        // bytes than units).
        const size_t next = size_t(relLine) + 1;
        const qsizetype end = next < m_lineStart.size() ? m_lineStart[next] - 1 : m_bytes.size();
        const qsizetype lineBytes = end - m_lineStart[size_t(relLine)];
        if (lineBytes == l.size())
            return byteColumn + 1;
        return int(QString::fromUtf8(l.toUtf8().left(byteColumn)).size()) + 1;
    }
    int absLine(int relLine) const { return m_firstLine + relLine; }
    // Position of byte offset `pos`.
    void at(qsizetype pos, int *line, int *col) const
    {
        auto it = std::upper_bound(m_lineStart.begin(), m_lineStart.end(), pos);
        const int rel = int(it - m_lineStart.begin()) - 1;
        *line = absLine(rel);
        *col = column(rel, int(pos - m_lineStart[size_t(rel)]));
    }
    const QByteArray &bytes() const { return m_bytes; }

private:
    const QStringList &m_lines;
    int m_firstLine;
    const QByteArray &m_bytes;
    std::vector<qsizetype> m_lineStart;
};

// End (exclusive byte offset) of the scalar token starting at `pos`; multi-line scalars end
// with their first line.
qsizetype scalarEnd(const QByteArray &b, qsizetype pos, bool inFlow)
{
    const qsizetype n = b.size();
    if (pos >= n)
        return pos;
    const char c = b.at(pos);
    qsizetype i = pos + 1;
    if (c == '"' || c == '\'') {
        while (i < n && b.at(i) != '\n') {
            if (c == '"' && b.at(i) == '\\') {
                i += 2;
                continue;
            }
            if (b.at(i) == c) {
                if (c == '\'' && i + 1 < n && b.at(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            ++i;
        }
        return i;
    }
    i = pos;
    while (i < n && b.at(i) != '\n') {
        const char ch = b.at(i);
        if (ch == ':' && (i + 1 == n || b.at(i + 1) == ' ' || b.at(i + 1) == '\n' || b.at(i + 1) == '\r'
                          || (inFlow && QByteArrayView(",]}").contains(b.at(i + 1)))))
            break;
        if (ch == '#' && i > pos && (b.at(i - 1) == ' ' || b.at(i - 1) == '\t'))
            break;
        if (inFlow && (ch == ',' || ch == ']' || ch == '}'))
            break;
        ++i;
    }
    while (i > pos && (b.at(i - 1) == ' ' || b.at(i - 1) == '\t' || b.at(i - 1) == '\r'))
        --i;
    return i;
}

class PositionRecorder : public YAML::EventHandler {
public:
    PositionRecorder(const ColumnMapper &map, YamlPositionDocument &doc) : m_map(map), m_doc(doc) {}

    void OnDocumentStart(const YAML::Mark &) override
    {
        m_stack.clear();
        m_doc.nodes.clear();
        m_doc.index.clear();
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t) override
    {
        const QByteArray &b = m_map.bytes();
        const bool written = mark.pos >= 0 && mark.pos < b.size()
            && (b.at(mark.pos) == '~' || b.mid(mark.pos, 4).toLower() == "null");
        scalar(mark, written ? 0 : -1);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override { scalar(mark, 1); }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t, const std::string &value) override
    {
        if (isKeyPosition()) {
            Frame &top = m_stack.back();
            top.haveKey = true;
            top.key = QString::fromStdString(value);
            top.keyRange = range(mark, scalarEnd(m_map.bytes(), mark.pos, inFlow()));
            return;
        }
        scalar(mark, 0);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value s) override
    {
        open(mark, false, s == YAML::EmitterStyle::Flow);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value s) override
    {
        open(mark, true, s == YAML::EmitterStyle::Flow);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        bool isMap = false;
        bool flow = false;
        int node = -1;
        int items = 0;
        bool haveKey = false;
        QString key;
        YamlRange keyRange;
        int endLine = 0, endColumn = 0;
    };

    bool isKeyPosition() const { return !m_stack.empty() && m_stack.back().isMap && !m_stack.back().haveKey; }
    bool inFlow() const { return !m_stack.empty() && m_stack.back().flow; }

    YamlRange range(const YAML::Mark &mark, qsizetype endPos) const
    {
        YamlRange r;
        m_map.at(mark.pos, &r.line, &r.column);
        m_map.at(endPos, &r.endLine, &r.endColumn);
        return r;
    }

    // Adds a node for the value about to complete; returns its index. Consumes a pending key.
    int addNode(const YamlRange &value)
    {
        YamlNodePosition n;
        n.value = value;
        if (!m_stack.empty()) {
            Frame &top = m_stack.back();
            const QString parent = m_doc.nodes.at(top.node).path;
            if (top.isMap) {
                n.path = YamlPositions::childPath(parent, top.key);
                n.key = top.keyRange;
                top.haveKey = false;
            } else {
                n.path = YamlPositions::itemPath(parent, top.items++);
            }
        }
        const int idx = int(m_doc.nodes.size());
        if (!m_doc.index.contains(n.path))   // a duplicate key keeps its first position
            m_doc.index.insert(n.path, idx);
        m_doc.nodes.append(std::move(n));
        return idx;
    }

    void noteEnd(int line, int column)
    {
        if (m_stack.empty())
            return;
        Frame &top = m_stack.back();
        if (line > top.endLine || (line == top.endLine && column > top.endColumn)) {
            top.endLine = line;
            top.endColumn = column;
        }
    }

    // kind: 0 scalar token, 1 alias ("*name"), -1 empty null (positioned after its key)
    void scalar(const YAML::Mark &mark, int kind)
    {
        if (isKeyPosition()) {   // a null / alias key
            Frame &top = m_stack.back();
            top.haveKey = true;
            top.key.clear();
            top.keyRange = range(mark, mark.pos);
            return;
        }
        YamlRange r;
        if (kind < 0 && !m_stack.empty() && m_stack.back().isMap && m_stack.back().haveKey) {
            const YamlRange &k = m_stack.back().keyRange;
            r = {k.endLine, k.endColumn + 1, k.endLine, k.endColumn + 1};
        } else if (kind < 0) {
            r = range(mark, mark.pos);
        } else {
            qsizetype end = mark.pos + 1;
            const QByteArray &b = m_map.bytes();
            if (kind == 1)
                while (end < b.size() && !QByteArrayView(" \t\r\n,]}").contains(b.at(end)))
                    ++end;
            else
                end = scalarEnd(b, mark.pos, inFlow());
            r = range(mark, end);
        }
        addNode(r);
        noteEnd(r.endLine, r.endColumn);
    }

    void open(const YAML::Mark &mark, bool isMap, bool flow)
    {
        YamlRange r;
        m_map.at(mark.pos, &r.line, &r.column);
        const int idx = addNode(r);
        m_doc.nodes[idx].collection = true;
        Frame f;
        f.isMap = isMap;
        f.flow = flow || inFlow();
        f.node = idx;
        f.endLine = r.line;
        f.endColumn = r.column + (flow ? 1 : 0);
        m_stack.push_back(std::move(f));
    }

    void close()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        YamlRange &r = m_doc.nodes[f.node].value;
        r.endLine = f.endLine;
        r.endColumn = f.endColumn + (f.flow ? 1 : 0);
        noteEnd(r.endLine, r.endColumn);
    }

    const ColumnMapper &m_map;
    YamlPositionDocument &m_doc;
    std::vector<Frame> m_stack;
};

void parseDocument(const QStringList &lines, YamlPositionDocument &doc)
{
    QString text;   // one UTF-8 conversion for the document, not one per line
    qsizetype size = 0;
    for (int l = doc.firstLine; l <= doc.lastLine; ++l)
        size += lines.at(l - 1).size() + 1;
    text.reserve(size);
    for (int l = doc.firstLine; l <= doc.lastLine; ++l) {
        text += lines.at(l - 1);
        text += QLatin1Char('\n');
    }
    const QByteArray bytes = text.toUtf8();
    ColumnMapper map(lines, doc.firstLine, bytes);
    PositionRecorder recorder(map, doc);
    const Result<QList<yaml::Document>> r = yaml::detail::parseAllObserved(bytes, QString(), &recorder);
    if (r) {
        doc.parsed = true;
        doc.value = r->isEmpty() ? QJsonValue() : r->first().value;
        return;
    }
    doc.parsed = false;
    doc.errorLine = r.error().line > 0 ? r.error().line + doc.firstLine - 1 : doc.firstLine;
    doc.errorColumn = qMax(1, r.error().column);
    // "yaml: line L, column C: msg" with lines of the whole text
    QString msg = r.error().message;
    const qsizetype colon = msg.indexOf(QLatin1String(": "), msg.indexOf(QLatin1String("column")));
    if (r.error().line > 0 && colon > 0)
        msg = QStringLiteral("yaml: line %1, column %2: %3").arg(doc.errorLine).arg(doc.errorColumn).arg(msg.mid(colon + 2));
    doc.errorMessage = msg;
}

} // namespace

bool YamlRange::contains(int l, int c) const
{
    if (!isValid() || l < line || l > endLine)
        return false;
    if (l == line && c < column)
        return false;
    return !(l == endLine && c > endColumn);   // the end itself counts (cursor right after a word)
}

namespace {

thread_local int t_reused = 0;

// The document's lines, without trailing blank ones (they change nothing in the parse).
QString documentText(const QStringList &lines, int first, int last)
{
    while (last >= first && lines.at(last - 1).trimmed().isEmpty())
        --last;
    QString out;
    for (int l = first; l <= last; ++l) {
        out += lines.at(l - 1);
        out += QLatin1Char('\n');
    }
    return out;
}

void shiftRange(YamlRange &r, int delta)
{
    if (r.isValid()) {
        r.line += delta;
        r.endLine += delta;
    }
}

// A parsed document of `previous` with the same text, moved to start at firstLine; false if none.
bool reuse(const QHash<QString, int> &previousDocs, const YamlPositions &previous, const QString &docText, int firstLine,
           int lastLine, YamlPositionDocument &doc)
{
    const auto it = previousDocs.constFind(docText);
    if (it == previousDocs.cend())
        return false;
    doc = previous.documents().at(*it);
    const int delta = firstLine - doc.firstLine;
    doc.firstLine = firstLine;
    doc.lastLine = lastLine;
    if (delta != 0)
        for (YamlNodePosition &n : doc.nodes) {
            shiftRange(n.key, delta);
            shiftRange(n.value, delta);
        }
    return true;
}

} // namespace

int YamlPositions::lastReusedDocuments()
{
    return t_reused;
}

YamlPositions YamlPositions::build(const QString &text)
{
    return build(text, nullptr);
}

YamlPositions YamlPositions::build(const QString &text, const YamlPositions *previous)
{
    t_reused = 0;
    QHash<QString, int> previousDocs;   // text of each parsed document of `previous` -> index
    if (previous)
        for (int i = 0; i < previous->m_docs.size(); ++i) {
            const YamlPositionDocument &d = previous->m_docs.at(i);
            if (d.parsed)
                previousDocs.insert(documentText(previous->m_lines, d.firstLine, d.lastLine), i);
        }
    YamlPositions p;
    p.m_lines = text.split(QLatin1Char('\n'));
    for (QString &l : p.m_lines)
        if (l.endsWith(QLatin1Char('\r')))
            l.chop(1);
    if (!p.m_lines.isEmpty() && p.m_lines.first().startsWith(QChar(0xFEFF)))
        p.m_lines.first().remove(0, 1);
    // Cut into documents (reusing unchanged ones), then parse the others in parallel.
    std::vector<YamlPositionDocument> docs;
    std::vector<int> toParse;
    int start = 1;
    const int count = int(p.m_lines.size());
    for (int l = 1; l <= count + 1; ++l) {
        const bool end = l > count;
        const bool marker = !end && isMarkerLine(p.m_lines.at(l - 1));
        if (!end && !marker)
            continue;
        // lines [start, l) form a document (a "--- x" line keeps its content in the next one);
        // directive lines ("%YAML 1.1") before a "---" are not a document of their own
        bool empty = true;
        for (int i = start; i < l && empty; ++i)
            empty = isBlankOrComment(p.m_lines.at(i - 1)) || p.m_lines.at(i - 1).startsWith(QLatin1Char('%'));
        if (!empty) {
            YamlPositionDocument doc;
            if (!previousDocs.isEmpty() && reuse(previousDocs, *previous, documentText(p.m_lines, start, l - 1), start, l - 1, doc)) {
                ++t_reused;
            } else {
                doc.firstLine = start;
                doc.lastLine = l - 1;
                toParse.push_back(int(docs.size()));
            }
            docs.push_back(std::move(doc));
        }
        start = (marker && p.m_lines.at(l - 1).size() > 4 && !isBlankOrComment(p.m_lines.at(l - 1).mid(4))) ? l : l + 1;
    }
    const QStringList &lines = p.m_lines;
    parallelFor(int(toParse.size()), [&](int i) { parseDocument(lines, docs[size_t(toParse[size_t(i)])]); },
                backgroundThreadCount());
    for (YamlPositionDocument &doc : docs)
        if (!doc.parsed || !doc.value.isNull())
            p.m_docs.append(std::move(doc));
    return p;
}

bool YamlPositions::hasErrors() const
{
    for (const YamlPositionDocument &d : m_docs)
        if (!d.parsed)
            return true;
    return false;
}

const YamlNodePosition *YamlPositions::exact(int document, const QString &path) const
{
    if (document < 0 || document >= m_docs.size())
        return nullptr;
    const YamlPositionDocument &d = m_docs.at(document);
    const auto it = d.index.constFind(path);
    return it == d.index.constEnd() ? nullptr : &d.nodes.at(*it);
}

const YamlNodePosition *YamlPositions::find(int document, const QString &path) const
{
    QStringList segs = segments(path);
    while (true) {
        QString p;
        for (const QString &s : std::as_const(segs))
            p = s.startsWith(QLatin1Char('[')) ? p + s : childPath(p, s);
        if (const YamlNodePosition *n = exact(document, p))
            return n;
        if (segs.isEmpty())
            return nullptr;
        segs.removeLast();
    }
}

int YamlPositions::documentAt(int line) const
{
    for (int i = 0; i < m_docs.size(); ++i)
        if (line >= m_docs.at(i).firstLine && line <= m_docs.at(i).lastLine)
            return i;
    return -1;
}

QString YamlPositions::childPath(const QString &parent, const QString &key)
{
    const bool plain = !key.isEmpty() && !key.contains(QLatin1Char('.')) && !key.contains(QLatin1Char('['))
        && !key.contains(QLatin1Char(']'));
    if (!plain)
        return parent + QLatin1Char('[') + key + QLatin1Char(']');
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString YamlPositions::itemPath(const QString &parent, int index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QStringList YamlPositions::segments(const QString &path)
{
    QStringList out;
    QString cur;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('.')) {
            if (!cur.isEmpty())
                out.append(cur);
            cur.clear();
        } else if (c == QLatin1Char('[')) {
            if (!cur.isEmpty())
                out.append(cur);
            cur.clear();
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            const qsizetype end = close < 0 ? path.size() : close;
            const QString inner = path.mid(i + 1, end - i - 1);
            bool isIndex = false;
            inner.toInt(&isIndex);
            out.append(isIndex ? QLatin1Char('[') + inner + QLatin1Char(']') : inner);
            i = end;
        } else {
            cur += c;
        }
    }
    if (!cur.isEmpty())
        out.append(cur);
    return out;
}

} // namespace acp::api
