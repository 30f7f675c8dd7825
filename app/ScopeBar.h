#pragma once
// ScopeBar: the strip above every page: back/forward, the session (workspace title), the
// cluster (one or "All clusters") and the namespace (one or "All namespaces", listed live from
// the namespace informers of the clusters in scope, typed freely otherwise). Writes the choice
// into the PageContext; pages follow PageContext::scopeChanged. Thread: GUI thread.
#include "models/InformerCache.h"
#include "models/TurnBatches.h"
#include "views/common/PageContext.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;

namespace acp::app {

class ScopeBar : public QWidget {
    Q_OBJECT
public:
    explicit ScopeBar(views::PageContext *context, QWidget *parent = nullptr);

    void addHistoryActions(QAction *back, QAction *forward);
    void addTrailingAction(QAction *action);
    // A button right after the session name (e.g. "Switch session").
    void addSessionAction(QAction *action);
    QComboBox *clusterCombo() const { return m_clusters; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    void focusCluster();
    void focusNamespace();

private:
    void applyFromWidgets();
    void refreshNamespaces();
    void watchNamespaces();
    void refreshClusters();

    views::PageContext *m_context;
    QHBoxLayout *m_layout;
    QLabel *m_session;
    QComboBox *m_clusters;
    QComboBox *m_namespaces;
    QTimer m_nsRefresh;
    // Watching a cluster's namespaces connects it: 12 clusters per event-loop turn, as
    // ResourceTableView binds them (200 at once held the window's first turn; bench console).
    models::TurnBatches m_watcher{this};
    bool m_updating = false;
};

} // namespace acp::app
