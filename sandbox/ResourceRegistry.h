#pragma once
// ResourceRegistry: the API resources one simulated cluster serves (built-in kinds as data,
// plus one entry per served version of every CustomResourceDefinition). Feeds discovery,
// routing and the Table printer. Not thread-safe; owned by a SimCluster.
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace acp::sandbox {

struct SubresourceInfo {
    QString name;           // "status", "scale", "log", "exec", ...
    QString kind;           // response kind
    QString group;          // response kind's group
    QString version;
    QStringList verbs;
};

struct ResourceType {
    QString group;          // "" for core
    QString version;
    QString resource;       // plural
    QString singular;
    QString kind;
    bool namespaced = true;
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    QList<SubresourceInfo> subresources;
    bool stored = true;     // false: create-only virtual resources (reviews)
    bool isCrd = false;
    bool storageVersion = true;
    QJsonObject crd;        // the CRD object for custom resources (printer columns, schema)

    QString groupVersion() const { return group.isEmpty() ? version : group + QLatin1Char('/') + version; }
    QString apiVersion() const { return groupVersion(); }
    // Objects are stored per group+resource regardless of the version they are served at.
    QString storageKey() const { return group + QLatin1Char('/') + resource; }
    bool hasSubresource(const QString &name) const;
    bool allows(const QString &verb) const { return verbs.contains(verb); }
};

class ResourceRegistry {
public:
    ResourceRegistry();

    const ResourceType *find(const QString &group, const QString &version, const QString &resource) const;
    const ResourceType *findByKind(const QString &group, const QString &kind) const;   // preferred version
    QList<const ResourceType *> all() const;
    QStringList groups() const;                               // in discovery order, "" first
    QStringList versions(const QString &group) const;         // preferred first
    QList<const ResourceType *> resources(const QString &group, const QString &version) const;

    // CRDs: (re)register every served version; returns false with a reason when invalid.
    bool addCrd(const QJsonObject &crd, QString *error = nullptr);
    void removeCrd(const QString &crdName);
    int generation() const { return m_generation; }   // changes whenever the set changes

private:
    void add(ResourceType t);
    QList<std::shared_ptr<ResourceType>> m_types;
    QStringList m_groupOrder;
    QHash<QString, QStringList> m_versionOrder;
    int m_generation = 0;
};

} // namespace acp::sandbox
