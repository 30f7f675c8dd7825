#pragma once
// JsonPatch: RFC 6902 JSON Patch (application/json-patch+json) applied the way kube-apiserver
// applies it (gopkg.in/evanphx/json-patch.v4, which the apiserver vendors), quirks included:
// - "add" on an object member creates or overwrites it; "-" appends to an array; negative
//   array indices count from the end;
// - "replace" of a missing object member adds it (v4 does not check presence in objects);
//   "replace" of "" replaces the whole document when the value is an object or an array;
// - "test" of a missing or null member succeeds only against a null value;
// - RFC 6901 pointers: "~1" -> "/", "~0" -> "~"; intermediate nodes must exist.
// Failures are kube-apiserver's answers: a patch that is not an array of operations is 400
// BadRequest; more than 10000 operations is 413; an operation that does not apply is 422 Invalid
// with the fixed message "the server rejected our request due to an error in our request" and
// empty details (the apiserver drops the json-patch error text; pass `detail` to get it, e.g.
// "testing value /spec/replicas failed: test failed", for logs).
// Pure functions, any thread.
#include "api/Result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace acp::sandbox {

class JsonPatch {
public:
    static constexpr int kMaxOperations = 10000;

    // Applies `patch` (a JSON array of operations) to `document`.
    static api::Result<QJsonValue> apply(const QJsonValue &document, const QJsonValue &patch,
                                         QString *detail = nullptr);
    // Same, decoding the request body first (invalid JSON is 400, like the apiserver).
    static api::Result<QJsonValue> apply(const QJsonValue &document, const QByteArray &patchJson,
                                         QString *detail = nullptr);

    // RFC 6901 reference token escaping: "~" -> "~0", "/" -> "~1", and back.
    static QString escapeToken(const QString &token);
    static QString unescapeToken(const QString &token);
};

} // namespace acp::sandbox
