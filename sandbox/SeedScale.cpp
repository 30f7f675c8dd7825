// Seed: scale mode. Exactly `pods` Running pods per workload cluster, owned by Deployments of
// 10-50 replicas through their ReplicaSets, plus a Service (with Endpoints) per Deployment and a
// ResourceQuota per namespace. Objects are built from per-Deployment templates (only the
// per-pod fields are set per pod) and bulk-loaded with ObjectStore::load().
#include "models/Quantity.h"
#include "sandbox/Controllers.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

namespace acp::sandbox::seed {

namespace {

const QString kPods = QStringLiteral("/pods");
const int kSizes[] = {10, 20, 30, 40, 50, 25, 15, 35, 45};

QList<int> deploymentSizes(int pods)
{
    QList<int> sizes;
    int left = pods;
    for (int i = 0; left > 0; ++i) {
        const int n = qMin(left, kSizes[i % (sizeof(kSizes) / sizeof(kSizes[0]))]);
        if (n < 10 && !sizes.isEmpty())
            sizes.last() += n;   // keep every Deployment at 10+ replicas
        else
            sizes << n;
        left -= n;
    }
    return sizes;
}

struct Template {
    QJsonObject meta;      // labels, namespace, ownerReferences, creationTimestamp
    QJsonObject spec;
    QJsonObject status;    // without the per-pod fields
    QJsonObject container; // containerStatuses[0] without containerID
};

} // namespace

void seedScale(Writer &w, NodePool &nodes, const QList<NamespacePlan> &namespaces, int pods)
{
    QList<NamespacePlan> targets;
    for (const NamespacePlan &ns : namespaces)
        if (ns.kind == NsKind::Scale)
            targets << ns;
    if (targets.isEmpty() || pods <= 0)
        return;
    ObjectStore &store = w.cluster()->store();
    const QList<int> sizes = deploymentSizes(pods);
    QHash<QString, int> podsPerNs;
    for (int d = 0; d < sizes.size(); ++d) {
        const NamespacePlan &ns = targets.at(d % targets.size());
        const int replicas = sizes.at(d);
        podsPerNs[ns.name] += replicas;
        const QString app = QStringLiteral("svc-%1").arg(d + 1, 3, 10, QLatin1Char('0'));
        const qint64 age = 86400 * (3 + d % 20);
        const QString created = sim::timeAgo(age);
        const QJsonObject labels{{QStringLiteral("app"), app}};
        QJsonObject c{{QStringLiteral("name"), app},
                      {QStringLiteral("image"), QStringLiteral("registry.example.com/%1/%2:1.%3.0").arg(ns.project, app).arg(d % 9)},
                      {QStringLiteral("imagePullPolicy"), QStringLiteral("IfNotPresent")},
                      {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")}, {QStringLiteral("containerPort"), 8080},
                                                                       {QStringLiteral("protocol"), QStringLiteral("TCP")}}}},
                      {QStringLiteral("resources"), QJsonObject{
                           {QStringLiteral("requests"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("50m")}, {QStringLiteral("memory"), QStringLiteral("64Mi")}}},
                           {QStringLiteral("limits"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("200m")}, {QStringLiteral("memory"), QStringLiteral("128Mi")}}}}},
                      {QStringLiteral("securityContext"), restrictedSecurityContext()},
                      {QStringLiteral("terminationMessagePath"), QStringLiteral("/dev/termination-log")},
                      {QStringLiteral("terminationMessagePolicy"), QStringLiteral("File")}};
        const QJsonObject podSpec{{QStringLiteral("containers"), QJsonArray{c}},
                                  {QStringLiteral("dnsPolicy"), QStringLiteral("ClusterFirst")},
                                  {QStringLiteral("restartPolicy"), QStringLiteral("Always")},
                                  {QStringLiteral("schedulerName"), QStringLiteral("default-scheduler")},
                                  {QStringLiteral("securityContext"), QJsonObject()},
                                  {QStringLiteral("serviceAccountName"), QStringLiteral("default")},
                                  {QStringLiteral("terminationGracePeriodSeconds"), 30}};
        QJsonObject dep = object("apps/v1", "Deployment", ns.name, app, labels, age);
        sim::setMetaField(dep, QStringLiteral("uid"), sim::newUid());
        sim::setMetaField(dep, QStringLiteral("generation"), 1);
        sim::setAnnotation(dep, QStringLiteral("deployment.kubernetes.io/revision"), QStringLiteral("1"));
        const QJsonObject tmpl{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}}, {QStringLiteral("spec"), podSpec}};
        dep.insert(QStringLiteral("spec"), QJsonObject{
            {QStringLiteral("replicas"), replicas}, {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
            {QStringLiteral("template"), tmpl}, {QStringLiteral("revisionHistoryLimit"), 10}, {QStringLiteral("progressDeadlineSeconds"), 600},
            {QStringLiteral("strategy"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                                                     {QStringLiteral("rollingUpdate"), QJsonObject{{QStringLiteral("maxSurge"), QStringLiteral("25%")},
                                                                                                  {QStringLiteral("maxUnavailable"), QStringLiteral("25%")}}}}}});
        const QString hash = sim::templateHash(tmpl);
        QJsonObject podLabels = labels;
        podLabels.insert(QStringLiteral("pod-template-hash"), hash);
        QJsonObject rsTmpl = tmpl;
        rsTmpl.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), podLabels}});
        QJsonObject rs = object("apps/v1", "ReplicaSet", ns.name, app + QLatin1Char('-') + hash, podLabels, age);
        sim::setMetaField(rs, QStringLiteral("uid"), sim::newUid());
        sim::setMetaField(rs, QStringLiteral("generation"), 1);
        sim::setMetaField(rs, QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(dep)});
        sim::setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/desired-replicas"), QString::number(replicas));
        sim::setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/max-replicas"), QString::number(replicas + (replicas + 3) / 4));
        sim::setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/revision"), QStringLiteral("1"));
        rs.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                                      {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), podLabels}}},
                                                      {QStringLiteral("template"), rsTmpl}});
        rs.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), replicas}, {QStringLiteral("fullyLabeledReplicas"), replicas},
                                                        {QStringLiteral("readyReplicas"), replicas}, {QStringLiteral("availableReplicas"), replicas},
                                                        {QStringLiteral("observedGeneration"), 1}});

        // The pod template: everything but name, uid, node, IPs and container ID.
        Template t;
        t.meta = QJsonObject{{QStringLiteral("namespace"), ns.name}, {QStringLiteral("labels"), podLabels},
                             {QStringLiteral("creationTimestamp"), created},
                             {QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(rs)}}};
        t.spec = podSpec;
        sim::PodStatusInput in;
        in.startTime = created;
        in.hostIP = QStringLiteral("0.0.0.0");
        in.podIP = in.hostIP;
        t.status = sim::podStatus(podSpec, in);
        t.container = t.status.value(QLatin1String("containerStatuses")).toArray().first().toObject();
        QList<QJsonObject> addresses;
        for (int i = 0; i < replicas; ++i) {
            NodeInfo &node = nodes.pick();
            QString name = nameOf(rs) + QLatin1Char('-') + sim::randomSuffix(5);
            while (store.get(kPods, ns.name, name))   // 27^5 suffixes: collisions happen at 100,000 pods
                name = nameOf(rs) + QLatin1Char('-') + sim::randomSuffix(5);
            const QString uid = sim::newUid();
            const QString ip = nodes.nextPodIp(node);
            QJsonObject m = t.meta;
            m.insert(QStringLiteral("name"), name);
            m.insert(QStringLiteral("uid"), uid);
            // Our own resourceVersion: load() then stores the object as given (no metadata copy).
            m.insert(QStringLiteral("resourceVersion"), QString::number(store.resourceVersion() + 1));
            QJsonObject sp = t.spec;
            sp.insert(QStringLiteral("nodeName"), node.name);
            QJsonObject cs = t.container;
            cs.insert(QStringLiteral("containerID"), sim::containerId());
            QJsonObject st = t.status;
            st.insert(QStringLiteral("hostIP"), node.ip);
            st.insert(QStringLiteral("hostIPs"), QJsonArray{QJsonObject{{QStringLiteral("ip"), node.ip}}});
            st.insert(QStringLiteral("podIP"), ip);
            st.insert(QStringLiteral("podIPs"), QJsonArray{QJsonObject{{QStringLiteral("ip"), ip}}});
            st.insert(QStringLiteral("containerStatuses"), QJsonArray{cs});
            store.load(kPods, QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
                                          {QStringLiteral("metadata"), m}, {QStringLiteral("spec"), sp}, {QStringLiteral("status"), st}});
            addresses << QJsonObject{{QStringLiteral("ip"), ip}, {QStringLiteral("nodeName"), node.name},
                                     {QStringLiteral("targetRef"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")}, {QStringLiteral("name"), name},
                                                                               {QStringLiteral("namespace"), ns.name}, {QStringLiteral("uid"), uid}}}};
        }
        w.load(QStringLiteral("apps/replicasets"), rs);
        QJsonObject depStatus = Controllers::deploymentStatus(dep, {rs}, nameOf(rs), {});
        QJsonArray conds = depStatus.value(QLatin1String("conditions")).toArray();
        for (qsizetype i = 0; i < conds.size(); ++i) {
            QJsonObject cond = conds.at(i).toObject();
            cond.insert(QStringLiteral("lastTransitionTime"), created);
            cond.insert(QStringLiteral("lastUpdateTime"), created);
            conds.replace(i, cond);
        }
        depStatus.insert(QStringLiteral("conditions"), conds);
        dep.insert(QStringLiteral("status"), depStatus);
        w.load(QStringLiteral("apps/deployments"), dep);

        QJsonObject svc = object("v1", "Service", ns.name, app, labels, age);
        const QString clusterIp = QStringLiteral("10.96.%1.%2").arg(1 + d / 250).arg(2 + d % 250);
        svc.insert(QStringLiteral("spec"), QJsonObject{
            {QStringLiteral("clusterIP"), clusterIp}, {QStringLiteral("clusterIPs"), QJsonArray{clusterIp}},
            {QStringLiteral("internalTrafficPolicy"), QStringLiteral("Cluster")}, {QStringLiteral("ipFamilies"), QJsonArray{QStringLiteral("IPv4")}},
            {QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack")}, {QStringLiteral("sessionAffinity"), QStringLiteral("None")},
            {QStringLiteral("type"), QStringLiteral("ClusterIP")}, {QStringLiteral("selector"), labels},
            {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")}, {QStringLiteral("port"), 80},
                                                             {QStringLiteral("protocol"), QStringLiteral("TCP")}, {QStringLiteral("targetPort"), QStringLiteral("http")}}}}});
        svc.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("loadBalancer"), QJsonObject()}});
        w.load(QStringLiteral("/services"), svc);
        std::sort(addresses.begin(), addresses.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(QLatin1String("ip")).toString() < b.value(QLatin1String("ip")).toString();
        });
        QJsonArray sortedAddresses;
        for (const QJsonObject &a : std::as_const(addresses))
            sortedAddresses << a;
        QJsonObject ep = object("v1", "Endpoints", ns.name, app, labels, age);
        sim::setAnnotation(ep, QStringLiteral("endpoints.kubernetes.io/last-change-trigger-time"), created);
        ep.insert(QStringLiteral("subsets"), QJsonArray{QJsonObject{
            {QStringLiteral("addresses"), sortedAddresses},
            {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")}, {QStringLiteral("port"), 8080},
                                                             {QStringLiteral("protocol"), QStringLiteral("TCP")}}}}}});
        w.load(QStringLiteral("/endpoints"), ep);
    }
    // A quota per namespace, its usage known from the pods just created.
    for (const NamespacePlan &ns : std::as_const(targets)) {
        const int n = podsPerNs.value(ns.name);
        auto q = [](const char *s) { return *models::Quantity::parse(QString::fromLatin1(s)); };
        QJsonObject quota = object("v1", "ResourceQuota", ns.name, QStringLiteral("default"), {}, 86400 * 30);
        const QJsonObject hard{{QStringLiteral("pods"), QString::number(qMax(100, n * 2))},
                               {QStringLiteral("requests.cpu"), QStringLiteral("40")}, {QStringLiteral("requests.memory"), QStringLiteral("64Gi")},
                               {QStringLiteral("limits.cpu"), QStringLiteral("80")}, {QStringLiteral("limits.memory"), QStringLiteral("128Gi")}};
        quota.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("hard"), hard}});
        quota.insert(QStringLiteral("status"), QJsonObject{
            {QStringLiteral("hard"), hard},
            {QStringLiteral("used"), QJsonObject{{QStringLiteral("pods"), QString::number(n)},
                                                 {QStringLiteral("requests.cpu"), q("50m").multiplied(n).toString()},
                                                 {QStringLiteral("requests.memory"), q("64Mi").multiplied(n).toString()},
                                                 {QStringLiteral("limits.cpu"), q("200m").multiplied(n).toString()},
                                                 {QStringLiteral("limits.memory"), q("128Mi").multiplied(n).toString()}}}});
        w.load(QStringLiteral("/resourcequotas"), quota);
    }
}

} // namespace acp::sandbox::seed
