#pragma once
// ChaosRun: informers under injected faults must end equal to the server (issue 3, section 4).
//
// Starts acp-sandbox (no controllers, so the only changes are this run's), starts informers on
// every cluster (configmaps in all namespaces, configmaps with a label selector whose matches
// change, configmaps of one namespace, namespaces, pods), then mutates configmaps steadily
// (create, relabel, update, delete) while the sandbox injects faults (dropped watches, 410 on
// watch starts and continue tokens, 429 with Retry-After, 500, latency) until at least
// `faults` were injected. Then faults stop, mutations stop, and every store is compared with a
// fresh list until they agree or `settleSeconds` pass: divergences = objects missing, extra,
// or at another resourceVersion, plus duplicate uids. Used by `acp-bench chaos` and by the
// tst_informer_chaos test. Blocking (runs its own event loop); GUI thread.
#include "api/Result.h"

#include <QJsonObject>
#include <QStringList>

namespace acp::bench {

struct ChaosOptions {
    int faults = 200;               // stop injecting after at least this many
    quint32 seed = 1;
    int clusters = 2;               // workload clusters (global is watched too)
    int mutationIntervalMs = 20;    // one configmap mutation per interval per cluster
    int maxSeconds = 240;           // give up injecting after this long
    int settleSeconds = 30;
    int backoffMs = 100;            // informers' initial backoff (client-go's 800 ms is slow for a test)
    bool verbose = false;           // progress on stderr
};

struct ChaosResult {
    qint64 faultsInjected = 0;
    QJsonObject faultCounts;        // per kind, as the sandbox counted them
    int informers = 0;
    int objectsCompared = 0;
    int divergences = 0;
    QStringList divergenceDetails;  // the first few
    int mutations = 0;
    int relists = 0;                // informer relists (after 410s and failures)
    int watches = 0;
    double injectSeconds = 0;
    double settleSeconds = 0;       // until every store agreed
};

api::Result<ChaosResult> runChaos(const ChaosOptions &options);

} // namespace acp::bench
