#pragma once
// PssTemplateApplier: one action over N namespaces across clusters, with a result per namespace.
//  - apply(): server-side apply (fieldManager "acp-console-pss", force: the template is the
//    console's) of the template's Policy in each namespace, Enforce or Audit. Idempotent:
//    re-applying an identical Policy leaves it untouched (Unchanged, same resourceVersion);
//    a changed mode or template version updates it (Updated). With `replace`, the Policies of
//    other console templates in the namespace (template label, another name) are deleted.
//  - remove(): deletes the template's Policy from each namespace (NotFound when absent).
//  - setPsaLabels(): bulk edit of the PSA labels (merge patch of the namespace's labels; only
//    the fields set in the edit change; an empty value removes the label). Levels and versions
//    are validated before anything is sent.
// Every request runs as the fleet's user: a namespace the user may not write fails with the
// server's 403 message in its result; the others proceed. A later action supersedes a running
// one (its callbacks are dropped). Thread: GUI thread.
#include "api/ApiError.h"
#include "api/KubeClient.h"
#include "api/Result.h"
#include "models/PssTargets.h"
#include "models/PssTemplateCatalog.h"

#include <QObject>
#include <optional>

namespace acp::models {

class Fleet;

struct PssApplyResult {
    enum Outcome { Created, Updated, Unchanged, Removed, NotFound, Failed };
    PssTarget target;
    Outcome outcome = Failed;
    QStringList deletedPolicies;      // replace: other templates' Policies removed
    QStringList warnings;             // the server's Warning headers
    std::optional<api::ApiError> error;

    static QString outcomeName(Outcome outcome);
};

// A PSA label edit: nullopt = leave as is, "" = remove the label, else set it.
struct PsaLabelEdit {
    std::optional<QString> enforce, enforceVersion;
    std::optional<QString> audit, auditVersion;
    std::optional<QString> warn, warnVersion;

    // The merge patch body ({"metadata":{"labels":{...}}}; removals as null), or the first
    // invalid value ("invalid level \"x\" for pod-security.kubernetes.io/enforce").
    api::Result<QByteArray> toMergePatch() const;
};

class PssTemplateApplier : public QObject {
    Q_OBJECT
public:
    static QString fieldManager() { return QStringLiteral("acp-console-pss"); }

    explicit PssTemplateApplier(Fleet *fleet, QObject *parent = nullptr);

    void apply(const PssTemplate &t, PssMode mode, const QList<PssTarget> &targets, bool replace = false);
    void remove(const QString &templateName, const QList<PssTarget> &targets);
    // Returns the validation error (nothing sent) or nullopt when the edit was started.
    std::optional<api::ApiError> setPsaLabels(const PsaLabelEdit &edit, const QList<PssTarget> &targets);

    bool isRunning() const { return m_pending > 0; }
    QList<PssApplyResult> results() const { return m_results; } // sorted by target

Q_SIGNALS:
    void finished();

private:
    int start(const QList<PssTarget> &targets);
    api::KubeClient clientFor(int index);
    void applyOne(int generation, int index, const PssTemplate &t, PssMode mode, bool replace);
    void deleteOthers(int generation, int index, const QStringList &names);
    void removeOne(int generation, int index, const QString &templateName);
    void fail(int generation, int index, const api::ApiError &error);
    void finishOne(int generation);

    Fleet *m_fleet;
    QList<PssApplyResult> m_results;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace acp::models
