// Seed: workload building blocks (pods, Deployments with their ReplicaSets) and kube-system.
#include "sandbox/Controllers.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

namespace acp::sandbox::seed {

namespace {

QJsonObject mergeLabels(QJsonObject a, const QJsonObject &b)
{
    for (auto it = b.begin(); it != b.end(); ++it)
        a.insert(it.key(), it.value());
    return a;
}

// Pods on a NotReady node: the node lifecycle controller marked them not ready.
void markNotReady(QJsonObject &status)
{
    QJsonArray conds = status.value(QLatin1String("conditions")).toArray();
    for (qsizetype i = 0; i < conds.size(); ++i) {
        QJsonObject c = conds.at(i).toObject();
        if (c.value(QLatin1String("type")).toString() == QLatin1String("Ready")) {
            c.insert(QStringLiteral("status"), QStringLiteral("False"));
            c.insert(QStringLiteral("lastTransitionTime"), sim::timeAgo(24 * 60));
            conds.replace(i, c);
        }
    }
    status.insert(QStringLiteral("conditions"), conds);
}

void setConditionTimes(QJsonObject &status, const QString &time)
{
    QJsonArray conds = status.value(QLatin1String("conditions")).toArray();
    for (qsizetype i = 0; i < conds.size(); ++i) {
        QJsonObject c = conds.at(i).toObject();
        c.insert(QStringLiteral("lastTransitionTime"), time);
        if (c.contains(QLatin1String("lastUpdateTime")))
            c.insert(QStringLiteral("lastUpdateTime"), time);
        conds.replace(i, c);
    }
    status.insert(QStringLiteral("conditions"), conds);
}

QJsonObject staticPod(const NodeInfo &node, const char *component, const QString &image, const QJsonObject &nodeObj, qint64 age)
{
    const QString name = QStringLiteral("%1-%2").arg(QLatin1String(component), node.name);
    QJsonObject c = container(QString::fromLatin1(component), image, "250m", "256Mi", nullptr, nullptr);
    c.insert(QStringLiteral("command"), QJsonArray{QString::fromLatin1(component)});
    QJsonObject spec{{QStringLiteral("containers"), QJsonArray{c}},
                     {QStringLiteral("hostNetwork"), true},
                     {QStringLiteral("nodeName"), node.name},
                     {QStringLiteral("priorityClassName"), QStringLiteral("system-node-critical")},
                     {QStringLiteral("priority"), 2000001000},
                     {QStringLiteral("tolerations"), QJsonArray{QJsonObject{{QStringLiteral("operator"), QStringLiteral("Exists")},
                                                                           {QStringLiteral("effect"), QStringLiteral("NoExecute")}}}}};
    QJsonObject pod = object("v1", "Pod", QStringLiteral("kube-system"), name,
                             QJsonObject{{QStringLiteral("component"), QString::fromLatin1(component)}, {QStringLiteral("tier"), QStringLiteral("control-plane")}}, age);
    sim::setAnnotation(pod, QStringLiteral("kubernetes.io/config.source"), QStringLiteral("file"));
    sim::setAnnotation(pod, QStringLiteral("kubernetes.io/config.mirror"), sim::randomHex(32));
    sim::setMetaField(pod, QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(nodeObj)});
    pod.insert(QStringLiteral("spec"), spec);
    sim::PodStatusInput in;
    in.podName = name;
    in.hostIP = node.ip;
    in.podIP = node.ip;
    in.startTime = sim::timeAgo(age - 30);
    QJsonObject st = sim::podStatus(spec, in);
    if (!node.ready)
        markNotReady(st);
    pod.insert(QStringLiteral("status"), st);
    return pod;
}

} // namespace

QJsonObject container(const QString &name, const QString &image, const char *cpuReq, const char *memReq,
                      const char *cpuLim, const char *memLim, int port)
{
    QJsonObject requests, limits;
    if (cpuReq)
        requests.insert(QStringLiteral("cpu"), QString::fromLatin1(cpuReq));
    if (memReq)
        requests.insert(QStringLiteral("memory"), QString::fromLatin1(memReq));
    if (cpuLim)
        limits.insert(QStringLiteral("cpu"), QString::fromLatin1(cpuLim));
    if (memLim)
        limits.insert(QStringLiteral("memory"), QString::fromLatin1(memLim));
    QJsonObject res;
    if (!requests.isEmpty())
        res.insert(QStringLiteral("requests"), requests);
    if (!limits.isEmpty())
        res.insert(QStringLiteral("limits"), limits);
    QJsonObject c{{QStringLiteral("name"), name}, {QStringLiteral("image"), image}, {QStringLiteral("resources"), res}};
    if (port > 0)
        c.insert(QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")},
                                                                 {QStringLiteral("containerPort"), port},
                                                                 {QStringLiteral("protocol"), QStringLiteral("TCP")}}});
    return c;
}

QJsonObject restrictedSecurityContext()
{
    return QJsonObject{{QStringLiteral("allowPrivilegeEscalation"), false},
                       {QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("drop"), QJsonArray{QStringLiteral("ALL")}}}},
                       {QStringLiteral("runAsNonRoot"), true},
                       {QStringLiteral("seccompProfile"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RuntimeDefault")}}}};
}

QJsonObject makePod(const QString &ns, const QString &name, const QJsonObject &labels, const QJsonObject &specIn,
                    const QJsonObject &owner, NodePool &nodes, sim::PodState state, qint64 ageSeconds, int restarts,
                    const QString &message)
{
    QJsonObject spec = specIn;
    QJsonObject pod = object("v1", "Pod", ns, name, labels, ageSeconds);
    sim::setMetaField(pod, QStringLiteral("uid"), sim::newUid());
    if (!owner.isEmpty())
        sim::setMetaField(pod, QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(owner)});
    sim::PodStatusInput in;
    in.state = state;
    in.podName = name;
    in.restarts = restarts;
    in.message = message;
    in.startTime = sim::timeAgo(qMax<qint64>(1, ageSeconds - 5));
    NodeInfo *node = nullptr;
    if (state != sim::PodState::Pending && state != sim::PodState::Unschedulable) {
        node = &nodes.pick();
        spec.insert(QStringLiteral("nodeName"), node->name);
        in.hostIP = node->ip;
        in.podIP = spec.value(QLatin1String("hostNetwork")).toBool() ? node->ip : nodes.nextPodIp(*node);
    }
    pod.insert(QStringLiteral("spec"), spec);
    QJsonObject st = sim::podStatus(spec, in);
    if (node && !node->ready)
        markNotReady(st);
    pod.insert(QStringLiteral("status"), st);
    return pod;
}

void seedEvent(Writer &w, const sim::EventInput &in)
{
    w.put(sim::event(in));
}

QJsonObject seedDeployment(Writer &w, NodePool &nodes, const DeploymentInput &in)
{
    const QJsonObject labels = in.labels.isEmpty() ? QJsonObject{{QStringLiteral("app"), in.name}} : in.labels;
    sim::PodState state = in.state;
    if (state == sim::PodState::Running)
        state = sim::intendedState(in.podSpec);
    const bool history = !in.previousPodSpec.isEmpty();
    const qint64 rolloutAge = history ? qMin<qint64>(in.ageSeconds / 2, 1500) : in.ageSeconds;

    QJsonObject dep = object("apps/v1", "Deployment", in.ns, in.name, labels, in.ageSeconds);
    sim::setMetaField(dep, QStringLiteral("uid"), sim::newUid());
    sim::setMetaField(dep, QStringLiteral("generation"), history ? 2 : 1);
    sim::setAnnotation(dep, QStringLiteral("deployment.kubernetes.io/revision"), history ? QStringLiteral("2") : QStringLiteral("1"));
    dep.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("replicas"), in.replicas},
        {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
        {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                                                 {QStringLiteral("spec"), in.podSpec}}}});
    dep = w.put(dep);   // defaults (strategy, template) applied by the write path
    const QJsonObject tmpl = dep.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    const QString hash = sim::templateHash(tmpl);
    const QJsonObject podLabels = mergeLabels(labels, QJsonObject{{QStringLiteral("pod-template-hash"), hash}});

    auto makeRs = [&](const QString &rsHash, const QJsonObject &rsTemplate, int replicas, int revision, qint64 age) {
        const QJsonObject rsLabels = mergeLabels(labels, QJsonObject{{QStringLiteral("pod-template-hash"), rsHash}});
        QJsonObject t = rsTemplate;
        QJsonObject tm = t.value(QLatin1String("metadata")).toObject();
        tm.insert(QStringLiteral("labels"), rsLabels);
        t.insert(QStringLiteral("metadata"), tm);
        QJsonObject rs = object("apps/v1", "ReplicaSet", in.ns, in.name + QLatin1Char('-') + rsHash, rsLabels, age);
        sim::setMetaField(rs, QStringLiteral("uid"), sim::newUid());
        sim::setMetaField(rs, QStringLiteral("generation"), 1);
        sim::setMetaField(rs, QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(dep)});
        sim::setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/desired-replicas"), QString::number(in.replicas));
        sim::setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/max-replicas"), QString::number(in.replicas + (in.replicas + 3) / 4));
        sim::setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/revision"), QString::number(revision));
        rs.insert(QStringLiteral("spec"), QJsonObject{
            {QStringLiteral("replicas"), replicas},
            {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), rsLabels}}},
            {QStringLiteral("template"), t}});
        return rs;
    };

    QList<QJsonObject> rsList;
    if (history) {
        QJsonObject oldTmpl = tmpl;
        oldTmpl.insert(QStringLiteral("spec"), in.previousPodSpec);
        QJsonObject old = makeRs(sim::templateHash(oldTmpl), oldTmpl, 0, 1, in.ageSeconds);
        old.insert(QStringLiteral("status"), Controllers::replicaSetStatus(old, {}, {}));
        rsList << w.put(old);
    }
    QJsonObject rs = makeRs(hash, tmpl, in.replicas, history ? 2 : 1, rolloutAge);
    QList<QJsonObject> pods;
    for (int i = 0; i < in.replicas; ++i) {
        QString podName = nameOf(rs) + QLatin1Char('-') + sim::randomSuffix(5);
        for (const QJsonObject &p : std::as_const(pods))
            if (nameOf(p) == podName)
                podName = nameOf(rs) + QLatin1Char('-') + sim::randomSuffix(5);
        pods << makePod(in.ns, podName, podLabels, tmpl.value(QLatin1String("spec")).toObject(), rs, nodes, state,
                        rolloutAge - 2 - i, in.restarts, in.unschedulableMessage);
    }
    if (state == sim::PodState::Unschedulable && in.unschedulableMessage.isEmpty()) {
        QList<QJsonObject> nodeObjects;
        for (const StoredObject *n : w.cluster()->store().list(QStringLiteral("/nodes")))
            nodeObjects << n->obj;
        QString failure;
        Controllers::feasibleNodes(nodeObjects, pods.value(0), &failure);
        for (QJsonObject &p : pods) {
            sim::PodStatusInput si;
            si.state = state;
            si.message = failure;
            si.startTime = metaStr(p, "creationTimestamp");
            p.insert(QStringLiteral("status"), sim::podStatus(p.value(QLatin1String("spec")).toObject(), si));
        }
    }
    rs.insert(QStringLiteral("status"), Controllers::replicaSetStatus(rs, pods, {}));
    rsList << w.put(rs);
    for (const QJsonObject &p : std::as_const(pods))
        w.put(p);

    // Deployment status as the controller computes it, with times from the rollout; a rollout
    // that never became available has exceeded its progress deadline.
    const QString newName = nameOf(rs);
    const QString since = sim::timeAgo(rolloutAge - 20);
    const QJsonObject stuck{{QStringLiteral("conditions"), QJsonArray{QJsonObject{
        {QStringLiteral("type"), QStringLiteral("Progressing")}, {QStringLiteral("status"), QStringLiteral("True")},
        {QStringLiteral("reason"), QStringLiteral("ReplicaSetUpdated")},
        {QStringLiteral("message"), QStringLiteral("ReplicaSet \"%1\" is progressing.").arg(newName)},
        {QStringLiteral("lastUpdateTime"), sim::timeAgo(rolloutAge)}, {QStringLiteral("lastTransitionTime"), sim::timeAgo(rolloutAge)}}}}};
    QJsonObject st = Controllers::deploymentStatus(dep, rsList, newName, stuck);
    setConditionTimes(st, since);
    dep.insert(QStringLiteral("status"), st);
    return w.put(dep);
}

void seedSystemWorkloads(Writer &w, NodePool &nodes, const QString &clusterName)
{
    const qint64 age = 86400 * 120;
    const QString version = w.cluster()->kubernetesVersion();
    // Control-plane static pods (mirror pods owned by their Node).
    for (const NodeInfo &n : std::as_const(nodes.nodes)) {
        if (!n.controlPlane)
            continue;
        const StoredObject *nodeObj = w.cluster()->store().get(QStringLiteral("/nodes"), QString(), n.name);
        const QJsonObject no = nodeObj ? nodeObj->obj : QJsonObject();
        w.put(staticPod(n, "etcd", QStringLiteral("registry.k8s.io/etcd:3.5.16-0"), no, age));
        for (const char *c : {"kube-apiserver", "kube-controller-manager", "kube-scheduler"})
            w.put(staticPod(n, c, QStringLiteral("registry.k8s.io/%1:%2").arg(QLatin1String(c), version), no, age));
    }
    // kubernetes service and its apiserver endpoints.
    QJsonObject kubernetes = object("v1", "Service", QStringLiteral("default"), QStringLiteral("kubernetes"),
                                    QJsonObject{{QStringLiteral("component"), QStringLiteral("apiserver")}, {QStringLiteral("provider"), QStringLiteral("kubernetes")}}, age);
    kubernetes.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("clusterIP"), QStringLiteral("10.96.0.1")}, {QStringLiteral("clusterIPs"), QJsonArray{QStringLiteral("10.96.0.1")}},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("https")}, {QStringLiteral("port"), 443},
                                                         {QStringLiteral("protocol"), QStringLiteral("TCP")}, {QStringLiteral("targetPort"), 6443}}}},
        {QStringLiteral("type"), QStringLiteral("ClusterIP")}, {QStringLiteral("sessionAffinity"), QStringLiteral("None")}});
    w.put(kubernetes);
    QJsonArray apiAddresses;
    for (const NodeInfo &n : std::as_const(nodes.nodes))
        if (n.controlPlane)
            apiAddresses << QJsonObject{{QStringLiteral("ip"), n.ip}};
    QJsonObject apiEndpoints = object("v1", "Endpoints", QStringLiteral("default"), QStringLiteral("kubernetes"),
                                      QJsonObject{{QStringLiteral("endpointslice.kubernetes.io/skip-mirror"), QStringLiteral("true")}}, age);
    apiEndpoints.insert(QStringLiteral("subsets"), QJsonArray{QJsonObject{
        {QStringLiteral("addresses"), apiAddresses},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("https")}, {QStringLiteral("port"), 6443},
                                                         {QStringLiteral("protocol"), QStringLiteral("TCP")}}}}}});
    w.put(apiEndpoints);

    // CoreDNS.
    QJsonObject dns = container(QStringLiteral("coredns"), QStringLiteral("registry.k8s.io/coredns/coredns:v1.11.3"), "100m", "70Mi", nullptr, "170Mi");
    dns.insert(QStringLiteral("args"), QJsonArray{QStringLiteral("-conf"), QStringLiteral("/etc/coredns/Corefile")});
    dns.insert(QStringLiteral("ports"), QJsonArray{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("dns")}, {QStringLiteral("containerPort"), 53}, {QStringLiteral("protocol"), QStringLiteral("UDP")}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("dns-tcp")}, {QStringLiteral("containerPort"), 53}, {QStringLiteral("protocol"), QStringLiteral("TCP")}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("metrics")}, {QStringLiteral("containerPort"), 9153}, {QStringLiteral("protocol"), QStringLiteral("TCP")}}});
    DeploymentInput coredns;
    coredns.ns = QStringLiteral("kube-system");
    coredns.name = QStringLiteral("coredns");
    coredns.replicas = 2;
    coredns.ageSeconds = age;
    coredns.labels = QJsonObject{{QStringLiteral("k8s-app"), QStringLiteral("kube-dns")}};
    coredns.podSpec = QJsonObject{{QStringLiteral("containers"), QJsonArray{dns}},
                                  {QStringLiteral("dnsPolicy"), QStringLiteral("Default")},
                                  {QStringLiteral("priorityClassName"), QStringLiteral("system-cluster-critical")},
                                  {QStringLiteral("serviceAccountName"), QStringLiteral("coredns")},
                                  {QStringLiteral("tolerations"), QJsonArray{
                                       QJsonObject{{QStringLiteral("key"), QStringLiteral("CriticalAddonsOnly")}, {QStringLiteral("operator"), QStringLiteral("Exists")}},
                                       QJsonObject{{QStringLiteral("key"), QStringLiteral("node-role.kubernetes.io/control-plane")},
                                                   {QStringLiteral("effect"), QStringLiteral("NoSchedule")}}}}};
    w.put(object("v1", "ServiceAccount", QStringLiteral("kube-system"), QStringLiteral("coredns"), {}, age));
    seedDeployment(w, nodes, coredns);
    QJsonObject kubeDns = object("v1", "Service", QStringLiteral("kube-system"), QStringLiteral("kube-dns"),
                                 QJsonObject{{QStringLiteral("k8s-app"), QStringLiteral("kube-dns")},
                                             {QStringLiteral("kubernetes.io/cluster-service"), QStringLiteral("true")},
                                             {QStringLiteral("kubernetes.io/name"), QStringLiteral("CoreDNS")}}, age);
    kubeDns.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("clusterIP"), QStringLiteral("10.96.0.10")}, {QStringLiteral("clusterIPs"), QJsonArray{QStringLiteral("10.96.0.10")}},
        {QStringLiteral("selector"), QJsonObject{{QStringLiteral("k8s-app"), QStringLiteral("kube-dns")}}},
        {QStringLiteral("ports"), QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("dns")}, {QStringLiteral("port"), 53}, {QStringLiteral("protocol"), QStringLiteral("UDP")}, {QStringLiteral("targetPort"), 53}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("dns-tcp")}, {QStringLiteral("port"), 53}, {QStringLiteral("protocol"), QStringLiteral("TCP")}, {QStringLiteral("targetPort"), 53}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("metrics")}, {QStringLiteral("port"), 9153}, {QStringLiteral("protocol"), QStringLiteral("TCP")}, {QStringLiteral("targetPort"), 9153}}}}});
    w.put(kubeDns);

    // kube-proxy: a DaemonSet tolerating everything, one pod per node.
    QJsonObject proxy = container(QStringLiteral("kube-proxy"), QStringLiteral("registry.k8s.io/kube-proxy:") + version, nullptr, nullptr, nullptr, nullptr);
    proxy.insert(QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("privileged"), true}});
    proxy.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("/usr/local/bin/kube-proxy"), QStringLiteral("--config=/var/lib/kube-proxy/config.conf"),
                                                       QStringLiteral("--hostname-override=$(NODE_NAME)")});
    const QJsonObject proxyLabels{{QStringLiteral("k8s-app"), QStringLiteral("kube-proxy")}};
    const QJsonObject proxySpec{{QStringLiteral("containers"), QJsonArray{proxy}},
                                {QStringLiteral("hostNetwork"), true},
                                {QStringLiteral("priorityClassName"), QStringLiteral("system-node-critical")},
                                {QStringLiteral("serviceAccountName"), QStringLiteral("kube-proxy")},
                                {QStringLiteral("tolerations"), QJsonArray{QJsonObject{{QStringLiteral("operator"), QStringLiteral("Exists")}}}}};
    w.put(object("v1", "ServiceAccount", QStringLiteral("kube-system"), QStringLiteral("kube-proxy"), {}, age));
    QJsonObject ds = object("apps/v1", "DaemonSet", QStringLiteral("kube-system"), QStringLiteral("kube-proxy"), proxyLabels, age);
    ds.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), proxyLabels}}},
                                                  {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), proxyLabels}}},
                                                                                           {QStringLiteral("spec"), proxySpec}}},
                                                  {QStringLiteral("updateStrategy"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")}}}});
    ds = w.put(ds);
    seedDaemonPods(w, nodes, ds, false);
    Q_UNUSED(clusterName);
}

void seedDaemonPods(Writer &w, NodePool &nodes, const QJsonObject &daemonSet, bool workersOnly)
{
    const QJsonObject tmpl = daemonSet.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    const QString hash = sim::templateHash(tmpl);
    const QString ns = namespaceOf(daemonSet);
    const qint64 age = sim::secondsSince(metaStr(daemonSet, "creationTimestamp"));
    int desired = 0, ready = 0;
    for (NodeInfo &node : nodes.nodes) {
        if (workersOnly && node.controlPlane)
            continue;
        QJsonObject spec = tmpl.value(QLatin1String("spec")).toObject();
        QJsonArray tolerations = spec.value(QLatin1String("tolerations")).toArray();
        for (const auto &[key, effect] : {std::pair{"node.kubernetes.io/not-ready", "NoExecute"}, std::pair{"node.kubernetes.io/unreachable", "NoExecute"},
                                          std::pair{"node.kubernetes.io/disk-pressure", "NoSchedule"}, std::pair{"node.kubernetes.io/memory-pressure", "NoSchedule"},
                                          std::pair{"node.kubernetes.io/pid-pressure", "NoSchedule"}, std::pair{"node.kubernetes.io/unschedulable", "NoSchedule"}})
            tolerations << QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)}, {QStringLiteral("operator"), QStringLiteral("Exists")},
                                       {QStringLiteral("effect"), QString::fromLatin1(effect)}};
        spec.insert(QStringLiteral("tolerations"), tolerations);
        spec.insert(QStringLiteral("affinity"), QJsonObject{{QStringLiteral("nodeAffinity"), QJsonObject{{QStringLiteral("requiredDuringSchedulingIgnoredDuringExecution"),
            QJsonObject{{QStringLiteral("nodeSelectorTerms"), QJsonArray{QJsonObject{{QStringLiteral("matchFields"), QJsonArray{QJsonObject{
                {QStringLiteral("key"), QStringLiteral("metadata.name")}, {QStringLiteral("operator"), QStringLiteral("In")},
                {QStringLiteral("values"), QJsonArray{node.name}}}}}}}}}}}}});
        spec.insert(QStringLiteral("nodeName"), node.name);
        const QString name = nameOf(daemonSet) + QLatin1Char('-') + sim::randomSuffix(5);
        QJsonObject labels = tmpl.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
        labels.insert(QStringLiteral("controller-revision-hash"), hash);
        labels.insert(QStringLiteral("pod-template-generation"), QStringLiteral("1"));
        QJsonObject pod = object("v1", "Pod", ns, name, labels, qMax<qint64>(60, age - 30));
        sim::setMetaField(pod, QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(daemonSet)});
        pod.insert(QStringLiteral("spec"), spec);
        sim::PodStatusInput in;
        in.podName = name;
        in.hostIP = node.ip;
        in.podIP = spec.value(QLatin1String("hostNetwork")).toBool() ? node.ip : nodes.nextPodIp(node);
        in.startTime = sim::timeAgo(qMax<qint64>(60, age - 40));
        QJsonObject st = sim::podStatus(spec, in);
        if (!node.ready)
            markNotReady(st);
        pod.insert(QStringLiteral("status"), st);
        w.put(pod);
        ++desired;
        ready += sim::podReady(pod) ? 1 : 0;
    }
    QJsonObject ds = daemonSet;
    QJsonObject st{{QStringLiteral("currentNumberScheduled"), desired}, {QStringLiteral("desiredNumberScheduled"), desired},
                   {QStringLiteral("numberMisscheduled"), 0}, {QStringLiteral("numberReady"), ready},
                   {QStringLiteral("observedGeneration"), sim::meta(ds).value(QLatin1String("generation")).toInt(1)},
                   {QStringLiteral("updatedNumberScheduled"), desired}};
    if (ready > 0)
        st.insert(QStringLiteral("numberAvailable"), ready);
    if (desired - ready > 0)
        st.insert(QStringLiteral("numberUnavailable"), desired - ready);
    ds.insert(QStringLiteral("status"), st);
    w.put(ds);
}

} // namespace acp::sandbox::seed
