#pragma once
// Workspace: which clusters the console (or `acpctl --clusters all`) works with, resolved from a
// kubeconfig exactly once per start or session switch.
//
// - The current context belongs to an ACP session (AcpSessions): the workspace is that session:
//   one cluster per session cluster (named as the platform names it), plus `platform`, a
//   RestConfig for the platform API itself (/auth/v1/..., same token and CA, server = the
//   platform address).
// - Otherwise (a plain kubeconfig): one cluster per context, named by the context. Contexts
//   that cannot be resolved (a missing user entry, an unreadable certificate file) are kept with
//   their error, so the console can show them as failed instead of hiding them.
// Resolving never contacts a server and never runs credential plugins (they run on first use).
// Pure value; any thread.
#include "api/AcpSessions.h"
#include "api/Kubeconfig.h"
#include "api/KubeconfigResolver.h"
#include "api/RestConfig.h"

#include <optional>

namespace acp::api {

struct WorkspaceCluster {
    QString name;                     // cluster name (ACP) or context name (plain kubeconfig)
    QString context;                  // the kubeconfig context
    RestConfig config;                // valid when !error
    std::optional<ApiError> error;    // the context could not be resolved
};

struct Workspace {
    QString title;                        // session name, or "kubeconfig"
    std::optional<AcpSession> session;    // set for ACP sessions
    std::optional<RestConfig> platform;   // the platform API (ACP sessions only)
    QList<WorkspaceCluster> clusters;     // sorted by name
    QString currentCluster;               // the current context's cluster ("" if none)
    QString defaultNamespace;             // the current context's namespace ("" = not set)

    bool isAcp() const { return session.has_value(); }
    const WorkspaceCluster *cluster(const QString &name) const;
    // ACP sessions: a cluster reached through the platform gateway (<platform>/kubernetes/<name>)
    // with the session's credentials, for clusters the platform lists that the kubeconfig lacks.
    WorkspaceCluster platformCluster(const QString &name) const;
    QStringList clusterNames() const;

    // The workspace of `config` with kubectl's overrides (--context, --namespace, --token, ...).
    // Fails only when the chosen context does not exist.
    static Result<Workspace> fromKubeconfig(const Kubeconfig &config, const KubeconfigOverrides &overrides = {},
                                            const KubeconfigResolver::OidcPersister &persist = {});
    // The workspace of `context` in exactly one kubeconfig file (KUBECONFIG and ~/.kube/config
    // ignored): tools, benchmarks and tests on a sandbox's kubeconfig.
    static Result<Workspace> fromKubeconfigFile(const QString &path, const QString &context);
};

} // namespace acp::api
