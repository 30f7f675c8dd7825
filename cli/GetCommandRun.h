#pragma once
// GetCommandRun: the engine of `acpctl get` over one or more targets (clusters).
//
// Per target: discovery (ApiDiscovery) resolves every RESOURCE argument as kubectl's RESTMapper
// does; then per (target, resource) a job fetches the printer columns (built-ins from
// models/PrinterColumns, custom resources from their CRD's additionalPrinterColumns) and lists
// the collection in pages of `chunkSize` (limit/continue, like kubectl's --chunk-size) or GETs
// the named objects. Requests to different targets run concurrently (at most kMaxActiveJobs
// lists at once, each with at most one page waiting for a worker, so memory stays bounded);
// every page is decoded and turned into table rows on QThreadPool workers and its body dropped.
// Rows are kept as compact text; the output is written once every job finished (kubectl's
// tabwriter aligns a whole table, so nothing can be printed before the last row is known).
//
// Thread: the main thread (runs a local event loop in exec()).
#include "api/ApiResource.h"
#include "api/KubeClient.h"
#include "cli/GetCommand.h"
#include "cli/GetCommandRows.h"

#include <QEventLoop>
#include <QMap>
#include <QObject>

namespace acp::cli {

struct GetOptions {
    struct Arg {
        QString resource;     // as typed: "po", "deployments.apps", ...
        QStringList names;    // empty: list
    };
    QList<Arg> args;
    bool allNamespaces = false;
    QString labelSelector, fieldSelector;
    QString output;           // "", "wide", "json", "yaml", "name"
    bool noHeaders = false;
    bool showLabels = false;
    bool multiCluster = false; // --clusters: CLUSTER column, errors prefixed with the cluster
    bool singleItemImplied = false; // one TYPE NAME: -o json/yaml prints the object, not a List
    int chunkSize = 500;
};

class GetCommandRun : public QObject {
    Q_OBJECT
public:
    GetCommandRun(GetOptions options, QList<GetTarget> targets, QTextStream &out, QTextStream &err);
    ~GetCommandRun() override;
    int exec();   // runs to completion, prints, returns the exit code

private:
    struct Job;
    struct TargetState;
    void onDiscovery(int target, const api::Result<api::ApiResourceSet> &resources);
    void startJobs();
    void runJob(Job *job);
    void startListing(Job *job);
    void requestPage(Job *job);
    void onPage(Job *job, const api::Result<api::Response> &r);
    void onPageFormatted(Job *job, int page, PageResult result);
    void getNames(Job *job);
    void finishJob(Job *job, std::optional<api::ApiError> error = std::nullopt);
    void maybeDone();
    RowSpec makeSpec(const TargetState &t, const api::ApiResource &resource, const models::PrinterColumns &printer) const;
    int print();
    void printError(const QString &label, const api::ApiError &error);

    GetOptions m_options;
    QList<GetTarget> m_targets;
    QTextStream &m_out, &m_err;
    QEventLoop m_loop;
    QList<TargetState *> m_state;
    QList<Job *> m_jobs;       // in output order: arg by arg, target by target
    int m_pendingDiscovery = 0;
    int m_active = 0;
    bool m_withKind = false;
    QDateTime m_now;
    QStringList m_errors;      // printed after the output, in order
    bool m_fatal = false;      // an error that aborts before any output (single target)
};

// Internal state (shared by GetCommandRun.cpp and GetCommandOutput.cpp).
struct GetCommandRun::TargetState {
    GetTarget target;
    api::KubeClient client;
    api::ApiResourceSet resources;
    bool discovered = false;
};

struct GetCommandRun::Job {
    int target = 0;
    int arg = 0;
    api::ApiResource resource;
    QStringList names;
    RowSpec spec;
    QString continueToken;
    int pagesRequested = 0;
    int pagesQueued = 0;          // formatting on a worker
    bool lastPageSeen = false;
    bool waitingForWorker = false;
    bool started = false, finished = false;
    QMap<int, PageResult> pages;  // page index (or name index) -> result
    QList<api::ApiError> errors;  // in order
    int namesPending = 0;
    QList<std::optional<api::ApiError>> nameErrors;
};

} // namespace acp::cli
