// api::parallelFor: every index exactly once, on more than one thread when the pool has idle
// threads, and no deadlock when called from inside a pool job while the pool is full.
#include "api/ParallelFor.h"

#include <QtTest>

#include <QMutex>
#include <QSet>
#include <QSemaphore>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <vector>

using namespace acp;

class TestParallelFor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyIndexOnce()
    {
        for (int count : {0, 1, 2, 7, 1000}) {
            std::vector<std::atomic<int>> seen(size_t(std::max(count, 1)));
            api::parallelFor(count, [&](int i) { seen[size_t(i)].fetch_add(1); });
            for (int i = 0; i < count; ++i)
                QCOMPARE(seen[size_t(i)].load(), 1);
        }
    }

    void usesIdleThreads()
    {
        QThreadPool::globalInstance()->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        QMutex mutex;
        QSet<QThread *> threads;
        std::atomic<int> inside{0};
        std::atomic<int> overlap{0};
        api::parallelFor(8, [&](int) {
            if (inside.fetch_add(1) > 0)
                overlap.fetch_add(1);
            QThread::msleep(20);   // long enough for the helper to take indexes too
            inside.fetch_sub(1);
            const QMutexLocker lock(&mutex);
            threads.insert(QThread::currentThread());
        });
        QVERIFY(threads.contains(QThread::currentThread()));
        QVERIFY2(threads.size() >= 2, "the idle pool thread took no index");
        QVERIFY(overlap.load() > 0);
    }

    void backgroundThreadsLeaveACore()
    {
        QCOMPARE(api::backgroundThreadCount(), std::max(1, QThread::idealThreadCount() - 1));
        QThreadPool::globalInstance()->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        QMutex mutex;
        QSet<QThread *> threads;
        api::parallelFor(8, [&](int) {
            QThread::msleep(5);
            const QMutexLocker lock(&mutex);
            threads.insert(QThread::currentThread());
        }, 1);
        QCOMPARE(threads.size(), 1);   // maxThreads 1: the caller only
        QVERIFY(threads.contains(QThread::currentThread()));
    }

    // From a pool job while every other pool thread is blocked: the caller does all the work.
    void insidePoolJobWithFullPool()
    {
        QThreadPool *pool = QThreadPool::globalInstance();
        pool->setMaxThreadCount(2);
        QSemaphore blockerStarted, release, done;
        pool->start([&] {
            blockerStarted.release();
            release.acquire();
        });
        QVERIFY(blockerStarted.tryAcquire(1, 5000));
        std::atomic<int> sum{0};
        pool->start([&] {
            api::parallelFor(100, [&](int i) { sum.fetch_add(i); });
            done.release();
        });
        QVERIFY2(done.tryAcquire(1, 10000), "parallelFor waited for a busy pool");
        QCOMPARE(sum.load(), 4950);
        release.release();
        QVERIFY(pool->waitForDone(5000));
        pool->setMaxThreadCount(QThread::idealThreadCount());
    }
};

QTEST_GUILESS_MAIN(TestParallelFor)
#include "tst_parallelfor.moc"
