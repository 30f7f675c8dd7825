// The Policies page models against acp-sandbox (--no-controllers, so pods hold still):
//  - PssTargets: project alpha's namespaces across its clusters;
//  - PssImpactPreview: at baseline, exactly the seeded violators of alpha (alpha-staging's
//    privileged debug-tools with hostNetwork, the log-agent DaemonSet with a hostPath), their
//    checks, containers and fields; the server's dry-run warnings for the PSA enforce change
//    name the same pods;
//  - PssTemplateApplier + NamespaceSecurity: apply a template to every alpha namespace across
//    clusters (created/updated), re-apply (unchanged, same resourceVersion), switch the mode
//    (updated), replace by another template (the first deleted), remove (then not found);
//    PSA label bulk edit (updated, then unchanged) and its validation;
//  - alice (owner of alpha) manages the templates of alpha's namespaces (Kyverno's chart
//    aggregates Policy rights into `admin`); her writes elsewhere fail with the server's 403
//    message while the alpha ones succeed; namespace labels are not hers to edit (403).
// NamespaceSecurity runs under QAbstractItemModelTester.
#include "api/Workspace.h"
#include "models/Fleet.h"
#include "models/NamespaceSecurity.h"
#include "models/PssImpactPreview.h"
#include "models/PssTemplateApplier.h"
#include "models/PssTemplateCatalog.h"
#include "tests/common/SandboxProcess.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace acp;
using namespace acp::models;
using namespace Qt::StringLiterals;

class TestPssPolicies : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void projectTargets();
    void catalogWithoutSamples();
    void impactPreview();
    void applyReapplyReplaceRemove();
    void psaLabels();
    void aliceOnlyHerProject();

private:
    std::unique_ptr<Fleet> fleet(const QString &context);
    QList<PssTarget> targetsOf(Fleet *f, const QString &project);
    QList<PssApplyResult> wait(PssTemplateApplier &applier);
    QList<NamespaceSecurityRow> security(Fleet *f, const QList<PssTarget> &targets);

    test::SandboxProcess m_sandbox;
    std::unique_ptr<Fleet> m_admin;
    QList<PssTarget> m_alpha;
};

std::unique_ptr<Fleet> TestPssPolicies::fleet(const QString &context)
{
    auto ws = api::Workspace::fromKubeconfigFile(m_sandbox.kubeconfig(), context);
    if (!ws)
        return nullptr;
    return std::make_unique<Fleet>(*ws);
}

QList<PssTarget> TestPssPolicies::targetsOf(Fleet *f, const QString &project)
{
    QList<PssTarget> out;
    bool done = false;
    QObject context;
    PssTargets::forProject(f, project, f->clusterNames(), &context, [&](const PssTargetsResult &r) {
        out = r.targets;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("PssTargets::forProject did not finish");
    return out;
}

QList<PssApplyResult> TestPssPolicies::wait(PssTemplateApplier &applier)
{
    QSignalSpy spy(&applier, &PssTemplateApplier::finished);
    if (applier.isRunning() && !spy.wait(20000))
        qWarning("applier did not finish");
    return applier.results();
}

QList<NamespaceSecurityRow> TestPssPolicies::security(Fleet *f, const QList<PssTarget> &targets)
{
    NamespaceSecurity model(f);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy spy(&model, &NamespaceSecurity::loaded);
    model.load(targets);
    if (model.isLoading() && !spy.wait(20000))
        qWarning("NamespaceSecurity did not load");
    if (model.rowCount() != targets.size() || model.columnCount() != NamespaceSecurity::ColumnCount)
        qWarning("NamespaceSecurity has %d rows for %d targets", model.rowCount(), int(targets.size()));
    return model.rows();
}

void TestPssPolicies::initTestCase()
{
    QString err;
    QVERIFY2(m_sandbox.start({u"--no-controllers"_s}, &err), qPrintable(err));
    m_admin = fleet(u"sandbox/global"_s);
    QVERIFY(m_admin);
    m_alpha = targetsOf(m_admin.get(), u"alpha"_s);
}

void TestPssPolicies::projectTargets()
{
    // The seed puts alpha on business-1 (alpha, alpha-dev, alpha-prod) and business-2 (alpha,
    // alpha-staging): read back through the namespaces' cpaas.io/project label.
    const QList<PssTarget> expected{{u"business-1"_s, u"alpha"_s}, {u"business-1"_s, u"alpha-dev"_s},
                                    {u"business-1"_s, u"alpha-prod"_s}, {u"business-2"_s, u"alpha"_s},
                                    {u"business-2"_s, u"alpha-staging"_s}};
    QCOMPARE(m_alpha, expected);
}

void TestPssPolicies::catalogWithoutSamples()
{
    // The sandbox does not serve consoleyamlsamples.console.alauda.io: the built-ins only.
    PssTemplateCatalog catalog;
    QSignalSpy changed(&catalog, &PssTemplateCatalog::changed);
    catalog.discover(m_admin->connection(u"business-1"_s));
    QVERIFY(changed.wait(20000) || changed.size() > 0);
    QCOMPARE(catalog.samples().size(), 0);
    QCOMPARE(catalog.templates().size(), 4);
}

void TestPssPolicies::impactPreview()
{
    PssImpactPreview preview(m_admin.get());
    QSignalSpy spy(&preview, &PssImpactPreview::finished);
    preview.run(PssLevel::Baseline, PssVersion{}, m_alpha);
    QVERIFY(spy.wait(30000));
    const QList<PssNamespaceImpact> results = preview.results();
    QCOMPARE(results.size(), m_alpha.size());
    QSet<QString> blockedObjects;
    QSet<QString> stagingPods;
    for (const PssNamespaceImpact &r : results) {
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).message));
        if (r.target.namespaceName != u"alpha"_s) // the project's own namespace holds no workloads
            QVERIFY2(r.evaluated > 0, qPrintable(r.target.namespaceName));
        bool podBlocked = false;
        for (const PssImpactItem &item : r.items) {
            QCOMPARE(item.target, r.target);
            blockedObjects.insert(item.target.cluster + u'/' + item.target.namespaceName + u'/' + item.kind + u'/' + item.name);
            podBlocked = podBlocked || item.kind == u"Pod"_s;
            if (item.kind == u"Pod"_s && r.target.namespaceName == u"alpha-staging"_s)
                stagingPods.insert(item.name);
        }
        // The server warns about existing pods only when some would be blocked (and only when
        // the enforce level changes, so a namespace already at baseline stays quiet).
        if (!r.dryRunWarnings.isEmpty())
            QVERIFY2(podBlocked, qPrintable(r.target.namespaceName + u": "_s + r.dryRunWarnings.join(u' ')));
    }
    // The seeded violators of alpha-staging: the privileged debug-tools on the host network,
    // the log-agent DaemonSet with a hostPath volume, and their pods.
    QVERIFY(blockedObjects.contains(u"business-2/alpha-staging/Deployment/debug-tools"_s));
    QVERIFY(blockedObjects.contains(u"business-2/alpha-staging/DaemonSet/log-agent"_s));
    bool debugPod = false;
    bool agentPod = false;
    for (const QString &pod : stagingPods) {
        debugPod = debugPod || pod.startsWith(u"debug-tools-"_s);
        agentPod = agentPod || pod.startsWith(u"log-agent-"_s);
    }
    QVERIFY(debugPod && agentPod);

    // Checks, containers and fields of the Deployment's template.
    QList<PssImpactItem> debug;
    for (const PssImpactItem &item : preview.items()) {
        if (item.kind == u"Deployment"_s && item.name == u"debug-tools"_s)
            debug.append(item);
    }
    QCOMPARE(debug.size(), 2);
    QCOMPARE(debug[0].check, u"hostNamespaces"_s);
    QCOMPARE(debug[0].container, QString());
    QCOMPARE(debug[0].field, u"spec.template.spec.hostNetwork"_s);
    QCOMPARE(debug[1].check, u"privileged"_s);
    QCOMPARE(debug[1].container, u"debug"_s);
    QCOMPARE(debug[1].field, u"spec.template.spec.containers[0].securityContext.privileged"_s);

    // The server's own view of the equivalent PSA change names the same pods.
    const PssNamespaceImpact staging = results.at(m_alpha.indexOf(PssTarget{u"business-2"_s, u"alpha-staging"_s}));
    const QString warnings = staging.dryRunWarnings.join(u'\n');
    QVERIFY2(warnings.contains(u"baseline:latest"_s), qPrintable(warnings));
    for (const QString &pod : stagingPods)
        QVERIFY2(warnings.contains(pod) || warnings.contains(pod.section(u'-', 0, 1)), qPrintable(pod + u": "_s + warnings));
    // Nothing was persisted by the dry run.
    for (const NamespaceSecurityRow &row : security(m_admin.get(), {staging.target}))
        QCOMPARE(row.psa.enforce, QString());
}

void TestPssPolicies::applyReapplyReplaceRemove()
{
    // Templates already active (seeded ones, when labelled): replace deletes them too.
    QHash<QString, QStringList> before;
    for (const NamespaceSecurityRow &row : security(m_admin.get(), m_alpha)) {
        QVERIFY(!row.error);
        for (const ActiveTemplate &t : row.templates)
            before[row.target.namespaceName].append(t.policyName);
    }
    PssTemplateApplier applier(m_admin.get());
    const PssTemplate restricted = *PssTemplateCatalog::builtIn(u"restricted"_s);
    applier.apply(restricted, PssMode::Audit, m_alpha);
    QList<PssApplyResult> results = wait(applier);
    QCOMPARE(results.size(), m_alpha.size());
    for (const PssApplyResult &r : results) {
        QVERIFY2(!r.error, qPrintable(r.error ? r.error->message : QString()));
        // alpha-prod already held a seeded "restricted" Policy: it is taken over and updated.
        const bool existed = r.target.namespaceName == u"alpha-prod"_s || before.value(r.target.namespaceName).contains(u"restricted"_s);
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), existed ? u"updated"_s : u"created"_s);
    }
    auto templateOf = [](const NamespaceSecurityRow &row, const QString &name) -> std::optional<ActiveTemplate> {
        for (const ActiveTemplate &t : row.templates) {
            if (t.templateName == name)
                return t;
        }
        return std::nullopt;
    };
    for (const NamespaceSecurityRow &row : security(m_admin.get(), m_alpha)) {
        QVERIFY(!row.error);
        QCOMPARE(templateOf(row, u"restricted"_s).value_or(ActiveTemplate{}).mode, std::optional(PssMode::Audit));
    }

    applier.apply(restricted, PssMode::Audit, m_alpha); // identical: nothing changes
    for (const PssApplyResult &r : wait(applier))
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"unchanged"_s);

    applier.apply(restricted, PssMode::Enforce, m_alpha); // mode switch
    for (const PssApplyResult &r : wait(applier))
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"updated"_s);
    for (const NamespaceSecurityRow &row : security(m_admin.get(), m_alpha))
        QCOMPARE(templateOf(row, u"restricted"_s).value_or(ActiveTemplate{}).mode, std::optional(PssMode::Enforce));

    applier.apply(*PssTemplateCatalog::builtIn(u"nonroot"_s), PssMode::Audit, m_alpha, true); // replace
    for (const PssApplyResult &r : wait(applier)) {
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"created"_s);
        QStringList expected = before.value(r.target.namespaceName);
        expected.append(u"restricted"_s);
        expected.removeDuplicates();
        expected.sort();
        QCOMPARE(r.deletedPolicies, expected);
    }
    for (const NamespaceSecurityRow &row : security(m_admin.get(), m_alpha)) {
        QCOMPARE(row.templates.size(), 1);
        QCOMPARE(row.templates[0].templateName, u"nonroot"_s);
    }

    applier.remove(u"nonroot"_s, m_alpha);
    for (const PssApplyResult &r : wait(applier))
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"removed"_s);
    applier.remove(u"nonroot"_s, m_alpha);
    for (const PssApplyResult &r : wait(applier))
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"not found"_s);
    for (const NamespaceSecurityRow &row : security(m_admin.get(), m_alpha))
        QCOMPARE(row.templates.size(), 0);
}

void TestPssPolicies::psaLabels()
{
    PssTemplateApplier applier(m_admin.get());
    PsaLabelEdit edit;
    edit.enforce = u"baseline"_s;
    edit.enforceVersion = u"v1.30"_s;
    edit.warn = u"restricted"_s;
    edit.audit = u""_s; // removed
    QVERIFY(!applier.setPsaLabels(edit, m_alpha));
    for (const PssApplyResult &r : wait(applier)) {
        QVERIFY2(!r.error, qPrintable(r.error ? r.error->message : QString()));
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"updated"_s);
    }
    for (const NamespaceSecurityRow &row : security(m_admin.get(), m_alpha)) {
        QCOMPARE(row.psa.enforce, u"baseline"_s);
        QCOMPARE(row.psa.enforceVersion, u"v1.30"_s);
        QCOMPARE(row.psa.warn, u"restricted"_s);
        QCOMPARE(row.psa.audit, QString());
    }
    QVERIFY(!applier.setPsaLabels(edit, m_alpha));
    for (const PssApplyResult &r : wait(applier))
        QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"unchanged"_s);

    PsaLabelEdit bad;
    bad.enforce = u"strict"_s;
    const auto error = applier.setPsaLabels(bad, m_alpha);
    QVERIFY(error);
    QCOMPARE(error->message, u"invalid level \"strict\" for pod-security.kubernetes.io/enforce"_s);
    QVERIFY(!applier.isRunning());
}

void TestPssPolicies::aliceOnlyHerProject()
{
    auto alice = fleet(u"sandbox-alice/global"_s);
    QVERIFY(alice);
    const QList<PssTarget> beta = targetsOf(m_admin.get(), u"beta"_s);
    QVERIFY(!beta.isEmpty());
    QList<PssTarget> targets = m_alpha;
    targets.append(beta.first());
    PssTemplateApplier applier(alice.get());
    applier.apply(*PssTemplateCatalog::builtIn(u"baseline"_s), PssMode::Enforce, targets);
    for (const PssApplyResult &r : wait(applier)) {
        if (r.target == beta.first()) {
            QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"failed"_s);
            QVERIFY(r.error && r.error->isForbidden());
            QVERIFY2(r.error->message.contains(u"User \"alice\" cannot"_s), qPrintable(r.error->message));
            QVERIFY2(r.error->message.contains(beta.first().namespaceName), qPrintable(r.error->message));
        } else {
            QVERIFY2(!r.error, qPrintable(r.target.namespaceName + u": "_s + (r.error ? r.error->message : QString())));
            // applyReapplyReplaceRemove replaced every template in alpha's namespaces (the seeded,
            // labelled "baseline" of alpha-staging included) and then removed its own: alice
            // creates them afresh.
            QCOMPARE(PssApplyResult::outcomeName(r.outcome), u"created"_s);
        }
    }
    // Namespaces are not hers to relabel: the `admin` role a project owner holds in them reads
    // namespaces only, so the PSA label edit fails with the server's 403 in both projects.
    PsaLabelEdit edit;
    edit.enforce = u"restricted"_s;
    QVERIFY(!applier.setPsaLabels(edit, {beta.first(), m_alpha.first()}));
    const QList<PssApplyResult> labels = wait(applier);
    QCOMPARE(labels.size(), 2);
    for (const PssApplyResult &r : labels) {
        QVERIFY(r.error && r.error->isForbidden());
        QVERIFY2(r.error->message.contains(u"User \"alice\" cannot patch resource \"namespaces\""_s), qPrintable(r.error->message));
    }
}

QTEST_GUILESS_MAIN(TestPssPolicies)
#include "tst_psspolicies.moc"
