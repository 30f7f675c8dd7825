#pragma once
// Registers the Clusters area's pages with the console (called by app/AppPages.cpp).
#include "views/common/PageRegistry.h"

namespace acp::views {

void registerClustersPages(PageRegistry &registry);

} // namespace acp::views
