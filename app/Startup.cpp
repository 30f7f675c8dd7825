#include "app/Startup.h"

#include "api/Kubeconfig.h"

namespace acp::app {

namespace {
const QCommandLineOption kKubeconfig(QStringLiteral("kubeconfig"), QStringLiteral("Path to the kubeconfig file to use."), QStringLiteral("file"));
const QCommandLineOption kContext(QStringLiteral("context"), QStringLiteral("The kubeconfig context to use."), QStringLiteral("name"));
const QCommandLineOption kNamespace({QStringLiteral("n"), QStringLiteral("namespace")}, QStringLiteral("The namespace to start in."),
                                    QStringLiteral("name"));
const QCommandLineOption kSandbox(QStringLiteral("sandbox"), QStringLiteral("Start the local acp-sandbox platform and log in as admin."));
const QCommandLineOption kSandboxClusters(QStringLiteral("sandbox-clusters"), QStringLiteral("Workload clusters of the sandbox."),
                                          QStringLiteral("n"));
const QCommandLineOption kSandboxPods(QStringLiteral("sandbox-pods-per-cluster"), QStringLiteral("Scale mode: pods per sandbox cluster."),
                                      QStringLiteral("n"));
const QCommandLineOption kSandboxArg(QStringLiteral("sandbox-arg"), QStringLiteral("Extra acp-sandbox argument (repeatable)."),
                                     QStringLiteral("arg"));
} // namespace

void StartupOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({kKubeconfig, kContext, kNamespace, kSandbox, kSandboxClusters, kSandboxPods, kSandboxArg});
}

void StartupOptions::readFrom(const QCommandLineParser &parser)
{
    kubeconfig = parser.value(kKubeconfig);
    overrides.context = parser.value(kContext);
    overrides.namespaceName = parser.value(kNamespace);
    sandbox = parser.isSet(kSandbox);
    if (parser.isSet(kSandboxClusters))
        sandboxClusters = parser.value(kSandboxClusters).toInt();
    if (parser.isSet(kSandboxPods))
        sandboxPodsPerCluster = parser.value(kSandboxPods).toInt();
    sandboxArguments = parser.values(kSandboxArg);
}

Startup::Startup() = default;
Startup::~Startup() = default;

api::Result<api::Workspace> Startup::open(const StartupOptions &options)
{
    m_load = {};
    m_load.explicitPath = options.kubeconfig;
    if (options.sandbox) {
        m_sandbox = std::make_unique<api::LocalSandbox>();
        api::LocalSandbox::Options so;
        so.clusters = options.sandboxClusters;
        so.podsPerCluster = options.sandboxPodsPerCluster;
        so.extraArguments = options.sandboxArguments;
        auto started = m_sandbox->start(so);
        if (!started)
            return started.error();
        m_load.explicitPath = m_sandbox->kubeconfigPath();
        m_load.kubeconfigEnv = QString();   // only the sandbox's file
    }
    auto config = api::Kubeconfig::load(m_load);
    if (!config)
        return config.error();
    return api::Workspace::fromKubeconfig(*config, options.overrides, api::KubeconfigResolver::kubeconfigPersister(m_load));
}

} // namespace acp::app
