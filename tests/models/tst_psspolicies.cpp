// The Policies page models against acp-sandbox (--no-controllers, so pods hold still):
//  - PssTargets: project alpha's namespaces across its clusters (from the namespace directory);
//  - PssTemplateCatalog: the platform's samples seeded on global and business-1 (not on the
//    other clusters; a Deployment sample ignored), a sample added live on business-2 appears,
//    changes and goes; alice reads them too;
//  - PssImpactPreview: at baseline, exactly the seeded violators of alpha (alpha-staging's
//    privileged debug-tools with hostNetwork, the log-agent DaemonSet with a hostPath), each
//    once at its workload with its pod count (no ReplicaSet or pod rows), their checks,
//    containers and fields; the server's dry-run warnings for the PSA enforce change name the
//    same pods;
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
#include "models/NamespaceDirectory.h"
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
    void catalogSamples();
    void impactPreview();
    void applyReapplyReplaceRemove();
    void psaLabels();
    void aliceOnlyHerProject();

private:
    std::unique_ptr<Fleet> fleet(const QString &context);
    QList<PssTarget> targetsOf(Fleet *f, const QString &project);
    static QStringList sampleNames(const PssTemplateCatalog &catalog, const QString &cluster);
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
    // The project's namespaces as the Policies page's target bar reads them: from the fleet's
    // namespace directory, once every cluster's list has arrived.
    PssTargetsResult r;
    const bool done = QTest::qWaitFor([&] {
        r = PssTargets::ofProject(f->namespaces(), project, f->clusterNames());
        return r.pending.isEmpty();
    }, 20000);
    if (!done || !r.failures.isEmpty())
        qWarning("PssTargets::ofProject: %d clusters pending, %d failed", int(r.pending.size()), int(r.failures.size()));
    return r.targets;
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
    QVERIFY(test::SandboxProcess::hasKubectl());
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

QStringList TestPssPolicies::sampleNames(const PssTemplateCatalog &catalog, const QString &cluster)
{
    QStringList names;
    for (const PssTemplate &t : catalog.samples())
        if (t.cluster == cluster)
            names << t.name;
    return names;
}

void TestPssPolicies::catalogSamples()
{
    // The seed puts the platform's samples on global and business-1 only: restricted, nonroot
    // and privileged (kyverno.io Policies) and deployment-example (an apps/v1 Deployment, not
    // a pod security template).
    PssTemplateCatalog catalog;
    QSignalSpy failed(&catalog, &PssTemplateCatalog::discoveryFailed);
    for (const QString &cluster : m_admin->clusterNames())
        catalog.discover(m_admin->connection(cluster));
    QVERIFY(QTest::qWaitFor([&] {
        for (const QString &cluster : m_admin->clusterNames())
            if (!catalog.isDiscovered(cluster))
                return false;
        return true;
    }, 20000));
    QCOMPARE(failed.size(), 0);
    const QStringList seeded{u"nonroot"_s, u"privileged"_s, u"restricted"_s};
    QCOMPARE(sampleNames(catalog, u"global"_s), seeded);
    QCOMPARE(sampleNames(catalog, u"business-1"_s), seeded);
    QCOMPARE(sampleNames(catalog, u"business-2"_s), QStringList());
    QCOMPARE(sampleNames(catalog, u"business-3"_s), QStringList());
    QCOMPARE(catalog.templates().size(), 4 + 6);
    for (const PssTemplate &t : catalog.samples()) {
        QVERIFY(!t.builtIn);
        QCOMPARE(t.policyName, t.name);
        QCOMPARE(t.policy.value(u"kind"_s).toString(), u"Policy"_s);
        QVERIFY2(!t.description.isEmpty(), qPrintable(t.name));
    }
    const auto level = [&](const QString &name) {
        for (const PssTemplate &t : catalog.samples())
            if (t.cluster == u"business-1"_s && t.name == name)
                return t.level;
        return std::optional<PssLevel>();
    };
    QCOMPARE(level(u"restricted"_s), std::optional(PssLevel::Restricted));
    QCOMPARE(level(u"nonroot"_s), std::optional(PssLevel::Baseline));
    QCOMPARE(level(u"privileged"_s), std::optional(PssLevel::Privileged));

    // A sample added live appears on its cluster; changed, it changes; deleted, it goes.
    QSignalSpy changed(&catalog, &PssTemplateCatalog::changed);
    const QByteArray hostnetwork = R"({"apiVersion":"console.alauda.io/v1","kind":"ConsoleYAMLSample","metadata":{"name":"hostnetwork"},
        "spec":{"targetResource":{"apiVersion":"kyverno.io/v1","kind":"Policy"},"title":"Hostnetwork",
        "description":"Baseline, and pods may use the host network.",
        "yaml":"apiVersion: kyverno.io/v1\nkind: Policy\nmetadata:\n  name: hostnetwork\nspec:\n  validationFailureAction: Audit\n  rules:\n  - name: baseline\n    match:\n      any:\n      - resources:\n          kinds: [Pod]\n    validate:\n      podSecurity:\n        level: baseline\n        version: latest\n        exclude:\n        - controlName: Host Namespaces\n"}})";
    auto r = m_sandbox.kubectl({u"--context"_s, u"sandbox/business-2"_s, u"apply"_s, u"-f"_s, u"-"_s}, hostnetwork);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(QTest::qWaitFor([&] { return sampleNames(catalog, u"business-2"_s) == QStringList{u"hostnetwork"_s}; }, 20000));
    QVERIFY(changed.size() > 0);
    r = m_sandbox.kubectl({u"--context"_s, u"sandbox/business-2"_s, u"patch"_s, u"consoleyamlsamples.console.alauda.io"_s, u"hostnetwork"_s,
                           u"--type=merge"_s, u"-p"_s, u"{\"spec\":{\"title\":\"Host network\"}}"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(QTest::qWaitFor([&] {
        for (const PssTemplate &t : catalog.samples())
            if (t.cluster == u"business-2"_s && t.title == u"Host network"_s)
                return true;
        return false;
    }, 20000));
    // A sample of another kind, added live, is not a template.
    const QByteArray configMap = R"({"apiVersion":"console.alauda.io/v1","kind":"ConsoleYAMLSample","metadata":{"name":"configmap-example"},
        "spec":{"targetResource":{"apiVersion":"v1","kind":"ConfigMap"},"title":"ConfigMap","description":"An example.",
        "yaml":"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example\n"}})";
    r = m_sandbox.kubectl({u"--context"_s, u"sandbox/business-2"_s, u"apply"_s, u"-f"_s, u"-"_s}, configMap);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    r = m_sandbox.kubectl({u"--context"_s, u"sandbox/business-2"_s, u"delete"_s, u"consoleyamlsamples.console.alauda.io"_s, u"hostnetwork"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(QTest::qWaitFor([&] { return sampleNames(catalog, u"business-2"_s).isEmpty(); }, 20000));
    QCOMPARE(sampleNames(catalog, u"business-1"_s), seeded);

    // Every authenticated user reads the samples (alice included): no errors.
    auto alice = fleet(u"sandbox-alice/global"_s);
    QVERIFY(alice);
    PssTemplateCatalog aliceCatalog;
    QSignalSpy aliceFailed(&aliceCatalog, &PssTemplateCatalog::discoveryFailed);
    aliceCatalog.discover(alice->connection(u"business-1"_s));
    QVERIFY(QTest::qWaitFor([&] { return aliceCatalog.isDiscovered(u"business-1"_s); }, 20000));
    QCOMPARE(aliceFailed.size(), 0);
    QCOMPARE(sampleNames(aliceCatalog, u"business-1"_s), seeded);
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
    for (const PssNamespaceImpact &r : results) {
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).message));
        if (r.target.namespaceName != u"alpha"_s) // the project's own namespace holds no workloads
            QVERIFY2(r.evaluated > 0, qPrintable(r.target.namespaceName));
        for (const PssImpactItem &item : r.items) {
            QCOMPARE(item.target, r.target);
            blockedObjects.insert(item.target.cluster + u'/' + item.target.namespaceName + u'/' + item.kind + u'/' + item.name);
        }
        // The server warns about existing pods only when some would be blocked (and only when
        // the enforce level changes, so a namespace already at baseline stays quiet).
        if (!r.dryRunWarnings.isEmpty())
            QVERIFY2(r.affectedPods > 0, qPrintable(r.target.namespaceName + u": "_s + r.dryRunWarnings.join(u' ')));
    }
    // The seeded violators of alpha-staging, each once at its workload: the privileged
    // debug-tools Deployment on the host network and the log-agent DaemonSet with a hostPath
    // volume. Their ReplicaSet and pods fold into them (no rows of their own).
    QVERIFY(blockedObjects.contains(u"business-2/alpha-staging/Deployment/debug-tools"_s));
    QVERIFY(blockedObjects.contains(u"business-2/alpha-staging/DaemonSet/log-agent"_s));
    for (const QString &o : blockedObjects)
        QVERIFY2(!o.contains(u"/ReplicaSet/"_s) && !o.contains(u"/Pod/debug-tools-"_s) && !o.contains(u"/Pod/log-agent-"_s), qPrintable(o));
    // Each workload's rows count its running pods (all of them violate: same template).
    const auto podsOf = [&](const QString &app) {
        const auto listed = m_sandbox.kubectl({u"--context"_s, u"sandbox/business-2"_s, u"-n"_s, u"alpha-staging"_s, u"get"_s, u"pods"_s, u"-o"_s, u"name"_s});
        int n = 0;
        for (const QString &line : listed.out.split(u'\n', Qt::SkipEmptyParts))
            n += line.startsWith(u"pod/"_s + app + u'-') ? 1 : 0;
        return n;
    };
    const int debugPods = podsOf(u"debug-tools"_s);
    const int agentPods = podsOf(u"log-agent"_s);
    QVERIFY(debugPods > 0 && agentPods > 0);
    for (const PssImpactItem &item : preview.items()) {
        if (item.name == u"debug-tools"_s)
            QCOMPARE(item.pods, debugPods);
        if (item.name == u"log-agent"_s)
            QCOMPARE(item.pods, agentPods);
    }
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
    QVERIFY2(warnings.contains(u"debug-tools-"_s) && warnings.contains(u"log-agent-"_s), qPrintable(warnings));
    QCOMPARE(staging.affectedPods, debugPods + agentPods);
    // Nonroot (Baseline + runAsNonRoot): alpha-dev's Deployments do not declare runAsNonRoot
    // (the seeded require-run-as-nonroot Policy audits them): listed for that check, once each.
    QSignalSpy again(&preview, &PssImpactPreview::finished);
    preview.run(PssLevel::Baseline, PssVersion{}, {{u"business-1"_s, u"alpha-dev"_s}}, PssTemplateCatalog::builtIn(u"nonroot"_s)->extraChecks);
    QVERIFY(again.wait(30000));
    QSet<QString> nonRoot;
    for (const PssImpactItem &item : preview.items())
        if (item.check == u"runAsNonRoot"_s)
            nonRoot.insert(item.kind + u'/' + item.name);
    QVERIFY2(nonRoot.contains(u"Deployment/frontend"_s), qPrintable(QStringList(nonRoot.values()).join(u", "_s)));
    for (const QString &o : nonRoot)
        QVERIFY2(!o.startsWith(u"ReplicaSet/"_s) && !o.startsWith(u"Pod/frontend-"_s), qPrintable(o));

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
