#pragma once
// FaultInjector: deliberate misbehaviour for resilience tests and the chaos benchmark.
// Configured by command-line flags or the admin endpoint (PUT /sandbox/v1/faults):
//   dropWatchesPerMinute  open watch streams cut without a final chunk (client sees EOF/error)
//   goneRate              fraction of watch starts (with a resourceVersion) and continue requests
//                         answered 410 Gone / Expired
//   error429Rate          fraction of GET requests answered 429 with Retry-After
//   error500Rate          fraction of GET requests answered 500
//   latencyMs             delay added before every GET answer
//   stallRate, stallMs    fraction of GET requests held for stallMs before the answer
// Counts every fault it injects. Deterministic for a given seed. Single-threaded.
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <functional>

class QTimer;

namespace acp::sandbox {

class FaultInjector : public QObject {
    Q_OBJECT
public:
    explicit FaultInjector(QObject *parent = nullptr);

    void configure(const QJsonObject &config);   // unknown keys are ignored
    QJsonObject config() const;
    QJsonObject counts() const;
    bool enabled() const;
    void setSeed(quint32 seed) { m_rng.seed(seed); }

    // Decisions (each counts the fault when it says yes).
    bool shouldForceGone();
    bool shouldExpireContinue();
    int errorStatusForRead();          // 0, 429 or 500
    int delayForReadMs();              // latency + stall
    int retryAfterSeconds() const { return m_retryAfter; }

    void registerWatch(QObject *watch, std::function<void()> drop);
    int dropAllWatches();

private:
    void dropSome();
    bool roll(double rate);

    QRandomGenerator m_rng{42};
    double m_dropPerMinute = 0;
    double m_goneRate = 0;
    double m_429Rate = 0;
    double m_500Rate = 0;
    int m_latencyMs = 0;
    double m_stallRate = 0;
    int m_stallMs = 0;
    int m_retryAfter = 1;
    QHash<QString, qint64> m_counts;
    QList<QPair<QPointer<QObject>, std::function<void()>>> m_watches;
    QTimer *m_dropTimer = nullptr;
};

} // namespace acp::sandbox
