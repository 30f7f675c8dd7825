#pragma once
// SsoBrowserDialog: the SSO browser of libacp_sso.so (see app/SsoBrowser.h for the contract): a
// QDialog with the current host (so the user sees where they type a password), a QWebEngineView
// on an off-the-record profile (no cookies or cache kept after the dialog) and a Cancel button.
// SsoPage captures the navigation to the platform's redirect URI. Thread: GUI thread.
#include "app/SsoBrowser.h"

#include <QDialog>
#include <QWebEnginePage>

class QLabel;
class QWebEngineProfile;
class QWebEngineView;
class QWebEngineCertificateError;

namespace acp::app {

class SsoPage : public QWebEnginePage {
    Q_OBJECT
public:
    SsoPage(const SsoBrowserOptions &options, QWebEngineProfile *profile, QObject *parent);
    bool captured() const { return m_captured; }

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;

private:
    void onCertificateError(const QWebEngineCertificateError &error);
    SsoBrowserOptions m_options;
    bool m_captured = false;
};

class SsoBrowserDialog : public QDialog, public SsoBrowser {
    Q_OBJECT
public:
    SsoBrowserDialog(const SsoBrowserOptions &options, QWidget *parent);
    ~SsoBrowserDialog() override;

    QDialog *dialog() override { return this; }
    QUrl url() const override;
    bool isLoading() const override { return m_loading; }
    void runJavaScript(const QString &script, std::function<void(const QVariant &)> result) override;

private:
    QWebEngineProfile *m_profile;
    SsoPage *m_page;
    QWebEngineView *m_view;
    QLabel *m_host;
    bool m_loading = false;
};

} // namespace acp::app
