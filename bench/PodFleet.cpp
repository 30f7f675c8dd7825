#include "bench/PodFleet.h"
#include "bench/BenchSupport.h"

#include "api/Kubeconfig.h"
#include "api/KubeconfigResolver.h"
#include "models/KubeListWatcher.h"
#include "models/ResourceStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <malloc.h>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

namespace acp::bench {

using namespace acp::api;
using namespace acp::models;

namespace {

// Forwards to a ListWatcher and counts what passes (list latency and bytes, watch frames).
class CountingListWatcher final : public ListWatcher {
public:
    CountingListWatcher(std::shared_ptr<ListWatcher> inner, FleetCounters *counters, const QElapsedTimer *clock, bool keepSample)
        : m_inner(std::move(inner)), m_counters(counters), m_clock(clock), m_keepSample(keepSample)
    {
    }

    QString describe() const override { return m_inner->describe(); }

    ListWatchHandle list(const ListWatchOptions &options, QObject *context, ListCallback done) override
    {
        const qint64 startNs = m_clock->nsecsElapsed();
        if (m_counters->firstListMs < 0)
            m_counters->firstListMs = startNs / 1000000;
        return m_inner->list(options, context, [this, startNs, done = std::move(done)](const Result<QByteArray> &body) {
            FleetCounters &c = *m_counters;
            const double ms = double(m_clock->nsecsElapsed() - startNs) / 1e6;
            ++c.listRequests;
            c.listLatencySumMs += ms;
            c.listLatencyMaxMs = qMax(c.listLatencyMaxMs, ms);
            c.lastListMs = m_clock->elapsed();
            if (body) {
                c.listBytes += body->size();
                if (m_keepSample && c.sampleListBody.isEmpty())
                    c.sampleListBody = *body;
            }
            done(body);
        });
    }

    ListWatchHandle watch(const ListWatchOptions &options, QObject *context, FramesCallback onFrames, ClosedCallback onClosed) override
    {
        return m_inner->watch(
            options, context,
            [this, onFrames = std::move(onFrames)](const QByteArrayList &frames) {
                for (const QByteArray &f : frames) {
                    m_counters->watchBytes += f.size();
                    if (QByteArrayView(f).first(qMin<qsizetype>(f.size(), 32)).contains("BOOKMARK"))
                        ++m_counters->bookmarks;
                    else
                        ++m_counters->watchFrames;
                }
                onFrames(frames);
            },
            std::move(onClosed));
    }

private:
    std::shared_ptr<ListWatcher> m_inner;
    FleetCounters *m_counters;
    const QElapsedTimer *m_clock;
    bool m_keepSample;
};

qint64 statusField(qint64 pid, const char *field)
{
    QFile f(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

} // namespace

PodFleet::PodFleet(const FleetOptions &options) : m_o(options), m_counters(std::make_unique<FleetCounters>()) {}

PodFleet::~PodFleet()
{
    m_proxy.reset();
    m_model.reset();
    m_informers.clear();
    m_cache.reset();
}

void PodFleet::log(const QString &message) const
{
    if (m_o.verbose)
        QTextStream(stderr) << message << Qt::endl;
}

Result<double> PodFleet::startSandbox()
{
    LocalSandbox::Options so;
    so.clusters = m_o.clusters;
    so.podsPerCluster = m_o.podsPerCluster;
    so.tls = true;
    so.controllers = false;
    so.extraArguments = m_o.sandboxArguments;
    so.startTimeoutMs = 300000;
    QElapsedTimer t;
    t.start();
    const auto started = m_sandbox.start(so);
    if (!started)
        return started.error();
    if (m_o.sandboxNice > 0 && setpriority(PRIO_PROCESS, id_t(m_sandbox.processId()), m_o.sandboxNice) != 0)
        log(QStringLiteral("cannot renice the sandbox"));
    return double(t.nsecsElapsed()) / 1e9;
}

Result<QHash<QString, KubeClient>> PodFleet::makeClients() const
{
    KubeconfigLoadOptions lo;
    lo.explicitPath = m_sandbox.kubeconfigPath();
    const auto kc = Kubeconfig::load(lo);
    if (!kc)
        return kc.error();
    QHash<QString, KubeClient> clients;
    for (int i = 1; i <= m_o.clusters; ++i) {
        const QString name = QStringLiteral("business-%1").arg(i);
        KubeconfigOverrides ov;
        ov.context = QStringLiteral("sandbox/") + name;
        const auto rc = KubeconfigResolver::resolve(*kc, ov);
        if (!rc)
            return rc.error();
        clients.insert(name, KubeClient(*rc));
    }
    return clients;
}

Result<bool> PodFleet::connect()
{
    auto clients = makeClients();
    if (!clients)
        return clients.error();
    m_clients = *clients;
    m_names.clear();
    for (int i = 1; i <= m_o.clusters; ++i)
        m_names << QStringLiteral("business-%1").arg(i);
    RestConfig admin = m_clients.value(m_names.first()).config();
    admin.server = m_sandbox.address();   // the admin API has no /kubernetes prefix
    m_admin = KubeClient(admin);
    return true;
}

Result<double> PodFleet::warmUp()
{
    QElapsedTimer t;
    t.start();
    {
        auto clients = makeClients();
        if (!clients)
            return clients.error();
        int pending = 0;
        std::optional<ApiError> failure;
        QEventLoop loop;
        QObject ctx;
        const ResourcePath pods{QString(), QStringLiteral("v1"), QStringLiteral("pods")};
        for (auto it = clients->cbegin(); it != clients->cend(); ++it) {
            ++pending;
            it->list(pods, {}, &ctx, [&](const Result<Response> &r, const QStringList &) {
                if (!r && !failure)
                    failure = r.error();
                if (--pending == 0)
                    loop.quit();
            });
        }
        if (pending > 0)
            loop.exec();
        if (failure)
            return *failure;
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the pooled manager goes
    malloc_trim(0); // return the freed bodies' heap, so the peak below starts from a clean slate
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5"); // resets VmHWM (Linux >= 4.0)
    return double(t.nsecsElapsed()) / 1e9;
}

void PodFleet::startInformers(const InformerOptions &informerOptions)
{
    if (!m_clock.isValid())
        m_clock.start();
    m_model = std::make_unique<ResourceTableModel>();
    m_model->setColumns(TableColumns::forKind(QString(), QStringLiteral("Pod")));
    m_proxy = std::make_unique<ResourceFilterProxyModel>();
    m_proxy->setSourceModel(m_model.get());
    QObject::connect(m_model.get(), &QAbstractItemModel::modelReset, &m_context, [this] { ++m_counters->modelResets; });
    const ResourcePath pods{QString(), QStringLiteral("v1"), QStringLiteral("pods")};
    m_cache = std::make_unique<InformerCache>([this, pods](const InformerKey &key) -> std::shared_ptr<ListWatcher> {
        auto inner = std::make_shared<KubeListWatcher>(m_clients.value(key.cluster), pods);
        return std::make_shared<CountingListWatcher>(inner, m_counters.get(), &m_clock, key.cluster == m_names.value(0));
    });
    m_cache->setInformerOptions(informerOptions);
    for (const QString &name : std::as_const(m_names)) {
        InformerRef ref = m_cache->acquire(InformerKey{name, QStringLiteral("/api/v1/pods"), {}, {}, {}});
        ResourceStore *store = ref.store();
        // Timing slots around the model's own slot (direct connections run in connection order).
        auto started = std::make_shared<qint64>(0);
        QObject::connect(store, &ResourceStore::changed, &m_context, [this, started](const StoreDelta &d) {
            *started = m_clock.nsecsElapsed();
            ++m_counters->storeBatches;
            m_counters->appliedObjects += d.added.size() + d.updated.size() + d.removed.size();
        });
        m_model->addStore(name, store);
        QObject::connect(store, &ResourceStore::changed, &m_context, [this, started](const StoreDelta &) {
            const double ms = double(m_clock.nsecsElapsed() - *started) / 1e6;
            m_counters->modelMsSum += ms;
            m_counters->modelMsMax = qMax(m_counters->modelMsMax, ms);
            if (m_counters->recordBatches) {
                m_counters->modelMs.push_back(float(ms));
                m_counters->batchEndMs.push_back(double(m_clock.nsecsElapsed()) / 1e6);
            }
        });
        m_informers.push_back(ref);
    }
}

bool PodFleet::allSynced() const
{
    for (const InformerRef &r : m_informers)
        if (!r->hasSynced())
            return false;
    return !m_informers.empty();
}

int PodFleet::storedObjects() const
{
    int n = 0;
    for (const InformerRef &r : m_informers)
        n += r.store()->size();
    return n;
}

qint64 PodFleet::waitSynced(int timeoutMs)
{
    QEventLoop loop;
    qint64 at = -1;
    auto check = [&] {
        if (at < 0 && allSynced() && m_model->rowCount() == storedObjects()) {
            at = m_clock.elapsed();
            loop.quit();
        }
    };
    QList<QMetaObject::Connection> conns;
    for (const InformerRef &r : m_informers)
        conns << QObject::connect(r.informer(), &Informer::synced, &loop, check, Qt::QueuedConnection);
    QTimer guard;
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(timeoutMs);
    check();
    if (at < 0)
        loop.exec();
    for (const auto &c : conns)
        QObject::disconnect(c);
    return at;
}

qint64 PodFleet::procStatus(const char *field) const
{
    const qint64 pid = m_sandbox.processId();
    return pid > 0 ? statusField(pid, field) : 0;
}

qint64 PodFleet::sandboxRssBytes() const { return procStatus("VmRSS"); }
qint64 PodFleet::sandboxPeakRssBytes() const { return procStatus("VmHWM"); }

double PodFleet::sandboxCpuSeconds() const
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(m_sandbox.processId()));
    if (m_sandbox.processId() <= 0 || !f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray s = f.readAll();
    // Fields after the command (which may hold spaces) start after the last ')'.
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the command.
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

std::pair<double, double> PodFleet::threadCpuAndWaitMs()
{
    QFile f(QStringLiteral("/proc/thread-self/schedstat"));
    if (!f.open(QIODevice::ReadOnly))
        return {0, 0};
    const QList<QByteArray> fields = f.readAll().trimmed().split(' ');
    return {double(fields.value(0).toLongLong()) / 1e6, double(fields.value(1).toLongLong()) / 1e6};
}

qint64 PodFleet::selfRssBytes()
{
    return statusField(0, "VmRSS");
}

double PodFleet::selfCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

Result<QJsonObject> PodFleet::admin(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    const auto r = call([&](QObject *ctx, ResponseCallback cb) {
        KubeClient::RequestOptions o;
        o.maxRetries = 0;
        return m_admin.request(method, path, {}, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
                               body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json"), o, ctx, cb);
    });
    if (!r)
        return r.error();
    return r->json();
}

} // namespace acp::bench
