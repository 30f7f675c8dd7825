#include "views/clusters/ClusterEventsTab.h"

#include "views/common/ResourceTableView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace acp::views {

ClusterEventsTab::ClusterEventsTab(PageContext *context, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Type:"), this));
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("eventType"));
    m_type->addItem(tr("All"), QString());
    m_type->addItem(tr("Normal"), QStringLiteral("Normal"));
    m_type->addItem(tr("Warning"), QStringLiteral("Warning"));
    bar->addWidget(m_type);
    bar->addWidget(new QLabel(tr("Reason:"), this));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("eventReason"));
    m_reason->setPlaceholderText(tr("exact reason, e.g. BackOff (Enter)"));
    m_reason->setClearButtonEnabled(true);
    bar->addWidget(m_reason, 1);
    layout->addLayout(bar);
    m_table = new ResourceTableView(context, this);
    m_table->setObjectName(QStringLiteral("eventsTable"));
    m_table->filterEdit()->setPlaceholderText(tr("Involved object name contains…"));
    layout->addWidget(m_table, 1);

    connect(m_type, &QComboBox::currentIndexChanged, this, &ClusterEventsTab::requery);
    connect(m_reason, &QLineEdit::editingFinished, this, &ClusterEventsTab::requery);
    connect(m_reason, &QLineEdit::textChanged, this, [this](const QString &t) {
        if (t.isEmpty())
            requery();
    });
}

QLineEdit *ClusterEventsTab::objectFilter() const
{
    return m_table->filterEdit();
}

QString ClusterEventsTab::fieldSelector() const
{
    QStringList parts;
    const QString type = m_type->currentData().toString();
    if (!type.isEmpty())
        parts << QStringLiteral("type=") + type;
    const QString reason = m_reason->text().trimmed();
    if (!reason.isEmpty() && !reason.contains(QLatin1Char(',')) && !reason.contains(QLatin1Char('=')))
        parts << QStringLiteral("reason=") + reason;
    return parts.join(QLatin1Char(','));
}

void ClusterEventsTab::setCluster(const QString &cluster)
{
    m_cluster = cluster;
    requery();
}

void ClusterEventsTab::requery()
{
    if (m_cluster.isEmpty())
        return;
    m_table->setQuery({QStringLiteral("events"), {m_cluster}, QString(), QString(), fieldSelector()});
}

} // namespace acp::views
