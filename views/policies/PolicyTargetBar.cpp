#include "views/policies/PolicyTargetBar.h"

#include "models/NamespaceDirectory.h"
#include "models/ProjectSpec.h"
#include "models/ResourceStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSet>

#include <algorithm>

namespace acp::views {

PolicyTargetBar::PolicyTargetBar(PageContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_combo(new QComboBox(this)), m_status(new QLabel(this))
{
    m_combo->setObjectName(QStringLiteral("targetCombo"));
    m_combo->setMinimumContentsLength(28);
    auto *label = new QLabel(tr("&Target:"), this);
    label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    layout->addWidget(m_status, 1);
    m_combo->addItem(tr("Scope bar selection"), QString());
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &PolicyTargetBar::resolve);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] { m_debounce.start(); });
    connect(context, &PageContext::scopeChanged, this, [this] {
        m_combo->setItemText(0, tr("Scope bar selection"));
        if (project().isEmpty())
            m_debounce.start();
    });
    // Namespaces come and go (and a project member's arrive through the platform): re-resolve;
    // finish() tells the page only when the targets changed.
    connect(context->fleet()->namespaces(), &models::NamespaceDirectory::changed, &m_debounce, qOverload<>(&QTimer::start));
    if (context->fleet()->isAcp()) {
        m_projects = context->fleet()->platformInformer(QStringLiteral("projects"));
        if (m_projects.store())
            connect(m_projects.store(), &models::ResourceStore::changed, this, &PolicyTargetBar::fillProjects);
        fillProjects();
    }
    m_debounce.start();
}

QString PolicyTargetBar::project() const
{
    return m_combo->currentData().toString();
}

void PolicyTargetBar::setProject(const QString &project)
{
    int i = m_combo->findData(project);
    if (i < 0) {
        m_combo->addItem(tr("Project %1").arg(project), project);
        i = m_combo->count() - 1;
    }
    if (i == m_combo->currentIndex())
        m_debounce.start();
    m_combo->setCurrentIndex(i);
}

void PolicyTargetBar::refresh()
{
    m_debounce.start();
}

void PolicyTargetBar::fillProjects()
{
    if (!m_projects.store())
        return;
    for (const models::KubeObject &o : m_projects.store()->list())
        if (m_combo->findData(o.name()) < 0)
            m_combo->addItem(tr("Project %1").arg(o.name()), o.name());
    // A project chosen before the list arrived: its clusters are known now.
    if (!project().isEmpty())
        m_debounce.start();
}

void PolicyTargetBar::resolve()
{
    m_resolving = true;
    const QString p = project();
    if (p.isEmpty())
        resolveScope();
    else
        resolveProject(p);
}

void PolicyTargetBar::resolveProject(const QString &project)
{
    models::Fleet *fleet = m_context->fleet();
    QStringList clusters;
    if (m_projects.store()) {
        for (const models::KubeObject &o : m_projects.store()->list())
            if (o.name() == project)
                for (const models::ProjectCluster &c : models::ProjectSpec::fromJson(o.parseJson()).clusters)
                    if (fleet->hasCluster(c.name))
                        clusters << c.name;
    }
    if (clusters.isEmpty() && (!m_projects.informer() || !m_projects->hasSynced())) {
        m_status->setText(tr("Loading project %1…").arg(project));
        return;   // fillProjects() resolves again once the list arrives
    }
    // The fleet's namespace directory already watches each cluster's namespaces (or, for a
    // project member refused the cluster-wide list, her projects' namespace views): the
    // project's namespaces are read from it, not listed again.
    const models::PssTargetsResult result = models::PssTargets::ofProject(fleet->namespaces(), project, clusters);
    for (const auto &[cluster, error] : result.failures)
        Q_EMIT resolveFailed(cluster, error);
    finish(result.targets);
    if (!result.pending.isEmpty())
        m_status->setText(m_status->text() + tr(" (still listing namespaces…)"));
}

void PolicyTargetBar::resolveScope()
{
    const Scope &scope = m_context->scope();
    models::NamespaceDirectory *dir = m_context->fleet()->namespaces();
    QList<models::PssTarget> targets;
    bool pending = false;
    for (const QString &cluster : m_context->scopeClusters()) {
        // One chosen namespace of one chosen cluster is a target as it is (the user may see it
        // without being able to list namespaces); otherwise the directory says what exists.
        if (!scope.allClusters() && !scope.allNamespaces()) {
            targets.append({cluster, scope.namespaceName});
            continue;
        }
        dir->watch(cluster);
        if (!dir->isSynced(cluster) && dir->source(cluster) != models::NamespaceDirectory::Source::Failed)
            pending = true;
        for (const QString &ns : dir->namespaces(cluster))
            if (scope.allNamespaces() || ns == scope.namespaceName)
                targets.append({cluster, ns});
    }
    std::sort(targets.begin(), targets.end());
    finish(targets);
    if (pending)
        m_status->setText(m_status->text() + tr(" (still listing namespaces…)"));
}

void PolicyTargetBar::finish(const QList<models::PssTarget> &targets)
{
    m_resolving = false;
    QSet<QString> clusters;
    for (const models::PssTarget &t : targets)
        clusters.insert(t.cluster);
    m_status->setText(tr("%n namespace(s)", nullptr, int(targets.size())) + tr(" on %n cluster(s)", nullptr, int(clusters.size())));
    const bool changed = targets != m_targets;
    m_targets = targets;
    if (changed)
        Q_EMIT targetsChanged(m_targets);
}

} // namespace acp::views
