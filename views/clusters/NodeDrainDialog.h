#pragma once
// NodeDrainDialog: drains one node (models::NodeDrain) with a progress view: what will happen,
// then, after "Drain", each pod with its state (skipped with why, evicting, refused by a
// PodDisruptionBudget with the server's message, evicted, gone), a log of every eviction and
// refusal, and Cancel; Close once finished. Non-modal; deletes itself on close.
// Thread: GUI thread.
#include "api/KubeClient.h"
#include "models/NodeDrain.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace acp::views {

class NodeDrainDialog : public QDialog {
    Q_OBJECT
public:
    NodeDrainDialog(const api::KubeClient &client, const QString &cluster, const QString &node, QWidget *parent = nullptr);

    models::NodeDrain *drain() const { return m_drain; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    QTreeWidget *podList() const { return m_pods; }
    QPlainTextEdit *log() const { return m_log; }
    QLabel *stateLabel() const { return m_state; }

    void start();

Q_SIGNALS:
    void drainFinished(acp::models::NodeDrain::Phase phase);

private:
    void onListed();
    void onPodChanged(int index);
    void onPhase(models::NodeDrain::Phase phase);
    void appendLog(const QString &line);
    void updateProgress();

    models::NodeDrain *m_drain;
    QString m_cluster, m_node;
    QLabel *m_state;
    QProgressBar *m_progress;
    QTreeWidget *m_pods;
    QPlainTextEdit *m_log;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace acp::views
