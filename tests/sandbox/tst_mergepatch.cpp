// MergePatch: RFC 7386 (its appendix A examples) as kube-apiserver applies it, and patch creation.
#include "sandbox/MergePatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using acp::sandbox::MergePatch;

namespace {

QJsonValue json(const QString &text)
{
    const QByteArray wrapped = QByteArray("[") + text.toUtf8() + "]";
    return QJsonDocument::fromJson(wrapped).array().at(0);
}

} // namespace

class TestMergePatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void apply_data();
    void apply();
    void requestBodies();
    void create_data();
    void create();
};

void TestMergePatch::apply_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("expected");

    // RFC 7386 appendix A.
    QTest::newRow("A1 replace") << R"({"a":"b"})" << R"({"a":"c"})" << R"({"a":"c"})";
    QTest::newRow("A2 add") << R"({"a":"b"})" << R"({"b":"c"})" << R"({"a":"b","b":"c"})";
    QTest::newRow("A3 delete") << R"({"a":"b"})" << R"({"a":null})" << R"({})";
    QTest::newRow("A4 delete one") << R"({"a":"b","b":"c"})" << R"({"a":null})" << R"({"b":"c"})";
    QTest::newRow("A5 array by scalar") << R"({"a":["b"]})" << R"({"a":"c"})" << R"({"a":"c"})";
    QTest::newRow("A6 scalar by array") << R"({"a":"c"})" << R"({"a":["b"]})" << R"({"a":["b"]})";
    QTest::newRow("A7 nested") << R"({"a":{"b":"c"}})" << R"({"a":{"b":"d","c":null}})" << R"({"a":{"b":"d"}})";
    QTest::newRow("A8 arrays replaced") << R"({"a":[{"b":"c"}]})" << R"({"a":[1]})" << R"({"a":[1]})";
    QTest::newRow("A9 array doc") << R"(["a","b"])" << R"(["c","d"])" << R"(["c","d"])";
    QTest::newRow("A10 array patch") << R"({"a":"b"})" << R"(["c"])" << R"(["c"])";
    QTest::newRow("A13 keeps target nulls") << R"({"e":null})" << R"({"a":1})" << R"({"e":null,"a":1})";
    QTest::newRow("A14 non-object target") << R"([1,2])" << R"({"a":"b","c":null})" << R"({"a":"b"})";
    QTest::newRow("A15 nested nulls pruned") << R"({})" << R"({"a":{"bb":{"ccc":null}}})" << R"({"a":{"bb":{}}})";
    // kube-apiserver style objects.
    QTest::newRow("label removed, annotation added")
        << R"({"metadata":{"name":"x","labels":{"a":"1","b":"2"}},"spec":{"replicas":1}})"
        << R"({"metadata":{"labels":{"a":null},"annotations":{"note":"hi"}},"spec":{"replicas":3}})"
        << R"({"metadata":{"name":"x","labels":{"b":"2"},"annotations":{"note":"hi"}},"spec":{"replicas":3}})";
    QTest::newRow("containers replaced whole")
        << R"({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}})"
        << R"({"spec":{"containers":[{"name":"a","image":"y"}]}})"
        << R"({"spec":{"containers":[{"name":"a","image":"y"}]}})";
    QTest::newRow("nulls in new array objects pruned")
        << R"({})" << R"({"l":[{"a":null,"b":1},null]})" << R"({"l":[{"b":1},null]})";
}

void TestMergePatch::apply()
{
    QFETCH(QString, target);
    QFETCH(QString, patch);
    QFETCH(QString, expected);
    QCOMPARE(MergePatch::apply(json(target), json(patch)), json(expected));
    const auto viaBody = MergePatch::applyJson(json(target), patch.toUtf8());
    QVERIFY(viaBody.ok());
    QCOMPARE(viaBody.value(), json(expected));
}

void TestMergePatch::requestBodies()
{
    for (const char *body : {"null", "\"bar\"", "12", "{"}) {
        const auto r = MergePatch::applyJson(json(R"({"a":"foo"})"), QByteArray(body));
        QVERIFY2(!r.ok(), body);
        QCOMPARE(r.error().httpStatus, 400);
        QCOMPARE(r.error().reason, QStringLiteral("BadRequest"));
        QCOMPARE(r.error().message, QStringLiteral("Invalid JSON Patch"));
    }
}

void TestMergePatch::create_data()
{
    QTest::addColumn<QString>("original");
    QTest::addColumn<QString>("modified");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no change") << R"({"a":1,"b":{"c":[1]}})" << R"({"a":1,"b":{"c":[1]}})" << "{}";
    QTest::newRow("scalar changed") << R"({"a":1})" << R"({"a":2})" << R"({"a":2})";
    QTest::newRow("added and removed") << R"({"a":1,"b":2})" << R"({"a":1,"c":3})" << R"({"b":null,"c":3})";
    QTest::newRow("nested") << R"({"m":{"l":{"x":"1","y":"2"}}})" << R"({"m":{"l":{"x":"1","z":"3"}}})" << R"({"m":{"l":{"y":null,"z":"3"}}})";
    QTest::newRow("array replaced") << R"({"a":[1,2]})" << R"({"a":[1]})" << R"({"a":[1]})";
    QTest::newRow("type changed") << R"({"a":{"b":1}})" << R"({"a":"s"})" << R"({"a":"s"})";
    QTest::newRow("null to value") << R"({"a":null})" << R"({"a":1})" << R"({"a":1})";
}

void TestMergePatch::create()
{
    QFETCH(QString, original);
    QFETCH(QString, modified);
    QFETCH(QString, expected);
    const QJsonValue patch = MergePatch::create(json(original), json(modified));
    QCOMPARE(patch, json(expected));
    QCOMPARE(MergePatch::apply(json(original), patch), json(modified));
}

QTEST_GUILESS_MAIN(TestMergePatch)
#include "tst_mergepatch.moc"
