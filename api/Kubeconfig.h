#pragma once
// Kubeconfig: the merged kubeconfig exactly as kubectl loads it, editable and savable.
// Value type; not thread-safe for concurrent edits (copy it per thread).
//
// Loading (client-go's ClientConfigLoadingRules):
//   --kubeconfig PATH  -> that file only; it must exist ("stat PATH: no such file or directory").
//   else KUBECONFIG    -> ':'-separated list; empty entries and repeats dropped; missing files
//                         ignored; a file that cannot be parsed fails the load.
//   else ~/.kube/config -> missing = empty config.
// Merge: for clusters, users, contexts, preferences.extensions and extensions the first file that
// defines a name wins (the whole entry); current-context comes from the first file that sets it;
// preferences.colors is true if any file sets it. Entries keep their paths as written (kubectl
// config commands do not resolve them); `origin` says which file they came from and
// resolvePath() resolves a relative path against it (what kubectl does for certificate-authority,
// client-certificate, client-key, tokenFile and an exec command containing '/').
//
// Saving (clientcmd.ModifyConfig): an edited or removed entry is written to the file that
// defines it; a new entry and current-context go to defaultFilename(): the --kubeconfig file,
// else the only KUBECONFIG entry, else the first KUBECONFIG file that exists (the last entry
// when none exists), else ~/.kube/config. Files are written atomically (QSaveFile), mode 0600,
// and only when they changed; unknown fields are kept; comments are kept as KubeconfigFile.h
// describes.
#include "api/KubeconfigFile.h"
#include "api/Result.h"
#include <QMap>
#include <optional>

namespace acp::api {

struct KubeconfigLoadOptions {
    QString explicitPath;                 // --kubeconfig
    std::optional<QString> kubeconfigEnv; // KUBECONFIG; nullopt = read the process environment
    QString homeDir;                      // empty = QDir::homePath()
};

class Kubeconfig {
public:
    static Result<Kubeconfig> load(const KubeconfigLoadOptions &options = {});

    // Where things come from and go to.
    QStringList precedence() const { return m_precedence; } // candidate files, in order
    bool isExplicit() const { return m_explicit; }
    QString defaultFilename() const;
    QList<KubeconfigFile> files() const;                      // existing files, in precedence order

    // The merged view.
    QString currentContext() const { return m_currentContext; }
    const KubePreferences &preferences() const { return m_preferences; }
    const KubeExtensions &extensions() const { return m_extensions; }
    const QMap<QString, ClusterEntry> &clusters() const { return m_clusters; }
    const QMap<QString, AuthInfoEntry> &users() const { return m_users; }
    const QMap<QString, ContextEntry> &contexts() const { return m_contexts; }
    bool isEmpty() const { return m_clusters.isEmpty() && m_users.isEmpty() && m_contexts.isEmpty() && m_currentContext.isEmpty(); }

    // `path` as kubectl resolves it for an entry from `origin`: unchanged when empty or absolute,
    // else joined to the directory of `origin` and cleaned.
    static QString resolvePath(const QString &path, const QString &origin);
    // An error in kubectl's words about the configuration (reason "Invalid", no HTTP status).
    static ApiError configError(const QString &message);

    // Edits, in memory until save(). Upserts keep the entry's unknown fields.
    void setCurrentContext(const QString &name);
    void setCluster(const QString &name, const KubeCluster &cluster);
    void setUser(const QString &name, const KubeAuthInfo &user);
    void setContext(const QString &name, const KubeContext &context);
    bool removeCluster(const QString &name);
    bool removeUser(const QString &name);
    bool removeContext(const QString &name);
    // kubectl config set-context NAME --namespace=NS (the context must exist here).
    Result<bool> setContextNamespace(const QString &context, const QString &namespaceName);

    // Writes every changed file; returns the paths written. `commentsKept` (optional) lists the
    // files that were edited line by line (the others were re-emitted).
    Result<QStringList> save(QStringList *commentsKept = nullptr);

private:
    struct FileState {
        KubeconfigFile file;
        QJsonObject root; // current (possibly edited) content
        bool dirty = false;
    };
    void rebuild();
    int fileIndexFor(const QString &absPath);
    void upsert(const char *list, const char *inner, const QString &name, const QString &origin,
                const QJsonObject &before, const QJsonObject &after, const QStringList &known);
    bool remove(const char *list, const QString &name, const QString &origin);

    QStringList m_precedence;
    bool m_explicit = false;
    QList<FileState> m_files; // existing files in precedence order, then files created by edits
    QString m_currentContext;
    KubePreferences m_preferences;
    KubeExtensions m_extensions;
    QMap<QString, ClusterEntry> m_clusters;
    QMap<QString, AuthInfoEntry> m_users;
    QMap<QString, ContextEntry> m_contexts;
};

} // namespace acp::api
