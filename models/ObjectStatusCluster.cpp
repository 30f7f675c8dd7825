// Status rows for nodes, namespaces, storage, networking, autoscaling, events and API
// registration kinds (see ObjectStatus.h for the contract).
#include "models/ObjectStatusKinds.h"
#include "models/PrinterFormat.h"

namespace acp::models::status {

using L = QLatin1String;
using S = ObjectStatus;

namespace {

ObjectStatus nodeStatus(const QJsonObject &n)
{
    if (isDeleting(n))
        return {S::Terminating, QStringLiteral("Terminating")};
    const QString ready = conditionStatus(n, L("Ready"));
    if (ready.isEmpty())
        return {S::Unknown, QStringLiteral("Unknown")};
    if (ready != L("True"))
        return {S::Error, QStringLiteral("NotReady")};
    if (format::at(n, L("spec.unschedulable")).toBool())
        return {S::Warning, QStringLiteral("SchedulingDisabled")};
    for (const L pressure : {L("MemoryPressure"), L("DiskPressure"), L("PIDPressure"), L("NetworkUnavailable")}) {
        if (conditionStatus(n, pressure) == L("True"))
            return {S::Warning, QString(pressure)};
    }
    return {S::Ok, QStringLiteral("Ready")};
}

ObjectStatus namespaceStatus(const QJsonObject &ns)
{
    const QString phase = format::str(ns, L("status.phase"));
    if (phase == L("Terminating") || isDeleting(ns))
        return {S::Terminating, QStringLiteral("Terminating")};
    return {S::Ok, phase.isEmpty() ? QStringLiteral("Active") : phase};
}

ObjectStatus claimStatus(const QJsonObject &pvc)
{
    if (isDeleting(pvc))
        return {S::Terminating, QStringLiteral("Terminating")};
    const QString phase = format::str(pvc, L("status.phase"));
    if (phase == L("Bound"))
        return {S::Ok, phase};
    if (phase == L("Lost"))
        return {S::Error, phase};
    return {S::Pending, phase.isEmpty() ? QStringLiteral("Pending") : phase};
}

ObjectStatus volumeStatus(const QJsonObject &pv)
{
    if (isDeleting(pv))
        return {S::Terminating, QStringLiteral("Terminating")};
    const QString phase = format::str(pv, L("status.phase"));
    if (phase == L("Bound") || phase == L("Available"))
        return {S::Ok, phase};
    if (phase == L("Released"))
        return {S::Warning, phase};
    if (phase == L("Failed"))
        return {S::Error, phase};
    return {S::Pending, phase.isEmpty() ? QStringLiteral("Pending") : phase};
}

bool hasLoadBalancerIngress(const QJsonObject &o)
{
    return !format::array(o, L("status.loadBalancer.ingress")).isEmpty();
}

ObjectStatus serviceStatus(const QJsonObject &svc)
{
    if (isDeleting(svc))
        return {S::Terminating, QStringLiteral("Terminating")};
    if (format::str(svc, L("spec.type")) == L("LoadBalancer") && !hasLoadBalancerIngress(svc))
        return {S::Pending, QStringLiteral("Pending")};
    return {S::Ok, QStringLiteral("Active")};
}

ObjectStatus ingressStatus(const QJsonObject &ing)
{
    if (isDeleting(ing))
        return {S::Terminating, QStringLiteral("Terminating")};
    if (!hasLoadBalancerIngress(ing))
        return {S::Pending, QStringLiteral("Pending")};
    return {S::Ok, QStringLiteral("Active")};
}

// autoscaling/v2 conditions (AbleToScale, ScalingActive, ScalingLimited); v1 objects carry them in
// the autoscaling.alpha.kubernetes.io/conditions annotation, which is not read here.
ObjectStatus hpaStatus(const QJsonObject &hpa)
{
    if (isDeleting(hpa))
        return {S::Terminating, QStringLiteral("Terminating")};
    for (const L type : {L("AbleToScale"), L("ScalingActive")}) {
        const QJsonObject c = condition(hpa, type);
        if (c.value(L("status")).toString() == L("False")) {
            const QString reason = c.value(L("reason")).toString();
            return {S::Warning, reason.isEmpty() ? QString(type) : reason};
        }
    }
    if (conditionStatus(hpa, L("ScalingLimited")) == L("True"))
        return {S::Warning, QStringLiteral("ScalingLimited")};
    return {S::Ok, QStringLiteral("Active")};
}

ObjectStatus eventStatus(const QJsonObject &ev)
{
    const QString type = ev.value(L("type")).toString();
    if (type == L("Warning"))
        return {S::Warning, ev.value(L("reason")).toString()};
    return {S::Ok, ev.value(L("reason")).toString()};
}

// Available / Established conditions (APIService, CustomResourceDefinition).
ObjectStatus conditionKind(const QJsonObject &o, L type)
{
    if (isDeleting(o))
        return {S::Terminating, QStringLiteral("Terminating")};
    const QJsonObject c = condition(o, type);
    const QString s = c.value(L("status")).toString();
    if (s == L("True"))
        return {S::Ok, QString(type)};
    if (s == L("False")) {
        const QString reason = c.value(L("reason")).toString();
        return {S::Error, reason.isEmpty() ? QStringLiteral("Not") + type : reason};
    }
    return {S::Unknown, QStringLiteral("Unknown")};
}

ObjectStatus apiServiceStatus(const QJsonObject &o)
{
    return conditionKind(o, L("Available"));
}

ObjectStatus crdStatus(const QJsonObject &o)
{
    return conditionKind(o, L("Established"));
}

} // namespace

const QList<KindStatus> &clusterStatuses()
{
    static const QList<KindStatus> rows = {
        {"", "Node", nodeStatus},
        {"", "Namespace", namespaceStatus},
        {"", "PersistentVolumeClaim", claimStatus},
        {"", "PersistentVolume", volumeStatus},
        {"", "Service", serviceStatus},
        {"", "Event", eventStatus},
        {"events.k8s.io", "Event", eventStatus},
        {"networking.k8s.io", "Ingress", ingressStatus},
        {"autoscaling", "HorizontalPodAutoscaler", hpaStatus},
        {"apiregistration.k8s.io", "APIService", apiServiceStatus},
        {"apiextensions.k8s.io", "CustomResourceDefinition", crdStatus},
    };
    return rows;
}

} // namespace acp::models::status
