#include "views/projects/ProjectPage.h"

#include "models/KubeListWatcher.h"
#include "models/ProjectAccess.h"
#include "models/ProjectClient.h"
#include "models/ProjectQuotaModel.h"
#include "models/ResourceStore.h"
#include "views/projects/BatchQuotaDialog.h"
#include "views/projects/NamespaceDialog.h"
#include "views/projects/ProjectActions.h"
#include "views/projects/QuotaBarDelegate.h"
#include "views/common/StatusStyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <utility>

namespace acp::views {

using models::ProjectQuotaModel;

struct ProjectPage::ClusterBinding {
    std::unique_ptr<models::Informer> namespaces;
    QHash<QString, models::InformerRef> quotas;
    QStringList pendingQuotas;   // namespaces waiting for the cluster's discovery
};

ProjectPage::ProjectPage(PageContext *context, QWidget *parent) : Page(context, parent)
{
    m_model = new ProjectQuotaModel(this);
    m_access = new models::ProjectAccess(fleet(), this);
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    contentLayout()->addWidget(m_header);

    contentLayout()->addLayout(createToolbar());

    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    contentLayout()->addWidget(m_warnings);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new QuotaBarDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    contentLayout()->addWidget(m_tree, 1);
    m_state = new QLabel(this);
    m_state->setText(tr("Bars: used of allocated (cluster rows: the project's allocation; namespace rows: the namespace's "
                        "ResourceQuota). Amber from 80 %, red from 100 %."));
    m_state->setWordWrap(true);
    contentLayout()->addWidget(m_state);

    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProjectPage::updateWarnings);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ProjectPage::updateWarnings);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &idx) {
        const QString ns = idx.data(ProjectQuotaModel::NamespaceRole).toString();
        if (ns.isEmpty())
            return;
        models::ResourceRef ref;
        ref.cluster = idx.data(ProjectQuotaModel::ClusterRole).toString();
        ref.version = QStringLiteral("v1");
        ref.resource = QStringLiteral("namespaces");
        ref.kind = QStringLiteral("Namespace");
        ref.name = ns;
        navigator()->openResource(ref);
    });
    connect(m_edit, &QAction::triggered, this, &ProjectPage::editProject);
    connect(m_batch, &QAction::triggered, this, &ProjectPage::batchQuota);
    connect(m_namespace, &QAction::triggered, this, &ProjectPage::createNamespace);
    connect(m_delete, &QAction::triggered, this, &ProjectPage::deleteProject);
    connect(m_access, &models::ProjectAccess::changed, this, &ProjectPage::updateActions);
    connect(fleet(), &models::Fleet::connectionStateChanged, this, [this](const QString &cluster) {
        auto it = m_clusters.find(cluster);
        if (it == m_clusters.end())
            return;
        const QStringList pending = std::exchange(it->second->pendingQuotas, {});
        for (const QString &ns : pending)
            bindQuotas(cluster, ns);
    });
    m_projects = fleet()->platformInformer(QStringLiteral("projects"));
    if (m_projects)
        connect(m_projects.store(), &models::ResourceStore::changed, this, &ProjectPage::projectChanged);
    updateActions();
}

ProjectPage::~ProjectPage() = default;

QHBoxLayout *ProjectPage::createToolbar()
{
    auto *bar = new QHBoxLayout;
    m_edit = new QAction(tr("&Edit…"), this);
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_batch = new QAction(tr("Set &quota on clusters…"), this);
    m_batch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    m_namespace = new QAction(tr("Create &namespace…"), this);
    m_namespace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_delete = new QAction(tr("&Delete…"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    for (QAction *a : {m_namespace, m_edit, m_batch, m_delete}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        bar->addWidget(b);
    }
    bar->addStretch(1);
    return bar;
}

void ProjectPage::activate(const QVariantMap &args)
{
    const QString name = args.value(QStringLiteral("project")).toString();
    if (!name.isEmpty() && name != m_project)
        setProject(name);
    m_tree->setFocus();
}

QVariantMap ProjectPage::currentArgs() const
{
    return {{QStringLiteral("project"), m_project}};
}

QString ProjectPage::title() const
{
    return tr("Project %1").arg(m_project);
}

void ProjectPage::setProject(const QString &name)
{
    m_project = name;
    setWindowTitle(title());
    m_clusters.clear();
    m_model->clear();
    clearError();
    projectChanged();
}

QJsonObject ProjectPage::projectJson() const
{
    const models::KubeObject o = m_projects ? m_projects.store()->get(m_project) : models::KubeObject();
    return o.isNull() ? QJsonObject() : o.json();
}

void ProjectPage::projectChanged()
{
    if (m_project.isEmpty())
        return;
    const QJsonObject json = projectJson();
    if (json.isEmpty()) {
        m_model->clear();
        updateHeader();
        updateActions();
        return;
    }
    const models::ProjectSpec spec = models::ProjectSpec::fromJson(json);
    const QStringList clusters = spec.clusterNames();
    for (auto it = m_clusters.begin(); it != m_clusters.end();)
        it = clusters.contains(it->first) ? std::next(it) : m_clusters.erase(it);
    m_model->setProject(spec);
    for (const QString &c : clusters)
        if (!m_clusters.count(c))
            bindCluster(c);
    updateHeader();
    updateActions();
}

void ProjectPage::bindCluster(const QString &cluster)
{
    auto binding = std::make_unique<ClusterBinding>();
    api::ResourcePath p;
    p.root = QStringLiteral("/auth/v1/projects/%1/clusters/%2").arg(m_project, cluster);
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("namespaces");
    auto lw = std::make_shared<models::KubeListWatcher>(fleet()->platformClient(), p, api::WatchTransport::Http);
    binding->namespaces = std::make_unique<models::Informer>(lw, models::InformerOptions{});
    models::Informer *inf = binding->namespaces.get();
    connect(inf->store(), &models::ResourceStore::changed, this, [this, cluster] { namespacesChanged(cluster); });
    connect(inf, &models::Informer::errorOccurred, this, [this, cluster](const api::ApiError &e) {
        showError(e, tr("Namespaces of project %1 in %2").arg(m_project, cluster));
    });
    connect(inf, &models::Informer::synced, this, [this, cluster] { namespacesChanged(cluster); });
    m_clusters[cluster] = std::move(binding);
    inf->start();
}

void ProjectPage::namespacesChanged(const QString &cluster)
{
    auto it = m_clusters.find(cluster);
    if (it == m_clusters.end())
        return;
    ClusterBinding &b = *it->second;
    QStringList names;
    for (const models::KubeObject &o : b.namespaces->store()->list())
        if (!o.deletionTimestamp().isValid())
            names << o.name();
    for (auto q = b.quotas.begin(); q != b.quotas.end();)
        q = names.contains(q.key()) ? std::next(q) : b.quotas.erase(q);
    m_model->setNamespaces(cluster, names);
    for (const QString &ns : std::as_const(names))
        if (!b.quotas.contains(ns))
            bindQuotas(cluster, ns);
}

void ProjectPage::bindQuotas(const QString &cluster, const QString &ns)
{
    auto it = m_clusters.find(cluster);
    models::ClusterConnection *conn = fleet()->connection(cluster);
    if (it == m_clusters.end() || !conn)
        return;
    if (conn->state() != models::ClusterConnection::State::Ready) {
        if (!it->second->pendingQuotas.contains(ns))
            it->second->pendingQuotas << ns;
        return;
    }
    auto ref = conn->informer(QStringLiteral("resourcequotas"), ns);
    if (!ref) {
        showError(ref.error(), tr("Quotas of %1 in %2").arg(ns, cluster));
        return;
    }
    it->second->quotas.insert(ns, *ref);
    connect(ref->store(), &models::ResourceStore::changed, this, [this, cluster, ns] { quotasChanged(cluster, ns); });
    connect(ref->informer(), &models::Informer::synced, this, [this, cluster, ns] { quotasChanged(cluster, ns); });
    quotasChanged(cluster, ns);
}

void ProjectPage::quotasChanged(const QString &cluster, const QString &ns)
{
    auto it = m_clusters.find(cluster);
    if (it == m_clusters.end() || !it->second->quotas.contains(ns))
        return;
    QList<QJsonObject> quotas;
    for (const models::KubeObject &o : it->second->quotas.value(ns).store()->list())
        quotas << o.json();
    m_model->setQuotas(cluster, ns, quotas);
}

bool ProjectPage::isLoaded() const
{
    if (projectJson().isEmpty())
        return false;
    for (const auto &[cluster, b] : m_clusters) {
        if (!b->namespaces->hasSynced() || !b->pendingQuotas.isEmpty())
            return false;
        for (const models::InformerRef &q : b->quotas)
            if (!q.informer()->hasSynced())
                return false;
        if (b->quotas.size() != b->namespaces->store()->size())
            return false;
    }
    return true;
}

void ProjectPage::updateHeader()
{
    const QJsonObject json = projectJson();
    if (json.isEmpty()) {
        m_header->setText(m_projects && m_projects.informer()->hasSynced()
                              ? tr("<b>%1</b>: no such project, or you may not see it.").arg(m_project.toHtmlEscaped())
                              : tr("Loading project <b>%1</b>…").arg(m_project.toHtmlEscaped()));
        return;
    }
    const models::ProjectSpec s = models::ProjectSpec::fromJson(json);
    QStringList parts;
    parts << QStringLiteral("<b style='font-size:large'>%1</b>").arg(s.name.toHtmlEscaped());
    if (!s.displayName.isEmpty())
        parts << s.displayName.toHtmlEscaped();
    if (!s.description.isEmpty())
        parts << QStringLiteral("<i>%1</i>").arg(s.description.toHtmlEscaped());
    QString text = parts.join(QStringLiteral(" · "));
    text += QStringLiteral("<br>") + tr("Clusters: %1").arg(s.clusters.isEmpty() ? tr("none") : s.clusterNames().join(QStringLiteral(", ")).toHtmlEscaped());
    if (!s.creator.isEmpty())
        text += QStringLiteral(" · ") + tr("created by %1").arg(s.creator.toHtmlEscaped());
    m_header->setText(text);
}

void ProjectPage::updateWarnings()
{
    QStringList near, over;
    auto visit = [&](const QModelIndex &parent, auto &self) -> void {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex row = m_model->index(r, 0, parent);
            QString where = row.data().toString();
            if (parent.isValid())
                where = parent.data().toString() + QLatin1Char('/') + where;
            for (int c = 1; c < m_model->columnCount(); ++c) {
                const QModelIndex cell = m_model->index(r, c, parent);
                const int state = cell.data(ProjectQuotaModel::StateRole).toInt();
                const QString what = QStringLiteral("%1 %2 (%3)").arg(where, m_model->headerData(c, Qt::Horizontal).toString(), cell.data().toString());
                if (state == models::ObjectStatus::Error)
                    over << what;
                else if (state == models::ObjectStatus::Warning)
                    near << what;
            }
            self(row, self);
        }
    };
    visit(QModelIndex(), visit);
    QStringList lines;
    if (!over.isEmpty())
        lines << tr("<span style='color:%1'>At or over the limit: %2</span>")
                     .arg(StatusStyle::color(models::ObjectStatus::Error, palette()).name(), over.join(QStringLiteral("; ")).toHtmlEscaped());
    if (!near.isEmpty())
        lines << tr("<span style='color:%1'>Near the limit (80 % or more): %2</span>")
                     .arg(StatusStyle::color(models::ObjectStatus::Warning, palette()).name(), near.join(QStringLiteral("; ")).toHtmlEscaped());
    m_warnings->setText(lines.join(QStringLiteral("<br>")));
    m_warnings->setVisible(!lines.isEmpty());
}

QStringList ProjectPage::namespaceClusters()
{
    QStringList out;
    for (const QString &c : models::ProjectSpec::fromJson(projectJson()).clusterNames())
        if (auto a = m_access->check(c, QStringLiteral("create"), QString(), QStringLiteral("namespaces")); a && a->allowed)
            out << c;
    return out;
}

void ProjectPage::updateActions()
{
    const bool exists = !projectJson().isEmpty();
    auto gate = [this, exists](QAction *a, const QString &verb, const QString &what) {
        const auto answer = m_access->checkProjects(verb);
        a->setEnabled(exists && answer && answer->allowed);
        a->setToolTip(!answer ? tr("Checking whether you may %1 projects…").arg(verb)
                      : !answer->allowed ? tr("You may not %1 projects.auth.alauda.io in global%2")
                                               .arg(verb, answer->reason.isEmpty() ? QString() : QStringLiteral(": ") + answer->reason)
                                         : what);
    };
    gate(m_edit, QStringLiteral("update"), tr("Edit the project (Ctrl+E)"));
    gate(m_batch, QStringLiteral("update"), tr("Set the same quota on many clusters (Ctrl+Shift+Q)"));
    gate(m_delete, QStringLiteral("delete"), tr("Delete the project (Delete)"));
    const bool anyCluster = exists && !namespaceClusters().isEmpty();
    m_namespace->setEnabled(anyCluster);
    m_namespace->setToolTip(anyCluster ? tr("Create a namespace in the project (Ctrl+Shift+N)")
                                       : tr("You may not create namespaces in any of the project's clusters"));
}

void ProjectPage::editProject()
{
    if (m_edit->isEnabled())
        ProjectActions::editProject(this, projectJson());
}

void ProjectPage::deleteProject()
{
    if (!m_delete->isEnabled())
        return;
    int count = 0;
    for (const auto &[cluster, b] : m_clusters)
        count += b->namespaces->store()->size();
    QPointer<ProjectPage> self(this);
    ProjectActions::deleteProject(this, models::ProjectSpec::fromJson(projectJson()), count, [self] {
        if (self)
            self->navigator()->openPage(QStringLiteral("projects"));
    });
}

void ProjectPage::batchQuota()
{
    if (!m_batch->isEnabled())
        return;
    QPointer<ProjectPage> self(this);
    auto *dlg = new BatchQuotaDialog(fleet()->platformClient(), fleet()->clusterNames(),
                                     [self] { return self ? self->projectJson() : QJsonObject(); }, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    dlg->open();
}

void ProjectPage::createNamespace()
{
    if (!m_namespace->isEnabled())
        return;
    QPointer<ProjectPage> self(this);
    auto submit = [self](const QString &cluster, const models::ProjectNamespaceSpec &spec, models::ProjectClient::Done done) {
        models::ClusterConnection *conn = self ? self->fleet()->connection(cluster) : nullptr;
        if (!conn)
            return done(api::ApiError{0, QStringLiteral("NotFound"), tr("cluster %1 is not available").arg(cluster)});
        models::ProjectClient::createNamespace(conn->client(), spec, self, [self, done, cluster, name = spec.name](const std::optional<api::ApiError> &e) {
            if (!e && self)
                self->showMessage(tr("Namespace %1 created in %2.").arg(name, cluster), false);
            done(e);
        });
    };
    auto *dlg = new NamespaceDialog(m_project, namespaceClusters(), submit, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    dlg->open();
}

} // namespace acp::views
