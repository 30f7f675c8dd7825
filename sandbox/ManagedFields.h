#pragma once
// ManagedFields: metadata.managedFields as kube-apiserver reads and writes it
// (k8s.io/apiserver .../fieldmanager/internal/managedfields.go, capmanagers.go, conflict.go):
// - one entry per manager identifier: {manager, operation, apiVersion (Update only), subresource};
// - entries written sorted by operation ("Apply" < "Update"), time (seconds), manager,
//   apiVersion, subresource, each {apiVersion, fieldsType: FieldsV1, fieldsV1, manager,
//   operation, [subresource], [time]};
// - more than 10 Update managers: the oldest are merged into "ancient-changes" per apiVersion.
// Value types, any thread.
#include "sandbox/FieldSet.h"

#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace acp::sandbox {

struct ManagerEntry {
    QString manager;
    QString operation;     // "Apply" or "Update"
    QString apiVersion;
    QString subresource;
    QString time;          // RFC 3339 ("2024-05-01T10:00:00Z"), empty when unknown
    FieldSet fields;

    bool isApply() const { return operation == QLatin1String("Apply"); }
    // BuildManagerIdentifier: the JSON of manager, operation, apiVersion (not for Apply),
    // subresource, in the Go field order. Two entries with one identifier are one manager.
    QString identifier() const;
    // As conflict messages print it: "mgr", "mgr" with subresource "status",
    // "mgr" using apps/v1 (Update entries).
    QString printable() const;
};

class ManagedFields {
public:
    // Decodes metadata.managedFields. Malformed entries give std::nullopt and *error (the
    // apiserver's text: "operation must be `Apply` or `Update`", "apiVersion must not be
    // empty", "missing fieldsType in managed fields entry 0", ...).
    static std::optional<QList<ManagerEntry>> decode(const QJsonValue &managedFields, QString *error = nullptr);
    // The reset value of an update: [] or [{}] (isResetManagedFields).
    static bool isReset(const QJsonValue &managedFields);
    // Encodes entries with non-empty field sets, sorted as the apiserver writes them.
    static QJsonArray encode(const QList<ManagerEntry> &entries);
    // Index of the entry with `identifier`, or -1.
    static int indexOf(const QList<ManagerEntry> &entries, const QString &identifier);
    // capManagersManager: keeps at most `maxUpdaters` Update entries.
    static void capUpdateManagers(QList<ManagerEntry> &entries, int maxUpdaters = 10);
    // Seconds since the epoch of an RFC 3339 time, 0 when empty or invalid.
    static qint64 seconds(const QString &time);
};

} // namespace acp::sandbox
