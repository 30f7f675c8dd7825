#pragma once
// The composition root's list of areas: every views/<area> library that has landed registers
// its pages here (DESIGN.md: areas slot in through the page registry).
#include "views/common/PageRegistry.h"

namespace acp::app {

void registerAllPages(views::PageRegistry &registry);

} // namespace acp::app
