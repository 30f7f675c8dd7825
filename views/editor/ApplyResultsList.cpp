#include "views/editor/ApplyResultsList.h"

#include "models/ApplyEngine.h"
#include "models/ClusterConnection.h"
#include "views/common/ErrorBanner.h"

#include <QHeaderView>
#include <QStyle>

#include <algorithm>
#include <vector>

namespace acp::views {

ApplyResultsList::ApplyResultsList(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("applyResults"));
    setHeaderLabels({tr("Object"), tr("Result"), tr("Warnings"), tr("Line")});
    setRootIsDecorated(false);
    setWordWrap(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT documentActivated(item->data(3, Qt::UserRole).toInt());
    });
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        Q_EMIT documentActivated(item->data(3, Qt::UserRole).toInt());
    });
}

void ApplyResultsList::setResults(const QList<models::ApplyResult> &results)
{
    clear();
    m_results = results;
    std::vector<models::ApplyResult> sorted(results.begin(), results.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.index < b.index; });
    for (const models::ApplyResult &r : sorted) {
        const QString object = r.name.isEmpty() ? r.kind : QStringLiteral("%1/%2").arg(r.kind, r.name);
        const QString outcome = r.ok() ? models::ApplyEngine::actionText(r) : ErrorBanner::describe(*r.error);
        auto *item = new QTreeWidgetItem(this, {object, outcome, r.warnings.join(QLatin1Char('\n')), QString::number(r.line)});
        item->setData(3, Qt::UserRole, r.line);
        item->setToolTip(1, outcome);
        item->setIcon(0, style()->standardIcon(r.ok() ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical));
    }
}

int ApplyResultsList::failures() const
{
    return int(std::count_if(m_results.begin(), m_results.end(), [](const auto &r) { return !r.ok(); }));
}

QString ApplyResultsList::summary() const
{
    const int failed = failures();
    return tr("%1 applied, %2 failed").arg(m_results.size() - failed).arg(failed);
}

} // namespace acp::views
