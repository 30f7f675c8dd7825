#include "api/LocalSandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace acp::api {

LocalSandbox::LocalSandbox() = default;

LocalSandbox::~LocalSandbox()
{
    stop();
}

QString LocalSandbox::findBinary()
{
    const QString env = qEnvironmentVariable("ACP_SANDBOX_BIN");
    if (!env.isEmpty())
        return env;
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("acp-sandbox"));
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(QStringLiteral("acp-sandbox"));
}

Result<QUrl> LocalSandbox::start(const Options &options)
{
    stop();
    const QString bin = findBinary();
    if (bin.isEmpty())
        return ApiError{0, QStringLiteral("NotFound"),
                        QStringLiteral("acp-sandbox not found (beside %1, on the PATH, or $ACP_SANDBOX_BIN)")
                            .arg(QCoreApplication::applicationDirPath())};
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return ApiError{0, QString(), QStringLiteral("cannot create a temporary directory: ") + m_dir->errorString()};
    QStringList args{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--kubeconfig-out"), kubeconfigPath()};
    if (options.tls)
        args << QStringLiteral("--tls");
    if (options.clusters >= 0)
        args << QStringLiteral("--clusters") << QString::number(options.clusters);
    if (options.podsPerCluster > 0)
        args << QStringLiteral("--pods-per-cluster") << QString::number(options.podsPerCluster);
    if (!options.controllers)
        args << QStringLiteral("--no-controllers");
    if (options.bookmarkIntervalMs > 0)
        args << QStringLiteral("--bookmark-interval") << QString::number(options.bookmarkIntervalMs);
    args << options.extraArguments;
    m_output.clear();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(bin, args);
    if (!m_process.waitForStarted(10000))
        return ApiError{0, QString(), QStringLiteral("cannot start %1: %2").arg(bin, m_process.errorString())};
    static const QRegularExpression listening(QStringLiteral("listening on (\\S+)"));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < options.startTimeoutMs) {
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(100);
        m_output += m_process.readAll();
        const auto m = listening.match(QString::fromUtf8(m_output));
        if (m.hasMatch() && QFileInfo::exists(kubeconfigPath())) {
            m_address = QUrl(m.captured(1));
            return m_address;
        }
    }
    const QString out = diagnostics();
    stop();
    return ApiError{0, QString(), QStringLiteral("acp-sandbox did not start within %1 ms: %2").arg(options.startTimeoutMs).arg(out.right(2000))};
}

void LocalSandbox::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
    m_address.clear();
}

bool LocalSandbox::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

QString LocalSandbox::kubeconfigPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("kubeconfig")) : QString();
}

qint64 LocalSandbox::processId() const
{
    return m_process.processId();
}

QString LocalSandbox::diagnostics()
{
    m_output += m_process.readAll();
    return QString::fromUtf8(m_output);
}

} // namespace acp::api
