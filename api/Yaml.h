#pragma once
// YAML <-> JSON values, with Kubernetes' (sigs.k8s.io/yaml, go-yaml v2) scalar resolution.
// Pure functions, any thread. Errors carry file, line and column (1-based).
#include "api/Result.h"
#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace acp::api::yaml {

struct Document {
    QJsonValue value;   // the document as JSON (object, array, scalar or null for an empty doc)
    int line = 0;       // 1-based line where the document starts in the input
};

// Parses every document of a multi-document stream ("---" separated). Empty documents
// (only comments or whitespace) are skipped. Plain scalars resolve as go-yaml v2 does:
// null/~/empty -> null; true/false/yes/no/on/off (any common case) -> bool; decimal, 0x hex,
// leading-0 octal ("0644" -> 420) and 0o octal -> int; floats incl. .inf/.nan -> double;
// quoted scalars always stay strings. Anchors/aliases and merge keys (<<) are resolved.
// Mapping keys become strings as sigs.k8s.io/yaml makes them: bool and int keys become their Go
// text ("on" -> "true", "0x10" -> "16", "0644" -> "420"); other non-string keys keep their text.
// As in go-yaml v2, "<<" is applied where it appears (it overrides keys written before it,
// later keys override it), a duplicate key keeps its last value, and a document that is mostly
// alias expansion is refused. A syntax error gives ApiError::input(file, line, column, msg) with
// a 1-based line and a 1-based column counted in UTF-16 units; msg is "yaml: line L, column C: ...".
Result<QList<Document>> parseAll(const QByteArray &text, const QString &fileName = QString());

// Exactly one document (empty input -> null). More than one document is an error.
Result<QJsonValue> parseOne(const QByteArray &text, const QString &fileName = QString());

// Writes YAML the way kubectl -o yaml does (go-yaml v2's emitter): keys in go-yaml's natural
// order, 2-space indentation, sequence items ("- ") at the same indentation as their parent key,
// {} and [] for empty collections, strings double-quoted when they would resolve to another type
// ("true", "0644", "") and single-quoted when not plain-safe ("- x", "a: b"), multi-line strings as
// block literals, long scalars folded after column 80, integral numbers without ".0".
// parseOne(dump(v)) == v for every JSON value (NaN aside).
QByteArray dump(const QJsonValue &value);

// Several documents, each as dump() writes it, separated by "---" lines (as kubectl prints a
// stream of objects).
QByteArray dumpAll(const QList<QJsonValue> &values);

// What an unquoted (plain) scalar with this text means to kubectl: null, bool, number or the
// string itself. Timestamps stay strings, as they do for sigs.k8s.io/yaml.
QJsonValue resolvePlainScalar(const QString &text);

} // namespace acp::api::yaml
