#pragma once
// ResourceRef: names one object (or one collection when `name` is empty) in one cluster of the
// fleet. The currency of navigation (views open objects through the page registry with it) and
// of owner chains. Plain value; any thread.
#include <QMetaType>
#include <QString>

namespace acp::models {

struct ResourceRef {
    QString cluster;
    QString group;          // "" = core
    QString version;        // may be empty: the preferred version
    QString resource;       // plural ("deployments") or any kubectl name ("deploy")
    QString kind;           // optional, informational
    QString namespaceName;  // "" for cluster-scoped objects or all namespaces
    QString name;           // "" = the collection

    bool isValid() const { return !resource.isEmpty(); }
    // kubectl's name for lookups: "deployments.apps", "pods"
    QString groupResource() const { return group.isEmpty() ? resource : resource + QLatin1Char('.') + group; }
    QString key() const { return namespaceName.isEmpty() ? name : namespaceName + QLatin1Char('/') + name; }
    bool operator==(const ResourceRef &o) const = default;
};

} // namespace acp::models

Q_DECLARE_METATYPE(acp::models::ResourceRef)
