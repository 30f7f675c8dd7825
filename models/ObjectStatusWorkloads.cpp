// Status rows for Pods and the apps / batch workload kinds (see ObjectStatus.h for the contract).
#include "models/ObjectStatusKinds.h"
#include "models/PrinterFormat.h"

#include <QSet>

namespace acp::models::status {

using L = QLatin1String;
using S = ObjectStatus;

namespace {

// Waiting / terminated reasons that mean the container cannot run as asked.
bool isErrorReason(const QString &reason)
{
    static const QSet<QString> errors = {
        QStringLiteral("CrashLoopBackOff"),  QStringLiteral("ImagePullBackOff"),
        QStringLiteral("ErrImagePull"),      QStringLiteral("ErrImageNeverPull"),
        QStringLiteral("InvalidImageName"),  QStringLiteral("CreateContainerConfigError"),
        QStringLiteral("CreateContainerError"), QStringLiteral("RunContainerError"),
        QStringLiteral("PreStartHookError"), QStringLiteral("PostStartHookError"),
        QStringLiteral("ContainerCannotRun"), QStringLiteral("StartError"),
        QStringLiteral("OOMKilled"),         QStringLiteral("Error"),
        QStringLiteral("DeadlineExceeded"),  QStringLiteral("Evicted"),
        QStringLiteral("ContainerStatusUnknown"),
    };
    return errors.contains(reason);
}

QString terminatedReason(const QJsonObject &terminated)
{
    QString reason = terminated.value(L("reason")).toString();
    if (!reason.isEmpty())
        return reason;
    const qint64 signal = terminated.value(L("signal")).toInteger();
    return signal != 0 ? QStringLiteral("Signal:%1").arg(signal)
                       : QStringLiteral("ExitCode:%1").arg(terminated.value(L("exitCode")).toInteger());
}

// The first init container that has not completed decides, as in kubectl's printPod.
std::optional<ObjectStatus> initStatus(const QJsonObject &pod)
{
    const QJsonArray inits = format::array(pod, L("status.initContainerStatuses"));
    QSet<QString> sidecars;
    for (const QJsonValue &c : format::array(pod, L("spec.initContainers"))) {
        if (c[L("restartPolicy")].toString() == L("Always"))
            sidecars.insert(c[L("name")].toString());
    }
    for (qsizetype i = 0; i < inits.size(); ++i) {
        const QJsonObject c = inits.at(i).toObject();
        const QJsonObject state = c.value(L("state")).toObject();
        const QJsonObject terminated = state.value(L("terminated")).toObject();
        if (!terminated.isEmpty()) {
            if (terminated.value(L("exitCode")).toInteger() == 0)
                continue;
            return S{S::Error, QStringLiteral("Init:") + terminatedReason(terminated)};
        }
        if (sidecars.contains(c.value(L("name")).toString()) && c.value(L("started")).toBool())
            continue;
        const QString waiting = state.value(L("waiting")).toObject().value(L("reason")).toString();
        if (!waiting.isEmpty() && waiting != L("PodInitializing"))
            return S{isErrorReason(waiting) ? S::Error : S::Pending, QStringLiteral("Init:") + waiting};
        return S{S::Pending, QStringLiteral("Init:%1/%2").arg(i).arg(inits.size())};
    }
    return std::nullopt;
}

ObjectStatus podStatus(const QJsonObject &pod)
{
    const QString phase = format::str(pod, L("status.phase"));
    const QString podReason = format::str(pod, L("status.reason"));
    if (isDeleting(pod)) // kubectl prints "Unknown" for NodeLost pods; the state is still Terminating
        return {S::Terminating, podReason == L("NodeLost") ? QStringLiteral("Unknown") : QStringLiteral("Terminating")};
    if (phase == L("Succeeded"))
        return {S::Completed, QStringLiteral("Completed")};
    if (phase == L("Failed"))
        return {S::Error, podReason.isEmpty() ? phase : podReason};
    if (phase == L("Unknown"))
        return {S::Unknown, phase};
    if (auto init = initStatus(pod))
        return *init;
    const QJsonArray containers = format::array(pod, L("status.containerStatuses"));
    int ready = 0;
    QString pendingReason;
    for (const QJsonValue &cv : containers) {
        const QJsonObject state = cv[L("state")].toObject();
        const QString waiting = state.value(L("waiting")).toObject().value(L("reason")).toString();
        const QJsonObject terminated = state.value(L("terminated")).toObject();
        if (!waiting.isEmpty() && isErrorReason(waiting))
            return {S::Error, waiting};
        if (!terminated.isEmpty() && terminated.value(L("exitCode")).toInteger() != 0)
            return {S::Error, terminatedReason(terminated)};
        if (!waiting.isEmpty() && pendingReason.isEmpty())
            pendingReason = waiting;
        if (cv[L("ready")].toBool())
            ++ready;
    }
    if (phase == L("Running")) {
        if (!containers.isEmpty() && ready == containers.size())
            return {S::Ok, QStringLiteral("Running")};
        return {S::Progressing, pendingReason.isEmpty() ? QStringLiteral("Running") : pendingReason};
    }
    return {S::Pending, pendingReason.isEmpty() ? (podReason.isEmpty() ? QStringLiteral("Pending") : podReason)
                                                : pendingReason};
}

QString readyText(qint64 ready, qint64 desired)
{
    return QStringLiteral("%1/%2 ready").arg(ready).arg(desired);
}

ObjectStatus deploymentStatus(const QJsonObject &d)
{
    if (isDeleting(d))
        return {S::Terminating, QStringLiteral("Terminating")};
    const QJsonObject progressing = condition(d, L("Progressing"));
    if (progressing.value(L("reason")).toString() == L("ProgressDeadlineExceeded"))
        return {S::Error, QStringLiteral("ProgressDeadlineExceeded")};
    if (format::at(d, L("spec.paused")).toBool())
        return {S::Warning, QStringLiteral("Paused")};
    const qint64 desired = integerAt(d, L("spec.replicas"), 1);
    const qint64 updated = integerAt(d, L("status.updatedReplicas"));
    const qint64 current = integerAt(d, L("status.replicas"));
    const qint64 available = integerAt(d, L("status.availableReplicas"));
    const bool observed = integerAt(d, L("status.observedGeneration"), -1) >= integerAt(d, L("metadata.generation"));
    if (!observed || updated < desired || current > updated)
        return {S::Progressing, QStringLiteral("Progressing")};
    if (conditionStatus(d, L("Available")) == L("False") || available < desired) {
        // Still inside a rollout (new pods starting) vs settled below the desired availability.
        static const QSet<QString> rolling = {QStringLiteral("ReplicaSetUpdated"),
                                              QStringLiteral("NewReplicaSetCreated"),
                                              QStringLiteral("FoundNewReplicaSet")};
        if (progressing.value(L("status")).toString() == L("True")
            && rolling.contains(progressing.value(L("reason")).toString()))
            return {S::Progressing, QStringLiteral("Progressing")};
        return {S::Warning, QStringLiteral("Unavailable")};
    }
    return {S::Ok, QStringLiteral("Available")};
}

// StatefulSet, DaemonSet, ReplicaSet, ReplicationController.
ObjectStatus replicatedStatus(const QJsonObject &o, qint64 desired, qint64 ready, qint64 updated)
{
    if (isDeleting(o))
        return {S::Terminating, QStringLiteral("Terminating")};
    const qint64 observed = integerAt(o, L("status.observedGeneration"), -1);
    if (observed >= 0 && observed < integerAt(o, L("metadata.generation")))
        return {S::Progressing, QStringLiteral("Progressing")};
    if (updated >= 0 && updated < desired)
        return {S::Progressing, QStringLiteral("Progressing")};
    if (ready < desired)
        return {S::Warning, readyText(ready, desired)};
    return {S::Ok, readyText(ready, desired)};
}

ObjectStatus statefulSetStatus(const QJsonObject &o)
{
    const qint64 desired = integerAt(o, L("spec.replicas"), 1);
    const QString current = format::str(o, L("status.currentRevision"));
    const QString update = format::str(o, L("status.updateRevision"));
    const bool rolling = format::str(o, L("spec.updateStrategy.type")) != L("OnDelete")
                         && !update.isEmpty() && current != update;
    if (rolling && !isDeleting(o))
        return {S::Progressing, QStringLiteral("Progressing")};
    return replicatedStatus(o, desired, integerAt(o, L("status.readyReplicas")),
                            format::str(o, L("spec.updateStrategy.type")) == L("OnDelete")
                                ? -1 : integerAt(o, L("status.updatedReplicas"), -1));
}

ObjectStatus daemonSetStatus(const QJsonObject &o)
{
    const bool onDelete = format::str(o, L("spec.updateStrategy.type")) == L("OnDelete");
    return replicatedStatus(o, integerAt(o, L("status.desiredNumberScheduled")),
                            integerAt(o, L("status.numberReady")),
                            onDelete ? -1 : integerAt(o, L("status.updatedNumberScheduled"), -1));
}

ObjectStatus replicaSetStatus(const QJsonObject &o)
{
    return replicatedStatus(o, integerAt(o, L("spec.replicas"), 1), integerAt(o, L("status.readyReplicas")), -1);
}

ObjectStatus jobStatus(const QJsonObject &j)
{
    if (isDeleting(j))
        return {S::Terminating, QStringLiteral("Terminating")};
    const QJsonObject failed = condition(j, L("Failed"));
    if (failed.value(L("status")).toString() == L("True"))
        return {S::Error, failed.value(L("reason")).toString().isEmpty() ? QStringLiteral("Failed")
                                                                          : failed.value(L("reason")).toString()};
    if (conditionStatus(j, L("Complete")) == L("True"))
        return {S::Completed, QStringLiteral("Complete")};
    if (format::at(j, L("spec.suspend")).toBool())
        return {S::Pending, QStringLiteral("Suspended")};
    return {S::Progressing, QStringLiteral("Running")};
}

ObjectStatus cronJobStatus(const QJsonObject &c)
{
    if (isDeleting(c))
        return {S::Terminating, QStringLiteral("Terminating")};
    if (format::at(c, L("spec.suspend")).toBool())
        return {S::Warning, QStringLiteral("Suspended")};
    if (!format::array(c, L("status.active")).isEmpty())
        return {S::Progressing, QStringLiteral("Active")};
    return {S::Ok, QStringLiteral("Scheduled")};
}

} // namespace

const QList<KindStatus> &workloadStatuses()
{
    static const QList<KindStatus> rows = {
        {"", "Pod", podStatus},
        {"apps", "Deployment", deploymentStatus},
        {"apps", "StatefulSet", statefulSetStatus},
        {"apps", "DaemonSet", daemonSetStatus},
        {"apps", "ReplicaSet", replicaSetStatus},
        {"", "ReplicationController", replicaSetStatus},
        {"batch", "Job", jobStatus},
        {"batch", "CronJob", cronJobStatus},
    };
    return rows;
}

} // namespace acp::models::status
