#pragma once
// LocalSandbox: starts acp-sandbox (the local ACP gateway with simulated clusters) as a child
// process and waits until it listens. Used by `acp-console --sandbox`, acp-bench and tests; the
// product never links the sandbox itself (DESIGN.md rule 5), it talks to it like to any platform.
//
// The binary: $ACP_SANDBOX_BIN, else acp-sandbox beside the running executable, else on the PATH.
// The kubeconfig (ac-compatible, TLS CA included) is written into a private temporary directory
// that lives as long as this object. Thread: the creating thread; start() blocks (<= timeout).
#include "api/Result.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace acp::api {

class LocalSandbox {
public:
    struct Options {
        int clusters = -1;              // workload clusters besides global (-1: the sandbox default)
        int podsPerCluster = 0;         // scale mode when > 0
        bool tls = true;                // kubectl sends tokens only over TLS; the console is fine either way
        bool controllers = true;
        int bookmarkIntervalMs = 0;     // 0: the sandbox default
        QStringList extraArguments;     // e.g. {"--faults", "{...}"}
        int startTimeoutMs = 60000;
    };

    LocalSandbox();
    ~LocalSandbox();                    // terminates the process

    static QString findBinary();
    Result<QUrl> start(const Options &options);
    void stop();
    bool isRunning() const;

    QUrl address() const { return m_address; }
    QString kubeconfigPath() const;
    qint64 processId() const;
    // What the sandbox printed on stderr so far (diagnostics).
    QString diagnostics();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_process;
    QUrl m_address;
    QByteArray m_output;
};

} // namespace acp::api
