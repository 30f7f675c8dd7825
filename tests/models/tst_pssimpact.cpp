// PssImpactPreview::summarize, the impact preview's folding of owned objects (pure, no server):
//  - a Deployment's ReplicaSet and Pods, a CronJob's Job and Pods, a DaemonSet's and a
//    StatefulSet's Pods fold into the workload: its rows only, with the number of its violating
//    pods (transitively owned);
//  - a bare pod is listed as itself (1 pod); a pod owned by something not listed (a Node, an
//    operator's custom resource) is its own top-most owner;
//  - an owned object keeps rows for findings no failing owner has: an older ReplicaSet whose
//    template adds hostPID shows that check only (its shared findings fold into the Deployment),
//    with its own pods; a pod of a passing workload (template fixed since) shows as itself;
//  - only controller ownerReferences count; objects that pass have no rows;
//  - evaluated counts every object, blocked the objects with rows, affectedPods every
//    violating pod once;
//  - extra checks (Nonroot: Baseline + runAsNonRoot) are evaluated on top of the level.
#include "models/PssImpactPreview.h"

#include <QJsonArray>
#include <QtTest>

using namespace acp::models;
using namespace Qt::StringLiterals;

namespace {

const QJsonObject kBad{{u"hostNetwork"_s, true},
                       {u"containers"_s, QJsonArray{QJsonObject{{u"name"_s, u"app"_s}, {u"image"_s, u"i"_s},
                                                               {u"securityContext"_s, QJsonObject{{u"privileged"_s, true}}}}}}};
const QJsonObject kGood{{u"containers"_s, QJsonArray{QJsonObject{{u"name"_s, u"app"_s}, {u"image"_s, u"i"_s}}}}};

QJsonObject withHostPid(QJsonObject spec)
{
    spec.insert(u"hostPID"_s, true);
    return spec;
}

QJsonObject meta(const QString &name, const QString &uid, const QString &ownerUid, bool controller)
{
    QJsonObject m{{u"name"_s, name}, {u"uid"_s, uid}};
    if (!ownerUid.isEmpty())
        m.insert(u"ownerReferences"_s, QJsonArray{QJsonObject{{u"uid"_s, ownerUid}, {u"name"_s, u"owner"_s}, {u"kind"_s, u"X"_s},
                                                            {u"apiVersion"_s, u"v1"_s}, {u"controller"_s, controller}}});
    return m;
}

QJsonObject pod(const QString &name, const QString &owner, const QJsonObject &spec, bool controller = true)
{
    return {{u"kind"_s, u"Pod"_s}, {u"metadata"_s, meta(name, u"uid-"_s + name, owner, controller)}, {u"spec"_s, spec}};
}

QJsonObject workload(const QString &kind, const QString &name, const QString &owner, const QJsonObject &spec)
{
    const QJsonObject tmpl{{u"spec"_s, spec}};
    QJsonObject o{{u"kind"_s, kind}, {u"metadata"_s, meta(name, u"uid-"_s + name, owner, true)}};
    if (kind == u"CronJob"_s)
        o.insert(u"spec"_s, QJsonObject{{u"jobTemplate"_s, QJsonObject{{u"spec"_s, QJsonObject{{u"template"_s, tmpl}}}}}});
    else
        o.insert(u"spec"_s, QJsonObject{{u"template"_s, tmpl}});
    return o;
}

// "Kind/name" -> (pods, checks) of the rows.
QMap<QString, QPair<int, QStringList>> rows(const PssNamespaceImpact &impact)
{
    QMap<QString, QPair<int, QStringList>> out;
    for (const PssImpactItem &i : impact.items) {
        auto &r = out[i.kind + u'/' + i.name];
        r.first = i.pods;
        r.second.append(i.check);
    }
    return out;
}

} // namespace

class TestPssImpact : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void foldsIntoTopMostOwner();
    void ownedFindingsOfTheirOwn();
    void onlyControllerOwners();
    void extraChecks();
};

void TestPssImpact::foldsIntoTopMostOwner()
{
    const QList<QJsonObject> objects{
        workload(u"Deployment"_s, u"web"_s, {}, kBad),
        workload(u"ReplicaSet"_s, u"web-1"_s, u"uid-web"_s, kBad),
        pod(u"web-1-a"_s, u"uid-web-1"_s, kBad),
        pod(u"web-1-b"_s, u"uid-web-1"_s, kBad),
        workload(u"CronJob"_s, u"backup"_s, {}, kBad),
        workload(u"Job"_s, u"backup-1"_s, u"uid-backup"_s, kBad),
        pod(u"backup-1-a"_s, u"uid-backup-1"_s, kBad),
        workload(u"DaemonSet"_s, u"agent"_s, {}, kBad),
        pod(u"agent-a"_s, u"uid-agent"_s, kBad),
        pod(u"agent-b"_s, u"uid-agent"_s, kBad),
        pod(u"agent-c"_s, u"uid-agent"_s, kBad),
        workload(u"StatefulSet"_s, u"db"_s, {}, kGood),
        pod(u"db-0"_s, u"uid-db"_s, kGood),
        pod(u"legacy"_s, {}, kBad),
        pod(u"static"_s, u"uid-node-1"_s, kBad),   // owned by a Node, which is not listed
    };
    const PssTarget target{u"c"_s, u"n"_s};
    const PssNamespaceImpact impact = PssImpactPreview::summarize(target, objects, PssLevel::Baseline, PssVersion{});
    QCOMPARE(impact.target, target);
    QCOMPARE(impact.evaluated, int(objects.size()));
    const auto r = rows(impact);
    const QStringList checks{u"hostNamespaces"_s, u"privileged"_s};
    QCOMPARE(r.keys(), (QStringList{u"CronJob/backup"_s, u"DaemonSet/agent"_s, u"Deployment/web"_s, u"Pod/legacy"_s, u"Pod/static"_s}));
    QCOMPARE(r.value(u"Deployment/web"_s), qMakePair(2, checks));
    QCOMPARE(r.value(u"CronJob/backup"_s), qMakePair(1, checks));
    QCOMPARE(r.value(u"DaemonSet/agent"_s), qMakePair(3, checks));
    QCOMPARE(r.value(u"Pod/legacy"_s), qMakePair(1, checks));
    QCOMPARE(r.value(u"Pod/static"_s), qMakePair(1, checks));
    QCOMPARE(impact.blocked, 5);
    QCOMPARE(impact.affectedPods, 8);
    // The fields are the owner's own (the template's paths).
    for (const PssImpactItem &i : impact.items)
        if (i.kind == u"Deployment"_s && i.check == u"privileged"_s)
            QCOMPARE(i.field, u"spec.template.spec.containers[0].securityContext.privileged"_s);
    // Restricted: every object fails more checks, still folded the same way.
    const auto restricted = rows(PssImpactPreview::summarize(target, objects, PssLevel::Restricted, PssVersion{}));
    QVERIFY(restricted.contains(u"StatefulSet/db"_s));
    QVERIFY(!restricted.contains(u"Pod/db-0"_s));
    QCOMPARE(restricted.value(u"StatefulSet/db"_s).first, 1);
}

void TestPssImpact::ownedFindingsOfTheirOwn()
{
    const QList<QJsonObject> objects{
        workload(u"Deployment"_s, u"web"_s, {}, kBad),
        workload(u"ReplicaSet"_s, u"web-2"_s, u"uid-web"_s, kBad),
        pod(u"web-2-a"_s, u"uid-web-2"_s, kBad),
        // An older revision still running: its template also shares the host PID namespace.
        workload(u"ReplicaSet"_s, u"web-1"_s, u"uid-web"_s, withHostPid(kBad)),
        pod(u"web-1-a"_s, u"uid-web-1"_s, withHostPid(kBad)),
        // The API's template was fixed; an old pod still violates.
        workload(u"Deployment"_s, u"api"_s, {}, kGood),
        workload(u"ReplicaSet"_s, u"api-1"_s, u"uid-api"_s, kGood),
        pod(u"api-1-a"_s, u"uid-api-1"_s, kBad),
    };
    const PssNamespaceImpact impact = PssImpactPreview::summarize({u"c"_s, u"n"_s}, objects, PssLevel::Baseline, PssVersion{});
    const auto r = rows(impact);
    QCOMPARE(r.keys(), (QStringList{u"Deployment/web"_s, u"Pod/api-1-a"_s, u"ReplicaSet/web-1"_s}));
    QCOMPARE(r.value(u"Deployment/web"_s), qMakePair(2, (QStringList{u"hostNamespaces"_s, u"privileged"_s})));
    // The old revision: only its extra field (hostPID; hostNetwork and privileged are the
    // Deployment's), with its one pod, whose own findings all fold into it.
    QCOMPARE(r.value(u"ReplicaSet/web-1"_s), qMakePair(1, QStringList{u"hostNamespaces"_s}));
    QString field;
    for (const PssImpactItem &i : impact.items)
        if (i.name == u"web-1"_s)
            field = i.field;
    QCOMPARE(field, u"spec.template.spec.hostPID"_s);
    // A violating pod of a workload that passes now: listed as itself.
    QCOMPARE(r.value(u"Pod/api-1-a"_s), qMakePair(1, (QStringList{u"hostNamespaces"_s, u"privileged"_s})));
    QCOMPARE(impact.blocked, 3);
    QCOMPARE(impact.affectedPods, 3);
}

void TestPssImpact::onlyControllerOwners()
{
    const QList<QJsonObject> objects{
        workload(u"Deployment"_s, u"web"_s, {}, kBad),
        pod(u"adopted"_s, u"uid-web"_s, kBad, false),   // an ownerReference without controller: true
    };
    const auto r = rows(PssImpactPreview::summarize({u"c"_s, u"n"_s}, objects, PssLevel::Baseline, PssVersion{}));
    QCOMPARE(r.keys(), (QStringList{u"Deployment/web"_s, u"Pod/adopted"_s}));
    QCOMPARE(r.value(u"Deployment/web"_s).first, 0);
}

void TestPssImpact::extraChecks()
{
    // Nonroot = Baseline + Restricted's runAsNonRoot: a baseline-clean pod without
    // runAsNonRoot is listed for that check only; one that sets it is not.
    QJsonObject nonRoot = kGood;
    nonRoot.insert(u"securityContext"_s, QJsonObject{{u"runAsNonRoot"_s, true}});
    const QList<QJsonObject> objects{pod(u"root"_s, {}, kGood), pod(u"nonroot"_s, {}, nonRoot)};
    const PssNamespaceImpact impact = PssImpactPreview::summarize({u"c"_s, u"n"_s}, objects, PssLevel::Baseline, PssVersion{},
                                                                  {u"runAsNonRoot"_s});
    QCOMPARE(rows(impact).keys(), QStringList{u"Pod/root"_s});
    QStringList fields;
    for (const PssImpactItem &i : impact.items) {
        QCOMPARE(i.check, u"runAsNonRoot"_s);
        fields << i.field;
    }
    // Set for the pod or for every container: both places are named.
    QCOMPARE(fields, (QStringList{u"spec.securityContext.runAsNonRoot"_s, u"spec.containers[0].securityContext.runAsNonRoot"_s}));
    // Without the extra check, Baseline blocks neither.
    QVERIFY(PssImpactPreview::summarize({u"c"_s, u"n"_s}, objects, PssLevel::Baseline, PssVersion{}).items.isEmpty());
}

QTEST_GUILESS_MAIN(TestPssImpact)
#include "tst_pssimpact.moc"
