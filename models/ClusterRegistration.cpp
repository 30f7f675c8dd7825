#include "models/ClusterRegistration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QUrl>

namespace acp::models {

namespace {

api::ResourcePath secretsPath()
{
    api::ResourcePath p;
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("secrets");
    p.namespaceName = QString::fromLatin1(ClusterRegistration::kNamespace);
    return p;
}

api::ResourcePath clustersPath()
{
    api::ResourcePath p;
    p.group = QStringLiteral("clusterregistry.k8s.io");
    p.version = QStringLiteral("v1alpha1");
    p.resource = QStringLiteral("clusters");
    p.namespaceName = QString::fromLatin1(ClusterRegistration::kNamespace);
    return p;
}

QString secretName(const ClusterRegistration::Input &in)
{
    return in.name + QStringLiteral("-credential");
}

} // namespace

ClusterRegistration::ClusterRegistration(const api::KubeClient &global, QObject *parent) : QObject(parent), m_global(global) {}

QStringList ClusterRegistration::checkInput(const Input &in)
{
    QStringList problems;
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    if (in.name.isEmpty())
        problems << tr("The name is required.");
    else if (in.name.size() > 63 || !label.match(in.name).hasMatch())
        problems << tr("The name must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending "
                       "with a letter or digit.");
    const QUrl url(in.endpoint.trimmed(), QUrl::StrictMode);
    if (in.endpoint.trimmed().isEmpty())
        problems << tr("The API endpoint is required.");
    else if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() || url.hasQuery() || url.hasFragment())
        problems << tr("The API endpoint must be an https URL such as https://10.0.0.1:6443.");
    if (in.caPem.trimmed().isEmpty())
        problems << tr("The CA certificate is required.");
    else if (QSslCertificate::fromData(in.caPem, QSsl::Pem).isEmpty())
        problems << tr("The CA certificate is not a PEM certificate (-----BEGIN CERTIFICATE-----).");
    if (in.token.trimmed().isEmpty())
        problems << tr("The token is required.");
    return problems;
}

void ClusterRegistration::validate(const Input &input, std::function<void(const api::Result<QString> &)> done)
{
    const QStringList problems = checkInput(input);
    if (!problems.isEmpty()) {
        done(api::ApiError{0, QStringLiteral("Invalid"), problems.join(QLatin1Char(' '))});
        return;
    }
    api::RestConfig rc;
    rc.clusterName = input.name;
    rc.server = QUrl(input.endpoint.trimmed());
    rc.caPem = input.caPem;
    rc.staticCredentials.bearerToken = input.token.trimmed();
    api::KubeClient::RequestOptions options;
    options.maxRetries = 0;
    options.timeoutMs = 15000;
    api::KubeClient(rc).getPath(QStringLiteral("/version"), options, this,
                                [done](const api::Result<api::Response> &r, const QStringList &) {
                                    if (!r) {
                                        api::ApiError e = r.error();
                                        e.message = tr("The cluster could not be reached with this endpoint, CA and token: %1").arg(e.message);
                                        done(e);
                                        return;
                                    }
                                    const auto obj = r->json();
                                    const QString version = obj ? obj->value(QLatin1String("gitVersion")).toString() : QString();
                                    if (version.isEmpty())
                                        done(api::ApiError{0, QStringLiteral("Invalid"), tr("The endpoint answered, but not as a Kubernetes API server (no /version).")});
                                    else
                                        done(version);
                                });
}

void ClusterRegistration::registerCluster(const Input &input, std::function<void(const api::Result<QString> &)> done)
{
    validate(input, [this, input, done](const api::Result<QString> &r) {
        if (!r)
            done(r.error());
        else
            save(input, done);
    });
}

QJsonObject ClusterRegistration::secretFor(const Input &in)
{
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Secret")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), secretName(in)}, {QStringLiteral("namespace"), QString::fromLatin1(kNamespace)}}},
            {QStringLiteral("type"), QStringLiteral("Opaque")},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), QString::fromLatin1(in.token.trimmed().toUtf8().toBase64())}}}};
}

QJsonObject ClusterRegistration::clusterFor(const Input &in)
{
    QJsonObject meta{{QStringLiteral("name"), in.name}, {QStringLiteral("namespace"), QString::fromLatin1(kNamespace)}};
    if (!in.displayName.trimmed().isEmpty())
        meta.insert(QStringLiteral("annotations"), QJsonObject{{QStringLiteral("cpaas.io/display-name"), in.displayName.trimmed()}});
    const QJsonObject endpoints{
        {QStringLiteral("serverEndpoints"), QJsonArray{QJsonObject{{QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0")},
                                                                   {QStringLiteral("serverAddress"), in.endpoint.trimmed()}}}},
        {QStringLiteral("caBundle"), QString::fromLatin1(in.caPem.toBase64())}};
    const QJsonObject auth{{QStringLiteral("controller"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("Secret")},
                                                                      {QStringLiteral("name"), secretName(in)},
                                                                      {QStringLiteral("namespace"), QString::fromLatin1(kNamespace)}}}};
    return {{QStringLiteral("apiVersion"), QStringLiteral("clusterregistry.k8s.io/v1alpha1")},
            {QStringLiteral("kind"), QStringLiteral("Cluster")},
            {QStringLiteral("metadata"), meta},
            {QStringLiteral("spec"), QJsonObject{{QStringLiteral("kubernetesApiEndpoints"), endpoints}, {QStringLiteral("authInfo"), auth}}}};
}

void ClusterRegistration::save(const Input &input, std::function<void(const api::Result<QString> &)> done)
{
    m_global.create(secretsPath(), QJsonDocument(secretFor(input)).toJson(QJsonDocument::Compact), {}, this,
                    [this, input, done](const api::Result<api::Response> &r, const QStringList &) {
                        if (!r) {
                            done(r.error());
                            return;
                        }
                        m_global.create(clustersPath(), QJsonDocument(clusterFor(input)).toJson(QJsonDocument::Compact), {}, this,
                                        [this, input, done](const api::Result<api::Response> &c, const QStringList &) {
                                            if (c) {
                                                done(input.name);
                                                return;
                                            }
                                            api::ResourcePath s = secretsPath();
                                            s.name = secretName(input);
                                            m_global.remove(s, {}, this, [](const api::Result<api::Response> &, const QStringList &) {});
                                            done(c.error());
                                        });
                    });
}

} // namespace acp::models
