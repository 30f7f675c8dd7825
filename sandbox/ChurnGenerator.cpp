#include "sandbox/ChurnGenerator.h"

#include "sandbox/ObjectMeta.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QJsonArray>

#include <cmath>
#include <limits>

namespace acp::sandbox {

namespace {

const QString kPods = QStringLiteral("/pods");
const QString kChurnAnnotation = QStringLiteral("sandbox.acp.io/churn");
constexpr int kTickMs = 10;
constexpr qint64 kRefreshMs = 10000;
constexpr double kMaxRate = 1e6;

// Flips the pod's readiness (see the class comment); returns the new readiness.
bool flipReadiness(QJsonObject &pod, const QString &now)
{
    QJsonObject st = pod.value(QLatin1String("status")).toObject();
    QJsonArray conds = st.value(QLatin1String("conditions")).toArray();
    QJsonArray containers = st.value(QLatin1String("containerStatuses")).toArray();
    bool ready = false;
    bool found = false;
    for (const QJsonValue &c : std::as_const(conds)) {
        if (c.toObject().value(QLatin1String("type")).toString() == QLatin1String("Ready")) {
            ready = c.toObject().value(QLatin1String("status")).toString() == QLatin1String("True");
            found = true;
        }
    }
    if (!found && !containers.isEmpty())
        ready = containers.first().toObject().value(QLatin1String("ready")).toBool();
    const bool next = !ready;
    for (qsizetype i = 0; i < conds.size(); ++i) {
        QJsonObject c = conds.at(i).toObject();
        const QString type = c.value(QLatin1String("type")).toString();
        if (type != QLatin1String("Ready") && type != QLatin1String("ContainersReady"))
            continue;
        c.insert(QStringLiteral("status"), next ? QStringLiteral("True") : QStringLiteral("False"));
        c.insert(QStringLiteral("lastTransitionTime"), now);
        if (next) {
            c.remove(QStringLiteral("reason"));
            c.remove(QStringLiteral("message"));
        } else {
            c.insert(QStringLiteral("reason"), QStringLiteral("ContainersNotReady"));
        }
        conds.replace(i, c);
    }
    if (!containers.isEmpty()) {
        QJsonObject c = containers.first().toObject();
        c.insert(QStringLiteral("ready"), next);
        if (!next) {
            // The container restarted: the previous run terminated, a new one is starting.
            const QString startedAt = c.value(QLatin1String("state")).toObject().value(QLatin1String("running")).toObject()
                                          .value(QLatin1String("startedAt")).toString(now);
            c.insert(QStringLiteral("restartCount"), c.value(QLatin1String("restartCount")).toInt() + 1);
            c.insert(QStringLiteral("lastState"), QJsonObject{{QStringLiteral("terminated"), QJsonObject{
                {QStringLiteral("exitCode"), 137}, {QStringLiteral("reason"), QStringLiteral("Error")},
                {QStringLiteral("startedAt"), startedAt}, {QStringLiteral("finishedAt"), now},
                {QStringLiteral("containerID"), c.value(QLatin1String("containerID"))}}}});
            c.insert(QStringLiteral("state"), QJsonObject{{QStringLiteral("running"), QJsonObject{{QStringLiteral("startedAt"), now}}}});
            c.insert(QStringLiteral("started"), true);
        }
        containers.replace(0, c);
        st.insert(QStringLiteral("containerStatuses"), containers);
    }
    st.insert(QStringLiteral("conditions"), conds);
    pod.insert(QStringLiteral("status"), st);

    QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    QJsonObject annotations = meta.value(QLatin1String("annotations")).toObject();
    annotations.insert(kChurnAnnotation, QString::number(annotations.value(kChurnAnnotation).toString().toLongLong() + 1));
    meta.insert(QStringLiteral("annotations"), annotations);
    pod.insert(QStringLiteral("metadata"), meta);
    return next;
}

} // namespace

struct ChurnGenerator::Target {
    SimCluster *cluster = nullptr;
    const ResourceType *podType = nullptr;
    QList<QPair<QString, QString>> pods;   // (namespace, name), in store key order at refresh
    qint64 refreshedMs = 0;
};

ChurnGenerator::ChurnGenerator(const QList<SimCluster *> &clusters, QObject *parent) : QObject(parent)
{
    for (SimCluster *c : clusters) {
        auto t = std::make_unique<Target>();
        t->cluster = c;
        t->podType = c->registry().find(QString(), QStringLiteral("v1"), QStringLiteral("pods"));
        if (t->podType)
            m_targets.push_back(std::move(t));
    }
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &ChurnGenerator::tick);
}

ChurnGenerator::~ChurnGenerator() = default;

void ChurnGenerator::start(double eventsPerSecond, quint32 seed)
{
    if (!(eventsPerSecond > 0)) {
        stop();
        return;
    }
    m_rate = qMin(eventsPerSecond, kMaxRate);
    setSeed(seed);
    m_due = 0;
    m_eventsAtStart = m_stats.events;
    m_clock.start();
    m_timer.start();
}

void ChurnGenerator::setSeed(quint32 seed)
{
    m_seed = seed;
    m_rng.seed(seed);
    m_next = 0;
}

void ChurnGenerator::stop()
{
    if (m_timer.isActive())
        m_lastRunSeconds = double(m_clock.nsecsElapsed()) / 1e9;
    m_timer.stop();
    m_rate = 0;
}

void ChurnGenerator::tick()
{
    const qint64 target = qint64(m_rate * double(m_clock.nsecsElapsed()) / 1e9);
    qint64 due = target - m_due;
    const qint64 cap = qMax<qint64>(1, qint64(m_rate * 0.1));
    if (due > cap) {
        m_stats.skipped += due - cap;
        m_due += due - cap;
        due = cap;
    }
    if (due <= 0)
        return;
    m_due += due;
    step(int(due));
}

QList<ChurnGenerator::Change> ChurnGenerator::step(int count)
{
    QList<Change> applied;
    const size_t n = m_targets.size();
    for (int i = 0; i < count && n > 0; ++i) {
        // The next cluster (round-robin) that holds a pod.
        for (size_t attempt = 0; attempt < n; ++attempt) {
            Target &t = *m_targets[m_next++ % n];
            Change c;
            if (changeOne(t, &c)) {
                applied << c;
                break;
            }
        }
    }
    return applied;
}

void ChurnGenerator::refresh(Target &t)
{
    t.pods.clear();
    for (const StoredObject *o : t.cluster->store().list(kPods)) {
        if (!metaStr(o->obj, "deletionTimestamp").isEmpty())
            continue;
        t.pods.append({metaStr(o->obj, "namespace"), metaStr(o->obj, "name")});
    }
    t.refreshedMs = QDateTime::currentMSecsSinceEpoch();
}

bool ChurnGenerator::changeOne(Target &t, Change *out)
{
    if (t.pods.isEmpty() || QDateTime::currentMSecsSinceEpoch() - t.refreshedMs > kRefreshMs)
        refresh(t);
    while (!t.pods.isEmpty()) {
        const qsizetype i = qsizetype(m_rng.bounded(quint32(t.pods.size())));
        const auto [ns, name] = t.pods.at(i);
        const StoredObject *current = t.cluster->store().get(kPods, ns, name);
        if (!current || !metaStr(current->obj, "deletionTimestamp").isEmpty()) {
            t.pods.removeAt(i);   // gone (or going) since the last refresh
            continue;
        }
        QJsonObject pod = current->obj;
        const bool ready = flipReadiness(pod, SimCluster::now());
        WriteOptions opts;
        opts.skipAdmission = true;   // as the controllers write (kubelet status updates)
        const auto r = t.cluster->update(*t.podType, pod, opts);
        if (!r) {
            ++m_stats.failures;
            return false;
        }
        ++m_stats.events;
        *out = Change{t.cluster->name(), ns + QLatin1Char('/') + name, ready};
        return true;
    }
    return false;
}

api::Result<bool> ChurnGenerator::configure(const QJsonObject &config)
{
    const QJsonValue rate = config.value(QLatin1String("eventsPerSecond"));
    if (!rate.isDouble() || !std::isfinite(rate.toDouble()) || rate.toDouble() < 0)
        return SimCluster::badRequest(QStringLiteral("eventsPerSecond: expected a number >= 0"));
    quint32 seed = m_seed;
    if (config.contains(QLatin1String("seed"))) {
        const QJsonValue s = config.value(QLatin1String("seed"));
        const double v = s.toDouble(-1);
        if (!s.isDouble() || v < 0 || v > double(std::numeric_limits<quint32>::max()) || std::floor(v) != v)
            return SimCluster::badRequest(QStringLiteral("seed: expected an integer between 0 and 4294967295"));
        seed = quint32(v);
    }
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (it.key() != QLatin1String("eventsPerSecond") && it.key() != QLatin1String("seed"))
            return SimCluster::badRequest(QStringLiteral("%1: unknown field (eventsPerSecond, seed)").arg(it.key()));
    }
    start(rate.toDouble(), seed);
    return true;
}

QJsonObject ChurnGenerator::status() const
{
    const double seconds = isRunning() ? double(m_clock.nsecsElapsed()) / 1e9 : m_lastRunSeconds;
    const qint64 runEvents = m_stats.events - m_eventsAtStart;
    return QJsonObject{{QStringLiteral("eventsPerSecond"), m_rate},
                       {QStringLiteral("seed"), qint64(m_seed)},
                       {QStringLiteral("running"), isRunning()},
                       {QStringLiteral("events"), m_stats.events},
                       {QStringLiteral("failures"), m_stats.failures},
                       {QStringLiteral("skipped"), m_stats.skipped},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("actualEventsPerSecond"), seconds > 0 ? double(runEvents) / seconds : 0.0}};
}

} // namespace acp::sandbox
