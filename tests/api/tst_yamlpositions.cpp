// Tests for acp::api::YamlPositions: JSON path <-> line:column over multi-document YAML, syntax
// errors per document, and the cursor context (key, value, new key) with and without a parse.
#include "api/Yaml.h"
#include "api/YamlPositions.h"

#include <QtTest>

using namespace acp::api;
using namespace Qt::StringLiterals;

class TestYamlPositions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rangesOfKeysAndValues();
    void multiDocumentAndErrors();
    void pathsOfSpecialKeys();
    void findFallsBackToAncestor();
    void cursorFromParse();
    void cursorOnBlankLines();
    void cursorInBrokenText();
    void unicodeColumns();
    void crlfAndEmptyItems();
    void directiveLines();
    void valuesMatchParseAll();
    void reusesUnchangedDocuments();
};

static const QString kDeployment = uR"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: nginx
        image: "nginx:1.25"   # pinned
        ports:
        - containerPort: 80
      - name: side
        image: busybox
)"_s;

static int lineOfText(const QString &text, const QString &line)
{
    return int(text.split(u'\n').indexOf(line)) + 1;
}

void TestYamlPositions::rangesOfKeysAndValues()
{
    const YamlPositions p = YamlPositions::build(kDeployment);
    QCOMPARE(p.documents().size(), 1);
    QVERIFY(p.documents().first().parsed);
    const YamlNodePosition *r = p.exact(0, u"spec.replicas"_s);
    QVERIFY(r);
    QCOMPARE(r->key.line, 8);
    QCOMPARE(r->key.column, 3);
    QCOMPARE(r->key.endColumn, 11);
    QCOMPARE(r->value.line, 8);
    QCOMPARE(r->value.column, 13);
    QCOMPARE(r->value.endColumn, 14);
    const YamlNodePosition *img = p.exact(0, u"spec.template.spec.containers[0].image"_s);
    QVERIFY(img);
    QCOMPARE(img->value.line, 13);
    QCOMPARE(img->value.column, 16);
    QCOMPARE(img->value.endColumn, 28);   // the quoted scalar, comment excluded
    const YamlNodePosition *port = p.exact(0, u"spec.template.spec.containers[0].ports[0].containerPort"_s);
    QVERIFY(port);
    QCOMPARE(port->key.line, 15);
    QCOMPARE(port->key.column, 11);
    const YamlNodePosition *c1 = p.exact(0, u"spec.template.spec.containers[1]"_s);
    QVERIFY(c1);
    QCOMPARE(c1->value.line, 16);
    QCOMPARE(c1->value.column, 9);
    QCOMPARE(c1->value.endLine, 17);
    const YamlNodePosition *spec = p.exact(0, u"spec"_s);
    QVERIFY(spec);
    QCOMPARE(spec->value.line, 8);
    QCOMPARE(spec->value.endLine, 17);
}

void TestYamlPositions::multiDocumentAndErrors()
{
    const QString text = u"# leading comment\n---\napiVersion: v1\nkind: ConfigMap\n---\n# only a comment\n---\n"
                         "apiVersion: v1\nkind: Secret\ndata:\n  a: [1, 2\n---\nkind: Pod\nspec:\n  x: 1\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    QCOMPARE(p.documents().size(), 3);
    QVERIFY(p.documents().at(0).parsed);
    QCOMPARE(p.documents().at(0).firstLine, 3);
    QVERIFY(!p.documents().at(1).parsed);
    QVERIFY(p.hasErrors());
    QVERIFY(p.documents().at(1).errorLine >= 11);
    QVERIFY(p.documents().at(1).errorMessage.startsWith(u"yaml: line %1, column"_s.arg(p.documents().at(1).errorLine)));
    QVERIFY(p.documents().at(2).parsed);
    const YamlNodePosition *x = p.exact(2, u"spec.x"_s);
    QVERIFY(x);
    QCOMPARE(x->key.line, 15);
    QCOMPARE(p.documentAt(15), 2);
    QCOMPARE(p.documentAt(6), -1);

    const YamlPositions open = YamlPositions::build(u"apiVersion: v1\nkind: ConfigMap\ndata: [\n"_s);
    QVERIFY(open.hasErrors());

    // The same error line and column as api::yaml for a single document.
    const QByteArray bad = "a: 1\nb: [1, 2\nc: 3\n";
    const auto parsed = yaml::parseAll(bad);
    QVERIFY(!parsed);
    const YamlPositions q = YamlPositions::build(QString::fromUtf8(bad));
    QCOMPARE(q.documents().first().errorLine, parsed.error().line);
    QCOMPARE(q.documents().first().errorColumn, parsed.error().column);
    QCOMPARE(q.documents().first().errorMessage, parsed.error().message);
}

void TestYamlPositions::pathsOfSpecialKeys()
{
    QCOMPARE(YamlPositions::childPath(u""_s, u"spec"_s), u"spec"_s);
    QCOMPARE(YamlPositions::childPath(u"metadata.labels"_s, u"app.kubernetes.io/name"_s),
             u"metadata.labels[app.kubernetes.io/name]"_s);
    QCOMPARE(YamlPositions::itemPath(u"items"_s, 2), u"items[2]"_s);
    QCOMPARE(YamlPositions::segments(u"metadata.labels[app.kubernetes.io/name]"_s),
             (QStringList{u"metadata"_s, u"labels"_s, u"app.kubernetes.io/name"_s}));
    QCOMPARE(YamlPositions::segments(u"spec.containers[0].image"_s),
             (QStringList{u"spec"_s, u"containers"_s, u"[0]"_s, u"image"_s}));
    const YamlPositions p = YamlPositions::build(kDeployment);
    const YamlNodePosition *l = p.exact(0, u"metadata.labels[app.kubernetes.io/name]"_s);
    QVERIFY(l);
    QCOMPARE(l->key.line, 6);
    QCOMPARE(l->value.column, 29);
}

void TestYamlPositions::findFallsBackToAncestor()
{
    const QString text = u"base: &b\n  x: 1\n  y: 2\nother:\n  <<: *b\n  z: 3\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    QVERIFY(p.documents().first().parsed);
    QCOMPARE(p.documents().first().value.toObject().value("other"_L1).toObject().value("x"_L1).toInt(), 1);
    QVERIFY(!p.exact(0, u"other.x"_s));
    const YamlNodePosition *n = p.find(0, u"other.x"_s);
    QVERIFY(n);
    QCOMPARE(n->path, u"other"_s);
    QCOMPARE(p.find(0, u"nothing.here"_s)->path, QString());
}

void TestYamlPositions::cursorFromParse()
{
    const YamlPositions p = YamlPositions::build(kDeployment);
    YamlCursor c = p.cursorAt(8, 5);   // in "replicas"
    QCOMPARE(c.kind, YamlCursor::Kind::Key);
    QCOMPARE(c.path, u"spec.replicas"_s);
    QCOMPARE(c.prefix, u"re"_s);
    QVERIFY(!c.guessed);
    c = p.cursorAt(8, 14);             // right after "3"
    QCOMPARE(c.kind, YamlCursor::Kind::Value);
    QCOMPARE(c.path, u"spec.replicas"_s);
    QCOMPARE(c.prefix, u"3"_s);
    c = p.cursorAt(17, 17);
    QCOMPARE(c.kind, YamlCursor::Kind::Value);
    QCOMPARE(c.path, u"spec.template.spec.containers[1].image"_s);
}

void TestYamlPositions::cursorOnBlankLines()
{
    const QString text = u"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    \n\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    YamlCursor c = p.cursorAt(6, 5);   // "    |" inside the first container
    QCOMPARE(c.kind, YamlCursor::Kind::NewKey);
    QCOMPARE(c.path, u"spec.containers[0]"_s);
    QCOMPARE(c.indentation, 4);
    c = p.cursorAt(6, 3);              // "  |": a key of spec
    QCOMPARE(c.kind, YamlCursor::Kind::NewKey);
    QCOMPARE(c.path, u"spec"_s);
    c = p.cursorAt(6, 1);
    QCOMPARE(c.path, QString());
}

void TestYamlPositions::cursorInBrokenText()
{
    // "  rep" without ':' does not parse; the indentation scan still knows where it is.
    const QString text = u"apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  rep\n  template:\n"
                         "    spec:\n      containers:\n      - name: a\n        imagePullPolicy: IfN\n"
                         "      - image: x\n        na\n  selector:\n    matchLabels: {a: b\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    QVERIFY(!p.documents().first().parsed);
    YamlCursor c = p.cursorAt(5, 6);
    QCOMPARE(c.kind, YamlCursor::Kind::NewKey);
    QCOMPARE(c.path, u"spec"_s);
    QCOMPARE(c.prefix, u"rep"_s);
    QVERIFY(c.guessed);
    c = p.cursorAt(10, 29);
    QCOMPARE(c.kind, YamlCursor::Kind::Value);
    QCOMPARE(c.path, u"spec.template.spec.containers[0].imagePullPolicy"_s);
    QCOMPARE(c.prefix, u"IfN"_s);
    c = p.cursorAt(12, 11);
    QCOMPARE(c.kind, YamlCursor::Kind::NewKey);
    QCOMPARE(c.path, u"spec.template.spec.containers[1]"_s);
    QCOMPARE(c.prefix, u"na"_s);
    c = p.cursorAt(11, 10);
    QCOMPARE(c.kind, YamlCursor::Kind::Key);
    QCOMPARE(c.path, u"spec.template.spec.containers[1].image"_s);
    c = p.cursorAt(14, 5);
    QCOMPARE(c.kind, YamlCursor::Kind::Key);
    QCOMPARE(c.path, u"spec.selector.matchLabels"_s);

    // Block scalars are skipped by the scan.
    const YamlPositions b = YamlPositions::build(u"data:\n  script: |\n    key: not a key\n  ot\n  x: [\n"_s);
    QVERIFY(!b.documents().first().parsed);
    c = b.cursorAt(4, 5);
    QCOMPARE(c.path, u"data"_s);
    QCOMPARE(c.kind, YamlCursor::Kind::NewKey);
    QCOMPARE(b.cursorAt(3, 7).kind, YamlCursor::Kind::None);
}

void TestYamlPositions::unicodeColumns()
{
    const QString text = u"a: \"é😀\"\nb: x\n\"ü\": 1\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    const YamlNodePosition *a = p.exact(0, u"a"_s);
    QVERIFY(a);
    QCOMPARE(a->value.column, 4);
    QCOMPARE(a->value.endColumn, 4 + 5);   // quote, é, surrogate pair, quote
    const YamlNodePosition *u = p.exact(0, u"ü"_s);
    QVERIFY(u);
    QCOMPARE(u->value.column, 6);
}

void TestYamlPositions::crlfAndEmptyItems()
{
    const QString text = u"\u00e9: \U0001F600x\r\nb: [\u00e4, \"\U0001F600\"]\r\nlist:\r\n-\r\n- \u00fc\r\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    QCOMPARE(p.documents().size(), 1);
    QVERIFY(p.documents().first().parsed);
    const YamlNodePosition *e = p.exact(0, u"\u00e9"_s);
    QVERIFY(e);
    QCOMPARE(e->value.line, 1);
    QCOMPARE(e->value.column, 4);
    QCOMPARE(e->value.endColumn, 7);   // surrogate pair and "x"
    const YamlNodePosition *q = p.exact(0, u"b[1]"_s);
    QVERIFY(q);
    QCOMPARE(q->value.line, 2);
    QCOMPARE(q->value.column, 8);
    QCOMPARE(q->value.endColumn, 12);
    const YamlNodePosition *empty = p.exact(0, u"list[0]"_s);   // an empty item is where it is written
    QVERIFY(empty);
    QCOMPARE(empty->value.line, 4);
    QCOMPARE(empty->value.column, 2);
    const YamlNodePosition *u = p.exact(0, u"list[1]"_s);
    QVERIFY(u);
    QCOMPARE(u->value.line, 5);
    QCOMPARE(u->value.column, 3);
}

void TestYamlPositions::directiveLines()
{
    // A directive before "---" belongs to the document after it, not a document of its own.
    const YamlPositions p = YamlPositions::build(u"%YAML 1.1\n---\na: 1\n"_s);
    QCOMPARE(p.documents().size(), 1);
    QVERIFY(p.documents().first().parsed);
    QVERIFY(!p.hasErrors());
    const YamlNodePosition *a = p.exact(0, u"a"_s);
    QVERIFY(a);
    QCOMPARE(a->key.line, 3);
}

void TestYamlPositions::valuesMatchParseAll()
{
    const QString text = kDeployment + u"---\nkind: Secret\ndata:\n  mode: 0644\n"_s;
    const YamlPositions p = YamlPositions::build(text);
    const auto docs = yaml::parseAll(text.toUtf8());
    QVERIFY(docs);
    QCOMPARE(p.documents().size(), docs->size());
    for (int i = 0; i < docs->size(); ++i)
        QCOMPARE(p.documents().at(i).value, docs->at(i).value);
    QCOMPARE(p.documents().at(1).value.toObject().value("data"_L1).toObject().value("mode"_L1).toInt(), 420);
}

// build(text, previous) equals build(text): unchanged documents are reused and moved to their new
// lines, edited and broken ones are parsed again.
void TestYamlPositions::reusesUnchangedDocuments()
{
    const QString second = u"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"1\"\n"_s;
    const QString before = kDeployment + u"---\n"_s + second;
    const YamlPositions previous = YamlPositions::build(before);
    QCOMPARE(previous.documents().size(), 2);
    // Two lines inserted into the first document: the second one is reused, two lines lower.
    QString after = before;
    after.replace(u"  replicas: 3\n"_s, u"  replicas: 4\n  paused: true\n  minReadySeconds: 5\n"_s);
    after += u"---\nkind: [broken\n"_s;
    const YamlPositions reused = YamlPositions::build(after, &previous);
    QCOMPARE(YamlPositions::lastReusedDocuments(), 1);
    const YamlPositions fresh = YamlPositions::build(after);
    QCOMPARE(YamlPositions::lastReusedDocuments(), 0);
    QCOMPARE(reused.documents().size(), fresh.documents().size());
    QCOMPARE(reused.lines(), fresh.lines());
    for (int d = 0; d < fresh.documents().size(); ++d) {
        const YamlPositionDocument &a = reused.documents().at(d), &b = fresh.documents().at(d);
        QCOMPARE(a.value, b.value);
        QCOMPARE(a.parsed, b.parsed);
        QCOMPARE(a.firstLine, b.firstLine);
        QCOMPARE(a.lastLine, b.lastLine);
        QCOMPARE(a.errorMessage, b.errorMessage);
        QCOMPARE(a.nodes.size(), b.nodes.size());
        for (int i = 0; i < b.nodes.size(); ++i) {
            QCOMPARE(a.nodes.at(i).path, b.nodes.at(i).path);
            QCOMPARE(a.nodes.at(i).key.line, b.nodes.at(i).key.line);
            QCOMPARE(a.nodes.at(i).key.column, b.nodes.at(i).key.column);
            QCOMPARE(a.nodes.at(i).value.line, b.nodes.at(i).value.line);
            QCOMPARE(a.nodes.at(i).value.endLine, b.nodes.at(i).value.endLine);
            QCOMPARE(a.nodes.at(i).value.endColumn, b.nodes.at(i).value.endColumn);
        }
    }
    const YamlNodePosition *data = reused.exact(1, u"data.a"_s);
    QVERIFY(data);
    QCOMPARE(data->value.line, lineOfText(after, u"  a: \"1\""_s));
    QCOMPARE(reused.cursorAt(data->value.line, 7).path, u"data.a"_s);
    // An unchanged text reuses every parsed document.
    YamlPositions::build(after, &reused);
    QCOMPARE(YamlPositions::lastReusedDocuments(), 2);
}

QTEST_GUILESS_MAIN(TestYamlPositions)
#include "tst_yamlpositions.moc"
