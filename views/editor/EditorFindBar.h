#pragma once
// The YamlEditor's bottom bar (GUI thread): find (Ctrl+F; Return = next, Shift+Return =
// previous, F3/Shift+F3 from the editor), replace (Ctrl+H: replace, replace all), regular
// expression and case toggles, a match count; or go to line (Ctrl+L: "line" or "line:column").
// Escape closes it and gives the focus back to the editor.
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace acp::views {

class YamlEditor;

class EditorFindBar : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Find, Replace, GoToLine };
    explicit EditorFindBar(YamlEditor *editor);

    void open(Mode mode);
    void close();
    Mode mode() const { return m_mode; }
    bool findNext(bool backward);   // with the bar's pattern and options
    void replaceCurrent();
    int replaceAll();

    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    QLineEdit *lineEdit() const { return m_line; }
    QToolButton *regexButton() const { return m_regex; }
    QToolButton *caseButton() const { return m_case; }
    QLabel *statusLabel() const { return m_status; }
    QSize sizeHint() const override;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateCount();
    void goToLine();

    YamlEditor *m_editor;
    Mode m_mode = Mode::Find;
    QWidget *m_findRow = nullptr;
    QWidget *m_replaceRow = nullptr;
    QWidget *m_lineRow = nullptr;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QLineEdit *m_line = nullptr;
    QToolButton *m_regex = nullptr;
    QToolButton *m_case = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace acp::views
