#pragma once
// DiffView: the difference between two texts (e.g. the live object and the edited YAML), side
// by side (aligned rows, changed characters marked) or unified (hunks with 3 lines of context),
// with next/previous change and an "identical" state. GUI thread; the diff is computed on
// setTexts (models::TextDiff; linear space, fine for 2 MB texts).
#include "models/TextDiff.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QToolButton;

namespace acp::views {

class DiffPane;

class DiffView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { SideBySide, Unified };
    explicit DiffView(QWidget *parent = nullptr);

    void setTexts(const QString &left, const QString &right, const QString &leftTitle = tr("Live"),
                  const QString &rightTitle = tr("Edited"));
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    bool isIdentical() const;
    int changeCount() const { return int(m_sideChanges.size()); }   // blocks of changed lines
    int currentChange() const { return m_current; }                  // -1 before the first
    void nextChange();
    void previousChange();
    void goToChange(int index);
    QString unifiedText() const;   // like diff -u, "" when identical

    DiffPane *leftPane() const { return m_left; }
    DiffPane *rightPane() const { return m_right; }
    DiffPane *unifiedPane() const { return m_unified; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void currentChangeChanged(int index, int count);

private:
    void rebuild();
    void updateStatus();

    models::TextDiff m_diff{QString(), QString()};
    QString m_leftTitle;
    QString m_rightTitle;
    Mode m_mode = Mode::SideBySide;
    QList<int> m_sideChanges;      // first row of each change block, side-by-side rows
    QList<int> m_unifiedChanges;   // the same blocks in the unified pane's rows
    int m_current = -1;
    QStackedWidget *m_stack;
    DiffPane *m_left;
    DiffPane *m_right;
    DiffPane *m_unified;
    QLabel *m_leftTitleLabel;
    QLabel *m_rightTitleLabel;
    QLabel *m_status;
    QToolButton *m_modeButton;
    QToolButton *m_prev;
    QToolButton *m_next;
};

} // namespace acp::views
