#include "views/projects/ProjectsPages.h"

namespace acp::views {

void registerProjectsPages(PageRegistry &registry)
{
    Q_UNUSED(registry)
}

} // namespace acp::views
