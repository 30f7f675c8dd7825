// YamlEditor: keys, navigation, search and replace, diagnostics, tooltips and completion.
#include "views/editor/YamlEditor.h"

#include "views/editor/EditorFindBar.h"
#include "views/editor/EditorStyle.h"
#include "views/editor/YamlEditorGutter.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

namespace acp::views {
namespace {

constexpr int kKindRole = Qt::UserRole + 1;

QRegularExpression searchExpression(const QString &pattern, const YamlEditor::SearchOptions &o)
{
    QRegularExpression re(o.regex ? pattern : QRegularExpression::escape(pattern));
    if (!o.caseSensitive)
        re.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
    return re;
}

QTextDocument::FindFlags findFlags(const YamlEditor::SearchOptions &o)
{
    QTextDocument::FindFlags f;
    if (o.caseSensitive)
        f |= QTextDocument::FindCaseSensitively;
    if (o.backward)
        f |= QTextDocument::FindBackward;
    return f;
}

bool isKeyChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QLatin1Char('/');
}

} // namespace

// --- navigation ------------------------------------------------------------------------------

int YamlEditor::positionOf(int line, int column) const
{
    const QTextBlock b = document()->findBlockByNumber(std::clamp(line, 1, blockCount()) - 1);
    return b.position() + std::clamp(column - 1, 0, b.length() - 1);
}

void YamlEditor::goToLine(int line, int column)
{
    const QTextBlock b = document()->findBlockByNumber(std::clamp(line, 1, blockCount()) - 1);
    revealBlock(b);
    QTextCursor c(document());
    c.setPosition(positionOf(line, column));
    setTextCursor(c);
    centerCursor();
}

int YamlEditor::currentLine() const
{
    return textCursor().blockNumber() + 1;
}

int YamlEditor::currentColumn() const
{
    return textCursor().positionInBlock() + 1;
}

int YamlEditor::documentIndexAt(int line) const
{
    int index = 0;
    bool content = false;
    QTextBlock b = document()->firstBlock();
    for (int n = 1; b.isValid() && n <= line; ++n, b = b.next()) {
        const QString t = b.text();
        if (t.startsWith(QLatin1String("---"))) {
            if (content)
                ++index;
            content = false;
        } else if (!t.trimmed().isEmpty() && !t.trimmed().startsWith(QLatin1Char('#'))) {
            content = true;
        }
    }
    return index;
}

void YamlEditor::showFindBar(bool replace)
{
    m_findBar->open(replace ? EditorFindBar::Mode::Replace : EditorFindBar::Mode::Find);
    layoutChrome();
}

void YamlEditor::showGoToLine()
{
    m_findBar->open(EditorFindBar::Mode::GoToLine);
    layoutChrome();
}

// --- search ----------------------------------------------------------------------------------

bool YamlEditor::findNext(const QString &pattern, const SearchOptions &options)
{
    const QRegularExpression re = searchExpression(pattern, options);
    if (pattern.isEmpty() || !re.isValid())
        return false;
    const QTextCursor from = textCursor();
    QTextCursor found = document()->find(re, options.backward ? from.selectionStart() : from.selectionEnd(), findFlags(options));
    if (found.isNull()) {   // wrap around
        QTextCursor edge(document());
        edge.movePosition(options.backward ? QTextCursor::End : QTextCursor::Start);
        found = document()->find(re, edge, findFlags(options));
    }
    if (found.isNull())
        return false;
    revealBlock(found.block());
    setTextCursor(found);
    ensureCursorVisible();
    return true;
}

bool YamlEditor::replaceCurrent(const QString &pattern, const QString &replacement, const SearchOptions &options)
{
    QRegularExpression re = searchExpression(pattern, options);
    if (pattern.isEmpty() || !re.isValid())
        return false;
    QTextCursor c = textCursor();
    const QString selected = c.selectedText();
    const QRegularExpression anchored(QRegularExpression::anchoredPattern(re.pattern()), re.patternOptions());
    if (c.hasSelection() && anchored.match(selected).hasMatch()) {
        QString replaced = selected;
        replaced.replace(re, options.regex ? replacement : QString(replacement).replace(QLatin1Char('\\'), QStringLiteral("\\\\")));
        c.insertText(replaced);
        setTextCursor(c);
    }
    return findNext(pattern, options);
}

int YamlEditor::replaceAll(const QString &pattern, const QString &replacement, const SearchOptions &options)
{
    const QRegularExpression re = searchExpression(pattern, options);
    if (pattern.isEmpty() || !re.isValid())
        return 0;
    const QString escaped = options.regex ? replacement : QString(replacement).replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    int count = 0;
    QTextCursor edit(document());
    edit.beginEditBlock();
    QTextCursor found = document()->find(re, 0, findFlags({options.regex, options.caseSensitive, false}));
    while (!found.isNull()) {
        QString text = found.selectedText();
        text.replace(re, escaped);
        const bool empty = found.selectionStart() == found.selectionEnd();
        found.insertText(text);
        ++count;
        if (empty && !found.movePosition(QTextCursor::NextCharacter))
            break;
        found = document()->find(re, found, findFlags({options.regex, options.caseSensitive, false}));
    }
    edit.endEditBlock();
    return count;
}

int YamlEditor::countMatches(const QString &pattern, const SearchOptions &options) const
{
    const QRegularExpression re = searchExpression(pattern, options);
    if (!re.isValid())
        return -1;
    if (pattern.isEmpty())
        return 0;
    int n = 0;
    const QString all = toPlainText();
    for (auto it = re.globalMatch(all); it.hasNext(); it.next())
        ++n;
    return n;
}

// --- diagnostics and tooltips ----------------------------------------------------------------

void YamlEditor::setDiagnostics(const QList<models::YamlDiagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    m_diagnosticCursors.clear();
    QList<QTextEdit::ExtraSelection> selections;
    // Errors last: they are drawn over warnings on the same characters.
    QList<int> order(diagnostics.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return int(diagnostics[a].severity) > int(diagnostics[b].severity); });
    m_diagnosticCursors.resize(diagnostics.size());
    for (int i : order) {
        const models::YamlDiagnostic &d = diagnostics[i];
        const QTextBlock block = document()->findBlockByNumber(std::clamp(d.line, 1, blockCount()) - 1);
        int start = positionOf(d.line, d.column);
        int end = d.endLine > 0 ? positionOf(d.endLine, d.endColumn) : block.position() + block.length() - 1;
        if (end <= start) {   // an empty range: the character there, or the one before at the end of a line
            end = std::min(start + 1, block.position() + block.length() - 1);
            if (end <= start)
                start = std::max(block.position(), start - 1);
        }
        QTextCursor c(document());
        c.setPosition(start);
        c.setPosition(end, QTextCursor::KeepAnchor);
        m_diagnosticCursors[i] = c;
        QTextEdit::ExtraSelection s;   // a faint tint; the wavy line is painted by paintDiagnostics
        s.cursor = c;
        QColor tint = editorstyle::severityColor(d.severity);
        tint.setAlpha(40);
        s.format.setBackground(tint);
        s.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        s.format.setUnderlineColor(editorstyle::severityColor(d.severity));
        selections.append(s);
    }
    m_diagnosticSelections = selections;
    applyExtraSelections();
    viewport()->update();
    m_gutter->update();
    Q_EMIT diagnosticsChanged();
}

void YamlEditor::setLineBackgrounds(const QList<QPair<int, QColor>> &lines)
{
    m_lineSelections.clear();
    for (const auto &[line, colour] : lines) {
        const QTextBlock b = document()->findBlockByNumber(line - 1);
        if (!b.isValid())
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(b);
        s.format.setBackground(colour);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        m_lineSelections.append(s);
    }
    applyExtraSelections();
}

// QPlainTextEdit walks every extra selection for every painted block: only the diagnostics near
// the viewport (a window of blocks around it, moved by paintEvent when the viewport leaves it)
// are handed over. The wavy underlines are painted from all diagnostics by paintDiagnostics.
void YamlEditor::applyExtraSelections()
{
    constexpr int kMargin = 300;
    int first = 0, last = 0;
    visibleBlockRange(&first, &last);
    m_selectionWindowFirst = std::max(0, first - kMargin);
    m_selectionWindowLast = last + kMargin;
    QList<QTextEdit::ExtraSelection> selections = m_lineSelections;
    for (const QTextEdit::ExtraSelection &s : std::as_const(m_diagnosticSelections)) {
        const int from = document()->findBlock(s.cursor.selectionStart()).blockNumber();
        const int to = document()->findBlock(s.cursor.selectionEnd()).blockNumber();
        if (to >= m_selectionWindowFirst && from <= m_selectionWindowLast)
            selections.append(s);
    }
    setExtraSelections(selections);
}

QString YamlEditor::toolTipAt(int line, int column) const
{
    const int pos = positionOf(line, column);
    QStringList parts;
    for (int i = 0; i < m_diagnostics.size(); ++i) {
        const QTextCursor &c = m_diagnosticCursors[i];
        if (pos >= c.selectionStart() && pos <= c.selectionEnd())
            parts.append(QStringLiteral("<b>%1</b>: %2").arg(editorstyle::severityName(m_diagnostics[i].severity),
                                                              m_diagnostics[i].message.toHtmlEscaped()));
    }
    if (m_documentationProvider) {
        const QString doc = m_documentationProvider(toPlainText(), line, column);
        if (!doc.isEmpty())
            parts.append(doc.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    return parts.isEmpty() ? QString() : QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(parts.join(QStringLiteral("<hr>")));
}

bool YamlEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextCursor c = cursorForPosition(help->pos());
        const QString tip = toolTipAt(c.blockNumber() + 1, c.positionInBlock() + 1);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

// --- completion ------------------------------------------------------------------------------

void YamlEditor::setCompletionProvider(CompletionProvider provider)
{
    m_completionProvider = std::move(provider);
}

void YamlEditor::setDocumentationProvider(DocumentationProvider provider)
{
    m_documentationProvider = std::move(provider);
}

void YamlEditor::triggerCompletion()
{
    requestCompletion(false);
}

bool YamlEditor::atKeyPosition() const
{
    static const QRegularExpression keyPrefix(QStringLiteral(R"(^\s*(-\s+)*[A-Za-z0-9_./-]*$)"));
    const QTextCursor c = textCursor();
    return keyPrefix.match(c.block().text().left(c.positionInBlock())).hasMatch();
}

QString YamlEditor::completionPrefix() const
{
    const QTextCursor c = textCursor();
    const QString before = c.block().text().left(c.positionInBlock());
    int i = int(before.size());
    while (i > 0 && isKeyChar(before[i - 1]))
        --i;
    QString prefix = before.mid(i);
    if (atKeyPosition() && prefix.startsWith(QLatin1Char('-')))   // "- name": the dash is the item marker
        prefix = prefix.mid(1);
    return prefix;
}

void YamlEditor::requestCompletion(bool automatic)
{
    if (!m_completionProvider)
        return;
    const QString prefix = completionPrefix();
    if (automatic && (prefix.isEmpty() || !atKeyPosition()))
        return;
    const QTextCursor c = textCursor();
    const QList<models::YamlCompletion> items = m_completionProvider(toPlainText(), c.blockNumber() + 1, c.positionInBlock() + 1);
    m_completionModel->clear();
    for (const models::YamlCompletion &item : items) {
        auto *si = new QStandardItem(item.text);
        si->setData(int(item.kind), kKindRole);
        QString tip = item.detail;
        if (item.required)
            tip += tr(" (required)");
        if (!item.documentation.isEmpty())
            tip += QStringLiteral("\n\n") + item.documentation;
        si->setToolTip(tip);
        if (item.required) {
            QFont f = font();
            f.setBold(true);
            si->setFont(f);
        }
        m_completionModel->appendRow(si);
    }
    m_completer->setCompletionPrefix(prefix);
    const int count = m_completer->completionCount();
    if (count == 0 || (automatic && count == 1 && m_completer->currentCompletion() == prefix)) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(std::max(200, m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8));
    m_completer->complete(rect);
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

void YamlEditor::insertCompletion(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString text = index.data(Qt::DisplayRole).toString();
    const auto kind = models::YamlCompletion::Kind(index.data(kKindRole).toInt());
    const QString prefix = completionPrefix();
    QTextCursor c = textCursor();
    c.beginEditBlock();
    c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefix.size()));
    QString insert = text;
    const QString after = c.block().text().mid(c.positionInBlock() + int(c.selectedText().size()));
    if (kind == models::YamlCompletion::Kind::Key && !after.trimmed().startsWith(QLatin1Char(':')))
        insert += QStringLiteral(": ");
    c.insertText(insert);
    c.endEditBlock();
    setTextCursor(c);
    m_completer->popup()->hide();
}

// --- keys ------------------------------------------------------------------------------------

void YamlEditor::keyPressEvent(QKeyEvent *event)
{
    QAbstractItemView *popup = m_completer->popup();
    if (popup->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Tab:
            insertCompletion(popup->currentIndex());
            return;
        case Qt::Key_Escape:
            popup->hide();
            return;
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QApplication::sendEvent(popup, event);
            return;
        default:
            break;
        }
    }
    if (handleShortcut(event))
        return;
    if (refuseProtectedEdit(event))
        return;
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        requestCompletion(false);
        return;
    }
    if (event->key() == Qt::Key_Escape && m_findBar->isVisible()) {
        m_findBar->close();
        layoutChrome();
        return;
    }
    // Typing on a folded header line unfolds it first (the hidden lines belong to it).
    const int line = currentLine();
    if ((!event->text().isEmpty() || event->key() == Qt::Key_Backspace || event->key() == Qt::Key_Delete) && isFolded(line))
        unfold(line);
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && event->modifiers() == Qt::NoModifier) {
        // Keep the indentation; one level deeper after "key:" and inside a "- " item.
        const QString before = textCursor().block().text().left(textCursor().positionInBlock());
        int indent = 0;
        while (indent < before.size() && before[indent] == QLatin1Char(' '))
            ++indent;
        const QString trimmed = before.trimmed();
        if (trimmed.startsWith(QLatin1String("- ")))
            indent += 2;
        if (m_language == Language::Yaml && trimmed.endsWith(QLatin1Char(':')))
            indent += 2;
        else if (m_language == Language::Json && (trimmed.endsWith(QLatin1Char('{')) || trimmed.endsWith(QLatin1Char('['))))
            indent += 2;
        textCursor().insertText(QLatin1Char('\n') + QString(indent, QLatin1Char(' ')));
        ensureCursorVisible();
        return;
    }
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier && !textCursor().hasSelection()) {
        textCursor().insertText(QStringLiteral("  "));   // YAML has no tabs
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    const QString typed = event->text();
    if (popup->isVisible()) {
        const QString prefix = completionPrefix();
        m_completer->setCompletionPrefix(prefix);
        if (m_completer->completionCount() == 0 || (typed.size() == 1 && !isKeyChar(typed[0]) && event->key() != Qt::Key_Backspace))
            popup->hide();
        else
            popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    } else if (m_completionProvider && typed.size() == 1 && isKeyChar(typed[0]) && atKeyPosition()) {
        m_completionTimer->start();
    }
}

} // namespace acp::views
