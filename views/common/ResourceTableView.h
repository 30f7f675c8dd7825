#pragma once
// ResourceTableView: the live table every page uses for a resource kind: informers from the
// fleet's connections (one per cluster, shared through each connection's InformerCache), a
// ResourceTableModel (all-clusters aggregate with a CLUSTER column), a ResourceFilterProxyModel
// (k9s-style filter text, status filter, sorting off the GUI thread with a busy indicator), a
// status delegate and a state line that keeps loading, empty and failed(reason) apart.
//
// Clusters still connecting are bound when their discovery is ready; a cluster that does not
// serve the resource is reported in the state line, not as an error. AGE cells repaint every
// second while visible.
//
// "All namespaces" for a user who may not list a kind cluster-wide (a project member): when
// the cluster-wide list is refused (403), the cluster's rows come from one informer per
// namespace the user reaches (models::NamespaceDirectory: the projects' namespaces), kept in
// step as namespaces come and go. Many clusters are bound a batch per event-loop turn, so
// a 200-cluster scope never blocks the GUI while connections are created. Thread: GUI thread.
#include "api/ApiResource.h"
#include "models/InformerCache.h"
#include "models/KubeObject.h"
#include "models/TurnBatches.h"
#include "views/common/PageContext.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace acp::models {
class ResourceTableModel;
class ResourceFilterProxyModel;
}

namespace acp::views {

class ResourceTableView : public QWidget {
    Q_OBJECT
public:
    explicit ResourceTableView(PageContext *context, QWidget *parent = nullptr);
    ~ResourceTableView() override;

    struct Query {
        QString resource;          // any kubectl name ("po", "deployments.apps", "nodes")
        QStringList clusters;      // the clusters to show
        QString namespaceName;     // "" = all namespaces (ignored for cluster-scoped kinds)
        QString labelSelector;     // server-side selectors (informer keys)
        QString fieldSelector;
        bool operator==(const Query &o) const = default;
    };
    void setQuery(const Query &query);
    const Query &query() const { return m_query; }
    // Follow the page context's scope (clusters and namespace) for `resource`.
    void followScope(const QString &resource);

    models::ResourceTableModel *model() const { return m_model; }
    models::ResourceFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *stateLabel() const { return m_state; }
    // The discovered resource (first cluster that serves it); invalid kind when none yet.
    api::ApiResource apiResource() const { return m_resource; }

    // The current row's object and cluster (null object when none).
    models::KubeObject currentObject() const;
    QString currentCluster() const;
    struct Selected {
        QString cluster;
        models::KubeObject object;
    };
    QList<Selected> selectedObjects() const;
    bool selectObject(const QString &cluster, const QString &key);   // true when found

    // Loading (some cluster not synced), counts: for tests and state lines.
    bool isLoading() const;
    int rowCount() const;

Q_SIGNALS:
    void currentObjectChanged();
    void activated(const QString &cluster, const acp::models::KubeObject &object); // Enter / double-click
    void resourceResolved(const acp::api::ApiResource &resource);
    void stateChanged();

private:
    void rebind();
    void bindCluster(const QString &cluster);
    void onInformerState(const QString &cluster);
    void syncNamespaceFallback(const QString &cluster);
    void updateState();
    void scheduleState();   // updateState once in the next event-loop turn (coalesced)
    bool bindingLoading(const QString &cluster, QString *problem, bool *failed) const;

    PageContext *m_context;
    Query m_query;
    bool m_followScope = false;
    QString m_followResource;
    api::ApiResource m_resource;
    models::ResourceTableModel *m_model;
    models::ResourceFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_state;
    QLabel *m_busy;
    QTimer m_ageTick;
    QTimer m_stateTimer;
    // Rows measured per column when fitting columns (the header's resizeContentsPrecision).
    static constexpr int kSizedRows = 64;
    struct Binding {
        models::InformerRef informer;
        // All namespaces refused cluster-wide (403): one informer per namespace the user
        // reaches (Fleet::namespaces(), e.g. a project member's namespaces).
        bool perNamespace = false;
        QString refusal;           // the server's 403 message that caused it
        QHash<QString, models::InformerRef> namespaceInformers;
        QString problem;           // "not served", resolve error
    };
    QHash<QString, Binding> m_bindings;
    QList<QMetaObject::Connection> m_waits;
    quint64 m_generation = 0;
    // Creating a ClusterConnection costs about a millisecond: 200 at once stalled the GUI for
    // 250 ms, so clusters are bound 12 per event-loop turn.
    models::TurnBatches m_binder{this};
    bool m_columnsSized = false;     // sized to the first visible rows once per column set
    void sizeColumnsOnce();
};

} // namespace acp::views
