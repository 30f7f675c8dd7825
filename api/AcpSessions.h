#pragma once
// AcpSessions: ACP sessions in a kubeconfig, shared with `ac` (ACP's CLI) and kubectl.
//
// A session S on platform P is, exactly as `ac` (and acp-sandbox --kubeconfig-out) writes it:
//   users:    acp:S:user        token: <bearer token>
//                               extensions: [{name: acp.io/v1, extension: {apiVersion: acp.io/v1,
//                                 kind: Session, platform: P, session: S, username: U}}]
//   clusters: acp:S:C           server: P/kubernetes/C, certificate-authority-data or
//                               insecure-skip-tls-verify as logged in,
//                               extensions: [{name: acp.io/v1, extension: {apiVersion: acp.io/v1,
//                                 kind: Cluster, platform: P, session: S, cluster: C}}]
//   contexts: S/C               cluster: acp:S:C, user: acp:S:user
// one cluster and context per cluster the user may see (/auth/v1/clusters).
//
// Reading (sessions(), currentSession()) recognises sessions by their extensions only: a user
// entry with an acp.io/v1 Session extension, and the contexts that use that user with a cluster
// whose acp.io/v1 Cluster extension names the same session. Entry names are not parsed.
//
// Writing (applyLogin()) edits a Kubeconfig in memory; the caller saves it (Kubeconfig::save
// keeps every other entry and writes mode 0600). Pure functions over the value; any thread.
// Tokens are never logged or put into error messages.
#include "api/Kubeconfig.h"

#include <QStringList>
#include <optional>

namespace acp::api {

struct AcpSession {
    QString name;          // session name (S)
    QString platform;      // platform address (P), as written in the extension
    QString username;      // the extension's username
    QString userEntry;     // the kubeconfig user entry (acp:S:user)
    QStringList clusters;  // cluster names (the Cluster extensions' "cluster"), sorted
    QStringList contexts;  // context names, in the order of `clusters`
    QString contextFor(const QString &cluster) const;   // "" when the session has no such cluster
};

// What a login produced, to be written as a session.
struct AcpLoginData {
    QString session;                // S
    QString platform;               // P (normalised: no trailing slash)
    QString username;
    QString token;                  // never logged
    QStringList clusters;           // visible clusters (any order)
    QByteArray caPem;               // written as certificate-authority-data when non-empty
    bool insecureSkipTlsVerify = false;
};

struct AcpLoginChanges {
    QStringList added, updated, removed;  // cluster names
    QString currentContext;               // the current-context after the login
};

class AcpSessions {
public:
    static QString userEntryName(const QString &session) { return QStringLiteral("acp:%1:user").arg(session); }
    static QString clusterEntryName(const QString &session, const QString &cluster)
    {
        return QStringLiteral("acp:%1:%2").arg(session, cluster);
    }
    static QString contextName(const QString &session, const QString &cluster) { return session + u'/' + cluster; }
    // "https://host/" -> "https://host"
    static QString normalisePlatform(const QString &url);
    // A session name `ac` accepts: non-empty, no ':' or '/' (they separate entry-name parts).
    static bool isValidSessionName(const QString &name);

    // Every session of the kubeconfig, sorted by name.
    static QList<AcpSession> sessions(const Kubeconfig &config);
    static std::optional<AcpSession> session(const Kubeconfig &config, const QString &name);
    // The session of the current context (its user's Session extension), if any.
    static std::optional<AcpSession> currentSession(const Kubeconfig &config);
    // The cluster of a context that belongs to a session ("" when the context is not a session's).
    static QString clusterOfContext(const Kubeconfig &config, const QString &context);

    // Writes or refreshes session `data.session`: the user entry (token, Session extension; other
    // fields of an existing entry kept), one cluster and context entry per visible cluster, and
    // removes the clusters and contexts of this session that are no longer visible. The
    // current-context becomes S/<first non-global cluster> (else S/global) unless it already is
    // one of the session's contexts. Fails (config untouched) on an invalid session name or when
    // an entry with one of the session's names exists but belongs to another platform/session.
    static Result<AcpLoginChanges> applyLogin(Kubeconfig &config, const AcpLoginData &data);

    // current-context := S/cluster (cluster empty: the session's current cluster when the current
    // context is already in S, else its first non-global cluster). Returns the context name.
    static Result<QString> useSession(Kubeconfig &config, const QString &session, const QString &cluster = QString());
    // current-context := <current session>/cluster.
    static Result<QString> useCluster(Kubeconfig &config, const QString &cluster);

private:
    static QString defaultCluster(const QStringList &clusters);
};

} // namespace acp::api
