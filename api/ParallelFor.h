#pragma once
// parallelFor: runs body(i) for every i in [0, count) on the calling thread and on idle threads of
// the global QThreadPool, and returns when every call has returned.
//
// Contract:
//  - Helpers are started with QThreadPool::tryStart only: the call never waits for a pool thread
//    to become free, so it is safe from inside a pool job (no deadlock when the pool is full; the
//    calling thread then does all the work itself).
//  - At most maxThreads threads (the caller included) run bodies; indexes are handed out in
//    ascending order, each exactly once. body must be safe to call concurrently for different i.
//  - Exceptions must not escape body.
// Thread: any.
#include <functional>

namespace acp::api {

void parallelFor(int count, const std::function<void(int)> &body, int maxThreads = 0);   // 0: QThread::idealThreadCount()

// Threads for work that runs beside an interactive GUI thread: every core but one (at least 1),
// so the GUI thread keeps a core for typing and painting (2 cores: no parallelism).
int backgroundThreadCount();

} // namespace acp::api
