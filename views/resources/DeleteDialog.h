#pragma once
// DeleteDialog: confirms the deletion of objects, naming each one and its cluster, and asks for
// the propagation policy (Background: the default, dependents deleted after the owner;
// Foreground: the owner stays until its dependents are gone; Orphan: dependents are kept).
// Thread: GUI thread.
#include <QDialog>

class QComboBox;

namespace acp::views {

class DeleteDialog : public QDialog {
    Q_OBJECT
public:
    // `objects`: "business-1: alpha/deployments/web" lines, shown as a list.
    DeleteDialog(const QStringList &objects, QWidget *parent = nullptr);
    QString propagationPolicy() const;   // "Background", "Foreground" or "Orphan"
    QComboBox *policyCombo() const { return m_policy; }

private:
    QComboBox *m_policy;
};

} // namespace acp::views
