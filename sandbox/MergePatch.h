#pragma once
// MergePatch: RFC 7386 JSON merge patch (application/merge-patch+json) as kube-apiserver applies
// it (evanphx/json-patch MergePatch), and the inverse: a merge patch that turns one document into
// another (evanphx CreateMergePatch), for client-side diffs.
// Semantics: an object patch merges member by member (null deletes, objects recurse, anything
// else replaces, arrays included); a non-object patch replaces the document. Nulls inside
// values that are added where nothing was are pruned (also inside arrays' objects), as the
// apiserver does. Pure functions, any thread.
#include "api/Result.h"

#include <QByteArray>
#include <QJsonValue>

namespace acp::sandbox {

class MergePatch {
public:
    // Applies `patch` to `document`. Never fails for JSON values.
    static QJsonValue apply(const QJsonValue &document, const QJsonValue &patch);
    // Applies a request body: invalid JSON and patches that are neither an object nor an array
    // (null included) are 400 "Invalid JSON Patch", as in the apiserver.
    static api::Result<QJsonValue> applyJson(const QJsonValue &document, const QByteArray &patchJson);
    // A merge patch turning `original` into `modified`: changed and added members, removed
    // members as null, arrays replaced whole. Objects only; other values give `modified`.
    // An empty object means no change.
    static QJsonValue create(const QJsonValue &original, const QJsonValue &modified);
};

} // namespace acp::sandbox
