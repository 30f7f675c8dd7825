// YamlEditor: folding of indentation blocks, the gutter (line numbers, fold markers) and the
// layout of the gutter and the find bar around the viewport.
#include "views/editor/YamlEditor.h"

#include "views/editor/EditorFindBar.h"
#include "views/editor/EditorStyle.h"
#include "views/editor/YamlEditorGutter.h"
#include "views/editor/YamlEditorHighlighter.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QHash>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QSet>
#include <QTextBlock>

#include <array>

namespace acp::views {
namespace {

constexpr int kFoldWidth = 14;

int indentOf(const QString &t)
{
    int i = 0;
    while (i < t.size() && t[i] == QLatin1Char(' '))
        ++i;
    return i;
}

// Blank lines and comments never end a fold.
bool isBlank(const QString &t)
{
    const int i = indentOf(t);
    return i == t.size() || t[i] == QLatin1Char('#');
}

bool isSeqItem(const QString &t, int indent)
{
    return t.size() > indent && t[indent] == QLatin1Char('-') && (t.size() == indent + 1 || t[indent + 1] == QLatin1Char(' '));
}

// Document separators and merge conflict markers: never folded, never inside a fold.
bool isDocumentMarker(const QString &t)
{
    return t.startsWith(QLatin1String("---")) || t.startsWith(QLatin1String("...")) || t.startsWith(QLatin1String("<<<<<<<"))
        || t.startsWith(QLatin1String("|||||||")) || t.startsWith(QLatin1String("=======")) || t.startsWith(QLatin1String(">>>>>>>"));
}

// Does line t (not blank) belong to the fold of header h?
bool inFold(const QString &h, int hIndent, const QString &t)
{
    if (isDocumentMarker(t))
        return false;
    const int i = indentOf(t);
    if (i > hIndent)
        return true;
    // "key:" followed by its sequence items at the same indentation (kubectl's style).
    return i == hIndent && isSeqItem(t, i) && !isSeqItem(h, hIndent) && h.trimmed().endsWith(QLatin1Char(':'));
}

QColor themeColor(const YamlEditor *e, KSyntaxHighlighting::Theme::EditorColorRole role)
{
    return QColor::fromRgba(e->highlighter()->theme().editorColor(role));
}

} // namespace

// --- gutter widget ---------------------------------------------------------------------------

YamlEditorGutter::YamlEditorGutter(YamlEditor *editor) : QWidget(editor), m_editor(editor)
{
    setCursor(Qt::PointingHandCursor);
}

QSize YamlEditorGutter::sizeHint() const
{
    return {m_editor->gutterWidth(), 0};
}

void YamlEditorGutter::paintEvent(QPaintEvent *event)
{
    m_editor->paintGutter(event);
}

void YamlEditorGutter::mousePressEvent(QMouseEvent *event)
{
    m_editor->gutterClicked(event->position().toPoint());
}

// --- folding ---------------------------------------------------------------------------------

QTextBlock YamlEditor::foldHeaderBlock(int line) const
{
    return document()->findBlockByNumber(line - 1);
}

int YamlEditor::foldEndBlock(const QTextBlock &header) const
{
    const QString h = header.text();
    if (isBlank(h) || isDocumentMarker(h))
        return -1;
    const int hIndent = indentOf(h);
    int last = -1;
    for (QTextBlock b = header.next(); b.isValid(); b = b.next()) {
        const QString t = b.text();
        if (isBlank(t))
            continue;
        if (!inFold(h, hIndent, t))
            break;
        last = b.blockNumber();
    }
    return last;
}

bool YamlEditor::isFoldable(int line) const
{
    const QTextBlock header = foldHeaderBlock(line);
    if (!header.isValid())
        return false;
    const QString h = header.text();
    if (isBlank(h) || isDocumentMarker(h))
        return false;
    for (QTextBlock b = header.next(); b.isValid(); b = b.next()) {   // the first non-blank line decides
        const QString t = b.text();
        if (!isBlank(t))
            return inFold(h, indentOf(h), t);
    }
    return false;
}

bool YamlEditor::isFolded(int line) const
{
    for (const QTextCursor &c : m_folds)
        if (c.block().blockNumber() == line - 1)
            return true;
    return false;
}

QList<int> YamlEditor::foldedLines() const
{
    QList<int> out;
    for (const QTextCursor &c : m_folds)
        out.append(c.block().blockNumber() + 1);
    std::sort(out.begin(), out.end());
    return out;
}

void YamlEditor::setBlocksVisible(int first, int last, bool visible)
{
    if (first > last)
        return;
    QSet<int> folded;
    for (const QTextCursor &c : m_folds)
        folded.insert(c.block().blockNumber());
    QTextBlock b = document()->findBlockByNumber(first);
    const int start = b.position();
    int end = start;
    while (b.isValid() && b.blockNumber() <= last) {
        b.setVisible(visible);
        end = b.position() + b.length();
        if (visible && folded.contains(b.blockNumber())) {   // a nested fold stays folded
            const int nestedEnd = foldEndBlock(b);
            if (nestedEnd > b.blockNumber()) {
                b = document()->findBlockByNumber(nestedEnd);
                end = b.position() + b.length();
            }
        }
        b = b.next();
    }
    document()->markContentsDirty(start, end - start);
    viewport()->update();
    m_gutter->update();
}

bool YamlEditor::fold(int line)
{
    if (isFolded(line))
        return true;
    const QTextBlock header = foldHeaderBlock(line);
    if (!header.isValid())
        return false;
    const int end = foldEndBlock(header);
    if (end < 0)
        return false;
    QTextCursor mark(header);
    m_folds.append(mark);
    const int cursorBlock = textCursor().blockNumber();
    setBlocksVisible(header.blockNumber() + 1, end, false);
    if (cursorBlock > header.blockNumber() && cursorBlock <= end) {
        QTextCursor c(header);
        c.movePosition(QTextCursor::EndOfBlock);
        setTextCursor(c);
    }
    return true;
}

void YamlEditor::unfold(int line)
{
    for (int i = 0; i < m_folds.size(); ++i) {
        if (m_folds[i].block().blockNumber() != line - 1)
            continue;
        const QTextBlock header = m_folds.takeAt(i).block();
        setBlocksVisible(header.blockNumber() + 1, foldEndBlock(header), true);
        return;
    }
}

void YamlEditor::toggleFold(int line)
{
    if (isFolded(line))
        unfold(line);
    else
        fold(line);
}

void YamlEditor::foldAll()
{
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next()) {
        const QString t = b.text();
        if (!t.isEmpty() && t[0] != QLatin1Char(' ') && b.isVisible() && isFoldable(b.blockNumber() + 1))
            fold(b.blockNumber() + 1);
    }
}

void YamlEditor::unfoldAll()
{
    if (m_folds.isEmpty())
        return;
    m_folds.clear();
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next())
        b.setVisible(true);
    document()->markContentsDirty(0, document()->characterCount());
    viewport()->update();
    m_gutter->update();
}

// Finds the candidate lines with QString::indexOf over the plain text (no per-block work: a
// 40,000-line text costs a few ms), then checks each candidate line.
void YamlEditor::foldDefaults()
{
    static const QRegularExpression yaml(QStringLiteral(R"(^(status|  managedFields):\s*(#.*)?$)"));
    static const QRegularExpression json(QStringLiteral(R"(^(  "status": \{|    "managedFields": \[)\s*$)"));
    const bool isJson = m_language == Language::Json;
    const QRegularExpression &re = isJson ? json : yaml;
    const QString all = toPlainText();   // positions are document positions
    QList<int> starts;
    static const std::array<QLatin1String, 2> jsonKeys{QLatin1String("  \"status\""), QLatin1String("    \"managedFields\"")};
    static const std::array<QLatin1String, 2> yamlKeys{QLatin1String("status"), QLatin1String("  managedFields")};
    for (const QLatin1String &needle : isJson ? jsonKeys : yamlKeys) {
        if (all.startsWith(needle))
            starts.append(0);
        const QString atLineStart = QLatin1Char('\n') + needle;
        for (qsizetype at = all.indexOf(atLineStart); at >= 0; at = all.indexOf(atLineStart, at + 1))
            starts.append(int(at + 1));
    }
    std::sort(starts.begin(), starts.end());
    QList<int> lines;
    for (int start : std::as_const(starts)) {
        const QTextBlock b = document()->findBlock(start);
        if (b.isValid() && re.match(b.text()).hasMatch())
            lines.append(b.blockNumber() + 1);
    }
    for (int l : lines)
        fold(l);
}

void YamlEditor::revealBlock(const QTextBlock &block)
{
    while (!block.isVisible()) {
        int best = -1;   // the innermost fold header above the block that hides it
        for (const QTextCursor &c : m_folds) {
            const int n = c.block().blockNumber();
            if (n < block.blockNumber() && n > best && foldEndBlock(c.block()) >= block.blockNumber())
                best = n;
        }
        if (best < 0) {   // hidden without a fold (should not happen): show it
            setBlocksVisible(block.blockNumber(), block.blockNumber(), true);
            return;
        }
        unfold(best + 1);
    }
}

// --- gutter painting and layout --------------------------------------------------------------

int YamlEditor::gutterWidth() const
{
    int digits = 1;
    for (int n = std::max(1, blockCount()); n >= 10; n /= 10)
        ++digits;
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(3, digits) + kFoldWidth;
}

void YamlEditor::layoutChrome()
{
    const int bar = m_findBar->isVisible() ? m_findBar->sizeHint().height() : 0;
    setViewportMargins(gutterWidth(), 0, 0, bar);
    const QRect cr = contentsRect();
    const QRect vp = viewport()->geometry();
    m_gutter->setGeometry(cr.left(), vp.top(), gutterWidth(), vp.height());
    if (bar > 0)
        m_findBar->setGeometry(cr.left(), vp.bottom() + 1, vp.right() - cr.left() + 1, bar);
}

void YamlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    layoutChrome();
}

// Block numbers of the first and last blocks in the viewport. blockBoundingGeometry() walks from
// the first visible block to its argument, so callers test this range before calling it.
void YamlEditor::visibleBlockRange(int *first, int *last) const
{
    QTextBlock b = firstVisibleBlock();
    *first = b.blockNumber();
    qreal top = blockBoundingGeometry(b).translated(contentOffset()).top();
    const qreal bottom = viewport()->height();
    *last = *first;
    for (; b.isValid() && top <= bottom; b = b.next()) {
        top += blockBoundingRect(b).height();
        *last = b.blockNumber();
    }
}

// A "…" box after each visible folded header line.
void YamlEditor::paintEvent(QPaintEvent *event)
{
    int first = 0, last = 0;
    visibleBlockRange(&first, &last);
    m_lazy->ensureHighlighted(first, last);
    if (!m_diagnosticSelections.isEmpty() && (first < m_selectionWindowFirst || last > m_selectionWindowLast))
        applyExtraSelections();   // repaints once more with the new window
    QPlainTextEdit::paintEvent(event);
    QPainter p(viewport());
    paintDiagnostics(&p, event->rect(), first, last);
    const QColor fg = themeColor(this, KSyntaxHighlighting::Theme::LineNumbers);
    for (const QTextCursor &c : std::as_const(m_folds)) {
        const QTextBlock b = c.block();
        if (!b.isVisible() || b.blockNumber() < first || b.blockNumber() > last)
            continue;
        const QRectF r = blockBoundingGeometry(b).translated(contentOffset());
        if (r.bottom() < event->rect().top() || r.top() > event->rect().bottom())
            continue;
        const qreal x = r.left() + document()->documentMargin() + fontMetrics().horizontalAdvance(b.text()) + 6;
        const QRectF box(x, r.top() + 2, fontMetrics().horizontalAdvance(QStringLiteral(" \u2026 ")), fontMetrics().height() - 3);
        p.setPen(fg);
        p.drawRoundedRect(box, 3, 3);
        p.drawText(box, Qt::AlignCenter, QStringLiteral("\u2026"));
    }
}

// Wavy underlines of the diagnostics on visible lines (painted here: QTextLayout ignores the
// underline style of extra selections), in the severity's colour.
void YamlEditor::paintDiagnostics(QPainter *p, const QRect &area, int firstBlock, int lastBlock)
{
    p->setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < m_diagnosticCursors.size(); ++i) {
        const QTextCursor &c = m_diagnosticCursors[i];
        const int end = c.selectionEnd();
        QTextBlock b = document()->findBlock(c.selectionStart());
        if (b.blockNumber() > lastBlock || document()->findBlock(end).blockNumber() < firstBlock)
            continue;
        for (int lines = 0; b.isValid() && b.position() <= end && lines < 50; b = b.next(), ++lines) {
            if (!b.isVisible() || b.blockNumber() < firstBlock)
                continue;
            if (b.blockNumber() > lastBlock)
                break;
            const QRectF g = blockBoundingGeometry(b).translated(contentOffset());
            if (g.top() > area.bottom())
                break;
            if (g.bottom() < area.top())
                continue;
            QTextCursor at(document());
            at.setPosition(std::max(c.selectionStart(), b.position()));
            const QRect r1 = cursorRect(at);
            at.setPosition(std::min(end, b.position() + b.length() - 1));
            const QRect r2 = cursorRect(at);
            const qreal y = r1.bottom() - 1.5;
            const qreal x1 = r1.left(), x2 = std::max<qreal>(r2.left(), x1 + 6);
            QPainterPath wave(QPointF(x1, y));
            for (qreal x = x1; x < x2; x += 4) {
                wave.quadTo(QPointF(x + 1, y - 2), QPointF(x + 2, y));
                wave.quadTo(QPointF(x + 3, y + 2), QPointF(x + 4, y));
            }
            p->setPen(QPen(editorstyle::severityColor(m_diagnostics[i].severity), 1.2));
            p->drawPath(wave);
        }
    }
    p->setRenderHint(QPainter::Antialiasing, false);
}

void YamlEditor::paintGutter(QPaintEvent *event)
{
    QPainter p(m_gutter);
    p.fillRect(event->rect(), themeColor(this, KSyntaxHighlighting::Theme::IconBorder));
    QSet<int> folded;
    for (const QTextCursor &c : m_folds)
        folded.insert(c.block().blockNumber());
    QHash<int, models::YamlDiagnostic::Severity> marks;   // worst severity per line
    for (int i = 0; i < m_diagnosticCursors.size(); ++i) {
        const int n = document()->findBlock(m_diagnosticCursors[i].selectionStart()).blockNumber();
        const auto s = m_diagnostics[i].severity;
        if (!marks.contains(n) || int(s) < int(marks[n]))
            marks[n] = s;
    }
    const QColor numberColor = themeColor(this, KSyntaxHighlighting::Theme::LineNumbers);
    const QColor currentColor = themeColor(this, KSyntaxHighlighting::Theme::CurrentLineNumber);
    const QColor foldColor = themeColor(this, KSyntaxHighlighting::Theme::CodeFolding).darker(m_darkTheme ? 60 : 160);
    const int current = textCursor().blockNumber();
    const int numberRight = m_gutter->width() - kFoldWidth - 4;
    QFont bold = font();
    bold.setBold(true);
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int n = block.blockNumber();
            const int lineHeight = fontMetrics().height();
            p.setFont(n == current ? bold : font());
            p.setPen(marks.contains(n) ? editorstyle::severityColor(marks[n]) : n == current ? currentColor : numberColor);
            p.drawText(QRect(0, int(top), numberRight, lineHeight), Qt::AlignRight | Qt::AlignVCenter, QString::number(n + 1));
            const bool isFoldedHere = folded.contains(n);
            if (isFoldedHere || isFoldable(n + 1)) {
                const QRectF box(numberRight + 5, top + (lineHeight - 8) / 2.0, 8, 8);
                QPainterPath tri;
                if (isFoldedHere) {   // pointing right
                    tri.moveTo(box.topLeft());
                    tri.lineTo(box.right(), box.center().y());
                    tri.lineTo(box.bottomLeft());
                } else {              // pointing down
                    tri.moveTo(box.topLeft());
                    tri.lineTo(box.topRight());
                    tri.lineTo(box.center().x(), box.bottom());
                }
                tri.closeSubpath();
                p.setRenderHint(QPainter::Antialiasing);
                p.fillPath(tri, isFoldedHere ? currentColor : foldColor);
                p.setRenderHint(QPainter::Antialiasing, false);
            }
        }
        block = block.next();
        top += height;
    }
}

void YamlEditor::gutterClicked(const QPoint &pos)
{
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && pos.y() >= top && pos.y() < top + height) {
            const int line = block.blockNumber() + 1;
            if (isFolded(line) || isFoldable(line)) {
                toggleFold(line);
            } else {
                QTextCursor c(block);
                setTextCursor(c);
            }
            return;
        }
        if (top > pos.y())
            return;
        block = block.next();
        top += height;
    }
}

} // namespace acp::views
