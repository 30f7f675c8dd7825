#include "views/projects/DeleteProjectDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace acp::views {

DeleteProjectDialog::DeleteProjectDialog(const QString &project, int namespaceCount, const QStringList &clusters, QWidget *parent)
    : QDialog(parent), m_project(project)
{
    setWindowTitle(tr("Delete project %1").arg(project));
    auto *layout = new QVBoxLayout(this);
    const QString where = clusters.isEmpty() ? tr("no clusters") : clusters.join(QStringLiteral(", "));
    const QString count = namespaceCount < 0 ? tr("its namespaces") : tr("its %n namespace(s)", nullptr, namespaceCount);
    auto *intro = new QLabel(tr("Project <b>%1</b> is bound to %2. What should happen to %3?").arg(project.toHtmlEscaped(), where.toHtmlEscaped(), count), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_retain = new QRadioButton(tr("&Retain namespaces"), this);
    auto *retainText = new QLabel(tr("Only the project is deleted. Its namespaces, workloads and data stay in their clusters, "
                                     "still labelled cpaas.io/project=%1, and can be managed per cluster.").arg(project), this);
    m_delete = new QRadioButton(tr("&Delete namespaces"), this);
    auto *deleteText = new QLabel(tr("The project and every one of its namespaces in every cluster are deleted, with all "
                                     "workloads, volume claims and secrets in them. This cannot be undone."), this);
    for (QLabel *l : {retainText, deleteText}) {
        l->setWordWrap(true);
        l->setIndent(24);
    }
    m_retain->setChecked(true);
    layout->addWidget(m_retain);
    layout->addWidget(retainText);
    layout->addWidget(m_delete);
    layout->addWidget(deleteText);
    m_confirmLabel = new QLabel(tr("Type the project name to confirm deleting its namespaces:"), this);
    m_confirm = new QLineEdit(this);
    m_confirm->setPlaceholderText(project);
    layout->addWidget(m_confirmLabel);
    layout->addWidget(m_confirm);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retain, &QRadioButton::toggled, this, &DeleteProjectDialog::update);
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteProjectDialog::update);
    update();
    resize(520, sizeHint().height());
}

bool DeleteProjectDialog::reclaimNamespaces() const
{
    return m_delete->isChecked();
}

void DeleteProjectDialog::update()
{
    const bool reclaim = m_delete->isChecked();
    m_confirmLabel->setVisible(reclaim);
    m_confirm->setVisible(reclaim);
    m_ok->setText(reclaim ? tr("Delete project and namespaces") : tr("Delete project"));
    m_ok->setEnabled(!reclaim || m_confirm->text() == m_project);
}

} // namespace acp::views
