// StrategicMerge: strategic merge patch semantics of k8s.io/apimachinery strategicpatch.
#include "sandbox/StrategicMerge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using acp::sandbox::StrategicMerge;

namespace {

QJsonObject obj(const QString &text)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError)
        qWarning() << "bad test JSON" << e.errorString() << text;
    return d.object();
}

// A Deployment whose pod template spec is `podSpec`.
QString deployment(const QString &podSpec)
{
    return QStringLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
        "spec":{"replicas":1,"template":{"spec":%1}}})").arg(podSpec);
}

QString podPatch(const QString &podSpec)
{
    return QStringLiteral(R"({"spec":{"template":{"spec":%1}}})").arg(podSpec);
}

} // namespace

class TestStrategicMerge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void apply_data();
    void apply();
    void errors_data();
    void errors();
    void supportsStrategicMerge();
    void groupAndKindFromObject();
};

void TestStrategicMerge::apply_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("original");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("expected");

    const QString ab = R"({"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis"}]})";
    QTest::newRow("containers merge by name") << "apps/Deployment" << deployment(ab)
        << podPatch(R"({"containers":[{"name":"b","image":"redis:7"}]})")
        << deployment(R"({"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis:7"}]})");
    QTest::newRow("new container comes first") << "apps/Deployment" << deployment(ab)
        << podPatch(R"({"containers":[{"name":"c","image":"busybox"}]})")
        << deployment(R"({"containers":[{"name":"c","image":"busybox"},{"name":"a","image":"nginx"},{"name":"b","image":"redis"}]})");
    QTest::newRow("$patch delete item") << "apps/Deployment" << deployment(ab)
        << podPatch(R"({"containers":[{"name":"a","$patch":"delete"}]})")
        << deployment(R"({"containers":[{"name":"b","image":"redis"}]})");
    QTest::newRow("$patch replace list") << "apps/Deployment" << deployment(ab)
        << podPatch(R"({"containers":[{"name":"x","image":"y"},{"$patch":"replace"}]})")
        << deployment(R"({"containers":[{"name":"x","image":"y"}]})");
    QTest::newRow("$setElementOrder") << "apps/Deployment" << deployment(ab)
        << podPatch(R"({"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"nginx:2"}]})")
        << deployment(R"({"containers":[{"name":"b","image":"redis"},{"name":"a","image":"nginx:2"}]})");
    QTest::newRow("initContainers by name") << "" << R"({"apiVersion":"v1","kind":"Pod","spec":{"initContainers":[{"name":"i","image":"a"}]}})"
        << R"({"spec":{"initContainers":[{"name":"i","image":"b"}]}})"
        << R"({"apiVersion":"v1","kind":"Pod","spec":{"initContainers":[{"name":"i","image":"b"}]}})";
    QTest::newRow("ports by containerPort") << "apps/Deployment"
        << deployment(R"({"containers":[{"name":"a","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]})")
        << podPatch(R"({"containers":[{"name":"a","ports":[{"containerPort":80,"name":"web"},{"containerPort":8080}]}]})")
        << deployment(R"({"containers":[{"name":"a","ports":[{"containerPort":80,"name":"web"},{"containerPort":8080},{"containerPort":443}]}]})");
    QTest::newRow("env by name, delete and null") << "apps/Deployment"
        << deployment(R"({"containers":[{"name":"a","env":[{"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"C","value":"3"}]}]})")
        << podPatch(R"({"containers":[{"name":"a","env":[{"name":"A","value":"10"},{"name":"B","$patch":"delete"},{"name":"C","value":null}]}]})")
        << deployment(R"({"containers":[{"name":"a","env":[{"name":"A","value":"10"},{"name":"C"}]}]})");
    QTest::newRow("volumeMounts by mountPath") << "apps/Deployment"
        << deployment(R"({"containers":[{"name":"a","volumeMounts":[{"mountPath":"/data","name":"d"}]}]})")
        << podPatch(R"({"containers":[{"name":"a","volumeMounts":[{"mountPath":"/data","readOnly":true},{"mountPath":"/etc/x","name":"x"}]}]})")
        << deployment(R"({"containers":[{"name":"a","volumeMounts":[{"mountPath":"/data","name":"d","readOnly":true},{"mountPath":"/etc/x","name":"x"}]}]})");
    QTest::newRow("volumes by name with $retainKeys") << "apps/Deployment"
        << deployment(R"({"volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"a"}}]})")
        << podPatch(R"({"volumes":[{"name":"data","$retainKeys":["configMap","name"],"configMap":{"name":"cm"}}]})")
        << deployment(R"({"volumes":[{"name":"data","configMap":{"name":"cm"}},{"name":"cfg","configMap":{"name":"a"}}]})");
    QTest::newRow("imagePullSecrets by name") << "apps/Deployment"
        << deployment(R"({"imagePullSecrets":[{"name":"r1"}]})")
        << podPatch(R"({"imagePullSecrets":[{"name":"r2"}]})")
        << deployment(R"({"imagePullSecrets":[{"name":"r2"},{"name":"r1"}]})");
    QTest::newRow("tolerations are replaced") << "apps/Deployment"
        << deployment(R"({"tolerations":[{"key":"a","operator":"Exists"},{"key":"b","operator":"Exists"}]})")
        << podPatch(R"({"tolerations":[{"key":"c","operator":"Exists"}]})")
        << deployment(R"({"tolerations":[{"key":"c","operator":"Exists"}]})");
    QTest::newRow("nodeSelector map merges") << "apps/Deployment"
        << deployment(R"({"nodeSelector":{"a":"1","b":"2"}})")
        << podPatch(R"({"nodeSelector":{"b":null,"c":"3"}})")
        << deployment(R"({"nodeSelector":{"a":"1","c":"3"}})");
    QTest::newRow("$patch replace map") << "apps/Deployment"
        << deployment(R"({"securityContext":{"runAsUser":1000,"fsGroup":2000}})")
        << podPatch(R"({"securityContext":{"$patch":"replace","runAsNonRoot":true}})")
        << deployment(R"({"securityContext":{"runAsNonRoot":true}})");
    QTest::newRow("$patch delete map") << "apps/Deployment"
        << deployment(R"({"securityContext":{"runAsUser":1000}})")
        << podPatch(R"({"securityContext":{"$patch":"delete"}})")
        << deployment(R"({"securityContext":{}})");
    QTest::newRow("new value loses nulls and directives") << "apps/Deployment"
        << deployment(R"({"containers":[]})")
        << podPatch(R"({"securityContext":{"$patch":"replace","runAsUser":1,"fsGroup":null}})")
        << deployment(R"({"containers":[],"securityContext":{"runAsUser":1}})");
    QTest::newRow("deployment strategy $retainKeys") << "apps/Deployment"
        << R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}}}})"
        << R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})"
        << R"({"spec":{"strategy":{"type":"Recreate"}}})";
    QTest::newRow("selector matchLabels merge") << "apps/Deployment"
        << R"({"spec":{"selector":{"matchLabels":{"a":"1"}}}})"
        << R"({"spec":{"selector":{"matchLabels":{"b":"2"}}}})"
        << R"({"spec":{"selector":{"matchLabels":{"a":"1","b":"2"}}}})";
    QTest::newRow("pdb selector is replaced") << "policy/PodDisruptionBudget"
        << R"({"spec":{"selector":{"matchLabels":{"a":"1"}}}})"
        << R"({"spec":{"selector":{"matchLabels":{"b":"2"}}}})"
        << R"({"spec":{"selector":{"matchLabels":{"b":"2"}}}})";
    QTest::newRow("service ports by port") << "/Service"
        << R"({"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}})"
        << R"({"spec":{"ports":[{"port":80,"targetPort":9090}]}})"
        << R"({"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}})";
    QTest::newRow("finalizers union") << "/ConfigMap"
        << R"({"metadata":{"finalizers":["a","b"]}})" << R"({"metadata":{"finalizers":["c","a"]}})"
        << R"({"metadata":{"finalizers":["c","a","b"]}})";
    QTest::newRow("$deleteFromPrimitiveList") << "/ConfigMap"
        << R"({"metadata":{"finalizers":["a","b","c"]}})" << R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}})"
        << R"({"metadata":{"finalizers":["a","c"]}})";
    QTest::newRow("$setElementOrder of primitives") << "/ConfigMap"
        << R"({"metadata":{"finalizers":["a","b"]}})"
        << R"({"metadata":{"$setElementOrder/finalizers":["b","c","a"],"finalizers":["c"]}})"
        << R"({"metadata":{"finalizers":["b","c","a"]}})";
    QTest::newRow("ownerReferences by uid") << "/ConfigMap"
        << R"({"metadata":{"ownerReferences":[{"uid":"1","kind":"A","name":"a"}]}})"
        << R"({"metadata":{"ownerReferences":[{"uid":"1","controller":true},{"uid":"2","kind":"B","name":"b"}]}})"
        << R"({"metadata":{"ownerReferences":[{"uid":"1","kind":"A","name":"a","controller":true},{"uid":"2","kind":"B","name":"b"}]}})";
    QTest::newRow("pod conditions by type") << "/Pod"
        << R"({"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Initialized","status":"True"}]}})"
        << R"({"status":{"conditions":[{"type":"Ready","status":"True"}]}})"
        << R"({"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}]}})";
    QTest::newRow("rbac rules are replaced") << "rbac.authorization.k8s.io/Role"
        << R"({"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]})"
        << R"({"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["list"]}]})"
        << R"({"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["list"]}]})";
    QTest::newRow("endpoints subsets are replaced") << "/Endpoints"
        << R"({"subsets":[{"addresses":[{"ip":"1.1.1.1"}]}]})" << R"({"subsets":[{"addresses":[{"ip":"2.2.2.2"}]}]})"
        << R"({"subsets":[{"addresses":[{"ip":"2.2.2.2"}]}]})";
    QTest::newRow("webhooks by name") << "admissionregistration.k8s.io/MutatingWebhookConfiguration"
        << R"({"webhooks":[{"name":"a","timeoutSeconds":5},{"name":"b"}]})" << R"({"webhooks":[{"name":"a","timeoutSeconds":10}]})"
        << R"({"webhooks":[{"name":"a","timeoutSeconds":10},{"name":"b"}]})";
    QTest::newRow("labels null deletes") << "/ConfigMap"
        << R"({"metadata":{"labels":{"a":"1","b":"2"}},"data":{"k":"v"}})"
        << R"({"metadata":{"labels":{"a":null}},"data":{"k2":"v2"}})"
        << R"({"metadata":{"labels":{"b":"2"}},"data":{"k":"v","k2":"v2"}})";
    QTest::newRow("unknown list is replaced") << "/ConfigMap"
        << R"({"spec":{"x":[1,2]}})" << R"({"spec":{"x":[3]}})" << R"({"spec":{"x":[3]}})";
    QTest::newRow("null patch") << "/ConfigMap" << R"({"a":1})" << "null" << R"({"a":1})";
}

void TestStrategicMerge::apply()
{
    QFETCH(QString, kind);
    QFETCH(QString, original);
    QFETCH(QString, patch);
    QFETCH(QString, expected);
    const QString group = kind.section(QLatin1Char('/'), 0, 0);
    const QString k = kind.section(QLatin1Char('/'), 1, 1);
    const QJsonValue p = patch == QLatin1String("null") ? QJsonValue(QJsonValue::Null) : QJsonValue(obj(patch));
    const auto r = kind.isEmpty() ? StrategicMerge::apply(obj(original), p) : StrategicMerge::apply(obj(original), p, group, k);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    if (r.value() != obj(expected))
        qWarning().noquote() << QJsonDocument(r.value()).toJson(QJsonDocument::Compact);
    QCOMPARE(r.value(), obj(expected));
}

void TestStrategicMerge::errors_data()
{
    QTest::addColumn<QString>("original");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    const QString dep = deployment(R"({"containers":[{"name":"a","image":"nginx"}]})");
    QTest::newRow("missing merge key") << dep << podPatch(R"({"containers":[{"image":"x"}]})") << 500
        << "map: map[image:x] does not contain declared merge key: name";
    QTest::newRow("unknown $patch in map") << dep << podPatch(R"({"$patch":"frob"})") << 500
        << "unknown patch type: frob in map: map[$patch:frob]";
    QTest::newRow("$patch merge in list") << dep << podPatch(R"({"containers":[{"$patch":"merge"}]})") << 500
        << "merging lists cannot yet be specified in the patch";
    QTest::newRow("$retainKeys not a list") << dep << podPatch(R"({"$retainKeys":"x"})") << 400
        << "invalid patch format of retainKeys";
    QTest::newRow("$retainKeys mismatch") << dep << podPatch(R"({"$retainKeys":["volumes"],"hostname":"h"})") << 400
        << "invalid patch format of retainKeys";
    QTest::newRow("list of lists") << R"({"metadata":{"finalizers":[["a"]]}})" << R"({"metadata":{"finalizers":[["b"]]}})" << 422
        << "the server rejected our request due to an error in our request";
    QTest::newRow("array patch") << dep << "[1]" << 400
        << "json: cannot unmarshal array into Go value of type map[string]interface {}";
}

void TestStrategicMerge::errors()
{
    QFETCH(QString, original);
    QFETCH(QString, patch);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QJsonValue p = patch.startsWith(QLatin1Char('[')) ? QJsonValue(QJsonDocument::fromJson(patch.toUtf8()).array())
                                                            : QJsonValue(obj(patch));
    const auto r = StrategicMerge::apply(obj(original), p, QStringLiteral("apps"), QStringLiteral("Deployment"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, status);
    QCOMPARE(r.error().message, message);
}

void TestStrategicMerge::supportsStrategicMerge()
{
    QVERIFY(StrategicMerge::supportsStrategicMerge(QString(), QStringLiteral("ConfigMap")));
    QVERIFY(StrategicMerge::supportsStrategicMerge(QStringLiteral("apps"), QStringLiteral("Deployment")));
    QVERIFY(StrategicMerge::supportsStrategicMerge(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("ClusterRole")));
    QVERIFY(StrategicMerge::supportsStrategicMerge(QStringLiteral("apiextensions.k8s.io"), QStringLiteral("CustomResourceDefinition")));
    QVERIFY(!StrategicMerge::supportsStrategicMerge(QStringLiteral("auth.alauda.io"), QStringLiteral("Project")));
    QVERIFY(!StrategicMerge::supportsStrategicMerge(QStringLiteral("kyverno.io"), QStringLiteral("ClusterPolicy")));
    QVERIFY(!StrategicMerge::supportsStrategicMerge(QStringLiteral("operators.coreos.com"), QStringLiteral("Subscription")));
}

void TestStrategicMerge::groupAndKindFromObject()
{
    // Without group/kind the object's own apiVersion/kind select the merge keys.
    const QJsonObject svc = obj(R"({"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"name":"a"}]}})");
    const auto r = StrategicMerge::apply(svc, obj(R"({"spec":{"ports":[{"port":80,"name":"b"}]}})"));
    QVERIFY(r.ok());
    QCOMPARE(r.value(), obj(R"({"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"name":"b"}]}})"));
}

QTEST_GUILESS_MAIN(TestStrategicMerge)
#include "tst_strategicmerge.moc"
