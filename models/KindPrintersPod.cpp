// Pod: printPod of kube-apiserver's internal printers (Kubernetes 1.32).
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"


namespace acp::models::printers {

using namespace format;
using L = QLatin1String;

namespace {

// One container status, navigated once (pods dominate large lists).
struct ContainerStatus {
    explicit ContainerStatus(const QJsonValue &v)
        : object(v.toObject()), state(object.value(L("state")).toObject())
    {
        const QJsonValue t = state.value(L("terminated"));
        terminated = t.isObject();
        terminatedState = t.toObject();
        const QJsonValue w = state.value(L("waiting"));
        waiting = w.isObject();
        waitingReason = w.toObject().value(L("reason")).toString();
        running = state.value(L("running")).isObject();
        ready = object.value(L("ready")).toBool();
        restartCount = object.value(L("restartCount")).toInteger();
    }

    // Keeps the later of *latest and the finishedAt of the last termination.
    void noteTermination(QDateTime *latest) const
    {
        const QJsonValue last = object.value(L("lastState")).toObject().value(L("terminated"));
        if (!last.isObject())
            return;
        const QDateTime finished =
            parseTimestamp(last.toObject().value(L("finishedAt")).toString());
        if (finished.isValid() && (!latest->isValid() || *latest < finished))
            *latest = finished;
    }

    QString terminatedReason(const QString &prefix) const
    {
        const QString reason = terminatedState.value(L("reason")).toString();
        if (!reason.isEmpty())
            return prefix + reason;
        if (const qint64 signal = terminatedState.value(L("signal")).toInteger(); signal != 0)
            return prefix + QStringLiteral("Signal:") + QString::number(signal);
        return prefix + QStringLiteral("ExitCode:")
            + QString::number(terminatedState.value(L("exitCode")).toInteger());
    }

    QJsonObject object;
    QJsonObject state;
    QJsonObject terminatedState;
    QString waitingReason;
    qint64 restartCount = 0;
    bool terminated = false;
    bool waiting = false;
    bool running = false;
    bool ready = false;
};

bool conditionTrue(const QJsonArray &conditions, L type, bool firstOnly)
{
    for (const QJsonValue &c : conditions) {
        const QJsonObject o = c.toObject();
        if (o.value(L("type")).toString() != type)
            continue;
        if (o.value(L("status")).toString() == L("True"))
            return true;
        if (firstOnly)
            return false;
    }
    return false;
}

struct PodState {
    QString reason;
    int ready = 0;
    int total = 0;
    qint64 restarts = 0;
    QDateTime lastRestart;
};

// The init-container pass; returns true while the pod is still initializing.
bool scanInitContainers(const QJsonArray &statuses, qsizetype specCount,
                        const QList<QString> &restartable, PodState *s,
                        qint64 *restartableRestarts, QDateTime *restartableLast)
{
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const ContainerStatus c(statuses.at(i));
        const bool isRestartable =
            !restartable.isEmpty() && restartable.contains(c.object.value(L("name")).toString());
        s->restarts += c.restartCount;
        c.noteTermination(&s->lastRestart);
        if (isRestartable) {
            *restartableRestarts += c.restartCount;
            c.noteTermination(restartableLast);
        }
        if (c.terminated && c.terminatedState.value(L("exitCode")).toInteger() == 0)
            continue;
        if (isRestartable && c.object.value(L("started")).toBool()) {
            if (c.ready)
                ++s->ready;
            continue;
        }
        if (c.terminated)
            s->reason = c.terminatedReason(QStringLiteral("Init:"));
        else if (c.waiting && !c.waitingReason.isEmpty() && c.waitingReason != L("PodInitializing"))
            s->reason = QStringLiteral("Init:") + c.waitingReason;
        else
            s->reason = QStringLiteral("Init:") + QString::number(i) + u'/'
                + QString::number(specCount);
        return true;
    }
    return false;
}

void scanContainers(const QJsonArray &statuses, const QJsonArray &conditions, PodState *s)
{
    bool hasRunning = false;
    for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
        const ContainerStatus c(statuses.at(i));
        s->restarts += c.restartCount;
        c.noteTermination(&s->lastRestart);
        if (c.waiting && !c.waitingReason.isEmpty()) {
            s->reason = c.waitingReason;
        } else if (c.terminated) {
            s->reason = c.terminatedReason(QString());
        } else if (c.ready && c.running) {
            hasRunning = true;
            ++s->ready;
        }
    }
    // Back to "Running" if at least one container still reports running.
    if (s->reason == L("Completed") && hasRunning)
        s->reason = conditionTrue(conditions, L("Ready"), false) ? QStringLiteral("Running")
                                                                 : QStringLiteral("NotReady");
}

QString podIP(const QJsonObject &status)
{
    // Conversion to the internal type: podIP is authoritative, podIPs[0] otherwise.
    QString ip = status.value(L("podIP")).toString();
    if (ip.isEmpty())
        ip = status.value(L("podIPs")).toArray().at(0).toObject().value(L("ip")).toString();
    return ip.isEmpty() ? QStringLiteral("<none>") : ip;
}

QString readinessGates(const QJsonArray &gates, const QJsonArray &conditions)
{
    if (gates.isEmpty())
        return QStringLiteral("<none>");
    int trueConditions = 0;
    for (const QJsonValue &g : gates) {
        const QString type = g.toObject().value(L("conditionType")).toString();
        for (const QJsonValue &c : conditions) {
            const QJsonObject o = c.toObject();
            if (o.value(L("type")).toString() == type) {
                if (o.value(L("status")).toString() == L("True"))
                    ++trueConditions;
                break;
            }
        }
    }
    return QString::number(trueConditions) + u'/' + QString::number(gates.size());
}

QString orNone(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("<none>") : s;
}

QJsonArray podCells(const QJsonObject &pod, const QDateTime &now)
{
    const QJsonObject meta = pod.value(L("metadata")).toObject();
    const QJsonObject spec = pod.value(L("spec")).toObject();
    const QJsonObject status = pod.value(L("status")).toObject();
    const QJsonArray conditions = status.value(L("conditions")).toArray();

    PodState s;
    QString phase = status.value(L("phase")).toString();
    if (phase.isEmpty())
        phase = QStringLiteral("Pending"); // set by the pod strategy on create
    const QString statusReason = status.value(L("reason")).toString();
    s.reason = statusReason.isEmpty() ? phase : statusReason;
    for (const QJsonValue &c : conditions) {
        const QJsonObject o = c.toObject();
        if (o.value(L("type")).toString() == L("PodScheduled")
            && o.value(L("reason")).toString() == L("SchedulingGated"))
            s.reason = QStringLiteral("SchedulingGated");
    }

    const QJsonArray initContainers = spec.value(L("initContainers")).toArray();
    s.total = int(spec.value(L("containers")).toArray().size());
    QList<QString> restartable;
    for (const QJsonValue &c : initContainers) {
        const QJsonObject o = c.toObject();
        if (o.value(L("restartPolicy")).toString() == L("Always")) {
            restartable.append(o.value(L("name")).toString());
            ++s.total;
        }
    }

    qint64 restartableRestarts = 0;
    QDateTime restartableLast;
    const bool initializing =
        scanInitContainers(status.value(L("initContainerStatuses")).toArray(),
                           initContainers.size(), restartable, &s, &restartableRestarts,
                           &restartableLast);
    if (!initializing || conditionTrue(conditions, L("Initialized"), true)) {
        s.restarts = restartableRestarts;
        s.lastRestart = restartableLast;
        scanContainers(status.value(L("containerStatuses")).toArray(), conditions, &s);
    }

    const QJsonValue deletion = meta.value(L("deletionTimestamp"));
    const bool deleting = !deletion.isUndefined() && !deletion.isNull();
    if (deleting && statusReason == L("NodeLost"))
        s.reason = QStringLiteral("Unknown");
    else if (deleting && phase != L("Failed") && phase != L("Succeeded"))
        s.reason = QStringLiteral("Terminating");

    QString restarts = QString::number(s.restarts);
    if (s.restarts != 0 && s.lastRestart.isValid())
        restarts += QStringLiteral(" (") + humanDuration(s.lastRestart.msecsTo(now))
            + QStringLiteral(" ago)");

    return {meta.value(L("name")).toString(),
            QString(QString::number(s.ready) + u'/' + QString::number(s.total)),
            s.reason,
            restarts,
            timestampSince(meta.value(L("creationTimestamp")), now),
            podIP(status),
            orNone(spec.value(L("nodeName")).toString()),
            orNone(status.value(L("nominatedNodeName")).toString()),
            readinessGates(spec.value(L("readinessGates")).toArray(), conditions)};
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
