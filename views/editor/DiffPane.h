#pragma once
// DiffPane: a read-only text pane of a diff (GUI thread). Each block is one row with a gutter
// label (line numbers, "+"/"-"), an optional full-width background and highlighted character
// ranges; YAML syntax colours from KSyntaxHighlighting follow the palette. Used by DiffView and
// ThreeWayMergeView.
#include "models/TextDiff.h"

#include <QColor>
#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace acp::views {

class DiffPane : public QPlainTextEdit {
    Q_OBJECT
public:
    struct Row {
        QString text;
        QString label;                     // gutter text
        QColor background;                 // invalid = none
        QList<models::TextRange> changes;  // characters to mark
        QColor changeColor;
    };
    explicit DiffPane(QWidget *parent = nullptr);
    void setRows(const QList<Row> &rows);
    int rowCount() const { return int(m_labels.size()); }
    QString label(int row) const { return m_labels.value(row); }
    void scrollToRow(int row);   // puts the row near the top third and the cursor on it

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class DiffPaneGutter;
    void paintGutter(QPaintEvent *event);
    void applyTheme();
    int gutterWidth() const;

    QWidget *m_gutter;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QStringList m_labels;
    bool m_dark = false;
};

} // namespace acp::views
