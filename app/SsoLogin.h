#pragma once
// SsoLogin: one single sign-on attempt from the login dialog. Loads the SSO browser module
// (SsoModule), asks the platform for a browser login (PlatformClient::beginBrowserLogin: step 1,
// the flow cookie stays in this object's client), shows the platform's login page in the module's
// browser dialog, takes the redirect to the platform's callback URL that the browser captures,
// and redeems code and state itself (step 5) -> the token. The token never passes through a page.
// Closing the browser cancels. The callback runs once (not inside start()), while this object
// lives. Never logs codes or tokens. Thread: GUI thread.
#include "api/PlatformClient.h"
#include "app/SsoBrowser.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace acp::app {

class SsoLogin : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(api::Result<api::PlatformToken>)>;
    static constexpr const char *kCancelled = "Cancelled";   // ApiError::reason of a cancel

    SsoLogin(const api::PlatformEndpoint &endpoint, QWidget *dialogParent, QObject *parent = nullptr);
    ~SsoLogin() override;

    // connectorId empty: the platform's own page lets the user choose.
    void start(const QString &connectorId, Done done);
    void cancel();
    SsoBrowser *browser() const { return m_browser; }

private:
    void openBrowser(const api::PlatformBrowserLogin &login);
    void onCallback(const QUrl &url);
    void finish(api::Result<api::PlatformToken> result);
    void closeBrowser();

    api::PlatformClient *m_client;
    QPointer<QWidget> m_dialogParent;
    SsoBrowser *m_browser = nullptr;
    QPointer<QObject> m_browserDialog;     // the browser's QDialog (owns m_browser)
    Done m_done;
};

} // namespace acp::app
