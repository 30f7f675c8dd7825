#pragma once
// ServerSideApply: server-side apply (application/apply-patch+yaml) and field ownership of
// non-apply writes, maintaining metadata.managedFields as kube-apiserver's field manager does
// (k8s.io/apiserver .../fieldmanager + sigs.k8s.io/structured-merge-diff merge.Updater):
//
// apply(): the applied configuration is merged onto the live object (StructuredMerge merge
//   types from PatchSchema); the applier's entry {operation: Apply} becomes exactly the fields of
//   the configuration; fields it applied last time and omits now are removed from the object
//   unless another manager (apply or update) owns them; changing a value owned by another
//   manager is a conflict: 409 Conflict, message "Apply failed with 1 conflict: conflict with
//   \"kubectl-client-side-apply\" using apps/v1: .spec.replicas" (several: "Apply failed with 2
//   conflicts: conflicts with \"mgr\" using apps/v1:\n- .spec.replicas\n- ..."), one
//   details.causes entry {reason: FieldManagerConflict, message: conflict with "mgr" using
//   apps/v1, field: .spec.replicas} per field. force=true takes the fields from their owners.
//   Setting a field to the value it already has is not a conflict: ownership is then shared.
// update(): for create/update/patch; the manager's {operation: Update} entry gains the fields the
//   write added or changed, and every other manager loses them (and the removed ones).
//   A newObject carrying managedFields replaces the live ones ([] or [{}] resets them).
//
// Ownership never covers what the server owns (the stripMeta set): apiVersion, kind,
// metadata.name/namespace/uid/resourceVersion/generation/creationTimestamp/selfLink/
// managedFields (exact paths, as the apiserver). With Options::statusSubresource (default) the
// main resource does not own status (it is reset there: the kind's ResetFields), and the
// "status" subresource owns only status. Options::resetStatus also resets the object's status
// to the live one on the main resource (off by default: SimCluster::update does the reset).
// Timestamps: the entry's time is bumped when the write changed the object (apply) or gave the
// manager fields (update); a no-op apply keeps the times. More than 10 Update managers: the
// oldest merge into "ancient-changes".
// Not done: version conversion of managedFields of other apiVersions (sets are compared as
// they are), the last-applied-configuration annotation upgrade path of kubectl, and schema
// validation of the applied configuration beyond list keys.
// Pure functions, any thread.
#include "api/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace acp::sandbox {

class ServerSideApply {
public:
    struct Options {
        QString manager;                // fieldManager; required for apply
        bool force = false;             // apply: take conflicting fields
        QString apiVersion;             // request group/version; "" = the object's apiVersion
        QString subresource;            // "" or "status"
        bool statusSubresource = true;  // the kind has a status subresource
        bool resetStatus = false;       // main resource: keep the live status in the result
        QDateTime now;                  // time written in entries; invalid = current UTC time
    };

    // Applies `config` to `live` (empty for a create); the new object with managedFields.
    static api::Result<QJsonObject> apply(const QJsonObject &live, const QJsonObject &config,
                                          const QString &manager, bool force,
                                          const QString &apiVersion = QString(),
                                          const QString &subresource = QString());
    static api::Result<QJsonObject> apply(const QJsonObject &live, const QJsonObject &config,
                                          const Options &options);

    // Records ownership of a non-apply write of `newObject` over `live` (empty for a create).
    // `operation` is "Update" (the only operation kube-apiserver records for writes).
    static api::Result<QJsonObject> update(const QJsonObject &live, const QJsonObject &newObject,
                                           const QString &manager,
                                           const QString &operation = QStringLiteral("Update"));
    static api::Result<QJsonObject> update(const QJsonObject &live, const QJsonObject &newObject,
                                           const Options &options);
    // update() that cannot fail (FieldManager.UpdateNoErrors): on an invalid manager name or a
    // list without its keys the managedFields are dropped from the result instead.
    static QJsonObject recordUpdate(const QJsonObject &live, const QJsonObject &newObject,
                                    const QString &manager, const QString &apiVersion = QString(),
                                    const QString &subresource = QString());

    // The manager name of a write: fieldManager when set, else the user agent up to its first
    // "/" without unprintable characters, at most 128 bytes ("kubectl/v1.30.1 (linux/amd64)
    // kubernetes/abc" -> "kubectl"); "unknown" when nothing is left. kubectl itself sends
    // fieldManager=kubectl-client-side-apply, kubectl-edit, kubectl-label, kubectl-create, ...
    static QString managerFromUserAgent(const QString &fieldManager, const QString &userAgent);
};

} // namespace acp::sandbox
