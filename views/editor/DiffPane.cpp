#include "views/editor/DiffPane.h"

#include "views/editor/EditorStyle.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace acp::views {

class DiffPaneGutter : public QWidget {
public:
    explicit DiffPaneGutter(DiffPane *pane) : QWidget(pane), m_pane(pane) {}

protected:
    void paintEvent(QPaintEvent *event) override { m_pane->paintGutter(event); }

private:
    DiffPane *m_pane;
};


DiffPane::DiffPane(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_gutter = new DiffPaneGutter(this);
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    applyTheme();
}

void DiffPane::applyTheme()
{
    m_dark = editorstyle::isDark(palette());
    m_highlighter->setTheme(editorstyle::repository().defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                             : KSyntaxHighlighting::Repository::LightTheme));
    m_highlighter->setDefinition(editorstyle::repository().definitionForName(QStringLiteral("YAML")));
}

void DiffPane::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && editorstyle::isDark(palette()) != m_dark)
        applyTheme();
}

int DiffPane::gutterWidth() const
{
    int chars = 3;
    for (const QString &l : m_labels)
        chars = std::max(chars, int(l.size()));
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * chars;
}

void DiffPane::setRows(const QList<Row> &rows)
{
    QStringList lines;
    m_labels.clear();
    for (const Row &r : rows) {
        lines.append(r.text);
        m_labels.append(r.label);
    }
    setPlainText(lines.join(QLatin1Char('\n')));
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = document()->firstBlock();
    for (const Row &r : rows) {
        if (r.background.isValid()) {
            QTextEdit::ExtraSelection s;
            s.cursor = QTextCursor(block);
            s.format.setBackground(r.background);
            s.format.setProperty(QTextFormat::FullWidthSelection, true);
            selections.append(s);
        }
        for (const models::TextRange &c : r.changes) {
            QTextEdit::ExtraSelection s;
            s.cursor = QTextCursor(block);
            s.cursor.setPosition(block.position() + c.start);
            s.cursor.setPosition(block.position() + c.start + c.length, QTextCursor::KeepAnchor);
            s.format.setBackground(r.changeColor);
            selections.append(s);
        }
        block = block.next();
    }
    setExtraSelections(selections);
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(cr.left(), cr.top(), gutterWidth(), viewport()->height());
    m_gutter->update();
}

void DiffPane::scrollToRow(int row)
{
    const QTextBlock b = document()->findBlockByNumber(row);
    if (!b.isValid())
        return;
    setTextCursor(QTextCursor(b));
    verticalScrollBar()->setValue(std::max(0, row - 3));
}

void DiffPane::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(cr.left(), cr.top(), gutterWidth(), viewport()->height());
}

void DiffPane::paintGutter(QPaintEvent *event)
{
    QPainter p(m_gutter);
    const auto theme = m_highlighter->theme();
    p.fillRect(event->rect(), QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder)));
    p.setPen(QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers)));
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal h = blockBoundingRect(block).height();
        p.drawText(QRectF(0, top, m_gutter->width() - 5, fontMetrics().height()), Qt::AlignRight | Qt::AlignVCenter,
                   m_labels.value(block.blockNumber()));
        block = block.next();
        top += h;
    }
}

} // namespace acp::views
