#pragma once
// KubeApi: the Kubernetes API of one simulated cluster, served under /kubernetes/<cluster>/.
// Parses kube-apiserver request paths into RequestInfo, authorizes them with RBAC (and
// impersonation), then serves discovery, OpenAPI, CRUD, patch, server-side apply, watch, the
// Table format, access reviews and pod subresources. Errors are kube-apiserver's Status objects.
// Single-threaded (the sandbox's event loop).
#include "api/ApiError.h"
#include "sandbox/HttpServer.h"
#include "sandbox/SimCluster.h"

#include <QObject>
#include <memory>
#include <optional>

class QWebSocket;

namespace acp::sandbox {

class OpenApiStore;
class FaultInjector;
class FieldValidator;

struct RequestInfo {
    bool isResource = false;
    QString path;              // path below the cluster prefix, e.g. "/api/v1/pods"
    QString verb;              // get list watch create update patch delete deletecollection (or HTTP verb lower-case)
    QString group, version, resource, subresource, ns, name;
    const ResourceType *type = nullptr;
};

struct ServeContext {
    QString prefix;                     // "/kubernetes/<cluster>"
    QString clusterName;
    OpenApiStore *openApi = nullptr;
    FaultInjector *faults = nullptr;
    int bookmarkIntervalMs = 5000;
};

class KubeApi : public QObject {
    Q_OBJECT
public:
    KubeApi(SimCluster *cluster, ServeContext ctx, QObject *parent = nullptr);

    // `subpath` is the request path below the cluster prefix ("/api/v1/...").
    void handle(const HttpRequest &req, std::shared_ptr<HttpResponder> out, const UserInfo &user, const QString &subpath);
    void handleWebSocket(QWebSocket *ws, const UserInfo &user, const QString &subpath, const QUrlQuery &query);

    // Authorization (RBAC; members of system:masters are always allowed).
    bool authorize(const UserInfo &user, const RequestInfo &info, QString *reason = nullptr);
    QString forbiddenMessage(const UserInfo &user, const RequestInfo &info) const;

    static void sendError(const std::shared_ptr<HttpResponder> &out, const api::ApiError &e,
                          const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static void sendJson(const std::shared_ptr<HttpResponder> &out, int status, const QJsonObject &obj,
                         const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static api::ApiError notFoundPath();
    SimCluster *cluster() const { return m_cluster; }
    const ServeContext &context() const { return m_ctx; }

private:
    RequestInfo parse(const HttpRequest &req, const QString &subpath) const;
    api::Result<UserInfo> impersonate(const HttpRequest &req, const UserInfo &user);

    // reads
    void serveGet(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveList(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    // writes (KubeApiWrite.cpp)
    void serveCreate(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveUpdate(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void servePatch(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveDelete(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveDeleteCollection(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveReview(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveScale(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveEviction(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info, const UserInfo &user);
    void serveLog(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const RequestInfo &info);

    api::Result<QJsonObject> decodeBody(const HttpRequest &req, const RequestInfo &info) const;
    QByteArray renderObject(const HttpRequest &req, const RequestInfo &info, const StoredObject &obj) const;
    WriteOptions writeOptions(const HttpRequest &req, const RequestInfo &info, const UserInfo &user, QStringList *warnings) const;
    // fieldValidation (KubeApiFields.cpp): prunes fields the kind's OpenAPI schema does not declare
    // from `obj`; Warn adds "unknown field"/"duplicate field" warnings, Strict returns kube-apiserver's
    // BadRequest (worded for a decoded body or, for PatchedObject, a patch result). Unknown fields
    // `live` (the stored object) already has are neither reported nor, alone, pruned.
    enum class FieldCheck { DecodedBody, PatchedObject };
    std::optional<api::ApiError> validateFields(const HttpRequest &req, const RequestInfo &info, QJsonObject *obj,
                                                FieldCheck check, QStringList *warnings, const QJsonObject &live = {});
    // Server-side apply of fields the schema does not declare: kube-apiserver's 500
    // "failed to create typed patch object (...): .spec.foo: field not declared in schema".
    std::optional<api::ApiError> checkApplyFields(const RequestInfo &info, const QJsonObject &config);
    QJsonObject fieldSchemas(const ResourceType &type);   // components.schemas of the type's group-version
    static QList<QPair<QByteArray, QByteArray>> warningHeaders(const QStringList &warnings);

    SimCluster *m_cluster;
    ServeContext m_ctx;
    std::shared_ptr<FieldValidator> m_fieldValidator;   // created on first use
};

} // namespace acp::sandbox
