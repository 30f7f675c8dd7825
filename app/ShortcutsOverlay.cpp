#include "app/ShortcutsOverlay.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QSet>
#include <QVBoxLayout>

namespace acp::app {

namespace {

QString keysOf(const QAction *a)
{
    QStringList keys;
    for (const QKeySequence &k : a->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void appendRows(const QList<QAction *> &actions, const QString &group, QSet<const QAction *> &seen, QList<ShortcutsOverlay::Row> &rows)
{
    for (const QAction *a : actions) {
        if (a->shortcuts().isEmpty() || seen.contains(a))
            continue;
        seen.insert(a);
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        if (text.endsWith(QStringLiteral("…")))
            text.chop(1);
        rows.append({group, text, keysOf(a)});
    }
}

const char *kSyntax = R"(<tr><td colspan=2><br><b>Command palette</b></td></tr>
<tr><td><i>name</i></td><td>a page, or any loaded object by name (all clusters)</td></tr>
<tr><td><code>:kind</code></td><td>a resource kind or short name: <code>:pods</code>, <code>:deploy</code>, <code>:ns</code></td></tr>
<tr><td><code>/text</code></td><td>filter the current page</td></tr>
<tr><td>↑ ↓ Enter Esc</td><td>move, open, close</td></tr>)";

} // namespace

ShortcutsOverlay::ShortcutsOverlay(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("shortcutsOverlay"));
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    m_panel = new QLabel(this);
    m_panel->setObjectName(QStringLiteral("shortcutsPanel"));
    m_panel->setTextFormat(Qt::RichText);
    m_panel->setAutoFillBackground(true);
    m_panel->setBackgroundRole(QPalette::Base);
    m_panel->setFrameShape(QFrame::StyledPanel);
    m_panel->setMargin(16);
    m_panel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_panel, 0, Qt::AlignCenter);
    hide();
}

QList<ShortcutsOverlay::Row> ShortcutsOverlay::collect(QWidget *root, const QString &group, const QWidget *skip)
{
    QList<Row> rows;
    QSet<const QAction *> seen;
    if (!root)
        return rows;
    appendRows(root->actions(), group, seen, rows);
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (skip && (w == skip || skip->isAncestorOf(w)))
            continue;
        appendRows(w->actions(), group, seen, rows);
    }
    // Actions owned by the root but added to no widget (QAction with a shortcut context).
    appendRows(root->findChildren<QAction *>(Qt::FindDirectChildrenOnly), group, seen, rows);
    return rows;
}

void ShortcutsOverlay::showFor(QWidget *window, QWidget *page, const QString &pageTitle)
{
    m_rows = collect(window, tr("Window"), page);
    if (page)
        m_rows += collect(page, pageTitle.isEmpty() ? tr("This page") : pageTitle);
    QString html = QStringLiteral("<h3>%1</h3><table cellspacing=0 cellpadding=3>").arg(tr("Keyboard shortcuts"));
    QString group;
    for (const Row &r : std::as_const(m_rows)) {
        if (r.group != group) {
            group = r.group;
            html += QStringLiteral("<tr><td colspan=2><br><b>%1</b></td></tr>").arg(group.toHtmlEscaped());
        }
        html += QStringLiteral("<tr><td style='padding-right:24px'><code>%1</code></td><td>%2</td></tr>").arg(r.keys.toHtmlEscaped(), r.text.toHtmlEscaped());
    }
    html += QString::fromUtf8(kSyntax);
    html += QStringLiteral("</table><p style='color:gray'>%1</p>").arg(tr("Esc closes"));
    m_panel->setText(html);
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::OtherFocusReason);
}

void ShortcutsOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0, 0, 0, 110));
}

void ShortcutsOverlay::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F1 || event->key() == Qt::Key_Question) {
        hide();
        if (parentWidget())
            parentWidget()->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ShortcutsOverlay::mousePressEvent(QMouseEvent *event)
{
    if (!m_panel->geometry().contains(event->position().toPoint()))
        hide();
}

} // namespace acp::app
