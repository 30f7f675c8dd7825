#pragma once
// Three-way line merge (diff3) of a base text and two edits of it ("mine" and "theirs"), and the
// conflict markers it writes: like `git merge-file --diff3`. Pure value code (Qt Core), any thread.
//
// A conflict in merged text looks like
//   <<<<<<< mine
//   ...mine's lines...
//   ||||||| base
//   ...base's lines...
//   =======
//   ...theirs' lines...
//   >>>>>>> theirs
// findConflicts() reads those markers back from (possibly hand-edited) text, and resolve()
// replaces one conflict with a side, so a merge view can list and resolve what is left.
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::models {

// One conflict region of a merged text. Lines are 0-based in that text; [startLine, endLine)
// spans the markers too.
struct MergeConflict {
    int startLine = 0;
    int endLine = 0;
    QStringList mine;
    QStringList base;
    QStringList theirs;
};

struct MergeResult {
    QString text;                      // merged text, with conflict markers where both changed
    QList<MergeConflict> conflicts;    // in order of appearance
    bool clean() const { return conflicts.isEmpty(); }
};

class TextMerge {
public:
    enum class Side { Mine, Base, Theirs, Both };   // Both = mine's lines then theirs'

    static MergeResult merge3(const QString &base, const QString &mine, const QString &theirs,
                              const QString &mineLabel = QStringLiteral("mine"),
                              const QString &theirsLabel = QStringLiteral("theirs"),
                              const QString &baseLabel = QStringLiteral("base"));
    // Conflict regions of text, from its markers ("<<<<<<<", "|||||||" optional, "=======", ">>>>>>>").
    static QList<MergeConflict> findConflicts(const QString &text);
    // text with the index-th conflict (of findConflicts(text)) replaced by one side's lines;
    // text unchanged when there is no such conflict.
    static QString resolve(const QString &text, int index, Side side);
};

} // namespace acp::models
