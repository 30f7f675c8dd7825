// KubeApi: subresources (scale, eviction, log), access reviews, and WebSocket requests

#include "sandbox/ObjectMeta.h"
// (exec/attach, log and watch over WebSocket).
#include "sandbox/KubeApi.h"

#include "models/RbacEvaluator.h"
#include "sandbox/KubeWatch.h"
#include "sandbox/PodExec.h"
#include "sandbox/PodLogs.h"
#include "sandbox/RbacAuthorizer.h"

#include "models/LabelSelector.h"

#include <QJsonArray>
#include <cmath>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

namespace acp::sandbox {

namespace {
// The replicas path of a scalable kind (CRDs declare theirs in the scale subresource).
struct ScalePaths {
    QStringList spec{QStringLiteral("spec"), QStringLiteral("replicas")};
    QStringList status{QStringLiteral("status"), QStringLiteral("replicas")};
    QString selectorPath;
};

ScalePaths scalePaths(const ResourceType &type)
{
    ScalePaths p;
    if (!type.isCrd)
        return p;
    for (const QJsonValue &v : type.crd.value(QLatin1String("spec")).toObject().value(QLatin1String("versions")).toArray()) {
        const QJsonObject vo = v.toObject();
        if (vo.value(QLatin1String("name")).toString() != type.version)
            continue;
        const QJsonObject scale = vo.value(QLatin1String("subresources")).toObject().value(QLatin1String("scale")).toObject();
        p.spec = scale.value(QLatin1String("specReplicasPath")).toString().mid(1).split(QLatin1Char('.'));
        p.status = scale.value(QLatin1String("statusReplicasPath")).toString().mid(1).split(QLatin1Char('.'));
        p.selectorPath = scale.value(QLatin1String("labelSelectorPath")).toString();
    }
    return p;
}

QJsonValue getPath(const QJsonObject &o, const QStringList &path)
{
    QJsonValue v = o;
    for (const QString &k : path)
        v = v.toObject().value(k);
    return v;
}

QJsonObject setPath(QJsonObject o, const QStringList &path, const QJsonValue &value)
{
    if (path.isEmpty())
        return o;
    if (path.size() == 1) {
        o.insert(path.first(), value);
        return o;
    }
    o.insert(path.first(), setPath(o.value(path.first()).toObject(), path.mid(1), value));
    return o;
}

QJsonObject scaleObject(const ResourceType &type, const QJsonObject &obj)
{
    const ScalePaths paths = scalePaths(type);
    const QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    QJsonObject status{{QStringLiteral("replicas"), getPath(obj, paths.status).toInt()}};
    QString selector;
    if (type.isCrd) {
        if (!paths.selectorPath.isEmpty())
            selector = getPath(obj, paths.selectorPath.mid(1).split(QLatin1Char('.'))).toString();
    } else {
        auto sel = models::LabelSelector::fromJsonValue(obj.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")));
        if (sel)
            selector = sel->toString();
    }
    if (!selector.isEmpty())
        status.insert(QStringLiteral("selector"), selector);
    QJsonObject scaleMeta{{QStringLiteral("name"), meta.value(QLatin1String("name"))},
                          {QStringLiteral("uid"), meta.value(QLatin1String("uid"))},
                          {QStringLiteral("resourceVersion"), meta.value(QLatin1String("resourceVersion"))},
                          {QStringLiteral("creationTimestamp"), meta.value(QLatin1String("creationTimestamp"))}};
    if (type.namespaced)
        scaleMeta.insert(QStringLiteral("namespace"), meta.value(QLatin1String("namespace")));
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("Scale")},
                       {QStringLiteral("apiVersion"), QStringLiteral("autoscaling/v1")},
                       {QStringLiteral("metadata"), scaleMeta},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), getPath(obj, paths.spec).toInt()}}},
                       {QStringLiteral("status"), status}};
}
} // namespace

void KubeApi::serveScale(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    const ResourceType &type = *info.type;
    const StoredObject *live = m_cluster->get(type, info.ns, info.name);
    if (!live) {
        sendError(out, SimCluster::notFound(type, info.name));
        return;
    }
    if (info.verb == QLatin1String("get")) {
        sendJson(out, 200, scaleObject(type, live->obj));
        return;
    }
    int replicas = -1;
    QString rv;
    const QJsonObject body = QJsonDocument::fromJson(req.body).object();
    if (info.verb == QLatin1String("update")) {
        replicas = body.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(-1);
        rv = metaStr(body, "resourceVersion");
    } else if (info.verb == QLatin1String("patch")) {
        const QByteArray ct = req.header("content-type");
        if (ct.startsWith("application/json-patch+json")) {
            for (const QJsonValue &op : QJsonDocument::fromJson(req.body).array())
                if (op.toObject().value(QLatin1String("path")).toString() == QLatin1String("/spec/replicas"))
                    replicas = op.toObject().value(QLatin1String("value")).toInt(-1);
        } else {
            replicas = body.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(-1);
        }
    } else {
        sendError(out, api::ApiError{405, QStringLiteral("MethodNotAllowed"),
                                     QStringLiteral("the server does not allow this method on the requested resource")});
        return;
    }
    if (replicas < 0) {
        sendError(out, SimCluster::invalid(type, info.name, QStringLiteral("spec.replicas"), QStringLiteral("Invalid value"),
                                           QStringLiteral("%1: must be greater than or equal to 0").arg(replicas)));
        return;
    }
    if (!rv.isEmpty() && rv != metaStr(live->obj, "resourceVersion")) {
        sendError(out, SimCluster::conflict(type, info.name, QStringLiteral("the object has been modified; please apply your changes to the latest version and try again")));
        return;
    }
    QJsonObject obj = setPath(live->obj, scalePaths(type).spec, replicas);
    QStringList warnings;
    WriteOptions opts = writeOptions(req, info, user, &warnings);
    opts.subresource.clear();
    auto updated = m_cluster->update(type, obj, opts);
    if (!updated) {
        sendError(out, updated.error());
        return;
    }
    sendJson(out, 200, scaleObject(type, updated->obj), warningHeaders(warnings));
}

void KubeApi::serveEviction(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    const ResourceType &type = *info.type;
    const StoredObject *pod = m_cluster->get(type, info.ns, info.name);
    if (!pod) {
        sendError(out, SimCluster::notFound(type, info.name));
        return;
    }
    // PodDisruptionBudgets selecting the pod must allow one more disruption.
    const QJsonObject labels = pod->obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
    const bool running = pod->obj.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() == QLatin1String("Running");
    for (const StoredObject *pdb : m_cluster->store().list(QStringLiteral("policy/poddisruptionbudgets"), info.ns)) {
        const QJsonObject spec = pdb->obj.value(QLatin1String("spec")).toObject();
        auto sel = models::LabelSelector::fromJsonValue(spec.value(QLatin1String("selector")));
        if (!sel || sel->isEmpty() || !sel->matches(labels) || !running)
            continue;
        int healthy = 0, total = 0;
        for (const StoredObject *p : m_cluster->store().list(QStringLiteral("/pods"), info.ns)) {
            if (!sel->matches(p->obj.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject()))
                continue;
            ++total;
            if (p->obj.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() == QLatin1String("Running")
                && metaStr(p->obj, "deletionTimestamp").isEmpty())
                ++healthy;
        }
        int desired = 0;
        const QJsonValue minAvailable = spec.value(QLatin1String("minAvailable"));
        const QJsonValue maxUnavailable = spec.value(QLatin1String("maxUnavailable"));
        auto resolve = [total](const QJsonValue &v) {
            if (v.isString() && v.toString().endsWith(QLatin1Char('%')))
                return int(std::ceil(total * v.toString().chopped(1).toDouble() / 100.0));
            return v.toInt();
        };
        if (!minAvailable.isUndefined())
            desired = resolve(minAvailable);
        else if (!maxUnavailable.isUndefined())
            desired = total - resolve(maxUnavailable);
        if (healthy - 1 < desired) {
            api::ApiError e;
            e.httpStatus = 429;
            e.reason = QStringLiteral("TooManyRequests");
            e.message = QStringLiteral("Cannot evict pod as it would violate the pod's disruption budget.");
            e.details = QJsonObject{{QStringLiteral("causes"), QJsonArray{QJsonObject{
                {QStringLiteral("reason"), QStringLiteral("DisruptionBudget")},
                {QStringLiteral("message"), QStringLiteral("The disruption budget %1 needs %2 healthy pods and has %3 currently")
                                                .arg(metaStr(pdb->obj, "name")).arg(desired).arg(healthy)}}}}};
            sendError(out, e);
            return;
        }
    }
    QStringList warnings;
    WriteOptions opts = writeOptions(req, info, user, &warnings);
    opts.subresource.clear();
    auto r = m_cluster->remove(type, info.ns, info.name, DeleteOptions(), opts);
    if (!r) {
        sendError(out, r.error());
        return;
    }
    sendJson(out, 201, QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                                   {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                   {QStringLiteral("metadata"), QJsonObject()},
                                   {QStringLiteral("status"), QStringLiteral("Success")}});
}

void KubeApi::serveLog(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info)
{
    const StoredObject *pod = m_cluster->get(*info.type, info.ns, info.name);
    if (!pod) {
        sendError(out, SimCluster::notFound(*info.type, info.name));
        return;
    }
    PodLogs::serve(this, pod->obj, req, out);
}

void KubeApi::serveReview(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user)
{
    auto decoded = decodeBody(req, info);
    if (!decoded) {
        sendError(out, decoded.error());
        return;
    }
    QJsonObject review = *decoded;
    if (review.isEmpty()) {
        sendError(out, SimCluster::badRequest(QStringLiteral("Object 'Kind' is missing in '%1'").arg(QString::fromUtf8(req.body.left(200)))));
        return;
    }
    const QJsonObject spec = review.value(QLatin1String("spec")).toObject();
    const QString &res = info.resource;
    QJsonObject status;
    auto accessCheck = [&](const UserInfo &subject, QString forcedNamespace) {
        RequestInfo check;
        const QJsonObject ra = spec.value(QLatin1String("resourceAttributes")).toObject();
        const QJsonObject nra = spec.value(QLatin1String("nonResourceAttributes")).toObject();
        if (!ra.isEmpty()) {
            check.isResource = true;
            check.verb = ra.value(QLatin1String("verb")).toString();
            check.group = ra.value(QLatin1String("group")).toString();
            check.version = ra.value(QLatin1String("version")).toString();
            check.resource = ra.value(QLatin1String("resource")).toString();
            check.subresource = ra.value(QLatin1String("subresource")).toString();
            check.name = ra.value(QLatin1String("name")).toString();
            check.ns = forcedNamespace.isNull() ? ra.value(QLatin1String("namespace")).toString() : forcedNamespace;
        } else {
            check.path = nra.value(QLatin1String("path")).toString();
            check.verb = nra.value(QLatin1String("verb")).toString();
        }
        QString reason;
        const bool allowed = authorize(subject, check, &reason);
        QJsonObject s{{QStringLiteral("allowed"), allowed}};
        if (!reason.isEmpty())
            s.insert(QStringLiteral("reason"), reason);
        return s;
    };
    if (res == QLatin1String("selfsubjectaccessreviews")) {
        status = accessCheck(user, QString());
    } else if (res == QLatin1String("subjectaccessreviews") || res == QLatin1String("localsubjectaccessreviews")) {
        UserInfo subject;
        subject.name = spec.value(QLatin1String("user")).toString();
        for (const QJsonValue &g : spec.value(QLatin1String("groups")).toArray())
            subject.groups << g.toString();
        status = accessCheck(subject, res == QLatin1String("localsubjectaccessreviews") ? info.ns : QString());
    } else if (res == QLatin1String("selfsubjectrulesreviews")) {
        status = RbacAuthorizer::rulesReview(*m_cluster, user, spec.value(QLatin1String("namespace")).toString());
    } else if (res == QLatin1String("selfsubjectreviews")) {
        QJsonObject userInfo{{QStringLiteral("username"), user.name},
                             {QStringLiteral("groups"), QJsonArray::fromStringList(user.allGroups())}};
        if (!user.uid.isEmpty())
            userInfo.insert(QStringLiteral("uid"), user.uid);
        status = QJsonObject{{QStringLiteral("userInfo"), userInfo}};
    } else if (res == QLatin1String("tokenreviews")) {
        status = QJsonObject{{QStringLiteral("authenticated"), false}};
    }
    QJsonObject meta = review.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("creationTimestamp"), QJsonValue::Null);
    review.insert(QStringLiteral("metadata"), meta);
    review.insert(QStringLiteral("status"), status);
    review.insert(QStringLiteral("apiVersion"), info.type->apiVersion());
    review.insert(QStringLiteral("kind"), info.type->kind);
    sendJson(out, 201, review);
}

void KubeApi::handleWebSocket(QWebSocket *ws, const UserInfo &user, const QString &subpath, const QUrlQuery &query)
{
    HttpRequest req;
    req.method = "GET";
    req.path = subpath;
    req.query = query;
    const auto headers = ws->request().rawHeaderList();
    for (const QByteArray &h : headers)
        req.headers.insert(h.toLower(), ws->request().rawHeader(h));
    RequestInfo info = parse(req, subpath);
    auto reject = [ws](const api::ApiError &e) {
        ws->sendBinaryMessage(QByteArray(1, char(3)) + QJsonDocument(e.toStatus()).toJson(QJsonDocument::Compact));
        ws->close(QWebSocketProtocol::CloseCodeNormal);
    };
    if (!info.isResource || !info.type) {
        reject(notFoundPath());
        return;
    }
    if (!authorize(user, info)) {
        reject(SimCluster::forbidden(forbiddenMessage(user, info), info.type, info.name));
        return;
    }
    if (info.verb == QLatin1String("watch")) {
        KubeWatch::startWebSocket(this, ws, req, info);
        return;
    }
    const StoredObject *pod = info.type->kind == QLatin1String("Pod") ? m_cluster->get(*info.type, info.ns, info.name) : nullptr;
    if (!pod) {
        reject(info.type->kind == QLatin1String("Pod") ? SimCluster::notFound(*info.type, info.name) : notFoundPath());
        return;
    }
    if (info.subresource == QLatin1String("exec") || info.subresource == QLatin1String("attach")) {
        PodExec::start(this, ws, pod->obj, req, info.subresource == QLatin1String("attach"));
        return;
    }
    if (info.subresource == QLatin1String("log")) {
        PodLogs::serveWebSocket(this, pod->obj, req, ws);
        return;
    }
    reject(notFoundPath());
}

} // namespace acp::sandbox
