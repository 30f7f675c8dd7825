#include "models/FleetHealthAggregates.h"

#include "models/PrinterFormat.h"
#include "models/Quantity.h"

#include <QJsonArray>

namespace acp::models::fleethealth {

namespace {

using L = QLatin1String;

struct Requests {
    qint64 cpu = 0;
    qint64 memory = 0;
    Requests &operator+=(const Requests &o)
    {
        cpu += o.cpu;
        memory += o.memory;
        return *this;
    }
    Requests max(const Requests &o) const { return {qMax(cpu, o.cpu), qMax(memory, o.memory)}; }
};

qint64 quantityValue(const QJsonValue &v, bool milli)
{
    if (v.isUndefined() || v.isNull())
        return 0;
    auto q = Quantity::fromJson(v);
    if (!q)
        return 0;
    return milli ? q->milliValue() : q->value();
}

Requests requestsOf(const QJsonObject &resourceList)
{
    return {quantityValue(resourceList.value(L("cpu")), true), quantityValue(resourceList.value(L("memory")), false)};
}

Requests containerRequests(const QJsonObject &container)
{
    return requestsOf(container.value(L("resources")).toObject().value(L("requests")).toObject());
}

} // namespace

PodContribution podContribution(const QJsonObject &pod)
{
    PodContribution c;
    const QString phase = pod.value(L("status")).toObject().value(L("phase")).toString();
    if (phase == L("Succeeded") || phase == L("Failed"))
        return c;
    c.active = true;
    const QJsonObject spec = pod.value(L("spec")).toObject();
    Requests reqs;
    for (const QJsonValue &ct : spec.value(L("containers")).toArray())
        reqs += containerRequests(ct.toObject());
    // resourcehelper.PodRequests: restartable (sidecar) init containers run alongside the
    // containers; the others run one at a time before them, each beside the sidecars started so far.
    Requests restartable, initMax;
    for (const QJsonValue &v : spec.value(L("initContainers")).toArray()) {
        const QJsonObject ic = v.toObject();
        Requests r = containerRequests(ic);
        if (ic.value(L("restartPolicy")).toString() == L("Always")) {
            reqs += r;
            restartable += r;
            r = restartable;
        } else {
            r += restartable;
        }
        initMax = initMax.max(r);
    }
    reqs = reqs.max(initMax);
    reqs += requestsOf(spec.value(L("overhead")).toObject());
    c.cpuMilli = reqs.cpu;
    c.memoryBytes = reqs.memory;
    return c;
}

PodContribution podContribution(const KubeObject &pod)
{
    return podContribution(pod.parseJson());
}

NodeContribution nodeContribution(const QJsonObject &node)
{
    NodeContribution c;
    const QJsonObject status = node.value(L("status")).toObject();
    for (const QJsonValue &v : status.value(L("conditions")).toArray()) {
        const QJsonObject cond = v.toObject();
        if (cond.value(L("type")).toString() == L("Ready"))
            c.ready = cond.value(L("status")).toString() == L("True");
    }
    const Requests alloc = requestsOf(status.value(L("allocatable")).toObject());
    c.cpuMilli = alloc.cpu;
    c.memoryBytes = alloc.memory;
    c.kubeletVersion = status.value(L("nodeInfo")).toObject().value(L("kubeletVersion")).toString();
    c.created = format::parseTimestamp(node.value(L("metadata")).toObject().value(L("creationTimestamp")).toString());
    return c;
}

NodeContribution nodeContribution(const KubeObject &node)
{
    NodeContribution c = nodeContribution(node.parseJson());
    c.created = node.creationTimestamp();
    return c;
}

namespace {

ClusterHealth fromConditions(const ClusterHealthInput &in)
{
    ClusterHealth h;
    QStringList bad, details;
    for (const QJsonValue &v : in.clusterObject.value(L("status")).toObject().value(L("conditions")).toArray()) {
        const QJsonObject cond = v.toObject();
        const QDateTime beat = format::parseTimestamp(cond.value(L("lastHeartbeatTime")).toString());
        if (beat.isValid() && (!h.lastHeartbeat.isValid() || beat > h.lastHeartbeat))
            h.lastHeartbeat = beat;
        if (cond.value(L("status")).toString() != L("True"))
            continue;
        const QString type = cond.value(L("type")).toString();
        bad << type;
        const QString msg = cond.value(L("message")).toString();
        details << (msg.isEmpty() ? type : type + L(": ") + msg);
    }
    h.detail = details.join(QLatin1Char('\n'));
    if (bad.contains(L("NotAccessible")))
        h.status = {ObjectStatus::Error, QStringLiteral("NotAccessible")};
    else if (!bad.isEmpty())
        h.status = {ObjectStatus::Warning, bad.first()};
    else
        h.status = {ObjectStatus::Ok, QStringLiteral("Ready")};
    if (h.lastHeartbeat.isValid() && in.now.isValid()) {
        const qint64 ageMs = h.lastHeartbeat.msecsTo(in.now);
        if (ageMs > qint64(in.heartbeatTimeoutSecs) * 1000) {
            h.status = {ObjectStatus::Error, QStringLiteral("No heartbeat for %1").arg(format::humanDuration(ageMs))};
            h.detail = QStringLiteral("The last heartbeat was %1 ago.").arg(format::humanDuration(ageMs))
                + (h.detail.isEmpty() ? QString() : QLatin1Char('\n') + h.detail);
        }
    }
    return h;
}

} // namespace

ClusterHealth clusterHealth(const ClusterHealthInput &in)
{
    using S = ClusterConnection::State;
    if (in.connection == S::Failed)
        return {{ObjectStatus::Error, QStringLiteral("Unreachable")}, in.connectionError, {}};
    ClusterHealth h;
    if (!in.clusterObject.isEmpty()) {
        h = fromConditions(in);
        if (h.status.state != ObjectStatus::Ok)
            return h;
    }
    if (in.connection != S::Ready) {
        h.status = {ObjectStatus::Pending, QStringLiteral("Connecting")};
        return h;
    }
    if (in.nodesKnown && in.nodesReady < in.nodesTotal) {
        h.status = {ObjectStatus::Warning, QStringLiteral("%1 node(s) not ready").arg(in.nodesTotal - in.nodesReady)};
        return h;
    }
    h.status = {ObjectStatus::Ok, QStringLiteral("Ready")};
    return h;
}

QString formatCpu(qint64 milli)
{
    if (milli % 1000 == 0)
        return QString::number(milli / 1000);
    QString s = QString::number(double(milli) / 1000.0, 'f', milli % 100 == 0 ? 1 : 2);
    return s;
}

QString formatMemory(qint64 bytes)
{
    static const char *units[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        ++u;
    }
    QString num = QString::number(v, 'f', v >= 100 || u == 0 ? 0 : 1);
    if (num.endsWith(L(".0")))
        num.chop(2);
    return num + QLatin1String(units[u]);
}

QString formatUsage(const QString &req, const QString &alloc, qint64 reqValue, qint64 allocValue)
{
    if (allocValue <= 0 && reqValue <= 0)
        return QString();
    if (allocValue <= 0)
        return req + L(" / ?");
    const qint64 pct = (reqValue * 100 + allocValue / 2) / allocValue;
    return QStringLiteral("%1 / %2 (%3%)").arg(req, alloc).arg(pct);
}

} // namespace acp::models::fleethealth
