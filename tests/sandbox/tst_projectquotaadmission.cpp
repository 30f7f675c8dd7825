// The sandbox's Project admission (sandbox/AdmissionProjectQuota.h) on the seeded demo fleet,
// through SimCluster's write path: a cluster's project quota may not drop below what the
// project's namespaces there already have assigned (sum of their ResourceQuota spec.hard);
// unchanged clusters are not re-checked; invalid quantities are 422; creators are stamped.
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>
#include <QtTest>

using namespace acp::sandbox;

class TestProjectQuotaAdmission : public QObject {
    Q_OBJECT

    SimCluster *global() const { return m_sandbox->cluster(QStringLiteral("global")); }
    const ResourceType &projects() const { return *global()->registry().find("auth.alauda.io", "v1", "projects"); }
    QJsonObject alpha() const { return global()->store().get(QStringLiteral("auth.alauda.io/projects"), QString(), QStringLiteral("alpha"))->obj; }
    static QJsonObject withQuota(QJsonObject project, const QString &cluster, const QString &key, const QJsonValue &value)
    {
        QJsonObject spec = project["spec"].toObject();
        QJsonArray clusters = spec["clusters"].toArray();
        for (qsizetype i = 0; i < clusters.size(); ++i) {
            QJsonObject c = clusters[i].toObject();
            if (c["name"].toString() != cluster)
                continue;
            QJsonObject q = c["quota"].toObject();
            q.insert(key, value);
            c.insert("quota", q);
            clusters.replace(i, c);
        }
        spec.insert("clusters", clusters);
        project.insert("spec", spec);
        return project;
    }
    WriteOptions as(const QString &user) const
    {
        WriteOptions o;
        o.user.name = user;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions o;
        o.port = 0;
        o.controllers = false;
        m_sandbox = std::make_unique<Sandbox>(o);
        QString err;
        QVERIFY2(m_sandbox->start(&err), qPrintable(err));
        QVERIFY(global());
    }

    void quotaBelowAssignedIsRefused()
    {
        // Seed: alpha's namespaces in business-1 assign requests.cpu 4 (alpha-dev) + 8 (alpha-prod).
        auto r = global()->update(projects(), withQuota(alpha(), "business-1", "requests.cpu", "10"), as("admin"));
        QVERIFY(!r);
        QCOMPARE(r.error().httpStatus, 403);
        QCOMPARE(r.error().message, QStringLiteral("projects.auth.alauda.io \"alpha\" is forbidden: cluster business-1: requests.cpu quota 10 "
                                                   "is less than the 12 already assigned to the project's namespaces (alpha-dev, alpha-prod)"));
        // Several resources at once are all named.
        QJsonObject both = withQuota(withQuota(alpha(), "business-1", "requests.cpu", "1"), "business-1", "pods", "5");
        r = global()->update(projects(), both, as("admin"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains("pods quota 5 is less than the 90 already assigned, requests.cpu quota 1 is less than the 12"),
                 qPrintable(r.error().message));
    }

    void quotaAtOrAboveAssignedIsAccepted()
    {
        auto r = global()->update(projects(), withQuota(alpha(), "business-1", "requests.cpu", "12"), as("admin"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        // business-2 has only alpha-staging (4): 10 fits.
        r = global()->update(projects(), withQuota(alpha(), "business-2", "requests.cpu", 10), as("admin"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    }

    void unchangedClustersAreNotRechecked()
    {
        // Make business-1 over-assigned behind the project's back (a namespace quota raised directly).
        SimCluster *b1 = m_sandbox->cluster("business-1");
        QJsonObject q = b1->store().get(QStringLiteral("/resourcequotas"), QStringLiteral("alpha-prod"), QStringLiteral("default"))->obj;
        QJsonObject spec = q["spec"].toObject();
        QJsonObject hard = spec["hard"].toObject();
        hard.insert("requests.cpu", "100");
        spec.insert("hard", hard);
        q.insert("spec", spec);
        QVERIFY(b1->apply(q));
        // An edit of business-2 alone still goes through.
        auto r = global()->update(projects(), withQuota(alpha(), "business-2", "pods", "150"), as("admin"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    }

    void invalidQuantity()
    {
        auto r = global()->update(projects(), withQuota(alpha(), "business-2", "requests.memory", "4GB"), as("admin"));
        QVERIFY(!r);
        QCOMPARE(r.error().httpStatus, 422);
        QVERIFY2(r.error().message.contains("4GB") && r.error().message.contains("spec.clusters[1].quota"), qPrintable(r.error().message));
    }

    void createStampsCreatorAndChecksNewClusters()
    {
        QJsonObject p{{"apiVersion", "auth.alauda.io/v1"}, {"kind", "Project"}, {"metadata", QJsonObject{{"name", "epsilon"}}},
                      {"spec", QJsonObject{{"clusters", QJsonArray{QJsonObject{{"name", "business-3"}, {"quota", QJsonObject{{"pods", "10"}}}}}}}}};
        auto r = global()->create(projects(), p, as("alice"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->obj["metadata"].toObject()["annotations"].toObject()["cpaas.io/creator"].toString(), QStringLiteral("alice"));

        // Namespaces labelled for a project that does not exist yet count when it is created.
        SimCluster *b3 = m_sandbox->cluster("business-3");
        QVERIFY(b3->apply(QJsonObject{{"apiVersion", "v1"}, {"kind", "Namespace"},
                                      {"metadata", QJsonObject{{"name", "zeta-app"}, {"labels", QJsonObject{{"cpaas.io/project", "zeta"}}}}}}));
        QVERIFY(b3->apply(QJsonObject{{"apiVersion", "v1"}, {"kind", "ResourceQuota"},
                                      {"metadata", QJsonObject{{"name", "default"}, {"namespace", "zeta-app"}}},
                                      {"spec", QJsonObject{{"hard", QJsonObject{{"limits.memory", "8Gi"}}}}}}));
        p["metadata"] = QJsonObject{{"name", "zeta"}, {"annotations", QJsonObject{{"cpaas.io/creator", "someone"}}}};
        p["spec"] = QJsonObject{{"clusters", QJsonArray{QJsonObject{{"name", "business-3"}, {"quota", QJsonObject{{"limits.memory", "4Gi"}}}}}}};
        r = global()->create(projects(), p, as("admin"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains("cluster business-3: limits.memory quota 4Gi is less than the 8Gi already assigned to the "
                                            "project's namespaces (zeta-app)"), qPrintable(r.error().message));
        p["spec"] = QJsonObject{{"clusters", QJsonArray{QJsonObject{{"name", "business-3"}, {"quota", QJsonObject{{"limits.memory", "8Gi"}}}}}}};
        r = global()->create(projects(), p, as("admin"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->obj["metadata"].toObject()["annotations"].toObject()["cpaas.io/creator"].toString(), QStringLiteral("someone"));
    }

private:
    std::unique_ptr<Sandbox> m_sandbox;
};

QTEST_GUILESS_MAIN(TestProjectQuotaAdmission)
#include "tst_projectquotaadmission.moc"
