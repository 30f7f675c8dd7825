#include "app/SsoModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

namespace acp::app {

namespace {
QLibrary *g_library = nullptr;
SsoCreateBrowserFn g_create = nullptr;
} // namespace

QStringList SsoModule::candidates()
{
    QStringList out;
    if (const QString env = qEnvironmentVariable("ACP_SSO_MODULE"); !env.isEmpty())
        out << env;
    const QDir exe(QCoreApplication::applicationDirPath());
    const QString name = QLatin1String(kFileName);
    out << exe.filePath(name) << exe.filePath(QStringLiteral("../lib/acp-console/") + name) << exe.filePath(QStringLiteral("../bin/") + name);
    for (QString &p : out)
        p = QDir::cleanPath(p);
    out.removeDuplicates();
    return out;
}

bool SsoModule::isLoaded()
{
    return g_create != nullptr;
}

SsoCreateBrowserFn SsoModule::createFunction(QString *error)
{
    if (g_create)
        return g_create;
    QStringList problems;
    for (const QString &path : candidates()) {
        if (!QFileInfo::exists(path))
            continue;
        auto *lib = new QLibrary(path);
        if (!lib->load()) {
            problems << lib->errorString();
            delete lib;
            continue;
        }
        const auto version = reinterpret_cast<SsoAbiVersionFn>(lib->resolve("acp_sso_abi_version"));
        const auto create = reinterpret_cast<SsoCreateBrowserFn>(lib->resolve("acp_sso_create_browser"));
        if (!version || !create || version() != kSsoAbiVersion) {
            problems << QCoreApplication::translate("SsoModule", "%1 is not an SSO module of this console version").arg(path);
            lib->unload();
            delete lib;
            continue;
        }
        g_library = lib;
        g_create = create;
        return g_create;
    }
    if (error) {
        *error = QCoreApplication::translate("SsoModule", "Single sign-on needs the SSO browser module (%1, built with QtWebEngine), which could not be loaded: %2")
                     .arg(QLatin1String(kFileName),
                          problems.isEmpty() ? QCoreApplication::translate("SsoModule", "not found in %1").arg(candidates().join(QStringLiteral(", ")))
                                             : problems.join(QStringLiteral("; ")));
    }
    return nullptr;
}

} // namespace acp::app
