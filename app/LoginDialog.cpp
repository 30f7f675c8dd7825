#include "app/LoginDialog.h"

#include "api/AcpSessions.h"
#include "api/AcpSessionsLogin.h"
#include "app/SsoLogin.h"
#include "views/common/StatusStyle.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
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
    m_useSso = new QRadioButton(tr("Single sign-on (SSO)"), this);
    m_useSso->setObjectName(QStringLiteral("modeSso"));
    m_usePassword->setChecked(true);
    modes->addWidget(m_usePassword);
    modes->addWidget(m_useToken);
    modes->addWidget(m_useSso);
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
    connect(m_useSso, &QRadioButton::toggled, this, &LoginDialog::updateMode);
    connect(m_insecure, &QCheckBox::toggled, this, [this](bool on) {
        m_insecureWarning->setVisible(on);
        m_caFile->setEnabled(!on);
        refreshConnectors();
    });
    connect(m_platform, &QLineEdit::editingFinished, this, &LoginDialog::refreshConnectors);
    connect(m_caFile, &QLineEdit::editingFinished, this, &LoginDialog::refreshConnectors);
    connect(m_platform, &QLineEdit::textEdited, this, [this](const QString &text) {
        // Suggest a session name from the host until the user types one.
        if (!m_session->isModified())
            m_session->setText(QUrl::fromUserInput(text).host().section(QLatin1Char('.'), 0, 0));
    });
    updateMode();
}

LoginDialog::~LoginDialog()
{
    // Focus moves while the children go away: editingFinished must not start a connector lookup.
    for (QObject *o : std::initializer_list<QObject *>{m_platform, m_caFile, m_insecure})
        o->disconnect(this);
}

// Username and password, an API token, or single sign-on (one page each).
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
    m_credentials->addWidget(buildSsoPage(m_credentials));
    return m_credentials;
}

// Single sign-on: the connector (when the platform lists several external ones) and a hint.
QWidget *LoginDialog::buildSsoPage(QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    m_connector = new QComboBox(page);
    m_connector->setObjectName(QStringLiteral("ssoConnector"));
    form->addRow(tr("Identity provider:"), m_connector);
    form->setRowVisible(m_connector, false);
    m_ssoHint = new QLabel(tr("You sign in with your organisation's identity provider in a browser window; "
                              "the console receives the platform's token directly."), page);
    m_ssoHint->setObjectName(QStringLiteral("ssoHint"));
    m_ssoHint->setWordWrap(true);
    m_ssoHint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // The stacked pages do not pass height-for-width on: room for three wrapped lines.
    m_ssoHint->setMinimumHeight(3 * m_ssoHint->fontMetrics().lineSpacing());
    form->addRow(m_ssoHint);
    return page;
}

// The platform's external connectors (GET /dex/api/v1/connectors), fetched when SSO is chosen and
// again when the platform or its TLS settings change. Failures only change the hint: the
// platform's own login page lists the connectors too.
void LoginDialog::refreshConnectors()
{
    api::PlatformEndpoint endpoint;
    if (!m_useSso->isChecked() || !readEndpoint(&endpoint).isEmpty())
        return;
    const QString key = endpoint.url.toString() + QString::number(endpoint.insecureSkipTlsVerify) + QString::fromLatin1(endpoint.caPem);
    if (key == m_connectorsFor)
        return;
    m_connectorsFor = key;
    auto *client = new api::PlatformClient(endpoint, this);
    client->listConnectors(client, [this, client, key](api::Result<QList<api::PlatformConnector>> r) {
        client->deleteLater();
        if (key != m_connectorsFor)
            return;
        m_connector->clear();
        auto *form = static_cast<QFormLayout *>(m_connector->parentWidget()->layout());
        if (!r) {
            m_connectorsFor.clear();
            form->setRowVisible(m_connector, false);
            m_ssoHint->setText(tr("The platform's identity providers could not be listed (%1); its login page will offer them.")
                                   .arg(r.error().message));
            return;
        }
        for (const api::PlatformConnector &c : *r)
            if (c.isExternal())
                m_connector->addItem(c.name.isEmpty() ? c.id : QStringLiteral("%1 (%2)").arg(c.name, c.id), c.id);
        form->setRowVisible(m_connector, m_connector->count() > 1);
        if (m_connector->count() == 0)
            m_ssoHint->setText(tr("The platform lists no external identity provider: its login page offers the local login."));
        else if (m_connector->count() == 1)
            m_ssoHint->setText(tr("You sign in with %1 in a browser window; the console receives the platform's token directly.")
                                   .arg(m_connector->itemText(0)));
        else
            m_ssoHint->setText(tr("You sign in with the chosen identity provider in a browser window; "
                                  "the console receives the platform's token directly."));
    });
}

SsoBrowser *LoginDialog::ssoBrowser() const
{
    return m_sso ? m_sso->browser() : nullptr;
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
    m_credentials->setCurrentIndex(m_usePassword->isChecked() ? 0 : m_useToken->isChecked() ? 1 : 2);
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_useSso->isChecked() ? tr("Sign in with SSO…") : tr("Log in"));
    refreshConnectors();
}

QString LoginDialog::readEndpoint(api::PlatformEndpoint *endpoint) const
{
    const QUrl url(m_platform->text().trimmed());
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return tr("Enter the platform's address, e.g. https://platform.example.com");
    endpoint->url = QUrl(api::AcpSessions::normalisePlatform(m_platform->text().trimmed()));
    endpoint->insecureSkipTlsVerify = m_insecure->isChecked();
    if (!endpoint->insecureSkipTlsVerify && !m_caFile->text().trimmed().isEmpty()) {
        QFile ca(m_caFile->text().trimmed());
        if (!ca.open(QIODevice::ReadOnly))
            return tr("Cannot read the CA file %1: %2").arg(ca.fileName(), ca.errorString());
        endpoint->caPem = ca.readAll();
    }
    return QString();
}

QString LoginDialog::validate() const
{
    api::PlatformEndpoint endpoint;
    if (const QString problem = readEndpoint(&endpoint); !problem.isEmpty())
        return problem;
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
    // Grow (never shrink) to fit a long, wrapped message: dialogs do not follow height-for-width.
    if (isVisible() && layout()) {
        layout()->activate();
        const int wanted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
        if (wanted > height())
            resize(width(), wanted);
    }
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_platform, m_session, m_credentials, m_usePassword, m_useToken, m_useSso,
                                                       m_caFile, m_insecure})
        w->setEnabled(!busy);
    if (!busy)
        m_caFile->setEnabled(!m_insecure->isChecked());
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
    if (const QString problem = readEndpoint(&req.endpoint); !problem.isEmpty())
        return showError(problem);
    showError(QString());
    setBusy(true);
    if (m_useSso->isChecked())
        return startSso(req);
    if (m_useToken->isChecked())
        req.token = m_token->text().trimmed();
    else {
        req.username = m_username->text().trimmed();
        req.password = m_password->text();
    }
    finishLogin(req);
}

// Single sign-on in the SSO browser; its token then goes the API token's way (verified, the
// user's clusters listed) into the same session write.
void LoginDialog::startSso(const api::AcpLoginRequest &request)
{
    delete m_sso;
    m_sso = new SsoLogin(request.endpoint, this, this);
    m_status->setText(tr("Signing in with SSO in the browser window…"));
    m_sso->start(m_connector->currentData().toString(), [this, request](api::Result<api::PlatformToken> token) {
        m_sso->deleteLater();
        m_sso = nullptr;
        if (!token) {
            setBusy(false);
            if (token.error().reason == QLatin1String(SsoLogin::kCancelled))
                return m_status->setText(token.error().message);
            return showError(token.error().toString());
        }
        api::AcpLoginRequest req = request;
        req.token = token->accessToken;
        m_status->setText(tr("Logging in…"));
        finishLogin(req);
    });
}

void LoginDialog::finishLogin(const api::AcpLoginRequest &req)
{
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
