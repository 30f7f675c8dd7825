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
// Mapping keys become strings. A syntax error gives ApiError::input(file, line, col, msg).
Result<QList<Document>> parseAll(const QByteArray &text, const QString &fileName = QString());

// Exactly one document (empty input -> null). More than one document is an error.
Result<QJsonValue> parseOne(const QByteArray &text, const QString &fileName = QString());

// Writes YAML the way kubectl -o yaml does: keys sorted, 2-space indentation, sequence items
// ("- ") at the same indentation as their parent key, strings quoted only when they would
// otherwise resolve to another type or are not plain-safe, multi-line strings as block literals.
QByteArray dump(const QJsonValue &value);

// Several documents, each as dump() writes it, separated by "---" lines (as kubectl prints a
// stream of objects).
QByteArray dumpAll(const QList<QJsonValue> &values);

// What an unquoted (plain) scalar with this text means to kubectl: null, bool, number or the
// string itself. Timestamps stay strings, as they do for sigs.k8s.io/yaml.
QJsonValue resolvePlainScalar(const QString &text);

} // namespace acp::api::yaml
