#pragma once
// `acpctl get` and the helpers other commands share with it (targets from the kubeconfig and
// kubectl's global flags, kubectl's error texts).
//
// Targets: without --clusters, the current (or --context) context with kubectl's overrides.
// With --clusters all|a,b:
//  - when the current (or --context) context belongs to an ACP session (api/AcpSessions), the
//    session's clusters ("all": every one, global included; "a,b": those clusters of it);
//  - when the kubeconfig has no ACP session at all (a plain kubeconfig), every context
//    ("all") or the named contexts ("a,b"); the CLUSTER column shows the context name;
//  - otherwise (sessions exist but the current context is not in one) it is ambiguous: error.
// --cluster and --server cannot be combined with --clusters.
#include "api/KubeconfigResolver.h"
#include "cli/CommandRegistry.h"

namespace acp::cli {

void registerGetCommands(CommandRegistry &registry);

struct GetTarget {
    QString label;            // CLUSTER column: cluster name (session) or context name
    api::RestConfig config;
    QString namespaceName;    // -n, else the context's namespace, else "default"
};

api::KubeconfigOverrides overridesFrom(const GlobalOptions &global);
// One target: the current or --context context.
api::Result<GetTarget> singleTarget(const GlobalOptions &global, const api::Kubeconfig &config);
// The targets of --clusters `spec` (see above).
api::Result<QList<GetTarget>> clusterTargets(const GlobalOptions &global, const api::Kubeconfig &config, const QString &spec);

// kubectl's text for an API error: "Error from server (NotFound): pods \"x\" not found",
// "Unable to connect to the server: ..." for transport errors, the message for local ones.
QString kubectlErrorText(const api::ApiError &error);

} // namespace acp::cli
