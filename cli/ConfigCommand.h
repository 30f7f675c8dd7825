#pragma once
// The `acpctl config ...` command group: view, current-context, get-contexts, use-context,
// set-context (kubectl's output and errors).
#include "cli/CommandRegistry.h"

namespace acp::cli {

void registerConfigCommands(CommandRegistry &registry);

} // namespace acp::cli
