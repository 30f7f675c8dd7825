#include "app/ScopeBar.h"

#include "models/ResourceStore.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace acp::app {

namespace {
const QString kAll = QString();
}

ScopeBar::ScopeBar(views::PageContext *context, QWidget *parent) : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("scopeBar"));
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(6, 4, 6, 4);
    m_session = new QLabel(this);
    m_session->setObjectName(QStringLiteral("sessionLabel"));
    models::Fleet *fleet = context->fleet();
    const QString kind = fleet->isAcp() ? tr("Session") : tr("Kubeconfig");
    m_session->setText(QStringLiteral("<b>%1</b>: %2").arg(kind, fleet->title().toHtmlEscaped()));
    if (fleet->isAcp() && fleet->workspace().session)
        m_session->setToolTip(tr("%1 as %2").arg(fleet->workspace().session->platform, fleet->workspace().session->username));
    m_layout->addWidget(m_session);
    m_layout->addSpacing(12);

    m_layout->addWidget(new QLabel(tr("Cluster:"), this));
    m_clusters = new QComboBox(this);
    m_clusters->setObjectName(QStringLiteral("clusterScope"));
    m_clusters->setMinimumContentsLength(14);
    m_clusters->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_clusters->addItem(tr("All clusters"), kAll);
    for (const QString &c : fleet->clusterNames())
        m_clusters->addItem(c, c);
    m_layout->addWidget(m_clusters);

    m_layout->addWidget(new QLabel(tr("Namespace:"), this));
    m_namespaces = new QComboBox(this);
    m_namespaces->setObjectName(QStringLiteral("namespaceScope"));
    m_namespaces->setEditable(true);
    m_namespaces->setInsertPolicy(QComboBox::NoInsert);
    m_namespaces->setMinimumContentsLength(16);
    m_namespaces->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_namespaces->addItem(tr("All namespaces"), kAll);
    m_namespaces->lineEdit()->setPlaceholderText(tr("All namespaces"));
    m_layout->addWidget(m_namespaces);
    m_layout->addStretch(1);

    // Start on the current context's cluster and namespace, as kubectl would.
    const api::Workspace &ws = fleet->workspace();
    views::Scope scope;
    if (fleet->clusterNames().size() > 1 && fleet->isAcp())
        scope.cluster.clear();  // a session: the whole fleet
    else
        scope.cluster = ws.currentCluster;
    m_context->setScope(scope);
    m_clusters->setCurrentIndex(qMax(0, m_clusters->findData(scope.cluster)));

    connect(m_clusters, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating) {
            applyFromWidgets();
            watchNamespaces();
        }
    });
    connect(m_namespaces, &QComboBox::activated, this, [this] {
        if (!m_updating)
            applyFromWidgets();
    });
    connect(m_namespaces->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        if (!m_updating)
            applyFromWidgets();
    });
    connect(m_context, &views::PageContext::scopeChanged, this, [this](const views::Scope &s) {
        m_updating = true;
        m_clusters->setCurrentIndex(qMax(0, m_clusters->findData(s.cluster)));
        const int i = m_namespaces->findData(s.namespaceName);
        if (i >= 0)
            m_namespaces->setCurrentIndex(i);
        else
            m_namespaces->setEditText(s.namespaceName);
        m_updating = false;
        watchNamespaces();
    });
    m_nsRefresh.setSingleShot(true);
    m_nsRefresh.setInterval(200);
    connect(&m_nsRefresh, &QTimer::timeout, this, &ScopeBar::refreshNamespaces);
    // The namespace list follows the directory (cluster-wide lists, or the user's projects).
    connect(fleet->namespaces(), &models::NamespaceDirectory::changed, this, [this](const QString &cluster) {
        if (m_context->scopeClusters().contains(cluster))
            m_nsRefresh.start();
    });
    // ACP: the platform's cluster list changed (a cluster registered, access granted or revoked).
    connect(fleet, &models::Fleet::clustersChanged, this, &ScopeBar::refreshClusters);
    watchNamespaces();
}

void ScopeBar::addHistoryActions(QAction *back, QAction *forward)
{
    for (QAction *a : {forward, back}) {
        auto *b = new QToolButton(this);
        // The buttons show the action's icon text (menus keep "Back"/"Forward").
        a->setIconText(a == back ? QStringLiteral("◀") : QStringLiteral("▶"));
        b->setDefaultAction(a);
        b->setAutoRaise(true);
        b->setToolTip(QStringLiteral("%1 (%2)").arg(a->text(), a->shortcut().toString(QKeySequence::NativeText)));
        m_layout->insertWidget(0, b);
    }
}

void ScopeBar::addTrailingAction(QAction *action)
{
    auto *b = new QToolButton(this);
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    b->setToolTip(QStringLiteral("%1 (%2)").arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
    m_layout->addWidget(b);
}

void ScopeBar::addSessionAction(QAction *action)
{
    auto *b = new QToolButton(this);
    b->setObjectName(QStringLiteral("sessionButton"));
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    b->setText(QStringLiteral("⇄"));
    b->setToolTip(QStringLiteral("%1 (%2)").arg(action->text().remove(QLatin1Char('&')), action->shortcut().toString(QKeySequence::NativeText)));
    m_layout->insertWidget(m_layout->indexOf(m_session) + 1, b);
}

void ScopeBar::focusCluster()
{
    m_clusters->setFocus();
    m_clusters->showPopup();
}

void ScopeBar::focusNamespace()
{
    m_namespaces->setFocus();
    m_namespaces->lineEdit()->selectAll();
}

void ScopeBar::applyFromWidgets()
{
    views::Scope s;
    s.cluster = m_clusters->currentData().toString();
    QString ns = m_namespaces->currentText().trimmed();
    if (ns == m_namespaces->itemText(0))
        ns.clear();
    s.namespaceName = ns;
    m_context->setScope(s);
}

void ScopeBar::watchNamespaces()
{
    m_watcher.start(m_context->scopeClusters(), [this](const QString &cluster) { m_context->fleet()->namespaces()->watch(cluster); });
    m_nsRefresh.start();
}

void ScopeBar::refreshClusters()
{
    m_updating = true;
    while (m_clusters->count() > 1)
        m_clusters->removeItem(1);
    for (const QString &c : m_context->fleet()->clusterNames())
        m_clusters->addItem(c, c);
    m_clusters->setCurrentIndex(qMax(0, m_clusters->findData(m_context->scope().cluster)));
    m_updating = false;
    watchNamespaces();
}

void ScopeBar::refreshNamespaces()
{
    QSet<QString> names;
    const models::NamespaceDirectory *dir = m_context->fleet()->namespaces();
    for (const QString &c : m_context->scopeClusters())
        for (const QString &k : dir->namespaces(c))
            names.insert(k);
    QStringList sorted(names.begin(), names.end());
    sorted.sort();
    m_updating = true;
    const QString current = m_context->scope().namespaceName;
    while (m_namespaces->count() > 1)
        m_namespaces->removeItem(1);
    for (const QString &n : sorted)
        m_namespaces->addItem(n, n);
    const int i = m_namespaces->findData(current);
    if (current.isEmpty())
        m_namespaces->setCurrentIndex(0);
    else if (i >= 0)
        m_namespaces->setCurrentIndex(i);
    else
        m_namespaces->setEditText(current);
    m_updating = false;
}

} // namespace acp::app
