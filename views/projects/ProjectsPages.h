#pragma once
// Registers the Projects area's pages with the console (called by app/AppPages.cpp).
#include "views/common/PageRegistry.h"

namespace acp::views {

void registerProjectsPages(PageRegistry &registry);

} // namespace acp::views
