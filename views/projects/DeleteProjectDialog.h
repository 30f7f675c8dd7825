#pragma once
// DeleteProjectDialog: confirms deleting a project and asks what happens to its namespaces:
//   Retain (default)  DELETE /auth/v1/projects/<p>?reclaim=false: the Project goes, its
//                     namespaces and everything in them stay in their clusters (still labelled
//                     cpaas.io/project=<p>; they can be adopted by a new project of that name)
//   Delete            reclaim=true: every namespace of the project in every cluster is deleted
//                     with all its workloads and data; the user must type the project's name.
// GUI thread.
#include <QDialog>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace acp::views {

class DeleteProjectDialog : public QDialog {
    Q_OBJECT
public:
    // namespaceCount < 0: not known yet (setNamespaces() fills it in).
    DeleteProjectDialog(const QString &project, int namespaceCount, const QStringList &clusters, QWidget *parent = nullptr);

    // The project's namespaces as "cluster/name" (null = they could not be listed).
    void setNamespaces(const std::optional<QStringList> &namespaces);
    QLabel *introLabel() const { return m_intro; }

    bool reclaimNamespaces() const;
    QRadioButton *retainButton() const { return m_retain; }
    QRadioButton *deleteButton() const { return m_delete; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *okButton() const { return m_ok; }

private:
    void update();

    void setIntro(const QString &what);

    QString m_project;
    QStringList m_clusters;
    QLabel *m_intro;
    QRadioButton *m_retain, *m_delete;
    QLineEdit *m_confirm;
    QLabel *m_confirmLabel;
    QPushButton *m_ok;
};

} // namespace acp::views
