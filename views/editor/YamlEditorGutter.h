#pragma once
// The YamlEditor's left margin: line numbers (current line bold, lines with diagnostics in the
// severity's colour) and fold markers (click to fold or unfold). Paints only visible blocks.
#include <QWidget>

namespace acp::views {

class YamlEditor;

class YamlEditorGutter : public QWidget {
    Q_OBJECT
public:
    explicit YamlEditorGutter(YamlEditor *editor);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    YamlEditor *m_editor;
};

} // namespace acp::views
