#pragma once
// ChurnGenerator: steady pod churn for benchmarks (`acp-sandbox --churn N`, and the admin
// endpoint PUT /sandbox/v1/churn {"eventsPerSecond": N, "seed": S}).
//
// Contract:
// - Modifies `eventsPerSecond` pods per second, spread round-robin over the clusters that hold
//   pods, through the shared write path (SimCluster::update without admission, as the simulated
//   controllers write), so every change reaches list/watch clients as a real MODIFIED event that
//   carries the full object.
// - Each change flips a pod's readiness as a kubelet would report a container restart: a ready
//   pod's first container restarts (ready false, restartCount + 1, lastState terminated, a new
//   running.startedAt, Ready/ContainersReady conditions False); a not-ready pod becomes ready
//   again. The annotation `sandbox.acp.io/churn` counts the changes of that pod. Pod phase stays
//   as it was.
// - Deterministic: pods are picked with a PRNG seeded by `seed`; the same seed over the same
//   cluster contents gives the same sequence of changes.
// - Paced by a 10 ms precise timer against elapsed time. When the sandbox falls behind by more
//   than 100 ms worth of events, the excess is dropped and counted as `skipped` (no bursts after
//   a stall). Pods deleted meanwhile are forgotten; pods created later join when a cluster's pod
//   list is refreshed (when it runs empty, or every 10 s).
// Single-threaded: the sandbox's event loop.
#include "api/Result.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

namespace acp::sandbox {

class SimCluster;

class ChurnGenerator : public QObject {
    Q_OBJECT
public:
    struct Stats {
        qint64 events = 0;     // pods modified (each one watch event)
        qint64 failures = 0;   // writes refused (conflict, pod gone between pick and write)
        qint64 skipped = 0;    // events dropped because the sandbox fell behind
    };
    // One applied change (for tests and diagnostics).
    struct Change {
        QString cluster;
        QString key;           // "namespace/name"
        bool ready = false;    // the pod's readiness after the change
    };

    explicit ChurnGenerator(const QList<SimCluster *> &clusters, QObject *parent = nullptr);
    ~ChurnGenerator() override;

    // Starts (or re-paces) at `eventsPerSecond`, with the PRNG reseeded; <= 0 stops.
    void start(double eventsPerSecond, quint32 seed = 1);
    void stop();
    // Reseeds the PRNG and restarts the round-robin at the first cluster (start() does too).
    void setSeed(quint32 seed);
    bool isRunning() const { return m_timer.isActive(); }
    double eventsPerSecond() const { return m_rate; }
    quint32 seed() const { return m_seed; }
    const Stats &stats() const { return m_stats; }

    // Applies `count` changes now (the timer's unit of work). Returns the changes applied; a
    // change is missing when its cluster had no pod or the write failed.
    QList<Change> step(int count);

    // The admin endpoint: {"eventsPerSecond": number >= 0, "seed": integer >= 0 (optional)}.
    // A bad body returns a BadRequest error naming the field.
    api::Result<bool> configure(const QJsonObject &config);
    // {"eventsPerSecond", "seed", "running", "events", "failures", "skipped", "seconds",
    //  "actualEventsPerSecond"} (seconds and the actual rate since the last start()).
    QJsonObject status() const;

private:
    struct Target;
    void tick();
    bool changeOne(Target &t, Change *out);
    void refresh(Target &t);

    std::vector<std::unique_ptr<Target>> m_targets;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QRandomGenerator m_rng;
    double m_rate = 0;
    quint32 m_seed = 1;
    qint64 m_due = 0;          // events accounted for since start() (done + skipped)
    qint64 m_eventsAtStart = 0;
    double m_lastRunSeconds = 0; // of the last run, kept after stop()
    size_t m_next = 0;         // round-robin cursor over m_targets
    Stats m_stats;
};

} // namespace acp::sandbox
