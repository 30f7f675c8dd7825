#pragma once
// RbacAuthorizer: kube-apiserver's authorizer chain for the sandbox: members of system:masters
// are allowed everything, everyone else is authorized by the cluster's RBAC objects.
#include "sandbox/KubeApi.h"

namespace acp::sandbox {

class RbacAuthorizer {
public:
    static bool authorize(SimCluster &cluster, const UserInfo &user, const RequestInfo &info, QString *reason = nullptr);
    static QString forbiddenMessage(const UserInfo &user, const RequestInfo &info);
    // SelfSubjectRulesReview status for the user in a namespace.
    static QJsonObject rulesReview(SimCluster &cluster, const UserInfo &user, const QString &ns);
};

} // namespace acp::sandbox
