// The shell against the sandbox: the command palette (Ctrl+K; :kind routing, pages, objects by
// name from loaded informers, /filter), the shortcuts overlay (F1, ?), themes (switch and
// persistence), the login dialog (wrong password keeps the fields and shows the server's reason;
// a real login writes a session to the kubeconfig and the window switches to it), the session
// switcher (alice's clusters), last page and scope restored, and --startup-report.
#include "api/AcpSessions.h"
#include "api/Kubeconfig.h"
#include "api/Workspace.h"
#include "app/CommandPalette.h"
#include "app/ConsoleController.h"
#include "app/LoginDialog.h"
#include "app/MainWindow.h"
#include "app/ScopeBar.h"
#include "app/SessionSwitcher.h"
#include "app/ShortcutsOverlay.h"
#include "app/Theme.h"
#include "models/ResourceTableModel.h"
#include "tests/common/SandboxProcess.h"
#include "views/common/Page.h"
#include "views/common/ResourceTableView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QRadioButton>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace acp;

namespace {

// A live table with a filter and a page action (F5), like the real pages.
class TablePage : public views::Page {
    Q_OBJECT
public:
    TablePage(views::PageContext *ctx, const QString &resource) : views::Page(ctx)
    {
        table = new views::ResourceTableView(ctx, this);
        contentLayout()->addWidget(table);
        table->followScope(resource);
        auto *refresh = new QAction(QStringLiteral("Refresh"), this);
        refresh->setShortcut(QKeySequence(Qt::Key_F5));
        addAction(refresh);
        setWindowTitle(resource);
    }
    views::ResourceTableView *table;   // `/text` reaches its filter through Page::applyFilter's default
};

// The generic browser stand-in: records what openResource() sent.
class BrowserPage : public views::Page {
    Q_OBJECT
public:
    using views::Page::Page;
    void activate(const QVariantMap &args) override { lastRef = args.value(QStringLiteral("ref")).value<models::ResourceRef>(); }
    models::ResourceRef lastRef;
};

void registerTestPages(views::PageRegistry &r)
{
    r.add({QStringLiteral("pods"), QStringLiteral("Pods"), QStringLiteral("Workloads"), 10, true, QKeySequence(Qt::CTRL | Qt::Key_1),
           {QStringLiteral("workloads")}, {}, [](views::PageContext *c) { return new TablePage(c, QStringLiteral("pods")); }, {}, {}});
    r.add({QStringLiteral("browser"), QStringLiteral("Resource browser"), QStringLiteral("Resources"), 20, true,
           QKeySequence(Qt::CTRL | Qt::Key_2), {}, {QStringLiteral("*")}, [](views::PageContext *c) { return new BrowserPage(c); }, {}, {}});
}

bool waitConnected(app::MainWindow *w)
{
    auto *fleet = w->fleet();
    fleet->connectAll();
    return QTest::qWaitFor([fleet] {
        for (const QString &c : fleet->clusterNames())
            if (fleet->clusterState(c) != models::ClusterConnection::State::Ready)
                return false;
        return true;
    }, 20000);
}

} // namespace

class TestShell : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qRegisterMetaType<app::MainWindow *>();
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
        m_kubeconfig = m_sandbox.writableKubeconfig();
        QVERIFY(!m_kubeconfig.isEmpty());
        m_load.explicitPath = m_kubeconfig;
        m_load.kubeconfigEnv = QString();
        registerTestPages(m_registry);
    }

    void cleanup() { m_controller.reset(); }

    void paletteRoutesKindsPagesObjectsAndFilters()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        auto *palette = w->commandPalette();
        QVERIFY(!palette->isVisible());

        // Ctrl+K opens it with the focus in its line edit; :no is the nodes kind (listed as soon
        // as a cluster's discovery arrives, even when typed before).
        QTest::keyClick(w, Qt::Key_K, Qt::ControlModifier);
        QVERIFY(palette->isVisible());
        QTRY_VERIFY(palette->lineEdit()->hasFocus());
        QCOMPARE(palette->entries().size(), 2);   // every page in navigation
        QVERIFY(w->grab().save(QStringLiteral("/tmp/shot-shell-palette.png")));
        QTest::keyClicks(palette->lineEdit(), QStringLiteral(":no"));
        QTRY_VERIFY_WITH_TIMEOUT(!palette->entries().isEmpty() && palette->entries().first().type == app::CommandPalette::Entry::Kind, 20000);
        QCOMPARE(palette->entries().first().ref.resource, QStringLiteral("nodes"));
        QVERIFY(waitConnected(w));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QCOMPARE(w->currentPageId(), QStringLiteral("browser"));
        auto *browser = qobject_cast<BrowserPage *>(w->page(QStringLiteral("browser")));
        QCOMPARE(browser->lastRef.resource, QStringLiteral("nodes"));
        QCOMPARE(browser->lastRef.kind, QStringLiteral("Node"));
        QVERIFY(browser->lastRef.name.isEmpty());

        // :deploy (a short name of another group) and a screenshot of the palette.
        w->showCommandPalette(QStringLiteral(":deploy"));
        QCOMPARE(palette->entries().first().ref.groupResource(), QStringLiteral("deployments.apps"));
        palette->lineEdit()->setText(QStringLiteral(":s"));
        QVERIFY(palette->entries().size() > 3);
        QVERIFY(w->grab().save(QStringLiteral("/tmp/shot-shell-palette-kinds.png")));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Escape);
        QVERIFY(!palette->isVisible());

        // A page by title: prefix first, Enter opens it.
        QTest::keyClick(w, Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("pod"));
        QCOMPARE(palette->entries().first().type, app::CommandPalette::Entry::Page);
        QCOMPARE(palette->entries().first().pageId, QStringLiteral("pods"));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
        QCOMPARE(w->currentPageId(), QStringLiteral("pods"));

        // An object by name from the pods informer the page holds, across clusters.
        auto *pods = qobject_cast<TablePage *>(w->page(QStringLiteral("pods")));
        QTRY_VERIFY_WITH_TIMEOUT(!pods->table->isLoading() && pods->table->rowCount() > 0, 20000);
        const models::KubeObject target = pods->table->model()->objectAt(pods->table->model()->rowCount() - 1);
        const QString cluster = pods->table->model()->clusterAt(pods->table->model()->rowCount() - 1);
        QTest::keyClick(w, Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(palette->lineEdit(), target.name().toUpper());
        QTRY_VERIFY(palette->objectSearch()->isFinished());
        const auto entries = palette->entries();
        int row = -1;
        for (int i = 0; i < entries.size(); ++i)
            if (entries.at(i).type == app::CommandPalette::Entry::Object && entries.at(i).ref.cluster == cluster
                && entries.at(i).ref.namespaceName == target.namespaceName())
                row = i;
        QVERIFY2(row >= 0, qPrintable(target.name()));
        QCOMPARE(entries.at(row).text, target.name());
        QVERIFY(entries.at(row).detail.contains(QStringLiteral("Pod")));
        QVERIFY(w->grab().save(QStringLiteral("/tmp/shot-shell-palette-objects.png")));
        while (palette->resultList()->currentRow() != row)
            QTest::keyClick(palette->lineEdit(), Qt::Key_Down);
        QTest::keyClick(palette->lineEdit(), Qt::Key_Enter);
        QCOMPARE(w->currentPageId(), QStringLiteral("browser"));
        QCOMPARE(browser->lastRef.name, target.name());
        QCOMPARE(browser->lastRef.namespaceName, target.namespaceName());
        QCOMPARE(browser->lastRef.cluster, cluster);
        QCOMPARE(browser->lastRef.resource, QStringLiteral("pods"));
        QCOMPARE(browser->lastRef.kind, QStringLiteral("Pod"));

        // /text filters the current page; a page without a filter says so.
        QTest::keyClick(w, Qt::Key_2, Qt::ControlModifier);
        w->showCommandPalette(QStringLiteral("/x"));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("nothing to filter")));
        QTest::keyClick(w, Qt::Key_1, Qt::ControlModifier);
        w->showCommandPalette();
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("/kube-proxy"));
        QCOMPARE(palette->entries().first().type, app::CommandPalette::Entry::Filter);
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
        QCOMPARE(pods->table->filterEdit()->text(), QStringLiteral("kube-proxy"));
    }

    void shortcutsOverlayListsWindowAndPageActions()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        w->openPage(QStringLiteral("pods"));
        auto *overlay = w->shortcutsOverlay();
        QTest::keyClick(w, Qt::Key_F1);
        QVERIFY(overlay->isVisible());
        QHash<QString, QString> keys;   // text -> keys
        QHash<QString, QString> groups;
        for (const auto &r : overlay->rows()) {
            keys.insert(r.text, r.keys);
            groups.insert(r.text, r.group);
        }
        QVERIFY(keys.value(QStringLiteral("Back")).contains(QKeySequence(Qt::ALT | Qt::Key_Left).toString(QKeySequence::NativeText)));
        QVERIFY(keys.contains(QStringLiteral("Forward")));
        QCOMPARE(keys.value(QStringLiteral("Pods")), QKeySequence(Qt::CTRL | Qt::Key_1).toString(QKeySequence::NativeText));
        QCOMPARE(keys.value(QStringLiteral("Resource browser")), QKeySequence(Qt::CTRL | Qt::Key_2).toString(QKeySequence::NativeText));
        QCOMPARE(keys.value(QStringLiteral("Command palette")), QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText));
        QVERIFY(keys.contains(QStringLiteral("Log in to a platform")));
        QCOMPARE(keys.value(QStringLiteral("Refresh")), QStringLiteral("F5"));
        QCOMPARE(groups.value(QStringLiteral("Refresh")), QStringLiteral("pods"));   // the page's own group
        QCOMPARE(groups.value(QStringLiteral("Back")), QStringLiteral("Window"));
        QVERIFY(w->grab().save(QStringLiteral("/tmp/shot-shell-help.png")));
        QTest::keyClick(overlay, Qt::Key_Escape);
        QVERIFY(!overlay->isVisible());

        // `?` opens it when no text field has focus, and is typed into text fields.
        auto *nav = w->findChild<QTreeWidget *>(QStringLiteral("navigation"));
        nav->setFocus();
        QTest::keyClick(nav, Qt::Key_Question);
        QVERIFY(overlay->isVisible());
        QTest::keyClick(overlay, Qt::Key_Escape);
        QVERIFY(!overlay->isVisible());
        w->showCommandPalette();
        QTest::keyClick(w->commandPalette()->lineEdit(), Qt::Key_Question);
        QVERIFY(!overlay->isVisible());
        QCOMPARE(w->commandPalette()->lineEdit()->text(), QStringLiteral("?"));
    }

    void themeSwitchChangesPaletteAndPersists()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        app::Theme *theme = app::Theme::instance();
        QVERIFY(w->findChild<QAction *>(QStringLiteral("actionTheme_dark")));
        // Through the palette's commands (the menu bar's actions): "dark" -> View › Theme › Dark.
        w->showCommandPalette();
        QTest::keyClicks(w->commandPalette()->lineEdit(), QStringLiteral("dark"));
        QCOMPARE(w->commandPalette()->entries().first().type, app::CommandPalette::Entry::Command);
        QCOMPARE(w->commandPalette()->entries().first().text, QStringLiteral("View › Theme › Dark"));
        QTest::keyClick(w->commandPalette()->lineEdit(), Qt::Key_Return);
        QCOMPARE(theme->mode(), app::Theme::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
        QTRY_VERIFY(w->palette().color(QPalette::Base).lightness() < 100);
        QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
        QVERIFY(w->grab().save(QStringLiteral("/tmp/shot-shell-dark.png")));
        w->findChild<QAction *>(QStringLiteral("actionTheme_light"))->trigger();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
        QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("light"));
        // Restored at start.
        QSettings().setValue(QStringLiteral("view/theme"), QStringLiteral("dark"));
        theme->restore();
        QCOMPARE(theme->mode(), app::Theme::Dark);
        QVERIFY(w->findChild<QAction *>(QStringLiteral("actionTheme_dark"))->isChecked());
        w->findChild<QAction *>(QStringLiteral("actionTheme_system"))->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::Window).lightness() < 128, theme->systemIsDark());
    }

    void loginWritesSessionAndSwitches()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        const QString platform = w->fleet()->workspace().session->platform;
        app::LoginDialog *dialog = m_controller->showLogin();
        QCOMPARE(dialog->platformEdit()->text(), platform);
        dialog->setSessionName(QStringLiteral("relogin"));
        dialog->usernameEdit()->setText(QStringLiteral("admin"));
        dialog->passwordEdit()->setText(QStringLiteral("wrong-password"));
        dialog->insecureBox()->setChecked(true);
        QVERIFY(dialog->insecureWarning()->isVisible());
        dialog->submit();
        QVERIFY(dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("Invalid username or password")), qPrintable(dialog->errorLabel()->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->usernameEdit()->text(), QStringLiteral("admin"));
        QCOMPARE(dialog->passwordEdit()->text(), QStringLiteral("wrong-password"));
        QCOMPARE(dialog->sessionEdit()->text(), QStringLiteral("relogin"));
        QVERIFY(dialog->grab().save(QStringLiteral("/tmp/shot-shell-login-error.png")));

        // The right password, verifying TLS with the platform's CA file.
        auto config = api::Kubeconfig::load(m_load);
        QVERIFY(config);
        const QString caFile = m_sandbox.tempPath(QStringLiteral("platform-ca.pem"));
        {
            QFile f(caFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(config->clusters().value(QStringLiteral("acp:sandbox:global")).value.certificateAuthorityData);
        }
        dialog->insecureBox()->setChecked(false);
        dialog->caFileEdit()->setText(caFile);
        dialog->passwordEdit()->setText(QStringLiteral("admin-password"));
        QPointer<app::MainWindow> old = w;
        QSignalSpy switched(m_controller.get(), &app::ConsoleController::windowChanged);
        dialog->submit();
        QTRY_VERIFY_WITH_TIMEOUT(switched.count() == 1, 20000);
        app::MainWindow *now = m_controller->window();
        QVERIFY(now != old);
        QTRY_VERIFY(!old);
        QCOMPARE(now->fleet()->title(), QStringLiteral("relogin"));
        QCOMPARE(now->fleet()->clusterNames(), (QStringList{"business-1", "business-2", "business-3", "global"}));
        QVERIFY(now->scopeBar()->findChild<QLabel *>(QStringLiteral("sessionLabel"))->text().contains(QStringLiteral("relogin")));

        // Written to the console's kubeconfig (mode 0600), every other session kept.
        auto after = api::Kubeconfig::load(m_load);
        QVERIFY(after);
        const auto session = api::AcpSessions::session(*after, QStringLiteral("relogin"));
        QVERIFY(session);
        QCOMPARE(session->username, QStringLiteral("admin"));
        QCOMPARE(session->platform, platform);
        QVERIFY(api::AcpSessions::session(*after, QStringLiteral("sandbox-alice")));
        QCOMPARE(QFile::permissions(m_kubeconfig) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(waitConnected(now));
    }

    void tokenLoginWritesSession()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        auto config = api::Kubeconfig::load(m_load);
        QVERIFY(config);
        const QString bobToken = config->users().value(QStringLiteral("acp:sandbox-bob:user")).value.token;
        QVERIFY(!bobToken.isEmpty());
        app::LoginDialog *dialog = m_controller->showLogin();
        dialog->setSessionName(QStringLiteral("bob-token"));
        dialog->tokenMode()->setChecked(true);
        QVERIFY(dialog->tokenEdit()->isVisible());
        QVERIFY(!dialog->usernameEdit()->isVisible());
        dialog->insecureBox()->setChecked(true);
        // A bad token first: the server's reason, the token kept.
        dialog->tokenEdit()->setText(QStringLiteral("not-a-token"));
        dialog->submit();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("Unauthorized")), qPrintable(dialog->errorLabel()->text()));
        QCOMPARE(dialog->tokenEdit()->text(), QStringLiteral("not-a-token"));
        dialog->tokenEdit()->setText(bobToken);
        QSignalSpy switched(m_controller.get(), &app::ConsoleController::windowChanged);
        dialog->submit();
        QTRY_VERIFY_WITH_TIMEOUT(switched.count() == 1, 20000);
        QCOMPARE(m_controller->window()->fleet()->title(), QStringLiteral("bob-token"));
        QCOMPARE(m_controller->window()->fleet()->workspace().session->username, QStringLiteral("bob"));
        QVERIFY(m_controller->window()->fleet()->workspace().cluster(QStringLiteral("global"))->config.insecureSkipTlsVerify);
    }

    void sessionSwitcherShowsAlicesClusters()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        app::SessionSwitcher *sw = m_controller->showSessionSwitcher();
        QStringList sessions;
        for (const auto &c : sw->choices())
            if (!c.session.isEmpty())
                sessions << c.session;
        QVERIFY(sessions.contains(QStringLiteral("sandbox")));
        QVERIFY(sessions.contains(QStringLiteral("sandbox-alice")));
        QVERIFY(sessions.contains(QStringLiteral("sandbox-bob")));
        QVERIFY(sw->grab().save(QStringLiteral("/tmp/shot-shell-sessions.png")));
        QSignalSpy switched(m_controller.get(), &app::ConsoleController::windowChanged);
        QVERIFY(sw->choose(QStringLiteral("sandbox-alice")));
        QCOMPARE(switched.count(), 1);
        app::MainWindow *now = m_controller->window();
        QCOMPARE(now->fleet()->title(), QStringLiteral("sandbox-alice"));
        auto config = api::Kubeconfig::load(m_load);
        const auto alice = api::AcpSessions::session(*config, QStringLiteral("sandbox-alice"));
        QVERIFY(alice);
        QCOMPARE(now->fleet()->clusterNames(), alice->clusters);
        // The clusters are those the platform lists for alice (/auth/v1/clusters as alice).
        QCOMPARE(now->fleet()->workspace().session->username, QStringLiteral("alice"));
        QCOMPARE(alice->username, QStringLiteral("alice"));
        QVERIFY(waitConnected(now));
        // Contexts of no session are listed under "Kubeconfig contexts".
        api::Kubeconfig edited = *config;
        api::KubeCluster plainCluster;
        plainCluster.server = QStringLiteral("https://kind.example:6443");
        edited.setCluster(QStringLiteral("kind-dev"), plainCluster);
        edited.setUser(QStringLiteral("kind-dev"), api::KubeAuthInfo());
        edited.setContext(QStringLiteral("kind-dev"), api::KubeContext{QStringLiteral("kind-dev"), QStringLiteral("kind-dev"), QString(), {}});
        const auto choices = app::SessionSwitcher::choicesOf(edited);
        QCOMPARE(choices.at(choices.size() - 2).label, QStringLiteral("Kubeconfig contexts"));
        QVERIFY(choices.at(choices.size() - 2).context.isEmpty());
        QCOMPARE(choices.last().context, QStringLiteral("kind-dev"));
        QVERIFY(choices.last().session.isEmpty());
        // The scope bar's session button opens the switcher.
        auto *button = now->scopeBar()->findChild<QToolButton *>(QStringLiteral("sessionButton"));
        QVERIFY(button);
        button->click();
        auto *again = now->findChild<app::SessionSwitcher *>();
        QVERIFY(again);
        QTRY_VERIFY(again->isVisible());
        again->reject();
    }

    void lastPageAndScopeRestored()
    {
        app::MainWindow *w = open(QStringLiteral("sandbox/global"));
        QVERIFY(w);
        w->openPage(QStringLiteral("browser"));
        w->scopeBar()->clusterCombo()->setCurrentIndex(w->scopeBar()->clusterCombo()->findData(QStringLiteral("business-2")));
        QCOMPARE(w->pageContext()->scope().cluster, QStringLiteral("business-2"));
        w->resize(1000, 640);
        QTRY_COMPARE(w->size(), QSize(1000, 640));
        w->close();
        m_controller.reset();
        w = open(QStringLiteral("sandbox/global"), false);
        QCOMPARE(w->size(), QSize(1000, 640));
        QCOMPARE(w->currentPageId(), QStringLiteral("browser"));
        QCOMPARE(w->pageContext()->scope().cluster, QStringLiteral("business-2"));
        QCOMPARE(w->scopeBar()->clusterCombo()->currentData().toString(), QStringLiteral("business-2"));
    }

    void startupReportPrintsOneJsonLine()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), m_sandbox.tempPath(QStringLiteral("home")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ACP_BIN_DIR "/acp-console"), {QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--context"),
                                                          QStringLiteral("sandbox/global"), QStringLiteral("--startup-report")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput().trimmed();
        QVERIFY2(out.startsWith(R"({"name":"startup.window_ms","value":)") && out.endsWith(R"(,"unit":"ms"})"), out.constData());
    }

private:
    app::MainWindow *open(const QString &context, bool resize = true)
    {
        m_controller = std::make_unique<app::ConsoleController>(&m_registry, m_load);
        auto config = api::Kubeconfig::load(m_load);
        if (!config)
            return nullptr;
        api::KubeconfigOverrides o;
        o.context = context;
        auto ws = api::Workspace::fromKubeconfig(*config, o);
        if (!ws)
            return nullptr;
        app::MainWindow *w = m_controller->open(*ws);
        if (resize)
            w->resize(1200, 720);
        QApplication::setActiveWindow(w);
        return QTest::qWaitForWindowExposed(w) ? w : nullptr;
    }

    test::SandboxProcess m_sandbox;
    QString m_kubeconfig;
    api::KubeconfigLoadOptions m_load;
    views::PageRegistry m_registry;
    std::unique_ptr<app::ConsoleController> m_controller;
};

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
