// ApplyObjects (the pure steps of ApplyEngine), SecretCodec and DraftStore as units.
#include "api/Yaml.h"
#include "models/ApplyObjects.h"
#include "models/DraftStore.h"
#include "models/SecretCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace acp;
using namespace acp::models;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

api::ApiResource resource(const QString &group, const QString &kind, bool namespaced)
{
    api::ApiResource r;
    r.group = group;
    r.version = QStringLiteral("v1");
    r.kind = kind;
    r.resource = kind.toLower() + QLatin1Char('s');
    r.namespaced = namespaced;
    return r;
}

} // namespace

class TestApplyObjects : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseKeepsLinesAndOctal();
    void parseFlattensListsAndRejectsBadDocuments();
    void resolveExactGroupVersionKind();
    void namespacePlacement();
    void conflictsFromStatus();
    void dropFields();
    void diffNormalisation();
    void secretDecodeEncode();
    void secretBinaryStaysBase64();
    void configMapUntouched();
    void dockerRegistrySecret();
    void draftStore();
};

void TestApplyObjects::parseKeepsLinesAndOctal()
{
    const QByteArray yaml = "# leading comment\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                            "---\n"
                            "---\n"
                            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n"
                            "  - name: s\n    secret:\n      secretName: s\n      defaultMode: 0644\n"
                            "  - name: t\n    secret:\n      secretName: t\n      defaultMode: 420\n";
    const auto docs = ApplyObjects::parse(yaml, QStringLiteral("f.yaml"));
    QVERIFY2(docs.ok(), qPrintable(docs.ok() ? QString() : docs.error().toString()));
    QCOMPARE(docs->size(), 2);
    QCOMPARE(docs->at(0).index, 0);
    QCOMPARE(docs->at(1).index, 1);
    QCOMPARE(docs->at(1).line, 8);
    const QJsonArray volumes = docs->at(1).object["spec"].toObject()["volumes"].toArray();
    QCOMPARE(volumes.at(0).toObject()["secret"].toObject()["defaultMode"].toInt(), 420);
    QCOMPARE(volumes.at(1).toObject()["secret"].toObject()["defaultMode"].toInt(), 420);
}

void TestApplyObjects::parseFlattensListsAndRejectsBadDocuments()
{
    const auto list = ApplyObjects::parse("apiVersion: v1\nkind: List\nitems:\n"
                                          "- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
                                          "- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n");
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(1).object["metadata"].toObject()["name"].toString(), QStringLiteral("b"));

    const auto noKind = ApplyObjects::parse("apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nmetadata: {}\n", QStringLiteral("x.yaml"));
    QVERIFY(!noKind.ok());
    QCOMPARE(noKind.error().line, 4);
    QVERIFY(noKind.error().message.contains(QStringLiteral("kind not set")));

    const auto syntax = ApplyObjects::parse("apiVersion: v1\nkind: [\n", QStringLiteral("y.yaml"));
    QVERIFY(!syntax.ok());
    QCOMPARE(syntax.error().file, QStringLiteral("y.yaml"));
    QVERIFY(syntax.error().line > 0);
}

void TestApplyObjects::resolveExactGroupVersionKind()
{
    api::ApiResource deploy = resource(QStringLiteral("apps"), QStringLiteral("Deployment"), true);
    const api::ApiResourceSet set({resource(QString(), QStringLiteral("Pod"), true), deploy});
    QVERIFY(ApplyObjects::resolve(set, json(R"j({"apiVersion":"apps/v1","kind":"Deployment"})j")).ok());
    // "v1" Deployment is the core group: no match (kubectl's message).
    const auto wrong = ApplyObjects::resolve(set, json(R"j({"apiVersion":"v1","kind":"Deployment"})j"));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().message, QStringLiteral("no matches for kind \"Deployment\" in version \"v1\""));
    QVERIFY(!ApplyObjects::resolve(set, json(R"j({"apiVersion":"apps/v2","kind":"Deployment"})j")).ok());
}

void TestApplyObjects::namespacePlacement()
{
    ApplyOptions o;
    o.namespaceName = QStringLiteral("dev");
    QStringList warnings;
    const auto role = resource(QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("ClusterRole"), false);
    // Cluster-scoped: no namespace injected, a written one dropped with a warning.
    auto placed = ApplyObjects::placeNamespace(json(R"j({"metadata":{"name":"r"}})j"), role, o, &warnings);
    QVERIFY(placed.ok());
    QVERIFY(!placed->value("metadata").toObject().contains("namespace"));
    QVERIFY(warnings.isEmpty());
    placed = ApplyObjects::placeNamespace(json(R"j({"metadata":{"name":"r","namespace":"x"}})j"), role, o, &warnings);
    QVERIFY(!placed->value("metadata").toObject().contains("namespace"));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QStringLiteral("cluster-scoped")));

    const auto cm = resource(QString(), QStringLiteral("ConfigMap"), true);
    placed = ApplyObjects::placeNamespace(json(R"j({"metadata":{"name":"c"}})j"), cm, o, nullptr);
    QCOMPARE(placed->value("metadata").toObject()["namespace"].toString(), QStringLiteral("dev"));
    placed = ApplyObjects::placeNamespace(json(R"j({"metadata":{"name":"c","namespace":"other"}})j"), cm, o, nullptr);
    QCOMPARE(placed->value("metadata").toObject()["namespace"].toString(), QStringLiteral("other"));
    o.enforceNamespace = true;
    placed = ApplyObjects::placeNamespace(json(R"j({"metadata":{"name":"c","namespace":"other"}})j"), cm, o, nullptr);
    QVERIFY(!placed.ok());
    QVERIFY(placed.error().message.contains(QStringLiteral("does not match the namespace \"dev\"")));
}

void TestApplyObjects::conflictsFromStatus()
{
    // kube-apiserver's Status for an apply conflict (same shape as the sandbox's).
    const QJsonObject status = json(R"j({"kind":"Status","apiVersion":"v1","status":"Failure",
        "message":"Apply failed with 2 conflicts: conflicts with \"other\":\n- .data.a\n- .spec.containers[name=\"web\"].image",
        "reason":"Conflict","code":409,"details":{"causes":[
          {"reason":"FieldManagerConflict","message":"conflict with \"other\"","field":".data.a"},
          {"reason":"FieldManagerConflict","message":"conflict with \"kubectl\" using apps/v1","field":".spec.replicas"},
          {"reason":"FieldValueInvalid","message":"x","field":".y"}]}})j");
    const QList<ApplyConflict> c = ApplyObjects::conflicts(api::ApiError::fromStatus(status, 409));
    QCOMPARE(c.size(), 2);
    QCOMPARE(c.at(0).field, QStringLiteral(".data.a"));
    QCOMPARE(c.at(0).manager, QStringLiteral("other"));
    QCOMPARE(c.at(1).manager, QStringLiteral("kubectl"));
    QCOMPARE(c.at(1).message, QStringLiteral("conflict with \"kubectl\" using apps/v1"));
    QVERIFY(ApplyObjects::conflicts(api::ApiError{404, QStringLiteral("NotFound"), QString()}).isEmpty());
}

void TestApplyObjects::dropFields()
{
    const QJsonObject obj = json(R"j({"metadata":{"name":"w","labels":{"app.kubernetes.io/name":"w","tier":"x"}},
        "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]},
        {"name":"side","image":"busybox"}]}}},"finalizers":["a","b"]})j");
    QStringList missing;
    const QJsonObject out = ApplyObjects::dropFields(obj, {
        QStringLiteral(".spec.replicas"),
        QStringLiteral(".spec.template.spec.containers[name=\"web\"].image"),
        QStringLiteral(".spec.template.spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"]"),
        QStringLiteral(".metadata.labels.app.kubernetes.io/name"),
        QStringLiteral(".finalizers[=\"b\"]"),
        QStringLiteral(".spec.nothing"),
    }, &missing);
    QCOMPARE(missing, QStringList{QStringLiteral(".spec.nothing")});
    QVERIFY(!out["spec"].toObject().contains("replicas"));
    const QJsonArray containers = out["spec"].toObject()["template"].toObject()["spec"].toObject()["containers"].toArray();
    QCOMPARE(containers.size(), 2);
    QVERIFY(!containers.at(0).toObject().contains("image"));
    QCOMPARE(containers.at(0).toObject()["ports"].toArray().size(), 0);
    QCOMPARE(containers.at(1).toObject()["image"].toString(), QStringLiteral("busybox"));
    QCOMPARE(out["metadata"].toObject()["labels"].toObject(), json(R"j({"tier":"x"})j"));
    QCOMPARE(out["finalizers"].toArray(), QJsonArray{QStringLiteral("a")});
    const QJsonObject byIndex = ApplyObjects::dropFields(obj, {QStringLiteral(".spec.template.spec.containers[1]")});
    QCOMPARE(byIndex["spec"].toObject()["template"].toObject()["spec"].toObject()["containers"].toArray().size(), 1);
}

void TestApplyObjects::diffNormalisation()
{
    QJsonObject live = json(R"j({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"d","managedFields":[{}],"resourceVersion":"5"},
        "data":{"same":"YQ==","changed":"Yg==","gone":"Yw=="}})j");
    QJsonObject merged = json(R"j({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"d","resourceVersion":"5"},
        "data":{"same":"YQ==","changed":"Yw==","new":"ZA=="}})j");
    live = ApplyObjects::normalized(live);
    QVERIFY(!live["metadata"].toObject().contains("managedFields"));
    ApplyObjects::maskSecrets(live, merged);
    QCOMPARE(live["data"].toObject(), json(R"j({"same":"***","changed":"*** (before)","gone":"***"})j"));
    QCOMPARE(merged["data"].toObject(), json(R"j({"same":"***","changed":"*** (after)","new":"***"})j"));
    QCOMPARE(ApplyObjects::diffFileName(json(R"j({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"w","namespace":"d"}})j")),
             QStringLiteral("apps.v1.Deployment.d.w"));
    QCOMPARE(ApplyObjects::diffFileName(json(R"j({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}})j")),
             QStringLiteral("v1.Namespace..n"));
    QVERIFY(ApplyObjects::sameContent(json(R"j({"metadata":{"resourceVersion":"1","managedFields":[1]},"a":1})j"),
                                      json(R"j({"metadata":{"resourceVersion":"2"},"a":1})j")));
    QVERIFY(!ApplyObjects::sameContent(json(R"j({"a":1})j"), json(R"j({"a":2})j")));
}

void TestApplyObjects::secretDecodeEncode()
{
    const QJsonObject secret = json(R"j({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
        "data":{"user":"YWRtaW4=","multi":"bGluZTEKbGluZTIK","utf8":"w6nDqQ=="}})j");
    const SecretCodec::Decoded d = SecretCodec::decode(secret);
    QVERIFY(d.binaryKeys.isEmpty());
    QVERIFY(!d.object.contains("data"));
    QCOMPARE(d.object["stringData"].toObject()["user"].toString(), QStringLiteral("admin"));
    QCOMPARE(d.object["stringData"].toObject()["multi"].toString(), QStringLiteral("line1\nline2\n"));
    QCOMPARE(d.object["stringData"].toObject()["utf8"].toString(), QString::fromUtf8("\xc3\xa9\xc3\xa9"));
    // Edited in YAML (dump/parse) and re-encoded: the same data as before, no stringData.
    auto reparsed = api::yaml::parseOne(api::yaml::dump(d.object));
    QVERIFY(reparsed.ok());
    const auto encoded = SecretCodec::encode(reparsed->toObject());
    QVERIFY(encoded.ok());
    QCOMPARE(*encoded, secret);
    // An edit lands in data, base64-encoded.
    QJsonObject edited = d.object;
    QJsonObject sd = edited["stringData"].toObject();
    sd.insert("user", "root");
    edited.insert("stringData", sd);
    QCOMPARE(SecretCodec::encode(edited)->value("data").toObject()["user"].toString(), QStringLiteral("cm9vdA=="));
    QJsonObject bad = secret;
    bad.insert("data", json(R"j({"k":"not base64!"})j"));
    QVERIFY(!SecretCodec::encode(bad).ok());
    QVERIFY(!SecretCodec::encode(bad).error().message.contains(QStringLiteral("not base64!")));
}

void TestApplyObjects::secretBinaryStaysBase64()
{
    const QByteArray binary("\x89PNG\r\n\x1a\n\x00\x01\xff", 11);
    const QString b64 = QString::fromLatin1(binary.toBase64());
    QJsonObject secret = json(R"j({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"t":"eA=="}})j");
    QJsonObject data = secret["data"].toObject();
    data.insert("png", b64);
    data.insert("nul", QString::fromLatin1(QByteArray("a\0b", 3).toBase64()));
    secret.insert("data", data);
    const SecretCodec::Decoded d = SecretCodec::decode(secret);
    QCOMPARE(d.binaryKeys, (QStringList{QStringLiteral("nul"), QStringLiteral("png")}));
    QCOMPARE(d.object["data"].toObject()["png"].toString(), b64);
    QCOMPARE(d.object["stringData"].toObject()["t"].toString(), QStringLiteral("x"));
    QCOMPARE(*SecretCodec::encode(d.object), secret);
    QVERIFY(!SecretCodec::isText(binary));
    QVERIFY(SecretCodec::isText("tab\tand\nnewline"));
}

void TestApplyObjects::configMapUntouched()
{
    const QJsonObject cm = json(R"j({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},
        "data":{"a":"b"},"binaryData":{"bin":"iVBORw0KGgoAAf8="}})j");
    QCOMPARE(SecretCodec::decode(cm).object, cm);
    QCOMPARE(*SecretCodec::encode(cm), cm);
    QCOMPARE(api::yaml::parseOne(api::yaml::dump(cm))->toObject(), cm);
}

void TestApplyObjects::dockerRegistrySecret()
{
    const QJsonObject s = SecretCodec::dockerRegistrySecret(QStringLiteral("reg"), QStringLiteral("dev"),
        {QStringLiteral("harbor.example.com"), QStringLiteral("robot"), QStringLiteral("p@ss:word"), QStringLiteral("r@example.com")});
    QCOMPARE(s["type"].toString(), QStringLiteral("kubernetes.io/dockerconfigjson"));
    QCOMPARE(s["metadata"].toObject()["namespace"].toString(), QStringLiteral("dev"));
    const auto config = SecretCodec::dockerConfig(s);
    QVERIFY(config.ok());
    const QJsonObject entry = config->value("auths").toObject()["harbor.example.com"].toObject();
    QCOMPARE(entry["username"].toString(), QStringLiteral("robot"));
    QCOMPARE(entry["password"].toString(), QStringLiteral("p@ss:word"));
    QCOMPARE(entry["email"].toString(), QStringLiteral("r@example.com"));
    QCOMPARE(QByteArray::fromBase64(entry["auth"].toString().toLatin1()), QByteArray("robot:p@ss:word"));
    const auto noEmail = SecretCodec::dockerConfig(SecretCodec::dockerRegistrySecret(QStringLiteral("r"), QString(),
        {QStringLiteral("s"), QStringLiteral("u"), QStringLiteral("p"), QString()}));
    QVERIFY(!noEmail->value("auths").toObject()["s"].toObject().contains("email"));
}

void TestApplyObjects::draftStore()
{
    QTemporaryDir dir;
    DraftStore store;
    store.setDirectory(dir.filePath(QStringLiteral("drafts")));
    const DraftKey web{QStringLiteral("sandbox"), QStringLiteral("business-1"),
                       DraftKey::objectRef(QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("dev"), QStringLiteral("web"))};
    QCOMPARE(web.object, QStringLiteral("deployments.apps/dev/web"));
    const DraftKey fresh{QStringLiteral("sandbox"), QStringLiteral("global"), QStringLiteral("new")};
    QVERIFY(!store.load(web));
    QVERIFY(!store.save({web, "kind: Deployment\n", QStringLiteral("41"), {}}));
    QTest::qWait(5);
    QVERIFY(!store.save({fresh, "kind: ConfigMap\n", QString(), {}}));
    const auto loaded = store.load(web);
    QVERIFY(loaded);
    QCOMPARE(loaded->text, QByteArray("kind: Deployment\n"));
    QCOMPARE(loaded->baseResourceVersion, QStringLiteral("41"));
    QVERIFY(loaded->savedAt.isValid());
    // Newest first; filters by context and cluster.
    QCOMPARE(store.list().size(), 2);
    QCOMPARE(store.list().first().key, fresh);
    QCOMPARE(store.list(QStringLiteral("sandbox"), QStringLiteral("business-1")).size(), 1);
    QCOMPARE(store.list(QStringLiteral("other")).size(), 0);
    // A second save replaces; another store on the same directory (a restart) sees it.
    QVERIFY(!store.save({web, "kind: Deployment\nspec: {}\n", QStringLiteral("41"), {}}));
    DraftStore restarted;
    restarted.setDirectory(store.directory());
    QCOMPARE(restarted.load(web)->text, QByteArray("kind: Deployment\nspec: {}\n"));
    QCOMPARE(restarted.list().size(), 2);
    // Files are private (drafts may hold decoded Secret values).
    const QStringList files = QDir(store.directory()).entryList(QDir::Files);
    QCOMPARE(files.size(), 2);
    QCOMPARE(QFile::permissions(QDir(store.directory()).filePath(files.first())) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    QVERIFY(restarted.discard(web));
    QVERIFY(!restarted.discard(web));
    QVERIFY(!store.load(web));
    QCOMPARE(store.list().size(), 1);
}

QTEST_GUILESS_MAIN(TestApplyObjects)
#include "tst_applyobjects.moc"
