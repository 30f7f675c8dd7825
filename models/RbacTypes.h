#pragma once
// Value types for Kubernetes RBAC evaluation (rbac.authorization.k8s.io/v1): the user, the
// request attributes, subjects and PolicyRule with kube-apiserver's matching rules
// (pkg/apis/rbac/v1/evaluation_helpers.go). Plain values, any thread.
#include "api/ApiError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::models {

// user.Info as the authenticator hands it to the authorizer.
struct RbacUser {
    QString name;
    QStringList groups;

    // The groups plus the ones the authenticator adds implicitly: "system:authenticated" for
    // everyone but "system:anonymous" (who gets "system:unauthenticated"), and for service
    // accounts (system:serviceaccount:<ns>:<name>) "system:serviceaccounts" and
    // "system:serviceaccounts:<ns>". No duplicates.
    QStringList effectiveGroups() const;

    static RbacUser serviceAccount(const QString &namespaceName, const QString &name);
    // "system:serviceaccount:<ns>:<name>"
    static QString serviceAccountUserName(const QString &namespaceName, const QString &name);
};

// authorizer.Attributes: a resource request (verb on apiGroup/resource[/subresource], optional
// name and namespace) or a non-resource request (verb on a URL path).
// Note: kube-apiserver's RequestInfo sets namespace = name for "namespaces" requests by name
// (GET /api/v1/namespaces/x has namespace "x"); callers build attributes the same way.
struct RbacRequest {
    QString verb;
    QString apiGroup;
    QString resource;
    QString subresource;
    QString name;
    QString namespaceName;
    QString path;
    bool resourceRequest = true;

    static RbacRequest forResource(const QString &verb, const QString &apiGroup, const QString &resource,
                                   const QString &namespaceName = QString(), const QString &name = QString(),
                                   const QString &subresource = QString());
    static RbacRequest forPath(const QString &verb, const QString &path);

    // The message kube-apiserver's 403 carries for this request (responsewriters.Forbidden +
    // apierrors.NewForbidden), with `reason` (the authorizer's, e.g. "RBAC: ...") appended when
    // not empty: `pods "p1" is forbidden: User "bob" cannot create resource "pods/exec" in API
    // group "" in the namespace "default"`, `forbidden: User "bob" cannot get path "/foo"`.
    QString forbiddenMessage(const QString &userName, const QString &reason = QString()) const;
    // The same as an ApiError: 403, reason Forbidden, details {name, group, kind: resource}.
    acp::api::ApiError forbiddenError(const QString &userName, const QString &reason = QString()) const;
};

// rbacv1.Subject.
struct RbacSubject {
    QString kind; // User, Group, ServiceAccount
    QString name;
    QString namespaceName;
    QString apiGroup;

    static RbacSubject fromJson(const QJsonObject &subject);
    QJsonObject toJson() const;
    // describeSubject(): `User "bob"`, `ServiceAccount "default/kube-system"` (name/namespace;
    // a ServiceAccount without namespace takes `bindingNamespace`).
    QString describe(const QString &bindingNamespace) const;
    // appliesToUser(): the subject names this user or one of its groups. A ServiceAccount
    // without namespace means one in `bindingNamespace` (never, for a ClusterRoleBinding).
    bool appliesTo(const QString &userName, const QStringList &groups, const QString &bindingNamespace) const;
    bool operator==(const RbacSubject &o) const
    {
        return kind == o.kind && name == o.name && namespaceName == o.namespaceName && apiGroup == o.apiGroup;
    }
};

// rbacv1.PolicyRule. Empty and absent lists are the same (as Semantic.DeepEqual treats them).
struct RbacPolicyRule {
    QStringList verbs;
    QStringList apiGroups;
    QStringList resources;
    QStringList resourceNames;
    QStringList nonResourceURLs;

    static RbacPolicyRule fromJson(const QJsonObject &rule);
    static QList<RbacPolicyRule> listFromJson(const QJsonArray &rules);
    QJsonObject toJson() const; // empty lists omitted, as the API serves them
    static QJsonArray listToJson(const QList<RbacPolicyRule> &rules);

    bool verbMatches(const QString &verb) const;
    bool apiGroupMatches(const QString &group) const;
    // `combinedResource` is "resource" or "resource/subresource"; "*/subresource" rules match
    // any resource's subresource.
    bool resourceMatches(const QString &combinedResource, const QString &subresource) const;
    bool resourceNameMatches(const QString &name) const;
    // "*" matches all; a rule URL ending in "*" is a prefix match.
    bool nonResourceURLMatches(const QString &path) const;
    // RuleAllows(): the rule grants the request.
    bool allows(const RbacRequest &request) const;

    bool operator==(const RbacPolicyRule &o) const
    {
        return verbs == o.verbs && apiGroups == o.apiGroups && resources == o.resources
               && resourceNames == o.resourceNames && nonResourceURLs == o.nonResourceURLs;
    }
};

} // namespace acp::models
