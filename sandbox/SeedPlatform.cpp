// Seed: the platform objects of `global`: clusterregistry Clusters, Projects, Users,
// UserBindings and RoleTemplates.
#include "api/Yaml.h"
#include "sandbox/Controllers.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

#include <QFile>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSeed)

namespace acp::sandbox::seed {

namespace {

QJsonObject projectQuota(const QString &project, int clusterIndex)
{
    const int f = project == QLatin1String("gamma") ? 4 : project == QLatin1String("beta") ? 1 : 2;
    const int g = clusterIndex == 0 ? 2 : 1;   // more on the project's first cluster
    return QJsonObject{{QStringLiteral("requests.cpu"), QString::number(10 * f * g)},
                       {QStringLiteral("limits.cpu"), QString::number(20 * f * g)},
                       {QStringLiteral("requests.memory"), QStringLiteral("%1Gi").arg(20 * f * g)},
                       {QStringLiteral("limits.memory"), QStringLiteral("%1Gi").arg(40 * f * g)},
                       {QStringLiteral("pods"), QString::number(100 * f * g)},
                       {QStringLiteral("persistentvolumeclaims"), QString::number(10 * f)},
                       {QStringLiteral("requests.storage"), QStringLiteral("%1Gi").arg(200 * f)}};
}

QString displayName(const QString &cluster)
{
    if (cluster == QLatin1String("global"))
        return QStringLiteral("Global");
    QString s = cluster;
    s.replace(QLatin1Char('-'), QLatin1Char(' '));
    s[0] = s[0].toUpper();
    return s;
}

void clusters(Writer &w, const QList<SimCluster *> &all)
{
    int index = 0;
    for (SimCluster *c : all) {
        QJsonObject o = object("clusterregistry.k8s.io/v1alpha1", "Cluster", QStringLiteral("cpaas-system"), c->name(), {}, 86400 * (120 - index));
        sim::setAnnotation(o, QStringLiteral("cpaas.io/display-name"), displayName(c->name()));
        QString apiServer;
        for (const StoredObject *n : c->store().list(QStringLiteral("/nodes")))
            if (sim::labelsOf(n->obj).contains(QLatin1String("node-role.kubernetes.io/control-plane")) && apiServer.isEmpty())
                for (const QJsonValue &a : n->obj.value(QLatin1String("status")).toObject().value(QLatin1String("addresses")).toArray())
                    if (a.toObject().value(QLatin1String("type")).toString() == QLatin1String("InternalIP"))
                        apiServer = QStringLiteral("https://%1:6443").arg(a.toObject().value(QLatin1String("address")).toString());
        o.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("kubernetesApiEndpoints"), QJsonObject{
            {QStringLiteral("serverEndpoints"), QJsonArray{QJsonObject{{QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0")},
                                                                       {QStringLiteral("serverAddress"), apiServer}}}}}}});
        QJsonObject st = Controllers::clusterRegistryStatus(*c, {});
        QJsonArray conds = st.value(QLatin1String("conditions")).toArray();
        for (qsizetype i = 0; i < conds.size(); ++i) {
            QJsonObject cond = conds.at(i).toObject();
            const bool on = cond.value(QLatin1String("status")).toString() == QLatin1String("True");
            cond.insert(QStringLiteral("lastTransitionTime"), sim::timeAgo(on ? 24 * 60 : 86400 * (119 - index)));
            cond.insert(QStringLiteral("lastHeartbeatTime"), sim::timeAgo(5 + index % 10));
            conds.replace(i, cond);
        }
        st.insert(QStringLiteral("conditions"), conds);
        o.insert(QStringLiteral("status"), st);
        w.put(o);
        ++index;
    }
}

} // namespace

QJsonObject userBinding(const QString &user, const QString &role, const QString &scope, const QJsonArray &constraint)
{
    QJsonObject b = object("auth.alauda.io/v1", "UserBinding", QString(), QStringLiteral("%1-%2").arg(user, role), {}, 86400 * 90);
    QJsonObject spec{{QStringLiteral("roleRef"), role}, {QStringLiteral("scope"), scope},
                     {QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")},
                                                                         {QStringLiteral("name"), user}}}}};
    if (!constraint.isEmpty())
        spec.insert(QStringLiteral("constraint"), constraint);
    b.insert(QStringLiteral("spec"), spec);
    return b;
}

namespace {

void projects(Writer &w, const Plan &plan)
{
    for (const ProjectPlan &p : plan.projects) {
        QJsonObject o = object("auth.alauda.io/v1", "Project", QString(), p.name, {}, 86400 * 60);
        sim::setAnnotation(o, QStringLiteral("cpaas.io/display-name"), p.displayName);
        sim::setAnnotation(o, QStringLiteral("cpaas.io/description"), p.description);
        sim::setAnnotation(o, QStringLiteral("cpaas.io/creator"), p.owner.isEmpty() ? QStringLiteral("admin") : p.owner);
        QJsonArray clusters;
        for (int i = 0; i < p.clusters.size(); ++i)
            clusters << QJsonObject{{QStringLiteral("name"), p.clusters.at(i)}, {QStringLiteral("quota"), projectQuota(p.name, i)}};
        o.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("clusters"), clusters}});
        QJsonObject ok;
        for (const QString &c : p.clusters)
            ok.insert(c, true);
        o.insert(QStringLiteral("status"), QJsonObject{
            {QStringLiteral("phase"), QStringLiteral("Active")},
            {QStringLiteral("conditions"), QJsonArray{QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("ProjectNameSpace")}, {QStringLiteral("status"), QStringLiteral("True")},
                 {QStringLiteral("lastTransitionTime"), sim::timeAgo(86400 * 60)},
                 {QStringLiteral("projectNameSpaceDetail"), QJsonObject{{QStringLiteral("name"), p.name},
                                                                        {QStringLiteral("successClusters"), ok}}}}}}});
        w.put(o);
    }
}

void users(Writer &w, const Plan &plan)
{
    for (const UserGrant &u : plan.users) {
        QJsonObject o = object("auth.alauda.io/v1", "User", QString(), u.name, {}, 86400 * 90);
        o.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("username"), u.name}, {QStringLiteral("email"), u.email},
                                                     {QStringLiteral("account"), u.name}, {QStringLiteral("connector_name"), QStringLiteral("local")},
                                                     {QStringLiteral("connector_type"), QStringLiteral("local")},
                                                     {QStringLiteral("is_admin"), u.platformAdmin}, {QStringLiteral("valid"), true},
                                                     {QStringLiteral("is_disabled"), false}, {QStringLiteral("groups"), QJsonArray()}});
        w.put(o);
        auto binding = [&](const QString &role, const QString &scope, const QJsonArray &constraint) {
            w.put(userBinding(u.name, role, scope, constraint));
        };
        if (u.platformAdmin)
            binding(QStringLiteral("platform-admin-system"), QStringLiteral("platform"), {});
        if (u.auditor)
            binding(QStringLiteral("platform-auditor-system"), QStringLiteral("platform"), {});
        if (u.projectOwner)
            for (const ProjectPlan &p : plan.projects)
                if (p.owner == u.name)
                    binding(QStringLiteral("project-admin-system"), QStringLiteral("project"),
                            QJsonArray{QJsonObject{{QStringLiteral("project"), p.name}}});
    }
}

void roleTemplates(Writer &w, const QString &sharedDir)
{
    const QString path = sharedDir + QStringLiteral("/reference/acp/rbac/roletemplates.yaml");
    QList<QJsonObject> items;
    QFile f(path);
    if (!sharedDir.isEmpty() && f.open(QIODevice::ReadOnly)) {
        auto docs = api::yaml::parseAll(f.readAll(), path);
        if (!docs)
            qCWarning(lcSeed) << docs.error().message;
        for (const api::yaml::Document &d : docs ? *docs : QList<api::yaml::Document>()) {
            const QJsonObject o = d.value.toObject();
            if (o.value(QLatin1String("kind")).toString() == QLatin1String("RoleTemplate"))
                items << o;
            for (const QJsonValue &it : o.value(QLatin1String("items")).toArray())
                items << it.toObject();
        }
    }
    if (items.isEmpty()) {
        // Without ../shared: the built-in platform roles by name, without their rules.
        const char *const builtins[][3] = {{"platform-admin-system", "platform", "Platform Administrator"},
                                           {"platform-auditor-system", "platform", "Platform auditors"},
                                           {"project-admin-system", "project", "Project Manager"},
                                           {"namespace-admin-system", "namespace", "Namespace Administrator"},
                                           {"namespace-developer-system", "namespace", "Developers"}};
        for (const auto &b : builtins) {
            QJsonObject rt = object("auth.alauda.io/v1beta1", "RoleTemplate", QString(), QString::fromLatin1(b[0]),
                                    QJsonObject{{QStringLiteral("auth.cpaas.io/roletemplate.level"), QString::fromLatin1(b[1])},
                                                {QStringLiteral("auth.cpaas.io/roletemplate.official"), QStringLiteral("true")}}, 86400 * 120);
            sim::setAnnotation(rt, QStringLiteral("cpaas.io/display-name.en"), QString::fromLatin1(b[2]));
            rt.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("rules"), QJsonArray()}});
            items << rt;
        }
    }
    for (QJsonObject rt : std::as_const(items)) {
        QJsonObject m = sim::meta(rt);
        m.remove(QStringLiteral("resourceVersion"));
        m.remove(QStringLiteral("uid"));
        rt.insert(QStringLiteral("metadata"), m);
        w.put(rt);
    }
}

} // namespace

void seedPlatform(Writer &w, const Plan &plan, const QList<SimCluster *> &all, const QString &sharedDir)
{
    clusters(w, all);
    projects(w, plan);
    users(w, plan);
    roleTemplates(w, sharedDir);
}

} // namespace acp::sandbox::seed
