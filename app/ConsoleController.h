#pragma once
// ConsoleController: owns the console's main window and replaces it when the workspace changes
// (a session switch or a new login): the new MainWindow gets a new Fleet for the new workspace,
// takes the old window's geometry, and the old window (its pages, informers and connections)
// is destroyed. It also adds the Session menu (log in, switch session) to each window and the
// session button to its scope bar. The kubeconfig is the one the console started from
// (Startup::loadOptions()). Thread: GUI thread.
#include "api/Kubeconfig.h"
#include "api/Workspace.h"
#include "views/common/PageRegistry.h"

#include <QObject>
#include <QPointer>

namespace acp::app {

class LoginDialog;
class MainWindow;
class SessionSwitcher;

class ConsoleController : public QObject {
    Q_OBJECT
public:
    ConsoleController(const views::PageRegistry *registry, const api::KubeconfigLoadOptions &kubeconfig, QObject *parent = nullptr);
    ~ConsoleController() override;

    // Opens the first window on `workspace` (shown).
    MainWindow *open(const api::Workspace &workspace);
    // Re-reads the kubeconfig and replaces the window with the workspace of `context`.
    api::Result<MainWindow *> switchToContext(const QString &context);

    MainWindow *window() const { return m_window; }
    const api::KubeconfigLoadOptions &kubeconfig() const { return m_kubeconfig; }

    // The dialogs (non-modal; the controller switches when they finish). Returned for tests.
    LoginDialog *showLogin();
    SessionSwitcher *showSessionSwitcher();

Q_SIGNALS:
    void windowChanged(acp::app::MainWindow *window);
    void switchFailed(const QString &message);

private:
    MainWindow *replaceWindow(const api::Workspace &workspace);
    void decorate(MainWindow *window);

    const views::PageRegistry *m_registry;
    api::KubeconfigLoadOptions m_kubeconfig;
    QPointer<MainWindow> m_window;
};

} // namespace acp::app
