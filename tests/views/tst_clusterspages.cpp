// The Clusters area against the sandbox: the fleet table (rows for global and business-1..3
// with ready nodes, pods, version, type from the ACP Cluster objects), opening a cluster with
// Enter, the overview's endpoint and capacity, cordon / uncordon / drain of a node through the
// UI checked against the server, openResource of a node, the events type filter, and bob (the
// read-only auditor) seeing cordon and drain disabled with the reason.
#include "ConsoleHarness.h"

#include "models/FleetHealthModel.h"
#include "models/ResourceTableModel.h"
#include "views/clusters/ClusterEventsTab.h"
#include "views/clusters/ClusterNodesTab.h"
#include "views/clusters/ClusterOverviewTab.h"
#include "views/clusters/ClusterPage.h"
#include "views/clusters/FleetPage.h"
#include "views/clusters/NodeDrainDialog.h"
#include "views/clusters/RegisterClusterDialog.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTimer>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QTextBrowser>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeWidget>
#include <QTabWidget>
#include <QTableView>

#include "tests/api/KubeClientTestUtil.h"

using namespace acp;

namespace {

using test::await;   // tests/api/KubeClientTestUtil.h

api::ResourcePath corePath(const QString &resource, const QString &name = QString())
{
    api::ResourcePath p;
    p.version = QStringLiteral("v1");
    p.resource = resource;
    p.name = name;
    return p;
}

} // namespace

class TestClustersPages : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_h.startSandbox({}, &error), qPrintable(error));
    }

    void fleetTable()
    {
        QString error;
        QVERIFY2(m_h.open(QStringLiteral("sandbox/global"), &error), qPrintable(error));
        auto *page = m_h.openPage<views::FleetPage>(QStringLiteral("clusters"));
        QVERIFY(page);
        QAbstractItemModelTester tester(page->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *model = page->model();
        const QStringList clusters{QStringLiteral("business-1"), QStringLiteral("business-2"), QStringLiteral("business-3"), QStringLiteral("global")};
        QCOMPARE(model->clusters(), clusters);
        for (const QString &c : clusters) {
            QTRY_VERIFY_WITH_TIMEOUT(model->summary(c).nodesKnown && model->summary(c).pods > 0 && !model->hasPendingWork(), 30000);
            const auto s = model->summary(c);
            QVERIFY2(s.nodesReady > 0, qPrintable(c));
            QVERIFY(s.nodesReady <= s.nodesTotal);
            QVERIFY(s.cpuAllocatableMilli > 0);
            QVERIFY(s.cpuRequestedMilli > 0);
            QVERIFY(s.memoryAllocatableBytes > 0);
            QVERIFY(s.version.startsWith(QLatin1Char('v')));
            QCOMPARE(s.type, QStringLiteral("Kubernetes"));
            QVERIFY(!s.clusterObject.isNull());
            const int row = model->rowOf(c);
            QCOMPARE(model->index(row, models::FleetHealthModel::Nodes).data().toString(), QStringLiteral("%1/%2").arg(s.nodesReady).arg(s.nodesTotal));
            QCOMPARE(model->index(row, models::FleetHealthModel::Pods).data().toString(), QString::number(s.pods));
        }
        // The pod count matches the server's non-terminated pods.
        auto *client = &m_h.window()->fleet()->connection(QStringLiteral("business-2"))->client();
        api::ListOptions o;
        o.fieldSelector = QStringLiteral("status.phase!=Succeeded,status.phase!=Failed");
        auto pods = await([&](QObject *ctx, auto cb) { client->list(corePath(QStringLiteral("pods")), o, ctx, cb); });
        QVERIFY(pods);
        QTRY_COMPARE_WITH_TIMEOUT(model->summary(QStringLiteral("business-2")).pods,
                                  int(QJsonDocument::fromJson(pods->body).object().value(QLatin1String("items")).toArray().size()), 10000);

        // Filter and sort.
        page->filterEdit()->setText(QStringLiteral("business"));
        QCOMPARE(page->proxy()->rowCount(), 3);
        page->filterEdit()->clear();
        page->tableView()->sortByColumn(models::FleetHealthModel::Name, Qt::DescendingOrder);
        QCOMPARE(page->proxy()->index(0, 0).data().toString(), QStringLiteral("global"));
        page->tableView()->sortByColumn(models::FleetHealthModel::Name, Qt::AscendingOrder);
        QTest::qWait(300);
        QVERIFY(m_h.grab(QStringLiteral("/tmp/shot-clusters-fleet.png")));

        // Register a cluster through the dialog: invalid input is explained; a valid endpoint,
        // CA and token (business-3's, as this session reaches it) are checked and saved.
        QTRY_VERIFY_WITH_TIMEOUT(page->registerButton()->isEnabled(), 10000);
        QTest::mouseClick(page->registerButton(), Qt::LeftButton);
        auto *reg = page->registerDialog();
        QVERIFY(reg);
        reg->nameEdit()->setText(QStringLiteral("Imported"));
        reg->endpointEdit()->setText(QStringLiteral("http://example"));
        QTest::mouseClick(reg->validateButton(), Qt::LeftButton);
        QVERIFY(reg->resultLabel()->text().contains(QStringLiteral("DNS-1123")));
        QVERIFY(reg->resultLabel()->text().contains(QStringLiteral("https")));
        const auto b3 = m_h.window()->fleet()->connection(QStringLiteral("business-3"))->client().config();
        reg->nameEdit()->setText(QStringLiteral("imported-1"));
        reg->displayNameEdit()->setText(QStringLiteral("Imported 1"));
        reg->endpointEdit()->setText(b3.server.toString());
        reg->caEdit()->setPlainText(QString::fromLatin1(b3.caPem));
        reg->tokenEdit()->setText(b3.staticCredentials.bearerToken);
        QTest::mouseClick(reg->validateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!reg->isBusy(), 20000);
        QVERIFY2(reg->resultLabel()->text().contains(QStringLiteral("Kubernetes v")), qPrintable(reg->resultLabel()->text()));
        QSignalSpy registered(reg, &views::RegisterClusterDialog::registered);
        QTest::mouseClick(reg->registerButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!reg->isBusy(), 20000);
        QCOMPARE(registered.count(), 1);
        reg->grab().save(QStringLiteral("/tmp/shot-clusters-register.png"));
        auto saved = await([&](QObject *ctx, auto cb) {
            api::ResourcePath p;
            p.group = QStringLiteral("clusterregistry.k8s.io");
            p.version = QStringLiteral("v1alpha1");
            p.resource = QStringLiteral("clusters");
            p.namespaceName = QStringLiteral("cpaas-system");
            p.name = QStringLiteral("imported-1");
            m_h.window()->fleet()->connection(QStringLiteral("global"))->client().get(p, ctx, cb);
        });
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
        reg->close();

        // Enter on a row opens the cluster page.
        page->tableView()->setFocus();
        page->tableView()->setCurrentIndex(page->proxy()->index(0, 0));
        QTest::keyClick(page->tableView(), Qt::Key_Return);
        QCOMPARE(m_h.window()->currentPageId(), QStringLiteral("cluster"));
        auto *cluster = qobject_cast<views::ClusterPage *>(m_h.window()->page(QStringLiteral("cluster")));
        QVERIFY(cluster);
        QCOMPARE(cluster->cluster(), QStringLiteral("business-1"));
        auto *ov = cluster->overview();
        QTRY_VERIFY_WITH_TIMEOUT(ov->field(QStringLiteral("nodes"))->text().contains(QStringLiteral(" of ")), 20000);
        QVERIFY(ov->field(QStringLiteral("endpoint"))->text().contains(QStringLiteral("/kubernetes/business-1")));
        QVERIFY(ov->field(QStringLiteral("registered"))->text().startsWith(QStringLiteral("https://")));
        QCOMPARE(ov->field(QStringLiteral("type"))->text(), QStringLiteral("Kubernetes"));
        QVERIFY(ov->cpuBar()->value() > 0);
        QCOMPARE(ov->conditions()->topLevelItemCount(), 3);
        QTest::qWait(300);
        QVERIFY(m_h.grab(QStringLiteral("/tmp/shot-clusters-cluster.png")));
    }

    void cordonUncordonAndDrain()
    {
        auto *cluster = m_h.openPage<views::ClusterPage>(QStringLiteral("cluster"), {{QStringLiteral("cluster"), QStringLiteral("business-1")}});
        QVERIFY(cluster);
        cluster->tabs()->setCurrentIndex(views::ClusterPage::Nodes);
        auto *tab = cluster->nodes();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->nodes()->isLoading() && tab->nodes()->rowCount() > 0, 20000);
        // A schedulable worker that runs a frontend pod (covered by a PodDisruptionBudget).
        const auto client = m_h.window()->fleet()->connection(QStringLiteral("business-1"))->client();
        api::ListOptions o;
        o.labelSelector = QStringLiteral("app=frontend");
        auto fe = await([&](QObject *ctx, auto cb) { client.list(corePath(QStringLiteral("pods")), o, ctx, cb); });
        QVERIFY(fe);
        const QJsonArray items = QJsonDocument::fromJson(fe->body).object().value(QLatin1String("items")).toArray();
        QVERIFY(!items.isEmpty());
        const QString node = items.first().toObject().value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
        QVERIFY(!node.isEmpty());
        QVERIFY(tab->nodes()->selectObject(QStringLiteral("business-1"), node));
        QCOMPARE(tab->currentNode(), node);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isPermissionKnown(), 10000);
        QVERIFY(tab->cordonButton()->isEnabled());
        QVERIFY(!tab->uncordonButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!tab->pods()->isLoading() && tab->pods()->rowCount() > 0, 20000);
        QVERIFY(tab->details()->toPlainText().contains(QStringLiteral("Conditions")));
        QVERIFY(m_h.grab(QStringLiteral("/tmp/shot-clusters-nodes.png")));

        auto unschedulable = [&] {
            auto r = await([&](QObject *ctx, auto cb) { client.get(corePath(QStringLiteral("nodes"), node), ctx, cb); });
            return r && r->json()->value(QLatin1String("spec")).toObject().value(QLatin1String("unschedulable")).toBool();
        };
        QTest::mouseClick(tab->cordonButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(unschedulable(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tab->uncordonButton()->isEnabled(), 10000);   // the informer saw it
        QVERIFY(!tab->cordonButton()->isEnabled());
        QVERIFY(tab->details()->toPlainText().contains(QStringLiteral("cordoned")));
        QTest::mouseClick(tab->uncordonButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!unschedulable(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tab->cordonButton()->isEnabled(), 10000);
        QVERIFY(cluster->errorBanner()->isHidden());

        // Drain through the dialog, first against a budget that allows no disruption of frontend
        // pods: the refusal is shown with the server's message; Cancel stops the drain.
        const QString feNs = items.first().toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
        api::ResourcePath pdbs;
        pdbs.group = QStringLiteral("policy");
        pdbs.version = QStringLiteral("v1");
        pdbs.resource = QStringLiteral("poddisruptionbudgets");
        pdbs.namespaceName = feNs;
        const QJsonObject guard{{QStringLiteral("apiVersion"), QStringLiteral("policy/v1")}, {QStringLiteral("kind"), QStringLiteral("PodDisruptionBudget")},
                                {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("drain-guard")}}},
                                {QStringLiteral("spec"), QJsonObject{{QStringLiteral("maxUnavailable"), 0},
                                                                     {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"),
                                                                                                               QJsonObject{{QStringLiteral("app"), QStringLiteral("frontend")}}}}}}}};
        QVERIFY(await([&](QObject *ctx, auto cb) { client.create(pdbs, QJsonDocument(guard).toJson(), {}, ctx, cb); }));
        QTest::mouseClick(tab->drainButton(), Qt::LeftButton);
        views::NodeDrainDialog *guarded = tab->drainDialog();
        QVERIFY(guarded);
        guarded->drain()->setOptions({300, 300, 0, -1});
        QTest::mouseClick(guarded->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(guarded->log()->toPlainText().contains(QStringLiteral("Refused ")), 20000);
        QVERIFY(guarded->log()->toPlainText().contains(QStringLiteral("drain-guard")));
        bool refusedRow = false;
        for (int i = 0; i < guarded->podList()->topLevelItemCount(); ++i)
            refusedRow = refusedRow || (guarded->podList()->topLevelItem(i)->text(2).contains(QStringLiteral("disruption budget")));
        QVERIFY(refusedRow);
        QCOMPARE(guarded->cancelButton()->text(), QStringLiteral("Cancel"));
        QTest::mouseClick(guarded->cancelButton(), Qt::LeftButton);
        QCOMPARE(guarded->drain()->phase(), models::NodeDrain::Phase::Cancelled);
        QVERIFY(guarded->stateLabel()->text().contains(QStringLiteral("cancelled")));
        guarded->grab().save(QStringLiteral("/tmp/shot-clusters-drain-refused.png"));
        QCOMPARE(guarded->cancelButton()->text(), QStringLiteral("Close"));
        QTest::mouseClick(guarded->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(!tab->drainDialog());
        pdbs.name = QStringLiteral("drain-guard");
        QVERIFY(await([&](QObject *ctx, auto cb) { client.remove(pdbs, {}, ctx, cb); }));

        // Then for real.
        QTest::mouseClick(tab->drainButton(), Qt::LeftButton);
        views::NodeDrainDialog *dialog = tab->drainDialog();
        QVERIFY(dialog);
        dialog->drain()->setOptions({500, 300, 0, -1});
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QSignalSpy finished(dialog->drain(), &models::NodeDrain::finished);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        QVERIFY2(dialog->drain()->phase() == models::NodeDrain::Phase::Done, qPrintable(dialog->stateLabel()->text()));
        QVERIFY(dialog->podList()->topLevelItemCount() == dialog->drain()->pods().size());
        QVERIFY(dialog->log()->toPlainText().contains(QStringLiteral("Evicted ")));
        QVERIFY(dialog->stateLabel()->text().contains(QStringLiteral("drained")));
        dialog->grab().save(QStringLiteral("/tmp/shot-clusters-drain.png"));
        QCOMPARE(dialog->cancelButton()->text(), QStringLiteral("Close"));
        // Only DaemonSet pods are left on the node, and it is cordoned.
        api::ListOptions on;
        on.fieldSelector = QStringLiteral("spec.nodeName=") + node;
        auto left = await([&](QObject *ctx, auto cb) { client.list(corePath(QStringLiteral("pods")), on, ctx, cb); });
        QVERIFY(left);
        for (const QJsonValue &v : QJsonDocument::fromJson(left->body).object().value(QLatin1String("items")).toArray()) {
            bool ds = false;
            for (const QJsonValue &ow : v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("ownerReferences")).toArray())
                ds = ds || ow.toObject().value(QLatin1String("kind")).toString() == QLatin1String("DaemonSet");
            QVERIFY(ds);
        }
        QVERIFY(unschedulable());
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);   // Close
        QTRY_VERIFY(!tab->drainDialog());
        QTRY_VERIFY_WITH_TIMEOUT(tab->uncordonButton()->isEnabled(), 10000);
        QTest::mouseClick(tab->uncordonButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!unschedulable(), 10000);

        // openResource of a node opens it on the Nodes tab, selected.
        models::ResourceRef ref{QStringLiteral("business-2"), QString(), QStringLiteral("v1"), QStringLiteral("nodes"), QStringLiteral("Node"), QString(), QString()};
        auto nodes = await([&](QObject *ctx, auto cb) {
            m_h.window()->fleet()->connection(QStringLiteral("business-2"))->client().list(corePath(QStringLiteral("nodes")), {}, ctx, cb);
        });
        QVERIFY(nodes);
        ref.name = QJsonDocument::fromJson(nodes->body).object().value(QLatin1String("items")).toArray().last().toObject()
                       .value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        m_h.window()->openResource(ref);
        QCOMPARE(m_h.window()->currentPageId(), QStringLiteral("cluster"));
        QCOMPARE(cluster->cluster(), QStringLiteral("business-2"));
        QCOMPARE(cluster->tabs()->currentIndex(), int(views::ClusterPage::Nodes));
        QTRY_COMPARE_WITH_TIMEOUT(cluster->nodes()->currentNode(), ref.name, 20000);
    }

    void eventsAndWorkloads()
    {
        auto *cluster = m_h.openPage<views::ClusterPage>(QStringLiteral("cluster"), {{QStringLiteral("cluster"), QStringLiteral("business-1")}});
        cluster->tabs()->setCurrentIndex(views::ClusterPage::Workloads);
        for (auto *t : cluster->workloads())
            QTRY_VERIFY_WITH_TIMEOUT(!t->isLoading() && t->rowCount() > 0, 20000);
        cluster->tabs()->setCurrentIndex(views::ClusterPage::Namespaces);
        QTRY_VERIFY_WITH_TIMEOUT(!cluster->namespaces()->isLoading() && cluster->namespaces()->rowCount() > 0, 20000);
        cluster->tabs()->setCurrentIndex(views::ClusterPage::Events);
        auto *ev = cluster->events();
        QTRY_VERIFY_WITH_TIMEOUT(!ev->table()->isLoading() && ev->table()->rowCount() > 0, 20000);
        const int all = ev->table()->model()->rowCount();
        ev->typeFilter()->setCurrentIndex(ev->typeFilter()->findData(QStringLiteral("Warning")));
        QCOMPARE(ev->fieldSelector(), QStringLiteral("type=Warning"));
        QTRY_VERIFY_WITH_TIMEOUT(!ev->table()->isLoading() && ev->table()->rowCount() > 0, 20000);
        auto *m = ev->table()->model();
        QVERIFY(m->rowCount() < all);
        QString reason;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QJsonObject e = m->objectAt(r).json();
            QCOMPARE(e.value(QLatin1String("type")).toString(), QStringLiteral("Warning"));
            reason = e.value(QLatin1String("reason")).toString();
        }
        ev->reasonFilter()->setText(reason);
        Q_EMIT ev->reasonFilter()->editingFinished();
        QTRY_VERIFY_WITH_TIMEOUT(!ev->table()->isLoading() && ev->table()->rowCount() > 0, 20000);
        for (int r = 0; r < m->rowCount(); ++r)
            QCOMPARE(m->objectAt(r).json().value(QLatin1String("reason")).toString(), reason);
        const QString object = m->objectAt(0).json().value(QLatin1String("involvedObject")).toObject().value(QLatin1String("name")).toString();
        ev->objectFilter()->setText(object);
        QTRY_VERIFY(ev->table()->rowCount() >= 1);
    }

    void auditorSeesActionsDisabled()
    {
        // bob audits: he may read workloads but neither list nor patch nodes.
        QString error;
        QVERIFY2(m_h.open(QStringLiteral("sandbox-bob/business-1"), &error), qPrintable(error));
        auto *fleet = m_h.openPage<views::FleetPage>(QStringLiteral("clusters"));
        QVERIFY(fleet);
        auto *model = fleet->model();
        const int row = model->rowOf(QStringLiteral("business-1"));
        QVERIFY(row >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(model->summary(QStringLiteral("business-1")).nodesError.contains(QStringLiteral("forbidden")), 20000);
        QCOMPARE(model->index(row, models::FleetHealthModel::Nodes).data().toString(), QStringLiteral("\u2014"));
        QVERIFY(model->index(row, models::FleetHealthModel::Nodes).data(Qt::ToolTipRole).toString().contains(QStringLiteral("bob")));

        auto *cluster = m_h.openPage<views::ClusterPage>(QStringLiteral("cluster"), {{QStringLiteral("cluster"), QStringLiteral("business-1")}});
        QVERIFY(cluster);
        cluster->tabs()->setCurrentIndex(views::ClusterPage::Nodes);
        auto *tab = cluster->nodes();
        QVERIFY(tab->access());
        QTRY_VERIFY_WITH_TIMEOUT(tab->isPermissionKnown(), 10000);
        QVERIFY(!tab->isAllowed(views::ClusterNodesTab::Action::Cordon));
        QVERIFY(!tab->isAllowed(views::ClusterNodesTab::Action::Drain));
        QVERIFY(!tab->cordonButton()->isEnabled());
        QVERIFY(!tab->uncordonButton()->isEnabled());
        QVERIFY(!tab->drainButton()->isEnabled());
        QVERIFY2(tab->cordonButton()->toolTip().contains(QStringLiteral("cannot patch nodes")), qPrintable(tab->cordonButton()->toolTip()));
        QVERIFY(tab->drainButton()->toolTip().contains(QStringLiteral("cannot")));
        QTRY_VERIFY_WITH_TIMEOUT(fleet->registerButton()->toolTip().contains(QStringLiteral("cannot create")), 10000);
        QVERIFY(!fleet->registerButton()->isEnabled());
        // The nodes table says why it is empty.
        QTRY_VERIFY_WITH_TIMEOUT(tab->nodes()->stateLabel()->toolTip().contains(QStringLiteral("forbidden")), 20000);
        QVERIFY(tab->nodes()->stateLabel()->text().contains(QStringLiteral("failed")));
    }

    // Opt-in (ACP_SCALE_CLUSTERS=<n> [ACP_SCALE_PODS=<m>]): the fleet page on a sandbox with n
    // workload clusters of m pods each fills every row; prints the time to fill and the longest
    // GUI-thread stall seen meanwhile (measured, never asserted).
    void fleetAtScale()
    {
        const int clusters = qEnvironmentVariableIntValue("ACP_SCALE_CLUSTERS");
        if (clusters <= 0)
            QSKIP("set ACP_SCALE_CLUSTERS=<n> to run");
        const int pods = qMax(1, qEnvironmentVariableIntValue("ACP_SCALE_PODS"));
        // The page alone (no main window), so only the fleet table's own work is measured.
        test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start({QStringLiteral("--clusters"), QString::number(clusters), QStringLiteral("--pods-per-cluster"), QString::number(pods)}, &error),
                 qPrintable(error));
        auto ws = api::Workspace::fromKubeconfigFile(sandbox.kubeconfig(), QStringLiteral("sandbox/global"));
        QVERIFY(ws);
        models::Fleet fleet(*ws);
        struct NoNavigation : views::Navigator {
            void openPage(const QString &, const QVariantMap &) override {}
            void openResource(const models::ResourceRef &) override {}
        } nav;
        views::PageContext context(&fleet, &nav);
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worst = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            if (now - last > 200)
                qInfo("GUI stall of %lld ms at %lld ms", now - last, last);
            worst = qMax(worst, now - last);
            last = now;
        });
        probe.start();
        views::FleetPage page(&context);
        page.resize(1200, 800);
        page.show();
        page.activate({});
        auto *model = page.model();
        QCOMPARE(model->rowCount(), clusters + 1);
        QStringList missing;
        const bool filled = QTest::qWaitFor([&] {
            missing.clear();
            for (const QString &c : model->clusters())
                if (!model->summary(c).nodesKnown || (model->summary(c).pods == 0 && c != QLatin1String("global")))
                    missing << c;   // global has no pods in scale mode
            return missing.isEmpty() && !model->hasPendingWork();
        }, 240000);
        QVERIFY2(filled, qPrintable(QStringLiteral("not filled: ") + missing.mid(0, 10).join(QLatin1Char(' '))));
        qInfo("fleet of %d clusters x %d pods filled in %lld ms; longest GUI stall %lld ms", clusters + 1, pods, clock.elapsed(), worst);
    }

private:
    test::ConsoleHarness m_h;
};

QTEST_MAIN(TestClustersPages)
#include "tst_clusterspages.moc"
