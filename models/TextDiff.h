#pragma once
// Line diff of two texts (Myers' O(ND) algorithm, linear space), as an edit script, unified hunks
// like `diff -u`, and side-by-side rows with intraline changes. Pure value code (Qt Core), any
// thread. Lines are split on '\n'; a final newline does not make an extra empty line.
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

namespace acp::models {

// A run of characters inside one line: [start, start + length), QString indices.
struct TextRange {
    int start = 0;
    int length = 0;
    bool operator==(const TextRange &o) const = default;
};

// One step of the edit script. Lines are 0-based; -1 where the step has no line on that side.
struct DiffOp {
    enum class Kind { Equal, Delete, Insert };
    Kind kind = Kind::Equal;
    int leftLine = -1;
    int rightLine = -1;
};

// One hunk of a unified diff. Starts are 1-based like `diff -u` (0 when the count is 0).
struct DiffHunk {
    int leftStart = 0;
    int leftCount = 0;
    int rightStart = 0;
    int rightCount = 0;
    QStringList lines;     // each prefixed with ' ', '-' or '+'
    QString header() const;   // "@@ -l,s +r,s @@"
};

// One row of a side-by-side view: a line on the left, on the right or both.
struct SideBySideRow {
    enum class Kind { Same, Changed, Removed, Added };
    Kind kind = Kind::Same;
    int leftLine = -1;     // 0-based, -1 = no line on this side (filler)
    int rightLine = -1;
    QString leftText;
    QString rightText;
    QList<TextRange> leftChanges;    // intraline: changed characters (Changed rows only)
    QList<TextRange> rightChanges;
};

class TextDiff {
public:
    TextDiff(const QString &left, const QString &right);

    // "a\nb\n" -> {"a", "b"}; "" -> {}; "a\nb" -> {"a", "b"}.
    static QStringList splitLines(const QString &text);
    // Longest common subsequence of two sequences as matched index pairs, increasing.
    static QList<QPair<int, int>> matchSequences(const QVector<int> &a, const QVector<int> &b);
    // Matched line pairs of two line lists (Myers on interned lines).
    static QList<QPair<int, int>> matchLines(const QStringList &a, const QStringList &b);
    // Changed characters of a line pair (character diff; prefix/suffix only for very long lines).
    static void intraline(const QString &a, const QString &b, QList<TextRange> *aChanges, QList<TextRange> *bChanges);

    bool identical() const;
    const QStringList &leftLines() const { return m_left; }
    const QStringList &rightLines() const { return m_right; }
    const QList<DiffOp> &ops() const { return m_ops; }
    int changedLineCount() const;    // deleted + inserted lines

    QList<DiffHunk> hunks(int context = 3) const;
    // Full unified diff text with "--- leftName" / "+++ rightName" headers; "" when identical.
    QString unified(const QString &leftName, const QString &rightName, int context = 3) const;
    QList<SideBySideRow> sideBySide() const;

private:
    QStringList m_left;
    QStringList m_right;
    QList<DiffOp> m_ops;
};

} // namespace acp::models
