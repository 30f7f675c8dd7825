#include "views/projects/ProjectsPages.h"

#include "views/projects/ProjectPage.h"
#include "views/projects/ProjectsPage.h"

namespace acp::views {

void registerProjectsPages(PageRegistry &registry)
{
    auto acpOnly = [](const models::Fleet *fleet) { return fleet->isAcp(); };
    PageInfo list;
    list.id = QStringLiteral("projects");
    list.title = QStringLiteral("Projects");
    list.section = QStringLiteral("Platform");
    list.order = 20;
    list.shortcut = QKeySequence(Qt::CTRL | Qt::Key_2);
    list.keywords = {QStringLiteral("proj"), QStringLiteral("quota")};
    list.create = [](PageContext *c) { return new ProjectsPage(c); };
    list.available = acpOnly;
    registry.add(list);

    PageInfo detail;
    detail.id = QStringLiteral("project");
    detail.title = QStringLiteral("Project");
    detail.section = QStringLiteral("Platform");
    detail.order = 21;
    detail.inNavigation = false;
    detail.resources = {QStringLiteral("projects.auth.alauda.io")};
    detail.create = [](PageContext *c) { return new ProjectPage(c); };
    detail.available = acpOnly;
    detail.argsFor = [](const models::ResourceRef &ref) { return QVariantMap{{QStringLiteral("project"), ref.name}}; };
    registry.add(detail);
}

} // namespace acp::views
