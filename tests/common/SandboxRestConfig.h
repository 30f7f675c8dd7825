#pragma once
// sandboxRestConfig: a RestConfig for one context of the kubeconfig acp-sandbox writes
// (contexts "<session>/<cluster>", e.g. "sandbox/global", "sandbox-alice/business-1"), built by
// hand from the YAML (server, certificate-authority-data, token). Test support only: the product
// reads kubeconfigs with api/Kubeconfig*. Header-only.
#include "api/RestConfig.h"
#include "api/Yaml.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace acp::test {

inline QJsonObject namedEntry(const QJsonObject &config, const char *list, const QString &name, const char *field)
{
    for (const QJsonValue &v : config.value(QLatin1String(list)).toArray())
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            return v.toObject().value(QLatin1String(field)).toObject();
    return QJsonObject();
}

// `context` is "<session>/<cluster>".
inline api::Result<api::RestConfig> sandboxRestConfig(const QString &kubeconfigPath, const QString &context)
{
    QFile f(kubeconfigPath);
    if (!f.open(QIODevice::ReadOnly))
        return api::ApiError{0, QStringLiteral("NotFound"), kubeconfigPath + QStringLiteral(": ") + f.errorString()};
    auto parsed = api::yaml::parseOne(f.readAll(), kubeconfigPath);
    if (!parsed)
        return parsed.error();
    const QJsonObject config = parsed->toObject();
    const QJsonObject ctx = namedEntry(config, "contexts", context, "context");
    if (ctx.isEmpty())
        return api::ApiError{0, QStringLiteral("NotFound"), QStringLiteral("no context %1 in %2").arg(context, kubeconfigPath)};
    api::RestConfig rc;
    rc.contextName = context;
    rc.clusterName = ctx.value(QLatin1String("cluster")).toString();
    rc.userName = ctx.value(QLatin1String("user")).toString();
    const QJsonObject cluster = namedEntry(config, "clusters", rc.clusterName, "cluster");
    const QJsonObject user = namedEntry(config, "users", rc.userName, "user");
    rc.server = QUrl(cluster.value(QLatin1String("server")).toString());
    rc.caPem = QByteArray::fromBase64(cluster.value(QLatin1String("certificate-authority-data")).toString().toLatin1());
    rc.staticCredentials.bearerToken = user.value(QLatin1String("token")).toString();
    return rc;
}

} // namespace acp::test
