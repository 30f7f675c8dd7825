#include "app/sso/SsoBrowserDialog.h"

#include "app/sso/SsoCertificates.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWebEngineCertificateError>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace acp::app {

SsoPage::SsoPage(const SsoBrowserOptions &options, QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent), m_options(options)
{
    connect(this, &QWebEnginePage::certificateError, this, &SsoPage::onCertificateError);
}

bool SsoPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (m_options.isCallback && m_options.isCallback(url)) {
        // The platform's redirect URI: not loaded; the console redeems the code itself.
        if (!m_captured && isMainFrame) {
            m_captured = true;
            if (m_options.onCallback)
                m_options.onCallback(url);
        }
        return false;
    }
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return false;
    return QWebEnginePage::acceptNavigationRequest(url, type, isMainFrame);
}

QWebEnginePage *SsoPage::createWindow(WebWindowType)
{
    return nullptr;   // no pop-ups: the login stays in this dialog
}

void SsoPage::onCertificateError(const QWebEngineCertificateError &error)
{
    QWebEngineCertificateError e = error;
    const bool accept = m_options.insecureSkipTlsVerify
        || (!m_options.caPem.isEmpty() && e.type() == QWebEngineCertificateError::CertificateAuthorityInvalid
            && SsoCertificates::verify(e.certificateChain(), m_options.caPem, e.url().host()));
    if (!accept) {
        e.rejectCertificate();
        if (m_options.onLoadError)
            m_options.onLoadError(tr("%1: certificate error: %2").arg(e.url().host(), e.description()));
        return;
    }
    // Decided here, applied after the handler returns (QWebEngineCertificateError::defer()).
    e.defer();
    QMetaObject::invokeMethod(this, [e]() mutable { e.acceptCertificate(); }, Qt::QueuedConnection);
}

SsoBrowserDialog::SsoBrowserDialog(const SsoBrowserOptions &options, QWidget *parent)
    : QDialog(parent), m_profile(new QWebEngineProfile(this))   // no storage name: off the record
{
    setObjectName(QStringLiteral("ssoBrowser"));
    setWindowTitle(options.title.isEmpty() ? tr("Sign in with SSO") : options.title);
    resize(560, 680);
    m_page = new SsoPage(options, m_profile, this);
    m_view = new QWebEngineView(this);
    m_view->setObjectName(QStringLiteral("ssoWebView"));
    m_view->setPage(m_page);
    m_page->settings()->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    m_page->settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);

    m_host = new QLabel(this);
    m_host->setObjectName(QStringLiteral("ssoHost"));
    m_host->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_host);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_page, &QWebEnginePage::urlChanged, this, [this](const QUrl &url) {
        const bool secure = url.scheme() == QLatin1String("https");
        m_host->setText((secure ? QString() : tr("Not encrypted: ")) + url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment));
    });
    connect(m_page, &QWebEnginePage::loadingChanged, this, [this, onError = options.onLoadError](const QWebEngineLoadingInfo &info) {
        m_loading = info.status() == QWebEngineLoadingInfo::LoadStartedStatus;
        if (info.status() != QWebEngineLoadingInfo::LoadFailedStatus || m_page->captured() || !onError)
            return;
        // HTTP error pages (e.g. the IdP's form again after a wrong password, 401) stay visible;
        // a navigation replaced by another one is no failure either (net::ERR_ABORTED).
        if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain || info.errorCode() == -3)
            return;
        onError(tr("The login page on %1 cannot be loaded: %2").arg(info.url().host(), info.errorString()));
    });
    m_page->load(options.startUrl);
}

SsoBrowserDialog::~SsoBrowserDialog()
{
    // The page must go before its profile (a child of this dialog too).
    delete m_view;
    delete m_page;
}

QUrl SsoBrowserDialog::url() const
{
    return m_page->url();
}

void SsoBrowserDialog::runJavaScript(const QString &script, std::function<void(const QVariant &)> result)
{
    m_page->runJavaScript(script, [result = std::move(result)](const QVariant &v) {
        if (result)
            result(v);
    });
}

} // namespace acp::app

extern "C" Q_DECL_EXPORT int acp_sso_abi_version()
{
    return acp::app::kSsoAbiVersion;
}

extern "C" Q_DECL_EXPORT acp::app::SsoBrowser *acp_sso_create_browser(const acp::app::SsoBrowserOptions *options, QWidget *parent)
{
    return options ? new acp::app::SsoBrowserDialog(*options, parent) : nullptr;
}
