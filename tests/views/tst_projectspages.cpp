// The Projects area against the sandbox, through the widgets: the list (seeded projects,
// namespace counts), create and edit a project through the dialog (validation messages, the
// object on the server), the project page (quota usage tree, create a namespace with ACP's
// labels, ResourceQuota and LimitRange), batch quota over business-1..3 with a per-cluster
// result (business-1 refused by the project quota check), delete with Retain, and what alice
// (project owner) and bob (auditor) see. State carries over between the functions, in order.
#include "ConsoleHarness.h"

#include "models/ProjectListModel.h"
#include "models/ProjectQuotaBatch.h"
#include "models/ProjectQuotaModel.h"
#include "views/common/ErrorBanner.h"
#include "views/projects/BatchQuotaDialog.h"
#include "views/projects/DeleteProjectDialog.h"
#include "views/projects/NamespaceDialog.h"
#include "views/projects/ProjectDialog.h"
#include "views/projects/ProjectPage.h"
#include "views/projects/ProjectsPage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>

using namespace acp;
using views::ProjectsPage;
using views::ProjectPage;

class TestProjectsPages : public QObject {
    Q_OBJECT

    QJsonObject kubectlJson(const QStringList &args)
    {
        const test::CommandResult r = m_console.sandbox().kubectl(args + QStringList{QStringLiteral("-o"), QStringLiteral("json")});
        if (r.exitCode != 0)
            qWarning() << "kubectl" << args << r.all();
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    QJsonObject project(const QString &name)
    {
        return kubectlJson({"--context", "sandbox/global", "get", "projects.auth.alauda.io", name});
    }
    static QJsonObject clusterQuota(const QJsonObject &project, const QString &cluster)
    {
        for (const QJsonValue &c : project["spec"].toObject()["clusters"].toArray())
            if (c.toObject()["name"].toString() == cluster)
                return c.toObject()["quota"].toObject();
        return {};
    }
    ProjectsPage *openList(const QString &context = QStringLiteral("sandbox/global"))
    {
        QString error;
        if (!m_console.open(context, &error)) {
            qWarning() << error;
            return nullptr;
        }
        return m_console.openPage<ProjectsPage>(QStringLiteral("projects"));
    }
    template <typename T>
    T *waitDialog(QWidget *parent)
    {
        T *dlg = nullptr;
        if (!QTest::qWaitFor([&] { return (dlg = parent->findChild<T *>()) && dlg->isVisible(); }, 5000))
            return nullptr;
        return dlg;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::SandboxProcess::hasKubectl())
            QSKIP("kubectl is not installed");
        QString error;
        QVERIFY2(m_console.startSandbox({}, &error), qPrintable(error));
    }

    void listShowsSeededProjects()
    {
        ProjectsPage *page = openList();
        QVERIFY(page);
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 3, 20000);
        auto *m = page->model();
        QCOMPARE(m->index(0, models::ProjectListModel::Name).data().toString(), QStringLiteral("alpha"));
        QCOMPARE(m->index(0, models::ProjectListModel::DisplayName).data().toString(), QStringLiteral("Alpha"));
        QCOMPARE(m->index(0, models::ProjectListModel::Clusters).data().toString(), QStringLiteral("business-1, business-2"));
        QCOMPARE(m->index(0, models::ProjectListModel::Creator).data().toString(), QStringLiteral("alice"));
        // alpha: alpha, alpha-dev, alpha-prod in business-1; alpha, alpha-staging in business-2.
        QTRY_COMPARE_WITH_TIMEOUT(m->index(0, models::ProjectListModel::Namespaces).data().toString(), QStringLiteral("5"), 20000);
        QVERIFY(m->index(0, models::ProjectListModel::Quota).data().toString().startsWith(QStringLiteral("CPU 60 · Memory 120Gi")));
        page->filterEdit()->setText(QStringLiteral("machine"));   // gamma's description is not a column; its display name is
        QCOMPARE(page->tableView()->model()->rowCount(), 0);
        page->filterEdit()->setText(QStringLiteral("gam"));
        QCOMPARE(page->tableView()->model()->rowCount(), 1);
        QCOMPARE(page->currentArgs().value(QStringLiteral("filter")).toString(), QStringLiteral("gam"));
        QVERIFY(page->applyFilter(QStringLiteral("BETA")));   // the command palette's /text
        QCOMPARE(page->tableView()->model()->rowCount(), 1);
        page->filterEdit()->clear();
        QCOMPARE(page->tableView()->model()->rowCount(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(page->createAction()->isEnabled(), 10000);   // admin may create
        QVERIFY(page->selectProject(QStringLiteral("beta")));
        QTRY_VERIFY(page->editAction()->isEnabled() && page->deleteAction()->isEnabled());
        m_console.grab(QStringLiteral("/tmp/shot-projects-list.png"));
    }

    void createProjectThroughDialog()
    {
        QVERIFY(m_console.window());   // listShowsSeededProjects opened it
        auto *page = qobject_cast<ProjectsPage *>(m_console.window()->page(QStringLiteral("projects")));
        QVERIFY(page);
        page->createAction()->trigger();
        auto *dlg = waitDialog<views::ProjectDialog>(page);
        QVERIFY(dlg);
        dlg->nameEdit()->setText(QStringLiteral("Delta_1"));
        dlg->submit();
        QVERIFY2(dlg->messageLabel()->text().contains(QStringLiteral("RFC 1123")), qPrintable(dlg->messageLabel()->text()));
        dlg->nameEdit()->setText(QStringLiteral("delta"));
        dlg->displayNameEdit()->setText(QStringLiteral("Delta"));
        dlg->descriptionEdit()->setText(QStringLiteral("Payments team"));
        dlg->submit();
        QVERIFY(dlg->messageLabel()->text().contains(QStringLiteral("at least one cluster")));
        dlg->setClusterChecked(QStringLiteral("business-1"), true);
        dlg->setClusterChecked(QStringLiteral("business-3"), true);
        QCOMPARE(dlg->quotaTable()->rowCount(), 2);
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("requests.cpu"), QStringLiteral("2")));
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("requests.memory"), QStringLiteral("4GB")));
        dlg->submit();
        QVERIFY2(dlg->messageLabel()->text().startsWith(QStringLiteral("Cluster business-1: Memory requests: \"4GB\" is not a valid quantity")),
                 qPrintable(dlg->messageLabel()->text()));
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("requests.memory"), QStringLiteral("4Gi")));
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("pods"), QStringLiteral("20")));
        QVERIFY(dlg->setQuota(QStringLiteral("business-3"), QStringLiteral("limits.cpu"), QStringLiteral("500m")));
        m_console.grab(QStringLiteral("/tmp/shot-projects-create.png"));
        dlg->grab().save(QStringLiteral("/tmp/shot-projects-create-dialog.png"));
        dlg->submit();
        QTRY_VERIFY_WITH_TIMEOUT(!page->findChild<views::ProjectDialog *>() || !page->findChild<views::ProjectDialog *>()->isVisible(), 10000);

        const QJsonObject p = project(QStringLiteral("delta"));
        const QJsonObject ann = p["metadata"].toObject()["annotations"].toObject();
        QCOMPARE(ann["cpaas.io/display-name"].toString(), QStringLiteral("Delta"));
        QCOMPARE(ann["cpaas.io/description"].toString(), QStringLiteral("Payments team"));
        QCOMPARE(ann["cpaas.io/creator"].toString(), QStringLiteral("admin"));
        QCOMPARE(clusterQuota(p, "business-1"), (QJsonObject{{"requests.cpu", "2"}, {"requests.memory", "4Gi"}, {"pods", "20"}}));
        QCOMPARE(clusterQuota(p, "business-3"), (QJsonObject{{"limits.cpu", "500m"}}));
        // The live list shows it.
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowOf(QStringLiteral("delta")) >= 0, 10000);
        const int row = page->model()->rowOf(QStringLiteral("delta"));
        QCOMPARE(page->model()->index(row, models::ProjectListModel::Creator).data().toString(), QStringLiteral("admin"));
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->index(row, models::ProjectListModel::Namespaces).data().toString(), QStringLiteral("0"), 10000);
    }

    void editProjectQuota()
    {
        QVERIFY(m_console.window());
        auto *page = qobject_cast<ProjectsPage *>(m_console.window()->page(QStringLiteral("projects")));
        QVERIFY(page->selectProject(QStringLiteral("delta")));
        QTRY_VERIFY(page->editAction()->isEnabled());
        page->editAction()->trigger();
        auto *dlg = waitDialog<views::ProjectDialog>(page);
        QVERIFY(dlg);
        QVERIFY(dlg->nameEdit()->isReadOnly());
        QCOMPARE(dlg->quotaTable()->rowCount(), 2);
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("requests.cpu"), QStringLiteral("3500m")));
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("pods"), QStringLiteral("2.5")));
        dlg->submit();
        QVERIFY2(dlg->messageLabel()->text().contains(QStringLiteral("whole number")), qPrintable(dlg->messageLabel()->text()));
        QVERIFY(dlg->setQuota(QStringLiteral("business-1"), QStringLiteral("pods"), QStringLiteral("30")));
        dlg->setClusterChecked(QStringLiteral("business-2"), true);
        QVERIFY(dlg->setQuota(QStringLiteral("business-2"), QStringLiteral("persistentvolumeclaims"), QStringLiteral("5")));
        dlg->submit();
        QTRY_VERIFY_WITH_TIMEOUT(!page->findChild<views::ProjectDialog *>() || !page->findChild<views::ProjectDialog *>()->isVisible(), 10000);
        const QJsonObject p = project(QStringLiteral("delta"));
        QCOMPARE(clusterQuota(p, "business-1"), (QJsonObject{{"requests.cpu", "3500m"}, {"requests.memory", "4Gi"}, {"pods", "30"}}));
        QCOMPARE(clusterQuota(p, "business-2"), (QJsonObject{{"persistentvolumeclaims", "5"}}));
        QCOMPARE(p["metadata"].toObject()["annotations"].toObject()["cpaas.io/creator"].toString(), QStringLiteral("admin"));   // kept
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->index(page->model()->rowOf(QStringLiteral("delta")), models::ProjectListModel::Clusters)
                                     .data().toString() == QStringLiteral("business-1, business-3, business-2"), 10000);
    }

    void projectPageAndNamespace()
    {
        QVERIFY(m_console.window());
        // From the list: Enter on alpha opens its page.
        auto *list = qobject_cast<ProjectsPage *>(m_console.window()->page(QStringLiteral("projects")));
        QVERIFY(list && list->selectProject(QStringLiteral("alpha")));
        QTest::keyClick(list->tableView(), Qt::Key_Return);
        auto *page = qobject_cast<ProjectPage *>(m_console.window()->page(QStringLiteral("project")));
        QVERIFY(page);
        QCOMPARE(page->currentArgs().value(QStringLiteral("project")).toString(), QStringLiteral("alpha"));
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(page->isLoaded(), 30000);
        auto *m = page->model();
        QCOMPARE(m->rowCount(m->clusterIndex(QStringLiteral("business-1"))), 3);
        QVERIFY(m->namespaceIndex(QStringLiteral("business-2"), QStringLiteral("alpha-staging")).isValid());
        // Namespace rows are the servers' ResourceQuota status; the cluster row sums them.
        const int cpu = m->columnForKey(QStringLiteral("requests.cpu"));
        const QJsonObject rq = kubectlJson({"--context", "sandbox/business-1", "-n", "alpha-prod", "get", "resourcequota", "default"});
        const QString used = rq["status"].toObject()["used"].toObject()["requests.cpu"].toString();
        QVERIFY(!used.isEmpty());
        QTRY_COMPARE(m->namespaceIndex("business-1", "alpha-prod", cpu).data(models::ProjectQuotaModel::UsedRole).toString(),
                     models::Quantity::parse(used)->canonical());
        QCOMPARE(m->clusterIndex("business-1", cpu).data(models::ProjectQuotaModel::HardRole).toString(), QStringLiteral("40"));
        QCOMPARE(m->index(0, cpu).data(models::ProjectQuotaModel::HardRole).toString(), QStringLiteral("60"));
        QVERIFY(page->headerLabel()->text().contains(QStringLiteral("Storefront team")));
        m_console.grab(QStringLiteral("/tmp/shot-projects-detail.png"));

        QTRY_VERIFY_WITH_TIMEOUT(page->namespaceAction()->isEnabled(), 10000);
        page->namespaceAction()->trigger();
        auto *dlg = waitDialog<views::NamespaceDialog>(page);
        QVERIFY(dlg);
        QCOMPARE(dlg->levelCombo(QStringLiteral("enforce"))->currentText(), QStringLiteral("restricted"));
        dlg->clusterCombo()->setCurrentText(QStringLiteral("business-1"));
        dlg->nameEdit()->setText(QStringLiteral("alpha-qa"));
        dlg->quotaBox()->setChecked(true);
        dlg->quotaEdit(QStringLiteral("requests.cpu"))->setText(QStringLiteral("1"));
        dlg->quotaEdit(QStringLiteral("pods"))->setText(QStringLiteral("ten"));
        dlg->submit();
        QVERIFY2(dlg->messageLabel()->text().startsWith(QStringLiteral("Quota: Pods")), qPrintable(dlg->messageLabel()->text()));
        dlg->quotaEdit(QStringLiteral("pods"))->setText(QStringLiteral("10"));
        dlg->limitBox()->setChecked(true);
        dlg->limitEdit(QStringLiteral("default.cpu"))->setText(QStringLiteral("500m"));
        dlg->limitEdit(QStringLiteral("defaultRequest.memory"))->setText(QStringLiteral("128Mi"));
        dlg->grab().save(QStringLiteral("/tmp/shot-projects-namespace-dialog.png"));
        dlg->submit();
        QTRY_VERIFY_WITH_TIMEOUT(!page->findChild<views::NamespaceDialog *>() || !page->findChild<views::NamespaceDialog *>()->isVisible(), 10000);

        const QJsonObject ns = kubectlJson({"--context", "sandbox/business-1", "get", "namespace", "alpha-qa"});
        const QJsonObject labels = ns["metadata"].toObject()["labels"].toObject();
        QCOMPARE(labels["cpaas.io/project"].toString(), QStringLiteral("alpha"));
        for (const char *mode : {"enforce", "audit", "warn"})
            QCOMPARE(labels[QStringLiteral("pod-security.kubernetes.io/") + QLatin1String(mode)].toString(), QStringLiteral("restricted"));
        const QJsonObject quota = kubectlJson({"--context", "sandbox/business-1", "-n", "alpha-qa", "get", "resourcequota", "default"});
        QCOMPARE(quota["spec"].toObject()["hard"].toObject(), (QJsonObject{{"requests.cpu", "1"}, {"pods", "10"}}));
        const QJsonObject lr = kubectlJson({"--context", "sandbox/business-1", "-n", "alpha-qa", "get", "limitrange", "default"});
        const QJsonObject item = lr["spec"].toObject()["limits"].toArray()[0].toObject();
        QCOMPARE(item["default"].toObject()["cpu"].toString(), QStringLiteral("500m"));
        QCOMPARE(item["defaultRequest"].toObject()["memory"].toString(), QStringLiteral("128Mi"));
        // The page follows: the namespace appears under business-1 with its quota.
        QTRY_VERIFY_WITH_TIMEOUT(m->namespaceIndex("business-1", "alpha-qa").isValid(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m->namespaceIndex("business-1", "alpha-qa", cpu).data(models::ProjectQuotaModel::HardRole).toString(),
                                  QStringLiteral("1"), 15000);
    }

    void batchQuotaAcrossClusters()
    {
        QVERIFY(m_console.window());
        auto *page = qobject_cast<ProjectPage *>(m_console.window()->page(QStringLiteral("project")));
        QVERIFY(page);
        QTRY_VERIFY(page->batchAction()->isEnabled());
        page->batchAction()->trigger();
        auto *dlg = waitDialog<views::BatchQuotaDialog>(page);
        QVERIFY(dlg);
        QAbstractItemModelTester tester(dlg->batch(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dlg->checkedClusters(), (QStringList{"business-1", "business-2"}));
        dlg->setClusterChecked(QStringLiteral("business-3"), true);
        dlg->valueEdit(QStringLiteral("requests.cpu"))->setText(QStringLiteral("10"));
        dlg->valueEdit(QStringLiteral("pods"))->setText(QStringLiteral("50"));
        QSignalSpy finished(dlg->batch(), &models::ProjectQuotaBatch::finished);
        dlg->apply();
        QVERIFY(finished.wait(20000) || !finished.isEmpty());
        auto *b = dlg->batch();
        QCOMPARE(b->rowCount(), 3);
        // business-1 already assigns 13 CPU to alpha's namespaces (alpha-dev 4, alpha-prod 8, alpha-qa 1).
        QCOMPARE(b->status(QStringLiteral("business-1")), models::ProjectQuotaBatch::Failed);
        QVERIFY2(b->message(QStringLiteral("business-1")).contains(QStringLiteral("requests.cpu quota 10 is less than the 13 already assigned")),
                 qPrintable(b->message(QStringLiteral("business-1"))));
        QCOMPARE(b->status(QStringLiteral("business-2")), models::ProjectQuotaBatch::Succeeded);
        QCOMPARE(b->status(QStringLiteral("business-3")), models::ProjectQuotaBatch::Succeeded);
        QVERIFY(dlg->messageLabel()->text().contains(QStringLiteral("2 of 3 clusters; 1 failed")));
        QVERIFY(dlg->detailLabel()->text().startsWith(QStringLiteral("business-1: projects.auth.alauda.io \"alpha\" is forbidden")));
        QTest::qWait(100);   // let the layout take the detail text before the picture
        dlg->grab().save(QStringLiteral("/tmp/shot-projects-batch.png"));

        const QJsonObject p = project(QStringLiteral("alpha"));
        QCOMPARE(clusterQuota(p, "business-1")["requests.cpu"].toString(), QStringLiteral("40"));   // untouched
        QCOMPARE(clusterQuota(p, "business-1")["pods"].toString(), QStringLiteral("400"));
        QCOMPARE(clusterQuota(p, "business-2")["requests.cpu"].toString(), QStringLiteral("10"));
        QCOMPARE(clusterQuota(p, "business-2")["pods"].toString(), QStringLiteral("50"));
        QCOMPARE(clusterQuota(p, "business-2")["limits.memory"].toString(), QStringLiteral("80Gi"));   // other keys kept
        QCOMPARE(clusterQuota(p, "business-3"), (QJsonObject{{"requests.cpu", "10"}, {"pods", "50"}}));
        dlg->reject();
        // The page follows the project: business-3 joined.
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->clusterIndex(QStringLiteral("business-3")).isValid(), 10000);
        m_console.grab(QStringLiteral("/tmp/shot-projects-detail-after.png"));
    }

    void nearLimitWarnings()
    {
        // An administrator tightens alpha-prod's quota to what its claims use (PVCs) and to
        // ~86 % of their storage: the page turns those cells red and amber and names them.
        auto *page = qobject_cast<ProjectPage *>(m_console.window()->page(QStringLiteral("project")));
        QVERIFY(page);
        const QJsonObject rq = kubectlJson({"--context", "sandbox/business-1", "-n", "alpha-prod", "get", "resourcequota", "default"});
        const QJsonObject used = rq["status"].toObject()["used"].toObject();
        const QString pvcs = used["persistentvolumeclaims"].toString();
        const auto storage = models::Quantity::parse(used["requests.storage"].toString());
        QVERIFY(storage && !storage->isZero() && pvcs.toInt() > 0);
        const QString storageHard = QStringLiteral("%1Mi").arg(storage->value() / (1024 * 1024) * 7 / 6);   // used = 6/7 = 85.7 %
        const test::CommandResult patched = m_console.sandbox().kubectl(
            {"--context", "sandbox/business-1", "-n", "alpha-prod", "patch", "resourcequota", "default", "--type", "merge", "-p",
             QStringLiteral(R"({"spec":{"hard":{"persistentvolumeclaims":"%1","requests.storage":"%2"}}})").arg(pvcs, storageHard)});
        QVERIFY2(patched.exitCode == 0, qPrintable(patched.all()));
        auto *m = page->model();
        const int pvc = m->columnForKey(QStringLiteral("persistentvolumeclaims"));
        const int sto = m->columnForKey(QStringLiteral("requests.storage"));
        QTRY_COMPARE_WITH_TIMEOUT(m->namespaceIndex("business-1", "alpha-prod", pvc).data(models::ProjectQuotaModel::StateRole).toInt(),
                                  int(models::ObjectStatus::Error), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m->namespaceIndex("business-1", "alpha-prod", sto).data(models::ProjectQuotaModel::StateRole).toInt(),
                                  int(models::ObjectStatus::Warning), 15000);
        QVERIFY2(page->warningLabel()->text().contains(QStringLiteral("At or over the limit: business-1/alpha-prod PVCs")),
                 qPrintable(page->warningLabel()->text()));
        QVERIFY2(page->warningLabel()->text().contains(QStringLiteral("business-1/alpha-prod Storage")), qPrintable(page->warningLabel()->text()));
        QVERIFY(page->warningLabel()->isVisible());
        m_console.grab(QStringLiteral("/tmp/shot-projects-warnings.png"));
    }

    void deleteWithRetain()
    {
        // A namespace of delta, made outside the console.
        const test::CommandResult made = m_console.sandbox().kubectl(
            {"--context", "sandbox/business-1", "create", "-f", "-"},
            R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"delta-app","labels":{"cpaas.io/project":"delta"}}})");
        QVERIFY2(made.exitCode == 0, qPrintable(made.all()));
        QVERIFY(m_console.window());
        m_console.window()->openPage(QStringLiteral("projects"));
        auto *page = qobject_cast<ProjectsPage *>(m_console.window()->page(QStringLiteral("projects")));
        QVERIFY(page->selectProject(QStringLiteral("delta")));
        QTRY_VERIFY(page->deleteAction()->isEnabled());
        page->deleteAction()->trigger();
        auto *dlg = waitDialog<views::DeleteProjectDialog>(page);
        QVERIFY(dlg);
        QVERIFY(dlg->retainButton()->isChecked());
        QTRY_VERIFY2(dlg->introLabel()->text().contains(QStringLiteral("1 namespace(s) (business-1/delta-app)")), qPrintable(dlg->introLabel()->text()));
        dlg->deleteButton()->setChecked(true);
        QVERIFY(!dlg->okButton()->isEnabled());   // reclaim needs the name typed
        dlg->confirmEdit()->setText(QStringLiteral("delta"));
        QVERIFY(dlg->okButton()->isEnabled());
        dlg->retainButton()->setChecked(true);
        dlg->grab().save(QStringLiteral("/tmp/shot-projects-delete-dialog.png"));
        dlg->accept();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowOf(QStringLiteral("delta")) < 0, 10000);
        const test::CommandResult gone = m_console.sandbox().kubectl({"--context", "sandbox/global", "get", "projects.auth.alauda.io", "delta"});
        QVERIFY2(gone.exitCode != 0 && gone.err.contains(QStringLiteral("NotFound")), qPrintable(gone.all()));
        const QJsonObject kept = kubectlJson({"--context", "sandbox/business-1", "get", "namespace", "delta-app"});
        QCOMPARE(kept["metadata"].toObject()["name"].toString(), QStringLiteral("delta-app"));
        QVERIFY(!kept["metadata"].toObject().contains(QStringLiteral("deletionTimestamp")));
        QVERIFY(page->errorBanner()->text().contains(QStringLiteral("retained")));
    }

    void aliceSeesOnlyHerProject()
    {
        ProjectsPage *page = openList(QStringLiteral("sandbox-alice/business-1"));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->stateLabel()->text().contains(QStringLiteral("1 project")), 20000);
        QCOMPARE(page->model()->rowCount(), 1);
        QCOMPARE(page->model()->index(0, 0).data().toString(), QStringLiteral("alpha"));
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->index(0, models::ProjectListModel::Namespaces).data().toString() != QStringLiteral("…"), 20000);
        m_console.grab(QStringLiteral("/tmp/shot-projects-alice.png"));
    }

    void bobCannotChangeProjects()
    {
        ProjectsPage *page = openList(QStringLiteral("sandbox-bob/business-1"));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() == 3, 20000);
        QVERIFY(page->selectProject(QStringLiteral("alpha")));
        QTRY_VERIFY_WITH_TIMEOUT(page->createAction()->toolTip().startsWith(QStringLiteral("You may not create")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page->editAction()->toolTip().startsWith(QStringLiteral("You may not update")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page->deleteAction()->toolTip().startsWith(QStringLiteral("You may not delete")), 10000);
        QVERIFY(!page->createAction()->isEnabled());
        QVERIFY(!page->editAction()->isEnabled());
        QVERIFY(!page->deleteAction()->isEnabled());
        auto *detail = m_console.openPage<ProjectPage>(QStringLiteral("project"), {{QStringLiteral("project"), QStringLiteral("alpha")}});
        QTRY_VERIFY_WITH_TIMEOUT(detail->isLoaded(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(detail->batchAction()->toolTip().startsWith(QStringLiteral("You may not update")), 10000);
        QVERIFY(!detail->editAction()->isEnabled());
        QVERIFY(!detail->batchAction()->isEnabled());
        QVERIFY(!detail->deleteAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(detail->namespaceAction()->toolTip().startsWith(QStringLiteral("You may not create namespaces")), 10000);
        QVERIFY(!detail->namespaceAction()->isEnabled());
        m_console.grab(QStringLiteral("/tmp/shot-projects-bob.png"));
    }

private:
    test::ConsoleHarness m_console;
};

QTEST_MAIN(TestProjectsPages)
#include "tst_projectspages.moc"
