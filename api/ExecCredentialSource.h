#pragma once
// ExecCredentialSource: credentials from a client-go exec credential plugin
// (client.authentication.k8s.io/v1 and v1beta1; v1alpha1 was removed in Kubernetes 1.24 and is
// refused with kubectl's error).
//
// Contract:
//  - credentials() runs the plugin synchronously (QProcess on the calling thread, stdin closed,
//    timeout 60 s by default) with the kubeconfig's args, its env added to this process's
//    environment, and KUBERNETES_EXEC_INFO set to an ExecCredential whose spec.interactive is
//    false (a desktop app has no terminal) and, when provideClusterInfo is true, spec.cluster
//    (server, tls-server-name, insecure-skip-tls-verify, certificate-authority-data, proxy-url,
//    disable-compression, config = the cluster's "client.authentication.k8s.io/exec" extension).
//  - interactiveMode Always cannot be satisfied without a terminal: that is an error, before the
//    plugin runs. Never and IfAvailable run it non-interactively.
//  - The result (status.token, or status.clientCertificateData + clientKeyData) is cached until
//    status.expirationTimestamp; without one, until forceRefresh (a 401). The returned
//    apiVersion must equal the configured one.
//  - Errors use kubectl's words, prefixed "getting credentials: ": a missing binary gives
//    "exec: executable X not found" plus kubectl's explanation and the installHint; a failing
//    plugin gives "exec: executable X failed with exit code N" plus its stderr (truncated). The
//    plugin's stdout (which holds the token) never appears in errors or logs.
//  - Thread-safe: one mutex serialises cache reads and plugin runs.
#include "api/KubeconfigTypes.h"
#include "api/RestConfig.h"
#include <QMutex>

namespace acp::api {

// The cluster as the plugin sees it (spec.cluster of KUBERNETES_EXEC_INFO).
struct ExecClusterInfo {
    QString server;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QByteArray caPem;        // certificate-authority(-data), already read
    QString proxyUrl;
    bool disableCompression = false;
    QJsonValue config;       // the "client.authentication.k8s.io/exec" cluster extension
};

class ExecCredentialSource : public CredentialSource {
public:
    // Validates the apiVersion ("exec plugin: invalid apiVersion ...").
    static Result<std::shared_ptr<ExecCredentialSource>> create(const ExecConfig &exec, const QString &userName,
                                                                const ExecClusterInfo &cluster, int timeoutMs = 60000);
    // Like create(), but one instance per identical (exec config, user, cluster) in this process,
    // so every RestConfig resolved for the same user shares the cache (as client-go does).
    static Result<std::shared_ptr<ExecCredentialSource>> shared(const ExecConfig &exec, const QString &userName,
                                                                const ExecClusterInfo &cluster);

    Result<Credentials> credentials(bool forceRefresh = false) override;
    QString poolKey() const override;

    // The KUBERNETES_EXEC_INFO value the plugin receives.
    QByteArray execInfo() const;
    // How many times the plugin has run (diagnostics and tests).
    int runCount() const;

private:
    ExecCredentialSource(const ExecConfig &exec, const QString &userName, const ExecClusterInfo &cluster, int timeoutMs);
    Result<Credentials> run();
    Result<Credentials> parse(const QByteArray &stdoutBytes) const;

    const ExecConfig m_exec;
    const QString m_user;
    const ExecClusterInfo m_cluster;
    const int m_timeoutMs;
    mutable QMutex m_mutex;
    std::optional<Credentials> m_cached;
    int m_runs = 0;
};

} // namespace acp::api
