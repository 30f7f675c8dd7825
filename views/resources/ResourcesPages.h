#pragma once
// Registers the Resources area's pages with the console (called by app/AppPages.cpp).
#include "views/common/PageRegistry.h"

namespace acp::views {

void registerResourcesPages(PageRegistry &registry);

} // namespace acp::views
