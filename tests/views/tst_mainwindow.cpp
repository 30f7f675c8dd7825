// The shell against the sandbox: navigation from the registry, back/forward history with page
// arguments, openResource() routing, the scope bar driving PageContext, the status bar's
// connection summary, and ResourceTableView (the live table every page uses) following the scope.
#include "ConsoleHarness.h"

#include "app/ScopeBar.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace acp;

namespace {

class TablePage : public views::Page {
    Q_OBJECT
public:
    TablePage(views::PageContext *ctx, const QString &resource) : views::Page(ctx)
    {
        table = new views::ResourceTableView(ctx, this);
        contentLayout()->addWidget(table);
        table->followScope(resource);
    }
    void activate(const QVariantMap &args) override
    {
        lastArgs = args;
        ++activations;
    }
    QVariantMap currentArgs() const override { return lastArgs; }
    views::ResourceTableView *table;
    QVariantMap lastArgs;
    int activations = 0;
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    }

    void navigationHistoryAndScope()
    {
        auto ws = api::Workspace::fromKubeconfigFile(m_sandbox.kubeconfig(), QStringLiteral("sandbox/global"));
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
        QVERIFY(ws->isAcp());
        QCOMPARE(ws->clusterNames(), (QStringList{"business-1", "business-2", "business-3", "global"}));
        QVERIFY(ws->platform.has_value());

        views::PageRegistry registry;
        registry.add({QStringLiteral("pods"), QStringLiteral("Pods"), QStringLiteral("Workloads"), 10, true, QKeySequence(Qt::CTRL | Qt::Key_1),
                      {}, {QStringLiteral("pods")}, [](views::PageContext *c) { return new TablePage(c, QStringLiteral("pods")); }, {}, {}});
        registry.add({QStringLiteral("nodes"), QStringLiteral("Nodes"), QStringLiteral("Cluster"), 5, true, QKeySequence(Qt::CTRL | Qt::Key_2),
                      {}, {QStringLiteral("nodes")}, [](views::PageContext *c) { return new TablePage(c, QStringLiteral("no")); }, {}, {}});
        registry.add({QStringLiteral("hidden"), QStringLiteral("Hidden"), QStringLiteral("Cluster"), 1, true, {}, {}, {},
                      [](views::PageContext *c) { return new TablePage(c, QStringLiteral("no")); },
                      [](const models::Fleet *) { return false; }, {}});

        app::MainWindow w(&registry, new models::Fleet(*ws));
        w.resize(1200, 700);
        w.show();
        // Navigation: sections and pages in order; unavailable pages are left out; first page shown.
        auto *nav = w.findChild<QTreeWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QCOMPARE(nav->topLevelItemCount(), 2);
        QCOMPARE(nav->topLevelItem(0)->text(0), QStringLiteral("Cluster"));
        QCOMPARE(nav->topLevelItem(0)->childCount(), 1);
        QCOMPARE(w.currentPageId(), QStringLiteral("nodes"));

        // A session starts on all clusters; nodes of all four clusters arrive live.
        QCOMPARE(w.pageContext()->scope().cluster, QString());
        auto *nodes = qobject_cast<TablePage *>(w.page(QStringLiteral("nodes")));
        QVERIFY(nodes);
        QTRY_VERIFY_WITH_TIMEOUT(!nodes->table->isLoading() && nodes->table->rowCount() > 0, 20000);
        QCOMPARE(nodes->table->model()->clusters().size(), 4);
        QVERIFY(nodes->table->model()->isClusterColumnVisible());
        QVERIFY(nodes->table->stateLabel()->text().contains(QStringLiteral("item")));

        // openPage with args; back and forward replay them.
        w.openPage(QStringLiteral("pods"), {{QStringLiteral("x"), 1}});
        auto *pods = qobject_cast<TablePage *>(w.page(QStringLiteral("pods")));
        QVERIFY(pods);
        QCOMPARE(pods->lastArgs.value(QStringLiteral("x")).toInt(), 1);
        QCOMPARE(nav->currentItem()->text(0), QStringLiteral("Pods"));
        QVERIFY(w.canGoBack());
        w.goBack();
        QCOMPARE(w.currentPageId(), QStringLiteral("nodes"));
        QVERIFY(w.canGoForward());
        w.goForward();
        QCOMPARE(w.currentPageId(), QStringLiteral("pods"));
        QCOMPARE(pods->lastArgs.value(QStringLiteral("x")).toInt(), 1);
        QCOMPARE(pods->activations, 2);
        // Keyboard: Alt+Left goes back; Ctrl+1 opens the page with that shortcut.
        QTest::keyClick(&w, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(w.currentPageId(), QStringLiteral("nodes"));
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(w.currentPageId(), QStringLiteral("pods"));

        // openResource routes by resource claim.
        models::ResourceRef ref;
        ref.cluster = QStringLiteral("business-1");
        ref.resource = QStringLiteral("nodes");
        ref.name = QStringLiteral("x");
        w.openResource(ref);
        QCOMPARE(w.currentPageId(), QStringLiteral("nodes"));
        QCOMPARE(nodes->lastArgs.value(QStringLiteral("ref")).value<models::ResourceRef>(), ref);

        // The scope bar: one cluster, then one namespace; the pods table follows.
        w.openPage(QStringLiteral("pods"));
        QTRY_VERIFY_WITH_TIMEOUT(!pods->table->isLoading() && pods->table->rowCount() > 0, 20000);
        const int allPods = pods->table->rowCount();
        auto *clusterCombo = w.scopeBar()->clusterCombo();
        clusterCombo->setCurrentIndex(clusterCombo->findData(QStringLiteral("business-1")));
        QCOMPARE(w.pageContext()->scope().cluster, QStringLiteral("business-1"));
        QTRY_VERIFY_WITH_TIMEOUT(!pods->table->isLoading() && pods->table->rowCount() > 0, 20000);
        QVERIFY(pods->table->rowCount() < allPods);
        QCOMPARE(pods->table->model()->clusters(), QStringList{QStringLiteral("business-1")});
        QVERIFY(!pods->table->model()->isClusterColumnVisible());
        // The namespace list fills from the cluster's namespace informer.
        auto *nsCombo = w.scopeBar()->namespaceCombo();
        QTRY_VERIFY_WITH_TIMEOUT(nsCombo->findData(QStringLiteral("kube-system")) > 0, 10000);
        nsCombo->setCurrentIndex(nsCombo->findData(QStringLiteral("kube-system")));
        Q_EMIT nsCombo->activated(nsCombo->currentIndex());
        QCOMPARE(w.pageContext()->scope().namespaceName, QStringLiteral("kube-system"));
        QTRY_VERIFY_WITH_TIMEOUT(!pods->table->isLoading() && pods->table->rowCount() > 0, 20000);
        for (int r = 0; r < pods->table->model()->rowCount(); ++r)
            QCOMPARE(pods->table->model()->objectAt(r).namespaceName(), QStringLiteral("kube-system"));
        // Filter text narrows rows; the state line says "n of m".
        const QString first = pods->table->model()->objectAt(0).name();
        pods->table->filterEdit()->setText(first);
        QTRY_VERIFY(pods->table->rowCount() >= 1);
        QVERIFY(pods->table->rowCount() <= pods->table->model()->rowCount());
        QVERIFY(pods->table->selectObject(QStringLiteral("business-1"), QStringLiteral("kube-system/") + first));
        QCOMPARE(pods->table->currentObject().name(), first);

        // Status bar: every cluster connected.
        QTRY_COMPARE_WITH_TIMEOUT(w.connectionSummary(), QStringLiteral("4 of 4 clusters connected"), 20000);
    }

    void unresolvableContextIsReportedNotHidden()
    {
        // A plain kubeconfig with a context whose user is missing: a failed cluster, with why.
        api::Kubeconfig config;
        auto cfg = api::Kubeconfig::load({m_sandbox.kubeconfig(), QString(), QString()});
        QVERIFY(cfg);
        api::Workspace ws;
        ws.title = QStringLiteral("kubeconfig");
        api::WorkspaceCluster broken;
        broken.name = QStringLiteral("broken");
        broken.context = QStringLiteral("broken");
        broken.error = api::ApiError{0, QStringLiteral("Invalid"), QStringLiteral("user \"nobody\" not found")};
        ws.clusters << broken;
        models::Fleet fleet(ws);
        QCOMPARE(fleet.connection(QStringLiteral("broken")), nullptr);
        QCOMPARE(fleet.clusterState(QStringLiteral("broken")), models::ClusterConnection::State::Failed);
        QVERIFY(fleet.clusterError(QStringLiteral("broken"))->message.contains(QStringLiteral("nobody")));
    }

    void errorBannerText()
    {
        api::ApiError e{403, QStringLiteral("Forbidden"), QStringLiteral("deployments.apps \"web\" is forbidden: User \"bob\" cannot patch")};
        e.cluster = QStringLiteral("business-1");
        QCOMPARE(views::ErrorBanner::describe(e, QStringLiteral("Scale web")),
                 QStringLiteral("Scale web: Forbidden: deployments.apps \"web\" is forbidden: User \"bob\" cannot patch (cluster business-1)"));
    }

private:
    test::SandboxProcess m_sandbox;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
