#pragma once
// Internal to models/: the per-kind status functions behind ObjectStatus's registry, and the
// small JSON helpers they share. One row per (group, kind); adding a kind is adding a row.
#include "models/ObjectStatus.h"

#include <QJsonArray>
#include <QList>

namespace acp::models::status {

struct KindStatus {
    const char *group; // "" for the core group
    const char *kind;
    ObjectStatus::Function function;
};

const QList<KindStatus> &workloadStatuses(); // ObjectStatusWorkloads.cpp: Pod, apps, batch
const QList<KindStatus> &clusterStatuses();  // ObjectStatusCluster.cpp: Node, storage, network...

// The condition of `type` in status.conditions ({} when absent).
QJsonObject condition(const QJsonObject &object, QLatin1String type);
// "True" / "False" / "Unknown" / "" (absent).
QString conditionStatus(const QJsonObject &object, QLatin1String type);
bool isDeleting(const QJsonObject &object);
qint64 integerAt(const QJsonObject &object, QLatin1String dottedPath, qint64 fallback = 0);

} // namespace acp::models::status
