// YamlEditor: protected sections. With setProtectedSections(true), a document's top-level
// `status` and its `metadata.managedFields` stay visible but refuse typing, pasting, cutting and
// deleting (the server owns them: an apply drops them). Lines are classified by indentation
// (block style, as the page's YAML dumper writes objects), walking up from the edited line to its
// top-level key: at most kMaxWalk lines per check, so a keystroke costs at most that many block
// reads (a line deeper than that below its top-level key counts as not protected).
#include "views/editor/YamlEditor.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>
#include <QToolTip>

namespace acp::views {
namespace {

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == QLatin1Char(' '))
        ++i;
    return i;
}

bool isContent(const QString &line)
{
    const QString t = line.trimmed();
    return !t.isEmpty() && !t.startsWith(QLatin1Char('#'));
}

bool isMarker(const QString &line)
{
    return line.startsWith(QLatin1String("---")) || line.startsWith(QLatin1String("..."));
}

constexpr int kMaxWalk = 5000;

// Where a line is: its top-level key line and, under it, its indentation-2 key line.
struct Section {
    QString top;
    QString level2;
    bool isProtected() const
    {
        return top.startsWith(QLatin1String("status:"))
            || (top.startsWith(QLatin1String("metadata:")) && level2.startsWith(QLatin1String("managedFields:")));
    }
    // The next line (forward scan).
    void advance(const QString &line)
    {
        if (isMarker(line)) {
            top.clear();
            level2.clear();
        } else if (isContent(line)) {
            const int indent = indentOf(line);
            if (indent == 0) {
                top = line;
                level2.clear();
            } else if (indent == 2 && line.at(2) != QLatin1Char('-')) {
                level2 = line.mid(2);
            }
        }
    }
};

// The section of `block`, from the lines above it (at most kMaxWalk).
Section sectionOf(QTextBlock b)
{
    Section s;
    bool haveLevel2 = false;
    for (int walked = 0; b.isValid() && walked < kMaxWalk; b = b.previous(), ++walked) {
        const QString text = b.text();
        if (isMarker(text))
            return {};
        if (!isContent(text))
            continue;
        const int indent = indentOf(text);
        if (indent == 0) {
            s.top = text;
            return s;
        }
        if (indent == 2 && !haveLevel2 && text.at(2) != QLatin1Char('-')) {
            s.level2 = text.mid(2);
            haveLevel2 = true;
        }
    }
    return {};
}

} // namespace

void YamlEditor::setProtectedSections(bool on)
{
    m_protectSections = on;
}

bool YamlEditor::isProtectedLine(int line) const
{
    if (!m_protectSections || m_language != Language::Yaml)
        return false;
    const QTextBlock b = document()->findBlockByNumber(line - 1);
    return b.isValid() && !isMarker(b.text()) && sectionOf(b).isProtected();
}

bool YamlEditor::touchesProtected(int from, int to) const
{
    if (!m_protectSections || m_language != Language::Yaml)
        return false;
    QTextBlock b = document()->findBlock(std::max(0, from));
    const QTextBlock last = document()->findBlock(std::max(0, std::min(to, document()->characterCount() - 1)));
    if (!b.isValid() || !last.isValid())
        return false;
    Section s = sectionOf(b);
    for (;;) {
        if (!isMarker(b.text()) && s.isProtected())
            return true;
        if (b == last || !b.next().isValid())
            return false;
        b = b.next();
        s.advance(b.text());
    }
}

// True (and a tooltip says why) when `event` would change a protected line.
bool YamlEditor::refuseProtectedEdit(QKeyEvent *event)
{
    if (!m_protectSections || isReadOnly())
        return false;
    const bool deletes = event->key() == Qt::Key_Backspace || event->key() == Qt::Key_Delete;
    const bool edits = deletes || event->matches(QKeySequence::Paste) || event->matches(QKeySequence::Cut)
        || (!event->text().isEmpty() && event->text().at(0).isPrint())
        || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Tab;
    const bool shortcut = (event->modifiers() & Qt::ControlModifier) && !deletes && !event->matches(QKeySequence::Paste)
        && !event->matches(QKeySequence::Cut);
    if (!edits || shortcut)
        return false;
    const QTextCursor c = textCursor();
    int from = c.selectionStart(), to = c.selectionEnd();
    if (!c.hasSelection() && event->key() == Qt::Key_Backspace)
        from = std::max(0, from - 1);   // joins with the line above at a line start
    if (!c.hasSelection() && event->key() == Qt::Key_Delete)
        to += 1;
    if (!touchesProtected(from, to))
        return false;
    showProtectedNote();
    return true;
}

void YamlEditor::showProtectedNote()
{
    QToolTip::showText(viewport()->mapToGlobal(cursorRect().bottomLeft()),
                       tr("status and metadata.managedFields are kept by the server and not applied: they are read-only here"),
                       viewport());
}

void YamlEditor::insertFromMimeData(const QMimeData *source)
{
    const QTextCursor c = textCursor();
    if (touchesProtected(c.selectionStart(), c.selectionEnd())) {
        showProtectedNote();
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace acp::views
