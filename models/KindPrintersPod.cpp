// Pod: printPod of kube-apiserver's internal printers (Kubernetes 1.32).
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"

#include <QSet>

namespace acp::models::printers {

using namespace format;
using L = QLatin1String;

namespace {

bool conditionTrue(const QJsonObject &pod, L type, bool firstOnly)
{
    for (const QJsonValue &c : array(pod, L("status.conditions"))) {
        if (str(c, L("type")) != type)
            continue;
        if (str(c, L("status")) == L("True"))
            return true;
        if (firstOnly)
            return false;
    }
    return false;
}

// Keeps the later of *latest and the finishedAt of a container's last termination.
void noteTermination(const QJsonValue &status, QDateTime *latest)
{
    if (!isSet(status, L("lastState.terminated")))
        return;
    const QDateTime finished = parseTimestamp(str(status, L("lastState.terminated.finishedAt")));
    if (finished.isValid() && (!latest->isValid() || *latest < finished))
        *latest = finished;
}

QString terminatedReason(const QJsonValue &status, const QString &prefix)
{
    const QJsonValue t = at(status, L("state.terminated"));
    const QString reason = str(t, L("reason"));
    if (!reason.isEmpty())
        return prefix + reason;
    if (const qint64 signal = integer(t, L("signal")); signal != 0)
        return prefix + QStringLiteral("Signal:") + QString::number(signal);
    return prefix + QStringLiteral("ExitCode:") + QString::number(integer(t, L("exitCode")));
}

struct PodState {
    QString reason;
    int ready = 0;
    int total = 0;
    qint64 restarts = 0;
    QDateTime lastRestart;
};

// The init-container pass; returns true while the pod is still initializing.
bool scanInitContainers(const QJsonObject &pod, const QSet<QString> &restartable,
                        PodState *s, qint64 *restartableRestarts, QDateTime *restartableLast)
{
    const QJsonArray statuses = array(pod, L("status.initContainerStatuses"));
    const qsizetype specCount = array(pod, L("spec.initContainers")).size();
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const QJsonValue c = statuses.at(i);
        const qint64 rc = integer(c, L("restartCount"));
        const bool isRestartable = restartable.contains(str(c, L("name")));
        s->restarts += rc;
        noteTermination(c, &s->lastRestart);
        if (isRestartable) {
            *restartableRestarts += rc;
            noteTermination(c, restartableLast);
        }
        const bool terminated = isSet(c, L("state.terminated"));
        const QString waiting = str(c, L("state.waiting.reason"));
        if (terminated && integer(c, L("state.terminated.exitCode")) == 0)
            continue;
        if (isRestartable && at(c, L("started")).toBool()) {
            if (at(c, L("ready")).toBool())
                ++s->ready;
            continue;
        }
        if (terminated)
            s->reason = terminatedReason(c, QStringLiteral("Init:"));
        else if (isSet(c, L("state.waiting")) && !waiting.isEmpty() && waiting != L("PodInitializing"))
            s->reason = QStringLiteral("Init:") + waiting;
        else
            s->reason = QStringLiteral("Init:%1/%2").arg(i).arg(specCount);
        return true;
    }
    return false;
}

void scanContainers(const QJsonObject &pod, PodState *s)
{
    const QJsonArray statuses = array(pod, L("status.containerStatuses"));
    bool hasRunning = false;
    for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
        const QJsonValue c = statuses.at(i);
        s->restarts += integer(c, L("restartCount"));
        noteTermination(c, &s->lastRestart);
        const QString waiting = str(c, L("state.waiting.reason"));
        const bool terminated = isSet(c, L("state.terminated"));
        if (isSet(c, L("state.waiting")) && !waiting.isEmpty()) {
            s->reason = waiting;
        } else if (terminated) {
            s->reason = terminatedReason(c, QString());
        } else if (at(c, L("ready")).toBool() && isSet(c, L("state.running"))) {
            hasRunning = true;
            ++s->ready;
        }
    }
    // Back to "Running" if at least one container still reports running.
    if (s->reason == L("Completed") && hasRunning)
        s->reason = conditionTrue(pod, L("Ready"), false) ? QStringLiteral("Running")
                                                          : QStringLiteral("NotReady");
}

QString podIP(const QJsonObject &pod)
{
    // Conversion to the internal type: podIP is authoritative, podIPs[0] otherwise.
    QString ip = str(pod, L("status.podIP"));
    if (ip.isEmpty())
        ip = str(array(pod, L("status.podIPs")).at(0), L("ip"));
    return ip.isEmpty() ? QStringLiteral("<none>") : ip;
}

QString readinessGates(const QJsonObject &pod)
{
    const QJsonArray gates = array(pod, L("spec.readinessGates"));
    if (gates.isEmpty())
        return QStringLiteral("<none>");
    const QJsonArray conditions = array(pod, L("status.conditions"));
    int trueConditions = 0;
    for (const QJsonValue &g : gates) {
        const QString type = str(g, L("conditionType"));
        for (const QJsonValue &c : conditions) {
            if (str(c, L("type")) == type) {
                if (str(c, L("status")) == L("True"))
                    ++trueConditions;
                break;
            }
        }
    }
    return QStringLiteral("%1/%2").arg(trueConditions).arg(gates.size());
}

QString orNone(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("<none>") : s;
}

QJsonArray podCells(const QJsonObject &pod, const QDateTime &now)
{
    PodState s;
    QString phase = str(pod, L("status.phase"));
    if (phase.isEmpty())
        phase = QStringLiteral("Pending"); // set by the pod strategy on create
    s.reason = phase;
    if (const QString r = str(pod, L("status.reason")); !r.isEmpty())
        s.reason = r;
    for (const QJsonValue &c : array(pod, L("status.conditions"))) {
        if (str(c, L("type")) == L("PodScheduled") && str(c, L("reason")) == L("SchedulingGated"))
            s.reason = QStringLiteral("SchedulingGated");
    }

    s.total = int(array(pod, L("spec.containers")).size());
    QSet<QString> restartable;
    for (const QJsonValue &c : array(pod, L("spec.initContainers"))) {
        if (str(c, L("restartPolicy")) == L("Always")) {
            restartable.insert(str(c, L("name")));
            ++s.total;
        }
    }

    qint64 restartableRestarts = 0;
    QDateTime restartableLast;
    const bool initializing =
        scanInitContainers(pod, restartable, &s, &restartableRestarts, &restartableLast);
    if (!initializing || conditionTrue(pod, L("Initialized"), true)) {
        s.restarts = restartableRestarts;
        s.lastRestart = restartableLast;
        scanContainers(pod, &s);
    }

    const bool deleting = isSet(pod, L("metadata.deletionTimestamp"));
    if (deleting && str(pod, L("status.reason")) == L("NodeLost"))
        s.reason = QStringLiteral("Unknown");
    else if (deleting && phase != L("Failed") && phase != L("Succeeded"))
        s.reason = QStringLiteral("Terminating");

    QString restarts = QString::number(s.restarts);
    if (s.restarts != 0 && s.lastRestart.isValid())
        restarts += QStringLiteral(" (") + humanDuration(s.lastRestart.msecsTo(now))
            + QStringLiteral(" ago)");

    return {str(pod, L("metadata.name")),
            QStringLiteral("%1/%2").arg(s.ready).arg(s.total),
            s.reason,
            restarts,
            timestampSince(at(pod, L("metadata.creationTimestamp")), now),
            podIP(pod),
            orNone(str(pod, L("spec.nodeName"))),
            orNone(str(pod, L("status.nominatedNodeName"))),
            readinessGates(pod)};
}

QJsonArray podConditions(const QJsonObject &pod)
{
    const QString phase = str(pod, L("status.phase"));
    QJsonObject c{{QStringLiteral("type"), QStringLiteral("Completed")},
                  {QStringLiteral("status"), QStringLiteral("True")}};
    if (phase == L("Succeeded")) {
        c.insert(QStringLiteral("reason"), QStringLiteral("Succeeded"));
        c.insert(QStringLiteral("message"), QStringLiteral("The pod has completed successfully."));
        return {c};
    }
    if (phase == L("Failed")) {
        c.insert(QStringLiteral("reason"), QStringLiteral("Failed"));
        c.insert(QStringLiteral("message"), QStringLiteral("The pod failed."));
        return {c};
    }
    return {};
}

} // namespace

KindPrinter podPrinter()
{
    return {"", "Pod",
            {{"Name", "string", "name", desc::Name, 0},
             {"Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic.", 0},
             {"Status", "string", "", "The aggregate status of the containers in this pod.", 0},
             {"Restarts", "string", "", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", 0},
             {"Age", "string", "", desc::CreationTimestamp, 0},
             {"IP", "string", "", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1},
             {"Node", "string", "", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename", 1},
             {"Nominated Node", "string", "", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.", 1},
             {"Readiness Gates", "string", "", "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates", 1}},
            podCells,
            podConditions};
}

} // namespace acp::models::printers
