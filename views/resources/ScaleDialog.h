#pragma once
// ScaleDialog: asks for a new replica count for one scalable object ("Scale deployments/web in
// business-1"). Non-modal to the event loop (open()), so tests and the page stay responsive;
// accepted() means replicas() holds the choice. Thread: GUI thread.
#include <QDialog>

class QSpinBox;

namespace acp::views {

class ScaleDialog : public QDialog {
    Q_OBJECT
public:
    ScaleDialog(const QString &target, int currentReplicas, QWidget *parent = nullptr);
    int replicas() const;
    QSpinBox *spinBox() const { return m_spin; }

private:
    QSpinBox *m_spin;
};

} // namespace acp::views
