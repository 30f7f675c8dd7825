#include "sandbox/ResourceRegistry.h"

#include <QJsonArray>

namespace acp::sandbox {

namespace {

const QStringList kStandardVerbs{QStringLiteral("create"), QStringLiteral("delete"),
                                 QStringLiteral("deletecollection"), QStringLiteral("get"),
                                 QStringLiteral("list"), QStringLiteral("patch"),
                                 QStringLiteral("update"), QStringLiteral("watch")};
const QStringList kNodeNsVerbs{QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("get"),
                               QStringLiteral("list"), QStringLiteral("patch"), QStringLiteral("update"),
                               QStringLiteral("watch")};

struct BuiltinRow {
    const char *group, *version, *resource, *singular, *kind;
    bool namespaced;
    const char *shortNames;      // comma-separated
    const char *categories;      // comma-separated
    const char *subresources;    // comma-separated
    int verbs;                   // 0 standard, 1 no deletecollection, 2 create only
};

// Built-in kinds as kube-apiserver 1.32 serves them (discovery names, short names, categories).
const BuiltinRow kBuiltins[] = {
    {"", "v1", "namespaces", "namespace", "Namespace", false, "ns", "", "status,finalize", 1},
    {"", "v1", "nodes", "node", "Node", false, "no", "", "status,proxy", 0},
    {"", "v1", "pods", "pod", "Pod", true, "po", "all", "status,log,exec,attach,eviction,portforward,ephemeralcontainers,binding", 0},
    {"", "v1", "services", "service", "Service", true, "svc", "all", "status,proxy", 1},
    {"", "v1", "endpoints", "endpoints", "Endpoints", true, "ep", "", "", 0},
    {"", "v1", "configmaps", "configmap", "ConfigMap", true, "cm", "", "", 0},
    {"", "v1", "secrets", "secret", "Secret", true, "", "", "", 0},
    {"", "v1", "events", "event", "Event", true, "ev", "", "", 0},
    {"", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa", "", "token", 0},
    {"", "v1", "resourcequotas", "resourcequota", "ResourceQuota", true, "quota", "", "status", 0},
    {"", "v1", "limitranges", "limitrange", "LimitRange", true, "limits", "", "", 0},
    {"", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, "pvc", "", "status", 0},
    {"", "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false, "pv", "", "status", 0},
    {"apps", "v1", "deployments", "deployment", "Deployment", true, "deploy", "all", "status,scale", 0},
    {"apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, "rs", "all", "status,scale", 0},
    {"apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, "sts", "all", "status,scale", 0},
    {"apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, "ds", "all", "status", 0},
    {"authentication.k8s.io", "v1", "selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", false, "", "", "", 2},
    {"authentication.k8s.io", "v1", "tokenreviews", "tokenreview", "TokenReview", false, "", "", "", 2},
    {"authorization.k8s.io", "v1", "localsubjectaccessreviews", "localsubjectaccessreview", "LocalSubjectAccessReview", true, "", "", "", 2},
    {"authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false, "", "", "", 2},
    {"authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview", false, "", "", "", 2},
    {"authorization.k8s.io", "v1", "subjectaccessreviews", "subjectaccessreview", "SubjectAccessReview", false, "", "", "", 2},
    {"batch", "v1", "cronjobs", "cronjob", "CronJob", true, "cj", "all", "status", 0},
    {"batch", "v1", "jobs", "job", "Job", true, "", "all", "status", 0},
    {"networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, "ing", "", "status", 0},
    {"networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, "netpol", "", "", 0},
    {"policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, "pdb", "", "status", 0},
    {"rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, "", "", "", 0},
    {"rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, "", "", "", 0},
    {"rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, "", "", "", 0},
    {"rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, "", "", "", 0},
    {"apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, "crd,crds", "api-extensions", "status", 0},
};

QStringList splitList(const char *s)
{
    return QString::fromLatin1(s).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

SubresourceInfo subresource(const ResourceType &t, const QString &name)
{
    SubresourceInfo s;
    s.name = name;
    s.group = t.group;
    s.version = t.version;
    s.kind = t.kind;
    s.verbs = {QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update")};
    if (name == QLatin1String("scale")) {
        s.group = QStringLiteral("autoscaling");
        s.version = QStringLiteral("v1");
        s.kind = QStringLiteral("Scale");
    } else if (name == QLatin1String("log")) {
        s.kind = QStringLiteral("Pod");
        s.verbs = {QStringLiteral("get")};
    } else if (name == QLatin1String("exec") || name == QLatin1String("attach") || name == QLatin1String("portforward")) {
        s.kind = name == QLatin1String("exec") ? QStringLiteral("PodExecOptions")
               : name == QLatin1String("attach") ? QStringLiteral("PodAttachOptions") : QStringLiteral("PodPortForwardOptions");
        s.verbs = {QStringLiteral("create"), QStringLiteral("get")};
    } else if (name == QLatin1String("eviction")) {
        s.group = QStringLiteral("policy");
        s.kind = QStringLiteral("Eviction");
        s.verbs = {QStringLiteral("create")};
    } else if (name == QLatin1String("binding")) {
        s.kind = QStringLiteral("Binding");
        s.verbs = {QStringLiteral("create")};
    } else if (name == QLatin1String("token")) {
        s.group = QStringLiteral("authentication.k8s.io");
        s.kind = QStringLiteral("TokenRequest");
        s.verbs = {QStringLiteral("create")};
    } else if (name == QLatin1String("proxy")) {
        s.kind = t.kind == QLatin1String("Node") ? QStringLiteral("NodeProxyOptions") : QStringLiteral("ServiceProxyOptions");
        s.verbs = {QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update")};
    } else if (name == QLatin1String("finalize")) {
        s.verbs = {QStringLiteral("update")};
    }
    return s;
}

const char *const kGroupOrder[] = {"", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
                                   "autoscaling", "batch", "networking.k8s.io", "policy",
                                   "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io"};

} // namespace

bool ResourceType::hasSubresource(const QString &name) const
{
    for (const auto &s : subresources)
        if (s.name == name)
            return true;
    return false;
}

ResourceRegistry::ResourceRegistry()
{
    for (const char *g : kGroupOrder)
        m_groupOrder << QString::fromLatin1(g);
    for (const BuiltinRow &row : kBuiltins) {
        ResourceType t;
        t.group = QString::fromLatin1(row.group);
        t.version = QString::fromLatin1(row.version);
        t.resource = QString::fromLatin1(row.resource);
        t.singular = QString::fromLatin1(row.singular);
        t.kind = QString::fromLatin1(row.kind);
        t.namespaced = row.namespaced;
        t.shortNames = splitList(row.shortNames);
        t.categories = splitList(row.categories);
        t.verbs = row.verbs == 0 ? kStandardVerbs : row.verbs == 1 ? kNodeNsVerbs : QStringList{QStringLiteral("create")};
        t.stored = row.verbs != 2;
        for (const QString &sub : splitList(row.subresources))
            t.subresources << subresource(t, sub);
        add(t);
    }
}

void ResourceRegistry::add(ResourceType t)
{
    if (!m_groupOrder.contains(t.group))
        m_groupOrder << t.group;
    QStringList &versions = m_versionOrder[t.group];
    if (!versions.contains(t.version)) {
        if (t.storageVersion)
            versions.prepend(t.version);
        else
            versions << t.version;
    }
    m_types << std::make_shared<ResourceType>(std::move(t));
    ++m_generation;
}

const ResourceType *ResourceRegistry::find(const QString &group, const QString &version, const QString &resource) const
{
    for (const auto &t : m_types)
        if (t->resource == resource && t->version == version && t->group == group)
            return t.get();
    return nullptr;
}

const ResourceType *ResourceRegistry::findByKind(const QString &group, const QString &kind) const
{
    const ResourceType *fallback = nullptr;
    for (const auto &t : m_types) {
        if (t->kind != kind || t->group != group)
            continue;
        if (t->storageVersion)
            return t.get();
        if (!fallback)
            fallback = t.get();
    }
    return fallback;
}

QList<const ResourceType *> ResourceRegistry::all() const
{
    QList<const ResourceType *> out;
    for (const auto &t : m_types)
        out << t.get();
    return out;
}

QStringList ResourceRegistry::groups() const
{
    QStringList out;
    for (const QString &g : m_groupOrder)
        if (!m_versionOrder.value(g).isEmpty())
            out << g;
    return out;
}

QStringList ResourceRegistry::versions(const QString &group) const { return m_versionOrder.value(group); }

QList<const ResourceType *> ResourceRegistry::resources(const QString &group, const QString &version) const
{
    QList<const ResourceType *> out;
    for (const auto &t : m_types)
        if (t->group == group && t->version == version)
            out << t.get();
    return out;
}

bool ResourceRegistry::addCrd(const QJsonObject &crd, QString *error)
{
    const QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
    const QJsonObject names = spec.value(QLatin1String("names")).toObject();
    const QString group = spec.value(QLatin1String("group")).toString();
    const QString plural = names.value(QLatin1String("plural")).toString();
    const QString kind = names.value(QLatin1String("kind")).toString();
    const QJsonArray versions = spec.value(QLatin1String("versions")).toArray();
    if (group.isEmpty() || plural.isEmpty() || kind.isEmpty() || versions.isEmpty()) {
        if (error)
            *error = QStringLiteral("spec.group, spec.names.plural, spec.names.kind and spec.versions are required");
        return false;
    }
    removeCrd(crd.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString());
    for (const QJsonValue &v : versions) {
        const QJsonObject vo = v.toObject();
        if (!vo.value(QLatin1String("served")).toBool(true))
            continue;
        ResourceType t;
        t.group = group;
        t.version = vo.value(QLatin1String("name")).toString();
        t.resource = plural;
        t.singular = names.value(QLatin1String("singular")).toString(kind.toLower());
        t.kind = kind;
        t.namespaced = spec.value(QLatin1String("scope")).toString() != QLatin1String("Cluster");
        t.verbs = kStandardVerbs;
        for (const QJsonValue &s : names.value(QLatin1String("shortNames")).toArray())
            t.shortNames << s.toString();
        for (const QJsonValue &c : names.value(QLatin1String("categories")).toArray())
            t.categories << c.toString();
        const QJsonObject subs = vo.value(QLatin1String("subresources")).toObject();
        if (subs.contains(QLatin1String("status")))
            t.subresources << subresource(t, QStringLiteral("status"));
        if (subs.contains(QLatin1String("scale")))
            t.subresources << subresource(t, QStringLiteral("scale"));
        t.isCrd = true;
        t.storageVersion = vo.value(QLatin1String("storage")).toBool(false);
        t.crd = crd;
        add(std::move(t));
    }
    return true;
}

void ResourceRegistry::removeCrd(const QString &crdName)
{
    if (crdName.isEmpty())
        return;
    const qsizetype before = m_types.size();
    m_types.removeIf([&](const std::shared_ptr<ResourceType> &t) {
        return t->isCrd && t->crd.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() == crdName;
    });
    if (m_types.size() != before) {
        m_versionOrder.clear();
        for (const auto &t : m_types) {
            QStringList &versions = m_versionOrder[t->group];
            if (!versions.contains(t->version)) {
                if (t->storageVersion)
                    versions.prepend(t->version);
                else
                    versions << t->version;
            }
        }
        ++m_generation;
    }
}

} // namespace acp::sandbox
