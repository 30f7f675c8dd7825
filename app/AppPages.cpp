#include "app/AppPages.h"

#include "views/clusters/ClustersPages.h"
#include "views/policies/PoliciesPages.h"
#include "views/editor/EditorPages.h"
#include "views/projects/ProjectsPages.h"
#include "views/resources/ResourcesPages.h"

namespace acp::app {

void registerAllPages(views::PageRegistry &registry)
{
    views::registerClustersPages(registry);
    views::registerProjectsPages(registry);
    views::registerResourcesPages(registry);
    views::registerPoliciesPages(registry);
    views::registerEditorPages(registry);
}

} // namespace acp::app
