#pragma once
// ConflictDialog: a server-side apply refused with 409 conflicts: lists every conflicting field
// with the manager that owns it and offers Force (take the fields), Drop (apply without them)
// or Cancel. Non-modal-safe: open() it and read choice() in finished(). Thread: GUI thread.
#include "models/ApplyTypes.h"

#include <QDialog>

class QTreeWidget;
class QPushButton;

namespace acp::views {

class ConflictDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Cancel, Force, Drop };
    ConflictDialog(const QString &object, const QList<models::ApplyConflict> &conflicts, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *forceButton() const { return m_force; }
    QPushButton *dropButton() const { return m_drop; }

private:
    QTreeWidget *m_list;
    QPushButton *m_force;
    QPushButton *m_drop;
    Choice m_choice = Choice::Cancel;
};

} // namespace acp::views
