#include "sandbox/ObjectDefaults.h"

#include "sandbox/ObjectMeta.h"
#include "sandbox/ResourceRegistry.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace acp::sandbox {

namespace {
void defaultContainer(QJsonObject &c)
{
    if (!c.contains(QLatin1String("terminationMessagePath")))
        c.insert(QStringLiteral("terminationMessagePath"), QStringLiteral("/dev/termination-log"));
    if (!c.contains(QLatin1String("terminationMessagePolicy")))
        c.insert(QStringLiteral("terminationMessagePolicy"), QStringLiteral("File"));
    if (!c.contains(QLatin1String("imagePullPolicy"))) {
        const QString image = c.value(QLatin1String("image")).toString();
        const bool latest = !image.contains(QLatin1Char(':')) || image.endsWith(QLatin1String(":latest"));
        c.insert(QStringLiteral("imagePullPolicy"), latest ? QStringLiteral("Always") : QStringLiteral("IfNotPresent"));
    }
    if (!c.contains(QLatin1String("resources")))
        c.insert(QStringLiteral("resources"), QJsonObject());
    QJsonArray ports = c.value(QLatin1String("ports")).toArray();
    for (qsizetype i = 0; i < ports.size(); ++i) {
        QJsonObject p = ports.at(i).toObject();
        if (!p.contains(QLatin1String("protocol")))
            p.insert(QStringLiteral("protocol"), QStringLiteral("TCP"));
        ports.replace(i, p);
    }
    if (!ports.isEmpty())
        c.insert(QStringLiteral("ports"), ports);
}

void defaultPodSpec(QJsonObject &spec)
{
    auto setDefault = [&spec](const char *k, const QJsonValue &v) {
        if (!spec.contains(QLatin1String(k)))
            spec.insert(QLatin1String(k), v);
    };
    setDefault("restartPolicy", QStringLiteral("Always"));
    setDefault("terminationGracePeriodSeconds", 30);
    setDefault("dnsPolicy", QStringLiteral("ClusterFirst"));
    setDefault("schedulerName", QStringLiteral("default-scheduler"));
    setDefault("securityContext", QJsonObject());
    for (const char *list : {"containers", "initContainers"}) {
        if (!spec.contains(QLatin1String(list)))
            continue;
        QJsonArray cs = spec.value(QLatin1String(list)).toArray();
        for (qsizetype i = 0; i < cs.size(); ++i) {
            QJsonObject c = cs.at(i).toObject();
            defaultContainer(c);
            cs.replace(i, c);
        }
        spec.insert(QLatin1String(list), cs);
    }
}

void defaultTemplate(QJsonObject &spec)
{
    QJsonObject tmpl = spec.value(QLatin1String("template")).toObject();
    QJsonObject podSpec = tmpl.value(QLatin1String("spec")).toObject();
    defaultPodSpec(podSpec);
    tmpl.insert(QStringLiteral("spec"), podSpec);
    if (!tmpl.contains(QLatin1String("metadata")))
        tmpl.insert(QStringLiteral("metadata"), QJsonObject());
    spec.insert(QStringLiteral("template"), tmpl);
}

QString randomClusterIp()
{
    auto *rng = QRandomGenerator::global();
    return QStringLiteral("10.96.%1.%2").arg(rng->bounded(1, 255)).arg(rng->bounded(2, 255));
}
} // namespace

bool ObjectDefaults::tracksGeneration(const ResourceType &type)
{
    static const QStringList kinds{QStringLiteral("Deployment"), QStringLiteral("ReplicaSet"),
                                   QStringLiteral("StatefulSet"), QStringLiteral("DaemonSet"),
                                   QStringLiteral("Job"), QStringLiteral("CronJob"), QStringLiteral("Ingress"),
                                   QStringLiteral("NetworkPolicy"), QStringLiteral("PodDisruptionBudget"),
                                   QStringLiteral("CustomResourceDefinition"), QStringLiteral("Pod")};
    return type.isCrd || kinds.contains(type.kind);
}

void ObjectDefaults::applyCreate(const ResourceType &type, QJsonObject &obj, bool fromClient, const SimCluster &)
{
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    if (tracksGeneration(type))
        meta.insert(QStringLiteral("generation"), 1);
    QJsonObject spec = obj.value(QLatin1String("spec")).toObject();
    const QString &kind = type.kind;
    if (fromClient && type.hasSubresource(QStringLiteral("status")) && kind != QLatin1String("Namespace"))
        obj.remove(QStringLiteral("status"));

    if (type.group.isEmpty() && kind == QLatin1String("Namespace")) {
        QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
        labels.insert(QStringLiteral("kubernetes.io/metadata.name"), meta.value(QLatin1String("name")).toString());
        meta.insert(QStringLiteral("labels"), labels);
        if (!spec.contains(QLatin1String("finalizers")))
            spec.insert(QStringLiteral("finalizers"), QJsonArray{QStringLiteral("kubernetes")});
        obj.insert(QStringLiteral("spec"), spec);
        QJsonObject status = obj.value(QLatin1String("status")).toObject();
        if (fromClient || !status.contains(QLatin1String("phase")))
            status = QJsonObject{{QStringLiteral("phase"), QStringLiteral("Active")}};
        obj.insert(QStringLiteral("status"), status);
    } else if (type.group.isEmpty() && kind == QLatin1String("Pod")) {
        defaultPodSpec(spec);
        if (!spec.contains(QLatin1String("serviceAccountName")))
            spec.insert(QStringLiteral("serviceAccountName"), QStringLiteral("default"));
        obj.insert(QStringLiteral("spec"), spec);
        if (!obj.contains(QLatin1String("status")))
            obj.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Pending")},
                                                             {QStringLiteral("qosClass"), QStringLiteral("BestEffort")}});
    } else if (type.group.isEmpty() && kind == QLatin1String("Service")) {
        if (!spec.contains(QLatin1String("type")))
            spec.insert(QStringLiteral("type"), QStringLiteral("ClusterIP"));
        if (!spec.contains(QLatin1String("sessionAffinity")))
            spec.insert(QStringLiteral("sessionAffinity"), QStringLiteral("None"));
        if (!spec.contains(QLatin1String("clusterIP")) && spec.value(QLatin1String("type")).toString() != QLatin1String("ExternalName")) {
            const QString ip = randomClusterIp();
            spec.insert(QStringLiteral("clusterIP"), ip);
            spec.insert(QStringLiteral("clusterIPs"), QJsonArray{ip});
        }
        if (!spec.contains(QLatin1String("ipFamilies")))
            spec.insert(QStringLiteral("ipFamilies"), QJsonArray{QStringLiteral("IPv4")});
        if (!spec.contains(QLatin1String("ipFamilyPolicy")))
            spec.insert(QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack"));
        if (!spec.contains(QLatin1String("internalTrafficPolicy")))
            spec.insert(QStringLiteral("internalTrafficPolicy"), QStringLiteral("Cluster"));
        QJsonArray ports = spec.value(QLatin1String("ports")).toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject p = ports.at(i).toObject();
            if (!p.contains(QLatin1String("protocol")))
                p.insert(QStringLiteral("protocol"), QStringLiteral("TCP"));
            if (!p.contains(QLatin1String("targetPort")))
                p.insert(QStringLiteral("targetPort"), p.value(QLatin1String("port")));
            ports.replace(i, p);
        }
        if (!ports.isEmpty())
            spec.insert(QStringLiteral("ports"), ports);
        obj.insert(QStringLiteral("spec"), spec);
        if (!obj.contains(QLatin1String("status")))
            obj.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("loadBalancer"), QJsonObject()}});
    } else if (type.group.isEmpty() && kind == QLatin1String("Secret")) {
        if (!obj.contains(QLatin1String("type")))
            obj.insert(QStringLiteral("type"), QStringLiteral("Opaque"));
        // stringData is write-only: merged into data (base64) and dropped.
        const QJsonObject stringData = obj.value(QLatin1String("stringData")).toObject();
        if (!stringData.isEmpty()) {
            QJsonObject data = obj.value(QLatin1String("data")).toObject();
            for (auto it = stringData.begin(); it != stringData.end(); ++it)
                data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
            obj.insert(QStringLiteral("data"), data);
        }
        obj.remove(QStringLiteral("stringData"));
    } else if (kind == QLatin1String("Deployment") && type.group == QLatin1String("apps")) {
        if (!spec.contains(QLatin1String("replicas")))
            spec.insert(QStringLiteral("replicas"), 1);
        if (!spec.contains(QLatin1String("strategy")))
            spec.insert(QStringLiteral("strategy"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                                                                {QStringLiteral("rollingUpdate"), QJsonObject{{QStringLiteral("maxSurge"), QStringLiteral("25%")},
                                                                                                             {QStringLiteral("maxUnavailable"), QStringLiteral("25%")}}}});
        if (!spec.contains(QLatin1String("revisionHistoryLimit")))
            spec.insert(QStringLiteral("revisionHistoryLimit"), 10);
        if (!spec.contains(QLatin1String("progressDeadlineSeconds")))
            spec.insert(QStringLiteral("progressDeadlineSeconds"), 600);
        defaultTemplate(spec);
        obj.insert(QStringLiteral("spec"), spec);
    } else if ((kind == QLatin1String("ReplicaSet") || kind == QLatin1String("StatefulSet")) && type.group == QLatin1String("apps")) {
        if (!spec.contains(QLatin1String("replicas")))
            spec.insert(QStringLiteral("replicas"), 1);
        defaultTemplate(spec);
        obj.insert(QStringLiteral("spec"), spec);
    } else if (type.group == QLatin1String("apps") || (type.group == QLatin1String("batch") && kind == QLatin1String("Job"))) {
        if (spec.contains(QLatin1String("template")))
            defaultTemplate(spec);
        obj.insert(QStringLiteral("spec"), spec);
    }
    obj.insert(QStringLiteral("metadata"), meta);
}

void ObjectDefaults::applyUpdate(const ResourceType &type, const QJsonObject &old, QJsonObject &obj)
{
    if (!tracksGeneration(type))
        return;
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    const qint64 gen = qint64(old.value(QLatin1String("metadata")).toObject().value(QLatin1String("generation")).toDouble(1));
    const bool specChanged = old.value(QLatin1String("spec")) != obj.value(QLatin1String("spec"));
    meta.insert(QStringLiteral("generation"), specChanged ? gen + 1 : gen);
    obj.insert(QStringLiteral("metadata"), meta);
}

api::Result<bool> ObjectDefaults::validate(const ResourceType &type, const QJsonObject &obj)
{
    const QString name = metaStr(obj, "name");
    const QJsonObject spec = obj.value(QLatin1String("spec")).toObject();
    if (type.group.isEmpty() && type.kind == QLatin1String("Pod")) {
        const QJsonArray containers = spec.value(QLatin1String("containers")).toArray();
        if (containers.isEmpty())
            return SimCluster::invalid(type, name, QStringLiteral("spec.containers"), QStringLiteral("Required value"), QString());
        for (qsizetype i = 0; i < containers.size(); ++i) {
            const QJsonObject c = containers.at(i).toObject();
            if (c.value(QLatin1String("image")).toString().isEmpty())
                return SimCluster::invalid(type, name, QStringLiteral("spec.containers[%1].image").arg(i),
                                           QStringLiteral("Required value"), QString());
        }
    }
    if (type.group == QLatin1String("apps") && spec.contains(QLatin1String("replicas"))
        && spec.value(QLatin1String("replicas")).toInt() < 0)
        return SimCluster::invalid(type, name, QStringLiteral("spec.replicas"), QStringLiteral("Invalid value"),
                                   QStringLiteral("%1: must be greater than or equal to 0").arg(spec.value(QLatin1String("replicas")).toInt()));
    if (type.group == QLatin1String("apps") && type.kind != QLatin1String("ControllerRevision")
        && !spec.value(QLatin1String("selector")).isObject())
        return SimCluster::invalid(type, name, QStringLiteral("spec.selector"), QStringLiteral("Required value"), QString());
    return true;
}

api::Result<bool> ObjectDefaults::validateUpdate(const ResourceType &type, const QJsonObject &old, const QJsonObject &obj)
{
    const QString name = metaStr(obj, "name");
    if (type.group == QLatin1String("apps")
        && old.value(QLatin1String("spec")).toObject().value(QLatin1String("selector"))
               != obj.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")))
        return SimCluster::invalid(type, name, QStringLiteral("spec.selector"), QStringLiteral("Invalid value"),
                                   QStringLiteral("field is immutable"));
    if (type.group.isEmpty() && (type.kind == QLatin1String("Secret") || type.kind == QLatin1String("ConfigMap"))
        && old.value(QLatin1String("immutable")).toBool()
        && (old.value(QLatin1String("data")) != obj.value(QLatin1String("data"))
            || old.value(QLatin1String("binaryData")) != obj.value(QLatin1String("binaryData"))))
        return SimCluster::invalid(type, name, QStringLiteral("data"), QStringLiteral("Forbidden"),
                                   QStringLiteral("field is immutable when `immutable` is set"));
    return true;
}

} // namespace acp::sandbox
