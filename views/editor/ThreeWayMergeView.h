#pragma once
// ThreeWayMergeView: resolves an edit that raced with the server (a 409 on replace). Shows your
// edit, the version you started from and the server's current version (each with its changes
// against the start marked), and the diff3 merge of the three in an editable YamlEditor.
// Conflicts (git-style markers in the merged text) are listed, navigable, and resolvable per
// conflict with "Use mine", "Use theirs" or "Use both" (each one undoable step); hand edits of
// the markers are picked up. GUI thread.
#include "models/TextMerge.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTimer;

namespace acp::views {

class DiffPane;
class YamlEditor;

class ThreeWayMergeView : public QWidget {
    Q_OBJECT
public:
    explicit ThreeWayMergeView(QWidget *parent = nullptr);

    void setTexts(const QString &base, const QString &mine, const QString &theirs);
    QString mergedText() const;
    // Unresolved conflicts in the merged text as it is now (re-read after every edit).
    const QList<models::MergeConflict> &conflicts() const { return m_conflicts; }
    int conflictCount() const { return int(m_conflicts.size()); }
    int currentConflict() const { return m_current; }
    void goToConflict(int index);
    void nextConflict();
    void previousConflict();
    void resolveConflict(int index, models::TextMerge::Side side);

    YamlEditor *mergedEditor() const { return m_merged; }
    QListWidget *conflictList() const { return m_list; }
    DiffPane *minePane() const { return m_mine; }
    DiffPane *basePane() const { return m_base; }
    DiffPane *theirsPane() const { return m_theirs; }

Q_SIGNALS:
    void conflictsChanged(int count);

private:
    void refreshConflicts();
    void showSides(const QString &base, const QString &mine, const QString &theirs);

    YamlEditor *m_merged;
    DiffPane *m_mine;
    DiffPane *m_base;
    DiffPane *m_theirs;
    QListWidget *m_list;
    QLabel *m_status;
    QPushButton *m_useMine;
    QPushButton *m_useTheirs;
    QPushButton *m_useBoth;
    QTimer *m_refresh;
    QList<models::MergeConflict> m_conflicts;
    int m_current = -1;
};

} // namespace acp::views
