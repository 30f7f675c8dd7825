#pragma once
// SchemaIndex: the structural schemas of a cluster's kinds, from OpenAPI v3 documents (what
// GET /openapi/v3/<gv> returns, CRD-generated ones included) and from CustomResourceDefinition
// objects (spec.versions[].schema.openAPIV3Schema).
//
// Contract:
//  - Kinds are found through x-kubernetes-group-version-kind on components.schemas; the first
//    document that declares a group/version/kind wins (add the cluster's documents first).
//    Schema names are global (components.schemas keys are fully qualified), so documents share
//    one name space and a $ref resolves into any added document.
//  - A CRD version's schema is registered as "<group>/<version>/<Kind>" with apiVersion, kind and
//    metadata (-> ObjectMeta when a document provides it) added as kube-apiserver publishes them.
//  - resolve() follows "$ref" and single-element "allOf" wrappers (keeping the wrapper's
//    description); unknown refs resolve to an empty schema (anything goes).
// Value type; build on any thread, then share it read-only (const methods are thread-safe).
#include "api/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace acp::models {

// One schema node after $ref / allOf resolution.
struct SchemaNode {
    QJsonObject json;      // {} when unknown (anything goes)
    QString refName;       // the last components.schemas name followed, "" for inline schemas
    QString description;   // the wrapper's description when it has one, else the schema's
    bool valid = false;    // false: no schema (unknown field, or the kind has none)

    QString type() const;  // "object", "array", "string", "integer", "number", "boolean" or "" (any)
    bool isIntOrString() const;
    bool isQuantity() const;
    bool preservesUnknownFields() const;
    bool isEmbeddedResource() const;
    bool isNullable() const;
    QString format() const;
    QJsonObject properties() const;
    QStringList required() const;
    QJsonArray enumValues() const;
    // Short type for people: "integer", "string", "boolean", "object", "[]Container",
    // "map[string]string", "Quantity", "IntOrString", "Time".
    QString typeLabel() const;
};

class SchemaIndex {
public:
    // Adds one OpenAPI v3 document (raw JSON). Returns how many kinds it declared.
    api::Result<int> addOpenApiDocument(const QByteArray &json);
    int addOpenApiDocument(const QJsonObject &document);   // already parsed
    // Adds every served version of a CustomResourceDefinition object. Returns the versions added.
    api::Result<int> addCustomResourceDefinition(const QJsonObject &crd);

    bool isEmpty() const { return m_kinds.isEmpty(); }
    QStringList kinds() const;   // "group/version/Kind" ("" group for core: "/v1/Pod")
    bool hasKind(const QString &apiVersion, const QString &kind) const;
    // The root schema of a kind (apiVersion "apps/v1" or "v1"); invalid when unknown.
    SchemaNode root(const QString &apiVersion, const QString &kind) const;
    SchemaNode resolve(const QJsonValue &schema) const;
    // The schema of `key` inside an object schema: a declared property, else additionalProperties
    // (an object schema, or `true` -> any), else for x-kubernetes-preserve-unknown-fields or an
    // object without declared properties: an empty valid node; invalid when the key is unknown.
    SchemaNode property(const SchemaNode &object, const QString &key) const;
    SchemaNode items(const SchemaNode &array) const;
    // The schema at a YamlPositions path ("spec.template.spec.containers[0]") below a kind's root.
    SchemaNode at(const QString &apiVersion, const QString &kind, const QString &path) const;

    static QString kindKey(const QString &apiVersion, const QString &kind);

private:
    QHash<QString, QJsonObject> m_schemas;   // components.schemas name -> schema
    QHash<QString, QString> m_kinds;         // kindKey -> schema name
};

} // namespace acp::models
