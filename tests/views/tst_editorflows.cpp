// The "yaml" page against the sandbox, beyond the apply flows of tst_editorpage: completion of
// keys from the cluster's schema; the Field ownership tab after kubectl's server-side apply; a
// docker-registry Secret created through its dialog from the Resources page's Create from YAML;
// defaultMode in octal and a ConfigMap's binaryData through the page (its own fields taken over
// without a conflict dialog). ACP_TEST_SHOTS=DIR saves the flows as pictures.
#include "EditorPageFixture.h"

#include "models/YamlValidationService.h"
#include "views/common/ErrorBanner.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/DockerSecretDialog.h"
#include "views/editor/FieldOwnershipView.h"
#include "views/editor/ProblemsList.h"
#include "views/resources/ResourceActions.h"
#include "views/resources/ResourcesPage.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeWidget>

using namespace acp;
using namespace acp::test::editorpage;

class TestEditorFlows : public QObject, protected EditorPageFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString error = start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void completionFromClusterSchema();
    void fieldOwnershipShowsManagers();
    void dockerRegistrySecretFromResourcesPage();
    void defaultModeAndBinaryDataThroughThePage();
};

void TestEditorFlows::completionFromClusterSchema()
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

void TestEditorFlows::fieldOwnershipShowsManagers()
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

void TestEditorFlows::dockerRegistrySecretFromResourcesPage()
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
void TestEditorFlows::defaultModeAndBinaryDataThroughThePage()
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

QTEST_MAIN(TestEditorFlows)
#include "tst_editorflows.moc"
