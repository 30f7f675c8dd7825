#pragma once
// YamlAssist: schema-driven completion and field documentation at a cursor of a YAML text.
//
// Contract:
//  - The document's apiVersion and kind come from its parse, or, while the text does not parse,
//    from its top-level "apiVersion:" / "kind:" lines.
//  - completions(): on a key, a blank line or a key being typed: the keys of the schema of the
//    enclosing mapping (or sequence item) minus the keys already written at that indentation,
//    required ones first, then alphabetical; filtered by the typed prefix (case-insensitive).
//    Without a schema for the kind, the root offers apiVersion, kind and metadata. On a value:
//    the schema's enum values, or true/false for booleans; for "kind" the kinds the index knows
//    for the document's apiVersion, for "apiVersion" the group-versions it knows.
//  - documentation(): for a key or value with a schema: text = the field name, detail = its type
//    label, documentation = its description, required = listed in the parent's required.
// Pure; any thread; the index is only read and must outlive the assist.
#include "models/SchemaIndex.h"
#include "models/YamlDiagnostic.h"

#include <optional>

namespace acp::api {
class YamlPositions;
struct YamlCursor;
}

namespace acp::models {

class YamlAssist {
public:
    explicit YamlAssist(const SchemaIndex &index) : m_index(index) {}

    QList<YamlCompletion> completions(const api::YamlPositions &positions, int line, int column) const;
    std::optional<YamlCompletion> documentation(const api::YamlPositions &positions, int line, int column) const;

    // apiVersion and kind of a document (parsed, else guessed from its top-level lines).
    static QPair<QString, QString> typeOf(const api::YamlPositions &positions, int document);

private:
    QList<YamlCompletion> keyCompletions(const api::YamlPositions &positions, const api::YamlCursor &cursor,
                                         int line) const;
    QList<YamlCompletion> valueCompletions(const api::YamlPositions &positions, const api::YamlCursor &cursor) const;

    const SchemaIndex &m_index;
};

} // namespace acp::models
