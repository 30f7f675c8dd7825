// The Pod security page against the sandbox, driven through its widgets and checked on the
// sandbox (kubectl):
//  - admin chooses project alpha: its namespaces on business-1 and business-2 are the targets;
//    Apply stays disabled until the impact preview of exactly this template and these targets
//    is shown; the preview lists alpha-staging's seeded violators (debug-tools: privileged +
//    hostNetwork; log-agent: hostPath) with check, container and field, and the server's
//    dry-run PSA warnings name them;
//  - Baseline Enforce applied to every alpha namespace across clusters in one action: a result
//    per namespace, the Policies exist on the sandbox in Enforce mode, the namespace table shows
//    them; re-applying reports "unchanged" everywhere;
//  - afterwards a violating pod is rejected by the sandbox's Kyverno with the policy's message,
//    and the Policy reports tab shows the failing pods of alpha-staging with rule and message;
//  - the catalog lists business-1's platform samples beside the built-ins; one is previewed,
//    applied to one namespace on another cluster (its Policy, labelled sample.restricted, in
//    Audit mode, replacing the namespace's baseline) and removed again;
//  - alice (owner of alpha) may apply in alpha's namespaces; for beta's namespaces the actions
//    are disabled with the server's reason; her PSA label edit fails with the server's 403 in
//    the banner; bob (auditor) sees everything read-only.
#include "ConsoleHarness.h"

#include "models/NamespaceSecurity.h"
#include "models/PolicyReportSummary.h"
#include "models/PssImpactPreview.h"
#include "models/PssTemplateApplier.h"
#include "views/common/ErrorBanner.h"
#include "views/policies/ImpactPreviewView.h"
#include "views/policies/PoliciesPage.h"
#include "views/policies/PolicyReportsView.h"
#include "views/policies/PolicyTargetBar.h"
#include "views/policies/PsaLabelEditor.h"
#include "views/policies/TemplateCatalogView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

using namespace acp;
using namespace Qt::StringLiterals;
using views::PoliciesPage;

namespace {

QStringList column(const QTableWidget *t, int c)
{
    QStringList out;
    for (int r = 0; r < t->rowCount(); ++r)
        out << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return out;
}

// Shortcuts with a widget context need their window active and focus inside the page.
void focusTable(PoliciesPage *page)
{
    QApplication::setActiveWindow(page->window());
    page->namespaceTable()->setFocus();
}

QString rowText(const QTableWidget *t, int r)
{
    QStringList cells;
    for (int c = 0; c < t->columnCount(); ++c)
        cells << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return cells.join(u" | "_s);
}

} // namespace

class TestPoliciesPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void adminPreviewAndApply();
    void violatingPodRejectedAndReported();
    void platformSampleAppliedAndRemoved();
    void aliceManagesHerProjectOnly();
    void bobReadOnly();

private:
    PoliciesPage *openProject(const QString &context, const QString &project, int expectedTargets);
    bool runPreview(PoliciesPage *page);
    QStringList applyAndWait(PoliciesPage *page);

    test::ConsoleHarness m_harness;
    QList<models::PssTarget> m_alpha;
};

void TestPoliciesPage::initTestCase()
{
    QString err;
    QVERIFY2(m_harness.startSandbox({}, &err), qPrintable(err));
    QVERIFY(test::SandboxProcess::hasKubectl());
}

PoliciesPage *TestPoliciesPage::openProject(const QString &context, const QString &project, int expectedTargets)
{
    QString err;
    if (!m_harness.open(context, &err)) {
        qWarning("%s", qPrintable(err));
        return nullptr;
    }
    auto *page = m_harness.openPage<PoliciesPage>(u"policies"_s, {{u"project"_s, project}});
    if (!page)
        return nullptr;
    const bool ok = QTest::qWaitFor([&] {
        return page->targetBar()->project() == project && !page->targetBar()->isResolving()
            && page->targetBar()->targets().size() == expectedTargets && !page->security()->isLoading()
            && page->security()->rowCount() == expectedTargets;
    }, 30000);
    if (!ok)
        qWarning("targets of %s: %d, rows %d", qPrintable(project), int(page->targetBar()->targets().size()), page->security()->rowCount());
    return ok ? page : nullptr;
}

bool TestPoliciesPage::runPreview(PoliciesPage *page)
{
    if (!QTest::qWaitFor([&] { return page->previewAction()->isEnabled(); }, 10000))
        return false;
    focusTable(page);
    QTest::keyClick(page->namespaceTable(), Qt::Key_I, Qt::ControlModifier);
    return QTest::qWaitFor([&] { return page->previewIsCurrent(); }, 30000);
}

QStringList TestPoliciesPage::applyAndWait(PoliciesPage *page)
{
    if (!QTest::qWaitFor([&] { return page->applyAction()->isEnabled(); }, 15000)) {
        qWarning("apply disabled: %s", qPrintable(page->applyAction()->toolTip()));
        return {};
    }
    focusTable(page);
    QTest::keyClick(page->namespaceTable(), Qt::Key_Return, Qt::ControlModifier);
    if (!page->applier()->isRunning())
        qWarning("Ctrl+Return did not start the apply");
    if (!QTest::qWaitFor([&] { return !page->applier()->isRunning() && page->resultsTable()->rowCount() > 0; }, 30000))
        qWarning("the apply did not finish");
    return column(page->resultsTable(), 2);
}

void TestPoliciesPage::adminPreviewAndApply()
{
    PoliciesPage *page = openProject(u"sandbox/global"_s, u"alpha"_s, 5);
    QVERIFY(page);
    m_alpha = page->targetBar()->targets();
    const QList<models::PssTarget> expected{{u"business-1"_s, u"alpha"_s}, {u"business-1"_s, u"alpha-dev"_s},
                                            {u"business-1"_s, u"alpha-prod"_s}, {u"business-2"_s, u"alpha"_s},
                                            {u"business-2"_s, u"alpha-staging"_s}};
    QCOMPARE(m_alpha, expected);
    // The namespace table: alpha-dev's seeded PSA labels and alpha-prod's seeded template.
    const auto dev = page->security()->row({u"business-1"_s, u"alpha-dev"_s});
    QVERIFY(dev && !dev->error);
    QCOMPARE(dev->psa.enforce, u"baseline"_s);

    // The catalog: four built-ins with their descriptions, then the platform's samples of the
    // target clusters: business-1 has restricted, nonroot and privileged (global's are not
    // alpha's; business-2 has none; the Deployment sample is not a template).
    QVERIFY2(QTest::qWaitFor([&] { return page->catalogView()->list()->count() == 9; }, 15000),
             qPrintable(QString::number(page->catalogView()->list()->count())));
    QStringList entries;
    for (int i = 0; i < page->catalogView()->list()->count(); ++i)
        entries << page->catalogView()->list()->item(i)->text().trimmed();
    QCOMPARE(entries, (QStringList{u"Built-in templates"_s, u"Privileged Pod Security Standards"_s, u"Baseline Pod Security Standards"_s,
                                   u"Nonroot Pod Security Standards"_s, u"Restricted Pod Security Standards"_s,
                                   u"Platform samples · business-1"_s, u"Nonroot"_s, u"Privileged"_s, u"Restricted"_s}));
    QVERIFY(!(page->catalogView()->list()->item(5)->flags() & Qt::ItemIsSelectable));
    QVERIFY(page->catalogView()->selectTemplate(u"baseline"_s));
    QVERIFY2(page->catalogView()->description()->text().contains(u"Baseline"_s), qPrintable(page->catalogView()->description()->text()));
    QVERIFY(page->allNamespacesCheck()->isChecked());
    QCOMPARE(page->modeCombo()->currentIndex(), 0);   // Enforce
    QVERIFY(!page->applyAction()->isEnabled());
    QVERIFY2(page->applyAction()->toolTip().contains(u"preview the impact first"_s), qPrintable(page->applyAction()->toolTip()));

    QVERIFY(runPreview(page));
    QTableWidget *preview = page->previewView()->table();
    QStringList staging;
    for (int r = 0; r < preview->rowCount(); ++r)
        if (preview->item(r, 1)->text() == u"alpha-staging"_s)
            staging << rowText(preview, r);
    const QString all = staging.join(u'\n');
    // Each problem once, at the workload, with its pod count: no rows of its ReplicaSet or pods.
    QVERIFY2(all.contains(u"Deployment | debug-tools | 1 | privileged | debug | spec.template.spec.containers[0].securityContext.privileged"_s), qPrintable(all));
    QVERIFY2(all.contains(u"hostNetwork"_s), qPrintable(all));
    QVERIFY2(all.contains(u"DaemonSet | log-agent | "_s) && all.contains(u"spec.template.spec.volumes[0].hostPath"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"ReplicaSet"_s) && !all.contains(u"Pod | debug-tools-"_s) && !all.contains(u"Pod | log-agent-"_s), qPrintable(all));
    QVERIFY2(page->previewView()->warnings()->toPlainText().contains(u"debug-tools"_s), qPrintable(page->previewView()->warnings()->toPlainText()));
    QVERIFY2(page->previewView()->summary()->text().contains(u"would block"_s), qPrintable(page->previewView()->summary()->text()));
    m_harness.grab(u"/tmp/policies-preview.png"_s);

    // Apply Baseline Enforce to every alpha namespace, across both clusters.
    QStringList outcomes = applyAndWait(page);
    QCOMPARE(outcomes.size(), 5);
    for (int r = 0; r < outcomes.size(); ++r)
        QVERIFY2(outcomes[r] == u"created"_s || outcomes[r] == u"updated"_s, qPrintable(rowText(page->resultsTable(), r)));
    QVERIFY(page->errorBanner()->text().isEmpty());
    for (const models::PssTarget &t : expected) {
        const auto mode = m_harness.sandbox().kubectl({u"--context"_s, u"sandbox/"_s + t.cluster, u"-n"_s, t.namespaceName, u"get"_s,
                                                      u"policies.kyverno.io"_s, u"baseline"_s, u"-o"_s,
                                                      u"jsonpath={.spec.validationFailureAction}"_s});
        QVERIFY2(mode.out == u"Enforce"_s, qPrintable(t.namespaceName + u": "_s + mode.all()));
    }
    QVERIFY(QTest::qWaitFor([&] {
        const auto row = page->security()->row({u"business-1"_s, u"alpha"_s});
        return !page->security()->isLoading() && row && !row->templates.isEmpty()
            && row->templates.first().templateName == u"baseline"_s && row->templates.first().mode == models::PssMode::Enforce;
    }, 15000));

    // Idempotent: the same action again changes nothing.
    outcomes = applyAndWait(page);
    QCOMPARE(outcomes, QStringList(5, u"unchanged"_s));
    m_harness.grab(u"/tmp/policies-applied.png"_s);

    // PSA labels of the selected namespace only: alpha-dev warns at baseline:v1.30.
    page->allNamespacesCheck()->setChecked(false);
    const int devRow = int(m_alpha.indexOf(models::PssTarget{u"business-1"_s, u"alpha-dev"_s}));
    page->namespaceTable()->selectRow(devRow);
    QCOMPARE(page->actionTargets(), (QList<models::PssTarget>{{u"business-1"_s, u"alpha-dev"_s}}));
    page->psaEditor()->keepAll();
    page->psaEditor()->setLevel(views::PsaLabelEditor::Warn, u"baseline"_s);
    page->psaEditor()->setVersion(views::PsaLabelEditor::Warn, u"v1.30"_s);
    focusTable(page);
    QTest::keyClick(page->namespaceTable(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(QTest::qWaitFor([&] { return !page->applier()->isRunning() && page->resultsTable()->rowCount() == 1; }, 20000));
    QCOMPARE(column(page->resultsTable(), 2), QStringList{u"updated"_s});
    const auto labels = m_harness.sandbox().kubectl({u"--context"_s, u"sandbox/business-1"_s, u"get"_s, u"namespace"_s, u"alpha-dev"_s, u"-o"_s,
                                                     u"jsonpath={.metadata.labels.pod-security\\.kubernetes\\.io/warn}:{.metadata.labels.pod-security\\.kubernetes\\.io/warn-version}:{.metadata.labels.pod-security\\.kubernetes\\.io/enforce}"_s});
    QCOMPARE(labels.out, u"baseline:v1.30:baseline"_s);   // enforce kept
    QVERIFY(QTest::qWaitFor([&] {
        const auto row = page->security()->row({u"business-1"_s, u"alpha-dev"_s});
        return !page->security()->isLoading() && row && row->psa.warn == u"baseline"_s && row->psa.warnVersion == u"v1.30"_s;
    }, 15000));
    page->allNamespacesCheck()->setChecked(true);
}

void TestPoliciesPage::violatingPodRejectedAndReported()
{
    QVERIFY(!m_alpha.isEmpty());
    const QByteArray pod = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"policies-probe","namespace":"alpha"},
        "spec":{"hostNetwork":true,"containers":[{"name":"probe","image":"busybox:1.36"}]}})";
    const auto r = m_harness.sandbox().kubectl({u"--context"_s, u"sandbox/business-1"_s, u"create"_s, u"-f"_s, u"-"_s}, pod);
    if (r.exitCode == 0 && !r.all().contains(u"kyverno"_s))
        QSKIP("this sandbox does not enforce Kyverno Policies at admission yet (the pod was admitted)");
    QVERIFY2(r.exitCode != 0, qPrintable(r.all()));
    QVERIFY2(r.all().contains(u"validate.kyverno.svc-fail"_s) && r.all().contains(u"baseline"_s), qPrintable(r.all()));
    QVERIFY2(r.all().contains(u"hostNetwork"_s), qPrintable(r.all()));

    // The reports tab: alpha-staging's debug-tools and log-agent pods fail alpha-staging/baseline.
    auto *page = qobject_cast<PoliciesPage *>(m_harness.window()->page(u"policies"_s));
    QVERIFY(page);
    page->tabs()->setCurrentWidget(page->reportsView());
    models::PolicyReportSummary *summary = page->reportsView()->summary();
    int row = -1;
    QVERIFY2(QTest::qWaitFor([&] {
        for (int i = 0; i < summary->rowCount(); ++i)
            if (summary->rowAt(i).cluster == u"business-2"_s && summary->rowAt(i).policy == u"alpha-staging/baseline"_s && summary->rowAt(i).fail > 0)
                row = i;
        return row >= 0;
    }, 20000), qPrintable(page->reportsView()->status()->text()));
    QCOMPARE(summary->rowAt(row).namespaceName, u"alpha-staging"_s);   // per namespace and policy
    QCOMPARE(summary->index(row, models::PolicyReportSummary::PolicyColumn).data().toString(), u"baseline"_s);
    page->reportsView()->policyTable()->selectRow(row);
    QTableWidget *findings = page->reportsView()->findingsTable();
    QVERIFY(findings->rowCount() >= 2);
    const QString text = [&] { QStringList l; for (int i = 0; i < findings->rowCount(); ++i) l << rowText(findings, i); return l.join(u'\n'); }();
    QVERIFY2(text.contains(u"fail | business-2/alpha-staging | Pod/debug-tools-"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Pod/log-agent-"_s), qPrintable(text));
    QVERIFY2(text.contains(u"| baseline | "_s), qPrintable(text));   // the rule
    QVERIFY2(text.contains(u"privileged"_s), qPrintable(text));      // Kyverno's message
    QVERIFY(page->reportsView()->status()->text().contains(u"failing"_s));
    m_harness.grab(u"/tmp/policies-reports.png"_s);
}

void TestPoliciesPage::platformSampleAppliedAndRemoved()
{
    // business-1's "restricted" platform sample, applied in Audit mode to one namespace on
    // another cluster (business-2/alpha-staging): its own Policy, labelled as the sample.
    auto *page = qobject_cast<PoliciesPage *>(m_harness.window()->page(u"policies"_s));
    QVERIFY(page);
    QVERIFY(page->catalogView()->selectTemplate(u"restricted"_s, u"business-1"_s));
    const auto t = page->catalogView()->currentTemplate();
    QVERIFY(t && !t->builtIn && t->cluster == u"business-1"_s);
    QVERIFY2(page->catalogView()->description()->text().contains(u"platform sample from business-1"_s),
             qPrintable(page->catalogView()->description()->text()));
    page->allNamespacesCheck()->setChecked(false);
    const models::PssTarget staging{u"business-2"_s, u"alpha-staging"_s};
    page->namespaceTable()->selectRow(int(m_alpha.indexOf(staging)));
    QCOMPARE(page->actionTargets(), QList<models::PssTarget>{staging});
    page->modeCombo()->setCurrentIndex(1);   // Audit
    QVERIFY(runPreview(page));
    QVERIFY2(page->previewView()->summary()->text().contains(u"Restricted would block"_s), qPrintable(page->previewView()->summary()->text()));
    m_harness.grab(u"/tmp/policies-sample.png"_s);
    // Replacing the namespace's other templates (alpha-staging's baseline).
    page->replaceCheck()->setChecked(true);
    QCOMPARE(applyAndWait(page), QStringList{u"created"_s});
    page->replaceCheck()->setChecked(false);
    QVERIFY2(page->resultsTable()->item(0, 3)->text().contains(u"replaced: baseline"_s), qPrintable(rowText(page->resultsTable(), 0)));
    const auto policy = m_harness.sandbox().kubectl({u"--context"_s, u"sandbox/business-2"_s, u"-n"_s, u"alpha-staging"_s, u"get"_s,
                                                     u"policies.kyverno.io"_s, u"restricted"_s, u"-o"_s,
                                                     u"jsonpath={.metadata.labels.console\\.alauda\\.io/pss-template}:{.spec.validationFailureAction}:{.spec.rules[0].validate.podSecurity.level}"_s});
    QCOMPARE(policy.out, u"sample.restricted:Audit:restricted"_s);
    QVERIFY(QTest::qWaitFor([&] {
        const auto row = page->security()->row(staging);
        return !page->security()->isLoading() && row
            && page->security()->index(int(m_alpha.indexOf(staging)), models::NamespaceSecurity::TemplatesColumn).data().toString()
                   .contains(u"restricted (platform sample)"_s);
    }, 15000));
    m_harness.grab(u"/tmp/policies-sample-applied.png"_s);

    // Removed again: the namespace has no Policies left.
    QVERIFY(QTest::qWaitFor([&] { return page->removeAction()->isEnabled(); }, 15000));
    focusTable(page);
    QTest::keyClick(page->namespaceTable(), Qt::Key_D, Qt::ControlModifier);
    QVERIFY(QTest::qWaitFor([&] { return !page->applier()->isRunning() && column(page->resultsTable(), 2) == QStringList{u"removed"_s}; }, 20000));
    const auto gone = m_harness.sandbox().kubectl({u"--context"_s, u"sandbox/business-2"_s, u"-n"_s, u"alpha-staging"_s, u"get"_s,
                                                   u"policies.kyverno.io"_s, u"-o"_s, u"name"_s});
    QVERIFY2(gone.out.trimmed().isEmpty(), qPrintable(gone.all()));
    page->modeCombo()->setCurrentIndex(0);
    page->allNamespacesCheck()->setChecked(true);
}

void TestPoliciesPage::aliceManagesHerProjectOnly()
{
    PoliciesPage *page = openProject(u"sandbox-alice/global"_s, u"alpha"_s, 5);
    QVERIFY(page);
    QCOMPARE(page->targetBar()->targets(), m_alpha);
    QVERIFY(page->catalogView()->selectTemplate(u"restricted"_s));
    page->modeCombo()->setCurrentIndex(1);   // Audit
    QVERIFY(runPreview(page));
    QVERIFY2(QTest::qWaitFor([&] { return page->applyAction()->isEnabled(); }, 15000), qPrintable(page->applyAction()->toolTip()));
    QVERIFY(page->removeAction()->isEnabled());

    // Namespaces are not hers to relabel: the server's 403 per namespace and in the banner.
    page->psaEditor()->setLevel(views::PsaLabelEditor::Warn, u"restricted"_s);
    page->tabs()->setCurrentWidget(page->psaEditor());
    m_harness.grab(u"/tmp/policies-psa.png"_s);
    focusTable(page);
    QTest::keyClick(page->namespaceTable(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(QTest::qWaitFor([&] { return !page->applier()->isRunning() && page->resultsTable()->rowCount() == 5
                                         && page->resultsTable()->item(0, 2)->text() == u"failed"_s; }, 20000));
    QVERIFY2(page->errorBanner()->text().contains(u"User \"alice\" cannot patch resource \"namespaces\""_s), qPrintable(page->errorBanner()->text()));
    QVERIFY(column(page->resultsTable(), 2) == QStringList(5, u"failed"_s));
    const auto warn = m_harness.sandbox().kubectl({u"--context"_s, u"sandbox/business-1"_s, u"get"_s, u"namespace"_s, u"alpha"_s, u"-o"_s,
                                                   u"jsonpath={.metadata.labels.pod-security\\.kubernetes\\.io/warn}"_s});
    QVERIFY2(warn.out != u"restricted"_s, qPrintable(warn.all()));

    // Beta through the scope bar: business-2/beta-dev is not hers.
    page->targetBar()->setProject(QString());
    m_harness.context()->setScope({u"business-2"_s, u"beta-dev"_s});
    QVERIFY(QTest::qWaitFor([&] { return page->targetBar()->targets() == QList<models::PssTarget>{{u"business-2"_s, u"beta-dev"_s}}; }, 20000));
    // Samples are listed for the target clusters only: business-2 has none.
    QCOMPARE(page->catalogView()->list()->count(), 5);
    QVERIFY(runPreview(page));
    QVERIFY2(QTest::qWaitFor([&] { return page->applyAction()->toolTip().contains(u"cannot create"_s); }, 15000),
             qPrintable(page->applyAction()->toolTip()));
    QVERIFY(!page->applyAction()->isEnabled());
    QVERIFY2(page->applyAction()->toolTip().contains(u"beta-dev"_s), qPrintable(page->applyAction()->toolTip()));
    QVERIFY(QTest::qWaitFor([&] { return page->removeAction()->toolTip().contains(u"cannot delete"_s); }, 15000));
    QVERIFY(!page->removeAction()->isEnabled());
    m_harness.grab(u"/tmp/policies-alice.png"_s);
}

void TestPoliciesPage::bobReadOnly()
{
    PoliciesPage *page = openProject(u"sandbox-bob/global"_s, u"alpha"_s, 5);
    QVERIFY(page);
    QVERIFY(page->catalogView()->selectTemplate(u"baseline"_s));
    QVERIFY(runPreview(page));   // reading is fine
    QVERIFY(page->previewView()->table()->rowCount() > 0);
    QVERIFY2(QTest::qWaitFor([&] { return page->applyAction()->toolTip().contains(u"cannot create"_s); }, 15000),
             qPrintable(page->applyAction()->toolTip()));
    QVERIFY(!page->applyAction()->isEnabled());
    QVERIFY(!page->removeAction()->isEnabled());
    // The templates admin applied are visible to him, read-only.
    const auto row = page->security()->row({u"business-1"_s, u"alpha"_s});
    QVERIFY(row && !row->templates.isEmpty());
    QCOMPARE(row->templates.first().templateName, u"baseline"_s);
}

QTEST_MAIN(TestPoliciesPage)
#include "tst_policiespage.moc"
