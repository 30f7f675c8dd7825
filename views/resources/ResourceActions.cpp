#include "views/resources/ResourceActions.h"

#include "models/ClusterConnection.h"
#include "views/common/Page.h"
#include "views/resources/DeleteDialog.h"
#include "views/resources/ScaleDialog.h"

#include <QAction>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QItemSelectionModel>
#include <QTableView>
#include <memory>

namespace acp::views {

namespace {

// Kinds whose rollout restarts the kubectl way (spec.template.metadata.annotations restartedAt).
constexpr const char *kRestartable[][2] = {{"apps", "Deployment"}, {"apps", "StatefulSet"}, {"apps", "DaemonSet"}};

QAction *makeAction(const QString &text, const QKeySequence &key, const QString &name, QObject *parent)
{
    auto *a = new QAction(text, parent);
    a->setObjectName(name);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetShortcut);
    a->setEnabled(false);
    return a;
}

} // namespace

ResourceActions::ResourceActions(Page *page, ResourceTableView *table)
    : QObject(page), m_page(page), m_table(table),
      m_scale(makeAction(tr("Scale…"), QKeySequence(Qt::Key_S), QStringLiteral("scaleAction"), this)),
      m_restart(makeAction(tr("Restart rollout"), QKeySequence(Qt::Key_R), QStringLiteral("restartAction"), this)),
      m_delete(makeAction(tr("Delete…"), QKeySequence(Qt::CTRL | Qt::Key_D), QStringLiteral("deleteAction"), this)),
      m_editYaml(makeAction(tr("Edit YAML"), QKeySequence(Qt::Key_E), QStringLiteral("editYamlAction"), this)),
      m_createYaml(makeAction(tr("Create from YAML"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), QStringLiteral("createYamlAction"), this))
{
    for (QAction *a : actions())
        table->tableView()->addAction(a);
    connect(m_scale, &QAction::triggered, this, &ResourceActions::scale);
    connect(m_restart, &QAction::triggered, this, &ResourceActions::restart);
    connect(m_delete, &QAction::triggered, this, &ResourceActions::remove);
    connect(m_editYaml, &QAction::triggered, this, &ResourceActions::editYaml);
    connect(m_createYaml, &QAction::triggered, this, &ResourceActions::createYaml);
    m_createYaml->setEnabled(true);
    m_createYaml->setToolTip(tr("Create from YAML (%1)").arg(m_createYaml->shortcut().toString(QKeySequence::NativeText)));
    connect(table, &ResourceTableView::currentObjectChanged, this, &ResourceActions::update);
    connect(table, &ResourceTableView::resourceResolved, this, &ResourceActions::update);
    connect(table->tableView()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ResourceActions::update);
    update();
}

bool ResourceActions::canScale(const api::ApiResource &resource)
{
    return resource.subresources.contains(QStringLiteral("scale"));
}

bool ResourceActions::canRestart(const api::ApiResource &resource)
{
    for (const auto &row : kRestartable)
        if (resource.group == QLatin1String(row[0]) && resource.kind == QLatin1String(row[1]))
            return resource.hasVerb(QStringLiteral("patch"));
    return false;
}

bool ResourceActions::canDelete(const api::ApiResource &resource)
{
    return resource.hasVerb(QStringLiteral("delete"));
}

QList<ResourceActions::Target> ResourceActions::targets() const
{
    QList<Target> out;
    const QString name = m_table->apiResource().groupResource();
    if (m_table->apiResource().kind.isEmpty())
        return out;
    for (const ResourceTableView::Selected &s : m_table->selectedObjects()) {
        if (s.object.isNull())
            continue;
        models::ClusterConnection *conn = m_page->fleet()->existingConnection(s.cluster);
        const auto r = conn ? conn->resources()->lookup(name) : api::Result<api::ApiResource>(api::ApiError{});
        out.append({s.cluster, s.object, r.ok() ? *r : m_table->apiResource()});
    }
    return out;
}

models::AccessReviewCache *ResourceActions::cacheFor(const QString &cluster)
{
    models::AccessReviewCache *cache = models::AccessReviewCache::of(m_page->fleet()->existingConnection(cluster));
    if (cache && !m_caches.contains(cache)) {
        m_caches.append(cache);
        connect(cache, &models::AccessReviewCache::answered, this, &ResourceActions::update);
    }
    return cache;
}

void ResourceActions::update()
{
    const api::ApiResource &r = m_table->apiResource();
    const QString kind = r.resource.isEmpty() ? tr("this kind") : r.resource;
    updateAction(m_scale, tr("Scale"), canScale(r), tr("%1 cannot be scaled").arg(kind), QStringLiteral("patch"),
                 QStringLiteral("scale"), true);
    updateAction(m_restart, tr("Restart rollout"), canRestart(r), tr("%1 have no rollout to restart").arg(kind),
                 QStringLiteral("patch"), QString(), false);
    updateAction(m_delete, tr("Delete"), canDelete(r), tr("%1 cannot be deleted").arg(kind), QStringLiteral("delete"),
                 QString(), false);
    updateAction(m_editYaml, tr("Edit YAML"), r.hasVerb(QStringLiteral("patch")) || r.hasVerb(QStringLiteral("update")),
                 tr("%1 cannot be changed").arg(kind), QStringLiteral("patch"), QString(), true);
}

void ResourceActions::updateAction(QAction *action, const QString &label, bool supported, const QString &unsupported,
                                   const QString &verb, const QString &subresource, bool singleOnly)
{
    const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
    auto set = [&](bool enabled, const QString &why) {
        action->setEnabled(enabled);
        action->setToolTip(enabled ? QStringLiteral("%1 (%2)").arg(label, shortcut) : QStringLiteral("%1: %2").arg(label, why));
    };
    if (!supported) {
        set(false, unsupported);
        return;
    }
    const QList<Target> ts = targets();
    if (ts.isEmpty()) {
        set(false, tr("select an object first"));
        return;
    }
    if (singleOnly && ts.size() > 1) {
        set(false, tr("select one object"));
        return;
    }
    QStringList denied;
    bool pending = false;
    for (const Target &t : ts) {
        models::AccessReviewCache *cache = cacheFor(t.cluster);
        if (!cache) {
            denied << tr("%1 is not connected").arg(t.cluster);
            continue;
        }
        const models::AccessQuestion q{verb, t.resource.group, t.resource.resource, subresource,
                                       t.resource.namespaced ? t.object.namespaceName() : QString(), QString()};
        const models::AccessAnswer a = cache->answer(q);
        if (!a.isKnown())
            pending = true;
        else if (!a.isAllowed() && !denied.contains(cache->explain(q)))
            denied << cache->explain(q);
    }
    if (!denied.isEmpty())
        set(false, denied.join(QLatin1Char('\n')));
    else if (pending)
        set(false, tr("checking permission…"));
    else
        set(true, QString());
}

api::ResourcePath ResourceActions::pathOf(const Target &t, const QString &subresource) const
{
    return api::ResourcePath{t.resource.group, t.resource.version, t.resource.resource,
                             t.resource.namespaced ? t.object.namespaceName() : QString(), t.object.name(), subresource, QString()};
}

QString ResourceActions::describe(const Target &t) const
{
    const QString ns = t.object.namespaceName();
    return ns.isEmpty() ? tr("%1/%2 (%3)").arg(t.resource.resource, t.object.name(), t.cluster)
                        : tr("%1/%2 in %3 (%4)").arg(t.resource.resource, t.object.name(), ns, t.cluster);
}

void ResourceActions::reportFailure(const api::ApiError &error, const QString &action)
{
    m_page->showError(error, action);
    // Forbidden although the cached answer allowed it: the grants changed. Ask again.
    if (error.isForbidden()) {
        for (const QPointer<models::AccessReviewCache> &cache : std::as_const(m_caches))
            if (cache)
                cache->clear();
        update();
    }
}

void ResourceActions::scale()
{
    update();
    const QList<Target> ts = targets();
    if (!m_scale->isEnabled() || ts.size() != 1)
        return;
    const Target t = ts.first();
    const int current = t.object.json().value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(1);
    auto *dialog = new ScaleDialog(describe(t), current, m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, t, dialog] {
        const int replicas = dialog->replicas();
        models::ClusterConnection *conn = m_page->fleet()->existingConnection(t.cluster);
        if (!conn)
            return;
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}})
                                    .toJson(QJsonDocument::Compact);
        const QString what = describe(t);
        conn->client().patch(pathOf(t, QStringLiteral("scale")), api::PatchType::Merge, body, {}, this,
                             [this, what, replicas](const api::Result<api::Response> &r, const QStringList &) {
            if (r.ok())
                m_page->showMessage(tr("Scaled %1 to %2 replicas").arg(what).arg(replicas), false);
            else
                reportFailure(r.error(), tr("Scale %1").arg(what));
            Q_EMIT finished(QStringLiteral("scale"), r.ok());
        });
    });
    dialog->open();
}

void ResourceActions::restart()
{
    update();
    if (!m_restart->isEnabled())
        return;
    const QList<Target> ts = targets();
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QJsonObject patch{{QStringLiteral("spec"),
                             QJsonObject{{QStringLiteral("template"),
                                          QJsonObject{{QStringLiteral("metadata"),
                                                       QJsonObject{{QStringLiteral("annotations"),
                                                                    QJsonObject{{QStringLiteral("kubectl.kubernetes.io/restartedAt"), now}}}}}}}}}};
    const QByteArray body = QJsonDocument(patch).toJson(QJsonDocument::Compact);
    auto pending = std::make_shared<int>(int(ts.size()));
    auto failures = std::make_shared<int>(0);
    for (const Target &t : ts) {
        models::ClusterConnection *conn = m_page->fleet()->existingConnection(t.cluster);
        const QString what = describe(t);
        if (!conn) {   // update() enabled the action, so the connection existed a moment ago
            m_page->showMessage(tr("Restart %1: cluster %2 is not connected").arg(what, t.cluster));
            return;
        }
        conn->client().patch(pathOf(t), api::PatchType::StrategicMerge, body, {}, this,
                             [this, what, pending, failures, n = ts.size()](const api::Result<api::Response> &r, const QStringList &) {
            if (!r.ok()) {
                ++*failures;
                reportFailure(r.error(), tr("Restart %1").arg(what));
            }
            if (--*pending == 0) {
                if (*failures == 0)
                    m_page->showMessage(n == 1 ? tr("Restarted %1").arg(what) : tr("Restarted %1 rollouts").arg(n), false);
                Q_EMIT finished(QStringLiteral("restart"), *failures == 0);
            }
        });
    }
}

void ResourceActions::remove()
{
    update();
    if (!m_delete->isEnabled())
        return;
    const QList<Target> ts = targets();
    QStringList names;
    for (const Target &t : ts)
        names << describe(t);
    auto *dialog = new DeleteDialog(names, m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, ts, dialog] {
        api::DeleteOptions options;
        options.propagationPolicy = dialog->propagationPolicy();
        auto pending = std::make_shared<int>(int(ts.size()));
        auto failures = std::make_shared<int>(0);
        for (const Target &t : ts) {
            models::ClusterConnection *conn = m_page->fleet()->existingConnection(t.cluster);
            const QString what = describe(t);
            if (!conn) {
                m_page->showMessage(tr("Delete %1: cluster %2 is not connected").arg(what, t.cluster));
                return;
            }
            conn->client().remove(pathOf(t), options, this,
                                  [this, what, pending, failures, n = ts.size()](const api::Result<api::Response> &r, const QStringList &) {
                if (!r.ok()) {
                    ++*failures;
                    reportFailure(r.error(), tr("Delete %1").arg(what));
                }
                if (--*pending == 0) {
                    if (*failures == 0)
                        m_page->showMessage(n == 1 ? tr("Deleted %1").arg(what) : tr("Deleted %1 objects").arg(n), false);
                    Q_EMIT finished(QStringLiteral("delete"), *failures == 0);
                }
            });
        }
    });
    dialog->open();
}

// --- YAML editor (another area: navigation only) ---

void ResourceActions::editYaml()
{
    update();
    const QList<Target> ts = targets();
    if (!m_editYaml->isEnabled() || ts.size() != 1 || !m_page->navigator())
        return;
    const Target &t = ts.first();
    m_page->navigator()->openPage(QStringLiteral("yaml"),
                                  {{QStringLiteral("cluster"), t.cluster}, {QStringLiteral("group"), t.resource.group},
                                   {QStringLiteral("version"), t.resource.version}, {QStringLiteral("resource"), t.resource.resource},
                                   {QStringLiteral("namespace"), t.resource.namespaced ? t.object.namespaceName() : QString()},
                                   {QStringLiteral("name"), t.object.name()}});
}

void ResourceActions::createYaml()
{
    if (!m_page->navigator())
        return;
    QString cluster = m_page->context()->scope().cluster;
    if (cluster.isEmpty())
        cluster = m_table->currentCluster();
    m_page->navigator()->openPage(QStringLiteral("yaml"), {{QStringLiteral("cluster"), cluster},
                                                           {QStringLiteral("namespace"), m_page->context()->scope().namespaceName},
                                                           {QStringLiteral("mode"), QStringLiteral("create")}});
}

} // namespace acp::views
