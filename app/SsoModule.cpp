#include "app/SsoModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QOpenGLContext>
#include <QSurfaceFormat>

#include <unistd.h>

// QtGui's (private, exported) setter of QOpenGLContext::globalShareContext().
Q_GUI_EXPORT void qt_gl_set_global_share_context(QOpenGLContext *context);

namespace acp::app {

namespace {
QLibrary *g_library = nullptr;
SsoCreateBrowserFn g_create = nullptr;
} // namespace

QStringList SsoModule::candidates()
{
    QStringList out;
    if (const QString env = qEnvironmentVariable("ACP_SSO_MODULE"); !env.isEmpty())
        return {env};   // an explicit choice: nothing else
    const QDir exe(QCoreApplication::applicationDirPath());
    const QString name = QLatin1String(kFileName);
    out << exe.filePath(name) << exe.filePath(QStringLiteral("../lib/acp-console/") + name) << exe.filePath(QStringLiteral("../bin/") + name);
    for (QString &p : out)
        p = QDir::cleanPath(p);
    out.removeDuplicates();
    return out;
}

void SsoModule::prepareProcess()
{
    if (::geteuid() == 0 && qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
}

// What QGuiApplication does at start with Qt::AA_ShareOpenGLContexts, done when QtWebEngine is
// about to load: QtWebEngine (loaded after QApplication) renders through the global share context
// and crashes without one. create() may fail (offscreen, no GL): QtWebEngine then renders in
// software, as it does with the attribute.
static void ensureGlobalShareContext()
{
    if (QOpenGLContext::globalShareContext())
        return;
    auto *context = new QOpenGLContext(QCoreApplication::instance());
    context->setFormat(QSurfaceFormat::defaultFormat());
    context->create();
    qt_gl_set_global_share_context(context);
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
        ensureGlobalShareContext();
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
