#include "sandbox/FaultInjector.h"

#include <QTimer>

namespace acp::sandbox {

FaultInjector::FaultInjector(QObject *parent) : QObject(parent)
{
    m_dropTimer = new QTimer(this);
    connect(m_dropTimer, &QTimer::timeout, this, &FaultInjector::dropSome);
}

bool FaultInjector::roll(double rate)
{
    return rate > 0 && m_rng.generateDouble() < rate;
}

void FaultInjector::configure(const QJsonObject &c)
{
    auto num = [&c](const char *key, double current) {
        return c.contains(QLatin1String(key)) ? c.value(QLatin1String(key)).toDouble() : current;
    };
    m_dropPerMinute = num("dropWatchesPerMinute", m_dropPerMinute);
    m_goneRate = num("goneRate", m_goneRate);
    m_429Rate = num("error429Rate", m_429Rate);
    m_500Rate = num("error500Rate", m_500Rate);
    m_latencyMs = int(num("latencyMs", m_latencyMs));
    m_stallRate = num("stallRate", m_stallRate);
    m_stallMs = int(num("stallMs", m_stallMs));
    m_retryAfter = int(num("retryAfterSeconds", m_retryAfter));
    if (c.contains(QLatin1String("seed")))
        m_rng.seed(quint32(c.value(QLatin1String("seed")).toInteger()));
    if (m_dropPerMinute > 0)
        m_dropTimer->start(qMax(50, int(60000.0 / m_dropPerMinute)));
    else
        m_dropTimer->stop();
}

QJsonObject FaultInjector::config() const
{
    return QJsonObject{{QStringLiteral("dropWatchesPerMinute"), m_dropPerMinute},
                       {QStringLiteral("goneRate"), m_goneRate},
                       {QStringLiteral("error429Rate"), m_429Rate},
                       {QStringLiteral("error500Rate"), m_500Rate},
                       {QStringLiteral("latencyMs"), m_latencyMs},
                       {QStringLiteral("stallRate"), m_stallRate},
                       {QStringLiteral("stallMs"), m_stallMs},
                       {QStringLiteral("retryAfterSeconds"), m_retryAfter}};
}

QJsonObject FaultInjector::counts() const
{
    QJsonObject o;
    qint64 total = 0;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        o.insert(it.key(), it.value());
        total += it.value();
    }
    o.insert(QStringLiteral("total"), total);
    return o;
}

bool FaultInjector::enabled() const
{
    return m_dropPerMinute > 0 || m_goneRate > 0 || m_429Rate > 0 || m_500Rate > 0 || m_latencyMs > 0 || m_stallRate > 0;
}

bool FaultInjector::shouldForceGone()
{
    if (!roll(m_goneRate))
        return false;
    ++m_counts[QStringLiteral("watchGone")];
    return true;
}

bool FaultInjector::shouldExpireContinue()
{
    if (!roll(m_goneRate))
        return false;
    ++m_counts[QStringLiteral("continueExpired")];
    return true;
}

int FaultInjector::errorStatusForRead()
{
    if (roll(m_429Rate)) {
        ++m_counts[QStringLiteral("tooManyRequests")];
        return 429;
    }
    if (roll(m_500Rate)) {
        ++m_counts[QStringLiteral("internalError")];
        return 500;
    }
    return 0;
}

int FaultInjector::delayForReadMs()
{
    int delay = m_latencyMs;
    if (m_latencyMs > 0)
        ++m_counts[QStringLiteral("latency")];
    if (roll(m_stallRate)) {
        ++m_counts[QStringLiteral("stall")];
        delay += m_stallMs;
    }
    return delay;
}

void FaultInjector::registerWatch(QObject *watch, std::function<void()> drop)
{
    m_watches.removeIf([](const auto &w) { return w.first.isNull(); });
    m_watches << qMakePair(QPointer<QObject>(watch), std::move(drop));
}

int FaultInjector::dropAllWatches()
{
    int n = 0;
    const auto watches = m_watches;
    m_watches.clear();
    for (const auto &w : watches) {
        if (w.first) {
            w.second();
            ++n;
        }
    }
    m_counts[QStringLiteral("watchDropped")] += n;
    return n;
}

void FaultInjector::dropSome()
{
    m_watches.removeIf([](const auto &w) { return w.first.isNull(); });
    if (m_watches.isEmpty())
        return;
    const int i = int(m_rng.bounded(quint32(m_watches.size())));
    auto w = m_watches.takeAt(i);
    if (w.first) {
        w.second();
        ++m_counts[QStringLiteral("watchDropped")];
    }
}

} // namespace acp::sandbox
