#pragma once
// ResourceActions: the actions a resource browser offers on its table's selection, by capability
// (data: a kind is scalable when discovery lists its "scale" subresource; restartable when it is
// an apps/v1 Deployment, StatefulSet or DaemonSet; deletable when discovery lists "delete").
//
// Each action is enabled only when every selected object's cluster says the user may do it
// (AccessReviewCache: one SelfSubjectAccessReview per cluster/namespace/verb/resource, asked only
// for the current selection), and its tooltip says why it is disabled otherwise (no selection,
// not supported by the kind, still checking, or the server's denial: "bob cannot patch
// deployments.apps/scale in namespace ..."). Results and errors go to the page's banner.
//
// Shortcuts (for the help overlay: actions() lists them): S scale, R restart rollout, Ctrl+D
// delete, E edit YAML, Ctrl+Shift+N create from YAML; active while the table has focus.
// Edit YAML and Create from YAML only navigate (openPage("yaml", ...): the editor area).
// Thread: GUI thread.
#include "models/AccessReviewCache.h"
#include "views/common/ResourceTableView.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace acp::views {

class Page;

class ResourceActions : public QObject {
    Q_OBJECT
public:
    ResourceActions(Page *page, ResourceTableView *table);

    QAction *scaleAction() const { return m_scale; }
    QAction *restartAction() const { return m_restart; }
    QAction *deleteAction() const { return m_delete; }
    QAction *editYamlAction() const { return m_editYaml; }
    QAction *createYamlAction() const { return m_createYaml; }
    QList<QAction *> actions() const { return {m_scale, m_restart, m_delete, m_editYaml, m_createYaml}; }

    // Recomputes enabled states and tooltips (selection, kind or permission answers changed).
    void update();

    // Whether a kind supports an action (data from discovery and the restart table).
    static bool canScale(const api::ApiResource &resource);
    static bool canRestart(const api::ApiResource &resource);
    static bool canDelete(const api::ApiResource &resource);

Q_SIGNALS:
    // After a write succeeded or failed (tests, refresh of the details pane).
    void finished(const QString &action, bool ok);

private:
    struct Target {
        QString cluster;
        models::KubeObject object;
        api::ApiResource resource;   // as that cluster serves it
    };
    QList<Target> targets() const;
    // Enables `action` when every target may `verb` (subresource); tooltip says why not.
    void updateAction(QAction *action, const QString &label, bool supported, const QString &unsupported,
                      const QString &verb, const QString &subresource, bool singleOnly);
    models::AccessReviewCache *cacheFor(const QString &cluster);
    api::ResourcePath pathOf(const Target &t, const QString &subresource = QString()) const;
    QString describe(const Target &t) const;   // "deployments/web in alpha (business-1)"

    // The banner, and on Forbidden the cached permission answers are dropped (grants changed).
    void reportFailure(const api::ApiError &error, const QString &action);
    void scale();
    void restart();
    void remove();
    void editYaml();     // openPage("yaml", {cluster, group, version, resource, namespace, name})
    void createYaml();   // openPage("yaml", {cluster, namespace, mode: "create"})

    Page *m_page;
    ResourceTableView *m_table;
    QAction *m_scale;
    QAction *m_restart;
    QAction *m_delete;
    QAction *m_editYaml;
    QAction *m_createYaml;
    QList<QPointer<models::AccessReviewCache>> m_caches;   // connected to update()
};

} // namespace acp::views
