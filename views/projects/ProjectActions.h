#pragma once
// ProjectActions: the Projects area's actions shared by the list and the detail page: the
// create/edit/delete dialogs wired to models::ProjectClient, and listing a project's namespaces
// in one cluster through the platform API. Dialogs are window-modal, deleted on close, and
// children of the page (tests find them with findChild). Results land in the page's banner.
// GUI thread.
#include "api/ApiError.h"
#include "models/ProjectSpec.h"

#include <QJsonObject>
#include <functional>
#include <optional>

namespace acp::models { class Fleet; }

namespace acp::views {

class Page;

class ProjectActions {
public:
    static void createProject(Page *page);
    static void editProject(Page *page, const QJsonObject &project);
    // onDeleted runs after the server accepted the deletion.
    static void deleteProject(Page *page, const models::ProjectSpec &project, int namespaceCount,
                              std::function<void()> onDeleted = {});

    using NamespacesDone = std::function<void(const QStringList &names, const std::optional<api::ApiError> &error)>;
    // GET /auth/v1/projects/<p>/clusters/<c>/namespaces (what the user may see), names sorted.
    static void listNamespaces(models::Fleet *fleet, const QString &project, const QString &cluster, QObject *context,
                               NamespacesDone done);
};

} // namespace acp::views
