#pragma once
// DraftStore: unsaved editor text autosaved per (session/context, cluster, object or "new"),
// so an edit survives a crash, a restart or a failed apply. One file per draft under
// directory() (default: QStandardPaths::AppDataLocation + "/drafts"), written atomically with
// QSaveFile, mode 0600 (drafts may hold decoded Secret values). The editor saves on a debounce,
// discards after a successful apply and keeps the draft after a failure.
// Thread: any single thread at a time (plain file I/O; drafts are small).
#include "api/ApiError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <optional>

namespace acp::models {

struct DraftKey {
    QString context;     // session or kubeconfig context
    QString cluster;
    QString object;      // objectRef() of the edited object, or "new" (create from YAML)

    // "<resource>.<group>/<namespace>/<name>" ("deployments.apps/dev/web", "namespaces//dev").
    static QString objectRef(const QString &group, const QString &resource, const QString &namespaceName,
                             const QString &name);
    bool operator==(const DraftKey &o) const { return context == o.context && cluster == o.cluster && object == o.object; }
};

struct Draft {
    DraftKey key;
    QByteArray text;                 // the editor's text, as typed
    QString baseResourceVersion;     // the live version the edit started from ("" for new)
    QDateTime savedAt;               // UTC, set by save()
};

class DraftStore : public QObject {
    Q_OBJECT
public:
    explicit DraftStore(QObject *parent = nullptr);

    QString directory() const { return m_dir; }
    void setDirectory(const QString &dir) { m_dir = dir; }   // tests: a temporary directory

    // Writes (or replaces) the draft of draft.key; nullopt on success.
    std::optional<api::ApiError> save(Draft draft);
    std::optional<Draft> load(const DraftKey &key) const;
    // Drafts, newest first; empty filters match everything.
    QList<Draft> list(const QString &context = QString(), const QString &cluster = QString()) const;
    // Removes the draft (after a successful apply); true when one existed.
    bool discard(const DraftKey &key);

Q_SIGNALS:
    void draftsChanged();

private:
    QString pathFor(const DraftKey &key) const;
    static std::optional<Draft> read(const QString &path);

    QString m_dir;
};

} // namespace acp::models
