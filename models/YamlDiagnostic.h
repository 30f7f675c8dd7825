#pragma once
// Shared value types of the YAML editor: a diagnostic (syntax or schema problem) and a
// completion item. Produced by models (syntax and schema checks), shown by views/editor.
// Positions are 1-based lines and 1-based columns counted in UTF-16 units (QString indices + 1),
// like api::yaml's syntax errors.
#include <QList>
#include <QString>

namespace acp::models {

struct YamlDiagnostic {
    enum class Severity { Error, Warning, Info };
    Severity severity = Severity::Error;
    int line = 0;        // start, 1-based
    int column = 0;      // start, 1-based
    int endLine = 0;     // end (exclusive column), 1-based; 0 = to the end of the start line
    int endColumn = 0;
    QString message;     // what is wrong, for people: "unknown field \"replicass\"", "must be an integer"
    QString path;        // JSON path of the offending node, e.g. "spec.template.spec.containers[0].image"; "" for syntax errors
    int document = 0;    // 0-based index of the document in a multi-document stream
};

struct YamlCompletion {
    enum class Kind { Key, Value };
    Kind kind = Kind::Key;
    QString text;        // what is inserted ("replicas", "IfNotPresent")
    QString detail;      // short type ("integer", "string", "[]Container", "object")
    QString documentation;   // the schema's description (may be long)
    bool required = false;
};

} // namespace acp::models
