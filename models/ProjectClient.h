#pragma once
// ProjectClient: the Projects area's writes, over the platform client (KubeClient whose server
// is the ACP platform root):
//   create   POST   /kubernetes/global/apis/auth.alauda.io/v1/projects
//   update   PUT    /kubernetes/global/apis/auth.alauda.io/v1/projects/<p>   (resourceVersion of
//                   the object as read: a concurrent change is a 409 Conflict, never overwritten)
//   remove   DELETE /auth/v1/projects/<p>?reclaim=true|false   (true also deletes its namespaces)
//   createNamespace  on the workload cluster's own client: the Namespace (cpaas.io/project and
//                   Pod Security labels), then the optional ResourceQuota and LimitRange; stops at
//                   the first failure and says which step failed.
// Callbacks run once, only while `context` lives. Qt Core only; GUI thread.
#include "api/KubeClient.h"
#include "models/ProjectSpec.h"

#include <functional>

namespace acp::models {

class ProjectClient {
public:
    // nullopt = success; else the server's error.
    using Done = std::function<void(const std::optional<api::ApiError> &error)>;

    explicit ProjectClient(api::KubeClient platform) : m_platform(std::move(platform)) {}

    void create(const ProjectSpec &spec, QObject *context, Done done) const;
    // `base` is the Project as read (kept fields, resourceVersion).
    void update(const ProjectSpec &spec, const QJsonObject &base, QObject *context, Done done) const;
    void remove(const QString &project, bool reclaimNamespaces, QObject *context, Done done) const;
    static void createNamespace(const api::KubeClient &cluster, const ProjectNamespaceSpec &spec, QObject *context, Done done);

    static api::ResourcePath projectsPath(const QString &name = QString());

private:
    api::KubeClient m_platform;
};

} // namespace acp::models
