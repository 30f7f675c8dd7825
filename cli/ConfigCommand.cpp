// acpctl config ...: kubectl's `config` subcommands over the same kubeconfig loader the console
// uses (api/Kubeconfig). Output and error texts match kubectl 1.32.
#include "cli/ConfigCommand.h"
#include "api/KubeconfigView.h"

namespace acp::cli {

namespace {

api::Result<api::Kubeconfig> loadConfig(const CommandContext &ctx)
{
    return api::Kubeconfig::load(ctx.global.loadOptions());
}

int configView(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addBool(QStringLiteral("minify"));
    p.addBool(QStringLiteral("flatten"));
    p.addBool(QStringLiteral("raw"));
    p.addBool(QStringLiteral("merge"));
    p.addValue(QStringLiteral("output"), QStringLiteral("o"));
    if (auto e = p.parse())
        return ctx.fail(*e);
    if (!p.positional().isEmpty())
        return ctx.fail(QStringLiteral("unexpected arguments: %1").arg(p.positional().join(QLatin1Char(' '))));
    const QString output = p.value(QStringLiteral("output"), QStringLiteral("yaml"));
    if (output != QLatin1String("yaml") && output != QLatin1String("json"))
        return ctx.fail(QStringLiteral("unable to match a printer suitable for the output format \"%1\", allowed formats are: json,yaml").arg(output));
    auto config = loadConfig(ctx);
    if (!config)
        return ctx.fail(config.error().message);
    api::KubeconfigViewOptions o;
    o.minify = p.flag(QStringLiteral("minify"));
    o.flatten = p.flag(QStringLiteral("flatten"));
    o.raw = p.flag(QStringLiteral("raw"));
    o.context = ctx.global.context;
    auto view = api::KubeconfigView::build(*config, o);
    if (!view)
        return ctx.fail(view.error().message);
    const QByteArray text = output == QLatin1String("json") ? api::KubeconfigView::toJson(*view) : api::KubeconfigView::toYaml(*view);
    ctx.out << QString::fromUtf8(text);
    return 0;
}

int currentContext(CommandContext &ctx)
{
    auto config = loadConfig(ctx);
    if (!config)
        return ctx.fail(config.error().message);
    if (config->currentContext().isEmpty())
        return ctx.fail(QStringLiteral("current-context is not set"));
    ctx.out << config->currentContext() << '\n';
    return 0;
}

// Go's text/tabwriter as kubectl configures it: cells padded to the column width + 3, the last
// cell of a row unpadded.
void printTable(QTextStream &out, const QList<QStringList> &rows)
{
    QList<int> width;
    for (const QStringList &r : rows)
        for (int i = 0; i < r.size() - 1; ++i) {
            if (width.size() <= i)
                width.append(0);
            width[i] = qMax(width.at(i), int(r.at(i).size()));
        }
    for (const QStringList &r : rows) {
        for (int i = 0; i < r.size(); ++i)
            out << (i + 1 < r.size() ? r.at(i).leftJustified(width.at(i) + 3) : r.at(i));
        out << '\n';
    }
}

int getContexts(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addValue(QStringLiteral("output"), QStringLiteral("o"));
    p.addBool(QStringLiteral("no-headers"));
    if (auto e = p.parse())
        return ctx.fail(*e);
    const QString output = p.value(QStringLiteral("output"));
    if (!output.isEmpty() && output != QLatin1String("name"))
        return ctx.fail(QStringLiteral("output must be one of '' or 'name': %1").arg(output));
    auto config = loadConfig(ctx);
    if (!config)
        return ctx.fail(config.error().message);
    QStringList names = p.positional(), missing;
    if (names.isEmpty())
        names = config->contexts().keys();
    QList<QStringList> rows;
    if (!p.flag(QStringLiteral("no-headers")) && output.isEmpty())
        rows.append({QStringLiteral("CURRENT"), QStringLiteral("NAME"), QStringLiteral("CLUSTER"), QStringLiteral("AUTHINFO"), QStringLiteral("NAMESPACE")});
    names.sort();
    for (const QString &n : names) {
        const auto it = config->contexts().constFind(n);
        if (it == config->contexts().constEnd()) {
            missing.append(n);
            continue;
        }
        if (output == QLatin1String("name")) {
            ctx.out << n << '\n';
            continue;
        }
        rows.append({n == config->currentContext() ? QStringLiteral("*") : QString(), n, it->value.cluster, it->value.user,
                     it->value.namespaceName});
    }
    printTable(ctx.out, rows);
    for (const QString &n : missing)
        ctx.fail(QStringLiteral("context %1 not found").arg(n));
    return missing.isEmpty() ? 0 : 1;
}

int useContext(CommandContext &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(QStringLiteral("Unexpected args: %1").arg(ctx.args.join(QLatin1Char(' '))));
    auto config = loadConfig(ctx);
    if (!config)
        return ctx.fail(config.error().message);
    const QString name = ctx.args.first();
    if (!config->contexts().contains(name))
        return ctx.fail(QStringLiteral("no context exists with the name: \"%1\"").arg(name));
    config.value().setCurrentContext(name);
    auto saved = config.value().save();
    if (!saved)
        return ctx.fail(saved.error().message);
    ctx.out << "Switched to context \"" << name << "\".\n";
    return 0;
}

int setContext(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addBool(QStringLiteral("current"));
    for (const char *f : {"namespace", "cluster", "user"})
        p.addValue(QLatin1String(f));
    // -n/--namespace, --cluster and --user are global flags; here they are the context's fields.
    if (auto e = p.parse())
        return ctx.fail(*e);
    auto config = loadConfig(ctx);
    if (!config)
        return ctx.fail(config.error().message);
    QString name = p.positional().value(0);
    if (p.flag(QStringLiteral("current"))) {
        if (!name.isEmpty())
            return ctx.fail(QStringLiteral("you cannot specify both a context name and --current"));
        name = config->currentContext();
        if (name.isEmpty())
            return ctx.fail(QStringLiteral("no current context is set"));
    }
    if (name.isEmpty())
        return ctx.fail(QStringLiteral("you must specify a non-empty context name or --current"));
    const bool exists = config->contexts().contains(name);
    api::KubeContext c = exists ? config->contexts().value(name).value : api::KubeContext{};
    const QString ns = p.isSet(QStringLiteral("namespace")) ? p.value(QStringLiteral("namespace")) : ctx.global.namespaceName;
    const QString cluster = p.isSet(QStringLiteral("cluster")) ? p.value(QStringLiteral("cluster")) : ctx.global.cluster;
    const QString user = p.isSet(QStringLiteral("user")) ? p.value(QStringLiteral("user")) : ctx.global.user;
    if (!ns.isEmpty() || p.isSet(QStringLiteral("namespace")))
        c.namespaceName = ns;
    if (!cluster.isEmpty())
        c.cluster = cluster;
    if (!user.isEmpty())
        c.user = user;
    config.value().setContext(name, c);
    auto saved = config.value().save();
    if (!saved)
        return ctx.fail(saved.error().message);
    ctx.out << "Context \"" << name << "\" " << (exists ? "modified" : "created") << ".\n";
    return 0;
}

} // namespace

void registerConfigCommands(CommandRegistry &registry)
{
    registry.add({QStringLiteral("config"), QStringLiteral("view")},
                 QStringLiteral("Display merged kubeconfig settings ([--minify] [--flatten] [--raw] [-o yaml|json])"), configView);
    registry.add({QStringLiteral("config"), QStringLiteral("current-context")}, QStringLiteral("Display the current-context"),
                 currentContext);
    registry.add({QStringLiteral("config"), QStringLiteral("get-contexts")},
                 QStringLiteral("Describe one or many contexts ([-o name] [--no-headers])"), getContexts);
    registry.add({QStringLiteral("config"), QStringLiteral("use-context")}, QStringLiteral("Set the current-context"), useContext);
    registry.add({QStringLiteral("config"), QStringLiteral("set-context")},
                 QStringLiteral("Set a context entry ([NAME | --current] [--namespace=NS] [--cluster=C] [--user=U])"), setContext);
}

} // namespace acp::cli
