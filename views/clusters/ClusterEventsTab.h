#pragma once
// ClusterEventsTab: the events of one cluster, live (a ResourceTableView over core/v1 events),
// filtered by type (Normal / Warning) and reason on the server (field selectors type= and
// reason=, exact, as `kubectl get events --field-selector` does) and by the involved object's
// name in the table's own filter (event names begin with their object's name).
// Thread: GUI thread.
#include "views/common/PageContext.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace acp::views {

class ResourceTableView;

class ClusterEventsTab : public QWidget {
    Q_OBJECT
public:
    ClusterEventsTab(PageContext *context, QWidget *parent = nullptr);

    void setCluster(const QString &cluster);
    ResourceTableView *table() const { return m_table; }
    QComboBox *typeFilter() const { return m_type; }
    QLineEdit *reasonFilter() const { return m_reason; }
    QLineEdit *objectFilter() const;   // the table's filter line

    // The server-side selector for the current type and reason ("" when none).
    QString fieldSelector() const;

private:
    void requery();

    QString m_cluster;
    QComboBox *m_type;
    QLineEdit *m_reason;
    ResourceTableView *m_table;
};

} // namespace acp::views
