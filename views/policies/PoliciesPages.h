#pragma once
// Registers the Pod security area's page with the console (called by app/AppPages.cpp).
#include "views/common/PageRegistry.h"

namespace acp::views {

void registerPoliciesPages(PageRegistry &registry);

} // namespace acp::views
