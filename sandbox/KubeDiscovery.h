#pragma once
// KubeDiscovery: the non-resource endpoints of one simulated cluster, answered as kube-apiserver
// 1.32 does (paths below the cluster prefix):
//   /version, /healthz, /livez, /readyz (+ /<check>, ?verbose), /
//   /api, /apis              legacy APIVersions / APIGroupList, or the aggregated
//                            APIGroupDiscoveryList (apidiscovery.k8s.io v2 or v2beta1) when the
//                            Accept header asks for it (ETag + If-None-Match like the apiserver)
//   /api/v1, /apis/<g>, /apis/<g>/<v>   APIResourceList / APIGroup
//   /openapi/v3              {"paths": {"api/v1": {"serverRelativeURL": "<prefix>/openapi/v3/api/v1?hash=..."}}}
//                            (the prefix is included because client-go resolves the URL against
//                            the host, replacing the whole path)
//   /openapi/v3/<gv>         the OpenAPI v3 document from OpenApiStore; a matching `hash` makes it
//                            immutable-cacheable, a stale one is still served (no redirect)
//   /openapi/v2              an empty Swagger 2.0 document (JSON, or gnostic protobuf when asked): kubectl
//                            1.32 reads v3, but falls back to v2 for client-side validation of kinds whose
//                            v3 PATCH operation is absent (create-only reviews); with no definition there
//                            it skips client-side validation instead of failing ("failed to download openapi")
// Anything else is a 404 Status.
// The static builders are pure functions of a registry (used directly by tests).
// Constructed per request; single-threaded (the sandbox's event loop).
#include "sandbox/KubeApi.h"

#include <QJsonObject>
#include <memory>

namespace acp::sandbox {

class OpenApiStore;
class ResourceRegistry;

class KubeDiscovery {
public:
    KubeDiscovery(SimCluster &cluster, const ServeContext &ctx);

    // `path` is below the cluster prefix ("/api", "/openapi/v3/apis/apps/v1", ...).
    void serve(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QString &path);

    enum class Format { Legacy, AggregatedV2, AggregatedV2Beta1 };
    // Which discovery document an Accept header asks for (first acceptable clause, by q then order).
    static Format negotiate(const QByteArray &accept);
    // "application/json" or "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList".
    static QByteArray contentType(Format format);

    static QJsonObject version(const QString &gitVersion);                 // /version
    static QJsonObject apiVersions(const QString &serverAddress);          // /api (legacy)
    static QJsonObject groupList(const ResourceRegistry &registry);        // /apis (legacy)
    // /apis/<group>; empty when the group is not served.
    static QJsonObject apiGroup(const ResourceRegistry &registry, const QString &group);
    // /api/v1 (group "") and /apis/<g>/<v>; empty when the group-version is not served.
    static QJsonObject resourceList(const ResourceRegistry &registry, const QString &group, const QString &version);
    // /api (core = true: the "" group only) or /apis (every other group) as APIGroupDiscoveryList.
    static QJsonObject aggregated(const ResourceRegistry &registry, bool core, Format format = Format::AggregatedV2);
    // /openapi/v3; serverRelativeURLs start with `prefix` ("/kubernetes/<cluster>").
    static QJsonObject openApiRoot(const ResourceRegistry &registry, OpenApiStore &store, const QString &prefix);
    // /openapi/v2: an empty Swagger 2.0 document, JSON or protobuf (gnostic openapi_v2.Document).
    static QByteArray openApiV2(const QString &gitVersion, bool protobuf);
    // /: the paths this server answers.
    static QJsonObject rootPaths(const ResourceRegistry &registry);
    // kube-apiserver's storageVersionHash: base64 of the first 8 bytes of sha256("<g>/<v>/<Kind>").
    static QString storageVersionHash(const QString &group, const QString &version, const QString &kind);

private:
    void serveHealth(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QString &path);
    void serveOpenApi(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QString &path);
    void sendCached(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const QByteArray &contentType,
                    const QByteArray &body, const QByteArray &etag, QList<QPair<QByteArray, QByteArray>> headers);
    OpenApiStore &openApi() const;

    SimCluster &m_cluster;
    ServeContext m_ctx;
};

} // namespace acp::sandbox
