// KubeApi: create, update, patch (JSON, merge, strategic, server-side apply), delete,

#include "sandbox/ObjectMeta.h"
// deletecollection, the scale subresource and pod eviction.
#include "sandbox/KubeApi.h"

#include "api/Yaml.h"
#include "models/FieldSelector.h"
#include "models/LabelSelector.h"
#include "sandbox/JsonPatch.h"
#include "sandbox/MergePatch.h"
#include "sandbox/Protobuf.h"
#include "sandbox/ServerSideApply.h"
#include "sandbox/StrategicMerge.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace acp::sandbox {

namespace {

api::ApiError unsupportedMedia(const QByteArray &contentType, const QString &accepted)
{
    api::ApiError e;
    e.httpStatus = 415;
    e.reason = QStringLiteral("UnsupportedMediaType");
    e.message = QStringLiteral("the body of the request was in an unknown format - accepted media types include: %1").arg(accepted);
    Q_UNUSED(contentType);
    return e;
}

QByteArray mediaType(const HttpRequest &req)
{
    QByteArray ct = req.header("content-type");
    const qsizetype semi = ct.indexOf(';');
    if (semi >= 0)
        ct.truncate(semi);
    return ct.trimmed().toLower();
}

QString managerFromUserAgent(const HttpRequest &req)
{
    const QByteArray ua = req.header("user-agent");
    const qsizetype slash = ua.indexOf('/');
    QString manager = QString::fromUtf8(slash >= 0 ? ua.left(slash) : ua);
    return manager.isEmpty() ? QStringLiteral("unknown") : manager.left(128);
}

QJsonObject successStatus(const ResourceType &type, const QJsonObject &obj)
{
    QJsonObject details{{QStringLiteral("name"), metaStr(obj, "name")},
                        {QStringLiteral("kind"), type.resource},
                        {QStringLiteral("uid"), metaStr(obj, "uid")}};
    if (!type.group.isEmpty())
        details.insert(QStringLiteral("group"), type.group);
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("metadata"), QJsonObject()},
                       {QStringLiteral("status"), QStringLiteral("Success")},
                       {QStringLiteral("details"), details}};
}

} // namespace

WriteOptions KubeApi::writeOptions(const HttpRequest &req, const RequestInfo &info, const UserInfo &user, QStringList *warnings) const
{
    WriteOptions opts;
    opts.user = user;
    opts.dryRun = req.queryValue("dryRun") == QLatin1String("All");
    opts.fieldManager = req.queryValue("fieldManager");
    if (opts.fieldManager.isEmpty())
        opts.fieldManager = managerFromUserAgent(req);
    opts.subresource = info.subresource;
    opts.warnings = warnings;
    return opts;
}

api::Result<QJsonObject> KubeApi::decodeBody(const HttpRequest &req, const RequestInfo &info) const
{
    const QByteArray media = mediaType(req);
    QJsonValue value;
    if (media.isEmpty() || media == "application/json" || media == "*/*") {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(req.body, &err);
        if (err.error != QJsonParseError::NoError)
            return SimCluster::badRequest(QStringLiteral("json: %1 at offset %2").arg(err.errorString()).arg(err.offset));
        value = doc.object();
        if (!doc.isObject())
            return SimCluster::badRequest(QStringLiteral("json: cannot unmarshal %1 into Go value of type map[string]interface {}")
                                              .arg(doc.isArray() ? QStringLiteral("array") : QStringLiteral("value")));
    } else if (media == "application/vnd.kubernetes.protobuf") {
        // kubectl's typed clients (create, auth can-i, drain, ...) send protobuf bodies.
        auto decoded = Protobuf::decodeObject(req.body);
        if (!decoded)
            return decoded.error();
        value = *decoded;
    } else if (media == "application/yaml") {
        auto doc = api::yaml::parseOne(req.body, QStringLiteral("body"));
        if (!doc)
            return SimCluster::badRequest(doc.error().toString());
        value = *doc;
    } else {
        return unsupportedMedia(media, QStringLiteral("application/json, application/yaml, application/vnd.kubernetes.protobuf"));
    }
    if (!value.isObject())
        return SimCluster::badRequest(QStringLiteral("Object 'Kind' is missing in '%1'").arg(QString::fromUtf8(req.body.left(200))));
    QJsonObject obj = value.toObject();
    const QString kind = obj.value(QLatin1String("kind")).toString();
    if (kind.isEmpty())
        return SimCluster::badRequest(QStringLiteral("Object 'Kind' is missing in '%1'").arg(QString::fromUtf8(req.body.left(200))));
    const ResourceType &type = *info.type;
    const bool scale = info.subresource == QLatin1String("scale");
    if (!scale && kind != type.kind && type.stored)
        return SimCluster::badRequest(QStringLiteral("the API version in the data (%1) does not match the expected API version (%2)")
                                          .arg(obj.value(QLatin1String("apiVersion")).toString(), type.apiVersion()));
    return obj;
}

void KubeApi::serveCreate(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    if (!info.subresource.isEmpty() || !info.name.isEmpty()) {
        sendError(out, notFoundPath());
        return;
    }
    auto body = decodeBody(req, info);
    if (!body) {
        sendError(out, body.error());
        return;
    }
    QJsonObject obj = *body;
    QStringList warnings;
    if (auto invalid = validateFields(req, info, &obj, FieldCheck::DecodedBody, &warnings)) {
        sendError(out, *invalid);
        return;
    }
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    if (info.type->namespaced) {
        const QString bodyNs = meta.value(QLatin1String("namespace")).toString();
        if (!bodyNs.isEmpty() && bodyNs != info.ns) {
            sendError(out, SimCluster::badRequest(QStringLiteral("the namespace of the provided object does not match the namespace sent on the request")));
            return;
        }
        if (info.ns.isEmpty()) {
            sendError(out, notFoundPath());
            return;
        }
        meta.insert(QStringLiteral("namespace"), info.ns);
    }
    meta.remove(QStringLiteral("managedFields"));
    obj.insert(QStringLiteral("metadata"), meta);
    const WriteOptions opts = writeOptions(req, info, user, &warnings);
    obj = ServerSideApply::recordUpdate(QJsonObject(), obj, opts.fieldManager, info.type->apiVersion(), info.subresource);
    auto created = m_cluster->create(*info.type, obj, opts);
    if (!created) {
        sendError(out, created.error(), warningHeaders(warnings));
        return;
    }
    out->respond(201, "application/json", renderObject(req, info, *created), warningHeaders(warnings));
}

void KubeApi::serveUpdate(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    if (!info.subresource.isEmpty() && info.subresource != QLatin1String("status") && info.subresource != QLatin1String("finalize")) {
        sendError(out, notFoundPath());
        return;
    }
    auto body = decodeBody(req, info);
    if (!body) {
        sendError(out, body.error());
        return;
    }
    QJsonObject obj = *body;
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    const QString bodyName = meta.value(QLatin1String("name")).toString();
    if (bodyName != info.name) {
        sendError(out, SimCluster::badRequest(QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)").arg(bodyName, info.name)));
        return;
    }
    if (info.type->namespaced) {
        const QString bodyNs = meta.value(QLatin1String("namespace")).toString();
        if (!bodyNs.isEmpty() && bodyNs != info.ns) {
            sendError(out, SimCluster::badRequest(QStringLiteral("the namespace of the provided object does not match the namespace sent on the request")));
            return;
        }
        meta.insert(QStringLiteral("namespace"), info.ns);
        obj.insert(QStringLiteral("metadata"), meta);
    }
    const StoredObject *live = m_cluster->get(*info.type, info.ns, info.name);
    if (!live) {
        sendError(out, SimCluster::notFound(*info.type, info.name));
        return;
    }
    QStringList warnings;
    if (auto invalid = validateFields(req, info, &obj, FieldCheck::DecodedBody, &warnings, live->obj)) {
        sendError(out, *invalid);
        return;
    }
    WriteOptions opts = writeOptions(req, info, user, &warnings);
    if (info.subresource == QLatin1String("finalize"))
        opts.subresource.clear();
    obj = ServerSideApply::recordUpdate(live->obj, obj, opts.fieldManager, info.type->apiVersion(), info.subresource);
    auto updated = m_cluster->update(*info.type, obj, opts);
    if (!updated) {
        sendError(out, updated.error(), warningHeaders(warnings));
        return;
    }
    out->respond(200, "application/json", renderObject(req, info, *updated), warningHeaders(warnings));
}

void KubeApi::servePatch(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    if (!info.subresource.isEmpty() && info.subresource != QLatin1String("status")) {
        sendError(out, notFoundPath());
        return;
    }
    const QByteArray media = mediaType(req);
    const ResourceType &type = *info.type;
    const bool apply = media == "application/apply-patch+yaml";
    const bool strategic = media == "application/strategic-merge-patch+json";
    if (!apply && !strategic && media != "application/merge-patch+json" && media != "application/json-patch+json") {
        sendError(out, unsupportedMedia(media, QStringLiteral("application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")));
        return;
    }
    if (strategic && (type.isCrd || !StrategicMerge::supportsStrategicMerge(type.group, type.kind))) {
        sendError(out, unsupportedMedia(media, QStringLiteral("application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")));
        return;
    }
    QStringList warnings;
    WriteOptions opts = writeOptions(req, info, user, &warnings);
    const StoredObject *live = m_cluster->get(type, info.ns, info.name);

    if (apply) {
        if (req.queryValue("fieldManager").isEmpty()) {
            sendError(out, SimCluster::invalid(type, QString(), QStringLiteral("fieldManager"), QStringLiteral("Required value"),
                                               QStringLiteral("is required for apply patch")));
            return;
        }
        auto applied = api::yaml::parseOne(req.body, QStringLiteral("apply patch"));
        if (!applied || !applied->isObject()) {
            sendError(out, SimCluster::badRequest(applied ? QStringLiteral("error decoding YAML: expected an object")
                                                          : QStringLiteral("error decoding YAML: ") + applied.error().toString()));
            return;
        }
        QJsonObject config = applied->toObject();
        if (auto undeclared = checkApplyFields(info, config)) {
            sendError(out, *undeclared);
            return;
        }
        const QString force = req.queryValue("force");
        auto result = ServerSideApply::apply(live ? live->obj : QJsonObject(), config, opts.fieldManager,
                                             force == QLatin1String("true"), type.apiVersion(), info.subresource);
        if (!result) {
            sendError(out, result.error());
            return;
        }
        QJsonObject obj = *result;
        QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("name"), info.name);
        if (type.namespaced)
            meta.insert(QStringLiteral("namespace"), info.ns);
        obj.insert(QStringLiteral("metadata"), meta);
        obj.insert(QStringLiteral("apiVersion"), type.apiVersion());
        obj.insert(QStringLiteral("kind"), type.kind);
        auto written = live ? m_cluster->update(type, obj, opts) : m_cluster->create(type, obj, opts);
        if (!written) {
            sendError(out, written.error(), warningHeaders(warnings));
            return;
        }
        out->respond(live ? 200 : 201, "application/json", renderObject(req, info, *written), warningHeaders(warnings));
        return;
    }
    if (!live) {
        sendError(out, SimCluster::notFound(type, info.name));
        return;
    }
    QJsonObject patched;
    if (media == "application/json-patch+json") {
        auto ops = QJsonDocument::fromJson(req.body);
        if (!ops.isArray()) {
            sendError(out, SimCluster::badRequest(QStringLiteral("json: cannot unmarshal object into Go value of type jsonpatch.Patch")));
            return;
        }
        auto r = JsonPatch::apply(live->obj, ops.array());
        if (!r) {
            sendError(out, r.error());
            return;
        }
        patched = r->toObject();
    } else {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(req.body, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            sendError(out, SimCluster::badRequest(QStringLiteral("error decoding patch: %1").arg(err.errorString())));
            return;
        }
        if (strategic) {
            auto r = StrategicMerge::apply(live->obj, doc.object(), type.group, type.kind);
            if (!r) {
                sendError(out, r.error());
                return;
            }
            patched = *r;
        } else {
            patched = MergePatch::apply(live->obj, doc.object()).toObject();
        }
    }
    // The patched object keeps its identity.
    QJsonObject meta = patched.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("name"), info.name);
    if (type.namespaced)
        meta.insert(QStringLiteral("namespace"), info.ns);
    patched.insert(QStringLiteral("metadata"), meta);
    if (auto invalid = validateFields(req, info, &patched, FieldCheck::PatchedObject, &warnings, live->obj)) {
        sendError(out, *invalid);
        return;
    }
    patched = ServerSideApply::recordUpdate(live->obj, patched, opts.fieldManager, type.apiVersion(), info.subresource);
    auto updated = m_cluster->update(type, patched, opts);
    if (!updated) {
        sendError(out, updated.error(), warningHeaders(warnings));
        return;
    }
    out->respond(200, "application/json", renderObject(req, info, *updated), warningHeaders(warnings));
}

void KubeApi::serveDelete(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    if (!info.subresource.isEmpty()) {
        sendError(out, notFoundPath());
        return;
    }
    DeleteOptions del;
    const QJsonObject body = QJsonDocument::fromJson(req.body).object();
    del.propagationPolicy = req.queryValue("propagationPolicy");
    if (del.propagationPolicy.isEmpty())
        del.propagationPolicy = body.value(QLatin1String("propagationPolicy")).toString();
    if (body.value(QLatin1String("orphanDependents")).toBool() || req.queryValue("orphanDependents") == QLatin1String("true"))
        del.propagationPolicy = QStringLiteral("Orphan");
    const QJsonObject pre = body.value(QLatin1String("preconditions")).toObject();
    del.preconditionUid = pre.value(QLatin1String("uid")).toString();
    del.preconditionResourceVersion = pre.value(QLatin1String("resourceVersion")).toString();
    QStringList warnings;
    WriteOptions opts = writeOptions(req, info, user, &warnings);
    if (body.value(QLatin1String("dryRun")).toArray().contains(QStringLiteral("All")))
        opts.dryRun = true;
    bool deletedNow = false;
    auto r = m_cluster->remove(*info.type, info.ns, info.name, del, opts, &deletedNow);
    if (!r) {
        sendError(out, r.error());
        return;
    }
    if (deletedNow && info.type->kind != QLatin1String("Pod"))
        sendJson(out, 200, successStatus(*info.type, r->obj), warningHeaders(warnings));
    else
        out->respond(deletedNow || opts.dryRun ? 200 : 202, "application/json", renderObject(req, info, *r), warningHeaders(warnings));
}

void KubeApi::serveDeleteCollection(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    auto labelSel = models::LabelSelector::parse(req.queryValue("labelSelector"));
    auto fieldSel = models::FieldSelector::parse(req.queryValue("fieldSelector"));
    if (!labelSel || !fieldSel) {
        sendError(out, SimCluster::badRequest(!labelSel ? labelSel.error().message : fieldSel.error().message));
        return;
    }
    QList<QJsonObject> victims;
    for (const StoredObject *o : m_cluster->store().list(info.type->storageKey(), info.ns))
        if (labelSel->matches(o->obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject())
            && fieldSel->matches(o->obj))
            victims << o->obj;
    QStringList warnings;
    const WriteOptions opts = writeOptions(req, info, user, &warnings);
    QByteArray items;
    for (const QJsonObject &v : victims) {
        auto r = m_cluster->remove(*info.type, metaStr(v, "namespace"), metaStr(v, "name"), DeleteOptions(), opts);
        if (!r)
            continue;
        if (!items.isEmpty())
            items += ',';
        items += r->json;
    }
    const QByteArray body = "{\"kind\":\"" + info.type->kind.toUtf8() + "List\",\"apiVersion\":\"" + info.type->apiVersion().toUtf8()
                          + "\",\"metadata\":{\"resourceVersion\":\"" + QByteArray::number(m_cluster->store().resourceVersion())
                          + "\"},\"items\":[" + items + "]}";
    out->respond(200, "application/json", body, warningHeaders(warnings));
}

} // namespace acp::sandbox
