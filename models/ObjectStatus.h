#pragma once
// ObjectStatus: the semantic state of one Kubernetes object (is it fine, on its way, degraded,
// broken, going away?) plus a short reason, computed from the object as the API serves it.
// Models expose the state; views pick colours and icons (no colours here, DESIGN.md rule 1).
//
// Per-kind knowledge is data: a registry row per (group, kind) maps to a status function
// (ObjectStatusKinds*.cpp). Kinds without a row get generic(): deletionTimestamp, then the
// `Ready` / `Available` condition, then `status.phase`, else Unknown; this is what custom
// resources get.
//
// Semantics follow kubectl's status texts and gitops-engine's health checks where they exist:
//  Pod: being deleted -> Terminating; a waiting reason such as CrashLoopBackOff, ImagePullBackOff,
//       ErrImagePull, CreateContainerConfigError, or a container terminated with a non-zero exit
//       code -> Error; phase Failed -> Error; Succeeded -> Completed; Pending (ContainerCreating,
//       Init:x/y, unscheduled) -> Pending; Running with every container ready -> Ok; Running
//       with unready containers -> Progressing.
//  Node: Ready=True -> Ok (cordoned -> Warning "SchedulingDisabled"); Ready False/Unknown -> Error.
//  Deployment: ProgressDeadlineExceeded -> Error; paused -> Warning; a rollout in flight ->
//       Progressing; Available=False or fewer available than desired -> Warning; else Ok.
//  StatefulSet / DaemonSet / ReplicaSet / ReplicationController: rollout in flight ->
//       Progressing; fewer ready than desired -> Warning; else Ok.
//  Job: Failed condition -> Error; Complete -> Completed; suspended -> Pending; else Progressing.
//  Others: see ObjectStatusKinds*.cpp (CronJob, Namespace, PV, PVC, Service, Ingress, HPA,
//       Event, APIService, CRD).
//
// Pure functions on immutable values: any thread.
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace acp::models {

class ObjectStatus {
public:
    // Ordered roughly by severity for sorting (Unknown first).
    enum State : quint8 {
        Unknown = 0,
        Ok,          // healthy / available / bound / active
        Completed,   // finished successfully (Succeeded pods, complete Jobs): neither ok nor bad
        Pending,     // waiting to start (unscheduled, pulling images, claim not bound)
        Progressing, // changing towards a desired state (rollout, starting containers)
        Warning,     // degraded but working (unavailable replicas, cordoned node, Warning event)
        Error,       // broken (crash loops, failed, node not ready)
        Terminating, // being deleted (deletionTimestamp set)
    };
    static constexpr int StateCount = 8;

    using Function = ObjectStatus (*)(const QJsonObject &object);

    ObjectStatus() = default;
    ObjectStatus(State s, QString r = QString()) : state(s), reason(std::move(r)) {}

    State state = Unknown;
    QString reason; // short, kubectl-like ("CrashLoopBackOff", "Available", "2/3 ready")

    // The registry row's function for a kind ("" group for core), or nullptr when the kind has
    // no specific knowledge (use generic()).
    static Function forKind(const QString &group, const QString &kind);
    // forKind() or generic().
    static Function functionFor(const QString &group, const QString &kind);
    // Conditions / phase heuristics for any object (custom resources).
    static ObjectStatus generic(const QJsonObject &object);
    // functionFor(group of apiVersion, kind)(object).
    static ObjectStatus of(const QJsonObject &object);

    // "Ok", "Completed", ... (stable English names, e.g. for filters and tests).
    static QString stateName(State state);
    // Inverse of stateName (case-insensitive); Unknown for anything else, *ok false.
    static State stateFromName(const QString &name, bool *ok = nullptr);

    bool operator==(const ObjectStatus &o) const { return state == o.state && reason == o.reason; }
};

} // namespace acp::models

Q_DECLARE_METATYPE(acp::models::ObjectStatus::State)
