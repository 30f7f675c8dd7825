#include "views/editor/EditorFindBar.h"

#include "views/editor/YamlEditor.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace acp::views {

EditorFindBar::EditorFindBar(YamlEditor *editor) : QWidget(editor), m_editor(editor)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    setForegroundRole(QPalette::WindowText);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 4, 6, 4);
    outer->setSpacing(3);
    auto row = [outer, this](QWidget **holder) {
        *holder = new QWidget(this);
        auto *l = new QHBoxLayout(*holder);
        l->setContentsMargins(0, 0, 0, 0);
        l->setSpacing(4);
        outer->addWidget(*holder);
        return l;
    };
    auto button = [this](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };

    QHBoxLayout *fr = row(&m_findRow);
    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_case = button(QStringLiteral("Aa"), tr("Match case"), [this] { updateCount(); });
    m_case->setCheckable(true);
    m_regex = button(QStringLiteral(".*"), tr("Regular expression"), [this] { updateCount(); });
    m_regex->setCheckable(true);
    m_status = new QLabel(this);
    m_status->setMinimumWidth(fontMetrics().horizontalAdvance(tr("999 matches")));
    fr->addWidget(new QLabel(tr("Find:"), this));
    fr->addWidget(m_find, 1);
    fr->addWidget(m_case);
    fr->addWidget(m_regex);
    fr->addWidget(button(QStringLiteral("\u2191"), tr("Previous match (Shift+F3)"), [this] { findNext(true); }));
    fr->addWidget(button(QStringLiteral("\u2193"), tr("Next match (F3)"), [this] { findNext(false); }));
    fr->addWidget(m_status);
    fr->addWidget(button(QStringLiteral("\u2715"), tr("Close (Esc)"), [this] { close(); }));
    connect(m_find, &QLineEdit::textChanged, this, [this] { updateCount(); });

    QHBoxLayout *rr = row(&m_replaceRow);
    m_replace = new QLineEdit(this);
    m_replace->setPlaceholderText(tr("Replace with"));
    auto *one = new QPushButton(tr("Replace"), this);
    auto *all = new QPushButton(tr("Replace all"), this);
    connect(one, &QPushButton::clicked, this, [this] { replaceCurrent(); });
    connect(all, &QPushButton::clicked, this, [this] { replaceAll(); });
    rr->addWidget(new QLabel(tr("Replace:"), this));
    rr->addWidget(m_replace, 1);
    rr->addWidget(one);
    rr->addWidget(all);

    QHBoxLayout *lr = row(&m_lineRow);
    m_line = new QLineEdit(this);
    m_line->setPlaceholderText(tr("line or line:column"));
    lr->addWidget(new QLabel(tr("Go to line:"), this));
    lr->addWidget(m_line, 1);
    lr->addStretch(2);
    connect(m_line, &QLineEdit::returnPressed, this, &EditorFindBar::goToLine);
}

QSize EditorFindBar::sizeHint() const
{
    return layout()->sizeHint();
}

void EditorFindBar::open(Mode mode)
{
    m_mode = mode;
    m_findRow->setVisible(mode != Mode::GoToLine);
    m_replaceRow->setVisible(mode == Mode::Replace);
    m_lineRow->setVisible(mode == Mode::GoToLine);
    layout()->activate();
    show();
    QLineEdit *focus = mode == Mode::GoToLine ? m_line : m_find;
    if (mode != Mode::GoToLine && m_editor->textCursor().hasSelection() && !m_editor->textCursor().selectedText().contains(QChar::ParagraphSeparator))
        m_find->setText(m_editor->textCursor().selectedText());
    if (mode == Mode::GoToLine)
        m_line->setText(QStringLiteral("%1:%2").arg(m_editor->currentLine()).arg(m_editor->currentColumn()));
    focus->setFocus();
    focus->selectAll();
    updateCount();
}

void EditorFindBar::close()
{
    hide();
    m_editor->setFocus();
}

bool EditorFindBar::findNext(bool backward)
{
    if (m_find->text().isEmpty()) {
        if (!isVisible())
            open(Mode::Find);
        return false;
    }
    const bool found = m_editor->findNext(m_find->text(), {m_regex->isChecked(), m_case->isChecked(), backward});
    if (!found)
        m_status->setText(tr("No matches"));
    return found;
}

void EditorFindBar::replaceCurrent()
{
    m_editor->replaceCurrent(m_find->text(), m_replace->text(), {m_regex->isChecked(), m_case->isChecked(), false});
    updateCount();
}

int EditorFindBar::replaceAll()
{
    const int n = m_editor->replaceAll(m_find->text(), m_replace->text(), {m_regex->isChecked(), m_case->isChecked(), false});
    m_status->setText(tr("%n replaced", nullptr, n));
    return n;
}

void EditorFindBar::updateCount()
{
    if (m_find->text().isEmpty()) {
        m_status->clear();
        return;
    }
    const int n = m_editor->countMatches(m_find->text(), {m_regex->isChecked(), m_case->isChecked(), false});
    m_status->setText(n < 0 ? tr("Bad pattern") : tr("%n match(es)", nullptr, n));
}

void EditorFindBar::goToLine()
{
    const QStringList parts = m_line->text().trimmed().split(QLatin1Char(':'));
    bool ok = false;
    const int line = parts.value(0).toInt(&ok);
    if (!ok)
        return;
    const int column = parts.size() > 1 ? std::max(1, parts[1].toInt()) : 1;
    close();
    m_editor->goToLine(line, column);
}

void EditorFindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_mode != Mode::GoToLine) {
        if (m_replace->hasFocus())
            replaceCurrent();
        else
            findNext(event->modifiers() & Qt::ShiftModifier);
        return;
    }
    if (m_editor->handleShortcut(event))   // F3, Ctrl+F/H/L work from the bar too
        return;
    event->accept();   // never let a key fall through to the editor's text
}

} // namespace acp::views
