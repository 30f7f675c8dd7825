#include "views/policies/PoliciesPages.h"

#include "views/policies/PoliciesPage.h"

namespace acp::views {

void registerPoliciesPages(PageRegistry &registry)
{
    // Always available: PSA labels and the impact preview need nothing but namespaces and pods;
    // clusters without Kyverno show that per namespace (templates cannot be listed there). The
    // project picker appears in ACP sessions only.
    PageInfo info;
    info.id = QStringLiteral("policies");
    info.title = QStringLiteral("Pod security");
    info.section = QStringLiteral("Platform");
    info.order = 25;
    info.shortcut = QKeySequence(Qt::CTRL | Qt::Key_5);
    info.keywords = {QStringLiteral("policies"), QStringLiteral("pss"), QStringLiteral("psa"), QStringLiteral("kyverno"),
                     QStringLiteral("policyreports")};
    info.create = [](PageContext *c) { return new PoliciesPage(c); };
    registry.add(info);
}

} // namespace acp::views
