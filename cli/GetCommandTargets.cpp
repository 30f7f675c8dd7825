// Targets of acpctl get / api-resources (see GetCommand.h).
#include "api/AcpSessions.h"
#include "cli/GetCommand.h"

namespace acp::cli {

api::KubeconfigOverrides overridesFrom(const GlobalOptions &g)
{
    api::KubeconfigOverrides o;
    o.context = g.context;
    o.cluster = g.cluster;
    o.user = g.user;
    o.namespaceName = g.namespaceName;
    o.server = g.server;
    o.token = g.token;
    o.insecureSkipTlsVerify = g.insecureSkipTlsVerify;
    o.impersonateUser = g.as;
    o.impersonateGroups = g.asGroups;
    o.impersonateUid = g.asUid;
    return o;
}

namespace {

api::Result<GetTarget> targetFor(const GlobalOptions &g, const api::Kubeconfig &config, const QString &context,
                                 const QString &label)
{
    api::KubeconfigOverrides o = overridesFrom(g);
    if (!context.isEmpty())
        o.context = context;
    auto rc = api::KubeconfigResolver::resolve(config, o);
    if (!rc)
        return rc.error();
    GetTarget t;
    t.label = label.isEmpty() ? rc->contextName : label;
    t.config = *rc;
    t.namespaceName = rc->namespaceName.isEmpty() ? QStringLiteral("default") : rc->namespaceName;
    return t;
}

api::ApiError usageError(const QString &message)
{
    return api::ApiError{0, QStringLiteral("BadRequest"), message};
}

} // namespace

api::Result<GetTarget> singleTarget(const GlobalOptions &g, const api::Kubeconfig &config)
{
    return targetFor(g, config, QString(), QString());
}

api::Result<QList<GetTarget>> clusterTargets(const GlobalOptions &g, const api::Kubeconfig &config, const QString &spec)
{
    if (!g.cluster.isEmpty() || !g.server.isEmpty())
        return usageError(QStringLiteral("--clusters cannot be combined with --cluster or --server"));
    const QString current = g.context.isEmpty() ? config.currentContext() : g.context;
    if (!g.context.isEmpty() && !config.contexts().contains(g.context))
        return usageError(QStringLiteral("context \"%1\" does not exist").arg(g.context));
    QStringList wanted;
    for (const QString &s : spec.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!wanted.contains(s.trimmed()))
            wanted << s.trimmed();
    const bool all = wanted == QStringList{QStringLiteral("all")};
    if (wanted.isEmpty())
        return usageError(QStringLiteral("--clusters needs \"all\" or a comma-separated list of clusters"));

    QList<QPair<QString, QString>> chosen; // (label, context)
    const QList<api::AcpSession> sessions = api::AcpSessions::sessions(config);
    std::optional<api::AcpSession> session;
    for (const api::AcpSession &s : sessions)
        if (s.contexts.contains(current))
            session = s;
    if (session) {
        for (const QString &c : all ? session->clusters : wanted) {
            const QString ctx = session->contextFor(c);
            if (ctx.isEmpty())
                return usageError(QStringLiteral("session \"%1\" has no cluster \"%2\" (clusters: %3)")
                                      .arg(session->name, c, session->clusters.join(QLatin1Char(','))));
            chosen.append({c, ctx});
        }
    } else if (sessions.isEmpty()) {
        for (const QString &c : all ? config.contexts().keys() : wanted) {
            if (!config.contexts().contains(c))
                return usageError(QStringLiteral("context \"%1\" does not exist").arg(c));
            chosen.append({c, c});
        }
    } else {
        return usageError(QStringLiteral("--clusters: the current context \"%1\" does not belong to an ACP session, so the clusters "
                                         "are ambiguous; pick a session with `acpctl config use-session NAME` or --context SESSION/CLUSTER")
                              .arg(current));
    }
    QList<GetTarget> out;
    for (const auto &[label, ctx] : chosen) {
        auto t = targetFor(g, config, ctx, label);
        if (!t)
            return t.error();
        out.append(*t);
    }
    if (out.isEmpty())
        return usageError(QStringLiteral("--clusters %1: no clusters").arg(spec));
    return out;
}

QString kubectlErrorText(const api::ApiError &e)
{
    if (e.httpStatus == 0) {
        if (e.reason == QLatin1String("BadRequest") || e.reason == QLatin1String("Invalid") || e.reason == QLatin1String("NotFound"))
            return QStringLiteral("error: ") + e.message;
        return QStringLiteral("Unable to connect to the server: ") + e.message;
    }
    if (e.reason.isEmpty())
        return QStringLiteral("Error from server: ") + e.message;
    return QStringLiteral("Error from server (%1): %2").arg(e.reason, e.message);
}

} // namespace acp::cli
