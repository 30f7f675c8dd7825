#pragma once
// Sandbox: the acp-sandbox process in one object. A gateway on 127.0.0.1 fronting several
// simulated clusters the way an ACP platform does:
//   /kubernetes/<cluster>/...   each cluster's Kubernetes API (KubeApi)
//   /auth/v1/..., /console-platform/..., /dex/...   platform endpoints and login (PlatformApi)
//   /sandbox/v1/...             admin-only controls: faults, churn, state snapshot
// Also writes an `ac`-compatible kubeconfig and persists its state to a file on request.
// Single-threaded: everything runs on the thread that owns it.
#include "sandbox/UserDirectory.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <memory>

class QWebSocket;

namespace acp::sandbox {

class HttpServer;
struct HttpRequest;
class HttpResponder;
class KubeApi;
class SimCluster;
class FaultInjector;
class OpenApiStore;
class PlatformApi;
class Controllers;
class ProjectMemberBindings;
class ChurnGenerator;
class KyvernoReports;

struct SandboxOptions {
    quint16 port = 0;                   // 0 = ephemeral
    bool tls = false;
    QString session = QStringLiteral("sandbox");   // ac session name used in the kubeconfig
    QString kubeconfigOut;              // written after start when set
    QString stateFile;                  // loaded at start if present, saved on change/exit
    QString usersFile;                  // optional users config
    QStringList openApiDirs;            // OpenAPI v3 spec folders (default: ../shared ones)
    QString sharedDir;                  // ../shared (reference CRDs, RoleTemplates); may be absent
    int workloadClusters = 3;           // besides `global`
    int podsPerCluster = 0;             // 0 = the realistic demo seed; >0 = scale mode
    int bookmarkIntervalMs = 5000;
    int watchWindow = 20000;            // events kept per cluster for watch resumption
    bool controllers = true;            // simulated controllers (pods, heartbeats, events, project member bindings)
    QJsonObject faults;                 // FaultInjector::configure()
    double churnEventsPerSecond = 0;    // > 0: ChurnGenerator modifies pods at this rate from start
    quint32 churnSeed = 1;
};

class Sandbox : public QObject {
    Q_OBJECT
public:
    explicit Sandbox(SandboxOptions options, QObject *parent = nullptr);
    ~Sandbox() override;

    bool start(QString *error);
    // ../shared beside the checkout (from the executable's location) or $ACP_SHARED_DIR.
    static QString defaultSharedDir();
    QString address() const;            // "http://127.0.0.1:PORT" or https
    quint16 port() const;
    const SandboxOptions &options() const { return m_options; }

    QList<SimCluster *> clusters() const { return m_clusterList; }
    SimCluster *cluster(const QString &name) const { return m_clusters.value(name); }
    SimCluster *addCluster(const QString &name);
    UserDirectory &users() { return m_users; }
    FaultInjector *faults() const { return m_faults; }
    ChurnGenerator *churn() const { return m_churn; }   // after start()
    OpenApiStore *openApi() const { return m_openApi.get(); }
    HttpServer *server() const { return m_server; }
    QByteArray caCertificatePem() const { return m_caPem; }

    // `ac`-compatible kubeconfig: for each user a session (admin: `<session>`, others:
    // `<session>-<user>`), one context per cluster; current-context admin on a workload cluster.
    QByteArray kubeconfig() const;
    bool writeKubeconfig(const QString &path, QString *error) const;

    QJsonObject snapshot() const;        // every cluster's objects, users and tokens
    bool restore(const QJsonObject &state, QString *error);
    bool saveState(QString *error) const;

private:
    void dispatch(const HttpRequest &req, std::shared_ptr<HttpResponder> out);
    void dispatchWebSocket(QWebSocket *ws);
    void serveAdmin(const HttpRequest &req, const std::shared_ptr<HttpResponder> &out, const UserInfo &user, const QString &path);
    bool setupTls(QString *error);

    SandboxOptions m_options;
    HttpServer *m_server = nullptr;
    UserDirectory m_users;
    FaultInjector *m_faults = nullptr;
    std::unique_ptr<OpenApiStore> m_openApi;
    PlatformApi *m_platform = nullptr;
    Controllers *m_controllers = nullptr;
    ProjectMemberBindings *m_memberBindings = nullptr;   // project roles -> RoleBindings (with the controllers)
    ChurnGenerator *m_churn = nullptr;
    KyvernoReports *m_kyvernoReports = nullptr;   // background scan (with the controllers)
    QHash<QString, SimCluster *> m_clusters;
    QList<SimCluster *> m_clusterList;
    QHash<QString, KubeApi *> m_apis;
    QByteArray m_caPem;
};

} // namespace acp::sandbox
