#include "app/CommandPalette.h"

#include "views/common/Page.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QSet>
#include <QStyledItemDelegate>
#include <QVBoxLayout>
#include <functional>

namespace acp::app {

namespace {

const int kDetailRole = Qt::UserRole + 1;

// Paints the detail (kind · namespace · cluster, section, group) right-aligned and dimmed.
class PaletteDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const QString detail = index.data(kDetailRole).toString();
        if (detail.isEmpty())
            return;
        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        QColor c = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        c.setAlphaF(0.6f);
        painter->setPen(c);
        const QRect r = option.rect.adjusted(0, 0, -8, 0);
        painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, option.fontMetrics.elidedText(detail, Qt::ElideMiddle, r.width() / 2));
        painter->restore();
    }
};

// Where `text` occurs in any of `words`: 0 = a prefix, 1 = inside, -1 = nowhere.
int matchRank(const QString &text, const QStringList &words)
{
    int best = -1;
    for (const QString &w : words) {
        if (w.startsWith(text, Qt::CaseInsensitive))
            return 0;
        if (w.contains(text, Qt::CaseInsensitive))
            best = 1;
    }
    return best;
}

// "/api/v1/pods" -> ("", "v1", "pods"); "/apis/apps/v1/deployments" -> ("apps", "v1", "deployments").
models::ResourceRef collectionOfPath(const QString &cluster, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    models::ResourceRef ref;
    ref.cluster = cluster;
    if (parts.size() == 3 && parts.at(0) == QLatin1String("api")) {
        ref.version = parts.at(1);
        ref.resource = parts.at(2);
    } else if (parts.size() == 4 && parts.at(0) == QLatin1String("apis")) {
        ref.group = parts.at(1);
        ref.version = parts.at(2);
        ref.resource = parts.at(3);
    }
    return ref;
}

} // namespace

CommandPalette::CommandPalette(const views::PageRegistry *registry, views::PageContext *context, QWidget *parent)
    : QFrame(parent), m_registry(registry), m_context(context)
{
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("paletteEdit"));
    m_edit->setPlaceholderText(tr("Go to a page or object · :kind · /filter"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("paletteResults"));
    m_list->setItemDelegate(new PaletteDelegate(m_list));
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_list, 1);
    m_hint = new QLabel(tr("↑↓ move · Enter open · Esc close · :kind (:pods, :deploy, :ns) · /text filters this page"), this);
    m_hint->setEnabled(false);
    layout->addWidget(m_hint);
    m_objects = new ObjectNameSearch(this);
    m_objects->setLimit(m_limit);
    connect(m_objects, &ObjectNameSearch::resultsChanged, this, &CommandPalette::rebuildList);
    connect(m_edit, &QLineEdit::textChanged, this, &CommandPalette::search);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { activate(m_list->row(item)); });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (isVisible() && now && !isAncestorOf(now) && now != this)
            dismiss();
    });
    hide();
}

void CommandPalette::popup(const QString &text)
{
    placeOverParent();
    show();
    raise();
    m_edit->setFocus(Qt::PopupFocusReason);
    // Objects come from the informers held right now (they may have changed since last time).
    m_objects->setSources(objectSources());
    if (m_edit->text() == text)
        search();
    else
        m_edit->setText(text);
    m_edit->selectAll();
}

void CommandPalette::dismiss()
{
    m_objects->cancel();
    hide();
    if (parentWidget())
        parentWidget()->setFocus();
}

void CommandPalette::placeOverParent()
{
    QWidget *p = parentWidget();
    if (!p)
        return;
    const int w = qMin(680, p->width() - 40);
    const int rowHeight = qMax(m_list->sizeHintForRow(0), fontMetrics().height() + 4);
    const int rows = qBound(3, int(m_list->count()), 14);
    const QMargins m = layout()->contentsMargins();
    const int chrome = m.top() + m.bottom() + 2 * layout()->spacing() + m_edit->sizeHint().height() + m_hint->sizeHint().height()
                       + 2 * m_list->frameWidth();
    const int h = qMin(chrome + rows * rowHeight + 2, p->height() - 80);
    setGeometry((p->width() - w) / 2, 56, w, h);
}

QList<CommandPalette::Entry> CommandPalette::pageEntries(const QString &text) const
{
    QList<Entry> prefix, inside;
    for (const views::PageInfo &p : m_registry->pages()) {
        if (p.available && !p.available(m_context->fleet()))
            continue;
        if (!p.inNavigation && text.isEmpty())
            continue;
        const int rank = text.isEmpty() ? 0 : matchRank(text, QStringList{p.title, p.id} + p.keywords);
        if (rank < 0)
            continue;
        Entry e;
        e.type = Entry::Page;
        e.text = p.title;
        e.detail = p.shortcut.isEmpty() ? p.section : QStringLiteral("%1 · %2").arg(p.section, p.shortcut.toString(QKeySequence::NativeText));
        e.pageId = p.id;
        (rank == 0 ? prefix : inside).append(e);
    }
    return prefix + inside;
}

// The menu bar's commands (pages and the palette itself excluded: pages have their own entries).
QList<CommandPalette::Entry> CommandPalette::commandEntries(const QString &text) const
{
    QList<Entry> prefix, inside;
    auto *window = qobject_cast<QMainWindow *>(parentWidget());
    if (!window || text.isEmpty())
        return {};
    std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *menu, const QString &path) {
        for (QAction *a : menu->actions()) {
            if (a->isSeparator() || !a->isEnabled() || a->text().isEmpty())
                continue;
            QString label = a->text();
            label.remove(QLatin1Char('&'));
            if (label.endsWith(QStringLiteral("…")))
                label.chop(1);
            if (a->menu()) {
                walk(a->menu(), path + label + QStringLiteral(" › "));
                continue;
            }
            if (a->objectName().startsWith(QLatin1String("actionPage_")) || a->objectName() == QLatin1String("actionCommandPalette"))
                continue;
            const int rank = matchRank(text, {label, path + label});
            if (rank < 0)
                continue;
            Entry e;
            e.type = Entry::Command;
            e.text = path + label;
            e.detail = a->shortcut().isEmpty() ? tr("command") : a->shortcut().toString(QKeySequence::NativeText);
            e.action = a;
            (rank == 0 ? prefix : inside).append(e);
        }
    };
    for (QAction *top : window->menuBar()->actions())
        if (top->menu()) {
            QString title = top->text();
            title.remove(QLatin1Char('&'));
            walk(top->menu(), title + QStringLiteral(" › "));
        }
    return prefix + inside;
}

QList<CommandPalette::Entry> CommandPalette::kindEntries(const QString &text) const
{
    QList<Entry> exact, prefix, inside;
    QSet<QString> seen;
    const views::Scope scope = m_context->scope();
    for (models::ClusterConnection *conn : m_context->fleet()->connections()) {
        if (!conn->resources()->isLoaded())
            continue;
        const auto &set = conn->resources()->resources();
        const auto found = text.isEmpty() ? api::Result<api::ApiResource>(api::ApiError{}) : set.lookup(text);
        for (const api::ApiResource &r : set.all()) {
            if (!r.preferred || !r.hasVerb(QStringLiteral("list")) || seen.contains(r.groupResource()))
                continue;
            const bool isExact = found && found->groupResource() == r.groupResource();
            const int rank = isExact ? 0 : matchRank(text, QStringList{r.resource, r.singular, r.kind} + r.shortNames);
            if (rank < 0)
                continue;
            seen.insert(r.groupResource());
            Entry e;
            e.type = Entry::Kind;
            e.text = QLatin1Char(':') + r.resource;
            QStringList detail{r.kind};
            if (!r.group.isEmpty())
                detail << r.group;
            if (!r.shortNames.isEmpty())
                detail << r.shortNames.join(QLatin1Char(','));
            e.detail = detail.join(QStringLiteral(" · "));
            e.ref.cluster = scope.cluster;
            e.ref.group = r.group;
            e.ref.resource = r.resource;
            e.ref.kind = r.kind;
            if (r.namespaced)
                e.ref.namespaceName = scope.namespaceName;
            (isExact ? exact : rank == 0 ? prefix : inside).append(e);
        }
    }
    auto byText = [](const Entry &a, const Entry &b) { return a.text < b.text; };
    std::sort(prefix.begin(), prefix.end(), byText);
    std::sort(inside.begin(), inside.end(), byText);
    return exact + prefix + inside;
}

QList<ObjectNameSource> CommandPalette::objectSources() const
{
    QList<ObjectNameSource> out;
    for (models::ClusterConnection *conn : m_context->fleet()->connections()) {
        for (const models::InformerCache::Held &h : conn->informers()->heldInformers()) {
            ObjectNameSource s;
            s.collection = collectionOfPath(h.key.cluster, h.key.resourcePath);
            if (!s.collection.isValid())
                continue;
            if (auto r = conn->resources()->resources().find(s.collection.group, s.collection.version, s.collection.resource))
                s.collection.kind = r->kind;
            s.store = h.informer->store();
            out.append(s);
        }
    }
    return out;
}

// Kinds come from discovery: connect the clusters in scope (connections are lazy) and search
// again when a registry loads while the palette is open.
void CommandPalette::watchDiscovery()
{
    for (const QString &c : m_context->scopeClusters()) {
        if (m_watched.contains(c))
            continue;
        models::ClusterConnection *conn = m_context->fleet()->connection(c);
        if (!conn)
            continue;
        m_watched.insert(c);
        connect(conn, &models::ClusterConnection::resourcesChanged, this, [this] {
            if (isVisible() && m_edit->text().trimmed().startsWith(QLatin1Char(':')))
                search();
        });
    }
}

void CommandPalette::search()
{
    const QString text = m_edit->text().trimmed();
    m_fixed.clear();
    m_objects->cancel();
    m_list->clear();   // a new search starts on its first row
    if (text.startsWith(QLatin1Char(':'))) {
        watchDiscovery();
        m_fixed = kindEntries(text.mid(1).trimmed());
        if (m_fixed.isEmpty()) {
            const bool connected = !m_context->fleet()->connections().isEmpty();
            m_fixed.append({Entry::Hint, connected ? tr("No resource kind matches “%1”").arg(text.mid(1)) : tr("No cluster connected yet"), {}, {}, {}, {}});
        }
    } else if (text.startsWith(QLatin1Char('/'))) {
        Entry e;
        e.type = Entry::Filter;
        e.filter = text.mid(1);
        e.text = e.filter.isEmpty() ? tr("Clear the filter of this page") : tr("Filter this page: %1").arg(e.filter);
        e.detail = m_page ? m_page->title() : QString();
        m_fixed.append(e);
    } else {
        m_fixed = pageEntries(text) + commandEntries(text);
        if (!text.isEmpty())
            m_objects->start(text);
    }
    rebuildList();
}

void CommandPalette::rebuildList()
{
    m_entries = m_fixed.mid(0, m_limit);
    for (const ObjectNameMatch &m : m_objects->results()) {
        if (m_entries.size() >= m_limit)
            break;
        Entry e;
        e.type = Entry::Object;
        e.text = m.ref.name;
        QStringList detail{m.ref.kind.isEmpty() ? m.ref.resource : m.ref.kind};
        if (!m.ref.namespaceName.isEmpty())
            detail << m.ref.namespaceName;
        detail << m.ref.cluster;
        e.detail = detail.join(QStringLiteral(" · "));
        e.ref = m.ref;
        m_entries.append(e);
    }
    const int row = qMax(0, m_list->currentRow());
    m_list->clear();
    for (const Entry &e : std::as_const(m_entries)) {
        auto *item = new QListWidgetItem(e.text, m_list);
        item->setData(kDetailRole, e.detail);
        if (e.type == Entry::Hint)
            item->setFlags(Qt::NoItemFlags);
    }
    if (!m_entries.isEmpty())
        m_list->setCurrentRow(qMin(row, int(m_entries.size()) - 1));
    placeOverParent();   // the height follows the number of results
}

void CommandPalette::activate(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const Entry e = m_entries.at(row);
    if (e.type == Entry::Hint)
        return;
    dismiss();
    views::Navigator *nav = m_context->navigator();
    switch (e.type) {
    case Entry::Page: nav->openPage(e.pageId); break;
    case Entry::Command:
        if (e.action)
            e.action->trigger();
        break;
    case Entry::Kind:
    case Entry::Object: nav->openResource(e.ref); break;
    case Entry::Filter:
        if (!m_page || !m_page->applyFilter(e.filter))
            Q_EMIT filterRejected(e.filter);
        break;
    case Entry::Hint: break;
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int n = m_list->count();
        switch (key->key()) {
        case Qt::Key_Escape: dismiss(); return true;
        case Qt::Key_Return:
        case Qt::Key_Enter: activate(m_list->currentRow()); return true;
        case Qt::Key_Down:
            if (n)
                m_list->setCurrentRow((m_list->currentRow() + 1) % n);
            return true;
        case Qt::Key_Up:
            if (n)
                m_list->setCurrentRow((m_list->currentRow() - 1 + n) % n);
            return true;
        case Qt::Key_PageDown:
        case Qt::Key_PageUp: QApplication::sendEvent(m_list, event); return true;
        default: break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace acp::app
