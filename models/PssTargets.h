#pragma once
// The namespaces a pod security action targets: (cluster, namespace) pairs, and which of them
// belong to a project across its clusters (label cpaas.io/project, as the fleet's namespace
// directory knows them).
// Thread: GUI thread.
#include "api/ApiError.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace acp::models {

class NamespaceDirectory;

struct PssTarget {
    QString cluster;
    QString namespaceName;

    friend bool operator==(const PssTarget &, const PssTarget &) = default;
    friend bool operator<(const PssTarget &a, const PssTarget &b)
    {
        return a.cluster != b.cluster ? a.cluster < b.cluster : a.namespaceName < b.namespaceName;
    }
};

struct PssTargetsResult {
    QList<PssTarget> targets;                         // sorted
    QList<QPair<QString, api::ApiError>> failures;   // cluster -> why its namespaces are unknown
    QStringList pending;                              // clusters whose namespaces are still listing
};

class PssTargets {
public:
    static QString projectLabel() { return QStringLiteral("cpaas.io/project"); }

    // The namespaces of `project` on each of `clusters`, read from the fleet's namespace
    // directory (which watches every cluster's namespaces, or, for a project member refused the
    // cluster-wide list, her projects' namespace views). Starts watching a cluster not yet
    // watched (it is then pending); the directory's changed() signal tells when to ask again.
    static PssTargetsResult ofProject(NamespaceDirectory *directory, const QString &project, const QStringList &clusters);
};

} // namespace acp::models
