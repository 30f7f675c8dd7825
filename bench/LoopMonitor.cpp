#include "bench/LoopMonitor.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace acp::bench {

double percentile(std::vector<float> samples, double p)
{
    if (samples.empty())
        return 0;
    const size_t rank = size_t(std::clamp(std::ceil(p / 100.0 * double(samples.size())), 1.0, double(samples.size()))) - 1;
    std::nth_element(samples.begin(), samples.begin() + qsizetype(rank), samples.end());
    return samples[rank];
}

LoopMonitor::LoopMonitor(int intervalMs, QObject *parent) : QObject(parent), m_intervalMs(qMax(1, intervalMs))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LoopMonitor::fire);
}

void LoopMonitor::start()
{
    m_gapMs.clear();
    m_atMs.clear();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void LoopMonitor::stop()
{
    m_timer.stop();
}

void LoopMonitor::fire()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double gap = double(now - m_lastNs) / 1e6 - m_intervalMs;
    m_lastNs = now;
    m_gapMs.push_back(float(qMax(0.0, gap)));
    m_atMs.push_back(float(double(now) / 1e6));
}

LoopMonitor::Summary LoopMonitor::summary() const
{
    Summary s;
    s.samples = qint64(m_gapMs.size());
    if (m_gapMs.empty())
        return s;
    s.p50 = percentile(m_gapMs, 50);
    s.p90 = percentile(m_gapMs, 90);
    s.p99 = percentile(m_gapMs, 99);
    const auto worst = std::max_element(m_gapMs.begin(), m_gapMs.end());
    s.max = *worst;
    s.maxAtMs = m_atMs[size_t(worst - m_gapMs.begin())];
    s.mean = std::accumulate(m_gapMs.begin(), m_gapMs.end(), 0.0) / double(m_gapMs.size());
    for (float g : m_gapMs) {
        if (g > 16) {
            ++s.over16;
            s.stalledMs += g;
        }
        if (g > 50)
            ++s.over50;
    }
    return s;
}

std::vector<std::pair<double, double>> LoopMonitor::worst(int n) const
{
    std::vector<size_t> idx(m_gapMs.size());
    std::iota(idx.begin(), idx.end(), size_t(0));
    const size_t k = std::min(idx.size(), size_t(qMax(0, n)));
    std::partial_sort(idx.begin(), idx.begin() + qsizetype(k), idx.end(), [this](size_t a, size_t b) { return m_gapMs[a] > m_gapMs[b]; });
    std::vector<std::pair<double, double>> out;
    for (size_t i = 0; i < k; ++i)
        out.emplace_back(m_atMs[idx[i]], m_gapMs[idx[i]]);
    return out;
}

} // namespace acp::bench
