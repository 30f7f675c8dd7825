#include "api/ExecCredentialSource.h"
#include "api/Kubeconfig.h"
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

namespace acp::api {

namespace {

const QString kV1 = QStringLiteral("client.authentication.k8s.io/v1");
const QString kV1beta1 = QStringLiteral("client.authentication.k8s.io/v1beta1");

ApiError credError(const QString &message)
{
    return Kubeconfig::configError(QStringLiteral("getting credentials: ") + message);
}

QString notFoundMessage(const QString &command, const QString &installHint)
{
    QString m = QStringLiteral("exec: executable %1 not found\n\n"
                               "It looks like you are trying to use a client-go credential plugin that is not installed.\n\n"
                               "To learn more about this feature, consult the documentation available at:\n"
                               "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins")
                    .arg(command);
    if (!installHint.isEmpty())
        m += QStringLiteral("\n\n") + installHint;
    return m;
}

} // namespace

ExecCredentialSource::ExecCredentialSource(const ExecConfig &exec, const QString &userName, const ExecClusterInfo &cluster,
                                           int timeoutMs)
    : m_exec(exec), m_user(userName), m_cluster(cluster), m_timeoutMs(timeoutMs)
{
}

Result<std::shared_ptr<ExecCredentialSource>> ExecCredentialSource::create(const ExecConfig &exec, const QString &userName,
                                                                           const ExecClusterInfo &cluster, int timeoutMs)
{
    if (exec.apiVersion != kV1 && exec.apiVersion != kV1beta1) {
        QString m = QStringLiteral("exec plugin: invalid apiVersion \"%1\"").arg(exec.apiVersion);
        if (exec.apiVersion == QLatin1String("client.authentication.k8s.io/v1alpha1"))
            m += QStringLiteral(" (client.authentication.k8s.io/v1alpha1 was removed in Kubernetes 1.24; "
                                "the plugin must support client.authentication.k8s.io/v1beta1 or v1)");
        return Kubeconfig::configError(m);
    }
    return std::shared_ptr<ExecCredentialSource>(new ExecCredentialSource(exec, userName, cluster, timeoutMs));
}

Result<std::shared_ptr<ExecCredentialSource>> ExecCredentialSource::shared(const ExecConfig &exec, const QString &userName,
                                                                           const ExecClusterInfo &cluster)
{
    static QMutex cacheMutex;
    static QHash<QByteArray, std::weak_ptr<ExecCredentialSource>> cache;
    QJsonArray env;
    for (const ExecEnvVar &v : exec.env)
        env.append(QJsonArray{v.name, v.value});
    const QJsonArray key{exec.command, QJsonArray::fromStringList(exec.args), env, exec.apiVersion, exec.interactiveMode,
                         exec.provideClusterInfo, userName, cluster.server, cluster.tlsServerName, cluster.insecureSkipTlsVerify,
                         QString::fromLatin1(cluster.caPem.toBase64()), cluster.proxyUrl, cluster.config};
    const QByteArray k = QJsonDocument(key).toJson(QJsonDocument::Compact);
    QMutexLocker lock(&cacheMutex);
    if (auto existing = cache.value(k).lock())
        return existing;
    auto created = create(exec, userName, cluster);
    if (created)
        cache.insert(k, *created);
    return created;
}

QString ExecCredentialSource::poolKey() const
{
    return QStringLiteral("exec:%1 %2 (user %3)").arg(m_exec.command, m_exec.args.join(QLatin1Char(' ')), m_user);
}

int ExecCredentialSource::runCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_runs;
}

QByteArray ExecCredentialSource::execInfo() const
{
    QJsonObject spec{{QStringLiteral("interactive"), false}};
    if (m_exec.provideClusterInfo) {
        QJsonObject c{{QStringLiteral("server"), m_cluster.server}};
        if (!m_cluster.tlsServerName.isEmpty()) c.insert(QStringLiteral("tls-server-name"), m_cluster.tlsServerName);
        if (m_cluster.insecureSkipTlsVerify) c.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!m_cluster.caPem.isEmpty()) c.insert(QStringLiteral("certificate-authority-data"), QString::fromLatin1(m_cluster.caPem.toBase64()));
        if (!m_cluster.proxyUrl.isEmpty()) c.insert(QStringLiteral("proxy-url"), m_cluster.proxyUrl);
        if (m_cluster.disableCompression) c.insert(QStringLiteral("disable-compression"), true);
        if (!m_cluster.config.isNull() && !m_cluster.config.isUndefined()) c.insert(QStringLiteral("config"), m_cluster.config);
        spec.insert(QStringLiteral("cluster"), c);
    }
    const QJsonObject o{{QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                        {QStringLiteral("apiVersion"), m_exec.apiVersion},
                        {QStringLiteral("spec"), spec}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<Credentials> ExecCredentialSource::credentials(bool forceRefresh)
{
    QMutexLocker lock(&m_mutex);
    if (m_cached && !forceRefresh && (!m_cached->expiry.isValid() || QDateTime::currentDateTimeUtc() < m_cached->expiry))
        return *m_cached;
    auto fresh = run();
    if (!fresh)
        return fresh;
    m_cached = *fresh;
    return fresh;
}

Result<Credentials> ExecCredentialSource::run()
{
    if (m_exec.interactiveMode == QLatin1String("Always"))
        return credError(QStringLiteral("exec plugin cannot support interactive mode: standard input is not a terminal"));
    const QString program = m_exec.command.contains(QLatin1Char('/')) ? m_exec.command : QStandardPaths::findExecutable(m_exec.command);
    if (program.isEmpty())
        return credError(notFoundMessage(m_exec.command, m_exec.installHint));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const ExecEnvVar &v : m_exec.env)
        env.insert(v.name, v.value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(execInfo()));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, m_exec.args);
    ++m_runs;
    if (!p.waitForStarted(m_timeoutMs)) {
        if (p.error() == QProcess::FailedToStart && !QFileInfo::exists(program))
            return credError(notFoundMessage(m_exec.command, m_exec.installHint));
        return credError(QStringLiteral("exec: executable %1 could not be started: %2").arg(m_exec.command, p.errorString()));
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(m_timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return credError(QStringLiteral("exec: executable %1 did not finish within %2 s").arg(m_exec.command).arg(m_timeoutMs / 1000));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        QString m = p.exitStatus() == QProcess::NormalExit
            ? QStringLiteral("exec: executable %1 failed with exit code %2").arg(m_exec.command).arg(p.exitCode())
            : QStringLiteral("exec: executable %1 crashed").arg(m_exec.command);
        const QByteArray stderrBytes = p.readAllStandardError().trimmed().left(4096);
        if (!stderrBytes.isEmpty())
            m += QStringLiteral("\n") + QString::fromUtf8(stderrBytes);
        return credError(m);
    }
    return parse(p.readAllStandardOutput());
}

Result<Credentials> ExecCredentialSource::parse(const QByteArray &bytes) const
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (!doc.isObject())
        return credError(QStringLiteral("decoding stdout: couldn't get version/kind; json parse error: %1").arg(pe.errorString()));
    const QJsonObject o = doc.object();
    const QString version = o.value(QLatin1String("apiVersion")).toString();
    if (o.value(QLatin1String("kind")).toString() != QLatin1String("ExecCredential"))
        return credError(QStringLiteral("decoding stdout: no kind \"%1\" is registered for version \"%2\"")
                             .arg(o.value(QLatin1String("kind")).toString(), version));
    if (version != m_exec.apiVersion)
        return credError(QStringLiteral("exec plugin is configured to use API version %1, plugin returned version %2").arg(m_exec.apiVersion, version));
    const QJsonObject status = o.value(QLatin1String("status")).toObject();
    if (o.value(QLatin1String("status")).isUndefined() || o.value(QLatin1String("status")).isNull())
        return credError(QStringLiteral("exec plugin didn't return a status field"));
    Credentials c;
    c.bearerToken = status.value(QLatin1String("token")).toString();
    c.clientCertificatePem = status.value(QLatin1String("clientCertificateData")).toString().toUtf8();
    c.clientKeyPem = status.value(QLatin1String("clientKeyData")).toString().toUtf8();
    if (c.clientCertificatePem.isEmpty() != c.clientKeyPem.isEmpty())
        return credError(QStringLiteral("exec plugin returned only certificate or key, not both"));
    if (c.bearerToken.isEmpty() && c.clientCertificatePem.isEmpty())
        return credError(QStringLiteral("exec plugin didn't return a token or cert/key pair"));
    const QString exp = status.value(QLatin1String("expirationTimestamp")).toString();
    if (!exp.isEmpty()) {
        c.expiry = QDateTime::fromString(exp, Qt::ISODate);
        if (!c.expiry.isValid())
            return credError(QStringLiteral("decoding stdout: invalid expirationTimestamp \"%1\"").arg(exp));
        c.expiry = c.expiry.toUTC();
    }
    return c;
}

} // namespace acp::api
