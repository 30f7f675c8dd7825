// acpctl: the console's core layers, headless.
//
// Command framework (cli/CommandRegistry.h):
//  - A command is a word path ("config view") plus a handler `int (CommandContext &)` that
//    returns the exit code. One file per command group (cli/ConfigCommand.cpp, ...) exposes
//    `void registerXxxCommands(CommandRegistry &)`; add one call for it below and list the file
//    in cli/CMakeLists.txt.
//  - kubectl's global flags (--kubeconfig, --context, --cluster, --user, -n/--namespace,
//    --token, -s/--server, --as, --as-group, --as-uid, --insecure-skip-tls-verify) are removed
//    from the command line before dispatch, wherever they appear, and handed to the command in
//    CommandContext::global (GlobalOptions::loadOptions() gives the kubeconfig load options).
//  - A command parses its own flags with ArgParser (long --x / --x=v, short -o v / -ov;
//    unknown flags are errors). Errors go through CommandContext::fail(), which prints
//    "error: <message>" to stderr like kubectl and returns exit code 1.
#include "cli/CommandRegistry.h"
#include "cli/ApiResourcesCommand.h"
#include "cli/ApplyCommand.h"
#include "cli/ConfigCommand.h"
#include "cli/GetCommand.h"
#include "cli/PssCommand.h"
#include "cli/SessionCommand.h"
#include <QCoreApplication>

#include <malloc.h>

using namespace acp::cli;

int main(int argc, char **argv)
{
    // Page bodies (~1 MB) and their transient parses go to mmap and back to the OS when freed,
    // instead of staying in per-thread malloc arenas (acpctl get --clusters keeps peak RSS low).
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("acpctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACP_VERSION));
    QTextStream out(stdout), err(stderr);

    CommandRegistry registry;
    registry.add({QStringLiteral("version")}, QStringLiteral("Print the acpctl version"), [](CommandContext &ctx) {
        ctx.out << "acpctl " << ACP_VERSION << '\n';
        return 0;
    });
    registerConfigCommands(registry);
    registerSessionCommands(registry);
    registerApiResourcesCommands(registry);
    registerGetCommands(registry);
    registerApplyCommands(registry);
    registerPssCommands(registry);

    return registry.run(app.arguments().mid(1), out, err);
}
