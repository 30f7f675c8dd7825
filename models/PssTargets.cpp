#include "models/PssTargets.h"

#include "models/NamespaceDirectory.h"

#include <algorithm>

namespace acp::models {

PssTargetsResult PssTargets::ofProject(NamespaceDirectory *directory, const QString &project, const QStringList &clusters)
{
    PssTargetsResult result;
    if (!directory)
        return result;
    for (const QString &cluster : clusters) {
        directory->watch(cluster);
        if (directory->source(cluster) == NamespaceDirectory::Source::Failed) {
            result.failures.append({cluster, directory->error(cluster).value_or(api::ApiError::badRequest(
                                                 QStringLiteral("cannot list the namespaces of %1").arg(cluster)))});
            continue;
        }
        if (!directory->isSynced(cluster))
            result.pending.append(cluster);
        for (const QString &ns : directory->namespaces(cluster))
            if (directory->projectOf(cluster, ns) == project)
                result.targets.append({cluster, ns});
    }
    std::sort(result.targets.begin(), result.targets.end());
    return result;
}

} // namespace acp::models
