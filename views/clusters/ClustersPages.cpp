#include "views/clusters/ClustersPages.h"

namespace acp::views {

void registerClustersPages(PageRegistry &registry)
{
    Q_UNUSED(registry)
}

} // namespace acp::views
