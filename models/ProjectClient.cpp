#include "models/ProjectClient.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace acp::models {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

api::ResourcePath corePath(const QString &resource, const QString &ns = QString())
{
    api::ResourcePath p;
    p.version = QStringLiteral("v1");
    p.resource = resource;
    p.namespaceName = ns;
    return p;
}

ProjectClient::Done once(ProjectClient::Done done, const QString &step)
{
    return [done = std::move(done), step](const std::optional<api::ApiError> &e) {
        if (!e || step.isEmpty()) {
            done(e);
            return;
        }
        api::ApiError err = *e;
        err.message = step + QStringLiteral(": ") + err.message;
        done(err);
    };
}

} // namespace

api::ResourcePath ProjectClient::projectsPath(const QString &name)
{
    api::ResourcePath p;
    p.root = QStringLiteral("/kubernetes/global/apis/auth.alauda.io/v1");
    p.resource = QStringLiteral("projects");
    p.name = name;
    return p;
}

void ProjectClient::create(const ProjectSpec &spec, QObject *context, Done done) const
{
    m_platform.create(projectsPath(), compact(spec.applyTo()), {}, context,
                      [done = std::move(done)](const api::Result<api::Response> &r, const QStringList &) {
                          done(r ? std::nullopt : std::optional(r.error()));
                      });
}

void ProjectClient::update(const ProjectSpec &spec, const QJsonObject &base, QObject *context, Done done) const
{
    QJsonObject object = spec.applyTo(base);
    object.remove(QStringLiteral("status"));
    m_platform.replace(projectsPath(spec.name), compact(object), {}, context,
                       [done = std::move(done)](const api::Result<api::Response> &r, const QStringList &) {
                           done(r ? std::nullopt : std::optional(r.error()));
                       });
}

void ProjectClient::remove(const QString &project, bool reclaimNamespaces, QObject *context, Done done) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("reclaim"), reclaimNamespaces ? QStringLiteral("true") : QStringLiteral("false"));
    api::ResourcePath p;
    p.root = QStringLiteral("/auth/v1");
    p.resource = QStringLiteral("projects");
    p.name = project;
    api::KubeClient::RequestOptions o;
    o.objectRef = QStringLiteral("projects/") + project;
    m_platform.request("DELETE", p.toString(), q, QByteArray(), QByteArray(), o, context,
                       [done = std::move(done)](const api::Result<api::Response> &r, const QStringList &) {
                           done(r ? std::nullopt : std::optional(r.error()));
                       });
}

void ProjectClient::createNamespace(const api::KubeClient &cluster, const ProjectNamespaceSpec &spec, QObject *context, Done done)
{
    // Namespace -> ResourceQuota -> LimitRange, each only after the previous succeeded.
    auto limitRange = [cluster, spec, context](Done next) {
        if (!spec.withLimitRange)
            return next(std::nullopt);
        cluster.create(corePath(QStringLiteral("limitranges"), spec.name), compact(spec.limitRangeJson()), {}, context,
                       [next = once(std::move(next), QStringLiteral("LimitRange"))](const api::Result<api::Response> &r, const QStringList &) {
                           next(r ? std::nullopt : std::optional(r.error()));
                       });
    };
    auto quota = [cluster, spec, context, limitRange](Done next) {
        if (spec.quota.isEmpty())
            return limitRange(std::move(next));
        cluster.create(corePath(QStringLiteral("resourcequotas"), spec.name), compact(spec.resourceQuotaJson()), {}, context,
                       [next = std::move(next), limitRange](const api::Result<api::Response> &r, const QStringList &) mutable {
                           if (!r)
                               return once(std::move(next), QStringLiteral("ResourceQuota"))(r.error());
                           limitRange(std::move(next));
                       });
    };
    cluster.create(corePath(QStringLiteral("namespaces")), compact(spec.namespaceJson()), {}, context,
                   [done = std::move(done), quota](const api::Result<api::Response> &r, const QStringList &) mutable {
                       if (!r)
                           return done(r.error());
                       quota(std::move(done));
                   });
}

} // namespace acp::models
