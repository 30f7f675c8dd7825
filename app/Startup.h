#pragma once
// Startup: from command-line options to a Workspace, as the console starts:
//   no arguments          the current kubeconfig (KUBECONFIG or ~/.kube/config), kubectl's rules
//   --kubeconfig F        that file; --context C and -n/--namespace N as kubectl
//   --sandbox             starts acp-sandbox as a child process (LocalSandbox; it logs in as
//                         admin and writes an ac-compatible kubeconfig) and opens its session;
//                         --sandbox-clusters N and --sandbox-pods-per-cluster N for scale mode
// Thread: GUI thread; start() blocks while the sandbox starts (about a second).
#include "api/KubeconfigResolver.h"
#include "api/LocalSandbox.h"
#include "api/Workspace.h"

#include <QCommandLineParser>
#include <memory>

namespace acp::app {

struct StartupOptions {
    QString kubeconfig;
    api::KubeconfigOverrides overrides;
    bool sandbox = false;
    int sandboxClusters = -1;
    int sandboxPodsPerCluster = 0;
    QStringList sandboxArguments;   // extra acp-sandbox arguments (--sandbox-arg, repeatable)

    void addTo(QCommandLineParser &parser);
    void readFrom(const QCommandLineParser &parser);
};

class Startup {
public:
    Startup();
    ~Startup();

    // Loads (and, with --sandbox, first starts) what the options name.
    api::Result<api::Workspace> open(const StartupOptions &options);
    api::LocalSandbox *sandbox() const { return m_sandbox.get(); }
    // The kubeconfig load options the workspace came from (session switching, saving logins).
    const api::KubeconfigLoadOptions &loadOptions() const { return m_load; }

private:
    std::unique_ptr<api::LocalSandbox> m_sandbox;
    api::KubeconfigLoadOptions m_load;
};

} // namespace acp::app
