#include "views/projects/BatchQuotaDialog.h"

#include "models/ProjectQuotaBatch.h"
#include "models/ProjectSpec.h"
#include "views/common/StatusStyle.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace acp::views {

using models::ProjectSpec;

BatchQuotaDialog::BatchQuotaDialog(const api::KubeClient &platform, const QStringList &fleetClusters, std::function<QJsonObject()> project,
                                   QWidget *parent)
    : QDialog(parent), m_project(std::move(project))
{
    const ProjectSpec current = ProjectSpec::fromJson(m_project());
    setWindowTitle(tr("Set quota of project %1 on many clusters").arg(current.name));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Clusters (checked clusters not yet in the project are added to it):"), this));
    m_clusters = new QListWidget(this);
    m_clusters->setMaximumHeight(120);
    QStringList all = current.clusterNames();
    for (const QString &c : fleetClusters)
        if (!all.contains(c))
            all << c;
    for (const QString &c : all) {
        auto *item = new QListWidgetItem(c, m_clusters);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(current.cluster(c) ? Qt::Checked : Qt::Unchecked);
    }
    layout->addWidget(m_clusters);

    layout->addWidget(new QLabel(tr("Values (set on every checked cluster; empty = unchanged):"), this));
    auto *grid = new QGridLayout;
    int i = 0;
    for (const ProjectSpec::QuotaKey &k : ProjectSpec::quotaKeys()) {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(k.hint);
        m_values.insert(k.name, edit);
        grid->addWidget(new QLabel(k.label, this), i / 2, (i % 2) * 2);
        grid->addWidget(edit, i / 2, (i % 2) * 2 + 1);
        ++i;
    }
    layout->addLayout(grid);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    m_batch = new models::ProjectQuotaBatch(platform, this);
    m_results = new QTableView(this);
    m_results->setModel(m_batch);
    auto *delegate = new StatusDelegate(models::ProjectQuotaBatch::StateRole, m_results);
    delegate->setStatusColumn(models::ProjectQuotaBatch::ResultColumn);
    m_results->setItemDelegate(delegate);
    m_results->horizontalHeader()->setSectionResizeMode(models::ProjectQuotaBatch::ClusterColumn, QHeaderView::ResizeToContents);
    m_results->horizontalHeader()->setSectionResizeMode(models::ProjectQuotaBatch::ResultColumn, QHeaderView::Stretch);
    m_results->verticalHeader()->hide();
    m_results->setWordWrap(true);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_results, 1);
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detail);
    connect(m_results->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        const QModelIndex cluster = m_batch->index(current.row(), models::ProjectQuotaBatch::ClusterColumn);
        const QModelIndex result = m_batch->index(current.row(), models::ProjectQuotaBatch::ResultColumn);
        m_detail->setText(current.isValid() ? cluster.data().toString() + QStringLiteral(": ") + result.data().toString() : QString());
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::ApplyRole);
    layout->addWidget(buttons);
    connect(m_apply, &QPushButton::clicked, this, &BatchQuotaDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_batch, &models::ProjectQuotaBatch::finished, this, [this](int ok, int failed) {
        m_apply->setEnabled(true);
        // Show the first failure in full (the table elides long messages).
        for (int r = 0; r < m_batch->rowCount(); ++r)
            if (m_batch->index(r, 0).data(models::ProjectQuotaBatch::StatusRole).toInt() == models::ProjectQuotaBatch::Failed) {
                m_results->setCurrentIndex(m_batch->index(r, models::ProjectQuotaBatch::ResultColumn));
                break;
            }
        if (failed == 0)
            showMessage(tr("Quota set on %n cluster(s).", nullptr, ok), false);
        else
            showMessage(tr("Quota set on %1 of %2 clusters; %3 failed (see the results below; nothing else was changed there).")
                            .arg(ok).arg(ok + failed).arg(failed), true);
    });
    resize(760, 560);
}

void BatchQuotaDialog::setClusterChecked(const QString &cluster, bool checked)
{
    for (QListWidgetItem *item : m_clusters->findItems(cluster, Qt::MatchExactly))
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

QStringList BatchQuotaDialog::checkedClusters() const
{
    QStringList out;
    for (int i = 0; i < m_clusters->count(); ++i)
        if (m_clusters->item(i)->checkState() == Qt::Checked)
            out << m_clusters->item(i)->text();
    return out;
}

void BatchQuotaDialog::showMessage(const QString &text, bool error)
{
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, StatusStyle::color(error ? models::ObjectStatus::Error : models::ObjectStatus::Ok, palette()));
    m_message->setPalette(p);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void BatchQuotaDialog::apply()
{
    QMap<QString, QString> values;
    for (const ProjectSpec::QuotaKey &k : ProjectSpec::quotaKeys()) {
        const QString v = m_values.value(k.name)->text().trimmed();
        if (v.isEmpty())
            continue;
        if (auto problem = ProjectSpec::validateQuantity(k.name, v)) {
            showMessage(*problem, true);
            return;
        }
        values.insert(k.name, v);
    }
    const QStringList clusters = checkedClusters();
    if (clusters.isEmpty() || values.isEmpty()) {
        showMessage(clusters.isEmpty() ? tr("Check at least one cluster.") : tr("Enter at least one value."), true);
        return;
    }
    showMessage(tr("Setting quota on %n cluster(s)…", nullptr, int(clusters.size())), false);
    if (m_batch->start(m_project(), clusters, values))
        m_apply->setEnabled(false);
}

} // namespace acp::views
