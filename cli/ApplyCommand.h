#pragma once
// `acpctl apply` and `acpctl diff`: kubectl's commands through models::ApplyEngine (the code
// path of the console's YAML editor).
//
// apply -f FILE... [--server-side] [--force-conflicts] [--dry-run=server|none] [-n NS]
//       [--field-manager M]: one line per document ("deployment.apps/web created",
//       "configured", "unchanged", "serverside-applied", " (server dry run)"), admission
//       warnings as "Warning: ..." on stderr, errors on stderr as kubectl prints them; exit 1 if
//       any document failed. Without --server-side: created/configured/unchanged through a
//       forced server-side apply (models::ApplyMode::Apply). CRDs and Namespaces go first.
// diff -f FILE... [--server-side] [--force-conflicts] [--field-manager M]: the live objects and
//       the server-side dry-run results in two temporary directories (LIVE-*, MERGED-*), files
//       named as kubectl names them, compared with `diff -u -N` or $KUBECTL_EXTERNAL_DIFF; exit 0
//       no differences, 1 differences, >1 an error.
// FILE "-" reads stdin; a directory stands for its *.json, *.yaml and *.yml files.
#include "cli/CommandRegistry.h"

namespace acp::cli {

void registerApplyCommands(CommandRegistry &registry);

} // namespace acp::cli
