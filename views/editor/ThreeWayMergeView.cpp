#include "views/editor/ThreeWayMergeView.h"

#include "models/TextDiff.h"
#include "views/editor/DiffPane.h"
#include "views/editor/EditorStyle.h"
#include "views/editor/YamlEditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace acp::views {
namespace {

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    auto *label = new QLabel(title, w);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    l->addWidget(label);
    l->addWidget(content, 1);
    return w;
}

// The lines of `side` with those changed against base marked; or base's lines with those the
// side changed or removed marked (side == base's role).
QList<DiffPane::Row> markedRows(const QString &base, const QString &side, bool showBase, const QColor &mark)
{
    const models::TextDiff d(base, side);
    QList<DiffPane::Row> rows;
    for (const models::SideBySideRow &r : d.sideBySide()) {
        const int line = showBase ? r.leftLine : r.rightLine;
        if (line < 0)
            continue;
        DiffPane::Row row{showBase ? r.leftText : r.rightText, QString::number(line + 1), {}, {}, {}};
        if (r.kind != models::SideBySideRow::Kind::Same)
            row.background = mark;
        rows.append(row);
    }
    return rows;
}

} // namespace

ThreeWayMergeView::ThreeWayMergeView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    auto *sides = new QSplitter(Qt::Horizontal, vertical);
    m_mine = new DiffPane(sides);
    m_base = new DiffPane(sides);
    m_theirs = new DiffPane(sides);
    sides->addWidget(titled(tr("Your edit"), m_mine, sides));
    sides->addWidget(titled(tr("The version you started from"), m_base, sides));
    sides->addWidget(titled(tr("The server's current version"), m_theirs, sides));

    auto *bottom = new QSplitter(Qt::Horizontal, vertical);
    m_merged = new YamlEditor(bottom);
    bottom->addWidget(titled(tr("Merged result (editable)"), m_merged, bottom));
    auto *panel = new QWidget(bottom);
    auto *pl = new QVBoxLayout(panel);
    pl->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(panel);
    m_status->setWordWrap(true);
    m_list = new QListWidget(panel);
    auto *nav = new QHBoxLayout;
    auto *prev = new QToolButton(panel);
    prev->setText(tr("\u2191 Previous"));
    auto *next = new QToolButton(panel);
    next->setText(tr("\u2193 Next"));
    nav->addWidget(prev);
    nav->addWidget(next);
    nav->addStretch(1);
    m_useMine = new QPushButton(tr("Use mine"), panel);
    m_useTheirs = new QPushButton(tr("Use theirs"), panel);
    m_useBoth = new QPushButton(tr("Use both"), panel);
    m_useMine->setToolTip(tr("Keep your edit's lines for this conflict"));
    m_useTheirs->setToolTip(tr("Keep the server's lines for this conflict"));
    m_useBoth->setToolTip(tr("Keep your lines, then the server's"));
    auto *pick = new QHBoxLayout;
    pick->addWidget(m_useMine);
    pick->addWidget(m_useTheirs);
    pick->addWidget(m_useBoth);
    pl->addWidget(new QLabel(tr("<b>Conflicts</b>"), panel));
    pl->addWidget(m_status);
    pl->addWidget(m_list, 1);
    pl->addLayout(nav);
    pl->addLayout(pick);
    bottom->addWidget(panel);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 1);
    vertical->addWidget(sides);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    layout->addWidget(vertical);

    m_refresh = new QTimer(this);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(200);
    connect(m_refresh, &QTimer::timeout, this, &ThreeWayMergeView::refreshConflicts);
    connect(m_merged, &YamlEditor::textEdited, m_refresh, qOverload<>(&QTimer::start));
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current)
            goToConflict(row);
    });
    connect(prev, &QToolButton::clicked, this, &ThreeWayMergeView::previousConflict);
    connect(next, &QToolButton::clicked, this, &ThreeWayMergeView::nextConflict);
    connect(m_useMine, &QPushButton::clicked, this, [this] { resolveConflict(m_current, models::TextMerge::Side::Mine); });
    connect(m_useTheirs, &QPushButton::clicked, this, [this] { resolveConflict(m_current, models::TextMerge::Side::Theirs); });
    connect(m_useBoth, &QPushButton::clicked, this, [this] { resolveConflict(m_current, models::TextMerge::Side::Both); });
    refreshConflicts();
}

void ThreeWayMergeView::setTexts(const QString &base, const QString &mine, const QString &theirs)
{
    showSides(base, mine, theirs);
    const models::MergeResult merged = models::TextMerge::merge3(base, mine, theirs, tr("your edit"), tr("server"), tr("started from"));
    m_merged->loadText(merged.text, false);
    m_current = -1;
    refreshConflicts();
    if (!m_conflicts.isEmpty())
        goToConflict(0);
}

void ThreeWayMergeView::showSides(const QString &base, const QString &mine, const QString &theirs)
{
    const QPalette &pal = palette();
    m_mine->setRows(markedRows(base, mine, false, editorstyle::addedLine(pal)));
    m_theirs->setRows(markedRows(base, theirs, false, editorstyle::addedLine(pal)));
    // Base: the lines either side changed.
    QList<DiffPane::Row> baseRows = markedRows(base, mine, true, editorstyle::removedLine(pal));
    const QList<DiffPane::Row> byTheirs = markedRows(base, theirs, true, editorstyle::removedLine(pal));
    for (int i = 0; i < baseRows.size() && i < byTheirs.size(); ++i)
        if (!baseRows[i].background.isValid())
            baseRows[i].background = byTheirs[i].background;
    m_base->setRows(baseRows);
}

QString ThreeWayMergeView::mergedText() const
{
    return m_merged->text();
}

void ThreeWayMergeView::refreshConflicts()
{
    m_refresh->stop();
    m_conflicts = models::TextMerge::findConflicts(m_merged->text());
    QList<models::YamlDiagnostic> marks;
    m_list->blockSignals(true);
    m_list->clear();
    for (int i = 0; i < m_conflicts.size(); ++i) {
        const models::MergeConflict &c = m_conflicts[i];
        m_list->addItem(tr("Conflict %1: lines %2\u2013%3 (mine %4, theirs %5 lines)")
                            .arg(i + 1).arg(c.startLine + 1).arg(c.endLine).arg(c.mine.size()).arg(c.theirs.size()));
        models::YamlDiagnostic d;
        d.severity = models::YamlDiagnostic::Severity::Warning;
        d.line = c.startLine + 1;
        d.column = 1;
        d.message = tr("Unresolved conflict: pick your edit, the server's version or both, or edit by hand");
        marks.append(d);
    }
    if (m_current >= m_conflicts.size())
        m_current = int(m_conflicts.size()) - 1;
    m_list->setCurrentRow(m_current);
    m_list->blockSignals(false);
    m_merged->setDiagnostics(marks);
    QList<QPair<int, QColor>> backgrounds;
    for (const models::MergeConflict &c : m_conflicts)
        for (int l = c.startLine; l < c.endLine; ++l)
            backgrounds.append({l + 1, editorstyle::conflictLine(palette())});
    m_merged->setLineBackgrounds(backgrounds);
    const bool any = !m_conflicts.isEmpty();
    m_useMine->setEnabled(any && m_current >= 0);
    m_useTheirs->setEnabled(any && m_current >= 0);
    m_useBoth->setEnabled(any && m_current >= 0);
    m_status->setText(any ? tr("%n unresolved conflict(s)", nullptr, int(m_conflicts.size()))
                          : tr("No conflicts: the merged result is ready."));
    Q_EMIT conflictsChanged(int(m_conflicts.size()));
}

void ThreeWayMergeView::goToConflict(int index)
{
    if (index < 0 || index >= m_conflicts.size())
        return;
    m_current = index;
    m_list->blockSignals(true);
    m_list->setCurrentRow(index);
    m_list->blockSignals(false);
    m_merged->goToLine(m_conflicts[index].startLine + 1);
    // The sides are close to the merged text line for line: show the same place there.
    for (DiffPane *pane : {m_mine, m_base, m_theirs})
        pane->scrollToRow(m_conflicts[index].startLine);
    m_useMine->setEnabled(true);
    m_useTheirs->setEnabled(true);
    m_useBoth->setEnabled(true);
}

void ThreeWayMergeView::nextConflict()
{
    goToConflict(std::min(m_current + 1, conflictCount() - 1));
}

void ThreeWayMergeView::previousConflict()
{
    goToConflict(std::max(m_current - 1, 0));
}

void ThreeWayMergeView::resolveConflict(int index, models::TextMerge::Side side)
{
    refreshConflicts();   // the markers as they are now
    if (index < 0 || index >= m_conflicts.size())
        return;
    m_merged->replaceText(models::TextMerge::resolve(m_merged->text(), index, side), false);
    refreshConflicts();
    if (!m_conflicts.isEmpty())
        goToConflict(std::min(index, conflictCount() - 1));
}

} // namespace acp::views
