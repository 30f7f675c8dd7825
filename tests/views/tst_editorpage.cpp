// The "yaml" page (YamlEditPage) against the sandbox, driven through its widgets and checked on
// the sandbox: Edit YAML (E) from the Resources page, schema diagnostics for a typo, dry run,
// diff and server-side apply of a replicas change; SSA conflicts with another field manager
// (Force and Drop); Replace with a concurrent change (409 -> three-way merge -> apply merged);
// a PodSecurity warning in a dry run; Create from YAML with a failing document; a Secret opened
// decoded and re-encoded; a cluster-scoped kind never namespaced; drafts surviving the window.
#include "ConsoleHarness.h"

#include "api/Yaml.h"
#include "models/ClusterConnection.h"
#include "models/ResourceTableModel.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/ConflictDialog.h"
#include "views/editor/DiffView.h"
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
    QVERIFY(editor->toPlainText().contains(QStringLiteral("managedFields:")));   // visible, folded
    QVERIFY(!editor->foldedLines().isEmpty());
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
    QVERIFY2(page->diffView()->unifiedText().contains(QStringLiteral("-  replicas: 1")), qPrintable(page->diffView()->unifiedText()));
    QVERIFY(page->diffView()->unifiedText().contains(QStringLiteral("+  replicas: 3")));

    page->apply();
    QVERIFY(waitFinished(page, QStringLiteral("apply"), &ok));
    QVERIFY2(ok, qPrintable(page->errorBanner()->text()));
    QCOMPARE(webReplicas(), 3);
    QVERIFY(editor->toPlainText().contains(QStringLiteral("replicas: 3")));
    QVERIFY(editor->document()->isUndoAvailable());   // replaceText: undo still works
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
    QVERIFY(!page->editedText().contains(QStringLiteral("note: drafted")));
    QTest::mouseClick(page->draftBar()->findChild<QPushButton *>(QStringLiteral("restoreDraft")), Qt::LeftButton);
    QVERIFY(!page->draftBar()->isVisible());
    QVERIFY(page->editedText().contains(QStringLiteral("note: drafted")));
    QCOMPARE(webAnnotation(), QStringLiteral("three"));   // nothing was applied
}

QTEST_MAIN(TestEditorPage)
#include "tst_editorpage.moc"
