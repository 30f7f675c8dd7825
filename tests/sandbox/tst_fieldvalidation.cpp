// Server-side field validation (fieldValidation=Ignore|Warn|Strict): FieldValidator against
// hand-built and real (../shared) OpenAPI v3 schemas, then an in-process sandbox answering
// create, update, patch and apply requests with unknown and duplicate fields.
#include "sandbox/FieldValidator.h"
#include "sandbox/Sandbox.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QtTest>

using namespace acp::sandbox;

namespace {

QJsonObject parse(const char *json) { return QJsonDocument::fromJson(json).object(); }

struct Reply {
    int status = 0;
    QJsonObject json;
    QList<QByteArray> warnings;
};

class TestFieldValidation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void directives();
    void pruneHandBuiltSchema();
    void duplicates();
    void realDeploymentSchema();
    void initTestCase();
    void createStrictWarnIgnore();
    void duplicateFieldsOverHttp();
    void updateAndPatch();
    void serverSideApply();
    void crdSchema();
    void badDirective();
    void cleanupTestCase();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body, const QByteArray &type = "application/json");
    static QString deployments() { return QStringLiteral("/kubernetes/business-1/apis/apps/v1/namespaces/default/deployments"); }
    static QByteArray deployment(const QString &name, const QString &extraSpec = QString());

    std::unique_ptr<Sandbox> m_sandbox;
    QByteArray m_token;
    QNetworkAccessManager m_nam;
};

} // namespace

void TestFieldValidation::directives()
{
    FieldValidator::Directive d = FieldValidator::Directive::Ignore;
    QVERIFY(FieldValidator::parseDirective(QString(), &d));
    QCOMPARE(d, FieldValidator::Directive::Warn);   // the server's default
    QVERIFY(FieldValidator::parseDirective(QStringLiteral("Strict"), &d));
    QCOMPARE(d, FieldValidator::Directive::Strict);
    QVERIFY(FieldValidator::parseDirective(QStringLiteral("Ignore"), &d));
    QCOMPARE(d, FieldValidator::Directive::Ignore);
    QVERIFY(!FieldValidator::parseDirective(QStringLiteral("strict"), &d));
    QVERIFY(!FieldValidator::parseDirective(QStringLiteral("bogus"), &d));
}

void TestFieldValidation::pruneHandBuiltSchema()
{
    const QJsonObject schemas = parse(R"j({ "Root": {"properties": {"kind": {"type": "string"}, "spec": {"allOf": [{"$ref": "#/components/schemas/Spec"}], "default": {}}, "labels": {"type": "object", "additionalProperties": {"type": "string"}}, "raw": {"type": "object"}, "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {"a": {"type": "string"}}}}}, "Spec": {"properties": {"replicas": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}, "byName": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Item"}}}}, "Item": {"properties": {"name": {"type": "string"}}} })j");
    QJsonObject obj = parse(R"j({"kind": "Root", "extra": 1, "spec": {"replicas": 2, "foo": "x", "items": [{"name": "a"}, {"name": "b", "bar": true}], "byName": {"k": {"name": "k", "baz": 1}}}, "labels": {"any": "thing"}, "raw": {"whatever": {"deep": 1}}, "free": {"a": "1", "b": 2}})j");
    const QStringList unknown = FieldValidator::pruneUnknown(schemas, QStringLiteral("Root"), &obj);
    QCOMPARE(unknown, (QStringList{QStringLiteral("extra"), QStringLiteral("spec.byName[k].baz"), QStringLiteral("spec.foo"),
                                   QStringLiteral("spec.items[1].bar")}));
    // unknown fields are gone, everything declared (or open) stays
    const QJsonObject expected = parse(R"j({"kind": "Root", "spec": {"replicas": 2, "items": [{"name": "a"}, {"name": "b"}], "byName": {"k": {"name": "k"}}}, "labels": {"any": "thing"}, "raw": {"whatever": {"deep": 1}}, "free": {"a": "1", "b": 2}})j");
    QCOMPARE(obj, expected);
    // a schema that is not there checks nothing
    QJsonObject untouched = parse(R"j({"x": 1})j");
    QVERIFY(FieldValidator::pruneUnknown(schemas, QStringLiteral("Missing"), &untouched).isEmpty());
    QCOMPARE(untouched, parse(R"j({"x": 1})j"));
    // a self-referencing schema and deep input neither loop nor crash
    const QJsonObject loop = parse(R"j({"L": {"$ref": "#/components/schemas/L"}})j");
    QJsonObject any = parse(R"j({"a": 1})j");
    QVERIFY(FieldValidator::pruneUnknown(loop, QStringLiteral("L"), &any).isEmpty());
}

void TestFieldValidation::duplicates()
{
    QCOMPARE(FieldValidator::duplicateFields(R"j({"a": 1, "b": {"c": 1, "c": 2}, "a": 3})j"),
             (QStringList{QStringLiteral("b.c"), QStringLiteral("a")}));
    const QByteArray escaped = "{\"l\": [{\"x\": 1, \"x\": [1, 2]}, {\"x\": 1}], \"s\": \"a\\\"b\", \"s\\u0041\": 1, \"sA\": 2}";
    QCOMPARE(FieldValidator::duplicateFields(escaped),
             (QStringList{QStringLiteral("l[0].x"), QStringLiteral("sA")}));
    QVERIFY(FieldValidator::duplicateFields(R"j({"a": 1, "b": 2})j").isEmpty());
    // invalid JSON reports nothing (the decoder's own error wins)
    QVERIFY(FieldValidator::duplicateFields(R"j({"a": 1, "a": )j").isEmpty());
    QVERIFY(FieldValidator::duplicateFields(QByteArray(100000, '[')).isEmpty());
}

void TestFieldValidation::realDeploymentSchema()
{
    const QString path = QStringLiteral(ACP_SHARED_DIR "/testdata/openapi/kubectl-validate/pkg/openapiclient/builtins/1.35/apis/apps/v1.json");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("../shared/testdata/openapi is absent: the real Deployment schema test needs it");
    FieldValidator validator;
    const QByteArray json = f.readAll();
    const QJsonObject schemas = validator.schemas("h1", json);
    QVERIFY(schemas.contains(QLatin1String("io.k8s.api.apps.v1.Deployment")));
    QJsonObject obj = QJsonDocument::fromJson(deployment(QStringLiteral("d"), QStringLiteral(R"j("foo": 1,)j"))).object();
    QJsonObject spec = obj.value(QLatin1String("spec")).toObject();
    QJsonObject tmpl = spec.value(QLatin1String("template")).toObject();
    QJsonObject podSpec = tmpl.value(QLatin1String("spec")).toObject();
    QJsonArray containers = podSpec.value(QLatin1String("containers")).toArray();
    QJsonObject c = containers.at(0).toObject();
    c.insert(QStringLiteral("bogus"), true);
    c.insert(QStringLiteral("resources"), parse(R"j({"limits": {"cpu": "1"}, "nope": 1})j"));
    containers.replace(0, c);
    podSpec.insert(QStringLiteral("containers"), containers);
    tmpl.insert(QStringLiteral("spec"), podSpec);
    spec.insert(QStringLiteral("template"), tmpl);
    obj.insert(QStringLiteral("spec"), spec);
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("labelz"), QJsonObject());
    meta.insert(QStringLiteral("annotations"), parse(R"j({"a": "b"})j"));
    obj.insert(QStringLiteral("metadata"), meta);
    const QStringList unknown = FieldValidator::pruneUnknown(schemas, QStringLiteral("io.k8s.api.apps.v1.Deployment"), &obj);
    QCOMPARE(unknown, (QStringList{QStringLiteral("metadata.labelz"), QStringLiteral("spec.foo"),
                                   QStringLiteral("spec.template.spec.containers[0].bogus"),
                                   QStringLiteral("spec.template.spec.containers[0].resources.nope")}));
    // structured-merge-diff names map-list elements by their keys
    QJsonObject again = QJsonDocument::fromJson(deployment(QStringLiteral("d"))).object();
    QJsonObject s2 = again.value(QLatin1String("spec")).toObject();
    QJsonObject t2 = s2.value(QLatin1String("template")).toObject();
    QJsonObject p2 = t2.value(QLatin1String("spec")).toObject();
    QJsonObject c2{{QStringLiteral("name"), QStringLiteral("c")}, {QStringLiteral("image"), QStringLiteral("nginx")}, {QStringLiteral("bogus"), 1},
                   {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 80}, {QStringLiteral("protocol"), QStringLiteral("TCP")},
                                                                    {QStringLiteral("nope"), 1}}}}};
    p2.insert(QStringLiteral("containers"), QJsonArray{c2});
    p2.insert(QStringLiteral("nodeSelector"), QJsonObject{{QStringLiteral("disk"), QStringLiteral("ssd")}});
    t2.insert(QStringLiteral("spec"), p2);
    s2.insert(QStringLiteral("template"), t2);
    again.insert(QStringLiteral("spec"), s2);
    const QStringList smd = FieldValidator::pruneUnknown(schemas, QStringLiteral("io.k8s.api.apps.v1.Deployment"), &again,
                                                         FieldValidator::PathStyle::StructuredMerge);
    QCOMPARE(smd, (QStringList{QStringLiteral("spec.template.spec.containers[name=\"c\"].bogus"),
                               QStringLiteral("spec.template.spec.containers[name=\"c\"].ports[containerPort=80,protocol=\"TCP\"].nope")}));
    // the parsed schemas are cached per hash
    QCOMPARE(validator.schemas("h1", QByteArray()), schemas);
}

void TestFieldValidation::initTestCase()
{
    SandboxOptions o;
    o.port = 0;
    o.tls = false;
    o.controllers = false;
    o.workloadClusters = 1;
    o.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    if (!QDir(o.sharedDir + QStringLiteral("/testdata/openapi")).exists())
        QSKIP("../shared/testdata/openapi is absent: field validation needs the built-in kinds' schemas");
    m_sandbox = std::make_unique<Sandbox>(o);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_token = m_sandbox->users().defaultToken(QStringLiteral("admin")).toUtf8();
}

void TestFieldValidation::cleanupTestCase() { m_sandbox.reset(); }

Reply TestFieldValidation::send(const QByteArray &method, const QString &path, const QByteArray &body, const QByteArray &type)
{
    QNetworkRequest req(QUrl(m_sandbox->address() + path));
    req.setRawHeader("Authorization", "Bearer " + m_token);
    req.setRawHeader("Content-Type", type);
    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.json = QJsonDocument::fromJson(reply->readAll()).object();
    for (const auto &h : reply->rawHeaderPairs()) {
        if (h.first.compare("Warning", Qt::CaseInsensitive) == 0)
            r.warnings << h.second;
    }
    reply->deleteLater();
    return r;
}

QByteArray TestFieldValidation::deployment(const QString &name, const QString &extraSpec)
{
    return QStringLiteral(R"j({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%1"}, "spec": {%2 "replicas": 1, "selector": {"matchLabels": {"app": "%1"}}, "template": {"metadata": {"labels": {"app": "%1"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}})j")
        .arg(name, extraSpec).toUtf8();
}

void TestFieldValidation::createStrictWarnIgnore()
{
    Reply r = send("POST", deployments() + QStringLiteral("?fieldValidation=Strict"), deployment(QStringLiteral("s"), QStringLiteral(R"j("foo": 1, "bar": 2,)j")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("reason")).toString(), QStringLiteral("BadRequest"));
    QCOMPARE(r.json.value(QLatin1String("message")).toString(),
             QStringLiteral(R"j(Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bar", unknown field "spec.foo")j"));
    QCOMPARE(send("GET", deployments() + QStringLiteral("/s"), QByteArray()).status, 404);

    // Warn (also the default without the parameter): created, one 299 warning per field, fields dropped
    for (const QString &query : {QStringLiteral("?fieldValidation=Warn"), QString()}) {
        const QString name = query.isEmpty() ? QStringLiteral("w2") : QStringLiteral("w1");
        r = send("POST", deployments() + query, deployment(name, QStringLiteral(R"j("foo": 1,)j")));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.warnings, QList<QByteArray>{R"j(299 - "unknown field \"spec.foo\"")j"});
        QVERIFY(!r.json.value(QLatin1String("spec")).toObject().contains(QLatin1String("foo")));
        QCOMPARE(r.json.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 1);
    }
    r = send("POST", deployments() + QStringLiteral("?fieldValidation=Ignore"), deployment(QStringLiteral("i"), QStringLiteral(R"j("foo": 1,)j")));
    QCOMPARE(r.status, 201);
    QVERIFY(r.warnings.isEmpty());
    QVERIFY(!r.json.value(QLatin1String("spec")).toObject().contains(QLatin1String("foo")));
    // a clean body passes Strict
    QCOMPARE(send("POST", deployments() + QStringLiteral("?fieldValidation=Strict"), deployment(QStringLiteral("clean"))).status, 201);
}

void TestFieldValidation::duplicateFieldsOverHttp()
{
    QByteArray body = deployment(QStringLiteral("dup"), QStringLiteral(R"j("replicas": 3,)j"));
    Reply r = send("POST", deployments() + QStringLiteral("?fieldValidation=Strict"), body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("message")).toString(),
             QStringLiteral(R"j(Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: duplicate field "spec.replicas")j"));
    r = send("POST", deployments() + QStringLiteral("?fieldValidation=Warn"), body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.warnings, QList<QByteArray>{R"j(299 - "duplicate field \"spec.replicas\"")j"});
}

void TestFieldValidation::updateAndPatch()
{
    const QString path = deployments() + QStringLiteral("/clean");
    Reply live = send("GET", path, QByteArray());
    QCOMPARE(live.status, 200);
    QJsonObject obj = live.json;
    QJsonObject spec = obj.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("zzz"), 1);
    obj.insert(QStringLiteral("spec"), spec);
    Reply r = send("PUT", path + QStringLiteral("?fieldValidation=Strict"), QJsonDocument(obj).toJson(QJsonDocument::Compact));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("message")).toString(),
             QStringLiteral(R"j(Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.zzz")j"));
    r = send("PUT", path + QStringLiteral("?fieldValidation=Warn"), QJsonDocument(obj).toJson(QJsonDocument::Compact));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.warnings.size(), 1);

    for (const QByteArray &type : {QByteArray("application/merge-patch+json"), QByteArray("application/strategic-merge-patch+json")}) {
        r = send("PATCH", path + QStringLiteral("?fieldValidation=Strict"), R"j({"spec": {"paused": true, "nope": 1}})j", type);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QLatin1String("message")).toString(), QStringLiteral(R"j(strict decoding error: unknown field "spec.nope")j"));
    }
    r = send("PATCH", path + QStringLiteral("?fieldValidation=Strict"), R"j([{"op": "add", "path": "/spec/nope", "value": 1}])j",
             "application/json-patch+json");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("message")).toString(), QStringLiteral(R"j(strict decoding error: unknown field "spec.nope")j"));
    r = send("PATCH", path, R"j({"spec": {"paused": true, "nope": 1}})j", "application/merge-patch+json");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.warnings, QList<QByteArray>{R"j(299 - "unknown field \"spec.nope\"")j"});
    QVERIFY(r.json.value(QLatin1String("spec")).toObject().value(QLatin1String("paused")).toBool());
    QVERIFY(!r.json.value(QLatin1String("spec")).toObject().contains(QLatin1String("nope")));
}

void TestFieldValidation::serverSideApply()
{
    const QByteArray config = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\n  namespace: default\n"
                              "spec:\n  foo: 1\n  selector:\n    matchLabels: {app: ssa}\n  template:\n    metadata:\n"
                              "      labels: {app: ssa}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
    QByteArray two = config;
    two.append("        bogus: 1\n");
    const Reply both = send("PATCH", deployments() + QStringLiteral("/ssa?fieldManager=t"), two, "application/apply-patch+yaml");
    QCOMPARE(both.status, 500);
    QCOMPARE(both.json.value(QLatin1String("message")).toString(),
             QStringLiteral("failed to create typed patch object (default/ssa; apps/v1, Kind=Deployment): errors:\n"
                            "  .spec.foo: field not declared in schema\n"
                            "  .spec.template.spec.containers[name=\"c\"].bogus: field not declared in schema"));
    // structured-merge-diff refuses undeclared fields whatever fieldValidation says
    Reply r = send("PATCH", deployments() + QStringLiteral("/ssa?fieldManager=t&fieldValidation=Ignore"), config, "application/apply-patch+yaml");
    QCOMPARE(r.status, 500);
    QCOMPARE(r.json.value(QLatin1String("message")).toString(),
             QStringLiteral("failed to create typed patch object (default/ssa; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema"));
    QByteArray clean = config;
    clean.replace("  foo: 1\n", "");
    QCOMPARE(send("PATCH", deployments() + QStringLiteral("/ssa?fieldManager=t&fieldValidation=Strict"), clean, "application/apply-patch+yaml").status, 201);
}

void TestFieldValidation::crdSchema()
{
    const QByteArray crd = R"j({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "widgets.fv.example.com"}, "spec": {"group": "fv.example.com", "scope": "Namespaced", "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"}, "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {"type": "object", "properties": { "spec": {"type": "object", "properties": {"size": {"type": "integer"}, "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}}}]}})j";
    QCOMPARE(send("POST", QStringLiteral("/kubernetes/business-1/apis/apiextensions.k8s.io/v1/customresourcedefinitions"), crd).status, 201);
    const QString widgets = QStringLiteral("/kubernetes/business-1/apis/fv.example.com/v1/namespaces/default/widgets");
    const QByteArray w = R"j({"apiVersion": "fv.example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"size": 1, "colour": "red", "extra": {"anything": {"goes": 1}}}})j";
    Reply r = send("POST", widgets + QStringLiteral("?fieldValidation=Strict"), w);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("message")).toString(),
             QStringLiteral(R"j(Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour")j"));
    r = send("POST", widgets, w);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.warnings, QList<QByteArray>{R"j(299 - "unknown field \"spec.colour\"")j"});
    const QJsonObject spec = r.json.value(QLatin1String("spec")).toObject();
    QVERIFY(!spec.contains(QLatin1String("colour")));
    QCOMPARE(spec.value(QLatin1String("extra")).toObject(), parse(R"j({"anything": {"goes": 1}})j"));
}

void TestFieldValidation::badDirective()
{
    const Reply r = send("POST", deployments() + QStringLiteral("?fieldValidation=Loose"), deployment(QStringLiteral("bad")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("reason")).toString(), QStringLiteral("BadRequest"));
    QVERIFY(r.json.value(QLatin1String("message")).toString().contains(QLatin1String("Unsupported value: \"Loose\"")));
}

QTEST_GUILESS_MAIN(TestFieldValidation)
#include "tst_fieldvalidation.moc"
