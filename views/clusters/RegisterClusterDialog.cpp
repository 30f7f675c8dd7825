#include "views/clusters/RegisterClusterDialog.h"

#include "views/common/StatusStyle.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace acp::views {

RegisterClusterDialog::RegisterClusterDialog(const api::KubeClient &global, QWidget *parent)
    : QDialog(parent), m_registration(new models::ClusterRegistration(global, this))
{
    setObjectName(QStringLiteral("registerClusterDialog"));
    setWindowTitle(tr("Register a cluster"));
    resize(640, 520);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Import an existing Kubernetes cluster into the platform. The console first checks that the "
                                "endpoint answers with this CA and token, then saves a credential Secret and a Cluster in "
                                "<code>cpaas-system</code> of <b>global</b>."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("clusterName"));
    m_name->setPlaceholderText(QStringLiteral("business-4"));
    m_display = new QLineEdit(this);
    m_display->setObjectName(QStringLiteral("clusterDisplayName"));
    m_endpoint = new QLineEdit(this);
    m_endpoint->setObjectName(QStringLiteral("clusterEndpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("https://10.0.0.1:6443"));
    m_ca = new QPlainTextEdit(this);
    m_ca->setObjectName(QStringLiteral("clusterCa"));
    m_ca->setPlaceholderText(QStringLiteral("-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"));
    auto *caRow = new QVBoxLayout;
    caRow->addWidget(m_ca, 1);
    auto *load = new QPushButton(tr("Load from file…"), this);
    caRow->addWidget(load, 0, Qt::AlignLeft);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("clusterToken"));
    m_token->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Display name:"), m_display);
    form->addRow(tr("API endpoint:"), m_endpoint);
    form->addRow(tr("CA certificate:"), caRow);
    form->addRow(tr("Token:"), m_token);
    layout->addLayout(form, 1);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("registerResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    auto *buttons = new QDialogButtonBox(this);
    m_validate = buttons->addButton(tr("Validate"), QDialogButtonBox::ActionRole);
    m_validate->setObjectName(QStringLiteral("validateButton"));
    m_register = buttons->addButton(tr("Register"), QDialogButtonBox::AcceptRole);
    m_register->setObjectName(QStringLiteral("registerButton"));
    auto *close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CA certificate"), QString(), tr("Certificates (*.crt *.pem);;All files (*)"));
        QFile f(path);
        if (!path.isEmpty() && f.open(QIODevice::ReadOnly))
            m_ca->setPlainText(QString::fromLatin1(f.read(1 << 20)));
    });
    connect(m_validate, &QPushButton::clicked, this, [this] { run(false); });
    connect(m_register, &QPushButton::clicked, this, [this] { run(true); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
}

models::ClusterRegistration::Input RegisterClusterDialog::input() const
{
    return {m_name->text().trimmed(), m_display->text().trimmed(), m_endpoint->text().trimmed(), m_ca->toPlainText().toLatin1(),
            m_token->text().trimmed()};
}

void RegisterClusterDialog::run(bool save)
{
    const auto in = input();
    const QStringList problems = models::ClusterRegistration::checkInput(in);
    if (!problems.isEmpty()) {
        showResult(problems.join(QLatin1Char('\n')), true);
        return;
    }
    setBusy(true);
    showResult(save ? tr("Validating and registering…") : tr("Validating…"), false);
    auto done = [this, save, name = in.name](const api::Result<QString> &r) {
        setBusy(false);
        if (!r) {
            showResult(r.error().reason.isEmpty() ? r.error().message : r.error().reason + QStringLiteral(": ") + r.error().message, true);
        } else if (save) {
            showResult(tr("Cluster %1 registered. It joins the fleet when the session's cluster list is refreshed.").arg(name), false);
            Q_EMIT registered(name);
        } else {
            showResult(tr("The cluster answers: Kubernetes %1. Nothing was saved yet.").arg(*r), false);
        }
    };
    if (save)
        m_registration->registerCluster(in, done);
    else
        m_registration->validate(in, done);
}

void RegisterClusterDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_validate->setEnabled(!busy);
    m_register->setEnabled(!busy);
}

void RegisterClusterDialog::showResult(const QString &text, bool error)
{
    const QColor c = StatusStyle::color(error ? models::ObjectStatus::Error : models::ObjectStatus::Ok, palette());
    m_result->setStyleSheet(QStringLiteral("color: %1").arg(c.name()));
    m_result->setText(text);
}

} // namespace acp::views
