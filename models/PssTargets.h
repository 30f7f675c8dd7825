#pragma once
// The namespaces a pod security action targets: (cluster, namespace) pairs, and how to find a
// project's namespaces across its clusters (label cpaas.io/project=<project>).
// Thread: GUI thread.
#include "api/ApiError.h"

#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace acp::models {

class Fleet;

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
};

class PssTargets {
public:
    static QString projectLabel() { return QStringLiteral("cpaas.io/project"); }

    // Lists the namespaces labelled cpaas.io/project=<project> on each of `clusters` (one LIST
    // per cluster through the fleet's connections, as the fleet's user). `done` runs once, on
    // the GUI thread, while `context` lives.
    static void forProject(Fleet *fleet, const QString &project, const QStringList &clusters, QObject *context,
                           std::function<void(const PssTargetsResult &)> done);
};

} // namespace acp::models
