#include "sandbox/KubeDiscovery.h"

#include "sandbox/OpenApiStore.h"
#include "sandbox/ResourceRegistry.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>

namespace acp::sandbox {

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");
const QByteArray kAggregatedV2 = QByteArrayLiteral("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
const QByteArray kAggregatedV2Beta1 = QByteArrayLiteral("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject groupVersionEntry(const QString &group, const QString &version)
{
    return QJsonObject{{QStringLiteral("groupVersion"), QString(group + QLatin1Char('/') + version)}, {QStringLiteral("version"), version}};
}

QString storageVersionOf(const ResourceType &t)
{
    if (!t.isCrd)
        return t.version;
    const QJsonArray versions = t.crd.value(QLatin1String("spec")).toObject().value(QLatin1String("versions")).toArray();
    for (const QJsonValue &v : versions)
        if (v.toObject().value(QLatin1String("storage")).toBool())
            return v.toObject().value(QLatin1String("name")).toString();
    return t.version;
}

QJsonObject gvk(const QString &group, const QString &version, const QString &kind)
{
    return QJsonObject{{QStringLiteral("group"), group}, {QStringLiteral("version"), version}, {QStringLiteral("kind"), kind}};
}

QJsonObject resourceDiscovery(const ResourceType &t)
{
    QJsonObject r{{QStringLiteral("resource"), t.resource},
                  {QStringLiteral("responseKind"), gvk(t.group, t.version, t.kind)},
                  {QStringLiteral("scope"), t.namespaced ? QStringLiteral("Namespaced") : QStringLiteral("Cluster")},
                  {QStringLiteral("singularResource"), t.singular},
                  {QStringLiteral("verbs"), toArray(t.verbs)}};
    if (!t.shortNames.isEmpty())
        r.insert(QStringLiteral("shortNames"), toArray(t.shortNames));
    if (!t.categories.isEmpty())
        r.insert(QStringLiteral("categories"), toArray(t.categories));
    QList<SubresourceInfo> subs = t.subresources;
    std::sort(subs.begin(), subs.end(), [](const SubresourceInfo &a, const SubresourceInfo &b) { return a.name < b.name; });
    QJsonArray subArray;
    for (const SubresourceInfo &s : std::as_const(subs))
        subArray << QJsonObject{{QStringLiteral("subresource"), s.name},
                                {QStringLiteral("responseKind"), gvk(s.group, s.version, s.kind)},
                                {QStringLiteral("verbs"), toArray(s.verbs)}};
    if (!subArray.isEmpty())
        r.insert(QStringLiteral("subresources"), subArray);
    return r;
}

QJsonObject versionDiscovery(const ResourceRegistry &registry, const QString &group, const QString &version)
{
    QList<const ResourceType *> types = registry.resources(group, version);
    std::sort(types.begin(), types.end(), [](const ResourceType *a, const ResourceType *b) { return a->resource < b->resource; });
    QJsonArray resources;
    for (const ResourceType *t : std::as_const(types))
        resources << resourceDiscovery(*t);
    return QJsonObject{{QStringLiteral("version"), version}, {QStringLiteral("resources"), resources},
                       {QStringLiteral("freshness"), QStringLiteral("Current")}};
}

struct AcceptClause {
    QByteArray type;                  // "application/json"
    QHash<QByteArray, QByteArray> params;
    double q = 1.0;
};

QList<AcceptClause> parseAccept(const QByteArray &accept)
{
    QList<AcceptClause> clauses;
    for (const QByteArray &raw : accept.split(',')) {
        const QList<QByteArray> parts = raw.split(';');
        AcceptClause c;
        c.type = parts.value(0).trimmed().toLower();
        if (c.type.isEmpty())
            continue;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray p = parts.at(i).trimmed();
            const qsizetype eq = p.indexOf('=');
            if (eq <= 0)
                continue;
            const QByteArray name = p.left(eq).trimmed().toLower();
            QByteArray value = p.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                value = value.mid(1, value.size() - 2);
            if (name == "q")
                c.q = value.toDouble();
            else
                c.params.insert(name, value);
        }
        if (c.q > 0)
            clauses << c;
    }
    std::stable_sort(clauses.begin(), clauses.end(), [](const AcceptClause &a, const AcceptClause &b) { return a.q > b.q; });
    return clauses;
}

bool acceptsJson(const QByteArray &type)
{
    return type == "application/json" || type == "application/*" || type == "*/*";
}

const char *const kHealthChecks[] = {"ping", "log", "etcd"};
const char *const kReadyChecks[] = {"ping", "log", "etcd", "etcd-readiness", "informer-sync", "shutdown"};

QByteArray httpDate(const QDateTime &t)
{
    return QLocale::c().toString(t.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toLatin1() + " GMT";
}

} // namespace

KubeDiscovery::KubeDiscovery(SimCluster &cluster, const ServeContext &ctx) : m_cluster(cluster), m_ctx(ctx) {}

OpenApiStore &KubeDiscovery::openApi() const
{
    static OpenApiStore generatedOnly;   // when the sandbox wires no store: generated documents only
    return m_ctx.openApi ? *m_ctx.openApi : generatedOnly;
}

// ---- pure builders ---------------------------------------------------------------------------

KubeDiscovery::Format KubeDiscovery::negotiate(const QByteArray &accept)
{
    for (const AcceptClause &c : parseAccept(accept)) {
        if (!acceptsJson(c.type))
            continue;   // protobuf, Table, ... are not offered here
        const QByteArray as = c.params.value("as");
        if (as.isEmpty() && !c.params.contains("g") && !c.params.contains("v"))
            return Format::Legacy;
        if (as != "APIGroupDiscoveryList" || c.params.value("g") != "apidiscovery.k8s.io")
            continue;
        const QByteArray v = c.params.value("v");
        if (v == "v2")
            return Format::AggregatedV2;
        if (v == "v2beta1")
            return Format::AggregatedV2Beta1;
    }
    return Format::Legacy;
}

QByteArray KubeDiscovery::contentType(Format format)
{
    switch (format) {
    case Format::AggregatedV2: return kAggregatedV2;
    case Format::AggregatedV2Beta1: return kAggregatedV2Beta1;
    case Format::Legacy: break;
    }
    return kJson;
}

QString KubeDiscovery::storageVersionHash(const QString &group, const QString &version, const QString &kind)
{
    const QByteArray digest = QCryptographicHash::hash((group + QLatin1Char('/') + version + QLatin1Char('/') + kind).toUtf8(),
                                                       QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.left(8).toBase64());
}

QJsonObject KubeDiscovery::version(const QString &gitVersion)
{
    static const QRegularExpression re(QStringLiteral("^v?(\\d+)\\.(\\d+)"));
    const QRegularExpressionMatch m = re.match(gitVersion);
    // gitCommit is a stable stand-in derived from the version, not a real Kubernetes commit.
    const QString commit = QString::fromLatin1(QCryptographicHash::hash(gitVersion.toUtf8(), QCryptographicHash::Sha1).toHex());
    return QJsonObject{{QStringLiteral("major"), m.hasMatch() ? m.captured(1) : QStringLiteral("1")},
                       {QStringLiteral("minor"), m.hasMatch() ? m.captured(2) : QStringLiteral("32")},
                       {QStringLiteral("gitVersion"), gitVersion},
                       {QStringLiteral("gitCommit"), commit},
                       {QStringLiteral("gitTreeState"), QStringLiteral("clean")},
                       {QStringLiteral("buildDate"), QStringLiteral("2025-03-11T19:52:21Z")},
                       {QStringLiteral("goVersion"), QStringLiteral("go1.23.6")},
                       {QStringLiteral("compiler"), QStringLiteral("gc")},
                       {QStringLiteral("platform"), QStringLiteral("linux/amd64")}};
}

QJsonObject KubeDiscovery::apiVersions(const QString &serverAddress)
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIVersions")},
                       {QStringLiteral("versions"), QJsonArray{QStringLiteral("v1")}},
                       {QStringLiteral("serverAddressByClientCIDRs"),
                        QJsonArray{QJsonObject{{QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0")},
                                               {QStringLiteral("serverAddress"), serverAddress}}}}};
}

QJsonObject KubeDiscovery::apiGroup(const ResourceRegistry &registry, const QString &group)
{
    const QStringList versions = registry.versions(group);
    if (group.isEmpty() || versions.isEmpty())
        return {};
    QJsonArray list;
    for (const QString &v : versions)
        list << groupVersionEntry(group, v);
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIGroup")},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("name"), group},
                       {QStringLiteral("versions"), list},
                       {QStringLiteral("preferredVersion"), groupVersionEntry(group, versions.first())}};
}

QJsonObject KubeDiscovery::groupList(const ResourceRegistry &registry)
{
    QJsonArray groups;
    for (const QString &g : registry.groups()) {
        if (g.isEmpty())
            continue;
        QJsonObject entry = apiGroup(registry, g);
        entry.remove(QStringLiteral("kind"));
        entry.remove(QStringLiteral("apiVersion"));
        groups << entry;
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIGroupList")},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("groups"), groups}};
}

QJsonObject KubeDiscovery::resourceList(const ResourceRegistry &registry, const QString &group, const QString &version)
{
    const QList<const ResourceType *> types = registry.resources(group, version);
    if (types.isEmpty())
        return {};
    QList<QJsonObject> entries;
    for (const ResourceType *t : types) {
        QJsonObject r{{QStringLiteral("name"), t->resource},
                      {QStringLiteral("singularName"), t->singular},
                      {QStringLiteral("namespaced"), t->namespaced},
                      {QStringLiteral("kind"), t->kind},
                      {QStringLiteral("verbs"), toArray(t->verbs)}};
        if (!t->shortNames.isEmpty())
            r.insert(QStringLiteral("shortNames"), toArray(t->shortNames));
        if (!t->categories.isEmpty())
            r.insert(QStringLiteral("categories"), toArray(t->categories));
        if (t->stored)
            r.insert(QStringLiteral("storageVersionHash"), storageVersionHash(t->group, storageVersionOf(*t), t->kind));
        entries << r;
        for (const SubresourceInfo &s : t->subresources) {
            QJsonObject sr{{QStringLiteral("name"), QString(t->resource + QLatin1Char('/') + s.name)},
                           {QStringLiteral("singularName"), QString()},
                           {QStringLiteral("namespaced"), t->namespaced},
                           {QStringLiteral("kind"), s.kind},
                           {QStringLiteral("verbs"), toArray(s.verbs)}};
            if (s.group != group || s.version != version) {
                sr.insert(QStringLiteral("group"), s.group);
                sr.insert(QStringLiteral("version"), s.version);
            }
            entries << sr;
        }
    }
    std::sort(entries.begin(), entries.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("name")).toString() < b.value(QLatin1String("name")).toString();
    });
    QJsonArray resources;
    for (const QJsonObject &e : std::as_const(entries))
        resources << e;
    QJsonObject list{{QStringLiteral("kind"), QStringLiteral("APIResourceList")},
                     {QStringLiteral("groupVersion"), group.isEmpty() ? version : group + QLatin1Char('/') + version},
                     {QStringLiteral("resources"), resources}};
    if (!group.isEmpty())
        list.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));   // /api/v1 omits it, like the apiserver
    return list;
}

QJsonObject KubeDiscovery::aggregated(const ResourceRegistry &registry, bool core, Format format)
{
    QJsonArray items;
    for (const QString &g : registry.groups()) {
        if (g.isEmpty() != core)
            continue;
        QJsonArray versions;
        for (const QString &v : registry.versions(g))
            versions << versionDiscovery(registry, g, v);
        if (versions.isEmpty())
            continue;
        QJsonObject meta{{QStringLiteral("creationTimestamp"), QJsonValue::Null}};
        if (!g.isEmpty())
            meta.insert(QStringLiteral("name"), g);
        items << QJsonObject{{QStringLiteral("metadata"), meta}, {QStringLiteral("versions"), versions}};
    }
    const QString apiVersion = format == Format::AggregatedV2Beta1 ? QStringLiteral("apidiscovery.k8s.io/v2beta1")
                                                                   : QStringLiteral("apidiscovery.k8s.io/v2");
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("APIGroupDiscoveryList")},
                       {QStringLiteral("apiVersion"), apiVersion},
                       {QStringLiteral("metadata"), QJsonObject()},
                       {QStringLiteral("items"), items}};
}

QJsonObject KubeDiscovery::openApiRoot(const ResourceRegistry &registry, OpenApiStore &store, const QString &prefix)
{
    QJsonObject paths;
    for (const auto &[key, doc] : store.documents(registry)) {
        const QString url = prefix + QLatin1String("/openapi/v3/") + key + QLatin1String("?hash=") + QString::fromLatin1(doc.hash);
        paths.insert(key, QJsonObject{{QStringLiteral("serverRelativeURL"), url}});
    }
    return QJsonObject{{QStringLiteral("paths"), paths}};
}

QByteArray KubeDiscovery::openApiV2(const QString &gitVersion, bool protobuf)
{
    if (!protobuf) {
        const QJsonObject doc{{QStringLiteral("swagger"), QStringLiteral("2.0")},
                              {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Kubernetes")},
                                                                   {QStringLiteral("version"), gitVersion}}},
                              {QStringLiteral("paths"), QJsonObject()},
                              {QStringLiteral("definitions"), QJsonObject()}};
        return QJsonDocument(doc).toJson(QJsonDocument::Compact);
    }
    // gnostic openapi_v2.Document: swagger = 1, info = 2 {title = 1, version = 2}, paths = 8, definitions = 9.
    const auto field = [](char tag, const QByteArray &bytes) -> QByteArray {
        Q_ASSERT(bytes.size() < 128);   // single-byte length varints
        return QByteArray(1, tag) + char(bytes.size()) + bytes;
    };
    const QByteArray info = field('\x0a', "Kubernetes") + field('\x12', gitVersion.toUtf8().left(100));
    return QByteArray(field('\x0a', "2.0") + field('\x12', info) + field('\x42', QByteArray()) + field('\x4a', QByteArray()));
}

QJsonObject KubeDiscovery::rootPaths(const ResourceRegistry &registry)
{
    QStringList paths{QStringLiteral("/api"), QStringLiteral("/api/v1"), QStringLiteral("/apis"), QStringLiteral("/apis/"),
                      QStringLiteral("/healthz"), QStringLiteral("/livez"), QStringLiteral("/openapi/v2"), QStringLiteral("/openapi/v3"),
                      QStringLiteral("/openapi/v3/"), QStringLiteral("/readyz"), QStringLiteral("/version")};
    for (const char *c : kHealthChecks)
        paths << QLatin1String("/healthz/") + QLatin1String(c) << QLatin1String("/livez/") + QLatin1String(c);
    for (const char *c : kReadyChecks)
        paths << QLatin1String("/readyz/") + QLatin1String(c);
    for (const QString &g : registry.groups()) {
        if (g.isEmpty())
            continue;
        paths << QLatin1String("/apis/") + g;
        for (const QString &v : registry.versions(g))
            paths << QLatin1String("/apis/") + g + QLatin1Char('/') + v;
    }
    paths.sort();
    paths.removeDuplicates();
    return QJsonObject{{QStringLiteral("paths"), toArray(paths)}};
}

// ---- serving ---------------------------------------------------------------------------------

void KubeDiscovery::serve(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QString &rawPath)
{
    QString path = rawPath.isEmpty() ? QStringLiteral("/") : rawPath;
    if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QStringList segs = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString first = segs.value(0);
    const bool known = segs.isEmpty() || first == QLatin1String("version") || first == QLatin1String("api")
                       || first == QLatin1String("apis") || first == QLatin1String("healthz") || first == QLatin1String("livez")
                       || first == QLatin1String("readyz")
                       || (first == QLatin1String("openapi") && (segs.value(1) == QLatin1String("v3") || path == QLatin1String("/openapi/v2")));
    if (!known) {
        KubeApi::sendError(out, KubeApi::notFoundPath());
        return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        api::ApiError e;
        e.httpStatus = 405;
        e.reason = QStringLiteral("MethodNotAllowed");
        e.message = QStringLiteral("the server does not allow this method on the requested resource");
        KubeApi::sendError(out, e);
        return;
    }
    const ResourceRegistry &registry = m_cluster.registry();
    if (first == QLatin1String("healthz") || first == QLatin1String("livez") || first == QLatin1String("readyz")) {
        serveHealth(req, out, path);
        return;
    }
    if (first == QLatin1String("openapi")) {
        serveOpenApi(req, out, path);
        return;
    }
    QJsonObject body;
    if (segs.isEmpty()) {
        body = rootPaths(registry);
    } else if (first == QLatin1String("version") && segs.size() == 1) {
        body = version(m_cluster.kubernetesVersion());
    } else if ((first == QLatin1String("api") || first == QLatin1String("apis")) && segs.size() == 1) {
        const bool core = first == QLatin1String("api");
        const Format format = negotiate(req.header("accept"));
        if (format != Format::Legacy) {
            const QByteArray json = QJsonDocument(aggregated(registry, core, format)).toJson(QJsonDocument::Compact);
            sendCached(req, out, contentType(format), json, OpenApiStore::hashOf(json),
                       {qMakePair(QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept")),
                        qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public"))});
            return;
        }
        QString host = QString::fromLatin1(req.header("host"));
        body = core ? apiVersions(host.isEmpty() ? QStringLiteral("127.0.0.1") : host) : groupList(registry);
    } else if (first == QLatin1String("api") && segs.size() == 2) {
        body = resourceList(registry, QString(), segs.at(1));
    } else if (first == QLatin1String("apis") && segs.size() == 2) {
        body = apiGroup(registry, segs.at(1));
    } else if (first == QLatin1String("apis") && segs.size() == 3) {
        body = resourceList(registry, segs.at(1), segs.at(2));
    }
    if (body.isEmpty()) {
        KubeApi::sendError(out, KubeApi::notFoundPath());
        return;
    }
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    out->respond(200, kJson, req.method == "HEAD" ? QByteArray() : json);
}

void KubeDiscovery::serveHealth(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QString &path)
{
    const QStringList segs = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString endpoint = segs.at(0);
    QStringList checks;
    if (endpoint == QLatin1String("readyz")) {
        for (const char *c : kReadyChecks)
            checks << QLatin1String(c);
    } else {
        for (const char *c : kHealthChecks)
            checks << QLatin1String(c);
    }
    const QList<QPair<QByteArray, QByteArray>> headers{qMakePair(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"))};
    const QByteArray type = QByteArrayLiteral("text/plain; charset=utf-8");
    QByteArray body;
    if (segs.size() > 1) {
        if (segs.size() != 2 || !checks.contains(segs.at(1))) {
            KubeApi::sendError(out, KubeApi::notFoundPath());
            return;
        }
        body = "ok";
    } else if (req.hasQuery("verbose")) {
        for (const QString &c : std::as_const(checks))
            body += "[+]" + c.toUtf8() + " ok\n";
        body += endpoint.toUtf8() + " check passed\n";
    } else {
        body = "ok";
    }
    out->respond(200, type, req.method == "HEAD" ? QByteArray() : body, headers);
}

void KubeDiscovery::serveOpenApi(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QString &path)
{
    const ResourceRegistry &registry = m_cluster.registry();
    if (path == QLatin1String("/openapi/v2")) {
        bool protobuf = false;
        for (const AcceptClause &c : parseAccept(req.header("accept"))) {
            if (c.type.contains("protobuf") || acceptsJson(c.type)) {
                protobuf = c.type.contains("protobuf");
                break;
            }
        }
        out->respond(200, protobuf ? QByteArrayLiteral("application/com.github.proto-openapi.spec.v2.v1.0+protobuf") : kJson,
                     req.method == "HEAD" ? QByteArray() : openApiV2(m_cluster.kubernetesVersion(), protobuf));
        return;
    }
    static const QString kRoot = QStringLiteral("/openapi/v3");
    if (path == kRoot) {
        const QByteArray json = QJsonDocument(openApiRoot(registry, openApi(), m_ctx.prefix)).toJson(QJsonDocument::Compact);
        sendCached(req, out, kJson, json, OpenApiStore::hashOf(json), {});
        return;
    }
    const QString key = path.mid(kRoot.size() + 1);
    const OpenApiDocument doc = openApi().document(registry, key);
    if (doc.isNull()) {
        KubeApi::sendError(out, KubeApi::notFoundPath());
        return;
    }
    const QByteArray accept = req.header("accept");
    bool json = accept.trimmed().isEmpty();
    for (const AcceptClause &c : parseAccept(accept))
        json = json || acceptsJson(c.type);
    if (!json) {   // the protobuf form is not offered
        out->respond(406, QByteArray(), QByteArray(), {qMakePair(QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept"))});
        return;
    }
    QList<QPair<QByteArray, QByteArray>> headers{qMakePair(QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept"))};
    const QString hash = req.queryValue("hash");
    if (!hash.isEmpty() && hash.toLatin1() == doc.hash) {
        headers << qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, immutable"))
                << qMakePair(QByteArrayLiteral("Expires"), httpDate(QDateTime::currentDateTimeUtc().addYears(1)));
    }
    // A stale hash is answered with the current document (kube-openapi redirects to the new URL;
    // behind the gateway that URL would lose the cluster prefix).
    sendCached(req, out, kJson, doc.json, doc.hash, headers);
}

void KubeDiscovery::sendCached(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QByteArray &contentType,
                               const QByteArray &body, const QByteArray &etag, QList<QPair<QByteArray, QByteArray>> headers)
{
    const QByteArray quoted = '"' + etag + '"';
    headers.prepend(qMakePair(QByteArrayLiteral("ETag"), quoted));
    if (req.header("if-none-match") == quoted) {
        out->respond(304, QByteArray(), QByteArray(), headers);
        return;
    }
    out->respond(200, contentType, req.method == "HEAD" ? QByteArray() : body, headers);
}

} // namespace acp::sandbox
