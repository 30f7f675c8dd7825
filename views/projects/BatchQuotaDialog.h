#pragma once
// BatchQuotaDialog: set one project's quota on many clusters in one action. Choose clusters
// (the project's are pre-checked; others are added to the project), enter the values once
// (empty = leave that quota as it is), Apply: models::ProjectQuotaBatch sends one patch per
// cluster and the result list shows OK or the server's error per cluster. Partial failures are
// listed, the dialog stays open, and Apply can be pressed again (e.g. for the failed ones).
// GUI thread.
#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace acp::api { class KubeClient; }
namespace acp::models { class ProjectQuotaBatch; }

namespace acp::views {

class BatchQuotaDialog : public QDialog {
    Q_OBJECT
public:
    // `project` returns the Project as currently known (read when Apply is pressed).
    BatchQuotaDialog(const api::KubeClient &platform, const QStringList &fleetClusters, std::function<QJsonObject()> project,
                     QWidget *parent = nullptr);

    void setClusterChecked(const QString &cluster, bool checked);
    QStringList checkedClusters() const;
    QLineEdit *valueEdit(const QString &key) const { return m_values.value(key); }
    QListWidget *clusterList() const { return m_clusters; }
    QPushButton *applyButton() const { return m_apply; }
    QLabel *messageLabel() const { return m_message; }
    QTableView *resultView() const { return m_results; }
    QLabel *detailLabel() const { return m_detail; }   // the selected result in full
    models::ProjectQuotaBatch *batch() const { return m_batch; }

public Q_SLOTS:
    void apply();

private:
    void showMessage(const QString &text, bool error);

    std::function<QJsonObject()> m_project;
    QListWidget *m_clusters;
    QHash<QString, QLineEdit *> m_values;
    QPushButton *m_apply;
    QLabel *m_message;
    QTableView *m_results;
    QLabel *m_detail;
    models::ProjectQuotaBatch *m_batch;
};

} // namespace acp::views
