// The "yaml" page (YamlEditPage) against the sandbox, driven through its widgets and checked on
// the sandbox: Edit YAML (E) from the Resources page, schema diagnostics for a typo, dry run,
// diff and server-side apply of a replicas change; SSA conflicts with another field manager
// (Force and Drop); Replace with a concurrent change (409 -> three-way merge -> apply merged);
// a PodSecurity warning in a dry run; Create from YAML with a failing document; a Secret opened
// decoded and re-encoded; a cluster-scoped kind never namespaced; drafts surviving the window;
// managedFields and status folded on opening and Ctrl+Z across an apply; completion of keys
// from the cluster's schema; the Field ownership tab after kubectl's server-side apply; a
// docker-registry Secret created through its dialog from the Resources page's Create from YAML;
// defaultMode in octal and a ConfigMap's binaryData through the page (its own fields taken over
// without a conflict dialog).
#include "ConsoleHarness.h"

#include "api/Yaml.h"
#include "models/ClusterConnection.h"
#include "models/ResourceTableModel.h"
#include "models/YamlValidationService.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/ConflictDialog.h"
#include "views/editor/DiffView.h"
#include "views/editor/DockerSecretDialog.h"
#include "views/editor/DraftBar.h"
#include "views/editor/FieldOwnershipView.h"
#include "views/editor/ProblemsList.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditPage.h"
#include "views/editor/YamlEditor.h"
#include "views/resources/KindListWidget.h"
#include "views/resources/ResourceActions.h"
#include "views/resources/ResourcesPage.h"

#include <QAction>
#include <QApplication>
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QLabel>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTreeWidget>

using namespace acp;
using test::column;
using views::YamlEditPage;

namespace {

const QString kCluster = QStringLiteral("business-1");
const QString kNs = QStringLiteral("editor-test");

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Replaces the first match of `from` in the editor the way typing does (one user edit).
bool typeReplace(views::YamlEditor *editor, const QString &from, const QString &to)
{
    const int at = editor->toPlainText().indexOf(from);
    if (at < 0)
        return false;
    QTextCursor c(editor->document());
    c.setPosition(at);
    c.setPosition(at + int(from.size()), QTextCursor::KeepAnchor);
    c.insertText(to);
    return true;
}

bool waitFinished(YamlEditPage *page, const QString &op, bool *ok, int timeoutMs = 30000)
{
    QSignalSpy spy(page, &YamlEditPage::finished);
    if (!QTest::qWaitFor([&] {
            for (const QList<QVariant> &args : std::as_const(spy))
                if (args.at(0).toString() == op)
                    return true;
            return false;
        }, timeoutMs))
        return false;
    for (const QList<QVariant> &args : std::as_const(spy))
        if (args.at(0).toString() == op)
            *ok = args.at(1).toBool();
    return true;
}

// With ACP_TEST_SHOTS=DIR, the window is saved as DIR/<name>.png (to look at the flows).
void shot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ACP_TEST_SHOTS");
    if (dir.isEmpty() || !w)
        return;
    QApplication::processEvents();
    QWidget *window = w->window();
    QPixmap pixmap = window->grab();
    for (QWidget *top : QApplication::topLevelWidgets())   // dialogs and popups over the window
        if (top != window && top->isVisible() && top->windowType() != Qt::Desktop) {
            const QPoint at = top->mapToGlobal(QPoint(0, 0)) - window->mapToGlobal(QPoint(0, 0));
            QPainter(&pixmap).drawPixmap(at, top->grab());
        }
    pixmap.save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// 1-based number of the first line of the editor equal to `text`, or 0.
int lineOf(const views::YamlEditor *editor, const QString &text)
{
    const QStringList lines = editor->toPlainText().split(QLatin1Char('\n'));
    const qsizetype i = lines.indexOf(text);
    return i < 0 ? 0 : int(i) + 1;
}

} // namespace

class TestEditorPage : public QObject {
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
    void completionFromClusterSchema();
    void fieldOwnershipShowsManagers();
    void dockerRegistrySecretFromResourcesPage();
    void defaultModeAndBinaryDataThroughThePage();
    void draftSurvivesTheWindow();

private:
    // Through the console's own connection (admin).
    api::Result<api::Response> call(const std::function<void(QObject *, api::ResponseCallback)> &start);
    QJsonObject get(const api::ResourcePath &path, int *status = nullptr);
    bool otherManagerApplies(int replicas);
    YamlEditPage *openObject(const QString &group, const QString &version, const QString &resource, const QString &ns,
                             const QString &name);
    YamlEditPage *openCreate(const QString &ns);
    api::ResourcePath webPath() const { return {QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"), {}, {}}; }
    int webReplicas() { return get(webPath()).value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(-1); }
    QString webAnnotation() { return get(webPath())[QLatin1String("metadata")].toObject()[QLatin1String("annotations")].toObject()[QLatin1String("note")].toString(); }
    bool openWindow();

    test::ConsoleHarness m_h;
};

api::Result<api::Response> TestEditorPage::call(const std::function<void(QObject *, api::ResponseCallback)> &start)
{
    std::optional<api::Result<api::Response>> out;
    QObject ctx;
    start(&ctx, [&](const api::Result<api::Response> &r, const QStringList &) { out.emplace(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
        return api::Result<api::Response>(api::ApiError{});
    return *out;
}

QJsonObject TestEditorPage::get(const api::ResourcePath &path, int *status)
{
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    const auto r = call([&](QObject *ctx, api::ResponseCallback cb) { client.get(path, ctx, cb); });
    if (status)
        *status = r.ok() ? 200 : r.error().httpStatus;
    return r.ok() ? QJsonDocument::fromJson(r.value().body).object() : QJsonObject();
}

bool TestEditorPage::otherManagerApplies(int replicas)
{
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    api::WriteOptions o;
    o.fieldManager = QStringLiteral("other-tool");
    o.force = true;
    const QJsonObject body{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("kind"), QStringLiteral("Deployment")},
                           {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("web")}, {QStringLiteral("namespace"), kNs}}},
                           {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}};
    return call([&](QObject *ctx, api::ResponseCallback cb) { client.apply(webPath(), json(body), o, ctx, cb); }).ok();
}

bool TestEditorPage::openWindow()
{
    QString error;
    if (!m_h.open(QStringLiteral("sandbox/global"), &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return m_h.waitConnected();
}

YamlEditPage *TestEditorPage::openObject(const QString &group, const QString &version, const QString &resource, const QString &ns,
                                         const QString &name)
{
    auto *page = m_h.openPage<YamlEditPage>(QStringLiteral("yaml"),
                                            {{QStringLiteral("cluster"), kCluster}, {QStringLiteral("group"), group},
                                             {QStringLiteral("version"), version}, {QStringLiteral("resource"), resource},
                                             {QStringLiteral("namespace"), ns}, {QStringLiteral("name"), name}});
    if (!page)
        return nullptr;
    page->reload();   // the page is reused: start from the server's object
    if (!QTest::qWaitFor([page] { return page->isLoaded(); }, 15000))
        return nullptr;
    page->discardDraft();
    return page;
}

YamlEditPage *TestEditorPage::openCreate(const QString &ns)
{
    auto *page = m_h.openPage<YamlEditPage>(QStringLiteral("yaml"), {{QStringLiteral("cluster"), kCluster},
                                                                     {QStringLiteral("namespace"), ns},
                                                                     {QStringLiteral("mode"), QStringLiteral("create")}});
    if (page)
        page->discardDraft();
    return page;
}

void TestEditorPage::initTestCase()
{
    QString error;
    QVERIFY2(m_h.startSandbox({}, &error), qPrintable(error));
    // Drafts of earlier runs (test mode's AppDataLocation) must not be offered here.
    QDir(models::DraftStore().directory()).removeRecursively();
    QVERIFY(openWindow());
    api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
    const QJsonObject ns{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                         {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), kNs}}}};
    QVERIFY(call([&](QObject *ctx, api::ResponseCallback cb) {
        client.create(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("namespaces"), {}, {}, {}, {}}, json(ns), {}, ctx, cb);
    }).ok());
    const QByteArray deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: editor-test\n"
                                  "  annotations:\n    note: one\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n"
                                  "  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n"
                                  "      - name: web\n        image: nginx:1.27\n";
    const auto obj = api::yaml::parseOne(deployment);
    QVERIFY(obj.ok());
    // Server-side applied as acp-console (the editor's manager): a created object would be owned
    // by an Update manager and every change would conflict with it, as kubectl apply --server-side.
    const auto created = call([&](QObject *ctx, api::ResponseCallback cb) {
        client.apply(webPath(), json(obj->toObject()), {}, ctx, cb);
    });
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
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

void TestEditorPage::completionFromClusterSchema()
{
    YamlEditPage *page = openObject(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"));
    QVERIFY(page);
    views::YamlEditor *editor = page->editor();
    int replicas = 0;
    for (QTextBlock b = editor->document()->begin(); b.isValid() && !replicas; b = b.next())
        if (b.text().startsWith(QLatin1String("  replicas: ")))
            replicas = b.blockNumber() + 1;
    QVERIFY2(replicas > 0, qPrintable(editor->toPlainText()));
    // The schema of apps/v1 is the cluster's: diagnostics arrived for the loaded text.
    QTRY_VERIFY_WITH_TIMEOUT(!page->validation()->isBusy() && page->validation()->revision() == int(editor->revision()), 20000);
    QApplication::setActiveWindow(page->window());
    editor->goToLine(replicas);
    editor->moveCursor(QTextCursor::EndOfBlock);
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Return);   // keeps the indentation of spec's fields
    QTest::keyClicks(editor, QStringLiteral("minRe"));
    QTRY_VERIFY_WITH_TIMEOUT(editor->completer()->popup()->isVisible(), 10000);
    QStringList offered;
    for (int i = 0; i < editor->completer()->completionCount(); ++i) {
        editor->completer()->setCurrentRow(i);
        offered << editor->completer()->currentCompletion();
    }
    QCOMPARE(offered, QStringList{QStringLiteral("minReadySeconds")});
    shot(page, QStringLiteral("page-completion"));
    QTest::keyClick(editor->completer()->popup(), Qt::Key_Return);
    QCOMPARE(editor->document()->findBlockByNumber(replicas).text(), QStringLiteral("  minReadySeconds: "));
    // A key that does not fit here is not offered: Ctrl+Space on a fresh line of spec lists
    // the DeploymentSpec's fields only.
    QTest::keyClicks(editor, QStringLiteral("4"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClick(editor, Qt::Key_Space, Qt::ControlModifier);
    QTRY_VERIFY(editor->completer()->popup()->isVisible());
    offered.clear();
    for (int i = 0; i < editor->completer()->completionCount(); ++i) {
        editor->completer()->setCurrentRow(i);
        offered << editor->completer()->currentCompletion();
    }
    QVERIFY2(offered.contains(QStringLiteral("paused")), qPrintable(offered.join(u' ')));
    QVERIFY(!offered.contains(QStringLiteral("replicas")));          // already there
    QVERIFY(!offered.contains(QStringLiteral("minReadySeconds")));   // just added
    QVERIFY(!offered.contains(QStringLiteral("containers")));  // a PodSpec field, not here
    QTest::keyClick(editor->completer()->popup(), Qt::Key_Escape);
    // The completed text validates.
    QTRY_VERIFY_WITH_TIMEOUT(page->validation()->revision() == int(editor->revision()) && !page->validation()->isBusy(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(editor->diagnostics().isEmpty() || editor->diagnostics().constFirst().line > replicas + 1, 20000);
}

void TestEditorPage::fieldOwnershipShowsManagers()
{
    if (!test::SandboxProcess::hasKubectl())
        QSKIP("kubectl is not installed");
    const QByteArray cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: editor-test\ndata:\n  a: from-kubectl\n";
    const test::CommandResult r = m_h.sandbox().kubectl({QStringLiteral("--context"), QStringLiteral("sandbox/") + kCluster, QStringLiteral("apply"),
                                                          QStringLiteral("--server-side"), QStringLiteral("--field-manager=kubectl-e2e"),
                                                          QStringLiteral("-f"), QStringLiteral("-")}, cm);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    YamlEditPage *page = openObject(QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), kNs, QStringLiteral("owned"));
    QVERIFY(page);
    views::FieldOwnershipView *ownership = page->ownership();
    const int tab = page->tabs()->indexOf(ownership);
    QCOMPARE(page->tabs()->tabText(tab), QStringLiteral("Field ownership"));
    QTest::mouseClick(page->tabs()->tabBar(), Qt::LeftButton, {}, page->tabs()->tabBar()->tabRect(tab).center());
    QCOMPARE(page->tabs()->currentWidget(), ownership);
    auto rows = [ownership] {
        QStringList out;
        for (int i = 0; i < ownership->table()->topLevelItemCount(); ++i)
            out << ownership->table()->topLevelItem(i)->text(0) + QLatin1Char('=') + ownership->table()->topLevelItem(i)->text(1);
        return out;
    };
    QVERIFY2(rows().contains(QStringLiteral("data.a=kubectl-e2e")), qPrintable(rows().join(u' ')));
    QCOMPARE(ownership->table()->topLevelItem(0)->text(2), QStringLiteral("Apply"));
    // Apply an added key from the page: acp-console owns it, kubectl-e2e keeps its field.
    page->tabs()->setCurrentIndex(0);
    QVERIFY(typeReplace(page->editor(), QStringLiteral("  a: from-kubectl\n"), QStringLiteral("  a: from-kubectl\n  b: from-console\n")));
    bool ok = false;
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    page->tabs()->setCurrentWidget(ownership);
    QVERIFY2(rows().contains(QStringLiteral("data.b=acp-console")), qPrintable(rows().join(u' ')));
    shot(page, QStringLiteral("page-ownership"));
    QVERIFY(rows().contains(QStringLiteral("data.a=kubectl-e2e")));
    QStringList managers;
    for (int i = 0; i < ownership->managerCombo()->count(); ++i)
        managers << ownership->managerCombo()->itemText(i);
    QVERIFY2(managers.contains(QStringLiteral("kubectl-e2e")) && managers.contains(QStringLiteral("acp-console")), qPrintable(managers.join(u' ')));
    ownership->managerCombo()->setCurrentIndex(int(managers.indexOf(QStringLiteral("kubectl-e2e"))));
    QCOMPARE(ownership->visibleRowCount(), 1);
    ownership->managerCombo()->setCurrentIndex(0);
    // kubectl sees the same owners.
    const test::CommandResult owners = m_h.sandbox().kubectl({QStringLiteral("--context"), QStringLiteral("sandbox/") + kCluster, QStringLiteral("-n"), kNs,
                                                               QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("owned"), QStringLiteral("--show-managed-fields"),
                                                               QStringLiteral("-o"), QStringLiteral("jsonpath={.metadata.managedFields[*].manager}")});
    QVERIFY2(owners.out.contains(QStringLiteral("kubectl-e2e")) && owners.out.contains(QStringLiteral("acp-console")), qPrintable(owners.out + owners.err));
}

void TestEditorPage::dockerRegistrySecretFromResourcesPage()
{
    auto *resources = m_h.openPage<views::ResourcesPage>(QStringLiteral("resources"));
    QVERIFY(resources);
    views::ResourceActions *actions = resources->resourceActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->createYamlAction()->isEnabled(), 15000);
    actions->createYamlAction()->trigger();
    QCOMPARE(m_h.window()->currentPageId(), QStringLiteral("yaml"));
    auto *page = qobject_cast<YamlEditPage *>(m_h.window()->page(QStringLiteral("yaml")));
    QVERIFY(page && page->target().create);
    page->discardDraft();
    page->editor()->loadText(QString());
    {
        const QSignalBlocker block(page->clusterChooser());
        page->clusterChooser()->setCurrentText(kCluster);
    }
    page->clusterChooser()->setCurrentText(kCluster);
    page->namespaceChooser()->setCurrentText(kNs);
    QCOMPARE(page->target().cluster, kCluster);
    QCOMPARE(page->target().namespaceName, kNs);
    QVERIFY(page->dockerSecretAction()->isVisible());
    page->dockerSecretAction()->trigger();
    auto *dialog = page->findChild<views::DockerSecretDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QPushButton *insert = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!insert->isEnabled());   // name, server and username first
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("regcred"));
    QTest::keyClicks(dialog->serverEdit(), QStringLiteral("harbor.example.com"));
    QTest::keyClicks(dialog->usernameEdit(), QStringLiteral("robot$ci"));
    QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("pa:ss w0rd"));
    QTest::keyClicks(dialog->emailEdit(), QStringLiteral("ci@example.com"));
    QVERIFY(insert->isEnabled());
    shot(page, QStringLiteral("page-docker-dialog"));
    QTest::mouseClick(insert, Qt::LeftButton);
    QTRY_VERIFY(!page->findChild<views::DockerSecretDialog *>());
    const QString text = page->editedText();
    QVERIFY2(text.contains(QStringLiteral("kubernetes.io/dockerconfigjson")) && text.contains(QStringLiteral(".dockerconfigjson")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("pa:ss w0rd")));   // inside the base64 of .dockerconfigjson
    bool ok = false;
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("create"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text() + page->results()->summary()));
    const QJsonObject secret = get(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("secrets"), kNs, QStringLiteral("regcred"), {}, {}});
    QCOMPARE(secret[QLatin1String("type")].toString(), QStringLiteral("kubernetes.io/dockerconfigjson"));
    const QByteArray config = QByteArray::fromBase64(secret[QLatin1String("data")].toObject()[QLatin1String(".dockerconfigjson")].toString().toLatin1());
    const QJsonObject entry = QJsonDocument::fromJson(config).object()[QLatin1String("auths")].toObject()[QLatin1String("harbor.example.com")].toObject();
    QCOMPARE(entry[QLatin1String("username")].toString(), QStringLiteral("robot$ci"));
    QCOMPARE(entry[QLatin1String("password")].toString(), QStringLiteral("pa:ss w0rd"));
    QCOMPARE(entry[QLatin1String("email")].toString(), QStringLiteral("ci@example.com"));
    QCOMPARE(QByteArray::fromBase64(entry[QLatin1String("auth")].toString().toLatin1()), QByteArray("robot$ci:pa:ss w0rd"));
    // kubectl reads the same Secret back.
    if (test::SandboxProcess::hasKubectl()) {
        const test::CommandResult r = m_h.sandbox().kubectl({QStringLiteral("--context"), QStringLiteral("sandbox/") + kCluster, QStringLiteral("-n"), kNs,
                                                              QStringLiteral("get"), QStringLiteral("secret"), QStringLiteral("regcred"),
                                                              QStringLiteral("-o"), QStringLiteral("jsonpath={.type}")});
        QCOMPARE(r.out, QStringLiteral("kubernetes.io/dockerconfigjson"));
    }
}

// Two ACP 4.2 regressions through the page: defaultMode written in octal is neither flagged nor
// rejected; a ConfigMap's binaryData survives editing its data.
void TestEditorPage::defaultModeAndBinaryDataThroughThePage()
{
    YamlEditPage *page = openCreate(kNs);
    QVERIFY(page);
    const QString text = QStringLiteral(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: modes\nspec:\n  selector:\n    matchLabels: {app: modes}\n"
        "  template:\n    metadata:\n      labels: {app: modes}\n    spec:\n      containers: [{name: c, image: nginx}]\n"
        "      volumes:\n      - name: octal\n        secret:\n          secretName: s\n          defaultMode: 0644\n"
        "      - name: decimal\n        secret:\n          secretName: s\n          defaultMode: 420\n---\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: with-binary\ndata:\n  a: one\nbinaryData:\n  blob: AAH/\n");
    page->editor()->replaceText(text);
    const int revision = int(page->editor()->revision());
    QTRY_VERIFY_WITH_TIMEOUT(page->validation()->revision() == revision && !page->validation()->isBusy(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(page->problems()->summary() == QStringLiteral("No problems"), 20000);
    bool ok = false;
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("create"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text() + page->results()->summary()));
    const QJsonObject modes = get(api::ResourcePath{QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs,
                                                    QStringLiteral("modes"), {}, {}});
    const QJsonArray volumes = modes[QLatin1String("spec")].toObject()[QLatin1String("template")].toObject()[QLatin1String("spec")]
                                   .toObject()[QLatin1String("volumes")].toArray();
    QCOMPARE(volumes.size(), 2);
    for (const QJsonValue &v : volumes)
        QCOMPARE(v.toObject()[QLatin1String("secret")].toObject()[QLatin1String("defaultMode")].toInt(), 420);

    page = openObject(QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), kNs, QStringLiteral("with-binary"));
    QVERIFY(page);
    QVERIFY(page->editor()->toPlainText().contains(QStringLiteral("blob: AAH/")));
    QVERIFY(typeReplace(page->editor(), QStringLiteral("  a: one\n"), QStringLiteral("  a: two\n")));
    // Created by this page (manager acp-console, operation Update): the server-side apply takes
    // its own fields over without a conflict dialog.
    QSignalSpy dialogs(page, &YamlEditPage::conflictDialogShown);
    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QCOMPARE(dialogs.count(), 0);
    const QJsonObject cm = get(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("configmaps"), kNs, QStringLiteral("with-binary"), {}, {}});
    QCOMPARE(cm[QLatin1String("data")].toObject()[QLatin1String("a")].toString(), QStringLiteral("two"));
    QCOMPARE(QByteArray::fromBase64(cm[QLatin1String("binaryData")].toObject()[QLatin1String("blob")].toString().toLatin1()),
             QByteArray("\x00\x01\xff", 3));
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
