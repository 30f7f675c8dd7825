// The SSO browser module cannot be loaded ($ACP_SSO_MODULE names a missing file, then a file that
// is no SSO module): SsoModule says why, and the login dialog shows that in its error line, stays
// usable, and has loaded nothing of QtWebEngine. No platform is contacted (the module comes first).
#include "app/LoginDialog.h"
#include "app/SsoModule.h"

#include <QFile>
#include <QLabel>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace acp;

class TestSsoModule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void missingModuleIsAnErrorInTheDialog()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("libacp_sso.so"));
        qputenv("ACP_SSO_MODULE", missing.toLocal8Bit());
        QCOMPARE(app::SsoModule::candidates(), QStringList{missing});
        QString error;
        QVERIFY(!app::SsoModule::createFunction(&error));
        QVERIFY2(error.contains(QStringLiteral("could not be loaded")) && error.contains(missing), qPrintable(error));

        // A file that is no SSO module.
        QFile junk(missing);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a library");
        junk.close();
        QVERIFY(!app::SsoModule::createFunction(&error));
        QVERIFY2(error.contains(QStringLiteral("could not be loaded")), qPrintable(error));

        api::KubeconfigLoadOptions load;
        load.explicitPath = dir.filePath(QStringLiteral("kubeconfig"));
        load.kubeconfigEnv = QString();
        app::LoginDialog dialog(load);
        dialog.setPlatform(QStringLiteral("https://127.0.0.1:9"));
        dialog.setSessionName(QStringLiteral("sso"));
        dialog.show();
        dialog.ssoMode()->setChecked(true);
        dialog.submit();
        QTRY_VERIFY(!dialog.isBusy());
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("SSO browser module")), qPrintable(dialog.errorLabel()->text()));
        QVERIFY(!dialog.ssoBrowser());
        QVERIFY(dialog.grab().save(QStringLiteral("/tmp/shot-sso-no-module.png")));
        QVERIFY(dialog.ssoMode()->isEnabled());
        QVERIFY(!app::SsoModule::isLoaded());
        QVERIFY(!QFile::exists(load.explicitPath));
    }
};

QTEST_MAIN(TestSsoModule)
#include "tst_ssomodule.moc"
