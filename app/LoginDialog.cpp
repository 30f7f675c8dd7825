#include "app/LoginDialog.h"

#include "api/AcpSessions.h"
#include "api/AcpSessionsLogin.h"
#include "views/common/StatusStyle.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace acp::app {

namespace {
QLineEdit *lineEdit(QWidget *parent, const char *name, const QString &placeholder = QString())
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(QString::fromLatin1(name));
    e->setPlaceholderText(placeholder);
    return e;
}
} // namespace

LoginDialog::LoginDialog(const api::KubeconfigLoadOptions &kubeconfig, QWidget *parent) : QDialog(parent), m_load(kubeconfig)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Log in to a platform"));
    setMinimumWidth(480);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_platform = lineEdit(this, "platformUrl", QStringLiteral("https://platform.example.com"));
    m_session = lineEdit(this, "sessionName", tr("e.g. prod"));
    form->addRow(tr("Platform URL:"), m_platform);
    form->addRow(tr("Session name:"), m_session);

    auto *modes = new QHBoxLayout;
    m_usePassword = new QRadioButton(tr("Username and password"), this);
    m_usePassword->setObjectName(QStringLiteral("modePassword"));
    m_useToken = new QRadioButton(tr("API token"), this);
    m_useToken->setObjectName(QStringLiteral("modeToken"));
    m_usePassword->setChecked(true);
    modes->addWidget(m_usePassword);
    modes->addWidget(m_useToken);
    modes->addStretch(1);
    form->addRow(tr("Log in with:"), modes);

    form->addRow(buildCredentials());

    addTlsRows(form);
    layout->addLayout(form);

    m_insecureWarning = new QLabel(tr("⚠ The server's certificate will not be checked: anyone on the network path could read "
                                      "your password and token. Use this only for test platforms."), this);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(QStringLiteral("color: %1;").arg(views::StatusStyle::color(models::ObjectStatus::Warning, palette()).name()));
    m_insecureWarning->setVisible(false);
    layout->addWidget(m_insecureWarning);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(views::StatusStyle::color(models::ObjectStatus::Error, palette()).name()));
    m_error->setVisible(false);
    layout->addWidget(m_error);
    m_status = new QLabel(this);
    m_status->setEnabled(false);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("loginButton"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_usePassword, &QRadioButton::toggled, this, &LoginDialog::updateMode);
    connect(m_insecure, &QCheckBox::toggled, this, [this](bool on) {
        m_insecureWarning->setVisible(on);
        m_caFile->setEnabled(!on);
    });
    connect(m_platform, &QLineEdit::textEdited, this, [this](const QString &text) {
        // Suggest a session name from the host until the user types one.
        if (!m_session->isModified())
            m_session->setText(QUrl::fromUserInput(text).host().section(QLatin1Char('.'), 0, 0));
    });
    updateMode();
}

// Username and password, or an API token (one page each).
QWidget *LoginDialog::buildCredentials()
{
    m_credentials = new QStackedWidget(this);
    auto *pw = new QWidget(m_credentials);
    auto *pwForm = new QFormLayout(pw);
    pwForm->setContentsMargins(0, 0, 0, 0);
    m_username = lineEdit(pw, "username");
    m_password = lineEdit(pw, "password");
    m_password->setEchoMode(QLineEdit::Password);
    pwForm->addRow(tr("Username:"), m_username);
    pwForm->addRow(tr("Password:"), m_password);
    auto *tk = new QWidget(m_credentials);
    auto *tkForm = new QFormLayout(tk);
    tkForm->setContentsMargins(0, 0, 0, 0);
    m_token = lineEdit(tk, "apiToken");
    m_token->setEchoMode(QLineEdit::Password);
    tkForm->addRow(tr("API token:"), m_token);
    m_credentials->addWidget(pw);
    m_credentials->addWidget(tk);
    return m_credentials;
}

// The CA file (with a browse button) and "skip TLS verification".
void LoginDialog::addTlsRows(QFormLayout *form)
{
    auto *caRow = new QHBoxLayout;
    m_caFile = lineEdit(this, "caFile", tr("system certificate authorities"));
    auto *browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Certificate authority (PEM)"));
        if (!f.isEmpty())
            m_caFile->setText(f);
    });
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(tr("CA file:"), caRow);
    m_insecure = new QCheckBox(tr("Skip TLS verification"), this);
    m_insecure->setObjectName(QStringLiteral("insecure"));
    form->addRow(QString(), m_insecure);
}

void LoginDialog::setPlatform(const QString &url)
{
    m_platform->setText(url);
}

void LoginDialog::setSessionName(const QString &name)
{
    m_session->setText(name);
    m_session->setModified(true);
}

void LoginDialog::updateMode()
{
    m_credentials->setCurrentIndex(m_usePassword->isChecked() ? 0 : 1);
}

QString LoginDialog::validate() const
{
    const QUrl url(m_platform->text().trimmed());
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return tr("Enter the platform's address, e.g. https://platform.example.com");
    if (!api::AcpSessions::isValidSessionName(m_session->text().trimmed()))
        return tr("Enter a session name without ':' or '/'");
    if (m_usePassword->isChecked() && (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty()))
        return tr("Enter the username and the password");
    if (m_useToken->isChecked() && m_token->text().trimmed().isEmpty())
        return tr("Enter the API token");
    return QString();
}

void LoginDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    for (QWidget *w : {static_cast<QWidget *>(m_platform), static_cast<QWidget *>(m_session), static_cast<QWidget *>(m_credentials)})
        w->setEnabled(!busy);
    m_status->setText(busy ? tr("Logging in…") : QString());
}

void LoginDialog::submit()
{
    if (m_busy)
        return;
    if (const QString problem = validate(); !problem.isEmpty())
        return showError(problem);
    api::AcpLoginRequest req;
    req.session = m_session->text().trimmed();
    req.endpoint.url = QUrl(api::AcpSessions::normalisePlatform(m_platform->text().trimmed()));
    req.endpoint.insecureSkipTlsVerify = m_insecure->isChecked();
    if (!req.endpoint.insecureSkipTlsVerify && !m_caFile->text().trimmed().isEmpty()) {
        QFile ca(m_caFile->text().trimmed());
        if (!ca.open(QIODevice::ReadOnly))
            return showError(tr("Cannot read the CA file %1: %2").arg(ca.fileName(), ca.errorString()));
        req.endpoint.caPem = ca.readAll();
    }
    if (m_useToken->isChecked())
        req.token = m_token->text().trimmed();
    else {
        req.username = m_username->text().trimmed();
        req.password = m_password->text();
    }
    showError(QString());
    setBusy(true);
    api::AcpSessionsLogin::login(req, this, [this](api::Result<api::AcpLoginData> r) {
        setBusy(false);
        if (!r)
            return showError(r.error().toString());
        auto loaded = api::Kubeconfig::load(m_load);
        if (!loaded)
            return showError(tr("The kubeconfig cannot be read: %1").arg(loaded.error().toString()));
        api::Kubeconfig &config = loaded.value();
        auto changes = api::AcpSessions::applyLogin(config, *r);
        if (!changes)
            return showError(changes.error().toString());
        auto saved = config.save();
        if (!saved)
            return showError(tr("The kubeconfig cannot be saved: %1").arg(saved.error().toString()));
        m_doneSession = r->session;
        m_doneContext = changes->currentContext;
        m_savedPath = config.defaultFilename();
        Q_EMIT loggedIn(m_doneSession, m_doneContext);
        accept();
    });
}

} // namespace acp::app
