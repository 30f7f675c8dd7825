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
    m_clusters = clusters;
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    setIntro(namespaceCount < 0 ? tr("its namespaces (counting…)") : tr("its %n namespace(s)", nullptr, namespaceCount));
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

void DeleteProjectDialog::setIntro(const QString &what)
{
    const QString where = m_clusters.isEmpty() ? tr("no clusters") : m_clusters.join(QStringLiteral(", "));
    m_intro->setText(tr("Project <b>%1</b> is bound to %2. What should happen to %3?").arg(m_project.toHtmlEscaped(), where.toHtmlEscaped(), what));
}

void DeleteProjectDialog::setNamespaces(const std::optional<QStringList> &namespaces)
{
    if (!namespaces) {
        setIntro(tr("its namespaces (they could not all be listed)"));
        return;
    }
    QString what = tr("its %n namespace(s)", nullptr, int(namespaces->size()));
    if (!namespaces->isEmpty()) {
        QStringList shown = namespaces->mid(0, 8);
        if (namespaces->size() > 8)
            shown << QStringLiteral("…");
        what += QStringLiteral(" (") + shown.join(QStringLiteral(", ")).toHtmlEscaped() + QLatin1Char(')');
    }
    setIntro(what);
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
