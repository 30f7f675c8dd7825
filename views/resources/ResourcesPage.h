#pragma once
// ResourcesPage: the generic resource browser (page id "resources"): every kind the clusters in
// scope serve (KindListWidget over ResourceKindCatalog: built-ins in sections, CRDs by group;
// listable and watchable only), a live ResourceTableView of the chosen kind following the scope
// (aggregated across clusters when the scope is all clusters), the details pane of the current
// object (ObjectDetailsView) and actions by capability and permission (ResourceActions).
//
// Arguments: {"resource": kubectl name} and/or {"ref": models::ResourceRef}; a ref with a name
// selects that object once it is in the table (the scope switches to its cluster when the
// current scope does not include it). currentArgs() gives both back for history.
// Thread: GUI thread.
#include "models/ResourceRef.h"
#include "views/common/Page.h"

#include <QTimer>

class QSplitter;
class QToolBar;

namespace acp::views {

class KindListWidget;
class ObjectDetailsView;
class ResourceActions;
class ResourceTableView;

class ResourcesPage : public Page {
    Q_OBJECT
public:
    explicit ResourcesPage(PageContext *context, QWidget *parent = nullptr);
    ~ResourcesPage() override;

    void activate(const QVariantMap &args) override;
    QVariantMap currentArgs() const override;
    QString title() const override;

    // Shows kind `name` (any kubectl name); false when no cluster in scope serves it (yet:
    // the choice is kept and applied when discovery answers).
    bool showKind(const QString &name);
    QString currentKind() const { return m_kind; }

    KindListWidget *kindList() const { return m_kinds; }
    ResourceTableView *table() const { return m_table; }
    ObjectDetailsView *details() const { return m_details; }
    ResourceActions *resourceActions() const { return m_actions; }
    QToolBar *toolBar() const { return m_toolbar; }

private:
    void rebuildKinds();
    void watchDiscovery();
    void onCurrentChanged();
    void trySelectPending();

    KindListWidget *m_kinds;
    ResourceTableView *m_table;
    ObjectDetailsView *m_details;
    ResourceActions *m_actions;
    QToolBar *m_toolbar;
    QSplitter *m_split;
    QString m_kind;                  // the kubectl name shown
    models::ResourceRef m_pending;   // an object to select when it arrives
    QStringList m_watched;           // clusters whose discovery changes rebuild the kind list
    QTimer m_rebuild;                // coalesces rebuilds (200 clusters connecting at once)
};

} // namespace acp::views
