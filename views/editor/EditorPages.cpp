#include "views/editor/EditorPages.h"

#include "views/editor/YamlEditPage.h"

namespace acp::views {

void registerEditorPages(PageRegistry &registry)
{
    PageInfo info;
    info.id = QStringLiteral("yaml");
    info.title = QStringLiteral("Create from YAML");
    info.section = QStringLiteral("Workloads");
    info.order = 35;
    info.keywords = {QStringLiteral("yaml"), QStringLiteral("apply"), QStringLiteral("edit"), QStringLiteral("create")};
    info.create = [](PageContext *context) -> Page * { return new YamlEditPage(context); };
    // Editing a live object (args name it) is not "Create from YAML".
    info.highlightsNavigation = [](const QVariantMap &args) { return args.value(QStringLiteral("name")).toString().isEmpty(); };
    registry.add(info);
}

} // namespace acp::views
