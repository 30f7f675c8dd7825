#include "views/clusters/ClusterNodesTab.h"

#include "models/AccessReviewCache.h"
#include "models/PrinterFormat.h"
#include "models/ResourceTableModel.h"
#include "views/clusters/NodeDrainDialog.h"
#include "views/common/ResourceTableView.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace acp::views {

namespace {

using L = QLatin1String;

QString esc(const QString &s) { return s.toHtmlEscaped(); }

QString section(const QString &title, const QStringList &rows)
{
    QString html = QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4>").arg(esc(title));
    html += rows.isEmpty() ? QStringLiteral("<p><i>none</i></p>") : QStringLiteral("<p>") + rows.join(QStringLiteral("<br>")) + QStringLiteral("</p>");
    return html;
}

QString nodeHtml(const QJsonObject &node)
{
    const QJsonObject meta = node.value(L("metadata")).toObject();
    const QJsonObject spec = node.value(L("spec")).toObject();
    const QJsonObject status = node.value(L("status")).toObject();
    QStringList roles, labels, taints, conditions, capacity;
    const QJsonObject lbl = meta.value(L("labels")).toObject();
    for (auto it = lbl.begin(); it != lbl.end(); ++it) {
        if (it.key().startsWith(L("node-role.kubernetes.io/")))
            roles << esc(it.key().mid(24));
        labels << QStringLiteral("<code>%1=%2</code>").arg(esc(it.key()), esc(it.value().toString()));
    }
    for (const QJsonValue &v : spec.value(L("taints")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString value = t.value(L("value")).toString();
        taints << QStringLiteral("<code>%1%2:%3</code>").arg(esc(t.value(L("key")).toString()), value.isEmpty() ? QString() : QLatin1Char('=') + esc(value),
                                                            esc(t.value(L("effect")).toString()));
    }
    for (const QJsonValue &v : status.value(L("conditions")).toArray()) {
        const QJsonObject c = v.toObject();
        const QString type = c.value(L("type")).toString();
        const bool ok = (type == L("Ready")) == (c.value(L("status")).toString() == L("True"));
        conditions << QStringLiteral("<b>%1</b> %2 %3 <span style='color:gray'>%4</span>")
                          .arg(esc(type), ok ? QStringLiteral("&#10003;") : QStringLiteral("&#9888;"), esc(c.value(L("status")).toString()),
                               esc(c.value(L("message")).toString()));
    }
    const QJsonObject alloc = status.value(L("allocatable")).toObject();
    const QJsonObject cap = status.value(L("capacity")).toObject();
    for (const char *k : {"cpu", "memory", "pods", "ephemeral-storage"})
        if (cap.contains(L(k)))
            capacity << QStringLiteral("%1: %2 allocatable of %3").arg(QLatin1String(k), esc(alloc.value(L(k)).toString()), esc(cap.value(L(k)).toString()));
    const QJsonObject info = status.value(L("nodeInfo")).toObject();
    QString html = QStringLiteral("<h3>%1</h3><p>Roles: %2<br>Kubelet: %3 · %4 · %5<br>Schedulable: %6</p>")
                       .arg(esc(meta.value(L("name")).toString()), roles.isEmpty() ? QStringLiteral("&lt;none&gt;") : roles.join(QStringLiteral(", ")),
                            esc(info.value(L("kubeletVersion")).toString()), esc(info.value(L("osImage")).toString()),
                            esc(info.value(L("containerRuntimeVersion")).toString()),
                            spec.value(L("unschedulable")).toBool() ? QStringLiteral("<b>no (cordoned)</b>") : QStringLiteral("yes"));
    html += section(QStringLiteral("Conditions"), conditions);
    html += section(QStringLiteral("Taints"), taints);
    html += section(QStringLiteral("Capacity"), capacity);
    html += section(QStringLiteral("Labels"), labels);
    return html;
}

} // namespace

ClusterNodesTab::ClusterNodesTab(Page *page, QWidget *parent) : QWidget(parent), m_page(page)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *actions = new QHBoxLayout;
    m_cordon = new QPushButton(tr("Cordon"), this);
    m_cordon->setObjectName(QStringLiteral("cordonButton"));
    m_cordon->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_uncordon = new QPushButton(tr("Uncordon"), this);
    m_uncordon->setObjectName(QStringLiteral("uncordonButton"));
    m_uncordon->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_drain = new QPushButton(tr("Drain…"), this);
    m_drain->setObjectName(QStringLiteral("drainButton"));
    m_drain->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    for (QPushButton *b : {m_cordon, m_uncordon, m_drain})
        actions->addWidget(b);
    actions->addStretch(1);
    layout->addLayout(actions);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_nodes = new ResourceTableView(page->context(), split);
    m_nodes->setObjectName(QStringLiteral("nodesTable"));
    auto *lower = new QTabWidget(split);
    m_details = new QTextBrowser(lower);
    m_details->setObjectName(QStringLiteral("nodeDetails"));
    m_details->setOpenLinks(false);
    lower->addTab(m_details, tr("Details"));
    m_pods = new ResourceTableView(page->context(), lower);
    m_pods->setObjectName(QStringLiteral("nodePods"));
    lower->addTab(m_pods, tr("Pods"));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_nodes, &ResourceTableView::currentObjectChanged, this, &ClusterNodesTab::onCurrentChanged);
    connect(m_nodes->model(), &QAbstractItemModel::dataChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    connect(m_nodes, &ResourceTableView::stateChanged, this, &ClusterNodesTab::trySelectPending);
    connect(m_nodes->model(), &QAbstractItemModel::rowsInserted, this, &ClusterNodesTab::trySelectPending);
    connect(m_nodes->model(), &QAbstractItemModel::modelReset, this, &ClusterNodesTab::trySelectPending);
    connect(m_pods, &ResourceTableView::activated, this, [this](const QString &cluster, const models::KubeObject &o) {
        models::ResourceRef ref{cluster, QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("Pod"), o.namespaceName(), o.name()};
        m_page->navigator()->openResource(ref);
    });
    // Fit the columns to the first rows of each table (node names are long).
    for (ResourceTableView *t : {m_nodes, m_pods})
        connect(t, &ResourceTableView::stateChanged, this, [t] {
            if (!t->property("acpFitted").toBool() && !t->isLoading() && t->rowCount() > 0) {
                t->setProperty("acpFitted", true);
                t->tableView()->resizeColumnsToContents();
            }
        });
    connect(m_cordon, &QPushButton::clicked, this, [this] { cordon(true); });
    connect(m_uncordon, &QPushButton::clicked, this, [this] { cordon(false); });
    connect(m_drain, &QPushButton::clicked, this, &ClusterNodesTab::drain);
    updateActions();
}

void ClusterNodesTab::setCluster(const QString &cluster)
{
    if (cluster == m_cluster)
        return;
    m_cluster = cluster;
    m_nodes->setQuery({QStringLiteral("nodes"), {cluster}, QString(), QString(), QString()});
    m_podsNode.clear();
    m_pods->setQuery({QStringLiteral("pods"), {}, QString(), QString(), QString()});
    if (m_access)
        disconnect(m_access, nullptr, this, nullptr);
    m_access = nullptr;
    if (auto *conn = m_page->fleet()->connection(cluster)) {
        m_access = models::AccessReviewCache::of(conn);
        connect(m_access, &models::AccessReviewCache::answered, this, &ClusterNodesTab::updateActions);
    }
    updateDetails();
    updateActions();
}

void ClusterNodesTab::selectNode(const QString &name)
{
    m_pendingNode = name;
    trySelectPending();
}

void ClusterNodesTab::trySelectPending()
{
    if (!m_pendingNode.isEmpty() && m_nodes->selectObject(m_cluster, m_pendingNode))
        m_pendingNode.clear();
}

QString ClusterNodesTab::currentNode() const
{
    const models::KubeObject o = m_nodes->currentObject();
    return o.isNull() ? QString() : o.name();
}

void ClusterNodesTab::onCurrentChanged()
{
    const QString node = currentNode();
    if (node != m_podsNode) {
        m_podsNode = node;
        m_pods->setQuery({QStringLiteral("pods"), node.isEmpty() ? QStringList() : QStringList{m_cluster}, QString(), QString(),
                          node.isEmpty() ? QString() : QStringLiteral("spec.nodeName=") + node});
    }
    updateDetails();
    updateActions();
}

void ClusterNodesTab::updateDetails()
{
    const models::KubeObject o = m_nodes->currentObject();
    if (o.isNull()) {
        m_details->setHtml(tr("<p><i>Select a node to see its conditions, roles, taints and labels.</i></p>"));
        return;
    }
    const QString html = nodeHtml(o.json());
    if (html == m_details->property("acpHtml").toString())
        return;
    const int scroll = m_details->verticalScrollBar()->value();   // heartbeats re-render; keep the place
    m_details->setHtml(html);
    m_details->setProperty("acpHtml", html);
    m_details->verticalScrollBar()->setValue(scroll);
}

namespace {
// What cordon and drain need (kubectl drain: patch the node, list its pods, evict them).
const models::AccessQuestion kPatchNodes{QStringLiteral("patch"), QString(), QStringLiteral("nodes"), QString(), QString(), QString()};
const models::AccessQuestion kListPods{QStringLiteral("list"), QString(), QStringLiteral("pods"), QString(), QString(), QString()};
const models::AccessQuestion kEvictPods{QStringLiteral("create"), QString(), QStringLiteral("pods"), QStringLiteral("eviction"), QString(), QString()};

QList<models::AccessQuestion> questionsOf(ClusterNodesTab::Action action)
{
    if (action == ClusterNodesTab::Action::Cordon)
        return {kPatchNodes};
    return {kPatchNodes, kListPods, kEvictPods};
}
} // namespace

bool ClusterNodesTab::isAllowed(Action action) const
{
    if (!m_access)
        return false;
    for (const models::AccessQuestion &q : questionsOf(action))
        if (!m_access->answer(q).isAllowed())
            return false;
    return true;
}

bool ClusterNodesTab::isPermissionKnown() const
{
    if (!m_access)
        return false;
    for (const models::AccessQuestion &q : questionsOf(Action::Drain))
        if (!m_access->answer(q).isKnown())
            return false;
    return true;
}

QString ClusterNodesTab::deniedReason(Action action) const
{
    if (!m_access)
        return tr("Not connected");
    for (const models::AccessQuestion &q : questionsOf(action)) {
        const models::AccessAnswer a = m_access->answer(q);
        if (!a.isKnown())
            return tr("Checking permissions…");
        if (!a.isAllowed())
            return m_access->explain(q);
    }
    return QString();
}

void ClusterNodesTab::updateActions()
{
    const models::KubeObject o = m_nodes->currentObject();
    const bool cordoned = !o.isNull() && o.json().value(L("spec")).toObject().value(L("unschedulable")).toBool();
    const bool mayCordon = isAllowed(Action::Cordon);
    const bool mayDrain = isAllowed(Action::Drain);
    auto set = [&](QPushButton *b, bool allowed, Action a, bool applicable, const QString &notApplicable, const QString &help) {
        b->setEnabled(allowed && applicable && !o.isNull());
        if (!allowed)
            b->setToolTip(deniedReason(a));
        else if (o.isNull())
            b->setToolTip(tr("Select a node"));
        else if (!applicable)
            b->setToolTip(notApplicable);
        else
            b->setToolTip(help);
    };
    set(m_cordon, mayCordon, Action::Cordon, !cordoned, tr("The node is already cordoned"),
        tr("Mark the node unschedulable (Ctrl+Shift+C)"));
    set(m_uncordon, mayCordon, Action::Cordon, cordoned, tr("The node is schedulable"),
        tr("Mark the node schedulable again (Ctrl+Shift+U)"));
    set(m_drain, mayDrain, Action::Drain, true, QString(),
        tr("Cordon the node and evict its pods (Ctrl+Shift+D)"));
}

void ClusterNodesTab::cordon(bool unschedulable)
{
    const QString node = currentNode();
    auto *conn = m_page->fleet()->connection(m_cluster);
    if (node.isEmpty() || !conn)
        return;
    api::ResourcePath p;
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("nodes");
    p.name = node;
    const QByteArray patch = unschedulable ? QByteArrayLiteral("{\"spec\":{\"unschedulable\":true}}") : QByteArrayLiteral("{\"spec\":{\"unschedulable\":null}}");
    const QString action = (unschedulable ? tr("Cordon node %1") : tr("Uncordon node %1")).arg(node);
    m_cordon->setEnabled(false);
    m_uncordon->setEnabled(false);
    QPointer<Page> page = m_page;
    conn->client().patch(p, api::PatchType::Merge, patch, {}, this, [this, page, action](const api::Result<api::Response> &r, const QStringList &) {
        if (!r && page) {
            api::ApiError e = r.error();
            e.cluster = m_cluster;
            page->showError(e, action);
        } else if (page) {
            page->clearError();
        }
        updateActions();
    });
}

void ClusterNodesTab::drain()
{
    const QString node = currentNode();
    auto *conn = m_page->fleet()->connection(m_cluster);
    if (node.isEmpty() || !conn)
        return;
    if (m_dialog)
        m_dialog->close();
    m_dialog = new NodeDrainDialog(conn->client(), m_cluster, node, this);
    m_dialog->show();
}

} // namespace acp::views
