#pragma once
// KubeObject: one Kubernetes object as the API served it. Immutable and implicitly shared
// (copying is a reference-count increment), so it crosses threads freely: decoders build them on
// worker threads, stores and models on the GUI thread share the same data.
//
// Hot metadata (identity, labels, owners, node, timestamps) is extracted once at decode time and
// read through cheap accessors. The full object is kept as its compact JSON bytes; json()
// parses it on first use and caches the result (thread-safe), so objects nobody looks at never
// pay for a QJsonObject.
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

namespace acp::models {

struct OwnerRef {
    QString uid, kind, name;
    bool controller = false;
};

class KubeObject {
public:
    KubeObject(); // null object: isNull() is true

    // From a parsed object (tests, local YAML). Extracts the hot fields; keeps `json`.
    static KubeObject fromJson(const QJsonObject &json);
    // From the compact or pretty JSON text of ONE object (as found in a list's items or a watch
    // event's object). Returns a null object when the bytes are not a JSON object.
    static KubeObject fromBytes(const QByteArray &json);

    bool isNull() const { return !d; }

    const QString &apiVersion() const;
    const QString &kind() const;
    const QString &name() const;
    const QString &namespaceName() const;   // "" for cluster-scoped objects
    const QString &uid() const;
    const QString &resourceVersion() const; // opaque: compare for equality only
    qint64 generation() const;
    const QDateTime &creationTimestamp() const; // UTC; invalid when unset
    const QDateTime &deletionTimestamp() const; // invalid unless being deleted
    const QList<QPair<QString, QString>> &labels() const; // in the object's order
    QString label(const QString &key) const;    // "" when absent
    bool hasLabel(const QString &key) const;
    const QList<OwnerRef> &ownerReferences() const;
    const QString &nodeName() const;            // Pods: spec.nodeName; "" otherwise

    // "namespace/name", or "name" when cluster-scoped (client-go's MetaNamespaceKeyFunc).
    QString key() const;

    // The full object (parsed on first call, then cached for the object's lifetime; thread-safe:
    // concurrent first calls parse once). Null object: {}.
    QJsonObject json() const;
    // The full object parsed afresh, without touching the cache (one-shot readers that keep what
    // they need, e.g. a table row computing its cells, so 100k objects do not all hold a
    // QJsonObject besides their bytes).
    QJsonObject parseJson() const;
    bool isJsonCached() const;
    // True when the decoder dropped metadata.managedFields to save memory (informers do by
    // default): fetch the object with GET before editing or showing it in full.
    bool managedFieldsDropped() const;
    // The JSON text it was decoded from (compact), or serialised from json() for fromJson().
    QByteArray bytes() const;
    // Approximate heap bytes held, excluding the json() cache and strings shared with other
    // objects (for memory accounting in benchmarks).
    qsizetype memoryUsage() const;

    // Same data (not deep equality).
    bool sharesDataWith(const KubeObject &other) const { return d == other.d; }

    // For decoders inside models/ (Data is defined in the private models/KubeObjectData.h).
    struct Data;
    static KubeObject fromData(std::shared_ptr<const Data> data) { return KubeObject(std::move(data)); }

private:
    explicit KubeObject(std::shared_ptr<const Data> data) : d(std::move(data)) {}
    std::shared_ptr<const Data> d;
};

} // namespace acp::models
