#include "app/SsoLogin.h"

#include "app/SsoModule.h"

#include <QDialog>
#include <QTimer>

namespace acp::app {

SsoLogin::SsoLogin(const api::PlatformEndpoint &endpoint, QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_client(new api::PlatformClient(endpoint, this)), m_dialogParent(dialogParent)
{
}

SsoLogin::~SsoLogin()
{
    m_done = nullptr;
    closeBrowser();
}

void SsoLogin::start(const QString &connectorId, Done done)
{
    m_done = std::move(done);
    QString error;
    if (!SsoModule::createFunction(&error)) {
        QTimer::singleShot(0, this, [this, error] { finish(api::ApiError{0, QString(), error}); });
        return;
    }
    m_client->beginBrowserLogin(connectorId, this, [this](api::Result<api::PlatformBrowserLogin> r) {
        if (!r)
            return finish(r.error());
        openBrowser(*r);
    });
}

void SsoLogin::openBrowser(const api::PlatformBrowserLogin &login)
{
    SsoBrowserOptions options;
    options.startUrl = login.authUrl;
    options.caPem = m_client->endpoint().caPem;
    options.insecureSkipTlsVerify = m_client->endpoint().insecureSkipTlsVerify;
    options.title = tr("Sign in with SSO - %1").arg(login.authUrl.host());
    const QPointer<SsoLogin> self = this;
    const QPointer<api::PlatformClient> client = m_client;
    options.isCallback = [client](const QUrl &url) { return client && client->isRedirectUri(url); };
    // Out of WebEngine's call stack before anything closes the browser.
    options.onCallback = [self](const QUrl &url) {
        QTimer::singleShot(0, self, [self, url] { if (self) self->onCallback(url); });
    };
    options.onLoadError = [self](const QString &message) {
        QTimer::singleShot(0, self, [self, message] { if (self) self->finish(api::ApiError{0, QString(), message}); });
    };
    m_browser = SsoModule::createFunction(nullptr)(&options, m_dialogParent);
    QDialog *dialog = m_browser->dialog();
    m_browserDialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(dialog, &QDialog::rejected, this, [this] { finish(api::ApiError{0, QLatin1String(kCancelled), tr("The single sign-on was cancelled.")}); });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
}

void SsoLogin::onCallback(const QUrl &url)
{
    closeBrowser();
    m_client->finishBrowserLogin(url, this, [this](api::Result<api::PlatformToken> t) { finish(std::move(t)); });
}

void SsoLogin::cancel()
{
    finish(api::ApiError{0, QLatin1String(kCancelled), tr("The single sign-on was cancelled.")});
}

void SsoLogin::closeBrowser()
{
    if (m_browserDialog) {
        QDialog *dialog = static_cast<QDialog *>(m_browserDialog.data());
        dialog->disconnect(this);
        dialog->hide();
        dialog->deleteLater();
    }
    m_browserDialog = nullptr;
    m_browser = nullptr;
}

void SsoLogin::finish(api::Result<api::PlatformToken> result)
{
    closeBrowser();
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(std::move(result));
}

} // namespace acp::app
