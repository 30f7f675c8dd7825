// The Resources page against the sandbox, driven through its widgets: the kind list from
// discovery, deployments aggregated across clusters, the details pane (conditions, owner chain
// pod -> replicaset -> deployment and navigation through it, owned objects, events, YAML),
// scale / restart rollout / delete through the keyboard and dialogs with the result checked on
// the sandbox, filtering nodes by name, and bob (auditor) seeing write actions disabled with the
// server's reason in the tooltip.
#include "ConsoleHarness.h"

#include "tests/common/SandboxContext.h"

#include "models/ObjectRelations.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"
#include "views/resources/DeleteDialog.h"
#include "views/resources/KindListWidget.h"
#include "views/resources/ObjectDetailsView.h"
#include "views/resources/ResourceActions.h"
#include "views/resources/ResourcesPage.h"
#include "views/resources/ScaleDialog.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>

using namespace acp;
using test::column;
using views::ResourcesPage;

namespace {

// GET of one object through the console's own connection; null object when 404.
std::optional<QJsonObject> fetch(models::Fleet *fleet, const QString &cluster, const api::ResourcePath &path, int *status = nullptr)
{
    std::optional<api::Result<api::Response>> out;
    QObject ctx;
    fleet->connection(cluster)->client().get(path, &ctx, [&](const api::Result<api::Response> &r, const QStringList &) { out.emplace(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
        return std::nullopt;
    if (status)
        *status = out->ok() ? 200 : out->error().httpStatus;
    if (!out->ok())
        return std::nullopt;
    return QJsonDocument::fromJson(out->value().body).object();
}

bool chooseKind(ResourcesPage *page, const QString &name)
{
    QTreeWidget *tree = page->kindList()->tree();
    const auto items = tree->findItems(QStringLiteral("*"), Qt::MatchWildcard | Qt::MatchRecursive);
    for (QTreeWidgetItem *item : items)
        if (item->data(0, Qt::UserRole + 1).toString() == name) {
            tree->setCurrentItem(item);
            return true;
        }
    return false;
}

// The first row of the table in `cluster` whose namespace and name start with `nsPrefix` / `prefix`.
models::KubeObject findRow(ResourcesPage *page, const QString &cluster, const QString &nsPrefix, const QString &prefix = QString())
{
    auto *model = page->table()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->clusterAt(r) == cluster && model->objectAt(r).namespaceName().startsWith(nsPrefix)
            && model->objectAt(r).name().startsWith(prefix))
            return model->objectAt(r);
    return {};
}

// Shortcuts with a widget context need their window active (a dialog may have been on top).
void focusTable(ResourcesPage *page)
{
    QWidget *window = page->window();
    QApplication::setActiveWindow(window);
    page->table()->tableView()->setFocus();
}

} // namespace

class TestResourcesPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_h.startSandbox({}, &error), qPrintable(error));
    }
    void adminBrowsesActsAndInspects();
    void nodesFilterByName();
    void bobSeesActionsDisabled();
    void aliceSeesHerProjectsNamespaces();
    void staleGrantShowsServerError();

private:
    ResourcesPage *openDeployments(const QString &context);
    test::ConsoleHarness m_h;
};

ResourcesPage *TestResourcesPage::openDeployments(const QString &context)
{
    QString error;
    if (!m_h.open(context, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    if (!m_h.waitConnected())
        return nullptr;
    auto *page = m_h.openPage<ResourcesPage>(QStringLiteral("resources"));
    if (!page)
        return nullptr;
    if (!QTest::qWaitFor([&] { return chooseKind(page, QStringLiteral("deployments.apps")); }, 15000))
        return nullptr;
    if (!QTest::qWaitFor([&] { return !page->table()->isLoading() && page->table()->rowCount() > 0; }, 20000))
        return nullptr;
    return page;
}

void TestResourcesPage::adminBrowsesActsAndInspects()
{
    ResourcesPage *page = openDeployments(QStringLiteral("sandbox/global"));
    QVERIFY(page);
    auto *w = m_h.window();
    QCOMPARE(w->currentPageId(), QStringLiteral("resources"));
    QCOMPARE(page->currentKind(), QStringLiteral("deployments.apps"));
    // Kind list: sections from discovery, CRDs included; the filter box narrows it.
    const QStringList all = page->kindList()->visibleNames();
    QVERIFY(all.contains(QStringLiteral("pods")) && all.contains(QStringLiteral("nodes")));
    QVERIFY(all.contains(QStringLiteral("projects.auth.alauda.io")) || all.contains(QStringLiteral("clusters.clusterregistry.k8s.io")));
    page->kindList()->filterEdit()->setText(QStringLiteral("deploy"));
    QCOMPARE(page->kindList()->visibleNames(), QStringList{QStringLiteral("deployments.apps")});
    page->kindList()->filterEdit()->clear();
    // A custom resource (CRD) kind, nested under "Custom resources" / its group, lists live too.
    QVERIFY(chooseKind(page, QStringLiteral("projects.auth.alauda.io")));
    QTRY_VERIFY_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 0, 20000);
    QCOMPARE(page->table()->apiResource().kind, QStringLiteral("Project"));
    QVERIFY(chooseKind(page, QStringLiteral("deployments.apps")));
    QTRY_VERIFY_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 0, 20000);
    // All clusters: one aggregated table with a CLUSTER column.
    QCOMPARE(page->table()->model()->clusters().size(), 4);
    QVERIFY(page->table()->model()->isClusterColumnVisible());

    // Select a deployment of business-1/alpha: the details pane shows it.
    const models::KubeObject dep = findRow(page, QStringLiteral("business-1"), QStringLiteral("alpha"));
    QVERIFY2(!dep.isNull(), "a deployment in business-1/alpha*");
    QVERIFY(page->table()->selectObject(QStringLiteral("business-1"), dep.key()));
    views::ObjectDetailsView *details = page->details();
    QTRY_COMPARE(details->object().uid(), dep.uid());
    QVERIFY(details->header()->text().contains(dep.name()));
    QVERIFY(column(details->conditions(), 0).contains(QStringLiteral("Available")));
    QVERIFY(details->yaml()->toPlainText().contains(QStringLiteral("kind: Deployment")));
    QVERIFY(details->yaml()->toPlainText().contains(QStringLiteral("name: ") + dep.name()));
    QTRY_VERIFY_WITH_TIMEOUT(column(details->owned(), 0).contains(QStringLiteral("ReplicaSet")), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(column(details->owners(), 0), QStringList{QStringLiteral("(no owner)")}, 15000);

    // Scale to 3 with the keyboard (S on the table) and the dialog; checked on the sandbox.
    views::ResourceActions *actions = page->resourceActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->scaleAction()->isEnabled(), 15000);
    QVERIFY(actions->scaleAction()->toolTip().contains(QStringLiteral("(S)")));
    QVERIFY(page->actions().contains(actions->deleteAction()));   // listed for the shortcuts overlay
    QCOMPARE(actions->deleteAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    focusTable(page);
    QTest::keyClick(page->table()->tableView(), Qt::Key_S);
    views::ScaleDialog *scale = nullptr;
    QTRY_VERIFY((scale = page->findChild<views::ScaleDialog *>()) != nullptr);
    scale->spinBox()->setValue(3);
    scale->accept();
    QTRY_VERIFY2_WITH_TIMEOUT(page->errorBanner()->text().contains(QStringLiteral("Scaled")), qPrintable(page->errorBanner()->text()), 15000);
    const api::ResourcePath depPath{QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), dep.namespaceName(), dep.name()};
    auto live = fetch(w->fleet(), QStringLiteral("business-1"), depPath);
    QVERIFY(live);
    QCOMPARE(live->value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 3);

    // Restart rollout (R): the kubectl annotation lands on the pod template.
    QTRY_VERIFY_WITH_TIMEOUT(actions->restartAction()->isEnabled(), 15000);
    focusTable(page);
    QTest::keyClick(page->table()->tableView(), Qt::Key_R);
    QTRY_VERIFY2_WITH_TIMEOUT(page->errorBanner()->text().contains(QStringLiteral("Restarted")), qPrintable(page->errorBanner()->text()), 15000);
    live = fetch(w->fleet(), QStringLiteral("business-1"), depPath);
    QVERIFY(live);
    const QString restartedAt = live->value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject()
                                    .value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject()
                                    .value(QLatin1String("kubectl.kubernetes.io/restartedAt")).toString();
    QVERIFY2(QDateTime::fromString(restartedAt, Qt::ISODate).isValid(), qPrintable(restartedAt));
    // YAML: the full object is fetched (informers drop managedFields), managedFields shown last.
    details->tabs()->setCurrentIndex(3);
    QTRY_VERIFY_WITH_TIMEOUT(details->yaml()->toPlainText().contains(QStringLiteral("# metadata.managedFields")), 15000);
    {
        const QString yaml = details->yaml()->toPlainText();
        QVERIFY(yaml.indexOf(QStringLiteral("# metadata.managedFields")) > yaml.indexOf(QStringLiteral("\nspec:")));
        QVERIFY(yaml.indexOf(QStringLiteral("\nspec:")) > 0);
        QVERIFY(yaml.contains(QStringLiteral("kubectl.kubernetes.io/restartedAt")));
    }
    details->tabs()->setCurrentIndex(0);
    m_h.grab(QStringLiteral("/tmp/shot-resources-deployment.png"));

    // A pod of that deployment: owner chain pod -> replicaset -> deployment, its events, YAML.
    QVERIFY(chooseKind(page, QStringLiteral("pods")));
    QTRY_VERIFY_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 0, 20000);
    // The newest pod of the deployment (<deployment>-<hash>-<suffix>): one the scale-up created.
    auto newestPod = [&] {
        const QRegularExpression re(QStringLiteral("^%1-[a-z0-9]+-[a-z0-9]+$").arg(QRegularExpression::escape(dep.name())));
        models::KubeObject best;
        auto *model = page->table()->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            const models::KubeObject &o = model->objectAt(r);
            if (model->clusterAt(r) == QLatin1String("business-1") && o.namespaceName() == dep.namespaceName() && re.match(o.name()).hasMatch()
                && (best.isNull() || o.creationTimestamp() > best.creationTimestamp()))
                best = o;
        }
        return best;
    };
    models::KubeObject pod;
    QTRY_VERIFY_WITH_TIMEOUT(!(pod = newestPod()).isNull(), 15000);
    QVERIFY(page->table()->selectObject(QStringLiteral("business-1"), pod.key()));
    QTRY_COMPARE(details->object().uid(), pod.uid());
    details->tabs()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(column(details->owners(), 0) == (QStringList{QStringLiteral("ReplicaSet"), QStringLiteral("Deployment")}), 15000);
    QCOMPARE(details->owners()->topLevelItem(1)->text(1), dep.name());
    QTRY_VERIFY_WITH_TIMEOUT(!details->relations()->isLoading() && details->owners()->topLevelItem(1)->text(2) != QStringLiteral("loading…"), 15000);
    QCOMPARE(column(details->owned(), 0), QStringList{QStringLiteral("(owns nothing)")});
    m_h.grab(QStringLiteral("/tmp/shot-resources-pod-related.png"));
    // Events of a pod the controllers just created (scheduled, pulled, started).
    QTRY_VERIFY_WITH_TIMEOUT(details->events()->topLevelItemCount() > 0, 20000);
    details->tabs()->setCurrentIndex(2);
    m_h.grab(QStringLiteral("/tmp/shot-resources-pod-events.png"));
    details->tabs()->setCurrentIndex(3);
    QVERIFY(details->yaml()->toPlainText().contains(QStringLiteral("kind: Pod")));
    QVERIFY(details->yaml()->toPlainText().contains(QStringLiteral("ownerReferences:")));
    m_h.grab(QStringLiteral("/tmp/shot-resources-pod-yaml.png"));
    details->tabs()->setCurrentIndex(0);
    m_h.grab(QStringLiteral("/tmp/shot-resources-pod-overview.png"));

    // Clicking the deployment in the owner chain navigates to it (openResource).
    details->tabs()->setCurrentIndex(1);
    details->owners()->setCurrentItem(details->owners()->topLevelItem(1));
    Q_EMIT details->owners()->itemActivated(details->owners()->topLevelItem(1), 0);
    QCOMPARE(w->currentPageId(), QStringLiteral("resources"));
    QTRY_COMPARE(page->currentKind(), QStringLiteral("deployments.apps"));
    QTRY_VERIFY_WITH_TIMEOUT(page->table()->currentObject().uid() == dep.uid(), 20000);
    QTRY_COMPARE(details->object().uid(), dep.uid());
    // Back returns to the pod.
    w->goBack();
    QTRY_COMPARE(page->currentKind(), QStringLiteral("pods"));

    // Delete a deployment (Ctrl+D): the dialog names it and its cluster; gone on the sandbox.
    QVERIFY(chooseKind(page, QStringLiteral("deployments.apps")));
    QTRY_VERIFY_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 0, 20000);
    QTRY_VERIFY(page->table()->selectObject(QStringLiteral("business-1"), dep.key()));
    QTRY_VERIFY_WITH_TIMEOUT(actions->deleteAction()->isEnabled(), 15000);
    focusTable(page);
    QTest::keyClick(page->table()->tableView(), Qt::Key_D, Qt::ControlModifier);
    views::DeleteDialog *del = nullptr;
    QTRY_VERIFY((del = page->findChild<views::DeleteDialog *>()) != nullptr);
    auto *list = del->findChild<QListWidget *>(QStringLiteral("deleteObjects"));
    QVERIFY(list && list->count() == 1);
    QVERIFY(list->item(0)->text().contains(dep.name()) && list->item(0)->text().contains(QStringLiteral("business-1")));
    QCOMPARE(del->propagationPolicy(), QStringLiteral("Background"));
    del->policyCombo()->setCurrentIndex(del->policyCombo()->findData(QStringLiteral("Foreground")));
    del->grab().save(QStringLiteral("/tmp/shot-resources-delete.png"));
    del->accept();
    QTRY_VERIFY2_WITH_TIMEOUT(page->errorBanner()->text().contains(QStringLiteral("Deleted")), qPrintable(page->errorBanner()->text()), 15000);
    int status = 0;
    QTRY_VERIFY_WITH_TIMEOUT(!fetch(w->fleet(), QStringLiteral("business-1"), depPath, &status) && status == 404, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(page, QStringLiteral("business-1"), dep.namespaceName(), dep.name()).uid() != dep.uid(), 20000);
}

void TestResourcesPage::nodesFilterByName()
{
    auto *page = qobject_cast<ResourcesPage *>(m_h.window()->page(QStringLiteral("resources")));
    QVERIFY(page);
    QVERIFY(chooseKind(page, QStringLiteral("nodes")));
    QTRY_VERIFY_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 1, 20000);
    const int total = page->table()->rowCount();
    // Nodes carry no cpaas.io/display-name in the sandbox: the filter matches metadata.name.
    const models::KubeObject node = page->table()->model()->objectAt(page->table()->model()->rowCount() - 1);
    QVERIFY(node.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject()
                .value(QLatin1String("cpaas.io/display-name")).toString().isEmpty());
    page->table()->filterEdit()->setText(node.name());
    QTRY_VERIFY(page->table()->rowCount() >= 1 && page->table()->rowCount() < total);
    for (int r = 0; r < page->table()->rowCount(); ++r)
        QVERIFY(page->table()->model()->objectAt(page->table()->proxy()->sourceRow(r)).name().contains(node.name()));
    // Nodes cannot be scaled or restarted; the tooltip says so.
    QVERIFY(page->table()->selectObject(page->table()->model()->clusterAt(page->table()->proxy()->sourceRow(0)),
                                        page->table()->model()->objectAt(page->table()->proxy()->sourceRow(0)).key()));
    QVERIFY(!page->resourceActions()->scaleAction()->isEnabled());
    QVERIFY(page->resourceActions()->scaleAction()->toolTip().contains(QStringLiteral("cannot be scaled")));
    page->table()->filterEdit()->clear();
}

void TestResourcesPage::bobSeesActionsDisabled()
{
    ResourcesPage *page = openDeployments(QStringLiteral("sandbox-bob/business-1"));
    QVERIFY(page);
    models::KubeObject dep;
    QString cluster;
    for (const QString &c : page->table()->model()->clusters()) {
        dep = findRow(page, c, QStringLiteral("alpha"));
        if (!dep.isNull()) {
            cluster = c;
            break;
        }
    }
    QVERIFY2(!dep.isNull(), "bob (auditor) sees deployments in alpha");
    QVERIFY(page->table()->selectObject(cluster, dep.key()));
    views::ResourceActions *actions = page->resourceActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->scaleAction()->toolTip().contains(QStringLiteral("bob cannot patch deployments.apps/scale")), 15000);
    QVERIFY(!actions->scaleAction()->isEnabled());
    qInfo("scale tooltip for bob: %s", qPrintable(actions->scaleAction()->toolTip()));
    QTRY_VERIFY_WITH_TIMEOUT(actions->deleteAction()->toolTip().contains(QStringLiteral("bob cannot delete deployments.apps")), 15000);
    QVERIFY(!actions->deleteAction()->isEnabled());
    QVERIFY(actions->deleteAction()->toolTip().contains(QStringLiteral("namespace \"%1\"").arg(dep.namespaceName())));
    QVERIFY(!actions->restartAction()->isEnabled());
    // The shortcut does nothing: no dialog.
    focusTable(page);
    QTest::keyClick(page->table()->tableView(), Qt::Key_S);
    QTest::qWait(100);
    QVERIFY(!page->findChild<views::ScaleDialog *>());
    // Reading works: the details pane still shows the object.
    QTRY_COMPARE(page->details()->object().uid(), dep.uid());
    m_h.grab(QStringLiteral("/tmp/shot-resources-bob.png"));
}

// alice (owner of project alpha, no cluster-wide rights) opens her session: the fleet is the
// platform's list of clusters she may see (alpha's business-1 and business-2, though her
// kubeconfig names all four), the scope bar offers her project's namespaces, and "All
// namespaces" lists her pods from one watch per namespace instead of failing. A namespace added
// to her project later shows up with its pods.
void TestResourcesPage::aliceSeesHerProjectsNamespaces()
{
    QString error;
    QVERIFY2(m_h.open(QStringLiteral("sandbox-alice/business-1"), &error), qPrintable(error));
    models::Fleet *fleet = m_h.window()->fleet();
    QCOMPARE(fleet->workspace().clusters.size(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(fleet->clusterNames(), (QStringList{QStringLiteral("business-1"), QStringLiteral("business-2")}), 15000);
    auto *clusterCombo = m_h.window()->findChild<QComboBox *>(QStringLiteral("clusterScope"));
    QVERIFY(clusterCombo);
    QTRY_COMPARE(clusterCombo->count(), 3);   // All clusters, business-1, business-2

    m_h.context()->setScope(views::Scope{});
    auto *page = m_h.openPage<ResourcesPage>(QStringLiteral("resources"), {{QStringLiteral("resource"), QStringLiteral("pods")}});
    QVERIFY(page);
    models::NamespaceDirectory *dir = fleet->namespaces();
    QTRY_VERIFY2_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 0,
                              qPrintable(page->table()->stateLabel()->text() + QLatin1Char(' ') + page->table()->stateLabel()->toolTip()
                                         + QStringLiteral(" directory: %1 %2 %3").arg(int(dir->source(QStringLiteral("business-1")))).arg(dir->isSynced(QStringLiteral("business-1"))).arg(dir->namespaces(QStringLiteral("business-1")).join(u','))), 30000);
    QCOMPARE(dir->source(QStringLiteral("business-1")), models::NamespaceDirectory::Source::Projects);
    auto *model = page->table()->model();
    QSet<QString> clusters;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString c = model->clusterAt(r), ns = model->objectAt(r).namespaceName();
        QVERIFY2(dir->projectOf(c, ns) == QStringLiteral("alpha"), qPrintable(c + QLatin1Char('/') + ns));
        clusters.insert(c);
    }
    QCOMPARE(clusters.size(), 2);
    QVERIFY2(!page->table()->stateLabel()->text().contains(QStringLiteral("failed")), qPrintable(page->table()->stateLabel()->text()));
    auto *nsCombo = m_h.window()->findChild<QComboBox *>(QStringLiteral("namespaceScope"));
    QTRY_VERIFY(nsCombo->findData(QStringLiteral("alpha-dev")) > 0);
    QCOMPARE(nsCombo->findData(QStringLiteral("kube-system")), -1);

    // The platform admin adds a namespace to alpha on business-2 and runs a pod in it.
    const auto rc = test::resolveContext(m_h.sandbox().kubeconfig(), QStringLiteral("sandbox/business-2"));
    QVERIFY(rc.ok());
    api::KubeClient admin(*rc);
    QObject ctx;
    int done = 0;
    const QJsonObject ns{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                         {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("alpha-late")},
                                                                  {QStringLiteral("labels"), QJsonObject{{QStringLiteral("cpaas.io/project"), QStringLiteral("alpha")}}}}}};
    admin.create(api::ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("namespaces")}, QJsonDocument(ns).toJson(), {}, &ctx,
                 [&](const api::Result<api::Response> &r, const QStringList &) { QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message)); ++done; });
    QTRY_COMPARE_WITH_TIMEOUT(done, 1, 15000);
    // Her project role reaches the new namespace: the sandbox's ProjectMemberBindings controller
    // binds project members in every namespace of the project, as ACP does.
    const QJsonObject pod{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
                          {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("late-pod")}}},
                          {QStringLiteral("spec"), QJsonObject{{QStringLiteral("containers"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")}, {QStringLiteral("image"), QStringLiteral("nginx")}}}}}}};
    admin.create(api::ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("alpha-late")}, QJsonDocument(pod).toJson(), {}, &ctx,
                 [&](const api::Result<api::Response> &r, const QStringList &) { QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message)); ++done; });
    QTRY_COMPARE_WITH_TIMEOUT(done, 2, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!findRow(page, QStringLiteral("business-2"), QStringLiteral("alpha-late"), QStringLiteral("late-pod")).isNull(), 20000);
    QTRY_VERIFY(nsCombo->findData(QStringLiteral("alpha-late")) > 0);
    m_h.grab(QStringLiteral("/tmp/shot-resources-alice-all.png"));

    // The platform admin extends alpha to business-3: alice's fleet grows while she works.
    const auto grc = test::resolveContext(m_h.sandbox().kubeconfig(), QStringLiteral("sandbox/global"));
    QVERIFY(grc.ok());
    const QByteArray patch = R"({"spec":{"clusters":[{"name":"business-1"},{"name":"business-2"},{"name":"business-3"}]}})";
    api::KubeClient(*grc).patch(api::ResourcePath{QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("projects"), QString(), QStringLiteral("alpha")},
                                api::PatchType::Merge, patch, {}, &ctx,
                                [&](const api::Result<api::Response> &r, const QStringList &) { QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message)); ++done; });
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(fleet->hasCluster(QStringLiteral("business-3")), 20000);
    QTRY_COMPARE(clusterCombo->count(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(page->table()->model()->stores().size() > 0 && !page->table()->isLoading(), 20000);
}

// alice administers her project's namespaces: scale is enabled there. When her grant is revoked
// behind the console's back (the permission answer is still cached), the write fails and the
// page's banner shows the server's message instead of failing silently.
void TestResourcesPage::staleGrantShowsServerError()
{
    QString error;
    QVERIFY2(m_h.open(QStringLiteral("sandbox-alice/business-1"), &error), qPrintable(error));
    QVERIFY(m_h.waitConnected());
    m_h.context()->setScope(views::Scope{QStringLiteral("business-1"), QStringLiteral("alpha-dev")});
    auto *page = m_h.openPage<ResourcesPage>(QStringLiteral("resources"), {{QStringLiteral("resource"), QStringLiteral("deploy")}});
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(!page->table()->isLoading() && page->table()->rowCount() > 0, 20000);
    QCOMPARE(page->currentKind(), QStringLiteral("deploy"));
    QTRY_COMPARE(page->kindList()->currentName(), QStringLiteral("deployments.apps"));
    const models::KubeObject dep = findRow(page, QStringLiteral("business-1"), QStringLiteral("alpha-dev"));
    QVERIFY(!dep.isNull());
    QVERIFY(page->table()->selectObject(QStringLiteral("business-1"), dep.key()));
    views::ResourceActions *actions = page->resourceActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->scaleAction()->isEnabled(), 15000);

    // The platform admin revokes alice's project role in alpha-dev.
    const auto rc = test::resolveContext(m_h.sandbox().kubeconfig(), QStringLiteral("sandbox/business-1"));
    QVERIFY(rc.ok());
    std::optional<bool> revoked;
    QObject ctx;
    api::KubeClient(*rc).remove(api::ResourcePath{QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("v1"), QStringLiteral("rolebindings"),
                                                  QStringLiteral("alpha-dev"), QStringLiteral("alice-project-admin")},
                                {}, &ctx, [&](const api::Result<api::Response> &r, const QStringList &) { revoked = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(revoked.has_value(), 15000);
    QVERIFY(*revoked);

    focusTable(page);
    QTest::keyClick(page->table()->tableView(), Qt::Key_S);
    views::ScaleDialog *scale = nullptr;
    QTRY_VERIFY((scale = page->findChild<views::ScaleDialog *>()) != nullptr);
    scale->spinBox()->setValue(5);
    scale->accept();
    QTRY_VERIFY_WITH_TIMEOUT(page->errorBanner()->text().contains(QStringLiteral("Forbidden")), 15000);
    const QString banner = page->errorBanner()->text();
    QVERIFY2(banner.startsWith(QStringLiteral("Scale deployments/") + dep.name()) && banner.contains(QStringLiteral("alice")), qPrintable(banner));
    m_h.grab(QStringLiteral("/tmp/shot-resources-alice-error.png"));
    // The console learnt: the permission is asked again and scale is now disabled, with why.
    QTRY_VERIFY_WITH_TIMEOUT(!actions->scaleAction()->isEnabled()
                                 && actions->scaleAction()->toolTip().contains(QStringLiteral("alice cannot patch deployments.apps/scale")), 15000);
}

QTEST_MAIN(TestResourcesPage)
#include "tst_resourcespage.moc"
