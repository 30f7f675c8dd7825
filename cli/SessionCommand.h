#pragma once
// ACP sessions (api/AcpSessions): `acpctl login URL --name S (--token T | --username U
// --password P) [--certificate-authority FILE | --insecure-skip-tls-verify]` and
// `acpctl config get-sessions | use-session S [--cluster C] | use-cluster C`.
// Tokens and passwords are never printed.
#include "cli/CommandRegistry.h"

namespace acp::cli {

void registerSessionCommands(CommandRegistry &registry);

} // namespace acp::cli
