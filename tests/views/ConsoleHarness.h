#pragma once
// ConsoleHarness: the whole console against a fresh acp-sandbox, for UI tests (offscreen): the
// sandbox process, the workspace of one kubeconfig context ("sandbox/global" = admin's session,
// "sandbox-alice/business-1", "sandbox-bob/business-1"), the page registry with every area and a
// MainWindow. Settings go to a temporary directory. Header-only test support.
#include "api/Kubeconfig.h"
#include "api/Workspace.h"
#include "app/AppPages.h"
#include "app/MainWindow.h"
#include "tests/common/SandboxProcess.h"
#include "views/common/Page.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>
#include <memory>

namespace acp::test {

class ConsoleHarness {
public:
    ConsoleHarness() { QStandardPaths::setTestModeEnabled(true); }
    ~ConsoleHarness() { close(); }

    // Starts the sandbox (extra acp-sandbox arguments allowed). Call once per test case or fixture.
    bool startSandbox(const QStringList &extraArgs = {}, QString *error = nullptr)
    {
        return m_sandbox.start(extraArgs, error);
    }
    SandboxProcess &sandbox() { return m_sandbox; }

    // Opens a console window on `context` of the sandbox's kubeconfig; null on failure (with why).
    app::MainWindow *open(const QString &context = QStringLiteral("sandbox/global"), QString *error = nullptr)
    {
        close();
        auto ws = api::Workspace::fromKubeconfigFile(m_sandbox.kubeconfig(), context);
        if (!ws) {
            if (error)
                *error = ws.error().toString();
            return nullptr;
        }
        m_registry = std::make_unique<views::PageRegistry>();
        app::registerAllPages(*m_registry);
        m_window = std::make_unique<app::MainWindow>(m_registry.get(), new models::Fleet(*ws));
        m_window->resize(1280, 800);
        m_window->show();
        return m_window.get();
    }

    void close()
    {
        m_window.reset();
        m_registry.reset();
    }

    app::MainWindow *window() const { return m_window.get(); }
    views::PageContext *context() const { return m_window->pageContext(); }

    // Opens page `id` and returns it as T (null if the page is not of that type).
    template <typename T>
    T *openPage(const QString &id, const QVariantMap &args = {})
    {
        m_window->openPage(id, args);
        return qobject_cast<T *>(m_window->page(id));
    }

    // Waits until every cluster of the fleet is connected (discovery done).
    bool waitConnected(int timeoutMs = 20000)
    {
        auto *fleet = m_window->fleet();
        fleet->connectAll();
        return QTest::qWaitFor([fleet] {
            for (const QString &c : fleet->clusterNames())
                if (fleet->clusterState(c) != models::ClusterConnection::State::Ready)
                    return false;
            return true;
        }, timeoutMs);
    }

    // Saves a screenshot of the window (for looking at it while developing).
    bool grab(const QString &path) const { return m_window->grab().save(path); }

private:
    SandboxProcess m_sandbox;
    std::unique_ptr<views::PageRegistry> m_registry;
    std::unique_ptr<app::MainWindow> m_window;
};

// The texts of column `c` of a tree's top-level items (results lists, details panes).
inline QStringList column(QTreeWidget *tree, int c)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out << tree->topLevelItem(i)->text(c);
    return out;
}

} // namespace acp::test
