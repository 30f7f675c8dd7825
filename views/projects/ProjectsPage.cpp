#include "views/projects/ProjectsPage.h"

#include "views/common/StatusStyle.h"

#include "api/ApiError.h"
#include "models/ProjectAccess.h"
#include "models/ProjectClient.h"
#include "models/ProjectListModel.h"
#include "models/ResourceStore.h"
#include "views/projects/DeleteProjectDialog.h"
#include "views/projects/ProjectActions.h"
#include "views/projects/ProjectDialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace acp::views {

ProjectsPage::ProjectsPage(PageContext *context, QWidget *parent) : Page(context, parent)
{
    setWindowTitle(tr("Projects"));
    m_model = new models::ProjectListModel(this);
    m_access = new models::ProjectAccess(fleet(), this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    contentLayout()->addLayout(createToolbar());

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    StatusStyle::styleTable(m_view);
    m_view->sortByColumn(models::ProjectListModel::Name, Qt::AscendingOrder);
    m_view->setColumnWidth(models::ProjectListModel::Quota, 330);
    m_view->setColumnWidth(models::ProjectListModel::Clusters, 200);
    contentLayout()->addWidget(m_view, 1);
    m_state = new QLabel(this);
    contentLayout()->addWidget(m_state);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTableView::activated, this, [this] { openProject(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
    connect(m_create, &QAction::triggered, this, &ProjectsPage::createProject);
    connect(m_edit, &QAction::triggered, this, &ProjectsPage::editProject);
    connect(m_delete, &QAction::triggered, this, &ProjectsPage::deleteProject);
    connect(m_access, &models::ProjectAccess::changed, this, &ProjectsPage::updateActions);

    m_informer = fleet()->platformInformer(QStringLiteral("projects"));
    if (m_informer) {
        m_model->setStore(m_informer.store());
        connect(m_informer.informer(), &models::Informer::stateChanged, this, &ProjectsPage::updateState);
        connect(m_informer.store(), &models::ResourceStore::changed, this, [this] {
            updateState();
            countNamespaces();
        });
    }
    // Namespace counts are live: the fleet's namespace directory watches them.
    connect(fleet()->namespaces(), &models::NamespaceDirectory::changed, this, &ProjectsPage::countNamespaces);
    updateState();
    updateActions();
    countNamespaces();
}

QHBoxLayout *ProjectsPage::createToolbar()
{
    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter projects (name, display name, cluster, creator)"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    m_open = new QAction(tr("Open"), this);
    m_create = new QAction(tr("&Create project…"), this);
    m_create->setShortcut(QKeySequence::New);
    m_edit = new QAction(tr("&Edit…"), this);
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_delete = new QAction(tr("&Delete…"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    for (QAction *a : {m_create, m_edit, m_delete}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        bar->addWidget(b);
    }
    return bar;
}

void ProjectsPage::activate(const QVariantMap &args)
{
    if (args.contains(QStringLiteral("filter")))
        m_filter->setText(args.value(QStringLiteral("filter")).toString());
    m_view->setFocus();
}

QVariantMap ProjectsPage::currentArgs() const
{
    return m_filter->text().isEmpty() ? QVariantMap() : QVariantMap{{QStringLiteral("filter"), m_filter->text()}};
}

bool ProjectsPage::applyFilter(const QString &text)
{
    m_filter->setText(text);
    return true;
}

QString ProjectsPage::currentProject() const
{
    const QModelIndex idx = m_proxy->mapToSource(m_view->currentIndex());
    return idx.isValid() ? m_model->spec(idx.row()).name : QString();
}

bool ProjectsPage::selectProject(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
    return true;
}

void ProjectsPage::updateState()
{
    models::Informer *inf = m_informer.informer();
    QString text;
    if (!inf) {
        text = tr("Projects are an ACP platform feature; this session has no platform.");
    } else if (inf->state() == models::Informer::State::Failed && inf->lastError()) {
        text = tr("Failed to load projects: %1").arg(inf->lastError()->message);
    } else if (!inf->hasSynced()) {
        text = tr("Loading projects…");
    } else if (m_model->rowCount() == 0) {
        text = tr("No projects you can see. Create one with Ctrl+N.");
    } else {
        text = tr("%n project(s)", nullptr, m_model->rowCount());
    }
    m_state->setText(text);
}

void ProjectsPage::updateActions()
{
    const bool selected = !currentProject().isEmpty();
    auto gate = [this](QAction *a, const QString &verb, bool needsSelection, bool selected, const QString &what) {
        const auto answer = m_access->checkProjects(verb);
        a->setEnabled(answer && answer->allowed && (!needsSelection || selected));
        QString tip = what;
        if (!answer)
            tip = tr("Checking whether you may %1 projects…").arg(verb);
        else if (!answer->allowed)
            tip = tr("You may not %1 projects.auth.alauda.io in global%2").arg(verb, answer->reason.isEmpty() ? QString() : QStringLiteral(": ") + answer->reason);
        else if (needsSelection && !selected)
            tip = tr("Select a project first");
        a->setToolTip(tip);
    };
    gate(m_create, QStringLiteral("create"), false, selected, tr("Create a project (Ctrl+N)"));
    gate(m_edit, QStringLiteral("update"), true, selected, tr("Edit the selected project (Ctrl+E)"));
    gate(m_delete, QStringLiteral("delete"), true, selected, tr("Delete the selected project (Delete)"));
}

void ProjectsPage::countNamespaces()
{
    if (!m_informer)
        return;
    models::NamespaceDirectory *dir = fleet()->namespaces();
    for (const models::KubeObject &o : m_informer.store()->list()) {
        const models::ProjectSpec spec = models::ProjectSpec::fromJson(o.json());
        for (const QString &cluster : spec.clusterNames()) {
            if (!fleet()->hasCluster(cluster))
                continue;
            dir->watch(cluster);
            m_model->setNamespaceCount(spec.name, cluster, dir->count(spec.name, cluster));
        }
    }
}

void ProjectsPage::openProject()
{
    const QString p = currentProject();
    if (!p.isEmpty())
        navigator()->openPage(QStringLiteral("project"), {{QStringLiteral("project"), p}});
}

void ProjectsPage::createProject()
{
    if (!m_create->isEnabled())
        return;
    ProjectActions::createProject(this);
}

void ProjectsPage::editProject()
{
    const QString p = currentProject();
    if (p.isEmpty() || !m_edit->isEnabled())
        return;
    ProjectActions::editProject(this, m_informer.store()->get(p).json());
}

void ProjectsPage::deleteProject()
{
    const QString p = currentProject();
    if (p.isEmpty() || !m_delete->isEnabled())
        return;
    const int row = m_model->rowOf(p);
    ProjectActions::deleteProject(this, m_model->spec(row), m_model->namespaceCount(p));
}

} // namespace acp::views
