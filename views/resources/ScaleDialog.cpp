#include "views/resources/ScaleDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace acp::views {

ScaleDialog::ScaleDialog(const QString &target, int currentReplicas, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("scaleDialog"));
    setWindowTitle(tr("Scale"));
    auto *layout = new QVBoxLayout(this);
    auto *what = new QLabel(tr("Scale %1").arg(target), this);
    what->setWordWrap(true);
    layout->addWidget(what);
    auto *form = new QFormLayout;
    m_spin = new QSpinBox(this);
    m_spin->setObjectName(QStringLiteral("replicas"));
    m_spin->setRange(0, 10000);
    m_spin->setValue(qMax(0, currentReplicas));
    form->addRow(tr("Replicas (now %1):").arg(currentReplicas), m_spin);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Scale"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_spin->selectAll();
    m_spin->setFocus();
}

int ScaleDialog::replicas() const
{
    return m_spin->value();
}

} // namespace acp::views
