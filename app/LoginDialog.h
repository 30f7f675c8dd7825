#pragma once
// LoginDialog ("Session > Log in to a platform…"): platform URL and session name, then either
// username/password (PlatformClient's five-call flow) or an API token (verified), with an
// optional CA file or "skip TLS verification" (a visible warning). On success the session is
// written with AcpSessions::applyLogin into the kubeconfig the console uses and saved (mode 0600);
// loggedIn() names the session and its current context. Errors show the server's reason in the
// dialog and keep everything typed. Never logs the password or the token.
// Thread: GUI thread.
#include "api/Kubeconfig.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QRadioButton;
class QStackedWidget;

namespace acp::app {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    LoginDialog(const api::KubeconfigLoadOptions &kubeconfig, QWidget *parent = nullptr);

    void setPlatform(const QString &url);
    void setSessionName(const QString &name);

    QLineEdit *platformEdit() const { return m_platform; }
    QLineEdit *sessionEdit() const { return m_session; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QRadioButton *tokenMode() const { return m_useToken; }
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
    void addTlsRows(QFormLayout *form);
    void setBusy(bool busy);
    void showError(const QString &text);
    void updateMode();
    QString validate() const;

    api::KubeconfigLoadOptions m_load;
    QLineEdit *m_platform, *m_session, *m_username, *m_password, *m_token, *m_caFile;
    QRadioButton *m_usePassword, *m_useToken;
    QStackedWidget *m_credentials;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning, *m_error, *m_status;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    QString m_doneSession, m_doneContext, m_savedPath;
};

} // namespace acp::app
