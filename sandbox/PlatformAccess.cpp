#include "sandbox/PlatformAccess.h"

#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>

namespace acp::sandbox {

namespace {
const QString kRoleBindings = QStringLiteral("rbac.authorization.k8s.io/rolebindings");
const QString kClusterRoleBindings = QStringLiteral("rbac.authorization.k8s.io/clusterrolebindings");
const QString kUserBindings = QStringLiteral("auth.alauda.io/userbindings");
const QString kProjects = QStringLiteral("auth.alauda.io/projects");
const QString kNamespaces = QStringLiteral("/namespaces");

QJsonObject metadata(const QJsonObject &obj) { return obj.value(QLatin1String("metadata")).toObject(); }
QString nameOf(const QJsonObject &obj) { return metadata(obj).value(QLatin1String("name")).toString(); }
} // namespace

PlatformAccess::PlatformAccess(Sandbox *sandbox, UserInfo user, Authorizer authorize)
    : m_sandbox(sandbox), m_user(std::move(user)), m_authorize(std::move(authorize))
{
}

bool PlatformAccess::isAdmin() const
{
    return m_user.platformAdmin || m_user.groups.contains(QLatin1String("system:masters"));
}

QString PlatformAccess::projectOf(const QJsonObject &obj)
{
    const QJsonObject labels = metadata(obj).value(QLatin1String("labels")).toObject();
    const QString p = labels.value(QLatin1String(kProjectLabel)).toString();
    return p.isEmpty() ? labels.value(QLatin1String(kProjectLabelAlt)).toString() : p;
}

bool PlatformAccess::affectsAccess(const QString &storageKey)
{
    return storageKey == kRoleBindings || storageKey == kClusterRoleBindings || storageKey == kUserBindings
        || storageKey == kProjects || storageKey == kNamespaces
        || storageKey == QLatin1String("rbac.authorization.k8s.io/roles")
        || storageKey == QLatin1String("rbac.authorization.k8s.io/clusterroles");
}

bool PlatformAccess::subjectsMatch(const QJsonArray &subjects, const UserInfo &user)
{
    const QStringList groups = user.allGroups();
    for (const QJsonValue &v : subjects) {
        const QJsonObject s = v.toObject();
        const QString kind = s.value(QLatin1String("kind")).toString();
        const QString name = s.value(QLatin1String("name")).toString();
        if (kind == QLatin1String("User")) {
            if (name == user.name || (!user.email.isEmpty() && name.compare(user.email, Qt::CaseInsensitive) == 0))
                return true;
        } else if (kind == QLatin1String("Group")) {
            if (groups.contains(name))
                return true;
        } else if (kind == QLatin1String("ServiceAccount")) {
            const QString sa = QStringLiteral("system:serviceaccount:%1:%2").arg(s.value(QLatin1String("namespace")).toString(), name);
            if (sa == user.name)
                return true;
        }
    }
    return false;
}

bool PlatformAccess::can(SimCluster *cluster, const QString &verb, const QString &group, const QString &version,
                         const QString &resource, const QString &ns, const QString &name)
{
    if (!cluster)
        return false;
    const QString key = cluster->name() + QLatin1Char('|') + verb + QLatin1Char('|') + group + QLatin1Char('|') + resource
                      + QLatin1Char('|') + ns + QLatin1Char('|') + name;
    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.constEnd())
        return *cached;
    RequestInfo info;
    info.isResource = true;
    info.verb = verb;
    info.group = group;
    info.version = version;
    info.resource = resource;
    info.ns = ns;
    info.name = name;
    info.type = cluster->registry().find(group, version, resource);
    QString path = group.isEmpty() ? QStringLiteral("/api/") + version : QStringLiteral("/apis/%1/%2").arg(group, version);
    if (!ns.isEmpty())
        path += QStringLiteral("/namespaces/") + ns;
    path += QLatin1Char('/') + resource;
    if (!name.isEmpty())
        path += QLatin1Char('/') + name;
    info.path = path;
    const bool allowed = m_authorize && m_authorize(cluster, info);
    m_cache.insert(key, allowed);
    return allowed;
}

void PlatformAccess::invalidate()
{
    m_computed = false;
    m_platformWide = false;
    m_members.clear();
    m_projectLevel.clear();
    m_boundNamespaces.clear();
    m_memberClusters.clear();
    m_cache.clear();
}

void PlatformAccess::compute()
{
    if (m_computed)
        return;
    m_computed = true;
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    for (SimCluster *c : m_sandbox->clusters()) {
        const ObjectStore &store = c->store();
        QHash<QString, QString> nsProject;
        for (const StoredObject *ns : store.list(kNamespaces))
            nsProject.insert(nameOf(ns->obj), projectOf(ns->obj));
        for (const StoredObject *rb : store.list(kRoleBindings)) {
            if (!subjectsMatch(rb->obj.value(QLatin1String("subjects")).toArray(), m_user))
                continue;
            const QString ns = metadata(rb->obj).value(QLatin1String("namespace")).toString();
            m_boundNamespaces[c->name()].insert(ns);
            const QString p = nsProject.value(ns);
            if (!p.isEmpty())
                m_members.insert(p);
            const QString label = projectOf(rb->obj);
            if (c == global && !label.isEmpty()) {
                m_members.insert(label);
                m_projectLevel.insert(label);
            }
        }
    }
    if (global) {
        for (const StoredObject *crb : global->store().list(kClusterRoleBindings)) {
            const QString label = projectOf(crb->obj);
            if (!label.isEmpty() && subjectsMatch(crb->obj.value(QLatin1String("subjects")).toArray(), m_user)) {
                m_members.insert(label);
                m_projectLevel.insert(label);
            }
        }
        for (const StoredObject *ub : global->store().list(kUserBindings)) {
            const QJsonObject spec = ub->obj.value(QLatin1String("spec")).toObject();
            if (!subjectsMatch(spec.value(QLatin1String("subjects")).toArray(), m_user))
                continue;
            if (spec.value(QLatin1String("scope")).toString() == QLatin1String("platform"))
                m_platformWide = true;   // platform roles (administrator, auditor) see every cluster and project
            for (const QJsonValue &cv : spec.value(QLatin1String("constraint")).toArray()) {
                const QJsonObject c = cv.toObject();
                const QString p = c.value(QLatin1String("project")).toString();
                const QString ns = c.value(QLatin1String("namespace")).toString();
                if (p.isEmpty())
                    continue;
                m_members.insert(p);
                if (ns.isEmpty())
                    m_projectLevel.insert(p);
                else
                    m_boundNamespaces[c.value(QLatin1String("cluster")).toString()].insert(ns);
            }
        }
        for (const StoredObject *p : global->store().list(kProjects)) {
            if (!m_members.contains(nameOf(p->obj)))
                continue;
            const QJsonArray clusters = p->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("clusters")).toArray();
            for (const QJsonValue &c : clusters)
                m_memberClusters.insert(c.toObject().value(QLatin1String("name")).toString());
        }
    }
}

bool PlatformAccess::isPlatformWide()
{
    if (isAdmin())
        return true;
    compute();
    return m_platformWide;
}

QSet<QString> PlatformAccess::memberProjects()
{
    compute();
    return m_members;
}

bool PlatformAccess::canSeeCluster(const QJsonObject &cluster)
{
    if (isPlatformWide())
        return true;
    const QString name = nameOf(cluster);
    QString ns = metadata(cluster).value(QLatin1String("namespace")).toString();
    if (ns.isEmpty())
        ns = QLatin1String(kClusterNamespace);
    if (can(m_sandbox->cluster(QStringLiteral("global")), QStringLiteral("get"), QStringLiteral("clusterregistry.k8s.io"),
            QStringLiteral("v1alpha1"), QStringLiteral("clusters"), ns, name))
        return true;
    compute();
    return m_memberClusters.contains(name);
}

bool PlatformAccess::canSeeProjectNamed(const QString &project)
{
    if (isPlatformWide())
        return true;
    if (can(m_sandbox->cluster(QStringLiteral("global")), QStringLiteral("get"), QStringLiteral("auth.alauda.io"),
            QStringLiteral("v1"), QStringLiteral("projects"), QString(), project))
        return true;
    compute();
    return m_members.contains(project);
}

bool PlatformAccess::canSeeProject(const QJsonObject &project) { return canSeeProjectNamed(nameOf(project)); }

bool PlatformAccess::hasProjectWideAccess(SimCluster *cluster, const QString &project)
{
    if (isPlatformWide())
        return true;
    if (can(m_sandbox->cluster(QStringLiteral("global")), QStringLiteral("get"), QStringLiteral("auth.alauda.io"),
            QStringLiteral("v1"), QStringLiteral("projects"), QString(), project))
        return true;
    compute();
    if (m_projectLevel.contains(project))
        return true;
    return can(cluster, QStringLiteral("list"), QString(), QStringLiteral("v1"), QStringLiteral("namespaces"));
}

bool PlatformAccess::canSeeNamespace(SimCluster *cluster, const QString &project, const QJsonObject &ns)
{
    if (!cluster || projectOf(ns) != project)
        return false;
    if (hasProjectWideAccess(cluster, project))
        return true;
    compute();
    return m_boundNamespaces.value(cluster->name()).contains(nameOf(ns));
}

} // namespace acp::sandbox
