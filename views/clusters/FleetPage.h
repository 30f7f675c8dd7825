#pragma once
// FleetPage ("clusters"): the fleet table, one row per cluster of the session (FleetHealthModel
// fed live by FleetHealthFeed: ACP Cluster conditions and heartbeats, each cluster's node and
// pod informers), sortable, filterable by name, health badges painted by StatusDelegate.
// Enter / double-click opens the cluster page. Starting the page connects every cluster.
// Thread: GUI thread.
#include "views/clusters/RegisterClusterDialog.h"
#include "views/common/Page.h"

#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace acp::models {
class AccessReviewCache;
class FleetHealthFeed;
class FleetHealthModel;
}

namespace acp::views {

class FleetPage : public Page {
    Q_OBJECT
public:
    explicit FleetPage(PageContext *context, QWidget *parent = nullptr);

    void activate(const QVariantMap &args) override;
    QString title() const override { return tr("Clusters"); }

    models::FleetHealthModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    // The cluster of the current row ("" when none).
    QString currentCluster() const;
    // "Register cluster…" (ACP sessions with a global cluster; enabled when the user may create
    // the Secret and the Cluster there) and the dialog it opened last.
    QPushButton *registerButton() const { return m_registerButton; }
    RegisterClusterDialog *registerDialog() const { return m_registerDialog; }
    void openRegisterDialog();

private:
    void openCluster(const QModelIndex &index);
    void updateState();
    void updateRegisterButton();

    models::FleetHealthModel *m_model;
    models::FleetHealthFeed *m_feed;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_state;
    QPushButton *m_registerButton;
    QPointer<models::AccessReviewCache> m_registryAccess;   // global's shared cache
    QPointer<RegisterClusterDialog> m_registerDialog;
    QTimer m_tick;
};

} // namespace acp::views
