#pragma once
// FleetHealthAggregates: the per-object contributions FleetHealthModel sums per cluster, and
// the health verdict of one cluster. Pure functions on immutable values: any thread (the model
// computes contributions of large batches on the thread pool).
//
// - PodContribution: what a pod adds to its cluster: the pod's effective requests as kubectl
//   computes them (k8s.io/kubectl resourcehelper.PodRequests: max(sum of containers plus
//   restartable init containers, the largest init container step) plus overhead) and whether it
//   counts at all (non-terminated: phase neither Succeeded nor Failed, as `kubectl describe node`
//   lists "Non-terminated Pods").
// - NodeContribution: Ready condition, status.allocatable cpu/memory, kubelet version, creation.
// - clusterHealth(): the cluster's state from the ACP Cluster object (clusterregistry.k8s.io
//   v1alpha1: status.conditions NotAccessible / ComponentNotHealthy / NodeNotReady, where True
//   is bad, and the newest lastHeartbeatTime) when there is one, the connection state, and the
//   nodes' readiness.
#include "models/ClusterConnection.h"
#include "models/KubeObject.h"
#include "models/ObjectStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace acp::models {

struct PodContribution {
    bool active = false;     // non-terminated
    qint64 cpuMilli = 0;     // effective requests (0 when not active)
    qint64 memoryBytes = 0;
    bool operator==(const PodContribution &o) const = default;
};

struct NodeContribution {
    bool ready = false;
    qint64 cpuMilli = 0;     // status.allocatable
    qint64 memoryBytes = 0;
    QString kubeletVersion;
    QDateTime created;
};

struct ClusterHealthInput {
    QJsonObject clusterObject;                 // the ACP Cluster ({} outside ACP sessions)
    ClusterConnection::State connection = ClusterConnection::State::Idle;
    QString connectionError;
    bool nodesKnown = false;                   // a node store is bound and has synced
    int nodesReady = 0;
    int nodesTotal = 0;
    QDateTime now;
    int heartbeatTimeoutSecs = 180;
};

struct ClusterHealth {
    ObjectStatus status;                       // state + short text ("Ready", "NodeNotReady")
    QString detail;                            // longer text for tooltips (condition messages)
    QDateTime lastHeartbeat;                   // invalid when unknown
};

namespace fleethealth {

PodContribution podContribution(const QJsonObject &pod);
PodContribution podContribution(const KubeObject &pod);
NodeContribution nodeContribution(const QJsonObject &node);
NodeContribution nodeContribution(const KubeObject &node);
ClusterHealth clusterHealth(const ClusterHealthInput &in);

// "3.5" cores from millicores (trailing zeros dropped); "12.5Gi" / "512Mi" from bytes.
QString formatCpu(qint64 milli);
QString formatMemory(qint64 bytes);
// "req / alloc (pct%)"; "" when alloc is 0 and req is 0.
QString formatUsage(const QString &req, const QString &alloc, qint64 reqValue, qint64 allocValue);

} // namespace fleethealth
} // namespace acp::models
