// The "yaml" page (YamlEditPage) against the sandbox, driven through its widgets and checked on
// the sandbox: Edit YAML (E) from the Resources page, schema diagnostics for a typo, dry run,
// diff and server-side apply of a replicas change; SSA conflicts with another field manager
// (Force and Drop); Replace with a concurrent change (409 -> three-way merge -> apply merged);
// a PodSecurity warning in a dry run; Create from YAML with a failing document; a Secret opened
// decoded and re-encoded; a cluster-scoped kind never namespaced; drafts surviving the window;
// managedFields and status folded and read-only on opening, Ctrl+Z across an apply.
// tst_editorflows has the other flows (completion, Field ownership, docker-registry Secret,
// defaultMode and binaryData). ACP_TEST_SHOTS=DIR saves the flows as pictures.
#include "EditorPageFixture.h"

#include "api/Yaml.h"
#include "models/ClusterConnection.h"
#include "models/ResourceTableModel.h"
#include "models/YamlValidationService.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/ConflictDialog.h"
#include "views/editor/DiffView.h"
#include "views/editor/DraftBar.h"
#include "views/editor/ProblemsList.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditPage.h"
#include "views/editor/YamlEditor.h"
#include "views/resources/KindListWidget.h"
#include "views/resources/ResourceActions.h"
#include "views/resources/ResourcesPage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTreeWidget>

using namespace acp;
using test::column;
using views::YamlEditPage;
using namespace acp::test::editorpage;

class TestEditorPage : public QObject, protected EditorPageFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void editFromResourcesPage();
    void ssaConflictForce();
    void ssaConflictDrop();
    void replaceConflictMerges();
    void dryRunShowsPodSecurityWarning();
    void createFromYamlPartialFailure();
    void secretDecodedAndReencoded();
    void draftSurvivesTheWindow();
};

void TestEditorPage::initTestCase()
{
    const QString error = start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestEditorPage::editFromResourcesPage()
{
    auto *resources = m_h.openPage<views::ResourcesPage>(QStringLiteral("resources"));
    QVERIFY(resources);
    QTRY_VERIFY_WITH_TIMEOUT(resources->showKind(QStringLiteral("deployments.apps")), 15000);
    models::KubeObject web;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
        auto *model = resources->table()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->clusterAt(r) == kCluster && model->objectAt(r).namespaceName() == kNs && model->objectAt(r).name() == QLatin1String("web"))
                web = model->objectAt(r);
        return !web.isNull();
    }()), 20000);
    QVERIFY(resources->table()->selectObject(kCluster, web.key()));
    views::ResourceActions *actions = resources->resourceActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->editYamlAction()->isEnabled(), 15000);
    QVERIFY(actions->createYamlAction()->isEnabled());
    QApplication::setActiveWindow(resources->window());
    resources->table()->tableView()->setFocus();
    QTest::keyClick(resources->table()->tableView(), Qt::Key_E);
    QCOMPARE(m_h.window()->currentPageId(), QStringLiteral("yaml"));
    auto *page = qobject_cast<YamlEditPage *>(m_h.window()->page(QStringLiteral("yaml")));
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->isLoaded(), 15000);
    QCOMPARE(page->target().name, QStringLiteral("web"));
    // Editing a live object is not "Create from YAML": that navigation entry is not highlighted.
    auto *nav = m_h.window()->findChild<QTreeWidget *>(QStringLiteral("navigation"));
    QVERIFY(nav);
    QVERIFY(!nav->currentItem() || nav->currentItem()->text(0) != QLatin1String("Create from YAML"));
    views::YamlEditor *editor = page->editor();
    // managedFields and status are in the text, folded.
    const int managedFields = lineOf(editor, QStringLiteral("  managedFields:"));
    const int status = lineOf(editor, QStringLiteral("status:"));
    QVERIFY(managedFields > 0 && status > 0);
    QVERIFY(editor->isFolded(managedFields));
    QVERIFY(editor->isFolded(status));
    QVERIFY(!editor->document()->findBlockByNumber(managedFields).isVisible());   // its first field
    QVERIFY(!editor->isFolded(lineOf(editor, QStringLiteral("spec:"))));
    // ... and read-only: typing there is refused (the server owns them).
    const QString opened = editor->toPlainText();
    QApplication::setActiveWindow(page->window());
    editor->setFocus();
    editor->goToLine(status);
    editor->moveCursor(QTextCursor::EndOfBlock);
    QTest::keyClicks(editor, QStringLiteral("x"));
    QCOMPARE(editor->toPlainText(), opened);
    QVERIFY(editor->isFolded(status));
    QCOMPARE(page->baseResourceVersion(), get(webPath())[QLatin1String("metadata")].toObject()[QLatin1String("resourceVersion")].toString());

    // A typo: the schema diagnostics underline it and the problems list names it.
    QVERIFY(typeReplace(editor, QStringLiteral("\n  replicas: 1\n"), QStringLiteral("\n  replicass: 1\n")));
    auto typoShown = [editor] {
        for (const models::YamlDiagnostic &d : editor->diagnostics())
            if (d.message.contains(QStringLiteral("replicass")))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(typoShown(), 20000);
    shot(page, QStringLiteral("page-diagnostics"));
    QVERIFY2(page->problems()->summary().contains(QStringLiteral("1")), qPrintable(page->problems()->summary()));
    QVERIFY(typeReplace(editor, QStringLiteral("\n  replicass: 1\n"), QStringLiteral("\n  replicas: 3\n")));
    QTRY_VERIFY_WITH_TIMEOUT(!typoShown(), 20000);
    // Hover documentation from the schema.
    const int line = int(editor->toPlainText().left(editor->toPlainText().indexOf(QStringLiteral("\n  replicas: 3"))).count(QLatin1Char('\n'))) + 2;
    QVERIFY2(editor->toolTipAt(line, 4).contains(QStringLiteral("replicas")), qPrintable(editor->toolTipAt(line, 4)));

    bool ok = false;
    page->dryRun();
    QVERIFY(waitFinished(page, QStringLiteral("dryrun"), &ok));
    QVERIFY(ok);
    QVERIFY(page->dryRunView()->toPlainText().contains(QStringLiteral("replicas: 3")));
    QCOMPARE(webReplicas(), 1);   // a dry run stores nothing

    page->diff();
    QVERIFY(waitFinished(page, QStringLiteral("diff"), &ok));
    QVERIFY(ok);
    QVERIFY(!page->diffView()->isIdentical());
    shot(page, QStringLiteral("page-diff"));
    QVERIFY2(page->diffView()->unifiedText().contains(QStringLiteral("-  replicas: 1")), qPrintable(page->diffView()->unifiedText()));
    QVERIFY(page->diffView()->unifiedText().contains(QStringLiteral("+  replicas: 3")));

    const QString beforeApply = editor->toPlainText();
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QCOMPARE(webReplicas(), 3);
    QVERIFY(editor->toPlainText().contains(QStringLiteral("replicas: 3")));
    QVERIFY(editor->toPlainText() != beforeApply);   // the server's object (new resourceVersion)
    QVERIFY(editor->isFolded(lineOf(editor, QStringLiteral("  managedFields:"))));
    // Undo across the apply: Ctrl+Z gives back the text as it was before, then the edit before it.
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), beforeApply);
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(editor->toPlainText().contains(QStringLiteral("\n  replicass: 1\n")));
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(editor->toPlainText() != beforeApply);   // redone: the server's object again
    QVERIFY(editor->toPlainText().contains(QStringLiteral("replicas: 3")));
    QVERIFY(!page->drafts()->load(models::DraftKey{m_h.window()->fleet()->workspace().title, kCluster,
                                                   page->target().objectRef()}));
}

void TestEditorPage::ssaConflictForce()
{
    QVERIFY(otherManagerApplies(5));
    YamlEditPage *page = openObject(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"));
    QVERIFY(page);
    QVERIFY(typeReplace(page->editor(), QStringLiteral("\n  replicas: 5\n"), QStringLiteral("\n  replicas: 7\n")));
    QSignalSpy shown(page, &YamlEditPage::conflictDialogShown);
    page->apply();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 15000);
    views::ConflictDialog *dialog = page->conflictDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY2(column(dialog->list(), 0).join(QLatin1Char(' ')).contains(QStringLiteral("spec.replicas")), qPrintable(column(dialog->list(), 0).join(QLatin1Char(' '))));
    QVERIFY(column(dialog->list(), 1).contains(QStringLiteral("other-tool")));
    shot(page, QStringLiteral("page-conflict"));
    bool ok = false;
    QTest::mouseClick(dialog->forceButton(), Qt::LeftButton);
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QCOMPARE(webReplicas(), 7);
}

void TestEditorPage::ssaConflictDrop()
{
    QVERIFY(otherManagerApplies(2));
    YamlEditPage *page = openObject(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"));
    QVERIFY(page);
    QVERIFY(typeReplace(page->editor(), QStringLiteral("\n  replicas: 2\n"), QStringLiteral("\n  replicas: 9\n")));
    QVERIFY(typeReplace(page->editor(), QStringLiteral("note: one"), QStringLiteral("note: two")));
    QSignalSpy shown(page, &YamlEditPage::conflictDialogShown);
    page->apply();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 15000);
    QVERIFY(page->conflictDialog());
    bool ok = false;
    QTest::mouseClick(page->conflictDialog()->dropButton(), Qt::LeftButton);
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QCOMPARE(webReplicas(), 2);                       // the other manager's value stays
    QCOMPARE(webAnnotation(), QStringLiteral("two"));   // the rest of the edit applied
}

void TestEditorPage::replaceConflictMerges()
{
    YamlEditPage *page = openObject(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"));
    QVERIFY(page);
    page->setReplaceMode(true);
    QVERIFY(typeReplace(page->editor(), QStringLiteral("note: two"), QStringLiteral("note: three")));
    // Someone else changes the object meanwhile.
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    const QByteArray patch = R"({"metadata":{"labels":{"concurrent":"yes"}}})";
    QVERIFY(call([&](QObject *ctx, api::ResponseCallback cb) {
        client.patch(webPath(), api::PatchType::Merge, patch, {}, ctx, cb);
    }).ok());
    bool ok = true;
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY(!ok);
    QCOMPARE(page->tabs()->currentWidget(), page->mergeView()->parentWidget());
    QCOMPARE(page->mergeView()->conflictCount(), 0);
    QVERIFY(page->mergeView()->mergedText().contains(QStringLiteral("note: three")));
    shot(page, QStringLiteral("page-merge"));
    QVERIFY(page->mergeView()->mergedText().contains(QStringLiteral("concurrent: \"yes\"")));
    // Controllers may change the object again before the retry: merge again then.
    for (int attempt = 0; attempt < 3; ++attempt) {
        page->applyMerged();
        QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
        if (ok)
            break;
    }
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QCOMPARE(webAnnotation(), QStringLiteral("three"));
    QCOMPARE(get(webPath())[QLatin1String("metadata")].toObject()[QLatin1String("labels")].toObject()[QLatin1String("concurrent")].toString(),
             QStringLiteral("yes"));
    page->setReplaceMode(false);
}

void TestEditorPage::dryRunShowsPodSecurityWarning()
{
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    const QByteArray ns = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"psa-warn","labels":{"pod-security.kubernetes.io/warn":"restricted","pod-security.kubernetes.io/warn-version":"latest"}}})";
    QVERIFY(call([&](QObject *ctx, api::ResponseCallback cb) {
        client.create(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("namespaces"), {}, {}, {}, {}}, ns, {}, ctx, cb);
    }).ok());
    YamlEditPage *page = openCreate(QStringLiteral("psa-warn"));
    QVERIFY(page);
    page->editor()->replaceText(QStringLiteral("apiVersion: v1\nkind: Pod\nmetadata:\n  name: priv\nspec:\n  containers:\n"
                                               "  - name: c\n    image: busybox\n    securityContext:\n      privileged: true\n"));
    bool ok = false;
    page->dryRun();
    QVERIFY(waitFinished(page, QStringLiteral("dryrun"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QStringList warnings;
    for (int i = 0; i < page->warningsList()->count(); ++i)
        warnings << page->warningsList()->item(i)->text();
    QVERIFY2(warnings.join(QLatin1Char('\n')).contains(QStringLiteral("would violate PodSecurity \"restricted:latest\"")),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(page->dryRunView()->toPlainText().contains(QStringLiteral("name: priv")));
    shot(page, QStringLiteral("page-dryrun-warning"));
    int status = 0;
    get(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("psa-warn"), QStringLiteral("priv"), {}, {}}, &status);
    QCOMPARE(status, 404);
}

void TestEditorPage::createFromYamlPartialFailure()
{
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    const QByteArray existing = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-exists"}})";
    QVERIFY(call([&](QObject *ctx, api::ResponseCallback cb) {
        client.create(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("configmaps"), kNs, {}, {}, {}}, existing, {}, ctx, cb);
    }).ok());
    YamlEditPage *page = openCreate(kNs);
    QVERIFY(page);
    QCOMPARE(page->namespaceChooser()->currentText(), kNs);
    auto *nav = m_h.window()->findChild<QTreeWidget *>(QStringLiteral("navigation"));
    QVERIFY(nav && nav->currentItem());
    QCOMPARE(nav->currentItem()->text(0), QStringLiteral("Create from YAML"));
    const QString text = QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-one\ndata:\n  a: \"1\"\n---\n"
                                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-exists\n---\n"
                                        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: editor-test-role\n"
                                        "  namespace: editor-test\nrules: []\n");
    page->editor()->replaceText(text);
    bool ok = true;
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("create"), &ok));
    QVERIFY(!ok);
    QCOMPARE(page->results()->topLevelItemCount(), 3);
    QCOMPARE(page->results()->failures(), 1);
    shot(page, QStringLiteral("page-create-results"));
    const QStringList objects = column(page->results(), 0), outcomes = column(page->results(), 1);
    QCOMPARE(objects, (QStringList{QStringLiteral("ConfigMap/cm-one"), QStringLiteral("ConfigMap/cm-exists"), QStringLiteral("ClusterRole/editor-test-role")}));
    QVERIFY2(outcomes.at(1).contains(QStringLiteral("already exists")), qPrintable(outcomes.at(1)));
    const int line2 = column(page->results(), 3).at(1).toInt(), line3 = column(page->results(), 3).at(2).toInt();
    QVERIFY2(line2 == 7 || line2 == 8, qPrintable(column(page->results(), 3).join(QLatin1Char(' '))));
    QVERIFY(line3 == 12 || line3 == 13);
    QCOMPARE(page->editedText(), text);   // the text is kept
    // Clicking a result goes to its document.
    QTest::mouseClick(page->results()->viewport(), Qt::LeftButton, {},
                      page->results()->visualItemRect(page->results()->topLevelItem(2)).center());
    QCOMPARE(page->editor()->currentLine(), line3);
    int status = 0;
    get(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("configmaps"), kNs, QStringLiteral("cm-one"), {}, {}}, &status);
    QCOMPARE(status, 200);
    // A cluster-scoped kind never gets a namespace.
    const QJsonObject role = get(api::ResourcePath{QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("v1"), QStringLiteral("clusterroles"),
                                                   {}, QStringLiteral("editor-test-role"), {}, {}}, &status);
    QCOMPARE(status, 200);
    QVERIFY(!role[QLatin1String("metadata")].toObject().contains(QLatin1String("namespace")));
}

void TestEditorPage::secretDecodedAndReencoded()
{
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    const QJsonObject secret{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Secret")},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("creds")}, {QStringLiteral("namespace"), kNs}}},
                             {QStringLiteral("data"), QJsonObject{{QStringLiteral("password"), QString::fromLatin1(QByteArray("s3cret").toBase64())},
                                                                  {QStringLiteral("blob"), QString::fromLatin1(QByteArray("\x00\x01\xff", 3).toBase64())}}}};
    QVERIFY(call([&](QObject *ctx, api::ResponseCallback cb) {
        client.apply(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("secrets"), kNs, QStringLiteral("creds"), {}, {}}, json(secret), {}, ctx, cb);
    }).ok());
    YamlEditPage *page = openObject(QString(), QStringLiteral("v1"), QStringLiteral("secrets"), kNs, QStringLiteral("creds"));
    QVERIFY(page);
    QVERIFY(page->revealAction()->isVisible());
    QVERIFY(!page->editor()->toPlainText().contains(QStringLiteral("s3cret")));   // masked until revealed
    QVERIFY(page->editor()->isReadOnly());
    QVERIFY(page->infoLabel()->text().contains(QStringLiteral("blob")));          // binary key flagged
    shot(page, QStringLiteral("page-secret-masked"));
    page->revealAction()->trigger();
    QVERIFY(!page->editor()->isReadOnly());
    QVERIFY(page->editor()->toPlainText().contains(QStringLiteral("stringData:")));
    QVERIFY(page->editor()->toPlainText().contains(QStringLiteral("password: s3cret")));
    QVERIFY(typeReplace(page->editor(), QStringLiteral("password: s3cret"), QStringLiteral("password: n3w-value")));
    bool ok = false;
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    const QJsonObject live = get(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("secrets"), kNs, QStringLiteral("creds"), {}, {}});
    QCOMPARE(QByteArray::fromBase64(live[QLatin1String("data")].toObject()[QLatin1String("password")].toString().toLatin1()), QByteArray("n3w-value"));
    QCOMPARE(QByteArray::fromBase64(live[QLatin1String("data")].toObject()[QLatin1String("blob")].toString().toLatin1()), QByteArray("\x00\x01\xff", 3));
    QVERIFY(!live.contains(QLatin1String("stringData")));
    QVERIFY(page->editor()->toPlainText().contains(QStringLiteral("password: n3w-value")));   // shown decoded again
    page->revealAction()->trigger();
    QVERIFY(!page->editor()->toPlainText().contains(QStringLiteral("n3w-value")));
}

void TestEditorPage::draftSurvivesTheWindow()
{
    YamlEditPage *page = openObject(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"));
    QVERIFY(page);
    QVERIFY(typeReplace(page->editor(), QStringLiteral("note: three"), QStringLiteral("note: drafted")));
    // Switching pages keeps the text (the page is reused).
    m_h.window()->openPage(QStringLiteral("resources"));
    m_h.window()->openPage(QStringLiteral("yaml"), page->currentArgs());
    QVERIFY(page->editedText().contains(QStringLiteral("note: drafted")));
    // The window goes without applying; a new one offers the draft.
    m_h.close();
    QVERIFY(openWindow());
    page = m_h.openPage<YamlEditPage>(QStringLiteral("yaml"), {{QStringLiteral("cluster"), kCluster}, {QStringLiteral("group"), QStringLiteral("apps")},
                                                               {QStringLiteral("version"), QStringLiteral("v1")}, {QStringLiteral("resource"), QStringLiteral("deployments")},
                                                               {QStringLiteral("namespace"), kNs}, {QStringLiteral("name"), QStringLiteral("web")}});
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->isLoaded(), 15000);
    QVERIFY(page->draftBar()->isVisible());
    shot(page, QStringLiteral("page-draft-offered"));
    QVERIFY(!page->editedText().contains(QStringLiteral("note: drafted")));
    QTest::mouseClick(page->draftBar()->findChild<QPushButton *>(QStringLiteral("restoreDraft")), Qt::LeftButton);
    QVERIFY(!page->draftBar()->isVisible());
    QVERIFY(page->editedText().contains(QStringLiteral("note: drafted")));
    QCOMPARE(webAnnotation(), QStringLiteral("three"));   // nothing was applied
}

QTEST_MAIN(TestEditorPage)
#include "tst_editorpage.moc"
