#pragma once
// ShortcutsOverlay (F1, or `?` when no text field has focus): a panel over the main window
// listing every QAction with a shortcut of the window and of the current page's widget tree
// (collected when shown, so pages' own actions appear), plus the command palette's syntax.
// Esc, F1 or a click outside the panel closes it. Thread: GUI thread.
#include <QWidget>

class QLabel;

namespace acp::app {

class ShortcutsOverlay : public QWidget {
    Q_OBJECT
public:
    struct Row {
        QString group;      // "Window" or the page's title
        QString text;       // the action's text without mnemonics
        QString keys;       // native text of its shortcuts, ", "-joined
    };

    explicit ShortcutsOverlay(QWidget *parent);

    // Shows the overlay for `window`'s actions and `page`'s (page may be null).
    void showFor(QWidget *window, QWidget *page, const QString &pageTitle);
    QList<Row> rows() const { return m_rows; }
    // The actions with a shortcut of `root` and its descendants (each once, in tree order).
    static QList<Row> collect(QWidget *root, const QString &group, const QWidget *skip = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QLabel *m_panel;
    QList<Row> m_rows;
};

} // namespace acp::app
