#include "api/Yaml.h"

#include "api/YamlEvents.h"
#include "api/YamlParse.h"
#include "api/YamlScalar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <optional>
#include <vector>

// Parsing is event based (libyaml's events, given as yaml-cpp EventHandler calls by
// YamlEvents.cpp) rather than a node tree: events give
// the tag of every scalar, tell aliases apart (so expansion can be bounded as go-yaml bounds
// it) and let JSON values be built in one pass; aliased values are implicitly shared.

namespace acp::api::yaml {
namespace {

using detail::ScalarKind;

const char kYamlTagPrefix[] = "tag:yaml.org,2002:";

// Thrown inside the handler, caught in parseAll(); never leaves this file.
struct Failure {
    YAML::Mark mark;
    QString message;
};

// A finished node, on its way into its parent.
struct Node {
    QJsonValue value;
    QString keyText;          // the text used when this node is a mapping key (scalars only)
    bool collection = false;
    bool mergeKey = false;
    YAML::Mark mark;
    double nodes = 1;         // nodes decoded with aliases expanded (go-yaml's decodeCount)
};

struct Anchor {
    Node node;
    bool complete = false;
};

struct Frame {
    struct Entry {
        QString key;
        QJsonValue value;
        bool merge = false;
        YAML::Mark mark;
    };
    bool isMap = false;
    YAML::Mark mark;
    YAML::anchor_t anchor = 0;
    QJsonArray array;
    std::vector<Entry> entries;
    bool haveKey = false;
    Node key;
    double nodes = 1;
};

// go-yaml v2's allowedAliasRatio(): how much of a document may come from alias expansion.
double allowedAliasRatio(double decodeCount)
{
    constexpr double low = 400000, high = 4000000;
    if (decodeCount <= low)
        return 0.99;
    if (decodeCount >= high)
        return 0.10;
    return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

class Builder : public YAML::EventHandler {
public:
    explicit Builder(const QByteArray &source) : m_source(source) {}

    QList<Document> takeDocuments() { return std::move(m_docs); }

    void OnDocumentStart(const YAML::Mark &) override
    {
        m_stack.clear();
        m_anchors.clear();
        m_haveRoot = false;
        m_root = QJsonValue();
        m_rootLine = 0;
        m_decodeCount = 0;
        m_aliasCount = 0;
    }

    void OnDocumentEnd() override
    {
        if (m_haveRoot && !m_root.isNull())
            m_docs.append(Document{m_root, m_rootLine});
    }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        noteNode(mark);
        Node n;
        n.mark = mark;
        n.keyText = nullText(mark);
        complete(std::move(n), anchor);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        noteNode(mark);
        if (anchor >= m_anchors.size() || !m_anchors[anchor].complete)
            throw Failure{mark, QStringLiteral("anchor value contains itself")};
        // go-yaml counts every node decoded through an alias; a document that is mostly
        // alias expansion ("billion laughs") is refused.
        Node n = m_anchors[anchor].node;
        n.mark = mark;
        n.mergeKey = false;
        m_decodeCount += n.nodes;
        m_aliasCount += n.nodes;
        n.nodes += 1;
        if (m_aliasCount > 100 && m_decodeCount > 1000
            && m_aliasCount / m_decodeCount > allowedAliasRatio(m_decodeCount))
            throw Failure{mark, QStringLiteral("document contains excessive aliasing")};
        complete(std::move(n), 0);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        noteNode(mark);
        const QByteArray text = QByteArray::fromStdString(value);
        Node n;
        n.mark = mark;
        n.keyText = QString::fromUtf8(text);
        if (tag == "?") {
            const detail::Resolved r = detail::resolve(text);
            n.mergeKey = value == "<<";   // go-yaml's isMerge(): an untagged plain "<<"
            n.value = isTextual(r.kind) ? QJsonValue(n.keyText) : r.value;
            // As a mapping key, sigs.k8s.io/yaml turns go-yaml's bool and int keys into their
            // Go text: `on:` -> "true", `0x10:` -> "16" (what kubectl sends for such keys).
            if (r.kind == detail::ScalarKind::Bool)
                n.keyText = r.value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (r.kind == detail::ScalarKind::Int)
                n.keyText = QString::number(r.value.toInteger());
        } else if (tag.rfind(kYamlTagPrefix, 0) == 0) {
            const std::string suffix = tag.substr(sizeof(kYamlTagPrefix) - 1);
            n.mergeKey = suffix == "merge" && value == "<<";
            n.value = tagged(mark, suffix, text, n.keyText);
        } else {
            n.value = n.keyText;   // quoted ("!"), block scalars and local/custom tags
        }
        complete(std::move(n), anchor);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        push(mark, anchor, false);
    }

    void OnSequenceEnd() override
    {
        Frame f = pop();
        Node n;
        n.value = f.array;
        finishCollection(std::move(n), f);
    }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        push(mark, anchor, true);
    }

    void OnMapEnd() override
    {
        Frame f = pop();
        QJsonObject obj;
        for (const Frame::Entry &e : f.entries) {
            if (e.merge)
                merge(obj, e.value, e.mark);
            else
                obj.insert(e.key, e.value);
        }
        Node n;
        n.value = obj;
        finishCollection(std::move(n), f);
    }

private:
    static bool isTextual(ScalarKind k)
    {
        return k == ScalarKind::Str || k == ScalarKind::Timestamp;
    }

    // A scalar with an explicit !!tag, as go-yaml's resolve(tag, in) + decoder do.
    QJsonValue tagged(const YAML::Mark &mark, const std::string &suffix, const QByteArray &text,
                      const QString &str) const
    {
        if (suffix == "binary") {
            QByteArray b64 = text;
            b64.replace('\n', QByteArray()).replace('\r', QByteArray());
            const auto decoded = QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                throw Failure{mark, QStringLiteral("!!binary value contains invalid base64 data")};
            return QString::fromUtf8(*decoded);
        }
        static const std::string resolvable[] = {"bool", "int", "float", "null", "timestamp"};
        if (std::find(std::begin(resolvable), std::end(resolvable), suffix) == std::end(resolvable))
            return str;   // !!str and tags go-yaml does not resolve
        const detail::Resolved r = detail::resolve(text, suffix == "timestamp");
        static const char *const names[] = {"str", "null", "bool", "int", "float", "timestamp"};
        const std::string got = names[int(r.kind)];
        if (got == suffix || (suffix == "float" && r.kind == ScalarKind::Int))
            return isTextual(r.kind) ? QJsonValue(str) : r.value;
        throw Failure{mark, QStringLiteral("cannot decode !!%1 `%2` as a !!%3")
                                .arg(QString::fromStdString(got), str, QString::fromStdString(suffix))};
    }

    // go-yaml v2 merge: a mapping, or a sequence of mappings applied last to first; merged keys
    // overwrite keys set before the "<<" entry, later keys overwrite merged ones.
    static void merge(QJsonObject &obj, const QJsonValue &src, const YAML::Mark &mark)
    {
        auto overlay = [&obj](const QJsonObject &from) {
            for (auto it = from.begin(); it != from.end(); ++it)
                obj.insert(it.key(), it.value());
        };
        if (src.isObject()) {
            overlay(src.toObject());
            return;
        }
        const QString wantMap = QStringLiteral("map merge requires map or sequence of maps as the value");
        if (!src.isArray())
            throw Failure{mark, wantMap};
        const QJsonArray list = src.toArray();
        for (const QJsonValue &v : list)
            if (!v.isObject())
                throw Failure{mark, wantMap};
        for (qsizetype i = list.size() - 1; i >= 0; --i)
            overlay(list.at(i).toObject());
    }

    // The text of a plain null scalar used as a key ("~", "null", ... or empty).
    QString nullText(const YAML::Mark &mark) const
    {
        if (mark.pos < 0 || mark.pos >= m_source.size())
            return QString();
        const QByteArray rest = m_source.mid(mark.pos, 5);
        if (rest.startsWith('~'))
            return QStringLiteral("~");
        for (const char *w : {"null", "Null", "NULL"}) {
            if (rest.startsWith(w) && (rest.size() == 4 || QByteArray(" \t\r\n:,]}").contains(rest.at(4))))
                return QString::fromLatin1(w);
        }
        return QString();
    }

    void noteNode(const YAML::Mark &mark)
    {
        if (m_stack.empty() && !m_haveRoot)
            m_rootLine = mark.line + 1;
        m_decodeCount += 1;
    }

    void push(const YAML::Mark &mark, YAML::anchor_t anchor, bool isMap)
    {
        noteNode(mark);
        if (anchor) {
            if (anchor >= m_anchors.size())
                m_anchors.resize(anchor + 1);
            m_anchors[anchor] = Anchor();
        }
        Frame f;
        f.isMap = isMap;
        f.mark = mark;
        f.anchor = anchor;
        m_stack.push_back(std::move(f));
    }

    Frame pop()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        return f;
    }

    void finishCollection(Node n, const Frame &f)
    {
        n.collection = true;
        n.mark = f.mark;
        n.nodes = f.nodes;
        complete(std::move(n), f.anchor);
    }

    void complete(Node n, YAML::anchor_t anchor)
    {
        if (anchor) {
            if (anchor >= m_anchors.size())
                m_anchors.resize(anchor + 1);
            m_anchors[anchor] = Anchor{n, true};
        }
        if (m_stack.empty()) {
            m_root = n.value;
            m_haveRoot = true;
            return;
        }
        Frame &top = m_stack.back();
        top.nodes += n.nodes;
        if (!top.isMap) {
            top.array.append(n.value);
        } else if (!top.haveKey) {
            if (n.collection)
                throw Failure{n.mark, QStringLiteral("invalid map key: a mapping key must be a scalar")};
            top.key = std::move(n);
            top.haveKey = true;
        } else {
            top.entries.push_back({top.key.keyText, n.value, top.key.mergeKey, top.key.mark});
            top.haveKey = false;
        }
    }

    const QByteArray &m_source;
    std::vector<Frame> m_stack;
    std::vector<Anchor> m_anchors;
    QList<Document> m_docs;
    QJsonValue m_root;
    bool m_haveRoot = false;
    int m_rootLine = 0;
    double m_decodeCount = 0;
    double m_aliasCount = 0;
};

// Marks count columns in bytes (YamlEvents); report them in characters (UTF-16 units, as editors do).
int characterColumn(const QByteArray &source, int line, int byteColumn)
{
    qsizetype start = 0;
    for (int l = 0; l < line && start >= 0; ++l) {
        start = source.indexOf('\n', start);
        if (start >= 0)
            ++start;
    }
    if (start < 0)
        return byteColumn + 1;
    return int(QString::fromUtf8(source.mid(start, byteColumn)).size()) + 1;
}

ApiError positioned(const QString &fileName, const QByteArray &source, const YAML::Mark &mark,
                    const QString &message)
{
    if (mark.is_null() || mark.line < 0)
        return ApiError::input(fileName, 0, 0, QStringLiteral("yaml: ") + message);
    const int line = mark.line + 1;
    const int column = characterColumn(source, mark.line, mark.column);
    return ApiError::input(fileName, line, column,
                           QStringLiteral("yaml: line %1, column %2: %3").arg(line).arg(column).arg(message));
}

// Forwards every event to the builder, then to the observer (detail::parseAllObserved).
class Tee : public YAML::EventHandler {
public:
    Tee(YAML::EventHandler &a, YAML::EventHandler &b) : m_a(a), m_b(b) {}
    void OnDocumentStart(const YAML::Mark &m) override { m_a.OnDocumentStart(m); m_b.OnDocumentStart(m); }
    void OnDocumentEnd() override { m_a.OnDocumentEnd(); m_b.OnDocumentEnd(); }
    void OnNull(const YAML::Mark &m, YAML::anchor_t a) override { m_a.OnNull(m, a); m_b.OnNull(m, a); }
    void OnAlias(const YAML::Mark &m, YAML::anchor_t a) override { m_a.OnAlias(m, a); m_b.OnAlias(m, a); }
    void OnScalar(const YAML::Mark &m, const std::string &t, YAML::anchor_t a, const std::string &v) override
    {
        m_a.OnScalar(m, t, a, v);
        m_b.OnScalar(m, t, a, v);
    }
    void OnSequenceStart(const YAML::Mark &m, const std::string &t, YAML::anchor_t a, YAML::EmitterStyle::value s) override
    {
        m_a.OnSequenceStart(m, t, a, s);
        m_b.OnSequenceStart(m, t, a, s);
    }
    void OnSequenceEnd() override { m_a.OnSequenceEnd(); m_b.OnSequenceEnd(); }
    void OnMapStart(const YAML::Mark &m, const std::string &t, YAML::anchor_t a, YAML::EmitterStyle::value s) override
    {
        m_a.OnMapStart(m, t, a, s);
        m_b.OnMapStart(m, t, a, s);
    }
    void OnMapEnd() override { m_a.OnMapEnd(); m_b.OnMapEnd(); }

private:
    YAML::EventHandler &m_a;
    YAML::EventHandler &m_b;
};

} // namespace

Result<QList<Document>> parseAll(const QByteArray &text, const QString &fileName)
{
    return detail::parseAllObserved(text, fileName, nullptr);
}

Result<QList<Document>> detail::parseAllObserved(const QByteArray &text, const QString &fileName,
                                                 YAML::EventHandler *observer)
{
    const QByteArray source = text.startsWith("\xEF\xBB\xBF") ? text.mid(3) : text;
    try {
        Builder builder(source);
        std::optional<Tee> tee;
        if (observer)
            tee.emplace(builder, *observer);
        YAML::EventHandler &handler = observer ? static_cast<YAML::EventHandler &>(*tee) : builder;
        if (const std::optional<detail::SyntaxError> e = detail::parseEvents(source, handler))
            return positioned(fileName, source, e->mark, e->message);
        return builder.takeDocuments();
    } catch (const Failure &f) {
        return positioned(fileName, source, f.mark, f.message);
    } catch (const std::exception &e) {
        return ApiError::input(fileName, 0, 0, QStringLiteral("yaml: ") + QString::fromLocal8Bit(e.what()));
    }
}

Result<QJsonValue> parseOne(const QByteArray &text, const QString &fileName)
{
    Result<QList<Document>> docs = parseAll(text, fileName);
    if (!docs)
        return docs.error();
    if (docs->isEmpty())
        return QJsonValue();
    if (docs->size() > 1) {
        const int line = docs->at(1).line;
        return ApiError::input(fileName, line, 0,
                               QStringLiteral("yaml: line %1: expected a single document, found %2")
                                   .arg(line).arg(docs->size()));
    }
    return docs->first().value;
}

QJsonValue resolvePlainScalar(const QString &text)
{
    const detail::Resolved r = detail::resolve(text.toUtf8());
    if (r.kind == ScalarKind::Timestamp)
        return text;
    return r.value;
}

} // namespace acp::api::yaml
