#include "cli/GetCommandRun.h"

#include "api/ApiDiscovery.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QThreadPool>

namespace acp::cli {

namespace {
constexpr int kMaxActiveJobs = 2;      // lists in flight at once (memory: ~1 page body each)
constexpr int kMaxQueuedPages = 1;     // pages of one job waiting for a worker
} // namespace

GetCommandRun::GetCommandRun(GetOptions options, QList<GetTarget> targets, QTextStream &out, QTextStream &err)
    : m_options(std::move(options)), m_targets(std::move(targets)), m_out(out), m_err(err)
{
}

GetCommandRun::~GetCommandRun()
{
    qDeleteAll(m_jobs);
    qDeleteAll(m_state);
}

int GetCommandRun::exec()
{
    m_now = QDateTime::currentDateTimeUtc();
    m_pendingDiscovery = int(m_targets.size());
    for (int i = 0; i < m_targets.size(); ++i) {
        auto *t = new TargetState{m_targets.at(i), api::KubeClient(m_targets.at(i).config), {}, false};
        m_state.append(t);
    }
    for (int i = 0; i < m_state.size(); ++i) {
        api::ApiDiscovery::fetch(m_state.at(i)->client, api::ApiDiscovery::Mode::Auto, this,
                                 [this, i](const api::Result<api::DiscoveryResult> &r) {
                                     if (r)
                                         onDiscovery(i, r->resources);
                                     else
                                         onDiscovery(i, r.error());
                                 });
    }
    m_loop.exec();
    return print();
}

void GetCommandRun::onDiscovery(int target, const api::Result<api::ApiResourceSet> &r)
{
    TargetState *t = m_state.at(target);
    --m_pendingDiscovery;
    if (!r) {
        printError(t->target.label, r.error());
        if (!m_options.multiCluster)
            m_fatal = true;
    } else {
        t->resources = *r;
        t->discovered = true;
    }
    if (m_pendingDiscovery == 0)
        startJobs();
}

void GetCommandRun::startJobs()
{
    // Resolve every argument on every target; kubectl fails the whole command on an unknown type.
    QStringList kinds;
    for (int a = 0; a < m_options.args.size() && !m_fatal; ++a) {
        for (int ti = 0; ti < m_state.size(); ++ti) {
            TargetState *t = m_state.at(ti);
            if (!t->discovered)
                continue;
            const auto res = t->resources.lookup(m_options.args.at(a).resource);
            if (!res) {
                const QString text = QStringLiteral("error: ") + res.error().message;
                m_errors << (m_options.multiCluster ? t->target.label + QStringLiteral(": ") + text : text);
                if (!m_options.multiCluster) {
                    m_fatal = true;
                    break;
                }
                continue;
            }
            const QString gk = res->kind + u'.' + res->group;
            if (!kinds.contains(gk))
                kinds << gk;
            auto *job = new Job;
            job->target = ti;
            job->arg = a;
            job->resource = *res;
            job->names = m_options.args.at(a).names;
            m_jobs.append(job);
        }
    }
    if (m_fatal) {
        qDeleteAll(m_jobs);
        m_jobs.clear();
    }
    m_withKind = kinds.size() > 1;
    maybeDone();
}

RowSpec GetCommandRun::makeSpec(const TargetState &t, const api::ApiResource &resource, const models::PrinterColumns &printer) const
{
    RowSpec s;
    const QString &o = m_options.output;
    s.mode = o == QLatin1String("name") ? RowSpec::Mode::Name
           : (o == QLatin1String("json") || o == QLatin1String("yaml")) ? RowSpec::Mode::Items
                                                                        : RowSpec::Mode::Table;
    s.resource = resource;
    s.printer = printer;
    const auto &cols = printer.columns();
    for (int i = 0; i < cols.size(); ++i) {
        if (cols.at(i).priority == 0 || o == QLatin1String("wide"))
            s.columns << i;
        if (s.nameColumn < 0 && cols.at(i).format == QLatin1String("name") && cols.at(i).type == QLatin1String("string"))
            s.nameColumn = i;
    }
    if (m_withKind)
        s.kindPrefix = RowSpec::kindPrefixOf(resource);
    if (m_options.multiCluster)
        s.clusterCell = t.target.label.toUtf8();
    s.namespaceColumn = m_options.allNamespaces && resource.namespaced;
    s.showLabels = m_options.showLabels;
    s.now = m_now;
    return s;
}

void GetCommandRun::maybeDone()
{
    // Start queued jobs up to the limit; quit when everything finished.
    for (Job *job : std::as_const(m_jobs)) {
        if (m_active >= kMaxActiveJobs)
            break;
        if (!job->started) {
            job->started = true;
            ++m_active;
            runJob(job);
        }
    }
    for (Job *job : std::as_const(m_jobs))
        if (!job->finished)
            return;
    if (m_pendingDiscovery == 0)
        QMetaObject::invokeMethod(&m_loop, &QEventLoop::quit, Qt::QueuedConnection);
}

void GetCommandRun::runJob(Job *job)
{
    TargetState *t = m_state.at(job->target);
    const api::ApiResource &r = job->resource;
    const bool builtin = models::PrinterColumns::hasBuiltinPrinter(r.group, r.kind);
    if (builtin || r.group.isEmpty() || m_options.output == QLatin1String("name")
        || m_options.output == QLatin1String("json") || m_options.output == QLatin1String("yaml")) {
        job->spec = makeSpec(*t, r, models::PrinterColumns::forKind(r.group, r.kind));
        return startListing(job);
    }
    // A custom resource's columns come from its CRD (additionalPrinterColumns); when the CRD
    // cannot be read (not a CRD, or not allowed) the default Name / Created At columns are used.
    const api::ResourcePath crd{QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"),
                                QStringLiteral("customresourcedefinitions"), QString(), r.resource + u'.' + r.group};
    t->client.get(crd, this, [this, job, t](const api::Result<api::Response> &resp, const QStringList &) {
        models::PrinterColumns printer = models::PrinterColumns::defaultColumns();
        if (resp) {
            if (const auto json = resp->json())
                printer = models::PrinterColumns::forCustomResource(*json, job->resource.version);
        }
        job->spec = makeSpec(*t, job->resource, printer);
        startListing(job);
    });
}

void GetCommandRun::startListing(Job *job)
{
    if (!job->names.isEmpty())
        return getNames(job);
    requestPage(job);
}

void GetCommandRun::requestPage(Job *job)
{
    TargetState *t = m_state.at(job->target);
    api::ResourcePath path{job->resource.group, job->resource.version, job->resource.resource,
                           job->resource.namespaced && !m_options.allNamespaces ? t->target.namespaceName : QString(), QString()};
    api::ListOptions lo;
    lo.labelSelector = m_options.labelSelector;
    lo.fieldSelector = m_options.fieldSelector;
    lo.limit = m_options.chunkSize;
    lo.continueToken = job->continueToken;
    ++job->pagesRequested;
    t->client.list(path, lo, this, [this, job](const api::Result<api::Response> &r, const QStringList &) { onPage(job, r); });
}

void GetCommandRun::onPage(Job *job, const api::Result<api::Response> &r)
{
    if (!r)
        return finishJob(job, r.error());
    const auto meta = api::ListMeta::scan(r->body);
    if (!meta)
        return finishJob(job, meta.error());
    job->continueToken = meta->continueToken;
    job->lastPageSeen = meta->continueToken.isEmpty();
    const int page = job->pagesRequested - 1;
    ++job->pagesQueued;
    QtConcurrent::run(QThreadPool::globalInstance(), &GetCommandRows::formatList, job->spec, r->body)
        .then(this, [this, job, page](PageResult result) { onPageFormatted(job, page, std::move(result)); });
    // Fetch the next page while this one is formatted, unless enough pages wait for workers.
    if (!job->lastPageSeen) {
        if (job->pagesQueued < kMaxQueuedPages)
            requestPage(job);
        else
            job->waitingForWorker = true;
    }
}

void GetCommandRun::onPageFormatted(Job *job, int page, PageResult result)
{
    --job->pagesQueued;
    if (result.error) {
        job->lastPageSeen = true;
        job->waitingForWorker = false;
        job->errors.append(*result.error);
    }
    job->pages.insert(page, std::move(result));
    if (job->waitingForWorker) {
        job->waitingForWorker = false;
        requestPage(job);
    }
    if (job->lastPageSeen && job->pagesQueued == 0 && !job->waitingForWorker)
        finishJob(job);
}

void GetCommandRun::getNames(Job *job)
{
    TargetState *t = m_state.at(job->target);
    job->namesPending = int(job->names.size());
    job->nameErrors.resize(job->names.size());
    for (int i = 0; i < job->names.size(); ++i) {
        api::ResourcePath path{job->resource.group, job->resource.version, job->resource.resource,
                               job->resource.namespaced ? t->target.namespaceName : QString(), job->names.at(i)};
        t->client.get(path, this, [this, job, i](const api::Result<api::Response> &r, const QStringList &) {
            if (r)
                job->pages.insert(i, GetCommandRows::formatObject(job->spec, r->body));
            else
                job->nameErrors[i] = r.error();
            if (--job->namesPending == 0) {
                for (const auto &e : std::as_const(job->nameErrors))
                    if (e)
                        job->errors.append(*e);
                finishJob(job);
            }
        });
    }
}

void GetCommandRun::finishJob(Job *job, std::optional<api::ApiError> error)
{
    if (job->finished)
        return;
    if (error)
        job->errors.append(*error);
    if (job->pagesQueued > 0) {
        // Let the queued pages land first (their callbacks reference the job).
        job->lastPageSeen = true;
        return;
    }
    job->finished = true;
    --m_active;
    maybeDone();
}

void GetCommandRun::printError(const QString &label, const api::ApiError &error)
{
    const QString text = kubectlErrorText(error);
    m_errors << (m_options.multiCluster ? label + QStringLiteral(": ") + text : text);
}

} // namespace acp::cli
