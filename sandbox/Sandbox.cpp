#include "sandbox/Sandbox.h"

#include "api/Yaml.h"
#include "sandbox/Admission.h"
#include "sandbox/AdmissionProjectQuota.h"
#include "sandbox/ChurnGenerator.h"
#include "sandbox/Controllers.h"
#include "sandbox/ProjectMemberBindings.h"
#include "sandbox/KyvernoReports.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/HttpServer.h"
#include "sandbox/KubeApi.h"
#include "sandbox/OpenApiStore.h"
#include "sandbox/PlatformApi.h"
#include "sandbox/Seed.h"
#include "sandbox/SimCluster.h"
#include "sandbox/TlsCertificates.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTimer>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcSandbox, "acp.sandbox")

namespace acp::sandbox {

QString Sandbox::defaultSharedDir()
{
    const QString env = qEnvironmentVariable("ACP_SHARED_DIR");
    if (!env.isEmpty())
        return env;
    // build/bin/<exe> or build/tests/<exe> -> <checkout>/../shared; else the nearest ancestor
    // folder that has a shared/DESIGN.md beside it.
    const QString app = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QDir::currentPath();
    const QString beside = QDir::cleanPath(app + QStringLiteral("/../../../shared"));
    if (QFileInfo::exists(beside))
        return beside;
    for (QDir dir(app); !dir.isRoot(); dir.cdUp())
        if (QFileInfo::exists(dir.filePath(QStringLiteral("shared/DESIGN.md"))))
            return dir.filePath(QStringLiteral("shared"));
    return beside;
}

Sandbox::Sandbox(SandboxOptions options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    if (m_options.sharedDir.isEmpty())
        m_options.sharedDir = defaultSharedDir();
    if (m_options.openApiDirs.isEmpty()) {
        m_options.openApiDirs << m_options.sharedDir + QStringLiteral("/testdata/openapi/kubectl-validate/pkg/openapiclient/builtins/1.35")
                              << m_options.sharedDir + QStringLiteral("/reference/acp/openapi");
    }
    m_server = new HttpServer(this);
    m_faults = new FaultInjector(this);
    m_openApi = std::make_unique<OpenApiStore>(m_options.openApiDirs);
}

Sandbox::~Sandbox()
{
    // QObject would delete the children in creation order: the clusters before the watch streams
    // (children of the KubeApis and of PlatformApi, or of WebSockets) and the controllers that
    // unregister their store watchers when destroyed. Tear down users of the clusters first.
    delete m_churn;
    m_churn = nullptr;
    delete m_server;       // connections: HTTP watch streams see their clients leave
    m_server = nullptr;
    delete m_kyvernoReports;
    m_kyvernoReports = nullptr;
    delete m_controllers;
    m_controllers = nullptr;
    delete m_memberBindings;
    m_memberBindings = nullptr;
    delete m_platform;
    m_platform = nullptr;
    qDeleteAll(m_apis);    // the remaining (WebSocket) watch streams
    m_apis.clear();
}

QString Sandbox::address() const
{
    return QStringLiteral("%1://127.0.0.1:%2").arg(m_server->isTls() ? QStringLiteral("https") : QStringLiteral("http")).arg(port());
}

quint16 Sandbox::port() const { return m_server->port(); }

SimCluster *Sandbox::addCluster(const QString &name)
{
    if (auto *existing = m_clusters.value(name))
        return existing;
    auto *cluster = new SimCluster(name, this);
    cluster->store().setHistoryWindow(m_options.watchWindow);
    Admission::install(*cluster);
    if (name == QLatin1String("global"))
        installProjectQuotaAdmission(*this, *cluster);
    m_clusters.insert(name, cluster);
    m_clusterList << cluster;
    ServeContext ctx;
    ctx.prefix = QStringLiteral("/kubernetes/") + name;
    ctx.clusterName = name;
    ctx.openApi = m_openApi.get();
    ctx.faults = m_faults;
    ctx.bookmarkIntervalMs = m_options.bookmarkIntervalMs;
    m_apis.insert(name, new KubeApi(cluster, ctx, this));
    return cluster;
}

bool Sandbox::setupTls(QString *error)
{
    auto certs = TlsCertificates::generate(QStringLiteral("acp-sandbox"), {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")});
    if (!certs) {
        *error = certs.error().message;
        return false;
    }
    m_caPem = certs->caPem;
    m_server->setTls(certs->serverConfiguration());
    return true;
}

bool Sandbox::start(QString *error)
{
    if (!m_options.usersFile.isEmpty()) {
        auto loaded = m_users.loadFile(m_options.usersFile);
        if (!loaded) {
            *error = loaded.error().toString();
            return false;
        }
    }
    if (m_options.tls && !setupTls(error))
        return false;

    bool restored = false;
    if (!m_options.stateFile.isEmpty() && QFile::exists(m_options.stateFile)) {
        QFile f(m_options.stateFile);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(m_options.stateFile, f.errorString());
            return false;
        }
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &perr);
        if (perr.error != QJsonParseError::NoError) {
            *error = QStringLiteral("%1: offset %2: %3").arg(m_options.stateFile).arg(perr.offset).arg(perr.errorString());
            return false;
        }
        if (!restore(doc.object(), error))
            return false;
        restored = true;
    }
    if (!restored) {
        addCluster(QStringLiteral("global"));
        for (int i = 1; i <= m_options.workloadClusters; ++i)
            addCluster(QStringLiteral("business-%1").arg(i));
        Seed::populate(*this);
    }
    m_faults->configure(m_options.faults);
    m_platform = new PlatformApi(this);
    m_server->setHandler([this](const HttpRequest &req, std::shared_ptr<HttpResponder> out) { dispatch(req, std::move(out)); });
    m_server->setWebSocketHandler([this](QWebSocket *ws) { dispatchWebSocket(ws); });
    if (!m_server->listen(QHostAddress::LocalHost, m_options.port)) {
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_options.port).arg(m_server->errorString());
        return false;
    }
    if (m_options.controllers) {
        m_controllers = new Controllers(this);
        m_controllers->start();
        m_memberBindings = new ProjectMemberBindings(m_clusterList, this);
        m_memberBindings->start();
        m_kyvernoReports = new KyvernoReports(m_clusterList, this);
        m_kyvernoReports->start();
    }
    m_churn = new ChurnGenerator(m_clusterList, this);
    m_churn->start(m_options.churnEventsPerSecond, m_options.churnSeed);
    if (!m_options.kubeconfigOut.isEmpty() && !writeKubeconfig(m_options.kubeconfigOut, error))
        return false;
    if (!m_options.stateFile.isEmpty()) {
        // Persist periodically and on exit; a restart loses nothing written before the last save.
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] {
            QString err;
            if (!saveState(&err))
                qCWarning(lcSandbox) << "state file:" << err;
        });
        timer->start(2000);
    }
    return true;
}

void Sandbox::dispatch(const HttpRequest &req, std::shared_ptr<HttpResponder> out)
{
    const QString &path = req.path;
    static const QString kPrefix = QStringLiteral("/kubernetes/");
    if (path == QLatin1String("/healthz") || path == QLatin1String("/readyz") || path == QLatin1String("/livez")) {
        out->respond(200, "text/plain; charset=utf-8", "ok");
        return;
    }
    if (m_platform && m_platform->handle(req, out))
        return;
    const QByteArray auth = req.header("authorization");
    std::optional<UserInfo> user;
    if (auth.startsWith("Bearer "))
        user = m_users.authenticate(auth.mid(7).trimmed());
    if (path.startsWith(kPrefix)) {
        const qsizetype slash = path.indexOf(QLatin1Char('/'), kPrefix.size());
        const QString name = path.mid(kPrefix.size(), slash < 0 ? -1 : slash - kPrefix.size());
        KubeApi *api = m_apis.value(name);
        if (!api) {
            KubeApi::sendError(out, KubeApi::notFoundPath());
            return;
        }
        if (!user) {
            KubeApi::sendError(out, api::ApiError{401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")});
            return;
        }
        auto serve = [this, api, req, out, u = *user, sub = slash < 0 ? QString() : path.mid(slash)] {
            if (req.method == "GET") {
                if (const int status = m_faults->errorStatusForRead()) {
                    QList<QPair<QByteArray, QByteArray>> headers;
                    api::ApiError e;
                    e.httpStatus = status;
                    if (status == 429) {
                        e.reason = QStringLiteral("TooManyRequests");
                        e.message = QStringLiteral("Too many requests, please try again later.");
                        e.details = QJsonObject{{QStringLiteral("retryAfterSeconds"), m_faults->retryAfterSeconds()}};
                        headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(m_faults->retryAfterSeconds()));
                    } else {
                        e.reason = QStringLiteral("InternalError");
                        e.message = QStringLiteral("Internal error occurred: injected fault");
                    }
                    KubeApi::sendError(out, e, headers);
                    return;
                }
            }
            api->handle(req, out, u, sub);
        };
        const int delay = req.method == "GET" ? m_faults->delayForReadMs() : 0;
        if (delay > 0)
            QTimer::singleShot(delay, this, serve);
        else
            serve();
        return;
    }
    if (path.startsWith(QLatin1String("/sandbox/v1/"))) {
        if (!user) {
            KubeApi::sendError(out, api::ApiError{401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")});
            return;
        }
        serveAdmin(req, out, *user, path);
        return;
    }
    KubeApi::sendError(out, KubeApi::notFoundPath());
}

void Sandbox::dispatchWebSocket(QWebSocket *ws)
{
    ws->setParent(this);
    connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
    const QString path = ws->requestUrl().path();
    static const QString kPrefix = QStringLiteral("/kubernetes/");
    const QByteArray auth = ws->request().rawHeader("Authorization");
    std::optional<UserInfo> user;
    if (auth.startsWith("Bearer "))
        user = m_users.authenticate(auth.mid(7).trimmed());
    if (!user || !path.startsWith(kPrefix)) {
        ws->close(QWebSocketProtocol::CloseCodePolicyViolated, user ? QStringLiteral("not found") : QStringLiteral("Unauthorized"));
        return;
    }
    const qsizetype slash = path.indexOf(QLatin1Char('/'), kPrefix.size());
    KubeApi *api = m_apis.value(path.mid(kPrefix.size(), slash < 0 ? -1 : slash - kPrefix.size()));
    if (!api) {
        ws->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("not found"));
        return;
    }
    // Go clients encode spaces in query values as '+' (form encoding).
    const QUrlQuery query(ws->requestUrl().query(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%20")));
    api->handleWebSocket(ws, *user, slash < 0 ? QString() : path.mid(slash), query);
}

void Sandbox::serveAdmin(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const UserInfo &user, const QString &path)
{
    if (!user.platformAdmin) {
        KubeApi::sendError(out, SimCluster::forbidden(QStringLiteral("forbidden: User \"%1\" cannot use the sandbox admin API").arg(user.name)));
        return;
    }
    if (path == QLatin1String("/sandbox/v1/faults")) {
        if (req.method == "PUT" || req.method == "POST") {
            const QJsonDocument doc = QJsonDocument::fromJson(req.body);
            if (!doc.isObject()) {
                KubeApi::sendError(out, SimCluster::badRequest(QStringLiteral("expected a JSON object")));
                return;
            }
            m_faults->configure(doc.object());
        }
        KubeApi::sendJson(out, 200, QJsonObject{{QStringLiteral("config"), m_faults->config()},
                                                {QStringLiteral("injected"), m_faults->counts()}});
        return;
    }
    if (path == QLatin1String("/sandbox/v1/churn")) {
        if (req.method == "PUT" || req.method == "POST") {
            const QJsonDocument doc = QJsonDocument::fromJson(req.body);
            const auto configured = doc.isObject() ? m_churn->configure(doc.object())
                                                   : api::Result<bool>(SimCluster::badRequest(QStringLiteral("expected a JSON object")));
            if (!configured) {
                KubeApi::sendError(out, configured.error());
                return;
            }
        }
        KubeApi::sendJson(out, 200, m_churn->status());
        return;
    }
    if (path == QLatin1String("/sandbox/v1/faults/drop-watches") && req.method == "POST") {
        const int n = m_faults->dropAllWatches();
        KubeApi::sendJson(out, 200, QJsonObject{{QStringLiteral("dropped"), n}});
        return;
    }
    if (path == QLatin1String("/sandbox/v1/state") && req.method == "POST") {
        QString err;
        if (!saveState(&err)) {
            KubeApi::sendError(out, api::ApiError{500, QStringLiteral("InternalError"), err});
            return;
        }
        KubeApi::sendJson(out, 200, QJsonObject{{QStringLiteral("saved"), m_options.stateFile}});
        return;
    }
    if (path == QLatin1String("/sandbox/v1/info")) {
        QJsonArray clusters;
        for (SimCluster *c : m_clusterList)
            clusters << QJsonObject{{QStringLiteral("name"), c->name()},
                                    {QStringLiteral("resourceVersion"), QString::number(c->store().resourceVersion())},
                                    {QStringLiteral("watchers"), c->store().watcherCount()}};
        KubeApi::sendJson(out, 200, QJsonObject{{QStringLiteral("address"), address()},
                                                {QStringLiteral("clusters"), clusters},
                                                {QStringLiteral("connections"), m_server->openConnections()}});
        return;
    }
    KubeApi::sendError(out, KubeApi::notFoundPath());
}

QByteArray Sandbox::kubeconfig() const
{
    const QString base = m_options.session;
    QJsonArray clusters, users, contexts;
    QString current;
    for (const QString &userName : m_users.userNames()) {
        const auto info = m_users.user(userName);
        const QString session = info && info->platformAdmin && userName == QLatin1String("admin") ? base : base + QLatin1Char('-') + userName;
        const QString userEntry = QStringLiteral("acp:%1:user").arg(session);
        const QJsonObject ext{{QStringLiteral("name"), QStringLiteral("acp.io/v1")},
                              {QStringLiteral("extension"), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("acp.io/v1")},
                                                                        {QStringLiteral("kind"), QStringLiteral("Session")},
                                                                        {QStringLiteral("platform"), address()},
                                                                        {QStringLiteral("session"), session},
                                                                        {QStringLiteral("username"), userName}}}};
        users << QJsonObject{{QStringLiteral("name"), userEntry},
                             {QStringLiteral("user"), QJsonObject{{QStringLiteral("token"), m_users.defaultToken(userName)},
                                                                  {QStringLiteral("extensions"), QJsonArray{ext}}}}};
        for (SimCluster *c : m_clusterList) {
            const QString clusterEntry = QStringLiteral("acp:%1:%2").arg(session, c->name());
            const QString server = address() + QStringLiteral("/kubernetes/") + c->name();
            QJsonObject cluster{{QStringLiteral("server"), server},
                                {QStringLiteral("extensions"), QJsonArray{QJsonObject{
                                     {QStringLiteral("name"), QStringLiteral("acp.io/v1")},
                                     {QStringLiteral("extension"), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("acp.io/v1")},
                                                                               {QStringLiteral("kind"), QStringLiteral("Cluster")},
                                                                               {QStringLiteral("platform"), address()},
                                                                               {QStringLiteral("session"), session},
                                                                               {QStringLiteral("cluster"), c->name()}}}}}}};
            if (!m_caPem.isEmpty())
                cluster.insert(QStringLiteral("certificate-authority-data"), QString::fromLatin1(m_caPem.toBase64()));
            clusters << QJsonObject{{QStringLiteral("name"), clusterEntry}, {QStringLiteral("cluster"), cluster}};
            const QString ctxName = session + QLatin1Char('/') + c->name();
            contexts << QJsonObject{{QStringLiteral("name"), ctxName},
                                    {QStringLiteral("context"), QJsonObject{{QStringLiteral("cluster"), clusterEntry},
                                                                            {QStringLiteral("user"), userEntry}}}};
            if (session == base && current.isEmpty() && c->name() != QLatin1String("global"))
                current = ctxName;
        }
    }
    const QJsonObject config{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                             {QStringLiteral("kind"), QStringLiteral("Config")},
                             {QStringLiteral("preferences"), QJsonObject()},
                             {QStringLiteral("clusters"), clusters},
                             {QStringLiteral("users"), users},
                             {QStringLiteral("contexts"), contexts},
                             {QStringLiteral("current-context"), current}};
    return api::yaml::dump(config);
}

bool Sandbox::writeKubeconfig(const QString &path, QString *error) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);   // holds tokens: 0600
    f.write(kubeconfig());
    if (!f.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QJsonObject Sandbox::snapshot() const
{
    QJsonArray clusters;
    for (SimCluster *c : m_clusterList) {
        QJsonObject objects;
        for (const QString &skey : c->store().storageKeys()) {
            QJsonArray items;
            for (const StoredObject *o : c->store().list(skey))
                items << o->obj;
            if (!items.isEmpty())
                objects.insert(skey, items);
        }
        clusters << QJsonObject{{QStringLiteral("name"), c->name()},
                                {QStringLiteral("version"), c->kubernetesVersion()},
                                {QStringLiteral("resourceVersion"), QString::number(c->store().resourceVersion())},
                                {QStringLiteral("objects"), objects}};
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("AcpSandboxState")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("users"), m_users.toJson()},
                       {QStringLiteral("clusters"), clusters}};
}

bool Sandbox::restore(const QJsonObject &state, QString *error)
{
    if (state.value(QLatin1String("kind")).toString() != QLatin1String("AcpSandboxState")) {
        *error = QStringLiteral("%1: not an acp-sandbox state file").arg(m_options.stateFile);
        return false;
    }
    m_users.loadJson(state.value(QLatin1String("users")).toObject());
    for (const QJsonValue &cv : state.value(QLatin1String("clusters")).toArray()) {
        const QJsonObject co = cv.toObject();
        SimCluster *c = addCluster(co.value(QLatin1String("name")).toString());
        c->setKubernetesVersion(co.value(QLatin1String("version")).toString(c->kubernetesVersion()));
        const QJsonObject objects = co.value(QLatin1String("objects")).toObject();
        // CRDs first so their kinds are registered before their objects.
        const QString crdKey = QStringLiteral("apiextensions.k8s.io/customresourcedefinitions");
        for (const QJsonValue &o : objects.value(crdKey).toArray()) {
            c->store().load(crdKey, o.toObject());
            c->registry().addCrd(o.toObject());
        }
        for (auto it = objects.begin(); it != objects.end(); ++it) {
            if (it.key() == crdKey)
                continue;
            for (const QJsonValue &o : it.value().toArray())
                c->store().load(it.key(), o.toObject());
        }
        c->store().setResourceVersion(co.value(QLatin1String("resourceVersion")).toString().toLongLong());
    }
    return true;
}

bool Sandbox::saveState(QString *error) const
{
    if (m_options.stateFile.isEmpty())
        return true;
    QSaveFile f(m_options.stateFile);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(m_options.stateFile, f.errorString());
        return false;
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(snapshot()).toJson(QJsonDocument::Compact));
    if (!f.commit()) {
        *error = QStringLiteral("%1: %2").arg(m_options.stateFile, f.errorString());
        return false;
    }
    return true;
}

} // namespace acp::sandbox
