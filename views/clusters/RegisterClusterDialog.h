#pragma once
// RegisterClusterDialog: registers (imports) an existing cluster with the ACP platform through
// models::ClusterRegistration: name, display name, API endpoint, CA certificate (pasted or
// loaded from a file) and a token. "Validate" checks the input and reaches the cluster with it
// (GET /version); "Register" validates again and saves the credential Secret and the Cluster in
// cpaas-system of global. Problems and the server's messages are shown in the dialog.
// Thread: GUI thread.
#include "api/KubeClient.h"
#include "models/ClusterRegistration.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace acp::views {

class RegisterClusterDialog : public QDialog {
    Q_OBJECT
public:
    RegisterClusterDialog(const api::KubeClient &global, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *displayNameEdit() const { return m_display; }
    QLineEdit *endpointEdit() const { return m_endpoint; }
    QPlainTextEdit *caEdit() const { return m_ca; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPushButton *validateButton() const { return m_validate; }
    QPushButton *registerButton() const { return m_register; }
    QLabel *resultLabel() const { return m_result; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void registered(const QString &cluster);

private:
    models::ClusterRegistration::Input input() const;
    void run(bool save);
    void setBusy(bool busy);
    void showResult(const QString &text, bool error);

    models::ClusterRegistration *m_registration;
    QLineEdit *m_name;
    QLineEdit *m_display;
    QLineEdit *m_endpoint;
    QPlainTextEdit *m_ca;
    QLineEdit *m_token;
    QPushButton *m_validate;
    QPushButton *m_register;
    QLabel *m_result;
    bool m_busy = false;
};

} // namespace acp::views
