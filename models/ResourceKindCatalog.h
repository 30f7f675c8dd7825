#pragma once
// ResourceKindCatalog: the kinds a resource browser offers for a set of clusters, from their
// discovery registries (ApiResourceSet): one entry per group/resource (the first version in
// discovery order, i.e. the preferred one when it serves the resource), only
// kinds that can be listed and watched, CRDs included, each in a section:
//   Workloads, Network, Config & Storage, Access control, Cluster, Other (built-in API groups),
//   then "Custom resources · <group>" for every other group, sorted by group.
// Sections come from a table of built-in resources (data). Pure functions; any thread.
#include "api/ApiResource.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace acp::models {

struct ResourceKind {
    QString section;
    api::ApiResource resource;   // from the first cluster that serves it
    QStringList clusters;        // the clusters serving it, in the order given

    QString name() const { return resource.groupResource(); }   // "deployments.apps"
};

class ResourceKindCatalog {
public:
    struct ClusterResources {
        QString cluster;
        api::ApiResourceSet resources;
    };
    // Entries in section order (sectionOrder()), then by kind within a section.
    static QList<ResourceKind> build(const QList<ClusterResources> &clusters);

    // The section of a resource ("Workloads", ..., "Custom resources · example.com").
    static QString sectionOf(const api::ApiResource &resource);
    // The built-in sections in display order (custom groups follow).
    static QStringList sectionOrder();
    // Whether `group` is a Kubernetes built-in API group ("", "apps", "networking.k8s.io", ...).
    static bool isBuiltinGroup(const QString &group);
};

} // namespace acp::models
