#pragma once
// ProjectSpec: an ACP Project (auth.alauda.io/v1, cluster-scoped in `global`) as the console
// edits it, plus the validation and JSON builders of the Projects area.
//
// Field mapping (../shared/reference/acp/openapi/auth.alauda.io.v1.json, sandbox SeedPlatform):
//   name                      metadata.name (a DNS-1123 label)
//   displayName, description  annotations cpaas.io/display-name, cpaas.io/description
//   creator                   annotation cpaas.io/creator
//   clusters[]{name, quota}   spec.clusters[] (quota: ResourceQuota hard names -> quantities)
// toJson()/applyTo() keep every other field of an existing object (edits never drop data).
// Namespaces of a project carry the label cpaas.io/project=<project>. Pure functions; any thread.
#include "api/Result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::models {

struct ProjectCluster {
    QString name;
    QMap<QString, QString> quota;   // "requests.cpu" -> "10", "requests.memory" -> "20Gi"
    bool operator==(const ProjectCluster &o) const = default;
};

struct ProjectSpec {
    QString name;
    QString displayName;
    QString description;
    QString creator;
    QList<ProjectCluster> clusters;

    static inline const QString kProjectLabel = QStringLiteral("cpaas.io/project");
    static inline const QString kDisplayName = QStringLiteral("cpaas.io/display-name");
    static inline const QString kDescription = QStringLiteral("cpaas.io/description");
    static inline const QString kCreator = QStringLiteral("cpaas.io/creator");

    static ProjectSpec fromJson(const QJsonObject &project);
    // The object to write: `base` (the object as read, or empty for a new one) with this spec's
    // name, annotations and spec.clusters; everything else of `base` is kept.
    QJsonObject applyTo(const QJsonObject &base = QJsonObject()) const;

    QStringList clusterNames() const;
    const ProjectCluster *cluster(const QString &name) const;   // null when not in the project

    // The quota names the console edits, in display order, with short labels.
    struct QuotaKey {
        QString name;    // "requests.cpu"
        QString label;   // "CPU requests"
        QString hint;    // "cores, e.g. 2 or 500m"
    };
    static const QList<QuotaKey> &quotaKeys();
    static QString quotaLabel(const QString &name);   // the label, or the name itself

    // Validation: nullopt when fine, else a message for the user.
    static std::optional<QString> validateName(const QString &name);   // DNS-1123 label
    // A quota value through models::Quantity ("2", "500m", "4Gi"); negative values rejected;
    // count resources (pods, persistentvolumeclaims, count/...) must be whole numbers.
    static std::optional<QString> validateQuantity(const QString &key, const QString &value);
    // Name, every cluster's every quota value; the first problem found.
    std::optional<QString> validate() const;

    // "CPU 20 · Memory 40Gi · Pods 200" from the summed quota of every cluster (requests.* of
    // cpu and memory, pods, storage); "" without quota.
    QString quotaSummary() const;
    // The per-name sum of every cluster's quota (exact, canonical quantities); invalid values skipped.
    QMap<QString, QString> totalQuota() const;
};

// Builders of the objects "create a namespace in a project" writes (ACP 4.2 defaults).
struct ProjectNamespaceSpec {
    QString project;
    QString name;
    QString enforce = QStringLiteral("restricted");   // Pod Security levels per mode
    QString audit = QStringLiteral("restricted");
    QString warn = QStringLiteral("restricted");
    QMap<QString, QString> quota;                      // empty = no ResourceQuota
    QMap<QString, QString> limitDefault;               // LimitRange Container default (cpu, memory)
    QMap<QString, QString> limitDefaultRequest;        // LimitRange Container defaultRequest
    bool withLimitRange = false;

    std::optional<QString> validate() const;
    QJsonObject namespaceJson() const;      // v1 Namespace with cpaas.io/project and PSA labels
    QJsonObject resourceQuotaJson() const;  // v1 ResourceQuota "default" (spec.hard = quota)
    QJsonObject limitRangeJson() const;     // v1 LimitRange "default" (type Container)
};

} // namespace acp::models
