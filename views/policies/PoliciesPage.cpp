#include "views/policies/PoliciesPage.h"

#include "models/ClusterConnection.h"
#include "models/NamespaceSecurity.h"
#include "models/PssImpactPreview.h"
#include "models/PssTemplateApplier.h"
#include "views/policies/ImpactPreviewView.h"
#include "views/policies/PolicyReportsView.h"
#include "views/policies/PolicyTargetBar.h"
#include "views/policies/PsaLabelEditor.h"
#include "views/policies/TemplateCatalogView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace acp::views {

namespace {

// Rows whose namespace could not be read (403, no Kyverno CRD errors, ...) in the error colour.
class NamespaceRowDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!index.data(models::NamespaceSecurity::ErrorRole).toString().isEmpty())
            option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
    }
};

} // namespace

PoliciesPage::PoliciesPage(PageContext *context, QWidget *parent)
    : Page(context, parent), m_targetBar(new PolicyTargetBar(context, this)), m_catalog(new TemplateCatalogView(this)),
      m_security(new models::NamespaceSecurity(context->fleet(), this)), m_namespaces(new QTableView(this)),
      m_mode(new QComboBox(this)), m_replace(new QCheckBox(tr("&Replace other templates"), this)),
      m_all(new QCheckBox(tr("All &namespaces of the target"), this)), m_tabs(new QTabWidget(this)),
      m_preview(new ImpactPreviewView(this)), m_results(new QTableWidget(0, 4, this)), m_resultsSummary(new QLabel(this)),
      m_psa(new PsaLabelEditor(this)), m_reports(new PolicyReportsView(context->fleet(), this)),
      m_previewer(new models::PssImpactPreview(context->fleet(), this)),
      m_applier(new models::PssTemplateApplier(context->fleet(), this))
{
    setWindowTitle(tr("Pod security"));
    m_namespaces->setObjectName(QStringLiteral("namespaceTable"));
    m_namespaces->setModel(m_security);
    m_namespaces->setItemDelegate(new NamespaceRowDelegate(m_namespaces));
    m_namespaces->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_namespaces->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_namespaces->verticalHeader()->hide();
    m_namespaces->horizontalHeader()->setStretchLastSection(true);
    m_namespaces->setWordWrap(false);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Enforce: reject violating pods"), QVariant::fromValue(int(models::PssMode::Enforce)));
    m_mode->addItem(tr("Audit: admit and report them"), QVariant::fromValue(int(models::PssMode::Audit)));
    m_all->setChecked(true);

    auto *nsBox = new QWidget(this);
    auto *nsLayout = new QVBoxLayout(nsBox);
    nsLayout->setContentsMargins(0, 0, 0, 0);
    auto *nsLabel = new QLabel(tr("Na&mespaces: active templates and Pod Security Admission labels"), nsBox);
    nsLabel->setBuddy(m_namespaces);
    nsLayout->addWidget(nsLabel);
    nsLayout->addWidget(m_namespaces, 1);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_catalog);
    top->addWidget(nsBox);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 5);
    top->setSizes({320, 800});   // relative weights: the catalog's names and descriptions fit
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(top);
    vertical->addWidget(buildTabs());
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 1);
    vertical->setSizes({11, 9});   // relative weights: catalog and namespaces get the larger half

    contentLayout()->addWidget(m_targetBar);
    contentLayout()->addWidget(buildActionBar());
    contentLayout()->addWidget(vertical, 1);

    createActions();
    connect(m_targetBar, &PolicyTargetBar::targetsChanged, this, &PoliciesPage::onTargetsChanged);
    connect(m_targetBar, &PolicyTargetBar::resolveFailed, this, [this](const QString &cluster, const api::ApiError &e) {
        showError(e, tr("List the namespaces of %1").arg(cluster));
    });
    // Another target: earlier errors were about other namespaces.
    connect(m_targetBar->combo(), &QComboBox::currentIndexChanged, this, &Page::clearError);
    connect(context, &PageContext::scopeChanged, this, &Page::clearError);
    connect(m_catalog, &TemplateCatalogView::currentTemplateChanged, this, &PoliciesPage::updateActions);
    connect(m_catalog->catalog(), &models::PssTemplateCatalog::discoveryFailed, this, [this](const QString &cluster, const api::ApiError &e) {
        showError(e, tr("List the platform's pod security samples on %1").arg(cluster));
    });
    connect(m_all, &QCheckBox::toggled, this, &PoliciesPage::updateActions);
    connect(m_namespaces->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PoliciesPage::updateActions);
    connect(m_security, &models::NamespaceSecurity::loaded, this, [this] {
        restoreSelection();
        m_namespaces->resizeColumnsToContents();
        updateActions();
    });
    connect(m_previewer, &models::PssImpactPreview::finished, this, [this] {
        const auto t = m_catalog->currentTemplate();
        m_shownPreview = m_runningPreview;
        m_preview->showResults(t ? t->title : tr("The template"), m_previewer->results());
        updateActions();
    });
    connect(m_applier, &models::PssTemplateApplier::finished, this, &PoliciesPage::onApplierFinished);
    onTargetsChanged(m_targetBar->targets());
}

QWidget *PoliciesPage::buildActionBar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *modeLabel = new QLabel(tr("M&ode:"), bar);
    modeLabel->setBuddy(m_mode);
    layout->addWidget(modeLabel);
    layout->addWidget(m_mode);
    layout->addWidget(m_replace);
    layout->addWidget(m_all);
    layout->addStretch(1);
    bar->setObjectName(QStringLiteral("policyActionBar"));
    return bar;
}

QWidget *PoliciesPage::buildTabs()
{
    m_results->setObjectName(QStringLiteral("resultsTable"));
    m_results->setHorizontalHeaderLabels({tr("Cluster"), tr("Namespace"), tr("Result"), tr("Details")});
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_resultsSummary->setObjectName(QStringLiteral("resultsSummary"));
    m_resultsSummary->setWordWrap(true);
    m_resultsSummary->setText(tr("Apply or remove a template, or set PSA labels: each namespace's result appears here."));
    auto *results = new QWidget(this);
    auto *rl = new QVBoxLayout(results);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_resultsSummary);
    rl->addWidget(m_results, 1);
    m_tabs->setObjectName(QStringLiteral("policyTabs"));
    m_tabs->addTab(m_preview, tr("Impact preview"));
    m_tabs->addTab(results, tr("Results"));
    m_tabs->addTab(m_psa, tr("PSA labels"));
    m_tabs->addTab(m_reports, tr("Policy reports"));
    return m_tabs;
}

void PoliciesPage::activate(const QVariantMap &args)
{
    const QString project = args.value(QStringLiteral("project")).toString();
    if (!project.isEmpty() && project != m_targetBar->project())
        m_targetBar->setProject(project);
}

QVariantMap PoliciesPage::currentArgs() const
{
    const QString project = m_targetBar->project();
    return project.isEmpty() ? QVariantMap{} : QVariantMap{{QStringLiteral("project"), project}};
}

QString PoliciesPage::title() const
{
    const QString project = m_targetBar->project();
    return project.isEmpty() ? tr("Pod security") : tr("Pod security · %1").arg(project);
}

QList<models::PssTarget> PoliciesPage::actionTargets() const
{
    return m_all->isChecked() ? m_targetBar->targets() : selectedTargets();
}

QList<models::PssTarget> PoliciesPage::selectedTargets() const
{
    QList<models::PssTarget> out;
    const QList<models::NamespaceSecurityRow> rows = m_security->rows();
    for (const QModelIndex &i : m_namespaces->selectionModel()->selectedRows())
        if (i.row() < rows.size())
            out.append(rows.at(i.row()).target);
    std::sort(out.begin(), out.end());
    return out;
}

void PoliciesPage::restoreSelection()
{
    const QList<models::NamespaceSecurityRow> rows = m_security->rows();
    QItemSelection selection;
    for (int r = 0; r < rows.size(); ++r)
        if (m_keepSelected.contains(rows.at(r).target))
            selection.select(m_security->index(r, 0), m_security->index(r, m_security->columnCount() - 1));
    m_namespaces->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void PoliciesPage::onTargetsChanged(const QList<models::PssTarget> &targets)
{
    QStringList clusters;
    for (const models::PssTarget &t : targets)
        if (!clusters.contains(t.cluster))
            clusters << t.cluster;
    m_catalog->setClusters(clusters);
    for (const models::PssTarget &t : targets)
        if (!m_discovered.contains(t.cluster)) {
            m_discovered.insert(t.cluster);
            if (models::ClusterConnection *conn = fleet()->connection(t.cluster))
                m_catalog->catalog()->discover(conn);
        }
    reloadNamespaces();
    m_reports->setTargets(targets);
    updateActions();
}

void PoliciesPage::reloadNamespaces()
{
    // The table is reset when the reload arrives: the selected namespaces stay selected.
    m_keepSelected = selectedTargets();
    m_security->load(m_targetBar->targets());
}

} // namespace acp::views
