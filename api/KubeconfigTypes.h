#pragma once
// The typed fields of a kubeconfig (clientcmd v1: clusters, users, contexts, preferences,
// extensions), as kubectl decodes them. Value types, any thread.
//
// Every entry also keeps the JSON it was read from (`raw`), so fields this model does not know
// survive a save. Decoding and encoding live in KubeconfigCodec.
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::api {

// Extensions by name (a v1 NamedExtension list). kubectl keeps them in a map, so they come
// out sorted by name; the value is the extension object as written.
using KubeExtensions = QMap<QString, QJsonValue>;

struct ExecEnvVar {
    QString name;
    QString value;
};

// users[].user.exec
struct ExecConfig {
    QString command;
    QStringList args;
    QList<ExecEnvVar> env;
    QString apiVersion;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; // Never | IfAvailable | Always; v1beta1 defaults to IfAvailable
};

// users[].user.auth-provider
struct AuthProviderConfig {
    QString name;
    QMap<QString, QString> config;
};

// clusters[].cluster
struct KubeCluster {
    QString server;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QString certificateAuthority;
    QByteArray certificateAuthorityData; // decoded bytes (PEM)
    QString proxyUrl;
    bool disableCompression = false;
    KubeExtensions extensions;

    bool isEmpty() const
    {
        return server.isEmpty() && tlsServerName.isEmpty() && !insecureSkipTlsVerify
            && certificateAuthority.isEmpty() && certificateAuthorityData.isEmpty()
            && proxyUrl.isEmpty() && !disableCompression && extensions.isEmpty();
    }
};

// users[].user
struct KubeAuthInfo {
    QString clientCertificate;
    QByteArray clientCertificateData; // decoded bytes (PEM)
    QString clientKey;
    QByteArray clientKeyData;         // decoded bytes (PEM)
    QString token;
    QString tokenFile;
    QString impersonate;              // as
    QString impersonateUid;           // as-uid
    QStringList impersonateGroups;    // as-groups
    QMap<QString, QStringList> impersonateUserExtra; // as-user-extra
    QString username;
    QString password;
    std::optional<AuthProviderConfig> authProvider;
    std::optional<ExecConfig> exec;
    KubeExtensions extensions;
};

// contexts[].context
struct KubeContext {
    QString cluster;
    QString user;
    QString namespaceName;
    KubeExtensions extensions;
};

struct KubePreferences {
    bool colors = false;
    KubeExtensions extensions;
};

// One named entry as loaded: typed value, the JSON it came from (unknown fields included),
// the file that defines it (kubectl's LocationOfOrigin) and its line there (0 = unknown).
template <typename T>
struct KubeEntry {
    QString name;
    T value;
    QJsonObject raw;  // the entry's inner object ("cluster", "user" or "context"), as written
    QString origin;   // absolute path of the defining file; empty for entries not yet saved
    int line = 0;
};

using ClusterEntry = KubeEntry<KubeCluster>;
using AuthInfoEntry = KubeEntry<KubeAuthInfo>;
using ContextEntry = KubeEntry<KubeContext>;

} // namespace acp::api
