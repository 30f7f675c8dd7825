#include "app/MainWindow.h"

#include "app/CommandPalette.h"
#include "app/ScopeBar.h"
#include "app/ShortcutsOverlay.h"
#include "app/Theme.h"
#include "views/common/Page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QActionGroup>
#include <QLabel>
#include <QMenuBar>
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
    // The summary and its tooltip read every cluster: once per event-loop turn, not once per
    // connection state change (200 clusters connecting: 400 changes x 200 clusters).
    m_statusTimer.setSingleShot(true);
    m_statusTimer.setInterval(0);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    auto scheduleStatus = [this] {
        if (!m_statusTimer.isActive())
            m_statusTimer.start();
    };
    connect(m_fleet, &models::Fleet::connectionStateChanged, this, scheduleStatus);
    connect(m_fleet, &models::Fleet::clustersChanged, this, scheduleStatus);

    m_palette = new CommandPalette(m_registry, m_context, this);
    connect(m_palette, &CommandPalette::filterRejected, this, [this] {
        statusBar()->showMessage(tr("This page has nothing to filter"), 5000);
    });
    m_overlay = new ShortcutsOverlay(this);

    buildNavigation();
    buildActions();
    buildMenus();
    updateStatus();
    restoreLayout();
    setWindowTitle(QStringLiteral("ACP Console — %1").arg(m_fleet->title()));
    restoreSessionState();
}

MainWindow::~MainWindow()
{
    // The palette searches the fleet's stores and follows focus changes: gone first.
    delete m_palette;
    m_palette = nullptr;
    delete m_overlay;
    m_overlay = nullptr;
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
        m_pageActions << a;
    }
    auto *palette = new QAction(tr("Command palette…"), this);
    palette->setObjectName(QStringLiteral("actionCommandPalette"));
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(palette, &QAction::triggered, this, [this] { showCommandPalette(); });
    addAction(palette);
    auto *help = new QAction(tr("Keyboard shortcuts"), this);
    help->setObjectName(QStringLiteral("actionShortcuts"));
    help->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)});
    // `?` never reaches here while a text field has focus: text fields take printable keys first.
    connect(help, &QAction::triggered, this, [this] {
        if (m_overlay->isVisible())
            m_overlay->hide();
        else
            showShortcuts();
    });
    addAction(help);
    updateHistoryActions();
}

void MainWindow::buildMenus()
{
    m_sessionMenu = menuBar()->addMenu(tr("&Session"));
    m_sessionMenu->setObjectName(QStringLiteral("menuSession"));
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addAction(m_backAction);
    go->addAction(m_forwardAction);
    go->addSeparator();
    go->addAction(findChild<QAction *>(QStringLiteral("actionCommandPalette"), Qt::FindDirectChildrenOnly));
    if (!m_pageActions.isEmpty())
        go->addSeparator();
    go->addActions(m_pageActions);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(QStringLiteral("menuTheme"));
    auto *group = new QActionGroup(theme);
    const struct { Theme::Mode mode; QString text; } modes[] = {
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto &m : modes) {
        QAction *a = theme->addAction(m.text);
        a->setObjectName(QStringLiteral("actionTheme_") + Theme::modeName(m.mode));
        a->setCheckable(true);
        a->setChecked(Theme::instance()->mode() == m.mode);
        group->addAction(a);
        const Theme::Mode mode = m.mode;
        connect(a, &QAction::triggered, this, [mode] { Theme::instance()->setMode(mode); });
    }
    connect(Theme::instance(), &Theme::changed, group, [group](Theme::Mode mode) {
        for (QAction *a : group->actions())
            a->setChecked(a->objectName().endsWith(Theme::modeName(mode)));
    });

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(findChild<QAction *>(QStringLiteral("actionShortcuts"), Qt::FindDirectChildrenOnly));
}

void MainWindow::showCommandPalette(const QString &text)
{
    m_overlay->hide();
    m_palette->setCurrentPage(currentPage());
    m_palette->popup(text);
}

void MainWindow::showShortcuts()
{
    m_palette->dismiss();
    views::Page *page = currentPage();
    m_overlay->showFor(this, page, page ? page->title() : QString());
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_overlay && m_overlay->isVisible())
        m_overlay->setGeometry(rect());
}

QString MainWindow::settingsGroup() const
{
    // One group per workspace (session name or "kubeconfig"); '/' would nest groups.
    QString t = m_fleet->title();
    t.replace(QLatin1Char('/'), QLatin1Char('_'));
    return QStringLiteral("workspace/") + t;
}

// The last page and scope of this workspace, else the first available page on the default scope.
void MainWindow::restoreSessionState()
{
    QSettings s;
    s.beginGroup(settingsGroup());
    if (s.contains(QStringLiteral("cluster"))) {
        views::Scope scope;
        scope.cluster = s.value(QStringLiteral("cluster")).toString();
        scope.namespaceName = s.value(QStringLiteral("namespace")).toString();
        if (scope.allClusters() || m_fleet->hasCluster(scope.cluster))
            m_context->setScope(scope);
    }
    const QString last = s.value(QStringLiteral("page")).toString();
    const views::PageInfo *info = last.isEmpty() ? nullptr : m_registry->find(last);
    if (info && info->inNavigation && (!info->available || info->available(m_fleet))) {
        showPage(last, {});
        return;
    }
    for (const views::PageInfo &p : m_registry->pages())
        if (p.inNavigation && (!p.available || p.available(m_fleet))) {
            showPage(p.id, {});
            break;
        }
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
    QTreeWidgetItem *item = m_navItems.value(pageId);
    if (item && (!info->highlightsNavigation || info->highlightsNavigation(args)))
        m_nav->setCurrentItem(item);
    else {
        m_nav->setCurrentItem(nullptr);
        m_nav->clearSelection();
    }
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

void MainWindow::saveSettings()
{
    QSettings s;
    s.beginGroup(settingsGroup());
    const views::PageInfo *info = m_registry->find(m_currentId);
    if (info && info->inNavigation)
        s.setValue(QStringLiteral("page"), m_currentId);
    s.setValue(QStringLiteral("cluster"), m_context->scope().cluster);
    s.setValue(QStringLiteral("namespace"), m_context->scope().namespaceName);
    s.endGroup();
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    if (auto *split = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        s.setValue(QStringLiteral("window/splitter"), split->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

} // namespace acp::app
