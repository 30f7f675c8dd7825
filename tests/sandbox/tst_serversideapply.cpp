// ServerSideApply: apply/update field ownership and managedFields as kube-apiserver writes them,
// checked against hand-computed expectations and real objects from ../shared (gitops-engine).
#include "api/Yaml.h"
#include "sandbox/FieldSet.h"
#include "sandbox/ManagedFields.h"
#include "sandbox/ServerSideApply.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using acp::sandbox::FieldSet;
using acp::sandbox::ManagedFields;
using acp::sandbox::ServerSideApply;

namespace {

const QString T1 = QStringLiteral("2024-05-01T10:00:00Z");
const QString T2 = QStringLiteral("2024-05-01T11:00:00Z");
const QString T3 = QStringLiteral("2024-05-01T12:00:00Z");

// Test JSON writes the escaped quotes of FieldsV1 keys as ' (moc cannot read \" in raw strings):
// {"k:{'name':'a'}": {}} is {"k:{\"name\":\"a\"}": {}}.
QJsonObject obj(QString text)
{
    text.replace(QLatin1Char('\''), QLatin1String("\\\""));
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError)
        qWarning() << "bad test JSON" << e.errorString() << text;
    return d.object();
}

QString compact(const QJsonValue &v)
{
    return QString::fromUtf8(v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                          : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

ServerSideApply::Options opts(const QString &manager, const QString &now, bool force = false)
{
    ServerSideApply::Options o;
    o.manager = manager;
    o.now = QDateTime::fromString(now, Qt::ISODate);
    o.force = force;
    return o;
}

// A Deployment applied by tests; `extraSpec` is merged into the pod template spec container.
QJsonObject deployment(int replicas = 2, const QString &image = QStringLiteral("nginx:1.25"),
                       const QString &labels = QStringLiteral(R"({"app":"web"})"))
{
    return obj(QStringLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default","labels":%3},
        "spec":{"replicas":%1,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"nginx","image":"%2","ports":[{"containerPort":80}]}]}}}})")
                   .arg(replicas).arg(image, labels));
}

QJsonArray managed(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields")).toArray();
}

QJsonObject entry(const QJsonObject &o, const QString &manager, const QString &operation = QStringLiteral("Apply"))
{
    for (const QJsonValue &v : managed(o)) {
        const QJsonObject e = v.toObject();
        if (e.value(QLatin1String("manager")).toString() == manager && e.value(QLatin1String("operation")).toString() == operation)
            return e;
    }
    return QJsonObject();
}

QJsonObject fieldsOf(const QJsonObject &o, const QString &manager, const QString &operation = QStringLiteral("Apply"))
{
    return entry(o, manager, operation).value(QLatin1String("fieldsV1")).toObject();
}

QString gitopsDir()
{
    return QStringLiteral(ACP_SHARED_DIR "/testdata/api-objects/gitops-engine/pkg/diff/testdata");
}

QJsonObject loadFixture(const QString &name)
{
    QFile f(gitopsDir() + QLatin1Char('/') + name);
    if (!f.open(QIODevice::ReadOnly))
        return QJsonObject();
    const auto v = acp::api::yaml::parseOne(f.readAll(), name);   // YAML is a superset of JSON
    return v.ok() ? v.value().toObject() : QJsonObject();
}

const char *kCreatedFields = R"({"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},
  "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{'name':'nginx'}":{".":{},
  "f:image":{},"f:name":{},"f:ports":{"k:{'containerPort':80,'protocol':'TCP'}":{".":{},"f:containerPort":{}}}}}}}}})";

} // namespace

class TestServerSideApply : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void create();
    void reapplyRemovesField();
    void removedFieldKeptWhenSharedWithAnotherManager();
    void conflict_data();
    void conflict();
    void conflictWithSeveralManagers();
    void forceMovesOwnership();
    void listMapMergesAcrossManagers();
    void setListAcrossManagers();
    void updateThenApplyConflicts();
    void updateOnCreate();
    void statusSubresource();
    void managedFieldsReset();
    void noopApplyKeepsTime();
    void entryOrder();
    void capsUpdateManagers();
    void applyErrors();
    void managerFromUserAgent_data();
    void managerFromUserAgent();
    void recordUpdateCompatibility();
    void realObjects_fieldsV1RoundTrip();
    void realObjects_applyRemovesLabel();
    void realObjects_applyAlongsideUpdaters();
    void realObjects_compositeKeys();
};

void TestServerSideApply::create()
{
    const auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QStringLiteral("kubectl"), T1));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QJsonObject expected = deployment();
    QJsonObject meta = expected.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("managedFields"), QJsonArray{QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
        {QStringLiteral("fieldsType"), QStringLiteral("FieldsV1")},
        {QStringLiteral("fieldsV1"), obj(QString::fromLatin1(kCreatedFields))},
        {QStringLiteral("manager"), QStringLiteral("kubectl")},
        {QStringLiteral("operation"), QStringLiteral("Apply")},
        {QStringLiteral("time"), T1}}});
    expected.insert(QStringLiteral("metadata"), meta);
    QCOMPARE(compact(r.value()), compact(expected));
}

void TestServerSideApply::reapplyRemovesField()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(2, QStringLiteral("nginx:1.25"), QStringLiteral(R"({"app":"web","tier":"fe"})")),
                                    opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    QVERIFY(fieldsOf(r.value(), QStringLiteral("alice")).value(QLatin1String("f:metadata")).toObject()
                .value(QLatin1String("f:labels")).toObject().contains(QLatin1String("f:tier")));
    r = ServerSideApply::apply(r.value(), deployment(), opts(QStringLiteral("alice"), T2));
    QVERIFY(r.ok());
    const char *const kExpected1 = R"({"app":"web"})";
    QCOMPARE(r.value().value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject(), obj(kExpected1));
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("alice")), obj(QString::fromLatin1(kCreatedFields)));
    QCOMPARE(entry(r.value(), QStringLiteral("alice")).value(QLatin1String("time")).toString(), T2);

    // Dropping the container from the configuration removes it from the object.
    QJsonObject noContainers = deployment();
    QJsonObject spec = noContainers.value(QLatin1String("spec")).toObject();
    spec.remove(QStringLiteral("template"));
    noContainers.insert(QStringLiteral("spec"), spec);
    r = ServerSideApply::apply(r.value(), noContainers, opts(QStringLiteral("alice"), T3));
    QVERIFY(r.ok());
    QVERIFY(!r.value().value(QLatin1String("spec")).toObject().contains(QLatin1String("template")));
}

void TestServerSideApply::removedFieldKeptWhenSharedWithAnotherManager()
{
    const QString withTier = QStringLiteral(R"({"app":"web","tier":"fe"})");
    auto r = ServerSideApply::apply(QJsonObject(), deployment(2, QStringLiteral("nginx:1.25"), withTier), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    // bob applies the same label value: no conflict, shared ownership.
    const QJsonObject bobConfig = obj(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default","labels":{"tier":"fe"}}})");
    r = ServerSideApply::apply(r.value(), bobConfig, opts(QStringLiteral("bob"), T2));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const char *const kExpected2 = R"({"f:metadata":{"f:labels":{"f:tier":{}}}})";
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("bob")), obj(kExpected2));
    r = ServerSideApply::apply(r.value(), deployment(), opts(QStringLiteral("alice"), T3));
    QVERIFY(r.ok());
    const char *const kExpected3 = R"({"app":"web","tier":"fe"})";
    QCOMPARE(r.value().value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject(),
             obj(kExpected3));
}

void TestServerSideApply::conflict_data()
{
    QTest::addColumn<int>("replicas");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("fields");

    QTest::newRow("one") << 3 << "nginx:1.25"
        << R"(Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas)"
        << QStringList{QStringLiteral(".spec.replicas")};
    QTest::newRow("two") << 3 << "nginx:1.26"
        << "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n"
           "- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image"
        << QStringList{QStringLiteral(".spec.replicas"), QStringLiteral(".spec.template.spec.containers[name=\"nginx\"].image")};
}

void TestServerSideApply::conflict()
{
    QFETCH(int, replicas);
    QFETCH(QString, image);
    QFETCH(QString, message);
    QFETCH(QStringList, fields);
    const auto live = ServerSideApply::update(QJsonObject(), deployment(), opts(QStringLiteral("kubectl-client-side-apply"), T1));
    QVERIFY(live.ok());
    const auto r = ServerSideApply::apply(live.value(), deployment(replicas, image), opts(QStringLiteral("argocd-controller"), T2));
    QVERIFY(!r.ok());
    const acp::api::ApiError &e = r.error();
    QCOMPARE(e.httpStatus, 409);
    QCOMPARE(e.reason, QStringLiteral("Conflict"));
    QVERIFY(e.isConflict());
    QCOMPARE(e.message, message);
    const QJsonArray causes = e.details.value(QLatin1String("causes")).toArray();
    QCOMPARE(causes.size(), fields.size());
    for (int i = 0; i < fields.size(); ++i) {
        const QJsonObject c = causes.at(i).toObject();
        QCOMPARE(c.value(QLatin1String("reason")).toString(), QStringLiteral("FieldManagerConflict"));
        const char *const kExpected4 = R"(conflict with "kubectl-client-side-apply" using apps/v1)";
        QCOMPARE(c.value(QLatin1String("message")).toString(), QString::fromUtf8(kExpected4));
        QCOMPARE(c.value(QLatin1String("field")).toString(), fields.at(i));
    }
    QCOMPARE(e.toStatus().value(QLatin1String("code")).toInt(), 409);
}

void TestServerSideApply::conflictWithSeveralManagers()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    r = ServerSideApply::update(r.value(), deployment(4), opts(QStringLiteral("kubectl-scale"), T2));
    QVERIFY(r.ok());
    const auto c = ServerSideApply::apply(r.value(), deployment(5, QStringLiteral("nginx:2")), opts(QStringLiteral("bob"), T3));
    QVERIFY(!c.ok());
    QCOMPARE(c.error().message, QStringLiteral("Apply failed with 2 conflicts: conflicts with \"alice\":\n"
                                               "- .spec.template.spec.containers[name=\"nginx\"].image\n"
                                               "conflicts with \"kubectl-scale\" using apps/v1:\n- .spec.replicas"));
    QCOMPARE(c.error().details.value(QLatin1String("causes")).toArray().at(0).toObject().value(QLatin1String("message")).toString(),
             QStringLiteral("conflict with \"alice\""));
}

void TestServerSideApply::forceMovesOwnership()
{
    const auto live = ServerSideApply::update(QJsonObject(), deployment(), opts(QStringLiteral("kubectl-client-side-apply"), T1));
    QVERIFY(live.ok());
    const QJsonObject config = obj(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default"},"spec":{"replicas":3}})");
    const auto r = ServerSideApply::apply(live.value(), config, opts(QStringLiteral("argocd-controller"), T2, true));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r.value().value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(), 3);
    const char *const kExpected5 = R"({"f:spec":{"f:replicas":{}}})";
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("argocd-controller")), obj(kExpected5));
    const QJsonObject csa = fieldsOf(r.value(), QStringLiteral("kubectl-client-side-apply"), QStringLiteral("Update"));
    QVERIFY(!csa.isEmpty());
    QVERIFY(!csa.value(QLatin1String("f:spec")).toObject().contains(QLatin1String("f:replicas")));
    QVERIFY(csa.value(QLatin1String("f:spec")).toObject().contains(QLatin1String("f:selector")));
    // The former owner's time is kept; the applier's is the write's.
    QCOMPARE(entry(r.value(), QStringLiteral("kubectl-client-side-apply"), QStringLiteral("Update")).value(QLatin1String("time")).toString(), T1);
    QCOMPARE(entry(r.value(), QStringLiteral("argocd-controller")).value(QLatin1String("time")).toString(), T2);
}

void TestServerSideApply::listMapMergesAcrossManagers()
{
    const QString tmpl = QStringLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
        "spec":{"template":{"spec":{"containers":[%1]}}}})");
    auto r = ServerSideApply::apply(QJsonObject(), obj(tmpl.arg(QStringLiteral(R"({"name":"a","image":"x"})"))), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    r = ServerSideApply::apply(r.value(), obj(tmpl.arg(QStringLiteral(R"({"name":"b","image":"y"})"))), opts(QStringLiteral("bob"), T2));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const auto containers = [](const QJsonObject &o) {
        return o.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject()
            .value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
    };
    const char *const kExpected6 = R"([{"image":"x","name":"a"},{"image":"y","name":"b"}])";
    QCOMPARE(compact(containers(r.value())), QString::fromUtf8(kExpected6));
    const char *const kExpected7 = R"({"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{'name':'b'}":{".":{},"f:image":{},"f:name":{}}}}}}})";
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("bob")),
             obj(kExpected7));
    const char *const kExpected8 = R"({"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{'name':'a'}":{".":{},"f:image":{},"f:name":{}}}}}}})";
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("alice")),
             obj(kExpected8));
    // alice withdraws her container; bob's stays.
    r = ServerSideApply::apply(r.value(), obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"}})"),
                               opts(QStringLiteral("alice"), T3));
    QVERIFY(r.ok());
    const char *const kExpected9 = R"([{"image":"y","name":"b"}])";
    QCOMPARE(compact(containers(r.value())), QString::fromUtf8(kExpected9));
    QVERIFY(entry(r.value(), QStringLiteral("alice")).isEmpty());   // nothing left: the entry goes
}

void TestServerSideApply::setListAcrossManagers()
{
    const QString tmpl = QStringLiteral(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default","finalizers":[%1]}})");
    auto r = ServerSideApply::apply(QJsonObject(), obj(tmpl.arg(QStringLiteral(R"("a")"))), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    r = ServerSideApply::apply(r.value(), obj(tmpl.arg(QStringLiteral(R"("b")"))), opts(QStringLiteral("bob"), T2));
    QVERIFY(r.ok());
    const char *const kExpected10 = R"(["a","b"])";
    QCOMPARE(compact(r.value().value(QLatin1String("metadata")).toObject().value(QLatin1String("finalizers")).toArray()),
             QString::fromUtf8(kExpected10));
    const char *const kExpected11 = R"({"f:metadata":{"f:finalizers":{"v:'b'":{}}}})";
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("bob")), obj(kExpected11));
}

void TestServerSideApply::updateThenApplyConflicts()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    r = ServerSideApply::update(r.value(), deployment(4), opts(QStringLiteral("kubectl-edit"), T2));
    QVERIFY(r.ok());
    const char *const kExpected12 = R"({"f:spec":{"f:replicas":{}}})";
    QCOMPARE(fieldsOf(r.value(), QStringLiteral("kubectl-edit"), QStringLiteral("Update")), obj(kExpected12));
    QCOMPARE(entry(r.value(), QStringLiteral("kubectl-edit"), QStringLiteral("Update")).value(QLatin1String("time")).toString(), T2);
    QVERIFY(!fieldsOf(r.value(), QStringLiteral("alice")).value(QLatin1String("f:spec")).toObject().contains(QLatin1String("f:replicas")));
    const auto c = ServerSideApply::apply(r.value(), deployment(), opts(QStringLiteral("alice"), T3));
    QVERIFY(!c.ok());
    const char *const kExpected13 = R"(Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas)";
    QCOMPARE(c.error().message, QString::fromUtf8(kExpected13));
    // Re-applying what kubectl-edit set is no conflict: both own it.
    const auto shared = ServerSideApply::apply(r.value(), deployment(4), opts(QStringLiteral("alice"), T3));
    QVERIFY(shared.ok());
    QVERIFY(fieldsOf(shared.value(), QStringLiteral("alice")).value(QLatin1String("f:spec")).toObject().contains(QLatin1String("f:replicas")));
    QVERIFY(fieldsOf(shared.value(), QStringLiteral("kubectl-edit"), QStringLiteral("Update")).value(QLatin1String("f:spec")).toObject().contains(QLatin1String("f:replicas")));
}

void TestServerSideApply::updateOnCreate()
{
    // POST with fieldManager (kubectl create): everything written is owned, new maps get ".".
    const QJsonObject cm = obj(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default",
        "labels":{"a":"1"},"annotations":{}},"data":{"k":"v"}})");
    const auto r = ServerSideApply::update(QJsonObject(), cm, opts(QStringLiteral("kubectl-create"), T1));
    QVERIFY(r.ok());
    const char *const kExpected14 = R"({"apiVersion":"v1","fieldsType":"FieldsV1",
        "fieldsV1":{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:annotations":{},"f:labels":{".":{},"f:a":{}}}},
        "manager":"kubectl-create","operation":"Update","time":"%1"})";
    QCOMPARE(compact(managed(r.value())), compact(QJsonArray{obj(QString::fromUtf8(kExpected14).arg(T1))}));
    // Built-in structs exist in the zero object: no "." on spec or template.
    const auto d = ServerSideApply::update(QJsonObject(), deployment(), opts(QStringLiteral("kubectl-create"), T1));
    QVERIFY(d.ok());
    const QJsonObject spec = fieldsOf(d.value(), QStringLiteral("kubectl-create"), QStringLiteral("Update")).value(QLatin1String("f:spec")).toObject();
    QVERIFY(!spec.contains(QLatin1String(".")));
    QVERIFY(!spec.value(QLatin1String("f:template")).toObject().contains(QLatin1String(".")));
    const char *const kExpected15 = R"({})";   // LabelSelector is atomic: a leaf
    QCOMPARE(spec.value(QLatin1String("f:selector")).toObject(), obj(kExpected15));
}

void TestServerSideApply::statusSubresource()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    QJsonObject withStatus = r.value();
    withStatus.insert(QStringLiteral("status"), obj(R"({"replicas":2,"conditions":[{"type":"Available","status":"True"}]})"));
    ServerSideApply::Options o = opts(QStringLiteral("kube-controller-manager"), T2);
    o.subresource = QStringLiteral("status");
    r = ServerSideApply::update(r.value(), withStatus, o);
    QVERIFY(r.ok());
    const QJsonObject e = entry(r.value(), QStringLiteral("kube-controller-manager"), QStringLiteral("Update"));
    QCOMPARE(e.value(QLatin1String("subresource")).toString(), QStringLiteral("status"));
    const char *const kExpected16 = R"({"f:status":{".":{},"f:conditions":{".":{},
        "k:{'type':'Available'}":{".":{},"f:status":{},"f:type":{}}},"f:replicas":{}}})";
    QCOMPARE(e.value(QLatin1String("fieldsV1")).toObject(), obj(kExpected16));
    // The main resource does not own status.
    QJsonObject edited = r.value();
    edited.insert(QStringLiteral("status"), obj(R"({"replicas":7})"));
    const auto m = ServerSideApply::update(r.value(), edited, opts(QStringLiteral("kubectl-edit"), T3));
    QVERIFY(m.ok());
    QVERIFY(entry(m.value(), QStringLiteral("kubectl-edit"), QStringLiteral("Update")).isEmpty());
    ServerSideApply::Options reset = opts(QStringLiteral("kubectl-edit"), T3);
    reset.resetStatus = true;
    const auto kept = ServerSideApply::update(r.value(), edited, reset);
    QCOMPARE(kept.value().value(QLatin1String("status")).toObject().value(QLatin1String("replicas")).toInt(), 2);
}

void TestServerSideApply::managedFieldsReset()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    for (const char *reset : {"[{}]", "[]"}) {
        QJsonObject o = r.value();
        QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("managedFields"), QJsonDocument::fromJson(reset).array());
        o.insert(QStringLiteral("metadata"), meta);
        const auto u = ServerSideApply::update(r.value(), o, opts(QStringLiteral("kubectl-patch"), T2));
        QVERIFY(u.ok());
        QVERIFY2(!u.value().value(QLatin1String("metadata")).toObject().contains(QLatin1String("managedFields")), reset);
    }
    // Without managedFields in the request the live ones are kept.
    QJsonObject o = r.value();
    QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
    meta.remove(QStringLiteral("managedFields"));
    o.insert(QStringLiteral("metadata"), meta);
    const auto u = ServerSideApply::update(r.value(), o, opts(QStringLiteral("kubectl-patch"), T2));
    QCOMPARE(managed(u.value()), managed(r.value()));
}

void TestServerSideApply::noopApplyKeepsTime()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QStringLiteral("alice"), T1));
    QVERIFY(r.ok());
    const auto again = ServerSideApply::apply(r.value(), deployment(), opts(QStringLiteral("alice"), T2));
    QVERIFY(again.ok());
    QCOMPARE(again.value(), r.value());
}

void TestServerSideApply::entryOrder()
{
    auto r = ServerSideApply::update(QJsonObject(), deployment(), opts(QStringLiteral("zed"), T1));
    r = ServerSideApply::update(r.value(), deployment(3), opts(QStringLiteral("kubectl-scale"), T2));
    r = ServerSideApply::apply(r.value(), obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default",
        "annotations":{"x":"y"}}})"), opts(QStringLiteral("bob"), T3));
    QVERIFY(r.ok());
    QStringList order;
    for (const QJsonValue &v : managed(r.value()))
        order.append(v.toObject().value(QLatin1String("manager")).toString() + QLatin1Char('/') + v.toObject().value(QLatin1String("operation")).toString());
    QCOMPARE(order, (QStringList{QStringLiteral("bob/Apply"), QStringLiteral("zed/Update"), QStringLiteral("kubectl-scale/Update")}));
}

void TestServerSideApply::capsUpdateManagers()
{
    auto r = ServerSideApply::update(QJsonObject(), deployment(), opts(QStringLiteral("m0"), T1));
    QVERIFY(r.ok());
    for (int i = 1; i <= 11; ++i) {
        const QString now = QDateTime::fromString(T1, Qt::ISODate).addSecs(i * 60).toString(Qt::ISODate);
        QJsonObject o = r.value();
        QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
        QJsonObject ann = meta.value(QLatin1String("annotations")).toObject();
        ann.insert(QStringLiteral("a%1").arg(i), QStringLiteral("v"));
        meta.insert(QStringLiteral("annotations"), ann);
        o.insert(QStringLiteral("metadata"), meta);
        r = ServerSideApply::update(r.value(), o, opts(QStringLiteral("m%1").arg(i), now));
        QVERIFY(r.ok());
    }
    const QJsonArray entries = managed(r.value());
    QCOMPARE(entries.size(), 10);
    QCOMPARE(entries.at(0).toObject().value(QLatin1String("manager")).toString(), QStringLiteral("ancient-changes"));
}

void TestServerSideApply::applyErrors()
{
    auto r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QString(), T1));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 422);
    const char *const kExpected17 = R"(PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch)";
    QCOMPARE(r.error().message, QString::fromUtf8(kExpected17));

    QJsonObject withManaged = deployment();
    QJsonObject meta = withManaged.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("managedFields"), QJsonArray());
    withManaged.insert(QStringLiteral("metadata"), meta);
    r = ServerSideApply::apply(QJsonObject(), withManaged, opts(QStringLiteral("a"), T1));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 400);
    QCOMPARE(r.error().message, QStringLiteral("metadata.managedFields must be nil"));

    ServerSideApply::Options v1beta1 = opts(QStringLiteral("a"), T1);
    v1beta1.apiVersion = QStringLiteral("apps/v1beta1");
    r = ServerSideApply::apply(QJsonObject(), deployment(), v1beta1);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, QStringLiteral("Incorrect version specified in apply patch. Specified patch version: apps/v1, expected: apps/v1beta1"));

    const QJsonObject dup = obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
        "spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}}})");
    r = ServerSideApply::apply(QJsonObject(), dup, opts(QStringLiteral("a"), T1));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 500);
    const char *const kExpected18 = R"(.spec.template.spec.containers: duplicate entries for key [name="a"])";
    QVERIFY2(r.error().message.endsWith(QString::fromUtf8(kExpected18)),
             qPrintable(r.error().message));

    r = ServerSideApply::apply(QJsonObject(), deployment(), opts(QString(129, QLatin1Char('x')), T1));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 422);
}

void TestServerSideApply::managerFromUserAgent_data()
{
    QTest::addColumn<QString>("fieldManager");
    QTest::addColumn<QString>("userAgent");
    QTest::addColumn<QString>("expected");
    QTest::newRow("explicit") << "kubectl-client-side-apply" << "kubectl/v1.30.1 (linux/amd64) kubernetes/abc" << "kubectl-client-side-apply";
    QTest::newRow("kubectl") << "" << "kubectl/v1.30.1 (linux/amd64) kubernetes/abc" << "kubectl";
    QTest::newRow("controller") << "" << "kube-controller-manager/v1.30.1 (linux/amd64) kubernetes/abc/system:serviceaccount:kube-system:deployment-controller"
                                << "kube-controller-manager";
    QTest::newRow("no slash") << "" << "curl" << "curl";
    QTest::newRow("empty") << "" << "" << "unknown";
    QTest::newRow("unprintable dropped") << "" << "my\ttool/1" << "mytool";
    QTest::newRow("truncated") << "" << QString(200, QLatin1Char('a')) << QString(128, QLatin1Char('a'));
}

void TestServerSideApply::managerFromUserAgent()
{
    QFETCH(QString, fieldManager);
    QFETCH(QString, userAgent);
    QFETCH(QString, expected);
    QCOMPARE(ServerSideApply::managerFromUserAgent(fieldManager, userAgent), expected);
}

void TestServerSideApply::recordUpdateCompatibility()
{
    const QJsonObject created = ServerSideApply::recordUpdate(QJsonObject(), deployment(), QStringLiteral("kubectl-create"),
                                                              QStringLiteral("apps/v1"));
    QCOMPARE(managed(created).size(), 1);
    // An invalid manager name never fails a write: the managedFields are dropped instead.
    const QJsonObject dropped = ServerSideApply::recordUpdate(created, deployment(3), QString(200, QLatin1Char('x')));
    QVERIFY(!dropped.value(QLatin1String("metadata")).toObject().contains(QLatin1String("managedFields")));
}

void TestServerSideApply::realObjects_fieldsV1RoundTrip()
{
    if (!QDir(gitopsDir()).exists())
        QSKIP("../shared/testdata/api-objects/gitops-engine not present");
    int checked = 0;
    for (const QString &name : QDir(gitopsDir()).entryList({QStringLiteral("*.json"), QStringLiteral("*.yaml")}, QDir::Files)) {
        const QJsonObject o = loadFixture(name);
        for (const QJsonValue &v : managed(o)) {
            const QJsonObject fields = v.toObject().value(QLatin1String("fieldsV1")).toObject();
            const auto set = FieldSet::fromFieldsV1(fields);
            QVERIFY2(set.has_value(), qPrintable(name));
            QCOMPARE(set->toFieldsV1(), fields);
            ++checked;
        }
        QString error;
        QVERIFY2(ManagedFields::decode(o.value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields")), &error).has_value(),
                 qPrintable(name + QLatin1String(": ") + error));
    }
    QVERIFY(checked >= 20);
}

void TestServerSideApply::realObjects_applyRemovesLabel()
{
    // Argo CD applies a Service without the "delete-me" label it applied before; the apiserver
    // prunes the label and rewrites argocd-controller's entry (ssd-svc-no-label-predicted-live).
    const QJsonObject live = loadFixture(QStringLiteral("ssd-svc-label-live.yaml"));
    const QJsonObject config = loadFixture(QStringLiteral("ssd-svc-no-label-config.yaml"));
    const QJsonObject predicted = loadFixture(QStringLiteral("ssd-svc-no-label-predicted-live.json"));
    if (live.isEmpty() || config.isEmpty() || predicted.isEmpty())
        QSKIP("gitops-engine fixtures not present (or api/Yaml.h not implemented yet)");
    const auto r = ServerSideApply::apply(live, config, opts(QStringLiteral("argocd-controller"), QStringLiteral("2025-05-16T19:02:57Z")));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(compact(r.value()), compact(predicted));
}

void TestServerSideApply::realObjects_applyAlongsideUpdaters()
{
    // A first server-side apply onto an object three Update managers own
    // (ssd-deploy-with-manual-apply): the new Apply entry is the configuration's fields, the
    // Update entries are untouched (same values are no conflict), sorted as the apiserver does.
    const QJsonObject live = loadFixture(QStringLiteral("ssd-deploy-with-manual-apply-live.yaml"));
    const QJsonObject config = loadFixture(QStringLiteral("ssd-deploy-with-manual-apply-config.yaml"));
    const QJsonObject predicted = loadFixture(QStringLiteral("ssd-deploy-with-manual-apply-predicted-live.json"));
    if (live.isEmpty() || config.isEmpty() || predicted.isEmpty())
        QSKIP("gitops-engine fixtures not present (or api/Yaml.h not implemented yet)");
    const auto r = ServerSideApply::apply(live, config, opts(QStringLiteral("argocd-controller"), QStringLiteral("2025-02-25T01:31:03Z")));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(compact(managed(r.value())), compact(managed(predicted)));
    // The port the configuration adds is merged after the live one.
    const QJsonArray ports = r.value().value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject()
        .value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray().at(0).toObject()
        .value(QLatin1String("ports")).toArray();
    const char *const kExpected19 = R"([{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":40,"name":"https"}])";
    QCOMPARE(compact(ports), QString::fromUtf8(kExpected19));
}

void TestServerSideApply::realObjects_compositeKeys()
{
    // Ports keyed by (containerPort, protocol) with protocol defaulted to TCP.
    const QJsonObject live = loadFixture(QStringLiteral("ssd-deploy-composite-key-live.yaml"));
    const QJsonObject config = loadFixture(QStringLiteral("ssd-deploy-composite-key-config.yaml"));
    const QJsonObject predicted = loadFixture(QStringLiteral("ssd-deploy-composite-key-predicted-live.json"));
    if (live.isEmpty() || config.isEmpty() || predicted.isEmpty())
        QSKIP("gitops-engine fixtures not present (or api/Yaml.h not implemented yet)");
    const auto r = ServerSideApply::apply(live, config, opts(QStringLiteral("argocd-controller"), QStringLiteral("2025-09-30T17:52:41Z")));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(compact(entry(r.value(), QStringLiteral("argocd-controller"))),
             compact(entry(predicted, QStringLiteral("argocd-controller"))));
}

QTEST_GUILESS_MAIN(TestServerSideApply)
#include "tst_serversideapply.moc"
