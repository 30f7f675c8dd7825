// Exec credential plugins (a fake plugin script) and OIDC refresh (a tiny local issuer).
#include "api/ExecCredentialSource.h"
#include "api/Kubeconfig.h"
#include "api/KubeconfigResolver.h"
#include "api/OidcCredentialSource.h"
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace acp::api;

namespace {

// A plugin that records its environment and prints an ExecCredential.
QString writePlugin(const QTemporaryDir &dir, const QByteArray &body)
{
    const QString path = dir.filePath(QStringLiteral("plugin.sh"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("#!/bin/sh\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$RECORD_DIR/info.json\"\n"
            "echo \"$FOO $*\" >> \"$RECORD_DIR/runs\"\n" + body);
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

QString jwt(qint64 exp)
{
    const QByteArray payload = QJsonDocument(QJsonObject{{QStringLiteral("exp"), double(exp)}}).toJson(QJsonDocument::Compact);
    return QStringLiteral("eyJhbGciOiJub25lIn0.%1.sig").arg(QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
}

// Minimal OIDC issuer: discovery + token endpoint, one request per connection.
class Issuer : public QObject {
public:
    QTcpServer server;
    QByteArray lastTokenBody;
    QString newIdToken;
    int tokenCalls = 0;
    Issuer()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [this, s] { handle(s); });
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/realm").arg(server.serverPort()); }
    void handle(QTcpSocket *s)
    {
        QByteArray req = s->property("buf").toByteArray() + s->readAll();
        s->setProperty("buf", req);
        const int headerEnd = req.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        const int len = QByteArray(req.mid(req.toLower().indexOf("content-length:") + 15).split('\r').first()).trimmed().toInt();
        if (req.startsWith("POST") && req.size() < headerEnd + 4 + len) return;
        QByteArray body;
        if (req.startsWith("GET /realm/.well-known/openid-configuration")) {
            body = QJsonDocument(QJsonObject{{QStringLiteral("issuer"), url()}, {QStringLiteral("token_endpoint"), url() + QStringLiteral("/token")}}).toJson();
        } else if (req.startsWith("POST /realm/token")) {
            ++tokenCalls;
            lastTokenBody = req.mid(headerEnd + 4);
            body = QJsonDocument(QJsonObject{{QStringLiteral("id_token"), newIdToken}, {QStringLiteral("refresh_token"), QStringLiteral("rt-2")},
                                             {QStringLiteral("token_type"), QStringLiteral("Bearer")}}).toJson();
        }
        s->write("HTTP/1.1 " + QByteArray(body.isEmpty() ? "404 Not Found" : "200 OK") + "\r\nContent-Type: application/json\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        s->disconnectFromHost();
    }
};

} // namespace

class TestKubeconfigCredentials : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void execRunsPluginWithInfoAndCaches();
    void execRefreshesAfterExpiry();
    void execErrors();
    void execThroughResolver();
    void oidcRefreshAndPersist();
    void oidcValidTokenAndErrors();
};

void TestKubeconfigCredentials::execRunsPluginWithInfoAndCaches()
{
    QTemporaryDir dir;
    qputenv("RECORD_DIR", dir.path().toUtf8());
    ExecConfig x;
    x.command = writePlugin(dir, "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                                 "\"status\":{\"token\":\"tok-1\",\"expirationTimestamp\":\"2999-01-01T00:00:00Z\"}}'\n");
    x.args = QStringList{QStringLiteral("a1"), QStringLiteral("a2")};
    x.env = {ExecEnvVar{QStringLiteral("FOO"), QStringLiteral("bar")}};
    x.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
    x.interactiveMode = QStringLiteral("Never");
    x.provideClusterInfo = true;
    ExecClusterInfo info{QStringLiteral("https://h:6443"), QStringLiteral("sni"), false, QByteArray("PEM"), QString(), false,
                         QJsonObject{{QStringLiteral("arbitrary"), QStringLiteral("config")}}};
    auto src = ExecCredentialSource::create(x, QStringLiteral("u"), info);
    QVERIFY(src);
    auto c = (*src)->credentials();
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    QCOMPARE(c->bearerToken, QStringLiteral("tok-1"));
    QCOMPARE(c->expiry, QDateTime(QDate(2999, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY((*src)->credentials().ok());
    QCOMPARE((*src)->runCount(), 1); // cached until expiry
    QFile runs(dir.filePath(QStringLiteral("runs")));
    QVERIFY(runs.open(QIODevice::ReadOnly));
    QCOMPARE(runs.readAll(), QByteArray("bar a1 a2\n"));
    QFile infoFile(dir.filePath(QStringLiteral("info.json")));
    QVERIFY(infoFile.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(infoFile.readAll()).object();
    QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("ExecCredential"));
    const QJsonObject spec = o.value(QLatin1String("spec")).toObject();
    QCOMPARE(spec.value(QLatin1String("interactive")).toBool(true), false);
    const QJsonObject cl = spec.value(QLatin1String("cluster")).toObject();
    QCOMPARE(cl.value(QLatin1String("server")).toString(), QStringLiteral("https://h:6443"));
    QCOMPARE(cl.value(QLatin1String("tls-server-name")).toString(), QStringLiteral("sni"));
    QCOMPARE(cl.value(QLatin1String("certificate-authority-data")).toString(), QStringLiteral("UEVN"));
    QCOMPARE(cl.value(QLatin1String("config")).toObject().value(QLatin1String("arbitrary")).toString(), QStringLiteral("config"));
    QVERIFY((*src)->credentials(true).ok()); // a 401 forces a new run
    QCOMPARE((*src)->runCount(), 2);
}

void TestKubeconfigCredentials::execRefreshesAfterExpiry()
{
    QTemporaryDir dir;
    qputenv("RECORD_DIR", dir.path().toUtf8());
    const QByteArray past = QDateTime::currentDateTimeUtc().addSecs(-5).toString(Qt::ISODate).toLatin1();
    ExecConfig x;
    x.command = writePlugin(dir, "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\","
                                 "\"status\":{\"clientCertificateData\":\"CERT\",\"clientKeyData\":\"KEY\",\"expirationTimestamp\":\"" + past + "\"}}'\n");
    x.apiVersion = QStringLiteral("client.authentication.k8s.io/v1beta1");
    x.interactiveMode = QStringLiteral("IfAvailable");
    auto src = ExecCredentialSource::create(x, QStringLiteral("u"), {});
    QVERIFY(src);
    auto c = (*src)->credentials();
    QVERIFY(c);
    QCOMPARE(c->clientCertificatePem, QByteArray("CERT"));
    QCOMPARE(c->clientKeyPem, QByteArray("KEY"));
    QVERIFY((*src)->credentials().ok());
    QCOMPARE((*src)->runCount(), 2); // expired: ran again
    QVERIFY(!QJsonDocument::fromJson((*src)->execInfo()).object().value(QLatin1String("spec")).toObject().contains(QLatin1String("cluster")));
}

void TestKubeconfigCredentials::execErrors()
{
    QTemporaryDir dir;
    qputenv("RECORD_DIR", dir.path().toUtf8());
    ExecConfig x;
    x.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
    x.interactiveMode = QStringLiteral("Never");
    x.command = QStringLiteral("acp-no-such-plugin-xyz");
    x.installHint = QStringLiteral("install it with: apt-get install acp-plugin");
    auto missing = (*ExecCredentialSource::create(x, QStringLiteral("u"), {}))->credentials();
    QVERIFY(!missing);
    QVERIFY(missing.error().message.startsWith(QStringLiteral("getting credentials: exec: executable acp-no-such-plugin-xyz not found\n\n"
                                                              "It looks like you are trying to use a client-go credential plugin that is not installed.")));
    QVERIFY(missing.error().message.endsWith(QStringLiteral("\n\ninstall it with: apt-get install acp-plugin")));

    x.command = writePlugin(dir, "echo 'secret-token-on-stdout'; echo 'plugin says no' >&2; exit 3\n");
    auto failing = (*ExecCredentialSource::create(x, QStringLiteral("u"), {}))->credentials();
    QVERIFY(!failing);
    QVERIFY(failing.error().message.contains(QStringLiteral("failed with exit code 3\nplugin says no")));
    QVERIFY(!failing.error().message.contains(QStringLiteral("secret-token-on-stdout")));

    x.command = writePlugin(dir, "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n");
    auto mismatch = (*ExecCredentialSource::create(x, QStringLiteral("u"), {}))->credentials();
    QVERIFY(!mismatch);
    QVERIFY(mismatch.error().message.contains(QStringLiteral("exec plugin is configured to use API version client.authentication.k8s.io/v1, "
                                                              "plugin returned version client.authentication.k8s.io/v1beta1")));

    x.interactiveMode = QStringLiteral("Always");
    auto always = (*ExecCredentialSource::create(x, QStringLiteral("u"), {}))->credentials();
    QVERIFY(!always);
    QVERIFY(always.error().message.contains(QStringLiteral("standard input is not a terminal")));

    x.apiVersion = QStringLiteral("client.authentication.k8s.io/v1alpha1");
    auto old = ExecCredentialSource::create(x, QStringLiteral("u"), {});
    QVERIFY(!old);
    QVERIFY(old.error().message.contains(QStringLiteral("client.authentication.k8s.io/v1alpha1")));
}

void TestKubeconfigCredentials::execThroughResolver()
{
    QTemporaryDir dir;
    qputenv("RECORD_DIR", dir.path().toUtf8());
    writePlugin(dir, "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"via-resolver\"}}'\n");
    QFile f(dir.filePath(QStringLiteral("config")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("current-context: c\nclusters:\n- name: x\n  cluster:\n    server: https://h\n    extensions:\n"
            "    - {name: client.authentication.k8s.io/exec, extension: {k: v}}\n"
            "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never,"
            " provideClusterInfo: true}\ncontexts:\n- {name: c, context: {cluster: x, user: u}}\n");
    f.close();
    KubeconfigLoadOptions o;
    o.explicitPath = f.fileName();
    auto k = Kubeconfig::load(o);
    QVERIFY(k);
    auto rc = KubeconfigResolver::resolve(*k); // "./plugin.sh" resolved against the kubeconfig's directory
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QVERIFY(rc->credentialSource);
    auto c = rc->credentials();
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    QCOMPARE(c->bearerToken, QStringLiteral("via-resolver"));
    auto rc2 = KubeconfigResolver::resolve(*k);
    QCOMPARE(rc2->credentialSource.get(), rc->credentialSource.get()); // shared cache per identical config
}

void TestKubeconfigCredentials::oidcRefreshAndPersist()
{
    Issuer issuer;
    issuer.newIdToken = jwt(QDateTime::currentSecsSinceEpoch() + 3600);
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("config")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("# keep me\ncurrent-context: c\nclusters:\n- {name: x, cluster: {server: 'https://h'}}\nusers:\n- name: u\n  user:\n"
                           "    auth-provider:\n      name: oidc\n      config:\n        client-id: cid\n        client-secret: cs\n"
                           "        id-token: %1\n        refresh-token: rt-1\n        idp-issuer-url: %2\n"
                           "contexts:\n- {name: c, context: {cluster: x, user: u}}\n")
                .arg(jwt(QDateTime::currentSecsSinceEpoch() - 60), issuer.url()).toUtf8());
    f.close();
    KubeconfigLoadOptions o;
    o.explicitPath = f.fileName();
    auto k = Kubeconfig::load(o);
    QVERIFY(k);
    auto rc = KubeconfigResolver::resolve(*k, {}, KubeconfigResolver::kubeconfigPersister(o));
    QVERIFY(rc);
    auto c = rc->credentials();
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    QCOMPARE(c->bearerToken, issuer.newIdToken);
    QCOMPARE(issuer.tokenCalls, 1);
    QVERIFY(issuer.lastTokenBody.contains("grant_type=refresh_token"));
    QVERIFY(issuer.lastTokenBody.contains("refresh_token=rt-1"));
    QVERIFY(issuer.lastTokenBody.contains("client_id=cid"));
    QVERIFY(issuer.lastTokenBody.contains("client_secret=cs"));
    QVERIFY(rc->credentials().ok()); // still valid: no second refresh
    QCOMPARE(issuer.tokenCalls, 1);
    auto reloaded = Kubeconfig::load(o); // persisted like kubectl does
    QVERIFY(reloaded);
    const auto cfg = reloaded->users().value(QStringLiteral("u")).value.authProvider->config;
    QCOMPARE(cfg.value(QStringLiteral("id-token")), issuer.newIdToken);
    QCOMPARE(cfg.value(QStringLiteral("refresh-token")), QStringLiteral("rt-2"));
    QCOMPARE(cfg.value(QStringLiteral("client-secret")), QStringLiteral("cs"));
    QFile saved(f.fileName());
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().startsWith("# keep me\n"));
}

void TestKubeconfigCredentials::oidcValidTokenAndErrors()
{
    const QString valid = jwt(QDateTime::currentSecsSinceEpoch() + 600);
    QMap<QString, QString> cfg{{QStringLiteral("client-id"), QStringLiteral("cid")}, {QStringLiteral("idp-issuer-url"), QStringLiteral("http://127.0.0.1:1")},
                               {QStringLiteral("id-token"), valid}};
    auto src = OidcCredentialSource::create(QStringLiteral("u"), cfg);
    QVERIFY(src);
    QCOMPARE((*src)->credentials()->bearerToken, valid);
    QCOMPARE(OidcCredentialSource::jwtExpiry(valid).toSecsSinceEpoch(), QDateTime::currentSecsSinceEpoch() + 600);
    cfg.insert(QStringLiteral("id-token"), jwt(QDateTime::currentSecsSinceEpoch() - 1));
    auto expired = (*OidcCredentialSource::create(QStringLiteral("u"), cfg))->credentials();
    QVERIFY(!expired);
    QCOMPARE(expired.error().message, QStringLiteral("No valid id-token, and cannot refresh without refresh-token"));
    cfg.remove(QStringLiteral("client-id"));
    QCOMPARE(OidcCredentialSource::create(QStringLiteral("u"), cfg).error().message, QStringLiteral("Must provide client-id"));
}

QTEST_GUILESS_MAIN(TestKubeconfigCredentials)
#include "tst_kubeconfig_credentials.moc"
