#include "views/resources/DeleteDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace acp::views {

DeleteDialog::DeleteDialog(const QStringList &objects, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("deleteDialog"));
    setWindowTitle(tr("Delete"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(objects.size() == 1 ? tr("Delete this object?") : tr("Delete these %1 objects?").arg(objects.size()), this));
    auto *list = new QListWidget(this);
    list->setObjectName(QStringLiteral("deleteObjects"));
    list->addItems(objects);
    list->setMaximumHeight(160);
    layout->addWidget(list);
    auto *form = new QFormLayout;
    m_policy = new QComboBox(this);
    m_policy->setObjectName(QStringLiteral("propagationPolicy"));
    m_policy->addItem(tr("Background: delete now, dependents are removed afterwards"), QStringLiteral("Background"));
    m_policy->addItem(tr("Foreground: keep until every dependent is deleted"), QStringLiteral("Foreground"));
    m_policy->addItem(tr("Orphan: delete only this, keep its dependents"), QStringLiteral("Orphan"));
    form->addRow(tr("Propagation:"), m_policy);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Delete"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString DeleteDialog::propagationPolicy() const
{
    return m_policy->currentData().toString();
}

} // namespace acp::views
