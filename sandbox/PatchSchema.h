#pragma once
// PatchSchema: per-field merge metadata of the built-in Kubernetes kinds, the one table shared by
// the strategic merge patch engine (patchStrategy / patchMergeKey, as in the Go struct tags) and
// server-side apply (x-kubernetes-list-type / list-map-keys / map-type, as in the OpenAPI).
// The rows (PatchSchemaTable.cpp) are data generated from the Kubernetes 1.35 OpenAPI v3
// documents in ../shared (core, apps, batch, rbac, networking, policy, apiextensions), plus a few
// hand-written rows for groups not in ../shared (admissionregistration, discovery, autoscaling,
// storage, certificates, apiregistration). Types are named by their short OpenAPI name
// ("PodSpec", "Container"). Only rows that change the default behaviour are present:
// strategic merge merges maps and replaces lists; apply treats maps as granular and lists as
// atomic. Pure lookups, thread-safe (the index is built once, on first use).
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

class PatchSchema {
public:
    enum class ListType { Unset, Atomic, Map, Set };

    struct Field {
        ListType listType = ListType::Unset;   // Unset: no marker; apply treats the list as atomic
        QStringList listMapKeys;                // listType=map: key fields, in declared order
        QJsonObject keyDefaults;                // defaults of key fields ({"protocol": "TCP"})
        bool atomic = false;                    // the map/struct is replaced as a whole by apply
        QStringList patchStrategies;            // strategic merge: "merge", "replace", "retainKeys"
        QString patchMergeKey;                  // strategic merge key of a merge list of maps
        QString type;                           // type of the value (or of list items); "" unknown

        bool hasStrategy(const char *strategy) const;
        // Apply semantics: the value is a leaf (atomic map/struct or atomic/unmarked list).
        bool isAtomicMap() const;
        bool isAssociativeList() const { return listType == ListType::Map || listType == ListType::Set; }
    };

    // Root type of a built-in kind ("" if not in the table). Group "" is the core group.
    static QString rootType(const QString &group, const QString &kind);
    // Root type to walk an object of any kind with: the built-in type, or "Object" (only
    // metadata known: finalizers as a set, ownerReferences keyed by uid) for custom resources.
    static QString rootTypeOrObject(const QString &group, const QString &kind);
    // Metadata of field `name` of type `type`; a default Field when the type or field is unknown.
    static Field field(const QString &type, const QString &name);
    // The Field describing the items of a list described by `list`.
    static Field listItem(const Field &list);
    // Whether `type` is atomic as a whole (x-kubernetes-map-type: atomic on the type).
    static bool isAtomicType(const QString &type);
    // Groups whose kinds are compiled into kube-apiserver (strategic merge patch works there).
    static bool isBuiltinGroup(const QString &group);
    // "apps/v1" -> "apps", "v1" -> "".
    static QString groupOf(const QString &apiVersion);
};

} // namespace acp::sandbox
