#include "views/resources/ResourcesPages.h"

namespace acp::views {

void registerResourcesPages(PageRegistry &registry)
{
    Q_UNUSED(registry)
}

} // namespace acp::views
