#pragma once
// ProjectDialog: create or edit a Project. Name (DNS-1123 label; fixed when editing), display
// name, description, the clusters (checkable list of the fleet's clusters) and, per checked
// cluster, its quota (one row per cluster, one column per ProjectSpec::quotaKeys(); values like
// "2", "500m", "4Gi", empty = no limit). OK validates through ProjectSpec (models::Quantity) and
// shows the first problem in the dialog; then runs the submit function (the write) and stays
// open with the server's message if it fails, closing only on success. GUI thread.
#include "models/ProjectClient.h"
#include "models/ProjectSpec.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace acp::views {

class ProjectDialog : public QDialog {
    Q_OBJECT
public:
    using Submit = std::function<void(const models::ProjectSpec &spec, models::ProjectClient::Done done)>;

    // `existing` set = edit mode.
    ProjectDialog(const QStringList &clusters, const std::optional<models::ProjectSpec> &existing, Submit submit,
                  QWidget *parent = nullptr);

    models::ProjectSpec spec() const;   // from the inputs, values trimmed, empty ones left out
    bool isEditing() const { return m_editing; }

    // For tests and keyboard users.
    void setClusterChecked(const QString &cluster, bool checked);
    bool setQuota(const QString &cluster, const QString &key, const QString &value);   // false: no such row
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QTableWidget *quotaTable() const { return m_quota; }
    QListWidget *clusterList() const { return m_clusters; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *okButton() const { return m_ok; }

public Q_SLOTS:
    void submit();   // what OK does

private:
    void rebuildQuotaRows();
    void showProblem(const QString &text);

    bool m_editing;
    Submit m_submit;
    QLineEdit *m_name, *m_displayName, *m_description;
    QListWidget *m_clusters;
    QTableWidget *m_quota;
    QLabel *m_message;
    QPushButton *m_ok;
    QHash<QString, QMap<QString, QString>> m_values;
    QStringList m_order;                                // checked clusters: the project's first, then as checked
};

} // namespace acp::views
