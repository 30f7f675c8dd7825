// Unit tests for acp::models::LabelSelector (k8s.io/apimachinery/pkg/labels semantics).
#include "models/LabelSelector.h"

#include <QJsonDocument>
#include <QtTest>

using acp::models::LabelSelector;

namespace {

const QString kNameRegexHelp = QStringLiteral(
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
    "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
const QString kValueRegexHelp = QStringLiteral(
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");

QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestLabelSelector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void matches_data();
    void matches();
    void fromJson_data();
    void fromJson();
    void fromJsonNullIsNothing();
    void containerOverloads();
    void requiresExactMatch();
    void addingKeepsOrder();
    void fromSet();
    void makeRequirementErrors();
    void validateKeyAndValue();
};

void TestLabelSelector::parseValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("count");

    QTest::newRow("empty") << "" << "" << 0;
    QTest::newRow("blanks only") << " \t\n" << "" << 0;
    QTest::newRow("equals") << "x=a" << "x=a" << 1;
    QTest::newRow("double equals") << "x==a" << "x==a" << 1;
    QTest::newRow("not equals") << "x!=a" << "x!=a" << 1;
    QTest::newRow("blanks around") << "  x = a  " << "x=a" << 1;
    QTest::newRow("empty value") << "x=" << "x=" << 1;
    QTest::newRow("empty value then more") << "x=,y" << "x=,y" << 2;
    QTest::newRow("in sorted") << "x in (b,a)" << "x in (a,b)" << 1;
    QTest::newRow("in dedup") << "x in (a,a,b)" << "x in (a,b)" << 1;
    QTest::newRow("notin one") << "x notin (a)" << "x notin (a)" << 1;
    QTest::newRow("in blanks") << "x in ( a , b )" << "x in (a,b)" << 1;
    QTest::newRow("exists") << "x" << "x" << 1;
    QTest::newRow("not exists") << "!x" << "!x" << 1;
    QTest::newRow("not exists blank") << "! x" << "!x" << 1;
    QTest::newRow("sorted by key") << "z=1,a=2" << "a=2,z=1" << 2;
    QTest::newRow("apimachinery doc example") << "x in (foo,,baz),y,z notin ()" << "x in (,baz,foo),y,z notin ()" << 3;
    QTest::newRow("leading comma in set") << "x in (,a)" << "x in (,a)" << 1;
    QTest::newRow("trailing comma in set") << "x in (a,)" << "x in (,a)" << 1;
    QTest::newRow("gt") << "x>1" << "x>1" << 1;
    QTest::newRow("lt") << "x<10" << "x<10" << 1;
    QTest::newRow("keyword as key and value") << "in in (in)" << "in in (in)" << 1;
    QTest::newRow("notin as value") << "x=notin" << "x=notin" << 1;
    QTest::newRow("prefixed key") << "app.kubernetes.io/name=foo" << "app.kubernetes.io/name=foo" << 1;
    QTest::newRow("mixed") << "tier!=db,!canary,env in (prod,qa)" << "!canary,env in (prod,qa),tier!=db" << 3;
    QTest::newRow("value with dots") << "v=1.2.3" << "v=1.2.3" << 1;
    QTest::newRow("newline separated") << "a=b,\nc=d" << "a=b,c=d" << 2;
}

void TestLabelSelector::parseValid()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(int, count);
    const auto r = LabelSelector::parse(input);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->toString(), canonical);
    QCOMPARE(r->requirements().size(), count);
    QCOMPARE(r->isEmpty(), count == 0);
    // The canonical form parses back to the same selector.
    const auto again = LabelSelector::parse(canonical);
    QVERIFY(again.ok());
    QCOMPARE(again->toString(), canonical);
}

void TestLabelSelector::parseInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");

    QTest::newRow("trailing comma") << "x=a," << "found '', expected: identifier after ','";
    QTest::newRow("double comma") << "x=a,,y" << "found ',', expected: identifier after ','";
    QTest::newRow("leading comma") << ",x" << "found ',', expected: !, identifier, or 'end of string'";
    QTest::newRow("leading equals") << "=a" << "found '=', expected: !, identifier, or 'end of string'";
    QTest::newRow("no operator") << "x y" << "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt";
    QTest::newRow("in without paren") << "x in a" << "unable to parse requirement: found 'a' expected: '('";
    QTest::newRow("notin at end") << "x notin" << "unable to parse requirement: found '' expected: '('";
    QTest::newRow("in with blank list") << "x in (a b)" << "unable to parse requirement: found 'b', expected: ',' or ')'";
    QTest::newRow("in unclosed") << "x in (a" << "unable to parse requirement: found '', expected: ',' or ')'";
    QTest::newRow("in operator inside") << "x in (=)" << "unable to parse requirement: found '=', expected: ',', ')' or identifier";
    QTest::newRow("paren as value") << "x=(a)" << "unable to parse requirement: found '(', expected: identifier";
    QTest::newRow("not exists with value") << "!x=a" << "found '=', expected: ',' or 'end of string'";
    QTest::newRow("two values") << "x=a b" << "found 'b', expected: ',' or 'end of string'";
    QTest::newRow("bang alone") << "!" << "unable to parse requirement: found '', expected: identifier";
    QTest::newRow("too many slashes") << "a/b/c"
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name ") + kNameRegexHelp
               + QStringLiteral(" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    QTest::newRow("bad key start") << "-x=1"
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"-x\": name part ") + kNameRegexHelp;
    QTest::newRow("empty prefix") << "/x"
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty");
    QTest::newRow("empty name") << "a.com/"
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"a.com/\": name part must be non-empty; name part ") + kNameRegexHelp;
    QTest::newRow("upper-case prefix") << "Foo.com/x=1"
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"Foo.com/x\": prefix part a DNS-1123 subdomain must consist of "
                          "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                          "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    QTest::newRow("key too long") << QString(64, QLatin1Char('k'))
        << QStringLiteral("unable to parse requirement: <nil>: Invalid value: \"%1\": name part must be no more than 63 characters").arg(QString(64, QLatin1Char('k')));
    QTest::newRow("bad value") << "x=a@b"
        << QStringLiteral("unable to parse requirement: values[0][x]: Invalid value: \"a@b\": ") + kValueRegexHelp;
    QTest::newRow("bad value sorted index") << "x in (a,-b)"
        << QStringLiteral("unable to parse requirement: values[0][x]: Invalid value: \"-b\": ") + kValueRegexHelp;
    QTest::newRow("two bad values") << "x in (-a,-b)"
        << QStringLiteral("unable to parse requirement: [values[0][x]: Invalid value: \"-a\": ") + kValueRegexHelp
               + QStringLiteral(", values[1][x]: Invalid value: \"-b\": ") + kValueRegexHelp + QStringLiteral("]");
    QTest::newRow("value too long") << QStringLiteral("x=") + QString(64, QLatin1Char('v'))
        << QStringLiteral("unable to parse requirement: values[0][x]: Invalid value: \"%1\": must be no more than 63 characters").arg(QString(64, QLatin1Char('v')));
    QTest::newRow("gt not integer") << "x>a"
        << "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer";
    QTest::newRow("quote in value") << "x=a\"b"
        << QStringLiteral("unable to parse requirement: values[0][x]: Invalid value: \"a\\\"b\": ") + kValueRegexHelp;
}

void TestLabelSelector::parseInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    const auto r = LabelSelector::parse(input);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().httpStatus, 400);
    QCOMPARE(r.error().reason, QStringLiteral("BadRequest"));
}

void TestLabelSelector::matches_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("expected");

    QTest::newRow("empty") << "" << true;
    QTest::newRow("equals hit") << "app=web" << true;
    QTest::newRow("equals miss") << "app=db" << false;
    QTest::newRow("equals missing key") << "nope=web" << false;
    QTest::newRow("not equals other") << "app!=db" << true;
    QTest::newRow("not equals same") << "app!=web" << false;
    QTest::newRow("not equals missing key") << "nope!=x" << true;
    QTest::newRow("in hit") << "app in (web,db)" << true;
    QTest::newRow("in miss") << "app in (db)" << false;
    QTest::newRow("in missing key") << "nope in (a)" << false;
    QTest::newRow("notin same") << "app notin (web)" << false;
    QTest::newRow("notin missing key") << "nope notin (a)" << true;
    QTest::newRow("exists") << "app" << true;
    QTest::newRow("exists missing") << "nope" << false;
    QTest::newRow("not exists present") << "!app" << false;
    QTest::newRow("not exists missing") << "!nope" << true;
    QTest::newRow("empty value present") << "empty=" << true;
    QTest::newRow("empty value in set") << "empty in ()" << true;
    QTest::newRow("empty value absent") << "nope=" << false;
    QTest::newRow("gt true") << "n>4" << true;
    QTest::newRow("gt false") << "n>5" << false;
    QTest::newRow("lt true") << "n<6" << true;
    QTest::newRow("lt on non-number") << "app<6" << false;
    QTest::newRow("gt missing") << "nope>1" << false;
    QTest::newRow("and all") << "app,tier=front,n in (5)" << true;
    QTest::newRow("and one fails") << "app,tier=back" << false;
}

void TestLabelSelector::matches()
{
    QFETCH(QString, selector);
    QFETCH(bool, expected);
    const QJsonObject labels = obj(R"({"app":"web","tier":"front","n":"5","empty":""})");
    const auto r = LabelSelector::parse(selector);
    QVERIFY(r.ok());
    QCOMPARE(r->matches(labels), expected);
}

void TestLabelSelector::fromJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("canonical");   // empty + error set = failure expected
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("matchesWebFront"); // {app: web, tier: front}

    QTest::newRow("empty object") << "{}" << "" << "" << true;
    QTest::newRow("match labels") << R"({"matchLabels":{"app":"web"}})" << "app=web" << "" << true;
    QTest::newRow("match labels sorted") << R"({"matchLabels":{"tier":"front","app":"web"}})" << "app=web,tier=front" << "" << true;
    QTest::newRow("in") << R"({"matchExpressions":[{"key":"tier","operator":"In","values":["front","back"]}]})"
                        << "tier in (back,front)" << "" << true;
    QTest::newRow("notin") << R"({"matchExpressions":[{"key":"tier","operator":"NotIn","values":["front"]}]})"
                           << "tier notin (front)" << "" << false;
    QTest::newRow("exists") << R"({"matchExpressions":[{"key":"app","operator":"Exists"}]})" << "app" << "" << true;
    QTest::newRow("does not exist") << R"({"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]})" << "!app" << "" << false;
    QTest::newRow("both") << R"({"matchLabels":{"app":"web"},"matchExpressions":[{"key":"canary","operator":"DoesNotExist"}]})"
                          << "app=web,!canary" << "" << true;
    QTest::newRow("bad operator") << R"({"matchExpressions":[{"key":"a","operator":"Equals","values":["x"]}]})"
                                  << "" << "\"Equals\" is not a valid label selector operator" << false;
    QTest::newRow("in without values") << R"({"matchExpressions":[{"key":"a","operator":"In"}]})"
                                       << "" << "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty" << false;
    QTest::newRow("in with empty values") << R"({"matchExpressions":[{"key":"a","operator":"NotIn","values":[]}]})"
                                          << "" << "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty" << false;
    QTest::newRow("exists with values") << R"({"matchExpressions":[{"key":"a","operator":"Exists","values":["x","y"]}]})"
                                        << "" << "values: Invalid value: [\"x\",\"y\"]: values set must be empty for exists and does not exist" << false;
    QTest::newRow("bad key") << R"({"matchLabels":{"a b":"x"}})"
                             << "" << QStringLiteral("key: Invalid value: \"a b\": name part ") + kNameRegexHelp << false;
    QTest::newRow("bad value") << R"({"matchLabels":{"app":"a b"}})"
                               << "" << QStringLiteral("values[0][app]: Invalid value: \"a b\": ") + kValueRegexHelp << false;
    QTest::newRow("bad key and values aggregated") << R"({"matchExpressions":[{"key":"-k","operator":"In"}]})"
        << "" << QStringLiteral("[key: Invalid value: \"-k\": name part ") + kNameRegexHelp
                     + QStringLiteral(", values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty]") << false;
}

void TestLabelSelector::fromJson()
{
    QFETCH(QString, json);
    QFETCH(QString, canonical);
    QFETCH(QString, error);
    QFETCH(bool, matchesWebFront);
    const auto r = LabelSelector::fromJson(obj(json.toUtf8().constData()));
    if (!error.isEmpty()) {
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, error);
        return;
    }
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->toString(), canonical);
    QCOMPARE(r->matches(obj(R"({"app":"web","tier":"front"})")), matchesWebFront);
}

void TestLabelSelector::fromJsonNullIsNothing()
{
    const auto n = LabelSelector::fromJsonValue(QJsonValue(QJsonValue::Null));
    QVERIFY(n.ok());
    QVERIFY(n->isNothing());
    QVERIFY(!n->isEmpty());
    QVERIFY(!n->matches(QJsonObject()));
    const auto u = LabelSelector::fromJsonValue(QJsonValue(QJsonValue::Undefined));
    QVERIFY(u.ok() && u->isNothing());
    const auto e = LabelSelector::fromJsonValue(QJsonObject());
    QVERIFY(e.ok() && e->isEmpty());
    QVERIFY(e->matches(QJsonObject()));
    QVERIFY(LabelSelector().matches(QJsonObject{{QStringLiteral("a"), QStringLiteral("b")}}));
}

void TestLabelSelector::containerOverloads()
{
    const auto s = LabelSelector::parse(QStringLiteral("app=web,!canary"));
    QVERIFY(s.ok());
    QMap<QString, QString> m{{QStringLiteral("app"), QStringLiteral("web")}};
    QHash<QString, QString> h{{QStringLiteral("app"), QStringLiteral("web")}};
    QVERIFY(s->matches(m));
    QVERIFY(s->matches(h));
    m.insert(QStringLiteral("canary"), QString());
    h.insert(QStringLiteral("canary"), QString());
    QVERIFY(!s->matches(m));
    QVERIFY(!s->matches(h));
}

void TestLabelSelector::requiresExactMatch()
{
    const auto s = LabelSelector::parse(QStringLiteral("a=1,b in (2),c in (3,4),d!=5,e"));
    QVERIFY(s.ok());
    QCOMPARE(s->requiresExactMatch(QStringLiteral("a")), std::optional<QString>(QStringLiteral("1")));
    QCOMPARE(s->requiresExactMatch(QStringLiteral("b")), std::optional<QString>(QStringLiteral("2")));
    QVERIFY(!s->requiresExactMatch(QStringLiteral("c")));
    QVERIFY(!s->requiresExactMatch(QStringLiteral("d")));
    QVERIFY(!s->requiresExactMatch(QStringLiteral("e")));
    QVERIFY(!s->requiresExactMatch(QStringLiteral("zz")));
}

void TestLabelSelector::addingKeepsOrder()
{
    const auto s = LabelSelector::parse(QStringLiteral("m=1"));
    QVERIFY(s.ok());
    const auto r = LabelSelector::makeRequirement(QStringLiteral("a"), LabelSelector::Operator::NotIn,
                                                  {QStringLiteral("y"), QStringLiteral("x")});
    QVERIFY(r.ok());
    const LabelSelector t = s->adding(r.value());
    QCOMPARE(t.toString(), QStringLiteral("a notin (x,y),m=1"));
    QCOMPARE(s->toString(), QStringLiteral("m=1")); // original untouched
    QVERIFY(!LabelSelector::nothing().adding(r.value()).isNothing());
}

void TestLabelSelector::fromSet()
{
    const LabelSelector s = LabelSelector::fromSet({{QStringLiteral("b"), QStringLiteral("2")}, {QStringLiteral("a"), QStringLiteral("1")}});
    QCOMPARE(s.toString(), QStringLiteral("a=1,b=2"));
    QVERIFY(LabelSelector::fromSet({}).isEmpty());
    QVERIFY(s.matches(QJsonObject{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}}));
}

void TestLabelSelector::makeRequirementErrors()
{
    using Op = LabelSelector::Operator;
    auto r = LabelSelector::makeRequirement(QStringLiteral("k"), Op::Equals, {QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(r.error().message, QStringLiteral("values: Invalid value: [\"a\",\"b\"]: exact-match compatibility requires one single value"));
    r = LabelSelector::makeRequirement(QStringLiteral("k"), Op::GreaterThan, {});
    QCOMPARE(r.error().message, QStringLiteral("values: Invalid value: null: for 'Gt', 'Lt' operators, exactly one value is required"));
    r = LabelSelector::makeRequirement(QStringLiteral("k"), Op::In, {QStringLiteral("<b>")}, QStringLiteral("spec.selector"));
    QCOMPARE(r.error().message, QStringLiteral("spec.selector.values[0][k]: Invalid value: \"<b>\": ") + kValueRegexHelp);
    r = LabelSelector::makeRequirement(QStringLiteral("k"), Op::LessThan, {QStringLiteral("-3")});
    QVERIFY(!r.ok()); // "-3" is an integer but not a valid label value
    QVERIFY(r.error().message.startsWith(QStringLiteral("values[0][k]: Invalid value: \"-3\"")));
    r = LabelSelector::makeRequirement(QStringLiteral("k"), Op::LessThan, {QStringLiteral("3")});
    QVERIFY(r.ok());
    QCOMPARE(r->toString(), QStringLiteral("k<3"));
}

void TestLabelSelector::validateKeyAndValue()
{
    QVERIFY(LabelSelector::validateLabelKey(QStringLiteral("app.kubernetes.io/name")).isEmpty());
    QVERIFY(LabelSelector::validateLabelKey(QStringLiteral("A_b.c-D")).isEmpty());
    QCOMPARE(LabelSelector::validateLabelKey(QString()).size(), 2);
    QVERIFY(LabelSelector::validateLabelValue(QString()).isEmpty());
    QVERIFY(LabelSelector::validateLabelValue(QString(63, QLatin1Char('v'))).isEmpty());
    QCOMPARE(LabelSelector::validateLabelValue(QStringLiteral("ü")).size(), 1);
    QCOMPARE(LabelSelector::validateLabelValue(QString(64, QLatin1Char('-'))).size(), 2);
}

QTEST_GUILESS_MAIN(TestLabelSelector)
#include "tst_labelselector.moc"
