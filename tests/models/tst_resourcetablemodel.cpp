// ResourceTableModel + TableColumns + ObjectStatus: columns per kind as kubectl prints them, cells
// equal to PrinterColumns', raw sort values, semantic status, ranged row operations per store
// batch, the all-clusters aggregate and lazy cells. Every model is under QAbstractItemModelTester.
#include "TableTestUtil.h"

#include "models/ObjectStatus.h"
#include "models/TableColumns.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace acp::models;
using namespace tabletest;

namespace {

const QDateTime kNow = at("2026-03-01T12:00:00Z");

// A model under test with its tester (created before any store is attached, so every signal is
// checked).
struct Harness {
    ResourceTableModel model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    explicit Harness(const TableColumns &columns)
    {
        tester = std::make_unique<QAbstractItemModelTester>(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCurrentTime(kNow);
        model.setColumns(columns);
    }
};

QVector<KubeObject> pods(int n, const QString &ns = QStringLiteral("default"), int from = 0)
{
    QVector<KubeObject> out;
    for (int i = from; i < from + n; ++i) {
        PodSpec p;
        p.ns = ns;
        p.name = QStringLiteral("pod-%1").arg(i, 3, 10, QLatin1Char('0'));
        out.append(pod(p));
    }
    return out;
}

} // namespace

class TestResourceTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void columnsPerKind_data();
    void columnsPerKind();
    void crdColumns();
    void namespaceAndWideToggles();
    void cellsMatchPrinterColumns_data();
    void cellsMatchPrinterColumns();
    void sortValues();
    void semanticStatus_data();
    void semanticStatus();
    void syntheticStatus();
    void rangedRowOperations();
    void largeOrScatteredBatchResets();
    void multiClusterAggregate();
    void firstListIntoEmptyBlockInserts();
    void storeDestroyedIsDetached();
    void lazyCellsAndBoundedCache();
    void statusWarmUp();
    void sortKeyParsing_data();
    void sortKeyParsing();
};

void TestResourceTableModel::initTestCase()
{
    if (!QDir(kShared + QStringLiteral("/testdata/api-objects")).exists())
        QSKIP("ACP_SHARED_DIR/testdata/api-objects is absent: the shared fixtures are needed");
}

void TestResourceTableModel::columnsPerKind_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("normal");
    QTest::addColumn<QString>("wide");
    QTest::newRow("pod") << "" << "Pod" << "NAMESPACE,NAME,READY,STATUS,RESTARTS,AGE"
                         << "NAMESPACE,NAME,READY,STATUS,RESTARTS,AGE,IP,NODE,NOMINATED NODE,READINESS GATES";
    QTest::newRow("deployment") << "apps" << "Deployment"
                                << "NAMESPACE,NAME,READY,UP-TO-DATE,AVAILABLE,STATUS,AGE"
                                << "NAMESPACE,NAME,READY,UP-TO-DATE,AVAILABLE,STATUS,AGE,CONTAINERS,IMAGES,SELECTOR";
    QTest::newRow("service") << "" << "Service" << "NAMESPACE,NAME,TYPE,CLUSTER-IP,EXTERNAL-IP,PORT(S),STATUS,AGE"
                             << "NAMESPACE,NAME,TYPE,CLUSTER-IP,EXTERNAL-IP,PORT(S),STATUS,AGE,SELECTOR";
    QTest::newRow("node") << "" << "Node" << "NAMESPACE,NAME,STATUS,ROLES,AGE,VERSION"
                          << "NAMESPACE,NAME,STATUS,ROLES,AGE,VERSION,INTERNAL-IP,EXTERNAL-IP,OS-IMAGE,KERNEL-VERSION,CONTAINER-RUNTIME";
    QTest::newRow("configmap") << "" << "ConfigMap" << "NAMESPACE,NAME,DATA,AGE" << "NAMESPACE,NAME,DATA,AGE";
    QTest::newRow("event (TYPE is its status)") << "" << "Event" << "NAMESPACE,LAST SEEN,TYPE,REASON,OBJECT,MESSAGE"
                                                << "NAMESPACE,LAST SEEN,TYPE,REASON,OBJECT,SUBOBJECT,SOURCE,MESSAGE,FIRST SEEN,COUNT,NAME";
    QTest::newRow("role (default convertor)") << "rbac.authorization.k8s.io" << "Role"
                                              << "NAMESPACE,NAME,CREATED AT" << "NAMESPACE,NAME,CREATED AT";
}

void TestResourceTableModel::columnsPerKind()
{
    QFETCH(QString, group);
    QFETCH(QString, kind);
    QFETCH(QString, normal);
    QFETCH(QString, wide);
    Harness h(TableColumns::forKind(group, kind));
    QCOMPARE(headers(h.model).join(u','), normal);
    h.model.setWide(true);
    QCOMPARE(headers(h.model).join(u','), wide);
    // No duplicates, ever.
    const QStringList all = headers(h.model);
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), all.size());
}

void TestResourceTableModel::crdColumns()
{
    // A CRD with additionalPrinterColumns (a Ready column, a priority-1 column, an Age on the
    // creation timestamp).
    const QJsonObject crd = QJsonDocument::fromJson(R"({
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
      "metadata": {"name": "certificates.cert-manager.io"},
      "spec": {"group": "cert-manager.io", "names": {"kind": "Certificate", "plural": "certificates"},
        "scope": "Namespaced",
        "versions": [{"name": "v1", "served": true, "storage": true,
          "additionalPrinterColumns": [
            {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"},
            {"name": "Secret", "type": "string", "jsonPath": ".spec.secretName"},
            {"name": "Issuer", "type": "string", "priority": 1, "jsonPath": ".spec.issuerRef.name"},
            {"name": "Renewals", "type": "integer", "jsonPath": ".status.renewals"},
            {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]}]}})").object();
    Harness h(TableColumns::forCustomResource(crd, QString()));
    QCOMPARE(headers(h.model).join(u','), QStringLiteral("NAMESPACE,NAME,READY,SECRET,RENEWALS,AGE"));
    h.model.setWide(true);
    QCOMPARE(headers(h.model).join(u','), QStringLiteral("NAMESPACE,NAME,READY,SECRET,ISSUER,RENEWALS,AGE"));

    ResourceStore store;
    auto cert = [](const char *name, const char *ready, int renewals, const char *created) {
        return KubeObject::fromJson(QJsonObject{
            {"apiVersion", "cert-manager.io/v1"}, {"kind", "Certificate"},
            {"metadata", QJsonObject{{"name", name}, {"namespace", "web"}, {"uid", name}, {"resourceVersion", "1"},
                                     {"creationTimestamp", created}}},
            {"spec", QJsonObject{{"secretName", QString::fromLatin1(name) + "-tls"}, {"issuerRef", QJsonObject{{"name", "le"}}}}},
            {"status", QJsonObject{{"renewals", renewals},
                                   {"conditions", QJsonArray{QJsonObject{{"type", "Ready"}, {"status", ready}}}}}}});
    };
    store.replace({cert("a", "True", 3, "2026-03-01T11:00:00Z"), cert("b", "False", 12, "2026-02-01T12:00:00Z")});
    h.model.addStore("c1", &store);
    QCOMPARE(column(h.model, 2), QStringList({"True", "False"}));
    QCOMPARE(column(h.model, 3), QStringList({"a-tls", "b-tls"}));
    QCOMPARE(column(h.model, 4), QStringList({"le", "le"}));
    QCOMPARE(column(h.model, 5), QStringList({"3", "12"}));
    QCOMPARE(column(h.model, 6), QStringList({"60m", "28d"}));
    QCOMPARE(h.model.index(1, 5).data(ResourceTableModel::SortRole).toLongLong(), 12);
    // Generic status from the Ready condition.
    QCOMPARE(h.model.index(0, 0).data(ResourceTableModel::StatusRole).toInt(), int(ObjectStatus::Ok));
    QCOMPARE(h.model.index(1, 0).data(ResourceTableModel::StatusRole).toInt(), int(ObjectStatus::Error));

    // The k9s CRD (v1beta1 shape, an Age column with its own description) keeps a single AGE.
    const TableColumns k9s = TableColumns::forCustomResource(load(kK9s + "crd.json"), QString());
    QStringList titles;
    for (const TableColumn &c : k9s.visible({}))
        titles.append(c.title);
    QCOMPARE(titles.join(u','), QStringLiteral("NAMESPACE,NAME,STATUS,AGE"));
}

void TestResourceTableModel::namespaceAndWideToggles()
{
    Harness h(TableColumns::forKind("", "Pod"));
    ResourceStore store;
    store.replace(pods(3));
    h.model.addStore("c1", &store);
    QSignalSpy resets(&h.model, &QAbstractItemModel::modelReset);
    h.model.setNamespaceColumnVisible(false);
    QCOMPARE(headers(h.model).join(u','), QStringLiteral("NAME,READY,STATUS,RESTARTS,AGE"));
    QCOMPARE(h.model.columnOf(TableColumn::Source::Name), 0);
    QCOMPARE(h.model.columnOf(TableColumn::Source::Namespace), -1);
    QCOMPARE(resets.size(), 1);
    h.model.setNamespaceColumnVisible(false); // no change, no reset
    QCOMPARE(resets.size(), 1);
    QCOMPARE(h.model.rowCount(), 3);
}

void TestResourceTableModel::cellsMatchPrinterColumns_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("group");
    for (const char *f : {"po.json", "po_init.json", "po_sidecar.json", "no.json", "svc.json", "ns.json", "cm.json",
                          "sec.json", "sa.json", "ev.json", "pv.json", "pv_terminating.json", "pvc.json", "ep.json"})
        QTest::newRow(f) << QString::fromLatin1(f) << QString();
    for (const char *f : {"dp.json", "ds.json", "sts.json", "rs.json"})
        QTest::newRow(f) << QString::fromLatin1(f) << QStringLiteral("apps");
    QTest::newRow("job.json") << "job.json" << "batch";
    QTest::newRow("cj.json") << "cj.json" << "batch";
    QTest::newRow("ing.json") << "ing.json" << "networking.k8s.io";
    QTest::newRow("np.json") << "np.json" << "networking.k8s.io";
    QTest::newRow("sc.json") << "sc.json" << "storage.k8s.io";
    QTest::newRow("pdb.json") << "pdb.json" << "policy";
    QTest::newRow("hpa.json") << "hpa.json" << "autoscaling";
    QTest::newRow("ro.json") << "ro.json" << "rbac.authorization.k8s.io";
    QTest::newRow("crb.json") << "crb.json" << "rbac.authorization.k8s.io";
}

void TestResourceTableModel::cellsMatchPrinterColumns()
{
    QFETCH(QString, file);
    QFETCH(QString, group);
    const QJsonObject json = load(kK9s + file);
    QVERIFY(!json.isEmpty());
    const QString kind = json.value("kind").toString();
    const TableColumns columns = TableColumns::forKind(group, kind);
    Harness h(columns);
    h.model.setWide(true);
    ResourceStore store;
    store.replace({KubeObject::fromJson(json)});
    h.model.addStore("c1", &store);
    QCOMPARE(h.model.rowCount(), 1);
    const QJsonArray cells = columns.printer().cells(json, kNow);
    for (int c = 0; c < h.model.columnCount(); ++c) {
        const TableColumn &col = h.model.visibleColumns().at(c);
        const QString text = h.model.index(0, c).data().toString();
        switch (col.source) {
        case TableColumn::Source::Name:
            QCOMPARE(text, cells.at(0).toString());
            QCOMPARE(h.model.index(0, c).data(ResourceTableModel::SortRole).toString(), json["metadata"]["name"].toString());
            break;
        case TableColumn::Source::Namespace:
            QCOMPARE(text, json["metadata"]["namespace"].toString());
            break;
        case TableColumn::Source::Age:
        case TableColumn::Source::CreatedAt: {
            // The printer's own age / created-at cell, where it has one, is the same text.
            const auto &defs = columns.printer().columns();
            for (int i = 0; i < defs.size(); ++i) {
                if (defs.at(i).name.toUpper() == col.title)
                    QCOMPARE(text, TableColumn::cellText(cells.at(i)));
            }
            break;
        }
        case TableColumn::Source::Status:
        case TableColumn::Source::Printer:
            if (col.printerIndex >= 0)
                QCOMPARE(text, TableColumn::cellText(cells.at(col.printerIndex)));
            else
                QCOMPARE(text, columns.statusFunction()(json).reason);
            break;
        case TableColumn::Source::Cluster:
            QFAIL("no CLUSTER column with one cluster");
        }
    }
}

void TestResourceTableModel::sortValues()
{
    Harness h(TableColumns::forKind("", "Pod"));
    ResourceStore store;
    PodSpec a; a.name = "a"; a.created = "2026-03-01T11:00:00Z"; a.ready = 1; a.total = 2; a.restarts = 12;
    PodSpec b; b.name = "b"; b.created = "2026-02-01T00:00:00Z"; b.ready = 2; b.total = 2; b.restarts = 3;
    PodSpec c; c.name = "c"; c.created = "2026-03-01T11:59:30Z"; c.ready = 2; c.total = 10; c.restarts = 0;
    store.replace({pod(a), pod(b), pod(c)});
    h.model.addStore("c1", &store);
    const int age = h.model.columnOf(TableColumn::Source::Age);
    const int ready = 2, restarts = 4;
    QCOMPARE(headers(h.model).at(ready), QStringLiteral("READY"));
    QCOMPARE(headers(h.model).at(restarts), QStringLiteral("RESTARTS"));
    auto sortValue = [&](int row, int col) { return h.model.index(row, col).data(ResourceTableModel::SortRole); };
    QCOMPARE(sortValue(0, age).toLongLong(), at("2026-03-01T11:00:00Z").toMSecsSinceEpoch());
    QCOMPARE(h.model.index(0, age).data().toString(), QStringLiteral("60m"));
    QCOMPARE(h.model.index(2, age).data().toString(), QStringLiteral("30s"));
    // READY sorts by ready count, then total: 1/2 < 2/2 < 2/10.
    QVERIFY(sortValue(0, ready).toDouble() < sortValue(1, ready).toDouble());
    QVERIFY(sortValue(1, ready).toDouble() < sortValue(2, ready).toDouble());
    // RESTARTS as integers (12 > 3 although "12" < "3" as text).
    QCOMPARE(sortValue(0, restarts).toLongLong(), 12);
    QCOMPARE(sortValue(1, restarts).toLongLong(), 3);
    QCOMPARE(sortValue(2, restarts).toLongLong(), 0);
    QCOMPARE(sortValue(0, 1).toString(), QStringLiteral("a")); // NAME
    QCOMPARE(h.model.index(1, 0).data(ResourceTableModel::KeyRole).toString(), QStringLiteral("default/b"));
    QCOMPARE(h.model.index(1, 0).data(ResourceTableModel::ClusterRole).toString(), QStringLiteral("c1"));
    const KubeObject o = h.model.index(1, 3).data(ResourceTableModel::ObjectRole).value<KubeObject>();
    QCOMPARE(o.name(), QStringLiteral("b"));
}

void TestResourceTableModel::semanticStatus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("state");
    QTest::newRow("crashloop") << kHealth + "pod-crashloop.yaml" << int(ObjectStatus::Error);
    QTest::newRow("imagepullbackoff") << kHealth + "pod-imagepullbackoff.yaml" << int(ObjectStatus::Error);
    QTest::newRow("pod error") << kHealth + "pod-error.yaml" << int(ObjectStatus::Error);
    QTest::newRow("pod failed") << kHealth + "pod-failed.yaml" << int(ObjectStatus::Error);
    QTest::newRow("pod pending") << kHealth + "pod-pending.yaml" << int(ObjectStatus::Pending);
    QTest::newRow("pod succeeded") << kHealth + "pod-succeeded.yaml" << int(ObjectStatus::Completed);
    QTest::newRow("pod running ready") << kHealth + "pod-running-restart-never.yaml" << int(ObjectStatus::Ok);
    QTest::newRow("pod running, crash looping") << kHealth + "pod-running-restart-onfailure.yaml" << int(ObjectStatus::Error);
    QTest::newRow("pod running not ready") << kHealth + "pod-running-not-ready.yaml" << int(ObjectStatus::Progressing);
    QTest::newRow("pod deleting") << kHealth + "pod-deletion.yaml" << int(ObjectStatus::Terminating);
    QTest::newRow("k9s pod") << kK9s + "po.json" << int(ObjectStatus::Ok);
    QTest::newRow("deployment degraded") << kHealth + "deployment-degraded.yaml" << int(ObjectStatus::Error);
    QTest::newRow("deployment progressing") << kHealth + "deployment-progressing.yaml" << int(ObjectStatus::Progressing);
    QTest::newRow("deployment paused") << kHealth + "deployment-suspended.yaml" << int(ObjectStatus::Warning);
    QTest::newRow("k9s node") << kK9s + "no.json" << int(ObjectStatus::Ok);
    QTest::newRow("pvc bound") << kHealth + "pvc-bound.yaml" << int(ObjectStatus::Ok);
    QTest::newRow("pvc pending") << kHealth + "pvc-pending.yaml" << int(ObjectStatus::Pending);
    QTest::newRow("job failed") << kHealth + "job-failed.yaml" << int(ObjectStatus::Error);
    QTest::newRow("job succeeded") << kHealth + "job-succeeded.yaml" << int(ObjectStatus::Completed);
    QTest::newRow("job running") << kHealth + "job-running.yaml" << int(ObjectStatus::Progressing);
    QTest::newRow("job suspended") << kHealth + "job-suspended.yaml" << int(ObjectStatus::Pending);
    QTest::newRow("lb unassigned") << kHealth + "svc-loadbalancer-unassigned.yaml" << int(ObjectStatus::Pending);
    QTest::newRow("lb assigned") << kHealth + "svc-loadbalancer.yaml" << int(ObjectStatus::Ok);
    QTest::newRow("pv terminating") << kK9s + "pv_terminating.json" << int(ObjectStatus::Terminating);
    QTest::newRow("apiservice false") << kHealth + "apiservice-v1-false.yaml" << int(ObjectStatus::Error);
    QTest::newRow("apiservice true") << kHealth + "apiservice-v1-true.yaml" << int(ObjectStatus::Ok);
}

void TestResourceTableModel::semanticStatus()
{
    QFETCH(QString, file);
    QFETCH(int, state);
    const QJsonObject json = load(file);
    QVERIFY(!json.isEmpty());
    const QString apiVersion = json.value("apiVersion").toString();
    const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    Harness h(TableColumns::forKind(group, json.value("kind").toString()));
    ResourceStore store;
    store.replace({KubeObject::fromJson(json)});
    h.model.addStore("c1", &store);
    const int got = h.model.index(0, 0).data(ResourceTableModel::StatusRole).toInt();
    QVERIFY2(got == state, qPrintable(QStringLiteral("%1 (%2) != %3")
                                          .arg(ObjectStatus::stateName(ObjectStatus::State(got)),
                                               h.model.index(0, 0).data(ResourceTableModel::StatusReasonRole).toString(),
                                               ObjectStatus::stateName(ObjectStatus::State(state)))));
    QCOMPARE(int(ObjectStatus::of(json).state), state);
}

void TestResourceTableModel::syntheticStatus()
{
    // Node NotReady -> Error, cordoned -> Warning.
    QJsonObject node = load(kK9s + "no.json");
    auto setCondition = [](QJsonObject &o, const char *type, const char *status) {
        QJsonObject st = o["status"].toObject();
        QJsonArray conds = st["conditions"].toArray();
        for (int i = 0; i < conds.size(); ++i) {
            QJsonObject c = conds[i].toObject();
            if (c["type"] == QLatin1String(type)) {
                c["status"] = status;
                conds[i] = c;
            }
        }
        st["conditions"] = conds;
        o["status"] = st;
    };
    QCOMPARE(ObjectStatus::of(node).state, ObjectStatus::Ok);
    QJsonObject notReady = node;
    setCondition(notReady, "Ready", "False");
    QCOMPARE(ObjectStatus::of(notReady).state, ObjectStatus::Error);
    QCOMPARE(ObjectStatus::of(notReady).reason, QStringLiteral("NotReady"));
    QJsonObject cordoned = node;
    QJsonObject spec = cordoned["spec"].toObject();
    spec["unschedulable"] = true;
    cordoned["spec"] = spec;
    QCOMPARE(ObjectStatus::of(cordoned).state, ObjectStatus::Warning);

    // Deployment settled below its desired availability -> Warning; fully available -> Ok.
    const QJsonObject unavailable = QJsonDocument::fromJson(R"({"apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "web", "namespace": "x", "generation": 2},
      "spec": {"replicas": 3},
      "status": {"observedGeneration": 2, "replicas": 3, "updatedReplicas": 3, "availableReplicas": 1, "readyReplicas": 1,
        "conditions": [{"type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable"},
                       {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}})").object();
    QCOMPARE(ObjectStatus::of(unavailable).state, ObjectStatus::Warning);
    QJsonObject available = unavailable;
    QJsonObject st = available["status"].toObject();
    st["availableReplicas"] = 3;
    st["conditions"] = QJsonArray{QJsonObject{{"type", "Available"}, {"status", "True"}}};
    available["status"] = st;
    QCOMPARE(ObjectStatus::of(available).state, ObjectStatus::Ok);

    // Synthetic pods.
    PodSpec p; p.name = "x";
    QCOMPARE(ObjectStatus::of(podJson(p)).state, ObjectStatus::Ok);
    p.waiting = "CrashLoopBackOff"; p.ready = 0;
    QCOMPARE(ObjectStatus::of(podJson(p)), ObjectStatus(ObjectStatus::Error, "CrashLoopBackOff"));
    p.waiting = "ContainerCreating"; p.phase = "Pending";
    QCOMPARE(ObjectStatus::of(podJson(p)), ObjectStatus(ObjectStatus::Pending, "ContainerCreating"));
    // A CRD object with neither conditions nor phase.
    QCOMPARE(ObjectStatus::of(QJsonObject{{"apiVersion", "x.io/v1"}, {"kind", "Thing"}}).state, ObjectStatus::Unknown);
    QCOMPARE(ObjectStatus::stateFromName("warning"), ObjectStatus::Warning);
}

void TestResourceTableModel::rangedRowOperations()
{
    Harness h(TableColumns::forKind("", "Pod"));
    ResourceStore store;
    const QVector<KubeObject> initial = pods(10);
    store.replace(initial);
    h.model.addStore("c1", &store);
    QCOMPARE(h.model.rowCount(), 10);
    QSignalSpy inserted(&h.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&h.model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&h.model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&h.model, &QAbstractItemModel::modelReset);

    // Three additions in one batch: one insert of a contiguous range at the end.
    store.apply({added(pods(1, "default", 10).first()), added(pods(1, "default", 11).first()),
                 added(pods(1, "default", 12).first())});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 10);
    QCOMPARE(inserted.at(0).at(2).toInt(), 12);
    QCOMPARE(h.model.index(12, 1).data().toString(), QStringLiteral("pod-012"));

    // Updates of rows 3, 4 and 8: two dataChanged runs (3-4, 8-8), full width.
    auto bump = [](const KubeObject &o) {
        return modified(o, [](QJsonObject &j) {
            QJsonObject st = j["status"].toObject();
            QJsonArray cs = st["containerStatuses"].toArray();
            QJsonObject c0 = cs[0].toObject();
            c0["restartCount"] = 7;
            cs[0] = c0;
            st["containerStatuses"] = cs;
            j["status"] = st;
        });
    };
    QCOMPARE(h.model.index(3, 4).data().toString(), QStringLiteral("0"));
    store.apply({changedEvent(bump(initial[3])), changedEvent(bump(initial[8])), changedEvent(bump(initial[4]))});
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 3);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 4);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(), h.model.columnCount() - 1);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 8);
    QCOMPARE(h.model.index(3, 4).data().toString(), QStringLiteral("7")); // cache invalidated by the update

    // Deletions of rows 1, 2 and 6: two removals (bottom-up), no reset.
    store.apply({deleted(initial[1]), deleted(initial[6]), deleted(initial[2])});
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed.at(0).at(1).toInt(), 6);
    QCOMPARE(removed.at(1).at(1).toInt(), 1);
    QCOMPARE(removed.at(1).at(2).toInt(), 2);
    QCOMPARE(h.model.rowCount(), 10);
    QCOMPARE(column(h.model, 1).join(u','),
             QStringLiteral("pod-000,pod-003,pod-004,pod-005,pod-007,pod-008,pod-009,pod-010,pod-011,pod-012"));
    QCOMPARE(h.model.rowOf("c1", "default/pod-008"), 5);
    QCOMPARE(h.model.rowOf("c1", "default/pod-001"), -1);

    // A mixed batch: remove, update, add.
    store.apply({deleted(initial[0]), changedEvent(bump(bump(initial[9]))), added(pods(1, "default", 20).first())});
    QCOMPARE(column(h.model, 1).join(u','),
             QStringLiteral("pod-003,pod-004,pod-005,pod-007,pod-008,pod-009,pod-010,pod-011,pod-012,pod-020"));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(h.model.rowOf("c1", "default/pod-020"), 9);
}

void TestResourceTableModel::largeOrScatteredBatchResets()
{
    Harness h(TableColumns::forKind("", "Pod"));
    h.model.setRangeLimit(4);
    ResourceStore store;
    const QVector<KubeObject> initial = pods(40);
    store.replace(initial);
    h.model.addStore("c1", &store);
    QSignalSpy resets(&h.model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&h.model, &QAbstractItemModel::rowsRemoved);
    // Every other row deleted: 10 runs > 4 -> one reset.
    QVector<StoreEvent> events;
    for (int i = 0; i < 20; i += 2)
        events.append(deleted(initial[i]));
    store.apply(events);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(h.model.rowCount(), 30);
    // A relist that replaces the store wholesale.
    store.replace(pods(5, "other"));
    QCOMPARE(h.model.rowCount(), 5);
    QCOMPARE(h.model.index(0, 0).data().toString(), QStringLiteral("other"));
    QVERIFY(resets.size() >= 2 || removed.size() > 0);
}

void TestResourceTableModel::multiClusterAggregate()
{
    Harness h(TableColumns::forKind("", "Pod"));
    ResourceStore east, west, east2;
    east.replace(pods(2, "a"));
    west.replace(pods(3, "b"));
    east2.replace(pods(1, "c"));
    h.model.addStore("east", &east);
    QCOMPARE(headers(h.model).first(), QStringLiteral("NAMESPACE"));
    QSignalSpy resets(&h.model, &QAbstractItemModel::modelReset);
    h.model.addStore("west", &west);
    QCOMPARE(resets.size(), 1); // CLUSTER column appears
    QCOMPARE(headers(h.model).join(u','), QStringLiteral("CLUSTER,NAMESPACE,NAME,READY,STATUS,RESTARTS,AGE"));
    QVERIFY(h.model.isClusterColumnVisible());
    QSignalSpy inserted(&h.model, &QAbstractItemModel::rowsInserted);
    h.model.addStore("east", &east2); // same cluster: no new column, a ranged insert
    QCOMPARE(resets.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(h.model.clusters(), QStringList({"east", "west"}));
    QCOMPARE(column(h.model, 0).join(u','), QStringLiteral("east,east,west,west,west,east"));
    QCOMPARE(h.model.rowOf("west", "b/pod-001"), 3);
    QCOMPARE(h.model.index(3, 0).data(ResourceTableModel::ClusterRole).toString(), QStringLiteral("west"));

    // Changes in the middle store land in its block.
    west.apply({added(pods(1, "b", 9).first())});
    QCOMPARE(column(h.model, 2).join(u','), QStringLiteral("pod-000,pod-001,pod-000,pod-001,pod-002,pod-009,pod-000"));
    east.apply({deleted(pods(1, "a", 0).first())});
    QCOMPARE(h.model.rowOf("west", "b/pod-009"), 4);
    QCOMPARE(h.model.rowOf("east", "c/pod-000"), 5);

    // Removing west leaves one cluster: CLUSTER goes away (reset).
    h.model.removeStore(&west);
    QCOMPARE(resets.size(), 2);
    QCOMPARE(headers(h.model).first(), QStringLiteral("NAMESPACE"));
    QCOMPARE(column(h.model, 0).join(u','), QStringLiteral("a,c"));
    h.model.removeStore(&east2); // ranged removal
    QCOMPARE(h.model.rowCount(), 1);
    QCOMPARE(h.model.stores().size(), 1);
}

void TestResourceTableModel::firstListIntoEmptyBlockInserts()
{
    // An all-clusters table fills as each cluster's informer syncs: a store's first list (a reset
    // delta into an empty block) is a ranged insert, not a model reset; a relist that replaces a
    // non-empty block still resets.
    Harness h(TableColumns::forKind("", "Pod"));
    ResourceStore east, west, north;
    h.model.addStore("east", &east);
    h.model.addStore("west", &west);
    h.model.addStore("north", &north);
    QSignalSpy resets(&h.model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&h.model, &QAbstractItemModel::rowsInserted);
    west.replace(pods(3, "b"));
    east.replace(pods(2, "a"));
    north.replace(pods(1, "c"));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(column(h.model, 0).join(u','), QStringLiteral("east,east,west,west,west,north"));
    QCOMPARE(h.model.rowOf("west", "b/pod-002"), 4);
    QCOMPARE(h.model.rowOf("north", "c/pod-000"), 5);
    west.replace(pods(2, "z"));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(column(h.model, 1).join(u','), QStringLiteral("a,a,z,z,c"));
}

void TestResourceTableModel::storeDestroyedIsDetached()
{
    Harness h(TableColumns::forKind("", "Pod"));
    auto store = std::make_unique<ResourceStore>();
    store->replace(pods(4));
    ResourceStore other;
    other.replace(pods(2, "x"));
    h.model.addStore("c1", store.get());
    h.model.addStore("c1", &other);
    QCOMPARE(h.model.rowCount(), 6);
    store.reset();
    QCOMPARE(h.model.rowCount(), 2);
    QCOMPARE(h.model.index(0, 0).data().toString(), QStringLiteral("x"));
}

void TestResourceTableModel::lazyCellsAndBoundedCache()
{
    Harness h(TableColumns::forKind("", "Pod"));
    h.model.setCellCacheLimit(100);
    ResourceStore store;
    store.replace(pods(500));
    h.model.addStore("c1", &store);
    QCOMPARE(h.model.cachedRowCount(), 0);
    // Hot columns never compute cells.
    for (int r = 0; r < 500; ++r) {
        h.model.index(r, 1).data();
        h.model.index(r, 5).data();
        h.model.index(r, 5).data(ResourceTableModel::SortRole);
    }
    QCOMPARE(h.model.cachedRowCount(), 0);
    QCOMPARE(h.model.index(7, 2).data().toString(), QStringLiteral("1/1"));
    QCOMPARE(h.model.cachedRowCount(), 1);
    for (int r = 0; r < 500; ++r)
        QCOMPARE(h.model.index(r, 3).data().toString(), QStringLiteral("Running"));
    QCOMPARE(h.model.cachedRowCount(), 100); // bounded
    // Statuses stay known after eviction (kept per row), and cells are recomputed on demand.
    QCOMPARE(h.model.stateAt(0), ObjectStatus::Ok);
    QCOMPARE(h.model.index(0, 2).data().toString(), QStringLiteral("1/1"));
    h.model.clearCellCache();
    QCOMPARE(h.model.cachedRowCount(), 0);
}

void TestResourceTableModel::statusWarmUp()
{
    Harness h(TableColumns::forKind("", "Pod"));
    ResourceStore store;
    QVector<KubeObject> objects = pods(5000);
    PodSpec crash; crash.name = "crash"; crash.waiting = "CrashLoopBackOff"; crash.ready = 0;
    objects.append(pod(crash));
    store.replace(objects);
    h.model.addStore("c1", &store);
    QCOMPARE(h.model.knownStateCount(), 0);
    h.model.setStatusWarmUp(true);
    QTRY_COMPARE_WITH_TIMEOUT(h.model.knownStateCount(), 5001, 20000);
    QCOMPARE(h.model.cachedRowCount(), 0); // states only, no cells
    const int row = h.model.rowOf("c1", "default/crash");
    QCOMPARE(h.model.stateAt(row), ObjectStatus::Error);
    QCOMPARE(h.model.cachedRowCount(), 0);
    // New rows get warmed up too; a column change forgets states (another status function).
    store.apply({added(pods(1, "default", 7000).first())});
    QTRY_COMPARE_WITH_TIMEOUT(h.model.knownStateCount(), 5002, 20000);
    h.model.setStatusWarmUp(false);
    h.model.setColumns(TableColumns::forKind("", "ConfigMap"));
    QCOMPARE(h.model.knownStateCount(), 0);
}

void TestResourceTableModel::sortKeyParsing_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("type");
    QTest::addColumn<double>("number");
    using K = TableColumn::SortKind;
    QTest::newRow("ready") << "2/3" << int(K::Auto) << int(SortKey::Number) << 2.0000003;
    QTest::newRow("restarts") << "5 (3m ago)" << int(K::Auto) << int(SortKey::Number) << 5.0;
    QTest::newRow("quantity") << "10Gi" << int(K::Auto) << int(SortKey::Number) << 10737418240.0;
    QTest::newRow("milli") << "250m" << int(K::Auto) << int(SortKey::Number) << 0.25;
    QTest::newRow("text") << "Running" << int(K::Auto) << int(SortKey::Text) << 0.0;
    QTest::newRow("ports") << "80/TCP" << int(K::Auto) << int(SortKey::Text) << 0.0;
    QTest::newRow("none") << "<none>" << int(K::Auto) << int(SortKey::None) << 0.0;
    QTest::newRow("duration") << "3d5h" << int(K::Duration) << int(SortKey::Number) << double((3 * 24 + 5) * 3600000LL);
    QTest::newRow("duration minutes") << "5m" << int(K::Duration) << int(SortKey::Number) << 300000.0;
    QTest::newRow("years") << "2y7d" << int(K::Duration) << int(SortKey::Number) << double(737LL * 24 * 3600000);
}

void TestResourceTableModel::sortKeyParsing()
{
    QFETCH(QString, cell);
    QFETCH(int, kind);
    QFETCH(int, type);
    QFETCH(double, number);
    const SortKey k = TableColumn::cellSortKey(cell, TableColumn::SortKind(kind));
    QCOMPARE(int(k.type), type);
    if (k.type == SortKey::Number)
        QCOMPARE(k.number, number);
    QCOMPARE(TableColumn::cellText(QJsonValue(3)), QStringLiteral("3"));
    // Text keys order as QString::compare, prefix-packed or not.
    for (const auto &[a, b] : {std::pair{"pod-10", "pod-9"}, {"abcdefghA", "abcdefghZ"}, {"ab", "abc"}, {"Zed", "abc"},
                               {"same-prefix-1", "same-prefix-2"}})
        QVERIFY2(SortKey::compare(SortKey::fromText(a), SortKey::fromText(b)) < 0, a);
    QCOMPARE(SortKey::compare(SortKey::fromText("x"), SortKey::fromText("x")), 0);
    QVERIFY(SortKey::compare(SortKey(), SortKey::fromNumber(-5)) < 0);
    QVERIFY(SortKey::compare(SortKey::fromNumber(1e12), SortKey::fromText("a")) < 0);
    QCOMPARE(TableColumn::cellText(QJsonValue("a\nb")), QStringLiteral("a..."));
    QCOMPARE(TableColumn::cellText(QJsonValue()), QString());
}

QTEST_GUILESS_MAIN(TestResourceTableModel)
#include "tst_resourcetablemodel.moc"
