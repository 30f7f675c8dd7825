#include "views/clusters/FleetPage.h"

#include "models/FleetHealthFeed.h"
#include "models/FleetHealthModel.h"
#include "models/AccessReviewCache.h"
#include "views/clusters/RegisterClusterDialog.h"
#include "views/common/StatusStyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace acp::views {

using models::FleetHealthModel;

FleetPage::FleetPage(PageContext *context, QWidget *parent)
    : Page(context, parent), m_model(new FleetHealthModel(this)), m_feed(new models::FleetHealthFeed(context->fleet(), m_model, this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Clusters"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FleetHealthModel::SortRole);
    m_proxy->setFilterKeyColumn(FleetHealthModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);

    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("clusterFilter"));
    m_filter->setPlaceholderText(tr("Filter clusters by name"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("fleetState"));
    bar->addWidget(m_state);
    m_registerButton = new QPushButton(tr("Register cluster…"), this);
    m_registerButton->setObjectName(QStringLiteral("registerClusterButton"));
    m_registerButton->setVisible(context->fleet()->isAcp() && context->fleet()->hasCluster(QStringLiteral("global")));
    m_registerButton->setEnabled(false);
    bar->addWidget(m_registerButton);
    contentLayout()->addLayout(bar);
    connect(m_registerButton, &QPushButton::clicked, this, &FleetPage::openRegisterDialog);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("fleetTable"));
    m_view->setModel(m_proxy);
    StatusStyle::styleTable(m_view);
    m_view->sortByColumn(FleetHealthModel::Name, Qt::AscendingOrder);
    auto *delegate = new StatusDelegate(FleetHealthModel::StatusRole, this);
    delegate->setStatusColumn(FleetHealthModel::Status);
    m_view->setItemDelegate(delegate);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const int widths[] = {14, 14, 8, 9, 6, 15, 17, 6, 6};
    for (int c = 0; c < FleetHealthModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * em);
    contentLayout()->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QAbstractItemView::activated, this, &FleetPage::openCluster);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &FleetPage::updateState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &FleetPage::updateState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &FleetPage::updateState);
    m_tick.setInterval(5000);
    connect(&m_tick, &QTimer::timeout, m_model, &FleetHealthModel::refreshTimes);
}

void FleetPage::activate(const QVariantMap &args)
{
    Q_UNUSED(args)
    m_feed->start();
    m_tick.start();
    if (!m_registryAccess && m_registerButton->isVisibleTo(this)) {
        if (auto *global = fleet()->connection(QStringLiteral("global"))) {
            m_registryAccess = models::AccessReviewCache::of(global);
            connect(m_registryAccess, &models::AccessReviewCache::answered, this, &FleetPage::updateRegisterButton);
        }
    }
    updateRegisterButton();
    updateState();
}

namespace {

// Registering writes a credential Secret and a Cluster into cpaas-system of global.
const QList<models::AccessQuestion> &registerQuestions()
{
    static const QList<models::AccessQuestion> q{
        {QStringLiteral("create"), QString(), QStringLiteral("secrets"), QString(), QStringLiteral("cpaas-system"), QString()},
        {QStringLiteral("create"), QStringLiteral("clusterregistry.k8s.io"), QStringLiteral("clusters"), QString(), QStringLiteral("cpaas-system"), QString()}};
    return q;
}

} // namespace

void FleetPage::updateRegisterButton()
{
    bool allowed = bool(m_registryAccess);
    QString why = m_registryAccess ? QString() : tr("The global cluster is not connected");
    if (m_registryAccess)
        for (const models::AccessQuestion &q : registerQuestions()) {
            const models::AccessAnswer a = m_registryAccess->answer(q);
            if (a.isAllowed())
                continue;
            allowed = false;
            if (why.isEmpty())
                why = a.isKnown() ? m_registryAccess->explain(q) : tr("Checking permissions…");
        }
    m_registerButton->setEnabled(allowed);
    m_registerButton->setToolTip(allowed ? tr("Import an existing cluster into the platform") : why);
}

void FleetPage::openRegisterDialog()
{
    auto *global = fleet()->connection(QStringLiteral("global"));
    if (!global || !m_registerButton->isEnabled())
        return;
    if (m_registerDialog)
        m_registerDialog->close();
    m_registerDialog = new RegisterClusterDialog(global->client(), this);
    m_registerDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_registerDialog->show();
}

QString FleetPage::currentCluster() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(FleetHealthModel::ClusterRole).toString() : QString();
}

void FleetPage::openCluster(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    navigator()->openPage(QStringLiteral("cluster"), {{QStringLiteral("cluster"), index.data(FleetHealthModel::ClusterRole).toString()}});
}

void FleetPage::updateState()
{
    int ok = 0, bad = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const auto state = models::ObjectStatus::State(m_model->index(r, FleetHealthModel::Status).data(FleetHealthModel::StatusRole).toInt());
        ok += state == models::ObjectStatus::Ok ? 1 : 0;
        bad += state == models::ObjectStatus::Error || state == models::ObjectStatus::Warning ? 1 : 0;
    }
    QString text = tr("%n cluster(s)", nullptr, m_model->rowCount());
    if (m_proxy->rowCount() != m_model->rowCount())
        text = tr("%1 of %2").arg(m_proxy->rowCount()).arg(text);
    text += tr(" · %1 healthy").arg(ok);
    if (bad > 0)
        text += tr(" · %1 with problems").arg(bad);
    m_state->setText(text);
}

} // namespace acp::views
