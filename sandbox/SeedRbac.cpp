// Seed: kube-apiserver's bootstrap RBAC policy (the parts a console user meets) and the
// platform's role bindings for the sandbox users.
#include "sandbox/Seed.h"

#include "models/LabelSelector.h"
#include "sandbox/ProjectMemberBindings.h"
#include "sandbox/SeedInternal.h"

#include <QSet>
#include <algorithm>

namespace acp::sandbox {

namespace {

const QString kRbacV1 = QStringLiteral("rbac.authorization.k8s.io/v1");
const QString kRbacGroup = QStringLiteral("rbac.authorization.k8s.io");
const QStringList kRead{QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch")};
const QStringList kWrite{QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
                         QStringLiteral("patch"), QStringLiteral("update")};
const QStringList kAll = QStringList{QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
                                     QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("patch"),
                                     QStringLiteral("update"), QStringLiteral("watch")};

QJsonArray list(const QStringList &l) { return QJsonArray::fromStringList(l); }

QJsonObject rule(const QStringList &groups, const QStringList &resources, const QStringList &verbs)
{
    return QJsonObject{{QStringLiteral("apiGroups"), list(groups)}, {QStringLiteral("resources"), list(resources)},
                       {QStringLiteral("verbs"), list(verbs)}};
}

QJsonObject urlRule(const QStringList &urls, const QStringList &verbs)
{
    return QJsonObject{{QStringLiteral("nonResourceURLs"), list(urls)}, {QStringLiteral("verbs"), list(verbs)}};
}

QStringList split(const char *s) { return QString::fromLatin1(s).split(QLatin1Char(' '), Qt::SkipEmptyParts); }

QJsonObject clusterRole(const QString &name, const QJsonArray &rules, const QJsonObject &extraLabels = {},
                        const char *aggregateFrom = nullptr)
{
    QJsonObject labels{{QStringLiteral("kubernetes.io/bootstrapping"), QStringLiteral("rbac-defaults")}};
    for (auto it = extraLabels.begin(); it != extraLabels.end(); ++it)
        labels.insert(it.key(), it.value());
    QJsonObject role = seed::object("rbac.authorization.k8s.io/v1", "ClusterRole", QString(), name, labels, 86400 * 120);
    sim::setAnnotation(role, QStringLiteral("rbac.authorization.kubernetes.io/autoupdate"), QStringLiteral("true"));
    role.insert(QStringLiteral("rules"), rules);
    if (aggregateFrom) {
        role.insert(QStringLiteral("aggregationRule"),
                    QJsonObject{{QStringLiteral("clusterRoleSelectors"),
                                 QJsonArray{QJsonObject{{QStringLiteral("matchLabels"),
                                                         QJsonObject{{QStringLiteral("rbac.authorization.k8s.io/aggregate-to-") + QLatin1String(aggregateFrom),
                                                                      QStringLiteral("true")}}}}}}});
    }
    return role;
}

QJsonObject subject(const char *kind, const QString &name)
{
    return QJsonObject{{QStringLiteral("kind"), QString::fromLatin1(kind)}, {QStringLiteral("apiGroup"), kRbacGroup},
                       {QStringLiteral("name"), name}};
}

QJsonObject binding(const char *kind, const QString &ns, const QString &name, const QString &role, const QJsonArray &subjects,
                    bool bootstrap)
{
    QJsonObject b = seed::object("rbac.authorization.k8s.io/v1", kind, ns, name,
                                 bootstrap ? QJsonObject{{QStringLiteral("kubernetes.io/bootstrapping"), QStringLiteral("rbac-defaults")}} : QJsonObject(),
                                 bootstrap ? 86400 * 120 : 86400 * 30);
    if (bootstrap)
        sim::setAnnotation(b, QStringLiteral("rbac.authorization.kubernetes.io/autoupdate"), QStringLiteral("true"));
    b.insert(QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("apiGroup"), kRbacGroup},
                                                    {QStringLiteral("kind"), QStringLiteral("ClusterRole")},
                                                    {QStringLiteral("name"), role}});
    b.insert(QStringLiteral("subjects"), subjects);
    return b;
}

QJsonArray viewRules()
{
    return QJsonArray{
        rule({QString()}, split("configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers "
                                "replicationcontrollers/scale serviceaccounts services services/status"), kRead),
        rule({QString()}, split("bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status "
                                "resourcequotas resourcequotas/status"), kRead),
        rule({QString()}, {QStringLiteral("namespaces")}, kRead),
        rule({QStringLiteral("discovery.k8s.io")}, {QStringLiteral("endpointslices")}, kRead),
        rule({QStringLiteral("apps")}, split("controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status "
                                             "replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status"), kRead),
        rule({QStringLiteral("autoscaling")}, split("horizontalpodautoscalers horizontalpodautoscalers/status"), kRead),
        rule({QStringLiteral("batch")}, split("cronjobs cronjobs/status jobs jobs/status"), kRead),
        rule({QStringLiteral("extensions")}, split("daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses "
                                                   "ingresses/status networkpolicies replicasets replicasets/scale replicasets/status "
                                                   "replicationcontrollers/scale"), kRead),
        rule({QStringLiteral("policy")}, split("poddisruptionbudgets poddisruptionbudgets/status"), kRead),
        rule({QStringLiteral("networking.k8s.io")}, split("ingresses ingresses/status networkpolicies"), kRead)};
}

QJsonArray editRules()
{
    return QJsonArray{
        rule({QString()}, split("pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy"), kRead),
        rule({QString()}, {QStringLiteral("serviceaccounts")}, {QStringLiteral("impersonate")}),
        rule({QString()}, split("pods pods/attach pods/exec pods/portforward pods/proxy"), kWrite),
        rule({QString()}, {QStringLiteral("pods/eviction")}, {QStringLiteral("create")}),
        rule({QString()}, split("configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets "
                                "serviceaccounts services services/proxy"), kWrite),
        rule({QString()}, {QStringLiteral("serviceaccounts/token")}, {QStringLiteral("create")}),
        rule({QStringLiteral("apps")}, split("daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale "
                                             "statefulsets statefulsets/scale"), kWrite),
        rule({QStringLiteral("autoscaling")}, {QStringLiteral("horizontalpodautoscalers")}, kWrite),
        rule({QStringLiteral("batch")}, split("cronjobs jobs"), kWrite),
        rule({QStringLiteral("extensions")}, split("daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies "
                                                   "replicasets replicasets/scale replicationcontrollers/scale"), kWrite),
        rule({QStringLiteral("policy")}, {QStringLiteral("poddisruptionbudgets")}, kWrite),
        rule({QStringLiteral("networking.k8s.io")}, split("ingresses networkpolicies"), kWrite),
        rule({QStringLiteral("coordination.k8s.io")}, {QStringLiteral("leases")}, kAll)};
}

QJsonArray adminRules()
{
    return QJsonArray{rule({QStringLiteral("authorization.k8s.io")}, {QStringLiteral("localsubjectaccessreviews")}, {QStringLiteral("create")}),
                      rule({kRbacGroup}, split("rolebindings roles"), kAll)};
}

QJsonObject aggregateLabel(const char *to)
{
    return QJsonObject{{QStringLiteral("rbac.authorization.k8s.io/aggregate-to-") + QLatin1String(to), QStringLiteral("true")}};
}

// What Kyverno's Helm chart installs for users (charts/kyverno/templates/rbac/policies.yaml and
// reports.yaml, rbac.aggregateClusterRoles on by default): namespace admins manage and viewers
// read Kyverno Policies and PolicyReports, through the aggregation into `admin` and `view`.
QList<QJsonObject> kyvernoClusterRoles()
{
    const QStringList kyvernoResources = split("cleanuppolicies clustercleanuppolicies policies clusterpolicies policyexceptions");
    const QStringList read = split("get list watch");
    const QStringList write = split("create delete get list patch update watch");
    const QJsonObject labels{{QStringLiteral("app.kubernetes.io/component"), QStringLiteral("rbac")},
                             {QStringLiteral("app.kubernetes.io/instance"), QStringLiteral("kyverno")},
                             {QStringLiteral("app.kubernetes.io/part-of"), QStringLiteral("kyverno")}};
    // clusterRole() makes bootstrap roles: drop their bootstrapping label and autoupdate annotation.
    const QStringList reportResources = split("policyreports clusterpolicyreports");
    auto kyvernoRole = [&](const char *name, const QStringList &verbs, const char *aggregateTo, bool reports = false) {
        QJsonObject role = clusterRole(QLatin1String(name), reports ? QJsonArray{rule({QStringLiteral("wgpolicyk8s.io")}, reportResources, verbs)}
                                                                    : QJsonArray{rule({QStringLiteral("kyverno.io")}, kyvernoResources, verbs)});
        QJsonObject meta = role.value(QLatin1String("metadata")).toObject();
        QJsonObject roleLabels = labels;
        roleLabels.insert(QStringLiteral("rbac.authorization.k8s.io/aggregate-to-") + QLatin1String(aggregateTo), QStringLiteral("true"));
        meta.insert(QStringLiteral("labels"), roleLabels);
        meta.remove(QStringLiteral("annotations"));
        role.insert(QStringLiteral("metadata"), meta);
        return role;
    };
    return {kyvernoRole("kyverno:rbac:admin:policies", write, "admin"), kyvernoRole("kyverno:rbac:view:policies", read, "view"),
            kyvernoRole("kyverno:rbac:admin:reports", write, "admin", true), kyvernoRole("kyverno:rbac:view:reports", read, "view", true)};
}

} // namespace

QList<QJsonObject> Seed::bootstrapRbac()
{
    const QStringList discoveryUrls = split("/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/");
    const QStringList publicUrls = split("/healthz /livez /readyz /version /version/");
    QList<QJsonObject> roles{
        clusterRole(QStringLiteral("cluster-admin"), QJsonArray{rule({QStringLiteral("*")}, {QStringLiteral("*")}, {QStringLiteral("*")}),
                                                                 urlRule({QStringLiteral("*")}, {QStringLiteral("*")})}),
        clusterRole(QStringLiteral("admin"), {}, {}, "admin"),
        clusterRole(QStringLiteral("edit"), {}, aggregateLabel("admin"), "edit"),
        clusterRole(QStringLiteral("view"), {}, aggregateLabel("edit"), "view"),
        clusterRole(QStringLiteral("system:aggregate-to-admin"), adminRules(), aggregateLabel("admin")),
        clusterRole(QStringLiteral("system:aggregate-to-edit"), editRules(), aggregateLabel("edit")),
        clusterRole(QStringLiteral("system:aggregate-to-view"), viewRules(), aggregateLabel("view")),
        clusterRole(QStringLiteral("system:basic-user"),
                    QJsonArray{rule({QStringLiteral("authorization.k8s.io")}, split("selfsubjectaccessreviews selfsubjectrulesreviews"), {QStringLiteral("create")}),
                               rule({QStringLiteral("authentication.k8s.io")}, {QStringLiteral("selfsubjectreviews")}, {QStringLiteral("create")})}),
        clusterRole(QStringLiteral("system:discovery"), QJsonArray{urlRule(discoveryUrls, {QStringLiteral("get")})}),
        clusterRole(QStringLiteral("system:public-info-viewer"), QJsonArray{urlRule(publicUrls, {QStringLiteral("get")})}),
    };
    const QList<QJsonObject> aggregated = aggregateClusterRoles(roles);
    for (const QJsonObject &a : aggregated)
        for (QJsonObject &r : roles)
            if (sim::nameOf(r) == sim::nameOf(a))
                r = a;

    const QJsonObject authenticated = subject("Group", QStringLiteral("system:authenticated"));
    roles << binding("ClusterRoleBinding", QString(), QStringLiteral("cluster-admin"), QStringLiteral("cluster-admin"),
                     QJsonArray{subject("Group", QStringLiteral("system:masters"))}, true)
          << binding("ClusterRoleBinding", QString(), QStringLiteral("system:basic-user"), QStringLiteral("system:basic-user"),
                     QJsonArray{authenticated}, true)
          << binding("ClusterRoleBinding", QString(), QStringLiteral("system:discovery"), QStringLiteral("system:discovery"),
                     QJsonArray{authenticated}, true)
          << binding("ClusterRoleBinding", QString(), QStringLiteral("system:public-info-viewer"), QStringLiteral("system:public-info-viewer"),
                     QJsonArray{authenticated, subject("Group", QStringLiteral("system:unauthenticated"))}, true);
    return roles;
}

QList<QJsonObject> Seed::aggregateClusterRoles(const QList<QJsonObject> &clusterRoles)
{
    // Name order, like the aggregation controller's lister: the result does not depend on input order.
    QList<QJsonObject> roles = clusterRoles;
    std::sort(roles.begin(), roles.end(), [](const QJsonObject &a, const QJsonObject &b) { return sim::nameOf(a) < sim::nameOf(b); });
    QSet<int> changed;
    for (int round = 0; round < 8; ++round) {
        bool any = false;
        for (int i = 0; i < roles.size(); ++i) {
            const QJsonArray selectors = roles[i].value(QLatin1String("aggregationRule")).toObject()
                                             .value(QLatin1String("clusterRoleSelectors")).toArray();
            if (selectors.isEmpty())
                continue;
            QJsonArray rules;
            for (const QJsonValue &sv : selectors) {
                auto sel = models::LabelSelector::fromJson(sv.toObject());
                if (!sel)
                    continue;
                for (int j = 0; j < roles.size(); ++j) {
                    if (j == i || !sel->matches(sim::labelsOf(roles[j])))
                        continue;
                    for (const QJsonValue &r : roles[j].value(QLatin1String("rules")).toArray())
                        if (!rules.contains(r))
                            rules << r;
                }
            }
            if (rules != roles[i].value(QLatin1String("rules")).toArray()) {
                roles[i].insert(QStringLiteral("rules"), rules);
                changed.insert(i);
                any = true;
            }
        }
        if (!any)
            break;
    }
    QList<QJsonObject> out;
    for (int i : std::as_const(changed))
        out << roles[i];
    return out;
}

namespace seed {

void seedRbac(Writer &w, const Plan &plan, const QString &clusterName)
{
    QList<QJsonObject> rbac = Seed::bootstrapRbac();
    rbac << kyvernoClusterRoles();
    QList<QJsonObject> clusterRoles;
    for (const QJsonObject &o : std::as_const(rbac))
        if (o.value(QLatin1String("kind")).toString() == QLatin1String("ClusterRole"))
            clusterRoles << o;
    for (const QJsonObject &a : Seed::aggregateClusterRoles(clusterRoles))
        for (QJsonObject &r : rbac)
            if (r.value(QLatin1String("kind")).toString() == QLatin1String("ClusterRole") && sim::nameOf(r) == sim::nameOf(a))
                r = a;
    for (const QJsonObject &o : std::as_const(rbac))
        w.put(o);
    for (const UserGrant &u : plan.users) {
        const QJsonArray subjects{subject("User", u.name)};
        if (u.platformAdmin)
            w.put(binding("ClusterRoleBinding", QString(), u.name + QStringLiteral("-platform-admin"), QStringLiteral("cluster-admin"), subjects, false));
        if (u.auditor)
            w.put(binding("ClusterRoleBinding", QString(), u.name + QStringLiteral("-platform-auditor"), QStringLiteral("view"), subjects, false));
        if (!u.projectOwner)
            continue;
        // Like ACP: a project administrator gets `admin` in the project's namespaces, nothing
        // cluster-wide: the RoleBindings the platform's controller (ProjectMemberBindings) makes
        // from her UserBinding (seedPlatform), so seeded and reconciled bindings are the same.
        for (const NamespacePlan &ns : plan.namespacesOf(clusterName)) {
            if (!plan.ownersOf(ns.project).contains(u.name))
                continue;
            QStringList projectClusters;
            for (const ProjectPlan &p : plan.projects)
                if (p.name == ns.project)
                    projectClusters = p.clusters;
            const QJsonObject ub = userBinding(u.name, QStringLiteral("project-admin-system"), QStringLiteral("project"),
                                               QJsonArray{QJsonObject{{QStringLiteral("project"), ns.project}}});
            for (QJsonObject rb : ProjectMemberBindings::desiredBindings(ub, clusterName, ns.name, ns.project, projectClusters)) {
                sim::setMetaField(rb, QStringLiteral("creationTimestamp"), sim::timeAgo(86400 * 30));
                w.put(rb);
            }
        }
    }
}

} // namespace seed

} // namespace acp::sandbox
