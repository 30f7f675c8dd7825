#pragma once
// YamlPositions: where every node of a (multi-document) YAML text is, by JSON path, and the
// reverse: which path a cursor is on. Built with api::yaml's parser (same scalar rules, same
// syntax errors), so the values here are exactly what parseAll() returns.
//
// Contract:
//  - Positions are 1-based lines and 1-based columns in UTF-16 units (QString index + 1), like
//    api::yaml's errors; an end column is exclusive.
//  - The text is split into documents at "---" / "..." marker lines and each document is parsed
//    on its own: a syntax error in one document leaves the others' values and positions intact.
//    Documents holding only comments or whitespace are dropped, so document indexes match
//    api::yaml::parseAll()'s list when the whole text parses.
//  - Paths: "" is the document's root; a mapping key appends ".key" ("spec.replicas"), or
//    "[key]" when the key is empty or holds '.', '[' or ']' ("metadata.labels[app.kubernetes.io/name]");
//    a sequence item appends "[i]" ("spec.containers[0].image"). childPath()/itemPath() build them.
//  - Ranges: a mapping entry has the key's range and its value's range; the value range of a
//    collection spans from its first token to the end of its last descendant. Values produced by
//    aliases or merge keys ("<<") are positioned at the alias or not at all; find() then falls back
//    to the nearest positioned ancestor.
//  - cursorAt(): when the document parsed and the cursor is on a key or a scalar, the answer comes
//    from the parse; otherwise (blank lines, a key being typed, text that does not parse) it is
//    guessed from indentation ("- " items, "key:" lines, block scalars skipped), block style only.
// build() parses the documents in parallel on idle threads of the global QThreadPool, at most
// api::backgroundThreadCount() (a core stays for the GUI thread; safe from a pool job, never waits
// for a busy pool).
// Value type, immutable after build(); any thread.
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::api {

struct YamlRange {
    int line = 0;        // 1-based; 0 = no position
    int column = 0;      // 1-based, UTF-16 units
    int endLine = 0;
    int endColumn = 0;   // exclusive
    bool isValid() const { return line > 0; }
    bool contains(int l, int c) const;
};

struct YamlNodePosition {
    QString path;
    YamlRange key;       // invalid for the root and for sequence items
    YamlRange value;     // the value node (scalar or collection)
    bool collection = false;   // a mapping or sequence (its range spans its children)
};

struct YamlCursor {
    enum class Kind {
        None,     // outside every document, or on a comment / marker line
        Key,      // on a mapping key: `path` is the entry ("spec.replicas")
        Value,    // on (or after the ": " of) a scalar value: `path` is the entry
        NewKey,   // on a blank line, or typing a key without ':' yet: `path` is the enclosing
                  // mapping (or sequence item), `indentation` the column the key starts at (0-based)
    };
    Kind kind = Kind::None;
    int document = -1;
    QString path;
    QString prefix;       // what is typed before the cursor in the key / value ("rep", "IfNot")
    int indentation = 0;
    bool guessed = false; // true when derived from indentation rather than from the parse
};

struct YamlPositionDocument {
    QJsonValue value;         // the parsed document (null when it does not parse)
    bool parsed = false;
    int firstLine = 0;        // 1-based lines of the document's text (markers excluded)
    int lastLine = 0;
    QString errorMessage;     // syntax error ("yaml: line L, column C: ..."), else ""
    int errorLine = 0;
    int errorColumn = 0;
    QList<YamlNodePosition> nodes;   // document order
    QHash<QString, int> index;       // path -> nodes index
};

class YamlPositions {
public:
    YamlPositions() = default;
    static YamlPositions build(const QString &text);
    // The same, reusing the documents of `previous` (an earlier build, e.g. of the text before an
    // edit) whose text is unchanged and that parsed: only new or edited documents are parsed
    // again; reused ones are moved to their new lines. Equal to build(text).
    static YamlPositions build(const QString &text, const YamlPositions *previous);
    // How many documents the last build(text, previous) on this thread reused (benchmarks, tests).
    static int lastReusedDocuments();

    const QList<YamlPositionDocument> &documents() const { return m_docs; }
    const QStringList &lines() const { return m_lines; }   // the text's lines (no '\n', '\r')
    bool hasErrors() const;

    // The node at `path`, or the nearest ancestor that has a position (the root at worst);
    // nullptr when the document index is out of range or holds no node.
    const YamlNodePosition *find(int document, const QString &path) const;
    // Exactly `path`, or nullptr.
    const YamlNodePosition *exact(int document, const QString &path) const;
    // The document whose lines contain `line`, or -1.
    int documentAt(int line) const;
    YamlCursor cursorAt(int line, int column) const;

    static QString childPath(const QString &parent, const QString &key);
    static QString itemPath(const QString &parent, int index);
    // Splits a path into segments: "a.b[0][x.y]" -> {"a", "b", "[0]", "x.y"}; items keep brackets.
    static QStringList segments(const QString &path);

private:
    YamlCursor cursorFromParse(int doc, int line, int column) const;
    YamlCursor cursorFromIndentation(int doc, int line, int column) const;

    QStringList m_lines;
    QList<YamlPositionDocument> m_docs;
};

} // namespace acp::api
