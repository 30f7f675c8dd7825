// acpctl get: kubectl get's arguments, flags, output and errors (see GetCommandRun for the
// engine and GetCommand.h for --clusters).
#include "cli/GetCommand.h"

#include "cli/GetCommandRun.h"

namespace acp::cli {

namespace {

// kubectl's argument forms: "TYPE[,TYPE...] [NAME...]" or "TYPE/NAME [TYPE/NAME...]".
std::optional<QString> parseArgs(const QStringList &positional, GetOptions &o)
{
    if (positional.isEmpty())
        return QStringLiteral("You must specify the type of resource to get. Use \"acpctl api-resources\" for a complete list of "
                              "supported resources.\n\nerror: Required resource not specified.");
    if (positional.first().contains(u'/')) {
        for (const QString &p : positional) {
            const qsizetype slash = p.indexOf(u'/');
            if (slash <= 0 || slash == p.size() - 1)
                return QStringLiteral("there is no need to specify a resource type as a separate argument when passing arguments "
                                      "in resource/name form (e.g. 'acpctl get resource/<resource_name>' instead of "
                                      "'acpctl get resource resource/<resource_name>'");
            const QString type = p.left(slash), name = p.mid(slash + 1);
            if (!o.args.isEmpty() && o.args.last().resource == type)
                o.args.last().names << name;
            else
                o.args.append({type, {name}});
        }
        o.singleItemImplied = positional.size() == 1;
        return std::nullopt;
    }
    const QStringList names = positional.mid(1);
    for (const QString &t : positional.first().split(u',', Qt::SkipEmptyParts))
        o.args.append({t, names});
    if (o.args.isEmpty())
        return QStringLiteral("Required resource not specified.");
    o.singleItemImplied = o.args.size() == 1 && names.size() == 1;
    return std::nullopt;
}

int get(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addBool(QStringLiteral("all-namespaces"), QStringLiteral("A"));
    p.addValue(QStringLiteral("selector"), QStringLiteral("l"));
    p.addValue(QStringLiteral("field-selector"));
    p.addValue(QStringLiteral("output"), QStringLiteral("o"));
    p.addBool(QStringLiteral("no-headers"));
    p.addBool(QStringLiteral("show-labels"));
    p.addValue(QStringLiteral("clusters"));
    p.addValue(QStringLiteral("chunk-size"));
    if (auto e = p.parse())
        return ctx.fail(*e);
    GetOptions o;
    if (auto e = parseArgs(p.positional(), o))
        return ctx.fail(*e);
    o.allNamespaces = p.flag(QStringLiteral("all-namespaces"));
    o.labelSelector = p.value(QStringLiteral("selector"));
    o.fieldSelector = p.value(QStringLiteral("field-selector"));
    o.output = p.value(QStringLiteral("output"));
    o.noHeaders = p.flag(QStringLiteral("no-headers"));
    o.showLabels = p.flag(QStringLiteral("show-labels"));
    bool ok = true;
    o.chunkSize = p.value(QStringLiteral("chunk-size"), QStringLiteral("500")).toInt(&ok);
    if (!ok || o.chunkSize < 0)
        return ctx.fail(QStringLiteral("invalid argument \"%1\" for \"--chunk-size\" flag").arg(p.value(QStringLiteral("chunk-size"))));
    static const QStringList outputs{QString(), QStringLiteral("wide"), QStringLiteral("json"), QStringLiteral("yaml"), QStringLiteral("name")};
    if (!outputs.contains(o.output))
        return ctx.fail(QStringLiteral("unable to match a printer suitable for the output format \"%1\", allowed formats are: "
                                       "json,name,wide,yaml")
                            .arg(o.output));
    if (o.allNamespaces) {
        for (const GetOptions::Arg &a : std::as_const(o.args))
            if (!a.names.isEmpty())
                return ctx.fail(QStringLiteral("a resource cannot be retrieved by name across all namespaces"));
    }
    auto config = api::Kubeconfig::load(ctx.global.loadOptions());
    if (!config)
        return ctx.fail(config.error().message);
    QList<GetTarget> targets;
    if (p.isSet(QStringLiteral("clusters"))) {
        auto t = clusterTargets(ctx.global, *config, p.value(QStringLiteral("clusters")));
        if (!t)
            return ctx.fail(t.error().message);
        targets = *t;
        o.multiCluster = true;
    } else {
        auto t = singleTarget(ctx.global, *config);
        if (!t)
            return ctx.fail(t.error().message);
        targets << *t;
    }
    ctx.out.flush();
    GetCommandRun run(o, targets, ctx.out, ctx.err);
    return run.exec();
}

} // namespace

void registerGetCommands(CommandRegistry &registry)
{
    registry.add({QStringLiteral("get")},
                 QStringLiteral("Display resources (TYPE[,TYPE] [NAME...] [-A|-n NS] [--clusters all|a,b] [-l SEL] "
                                "[--field-selector S] [-o wide|json|yaml|name] [--no-headers] [--show-labels])"),
                 get);
}

} // namespace acp::cli
