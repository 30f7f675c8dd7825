#pragma once
// NamespaceDialog: create a namespace in a project: the cluster (one of the project's), the name
// (DNS-1123 label), Pod Security levels for enforce/audit/warn (default `restricted`, as ACP 4.2
// creates project namespaces), an optional ResourceQuota (the project's quota names) and an
// optional LimitRange (container default and default request for cpu and memory). Validation
// through ProjectNamespaceSpec; the write is the submit function; stays open on failure with
// the server's message. GUI thread.
#include "models/ProjectClient.h"
#include "models/ProjectSpec.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace acp::views {

class NamespaceDialog : public QDialog {
    Q_OBJECT
public:
    using Submit = std::function<void(const QString &cluster, const models::ProjectNamespaceSpec &spec, models::ProjectClient::Done done)>;

    NamespaceDialog(const QString &project, const QStringList &clusters, Submit submit, QWidget *parent = nullptr);

    QString cluster() const;
    models::ProjectNamespaceSpec spec() const;

    QComboBox *clusterCombo() const { return m_cluster; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *levelCombo(const QString &mode) const { return m_levels.value(mode); }   // enforce/audit/warn
    QGroupBox *quotaBox() const { return m_quotaBox; }
    QLineEdit *quotaEdit(const QString &key) const { return m_quota.value(key); }
    QGroupBox *limitBox() const { return m_limitBox; }
    QLineEdit *limitEdit(const QString &which) const { return m_limits.value(which); }   // default.cpu, defaultRequest.memory...
    QLabel *messageLabel() const { return m_message; }
    QPushButton *okButton() const { return m_ok; }

public Q_SLOTS:
    void submit();

private:
    QString m_project;
    Submit m_submit;
    QComboBox *m_cluster;
    QLineEdit *m_name;
    QHash<QString, QComboBox *> m_levels;
    QGroupBox *m_quotaBox, *m_limitBox;
    QHash<QString, QLineEdit *> m_quota, m_limits;
    QLabel *m_message;
    QPushButton *m_ok;
};

} // namespace acp::views
