#include "views/projects/ProjectDialog.h"

#include "api/ApiError.h"
#include "views/common/StatusStyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace acp::views {

using models::ProjectSpec;

ProjectDialog::ProjectDialog(const QStringList &clusters, const std::optional<ProjectSpec> &existing, Submit submit, QWidget *parent)
    : QDialog(parent), m_editing(existing.has_value()), m_submit(std::move(submit))
{
    setWindowTitle(m_editing ? tr("Edit project %1").arg(existing->name) : tr("Create project"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("lowercase letters, digits and '-', e.g. team-a"));
    m_displayName = new QLineEdit(this);
    m_description = new QLineEdit(this);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Display name"), m_displayName);
    form->addRow(tr("D&escription"), m_description);
    m_clusters = new QListWidget(this);
    m_clusters->setMaximumHeight(110);
    for (const QString &c : clusters) {
        auto *item = new QListWidgetItem(c, m_clusters);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    form->addRow(tr("&Clusters"), m_clusters);
    layout->addLayout(form);

    auto *quotaLabel = new QLabel(tr("Quota per cluster (Kubernetes quantities such as 2, 500m, 4Gi; empty = no limit):"), this);
    layout->addWidget(quotaLabel);
    m_quota = new QTableWidget(0, int(ProjectSpec::quotaKeys().size()), this);
    QStringList headers;
    for (const ProjectSpec::QuotaKey &k : ProjectSpec::quotaKeys())
        headers << k.label;
    m_quota->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < ProjectSpec::quotaKeys().size(); ++i)
        m_quota->horizontalHeaderItem(i)->setToolTip(ProjectSpec::quotaKeys().at(i).name + QStringLiteral(": ") + ProjectSpec::quotaKeys().at(i).hint);
    m_quota->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_quota->setMinimumHeight(120);
    layout->addWidget(m_quota, 1);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(m_editing ? tr("Save") : tr("Create"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProjectDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (existing) {
        m_name->setText(existing->name);
        m_name->setReadOnly(true);
        m_displayName->setText(existing->displayName);
        m_description->setText(existing->description);
        for (const models::ProjectCluster &c : existing->clusters) {
            m_values.insert(c.name, c.quota);
            m_order << c.name;
            if (m_clusters->findItems(c.name, Qt::MatchExactly).isEmpty()) {
                auto *item = new QListWidgetItem(c.name, m_clusters);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            }
            m_clusters->findItems(c.name, Qt::MatchExactly).constFirst()->setCheckState(Qt::Checked);
        }
    }
    rebuildQuotaRows();
    connect(m_clusters, &QListWidget::itemChanged, this, [this] { rebuildQuotaRows(); });
    connect(m_quota, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        const QString cluster = m_quota->verticalHeaderItem(item->row())->text();
        m_values[cluster].insert(ProjectSpec::quotaKeys().at(item->column()).name, item->text());
    });
    resize(820, 520);
}

void ProjectDialog::rebuildQuotaRows()
{
    const QSignalBlocker block(m_quota);
    QStringList now;
    for (int i = 0; i < m_clusters->count(); ++i)
        if (m_clusters->item(i)->checkState() == Qt::Checked)
            now << m_clusters->item(i)->text();
    m_order.removeIf([&now](const QString &c) { return !now.contains(c); });
    for (const QString &c : std::as_const(now))
        if (!m_order.contains(c))
            m_order << c;
    const QStringList checked = m_order;
    m_quota->setRowCount(int(checked.size()));
    m_quota->setVerticalHeaderLabels(checked);
    const auto &keys = ProjectSpec::quotaKeys();
    for (int r = 0; r < checked.size(); ++r)
        for (int c = 0; c < keys.size(); ++c) {
            auto *item = new QTableWidgetItem(m_values.value(checked.at(r)).value(keys.at(c).name));
            item->setToolTip(keys.at(c).hint);
            m_quota->setItem(r, c, item);
        }
}

ProjectSpec ProjectDialog::spec() const
{
    ProjectSpec s;
    s.name = m_name->text().trimmed();
    s.displayName = m_displayName->text().trimmed();
    s.description = m_description->text().trimmed();
    const auto &keys = ProjectSpec::quotaKeys();
    for (int r = 0; r < m_quota->rowCount(); ++r) {
        models::ProjectCluster pc;
        pc.name = m_quota->verticalHeaderItem(r)->text();
        for (int c = 0; c < keys.size(); ++c)
            if (const QTableWidgetItem *item = m_quota->item(r, c); item && !item->text().trimmed().isEmpty())
                pc.quota.insert(keys.at(c).name, item->text().trimmed());
        s.clusters << pc;
    }
    return s;
}

void ProjectDialog::setClusterChecked(const QString &cluster, bool checked)
{
    for (QListWidgetItem *item : m_clusters->findItems(cluster, Qt::MatchExactly))
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

bool ProjectDialog::setQuota(const QString &cluster, const QString &key, const QString &value)
{
    const auto &keys = ProjectSpec::quotaKeys();
    int column = -1;
    for (int c = 0; c < keys.size(); ++c)
        if (keys.at(c).name == key)
            column = c;
    for (int r = 0; r < m_quota->rowCount() && column >= 0; ++r)
        if (m_quota->verticalHeaderItem(r)->text() == cluster) {
            m_quota->item(r, column)->setText(value);
            return true;
        }
    return false;
}

void ProjectDialog::showProblem(const QString &text)
{
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, StatusStyle::color(models::ObjectStatus::Error, palette()));
    m_message->setPalette(p);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ProjectDialog::submit()
{
    const ProjectSpec s = spec();
    if (auto problem = s.validate()) {
        showProblem(*problem);
        return;
    }
    if (!m_editing && s.clusters.isEmpty()) {
        showProblem(tr("Choose at least one cluster for the project."));
        return;
    }
    showProblem(QString());
    m_ok->setEnabled(false);
    m_submit(s, [this, self = QPointer(this)](const std::optional<api::ApiError> &error) {
        if (!self)
            return;   // closed meanwhile
        m_ok->setEnabled(true);
        if (error) {
            showProblem(error->message);
            return;
        }
        accept();
    });
}

} // namespace acp::views
