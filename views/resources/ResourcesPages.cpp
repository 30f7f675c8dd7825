#include "views/resources/ResourcesPages.h"

#include "views/resources/ResourcesPage.h"

namespace acp::views {

void registerResourcesPages(PageRegistry &registry)
{
    PageInfo info;
    info.id = QStringLiteral("resources");
    info.title = QStringLiteral("Resources");
    info.section = QStringLiteral("Workloads");
    info.order = 30;
    info.shortcut = QKeySequence(Qt::CTRL | Qt::Key_3);
    info.keywords = {QStringLiteral("browse"), QStringLiteral("kinds"), QStringLiteral("crd")};
    info.resources = {QStringLiteral("*")};
    info.create = [](PageContext *context) -> Page * { return new ResourcesPage(context); };
    info.argsFor = [](const models::ResourceRef &ref) {
        return QVariantMap{{QStringLiteral("resource"), ref.groupResource()}, {QStringLiteral("ref"), QVariant::fromValue(ref)}};
    };
    registry.add(info);
}

} // namespace acp::views
