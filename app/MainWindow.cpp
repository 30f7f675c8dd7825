#include "app/MainWindow.h"

#include "app/ScopeBar.h"
#include "views/common/Page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMetaEnum>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::app {

using models::ClusterConnection;

namespace {
// The platform's standard keys plus `extra` when the platform lacks it (no ambiguous duplicates).
QList<QKeySequence> withAlternative(QKeySequence::StandardKey key, const QKeySequence &extra)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    if (!keys.contains(extra))
        keys.append(extra);
    return keys;
}
} // namespace

MainWindow::MainWindow(const views::PageRegistry *registry, models::Fleet *fleet, QWidget *parent)
    : QMainWindow(parent), m_registry(registry), m_fleet(fleet)
{
    setObjectName(QStringLiteral("mainWindow"));
    fleet->setParent(this);
    m_context = new views::PageContext(fleet, this, this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_scopeBar = new ScopeBar(m_context, central);
    layout->addWidget(m_scopeBar);
    auto *split = new QSplitter(Qt::Horizontal, central);
    split->setObjectName(QStringLiteral("mainSplitter"));
    m_nav = new QTreeWidget(split);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setHeaderHidden(true);
    m_nav->setRootIsDecorated(false);
    m_nav->setIndentation(10);
    m_nav->setMinimumWidth(150);
    m_stack = new QStackedWidget(split);
    split->addWidget(m_nav);
    split->addWidget(m_stack);
    split->setStretchFactor(1, 1);
    split->setSizes({190, 1000});
    layout->addWidget(split, 1);
    setCentralWidget(central);

    m_connections = new QLabel(this);
    m_connections->setObjectName(QStringLiteral("connectionSummary"));
    statusBar()->addPermanentWidget(m_connections);
    connect(m_fleet, &models::Fleet::connectionStateChanged, this, &MainWindow::updateStatus);

    buildNavigation();
    buildActions();
    updateStatus();
    restoreLayout();
    setWindowTitle(QStringLiteral("ACP Console — %1").arg(m_fleet->title()));

    // The first page: the first available one in navigation order.
    for (const views::PageInfo &p : m_registry->pages())
        if (p.inNavigation && (!p.available || p.available(m_fleet))) {
            showPage(p.id, {});
            break;
        }
}

MainWindow::~MainWindow()
{
    // Pages hold informers of the fleet's connections: destroy them before the fleet.
    qDeleteAll(m_pages);
    m_pages.clear();
    delete takeCentralWidget();   // the scope bar's informers, too
    delete m_fleet;
}

void MainWindow::buildNavigation()
{
    QHash<QString, QTreeWidgetItem *> sections;
    for (const views::PageInfo &p : m_registry->pages()) {
        if (!p.inNavigation || (p.available && !p.available(m_fleet)))
            continue;
        QTreeWidgetItem *section = sections.value(p.section);
        if (!section) {
            section = new QTreeWidgetItem(m_nav, {p.section});
            section->setFlags(Qt::ItemIsEnabled);
            QFont f = section->font(0);
            f.setBold(true);
            section->setFont(0, f);
            sections.insert(p.section, section);
        }
        auto *item = new QTreeWidgetItem(section, {p.title});
        item->setData(0, Qt::UserRole, p.id);
        if (!p.shortcut.isEmpty())
            item->setToolTip(0, QStringLiteral("%1 (%2)").arg(p.title, p.shortcut.toString(QKeySequence::NativeText)));
        m_navItems.insert(p.id, item);
    }
    m_nav->expandAll();
    connect(m_nav, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_navigating || !item)
            return;
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty() && id != m_currentId)
            openPage(id);
    });
}

void MainWindow::buildActions()
{
    m_backAction = new QAction(tr("Back"), this);
    m_backAction->setObjectName(QStringLiteral("actionBack"));
    m_backAction->setShortcuts(withAlternative(QKeySequence::Back, QKeySequence(Qt::ALT | Qt::Key_Left)));
    connect(m_backAction, &QAction::triggered, this, &MainWindow::goBack);
    m_forwardAction = new QAction(tr("Forward"), this);
    m_forwardAction->setObjectName(QStringLiteral("actionForward"));
    m_forwardAction->setShortcuts(withAlternative(QKeySequence::Forward, QKeySequence(Qt::ALT | Qt::Key_Right)));
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::goForward);
    addAction(m_backAction);
    addAction(m_forwardAction);
    m_scopeBar->addHistoryActions(m_backAction, m_forwardAction);
    for (const views::PageInfo &p : m_registry->pages()) {
        if (p.shortcut.isEmpty() || (p.available && !p.available(m_fleet)))
            continue;
        auto *a = new QAction(p.title, this);
        a->setObjectName(QStringLiteral("actionPage_") + p.id);
        a->setShortcut(p.shortcut);
        const QString id = p.id;
        connect(a, &QAction::triggered, this, [this, id] { openPage(id); });
        addAction(a);
    }
    updateHistoryActions();
}

views::Page *MainWindow::currentPage() const
{
    return m_pages.value(m_currentId);
}

MainWindow::HistoryEntry MainWindow::currentEntry() const
{
    views::Page *p = currentPage();
    return {m_currentId, p ? p->currentArgs() : QVariantMap()};
}

void MainWindow::openPage(const QString &pageId, const QVariantMap &args)
{
    const views::PageInfo *info = m_registry->find(pageId);
    if (!info || (info->available && !info->available(m_fleet)))
        return;
    if (!m_currentId.isEmpty()) {
        m_back.append(currentEntry());
        m_forward.clear();
    }
    showPage(pageId, args);
}

void MainWindow::openResource(const models::ResourceRef &ref)
{
    const views::PageInfo *info = m_registry->pageForResource(ref, m_fleet);
    if (!info)
        return;
    QVariantMap args = info->argsFor ? info->argsFor(ref) : QVariantMap{{QStringLiteral("ref"), QVariant::fromValue(ref)}};
    openPage(info->id, args);
}

void MainWindow::showPage(const QString &pageId, const QVariantMap &args)
{
    const views::PageInfo *info = m_registry->find(pageId);
    if (!info)
        return;
    views::Page *page = m_pages.value(pageId);
    if (!page) {
        page = info->create(m_context);
        page->setObjectName(QStringLiteral("page_") + pageId);
        m_pages.insert(pageId, page);
        m_stack->addWidget(page);
    }
    m_currentId = pageId;
    m_stack->setCurrentWidget(page);
    page->activate(args);
    m_navigating = true;
    if (QTreeWidgetItem *item = m_navItems.value(pageId))
        m_nav->setCurrentItem(item);
    else
        m_nav->clearSelection();
    m_navigating = false;
    const QString t = page->title();
    setWindowTitle(QStringLiteral("%1 — ACP Console — %2").arg(t.isEmpty() ? info->title : t, m_fleet->title()));
    updateHistoryActions();
    Q_EMIT pageChanged(pageId);
}

void MainWindow::goBack()
{
    if (m_back.isEmpty())
        return;
    m_forward.append(currentEntry());
    const HistoryEntry e = m_back.takeLast();
    showPage(e.pageId, e.args);
}

void MainWindow::goForward()
{
    if (m_forward.isEmpty())
        return;
    m_back.append(currentEntry());
    const HistoryEntry e = m_forward.takeLast();
    showPage(e.pageId, e.args);
}

void MainWindow::updateHistoryActions()
{
    if (m_backAction)
        m_backAction->setEnabled(canGoBack());
    if (m_forwardAction)
        m_forwardAction->setEnabled(canGoForward());
}

QString MainWindow::connectionSummary() const
{
    const QStringList names = m_fleet->clusterNames();
    int ready = 0, failed = 0, connecting = 0;
    for (const QString &n : names) {
        switch (m_fleet->clusterState(n)) {
        case ClusterConnection::State::Ready: ++ready; break;
        case ClusterConnection::State::Failed: ++failed; break;
        case ClusterConnection::State::Connecting: ++connecting; break;
        case ClusterConnection::State::Idle: break;
        }
    }
    QString s = tr("%1 of %2 %3 connected").arg(ready).arg(names.size()).arg(names.size() == 1 ? tr("cluster") : tr("clusters"));
    if (connecting)
        s += tr(" · %1 connecting").arg(connecting);
    if (failed)
        s += tr(" · %1 failed").arg(failed);
    return s;
}

void MainWindow::updateStatus()
{
    m_connections->setText(connectionSummary());
    QStringList lines;
    for (const QString &n : m_fleet->clusterNames()) {
        const auto state = m_fleet->clusterState(n);
        QString s = QString::fromLatin1(QMetaEnum::fromType<ClusterConnection::State>().valueToKey(int(state)));
        if (const auto e = m_fleet->clusterError(n))
            s += QStringLiteral(": ") + e->message;
        lines << QStringLiteral("%1 — %2").arg(n, s);
    }
    m_connections->setToolTip(lines.join(QLatin1Char('\n')));
}

void MainWindow::restoreLayout()
{
    QSettings s;
    const QByteArray geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    else
        resize(1280, 800);
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    if (auto *split = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        split->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    if (auto *split = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        s.setValue(QStringLiteral("window/splitter"), split->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

} // namespace acp::app
