#pragma once
// The `acpctl pss ...` command group: `pss check --level baseline|restricted [--version vX.Y]
// FILE...` evaluates the Pod Security Standards offline (models::PodSecurity) over every Pod
// and workload template in the files ("-" reads stdin; List objects are expanded).
//
// Output, one line per object, in file order:
//   PASS Kind/name
//   FAIL Kind/name: check (container, field); check (field); ...
//   SKIP Kind/name: no pod template          (objects of other kinds)
// Exit status: 0 all passed, 1 any FAIL, 2 input or usage errors (unreadable file, YAML error
// as "error: file:line:column: message", bad flags); 2 wins over 1.
#include "cli/CommandRegistry.h"

namespace acp::cli {

void registerPssCommands(CommandRegistry &registry);

} // namespace acp::cli
