// JsonPatch: RFC 6902 as kube-apiserver applies it (evanphx/json-patch v4), errors as it answers.
#include "sandbox/JsonPatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using acp::sandbox::JsonPatch;

namespace {

QJsonValue json(const char *text)
{
    const QByteArray wrapped = QByteArray("[") + text + "]";
    return QJsonDocument::fromJson(wrapped).array().at(0);
}

const char *kDeployment = R"({"apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"web","labels":{"app":"web"}},
  "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis"}]}}}})";

} // namespace

class TestJsonPatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void apply_data();
    void apply();
    void failures_data();
    void failures();
    void badPatches();
    void tooManyOperations();
    void tokens();
};

void TestJsonPatch::apply_data()
{
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("expected");

    QTest::newRow("add member") << R"({"a":1})" << R"([{"op":"add","path":"/b","value":2}])" << R"({"a":1,"b":2})";
    QTest::newRow("add overwrites") << R"({"a":1})" << R"([{"op":"add","path":"/a","value":[1]}])" << R"({"a":[1]})";
    QTest::newRow("add index") << R"({"a":[1,3]})" << R"([{"op":"add","path":"/a/1","value":2}])" << R"({"a":[1,2,3]})";
    QTest::newRow("add at end index") << R"({"a":[1]})" << R"([{"op":"add","path":"/a/1","value":2}])" << R"({"a":[1,2]})";
    QTest::newRow("add dash appends") << R"({"a":[1]})" << R"([{"op":"add","path":"/a/-","value":{"x":1}}])" << R"({"a":[1,{"x":1}]})";
    QTest::newRow("add negative index") << R"({"a":[1,2]})" << R"([{"op":"add","path":"/a/-1","value":9}])" << R"({"a":[1,2,9]})";
    QTest::newRow("add escaped ~1") << R"({"m":{}})" << R"([{"op":"add","path":"/m/example.com~1team","value":"x"}])" << R"({"m":{"example.com/team":"x"}})";
    QTest::newRow("add escaped ~0") << R"({"m":{}})" << R"([{"op":"add","path":"/m/a~0b~01","value":"x"}])" << R"({"m":{"a~b~1":"x"}})";
    QTest::newRow("add without value is null") << R"({})" << R"([{"op":"add","path":"/a"}])" << R"({"a":null})";
    QTest::newRow("remove member") << R"({"a":1,"b":2})" << R"([{"op":"remove","path":"/a"}])" << R"({"b":2})";
    QTest::newRow("remove null member") << R"({"a":null})" << R"([{"op":"remove","path":"/a"}])" << R"({})";
    QTest::newRow("remove element") << R"({"a":[1,2,3]})" << R"([{"op":"remove","path":"/a/1"}])" << R"({"a":[1,3]})";
    QTest::newRow("remove last by -1") << R"({"a":[1,2,3]})" << R"([{"op":"remove","path":"/a/-1"}])" << R"({"a":[1,2]})";
    QTest::newRow("replace") << R"({"a":{"b":1}})" << R"([{"op":"replace","path":"/a/b","value":"x"}])" << R"({"a":{"b":"x"}})";
    QTest::newRow("replace missing member adds (v4)") << R"({"a":{}})" << R"([{"op":"replace","path":"/a/b","value":1}])" << R"({"a":{"b":1}})";
    QTest::newRow("replace element") << R"({"a":[1,2]})" << R"([{"op":"replace","path":"/a/0","value":0}])" << R"({"a":[0,2]})";
    QTest::newRow("replace whole doc") << R"({"a":1})" << R"([{"op":"replace","path":"","value":{"z":1}}])" << R"({"z":1})";
    QTest::newRow("replace whole doc scalar is a no-op") << R"({"a":1})" << R"([{"op":"replace","path":"","value":3}])" << R"({"a":1})";
    QTest::newRow("move") << R"({"a":{"x":1},"b":{}})" << R"([{"op":"move","from":"/a/x","path":"/b/y"}])" << R"({"a":{},"b":{"y":1}})";
    QTest::newRow("move in array") << R"({"a":[1,2,3]})" << R"([{"op":"move","from":"/a/0","path":"/a/-"}])" << R"({"a":[2,3,1]})";
    QTest::newRow("copy") << R"({"a":{"x":[1]},"b":{}})" << R"([{"op":"copy","from":"/a/x","path":"/b/x"}])" << R"({"a":{"x":[1]},"b":{"x":[1]}})";
    QTest::newRow("test then replace") << R"({"a":2})" << R"([{"op":"test","path":"/a","value":2},{"op":"replace","path":"/a","value":3}])" << R"({"a":3})";
    QTest::newRow("test object") << R"({"a":{"x":[1,{"y":true}]}})" << R"([{"op":"test","path":"/a","value":{"x":[1,{"y":true}]}}])" << R"({"a":{"x":[1,{"y":true}]}})";
    QTest::newRow("test missing against null") << R"({"a":1})" << R"([{"op":"test","path":"/b","value":null}])" << R"({"a":1})";
    QTest::newRow("test whole doc") << R"({"a":1})" << R"([{"op":"test","path":"","value":{"a":1}}])" << R"({"a":1})";
    QTest::newRow("ops in order") << R"({})" << R"([{"op":"add","path":"/l","value":[]},{"op":"add","path":"/l/-","value":1},{"op":"add","path":"/l/0","value":0}])" << R"({"l":[0,1]})";
    QTest::newRow("empty patch") << R"({"a":1})" << "[]" << R"({"a":1})";
    QTest::newRow("null patch") << R"({"a":1})" << "null" << R"({"a":1})";
    QTest::newRow("deployment scale") << kDeployment
        << R"([{"op":"replace","path":"/spec/replicas","value":5},{"op":"replace","path":"/spec/template/spec/containers/1/image","value":"redis:7"}])"
        << R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
              "spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis:7"}]}}}})";
}

void TestJsonPatch::apply()
{
    QFETCH(QString, doc);
    QFETCH(QString, patch);
    QFETCH(QString, expected);
    const auto result = JsonPatch::apply(json(doc.toUtf8().constData()), patch.toUtf8());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), json(expected.toUtf8().constData()));
}

void TestJsonPatch::failures_data()
{
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("detail");

    QTest::newRow("test fails") << kDeployment << R"([{"op":"test","path":"/spec/replicas","value":3}])"
                                << "testing value /spec/replicas failed: test failed";
    QTest::newRow("test missing") << R"({"a":1})" << R"([{"op":"test","path":"/b","value":1}])"
                                  << "testing value /b failed: test failed";
    QTest::newRow("test missing parent") << R"({"a":1})" << R"([{"op":"test","path":"/b/c","value":1}])"
                                         << "test operation does not apply: is missing path: /b/c: missing value";
    QTest::newRow("add missing parent") << R"({"a":1})" << R"([{"op":"add","path":"/metadata/annotations/x","value":"1"}])"
                                        << R"(add operation does not apply: doc is missing path: "/metadata/annotations/x": missing value)";
    QTest::newRow("add whole doc") << R"({"a":1})" << R"([{"op":"add","path":"","value":{}}])"
                                   << R"(add operation does not apply: doc is missing path: "": missing value)";
    QTest::newRow("add bad index") << R"({"a":[1]})" << R"([{"op":"add","path":"/a/x","value":1}])"
                                   << R"(error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax)";
    QTest::newRow("add index out of range") << R"({"a":[1]})" << R"([{"op":"add","path":"/a/5","value":1}])"
                                            << "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced";
    QTest::newRow("remove missing member") << kDeployment << R"([{"op":"remove","path":"/metadata/labels/tier"}])"
                                           << "error in remove for path: '/metadata/labels/tier': Unable to remove nonexistent key: tier: missing value";
    QTest::newRow("remove missing parent") << R"({"a":1})" << R"([{"op":"remove","path":"/x/y"}])"
                                           << R"(remove operation does not apply: doc is missing path: "/x/y": missing value)";
    QTest::newRow("remove index out of range") << R"({"a":[1]})" << R"([{"op":"remove","path":"/a/3"}])"
                                               << "error in remove for path: '/a/3': Unable to access invalid index: 3: invalid index referenced";
    QTest::newRow("replace missing index") << R"({"a":[1]})" << R"([{"op":"replace","path":"/a/4","value":1}])"
                                           << "replace operation does not apply: doc is missing key: /a/4: missing value";
    QTest::newRow("replace missing parent") << R"({"a":1})" << R"([{"op":"replace","path":"/x/y","value":1}])"
                                            << "replace operation does not apply: doc is missing path: /x/y: missing value";
    QTest::newRow("replace without path") << R"({"a":1})" << R"([{"op":"replace","value":1}])"
                                          << "replace operation failed to decode path: operation missing path field: missing value";
    QTest::newRow("move missing from") << R"({"a":{}})" << R"([{"op":"move","from":"/a/x","path":"/b"}])"
                                       << "error in move for path: 'x': Unable to remove nonexistent key: x: missing value";
    QTest::newRow("move missing destination") << R"({"a":{"x":1}})" << R"([{"op":"move","from":"/a/x","path":"/b/c"}])"
                                              << "move operation does not apply: doc is missing destination path: /b/c: missing value";
    QTest::newRow("copy missing from parent") << R"({"a":1})" << R"([{"op":"copy","from":"/x/y","path":"/b"}])"
                                              << "copy operation does not apply: doc is missing from path: /x/y: missing value";
    QTest::newRow("unknown op") << R"({"a":1})" << R"([{"op":"frob","path":"/a"}])" << "Unexpected kind: frob";
    QTest::newRow("missing op") << R"({"a":1})" << R"([{"path":"/a"}])" << "Unexpected kind: unknown";
    QTest::newRow("add without path") << R"({"a":1})" << R"([{"op":"add","value":1}])" << "add operation failed to decode path: missing value";
    QTest::newRow("earlier ops are not kept") << R"({"a":1})" << R"([{"op":"add","path":"/b","value":1},{"op":"test","path":"/a","value":2}])"
                                              << "testing value /a failed: test failed";
}

void TestJsonPatch::failures()
{
    QFETCH(QString, doc);
    QFETCH(QString, patch);
    QFETCH(QString, detail);
    QString actualDetail;
    const auto result = JsonPatch::apply(json(doc.toUtf8().constData()), patch.toUtf8(), &actualDetail);
    QVERIFY(!result.ok());
    const acp::api::ApiError &e = result.error();
    QCOMPARE(e.httpStatus, 422);
    QCOMPARE(e.reason, QStringLiteral("Invalid"));
    QCOMPARE(e.message, QStringLiteral("the server rejected our request due to an error in our request"));
    QVERIFY(e.details.isEmpty());   // the apiserver sends "details": {}
    QVERIFY(e.isInvalid());
    QCOMPARE(actualDetail, detail);
}

void TestJsonPatch::badPatches()
{
    const QJsonValue doc = json(R"({"a":1})");
    auto r = JsonPatch::apply(doc, QByteArray(R"({"op":"add","path":"/b","value":1})"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 400);
    QCOMPARE(r.error().reason, QStringLiteral("BadRequest"));
    QCOMPARE(r.error().message, QStringLiteral("json: cannot unmarshal object into Go value of type jsonpatch.Patch"));

    r = JsonPatch::apply(doc, json(R"(["add"])"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, QStringLiteral("json: cannot unmarshal string into Go value of type jsonpatch.Operation"));

    r = JsonPatch::apply(doc, QByteArray("[{"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 400);
}

void TestJsonPatch::tooManyOperations()
{
    QJsonArray ops;
    for (int i = 0; i <= JsonPatch::kMaxOperations; ++i)
        ops.append(QJsonObject{{QStringLiteral("op"), QStringLiteral("test")}, {QStringLiteral("path"), QStringLiteral("/a")}, {QStringLiteral("value"), 1}});
    const auto r = JsonPatch::apply(json(R"({"a":1})"), QJsonValue(ops));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 413);
    QCOMPARE(r.error().reason, QStringLiteral("RequestEntityTooLarge"));
    QCOMPARE(r.error().message, QStringLiteral("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001"));
}

void TestJsonPatch::tokens()
{
    QCOMPARE(JsonPatch::escapeToken(QStringLiteral("a/b~c")), QStringLiteral("a~1b~0c"));
    QCOMPARE(JsonPatch::unescapeToken(QStringLiteral("a~1b~0c")), QStringLiteral("a/b~c"));
    QCOMPARE(JsonPatch::unescapeToken(QStringLiteral("~01")), QStringLiteral("~1"));
    QCOMPARE(JsonPatch::unescapeToken(JsonPatch::escapeToken(QStringLiteral("~1/~0"))), QStringLiteral("~1/~0"));
}

QTEST_GUILESS_MAIN(TestJsonPatch)
#include "tst_jsonpatch.moc"
