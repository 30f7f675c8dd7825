#include "views/projects/ProjectActions.h"

#include "models/Fleet.h"
#include "models/ProjectClient.h"
#include "views/common/Page.h"
#include "views/projects/DeleteProjectDialog.h"
#include "views/projects/ProjectDialog.h"

#include <QJsonArray>
#include <QPointer>
#include <algorithm>
#include <memory>

namespace acp::views {

void ProjectActions::createProject(Page *page)
{
    const models::ProjectClient client(page->fleet()->platformClient());
    QPointer<Page> guard(page);
    auto submit = [client, guard](const models::ProjectSpec &spec, models::ProjectClient::Done done) {
        if (!guard)
            return;
        client.create(spec, guard, [guard, done, name = spec.name](const std::optional<api::ApiError> &error) {
            if (!error && guard)
                guard->showMessage(QObject::tr("Project %1 created.").arg(name), false);
            done(error);
        });
    };
    auto *dlg = new ProjectDialog(page->fleet()->clusterNames(), std::nullopt, submit, page);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    dlg->open();
}

void ProjectActions::editProject(Page *page, const QJsonObject &project)
{
    const models::ProjectClient client(page->fleet()->platformClient());
    QPointer<Page> guard(page);
    auto submit = [client, guard, project](const models::ProjectSpec &spec, models::ProjectClient::Done done) {
        if (!guard)
            return;
        client.update(spec, project, guard, [guard, done, name = spec.name](const std::optional<api::ApiError> &error) {
            if (!error && guard)
                guard->showMessage(QObject::tr("Project %1 saved.").arg(name), false);
            done(error);
        });
    };
    auto *dlg = new ProjectDialog(page->fleet()->clusterNames(), models::ProjectSpec::fromJson(project), submit, page);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    dlg->open();
}

void ProjectActions::deleteProject(Page *page, const models::ProjectSpec &project, int namespaceCount, std::function<void()> onDeleted)
{
    auto *dlg = new DeleteProjectDialog(project.name, namespaceCount, project.clusterNames(), page);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    const models::ProjectClient client(page->fleet()->platformClient());
    QPointer<Page> guard(page);
    QObject::connect(dlg, &QDialog::accepted, page, [client, guard, dlg, name = project.name, onDeleted] {
        const bool reclaim = dlg->reclaimNamespaces();
        client.remove(name, reclaim, guard, [guard, name, reclaim, onDeleted](const std::optional<api::ApiError> &error) {
            if (!guard)
                return;
            if (error) {
                guard->showError(*error, QObject::tr("Delete project %1").arg(name));
                return;
            }
            guard->showMessage(reclaim ? QObject::tr("Project %1 deleted with its namespaces.").arg(name)
                                       : QObject::tr("Project %1 deleted; its namespaces were retained.").arg(name), false);
            if (onDeleted)
                onDeleted();
        });
    });
    dlg->open();
    // Count afresh: the list's counts may be up to 30 s old.
    struct Tally {
        int pending = 0;
        bool failed = false;
        QStringList names;
    };
    auto tally = std::make_shared<Tally>();
    tally->pending = int(project.clusters.size());
    if (tally->pending == 0)
        dlg->setNamespaces(QStringList());
    for (const QString &cluster : project.clusterNames())
        listNamespaces(page->fleet(), project.name, cluster, dlg, [dlg, tally, cluster](const QStringList &names, const std::optional<api::ApiError> &error) {
            tally->failed = tally->failed || error.has_value();
            for (const QString &n : names)
                tally->names << cluster + QLatin1Char('/') + n;
            if (--tally->pending == 0)
                dlg->setNamespaces(tally->failed ? std::nullopt : std::optional<QStringList>(tally->names));
        });
}

void ProjectActions::listNamespaces(models::Fleet *fleet, const QString &project, const QString &cluster, QObject *context,
                                    NamespacesDone done)
{
    api::ResourcePath p;
    p.root = QStringLiteral("/auth/v1/projects/%1/clusters/%2").arg(project, cluster);
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("namespaces");
    fleet->platformClient().list(p, {}, context, [done = std::move(done)](const api::Result<api::Response> &r, const QStringList &) {
        if (!r)
            return done({}, r.error());
        auto o = r->json();
        if (!o)
            return done({}, o.error());
        QStringList names;
        for (const QJsonValue &it : o->value(QLatin1String("items")).toArray())
            names << it.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        std::sort(names.begin(), names.end());
        done(names, std::nullopt);
    });
}

} // namespace acp::views
