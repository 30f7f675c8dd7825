#pragma once
// SeedObjects: JSON building blocks shared by the seed (Seed*.cpp) and the simulated controllers
// (Controllers*.cpp): metadata access, owner references, pod-template hashes, pod status as the
// kubelet reports it for each simulated state, and core/v1 Events. Pure functions over JSON,
// any thread (the random helpers use QRandomGenerator::global()).
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace acp::sandbox::sim {

// --- metadata ---------------------------------------------------------------------------
QJsonObject meta(const QJsonObject &o);
QString metaStr(const QJsonObject &o, const char *field);
inline QString nameOf(const QJsonObject &o) { return metaStr(o, "name"); }
inline QString namespaceOf(const QJsonObject &o) { return metaStr(o, "namespace"); }
inline QString uidOf(const QJsonObject &o) { return metaStr(o, "uid"); }
QJsonObject labelsOf(const QJsonObject &o);
bool isDeleting(const QJsonObject &o);
void setMetaField(QJsonObject &o, const QString &field, const QJsonValue &value);   // undefined removes
void setAnnotation(QJsonObject &o, const QString &key, const QString &value);
QString annotation(const QJsonObject &o, const QString &key);

// ownerReference entry pointing at `owner` (apiVersion/kind/name/uid from the owner).
QJsonObject ownerRef(const QJsonObject &owner, bool controller = true);
// The ownerReference with controller: true, or an empty object.
QJsonObject controllerRef(const QJsonObject &o);

// --- time and identifiers ---------------------------------------------------------------
QString rfc3339(const QDateTime &t);        // "2025-01-02T03:04:05Z"
QString timeAgo(qint64 seconds);           // now - seconds, RFC 3339
QString nowTime();
qint64 secondsSince(const QString &rfc3339Time);   // -1 when unparsable
QString randomSuffix(int length = 5);      // Kubernetes' name-suffix alphabet
QString randomHex(int length);
QString newUid();
QString containerId();                     // "containerd://<64 hex>"
QString imageId(const QString &image);     // "<repo>@sha256:<64 hex>", stable per image

// rand.SafeEncodeString(fmt.Sprint(fnv32a(template))): the pod-template-hash label value. Null
// members are ignored (a typed template has no nulls: `creationTimestamp: null` == absent).
QString templateHash(const QJsonObject &podTemplate, int collisionCount = 0);
QJsonObject withoutNulls(const QJsonObject &o);   // recursively, also inside arrays

// --- pods -------------------------------------------------------------------------------
enum class PodState {
    Pending,            // not scheduled yet (no conditions)
    Unschedulable,      // PodScheduled=False reason Unschedulable (message in PodStatusInput)
    ContainerCreating,  // scheduled, containers waiting ContainerCreating
    Running,            // all containers running and ready
    CrashLoopBackOff,   // Running phase, a container waiting CrashLoopBackOff, lastState terminated
    ImagePullBackOff,   // Pending phase, containers waiting ImagePullBackOff
    InitRunning,        // Pending phase, first init container running (Init:0/N)
    Succeeded,          // containers terminated Completed (exit 0)
    Failed              // containers terminated Error (exit 1)
};

struct PodStatusInput {
    PodState state = PodState::Running;
    QString podName;          // for back-off messages
    QString hostIP;
    QString podIP;
    QString startTime;        // RFC 3339; also the running containers' startedAt
    QString transitionTime;   // conditions' lastTransitionTime (default: startTime)
    int restarts = 0;         // CrashLoopBackOff restart count
    QString message;          // Unschedulable: the scheduler's message
};

// What the simulated kubelet makes of a pod spec: ImagePullBackOff when an image contains
// "doesnotexist" or "bad", CrashLoopBackOff when an image's tag is "crash", else Running.
PodState intendedState(const QJsonObject &podSpec);
bool imageFailsToPull(const QString &image);
bool imageCrashes(const QString &image);

QString qosClass(const QJsonObject &podSpec);
QJsonObject podStatus(const QJsonObject &podSpec, const PodStatusInput &in);
// True when status.conditions has Ready=True.
bool podReady(const QJsonObject &pod);
bool podTerminal(const QJsonObject &pod);   // phase Succeeded or Failed

// --- events -----------------------------------------------------------------------------
struct EventInput {
    QJsonObject involved;     // the object (apiVersion, kind, metadata used)
    QString fieldPath;        // e.g. "spec.containers{nginx}"
    QString type = QStringLiteral("Normal");
    QString reason;
    QString message;
    QString component;        // source.component / reportingComponent
    QString host;             // source.host (kubelet events)
    QString firstTimestamp;   // default now
    QString lastTimestamp;    // default firstTimestamp
    int count = 1;
};
QJsonObject event(const EventInput &in);

} // namespace acp::sandbox::sim
