#pragma once
// RbacEvaluator: Kubernetes RBAC authorization over a set of Role, ClusterRole, RoleBinding and
// ClusterRoleBinding objects (rbac.authorization.k8s.io/v1 JSON), with kube-apiserver's
// semantics and texts (plugin/pkg/auth/authorizer/rbac, pkg/registry/rbac/validation).
//
// Contract:
//  - authorize() walks ClusterRoleBindings, then (for a namespaced request) the RoleBindings of
//    the request's namespace, like DefaultRuleResolver.VisitRulesFor. Bindings are indexed by
//    subject, so a decision costs O(bindings of the user and its groups), not O(all bindings).
//    Bindings are visited in name order (kube-apiserver's order is its cache's), so the reason
//    names the first allowing binding by name.
//  - Reasons: `RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "u"`,
//    `RBAC: allowed by RoleBinding "b/ns" of Role "r" to Group "g"`; a denial has an empty
//    reason, or `RBAC: <errors>` when referenced roles are missing
//    (`clusterrole.rbac.authorization.k8s.io "x" not found`).
//  - ClusterRoles with an aggregationRule get the union of the rules of the ClusterRoles their
//    clusterRoleSelectors match (name order, duplicates dropped, itself excluded), computed here
//    and recursively (an aggregated role aggregating another); the rules stored in the object
//    are ignored, except to break an aggregation cycle.
//  - The user's implicit groups (RbacUser::effectiveGroups) are always applied.
//  - Mutations (upsert/remove/clear) need exclusive access; const members may run concurrently
//    with each other (the aggregation cache is guarded). Not a QObject.
#include "api/ApiError.h"
#include "models/RbacTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <mutex>

namespace acp::models {

class RbacEvaluator {
public:
    struct Decision {
        bool allowed = false;
        QString reason;
    };

    // authorization.k8s.io/v1 ResourceRule / NonResourceRule / SubjectRulesReviewStatus.
    struct ResourceRule {
        QStringList verbs, apiGroups, resources, resourceNames;
        QJsonObject toJson() const;
    };
    struct NonResourceRule {
        QStringList verbs, nonResourceURLs;
        QJsonObject toJson() const;
    };
    struct RulesReview {
        QList<ResourceRule> resourceRules;
        QList<NonResourceRule> nonResourceRules;
        bool incomplete = false;
        QString evaluationError;
        QJsonObject toStatusJson() const;
    };

    // One subject granted a request, and through what (for who-can views).
    struct SubjectAccess {
        RbacSubject subject;
        QString bindingKind; // RoleBinding or ClusterRoleBinding
        QString bindingName;
        QString bindingNamespace;
        QString roleKind;
        QString roleName;
    };

    RbacEvaluator() = default;
    RbacEvaluator(const RbacEvaluator &) = delete;
    RbacEvaluator &operator=(const RbacEvaluator &) = delete;

    // Adds or replaces an object by kind/namespace/name (kind from the object). False if the
    // object is not one of the four RBAC kinds or has no name.
    bool upsert(const QJsonObject &object);
    bool remove(const QString &kind, const QString &namespaceName, const QString &name);
    bool removeByUid(const QString &uid);
    void clear();
    int objectCount() const;

    Decision authorize(const RbacUser &user, const RbacRequest &request) const;
    bool isAllowed(const RbacUser &user, const RbacRequest &request) const { return authorize(user, request).allowed; }

    // What SelfSubjectRulesReview returns for `namespaceName` (cluster-wide rules included).
    RulesReview rulesFor(const RbacUser &user, const QString &namespaceName) const;

    // kube-apiserver's 403 text for this request, with the RBAC reason appended when there is
    // one: `pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the
    // namespace "default"`, `forbidden: User "bob" cannot get path "/foo"`.
    QString forbiddenMessage(const RbacUser &user, const RbacRequest &request) const;
    // The same as an ApiError (403, reason Forbidden, details {group, kind: resource, name}).
    acp::api::ApiError forbiddenError(const RbacUser &user, const RbacRequest &request) const;

    // Every subject some binding grants the request to (ClusterRoleBindings, plus RoleBindings
    // of the request's namespace), in binding name order.
    QList<SubjectAccess> whoCan(const RbacRequest &request) const;

    // The effective rules of a ClusterRole (aggregated if it has an aggregationRule); empty if
    // there is no such ClusterRole.
    QList<RbacPolicyRule> clusterRoleRules(const QString &name) const;
    bool hasClusterRole(const QString &name) const { return m_clusterRoles.contains(name); }

private:
    struct Role {
        QString namespaceName, name, uid;
        QList<RbacPolicyRule> rules;
        QHash<QString, QString> labels;
        bool aggregated = false;
        QList<QJsonObject> selectors; // aggregationRule.clusterRoleSelectors
    };
    struct Binding {
        QString namespaceName, name, uid;
        QString roleKind, roleName;
        QList<RbacSubject> subjects;
    };
    enum class Kind { Role, ClusterRole, RoleBinding, ClusterRoleBinding };

    static QString objectKey(const QString &namespaceName, const QString &name);
    static QStringList subjectKeys(const Binding &binding, bool clusterScoped);
    static QStringList userKeys(const RbacUser &user);
    bool removeEntry(Kind kind, const QString &key);
    void indexBinding(const Binding &b, bool clusterScoped);
    void unindexBinding(const Binding &b, bool clusterScoped);
    void invalidateAggregation();

    // Visits rules like VisitRulesFor; the visitor returns false to stop.
    template <typename Visitor>
    void visitRulesFor(const RbacUser &user, const QString &namespaceName, Visitor visit) const;
    QList<const Binding *> candidates(const QHash<QString, QSet<QString>> &index, const QHash<QString, Binding> &bindings,
                                      const QStringList &keys, const QString &prefix) const;
    // GetRoleReferenceRules: rules, or the error text.
    bool roleRules(const Binding &b, const QString &bindingNamespace, QList<RbacPolicyRule> *rules, QString *error) const;
    QList<RbacPolicyRule> effectiveClusterRoleRules(const QString &name) const; // caller holds m_cacheMutex
    QList<RbacPolicyRule> resolveAggregation(const QString &name, QSet<QString> &visiting) const;

    QHash<QString, Role> m_clusterRoles;              // name
    QHash<QString, Role> m_roles;                     // ns/name
    QHash<QString, Binding> m_clusterRoleBindings;    // name
    QHash<QString, Binding> m_roleBindings;           // ns/name
    QHash<QString, QPair<Kind, QString>> m_uids;      // uid -> kind, key
    QHash<QString, QSet<QString>> m_crbBySubject;     // "u:name" / "g:group" -> CRB names
    QHash<QString, QSet<QString>> m_rbBySubject;      // "ns\x1fu:name" -> RB keys

    mutable std::mutex m_cacheMutex;
    mutable QHash<QString, QList<RbacPolicyRule>> m_aggregatedCache;
    mutable bool m_aggregatedValid = false;
};

} // namespace acp::models
