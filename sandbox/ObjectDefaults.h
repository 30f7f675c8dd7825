#pragma once
// ObjectDefaults: per-kind defaulting and validation on the sandbox's write path, as
// kube-apiserver's registry strategies do it for the kinds the demo and tests touch
// (Pod, Deployment and other workloads, Service, Namespace, Secret, ConfigMap, CRDs).
// Pure functions over JSON; no state.
#include "api/Result.h"
#include <QJsonObject>

namespace acp::sandbox {

struct ResourceType;
class SimCluster;

class ObjectDefaults {
public:
    // Defaults on create; `fromClient` is false for internal writes (seed/controllers keep status).
    static void applyCreate(const ResourceType &type, QJsonObject &obj, bool fromClient, const SimCluster &cluster);
    // On update: bump metadata.generation when spec changes (kinds that track generation).
    static void applyUpdate(const ResourceType &type, const QJsonObject &old, QJsonObject &obj);
    static api::Result<bool> validate(const ResourceType &type, const QJsonObject &obj);
    static api::Result<bool> validateUpdate(const ResourceType &type, const QJsonObject &old, const QJsonObject &obj);
    static bool tracksGeneration(const ResourceType &type);
};

} // namespace acp::sandbox
