#include "views/editor/DockerSecretDialog.h"

#include "api/Yaml.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>

namespace acp::views {

DockerSecretDialog::DockerSecretDialog(const QString &namespaceName, QWidget *parent)
    : QDialog(parent), m_namespace(namespaceName)
{
    setObjectName(QStringLiteral("dockerSecretDialog"));
    setWindowTitle(tr("Docker registry Secret"));
    auto *form = new QFormLayout(this);
    auto line = [this](const QString &name, const QString &placeholder) {
        auto *e = new QLineEdit(this);
        e->setObjectName(name);
        e->setPlaceholderText(placeholder);
        e->setMinimumWidth(320);   // registry URLs and robot account names are long
        return e;
    };
    m_name = line(QStringLiteral("secretName"), QStringLiteral("registry-credentials"));
    m_server = line(QStringLiteral("registryServer"), QStringLiteral("https://index.docker.io/v1/"));
    m_username = line(QStringLiteral("registryUsername"), QString());
    m_password = line(QStringLiteral("registryPassword"), QString());
    m_password->setEchoMode(QLineEdit::Password);
    m_email = line(QStringLiteral("registryEmail"), tr("optional"));
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Server"), m_server);
    form->addRow(tr("Username"), m_username);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Email"), m_email);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Insert YAML"));
    auto check = [this, ok] {
        ok->setEnabled(!m_name->text().trimmed().isEmpty() && !m_server->text().trimmed().isEmpty()
                       && !m_username->text().isEmpty());
    };
    for (QLineEdit *e : {m_name, m_server, m_username})
        connect(e, &QLineEdit::textChanged, this, check);
    check();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QString DockerSecretDialog::name() const
{
    return m_name->text().trimmed();
}

models::SecretCodec::DockerRegistry DockerSecretDialog::registry() const
{
    return {m_server->text().trimmed(), m_username->text(), m_password->text(), m_email->text().trimmed()};
}

QByteArray DockerSecretDialog::yaml() const
{
    return api::yaml::dump(models::SecretCodec::dockerRegistrySecret(name(), m_namespace, registry()));
}

} // namespace acp::views
