#include "app/ConsoleController.h"

#include "app/LoginDialog.h"
#include "app/MainWindow.h"
#include "app/ScopeBar.h"
#include "app/SessionSwitcher.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>

namespace acp::app {

ConsoleController::ConsoleController(const views::PageRegistry *registry, const api::KubeconfigLoadOptions &kubeconfig, QObject *parent)
    : QObject(parent), m_registry(registry), m_kubeconfig(kubeconfig)
{
}

ConsoleController::~ConsoleController()
{
    delete m_window;
}

MainWindow *ConsoleController::open(const api::Workspace &workspace)
{
    return replaceWindow(workspace);
}

api::Result<MainWindow *> ConsoleController::switchToContext(const QString &context)
{
    auto config = api::Kubeconfig::load(m_kubeconfig);
    if (!config)
        return config.error();
    api::KubeconfigOverrides overrides;
    overrides.context = context;
    auto workspace = api::Workspace::fromKubeconfig(*config, overrides, api::KubeconfigResolver::kubeconfigPersister(m_kubeconfig));
    if (!workspace)
        return workspace.error();
    return replaceWindow(*workspace);
}

MainWindow *ConsoleController::replaceWindow(const api::Workspace &workspace)
{
    QPointer<MainWindow> old = m_window;
    if (old)
        old->saveSettings();
    auto *w = new MainWindow(m_registry, new models::Fleet(workspace));
    w->setAttribute(Qt::WA_DeleteOnClose, false);
    if (old) {
        w->setGeometry(old->geometry());
        if (old->isMaximized())
            w->setWindowState(w->windowState() | Qt::WindowMaximized);
    }
    decorate(w);
    m_window = w;
    w->show();
    if (old) {
        old->hide();
        old->deleteLater();   // switching may run inside one of its menus' signals
    }
    Q_EMIT windowChanged(w);
    return w;
}

void ConsoleController::decorate(MainWindow *w)
{
    QMenu *menu = w->sessionMenu();
    auto *login = menu->addAction(tr("&Log in to a platform…"), this, [this] { showLogin(); });
    login->setObjectName(QStringLiteral("actionLogin"));
    login->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    auto *sw = menu->addAction(tr("&Switch session…"), this, [this] { showSessionSwitcher(); });
    sw->setObjectName(QStringLiteral("actionSwitchSession"));
    sw->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    w->addAction(login);
    w->addAction(sw);
    w->scopeBar()->addSessionAction(sw);
}

LoginDialog *ConsoleController::showLogin()
{
    auto *dialog = new LoginDialog(m_kubeconfig, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_window && m_window->fleet()->isAcp()) {
        // Start from the platform of the session shown now (a new session name still needed).
        dialog->setPlatform(m_window->fleet()->workspace().session->platform);
    }
    connect(dialog, &LoginDialog::loggedIn, this, [this](const QString &, const QString &context) {
        auto r = switchToContext(context);
        if (!r)
            Q_EMIT switchFailed(r.error().toString());
    });
    dialog->open();
    return dialog;
}

SessionSwitcher *ConsoleController::showSessionSwitcher()
{
    auto *dialog = new SessionSwitcher(m_kubeconfig, m_window ? m_window->fleet()->title() : QString(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SessionSwitcher::chosen, this, [this](const QString &context) {
        auto r = switchToContext(context);
        if (!r) {
            if (m_window)
                m_window->statusBar()->showMessage(r.error().toString(), 10000);
            Q_EMIT switchFailed(r.error().toString());
        }
    });
    dialog->open();
    return dialog;
}

} // namespace acp::app
