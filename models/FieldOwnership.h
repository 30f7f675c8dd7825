#pragma once
// Who owns which fields of an object, from its metadata.managedFields (server-side apply's field
// sets, fieldsType FieldsV1). Pure value code (Qt Core), any thread.
//
// Paths are written like this:
//   f:spec / f:replicas                     -> spec.replicas
//   k:{"name":"nginx"} (list item by key)   -> spec.containers[name=nginx]
//   k:{"containerPort":80,"protocol":"TCP"} -> ports[containerPort=80,protocol=TCP]
//   v:"example.com/fin" (set item by value) -> metadata.finalizers[="example.com/fin"]
//   i:3 (list item by index)                -> args[3]
// A "." entry (the map or list item itself is owned) gives a row for the parent path.
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::models {

struct FieldOwnershipRow {
    QString path;          // see above; "" never occurs
    QString manager;       // e.g. "kubectl-client-side-apply", "acp-console"
    QString operation;     // "Apply" or "Update"
    QString apiVersion;    // of the object as the manager wrote it
    QString time;          // RFC 3339, as sent by the server ("" when absent)
    QString subresource;   // e.g. "status", "" for the main resource
};

class FieldOwnership {
public:
    FieldOwnership() = default;
    // From a whole object (reads metadata.managedFields).
    static FieldOwnership fromObject(const QJsonObject &object);
    static FieldOwnership fromManagedFields(const QJsonArray &managedFields);

    // Every owned path of every manager, in managedFields order; within one manager, paths in
    // key order (fieldsV1 is read as a JSON object, so its keys come sorted).
    const QList<FieldOwnershipRow> &rows() const { return m_rows; }
    bool isEmpty() const { return m_rows.isEmpty(); }
    // Distinct managers in managedFields order.
    QStringList managers() const;
    // Managers owning exactly this path (display form above), in managedFields order.
    QStringList managersOf(const QString &path) const;
    // Managers owning this path or, when nobody owns it exactly, something below it.
    QStringList managersAtOrBelow(const QString &path) const;
    // The display path for a JSON path of the object ("spec.template.spec.containers[0].image"):
    // list indices become the item's key (k:) when some manager keys that list; "" when the path
    // does not resolve in the object.
    QString ownershipPath(const QJsonObject &object, const QString &jsonPath) const;

    // One fieldsV1 key as a path segment: "f:replicas" -> ".replicas" (no dot at the start of
    // a path), "k:{...}" -> "[a=b]", "v:x" -> "[=x]", "i:3" -> "[3]"; "" for ".".
    static QString segment(const QString &fieldsKey);

private:
    void walk(const QJsonObject &set, const QString &prefix, const FieldOwnershipRow &entry);

    QList<FieldOwnershipRow> m_rows;
    QList<QJsonObject> m_sets;   // the fieldsV1 trees, for ownershipPath
};

} // namespace acp::models
