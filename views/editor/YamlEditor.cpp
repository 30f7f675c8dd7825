#include "views/editor/YamlEditor.h"

#include "views/editor/EditorFindBar.h"
#include "views/editor/EditorStyle.h"
#include "views/editor/YamlEditorGutter.h"
#include "views/editor/YamlEditorHighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QKeyEvent>
#include <QCompleter>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

namespace acp::views {

YamlEditor::YamlEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    setCenterOnScroll(false);
    document()->setDocumentMargin(2);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);

    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(static_cast<QObject *>(nullptr));
    m_highlighter->setParent(this);
    m_lazy = new YamlEditorHighlighter(
        document(), m_highlighter, [this](int *first, int *last) { visibleBlockRange(first, last); },
        [this] { viewport()->update(); }, this);
    m_gutter = new YamlEditorGutter(this);
    m_findBar = new EditorFindBar(this);
    m_findBar->hide();

    m_completionModel = new QStandardItemModel(this);
    m_completer = new QCompleter(m_completionModel, this);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::UnsortedModel);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, &YamlEditor::insertCompletion);
    m_completionTimer = new QTimer(this);
    m_completionTimer->setSingleShot(true);
    m_completionTimer->setInterval(150);
    connect(m_completionTimer, &QTimer::timeout, this, [this] { requestCompletion(true); });

    connect(document(), &QTextDocument::contentsChange, this, &YamlEditor::onContentsChange);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { layoutChrome(); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, m_gutter, qOverload<>(&QWidget::update));
    applyTheme();
    layoutChrome();
}

YamlEditor::~YamlEditor() = default;

bool YamlEditor::handleShortcut(QKeyEvent *event)
{
    const QKeyCombination k = event->keyCombination();
    const bool ctrlShift = k.keyboardModifiers() == (Qt::ControlModifier | Qt::ShiftModifier);
    const bool ctrlAlt = k.keyboardModifiers() == (Qt::ControlModifier | Qt::AltModifier);
    if (event->matches(QKeySequence::Find))
        showFindBar(false);
    else if (k == QKeyCombination(Qt::ControlModifier, Qt::Key_H))
        showFindBar(true);
    else if (k == QKeyCombination(Qt::Key_F3))
        m_findBar->findNext(false);
    else if (k == QKeyCombination(Qt::ShiftModifier, Qt::Key_F3))
        m_findBar->findNext(true);
    else if (k == QKeyCombination(Qt::ControlModifier, Qt::Key_L))
        showGoToLine();
    else if (ctrlShift && (k.key() == Qt::Key_BracketLeft || k.key() == Qt::Key_BraceLeft))
        fold(currentLine());
    else if (ctrlShift && (k.key() == Qt::Key_BracketRight || k.key() == Qt::Key_BraceRight))
        unfold(currentLine());
    else if (ctrlAlt && k.key() == Qt::Key_BracketLeft)
        foldAll();
    else if (ctrlAlt && k.key() == Qt::Key_BracketRight)
        unfoldAll();
    else
        return false;
    return true;
}

void YamlEditor::applyTheme()
{
    m_darkTheme = palette().color(QPalette::Base).lightness() < 128;
    m_highlighter->setTheme(editorstyle::repository().defaultTheme(m_darkTheme ? KSyntaxHighlighting::Repository::DarkTheme
                                                                  : KSyntaxHighlighting::Repository::LightTheme));
    m_highlighter->setDefinition(editorstyle::repository().definitionForName(m_language == Language::Json ? QStringLiteral("JSON")
                                                                                             : QStringLiteral("YAML")));
    m_gutter->update();
    viewport()->update();   // the lazy highlighter picks the new settings up before painting
}

bool YamlEditor::isFullyHighlighted() const
{
    return m_lazy->isComplete();
}

void YamlEditor::finishHighlighting()
{
    m_lazy->finish();
}

void YamlEditor::holdBackgroundHighlighting(bool hold)
{
    m_lazy->setIdleHeld(hold);
}

bool YamlEditor::isBackgroundHighlightingHeld() const
{
    return m_lazy->isIdleHeld();
}

QString YamlEditor::themeName() const
{
    return m_highlighter->theme().name();
}

void YamlEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (!m_findBar)   // still constructing
        return;
    if (event->type() == QEvent::PaletteChange && (palette().color(QPalette::Base).lightness() < 128) != m_darkTheme)
        applyTheme();
    if (event->type() == QEvent::FontChange)
        layoutChrome();
}

void YamlEditor::setLanguage(Language language)
{
    m_languageSet = true;
    if (language == m_language)
        return;
    m_language = language;
    applyTheme();
}

void YamlEditor::loadText(const QString &text, bool defaults)
{
    if (!m_languageSet) {
        const QString head = text.left(256).trimmed();
        const Language detected = head.startsWith(QLatin1Char('{')) || head.startsWith(QLatin1Char('[')) ? Language::Json : Language::Yaml;
        if (detected != m_language) {
            m_language = detected;
            applyTheme();
        }
    }
    m_folds.clear();
    m_diagnostics.clear();
    m_diagnosticCursors.clear();
    m_diagnosticSelections.clear();
    m_lineSelections.clear();
    setExtraSelections({});
    m_loading = true;
    setPlainText(text);   // new history; onContentsChange counts the revision
    m_loading = false;
    m_lazy->reset();      // nothing highlighted yet: the first paint does the visible blocks
    if (defaults)
        foldDefaults();
    Q_EMIT diagnosticsChanged();
}

void YamlEditor::replaceText(const QString &text, bool defaults)
{
    const QString old = toPlainText();
    if (old == text)
        return;
    unfoldAll();
    int prefix = 0;
    const int maxPrefix = int(std::min(old.size(), text.size()));
    while (prefix < maxPrefix && old[prefix] == text[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < maxPrefix - prefix && old[old.size() - 1 - suffix] == text[text.size() - 1 - suffix])
        ++suffix;
    QTextCursor c(document());
    c.beginEditBlock();
    c.setPosition(prefix);
    c.setPosition(int(old.size()) - suffix, QTextCursor::KeepAnchor);
    c.insertText(text.mid(prefix, text.size() - prefix - suffix));
    c.endEditBlock();
    if (defaults)
        foldDefaults();
}

QString YamlEditor::text() const
{
    return toPlainText();
}

void YamlEditor::onContentsChange(int position, int removed, int added)
{
    if (removed == 0 && added == 0)
        return;
    // Highlighting reports format changes as contentsChange(pos, n, n) without a new revision
    // of the text; real edits bump QTextDocument::revision().
    if (removed == added && document()->revision() == m_docRevision)
        return;
    m_docRevision = document()->revision();
    ++m_revision;
    if (!m_loading)
        m_lazy->documentEdited(position, removed, added);
    // A hidden block that lost its fold header (header edited away) is shown again.
    QTextBlock b = document()->findBlock(position);
    if (b.isValid() && b.isVisible() && b.next().isValid() && !b.next().isVisible() && !isFolded(b.blockNumber() + 1)) {
        QTextBlock last = b.next();
        while (last.next().isValid() && !last.next().isVisible())
            last = last.next();
        setBlocksVisible(b.blockNumber() + 1, last.blockNumber(), true);
    }
    Q_EMIT textEdited(m_revision);
}

} // namespace acp::views
