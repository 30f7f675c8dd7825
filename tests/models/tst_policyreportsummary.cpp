// PolicyReportSummary: per (cluster, namespace, policy) counts from results[] (not the report
// summary; a ClusterPolicy's results split per namespace),
// resources from the report's scope (Kyverno 1.10+ per-resource reports) or the result's
// resources[] (older reports), findings ordered fail, error, warn, and the table model under
// QAbstractItemModelTester.
#include "models/PolicyReportSummary.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// A per-resource report as Kyverno writes it (and the sandbox's background scan).
QJsonObject podReport(const QString &ns, const QString &pod, const QJsonArray &results)
{
    QJsonObject r = json(R"({"apiVersion":"wgpolicyk8s.io/v1alpha2","kind":"PolicyReport",
        "summary":{"pass":99,"fail":99}})");
    r.insert(u"metadata"_s, QJsonObject{{u"name"_s, u"uid-"_s + pod}, {u"namespace"_s, ns}});
    r.insert(u"scope"_s, QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Pod"_s}, {u"name"_s, pod}, {u"namespace"_s, ns}});
    r.insert(u"results"_s, results);
    return r;
}

QJsonObject result(const QString &policy, const QString &rule, const QString &outcome, const QString &message = QString())
{
    return QJsonObject{{u"policy"_s, policy}, {u"rule"_s, rule}, {u"result"_s, outcome}, {u"message"_s, message}};
}

} // namespace

class TestPolicyReportSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void perPolicyCountsFromResults();
    void olderReportsWithResources();
    void findingsOrder();
    void clusterPolicyPerNamespace();
    void model();
};

void TestPolicyReportSummary::perPolicyCountsFromResults()
{
    const QList<PolicyReportInput> in{
        {u"business-2"_s, podReport(u"alpha-staging"_s, u"debug-tools-1"_s,
                                    {result(u"alpha-staging/baseline"_s, u"baseline"_s, u"fail"_s, u"hostNetwork=true"_s),
                                     result(u"alpha-staging/nonroot"_s, u"run-as-non-root"_s, u"pass"_s)})},
        {u"business-2"_s, podReport(u"alpha-staging"_s, u"web-1"_s, {result(u"alpha-staging/baseline"_s, u"baseline"_s, u"pass"_s)})},
        {u"business-1"_s, podReport(u"alpha-prod"_s, u"legacy-exporter"_s,
                                    {result(u"alpha-prod/restricted"_s, u"restricted"_s, u"fail"_s, u"runAsNonRoot != true"_s)})},
    };
    const QList<PolicyReportRow> rows = PolicyReportSummary::summarize(in);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].cluster, u"business-1"_s);
    QCOMPARE(rows[0].policy, u"alpha-prod/restricted"_s);
    QCOMPARE(rows[0].fail, 1);
    QCOMPARE(rows[1].policy, u"alpha-staging/baseline"_s);
    QCOMPARE(rows[1].pass, 1);
    QCOMPARE(rows[1].fail, 1);   // from results, not the report's summary (99)
    QCOMPARE(rows[1].findings.size(), 1);
    const PolicyReportFinding &f = rows[1].findings[0];
    QCOMPARE(f.resource.kind, u"Pod"_s);
    QCOMPARE(f.resource.name, u"debug-tools-1"_s);
    QCOMPARE(f.resource.namespaceName, u"alpha-staging"_s);
    QCOMPARE(f.rule, u"baseline"_s);
    QCOMPARE(f.message, u"hostNetwork=true"_s);
    QCOMPARE(f.cluster, u"business-2"_s);
    QCOMPARE(rows[2].policy, u"alpha-staging/nonroot"_s);
    QCOMPARE(rows[2].pass, 1);
    QVERIFY(rows[2].findings.isEmpty());
}

void TestPolicyReportSummary::olderReportsWithResources()
{
    // One report per namespace, each result listing its resources; a result without any
    // resource counts once.
    QJsonObject r = json(R"({"apiVersion":"wgpolicyk8s.io/v1alpha2","kind":"PolicyReport",
      "metadata":{"name":"polr-ns-beta","namespace":"beta"},
      "results":[
        {"policy":"require-labels","rule":"check-team","result":"fail","message":"label team is required",
         "resources":[{"kind":"Pod","name":"a"},{"kind":"Deployment","name":"b","namespace":"beta"}]},
        {"policy":"require-labels","rule":"check-team","result":"skip"},
        {"policy":"require-labels","rule":"check-team","result":"warn","message":"deprecated"}]})");
    const QList<PolicyReportRow> rows = PolicyReportSummary::summarize({{u"c"_s, r}});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].fail, 2);
    QCOMPARE(rows[0].skip, 1);
    QCOMPARE(rows[0].warn, 1);
    QCOMPARE(rows[0].findings.size(), 3);
    QCOMPARE(rows[0].findings[0].resource.namespaceName, u"beta"_s);   // from the report
    QCOMPARE(rows[0].findings[0].resource.kind, u"Deployment"_s);      // by resource within fail
    QCOMPARE(rows[0].findings[2].result, u"warn"_s);
    QVERIFY(rows[0].findings[2].resource.name.isEmpty());
}

void TestPolicyReportSummary::findingsOrder()
{
    const QList<PolicyReportRow> rows = PolicyReportSummary::summarize({
        {u"c"_s, podReport(u"n"_s, u"z"_s, {result(u"p"_s, u"r"_s, u"warn"_s)})},
        {u"c"_s, podReport(u"n"_s, u"y"_s, {result(u"p"_s, u"r"_s, u"error"_s)})},
        {u"c"_s, podReport(u"n"_s, u"x"_s, {result(u"p"_s, u"r"_s, u"fail"_s)})},
    });
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].error, 1);
    QStringList order;
    for (const PolicyReportFinding &f : rows[0].findings)
        order << f.result + u':' + f.resource.name;
    QCOMPARE(order, (QStringList{u"fail:x"_s, u"error:y"_s, u"warn:z"_s}));
}

void TestPolicyReportSummary::clusterPolicyPerNamespace()
{
    // A ClusterPolicy's results (policy name without a namespace) in two namespaces: a row each.
    const QList<PolicyReportRow> rows = PolicyReportSummary::summarize({
        {u"c"_s, podReport(u"beta"_s, u"b"_s, {result(u"require-labels"_s, u"check-team"_s, u"fail"_s)})},
        {u"c"_s, podReport(u"alpha"_s, u"a1"_s, {result(u"require-labels"_s, u"check-team"_s, u"fail"_s)})},
        {u"c"_s, podReport(u"alpha"_s, u"a2"_s, {result(u"require-labels"_s, u"check-team"_s, u"pass"_s)})},
    });
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].namespaceName, u"alpha"_s);
    QCOMPARE(rows[0].policy, u"require-labels"_s);
    QCOMPARE(rows[0].fail, 1);
    QCOMPARE(rows[0].pass, 1);
    QCOMPARE(rows[0].findings.size(), 1);
    QCOMPARE(rows[0].findings[0].resource.name, u"a1"_s);
    QCOMPARE(rows[1].namespaceName, u"beta"_s);
    QCOMPARE(rows[1].fail, 1);
    QCOMPARE(rows[1].pass, 0);
}

void TestPolicyReportSummary::model()
{
    PolicyReportSummary model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setReports({{u"b1"_s, podReport(u"n"_s, u"p1"_s, {result(u"n/restricted"_s, u"restricted"_s, u"fail"_s, u"m"_s)})},
                      {u"b1"_s, podReport(u"n"_s, u"p2"_s, {result(u"n/restricted"_s, u"restricted"_s, u"pass"_s)})}});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(PolicyReportSummary::ColumnCount));
    QCOMPARE(model.reportCount(), 2);
    QCOMPARE(model.index(0, PolicyReportSummary::NamespaceColumn).data().toString(), u"n"_s);
    QCOMPARE(model.index(0, PolicyReportSummary::PolicyColumn).data().toString(), u"restricted"_s);   // "n/" is the namespace
    QCOMPARE(model.index(0, PolicyReportSummary::FailColumn).data().toInt(), 1);
    QCOMPARE(model.index(0, PolicyReportSummary::PassColumn).data().toInt(), 1);
    QCOMPARE(model.headerData(PolicyReportSummary::FailColumn, Qt::Horizontal).toString(), u"Fail"_s);
    QCOMPARE(model.totalFail(), 1);
    QCOMPARE(model.totalPass(), 1);
    model.setReports({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestPolicyReportSummary)
#include "tst_policyreportsummary.moc"
