// Seed: namespaces, nodes and per-namespace basics.
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

#include <QRandomGenerator>

namespace acp::sandbox::seed {

namespace {

QString fakeCaPem()
{
    static const QString pem = [] {
        QByteArray body;
        for (int i = 0; i < 18; ++i)
            body += sim::randomHex(48).toLatin1();
        QString b64 = QString::fromLatin1(QByteArray::fromHex(body).toBase64());
        QString out = QStringLiteral("-----BEGIN CERTIFICATE-----\n");
        for (qsizetype i = 0; i < b64.size(); i += 64)
            out += b64.mid(i, 64) + QLatin1Char('\n');
        return out + QStringLiteral("-----END CERTIFICATE-----\n");
    }();
    return pem;
}

QJsonObject nodeCondition(const char *type, const char *status, const char *reason, const char *message,
                          const QString &heartbeat, const QString &transition)
{
    return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)},
                       {QStringLiteral("status"), QString::fromLatin1(status)},
                       {QStringLiteral("reason"), QString::fromLatin1(reason)},
                       {QStringLiteral("message"), QString::fromLatin1(message)},
                       {QStringLiteral("lastHeartbeatTime"), heartbeat},
                       {QStringLiteral("lastTransitionTime"), transition}};
}

QJsonObject taint(const char *key, const char *effect, const QString &timeAdded = QString())
{
    QJsonObject t{{QStringLiteral("key"), QString::fromLatin1(key)}, {QStringLiteral("effect"), QString::fromLatin1(effect)}};
    if (!timeAdded.isEmpty())
        t.insert(QStringLiteral("timeAdded"), timeAdded);
    return t;
}

} // namespace

QJsonObject object(const char *apiVersion, const char *kind, const QString &ns, const QString &name,
                   const QJsonObject &labels, qint64 ageSeconds)
{
    QJsonObject m{{QStringLiteral("name"), name}};
    if (!ns.isEmpty())
        m.insert(QStringLiteral("namespace"), ns);
    if (!labels.isEmpty())
        m.insert(QStringLiteral("labels"), labels);
    if (ageSeconds > 0)
        m.insert(QStringLiteral("creationTimestamp"), sim::timeAgo(ageSeconds));
    return QJsonObject{{QStringLiteral("apiVersion"), QString::fromLatin1(apiVersion)},
                       {QStringLiteral("kind"), QString::fromLatin1(kind)},
                       {QStringLiteral("metadata"), m}};
}

QJsonObject systemNamespace(const QString &name, qint64 ageSeconds)
{
    QJsonObject ns = object("v1", "Namespace", QString(), name, QJsonObject{{QStringLiteral("kubernetes.io/metadata.name"), name}}, ageSeconds);
    ns.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("finalizers"), QJsonArray{QStringLiteral("kubernetes")}}});
    ns.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Active")}});
    return ns;
}

QJsonObject namespaceObject(const NamespacePlan &plan, qint64 ageSeconds)
{
    QJsonObject ns = systemNamespace(plan.name, ageSeconds);
    QJsonObject m = sim::meta(ns);
    QJsonObject labels = m.value(QLatin1String("labels")).toObject();
    labels.insert(QStringLiteral("cpaas.io/project"), plan.project);
    if (!plan.psaEnforce.isEmpty()) {
        labels.insert(QStringLiteral("pod-security.kubernetes.io/enforce"), plan.psaEnforce);
        labels.insert(QStringLiteral("pod-security.kubernetes.io/enforce-version"), QStringLiteral("latest"));
    }
    if (!plan.psaWarn.isEmpty()) {
        for (const char *mode : {"warn", "audit"}) {
            labels.insert(QStringLiteral("pod-security.kubernetes.io/") + QLatin1String(mode), plan.psaWarn);
            labels.insert(QStringLiteral("pod-security.kubernetes.io/%1-version").arg(QLatin1String(mode)), QStringLiteral("latest"));
        }
    }
    m.insert(QStringLiteral("labels"), labels);
    ns.insert(QStringLiteral("metadata"), m);
    return ns;
}

void seedNamespaceBasics(Writer &w, const QString &ns, qint64 ageSeconds)
{
    w.put(object("v1", "ServiceAccount", ns, QStringLiteral("default"), {}, ageSeconds));
    QJsonObject cm = object("v1", "ConfigMap", ns, QStringLiteral("kube-root-ca.crt"), {}, ageSeconds);
    sim::setAnnotation(cm, QStringLiteral("kubernetes.io/description"),
                       QStringLiteral("Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."));
    cm.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("ca.crt"), fakeCaPem()}});
    w.put(cm);
}

NodePool seedNodes(Writer &w, int clusterIndex, int count, int notReadyIndex, int cordonedIndex, qint64 ageSeconds)
{
    NodePool pool;
    const QString cluster = w.cluster()->name();
    const int controlPlanes = count >= 6 ? 3 : 1;
    auto *rng = QRandomGenerator::global();
    static const char *zones[] = {"a", "b", "c"};
    for (int i = 0; i < count; ++i) {
        NodeInfo info;
        info.controlPlane = i < controlPlanes;
        info.name = info.controlPlane ? QStringLiteral("%1-master-%2").arg(cluster).arg(i + 1)
                                      : QStringLiteral("%1-worker-%2").arg(cluster).arg(i - controlPlanes + 1);
        info.ip = QStringLiteral("172.%1.%2.%3").arg(16 + clusterIndex / 256).arg(clusterIndex % 256).arg(10 + i);
        info.podCidrBase = QStringLiteral("10.244.%1.").arg(i);
        info.ready = i != notReadyIndex;
        info.schedulable = i != cordonedIndex;

        QJsonObject labels{{QStringLiteral("beta.kubernetes.io/arch"), QStringLiteral("amd64")},
                           {QStringLiteral("beta.kubernetes.io/os"), QStringLiteral("linux")},
                           {QStringLiteral("kubernetes.io/arch"), QStringLiteral("amd64")},
                           {QStringLiteral("kubernetes.io/hostname"), info.name},
                           {QStringLiteral("kubernetes.io/os"), QStringLiteral("linux")},
                           {QStringLiteral("topology.kubernetes.io/region"), QStringLiteral("cn-north-1")},
                           {QStringLiteral("topology.kubernetes.io/zone"), QStringLiteral("cn-north-1") + QLatin1String(zones[i % 3])}};
        if (info.controlPlane) {
            labels.insert(QStringLiteral("node-role.kubernetes.io/control-plane"), QString());
            labels.insert(QStringLiteral("node.kubernetes.io/exclude-from-external-load-balancers"), QString());
        }
        QJsonObject node = object("v1", "Node", QString(), info.name, labels, ageSeconds - i * 600);
        sim::setAnnotation(node, QStringLiteral("kubeadm.alpha.kubernetes.io/cri-socket"), QStringLiteral("unix:///var/run/containerd/containerd.sock"));
        sim::setAnnotation(node, QStringLiteral("node.alpha.kubernetes.io/ttl"), QStringLiteral("0"));
        sim::setAnnotation(node, QStringLiteral("volumes.kubernetes.io/controller-managed-attach-detach"), QStringLiteral("true"));

        QJsonArray taints;
        if (info.controlPlane)
            taints << taint("node-role.kubernetes.io/control-plane", "NoSchedule");
        QJsonObject spec{{QStringLiteral("podCIDR"), info.podCidrBase + QStringLiteral("0/24")},
                         {QStringLiteral("podCIDRs"), QJsonArray{info.podCidrBase + QStringLiteral("0/24")}}};
        if (!info.schedulable) {
            spec.insert(QStringLiteral("unschedulable"), true);
            taints << taint("node.kubernetes.io/unschedulable", "NoSchedule", sim::timeAgo(3 * 3600));
        }
        if (!info.ready) {
            taints << taint("node.kubernetes.io/unreachable", "NoSchedule", sim::timeAgo(24 * 60))
                   << taint("node.kubernetes.io/unreachable", "NoExecute", sim::timeAgo(24 * 60));
        }
        if (!taints.isEmpty())
            spec.insert(QStringLiteral("taints"), taints);
        node.insert(QStringLiteral("spec"), spec);

        const int cpu = info.controlPlane ? 8 : 16;
        const qint64 memKi = info.controlPlane ? 16393056 : 65842176;
        const QJsonObject capacity{{QStringLiteral("cpu"), QString::number(cpu)},
                                   {QStringLiteral("ephemeral-storage"), QStringLiteral("102687672Ki")},
                                   {QStringLiteral("hugepages-1Gi"), QStringLiteral("0")},
                                   {QStringLiteral("hugepages-2Mi"), QStringLiteral("0")},
                                   {QStringLiteral("memory"), QStringLiteral("%1Ki").arg(memKi)},
                                   {QStringLiteral("pods"), QStringLiteral("110")}};
        const QJsonObject allocatable{{QStringLiteral("cpu"), QStringLiteral("%1m").arg(cpu * 1000 - 200)},
                                      {QStringLiteral("ephemeral-storage"), QStringLiteral("94636958315")},
                                      {QStringLiteral("hugepages-1Gi"), QStringLiteral("0")},
                                      {QStringLiteral("hugepages-2Mi"), QStringLiteral("0")},
                                      {QStringLiteral("memory"), QStringLiteral("%1Ki").arg(memKi - 1153434)},
                                      {QStringLiteral("pods"), QStringLiteral("110")}};
        const QString since = sim::timeAgo(ageSeconds - i * 600 - 60);
        QJsonArray conditions;
        if (info.ready) {
            const QString hb = sim::timeAgo(rng->bounded(1, 15));
            conditions << nodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", hb, since)
                       << nodeCondition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", hb, since)
                       << nodeCondition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", hb, since)
                       << nodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status", hb, since);
        } else {
            const QString hb = sim::timeAgo(25 * 60);
            const QString lost = sim::timeAgo(24 * 60);
            for (const char *type : {"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"})
                conditions << nodeCondition(type, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", hb, lost);
        }
        const QString version = w.cluster()->kubernetesVersion();
        node.insert(QStringLiteral("status"), QJsonObject{
            {QStringLiteral("addresses"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("InternalIP")}, {QStringLiteral("address"), info.ip}},
                                                     QJsonObject{{QStringLiteral("type"), QStringLiteral("Hostname")}, {QStringLiteral("address"), info.name}}}},
            {QStringLiteral("allocatable"), allocatable},
            {QStringLiteral("capacity"), capacity},
            {QStringLiteral("conditions"), conditions},
            {QStringLiteral("daemonEndpoints"), QJsonObject{{QStringLiteral("kubeletEndpoint"), QJsonObject{{QStringLiteral("Port"), 10250}}}}},
            {QStringLiteral("nodeInfo"), QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                                                     {QStringLiteral("bootID"), sim::newUid()},
                                                     {QStringLiteral("containerRuntimeVersion"), QStringLiteral("containerd://1.7.27")},
                                                     {QStringLiteral("kernelVersion"), QStringLiteral("5.15.0-131-generic")},
                                                     {QStringLiteral("kubeProxyVersion"), QString()},
                                                     {QStringLiteral("kubeletVersion"), version},
                                                     {QStringLiteral("machineID"), sim::randomHex(32)},
                                                     {QStringLiteral("operatingSystem"), QStringLiteral("linux")},
                                                     {QStringLiteral("osImage"), QStringLiteral("Ubuntu 22.04.5 LTS")},
                                                     {QStringLiteral("systemUUID"), sim::newUid().toUpper()}}}});
        w.put(node);
        pool.nodes << info;
    }
    return pool;
}

} // namespace acp::sandbox::seed
