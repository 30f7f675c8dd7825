#pragma once
// ProjectsPage ("projects"): the platform's projects, live from Fleet::platformInformer
// ("projects"): name, display name, clusters, quota summary, namespaces (counted per cluster
// through GET /auth/v1/projects/<p>/clusters/<c>/namespaces, so project members see what they
// may see; recounted when a project changes and every 30 s while shown), creator, age.
// Actions: open (Enter / double-click -> "project" page), create (Ctrl+N), edit (Ctrl+E),
// delete (Delete) with the Retain/Delete namespaces choice. Create/edit/delete are enabled only
// when a SelfSubjectAccessReview in `global` allows create/update/delete on
// projects.auth.alauda.io; a disabled action's tooltip says why. One error banner.
// GUI thread.
#include "models/InformerCache.h"
#include "views/common/Page.h"

#include <QHash>
#include <QTimer>

class QAction;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace acp::models {
class ProjectAccess;
class ProjectListModel;
}

namespace acp::views {

class ProjectsPage : public Page {
    Q_OBJECT
public:
    explicit ProjectsPage(PageContext *context, QWidget *parent = nullptr);

    void activate(const QVariantMap &args) override;
    QVariantMap currentArgs() const override;
    bool applyFilter(const QString &text) override;   // the palette's /text: the filter line

    models::ProjectListModel *model() const { return m_model; }
    QTableView *tableView() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *stateLabel() const { return m_state; }
    QAction *createAction() const { return m_create; }
    QAction *editAction() const { return m_edit; }
    QAction *deleteAction() const { return m_delete; }
    QString currentProject() const;
    bool selectProject(const QString &name);

public Q_SLOTS:
    void createProject();
    void editProject();
    void deleteProject();
    void openProject();

protected:

private:
    QHBoxLayout *createToolbar();
    void updateState();
    void updateActions();
    void countNamespaces();

    models::InformerRef m_informer;
    models::ProjectListModel *m_model;
    models::ProjectAccess *m_access;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_state;
    QAction *m_create, *m_edit, *m_delete, *m_open;
};

} // namespace acp::views
