#pragma once
// ApiResource: one resource a cluster serves (from discovery), and ApiResourceSet: all of them
// with kubectl's RESTMapper lookups. Plain values, immutable once built, safe across threads.
#include "api/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace acp::api {

struct ApiResource {
    QString group;                 // "" = core
    QString version;
    QString resource;              // plural, e.g. "deployments"
    QString kind;                  // "Deployment"
    QString singular;              // "deployment" (lower-cased kind when the server sends none)
    bool namespaced = false;
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    QStringList subresources;      // "status", "scale", "log", ...
    bool preferred = false;        // version is the group's preferred version

    QString groupVersion() const { return group.isEmpty() ? version : group + QLatin1Char('/') + version; }
    QString groupResource() const { return group.isEmpty() ? resource : resource + QLatin1Char('.') + group; }
    bool hasVerb(const QString &verb) const { return verbs.contains(verb); }
    bool operator==(const ApiResource &o) const;
};

class ApiResourceSet {
public:
    ApiResourceSet() = default;
    // `resources` in discovery order: groups as the server lists them (core first), each
    // group's versions preferred first. That order breaks ties in lookups, as kubectl's
    // PriorityRESTMapper does.
    explicit ApiResourceSet(QList<ApiResource> resources);

    const QList<ApiResource> &all() const { return m_resources; }
    bool isEmpty() const { return m_resources.isEmpty(); }
    QStringList groups() const;                       // in discovery order, "" for core

    // kubectl's resource argument: plural, singular, short name or kind (case-insensitive),
    // optionally qualified "resource.group" or "resource.version.group". Ambiguous names resolve
    // to the first group in discovery order (core first) and its preferred version.
    // NotFound ApiError (kubectl's "the server doesn't have a resource type" message) if none.
    Result<ApiResource> lookup(const QString &name) const;
    // Every match in priority order (all versions of all groups).
    QList<ApiResource> lookupAll(const QString &name) const;
    // Exact (group, version, resource), or (group, "", resource) for the preferred version.
    Result<ApiResource> find(const QString &group, const QString &version, const QString &resource) const;
    // By kind: group "" matches any group (first in priority order); version "" the preferred.
    Result<ApiResource> findKind(const QString &group, const QString &version, const QString &kind) const;
    // Resources of a category ("all"), preferred versions only, listable.
    QList<ApiResource> category(const QString &name) const;

private:
    QList<ApiResource> matchName(const QString &name, const QString &group, const QString &version) const;
    QList<ApiResource> m_resources;
};

} // namespace acp::api
