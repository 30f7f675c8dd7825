#include "views/clusters/ClusterOverviewTab.h"

#include "models/FleetHealthFeed.h"
#include "models/FleetHealthModel.h"
#include "models/PrinterFormat.h"
#include "views/common/StatusStyle.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::views {

using models::FleetHealthModel;
namespace fh = models::fleethealth;

ClusterOverviewTab::ClusterOverviewTab(PageContext *context, QWidget *parent) : QWidget(parent), m_context(context)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *infoBox = new QGroupBox(tr("Cluster"), this);
    auto *form = new QFormLayout(infoBox);
    const QList<QPair<QString, QString>> fields{{QStringLiteral("status"), tr("Status")}, {QStringLiteral("version"), tr("Kubernetes version")},
                                                {QStringLiteral("type"), tr("Type")}, {QStringLiteral("endpoint"), tr("API endpoint")},
                                                {QStringLiteral("registered"), tr("Registered endpoint")}, {QStringLiteral("age"), tr("Age")}};
    for (const auto &f : fields) {
        auto *l = new QLabel(infoBox);
        l->setObjectName(f.first);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(f.second + QLatin1Char(':'), l);
        m_fields.insert(f.first, l);
    }
    top->addWidget(infoBox, 1);
    auto *capBox = new QGroupBox(tr("Capacity and usage"), this);
    auto *cap = new QFormLayout(capBox);
    for (const auto &f : QList<QPair<QString, QString>>{{QStringLiteral("nodes"), tr("Nodes ready")}, {QStringLiteral("pods"), tr("Pods")}}) {
        auto *l = new QLabel(capBox);
        l->setObjectName(f.first);
        cap->addRow(f.second + QLatin1Char(':'), l);
        m_fields.insert(f.first, l);
    }
    m_cpu = new QProgressBar(capBox);
    m_cpu->setObjectName(QStringLiteral("cpuBar"));
    m_memory = new QProgressBar(capBox);
    m_memory->setObjectName(QStringLiteral("memoryBar"));
    for (QProgressBar *b : {m_cpu, m_memory}) {
        b->setRange(0, 100);
        b->setTextVisible(true);
        b->setMinimumWidth(260);
    }
    cap->addRow(tr("CPU requested:"), m_cpu);
    cap->addRow(tr("Memory requested:"), m_memory);
    top->addWidget(capBox, 1);
    layout->addLayout(top);

    auto *condBox = new QGroupBox(tr("Conditions"), this);
    auto *condLayout = new QVBoxLayout(condBox);
    m_conditions = new QTreeWidget(condBox);
    m_conditions->setObjectName(QStringLiteral("clusterConditions"));
    m_conditions->setRootIsDecorated(false);
    m_conditions->setHeaderLabels({tr("TYPE"), tr("STATUS"), tr("REASON"), tr("LAST HEARTBEAT"), tr("MESSAGE")});
    m_conditions->header()->setStretchLastSection(true);
    const int em = m_conditions->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    for (int c = 0; c < 4; ++c)
        m_conditions->setColumnWidth(c, (c == 0 ? 14 : c == 1 ? 6 : 11) * em);
    m_conditionsNote = new QLabel(condBox);
    m_conditionsNote->setWordWrap(true);
    condLayout->addWidget(m_conditionsNote);
    condLayout->addWidget(m_conditions, 1);
    layout->addWidget(condBox, 1);

    m_tick.setInterval(5000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (m_model)
            m_model->refreshTimes();
    });
}

QLabel *ClusterOverviewTab::field(const QString &name) const
{
    return m_fields.value(name);
}

void ClusterOverviewTab::setCluster(const QString &cluster)
{
    if (cluster == m_cluster)
        return;
    m_cluster = cluster;
    delete m_feed;
    delete m_model;
    m_model = new FleetHealthModel(this);
    m_feed = new models::FleetHealthFeed(m_context->fleet(), m_model, this);
    m_feed->setClusters({cluster});
    connect(m_model, &FleetHealthModel::summaryChanged, this, &ClusterOverviewTab::refresh);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ClusterOverviewTab::refresh);
    m_feed->start();
    m_tick.start();
    refresh();
}

void ClusterOverviewTab::refresh()
{
    if (!m_model)
        return;
    const auto s = m_model->summary(m_cluster);
    auto *status = m_fields.value(QStringLiteral("status"));
    const QColor c = StatusStyle::color(s.health.status.state, palette());
    status->setText(QStringLiteral("<span style='color:%1'>&#9679;</span> %2").arg(c.name(), s.health.status.reason.toHtmlEscaped()));
    status->setToolTip(s.health.detail);
    m_fields.value(QStringLiteral("version"))->setText(s.version);
    m_fields.value(QStringLiteral("type"))->setText(s.type.isEmpty() ? QStringLiteral("\u2014") : s.type);
    auto *conn = m_context->fleet()->existingConnection(m_cluster);
    m_fields.value(QStringLiteral("endpoint"))->setText(conn ? conn->client().config().server.toString() : QString());
    const QJsonObject obj = s.clusterObject.isNull() ? QJsonObject() : s.clusterObject.json();
    QStringList registered;
    for (const QJsonValue &v : models::format::array(obj, QLatin1String("spec.kubernetesApiEndpoints.serverEndpoints")))
        registered << v.toObject().value(QLatin1String("serverAddress")).toString();
    m_fields.value(QStringLiteral("registered"))->setText(registered.isEmpty() ? QStringLiteral("\u2014") : registered.join(QStringLiteral(", ")));
    m_fields.value(QStringLiteral("age"))->setText(s.created.isValid() ? models::format::humanDuration(s.created.msecsTo(QDateTime::currentDateTimeUtc())) : QString());
    auto *nodes = m_fields.value(QStringLiteral("nodes"));
    nodes->setText(!s.nodesError.isEmpty() ? tr("unavailable: %1").arg(s.nodesError)
                   : s.nodesKnown          ? QStringLiteral("%1 of %2").arg(s.nodesReady).arg(s.nodesTotal)
                                           : tr("loading…"));
    nodes->setWordWrap(true);
    auto *pods = m_fields.value(QStringLiteral("pods"));
    pods->setText(!s.podsError.isEmpty() ? tr("unavailable: %1").arg(s.podsError) : QString::number(s.pods));
    pods->setWordWrap(true);
    auto bar = [](QProgressBar *b, qint64 req, qint64 alloc, const QString &text) {
        b->setValue(alloc > 0 ? int(qMin<qint64>(100, (req * 100 + alloc / 2) / alloc)) : 0);
        b->setFormat(text.isEmpty() ? QStringLiteral("—") : text);
    };
    bar(m_cpu, s.cpuRequestedMilli, s.cpuAllocatableMilli,
        fh::formatUsage(fh::formatCpu(s.cpuRequestedMilli), fh::formatCpu(s.cpuAllocatableMilli) + tr(" cores"), s.cpuRequestedMilli, s.cpuAllocatableMilli));
    bar(m_memory, s.memoryRequestedBytes, s.memoryAllocatableBytes,
        fh::formatUsage(fh::formatMemory(s.memoryRequestedBytes), fh::formatMemory(s.memoryAllocatableBytes), s.memoryRequestedBytes, s.memoryAllocatableBytes));

    m_conditions->clear();
    const QJsonArray conds = models::format::array(obj, QLatin1String("status.conditions"));
    for (const QJsonValue &v : conds) {
        const QJsonObject cond = v.toObject();
        const bool bad = cond.value(QLatin1String("status")).toString() == QLatin1String("True");
        const QString beat = cond.value(QLatin1String("lastHeartbeatTime")).toString();
        auto *item = new QTreeWidgetItem(m_conditions, {cond.value(QLatin1String("type")).toString(), cond.value(QLatin1String("status")).toString(),
                                                        cond.value(QLatin1String("reason")).toString(),
                                                        beat.isEmpty() ? QString() : models::format::timestampSince(beat, QDateTime::currentDateTimeUtc()) + tr(" ago"),
                                                        cond.value(QLatin1String("message")).toString()});
        item->setForeground(1, StatusStyle::color(bad ? models::ObjectStatus::Warning : models::ObjectStatus::Ok, palette()));
    }
    m_conditions->setVisible(!conds.isEmpty());
    m_conditionsNote->setText(conds.isEmpty() ? (m_context->fleet()->isAcp() ? tr("The platform reports no conditions for this cluster yet.")
                                                                             : tr("Cluster conditions come from the ACP platform; this cluster comes from a kubeconfig, "
                                                                                  "so its status is its connection and its nodes' readiness."))
                                              : tr("Conditions reported by the ACP platform (True means a problem)."));
}

} // namespace acp::views
