#pragma once
// `acpctl api-resources`: kubectl api-resources over the current context's discovery
// (preferred versions, resources with verbs; --namespaced, --api-group, --verbs, --sort-by,
// -o wide|name, --no-headers), with kubectl's columns, sort order and texts.
#include "cli/CommandRegistry.h"

namespace acp::cli {

void registerApiResourcesCommands(CommandRegistry &registry);

} // namespace acp::cli
