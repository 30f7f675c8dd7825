// The Projects area's models without a server: ProjectSpec (fields, validation through
// Quantity, JSON that keeps unknown fields), ProjectQuotaModel (usage vs allocation per
// namespace, cluster and project, thresholds; under QAbstractItemModelTester),
// ProjectListModel (over a ResourceStore) and ProjectQuotaBatch's JSON patches.
#include "models/ProjectListModel.h"
#include "models/ProjectQuotaBatch.h"
#include "models/ProjectQuotaModel.h"
#include "models/ResourceStore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace acp::models;

namespace {

QJsonObject project(const QString &name, const QJsonArray &clusters, const QString &created = QStringLiteral("2026-01-01T00:00:00Z"))
{
    return QJsonObject{{"apiVersion", "auth.alauda.io/v1"}, {"kind", "Project"},
                       {"metadata", QJsonObject{{"name", name}, {"uid", name + "-uid"}, {"resourceVersion", "1"},
                                                {"creationTimestamp", created},
                                                {"annotations", QJsonObject{{"cpaas.io/display-name", name.toUpper()},
                                                                            {"cpaas.io/creator", "admin"},
                                                                            {"example.com/keep", "me"}}}}},
                       {"spec", QJsonObject{{"clusters", clusters}}}};
}

QJsonObject quota(const QString &ns, const QJsonObject &hard, const QJsonObject &used)
{
    return QJsonObject{{"apiVersion", "v1"}, {"kind", "ResourceQuota"},
                       {"metadata", QJsonObject{{"name", "default"}, {"namespace", ns}}},
                       {"spec", QJsonObject{{"hard", hard}}},
                       {"status", QJsonObject{{"hard", hard}, {"used", used}}}};
}

} // namespace

class TestProjectModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void specFromAndToJson()
    {
        const QJsonObject p = project("alpha", QJsonArray{QJsonObject{{"name", "business-1"}, {"type", "kept"},
                                                                      {"quota", QJsonObject{{"requests.cpu", "10"}, {"pods", 100}}}}});
        ProjectSpec s = ProjectSpec::fromJson(p);
        QCOMPARE(s.name, QStringLiteral("alpha"));
        QCOMPARE(s.displayName, QStringLiteral("ALPHA"));
        QCOMPARE(s.creator, QStringLiteral("admin"));
        QCOMPARE(s.clusterNames(), QStringList{"business-1"});
        QCOMPARE(s.cluster("business-1")->quota.value("pods"), QStringLiteral("100"));   // integers read as quantities
        s.description = "Storefront";
        s.clusters[0].quota.insert("requests.memory", "4Gi");
        s.clusters << ProjectCluster{"business-2", {{"requests.cpu", "500m"}}};
        const QJsonObject out = s.applyTo(p);
        const QJsonObject ann = out["metadata"].toObject()["annotations"].toObject();
        QCOMPARE(ann["example.com/keep"].toString(), QStringLiteral("me"));
        QCOMPARE(ann["cpaas.io/description"].toString(), QStringLiteral("Storefront"));
        QCOMPARE(out["metadata"].toObject()["resourceVersion"].toString(), QStringLiteral("1"));   // optimistic concurrency
        const QJsonArray cl = out["spec"].toObject()["clusters"].toArray();
        QCOMPARE(cl.size(), 2);
        QCOMPARE(cl[0].toObject()["type"].toString(), QStringLiteral("kept"));
        QCOMPARE(cl[0].toObject()["quota"].toObject()["requests.memory"].toString(), QStringLiteral("4Gi"));
        QCOMPARE(cl[1].toObject()["quota"].toObject()["requests.cpu"].toString(), QStringLiteral("500m"));
        QCOMPARE(s.totalQuota().value("requests.cpu"), QStringLiteral("10500m"));
        QCOMPARE(s.quotaSummary(), QStringLiteral("CPU 10500m · Memory 4Gi · Pods 100"));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("cores") << "requests.cpu" << "2" << true;
        QTest::newRow("millicores") << "requests.cpu" << "500m" << true;
        QTest::newRow("gibibytes") << "requests.memory" << "4Gi" << true;
        QTest::newRow("GB is not a suffix") << "requests.memory" << "4GB" << false;
        QTest::newRow("text") << "limits.cpu" << "two" << false;
        QTest::newRow("empty") << "limits.cpu" << "" << false;
        QTest::newRow("negative") << "requests.storage" << "-1Gi" << false;
        QTest::newRow("whole pods") << "pods" << "20" << true;
        QTest::newRow("fractional pods") << "pods" << "1.5" << false;
        QTest::newRow("milli pvcs") << "persistentvolumeclaims" << "500m" << false;
    }
    void validation()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, ok);
        const auto err = ProjectSpec::validateQuantity(key, value);
        QVERIFY2(ok == !err.has_value(), qPrintable(err.value_or("accepted")));
        if (err)
            QVERIFY2(err->contains(ProjectSpec::quotaLabel(key)), qPrintable(*err));
    }

    void names()
    {
        QVERIFY(!ProjectSpec::validateName("team-a1"));
        QVERIFY(ProjectSpec::validateName(""));
        QVERIFY(ProjectSpec::validateName("Team"));
        QVERIFY(ProjectSpec::validateName("-a"));
        QVERIFY(ProjectSpec::validateName("a-"));
        QVERIFY(ProjectSpec::validateName("a.b"));
        QVERIFY(ProjectSpec::validateName(QString(64, 'a')));
        QVERIFY(!ProjectSpec::validateName(QString(63, 'a')));
        ProjectSpec s{"ok", {}, {}, {}, {ProjectCluster{"business-1", {{"requests.cpu", "x"}}}}};
        QVERIFY(s.validate()->startsWith("Cluster business-1: CPU requests"));
    }

    void namespaceObjects()
    {
        ProjectNamespaceSpec ns;
        ns.project = "alpha";
        ns.name = "alpha-qa";
        const QJsonObject labels = ns.namespaceJson()["metadata"].toObject()["labels"].toObject();
        QCOMPARE(labels["cpaas.io/project"].toString(), QStringLiteral("alpha"));
        for (const char *m : {"enforce", "audit", "warn"})
            QCOMPARE(labels[QStringLiteral("pod-security.kubernetes.io/") + QLatin1String(m)].toString(), QStringLiteral("restricted"));
        QVERIFY(!ns.validate());
        ns.enforce = "strict";
        QVERIFY(ns.validate()->contains("must be one of"));
        ns.enforce = "baseline";
        ns.quota = {{"requests.cpu", "2"}, {"pods", "abc"}};
        QVERIFY(ns.validate()->startsWith("Quota: Pods"));
        ns.quota["pods"] = "10";
        QCOMPARE(ns.resourceQuotaJson()["spec"].toObject()["hard"].toObject()["pods"].toString(), QStringLiteral("10"));
        ns.withLimitRange = true;
        ns.limitDefault = {{"cpu", "500m"}, {"memory", "512Mi"}};
        ns.limitDefaultRequest = {{"cpu", "100m"}};
        const QJsonObject item = ns.limitRangeJson()["spec"].toObject()["limits"].toArray()[0].toObject();
        QCOMPARE(item["type"].toString(), QStringLiteral("Container"));
        QCOMPARE(item["default"].toObject()["memory"].toString(), QStringLiteral("512Mi"));
        QCOMPARE(item["defaultRequest"].toObject()["cpu"].toString(), QStringLiteral("100m"));
    }

    void thresholds_data()
    {
        QTest::addColumn<QString>("used");
        QTest::addColumn<QString>("hard");
        QTest::addColumn<int>("state");
        QTest::newRow("none") << "0" << "10" << int(ObjectStatus::Ok);
        QTest::newRow("79.9%") << "7990m" << "10" << int(ObjectStatus::Ok);
        QTest::newRow("80%") << "8" << "10" << int(ObjectStatus::Warning);
        QTest::newRow("80% across units") << "3276.8Mi" << "4Gi" << int(ObjectStatus::Warning);
        QTest::newRow("99.9%") << "9990m" << "10" << int(ObjectStatus::Warning);
        QTest::newRow("100%") << "10" << "10" << int(ObjectStatus::Error);
        QTest::newRow("over") << "12" << "10" << int(ObjectStatus::Error);
        QTest::newRow("zero limit") << "0" << "0" << int(ObjectStatus::Error);
        QTest::newRow("no limit") << "5" << "" << int(ObjectStatus::Unknown);
    }
    void thresholds()
    {
        QFETCH(QString, used);
        QFETCH(QString, hard);
        QFETCH(int, state);
        const auto u = ProjectQuotaModel::usage(*Quantity::parse(used), hard.isEmpty() ? std::nullopt : std::optional(*Quantity::parse(hard)));
        QCOMPARE(int(u.state), state);
        if (hard.isEmpty())
            QCOMPARE(u.ratio, -1.0);
    }

    void quotaTree()
    {
        ProjectQuotaModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m.rowCount(), 1);   // the total row, even without a project
        ProjectSpec s = ProjectSpec::fromJson(project("alpha", QJsonArray{
            QJsonObject{{"name", "business-1"}, {"quota", QJsonObject{{"requests.cpu", "10"}, {"requests.memory", "20Gi"}, {"pods", "100"}}}},
            QJsonObject{{"name", "business-2"}, {"quota", QJsonObject{{"requests.cpu", "5"}}}}}));
        m.setProject(s);
        QCOMPARE(m.rowCount(), 3);
        m.setNamespaces("business-1", {"alpha-prod", "alpha-dev"});
        m.setNamespaces("business-2", {"alpha-staging"});
        QCOMPARE(m.rowCount(m.clusterIndex("business-1")), 2);
        QCOMPARE(m.namespaceIndex("business-1", "alpha-dev").row(), 0);   // sorted
        m.setQuotas("business-1", "alpha-dev", {quota("alpha-dev", {{"requests.cpu", "4"}, {"requests.memory", "8Gi"}, {"pods", "30"}},
                                                      {{"requests.cpu", "3500m"}, {"requests.memory", "1Gi"}, {"pods", "5"}})});
        m.setQuotas("business-1", "alpha-prod", {quota("alpha-prod", {{"requests.cpu", "8"}}, {{"requests.cpu", "4"}})});
        m.setQuotas("business-2", "alpha-staging", {quota("alpha-staging", {{"requests.cpu", "4"}}, {{"requests.cpu", "1"}})});
        // A quota of a namespace that is not the project's is ignored.
        m.setQuotas("business-2", "other", {quota("other", {{"requests.cpu", "4"}}, {{"requests.cpu", "4"}})});

        const int cpu = m.columnForKey("requests.cpu");
        const int mem = m.columnForKey("requests.memory");
        QVERIFY(cpu > 0 && mem > 0);
        const QModelIndex dev = m.namespaceIndex("business-1", "alpha-dev", cpu);
        QCOMPARE(dev.data().toString(), QStringLiteral("3500m / 4"));
        QCOMPARE(dev.data(ProjectQuotaModel::StateRole).toInt(), int(ObjectStatus::Warning));   // 87.5 %
        QCOMPARE(dev.data(ProjectQuotaModel::RatioRole).toDouble(), 0.875);
        QCOMPARE(dev.data(ProjectQuotaModel::ClusterRole).toString(), QStringLiteral("business-1"));
        QCOMPARE(dev.data(ProjectQuotaModel::NamespaceRole).toString(), QStringLiteral("alpha-dev"));
        const QModelIndex c1 = m.clusterIndex("business-1", cpu);
        QCOMPARE(c1.data(ProjectQuotaModel::UsedRole).toString(), QStringLiteral("7500m"));
        QCOMPARE(c1.data(ProjectQuotaModel::HardRole).toString(), QStringLiteral("10"));
        QCOMPARE(c1.data(ProjectQuotaModel::StateRole).toInt(), int(ObjectStatus::Ok));   // 75 %
        QCOMPARE(m.clusterIndex("business-1", mem).data().toString(), QStringLiteral("1Gi / 20Gi"));
        // business-2 has no memory allocation: no limit, state Unknown.
        QCOMPARE(m.clusterIndex("business-2", mem).data(ProjectQuotaModel::StateRole).toInt(), int(ObjectStatus::Unknown));
        QCOMPARE(m.clusterIndex("business-2", mem).data().toString(), QStringLiteral("—"));
        const QModelIndex total = m.index(0, cpu);
        QCOMPARE(total.data(ProjectQuotaModel::KindRole).toInt(), int(ProjectQuotaModel::TotalRow));
        QCOMPARE(total.data().toString(), QStringLiteral("8500m / 15"));

        // Usage changes keep the shape: dataChanged, no reset.
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&m, &QAbstractItemModel::dataChanged);
        m.setQuotas("business-2", "alpha-staging", {quota("alpha-staging", {{"requests.cpu", "4"}}, {{"requests.cpu", "5"}})});
        QCOMPARE(resets.size(), 0);
        QVERIFY(changes.size() > 0);
        QCOMPARE(m.clusterIndex("business-2", cpu).data(ProjectQuotaModel::StateRole).toInt(), int(ObjectStatus::Error));   // 5 of 5
        QCOMPARE(m.namespaceIndex("business-2", "alpha-staging", cpu).data(ProjectQuotaModel::StateRole).toInt(), int(ObjectStatus::Error));
        // A new namespace changes the shape.
        m.setNamespaces("business-2", {"alpha-staging", "alpha-qa"});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(m.namespaceIndex("business-2", "alpha-qa", cpu).data().toString(), QStringLiteral("—"));
        // A new allocation (edit of the project) is reflected.
        s.clusters[1].quota["requests.cpu"] = "20";
        m.setProject(s);
        QCOMPARE(m.clusterIndex("business-2", cpu).data(ProjectQuotaModel::StateRole).toInt(), int(ObjectStatus::Ok));
        m.clear();
        QCOMPARE(m.rowCount(), 1);
    }

    void projectList()
    {
        ResourceStore store;
        ProjectListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setNow(QDateTime(QDate(2026, 1, 3), QTime(0, 0), Qt::UTC));
        m.setStore(&store);
        QCOMPARE(m.rowCount(), 0);
        const QJsonArray two{QJsonObject{{"name", "business-1"}, {"quota", QJsonObject{{"requests.cpu", "10"}, {"pods", "100"}}}},
                             QJsonObject{{"name", "business-2"}, {"quota", QJsonObject{{"requests.cpu", "5"}}}}};
        store.replace({KubeObject::fromJson(project("beta", QJsonArray{})), KubeObject::fromJson(project("alpha", two))});
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.index(0, ProjectListModel::Name).data().toString(), QStringLiteral("alpha"));
        QCOMPARE(m.index(0, ProjectListModel::DisplayName).data().toString(), QStringLiteral("ALPHA"));
        QCOMPARE(m.index(0, ProjectListModel::Clusters).data().toString(), QStringLiteral("business-1, business-2"));
        QCOMPARE(m.index(0, ProjectListModel::Quota).data().toString(), QStringLiteral("CPU 15 · Pods 100"));
        QCOMPARE(m.index(0, ProjectListModel::Creator).data().toString(), QStringLiteral("admin"));
        QCOMPARE(m.index(0, ProjectListModel::Age).data().toString(), QStringLiteral("2d"));
        QCOMPARE(m.index(0, ProjectListModel::Namespaces).data().toString(), QStringLiteral("…"));
        m.setNamespaceCount("alpha", "business-1", 3);
        QCOMPARE(m.index(0, ProjectListModel::Namespaces).data().toString(), QStringLiteral("…"));
        QCOMPARE(m.index(0, ProjectListModel::Namespaces).data(Qt::ToolTipRole).toString(), QStringLiteral("business-1: 3\nbusiness-2: ?"));
        QCOMPARE(m.index(0, ProjectListModel::Quota).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("business-1: Pods 100, CPU requests 10\nbusiness-2: CPU requests 5"));
        m.setNamespaceCount("alpha", "business-2", 2);
        QCOMPARE(m.index(0, ProjectListModel::Namespaces).data().toString(), QStringLiteral("5"));
        QCOMPARE(m.index(1, ProjectListModel::Namespaces).data().toString(), QStringLiteral("0"));   // no clusters
        // An update keeps rows; a removal resets.
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        QJsonObject alpha2 = project("alpha", QJsonArray{two[0]});
        QJsonObject meta2 = alpha2["metadata"].toObject();
        meta2["resourceVersion"] = "2";
        alpha2["metadata"] = meta2;
        store.apply({StoreEvent{StoreEvent::Modified, KubeObject::fromJson(alpha2)}});
        QCOMPARE(resets.size(), 0);
        QCOMPARE(m.index(0, ProjectListModel::Namespaces).data().toString(), QStringLiteral("3"));
        store.apply({StoreEvent{StoreEvent::Deleted, KubeObject::fromJson(alpha2)}});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.rowOf("beta"), 0);
    }

    void batchPatches()
    {
        const QJsonObject p = project("alpha", QJsonArray{QJsonObject{{"name", "business-1"}, {"quota", QJsonObject{{"pods", "1"}}}},
                                                          QJsonObject{{"name", "business-2"}}});
        const QMap<QString, QString> q{{"requests.cpu", " 4 "}, {"count/pods", "9"}};
        QCOMPARE(QJsonDocument::fromJson(ProjectQuotaBatch::patchFor(p, "business-1", q)).array(),
                 QJsonDocument::fromJson(R"([{"op":"test","path":"/spec/clusters/0/name","value":"business-1"},
                     {"op":"add","path":"/spec/clusters/0/quota/count~1pods","value":"9"},
                     {"op":"add","path":"/spec/clusters/0/quota/requests.cpu","value":"4"}])").array());
        QCOMPARE(QJsonDocument::fromJson(ProjectQuotaBatch::patchFor(p, "business-2", {{"pods", "2"}})).array(),
                 QJsonDocument::fromJson(R"([{"op":"test","path":"/spec/clusters/1/name","value":"business-2"},
                     {"op":"add","path":"/spec/clusters/1/quota","value":{}},
                     {"op":"add","path":"/spec/clusters/1/quota/pods","value":"2"}])").array());
        QCOMPARE(QJsonDocument::fromJson(ProjectQuotaBatch::patchFor(p, "business-3", {{"pods", "2"}})).array(),
                 QJsonDocument::fromJson(R"([{"op":"add","path":"/spec/clusters/-","value":{"name":"business-3","quota":{"pods":"2"}}}])").array());
        ProjectQuotaBatch batch{acp::api::KubeClient()};
        QAbstractItemModelTester tester(&batch, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!batch.start(p, {}, q));   // nothing to do
        // An invalid client fails every cluster, each with its own result; nothing is lost.
        QSignalSpy finished(&batch, &ProjectQuotaBatch::finished);
        QVERIFY(batch.start(p, {"business-1", "business-2", "business-3", "business-4", "business-5"}, q));
        QVERIFY(finished.wait(5000));
        QCOMPARE(batch.rowCount(), 5);
        QCOMPARE(batch.failed(), 5);
        QVERIFY(!batch.message("business-5").isEmpty());
        QCOMPARE(batch.index(4, 0).data().toString(), QStringLiteral("business-5"));
    }
};

QTEST_GUILESS_MAIN(TestProjectModels)
#include "tst_projectmodels.moc"
