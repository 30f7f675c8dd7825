#include "cli/SessionCommand.h"

#include "api/AcpSessionsLogin.h"
#include "cli/TablePrinter.h"

#include <QEventLoop>
#include <QFile>

namespace acp::cli {

namespace {

api::Result<api::AcpLoginData> runLogin(const api::AcpLoginRequest &request)
{
    std::optional<api::Result<api::AcpLoginData>> result;
    QEventLoop loop;
    api::AcpSessionsLogin::login(request, &loop, [&](api::Result<api::AcpLoginData> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

int login(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addValue(QStringLiteral("name"));
    p.addValue(QStringLiteral("username"));
    p.addValue(QStringLiteral("password"));
    p.addValue(QStringLiteral("certificate-authority"));
    if (auto e = p.parse())
        return ctx.fail(*e);
    if (p.positional().size() != 1)
        return ctx.fail(QStringLiteral("expected exactly one platform URL, e.g. acpctl login https://platform.example.com --name S "
                                       "--username U --password P"));
    api::AcpLoginRequest req;
    req.session = p.value(QStringLiteral("name"));
    if (req.session.isEmpty())
        return ctx.fail(QStringLiteral("--name (the session name) is required"));
    req.endpoint.url = QUrl(p.positional().first());
    req.endpoint.insecureSkipTlsVerify = ctx.global.insecureSkipTlsVerify;
    req.token = ctx.global.token;
    req.username = p.value(QStringLiteral("username"));
    req.password = p.value(QStringLiteral("password"));
    if (!req.token.isEmpty() && (!req.username.isEmpty() || !req.password.isEmpty()))
        return ctx.fail(QStringLiteral("--token cannot be combined with --username/--password"));
    if (const QString ca = p.value(QStringLiteral("certificate-authority")); !ca.isEmpty()) {
        if (req.endpoint.insecureSkipTlsVerify)
            return ctx.fail(QStringLiteral("specifying a root certificates file with the insecure flag is not allowed"));
        QFile f(ca);
        if (!f.open(QIODevice::ReadOnly))
            return ctx.fail(QStringLiteral("unable to read certificate-authority %1: %2").arg(ca, f.errorString()));
        req.endpoint.caPem = f.readAll();
    }
    if (req.endpoint.insecureSkipTlsVerify)
        ctx.err << "warning: TLS certificate verification is disabled for " << req.endpoint.url.toString() << Qt::endl;
    // Check the kubeconfig loads before talking to the platform.
    auto config = api::Kubeconfig::load(ctx.global.loadOptions());
    if (!config)
        return ctx.fail(config.error().message);
    const auto data = runLogin(req);
    if (!data)
        return ctx.fail(data.error().toString());
    auto changes = api::AcpSessions::applyLogin(config.value(), *data);
    if (!changes)
        return ctx.fail(changes.error().message);
    auto saved = config.value().save();
    if (!saved)
        return ctx.fail(saved.error().message);
    ctx.out << "Logged in to " << data->platform << " as " << (data->username.isEmpty() ? QStringLiteral("<unknown>") : data->username)
            << ": session \"" << data->session << "\" with " << data->clusters.size() << " cluster(s)";
    if (!data->clusters.isEmpty()) {
        QStringList c = data->clusters;
        c.sort();
        ctx.out << " (" << c.join(QStringLiteral(", ")) << ")";
    }
    ctx.out << ".\n";
    if (!changes->removed.isEmpty())
        ctx.out << "Removed clusters no longer visible: " << changes->removed.join(QStringLiteral(", ")) << ".\n";
    if (!changes->currentContext.isEmpty())
        ctx.out << "Current context: \"" << changes->currentContext << "\".\n";
    return 0;
}

int getSessions(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addBool(QStringLiteral("no-headers"));
    p.addValue(QStringLiteral("output"), QStringLiteral("o"));
    if (auto e = p.parse())
        return ctx.fail(*e);
    const QString output = p.value(QStringLiteral("output"));
    if (!output.isEmpty() && output != QLatin1String("name"))
        return ctx.fail(QStringLiteral("output must be one of '' or 'name': %1").arg(output));
    auto config = api::Kubeconfig::load(ctx.global.loadOptions());
    if (!config)
        return ctx.fail(config.error().message);
    const auto current = api::AcpSessions::currentSession(*config);
    TablePrinter table;
    if (!p.flag(QStringLiteral("no-headers")) && output.isEmpty())
        table.addRow({QStringLiteral("CURRENT"), QStringLiteral("NAME"), QStringLiteral("PLATFORM"), QStringLiteral("USER"),
                      QStringLiteral("CLUSTERS")});
    for (const api::AcpSession &s : api::AcpSessions::sessions(*config)) {
        if (output == QLatin1String("name")) {
            ctx.out << s.name << '\n';
            continue;
        }
        table.addRow({current && current->name == s.name ? QStringLiteral("*") : QString(), s.name, s.platform, s.username,
                      s.clusters.join(u',')});
    }
    ctx.out << QString::fromUtf8(table.render());
    return 0;
}

int switchTo(CommandContext &ctx, const std::function<api::Result<QString>(api::Kubeconfig &)> &change)
{
    auto config = api::Kubeconfig::load(ctx.global.loadOptions());
    if (!config)
        return ctx.fail(config.error().message);
    const auto target = change(config.value());
    if (!target)
        return ctx.fail(target.error().message);
    auto saved = config.value().save();
    if (!saved)
        return ctx.fail(saved.error().message);
    ctx.out << "Switched to context \"" << *target << "\".\n";
    return 0;
}

int useSession(CommandContext &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(QStringLiteral("expected one session name: acpctl config use-session NAME [--cluster CLUSTER]"));
    const QString name = ctx.args.first(), cluster = ctx.global.cluster; // --cluster is a global flag
    return switchTo(ctx, [&](api::Kubeconfig &c) { return api::AcpSessions::useSession(c, name, cluster); });
}

int useCluster(CommandContext &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(QStringLiteral("expected one cluster name: acpctl config use-cluster CLUSTER"));
    const QString cluster = ctx.args.first();
    return switchTo(ctx, [&](api::Kubeconfig &c) { return api::AcpSessions::useCluster(c, cluster); });
}

} // namespace

void registerSessionCommands(CommandRegistry &registry)
{
    registry.add({QStringLiteral("login")},
                 QStringLiteral("Log in to an ACP platform and write its clusters as a session (URL --name S (--token T | "
                                "--username U --password P) [--certificate-authority FILE | --insecure-skip-tls-verify])"),
                 login);
    registry.add({QStringLiteral("config"), QStringLiteral("get-sessions")}, QStringLiteral("List the ACP sessions ([-o name] [--no-headers])"),
                 getSessions);
    registry.add({QStringLiteral("config"), QStringLiteral("use-session")},
                 QStringLiteral("Switch to an ACP session (NAME [--cluster C])"), useSession);
    registry.add({QStringLiteral("config"), QStringLiteral("use-cluster")},
                 QStringLiteral("Switch to another cluster of the current session (CLUSTER)"), useCluster);
}

} // namespace acp::cli
