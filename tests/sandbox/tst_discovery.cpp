// Tests for acp::sandbox::KubeDiscovery and OpenApiStore: discovery documents as kube-apiserver
// 1.32 writes them (legacy and aggregated), /version and health, and the OpenAPI v3 documents
// kubectl reads (explain, QueryParamVerifierV3's fieldValidation check).
// Spec files come from ../shared (ACP_SHARED_DIR); tests needing them skip when it is absent.
#include "api/Yaml.h"
#include "sandbox/HttpServer.h"
#include "sandbox/KubeDiscovery.h"
#include "sandbox/OpenApiStore.h"
#include "sandbox/ResourceRegistry.h"
#include "sandbox/SimCluster.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace acp::sandbox;
using Format = KubeDiscovery::Format;

namespace {

const QString kShared = QStringLiteral(ACP_SHARED_DIR);
const QString kBuiltinSpecs = kShared + QLatin1String("/testdata/openapi/kubectl-validate/pkg/openapiclient/builtins/1.35");
const QString kAcpSpecs = kShared + QLatin1String("/reference/acp/openapi");
const QString kPrefix = QStringLiteral("/kubernetes/business-1");
const QByteArray kKubectlAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                                  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

bool haveShared()
{
    return QFile::exists(kBuiltinSpecs + QLatin1String("/api/v1.json")) && QFile::exists(kAcpSpecs + QLatin1String("/apps.v1.json"));
}

QJsonObject findBy(const QJsonArray &array, const char *field, const QString &value)
{
    for (const QJsonValue &v : array)
        if (v.toObject().value(QLatin1String(field)).toString() == value)
            return v.toObject();
    return {};
}

QJsonObject gvk(const QString &g, const QString &v, const QString &k)
{
    return QJsonObject{{QStringLiteral("group"), g}, {QStringLiteral("version"), v}, {QStringLiteral("kind"), k}};
}

// A cluster-scoped CRD "widgets.example.acp.io" with a schema, served at v1 (storage) and v1beta1.
QJsonObject widgetCrd(const QString &extraField = QString())
{
    QJsonObject specProps{{QStringLiteral("size"), QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                                                {QStringLiteral("description"), QStringLiteral("How big.")}}}};
    if (!extraField.isEmpty())
        specProps.insert(extraField, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
    const QJsonObject schema{{QStringLiteral("openAPIV3Schema"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                          {QStringLiteral("description"), QStringLiteral("Widget is a test kind.")},
                                          {QStringLiteral("properties"),
                                           QJsonObject{{QStringLiteral("spec"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                                                            {QStringLiteral("properties"), specProps}}}}}}}};
    const QJsonObject v1{{QStringLiteral("name"), QStringLiteral("v1")}, {QStringLiteral("served"), true},
                         {QStringLiteral("storage"), true}, {QStringLiteral("schema"), schema},
                         {QStringLiteral("subresources"), QJsonObject{{QStringLiteral("status"), QJsonObject()},
                                                                      {QStringLiteral("scale"), QJsonObject()}}}};
    const QJsonObject v1beta1{{QStringLiteral("name"), QStringLiteral("v1beta1")}, {QStringLiteral("served"), true},
                              {QStringLiteral("storage"), false}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apiextensions.k8s.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("CustomResourceDefinition")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("widgets.example.acp.io")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("group"), QStringLiteral("example.acp.io")},
                     {QStringLiteral("scope"), QStringLiteral("Namespaced")},
                     {QStringLiteral("names"), QJsonObject{{QStringLiteral("plural"), QStringLiteral("widgets")},
                                                           {QStringLiteral("singular"), QStringLiteral("widget")},
                                                           {QStringLiteral("kind"), QStringLiteral("Widget")},
                                                           {QStringLiteral("shortNames"), QJsonArray{QStringLiteral("wg")}},
                                                           {QStringLiteral("categories"), QJsonArray{QStringLiteral("all")}}}},
                     {QStringLiteral("versions"), QJsonArray{v1, v1beta1}}}}};
}

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("bad JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// kubectl's supportsQueryParamV3: the first PATCH operation tagged with the GVK decides.
bool supportsQueryParam(const QJsonObject &doc, const QJsonObject &wantGvk, const QString &param)
{
    const QJsonObject paths = doc.value(QLatin1String("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        const QJsonObject patch = it->toObject().value(QLatin1String("patch")).toObject();
        if (patch.isEmpty() || patch.value(QLatin1String("x-kubernetes-group-version-kind")).toObject() != wantGvk)
            continue;
        for (const QJsonValue &p : patch.value(QLatin1String("parameters")).toArray())
            if (p.toObject().value(QLatin1String("name")).toString() == param
                && p.toObject().value(QLatin1String("in")).toString() == QLatin1String("query"))
                return true;
        return false;
    }
    return false;
}

void collectRefs(const QJsonValue &v, QStringList &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("$ref"))
                out << it->toString();
            else
                collectRefs(*it, out);
        }
    } else if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            collectRefs(x, out);
    }
}

// Every "$ref" of a document points at one of its own components.schemas.
QStringList danglingRefs(const QJsonObject &doc)
{
    QStringList refs;
    collectRefs(doc, refs);
    refs.removeDuplicates();
    const QJsonObject schemas = doc.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject();
    QStringList dangling;
    for (const QString &r : std::as_const(refs))
        if (!r.startsWith(QLatin1String("#/components/schemas/")) || !schemas.contains(r.mid(21)))
            dangling << r;
    return dangling;
}

// One HTTP exchange through a real HttpResponder on a loopback socket pair.
struct Reply {
    int status = 0;
    QHash<QByteArray, QList<QByteArray>> headers;   // lower-case names
    QByteArray body;
    QByteArray header(const char *name) const { return headers.value(name).value(0); }
};

class Exchange {
public:
    Exchange()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        m_client.connectToHost(QHostAddress::LocalHost, m_server.serverPort());
        QVERIFY(m_client.waitForConnected(5000));
        QVERIFY(m_server.waitForNewConnection(5000));
        m_serverSide = m_server.nextPendingConnection();
        QVERIFY(m_serverSide);
    }

    Reply run(KubeDiscovery &discovery, const QString &path, const QByteArray &accept = QByteArray(),
              const QByteArray &method = "GET", const QList<QPair<QByteArray, QByteArray>> &extra = {})
    {
        HttpRequest req;
        req.method = method;
        const qsizetype q = path.indexOf(QLatin1Char('?'));
        req.path = q < 0 ? path : path.left(q);
        req.rawPath = req.path.toUtf8();
        if (q >= 0)
            req.query = QUrlQuery(path.mid(q + 1));
        req.headers.insert("host", "127.0.0.1:6443");
        if (!accept.isEmpty())
            req.headers.insert("accept", accept);
        for (const auto &h : extra)
            req.headers.insert(h.first, h.second);
        auto out = std::make_shared<HttpResponder>(m_serverSide, true);
        discovery.serve(req, out, req.path);
        m_serverSide->flush();
        return read();
    }

private:
    Reply read()
    {
        Reply r;
        QByteArray data;
        qsizetype headEnd = -1;
        qint64 length = -1;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000) {
            if (m_client.bytesAvailable() == 0)
                m_client.waitForReadyRead(100);
            data += m_client.readAll();
            if (headEnd < 0 && (headEnd = data.indexOf("\r\n\r\n")) >= 0) {
                const QList<QByteArray> lines = data.left(headEnd).split('\n');
                r.status = lines.value(0).split(' ').value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines.at(i).trimmed();
                    const qsizetype colon = line.indexOf(':');
                    r.headers[line.left(colon).trimmed().toLower()] << line.mid(colon + 1).trimmed();
                }
                length = r.header("content-length").toLongLong();
            }
            if (headEnd >= 0 && data.size() - headEnd - 4 >= length) {
                r.body = data.mid(headEnd + 4, length);
                return r;
            }
        }
        qWarning("timed out reading the response");
        return r;
    }

    QTcpServer m_server;
    QTcpSocket m_client;
    QTcpSocket *m_serverSide = nullptr;
};

} // namespace

class TestDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void coreResourceList();
    void appsResourceList();
    void unknownGroupVersion();
    void groupList();
    void negotiate_data();
    void negotiate();
    void aggregatedCore();
    void aggregatedGroups();
    void crdAtRuntime();
    void versionInfo();
    void storageVersionHash();
    void specFilesKeyed();
    void builtinDocuments();
    void openApiRootIncludesPrefix();
    void crdDocumentGenerated();
    void crdDocumentFollowsChanges();
    void realCrdDocument();
    void fallbackWithoutSpecFiles();
    void serveEndpoints();
    void serveOpenApi();
};

void TestDiscovery::coreResourceList()
{
    ResourceRegistry registry;
    const QJsonObject list = KubeDiscovery::resourceList(registry, QString(), QStringLiteral("v1"));
    QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("APIResourceList"));
    QCOMPARE(list.value(QLatin1String("groupVersion")).toString(), QStringLiteral("v1"));
    QVERIFY(!list.contains(QLatin1String("apiVersion")));   // /api/v1 has none, like kube-apiserver
    const QJsonArray resources = list.value(QLatin1String("resources")).toArray();

    const QJsonObject pods = findBy(resources, "name", QStringLiteral("pods"));
    QCOMPARE(pods.value(QLatin1String("singularName")).toString(), QStringLiteral("pod"));
    QCOMPARE(pods.value(QLatin1String("kind")).toString(), QStringLiteral("Pod"));
    QVERIFY(pods.value(QLatin1String("namespaced")).toBool());
    QCOMPARE(pods.value(QLatin1String("shortNames")).toArray(), QJsonArray{QStringLiteral("po")});
    QCOMPARE(pods.value(QLatin1String("categories")).toArray(), QJsonArray{QStringLiteral("all")});
    QCOMPARE(pods.value(QLatin1String("storageVersionHash")).toString(), QStringLiteral("xPOwRZ+Yhw8="));
    QVERIFY(pods.value(QLatin1String("verbs")).toArray().contains(QStringLiteral("watch")));

    const QJsonObject log = findBy(resources, "name", QStringLiteral("pods/log"));
    QCOMPARE(log.value(QLatin1String("kind")).toString(), QStringLiteral("Pod"));
    QCOMPARE(log.value(QLatin1String("verbs")).toArray(), QJsonArray{QStringLiteral("get")});
    QCOMPARE(log.value(QLatin1String("singularName")).toString(), QString());
    QVERIFY(!log.contains(QLatin1String("group")));
    QVERIFY(!log.contains(QLatin1String("storageVersionHash")));

    const QJsonObject eviction = findBy(resources, "name", QStringLiteral("pods/eviction"));
    QCOMPARE(eviction.value(QLatin1String("group")).toString(), QStringLiteral("policy"));
    QCOMPARE(eviction.value(QLatin1String("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(eviction.value(QLatin1String("kind")).toString(), QStringLiteral("Eviction"));

    QVERIFY(!findBy(resources, "name", QStringLiteral("namespaces")).contains(QLatin1String("categories")));
    // Sorted by name: subresources follow their resource.
    QStringList names;
    for (const QJsonValue &r : resources)
        names << r.toObject().value(QLatin1String("name")).toString();
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted);
    const qsizetype podsAt = names.indexOf(QStringLiteral("pods"));
    const qsizetype statusAt = names.indexOf(QStringLiteral("pods/status"));
    QVERIFY(podsAt >= 0 && statusAt > podsAt);
    for (qsizetype i = podsAt + 1; i <= statusAt; ++i)
        QVERIFY2(names.at(i).startsWith(QLatin1String("pods/")), qPrintable(names.at(i)));
}

void TestDiscovery::appsResourceList()
{
    ResourceRegistry registry;
    const QJsonObject list = KubeDiscovery::resourceList(registry, QStringLiteral("apps"), QStringLiteral("v1"));
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    QCOMPARE(list.value(QLatin1String("groupVersion")).toString(), QStringLiteral("apps/v1"));
    const QJsonArray resources = list.value(QLatin1String("resources")).toArray();
    const QJsonObject deploy = findBy(resources, "name", QStringLiteral("deployments"));
    QCOMPARE(deploy.value(QLatin1String("shortNames")).toArray(), QJsonArray{QStringLiteral("deploy")});
    QCOMPARE(deploy.value(QLatin1String("storageVersionHash")).toString(), QStringLiteral("8aSe+NMegvE="));
    const QJsonObject scale = findBy(resources, "name", QStringLiteral("deployments/scale"));
    QCOMPARE(scale.value(QLatin1String("group")).toString(), QStringLiteral("autoscaling"));
    QCOMPARE(scale.value(QLatin1String("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(scale.value(QLatin1String("kind")).toString(), QStringLiteral("Scale"));
    const QJsonObject status = findBy(resources, "name", QStringLiteral("deployments/status"));
    QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("Deployment"));
    QVERIFY(!status.contains(QLatin1String("group")));
}

void TestDiscovery::unknownGroupVersion()
{
    ResourceRegistry registry;
    QVERIFY(KubeDiscovery::resourceList(registry, QStringLiteral("apps"), QStringLiteral("v1beta1")).isEmpty());
    QVERIFY(KubeDiscovery::resourceList(registry, QStringLiteral("nope.io"), QStringLiteral("v1")).isEmpty());
    QVERIFY(KubeDiscovery::apiGroup(registry, QStringLiteral("nope.io")).isEmpty());
    QVERIFY(KubeDiscovery::resourceList(registry, QString(), QStringLiteral("v2")).isEmpty());
}

void TestDiscovery::groupList()
{
    ResourceRegistry registry;
    const QJsonObject list = KubeDiscovery::groupList(registry);
    QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupList"));
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    const QJsonArray groups = list.value(QLatin1String("groups")).toArray();
    QVERIFY(findBy(groups, "name", QString()).isEmpty());
    const QJsonObject apps = findBy(groups, "name", QStringLiteral("apps"));
    const QJsonObject preferred{{QStringLiteral("groupVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("version"), QStringLiteral("v1")}};
    QCOMPARE(apps.value(QLatin1String("preferredVersion")).toObject(), preferred);
    QCOMPARE(apps.value(QLatin1String("versions")).toArray(), QJsonArray{preferred});
    QVERIFY(!apps.contains(QLatin1String("kind")));

    const QJsonObject group = KubeDiscovery::apiGroup(registry, QStringLiteral("rbac.authorization.k8s.io"));
    QCOMPARE(group.value(QLatin1String("kind")).toString(), QStringLiteral("APIGroup"));
    QCOMPARE(group.value(QLatin1String("preferredVersion")).toObject().value(QLatin1String("groupVersion")).toString(),
             QStringLiteral("rbac.authorization.k8s.io/v1"));

    const QJsonObject versions = KubeDiscovery::apiVersions(QStringLiteral("127.0.0.1:6443"));
    QCOMPARE(versions.value(QLatin1String("kind")).toString(), QStringLiteral("APIVersions"));
    QCOMPARE(versions.value(QLatin1String("versions")).toArray(), QJsonArray{QStringLiteral("v1")});
    QCOMPARE(versions.value(QLatin1String("serverAddressByClientCIDRs")).toArray().at(0).toObject().value(QLatin1String("serverAddress")).toString(),
             QStringLiteral("127.0.0.1:6443"));
}

void TestDiscovery::negotiate_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<int>("format");
    QTest::newRow("kubectl 1.32") << kKubectlAccept << int(Format::AggregatedV2);
    QTest::newRow("v2beta1 only") << QByteArray("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")
                                  << int(Format::AggregatedV2Beta1);
    QTest::newRow("plain json") << QByteArray("application/json") << int(Format::Legacy);
    QTest::newRow("empty") << QByteArray() << int(Format::Legacy);
    QTest::newRow("any") << QByteArray("*/*") << int(Format::Legacy);
    QTest::newRow("protobuf first") << QByteArray("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                                                  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                                    << int(Format::AggregatedV2);
    QTest::newRow("unknown version skipped") << QByteArray("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json")
                                             << int(Format::Legacy);
    QTest::newRow("q ordering") << QByteArray("application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                                << int(Format::AggregatedV2);
    QTest::newRow("spaces, other order") << QByteArray("application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io")
                                         << int(Format::AggregatedV2);
}

void TestDiscovery::negotiate()
{
    QFETCH(QByteArray, accept);
    QFETCH(int, format);
    QCOMPARE(int(KubeDiscovery::negotiate(accept)), format);
}

void TestDiscovery::aggregatedCore()
{
    ResourceRegistry registry;
    const QJsonObject list = KubeDiscovery::aggregated(registry, true);
    QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupDiscoveryList"));
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), QStringLiteral("apidiscovery.k8s.io/v2"));
    const QJsonArray items = list.value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject core = items.at(0).toObject();
    QCOMPARE(core.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), QString());
    const QJsonObject v1 = core.value(QLatin1String("versions")).toArray().at(0).toObject();
    QCOMPARE(v1.value(QLatin1String("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(v1.value(QLatin1String("freshness")).toString(), QStringLiteral("Current"));
    const QJsonObject pods = findBy(v1.value(QLatin1String("resources")).toArray(), "resource", QStringLiteral("pods"));
    QCOMPARE(pods.value(QLatin1String("responseKind")).toObject(), gvk(QString(), QStringLiteral("v1"), QStringLiteral("Pod")));
    QCOMPARE(pods.value(QLatin1String("scope")).toString(), QStringLiteral("Namespaced"));
    QCOMPARE(pods.value(QLatin1String("singularResource")).toString(), QStringLiteral("pod"));
    QCOMPARE(pods.value(QLatin1String("shortNames")).toArray(), QJsonArray{QStringLiteral("po")});
    QCOMPARE(pods.value(QLatin1String("categories")).toArray(), QJsonArray{QStringLiteral("all")});
    const QJsonObject log = findBy(pods.value(QLatin1String("subresources")).toArray(), "subresource", QStringLiteral("log"));
    QCOMPARE(log.value(QLatin1String("responseKind")).toObject(), gvk(QString(), QStringLiteral("v1"), QStringLiteral("Pod")));
    QCOMPARE(log.value(QLatin1String("verbs")).toArray(), QJsonArray{QStringLiteral("get")});
    const QJsonObject nodes = findBy(v1.value(QLatin1String("resources")).toArray(), "resource", QStringLiteral("nodes"));
    QCOMPARE(nodes.value(QLatin1String("scope")).toString(), QStringLiteral("Cluster"));
}

void TestDiscovery::aggregatedGroups()
{
    ResourceRegistry registry;
    const QJsonObject list = KubeDiscovery::aggregated(registry, false, Format::AggregatedV2Beta1);
    QCOMPARE(list.value(QLatin1String("apiVersion")).toString(), QStringLiteral("apidiscovery.k8s.io/v2beta1"));
    const QJsonArray items = list.value(QLatin1String("items")).toArray();
    QJsonObject apps;
    for (const QJsonValue &i : items) {
        const QString name = i.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        QVERIFY2(!name.isEmpty(), "the core group belongs to /api only");
        if (name == QLatin1String("apps"))
            apps = i.toObject();
    }
    const QJsonObject v1 = apps.value(QLatin1String("versions")).toArray().at(0).toObject();
    const QJsonObject deploy = findBy(v1.value(QLatin1String("resources")).toArray(), "resource", QStringLiteral("deployments"));
    const QJsonObject scale = findBy(deploy.value(QLatin1String("subresources")).toArray(), "subresource", QStringLiteral("scale"));
    QCOMPARE(scale.value(QLatin1String("responseKind")).toObject(), gvk(QStringLiteral("autoscaling"), QStringLiteral("v1"), QStringLiteral("Scale")));
    QCOMPARE(scale.value(QLatin1String("verbs")).toArray(),
             (QJsonArray{QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update")}));
    // Review kinds are create-only.
    QJsonObject authz;
    for (const QJsonValue &i : items)
        if (i.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() == QLatin1String("authorization.k8s.io"))
            authz = i.toObject();
    const QJsonObject ssar = findBy(authz.value(QLatin1String("versions")).toArray().at(0).toObject().value(QLatin1String("resources")).toArray(),
                                    "resource", QStringLiteral("selfsubjectaccessreviews"));
    QCOMPARE(ssar.value(QLatin1String("verbs")).toArray(), QJsonArray{QStringLiteral("create")});
}

void TestDiscovery::crdAtRuntime()
{
    ResourceRegistry registry;
    const int before = registry.generation();
    QString error;
    QVERIFY2(registry.addCrd(widgetCrd(), &error), qPrintable(error));
    QVERIFY(registry.generation() != before);

    const QJsonObject group = KubeDiscovery::apiGroup(registry, QStringLiteral("example.acp.io"));
    QCOMPARE(group.value(QLatin1String("preferredVersion")).toObject().value(QLatin1String("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(group.value(QLatin1String("versions")).toArray().size(), 2);
    QVERIFY(!findBy(KubeDiscovery::groupList(registry).value(QLatin1String("groups")).toArray(), "name", QStringLiteral("example.acp.io")).isEmpty());

    // Both served versions list the resource; the hash names the storage version.
    const QJsonObject beta = KubeDiscovery::resourceList(registry, QStringLiteral("example.acp.io"), QStringLiteral("v1beta1"));
    const QJsonObject widgets = findBy(beta.value(QLatin1String("resources")).toArray(), "name", QStringLiteral("widgets"));
    QCOMPARE(widgets.value(QLatin1String("shortNames")).toArray(), QJsonArray{QStringLiteral("wg")});
    QCOMPARE(widgets.value(QLatin1String("storageVersionHash")).toString(),
             KubeDiscovery::storageVersionHash(QStringLiteral("example.acp.io"), QStringLiteral("v1"), QStringLiteral("Widget")));
    const QJsonObject v1 = KubeDiscovery::resourceList(registry, QStringLiteral("example.acp.io"), QStringLiteral("v1"));
    QVERIFY(!findBy(v1.value(QLatin1String("resources")).toArray(), "name", QStringLiteral("widgets/scale")).isEmpty());

    const QJsonArray items = KubeDiscovery::aggregated(registry, false).value(QLatin1String("items")).toArray();
    bool found = false;
    for (const QJsonValue &i : items) {
        if (i.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() != QLatin1String("example.acp.io"))
            continue;
        const QJsonArray versions = i.toObject().value(QLatin1String("versions")).toArray();
        QCOMPARE(versions.at(0).toObject().value(QLatin1String("version")).toString(), QStringLiteral("v1"));
        const QJsonObject r = findBy(versions.at(0).toObject().value(QLatin1String("resources")).toArray(), "resource", QStringLiteral("widgets"));
        QCOMPARE(r.value(QLatin1String("responseKind")).toObject(), gvk(QStringLiteral("example.acp.io"), QStringLiteral("v1"), QStringLiteral("Widget")));
        found = true;
    }
    QVERIFY(found);

    registry.removeCrd(QStringLiteral("widgets.example.acp.io"));
    QVERIFY(KubeDiscovery::apiGroup(registry, QStringLiteral("example.acp.io")).isEmpty());
}

void TestDiscovery::versionInfo()
{
    const QJsonObject v = KubeDiscovery::version(QStringLiteral("v1.32.3"));
    QCOMPARE(v.value(QLatin1String("major")).toString(), QStringLiteral("1"));
    QCOMPARE(v.value(QLatin1String("minor")).toString(), QStringLiteral("32"));
    QCOMPARE(v.value(QLatin1String("gitVersion")).toString(), QStringLiteral("v1.32.3"));
    QCOMPARE(v.value(QLatin1String("gitTreeState")).toString(), QStringLiteral("clean"));
    QCOMPARE(v.value(QLatin1String("compiler")).toString(), QStringLiteral("gc"));
    QCOMPARE(v.value(QLatin1String("platform")).toString(), QStringLiteral("linux/amd64"));
    QCOMPARE(v.value(QLatin1String("gitCommit")).toString().size(), 40);
    QVERIFY(v.value(QLatin1String("goVersion")).toString().startsWith(QLatin1String("go1.")));
    QCOMPARE(KubeDiscovery::version(QStringLiteral("v1.30.0")).value(QLatin1String("minor")).toString(), QStringLiteral("30"));
}

void TestDiscovery::storageVersionHash()
{
    QCOMPARE(KubeDiscovery::storageVersionHash(QString(), QStringLiteral("v1"), QStringLiteral("Pod")), QStringLiteral("xPOwRZ+Yhw8="));
    QCOMPARE(KubeDiscovery::storageVersionHash(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment")),
             QStringLiteral("8aSe+NMegvE="));
}

void TestDiscovery::specFilesKeyed()
{
    if (!haveShared())
        QSKIP("../shared OpenAPI spec files not found (ACP_SHARED_DIR)");
    OpenApiStore store({kBuiltinSpecs, kAcpSpecs});
    const QStringList keys = store.fileKeys();
    for (const char *k : {"api/v1", "apis/apps/v1", "apis/batch/v1", "apis/rbac.authorization.k8s.io/v1",
                          "apis/storage.k8s.io/v1", "apis/autoscaling/v2", "apis/auth.alauda.io/v1", "apis/auth.alauda.io/v1beta1",
                          "apis/cluster.alauda.io/v1alpha1", "apis/operators.coreos.com/v1"})
        QVERIFY2(keys.contains(QLatin1String(k)), k);
    for (const QString &k : keys)   // platform REST documents (auth.v1.json, alert.*, ...) are skipped
        QVERIFY2(k == QLatin1String("api/v1") || (k.startsWith(QLatin1String("apis/")) && k.count(QLatin1Char('/')) == 2), qPrintable(k));
    // The first folder wins: Kubernetes 1.35 over ACP's copies.
    QCOMPARE(store.filePath(QStringLiteral("apis/apps/v1")), kBuiltinSpecs + QLatin1String("/apis/apps/v1.json"));
    QCOMPARE(store.filePath(QStringLiteral("api/v1")), kBuiltinSpecs + QLatin1String("/api/v1.json"));
    QCOMPARE(store.filePath(QStringLiteral("apis/storage.k8s.io/v1")), kAcpSpecs + QLatin1String("/storage.k8s.io.v1.json"));
    QFile file(kBuiltinSpecs + QLatin1String("/apis/apps/v1.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const OpenApiDocument doc = store.fileDocument(QStringLiteral("apis/apps/v1"));
    QCOMPARE(doc.json, bytes);
    QCOMPARE(doc.hash, QCryptographicHash::hash(bytes, QCryptographicHash::Sha512).toHex().toUpper());
}

void TestDiscovery::builtinDocuments()
{
    if (!haveShared())
        QSKIP("../shared OpenAPI spec files not found (ACP_SHARED_DIR)");
    OpenApiStore store({kBuiltinSpecs, kAcpSpecs});
    ResourceRegistry registry;
    // A spec file covering every served kind is served byte for byte.
    QCOMPARE(store.document(registry, QStringLiteral("apis/apps/v1")).json, store.fileDocument(QStringLiteral("apis/apps/v1")).json);
    QCOMPARE(store.document(registry, QStringLiteral("api/v1")).hash, store.fileDocument(QStringLiteral("api/v1")).hash);
    // Not served by this cluster: nothing, even with a spec file.
    QVERIFY(!store.fileDocument(QStringLiteral("apis/dex.coreos.com/v1")).isNull());
    QVERIFY(store.document(registry, QStringLiteral("apis/dex.coreos.com/v1")).isNull());
    QVERIFY(store.document(registry, QStringLiteral("apis/apps/v1beta1")).isNull());
    QVERIFY(store.document(registry, QStringLiteral("bogus")).isNull());
    // A built-in group-version without a spec file gets a generated document.
    const QJsonObject authz = parse(store.document(registry, QStringLiteral("apis/authorization.k8s.io/v1")).json);
    const QJsonObject ssar = authz.value(QLatin1String("paths")).toObject()
                                 .value(QLatin1String("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")).toObject();
    QCOMPARE(ssar.value(QLatin1String("post")).toObject().value(QLatin1String("x-kubernetes-group-version-kind")).toObject(),
             gvk(QStringLiteral("authorization.k8s.io"), QStringLiteral("v1"), QStringLiteral("SelfSubjectAccessReview")));
    QVERIFY(authz.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject()
                .contains(QLatin1String("io.k8s.api.authorization.v1.SelfSubjectAccessReview")));
    QCOMPARE(danglingRefs(authz), QStringList());
    // The real documents satisfy kubectl's server-side field validation check.
    const QJsonObject apps = parse(store.document(registry, QStringLiteral("apis/apps/v1")).json);
    QVERIFY(supportsQueryParam(apps, gvk(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment")), QStringLiteral("fieldValidation")));
}

void TestDiscovery::openApiRootIncludesPrefix()
{
    OpenApiStore store(haveShared() ? QStringList{kBuiltinSpecs, kAcpSpecs} : QStringList());
    ResourceRegistry registry;
    const QJsonObject paths = KubeDiscovery::openApiRoot(registry, store, kPrefix).value(QLatin1String("paths")).toObject();
    for (const QString &g : registry.groups())
        for (const QString &v : registry.versions(g))
            QVERIFY2(paths.contains(OpenApiStore::keyFor(g, v)), qPrintable(OpenApiStore::keyFor(g, v)));
    int served = 0;
    for (const QString &g : registry.groups())
        served += int(registry.versions(g).size());
    QCOMPARE(paths.size(), served);
    const QString url = paths.value(QLatin1String("apis/apps/v1")).toObject().value(QLatin1String("serverRelativeURL")).toString();
    QCOMPARE(url, kPrefix + QLatin1String("/openapi/v3/apis/apps/v1?hash=")
                      + QString::fromLatin1(store.document(registry, QStringLiteral("apis/apps/v1")).hash));
    QVERIFY(paths.value(QLatin1String("api/v1")).toObject().value(QLatin1String("serverRelativeURL")).toString()
                .startsWith(kPrefix + QLatin1String("/openapi/v3/api/v1?hash=")));
}

void TestDiscovery::crdDocumentGenerated()
{
    OpenApiStore store(haveShared() ? QStringList{kBuiltinSpecs, kAcpSpecs} : QStringList());
    ResourceRegistry registry;
    QVERIFY(registry.addCrd(widgetCrd()));
    const OpenApiDocument raw = store.document(registry, QStringLiteral("apis/example.acp.io/v1"));
    QVERIFY(!raw.isNull());
    QCOMPARE(raw.hash, OpenApiStore::hashOf(raw.json));
    const QJsonObject doc = parse(raw.json);
    QCOMPARE(doc.value(QLatin1String("openapi")).toString(), QStringLiteral("3.0.0"));
    const QJsonObject schemas = doc.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject();
    const QJsonObject widget = schemas.value(QLatin1String("io.acp.example.v1.Widget")).toObject();
    QCOMPARE(widget.value(QLatin1String("x-kubernetes-group-version-kind")).toArray(),
             QJsonArray{gvk(QStringLiteral("example.acp.io"), QStringLiteral("v1"), QStringLiteral("Widget"))});
    QCOMPARE(widget.value(QLatin1String("description")).toString(), QStringLiteral("Widget is a test kind."));
    const QJsonObject props = widget.value(QLatin1String("properties")).toObject();
    QCOMPARE(props.value(QLatin1String("spec")).toObject().value(QLatin1String("properties")).toObject()
                 .value(QLatin1String("size")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("integer"));
    QCOMPARE(props.value(QLatin1String("apiVersion")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("string"));
    QCOMPARE(props.value(QLatin1String("metadata")).toObject().value(QLatin1String("allOf")).toArray().at(0).toObject()
                 .value(QLatin1String("$ref")).toString(), QStringLiteral("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    QVERIFY(schemas.value(QLatin1String("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).toObject()
                .value(QLatin1String("properties")).toObject().contains(QLatin1String("labels")));
    QCOMPARE(schemas.value(QLatin1String("io.acp.example.v1.WidgetList")).toObject().value(QLatin1String("x-kubernetes-group-version-kind")).toArray(),
             QJsonArray{gvk(QStringLiteral("example.acp.io"), QStringLiteral("v1"), QStringLiteral("WidgetList"))});
    QCOMPARE(danglingRefs(doc), QStringList());

    const QJsonObject paths = doc.value(QLatin1String("paths")).toObject();
    const QJsonObject item = paths.value(QLatin1String("/apis/example.acp.io/v1/namespaces/{namespace}/widgets/{name}")).toObject();
    for (const char *op : {"get", "put", "patch", "delete"})
        QVERIFY2(item.value(QLatin1String(op)).toObject().value(QLatin1String("x-kubernetes-group-version-kind")).toObject()
                     == gvk(QStringLiteral("example.acp.io"), QStringLiteral("v1"), QStringLiteral("Widget")), op);
    const QJsonObject collection = paths.value(QLatin1String("/apis/example.acp.io/v1/namespaces/{namespace}/widgets")).toObject();
    for (const char *op : {"get", "post", "delete"})
        QVERIFY2(collection.contains(QLatin1String(op)), op);
    QCOMPARE(collection.value(QLatin1String("get")).toObject().value(QLatin1String("x-kubernetes-action")).toString(), QStringLiteral("list"));
    QVERIFY(paths.value(QLatin1String("/apis/example.acp.io/v1/widgets")).toObject().contains(QLatin1String("get")));
    QVERIFY(paths.contains(QLatin1String("/apis/example.acp.io/v1/namespaces/{namespace}/widgets/{name}/status")));
    QCOMPARE(paths.value(QLatin1String("/apis/example.acp.io/v1/namespaces/{namespace}/widgets/{name}/scale")).toObject()
                 .value(QLatin1String("patch")).toObject().value(QLatin1String("x-kubernetes-group-version-kind")).toObject(),
             gvk(QStringLiteral("autoscaling"), QStringLiteral("v1"), QStringLiteral("Scale")));

    const QJsonObject widgetGvk = gvk(QStringLiteral("example.acp.io"), QStringLiteral("v1"), QStringLiteral("Widget"));
    for (const char *param : {"fieldValidation", "dryRun", "fieldManager"})
        QVERIFY2(supportsQueryParam(doc, widgetGvk, QLatin1String(param)), param);
    const QJsonObject patchBody = item.value(QLatin1String("patch")).toObject().value(QLatin1String("requestBody")).toObject()
                                      .value(QLatin1String("content")).toObject();
    QVERIFY(patchBody.contains(QLatin1String("application/merge-patch+json")));
    QVERIFY(!patchBody.contains(QLatin1String("application/strategic-merge-patch+json")));   // CRDs: no SMP

    // The other served version (no schema) still gets a document with its GVK.
    const QJsonObject beta = parse(store.document(registry, QStringLiteral("apis/example.acp.io/v1beta1")).json);
    const QJsonObject betaWidget = beta.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject()
                                       .value(QLatin1String("io.acp.example.v1beta1.Widget")).toObject();
    QVERIFY(betaWidget.value(QLatin1String("x-kubernetes-preserve-unknown-fields")).toBool());
    QVERIFY(supportsQueryParam(beta, gvk(QStringLiteral("example.acp.io"), QStringLiteral("v1beta1"), QStringLiteral("Widget")),
                               QStringLiteral("fieldValidation")));
}

void TestDiscovery::crdDocumentFollowsChanges()
{
    OpenApiStore store;
    ResourceRegistry registry;
    QVERIFY(registry.addCrd(widgetCrd()));
    const QString key = QStringLiteral("apis/example.acp.io/v1");
    const OpenApiDocument first = store.document(registry, key);
    QCOMPARE(store.document(registry, key).hash, first.hash);   // cached, stable
    QVERIFY(registry.addCrd(widgetCrd(QStringLiteral("color"))));
    const OpenApiDocument second = store.document(registry, key);
    QVERIFY(second.hash != first.hash);
    QVERIFY(second.json.contains("\"color\""));
    bool listed = false;
    for (const auto &entry : store.documents(registry))
        listed = listed || (entry.first == key && entry.second.hash == second.hash);
    QVERIFY(listed);
    registry.removeCrd(QStringLiteral("widgets.example.acp.io"));
    QVERIFY(store.document(registry, key).isNull());
}

void TestDiscovery::realCrdDocument()
{
    const QString path = kShared + QLatin1String("/reference/acp/crds/auth.alauda.io_projects.yaml");
    if (!haveShared() || !QFile::exists(path))
        QSKIP("../shared reference CRDs not found (ACP_SHARED_DIR)");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto crd = acp::api::yaml::parseOne(file.readAll(), path);
    QVERIFY(crd.ok());
    OpenApiStore store({kBuiltinSpecs, kAcpSpecs});
    ResourceRegistry registry;
    QString error;
    QVERIFY2(registry.addCrd(crd.value().toObject(), &error), qPrintable(error));
    // A CRD group-version is generated from the cluster's CRD, not taken from ACP's spec file.
    const QJsonObject doc = parse(store.document(registry, QStringLiteral("apis/auth.alauda.io/v1")).json);
    const QJsonObject project = doc.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject()
                                    .value(QLatin1String("io.alauda.auth.v1.Project")).toObject();
    QCOMPARE(project.value(QLatin1String("x-kubernetes-group-version-kind")).toArray(),
             QJsonArray{gvk(QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("Project"))});
    QVERIFY(project.value(QLatin1String("properties")).toObject().value(QLatin1String("spec")).toObject()
                .value(QLatin1String("properties")).toObject().contains(QLatin1String("clusters")));
    QVERIFY(doc.value(QLatin1String("paths")).toObject().contains(QLatin1String("/apis/auth.alauda.io/v1/projects/{name}")));
    QVERIFY(supportsQueryParam(doc, gvk(QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("Project")),
                               QStringLiteral("fieldValidation")));
    QCOMPARE(danglingRefs(doc), QStringList());   // ObjectMeta and its dependencies were copied in
    QVERIFY(doc.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject()
                .contains(QLatin1String("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry")));
}

void TestDiscovery::fallbackWithoutSpecFiles()
{
    OpenApiStore store(QStringList{QStringLiteral("/nonexistent/openapi")});
    QVERIFY(store.fileKeys().isEmpty());
    ResourceRegistry registry;
    const QJsonObject apps = parse(store.document(registry, QStringLiteral("apis/apps/v1")).json);
    const QJsonObject schemas = apps.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject();
    const QJsonObject deploy = schemas.value(QLatin1String("io.k8s.api.apps.v1.Deployment")).toObject();
    QCOMPARE(deploy.value(QLatin1String("type")).toString(), QStringLiteral("object"));
    QVERIFY(deploy.value(QLatin1String("x-kubernetes-preserve-unknown-fields")).toBool());
    QCOMPARE(deploy.value(QLatin1String("x-kubernetes-group-version-kind")).toArray(),
             QJsonArray{gvk(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment"))});
    for (const char *kind : {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"})
        QVERIFY2(supportsQueryParam(apps, gvk(QStringLiteral("apps"), QStringLiteral("v1"), QLatin1String(kind)), QStringLiteral("fieldValidation")), kind);
    // No strategic merge patch advertised: kubectl falls back to its compiled-in types.
    const QJsonObject patch = apps.value(QLatin1String("paths")).toObject()
                                  .value(QLatin1String("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")).toObject()
                                  .value(QLatin1String("patch")).toObject();
    QVERIFY(!patch.value(QLatin1String("requestBody")).toObject().value(QLatin1String("content")).toObject()
                 .contains(QLatin1String("application/strategic-merge-patch+json")));
    QCOMPARE(danglingRefs(apps), QStringList());
    const QJsonObject core = parse(store.document(registry, QStringLiteral("api/v1")).json);
    QVERIFY(supportsQueryParam(core, gvk(QString(), QStringLiteral("v1"), QStringLiteral("Namespace")), QStringLiteral("fieldValidation")));
    QVERIFY(core.value(QLatin1String("paths")).toObject().contains(QLatin1String("/api/v1/namespaces/{name}")));
    QVERIFY(core.value(QLatin1String("paths")).toObject().contains(QLatin1String("/api/v1/namespaces/{namespace}/pods/{name}")));
    QCOMPARE(danglingRefs(core), QStringList());
    const QJsonObject crds = parse(store.document(registry, QStringLiteral("apis/apiextensions.k8s.io/v1")).json);
    QVERIFY(crds.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject()
                .contains(QLatin1String("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition")));
}

void TestDiscovery::serveEndpoints()
{
    SimCluster cluster(QStringLiteral("business-1"));
    OpenApiStore store;
    ServeContext ctx;
    ctx.prefix = kPrefix;
    ctx.clusterName = cluster.name();
    ctx.openApi = &store;
    KubeDiscovery discovery(cluster, ctx);
    Exchange x;

    Reply r = x.run(discovery, QStringLiteral("/version"));
    QCOMPARE(r.status, 200);
    QCOMPARE(parse(r.body).value(QLatin1String("gitVersion")).toString(), cluster.kubernetesVersion());

    r = x.run(discovery, QStringLiteral("/api"), kKubectlAccept);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), QByteArray("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
    QCOMPARE(parse(r.body).value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupDiscoveryList"));
    QVERIFY(r.headers.value("vary").contains("Accept"));
    const QByteArray etag = r.header("etag");
    QVERIFY(etag.startsWith('"'));
    r = x.run(discovery, QStringLiteral("/api"), kKubectlAccept, "GET", {qMakePair(QByteArray("if-none-match"), etag)});
    QCOMPARE(r.status, 304);

    r = x.run(discovery, QStringLiteral("/apis"), "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
    QCOMPARE(r.header("content-type"), QByteArray("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"));
    QCOMPARE(parse(r.body).value(QLatin1String("apiVersion")).toString(), QStringLiteral("apidiscovery.k8s.io/v2beta1"));

    r = x.run(discovery, QStringLiteral("/apis"), "application/json");
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(parse(r.body).value(QLatin1String("kind")).toString(), QStringLiteral("APIGroupList"));
    r = x.run(discovery, QStringLiteral("/api"));
    QCOMPARE(parse(r.body).value(QLatin1String("kind")).toString(), QStringLiteral("APIVersions"));
    r = x.run(discovery, QStringLiteral("/api/v1"));
    QCOMPARE(parse(r.body).value(QLatin1String("groupVersion")).toString(), QStringLiteral("v1"));
    r = x.run(discovery, QStringLiteral("/apis/apps/v1/"));
    QCOMPARE(parse(r.body).value(QLatin1String("groupVersion")).toString(), QStringLiteral("apps/v1"));
    r = x.run(discovery, QStringLiteral("/apis/apps"));
    QCOMPARE(parse(r.body).value(QLatin1String("kind")).toString(), QStringLiteral("APIGroup"));

    for (const char *missing : {"/apis/nope.io/v1", "/apis/nope.io", "/api/v2", "/foo", "/openapi/v1", "/healthz/bogus"}) {
        r = x.run(discovery, QLatin1String(missing));
        QCOMPARE(r.status, 404);
        const QJsonObject status = parse(r.body);
        QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
        QCOMPARE(status.value(QLatin1String("reason")).toString(), QStringLiteral("NotFound"));
    }
    r = x.run(discovery, QStringLiteral("/api"), QByteArray(), "POST");
    QCOMPARE(r.status, 405);

    for (const char *health : {"/healthz", "/livez", "/readyz", "/livez/ping", "/readyz/etcd"}) {
        r = x.run(discovery, QLatin1String(health));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("ok"));
        QVERIFY(r.header("content-type").startsWith("text/plain"));
    }
    r = x.run(discovery, QStringLiteral("/readyz?verbose"));
    QVERIFY(r.body.contains("[+]ping ok\n"));
    QVERIFY(r.body.endsWith("readyz check passed\n"));

    r = x.run(discovery, QStringLiteral("/"));
    QVERIFY(parse(r.body).value(QLatin1String("paths")).toArray().contains(QStringLiteral("/apis/apps/v1")));

    // kubectl's v2 fallback (client-side validation of create-only kinds) gets an empty document.
    r = x.run(discovery, QStringLiteral("/openapi/v2"), "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").contains("protobuf"));
    QCOMPARE(r.body, QByteArray("\x0a\x03" "2.0" "\x12\x15" "\x0a\x0a" "Kubernetes" "\x12\x07" "v1.32.3" "\x42\x00\x4a\x00", 32));
    r = x.run(discovery, QStringLiteral("/openapi/v2"), "application/json");
    QCOMPARE(parse(r.body).value(QLatin1String("swagger")).toString(), QStringLiteral("2.0"));
}

void TestDiscovery::serveOpenApi()
{
    SimCluster cluster(QStringLiteral("business-1"));
    OpenApiStore store(haveShared() ? QStringList{kBuiltinSpecs, kAcpSpecs} : QStringList());
    ServeContext ctx;
    ctx.prefix = kPrefix;
    ctx.openApi = &store;
    KubeDiscovery discovery(cluster, ctx);
    Exchange x;

    Reply r = x.run(discovery, QStringLiteral("/openapi/v3"));
    QCOMPARE(r.status, 200);
    const QString url = parse(r.body).value(QLatin1String("paths")).toObject().value(QLatin1String("apis/apps/v1")).toObject()
                            .value(QLatin1String("serverRelativeURL")).toString();
    QVERIFY2(url.startsWith(kPrefix + QLatin1String("/openapi/v3/apis/apps/v1?hash=")), qPrintable(url));

    const QString below = url.mid(kPrefix.size());   // what KubeApi passes down
    r = x.run(discovery, below, "application/json");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QVERIFY(r.headers.value("cache-control").contains("public, immutable"));
    QVERIFY(!r.header("expires").isEmpty());
    const OpenApiDocument doc = store.document(cluster.registry(), QStringLiteral("apis/apps/v1"));
    QCOMPARE(r.body, doc.json);
    QCOMPARE(r.header("etag"), QByteArray('"' + doc.hash + '"'));

    r = x.run(discovery, QStringLiteral("/openapi/v3/apis/apps/v1?hash=STALE"));
    QCOMPARE(r.status, 200);   // served anyway, without the immutable caching headers
    QVERIFY(!r.headers.value("cache-control").contains("public, immutable"));
    QCOMPARE(r.body, doc.json);

    r = x.run(discovery, QStringLiteral("/openapi/v3/apis/apps/v1"), QByteArray(), "GET",
              {qMakePair(QByteArray("if-none-match"), QByteArray('"' + doc.hash + '"'))});
    QCOMPARE(r.status, 304);
    r = x.run(discovery, QStringLiteral("/openapi/v3/apis/apps/v1"), "application/com.github.proto-openapi.spec.v3.v1.0+protobuf");
    QCOMPARE(r.status, 406);
    r = x.run(discovery, QStringLiteral("/openapi/v3/apis/nope.io/v1"));
    QCOMPARE(r.status, 404);
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
