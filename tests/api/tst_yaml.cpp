// Unit tests for acp::api::yaml: go-yaml v2 / sigs.k8s.io/yaml scalar resolution (what kubectl
// does with a manifest), multi-document streams, positioned errors, anchors and merge keys, and
// dump() writing exactly what `kubectl get -o yaml` writes.
#include "api/Yaml.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>
#include <memory>
#include <limits>

namespace yaml = acp::api::yaml;

namespace {

QByteArray show(const QJsonValue &v)
{
    return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
}

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

QJsonValue parsed(const QByteArray &text)
{
    const auto r = yaml::parseOne(text);
    if (!r)
        qWarning("parse failed: %s", qPrintable(r.error().toString()));
    return r ? *r : QJsonValue(QJsonValue::Undefined);
}

const QStringList kTrickyStrings = {
    QString(), QStringLiteral("yes"), QStringLiteral("Yes"), QStringLiteral("on"), QStringLiteral("OFF"),
    QStringLiteral("y"), QStringLiteral("n"), QStringLiteral("true"), QStringLiteral("False"),
    QStringLiteral("~"), QStringLiteral("null"), QStringLiteral("Null"), QStringLiteral("0644"),
    QStringLiteral("0o17"), QStringLiteral("0x1F"), QStringLiteral("0b101"), QStringLiteral("1_000"),
    QStringLiteral("1.5"), QStringLiteral("1e3"), QStringLiteral(".5"), QStringLiteral(".inf"),
    QStringLiteral("-.Inf"), QStringLiteral(".nan"), QStringLiteral("+1"), QStringLiteral("-"),
    QStringLiteral("08"), QStringLiteral("1:20"), QStringLiteral("2024-01-15"),
    QStringLiteral("2024-01-15T10:00:00Z"), QStringLiteral("<<"), QStringLiteral("- x"),
    QStringLiteral("-x"), QStringLiteral("a: b"), QStringLiteral("a:b"), QStringLiteral("a:"),
    QStringLiteral("#x"), QStringLiteral("a #b"), QStringLiteral("a#b"), QStringLiteral("  lead"),
    QStringLiteral("trail "), QStringLiteral(" "), QStringLiteral("multi\nline"),
    QStringLiteral("trailing newline\n"), QStringLiteral("two\n\n"), QStringLiteral("\nleading break"),
    QStringLiteral("  indented\nblock"), QStringLiteral("line \nspace before break"),
    QStringLiteral("break\n space"), QStringLiteral("tab\there"), QStringLiteral("cr\r\nlf"),
    QStringLiteral("unicode: é 中文 ✓"), QStringLiteral("emoji 😀"), QStringLiteral("nbsp\u00a0x"),
    QStringLiteral("ls\u2028ps\u2029nel\u0085"), QStringLiteral("bom\ufeff"), QStringLiteral("nul\u0000x"),
    QStringLiteral("@x"), QStringLiteral("`x"), QStringLiteral("*x"), QStringLiteral("&x"),
    QStringLiteral("!x"), QStringLiteral("%x"), QStringLiteral("{x"), QStringLiteral("}x"),
    QStringLiteral("[x"), QStringLiteral("]x"), QStringLiteral(",x"), QStringLiteral("?x"),
    QStringLiteral("? x"), QStringLiteral(":x"), QStringLiteral("|x"), QStringLiteral(">x"),
    QStringLiteral("'q'"), QStringLiteral("\"dq\""), QStringLiteral("it's"), QStringLiteral("back\\slash"),
    QStringLiteral("---"), QStringLiteral("--- x"), QStringLiteral("..."), QStringLiteral("a, b"),
    QStringLiteral("{a: b}"), QStringLiteral("[1, 2]"), QStringLiteral("=")};

} // namespace

class TestYaml : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scalarResolution_data();
    void scalarResolution();
    void specialFloats();
    void resolvePlainScalar();
    void octalDefaultMode();
    void multiDocument();
    void parseOneRules();
    void syntaxErrors_data();
    void syntaxErrors();
    void nestingWithinLimit();
    void semanticErrors_data();
    void semanticErrors();
    void anchorsAndMergeKeys();
    void nonStringKeys();
    void dumpDeployment();
    void dumpStyles_data();
    void dumpStyles();
    void dumpKeyOrder();
    void dumpAll();
    void roundTrip_data();
    void roundTrip();
    void roundTripRandom();
    void referenceCrds_data();
    void referenceCrds();
    void dumpMatchesControllerGen_data();
    void dumpMatchesControllerGen();
};

void TestYaml::scalarResolution_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QJsonValue>("expected");
    auto row = [](const char *text, const QJsonValue &v) {
        QTest::newRow(QByteArray(text).replace('\n', "\\n").constData()) << QByteArray(text) << v;
    };
    for (const char *s : {"", "~", "null", "Null", "NULL"})
        row(s, QJsonValue());
    for (const char *s : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"})
        row(s, true);
    for (const char *s : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"})
        row(s, false);
    for (const char *s : {"tRUE", "nULL", "yEs", "oN", "none", "t", "f"})
        row(s, QString::fromLatin1(s));
    row("0", 0);
    row("42", 42);
    row("-17", -17);
    row("+5", 5);
    row("0x1F", 31);
    row("0X1f", 31);
    row("-0x10", -16);
    row("0b101", 5);
    row("-0b101", -5);
    row("0644", 420);
    row("-0644", -420);
    row("0o17", 15);
    row("0O17", 15);
    row("1_000", 1000);
    row("0x_ff", 255);
    row("08", 8.0);                 // not octal, but a yaml-style float
    row("09.5", 9.5);
    row("1.5", 1.5);
    row("-1.5e3", -1500.0);
    row("1e3", 1000.0);
    row("1E-2", 0.01);
    row(".5", 0.5);
    row("+.5", 0.5);
    row("-.5", -0.5);
    row("1.", 1.0);
    row("9223372036854775807", QJsonValue(std::numeric_limits<qint64>::max()));
    row("-9223372036854775808", QJsonValue(std::numeric_limits<qint64>::min()));
    row("18446744073709551615", 18446744073709551615.0);   // uint64, as a double
    row("99999999999999999999999", 1e23);                  // yaml-style float
    row("0x1000000000000000000", std::ldexp(1.0, 72));     // big.Int, as a double
    for (const char *s : {"2024-01-15", "2024-01-15T10:00:00Z", "2001-12-14 21:59:43.10", "1:20", "0x", "0b",
                          "0b2", "abc", "<<", "12abc", "1e", "1e999", ".", "+", "..5", "._5", "1.5.3",
                          "0x1g", "--1", "+-1", "1__0x", "v1", "1.2.3.4"})
        row(s, QString::fromLatin1(s));
    row("'true'", QStringLiteral("true"));
    row("\"0644\"", QStringLiteral("0644"));
    row("\"\"", QString());
    row("'null'", QStringLiteral("null"));
    row("!!str 12", QStringLiteral("12"));
    row("!!str true", QStringLiteral("true"));
    row("!!str null", QStringLiteral("null"));
    row("!!int \"12\"", 12);
    row("!!float 1", 1.0);
    row("!!bool yes", true);
    row("!!null ~", QJsonValue());
    row("!!timestamp 2024-01-15", QStringLiteral("2024-01-15"));
    row("! 12", QStringLiteral("12"));
    row("!custom 12", QStringLiteral("12"));
    row("!!binary aGVsbG8=", QStringLiteral("hello"));
    row("|\n  literal\n  text\n", QStringLiteral("literal\ntext\n"));
    row(">-\n  folded\n  text\n", QStringLiteral("folded text"));
    row("plain\n  continued", QStringLiteral("plain continued"));
    row("[a, 1, yes, ~]", json(R"(["a", 1, true, null])"));
    row("{a: 1}", json(R"({"a": 1})"));
}

void TestYaml::scalarResolution()
{
    QFETCH(QByteArray, text);
    QFETCH(QJsonValue, expected);
    const QJsonValue v = parsed("v: " + text).toObject().value(QLatin1String("v"));
    QVERIFY2(v == expected, QByteArray(show(v) + " != " + show(expected)).constData());
    QCOMPARE(v.type(), expected.type());
}

void TestYaml::specialFloats()
{
    const QJsonObject o = parsed("a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\n").toObject();
    QCOMPARE(o.value(QLatin1String("a")).toDouble(), std::numeric_limits<double>::infinity());
    QCOMPARE(o.value(QLatin1String("b")).toDouble(), -std::numeric_limits<double>::infinity());
    QCOMPARE(o.value(QLatin1String("c")).toDouble(), std::numeric_limits<double>::infinity());
    QVERIFY(std::isnan(o.value(QLatin1String("d")).toDouble()));
    QVERIFY(std::isnan(o.value(QLatin1String("e")).toDouble()));
    QCOMPARE(yaml::dump(o), QByteArray("a: .inf\nb: -.inf\nc: .inf\nd: .nan\ne: .nan\n"));
}

void TestYaml::resolvePlainScalar()
{
    QCOMPARE(yaml::resolvePlainScalar(QStringLiteral("0644")), QJsonValue(420));
    QCOMPARE(yaml::resolvePlainScalar(QStringLiteral("Off")), QJsonValue(false));
    QCOMPARE(yaml::resolvePlainScalar(QString()), QJsonValue());
    QCOMPARE(yaml::resolvePlainScalar(QStringLiteral("2024-01-15")), QJsonValue(QStringLiteral("2024-01-15")));
    QCOMPARE(yaml::resolvePlainScalar(QStringLiteral("<<")), QJsonValue(QStringLiteral("<<")));
    QCOMPARE(yaml::resolvePlainScalar(QStringLiteral("nginx:1.25")), QJsonValue(QStringLiteral("nginx:1.25")));
}

void TestYaml::octalDefaultMode()
{
    const QByteArray pod = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox
  volumes:
  - name: a
    configMap:
      name: cfg
      defaultMode: 0644
  - name: b
    secret:
      secretName: s
      defaultMode: 0o400
      items:
      - key: k
        path: p
        mode: 0755
)";
    const QJsonObject spec = parsed(pod).toObject().value(QLatin1String("spec")).toObject();
    const QJsonArray volumes = spec.value(QLatin1String("volumes")).toArray();
    QCOMPARE(volumes.at(0)[QLatin1String("configMap")][QLatin1String("defaultMode")].toInteger(), 420);
    QCOMPARE(volumes.at(1)[QLatin1String("secret")][QLatin1String("defaultMode")].toInteger(), 256);
    QCOMPARE(volumes.at(1)[QLatin1String("secret")][QLatin1String("items")][0][QLatin1String("mode")].toInteger(),
             493);
    // kubectl shows it back in decimal.
    QVERIFY(yaml::dump(parsed(pod)).contains("      defaultMode: 420\n"));
}

void TestYaml::multiDocument()
{
    const QByteArray text = "# leading comment\n"      // 1
                            "apiVersion: v1\n"         // 2
                            "kind: ConfigMap\n"        // 3
                            "---\n"                    // 4
                            "# only a comment\n"       // 5
                            "---\n"                    // 6
                            "\n"                       // 7
                            "kind: Secret\n"           // 8
                            "---\n"                    // 9
                            "null\n"                   // 10
                            "--- # comment\n"          // 11
                            "- 1\n"                    // 12
                            "- 2\n"                    // 13
                            "---\n"                    // 14
                            "--- plain\n"              // 15
                            "...\n"                    // 16
                            "# trailing comment\n";    // 17
    const auto r = yaml::parseAll(text, QStringLiteral("multi.yaml"));
    QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->size(), 4);
    QCOMPARE(r->at(0).line, 2);
    QCOMPARE(r->at(0).value[QLatin1String("kind")].toString(), QStringLiteral("ConfigMap"));
    QCOMPARE(r->at(1).line, 8);
    QCOMPARE(r->at(1).value[QLatin1String("kind")].toString(), QStringLiteral("Secret"));
    QCOMPARE(r->at(2).line, 12);
    QCOMPARE(r->at(2).value, json("[1, 2]"));
    QCOMPARE(r->at(3).line, 15);
    QCOMPARE(r->at(3).value, QJsonValue(QStringLiteral("plain")));

    QVERIFY(yaml::parseAll("").value().isEmpty());
    QVERIFY(yaml::parseAll("# nothing\n\n").value().isEmpty());
    QVERIFY(yaml::parseAll("---\n---\n...\n").value().isEmpty());
    // A UTF-8 byte order mark is not content.
    const auto bom = yaml::parseAll("\xEF\xBB\xBFkind: Pod\n");
    QCOMPARE(bom->size(), 1);
    QCOMPARE(bom->at(0).value[QLatin1String("kind")].toString(), QStringLiteral("Pod"));
}

void TestYaml::parseOneRules()
{
    QCOMPARE(yaml::parseOne("").value(), QJsonValue());
    QCOMPARE(yaml::parseOne("# c\n").value(), QJsonValue());
    QCOMPARE(yaml::parseOne("--- 5\n").value(), QJsonValue(5));
    const auto two = yaml::parseOne("a: 1\n---\nb: 2\n", QStringLiteral("two.yaml"));
    QVERIFY(!two.ok());
    QCOMPARE(two.error().file, QStringLiteral("two.yaml"));
    QCOMPARE(two.error().line, 3);
    QVERIFY(two.error().message.contains(QLatin1String("single document")));
}

void TestYaml::syntaxErrors_data()
{
    // Messages are libyaml's, as go-yaml (kubectl) prints them.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("mapping value in plain") << QByteArray("a: 1\nb: x: y\n") << 2 << 5
                                            << "mapping values are not allowed in this context";
    QTest::newRow("unicode column") << QByteArray("a: 1\n\xC3\xA9\xC3\xA9: x: y\n") << 2 << 6
                                    << "mapping values are not allowed in this context";
    QTest::newRow("astral column") << QByteArray("a: 1\n\xF0\x9F\x98\x80: x: y\n") << 2 << 6
                                   << "mapping values are not allowed in this context";
    QTest::newRow("crlf") << QByteArray("a: 1\r\n\xC3\xA9: x: y\r\n") << 2 << 5
                          << "mapping values are not allowed in this context";
    QTest::newRow("unclosed flow") << QByteArray("a: [1, 2\nb: 3\n") << 2 << 2 << "did not find expected ',' or ']'";
    QTest::newRow("unknown anchor") << QByteArray("a: 1\nb: *nope\n") << 2 << 4 << "unknown anchor 'nope' referenced";
    QTest::newRow("bad indentation") << QByteArray("a:\n  b: 1\n c: 2\n") << 3 << 2 << "did not find expected key";
    QTest::newRow("second doc") << QByteArray("a: 1\n---\nkey: [\n") << 4 << 1 << "did not find expected node content";
    QTest::newRow("unterminated quote") << QByteArray("a: \"x\n") << 2 << 1 << "found unexpected end of stream";
    QTest::newRow("tab indentation") << QByteArray("a:\n\tb: 1\n") << 2 << 1
                                     << "found character that cannot start any token";
    QTest::newRow("nesting limit") << QByteArray(1001, '[') + QByteArray(1001, ']') + "\n" << 1 << 1001
                                   << "exceeded max depth of 1000";
    QTest::newRow("invalid utf-8") << QByteArray("a: 1\nb: \xFF\n") << 2 << 4 << "invalid leading UTF-8 octet";
}

void TestYaml::syntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto r = yaml::parseAll(text, QStringLiteral("broken.yaml"));
    QVERIFY(!r.ok());
    const acp::api::ApiError &e = r.error();
    QCOMPARE(e.file, QStringLiteral("broken.yaml"));
    QCOMPARE(e.line, line);
    QCOMPARE(e.column, column);
    QCOMPARE(e.message, QStringLiteral("yaml: line %1, column %2: %3").arg(line).arg(column).arg(message));
    QVERIFY(e.toString().startsWith(QStringLiteral("broken.yaml:%1:%2: yaml: line ").arg(line).arg(column)));
    QVERIFY(!yaml::parseOne(text).ok());
}

void TestYaml::nestingWithinLimit()
{
    const auto r = yaml::parseOne(QByteArray(1000, '[') + QByteArray(1000, ']'));
    QVERIFY(r.ok());
    QJsonValue v = *r;
    int depth = 0;
    for (; v.isArray(); ++depth)
        v = v.toArray().isEmpty() ? QJsonValue() : v.toArray().first();
    QCOMPARE(depth, 1000);
}

void TestYaml::semanticErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("merge scalar") << QByteArray("a: 1\nb:\n  <<: 5\n") << 3 << "map merge requires map";
    QTest::newRow("merge list of scalars") << QByteArray("b:\n  <<: [1]\n") << 2 << "map merge requires map";
    QTest::newRow("self reference") << QByteArray("a: &a [1, *a]\n") << 1 << "contains itself";
    QTest::newRow("mapping key") << QByteArray("? [a]\n: 1\n") << 1 << "invalid map key";
    QTest::newRow("bad int tag") << QByteArray("a: !!int abc\n") << 1 << "cannot decode !!str `abc` as a !!int";
    QTest::newRow("bad binary") << QByteArray("a: !!binary '%%%'\n") << 1 << "invalid base64";
    QByteArray laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
        const QByteArray p(1, char(c - 1));
        laughs += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [*" + p + ", *" + p + ", *" + p + ", *" + p
            + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n";
    }
    QTest::newRow("billion laughs") << laughs << 0 << "excessive aliasing";
}

void TestYaml::semanticErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    const auto r = yaml::parseAll(text, QStringLiteral("f.yaml"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    if (line)
        QCOMPARE(r.error().line, line);
    QVERIFY(r.error().line > 0);
}

void TestYaml::anchorsAndMergeKeys()
{
    const QByteArray text = R"(base: &base
  a: 1
  b: 2
other: &other
  c: 3
x:
  <<: *base
  b: 20
why:
  b: 20
  <<: *base
z:
  <<: [*base, *other, {a: 100, d: 4}]
  c: 30
list: &l [1, {k: v}]
copy: *l
scalar: &s hello
again: *s
"<<": quoted key is not a merge
nested:
  <<:
    <<: *other
    e: 5
)";
    const QJsonValue v = parsed(text);
    QCOMPARE(v[QLatin1String("x")], json(R"({"a": 1, "b": 20})"));
    // go-yaml v2 applies "<<" where it appears: it overrides keys written before it.
    QCOMPARE(v[QLatin1String("why")], json(R"({"a": 1, "b": 2})"));
    // Earlier maps in a merge list win.
    QCOMPARE(v[QLatin1String("z")], json(R"({"a": 1, "b": 2, "c": 30, "d": 4})"));
    QCOMPARE(v[QLatin1String("copy")], json(R"([1, {"k": "v"}])"));
    QCOMPARE(v[QLatin1String("again")], QJsonValue(QStringLiteral("hello")));
    QCOMPARE(v[QLatin1String("<<")], QJsonValue(QStringLiteral("quoted key is not a merge")));
    QCOMPARE(v[QLatin1String("nested")], json(R"({"c": 3, "e": 5})"));

    // Duplicate keys: the last one wins (yaml.Unmarshal, not UnmarshalStrict).
    QCOMPARE(parsed("a: 1\na: 2\n"), json(R"({"a": 2})"));
}

void TestYaml::nonStringKeys()
{
    // sigs.k8s.io/yaml (kubectl) writes go-yaml v2's bool and int keys as Go text.
    const QJsonObject o = parsed("1: one\ntrue: t\n0x10: hex\n~: tilde\nnull: nv\n1.5: f\n'q': quoted\n"
                                 "n: 'no'\n0644: octal\n'on': quoted on\n").toObject();
    QCOMPARE(o.value(QLatin1String("1")).toString(), QStringLiteral("one"));
    QCOMPARE(o.value(QLatin1String("true")).toString(), QStringLiteral("t"));
    QCOMPARE(o.value(QLatin1String("16")).toString(), QStringLiteral("hex"));
    QCOMPARE(o.value(QLatin1String("false")).toString(), QStringLiteral("no"));
    QCOMPARE(o.value(QLatin1String("420")).toString(), QStringLiteral("octal"));
    QCOMPARE(o.value(QLatin1String("on")).toString(), QStringLiteral("quoted on"));
    QVERIFY(!o.contains(QLatin1String("0x10")) && !o.contains(QLatin1String("n")));
    QCOMPARE(o.value(QLatin1String("~")).toString(), QStringLiteral("tilde"));
    QCOMPARE(o.value(QLatin1String("null")).toString(), QStringLiteral("nv"));
    QCOMPARE(o.value(QLatin1String("1.5")).toString(), QStringLiteral("f"));
    QCOMPARE(o.value(QLatin1String("q")).toString(), QStringLiteral("quoted"));
}

void TestYaml::dumpDeployment()
{
    const QJsonValue deployment = json(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {
        "name": "nginx", "namespace": "default", "generation": 1, "resourceVersion": "12345",
        "uid": "6b1e3c2a-1111-2222-3333-444455556666",
        "creationTimestamp": "2024-01-15T10:00:00Z",
        "labels": {"app": "nginx", "app.kubernetes.io/name": "nginx", "tier": "1"},
        "annotations": {
          "deployment.kubernetes.io/revision": "1",
          "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}\n",
          "description": "The quick brown fox jumps over the lazy dog, then the quick brown fox jumps over the lazy dog again and again."
        }
      },
      "spec": {
        "replicas": 3, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
        "selector": {"matchLabels": {"app": "nginx"}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
        "template": {
          "metadata": {"creationTimestamp": null, "labels": {"app": "nginx"}},
          "spec": {
            "containers": [{
              "name": "nginx", "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent",
              "command": ["nginx", "-g", "daemon off;"], "args": ["--port=80"],
              "env": [{"name": "MODE", "value": "on"}, {"name": "EMPTY", "value": ""},
                      {"name": "SCRIPT", "value": "set -e\necho hello\n"}],
              "ports": [{"containerPort": 80, "protocol": "TCP"}],
              "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": 0.25}},
              "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
              "volumeMounts": [{"mountPath": "/etc/config", "name": "config", "readOnly": true}]
            }],
            "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
            "securityContext": {}, "terminationGracePeriodSeconds": 30, "tolerations": [],
            "volumes": [{"name": "config", "configMap": {"name": "cfg", "defaultMode": 420}}]
          }
        }
      },
      "status": {"conditions": [{"type": "Available", "status": "True",
                                 "lastUpdateTime": "2024-01-15T10:00:05Z"}],
                 "observedGeneration": 1, "readyReplicas": 3}
    })");
    const QByteArray expected = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
    description: The quick brown fox jumps over the lazy dog, then the quick brown
      fox jumps over the lazy dog again and again.
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"Deployment"}
  creationTimestamp: "2024-01-15T10:00:00Z"
  generation: 1
  labels:
    app: nginx
    app.kubernetes.io/name: nginx
    tier: "1"
  name: nginx
  namespace: default
  resourceVersion: "12345"
  uid: 6b1e3c2a-1111-2222-3333-444455556666
spec:
  progressDeadlineSeconds: 600
  replicas: 3
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: nginx
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - args:
        - --port=80
        command:
        - nginx
        - -g
        - daemon off;
        env:
        - name: MODE
          value: "on"
        - name: EMPTY
          value: ""
        - name: SCRIPT
          value: |
            set -e
            echo hello
        image: nginx:1.25
        imagePullPolicy: IfNotPresent
        name: nginx
        ports:
        - containerPort: 80
          protocol: TCP
        resources:
          limits:
            cpu: 500m
            memory: 128Mi
          requests:
            cpu: 0.25
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
        volumeMounts:
        - mountPath: /etc/config
          name: config
          readOnly: true
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
      tolerations: []
      volumes:
      - configMap:
          defaultMode: 420
          name: cfg
        name: config
status:
  conditions:
  - lastUpdateTime: "2024-01-15T10:00:05Z"
    status: "True"
    type: Available
  observedGeneration: 1
  readyReplicas: 3
)";
    const QByteArray out = yaml::dump(deployment);
    if (out != expected)
        qWarning().noquote() << "dump:\n" << out;
    QCOMPARE(out, expected);
    QCOMPARE(parsed(out), deployment);
}

void TestYaml::dumpStyles_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");
    auto v = [](const char *name, const QJsonValue &value, const char *expected) {
        QTest::newRow(name) << QJsonValue(QJsonObject{{QStringLiteral("v"), value}}) << QByteArray(expected);
    };
    v("plain", QStringLiteral("hello world"), "v: hello world\n");
    v("bool-like", QStringLiteral("yes"), "v: \"yes\"\n");
    v("null-like", QStringLiteral("~"), "v: \"~\"\n");
    v("empty", QString(), "v: \"\"\n");
    v("octal-like", QStringLiteral("0644"), "v: \"0644\"\n");
    v("float-like", QStringLiteral("1.5"), "v: \"1.5\"\n");
    v("timestamp", QStringLiteral("2024-01-15"), "v: \"2024-01-15\"\n");
    v("base60", QStringLiteral("1:20"), "v: \"1:20\"\n");
    v("not a timestamp", QStringLiteral("2024-13-01"), "v: 2024-13-01\n");
    v("dash space", QStringLiteral("- x"), "v: '- x'\n");
    v("dash", QStringLiteral("-x"), "v: -x\n");
    v("colon space", QStringLiteral("a: b"), "v: 'a: b'\n");
    v("colon", QStringLiteral("a:b"), "v: a:b\n");
    v("hash", QStringLiteral("#x"), "v: '#x'\n");
    v("space hash", QStringLiteral("a #b"), "v: 'a #b'\n");
    v("star", QStringLiteral("*"), "v: '*'\n");
    v("single quotes", QStringLiteral("'q'"), "v: '''q'''\n");
    v("double quotes", QStringLiteral("\"dq\""), "v: '\"dq\"'\n");
    v("leading space", QStringLiteral("  lead"), "v: '  lead'\n");
    v("trailing space", QStringLiteral("trail "), "v: 'trail '\n");
    v("question", QStringLiteral("?x"), "v: ?x\n");
    v("tab", QStringLiteral("a\tb"), "v: \"a\\tb\"\n");
    v("emoji", QStringLiteral("hi 😀"), "v: \"hi \\U0001F600\"\n");
    v("unicode", QStringLiteral("é 中文"), "v: é 中文\n");
    v("literal strip", QStringLiteral("a\nb"), "v: |-\n  a\n  b\n");
    v("literal clip", QStringLiteral("a\nb\n"), "v: |\n  a\n  b\n");
    v("literal keep", QStringLiteral("a\n\n"), "v: |+\n  a\n\n");
    v("literal indent hint", QStringLiteral("  a\nb"), "v: |2-\n    a\n  b\n");
    v("literal blank line", QStringLiteral("a\n\nb"), "v: |-\n  a\n\n  b\n");
    v("multiline trailing space", QStringLiteral("a \nb"), "v: \"a \\nb\"\n");
    v("multiline tab", QStringLiteral("a\n\tb"), "v: \"a\\n\\tb\"\n");
    v("int", 42, "v: 42\n");
    v("negative", -7, "v: -7\n");
    v("integral double", 3.0, "v: 3\n");
    v("big integral double", 1e15, "v: 1000000000000000\n");
    v("float", 0.25, "v: 0.25\n");
    v("small float", 1e-7, "v: 1e-07\n");
    v("large float", 1e21, "v: 1e+21\n");
    v("large fraction", 1234567.5, "v: 1.2345675e+06\n");
    v("medium fraction", 123456.5, "v: 123456.5\n");
    v("true", true, "v: true\n");
    v("null", QJsonValue(), "v: null\n");
    v("empty map", QJsonObject(), "v: {}\n");
    v("empty list", QJsonArray(), "v: []\n");
    v("list of lists", json("[[1, 2], [], [[3]]]"), "v:\n- - 1\n  - 2\n- []\n- - - 3\n");
    v("list of maps", json(R"([{"a": 1, "b": [1]}, {}])"), "v:\n- a: 1\n  b:\n  - 1\n- {}\n");
    v("long plain folds", QStringLiteral("aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh iiiiiiiii"),
      "v: aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh\n  iiiiiiiii\n");
    v("long single folds", QStringLiteral("- aaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh iiiiiiiii"),
      "v: '- aaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh\n  iiiiiiiii'\n");
    v("long double folds", QStringLiteral("\taaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhh  iiiiiiiii"),
      "v: \"\\taaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhh\n  \\ iiiiiiiii\"\n");
    const QByteArray hundredX(100, 'x');
    v("long without spaces", QString::fromLatin1(hundredX), QByteArray("v: " + hundredX + "\n").constData());
    QTest::newRow("root scalar") << QJsonValue(QStringLiteral("hello")) << QByteArray("hello\n");
    QTest::newRow("root null") << QJsonValue() << QByteArray("null\n");
    QTest::newRow("root empty map") << QJsonValue(QJsonObject()) << QByteArray("{}\n");
    QTest::newRow("root list") << json(R"([1, "two", {"three": 3}])") << QByteArray("- 1\n- two\n- three: 3\n");
    QTest::newRow("root literal") << QJsonValue(QStringLiteral("a\nb")) << QByteArray("|-\n  a\n  b\n");
    QTest::newRow("keys quoted") << json(R"({"": 1, "true": 2, "<<": 3, "a b": 4, "-": 5, "1": 6})")
                                 << QByteArray("\"\": 1\n'-': 5\n\"<<\": 3\n\"1\": 6\na b: 4\n\"true\": 2\n");
    QTest::newRow("multiline key") << json(R"({"a\nb": 1})") << QByteArray("? |-\n  a\n  b\n: 1\n");
    const QString longKey = QString(130, QLatin1Char('k'));
    QTest::newRow("long key") << QJsonValue(QJsonObject{{longKey, QJsonObject{{QStringLiteral("x"), 1}}}})
                              << QByteArray("? " + longKey.toUtf8() + "\n: x: 1\n");
}

void TestYaml::dumpStyles()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);
    const QByteArray out = yaml::dump(value);
    QCOMPARE(out, expected);
    QCOMPARE(parsed(out), value);
}

void TestYaml::dumpKeyOrder()
{
    // go-yaml sorts keys "naturally": digit runs by value, and a non-letter before a letter.
    const QJsonValue v = json(R"({"a10": 0, "a2": 0, "a1": 0, "a_b": 0, "aB": 0, "ab": 0, "a-b": 0,
                                  "B": 0, "a": 0, "file02": 0, "file1": 0, "x.y": 0, "x": 0})");
    QCOMPARE(yaml::dump(v), QByteArray("B: 0\na: 0\na-b: 0\na_b: 0\na1: 0\na2: 0\na10: 0\naB: 0\nab: 0\n"
                                       "file1: 0\nfile02: 0\nx: 0\nx.y: 0\n"));
}

void TestYaml::dumpAll()
{
    QCOMPARE(yaml::dumpAll({json(R"({"a": 1})"), QJsonValue(QStringLiteral("s")), json("[]")}),
             QByteArray("a: 1\n---\ns\n---\n[]\n"));
    const auto docs = yaml::parseAll(yaml::dumpAll({json(R"({"kind": "A"})"), json(R"({"kind": "B"})")}));
    QCOMPARE(docs->size(), 2);
    QCOMPARE(docs->at(1).line, 3);
}

void TestYaml::roundTrip_data()
{
    QTest::addColumn<QJsonValue>("value");
    for (const QString &s : kTrickyStrings) {
        const std::unique_ptr<char[]> pretty(QTest::toPrettyUnicode(s));
        const QByteArray name(pretty.get());
        QTest::addRow("value %s", name.constData()) << QJsonValue(QJsonObject{{QStringLiteral("v"), s}});
        QTest::addRow("key %s", name.constData()) << QJsonValue(QJsonObject{{s, s}});
        QTest::addRow("item %s", name.constData()) << QJsonValue(QJsonArray{s, QJsonArray{s}});
        QTest::addRow("root %s", name.constData()) << QJsonValue(s);
    }
    QTest::newRow("numbers") << json(R"([0, -1, 1.5, -0.001, 1e-300, 1.7976931348623157e308, 123456789012,
                                          9007199254740993, 0.1, 2.5e-5, 33.333333333333336])");
    QTest::newRow("int64") << QJsonValue(QJsonArray{std::numeric_limits<qint64>::max(),
                                                    std::numeric_limits<qint64>::min()});
    QTest::newRow("nested") << json(R"({"a": {"b": {"c": [{"d": [[], {}, [{}], null, false]}]}}})");
    const QString words = QString(QStringLiteral("word ")).repeated(40).trimmed();
    QTest::newRow("long values") << QJsonValue(QJsonObject{
        {QStringLiteral("plain"), words},
        {QStringLiteral("quoted"), QString(QStringLiteral("- ") + words)},
        {QStringLiteral("double"), QString(QStringLiteral("\t") + QString(QStringLiteral("w  x ")).repeated(40))},
        {QStringLiteral("literal"), QString(QString(QStringLiteral("a long line of text ")).repeated(10) + QLatin1Char('\n'))}});
}

void TestYaml::roundTrip()
{
    QFETCH(QJsonValue, value);
    const QByteArray out = yaml::dump(value);
    const QJsonValue back = parsed(out);
    QVERIFY2(back == value, QByteArray("dump:\n" + out + "\nparsed back: " + show(back)).constData());
}

void TestYaml::roundTripRandom()
{
    // Strings from an alphabet of indicators, whitespace and multi-byte characters, long enough
    // to fold, as keys, values and items, at several depths.
    const QStringList alphabet = {QStringLiteral("a"), QStringLiteral("Z"), QStringLiteral("7"), QStringLiteral("0"),
                                  QStringLiteral(" "), QStringLiteral(" "), QStringLiteral(" "), QStringLiteral("\n"),
                                  QStringLiteral("\t"), QStringLiteral(":"), QStringLiteral("#"), QStringLiteral("-"),
                                  QStringLiteral("?"), QStringLiteral("'"), QStringLiteral("\""), QStringLiteral("\\"),
                                  QStringLiteral("{"), QStringLiteral("]"), QStringLiteral(","), QStringLiteral("&"),
                                  QStringLiteral("*"), QStringLiteral("!"), QStringLiteral("|"), QStringLiteral(">"),
                                  QStringLiteral("%"), QStringLiteral("@"), QStringLiteral("."), QStringLiteral("~"),
                                  QStringLiteral("é"), QStringLiteral("中"), QStringLiteral("😀"), QStringLiteral("\r"),
                                  QStringLiteral("\u00a0"), QStringLiteral("\u2028"), QStringLiteral("word"),
                                  QStringLiteral("yes"), QStringLiteral("null"), QStringLiteral("1"), QStringLiteral("e")};
    QRandomGenerator rng(20240115);
    auto randomString = [&] {
        QString s;
        const int len = int(rng.bounded(rng.bounded(2) ? 12 : 140));
        for (int i = 0; i < len; ++i)
            s += alphabet.at(int(rng.bounded(int(alphabet.size()))));
        return s;
    };
    for (int round = 0; round < 300; ++round) {
        QJsonObject inner;
        QJsonArray list;
        for (int i = 0; i < 4; ++i) {
            inner.insert(randomString(), randomString());
            list.append(randomString());
        }
        const QJsonValue value(QJsonObject{{randomString(), inner}, {QStringLiteral("list"), list},
                                           {QStringLiteral("items"), QJsonArray{inner, list}}});
        const QByteArray out = yaml::dump(value);
        const QJsonValue back = parsed(out);
        QVERIFY2(back == value, QByteArray("round " + QByteArray::number(round) + " dump:\n" + out + "\nvalue: "
                                           + show(value) + "\nparsed back: " + show(back)).constData());
    }
}

void TestYaml::referenceCrds_data()
{
    QTest::addColumn<QString>("path");
    for (const char *dir : {ACP_SHARED_DIR "/reference/acp/crds", ACP_SHARED_DIR "/testdata/crds"}) {
        const QString root = QString::fromUtf8(dir);
        if (!QDir(root).exists()) {
            QTest::addRow("missing %s", dir) << QString();
            continue;
        }
        QDirIterator it(root, {QStringLiteral("*.yaml")}, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        for (const QString &f : files)
            QTest::newRow(qPrintable(QDir(QStringLiteral(ACP_SHARED_DIR)).relativeFilePath(f))) << f;
    }
}

void TestYaml::referenceCrds()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("CRD directory not found (expected reference/acp/crds and testdata/crds under " ACP_SHARED_DIR ")");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    const auto docs = yaml::parseAll(text, path);
    QVERIFY2(docs.ok(), qPrintable(docs ? QString() : docs.error().toString()));
    QVERIFY(!docs->isEmpty());
    for (const yaml::Document &d : *docs) {
        QVERIFY(d.line >= 1);
        QVERIFY2(d.value.isObject(), qPrintable(path));
        QVERIFY2(!d.value[QLatin1String("kind")].toString().isEmpty(), qPrintable(path));
        // Whatever we read, we write back losslessly.
        QCOMPARE(yaml::parseOne(yaml::dump(d.value)).value(), d.value);
    }
}

void TestYaml::dumpMatchesControllerGen_data()
{
    // CRDs that controller-gen wrote with sigs.k8s.io/yaml (go-yaml v2): reading and writing
    // them back must reproduce every byte (quoting, folding at 80 columns, key order).
    QTest::addColumn<QString>("path");
    for (const char *f : {"testdata/crds/kyverno/kyverno/kyverno.io_clusterpolicies.yaml",
                          "testdata/crds/kyverno/policyreport/wgpolicyk8s.io_policyreports.yaml",
                          "reference/acp/crds/gateway.networking.k8s.io_httproutes.yaml",
                          "reference/acp/crds/cluster.alauda.io_moduleplugins.yaml"})
        QTest::newRow(f) << QStringLiteral(ACP_SHARED_DIR "/") + QString::fromUtf8(f);
}

void TestYaml::dumpMatchesControllerGen()
{
    QFETCH(QString, path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        QSKIP(qPrintable(QStringLiteral("fixture not found: ") + path));
    QByteArray text = file.readAll();
    if (text.startsWith("---\n"))
        text.remove(0, 4);
    const auto doc = yaml::parseOne(text, path);
    QVERIFY2(doc.ok(), qPrintable(doc ? QString() : doc.error().toString()));
    const QByteArray out = yaml::dump(*doc);
    if (out != text) {
        const QList<QByteArray> a = out.split('\n'), b = text.split('\n');
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
            if (a.at(i) != b.at(i)) {
                qWarning("first difference at line %lld:\n  dump: %s\n  file: %s", qlonglong(i + 1),
                         a.at(i).constData(), b.at(i).constData());
                break;
            }
        }
    }
    QVERIFY(out == text);
}

QTEST_GUILESS_MAIN(TestYaml)
#include "tst_yaml.moc"
