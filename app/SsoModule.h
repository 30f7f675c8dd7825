#pragma once
// SsoModule: finds and loads the SSO browser module (libacp_sso.so, the only code linking
// QtWebEngine; see SsoBrowser.h) on first use and hands out its factory. The library stays
// loaded for the rest of the process (QtWebEngine cannot be unloaded). Looked up, in order: next
// to the executable (bin/), <exe>/../lib/acp-console/, and <exe>/../bin/ (the build tree's tests/
// beside bin/); $ACP_SSO_MODULE, when set, names the only file tried. Thread: GUI thread.
#include "app/SsoBrowser.h"

#include <QString>
#include <QStringList>

namespace acp::app {

class SsoModule {
public:
    static constexpr const char *kFileName = "libacp_sso.so";
    // The factory, or nullptr with a message for the user in *error.
    static SsoCreateBrowserFn createFunction(QString *error);
    static QStringList candidates();
    static bool isLoaded();
    // Call before QApplication (main(), tests' initMain()): as root, QTWEBENGINE_DISABLE_SANDBOX=1
    // (Chromium refuses to run as root with its sandbox on). Nothing else: Qt::AA_ShareOpenGLContexts
    // would make QApplication create a global OpenGL context at start (+60-100 ms to the first
    // window under Xvfb, acp-bench startup); createFunction() creates that context itself just
    // before QtWebEngine loads, which is what QtWebEngine needs from the attribute.
    static void prepareProcess();
};

} // namespace acp::app
