#pragma once
// StrategicMerge: strategic merge patch (application/strategic-merge-patch+json) for built-in
// kinds, as k8s.io/apimachinery/pkg/util/strategicpatch applies it in kube-apiserver
// (MergeParallelList and IgnoreUnmatchedNulls on).
// - Maps merge recursively; null deletes a member. Lists are replaced unless the field's
//   patchStrategy is "merge" (PatchSchema): lists of maps then merge by patchMergeKey
//   (containers by name, ports by containerPort, env by name, volumes by name, volumeMounts by
//   mountPath, imagePullSecrets by name, service ports by port, conditions by type,
//   ownerReferences by uid, ...), lists of scalars (finalizers) merge as a set. Atomic lists
//   (tolerations, RBAC rules and subjects, Endpoints subsets, ...) are replaced.
// - Directives: "$patch": "replace" | "delete" in a map or a list item (and "merge", refused as
//   in the apiserver), "$retainKeys", "$deleteFromPrimitiveList/<field>",
//   "$setElementOrder/<field>" (order precedence: $setElementOrder > patch > live list).
// - Merged list order is the apiserver's: items of the patch (in patch order) interleaved with
//   server-only items (in live order); items new to the list come first.
// - Values added where nothing was lose their nulls and directives (the apiserver drops them
//   when decoding into the Go struct; this engine has no struct, so it drops them here).
// Errors as the apiserver maps them: malformed directive lists 400 BadRequest; lists of lists
// and retainKeys mismatches 422 Invalid; anything else (missing merge key, unknown $patch)
// 500 with the strategicpatch message. Kinds without strategic information (custom resources)
// are the caller's 415: see supportsStrategicMerge(). Pure functions, any thread.
#include "api/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace acp::sandbox {

class StrategicMerge {
public:
    // Whether kube-apiserver accepts strategic merge patches for group/kind: true for the
    // built-in groups (compiled types), false for custom resources and aggregated APIs.
    static bool supportsStrategicMerge(const QString &group, const QString &kind);

    // Applies `patch` (a JSON object) to `original`, an object of group/kind.
    static api::Result<QJsonObject> apply(const QJsonObject &original, const QJsonValue &patch,
                                          const QString &group, const QString &kind);
    // Same, taking group and kind from the original's apiVersion and kind.
    static api::Result<QJsonObject> apply(const QJsonObject &original, const QJsonValue &patch);
};

} // namespace acp::sandbox
