#include "cli/ApiResourcesCommand.h"

#include "api/ApiDiscovery.h"
#include "cli/GetCommand.h"
#include "cli/TablePrinter.h"

#include <QEventLoop>
#include <QSet>
#include <algorithm>

namespace acp::cli {

namespace {

api::Result<api::ApiResourceSet> discover(const api::RestConfig &config)
{
    std::optional<api::Result<api::ApiResourceSet>> result;
    QEventLoop loop;
    api::ApiDiscovery::fetch(api::KubeClient(config), api::ApiDiscovery::Mode::Auto, &loop,
                             [&](const api::Result<api::DiscoveryResult> &r) {
                                 if (r)
                                     result.emplace(r->resources);
                                 else
                                     result.emplace(r.error());
                                 loop.quit();
                             });
    if (!result)
        loop.exec();
    return *result;
}

int apiResources(CommandContext &ctx)
{
    ArgParser p(ctx.args);
    p.addBool(QStringLiteral("namespaced"));
    p.addValue(QStringLiteral("api-group"));
    p.addValue(QStringLiteral("verbs"));
    p.addValue(QStringLiteral("sort-by"));
    p.addValue(QStringLiteral("output"), QStringLiteral("o"));
    p.addBool(QStringLiteral("no-headers"));
    if (auto e = p.parse())
        return ctx.fail(*e);
    if (!p.positional().isEmpty())
        return ctx.fail(QStringLiteral("unexpected arguments: %1").arg(p.positional().join(u' ')));
    const QString output = p.value(QStringLiteral("output"));
    if (!output.isEmpty() && output != QLatin1String("wide") && output != QLatin1String("name"))
        return ctx.fail(QStringLiteral("--output %1 is not available").arg(output));
    const QString sortBy = p.value(QStringLiteral("sort-by"));
    if (!sortBy.isEmpty() && sortBy != QLatin1String("name") && sortBy != QLatin1String("kind"))
        return ctx.fail(QStringLiteral("--sort-by accepts only name or kind"));
    auto config = api::Kubeconfig::load(ctx.global.loadOptions());
    if (!config)
        return ctx.fail(config.error().message);
    auto target = singleTarget(ctx.global, *config);
    if (!target)
        return ctx.fail(target.error().message);
    const auto set = discover(target->config);
    if (!set) {
        ctx.err << kubectlErrorText(set.error()) << Qt::endl;
        return 1;
    }
    const QStringList verbs = p.value(QStringLiteral("verbs")).split(u',', Qt::SkipEmptyParts);
    // discovery.ServerPreferredResources: per group-resource the preferred version when it
    // serves it, else the first version (in the group's order) that does.
    QList<api::ApiResource> list;
    QSet<QString> seen;
    for (const api::ApiResource &r : set->all()) {
        if (seen.contains(r.groupResource()))
            continue;
        seen.insert(r.groupResource());
        if (r.verbs.isEmpty())
            continue;
        if (p.isSet(QStringLiteral("api-group")) && r.group != p.value(QStringLiteral("api-group")))
            continue;
        if (p.isSet(QStringLiteral("namespaced")) && r.namespaced != p.flag(QStringLiteral("namespaced")))
            continue;
        if (!std::all_of(verbs.begin(), verbs.end(), [&](const QString &v) { return r.verbs.contains(v); }))
            continue;
        list.append(r);
    }
    // kubectl: sort.Stable by group (default), name or kind; ties by resource name.
    std::stable_sort(list.begin(), list.end(), [&](const api::ApiResource &a, const api::ApiResource &b) {
        const QString &ka = sortBy == QLatin1String("name") ? a.resource : sortBy == QLatin1String("kind") ? a.kind : a.group;
        const QString &kb = sortBy == QLatin1String("name") ? b.resource : sortBy == QLatin1String("kind") ? b.kind : b.group;
        const int c = ka.compare(kb);
        return c != 0 ? c < 0 : a.resource < b.resource;
    });
    ctx.out.flush();
    if (output == QLatin1String("name")) {
        for (const api::ApiResource &r : std::as_const(list))
            ctx.out << (r.group.isEmpty() ? r.resource : r.resource + u'.' + r.group) << '\n';
        return 0;
    }
    const bool wide = output == QLatin1String("wide");
    TablePrinter table;
    if (!p.flag(QStringLiteral("no-headers"))) {
        QStringList h{QStringLiteral("NAME"), QStringLiteral("SHORTNAMES"), QStringLiteral("APIVERSION"), QStringLiteral("NAMESPACED"),
                      QStringLiteral("KIND")};
        if (wide)
            h << QStringLiteral("VERBS") << QStringLiteral("CATEGORIES");
        table.addRow(h);
    }
    for (const api::ApiResource &r : std::as_const(list)) {
        QStringList row{r.resource, r.shortNames.join(u','), r.groupVersion(),
                        r.namespaced ? QStringLiteral("true") : QStringLiteral("false"), r.kind};
        if (wide) {
            QStringList v = r.verbs;
            v.sort();
            v.removeDuplicates();
            row << v.join(u',') << r.categories.join(u',');
        }
        table.addRow(row);
    }
    ctx.out << QString::fromUtf8(table.render());
    return 0;
}

} // namespace

void registerApiResourcesCommands(CommandRegistry &registry)
{
    registry.add({QStringLiteral("api-resources")},
                 QStringLiteral("Print the supported API resources ([--namespaced=true|false] [--api-group G] [-o wide|name])"),
                 apiResources);
}

} // namespace acp::cli
