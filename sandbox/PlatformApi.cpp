#include "sandbox/PlatformApi.h"

#include "models/FieldSelector.h"
#include "models/LabelSelector.h"
#include "sandbox/KubeApi.h"
#include "sandbox/PlatformAccess.h"
#include "sandbox/PlatformWatch.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace acp::sandbox {

namespace {

const QString kClusters = QStringLiteral("clusterregistry.k8s.io/clusters");
const QString kProjects = QStringLiteral("auth.alauda.io/projects");
const QString kUsers = QStringLiteral("auth.alauda.io/users");
const QString kNamespaces = QStringLiteral("/namespaces");
constexpr qint64 kPermanentSeconds = 100LL * 365 * 86400;

api::ApiError makeError(int status, const QString &reason, const QString &message)
{
    api::ApiError e;
    e.httpStatus = status;
    e.reason = reason;
    e.message = message;
    return e;
}

QString nameOf(const QJsonObject &obj)
{
    return obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

api::ApiError notFound(const QString &group, const QString &resource, const QString &name)
{
    api::ApiError e = makeError(404, QStringLiteral("NotFound"),
                                QStringLiteral("%1%2 \"%3\" not found").arg(resource, group.isEmpty() ? QString() : QString(QLatin1Char('.') + group), name));
    e.details = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("group"), group}, {QStringLiteral("kind"), resource}};
    return e;
}

api::ApiError forbidden(const UserInfo &user, const QString &verb, const QString &group, const QString &resource,
                        const QString &name, const QString &ns = QString())
{
    const QString what = resource + (group.isEmpty() ? QString() : QLatin1Char('.') + group);
    const QString scope = ns.isEmpty() ? QStringLiteral("at the cluster scope") : QStringLiteral("in the namespace \"%1\"").arg(ns);
    const QString subject = name.isEmpty() ? what : QStringLiteral("%1 \"%2\"").arg(what, name);
    return SimCluster::forbidden(QStringLiteral("%1 is forbidden: User \"%2\" cannot %3 resource \"%4\" in API group \"%5\" %6")
                                     .arg(subject, user.name, verb, resource, group, scope));
}

QByteArray encodeContinue(const QString &start)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("start"), start}}).toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QString> decodeContinue(const QString &token)
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding)).object();
    if (!o.value(QLatin1String("start")).isString())
        return std::nullopt;
    return o.value(QLatin1String("start")).toString();
}

bool wantsWatch(const HttpRequest &req)
{
    const QString w = req.queryValue("watch");
    return w == QLatin1String("true") || w == QLatin1String("1");
}

} // namespace

PlatformApi::PlatformApi(Sandbox *sandbox) : QObject(sandbox), m_sandbox(sandbox), m_login(&sandbox->users()) {}

PlatformApi::~PlatformApi() = default;

void PlatformApi::sendReply(const Out &out, const PlatformLogin::Reply &reply)
{
    if (!reply.html.isEmpty()) {
        auto headers = reply.headers;
        headers << qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        out->respond(reply.status, "text/html; charset=utf-8", reply.html, headers);
    } else if (!reply.rawJson.isEmpty())
        out->respond(reply.status, "application/json", reply.rawJson, reply.headers);
    else
        KubeApi::sendJson(out, reply.status, reply.body, reply.headers);
}

void PlatformApi::methodNotAllowed(const Out &out)
{
    KubeApi::sendError(out, makeError(405, QStringLiteral("MethodNotAllowed"),
                                      QStringLiteral("the server does not allow this method on the requested resource")));
}

QString PlatformApi::baseUrl(const HttpRequest &req) const
{
    const QByteArray host = req.header("host");
    if (host.isEmpty())
        return m_sandbox->address();
    const bool tls = m_sandbox->server() && m_sandbox->server()->isTls();
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + QString::fromLatin1(host);
}

std::optional<UserInfo> PlatformApi::authenticate(const HttpRequest &req) const
{
    const QByteArray auth = req.header("authorization");
    if (!auth.startsWith("Bearer ") && !auth.startsWith("bearer "))
        return std::nullopt;
    return m_sandbox->users().authenticate(auth.mid(7).trimmed());
}

KubeApi *PlatformApi::authorizerFor(SimCluster *cluster)
{
    KubeApi *api = m_authorizers.value(cluster);
    if (!api) {
        ServeContext ctx;
        ctx.prefix = QStringLiteral("/kubernetes/") + cluster->name();
        ctx.clusterName = cluster->name();
        api = new KubeApi(cluster, ctx, this);
        m_authorizers.insert(cluster, api);
    }
    return api;
}

std::unique_ptr<PlatformAccess> PlatformApi::accessFor(const UserInfo &user)
{
    return std::make_unique<PlatformAccess>(m_sandbox, user, [this, user](SimCluster *cluster, const RequestInfo &info) {
        return authorizerFor(cluster)->authorize(user, info);
    });
}

bool PlatformApi::handle(const HttpRequest &req, std::shared_ptr<HttpResponder> out)
{
    const QString &path = req.path;
    if (path.startsWith(QLatin1String("/console-platform/")) || path.startsWith(QLatin1String("/dex/")))
        return handleLogin(req, out, path);
    if (path.startsWith(QLatin1String("/console-dex/")) || path.startsWith(QLatin1String("/sandbox-idp/")))
        return handleBrowserLogin(req, out, path);
    if (path.startsWith(QLatin1String("/auth/v1/"))) {
        const QStringList segs = path.mid(9).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        return handleAuth(req, out, segs);
    }
    if (path.startsWith(QLatin1String("/auth/v2/")))
        return handleAuthV2(req, out, path.mid(9).split(QLatin1Char('/'), Qt::SkipEmptyParts));
    return false;
}

bool PlatformApi::handleAuth(const HttpRequest &req, const Out &out, const QStringList &segs)
{
    const int n = int(segs.size());
    const QString first = segs.value(0);
    const bool known = (first == QLatin1String("clusters") && n <= 2)
                    || (first == QLatin1String("projects") && (n <= 2 || (n == 5 && segs.at(2) == QLatin1String("clusters")
                                                                          && segs.at(4) == QLatin1String("namespaces"))))
                    || (first == QLatin1String("users") && n <= 2)
                    || ((first == QLatin1String("accesstoken") || first == QLatin1String("pubkey")) && n == 1);
    if (!known)
        return false;
    const QByteArray &m = req.method;
    if (first == QLatin1String("pubkey")) {
        m == "GET" ? sendReply(out, m_login.pubkey()) : methodNotAllowed(out);
        return true;
    }
    const auto user = authenticate(req);
    if (!user) {
        KubeApi::sendError(out, makeError(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")));
        return true;
    }
    if (first == QLatin1String("accesstoken")) {
        m == "POST" ? createAccessToken(req, out, *user) : methodNotAllowed(out);
    } else if (first == QLatin1String("projects") && n == 2 && m == "DELETE") {
        deleteProject(req, out, *user, segs.at(1));
    } else if (m != "GET") {
        methodNotAllowed(out);
    } else if (first == QLatin1String("clusters")) {
        serveClusters(req, out, *user, segs.value(1));
    } else if (first == QLatin1String("projects") && n == 5) {
        serveNamespaces(req, out, *user, segs.at(1), segs.at(3));
    } else if (first == QLatin1String("projects")) {
        serveProjects(req, out, *user, segs.value(1));
    } else {
        serveUsers(req, out, *user, segs.value(1));
    }
    return true;
}

void PlatformApi::serveList(const HttpRequest &req, const Out &out, const UserInfo &user, const ListSpec &spec)
{
    auto labels = models::LabelSelector::parse(req.queryValue("labelSelector"));
    if (!labels) {
        KubeApi::sendError(out, SimCluster::badRequest(labels.error().message));
        return;
    }
    auto fields = models::FieldSelector::parse(req.queryValue("fieldSelector"));
    if (!fields) {
        KubeApi::sendError(out, SimCluster::badRequest(fields.error().message));
        return;
    }
    if (wantsWatch(req)) {
        PlatformWatch::Spec ws;
        ws.source = spec.source;
        ws.storageKey = spec.storageKey;
        ws.ns = spec.ns;
        ws.kind = spec.kind;
        ws.apiVersion = spec.apiVersion;
        ws.labels = *labels;
        ws.fields = *fields;
        ws.visible = spec.visible;
        PlatformWatch::start(m_sandbox, this, req, out, std::move(ws), accessFor(user));
        return;
    }
    QString start;
    if (const QString cont = req.queryValue("continue"); !cont.isEmpty()) {
        const auto decoded = decodeContinue(cont);
        if (!decoded) {
            KubeApi::sendError(out, SimCluster::badRequest(QStringLiteral("continue key is not valid")));
            return;
        }
        start = *decoded;
    }
    const qint64 limit = req.queryValue("limit").toLongLong();
    auto access = accessFor(user);
    const ObjectStore &store = spec.source->store();
    QByteArray items;
    qint64 count = 0;
    QString last;
    bool more = false;
    for (const StoredObject *o : store.list(spec.storageKey, spec.ns)) {
        const QJsonObject meta = o->obj.value(QLatin1String("metadata")).toObject();
        const QString key = ObjectStore::key(meta.value(QLatin1String("namespace")).toString(), meta.value(QLatin1String("name")).toString());
        if (!start.isEmpty() && key <= start)
            continue;
        if (!labels->matches(meta.value(QLatin1String("labels")).toObject()) || !fields->matches(o->obj)
            || !spec.visible(*access, o->obj))
            continue;
        if (limit > 0 && count >= limit) {
            more = true;
            break;
        }
        if (count++)
            items += ',';
        items += o->json;
        last = key;
    }
    QJsonObject meta{{QStringLiteral("resourceVersion"), QString::number(store.resourceVersion())}};
    if (more)
        meta.insert(QStringLiteral("continue"), QString::fromLatin1(encodeContinue(last)));
    const QByteArray body = "{\"kind\":\"" + spec.kind.toUtf8() + "List\",\"apiVersion\":\"" + spec.apiVersion.toUtf8()
                          + "\",\"metadata\":" + QJsonDocument(meta).toJson(QJsonDocument::Compact) + ",\"items\":[" + items + "]}";
    out->respond(200, "application/json", body);
}

void PlatformApi::serveClusters(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name)
{
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    if (!global) {
        KubeApi::sendError(out, KubeApi::notFoundPath());
        return;
    }
    const QString ns = QLatin1String(PlatformAccess::kClusterNamespace);
    if (name.isEmpty()) {
        ListSpec spec{global, kClusters, ns, QStringLiteral("Cluster"), QStringLiteral("clusterregistry.k8s.io/v1alpha1"),
                      [](PlatformAccess &a, const QJsonObject &o) { return a.canSeeCluster(o); }};
        serveList(req, out, user, spec);
        return;
    }
    const StoredObject *obj = global->store().get(kClusters, ns, name);
    if (!obj) {
        KubeApi::sendError(out, notFound(QStringLiteral("clusterregistry.k8s.io"), QStringLiteral("clusters"), name));
        return;
    }
    if (!accessFor(user)->canSeeCluster(obj->obj)) {
        KubeApi::sendError(out, forbidden(user, QStringLiteral("get"), QStringLiteral("clusterregistry.k8s.io"), QStringLiteral("clusters"), name, ns));
        return;
    }
    out->respond(200, "application/json", obj->json);
}

void PlatformApi::serveProjects(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name)
{
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    if (!global) {
        KubeApi::sendError(out, KubeApi::notFoundPath());
        return;
    }
    if (name.isEmpty()) {
        ListSpec spec{global, kProjects, QString(), QStringLiteral("Project"), QStringLiteral("auth.alauda.io/v1"),
                      [](PlatformAccess &a, const QJsonObject &o) { return a.canSeeProject(o); }};
        serveList(req, out, user, spec);
        return;
    }
    const StoredObject *obj = global->store().get(kProjects, QString(), name);
    if (!obj) {
        KubeApi::sendError(out, notFound(QStringLiteral("auth.alauda.io"), QStringLiteral("projects"), name));
        return;
    }
    if (!accessFor(user)->canSeeProject(obj->obj)) {
        KubeApi::sendError(out, forbidden(user, QStringLiteral("get"), QStringLiteral("auth.alauda.io"), QStringLiteral("projects"), name));
        return;
    }
    out->respond(200, "application/json", obj->json);
}

void PlatformApi::deleteProject(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &name)
{
    const QString reclaimText = req.queryValue("reclaim");
    if (!reclaimText.isEmpty() && reclaimText != QLatin1String("true") && reclaimText != QLatin1String("false")) {
        KubeApi::sendError(out, SimCluster::badRequest(QStringLiteral("invalid reclaim query parameter \"%1\": expected true or false").arg(reclaimText)));
        return;
    }
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    const ResourceType *type = global ? global->registry().find(QStringLiteral("auth.alauda.io"), QStringLiteral("v1"), QStringLiteral("projects")) : nullptr;
    const StoredObject *obj = global ? global->store().get(kProjects, QString(), name) : nullptr;
    if (!type || !obj) {
        KubeApi::sendError(out, notFound(QStringLiteral("auth.alauda.io"), QStringLiteral("projects"), name));
        return;
    }
    auto access = accessFor(user);
    if (!access->isAdmin() && !access->can(global, QStringLiteral("delete"), QStringLiteral("auth.alauda.io"), QStringLiteral("v1"),
                                           QStringLiteral("projects"), QString(), name)) {
        KubeApi::sendError(out, forbidden(user, QStringLiteral("delete"), QStringLiteral("auth.alauda.io"), QStringLiteral("projects"), name));
        return;
    }
    WriteOptions wo;
    wo.user = user;
    if (reclaimText == QLatin1String("true")) {
        const QJsonArray clusters = obj->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray();
        for (const QJsonValue &cv : clusters) {
            SimCluster *c = m_sandbox->cluster(cv.toObject().value(QLatin1String("name")).toString());
            const ResourceType *nsType = c ? c->registry().find(QString(), QStringLiteral("v1"), QStringLiteral("namespaces")) : nullptr;
            if (!nsType)
                continue;
            QStringList names;
            for (const StoredObject *ns : c->store().list(kNamespaces))
                if (PlatformAccess::projectOf(ns->obj) == name)
                    names << nameOf(ns->obj);
            for (const QString &ns : names)
                c->remove(*nsType, QString(), ns, DeleteOptions{}, wo);
        }
    }
    auto removed = global->remove(*type, QString(), name, DeleteOptions{}, wo);
    if (!removed) {
        KubeApi::sendError(out, removed.error());
        return;
    }
    out->respond(200, "application/json", removed->json);
}

void PlatformApi::serveNamespaces(const HttpRequest &req, const Out &out, const UserInfo &user, const QString &project,
                                  const QString &clusterName)
{
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    const StoredObject *obj = global ? global->store().get(kProjects, QString(), project) : nullptr;
    if (!obj) {
        KubeApi::sendError(out, notFound(QStringLiteral("auth.alauda.io"), QStringLiteral("projects"), project));
        return;
    }
    if (!accessFor(user)->canSeeProject(obj->obj)) {
        KubeApi::sendError(out, SimCluster::forbidden(QStringLiteral("User \"%1\" does not have permission to list namespaces under the project \"%2\"")
                                                          .arg(user.name, project)));
        return;
    }
    SimCluster *cluster = m_sandbox->cluster(clusterName);
    if (!cluster) {
        KubeApi::sendError(out, notFound(QStringLiteral("clusterregistry.k8s.io"), QStringLiteral("clusters"), clusterName));
        return;
    }
    ListSpec spec{cluster, kNamespaces, QString(), QStringLiteral("Namespace"), QStringLiteral("v1"),
                  [cluster, project](PlatformAccess &a, const QJsonObject &o) { return a.canSeeNamespace(cluster, project, o); }};
    serveList(req, out, user, spec);
}

QJsonObject PlatformApi::userObject(const UserInfo &info) const
{
    if (SimCluster *global = m_sandbox->cluster(QStringLiteral("global"))) {
        for (const StoredObject *o : global->store().list(kUsers)) {
            const QJsonObject spec = o->obj.value(QLatin1String("spec")).toObject();
            if (nameOf(o->obj) == info.name || spec.value(QLatin1String("username")).toString() == info.name
                || (!info.email.isEmpty() && spec.value(QLatin1String("email")).toString() == info.email))
                return o->obj;
        }
    }
    const QJsonObject spec{{QStringLiteral("account"), info.name},
                           {QStringLiteral("connector_id"), QLatin1String(PlatformLogin::kConnector)},
                           {QStringLiteral("connector_name"), QLatin1String(PlatformLogin::kConnector)},
                           {QStringLiteral("connector_type"), QLatin1String(PlatformLogin::kConnector)},
                           {QStringLiteral("email"), info.email},
                           {QStringLiteral("username"), info.name},
                           {QStringLiteral("groups"), QJsonArray::fromStringList(info.groups)},
                           {QStringLiteral("is_admin"), info.platformAdmin},
                           {QStringLiteral("is_disabled"), false},
                           {QStringLiteral("valid"), true},
                           {QStringLiteral("extra"), QJsonObject()}};
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1")},
                       {QStringLiteral("kind"), QStringLiteral("User")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), info.name}, {QStringLiteral("uid"), info.uid}}},
                       {QStringLiteral("spec"), spec},
                       {QStringLiteral("status"), QJsonObject()}};
}

void PlatformApi::serveUsers(const HttpRequest &, const Out &out, const UserInfo &user, const QString &name)
{
    auto access = accessFor(user);
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    const QString group = QStringLiteral("auth.alauda.io");
    if (name.isEmpty()) {
        if (!access->isPlatformWide() && !access->can(global, QStringLiteral("list"), group, QStringLiteral("v1"), QStringLiteral("users"))) {
            KubeApi::sendError(out, forbidden(user, QStringLiteral("list"), group, QStringLiteral("users"), QString()));
            return;
        }
        QJsonArray items;
        for (const QString &n : m_sandbox->users().userNames())
            if (const auto info = m_sandbox->users().user(n))
                items << userObject(*info);
        KubeApi::sendJson(out, 200, QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1")},
                                                {QStringLiteral("kind"), QStringLiteral("UserList")},
                                                {QStringLiteral("metadata"), QJsonObject()},
                                                {QStringLiteral("items"), items}});
        return;
    }
    if (name != user.name && !access->isPlatformWide()
        && !access->can(global, QStringLiteral("get"), group, QStringLiteral("v1"), QStringLiteral("users"), QString(), name)) {
        KubeApi::sendError(out, forbidden(user, QStringLiteral("get"), group, QStringLiteral("users"), name));
        return;
    }
    const auto info = m_sandbox->users().user(name);
    if (!info) {
        KubeApi::sendError(out, notFound(group, QStringLiteral("users"), name));
        return;
    }
    KubeApi::sendJson(out, 200, userObject(*info));
}

void PlatformApi::createAccessToken(const HttpRequest &req, const Out &out, const UserInfo &user)
{
    QJsonObject body;
    if (!req.body.trimmed().isEmpty()) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(req.body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            KubeApi::sendError(out, SimCluster::badRequest(QStringLiteral("expected a JSON object {\"expiration\": <unix seconds>, \"description\": ...}")));
            return;
        }
        body = doc.object();
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 expiration = qint64(body.value(QLatin1String("expiration")).toDouble());
    if (expiration != 0 && expiration <= now) {
        KubeApi::sendError(out, SimCluster::badRequest(QStringLiteral("expiration must be a time in the future (unix seconds)")));
        return;
    }
    const QString token = m_sandbox->users().issueToken(user.name, expiration > 0 ? expiration - now : kPermanentSeconds);
    if (token.isEmpty()) {
        KubeApi::sendError(out, makeError(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")));
        return;
    }
    QJsonObject result{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                       {QStringLiteral("token"), token},
                       {QStringLiteral("timestamp"), now}};
    if (expiration > 0)
        result.insert(QStringLiteral("expiration"), expiration);
    if (body.contains(QLatin1String("description")))
        result.insert(QStringLiteral("description"), body.value(QLatin1String("description")).toString());
    KubeApi::sendJson(out, 201, result);
}

} // namespace acp::sandbox
