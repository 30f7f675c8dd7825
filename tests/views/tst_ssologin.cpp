// Single sign-on from the login dialog against a fresh acp-sandbox (--tls): the SSO mode lists the
// platform's external connector, nothing of QtWebEngine is loaded until the user starts the SSO
// login, the module's browser shows the sandbox IdP's form (TLS checked with the platform's CA
// file), a wrong password shows the IdP's error in the page and the dialog stays usable, the
// right one writes a session whose token works; closing the browser or the IdP's Cancel leaves no
// session (that one with "Skip TLS verification": the browser accepts the sandbox's certificate). The module is found the way acp-console finds it (SsoModule, bin/ of the build tree).
#include "api/AcpSessions.h"
#include "api/Kubeconfig.h"
#include "app/LoginDialog.h"
#include "app/SsoBrowser.h"
#include "app/SsoModule.h"
#include "tests/common/SandboxProcess.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace acp;

namespace {

constexpr int kPageTimeout = 90000;   // WebEngine's first start on a loaded 2-core CI machine

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

bool webEngineMapped()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("WebEngine");
}

// Runs a script in the SSO browser's page and waits for its value.
QVariant js(app::SsoBrowser *browser, const QString &script)
{
    auto result = std::make_shared<std::optional<QVariant>>();
    browser->runJavaScript(script, [result](const QVariant &v) { *result = v; });
    if (!QTest::qWaitFor([result] { return result->has_value(); }, 5000))
        return QVariant();
    return **result;
}

// The text of an element of the browser's page; the dialog's error when the browser has closed.
QString pageText(app::LoginDialog *dialog, const char *id)
{
    app::SsoBrowser *browser = dialog->ssoBrowser();
    if (!browser)
        return QStringLiteral("(browser closed: %1)").arg(dialog->errorLabel()->text());
    return js(browser, QStringLiteral("(function(){var e=document.getElementById('%1');return e?e.textContent:'';})()")
                           .arg(QLatin1String(id))).toString();
}

bool formShown(app::SsoBrowser *browser)
{
    return !browser->isLoading()
        && js(browser, QStringLiteral("document.readyState==='complete' && !!document.getElementById('password')")).toBool();
}

// Waits until the dialog's SSO browser shows the IdP's form; false (fast) when the login failed.
bool waitForForm(app::LoginDialog *dialog)
{
    return QTest::qWaitFor([dialog] {
        if (dialog->errorLabel()->isVisible() || !dialog->ssoBrowser())
            return true;
        return formShown(dialog->ssoBrowser());
    }, kPageTimeout) && dialog->ssoBrowser() && !dialog->errorLabel()->isVisible();
}

void fillAndSubmit(app::SsoBrowser *browser, const QString &user, const QString &password, const char *button = "submit")
{
    const QString script = QStringLiteral("document.getElementById('username').value=%1;document.getElementById('password').value=%2;"
                                          "document.getElementById('%3').click();true")
                               .arg(QString::fromUtf8(QJsonDocument(QJsonArray{user}).toJson(QJsonDocument::Compact)).mid(1).chopped(1),
                                    QString::fromUtf8(QJsonDocument(QJsonArray{password}).toJson(QJsonDocument::Compact)).mid(1).chopped(1),
                                    QLatin1String(button));
    js(browser, script);
}

} // namespace

class TestSsoLogin : public QObject {
    Q_OBJECT
public:
    // As acp-console's main() does (SsoModule::prepareProcess).
    static void initMain() { app::SsoModule::prepareProcess(); }

private Q_SLOTS:
    void initTestCase();
    void ssoModeListsTheExternalConnector();
    void ssoLogsInThroughTheIdp();
    void closingTheBrowserOrIdpCancelLeavesNoSession();

private:
    app::LoginDialog *newDialog(const QString &session, bool insecure = false);
    app::SsoBrowser *startSso(app::LoginDialog *dialog);
    QJsonObject getAsUser(const QString &path, const QString &token, int *status);

    test::SandboxProcess m_sandbox;
    api::KubeconfigLoadOptions m_load;
    QString m_kubeconfig, m_caFile, m_platform;
    QByteArray m_caPem;
    std::unique_ptr<app::LoginDialog> m_dialog;
};

void TestSsoLogin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    m_kubeconfig = m_sandbox.writableKubeconfig();
    QVERIFY(!m_kubeconfig.isEmpty());
    m_load.explicitPath = m_kubeconfig;
    m_load.kubeconfigEnv = QString();
    auto config = api::Kubeconfig::load(m_load);
    QVERIFY(config);
    m_caPem = config->clusters().value(QStringLiteral("acp:sandbox:global")).value.certificateAuthorityData;
    QVERIFY(!m_caPem.isEmpty());
    m_caFile = m_sandbox.tempPath(QStringLiteral("platform-ca.pem"));
    QFile f(m_caFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_caPem);
    f.close();
    m_platform = m_sandbox.address();
    QVERIFY(m_platform.startsWith(QStringLiteral("https://")));
}

app::LoginDialog *TestSsoLogin::newDialog(const QString &session, bool insecure)
{
    m_dialog = std::make_unique<app::LoginDialog>(m_load);
    m_dialog->setPlatform(m_platform);
    m_dialog->setSessionName(session);
    m_dialog->caFileEdit()->setText(m_caFile);   // TLS checked with the platform's CA, in the browser too
    m_dialog->insecureBox()->setChecked(insecure);   // or not checked at all (any certificate)
    m_dialog->show();
    return m_dialog.get();
}

app::SsoBrowser *TestSsoLogin::startSso(app::LoginDialog *dialog)
{
    dialog->ssoMode()->setChecked(true);
    // The platform's one external connector is known: the browser goes straight to its IdP.
    if (!QTest::qWaitFor([dialog] { return dialog->connectorBox()->count() == 1; }, 20000))
        return nullptr;
    dialog->submit();
    if (!QTest::qWaitFor([dialog] { return dialog->ssoBrowser() || dialog->errorLabel()->isVisible(); }, kPageTimeout))
        return nullptr;
    return dialog->ssoBrowser();
}

QJsonObject TestSsoLogin::getAsUser(const QString &path, const QString &token, int *status)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(m_platform + path));
    req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromData(m_caPem, QSsl::Pem));
    req.setSslConfiguration(ssl);
    QNetworkReply *reply = nam.get(req);
    QEventLoop loop;
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return body;
}

void TestSsoLogin::ssoModeListsTheExternalConnector()
{
    app::LoginDialog *dialog = newDialog(QStringLiteral("sso-connectors"));
    QVERIFY(!dialog->connectorBox()->isVisible());
    dialog->ssoMode()->setChecked(true);
    QVERIFY(!dialog->usernameEdit()->isVisible());
    QVERIFY(!dialog->tokenEdit()->isVisible());
    auto *hint = dialog->findChild<QLabel *>(QStringLiteral("ssoHint"));
    QVERIFY(hint && hint->isVisible());
    // The sandbox lists "local" and one external connector: no choice to make, the hint names it.
    QTRY_VERIFY_WITH_TIMEOUT(hint->text().contains(QStringLiteral("Sandbox SSO")), 20000);
    QCOMPARE(dialog->connectorBox()->count(), 1);
    QCOMPARE(dialog->connectorBox()->currentData().toString(), QStringLiteral("sandbox-sso"));
    QVERIFY(!dialog->connectorBox()->isVisible());
    // Choosing SSO loads nothing of QtWebEngine yet.
    QVERIFY(!app::SsoModule::isLoaded());
    QVERIFY(!webEngineMapped());
    QVERIFY(dialog->grab().save(QStringLiteral("/tmp/shot-sso-login-dialog.png")));
}

void TestSsoLogin::ssoLogsInThroughTheIdp()
{
    app::LoginDialog *dialog = newDialog(QStringLiteral("alice-sso"));
    QSignalSpy loggedIn(dialog, &app::LoginDialog::loggedIn);
    const qint64 rssBefore = rssKiB();
    QElapsedTimer clock;
    clock.start();
    app::SsoBrowser *browser = startSso(dialog);
    QVERIFY2(browser, qPrintable(dialog->errorLabel()->text()));
    QVERIFY(app::SsoModule::isLoaded());
    QVERIFY(webEngineMapped());
    QVERIFY(dialog->isBusy());
    QVERIFY2(waitForForm(dialog), qPrintable(dialog->errorLabel()->text()));
    // For the record (not asserted): what the first SSO browser costs this process.
    qInfo("SSO: IdP form shown %lld ms after Sign in (connectors known); RSS +%lld MiB (console process only)",
          clock.elapsed(), (rssKiB() - rssBefore) / 1024);
    QCOMPARE(browser->url().path(), QStringLiteral("/sandbox-idp/login"));
    QVERIFY(browser->dialog()->isVisible());
    QVERIFY(browser->dialog()->grab().save(QStringLiteral("/tmp/shot-sso-idp-form.png")));

    // A wrong password: the IdP's error in the page, the browser still open, nothing written.
    fillAndSubmit(browser, QStringLiteral("alice"), QStringLiteral("not-her-password"));
    QTRY_COMPARE_WITH_TIMEOUT(pageText(dialog, "error"), QStringLiteral("Invalid username or password."), kPageTimeout);
    QCOMPARE(dialog->ssoBrowser(), browser);
    QVERIFY(dialog->isBusy());
    QCOMPARE(loggedIn.count(), 0);
    QVERIFY(browser->dialog()->grab().save(QStringLiteral("/tmp/shot-sso-idp-error.png")));

    // The right one: the browser closes, the session is written, the dialog accepts.
    QVERIFY2(waitForForm(dialog), qPrintable(dialog->errorLabel()->text()));
    fillAndSubmit(browser, QStringLiteral("alice"), QStringLiteral("alice-password"));
    QTRY_COMPARE_WITH_TIMEOUT(loggedIn.count(), 1, kPageTimeout);
    QVERIFY(!dialog->ssoBrowser());
    QVERIFY(!dialog->errorLabel()->isVisible());
    QCOMPARE(dialog->loggedInSession(), QStringLiteral("alice-sso"));

    auto config = api::Kubeconfig::load(m_load);
    QVERIFY(config);
    const auto session = api::AcpSessions::session(*config, QStringLiteral("alice-sso"));
    QVERIFY(session);
    QCOMPARE(session->username, QStringLiteral("alice"));
    QCOMPARE(session->platform, m_platform);
    QVERIFY(session->clusters.contains(QStringLiteral("business-1")));
    const QString token = config->users().value(session->userEntry).value.token;
    QVERIFY(!token.isEmpty());
    // The token is alice's: the platform answers /auth/v1/users/alice, and kubectl with the new
    // context works as alice.
    int status = 0;
    const QJsonObject me = getAsUser(QStringLiteral("/auth/v1/users/alice"), token, &status);
    QCOMPARE(status, 200);
    QCOMPARE(me.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("alice"));
    if (test::SandboxProcess::hasKubectl()) {
        const auto who = m_sandbox.run(QStringLiteral("kubectl"), {QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--context"),
                                                                   dialog->loggedInContext(), QStringLiteral("auth"), QStringLiteral("whoami"),
                                                                   QStringLiteral("-o"), QStringLiteral("jsonpath={.status.userInfo.username}")});
        QVERIFY2(who.exitCode == 0, qPrintable(who.all()));
        QCOMPARE(who.out.trimmed(), QStringLiteral("alice"));
    }
}

void TestSsoLogin::closingTheBrowserOrIdpCancelLeavesNoSession()
{
    app::LoginDialog *dialog = newDialog(QStringLiteral("cancelled-sso"), true);
    QSignalSpy loggedIn(dialog, &app::LoginDialog::loggedIn);
    app::SsoBrowser *browser = startSso(dialog);
    QVERIFY2(browser, qPrintable(dialog->errorLabel()->text()));
    QVERIFY2(waitForForm(dialog), qPrintable(dialog->errorLabel()->text()));
    // Closing the browser window cancels: not busy, no error, the dialog usable again.
    browser->dialog()->reject();
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY(!dialog->ssoBrowser());
    QVERIFY(!dialog->errorLabel()->isVisible());
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("cancelled")), qPrintable(dialog->statusLabel()->text()));
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->ssoMode()->isEnabled());

    // Again, and the IdP's own Cancel: the platform's access_denied in the dialog's error line.
    browser = startSso(dialog);
    QVERIFY2(browser, qPrintable(dialog->errorLabel()->text()));
    QVERIFY2(waitForForm(dialog), qPrintable(dialog->errorLabel()->text()));
    fillAndSubmit(browser, QString(), QString(), "cancel");
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kPageTimeout);
    QVERIFY(dialog->errorLabel()->isVisible());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("access_denied")), qPrintable(dialog->errorLabel()->text()));
    QVERIFY(dialog->grab().save(QStringLiteral("/tmp/shot-sso-login-denied.png")));
    QCOMPARE(loggedIn.count(), 0);
    auto config = api::Kubeconfig::load(m_load);
    QVERIFY(config);
    QVERIFY(!api::AcpSessions::session(*config, QStringLiteral("cancelled-sso")));
}

QTEST_MAIN(TestSsoLogin)
#include "tst_ssologin.moc"
