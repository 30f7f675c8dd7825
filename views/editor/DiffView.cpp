#include "views/editor/DiffView.h"

#include "views/editor/DiffPane.h"
#include "views/editor/EditorStyle.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace acp::views {
namespace {

using Kind = models::SideBySideRow::Kind;

QWidget *titled(QLabel *title, DiffPane *pane, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    l->addWidget(title);
    l->addWidget(pane, 1);
    return w;
}

void linkScrollBars(QScrollBar *a, QScrollBar *b)
{
    QObject::connect(a, &QScrollBar::valueChanged, b, &QScrollBar::setValue);
    QObject::connect(b, &QScrollBar::valueChanged, a, &QScrollBar::setValue);
}

} // namespace

DiffView::DiffView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    auto tool = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        return b;
    };
    m_modeButton = tool(tr("Unified"), tr("Switch between side by side and unified"));
    m_modeButton->setCheckable(true);
    m_prev = tool(tr("\u2191 Previous"), tr("Previous change (Shift+F7)"));
    m_next = tool(tr("\u2193 Next"), tr("Next change (F7)"));
    m_prev->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_next->setShortcut(QKeySequence(Qt::Key_F7));
    m_status = new QLabel(this);
    bar->addWidget(m_modeButton);
    bar->addWidget(m_prev);
    bar->addWidget(m_next);
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);

    m_stack = new QStackedWidget(this);
    auto *split = new QSplitter(Qt::Horizontal, m_stack);
    m_left = new DiffPane(split);
    m_right = new DiffPane(split);
    m_leftTitleLabel = new QLabel(this);
    m_rightTitleLabel = new QLabel(this);
    split->addWidget(titled(m_leftTitleLabel, m_left, split));
    split->addWidget(titled(m_rightTitleLabel, m_right, split));
    linkScrollBars(m_left->verticalScrollBar(), m_right->verticalScrollBar());
    linkScrollBars(m_left->horizontalScrollBar(), m_right->horizontalScrollBar());
    m_unified = new DiffPane(m_stack);
    auto *identical = new QLabel(tr("No differences: the texts are identical."), m_stack);
    identical->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(split);
    m_stack->addWidget(m_unified);
    m_stack->addWidget(identical);
    layout->addWidget(m_stack, 1);

    connect(m_modeButton, &QToolButton::toggled, this, [this](bool on) { setMode(on ? Mode::Unified : Mode::SideBySide); });
    connect(m_prev, &QToolButton::clicked, this, &DiffView::previousChange);
    connect(m_next, &QToolButton::clicked, this, &DiffView::nextChange);
    rebuild();
}

void DiffView::setTexts(const QString &left, const QString &right, const QString &leftTitle, const QString &rightTitle)
{
    m_diff = models::TextDiff(left, right);
    m_leftTitle = leftTitle;
    m_rightTitle = rightTitle;
    rebuild();
}

bool DiffView::isIdentical() const
{
    return m_diff.identical();
}

QString DiffView::unifiedText() const
{
    return m_diff.unified(m_leftTitle, m_rightTitle);
}

void DiffView::rebuild()
{
    const QPalette &pal = palette();
    m_leftTitleLabel->setText(m_leftTitle);
    m_rightTitleLabel->setText(m_rightTitle);
    QList<DiffPane::Row> left, right;
    m_sideChanges.clear();
    const QList<models::SideBySideRow> rows = m_diff.sideBySide();
    for (int i = 0; i < rows.size(); ++i) {
        const models::SideBySideRow &r = rows[i];
        if (r.kind != Kind::Same && (i == 0 || rows[i - 1].kind == Kind::Same))
            m_sideChanges.append(i);
        DiffPane::Row l{r.leftText, r.leftLine >= 0 ? QString::number(r.leftLine + 1) : QString(), {}, r.leftChanges,
                        editorstyle::removedChars(pal)};
        DiffPane::Row rr{r.rightText, r.rightLine >= 0 ? QString::number(r.rightLine + 1) : QString(), {}, r.rightChanges,
                         editorstyle::addedChars(pal)};
        if (r.kind != Kind::Same) {
            l.background = r.leftLine >= 0 ? editorstyle::removedLine(pal) : editorstyle::fillerLine(pal);
            rr.background = r.rightLine >= 0 ? editorstyle::addedLine(pal) : editorstyle::fillerLine(pal);
        }
        left.append(l);
        right.append(rr);
    }
    m_left->setRows(left);
    m_right->setRows(right);

    QList<DiffPane::Row> unified;
    m_unifiedChanges.clear();
    for (const models::DiffHunk &h : m_diff.hunks()) {
        unified.append({h.header(), QString(), editorstyle::fillerLine(pal), {}, {}});
        int l = h.leftStart, r = h.rightStart;
        bool inChange = false;
        for (const QString &line : h.lines) {
            const QChar op = line.at(0);
            const bool change = op != QLatin1Char(' ');
            if (change && !inChange)
                m_unifiedChanges.append(int(unified.size()));
            inChange = change;
            DiffPane::Row row{line.mid(1), {}, {}, {}, {}};
            if (op == QLatin1Char('-')) {
                row.label = QStringLiteral("%1    - ").arg(l++);
                row.background = editorstyle::removedLine(pal);
            } else if (op == QLatin1Char('+')) {
                row.label = QStringLiteral("    %1 + ").arg(r++);
                row.background = editorstyle::addedLine(pal);
            } else {
                row.label = QStringLiteral("%1 %2   ").arg(l++).arg(r++);
            }
            unified.append(row);
        }
    }
    m_unified->setRows(unified);
    m_current = -1;
    setMode(m_mode);
}

void DiffView::setMode(Mode mode)
{
    m_mode = mode;
    m_modeButton->blockSignals(true);
    m_modeButton->setChecked(mode == Mode::Unified);
    m_modeButton->blockSignals(false);
    m_stack->setCurrentIndex(isIdentical() ? 2 : mode == Mode::Unified ? 1 : 0);
    if (m_current >= 0)
        goToChange(m_current);
    updateStatus();
}

void DiffView::goToChange(int index)
{
    if (index < 0 || index >= changeCount())
        return;
    m_current = index;
    if (m_mode == Mode::Unified) {
        m_unified->scrollToRow(m_unifiedChanges.value(index));
    } else {
        m_left->scrollToRow(m_sideChanges[index]);
        m_right->scrollToRow(m_sideChanges[index]);
    }
    updateStatus();
    Q_EMIT currentChangeChanged(m_current, changeCount());
}

void DiffView::nextChange()
{
    goToChange(std::min(m_current + 1, changeCount() - 1));
}

void DiffView::previousChange()
{
    goToChange(std::max(m_current - 1, 0));
}

void DiffView::updateStatus()
{
    m_prev->setEnabled(m_current > 0);
    m_next->setEnabled(m_current < changeCount() - 1);
    m_modeButton->setEnabled(!isIdentical());
    if (isIdentical()) {
        m_status->setText(tr("No differences"));
        return;
    }
    const int lines = m_diff.changedLineCount();
    const QString changes = tr("%n change(s), %1 line(s)", nullptr, changeCount()).arg(lines);
    m_status->setText(m_current >= 0 ? tr("Change %1 of %2").arg(m_current + 1).arg(changeCount()) + QStringLiteral(" \u2014 ") + changes
                                     : changes);
}

} // namespace acp::views
