#pragma once
// SchemaValidator: checks YAML documents against a SchemaIndex, the way kube-apiserver's strict
// field validation and OpenAPI schema validation would, and places every finding on the
// document's text (api::YamlPositions).
//
// Findings (path style of api::YamlPositions; messages in kube-apiserver's words):
//  - syntax errors: "yaml: line L, column C: ..." at L:C (one per document that does not parse)
//  - missing apiVersion / kind: "apiVersion not set" / "kind not set" (Error, at the document start)
//  - a kind without a schema: one Info "no schema for <kind> (<apiVersion>) on this cluster"
//  - unknown fields: `unknown field "spec.replicass"`, with ` (did you mean "replicas"?)` for a
//    near miss (edit distance <= 2, or a case difference); on the key
//  - wrong types: `spec.replicas: Invalid value: "string": spec.replicas in body must be of type
//    integer: "three"` (int-or-string fields: "of type integer,string"); on the value
//  - enum values: `spec.x: Unsupported value: "Foo": supported values: "A", "B"`; on the value
//  - missing required fields: `spec.selector: Required value`; on the enclosing object's key
//  - quantities: `<path>: Invalid value: "1x": <Quantity::parse's message>`; byte (base64) and
//    date-time formats: `<path> in body must be of type byte: "..."`
// Null values are accepted everywhere (the API server treats them as absent). Objects whose
// schema declares no properties, additionalProperties: true and x-kubernetes-preserve-unknown-
// fields subtrees accept any field.
// Diagnostics are sorted by document, line and column. Pure; any thread; the index is only read.
// validate() checks the documents in parallel on idle threads of the global QThreadPool, at most
// api::backgroundThreadCount() (api::parallelFor: never waits for a busy pool).
#include "models/SchemaIndex.h"
#include "models/YamlDiagnostic.h"

#include <QJsonValue>

namespace acp::api {
class YamlPositions;
}

namespace acp::models {

class SchemaValidator {
public:
    explicit SchemaValidator(const SchemaIndex &index) : m_index(index) {}

    // Syntax errors plus every parsed document's schema findings.
    QList<YamlDiagnostic> validate(const api::YamlPositions &positions) const;
    // One parsed document (documents()[document].value).
    QList<YamlDiagnostic> validateDocument(const api::YamlPositions &positions, int document) const;

    // A syntax error per document that does not parse.
    static QList<YamlDiagnostic> syntaxDiagnostics(const api::YamlPositions &positions);
    // The group-versions ("apps/v1", "v1") the parsed documents name in apiVersion, in order, unique.
    static QStringList groupVersions(const api::YamlPositions &positions);
    // Up to `max` names of `candidates` within edit distance 2 of `name` (or equal ignoring case), closest first.
    static QStringList nearMisses(const QString &name, const QStringList &candidates, int max = 1);

private:
    const SchemaIndex &m_index;
};

} // namespace acp::models
