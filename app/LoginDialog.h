#pragma once
// LoginDialog ("Session > Log in to a platform…"): platform URL and session name, then
// username/password (PlatformClient's five-call flow), an API token (verified), or single sign-on
// through the platform's external identity providers (SsoLogin: the platform's login page in the
// lazily loaded SSO browser module; a choice of connector when the platform lists several), with
// an optional CA file or "skip TLS verification" (a visible warning). On success the session is
// written with AcpSessions::applyLogin into the kubeconfig the console uses and saved (mode 0600);
// loggedIn() names the session and its current context. Errors show the server's reason in the
// dialog and keep everything typed. Never logs the password or the token.
// Thread: GUI thread.
#include "api/Kubeconfig.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QRadioButton;
class QStackedWidget;

namespace acp::api {
struct AcpLoginRequest;
struct PlatformEndpoint;
}

namespace acp::app {

class SsoBrowser;
class SsoLogin;

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    LoginDialog(const api::KubeconfigLoadOptions &kubeconfig, QWidget *parent = nullptr);
    ~LoginDialog() override;

    void setPlatform(const QString &url);
    void setSessionName(const QString &name);

    QLineEdit *platformEdit() const { return m_platform; }
    QLineEdit *sessionEdit() const { return m_session; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QRadioButton *tokenMode() const { return m_useToken; }
    QRadioButton *ssoMode() const { return m_useSso; }
    QComboBox *connectorBox() const { return m_connector; }   // external connectors (SSO)
    QLabel *statusLabel() const { return m_status; }
    // The SSO browser while a single sign-on is in progress, else nullptr.
    SsoBrowser *ssoBrowser() const;
    QCheckBox *insecureBox() const { return m_insecure; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *insecureWarning() const { return m_insecureWarning; }
    bool isBusy() const { return m_busy; }

    // Starts the login (as the Log in button does).
    void submit();

    QString loggedInSession() const { return m_doneSession; }
    QString loggedInContext() const { return m_doneContext; }
    QString savedPath() const { return m_savedPath; }

Q_SIGNALS:
    void loggedIn(const QString &session, const QString &context);

private:
    QWidget *buildCredentials();
    QWidget *buildSsoPage(QWidget *parent);
    void refreshConnectors();
    QString readEndpoint(api::PlatformEndpoint *endpoint) const;   // "" or what is wrong
    void startSso(const api::AcpLoginRequest &req);
    void finishLogin(const api::AcpLoginRequest &req);
    void addTlsRows(QFormLayout *form);
    void setBusy(bool busy);
    void showError(const QString &text);
    void updateMode();
    QString validate() const;

    api::KubeconfigLoadOptions m_load;
    QLineEdit *m_platform, *m_session, *m_username, *m_password, *m_token, *m_caFile;
    QRadioButton *m_usePassword, *m_useToken, *m_useSso;
    QComboBox *m_connector;
    QLabel *m_ssoHint;
    SsoLogin *m_sso = nullptr;
    QString m_connectorsFor;          // platform URL the connector list was fetched for
    QStackedWidget *m_credentials;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning, *m_error, *m_status;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    QString m_doneSession, m_doneContext, m_savedPath;
};

} // namespace acp::app
