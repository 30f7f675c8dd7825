#pragma once
// The editor area's pages: "yaml" (YamlEditPage: edit a live object / create from YAML).
#include "views/common/PageRegistry.h"

namespace acp::views {

void registerEditorPages(PageRegistry &registry);

} // namespace acp::views
