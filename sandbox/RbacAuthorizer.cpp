#include "sandbox/RbacAuthorizer.h"

#include "models/RbacEvaluator.h"

namespace acp::sandbox {

namespace {
models::RbacUser rbacUser(const UserInfo &user)
{
    models::RbacUser u;
    u.name = user.name;
    u.groups = user.groups;
    return u;
}

models::RbacRequest rbacRequest(const RequestInfo &info)
{
    if (!info.isResource)
        return models::RbacRequest::forPath(info.verb, info.path);
    return models::RbacRequest::forResource(info.verb, info.group, info.resource, info.ns, info.name, info.subresource);
}

bool isMaster(const UserInfo &user)
{
    return user.groups.contains(QStringLiteral("system:masters"));
}
} // namespace

bool RbacAuthorizer::authorize(SimCluster &cluster, const UserInfo &user, const RequestInfo &info, QString *reason)
{
    if (isMaster(user))
        return true;
    // kube-apiserver maps HTTP verbs of non-resource requests to get/post/put/patch/delete.
    RequestInfo effective = info;
    if (!info.isResource) {
        static const QHash<QString, QString> verbs{{QStringLiteral("get"), QStringLiteral("get")}, {QStringLiteral("head"), QStringLiteral("get")},
                                                   {QStringLiteral("post"), QStringLiteral("post")}, {QStringLiteral("put"), QStringLiteral("put")},
                                                   {QStringLiteral("patch"), QStringLiteral("patch")}, {QStringLiteral("delete"), QStringLiteral("delete")}};
        effective.verb = verbs.value(info.verb, info.verb);
        if (effective.path.isEmpty())
            effective.path = QStringLiteral("/");
    }
    const auto decision = cluster.rbac().authorize(rbacUser(user), rbacRequest(effective));
    if (reason)
        *reason = decision.reason;
    return decision.allowed;
}

QString RbacAuthorizer::forbiddenMessage(const UserInfo &user, const RequestInfo &info)
{
    models::RbacEvaluator none;
    return none.forbiddenMessage(rbacUser(user), rbacRequest(info));
}

QJsonObject RbacAuthorizer::rulesReview(SimCluster &cluster, const UserInfo &user, const QString &ns)
{
    if (isMaster(user)) {
        models::RbacEvaluator::RulesReview all;
        all.resourceRules << models::RbacEvaluator::ResourceRule{{QStringLiteral("*")}, {QStringLiteral("*")}, {QStringLiteral("*")}, {}};
        all.nonResourceRules << models::RbacEvaluator::NonResourceRule{{QStringLiteral("*")}, {QStringLiteral("*")}};
        return all.toStatusJson();
    }
    return cluster.rbac().rulesFor(rbacUser(user), ns).toStatusJson();
}

} // namespace acp::sandbox
