#pragma once
// PolicyTargetBar: what the Policies page acts on. Either a project (ACP sessions: the platform's
// "projects" informer; its namespaces on each of its clusters through PssTargets::ofProject,
// read from the fleet's namespace directory, which for a project member refused the
// cluster-wide namespace list follows her projects' namespace views) or the scope bar's
// selection (one namespace in the scoped clusters, or every namespace the user can reach there
// through Fleet::namespaces()). Emits targetsChanged() with the resolved (cluster, namespace)
// list whenever the choice, the scope or the namespace directory changes.
// Thread: GUI thread.
#include "models/PssTargets.h"
#include "views/common/PageContext.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;

namespace acp::views {

class PolicyTargetBar : public QWidget {
    Q_OBJECT
public:
    explicit PolicyTargetBar(PageContext *context, QWidget *parent = nullptr);

    // "" = the scope bar's selection.
    QString project() const;
    // Chooses a project (added to the list if the informer has not listed it yet); "" = scope.
    void setProject(const QString &project);

    QList<models::PssTarget> targets() const { return m_targets; }
    bool isResolving() const { return m_resolving; }
    QComboBox *combo() const { return m_combo; }
    // Re-resolves the targets (e.g. after namespaces were created).
    void refresh();

Q_SIGNALS:
    void targetsChanged(const QList<acp::models::PssTarget> &targets);
    // Clusters whose namespaces could not be listed (cluster, server message).
    void resolveFailed(const QString &cluster, const acp::api::ApiError &error);

private:
    void fillProjects();
    void resolve();
    void resolveProject(const QString &project);
    void resolveScope();
    void finish(const QList<models::PssTarget> &targets);

    PageContext *m_context;
    QComboBox *m_combo;
    QLabel *m_status;
    models::InformerRef m_projects;
    QList<models::PssTarget> m_targets;
    QTimer m_debounce;
    bool m_resolving = false;
};

} // namespace acp::views
