#pragma once
// MainWindow: the console's shell for one session: navigation built from the PageRegistry,
// the scope bar (session, cluster or all, namespace or all), back/forward history, pages
// created on first visit, and a status bar with each cluster's connection state.
// Implements Navigator for the pages. Thread: GUI thread.
#include "views/common/PageContext.h"
#include "views/common/PageRegistry.h"

#include <QMainWindow>
#include <QHash>
#include <QPointer>
#include <QTimer>

class QLabel;
class QMenu;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace acp::app {

class CommandPalette;
class ScopeBar;
class ShortcutsOverlay;

class MainWindow : public QMainWindow, public views::Navigator {
    Q_OBJECT
public:
    // Takes ownership of `fleet`.
    MainWindow(const views::PageRegistry *registry, models::Fleet *fleet, QWidget *parent = nullptr);
    ~MainWindow() override;

    views::PageContext *pageContext() const { return m_context; }
    models::Fleet *fleet() const { return m_fleet; }
    const views::PageRegistry *registry() const { return m_registry; }
    ScopeBar *scopeBar() const { return m_scopeBar; }

    // Navigator
    void openPage(const QString &pageId, const QVariantMap &args = {}) override;
    void openResource(const models::ResourceRef &ref) override;

    QString currentPageId() const { return m_currentId; }
    views::Page *currentPage() const;
    views::Page *page(const QString &id) const { return m_pages.value(id); }   // null until visited
    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }
    void goBack();
    void goForward();

    // The connection summary shown in the status bar ("4 of 4 clusters connected").
    QString connectionSummary() const;

    // The command palette (Ctrl+K) and the shortcuts overlay (F1, `?`).
    CommandPalette *commandPalette() const { return m_palette; }
    ShortcutsOverlay *shortcutsOverlay() const { return m_overlay; }
    void showCommandPalette(const QString &text = QString());
    void showShortcuts();
    // The Session menu (ConsoleController adds log in and switch session).
    QMenu *sessionMenu() const { return m_sessionMenu; }
    // Saves geometry, splitter, and this session's last page and scope (also done on close).
    void saveSettings();

Q_SIGNALS:
    void pageChanged(const QString &pageId);

private:
    struct HistoryEntry {
        QString pageId;
        QVariantMap args;
    };
    void buildNavigation();
    void buildActions();
    void buildMenus();
    void restoreSessionState();
    QString settingsGroup() const;
    void showPage(const QString &pageId, const QVariantMap &args);
    HistoryEntry currentEntry() const;
    void updateStatus();
    void updateHistoryActions();
    void restoreLayout();
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

    const views::PageRegistry *m_registry;
    models::Fleet *m_fleet;
    views::PageContext *m_context;
    ScopeBar *m_scopeBar;
    QTreeWidget *m_nav;
    QStackedWidget *m_stack;
    QLabel *m_connections;
    QTimer m_statusTimer;   // coalesces updateStatus (see the constructor)
    QHash<QString, views::Page *> m_pages;
    QHash<QString, QTreeWidgetItem *> m_navItems;
    QString m_currentId;
    QList<HistoryEntry> m_back, m_forward;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    bool m_navigating = false;
    CommandPalette *m_palette = nullptr;
    ShortcutsOverlay *m_overlay = nullptr;
    QMenu *m_sessionMenu = nullptr;
    QList<QAction *> m_pageActions;
};

} // namespace acp::app
