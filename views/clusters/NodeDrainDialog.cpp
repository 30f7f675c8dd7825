#include "views/clusters/NodeDrainDialog.h"

#include "views/common/StatusStyle.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::views {

using models::NodeDrain;

namespace {

models::ObjectStatus::State stateOf(NodeDrain::Pod::State s)
{
    switch (s) {
    case NodeDrain::Pod::Pending: return models::ObjectStatus::Pending;
    case NodeDrain::Pod::Skipped: return models::ObjectStatus::Unknown;
    case NodeDrain::Pod::Evicting: return models::ObjectStatus::Progressing;
    case NodeDrain::Pod::Refused: return models::ObjectStatus::Warning;
    case NodeDrain::Pod::Evicted: return models::ObjectStatus::Terminating;
    case NodeDrain::Pod::Gone: return models::ObjectStatus::Ok;
    case NodeDrain::Pod::Failed: return models::ObjectStatus::Error;
    }
    return models::ObjectStatus::Unknown;
}

} // namespace

NodeDrainDialog::NodeDrainDialog(const api::KubeClient &client, const QString &cluster, const QString &node, QWidget *parent)
    : QDialog(parent), m_drain(new NodeDrain(client, node, this)), m_cluster(cluster), m_node(node)
{
    setObjectName(QStringLiteral("nodeDrainDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Drain node %1").arg(node));
    resize(760, 520);
    auto *layout = new QVBoxLayout(this);
    m_state = new QLabel(tr("Draining <b>%1</b> on cluster <b>%2</b> marks it unschedulable, then evicts every pod on it "
                            "except DaemonSet-managed and mirror pods, including pods without a controller and pods with emptyDir "
                            "volumes (their data is lost). Evictions respect PodDisruptionBudgets: a refused "
                            "eviction is retried until the budget allows it or you cancel.")
                             .arg(node.toHtmlEscaped(), cluster.toHtmlEscaped()),
                         this);
    m_state->setObjectName(QStringLiteral("drainState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->hide();
    layout->addWidget(m_progress);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_pods = new QTreeWidget(split);
    m_pods->setObjectName(QStringLiteral("drainPods"));
    m_pods->setRootIsDecorated(false);
    m_pods->setHeaderLabels({tr("POD"), tr("STATE"), tr("MESSAGE")});
    m_pods->header()->setStretchLastSection(true);
    m_pods->setColumnWidth(0, 280);
    m_pods->setColumnWidth(1, 90);
    m_log = new QPlainTextEdit(split);
    m_log->setObjectName(QStringLiteral("drainLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("Drain"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("drainStart"));
    m_cancel = buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("drainCancel"));
    layout->addWidget(buttons);
    connect(m_start, &QPushButton::clicked, this, &NodeDrainDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_drain->phase() != NodeDrain::Phase::Idle && !m_drain->isFinished())
            m_drain->cancel();
        else
            close();
    });

    connect(m_drain, &NodeDrain::podsListed, this, &NodeDrainDialog::onListed);
    connect(m_drain, &NodeDrain::podChanged, this, &NodeDrainDialog::onPodChanged);
    connect(m_drain, &NodeDrain::phaseChanged, this, &NodeDrainDialog::onPhase);
    connect(m_drain, &NodeDrain::refused, this, [this](int index, const QString &message) {
        const auto &p = m_drain->pods().at(index);
        appendLog(tr("Refused %1/%2 (attempt %3): %4").arg(p.namespaceName, p.name).arg(p.attempts).arg(message));
    });
}

void NodeDrainDialog::start()
{
    if (m_drain->phase() != NodeDrain::Phase::Idle)
        return;
    m_start->setEnabled(false);
    m_start->hide();
    m_cancel->setText(tr("Cancel"));
    m_progress->show();
    appendLog(tr("Cordoning node %1").arg(m_node));
    m_drain->start();
}

void NodeDrainDialog::onListed()
{
    m_pods->clear();
    for (const auto &p : m_drain->pods()) {
        auto *item = new QTreeWidgetItem(m_pods, {p.namespaceName + QLatin1Char('/') + p.name, NodeDrain::stateName(p.state), p.message});
        item->setForeground(1, StatusStyle::color(stateOf(p.state), palette()));
        if (p.state == NodeDrain::Pod::Skipped)
            appendLog(tr("Skipping %1/%2: %3").arg(p.namespaceName, p.name, p.message));
    }
    m_progress->setRange(0, qMax(1, m_drain->pods().size() - m_drain->count(NodeDrain::Pod::Skipped)));
    updateProgress();
}

void NodeDrainDialog::onPodChanged(int index)
{
    const auto &p = m_drain->pods().at(index);
    if (QTreeWidgetItem *item = m_pods->topLevelItem(index)) {
        item->setText(1, NodeDrain::stateName(p.state));
        item->setText(2, p.message);
        item->setForeground(1, StatusStyle::color(stateOf(p.state), palette()));
    }
    if (p.state == NodeDrain::Pod::Evicted)
        appendLog(tr("Evicted %1/%2").arg(p.namespaceName, p.name));
    else if (p.state == NodeDrain::Pod::Gone)
        appendLog(tr("Pod %1/%2 is gone").arg(p.namespaceName, p.name));
    else if (p.state == NodeDrain::Pod::Failed)
        appendLog(tr("Failed to evict %1/%2: %3").arg(p.namespaceName, p.name, p.message));
    updateProgress();
}

void NodeDrainDialog::updateProgress()
{
    m_progress->setValue(m_drain->count(NodeDrain::Pod::Gone));
    m_progress->setFormat(tr("%v of %m pods gone"));
}

void NodeDrainDialog::onPhase(NodeDrain::Phase phase)
{
    const int skipped = m_drain->count(NodeDrain::Pod::Skipped);
    switch (phase) {
    case NodeDrain::Phase::Cordoning: m_state->setText(tr("Cordoning %1…").arg(m_node)); break;
    case NodeDrain::Phase::Listing: m_state->setText(tr("Listing the pods on %1…").arg(m_node)); break;
    case NodeDrain::Phase::Evicting:
        m_state->setText(tr("Evicting %1 pod(s), %2 skipped…").arg(m_drain->pods().size() - skipped).arg(skipped));
        break;
    case NodeDrain::Phase::Waiting: m_state->setText(tr("Waiting for evicted pods to terminate…")); break;
    case NodeDrain::Phase::Done:
        m_state->setText(tr("Node %1 drained: %2 pod(s) evicted, %3 skipped.").arg(m_node).arg(m_drain->count(NodeDrain::Pod::Gone)).arg(skipped));
        break;
    case NodeDrain::Phase::Cancelled:
        m_state->setText(tr("Drain cancelled. The node stays cordoned; %1 pod(s) were evicted.").arg(m_drain->count(NodeDrain::Pod::Gone) + m_drain->count(NodeDrain::Pod::Evicted)));
        break;
    case NodeDrain::Phase::Failed:
        m_state->setText(tr("Drain failed: %1").arg(m_drain->error() ? m_drain->error()->message : QString()));
        break;
    case NodeDrain::Phase::Idle: break;
    }
    appendLog(m_state->text());
    if (m_drain->isFinished()) {
        m_cancel->setText(tr("Close"));
        Q_EMIT drainFinished(phase);
    }
}

void NodeDrainDialog::appendLog(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

} // namespace acp::views
