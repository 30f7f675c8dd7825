#include "sandbox/ProjectMemberBindings.h"

#include "sandbox/ObjectStore.h"
#include "sandbox/PlatformAccess.h"
#include "sandbox/SeedObjects.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <utility>

Q_LOGGING_CATEGORY(lcMemberBindings, "acp.sandbox.memberbindings")

namespace acp::sandbox {

namespace {
const QString kNamespaces = QStringLiteral("/namespaces");
const QString kRoleBindings = QStringLiteral("rbac.authorization.k8s.io/rolebindings");
const QString kUserBindings = QStringLiteral("auth.alauda.io/userbindings");
const QString kProjects = QStringLiteral("auth.alauda.io/projects");
const QString kRbacGroup = QStringLiteral("rbac.authorization.k8s.io");

QJsonObject specOf(const QJsonObject &o) { return o.value(QLatin1String("spec")).toObject(); }

// Projects a UserBinding names in its constraints.
QSet<QString> constraintProjects(const QJsonObject &userBinding)
{
    QSet<QString> out;
    for (const QJsonValue &c : specOf(userBinding).value(QLatin1String("constraint")).toArray()) {
        const QString p = c.toObject().value(QLatin1String("project")).toString();
        if (!p.isEmpty())
            out.insert(p);
    }
    return out;
}

QJsonArray rbacSubjects(const QJsonObject &userBinding)
{
    QJsonArray out;
    for (const QJsonValue &v : specOf(userBinding).value(QLatin1String("subjects")).toArray()) {
        const QJsonObject s = v.toObject();
        const QString kind = s.value(QLatin1String("kind")).toString();
        const QString name = s.value(QLatin1String("name")).toString();
        if ((kind == QLatin1String("User") || kind == QLatin1String("Group")) && !name.isEmpty())
            out << QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("apiGroup"), kRbacGroup}, {QStringLiteral("name"), name}};
    }
    return out;
}

bool constraintMatches(const QJsonObject &c, const QString &cluster, const QString &ns, const QString &nsProject,
                       const QStringList &projectClusters)
{
    const QString project = c.value(QLatin1String("project")).toString();
    const QString onCluster = c.value(QLatin1String("cluster")).toString();
    const QString onNamespace = c.value(QLatin1String("namespace")).toString();
    if (!onCluster.isEmpty() && onCluster != cluster)
        return false;
    if (!onNamespace.isEmpty())   // a namespace role: that namespace (of the project, when named)
        return onNamespace == ns && (project.isEmpty() || project == nsProject);
    return !project.isEmpty() && project == nsProject && projectClusters.contains(cluster);
}

// What a reconcile compares: the fields the controller sets.
bool sameBinding(const QJsonObject &a, const QJsonObject &b)
{
    return a.value(QLatin1String("roleRef")) == b.value(QLatin1String("roleRef"))
        && a.value(QLatin1String("subjects")) == b.value(QLatin1String("subjects")) && sim::labelsOf(a) == sim::labelsOf(b);
}
} // namespace

QString ProjectMemberBindings::clusterRoleFor(const QString &roleTemplate)
{
    if (roleTemplate == QLatin1String("project-admin-system") || roleTemplate == QLatin1String("namespace-admin-system"))
        return QStringLiteral("admin");
    if (roleTemplate == QLatin1String("namespace-developer-system"))
        return QStringLiteral("edit");
    return QString();
}

QList<QJsonObject> ProjectMemberBindings::desiredBindings(const QJsonObject &userBinding, const QString &cluster, const QString &ns,
                                                          const QString &nsProject, const QStringList &projectClusters)
{
    const QJsonObject spec = specOf(userBinding);
    const QString roleRef = spec.value(QLatin1String("roleRef")).toString();
    const QString clusterRole = clusterRoleFor(roleRef);
    const QJsonArray subjects = rbacSubjects(userBinding);
    if (clusterRole.isEmpty() || subjects.isEmpty() || nsProject.isEmpty())
        return {};
    bool matches = false;
    for (const QJsonValue &c : spec.value(QLatin1String("constraint")).toArray())
        matches = matches || constraintMatches(c.toObject(), cluster, ns, nsProject, projectClusters);
    if (!matches)
        return {};
    QString role = roleRef;
    if (role.endsWith(QLatin1String("-system")))
        role.chop(7);
    const QString name = subjects.first().toObject().value(QLatin1String("name")).toString() + QLatin1Char('-') + role;
    const QJsonObject labels{{QStringLiteral("cpaas.io/project"), nsProject},
                             {QLatin1String(kOwnerLabel), sim::nameOf(userBinding)}};
    return {QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("rbac.authorization.k8s.io/v1")},
                        {QStringLiteral("kind"), QStringLiteral("RoleBinding")},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns},
                                                                 {QStringLiteral("labels"), labels}}},
                        {QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("apiGroup"), kRbacGroup},
                                                                {QStringLiteral("kind"), QStringLiteral("ClusterRole")},
                                                                {QStringLiteral("name"), clusterRole}}},
                        {QStringLiteral("subjects"), subjects}}};
}

ProjectMemberBindings::ProjectMemberBindings(const QList<SimCluster *> &clusters, QObject *parent)
    : QObject(parent), m_clusters(clusters)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ProjectMemberBindings::reconcileDirty);
}

ProjectMemberBindings::~ProjectMemberBindings() { stop(); }

SimCluster *ProjectMemberBindings::global() const
{
    for (SimCluster *c : m_clusters)
        if (c->name() == QLatin1String("global"))
            return c;
    return nullptr;
}

void ProjectMemberBindings::start()
{
    if (m_running)
        return;
    m_running = true;
    for (SimCluster *c : std::as_const(m_clusters))
        m_watchers.insert(c, c->store().addWatcher([this, c](const StoreEvent &ev) { onEvent(c, ev); }));
    reconcileAll();
}

void ProjectMemberBindings::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    for (auto it = m_watchers.constBegin(); it != m_watchers.constEnd(); ++it)
        it.key()->store().removeWatcher(it.value());
    m_watchers.clear();
    m_dirty.clear();
    m_dirtyProjects.clear();
}

void ProjectMemberBindings::onEvent(SimCluster *cluster, const StoreEvent &ev)
{
    if (ev.storageKey == kNamespaces) {
        const QString project = PlatformAccess::projectOf(ev.object.obj);
        const bool relabelled = ev.type == EventType::Modified && PlatformAccess::projectOf(ev.previous.obj) != project;
        if (ev.type == EventType::Added || relabelled) {
            m_dirty[cluster].insert(sim::nameOf(ev.object.obj));
            schedule();
        }
        return;
    }
    if (cluster != global())
        return;
    if (ev.storageKey == kUserBindings) {
        for (const QString &p : constraintProjects(ev.object.obj) + constraintProjects(ev.previous.obj))
            markProject(p);
    } else if (ev.storageKey == kProjects) {
        const QJsonValue before = specOf(ev.previous.obj).value(QLatin1String("clusters"));
        if (ev.type != EventType::Modified || before != specOf(ev.object.obj).value(QLatin1String("clusters")))
            markProject(sim::nameOf(ev.object.obj));
    }
}

void ProjectMemberBindings::markProject(const QString &project)
{
    m_dirtyProjects.insert(project);
    schedule();
}

void ProjectMemberBindings::schedule()
{
    if (m_running && !m_timer.isActive())
        m_timer.start();
}

QStringList ProjectMemberBindings::projectClusters(const QString &project) const
{
    QStringList out;
    SimCluster *g = global();
    const StoredObject *p = g ? g->store().get(kProjects, QString(), project) : nullptr;
    if (!p)
        return out;
    for (const QJsonValue &c : specOf(p->obj).value(QLatin1String("clusters")).toArray())
        out << c.toObject().value(QLatin1String("name")).toString();
    return out;
}

void ProjectMemberBindings::reconcileAll()
{
    for (SimCluster *c : std::as_const(m_clusters))
        for (const StoredObject *ns : c->store().list(kNamespaces))
            if (!PlatformAccess::projectOf(ns->obj).isEmpty())
                m_dirty[c].insert(sim::nameOf(ns->obj));
    reconcileDirty();
}

void ProjectMemberBindings::reconcileDirty()
{
    const QSet<QString> projects = std::exchange(m_dirtyProjects, {});
    if (!projects.isEmpty()) {
        for (SimCluster *c : std::as_const(m_clusters))
            for (const StoredObject *ns : c->store().list(kNamespaces))
                if (projects.contains(PlatformAccess::projectOf(ns->obj)))
                    m_dirty[c].insert(sim::nameOf(ns->obj));
    }
    const auto dirty = std::exchange(m_dirty, {});
    for (auto it = dirty.constBegin(); it != dirty.constEnd(); ++it)
        for (const QString &ns : it.value())
            reconcileNamespace(it.key(), ns);
}

// The namespace's marked RoleBindings become exactly the desired ones (by name).
void ProjectMemberBindings::reconcileNamespace(SimCluster *cluster, const QString &ns)
{
    const StoredObject *nsObj = cluster->store().get(kNamespaces, QString(), ns);
    if (!nsObj || sim::isDeleting(nsObj->obj))
        return;
    const QString project = PlatformAccess::projectOf(nsObj->obj);
    QHash<QString, QJsonObject> desired;
    if (SimCluster *g = global(); g && !project.isEmpty()) {
        const QStringList clusters = projectClusters(project);
        for (const StoredObject *ub : g->store().list(kUserBindings))
            for (const QJsonObject &rb : desiredBindings(ub->obj, cluster->name(), ns, project, clusters))
                desired.insert(sim::nameOf(rb), rb);
    }
    // Names first: a removal may move the store's other entries.
    QStringList stale;
    for (const StoredObject *rb : cluster->store().list(kRoleBindings, ns)) {
        const QString name = sim::nameOf(rb->obj);
        if (!desired.contains(name) && sim::labelsOf(rb->obj).contains(QLatin1String(kOwnerLabel)))
            stale << name;
    }
    const ResourceType *type = cluster->typeFor(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("rbac.authorization.k8s.io/v1")},
                                                            {QStringLiteral("kind"), QStringLiteral("RoleBinding")}});
    WriteOptions opts;
    opts.skipAdmission = true;
    for (const QString &name : std::as_const(stale)) {
        if (!type)
            break;
        auto r = cluster->remove(*type, ns, name, DeleteOptions{}, opts);
        if (!r && r.error().httpStatus != 404)
            qCWarning(lcMemberBindings) << cluster->name() << "delete rolebinding" << ns << name << r.error().message;
    }
    for (const QJsonObject &rb : std::as_const(desired)) {
        const StoredObject *existing = cluster->store().get(kRoleBindings, ns, sim::nameOf(rb));
        if (existing && sameBinding(existing->obj, rb))
            continue;
        auto r = cluster->apply(rb);
        if (!r)
            qCWarning(lcMemberBindings) << cluster->name() << "rolebinding" << ns << sim::nameOf(rb) << r.error().message;
    }
}

} // namespace acp::sandbox
