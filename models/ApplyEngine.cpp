#include "models/ApplyEngine.h"

#include "models/ApplyObjects.h"
#include "models/ApplyRun.h"
#include "models/ClusterConnection.h"

namespace acp::models {

QString ApplyResult::reference() const
{
    const QString k = kind.toLower();
    return (group.isEmpty() ? k : k + QLatin1Char('.') + group) + QLatin1Char('/') + name;
}

QString ApplyResult::kubectlLine() const
{
    return reference() + QLatin1Char(' ') + ApplyEngine::actionText(*this);
}

QString ApplyEngine::actionText(const ApplyResult &result)
{
    return result.dryRun ? result.action + QStringLiteral(" (server dry run)") : result.action;
}

ApplyEngine::ApplyEngine(ClusterConnection *connection, QObject *parent) : QObject(parent), m_connection(connection) {}

namespace {

// Starts `run` bound to `context`: the run dies with the context (cancelling its requests).
void launch(ApplyRun *run, QObject *context)
{
    QObject::connect(context, &QObject::destroyed, run, &QObject::deleteLater);
    run->start();
}

} // namespace

void ApplyEngine::apply(const QByteArray &yaml, const ApplyOptions &options, QObject *context, ResultsCallback done,
                        ResultCallback progress)
{
    const auto docs = ApplyObjects::parse(yaml, options.fileName);
    if (!docs) {
        const api::ApiError error = docs.error();
        QMetaObject::invokeMethod(context, [done, error] { done(error); }, Qt::QueuedConnection);
        return;
    }
    applyDocuments(*docs, options, context, std::move(done), std::move(progress));
}

void ApplyEngine::applyDocuments(const QList<ApplyDocument> &documents, const ApplyOptions &options, QObject *context,
                                 ResultsCallback done, ResultCallback progress)
{
    auto *run = new ApplyRun(m_connection, options, documents, this);
    QPointer<QObject> ctx(context);
    run->onResult = [ctx, progress](const ApplyResult &r) {
        if (ctx && progress)
            progress(r);
    };
    run->onFinished = [run, ctx, done] {
        if (ctx)
            done(run->results());
    };
    launch(run, context);
}

void ApplyEngine::retryWithForce(const ApplyResult &failed, const ApplyOptions &options, QObject *context,
                                 ResultCallback done)
{
    ApplyOptions o = options;
    o.force = true;
    applyDocuments({ApplyDocument{failed.index, failed.line, failed.applied}}, o, context,
                   [done](const api::Result<QList<ApplyResult>> &r) {
                       if (r && !r->isEmpty())
                           done(r->first());
                   });
}

void ApplyEngine::retryDroppingConflicts(const ApplyResult &failed, const ApplyOptions &options, QObject *context,
                                         ResultCallback done)
{
    QStringList paths;
    for (const ApplyConflict &c : failed.conflicts)
        paths << c.field;
    QStringList missing;
    const QJsonObject dropped = ApplyObjects::dropFields(failed.applied, paths, &missing);
    applyDocuments({ApplyDocument{failed.index, failed.line, dropped}}, options, context,
                   [done, missing](const api::Result<QList<ApplyResult>> &r) {
                       if (!r || r->isEmpty())
                           return;
                       ApplyResult out = r->first();
                       for (const QString &m : missing)
                           out.warnings << QStringLiteral("conflicting field %1 was not found in the document").arg(m);
                       done(out);
                   });
}

void ApplyEngine::diff(const QByteArray &yaml, const ApplyOptions &options, QObject *context, DiffCallback done,
                       bool maskSecrets)
{
    const auto docs = ApplyObjects::parse(yaml, options.fileName);
    if (!docs) {
        const api::ApiError error = docs.error();
        QMetaObject::invokeMethod(context, [done, error] { done(error); }, Qt::QueuedConnection);
        return;
    }
    ApplyOptions o = options;
    o.dryRun = true;
    auto *run = new ApplyRun(m_connection, o, *docs, this);
    run->diffMode = true;
    run->maskSecrets = maskSecrets;
    QPointer<QObject> ctx(context);
    run->onFinished = [run, ctx, done] {
        if (ctx)
            done(run->diffs());
    };
    launch(run, context);
}

} // namespace acp::models
