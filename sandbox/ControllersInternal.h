#pragma once
// Internal to Controllers*.cpp: per-cluster controller state.
#include "sandbox/Controllers.h"
#include "sandbox/SeedObjects.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcControllers)

namespace acp::sandbox {

class SimCluster;

struct ControllerCluster {
    SimCluster *cluster = nullptr;
    int watcherId = 0;
    bool isGlobal = false;

    // Work queues ("ns/name" keys, or namespaces), filled by the store watcher.
    QSet<QString> deployments, replicaSets, statefulSets, daemonSets, jobs;
    QSet<QString> endpointNamespaces, quotaNamespaces, disruptionNamespaces;
    bool clusterRolesChanged = false;
    bool nodesChanged = false;

    // Pods by controller owner uid (built lazily, maintained from watch events).
    bool indexed = false;
    QHash<QString, QSet<QString>> podsByOwner;   // owner uid -> pod keys
    QHash<QString, QString> podOwner;            // pod key -> owner uid

    QSet<QString> queuedPods;                    // pods with a pending lifecycle task
    QSet<QString> unschedulable;                 // pods waiting for a node
    qint64 lastUnschedulableRetryMs = 0;
    QSet<QString> cronJobs;                      // keys of CronJobs
    QHash<QString, QString> eventIndex;          // aggregation key -> event key
    QHash<QString, qint64> nodeDue;              // node -> next heartbeat (ms since epoch)
    QHash<QString, qint64> clusterDue;           // clusterregistry Cluster -> next heartbeat
    int nextNode = 0;                            // scheduler round robin
};

// Helpers of the controllers (own namespace: no clash with other sandbox files).
namespace ctl {

// A Pod from a pod template, owned (controller) by `owner`, status Pending.
QJsonObject podFromTemplate(const QJsonObject &owner, const QJsonObject &podTemplate, const QString &name,
                            const QJsonObject &extraLabels = {});
int intField(const QJsonObject &o, const char *field, int fallback);
// A free name "<prefix><5 chars>" for a new object of the storage key in the namespace.
QString freeName(const SimCluster &cluster, const QString &storageKey, const QString &ns, const QString &prefix);

// Scheduling predicates (ControllersPods.cpp).
bool toleratesTaint(const QJsonArray &tolerations, const QJsonObject &taint);
// Every NoSchedule/NoExecute taint (only NoExecute when `noExecuteOnly`) is tolerated.
bool toleratesNode(const QJsonArray &tolerations, const QJsonObject &node, bool noExecuteOnly = false);
// nodeSelector and required node affinity (matchExpressions on labels, matchFields on metadata.name).
bool matchesNode(const QJsonObject &podSpec, const QJsonObject &node);
QString nodeInternalIp(const QJsonObject &node);
// A Job with a Complete or Failed condition (type set to which).
bool jobFinished(const QJsonObject &job, QString *type = nullptr);
bool nodeReady(const QJsonObject &node);

// "ns/name" helpers.
inline QString objectKey(const QString &ns, const QString &name) { return ns + QLatin1Char('/') + name; }
inline QString keyNamespace(const QString &key) { return key.section(QLatin1Char('/'), 0, 0); }
inline QString keyName(const QString &key) { return key.section(QLatin1Char('/'), 1); }

} // namespace ctl

using namespace ctl;

} // namespace acp::sandbox
