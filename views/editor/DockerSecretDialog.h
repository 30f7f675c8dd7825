#pragma once
// DockerSecretDialog: the fields of `kubectl create secret docker-registry` (name, server,
// username, password, email); yaml() is SecretCodec::dockerRegistrySecret as YAML (a complete
// .dockerconfigjson including auth). The password is never logged. Thread: GUI thread.
#include "models/SecretCodec.h"

#include <QDialog>

class QLineEdit;

namespace acp::views {

class DockerSecretDialog : public QDialog {
    Q_OBJECT
public:
    DockerSecretDialog(const QString &namespaceName, QWidget *parent = nullptr);

    QString name() const;
    models::SecretCodec::DockerRegistry registry() const;
    QByteArray yaml() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *emailEdit() const { return m_email; }

private:
    QString m_namespace;
    QLineEdit *m_name;
    QLineEdit *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_email;
};

} // namespace acp::views
