#pragma once
// LoopMonitor: how long the GUI thread's event loop was unavailable. A precise timer fires every
// intervalMs; each firing records its lateness: the gap since the previous firing minus the
// interval (a loop busy for 30 ms delays the next firing by ~30 ms). Samples are taken only
// while running. A sample is what a user would feel as input latency at that moment.
// Thread: the thread whose loop is measured (the GUI thread).
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <vector>

namespace acp::bench {

class LoopMonitor : public QObject {
    Q_OBJECT
public:
    struct Summary {
        double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
        qint64 samples = 0;
        qint64 over16 = 0, over50 = 0;   // samples above 16 ms / 50 ms
        double stalledMs = 0;            // sum of samples above 16 ms
        double maxAtMs = 0;              // when the worst stall ended, ms since start()
    };

    explicit LoopMonitor(int intervalMs = 1, QObject *parent = nullptr);
    void start();   // clears previous samples
    void stop();
    Summary summary() const;
    // The n worst stalls as (ms since start() when it ended, stall ms), worst first.
    std::vector<std::pair<double, double>> worst(int n) const;
    // When start() was called, in ms of CLOCK_MONOTONIC (QElapsedTimer's reference on Linux; what
    // `perf record -k CLOCK_MONOTONIC` stamps samples with), to find a stall in a profile.
    qint64 startedAtMs() const { return m_clock.msecsSinceReference(); }

private:
    void fire();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    int m_intervalMs;
    std::vector<float> m_gapMs;
    std::vector<float> m_atMs;
};

// Percentile of unsorted samples (nearest rank; 0 when empty).
double percentile(std::vector<float> samples, double p);

} // namespace acp::bench
