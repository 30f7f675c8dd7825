#pragma once
// SandboxProcess: starts build/bin/acp-sandbox as a child process for end-to-end and
// conformance tests (ephemeral port, kubeconfig in a temporary directory), and runs commands
// (kubectl, acpctl) against it. Header-only test support.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace acp::test {

struct CommandResult {
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

class SandboxProcess {
public:
    ~SandboxProcess() { stop(); }

    // Starts the sandbox; returns false (with the reason) if it did not come up in 20 s.
    bool start(const QStringList &extraArgs = {}, QString *error = nullptr)
    {
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        // ACP_SANDBOX_BIN overrides the binary (e.g. a sandbox built in another build directory).
        const QString bin = qEnvironmentVariableIsEmpty("ACP_SANDBOX_BIN") ? QStringLiteral(ACP_BIN_DIR "/acp-sandbox")
                                                                           : qEnvironmentVariable("ACP_SANDBOX_BIN");
        m_proc.setProcessChannelMode(QProcess::SeparateChannels);
        // The sandbox finds ../shared beside its build tree; a build directory elsewhere (e.g.
        // /tmp) gets this checkout's ../shared explicitly.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("ACP_SHARED_DIR")))
            env.insert(QStringLiteral("ACP_SHARED_DIR"), QStringLiteral(ACP_SHARED_DIR));
        m_proc.setProcessEnvironment(env);
        m_proc.start(bin, QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--kubeconfig-out"), m_kubeconfig,
                                      QStringLiteral("--bookmark-interval"), QStringLiteral("1000"),
                                      // kubectl sends bearer tokens only over TLS
                                      QStringLiteral("--tls")} + extraArgs);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000) {
            if (m_proc.state() == QProcess::NotRunning)
                break;
            m_proc.waitForReadyRead(100);
            m_stdout += QString::fromUtf8(m_proc.readAllStandardOutput());
            const auto m = QRegularExpression(QStringLiteral("listening on (\\S+)")).match(m_stdout);
            if (m.hasMatch() && QFile::exists(m_kubeconfig)) {
                m_address = m.captured(1);
                return true;
            }
        }
        if (error)
            *error = QStringLiteral("acp-sandbox did not start: ") + m_stdout + QString::fromUtf8(m_proc.readAllStandardError());
        return false;
    }

    void stop()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.terminate();
            if (!m_proc.waitForFinished(5000))
                m_proc.kill();
            m_proc.waitForFinished(2000);
        }
    }

    QString address() const { return m_address; }
    QString kubeconfig() const { return m_kubeconfig; }
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }
    // A copy of the sandbox's kubeconfig the console may write to (logins), mode 0600; "" if the
    // copy failed.
    QString writableKubeconfig(const QString &name = QStringLiteral("console-kubeconfig")) const
    {
        const QString path = tempPath(name);
        QFile::remove(path);
        if (!QFile::copy(m_kubeconfig, path))
            return QString();
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KUBECONFIG"), m_kubeconfig);
        env.insert(QStringLiteral("HOME"), m_dir.path());   // kubectl's cache stays in the temp dir
        env.remove(QStringLiteral("KUBECTL_EXTERNAL_DIFF"));
        return env;
    }

    CommandResult run(const QString &program, const QStringList &args, const QByteArray &input = QByteArray(), int timeoutMs = 30000) const
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(program, args);
        CommandResult r;
        if (!p.waitForStarted(5000)) {
            r.err = QStringLiteral("cannot start ") + program;
            return r;
        }
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("timeout: ") + program + QLatin1Char(' ') + args.join(QLatin1Char(' '));
        } else {
            r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        }
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err += QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    CommandResult kubectl(const QStringList &args, const QByteArray &input = QByteArray()) const
    {
        return run(QStringLiteral("kubectl"), args, input);
    }

    static bool hasKubectl() { return !QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty(); }

private:
    QTemporaryDir m_dir;
    QProcess m_proc;
    QString m_kubeconfig;
    QString m_address;
    QString m_stdout;
};

} // namespace acp::test
