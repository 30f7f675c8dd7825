#include "api/ParallelFor.h"

#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <atomic>
#include <memory>

namespace acp::api {
namespace {

struct Shared {
    std::atomic<int> next{0};
    int count = 0;
    const std::function<void(int)> *body = nullptr;   // valid until the caller returns (it waits)
    QMutex mutex;
    QWaitCondition idle;
    int running = 0;   // helpers started and not finished

    void work()
    {
        for (int i = next.fetch_add(1); i < count; i = next.fetch_add(1))
            (*body)(i);
    }
};

} // namespace

void parallelFor(int count, const std::function<void(int)> &body, int maxThreads)
{
    if (count <= 0)
        return;
    if (maxThreads <= 0)
        maxThreads = QThread::idealThreadCount();
    const int helpers = std::min(count, maxThreads) - 1;
    if (helpers <= 0) {
        for (int i = 0; i < count; ++i)
            body(i);
        return;
    }
    auto shared = std::make_shared<Shared>();
    shared->count = count;
    shared->body = &body;
    for (int h = 0; h < helpers; ++h) {
        {
            const QMutexLocker lock(&shared->mutex);
            ++shared->running;
        }
        const bool started = QThreadPool::globalInstance()->tryStart([shared] {
            shared->work();
            const QMutexLocker lock(&shared->mutex);
            if (--shared->running == 0)
                shared->idle.wakeAll();
        });
        if (!started) {
            const QMutexLocker lock(&shared->mutex);
            --shared->running;
            break;
        }
    }
    shared->work();
    const QMutexLocker lock(&shared->mutex);
    while (shared->running > 0)
        shared->idle.wait(&shared->mutex);
}

int backgroundThreadCount()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

} // namespace acp::api
