#include "views/editor/FieldOwnershipView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::views {

FieldOwnershipView::FieldOwnershipView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_managers = new QComboBox(this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter fields"));
    m_filter->setClearButtonEnabled(true);
    m_status = new QLabel(this);
    bar->addWidget(new QLabel(tr("Manager:"), this));
    bar->addWidget(m_managers);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_status);
    layout->addLayout(bar);
    m_table = new QTreeWidget(this);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSortingEnabled(true);
    m_table->setHeaderLabels({tr("Field"), tr("Manager"), tr("Operation"), tr("API version"), tr("Time"), tr("Subresource")});
    m_table->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 6; ++c)
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    layout->addWidget(m_table, 1);
    connect(m_managers, &QComboBox::currentIndexChanged, this, &FieldOwnershipView::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, this, &FieldOwnershipView::applyFilter);
}

void FieldOwnershipView::setObject(const QJsonObject &object)
{
    setOwnership(models::FieldOwnership::fromObject(object));
}

void FieldOwnershipView::setOwnership(const models::FieldOwnership &ownership)
{
    m_ownership = ownership;
    m_managers->blockSignals(true);
    m_managers->clear();
    m_managers->addItem(tr("All managers"), QString());
    for (const QString &m : ownership.managers())
        m_managers->addItem(m, m);
    m_managers->blockSignals(false);
    m_table->clear();
    QList<QTreeWidgetItem *> items;
    for (const models::FieldOwnershipRow &r : ownership.rows()) {
        auto *item = new QTreeWidgetItem({r.path, r.manager, r.operation, r.apiVersion, r.time, r.subresource});
        item->setToolTip(0, r.path);
        items.append(item);
    }
    m_table->addTopLevelItems(items);
    applyFilter();
}

void FieldOwnershipView::setManagerFilter(const QString &manager)
{
    const int i = m_managers->findData(manager);
    m_managers->setCurrentIndex(std::max(0, i));
}

void FieldOwnershipView::setFieldFilter(const QString &text)
{
    m_filter->setText(text);
}

void FieldOwnershipView::applyFilter()
{
    const QString manager = m_managers->currentData().toString();
    const QString text = m_filter->text().trimmed();
    int shown = 0;
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_table->topLevelItem(i);
        const bool visible = (manager.isEmpty() || item->text(1) == manager) && (text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive));
        item->setHidden(!visible);
        shown += visible;
    }
    m_status->setText(m_ownership.isEmpty() ? tr("No managed fields") : tr("%1 of %2 fields").arg(shown).arg(m_table->topLevelItemCount()));
}

int FieldOwnershipView::visibleRowCount() const
{
    int n = 0;
    for (int i = 0; i < m_table->topLevelItemCount(); ++i)
        n += !m_table->topLevelItem(i)->isHidden();
    return n;
}

} // namespace acp::views
