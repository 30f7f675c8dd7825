#pragma once
// FieldValidator: kube-apiserver's server-side field validation (the `fieldValidation` query
// parameter of create, update and patch) against the OpenAPI v3 schemas the cluster serves.
// - unknown fields: every field of a request object that its kind's schema does not declare,
//   named by path as kube-apiserver's strict decoder names them ("spec.foo",
//   "spec.template.spec.containers[0].bar"); they are dropped from the object (as decoding
//   into the typed object, or CRD pruning, drops them); keys are visited in sorted order. Objects whose schema declares no
//   properties, maps (additionalProperties) and x-kubernetes-preserve-unknown-fields subtrees
//   accept any field; a kind without a schema is not checked.
// - duplicate fields: keys repeated in one JSON object of the request body ("spec.replicas").
// Parsed components.schemas are cached per document hash. Not thread-safe (the sandbox's loop).
#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

class FieldValidator {
public:
    enum class Directive { Ignore, Warn, Strict };
    // How paths name list elements and map entries: the strict JSON decoder's
    // ("containers[0].x", "labels[k]") or structured-merge-diff's ("containers[name=\"c\"].x" for
    // x-kubernetes-list-type map lists, "byName.k").
    enum class PathStyle { Decoder, StructuredMerge };

    // Parses the query value ("" -> Warn, the server's default); false for anything else.
    static bool parseDirective(const QString &value, Directive *out);

    // Removes fields `schemas[rootSchema]` does not declare from `obj`; returns their paths in
    // document order. Empty (and `obj` untouched) when rootSchema is not in `schemas`.
    static QStringList pruneUnknown(const QJsonObject &schemas, const QString &rootSchema, QJsonObject *obj,
                                    PathStyle style = PathStyle::Decoder);
    // Paths of keys repeated within one object of a JSON text (empty for invalid JSON).
    static QStringList duplicateFields(const QByteArray &json);

    // The components.schemas of an OpenAPI v3 document, parsed once per `hash`.
    QJsonObject schemas(const QByteArray &hash, const QByteArray &documentJson);

private:
    QHash<QByteArray, QJsonObject> m_cache;
};

} // namespace acp::sandbox
