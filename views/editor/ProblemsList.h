#pragma once
// ProblemsList: the diagnostics of a YamlEditor as a list (severity icon, "line:column",
// message), sorted by position, refreshed when the editor's diagnostics change. Activating a row
// (double click, Return) puts the editor's cursor there and focuses it. GUI thread.
#include <QTreeWidget>

namespace acp::views {

class YamlEditor;

class ProblemsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit ProblemsList(QWidget *parent = nullptr);
    void setEditor(YamlEditor *editor);
    YamlEditor *editor() const { return m_editor; }
    // "2 errors, 1 warning" or "No problems".
    QString summary() const;

Q_SIGNALS:
    void problemActivated(int line, int column);

private:
    void refresh();

    YamlEditor *m_editor = nullptr;
};

} // namespace acp::views
