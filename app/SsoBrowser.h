#pragma once
// SsoBrowser: the interface between the console (acp_app) and the SSO browser module
// (libacp_sso.so, app/sso/), which is the only code linking QtWebEngine. The module is loaded with
// QLibrary by SsoModule only when the user starts an SSO login, so acp-console starts without
// WebEngine (about 500 ms and 165 MiB per first web view; ../shared/TECH-NOTES.md).
//
// Plain C++ on both sides (no QObject subclass crosses the boundary): the module exports
//   extern "C" int acp_sso_abi_version();                       // == kSsoAbiVersion
//   extern "C" acp::app::SsoBrowser *acp_sso_create_browser(const acp::app::SsoBrowserOptions *, QWidget *parent);
// The returned browser is a dialog ("Sign in with SSO") parented to `parent`; deleting the dialog
// (dialog()->deleteLater()) deletes the browser. Both sides must be built together (same compiler,
// same Qt): the ABI version guards against a stale module.
//
// Contract of a browser: it shows only what the platform's login chain loads (http/https, main
// frame, no pop-ups); a navigation for which isCallback(url) is true is not loaded but handed to
// onCallback (once) - the code and state never reach a page. TLS: certificates are checked
// against the system CAs, or caPem when given; insecureSkipTlsVerify accepts any certificate.
// onLoadError reports pages that cannot be loaded at all (network, TLS). Closing the dialog is a
// cancel (QDialog::rejected). Thread: GUI thread.
#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QVariant>
#include <functional>

class QDialog;
class QWidget;

namespace acp::app {

inline constexpr int kSsoAbiVersion = 1;

struct SsoBrowserOptions {
    QUrl startUrl;                                   // the platform's auth_url
    std::function<bool(const QUrl &)> isCallback;    // the platform's redirect URI?
    std::function<void(const QUrl &)> onCallback;    // the captured redirect (code/state or error)
    std::function<void(const QString &)> onLoadError;
    QByteArray caPem;
    bool insecureSkipTlsVerify = false;
    QString title;                                   // window title
};

class SsoBrowser {
public:
    virtual ~SsoBrowser() = default;
    virtual QDialog *dialog() = 0;
    virtual QUrl url() const = 0;                    // the page shown
    virtual bool isLoading() const = 0;
    // Runs a script in the page (main world); result is called with its value. For tests and
    // diagnostics: the console itself never reads page content.
    virtual void runJavaScript(const QString &script, std::function<void(const QVariant &)> result) = 0;
};

using SsoAbiVersionFn = int (*)();
using SsoCreateBrowserFn = SsoBrowser *(*)(const SsoBrowserOptions *, QWidget *);

} // namespace acp::app
