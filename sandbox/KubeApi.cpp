#include "sandbox/KubeApi.h"

#include "models/FieldSelector.h"
#include "models/LabelSelector.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/KubeDiscovery.h"
#include "sandbox/KubeWatch.h"
#include "sandbox/Printing.h"
#include "sandbox/RbacAuthorizer.h"

#include <QJsonArray>
#include <algorithm>
#include <QJsonDocument>

namespace acp::sandbox {

namespace {

bool wantsTable(const HttpRequest &req)
{
    return req.header("accept").contains("as=Table");
}

QByteArray encodeContinue(qint64 rv, const QString &start)
{
    const QJsonObject token{{QStringLiteral("v"), QStringLiteral("meta.k8s.io/v1")},
                            {QStringLiteral("rv"), rv},
                            {QStringLiteral("start"), QString(start + QLatin1Char('\x01'))}};
    return QJsonDocument(token).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool decodeContinue(const QString &text, qint64 *rv, QString *start)
{
    const QByteArray raw = QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonObject token = QJsonDocument::fromJson(raw).object();
    if (token.value(QLatin1String("v")).toString() != QLatin1String("meta.k8s.io/v1"))
        return false;
    *rv = qint64(token.value(QLatin1String("rv")).toDouble());
    *start = token.value(QLatin1String("start")).toString();
    start->chop(1);
    return *rv > 0;
}

QString keyOf(const QJsonObject &o)
{
    const QJsonObject m = o.value(QLatin1String("metadata")).toObject();
    return m.value(QLatin1String("namespace")).toString() + QLatin1Char('/') + m.value(QLatin1String("name")).toString();
}

} // namespace

KubeApi::KubeApi(SimCluster *cluster, ServeContext ctx, QObject *parent)
    : QObject(parent), m_cluster(cluster), m_ctx(std::move(ctx))
{
}

api::ApiError KubeApi::notFoundPath()
{
    api::ApiError e;
    e.httpStatus = 404;
    e.reason = QStringLiteral("NotFound");
    e.message = QStringLiteral("the server could not find the requested resource");
    return e;
}

void KubeApi::sendJson(const std::shared_ptr<HttpResponder> &out, int status, const QJsonObject &obj,
                       const QList<QPair<QByteArray, QByteArray>> &headers)
{
    out->respond(status, "application/json", QJsonDocument(obj).toJson(QJsonDocument::Compact), headers);
}

void KubeApi::sendError(const std::shared_ptr<HttpResponder> &out, const api::ApiError &e,
                        const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonObject status = e.toStatus();
    if (!status.contains(QLatin1String("details")) && e.httpStatus == 404 && e.reason == QLatin1String("NotFound")
        && e.message == QLatin1String("the server could not find the requested resource"))
        status.insert(QStringLiteral("details"), QJsonObject());
    sendJson(out, e.httpStatus ? e.httpStatus : 500, status, headers);
}

QList<QPair<QByteArray, QByteArray>> KubeApi::warningHeaders(const QStringList &warnings)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QString &w : warnings) {
        QString text = w;
        text.replace(QLatin1Char('"'), QLatin1String("\\\""));
        headers << qMakePair(QByteArrayLiteral("Warning"), QByteArray("299 - \"" + text.toUtf8() + "\""));
    }
    return headers;
}

RequestInfo KubeApi::parse(const HttpRequest &req, const QString &subpath) const
{
    RequestInfo info;
    info.path = subpath.isEmpty() ? QStringLiteral("/") : subpath;
    info.verb = QString::fromLatin1(req.method).toLower();
    QStringList segs = subpath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList rest;
    if (segs.size() >= 3 && segs.at(0) == QLatin1String("api")) {
        info.version = segs.at(1);
        rest = segs.mid(2);
    } else if (segs.size() >= 4 && segs.at(0) == QLatin1String("apis")) {
        info.group = segs.at(1);
        info.version = segs.at(2);
        rest = segs.mid(3);
    } else {
        return info;   // non-resource request
    }
    bool watchPath = false;
    if (!rest.isEmpty() && rest.first() == QLatin1String("watch")) {
        watchPath = true;
        rest.removeFirst();
    }
    if (rest.isEmpty())
        return info;
    info.isResource = true;
    if (rest.size() >= 3 && rest.at(0) == QLatin1String("namespaces")
        && !(rest.size() == 3 && (rest.at(2) == QLatin1String("status") || rest.at(2) == QLatin1String("finalize")) && info.group.isEmpty())) {
        info.ns = rest.at(1);
        info.resource = rest.at(2);
        info.name = rest.value(3);
        info.subresource = rest.value(4);
    } else {
        info.resource = rest.at(0);
        info.name = rest.value(1);
        info.subresource = rest.value(2);
        if (info.resource == QLatin1String("namespaces") && info.group.isEmpty())
            info.ns = info.name;
    }
    info.type = m_cluster->registry().find(info.group, info.version, info.resource);
    const QByteArray &m = req.method;
    const bool watch = watchPath || req.queryValue("watch") == QLatin1String("true") || req.queryValue("watch") == QLatin1String("1");
    if (m == "GET" || m == "HEAD")
        info.verb = !info.name.isEmpty() ? (watch ? QStringLiteral("watch") : QStringLiteral("get"))
                                         : (watch ? QStringLiteral("watch") : QStringLiteral("list"));
    else if (m == "POST")
        info.verb = QStringLiteral("create");
    else if (m == "PUT")
        info.verb = QStringLiteral("update");
    else if (m == "PATCH")
        info.verb = QStringLiteral("patch");
    else if (m == "DELETE")
        info.verb = info.name.isEmpty() ? QStringLiteral("deletecollection") : QStringLiteral("delete");
    // Connect subresources need "create" (kube-apiserver >= 1.31 for websocket GETs too).
    if (info.subresource == QLatin1String("exec") || info.subresource == QLatin1String("attach")
        || info.subresource == QLatin1String("portforward"))
        info.verb = QStringLiteral("create");
    return info;
}

bool KubeApi::authorize(const UserInfo &user, const RequestInfo &info, QString *reason)
{
    return RbacAuthorizer::authorize(*m_cluster, user, info, reason);
}

QString KubeApi::forbiddenMessage(const UserInfo &user, const RequestInfo &info) const
{
    return RbacAuthorizer::forbiddenMessage(user, info);
}

api::Result<UserInfo> KubeApi::impersonate(const HttpRequest &req, const UserInfo &user)
{
    const QByteArray asUser = req.header("impersonate-user");
    const QByteArray asGroups = req.header("impersonate-group");
    if (asUser.isEmpty() && asGroups.isEmpty())
        return user;
    if (asUser.isEmpty()) {
        api::ApiError e;
        e.httpStatus = 500;
        e.reason = QStringLiteral("InternalError");
        e.message = QStringLiteral("Internal error occurred: requested [{Group  %1  }] without impersonating a user")
                        .arg(QString::fromUtf8(asGroups));
        return e;
    }
    UserInfo target;
    target.name = QString::fromUtf8(asUser);
    for (const QByteArray &g : asGroups.split(','))
        if (!g.trimmed().isEmpty())
            target.groups << QString::fromUtf8(g.trimmed());
    // Each impersonated attribute needs the "impersonate" verb.
    RequestInfo check;
    check.isResource = true;
    check.verb = QStringLiteral("impersonate");
    const bool sa = target.name.startsWith(QLatin1String("system:serviceaccount:"));
    check.resource = sa ? QStringLiteral("serviceaccounts") : QStringLiteral("users");
    if (sa) {
        check.ns = target.name.section(QLatin1Char(':'), 2, 2);
        check.name = target.name.section(QLatin1Char(':'), 3);
    } else {
        check.name = target.name;
    }
    QList<RequestInfo> checks{check};
    for (const QString &g : target.groups) {
        RequestInfo gc;
        gc.isResource = true;
        gc.verb = QStringLiteral("impersonate");
        gc.resource = QStringLiteral("groups");
        gc.name = g;
        checks << gc;
    }
    for (const RequestInfo &c : checks) {
        if (!authorize(user, c)) {
            return SimCluster::forbidden(QStringLiteral("%1 \"%2\" is forbidden: User \"%3\" cannot impersonate resource \"%4\" in API group \"\" at the cluster scope")
                                             .arg(c.resource, c.name, user.name, c.resource));
        }
    }
    return target;
}

void KubeApi::handle(const HttpRequest &req, std::shared_ptr<HttpResponder> out, const UserInfo &caller, const QString &subpath)
{
    auto impersonated = impersonate(req, caller);
    if (!impersonated) {
        sendError(out, impersonated.error());
        return;
    }
    const UserInfo user = impersonated.value();
    RequestInfo info = parse(req, subpath);

    if (!info.isResource) {
        if (!authorize(user, info)) {
            sendError(out, SimCluster::forbidden(forbiddenMessage(user, info)));
            return;
        }
        KubeDiscovery discovery(*m_cluster, m_ctx);
        discovery.serve(req, out, info.path);
        return;
    }
    if (!info.type) {
        sendError(out, notFoundPath());
        return;
    }
    if (!authorize(user, info)) {
        sendError(out, SimCluster::forbidden(forbiddenMessage(user, info), info.type, info.name));
        return;
    }
    if (!info.subresource.isEmpty() && !info.type->hasSubresource(info.subresource)) {
        sendError(out, notFoundPath());
        return;
    }
    if (!info.type->namespaced && !info.ns.isEmpty() && info.resource != QLatin1String("namespaces")) {
        sendError(out, notFoundPath());
        return;
    }
    const QString &verb = info.verb;
    if (!info.type->stored) {
        if (verb == QLatin1String("create"))
            serveReview(req, out, info, user);
        else
            sendError(out, api::ApiError{405, QStringLiteral("MethodNotAllowed"),
                                         QStringLiteral("the server does not allow this method on the requested resource")});
        return;
    }
    if (info.subresource == QLatin1String("log")) {
        serveLog(req, out, info);
        return;
    }
    if (info.subresource == QLatin1String("scale")) {
        serveScale(req, out, info, user);
        return;
    }
    if (info.subresource == QLatin1String("eviction") && verb == QLatin1String("create")) {
        serveEviction(req, out, info, user);
        return;
    }
    if (info.subresource == QLatin1String("exec") || info.subresource == QLatin1String("attach")) {
        api::ApiError e;
        e.httpStatus = 400;
        e.reason = QStringLiteral("BadRequest");
        e.message = QStringLiteral("Upgrade request required");
        sendError(out, e);
        return;
    }
    if (verb == QLatin1String("get"))
        serveGet(req, out, info, user);
    else if (verb == QLatin1String("list"))
        serveList(req, out, info, user);
    else if (verb == QLatin1String("watch"))
        KubeWatch::start(this, req, out, info, user);
    else if (verb == QLatin1String("create"))
        serveCreate(req, out, info, user);
    else if (verb == QLatin1String("update"))
        serveUpdate(req, out, info, user);
    else if (verb == QLatin1String("patch"))
        servePatch(req, out, info, user);
    else if (verb == QLatin1String("delete"))
        serveDelete(req, out, info, user);
    else if (verb == QLatin1String("deletecollection"))
        serveDeleteCollection(req, out, info, user);
    else
        sendError(out, api::ApiError{405, QStringLiteral("MethodNotAllowed"),
                                     QStringLiteral("the server does not allow this method on the requested resource")});
}

QByteArray KubeApi::renderObject(const HttpRequest &req, const RequestInfo &info, const StoredObject &obj) const
{
    if (wantsTable(req))
        return QJsonDocument(Printing::table(*m_cluster, *info.type, {obj.obj}, req,
                                             QString(), QString())).toJson(QJsonDocument::Compact);
    if (obj.obj.value(QLatin1String("apiVersion")).toString() != info.type->apiVersion()) {
        QJsonObject o = obj.obj;
        o.insert(QStringLiteral("apiVersion"), info.type->apiVersion());
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    return obj.json;
}

void KubeApi::serveGet(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &)
{
    const StoredObject *obj = m_cluster->get(*info.type, info.ns, info.name);
    if (!obj) {
        sendError(out, SimCluster::notFound(*info.type, info.name));
        return;
    }
    if (info.subresource == QLatin1String("status") || info.subresource.isEmpty()) {
        out->respond(200, "application/json", renderObject(req, info, *obj));
        return;
    }
    sendError(out, notFoundPath());
}

void KubeApi::serveList(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &)
{
    const ResourceType &type = *info.type;
    auto labelSel = models::LabelSelector::parse(req.queryValue("labelSelector"));
    if (!labelSel) {
        sendError(out, SimCluster::badRequest(labelSel.error().message));
        return;
    }
    auto parsedFields = models::FieldSelector::parse(req.queryValue("fieldSelector"));
    if (!parsedFields) {
        sendError(out, SimCluster::badRequest(parsedFields.error().message));
        return;
    }
    auto fieldSel = parsedFields->convertedFor(type.group, type.resource);
    if (!fieldSel) {
        sendError(out, fieldSel.error());
        return;
    }
    const qint64 limit = req.queryValue("limit").toLongLong();
    const QString cont = req.queryValue("continue");
    qint64 rv = m_cluster->store().resourceVersion();
    QString start;
    QList<StoredObject> snapshot;
    QList<const StoredObject *> items;
    if (!cont.isEmpty()) {
        if (!decodeContinue(cont, &rv, &start)) {
            sendError(out, SimCluster::badRequest(QStringLiteral("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")));
            return;
        }
        // Nothing changed since the first page: the snapshot is the live list (no O(n) copy).
        auto past = rv == m_cluster->store().resourceVersion() ? std::optional<QList<StoredObject>>()
                                                                : m_cluster->store().listAt(type.storageKey(), info.ns, rv);
        if (!past && rv == m_cluster->store().resourceVersion()) {
            items = m_cluster->store().list(type.storageKey(), info.ns);
        } else if (!past) {
            api::ApiError e;
            e.httpStatus = 410;
            e.reason = QStringLiteral("Expired");
            e.message = QStringLiteral("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            sendError(out, e);
            return;
        } else {
            snapshot = *past;
            for (const StoredObject &o : snapshot)
                items << &o;
        }
    } else {
        items = m_cluster->store().list(type.storageKey(), info.ns);
    }
    if (auto *f = m_ctx.faults; f && !cont.isEmpty() && f->shouldExpireContinue()) {
        api::ApiError e;
        e.httpStatus = 410;
        e.reason = QStringLiteral("Expired");
        e.message = QStringLiteral("The provided continue parameter is too old to display a consistent list result.");
        sendError(out, e);
        return;
    }

    QList<const StoredObject *> page;
    QString nextStart;
    qint64 remaining = 0;
    // Items are in key order: skip to the continue key by binary search; without selectors
    // the rest needs no per-object work (pages stay O(limit), not O(n)).
    qsizetype startIndex = 0;
    if (!start.isEmpty())
        startIndex = std::upper_bound(items.cbegin(), items.cend(), start,
                                 [](const QString &k, const StoredObject *o) { return k < keyOf(o->obj); })
            - items.cbegin();
    if (labelSel->isEmpty() && fieldSel->isEmpty()) {
        const qsizetype n = items.size() - startIndex;
        const qsizetype take = limit > 0 ? qMin<qsizetype>(n, limit) : n;
        page = items.mid(startIndex, take);
        remaining = n - take;
        items.clear();
    } else {
        items = items.mid(startIndex);
    }
    for (const StoredObject *o : items) {
        const QJsonObject labels = o->obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
        if (!labelSel->matches(labels) || !fieldSel->matches(o->obj))
            continue;
        if (limit > 0 && page.size() >= limit) {
            ++remaining;
            continue;
        }
        page << o;
    }
    QString continueToken;
    if (remaining > 0 && !page.isEmpty())
        continueToken = QString::fromLatin1(encodeContinue(rv, keyOf(page.last()->obj)));

    if (wantsTable(req)) {
        QList<QJsonObject> objs;
        objs.reserve(page.size());
        for (const StoredObject *o : page)
            objs << o->obj;
        sendJson(out, 200, Printing::table(*m_cluster, type, objs, req, QString::number(rv), continueToken));
        return;
    }
    QByteArray body;
    body.reserve(256 + page.size() * 1024);
    QJsonObject meta{{QStringLiteral("resourceVersion"), QString::number(rv)}};
    if (!continueToken.isEmpty()) {
        meta.insert(QStringLiteral("continue"), continueToken);
        if (req.queryValue("labelSelector").isEmpty() && req.queryValue("fieldSelector").isEmpty())
            meta.insert(QStringLiteral("remainingItemCount"), remaining);
    }
    body += "{\"kind\":\"" + type.kind.toUtf8() + "List\",\"apiVersion\":\"" + type.apiVersion().toUtf8()
          + "\",\"metadata\":" + QJsonDocument(meta).toJson(QJsonDocument::Compact) + ",\"items\":[";
    bool first = true;
    const bool rewrite = !type.storageVersion;
    for (const StoredObject *o : page) {
        if (!first)
            body += ',';
        first = false;
        if (rewrite) {
            QJsonObject copy = o->obj;
            copy.insert(QStringLiteral("apiVersion"), type.apiVersion());
            body += QJsonDocument(copy).toJson(QJsonDocument::Compact);
        } else {
            body += o->json;
        }
    }
    body += "]}";
    out->respond(200, "application/json", body);
}

} // namespace acp::sandbox
