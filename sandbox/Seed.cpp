#include "sandbox/Seed.h"

#include "sandbox/Sandbox.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"
#include "sandbox/UserDirectory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>

Q_LOGGING_CATEGORY(lcSeed, "acp.sandbox.seed")

namespace acp::sandbox {

using namespace seed;

namespace seed {

QList<NamespacePlan> Plan::namespacesOf(const QString &cluster) const
{
    QList<NamespacePlan> out;
    for (const NamespacePlan &n : namespaces)
        if (n.cluster == cluster)
            out << n;
    return out;
}

QStringList Plan::ownersOf(const QString &project) const
{
    for (const ProjectPlan &p : projects)
        if (p.name == project)
            return p.owner.isEmpty() ? QStringList() : QStringList{p.owner};
    return {};
}

Plan makePlan(const QStringList &workloadClusters, const UserDirectory &users, int podsPerCluster)
{
    Plan plan;
    plan.workloadClusters = workloadClusters;
    plan.podsPerCluster = podsPerCluster;
    for (const QString &name : users.userNames()) {
        const auto info = users.user(name);
        if (!info)
            continue;
        UserGrant g;
        g.name = name;
        g.email = info->email;
        g.platformAdmin = info->platformAdmin;
        g.auditor = info->groups.contains(QStringLiteral("acp:auditors"));
        g.projectOwner = info->groups.contains(QStringLiteral("acp:project-owners"));
        plan.users << g;
    }
    QString owner;
    for (const UserGrant &g : std::as_const(plan.users))
        if (g.projectOwner && owner.isEmpty())
            owner = g.name;

    const int n = int(workloadClusters.size());
    auto pickClusters = [&](int a, int b) {
        QStringList out;
        if (n == 0)
            return out;
        out << workloadClusters.at(a % n);
        if (!out.contains(workloadClusters.at(b % n)))
            out << workloadClusters.at(b % n);
        return out;
    };
    const bool scale = podsPerCluster > 0;
    plan.projects << ProjectPlan{QStringLiteral("alpha"), QStringLiteral("Alpha"), QStringLiteral("Storefront team"), owner,
                                 scale ? QStringList() : pickClusters(0, 1)};
    plan.projects << ProjectPlan{QStringLiteral("beta"), QStringLiteral("Beta"), QStringLiteral("Data platform team"), QString(),
                                 scale ? QStringList() : pickClusters(1, 2)};
    plan.projects << ProjectPlan{QStringLiteral("gamma"), QStringLiteral("Gamma"), QStringLiteral("Machine learning team"), QString(),
                                 scale ? QStringList() : pickClusters(0, 2)};
    if (scale) {
        // Each workload cluster belongs to one project (round robin), four namespaces each.
        for (int i = 0; i < n; ++i) {
            ProjectPlan &p = plan.projects[i % 3];
            p.clusters << workloadClusters.at(i);
            plan.namespaces << NamespacePlan{workloadClusters.at(i), p.name, p.name, NsKind::Project, {}, {}};
            for (int k = 1; k <= 4; ++k)
                plan.namespaces << NamespacePlan{workloadClusters.at(i), QStringLiteral("%1-app-%2").arg(p.name).arg(k), p.name,
                                                 NsKind::Scale, k == 1 ? QStringLiteral("restricted") : QString(), QString()};
        }
        return plan;
    }
    for (const ProjectPlan &p : std::as_const(plan.projects)) {
        for (int i = 0; i < p.clusters.size(); ++i) {
            const QString &c = p.clusters.at(i);
            // ACP creates a namespace named like the project in each of its clusters.
            plan.namespaces << NamespacePlan{c, p.name, p.name, NsKind::Project, {}, {}};
            if (i == 0) {
                plan.namespaces << NamespacePlan{c, p.name + QStringLiteral("-dev"), p.name, NsKind::Dev,
                                                 QStringLiteral("baseline"), QStringLiteral("restricted")};
                plan.namespaces << NamespacePlan{c, p.name + QStringLiteral("-prod"), p.name, NsKind::Prod,
                                                 QStringLiteral("restricted"), QStringLiteral("restricted")};
            } else {
                plan.namespaces << NamespacePlan{c, p.name + QStringLiteral("-staging"), p.name, NsKind::Staging, {}, {}};
            }
        }
    }
    return plan;
}

NodeInfo &NodePool::pick()
{
    QList<int> eligible;
    for (int i = 0; i < nodes.size(); ++i)
        if (nodes[i].ready && nodes[i].schedulable && !nodes[i].controlPlane)
            eligible << i;
    if (eligible.isEmpty())
        for (int i = 0; i < nodes.size(); ++i)
            if (nodes[i].ready && nodes[i].schedulable)
                eligible << i;
    if (eligible.isEmpty())
        return nodes[0];
    return nodes[eligible.at(m_next++ % eligible.size())];
}

QString NodePool::nextPodIp(NodeInfo &node)
{
    const int n = node.nextIp++;
    return node.podCidrBase + QString::number(2 + (n - 2) % 253);   // a /24 per node
}

QJsonObject Writer::put(QJsonObject obj)
{
    if (m_bulk) {
        const QString k = obj.value(QLatin1String("apiVersion")).toString() + QLatin1Char('/') + obj.value(QLatin1String("kind")).toString();
        QString skey = m_keys.value(k);
        if (skey.isEmpty()) {
            const ResourceType *t = m_cluster->typeFor(obj);
            if (!t) {
                ++m_errors;
                qCWarning(lcSeed) << m_cluster->name() << "no resource for" << k;
                return obj;
            }
            skey = t->storageKey();
            m_keys.insert(k, skey);
        }
        load(skey, obj);
        return m_cluster->store().get(skey, sim::namespaceOf(obj), sim::nameOf(obj))->obj;
    }
    auto r = m_cluster->apply(obj);
    if (!r) {
        ++m_errors;
        qCWarning(lcSeed) << m_cluster->name() << obj.value(QLatin1String("kind")).toString() << sim::namespaceOf(obj)
                          << sim::nameOf(obj) << r.error().message;
        return obj;
    }
    return r->obj;
}

void Writer::load(const QString &storageKey, QJsonObject obj)
{
    QJsonObject m = obj.value(QLatin1String("metadata")).toObject();
    if (!m.contains(QLatin1String("uid")))
        m.insert(QStringLiteral("uid"), sim::newUid());
    if (!m.contains(QLatin1String("creationTimestamp")))
        m.insert(QStringLiteral("creationTimestamp"), sim::nowTime());
    obj.insert(QStringLiteral("metadata"), m);
    m_cluster->store().load(storageKey, obj);
}

} // namespace seed

namespace {

int demoNodeCount(int clusterIndex)
{
    static const int counts[] = {4, 5, 4, 6};
    return clusterIndex < 4 ? counts[clusterIndex] : 3 + clusterIndex % 4;
}

// One cluster's contents (not the platform objects of global). Returns the number of failed writes.
int seedCluster(SimCluster *c, int index, bool isGlobal, const Plan &plan, int podsPerCluster,
                const QList<QJsonObject> &crds, int workloadClusters)
{
    const bool scale = podsPerCluster > 0;
    const qint64 clusterAge = 86400 * 120;
    QElapsedTimer timer;
    timer.start();
    Seed::installCrds(c, crds);
    Writer w(c, scale);
    for (const char *ns : {"default", "kube-system", "kube-public", "kube-node-lease", "cpaas-system"}) {
        w.put(systemNamespace(QString::fromLatin1(ns), clusterAge));
        seedNamespaceBasics(w, QString::fromLatin1(ns), clusterAge);
    }
    const QList<NamespacePlan> namespaces = plan.namespacesOf(c->name());
    for (const NamespacePlan &ns : namespaces) {
        w.put(namespaceObject(ns, 86400 * (30 + 7 * int(ns.kind))));
        seedNamespaceBasics(w, ns.name, 86400 * 30);
    }
    int nodeCount = demoNodeCount(index);
    int notReady = -1, cordoned = -1;
    if (scale) {
        nodeCount = qMax(3, (podsPerCluster + 99) / 100 + 1);
    } else if (!isGlobal) {
        // One cordoned node on the first workload cluster, one NotReady node on the second
        // (or on the first when there is only one): always a worker.
        if (index == 1)
            cordoned = nodeCount - 2;
        if (index == qMin(2, workloadClusters))
            notReady = nodeCount - 1;
    }
    NodePool nodes = seedNodes(w, index, nodeCount, notReady, cordoned, clusterAge);
    seedRbac(w, plan, c->name());
    const qint64 basics = timer.elapsed();
    if (scale) {
        seedScale(w, nodes, namespaces, podsPerCluster);
    } else {
        seedSystemWorkloads(w, nodes, c->name());
        finishSystemNamespaces(w);
        for (const NamespacePlan &ns : namespaces)
            seedProjectNamespace(w, nodes, ns);
        seedConsoleSamples(w, c->name());
    }
    qCDebug(lcSeed).nospace() << c->name() << ": " << basics << " ms basics, " << timer.elapsed() - basics << " ms workloads";
    return w.errors();
}

} // namespace

void Seed::populate(Sandbox &sandbox)
{
    SeedConfig config;
    config.sharedDir = sandbox.options().sharedDir;
    config.podsPerCluster = sandbox.options().podsPerCluster;
    populate(sandbox.clusters(), config, sandbox.users());
}

void Seed::populate(const QList<SimCluster *> &clusters, const SeedConfig &config, const UserDirectory &users)
{
    QElapsedTimer timer;
    timer.start();
    SimCluster *global = nullptr;
    QStringList workload;
    for (SimCluster *c : clusters) {
        if (c->name() == QLatin1String("global"))
            global = c;
        else
            workload << c->name();
    }
    const bool scale = config.podsPerCluster > 0;
    const Plan plan = makePlan(workload, users, config.podsPerCluster);

    const QList<QJsonObject> platformCrds = crds(config.sharedDir, true);
    const QList<QJsonObject> workloadCrds = scale ? crds(QString(), false) : crds(config.sharedDir, false);
    const qint64 crdMs = timer.elapsed();

    // Workload clusters are independent: in scale mode (bulk loads, no watchers, no signals) they
    // are seeded in parallel; the demo seed writes through SimCluster and stays on this thread.
    struct Job {
        SimCluster *cluster;
        int index;
        int errors;
    };
    QList<Job> jobs;
    int workloadIndex = 0;
    for (SimCluster *c : clusters)
        jobs << Job{c, c == global ? 0 : ++workloadIndex, 0};
    auto run = [&](Job &job) {
        job.errors = seedCluster(job.cluster, job.index, job.cluster == global, plan, config.podsPerCluster,
                                 job.cluster == global ? platformCrds : workloadCrds, int(workload.size()));
    };
    if (scale)
        QtConcurrent::blockingMap(jobs, run);
    else
        std::for_each(jobs.begin(), jobs.end(), run);
    int errors = 0;
    for (const Job &job : std::as_const(jobs))
        errors += job.errors;
    if (global) {
        Writer w(global, scale);
        seedPlatform(w, plan, clusters, config.sharedDir);
        errors += w.errors();
    }
    qCInfo(lcSeed).noquote().nospace() << "seeded " << clusters.size() << " clusters in " << timer.elapsed() << " ms (CRDs " << crdMs << " ms"
                                       << (scale ? QStringLiteral(", scale mode, %1 pods per cluster").arg(config.podsPerCluster) : QString())
                                       << ")" << (errors ? QStringLiteral(", %1 failed writes").arg(errors) : QString());
}

} // namespace acp::sandbox
