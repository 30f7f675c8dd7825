#pragma once
// ProjectPage ("project", args {"project": name}): one project. Its header (display name,
// description, clusters, creator), and a tree of quota usage vs allocation: the project total,
// each cluster (the project's allocation spec.clusters[].quota vs the summed usage of its
// namespaces) and each namespace (its ResourceQuotas' status.hard/used), as bars coloured by
// StatusStyle (warning from 80 %, error from 100 %), with a line naming what is near or over a
// limit. Data, all live: the project from Fleet::platformInformer("projects"); the namespaces per
// cluster from an informer over /auth/v1/projects/<p>/clusters/<c>/namespaces (what the user may
// see); ResourceQuotas from each namespace's shared informer on its cluster.
// Actions: edit (Ctrl+E), set quota on many clusters (Ctrl+Shift+Q), create a namespace
// (Ctrl+Shift+N), delete (Delete), each enabled by SelfSubjectAccessReview (projects in
// global; namespaces create in the clusters). Enter on a namespace opens it. GUI thread.
#include "models/Informer.h"
#include "models/InformerCache.h"
#include "views/common/Page.h"

#include <QHash>
#include <map>
#include <memory>

class QAction;
class QHBoxLayout;
class QLabel;
class QTreeView;

namespace acp::models {
class ProjectAccess;
class ProjectQuotaModel;
}

namespace acp::views {

class ProjectPage : public Page {
    Q_OBJECT
public:
    explicit ProjectPage(PageContext *context, QWidget *parent = nullptr);
    ~ProjectPage() override;

    void activate(const QVariantMap &args) override;
    QVariantMap currentArgs() const override;
    QString title() const override;

    QString project() const { return m_project; }
    models::ProjectQuotaModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QLabel *headerLabel() const { return m_header; }
    QLabel *warningLabel() const { return m_warnings; }
    QLabel *stateLabel() const { return m_state; }
    QAction *editAction() const { return m_edit; }
    QAction *batchAction() const { return m_batch; }
    QAction *namespaceAction() const { return m_namespace; }
    QAction *deleteAction() const { return m_delete; }
    // True when every cluster's namespaces and every namespace's quotas are loaded.
    bool isLoaded() const;

public Q_SLOTS:
    void editProject();
    void batchQuota();
    void createNamespace();
    void deleteProject();

private:
    struct ClusterBinding;
    QHBoxLayout *createToolbar();
    void setProject(const QString &name);
    void projectChanged();
    void bindCluster(const QString &cluster);
    void namespacesChanged(const QString &cluster);
    void bindQuotas(const QString &cluster, const QString &ns);
    void quotasChanged(const QString &cluster, const QString &ns);
    void updateHeader();
    void updateWarnings();
    void updateActions();
    QStringList namespaceClusters();
    QJsonObject projectJson() const;

    QString m_project;
    models::InformerRef m_projects;
    models::ProjectQuotaModel *m_model;
    models::ProjectAccess *m_access;
    std::map<QString, std::unique_ptr<ClusterBinding>> m_clusters;
    QTreeView *m_tree;
    QLabel *m_header, *m_warnings, *m_state;
    QAction *m_edit, *m_batch, *m_namespace, *m_delete;
};

} // namespace acp::views
