// Unit tests for acp::models::FieldSelector (k8s.io/apimachinery/pkg/fields semantics and
// kube-apiserver's field label conversion).
#include "models/FieldSelector.h"

#include <QJsonDocument>
#include <QtTest>

using acp::models::FieldSelector;

namespace {

QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

const char *kPod = R"({"kind":"Pod","apiVersion":"v1",
  "metadata":{"name":"p1","namespace":"default","labels":{"app":"web"}},
  "spec":{"nodeName":"n1","restartPolicy":"Always","priority":5},
  "status":{"phase":"Running","podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"},{"ip":"fd00::1"}]}})";

} // namespace

class TestFieldSelector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void matchesPod_data();
    void matchesPod();
    void fieldValues_data();
    void fieldValues();
    void matchesFieldSet();
    void escapeRoundTrip_data();
    void escapeRoundTrip();
    void convertFieldLabel_data();
    void convertFieldLabel();
    void customResources();
    void convertedFor();
    void supportedFields();
    void requiresExactMatch();
};

void TestFieldSelector::parseValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("count");

    QTest::newRow("empty") << "" << "" << 0;
    QTest::newRow("only commas") << ",," << "" << 0;
    QTest::newRow("equals") << "metadata.name=x" << "metadata.name=x" << 1;
    QTest::newRow("double equals") << "metadata.name==x" << "metadata.name=x" << 1;
    QTest::newRow("not equals") << "metadata.namespace!=y" << "metadata.namespace!=y" << 1;
    QTest::newRow("empty value") << "spec.nodeName=" << "spec.nodeName=" << 1;
    QTest::newRow("sorted terms") << "status.phase=Running,spec.nodeName=" << "spec.nodeName=,status.phase=Running" << 2;
    QTest::newRow("kind") << "involvedObject.kind=Pod,involvedObject.name=p1"
                          << "involvedObject.kind=Pod,involvedObject.name=p1" << 2;
    QTest::newRow("escaped comma") << "a=b\\,c" << "a=b\\,c" << 1;
    QTest::newRow("escaped equals") << "a=x\\=y" << "a=x\\=y" << 1;
    QTest::newRow("escaped backslash") << "a=\\\\" << "a=\\\\" << 1;
    QTest::newRow("stray commas") << ",a=b," << "a=b" << 1;
    QTest::newRow("blanks are literal") << " a = b" << " a = b" << 1;
    QTest::newRow("bang inside value pos") << "a!=!b" << "a!=!b" << 1;
}

void TestFieldSelector::parseValid()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(int, count);
    const auto r = FieldSelector::parse(input);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->toString(), canonical);
    QCOMPARE(r->requirements().size(), count);
    QCOMPARE(r->isEmpty(), count == 0);
    const auto again = FieldSelector::parse(canonical);
    QVERIFY(again.ok());
    QCOMPARE(*again, *r);
}

void TestFieldSelector::parseInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");

    QTest::newRow("no operator") << "abc" << "invalid selector: 'abc'; can't understand 'abc'";
    QTest::newRow("second term without operator") << "a=b,c" << "invalid selector: 'a=b,c'; can't understand 'c'";
    QTest::newRow("bad escape") << "a=b\\x" << "invalid field selector: invalid escape sequence: \\x";
    QTest::newRow("trailing backslash") << "a=b\\" << "invalid field selector: invalid escape sequence: \\";
    QTest::newRow("second equals") << "a=b=c" << "invalid field selector: unescaped character in value: 61";
    QTest::newRow("not-equals then equals") << "a!=b=c" << "invalid field selector: unescaped character in value: 61";
}

void TestFieldSelector::parseInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    const auto r = FieldSelector::parse(input);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().httpStatus, 400);
    QCOMPARE(r.error().reason, QStringLiteral("BadRequest"));
}

void TestFieldSelector::matchesPod_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("expected");

    QTest::newRow("everything") << "" << true;
    QTest::newRow("name") << "metadata.name=p1" << true;
    QTest::newRow("name double equals") << "metadata.name==p1" << true;
    QTest::newRow("name not") << "metadata.name!=p1" << false;
    QTest::newRow("namespace not other") << "metadata.namespace!=kube-system" << true;
    QTest::newRow("phase") << "status.phase=Running" << true;
    QTest::newRow("phase other") << "status.phase=Pending" << false;
    QTest::newRow("unscheduled") << "spec.nodeName=" << false;
    QTest::newRow("node") << "spec.nodeName=n1" << true;
    QTest::newRow("host network default") << "spec.hostNetwork=false" << true;
    QTest::newRow("pod ip") << "status.podIP=10.0.0.1" << true;
    QTest::newRow("missing is empty") << "spec.schedulerName=" << true;
    QTest::newRow("missing not empty") << "spec.schedulerName!=" << false;
    QTest::newRow("number") << "spec.priority=5" << true;
    QTest::newRow("and fails") << "metadata.name=p1,status.phase=Pending" << false;
    QTest::newRow("and holds") << "metadata.name=p1,metadata.namespace=default" << true;
    QTest::newRow("object is empty") << "metadata.labels=" << true;
}

void TestFieldSelector::matchesPod()
{
    QFETCH(QString, selector);
    QFETCH(bool, expected);
    const auto s = FieldSelector::parse(selector);
    QVERIFY(s.ok());
    QCOMPARE(s->matches(obj(kPod)), expected);
}

void TestFieldSelector::fieldValues_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    QTest::newRow("pod ip from podIPs") << R"({"kind":"Pod","status":{"podIPs":[{"ip":"1.2.3.4"}]}})" << "status.podIP" << "1.2.3.4";
    QTest::newRow("pod host network") << R"({"kind":"Pod","spec":{"hostNetwork":true}})" << "spec.hostNetwork" << "true";
    QTest::newRow("node unschedulable default") << R"({"kind":"Node","spec":{}})" << "spec.unschedulable" << "false";
    QTest::newRow("node unschedulable") << R"({"kind":"Node","spec":{"unschedulable":true}})" << "spec.unschedulable" << "true";
    QTest::newRow("job successful") << R"({"kind":"Job","status":{"succeeded":3}})" << "status.successful" << "3";
    QTest::newRow("job successful default") << R"({"kind":"Job","status":{}})" << "status.successful" << "0";
    QTest::newRow("rc replicas default") << R"({"kind":"ReplicationController"})" << "status.replicas" << "0";
    QTest::newRow("event source") << R"({"kind":"Event","apiVersion":"v1","source":{"component":"kubelet","host":"n1"}})"
                                  << "source" << "kubelet";
    QTest::newRow("event involved kind") << R"({"kind":"Event","apiVersion":"v1","involvedObject":{"kind":"Pod"}})"
                                         << "involvedObject.kind" << "Pod";
    QTest::newRow("events.k8s.io regarding") << R"({"kind":"Event","apiVersion":"events.k8s.io/v1","regarding":{"kind":"Node"}})"
                                             << "involvedObject.kind" << "Node";
    QTest::newRow("events.k8s.io regarding direct") << R"({"kind":"Event","apiVersion":"events.k8s.io/v1","regarding":{"kind":"Node"}})"
                                                    << "regarding.kind" << "Node";
    QTest::newRow("events.k8s.io reporting") << R"({"kind":"Event","apiVersion":"events.k8s.io/v1","reportingController":"k"})"
                                             << "reportingComponent" << "k";
    QTest::newRow("secret type") << R"({"kind":"Secret","type":"kubernetes.io/tls"})" << "type" << "kubernetes.io/tls";
    QTest::newRow("namespace phase") << R"({"kind":"Namespace","status":{"phase":"Active"}})" << "status.phase" << "Active";
    QTest::newRow("bool generic") << R"({"spec":{"suspend":false}})" << "spec.suspend" << "false";
    QTest::newRow("path through scalar") << R"({"spec":"x"})" << "spec.a" << "";
    QTest::newRow("null") << R"({"spec":{"a":null}})" << "spec.a" << "";
}

void TestFieldSelector::fieldValues()
{
    QFETCH(QString, object);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QCOMPARE(FieldSelector::fieldValue(obj(object.toUtf8().constData()), field), value);
}

void TestFieldSelector::matchesFieldSet()
{
    const auto s = FieldSelector::parse(QStringLiteral("metadata.name=a,spec.nodeName="));
    QVERIFY(s.ok());
    QHash<QString, QString> set{{QStringLiteral("metadata.name"), QStringLiteral("a")}};
    QVERIFY(s->matches(set));
    set.insert(QStringLiteral("spec.nodeName"), QStringLiteral("n"));
    QVERIFY(!s->matches(set));
}

void TestFieldSelector::escapeRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << "abc";
    QTest::newRow("comma") << "a,b";
    QTest::newRow("equals") << "a=b";
    QTest::newRow("backslash") << "a\\b";
    QTest::newRow("all") << "\\,=\\";
    QTest::newRow("empty") << "";
}

void TestFieldSelector::escapeRoundTrip()
{
    QFETCH(QString, value);
    const FieldSelector s = FieldSelector::oneTerm(QStringLiteral("f"), value);
    const auto parsed = FieldSelector::parse(s.toString());
    QVERIFY2(parsed.ok(), qPrintable(s.toString()));
    QCOMPARE(parsed->requirements().size(), 1);
    QCOMPARE(parsed->requirements().first().value, value);
    QCOMPARE(FieldSelector::unescapeValue(FieldSelector::escapeValue(value)).value(), value);
}

void TestFieldSelector::convertFieldLabel_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("converted"); // empty = error expected
    QTest::addColumn<QString>("error");

    QTest::newRow("pod name") << "" << "pods" << "metadata.name" << "metadata.name" << "";
    QTest::newRow("pod node") << "" << "pods" << "spec.nodeName" << "spec.nodeName" << "";
    QTest::newRow("pod legacy host") << "" << "pods" << "spec.host" << "spec.nodeName" << "";
    QTest::newRow("pod sa") << "" << "pods" << "spec.serviceAccountName" << "spec.serviceAccountName" << "";
    QTest::newRow("pod nominated") << "" << "pods" << "status.nominatedNodeName" << "status.nominatedNodeName" << "";
    QTest::newRow("pod containers") << "" << "pods" << "spec.containers" << "" << "field label not supported: spec.containers";
    QTest::newRow("node namespace") << "" << "nodes" << "metadata.namespace" << "" << "field label not supported: metadata.namespace";
    QTest::newRow("node unschedulable") << "" << "nodes" << "spec.unschedulable" << "spec.unschedulable" << "";
    QTest::newRow("event kind") << "" << "events" << "involvedObject.kind" << "involvedObject.kind" << "";
    QTest::newRow("event reporting") << "" << "events" << "reportingComponent" << "reportingComponent" << "";
    QTest::newRow("event message") << "" << "events" << "message" << "" << "field label not supported: message";
    QTest::newRow("secret type") << "" << "secrets" << "type" << "type" << "";
    QTest::newRow("namespace phase") << "" << "namespaces" << "status.phase" << "status.phase" << "";
    QTest::newRow("namespace namespace") << "" << "namespaces" << "metadata.namespace" << "" << "field label not supported: metadata.namespace";
    QTest::newRow("service type") << "" << "services" << "spec.type" << "spec.type" << "";
    QTest::newRow("rc replicas") << "" << "replicationcontrollers" << "status.replicas" << "status.replicas" << "";
    QTest::newRow("configmap data") << "" << "configmaps" << "data.x" << ""
                                    << "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    QTest::newRow("configmap namespace") << "" << "configmaps" << "metadata.namespace" << "metadata.namespace" << "";
    QTest::newRow("deployment namespace") << "apps" << "deployments" << "metadata.namespace" << "metadata.namespace" << "";
    QTest::newRow("replicaset replicas (apps/v1: default conversion)") << "apps" << "replicasets" << "status.replicas" << ""
        << "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    QTest::newRow("job successful") << "batch" << "jobs" << "status.successful" << "status.successful" << "";
    QTest::newRow("job succeeded") << "batch" << "jobs" << "status.succeeded" << "" << "field label \"status.succeeded\" not supported for batchv1.Job";
    QTest::newRow("csr signer") << "certificates.k8s.io" << "certificatesigningrequests" << "spec.signerName" << "spec.signerName" << "";
    QTest::newRow("events.k8s.io regarding") << "events.k8s.io" << "events" << "regarding.kind" << "involvedObject.kind" << "";
    QTest::newRow("events.k8s.io controller") << "events.k8s.io" << "events" << "reportingController" << "reportingComponent" << "";
    QTest::newRow("events.k8s.io old name") << "events.k8s.io" << "events" << "involvedObject.kind" << "" << "field label not supported: involvedObject.kind";
    QTest::newRow("custom resource") << "auth.alauda.io" << "projects" << "spec.x" << "" << "field label not supported: spec.x";
    QTest::newRow("custom resource name") << "auth.alauda.io" << "projects" << "metadata.name" << "metadata.name" << "";
}

void TestFieldSelector::convertFieldLabel()
{
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(QString, field);
    QFETCH(QString, converted);
    QFETCH(QString, error);
    const auto r = FieldSelector::convertFieldLabel(group, resource, field);
    QCOMPARE(FieldSelector::isFieldSupported(group, resource, field), error.isEmpty());
    if (!error.isEmpty()) {
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, error);
        QCOMPARE(r.error().httpStatus, 400);
        QCOMPARE(r.error().reason, QStringLiteral("BadRequest"));
        return;
    }
    QVERIFY(r.ok());
    QCOMPARE(r.value(), converted);
}

void TestFieldSelector::customResources()
{
    QVERIFY(FieldSelector::convertCustomResourceFieldLabel(QStringLiteral("spec.color"), true, {QStringLiteral("spec.color")}).ok());
    QVERIFY(FieldSelector::convertCustomResourceFieldLabel(QStringLiteral("metadata.namespace"), true).ok());
    const auto r = FieldSelector::convertCustomResourceFieldLabel(QStringLiteral("metadata.namespace"), false);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, QStringLiteral("field label not supported: metadata.namespace"));
    QVERIFY(FieldSelector::isBuiltInGroup(QString()));
    QVERIFY(FieldSelector::isBuiltInGroup(QStringLiteral("networking.k8s.io")));
    QVERIFY(!FieldSelector::isBuiltInGroup(QStringLiteral("snapshot.storage.k8s.io")));
}

void TestFieldSelector::convertedFor()
{
    const auto s = FieldSelector::parse(QStringLiteral("spec.host=n1,status.phase=Running"));
    QVERIFY(s.ok());
    const auto c = s->convertedFor(QString(), QStringLiteral("pods"));
    QVERIFY(c.ok());
    QCOMPARE(c->toString(), QStringLiteral("spec.nodeName=n1,status.phase=Running"));
    const auto bad = s->convertedFor(QString(), QStringLiteral("nodes"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message, QStringLiteral("field label not supported: spec.host"));
}

void TestFieldSelector::supportedFields()
{
    QCOMPARE(FieldSelector::supportedFields(QString(), QStringLiteral("nodes")),
             QStringList({QStringLiteral("metadata.name"), QStringLiteral("spec.unschedulable")}));
    QCOMPARE(FieldSelector::supportedFields(QString(), QStringLiteral("configmaps")),
             QStringList({QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace")}));
    const QStringList pods = FieldSelector::supportedFields(QString(), QStringLiteral("pods"));
    QVERIFY(pods.contains(QStringLiteral("spec.nodeName")));
    QVERIFY(!pods.contains(QStringLiteral("spec.host")));
    QVERIFY(FieldSelector::supportedFields(QStringLiteral("events.k8s.io"), QStringLiteral("events")).contains(QStringLiteral("regarding.kind")));
}

void TestFieldSelector::requiresExactMatch()
{
    const auto s = FieldSelector::parse(QStringLiteral("metadata.name==a,spec.nodeName!=b"));
    QVERIFY(s.ok());
    QCOMPARE(s->requiresExactMatch(QStringLiteral("metadata.name")), std::optional<QString>(QStringLiteral("a")));
    QVERIFY(!s->requiresExactMatch(QStringLiteral("spec.nodeName")));
    QCOMPARE(s->fields(), QStringList({QStringLiteral("metadata.name"), QStringLiteral("spec.nodeName")}));
}

QTEST_GUILESS_MAIN(TestFieldSelector)
#include "tst_fieldselector.moc"
