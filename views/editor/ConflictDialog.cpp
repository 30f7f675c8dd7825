#include "views/editor/ConflictDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::views {

ConflictDialog::ConflictDialog(const QString &object, const QList<models::ApplyConflict> &conflicts, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Apply conflicts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Server-side apply of %1 conflicts with fields owned by other managers.\n"
                                "Force takes these fields over; Drop applies your edit without them.")
                                 .arg(object),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("conflictList"));
    m_list->setHeaderLabels({tr("Field"), tr("Owned by")});
    m_list->setRootIsDecorated(false);
    for (const models::ApplyConflict &c : conflicts) {
        auto *item = new QTreeWidgetItem(m_list, {c.field, c.manager});
        item->setToolTip(0, c.message);
        item->setToolTip(1, c.message);
    }
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(this);
    m_force = buttons->addButton(tr("Force"), QDialogButtonBox::AcceptRole);
    m_force->setObjectName(QStringLiteral("forceButton"));
    m_drop = buttons->addButton(tr("Drop these fields"), QDialogButtonBox::AcceptRole);
    m_drop->setObjectName(QStringLiteral("dropButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    connect(m_force, &QPushButton::clicked, this, [this] { m_choice = Choice::Force; accept(); });
    connect(m_drop, &QPushButton::clicked, this, [this] { m_choice = Choice::Drop; accept(); });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 300);
}

} // namespace acp::views
