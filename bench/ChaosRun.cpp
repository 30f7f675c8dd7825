#include "bench/ChaosRun.h"
#include "bench/BenchSupport.h"

#include "api/KubeClient.h"
#include "api/Kubeconfig.h"
#include "api/KubeconfigResolver.h"
#include "api/LocalSandbox.h"
#include "models/Informer.h"
#include "models/KubeListWatcher.h"
#include "models/ObjectDecoder.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace acp::bench {

using namespace acp::api;
using namespace acp::models;

namespace {

struct Watched {
    QString label;
    KubeClient client;
    ResourcePath collection;
    ListWatchOptions selection;
    std::unique_ptr<Informer> informer;
};

struct Cluster {
    QString name;
    KubeClient client;
    QStringList configMaps; // names in namespace "chaos"
    int next = 0;
};

class Chaos {
public:
    explicit Chaos(const ChaosOptions &o) : m_o(o), m_rng(o.seed) {}
    Result<ChaosResult> run();

private:
    Result<bool> connect();
    void startInformers();
    void mutate(Cluster &c);
    Result<QJsonObject> faults(const QJsonObject *configure = nullptr);
    // Compares every store with a fresh list; returns the number of divergences.
    int compare(QStringList *details, int *objects);
    void log(const QString &s)
    {
        if (m_o.verbose)
            QTextStream(stderr) << "chaos: " << s << Qt::endl;
    }

    ChaosOptions m_o;
    QRandomGenerator m_rng;
    LocalSandbox m_sandbox;
    KubeClient m_admin; // the sandbox's admin API (no /kubernetes prefix)
    std::vector<Cluster> m_clusters;
    std::vector<std::unique_ptr<Watched>> m_watched;
    ChaosResult m_result;
    QObject m_context; // owns in-flight mutations
};

Result<bool> Chaos::connect()
{
    LocalSandbox::Options so;
    so.clusters = m_o.clusters;
    so.controllers = false;
    so.bookmarkIntervalMs = 500;
    const auto started = m_sandbox.start(so);
    if (!started)
        return started.error();
    KubeconfigLoadOptions lo;
    lo.explicitPath = m_sandbox.kubeconfigPath();
    const auto kc = Kubeconfig::load(lo);
    if (!kc)
        return kc.error();
    QStringList names{QStringLiteral("global")};
    for (int i = 1; i <= m_o.clusters; ++i)
        names << QStringLiteral("business-%1").arg(i);
    for (const QString &name : names) {
        KubeconfigOverrides ov;
        ov.context = QStringLiteral("sandbox/") + name;
        const auto rc = KubeconfigResolver::resolve(*kc, ov);
        if (!rc)
            return rc.error();
        m_clusters.push_back(Cluster{name, KubeClient(*rc), {}, 0});
        if (name == QLatin1String("global")) {
            RestConfig admin = *rc;
            admin.server = m_sandbox.address();
            m_admin = KubeClient(admin);
        }
    }
    // The namespace the mutations happen in.
    for (Cluster &c : m_clusters) {
        const QByteArray ns = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"chaos"}})";
        const auto r = call([&](QObject *ctx, ResponseCallback cb) {
            return c.client.create(ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("namespaces")}, ns, {}, ctx, cb);
        });
        if (!r && !r.error().isAlreadyExists())
            return r.error();
    }
    return true;
}

void Chaos::startInformers()
{
    InformerOptions io;
    io.initialBackoffMs = m_o.backoffMs;
    io.maxBackoffMs = 2000;
    io.coalesceMs = 50;
    io.pageSize = 50; // several pages, so expired continue tokens happen too
    auto add = [&](const Cluster &c, const QString &group, const QString &resource, const ListWatchOptions &sel) {
        auto w = std::make_unique<Watched>();
        w->label = c.name + QLatin1Char('/') + resource + (sel.namespaceName.isEmpty() ? QString() : QLatin1Char('@') + sel.namespaceName)
            + (sel.labelSelector.isEmpty() ? QString() : QLatin1Char('?') + sel.labelSelector);
        w->client = c.client;
        w->collection = ResourcePath{group, QStringLiteral("v1"), resource};
        w->selection = sel;
        InformerOptions opts = io;
        opts.selection = sel;
        w->informer = std::make_unique<Informer>(std::make_shared<KubeListWatcher>(c.client, w->collection), opts);
        w->informer->start();
        m_watched.push_back(std::move(w));
    };
    for (const Cluster &c : m_clusters) {
        add(c, QString(), QStringLiteral("configmaps"), {});
        ListWatchOptions even;
        even.labelSelector = QStringLiteral("parity=even");
        add(c, QString(), QStringLiteral("configmaps"), even);
        ListWatchOptions chaosNs;
        chaosNs.namespaceName = QStringLiteral("chaos");
        add(c, QString(), QStringLiteral("configmaps"), chaosNs);
        add(c, QString(), QStringLiteral("namespaces"), {});
        add(c, QString(), QStringLiteral("pods"), {});
    }
    m_result.informers = int(m_watched.size());
}

void Chaos::mutate(Cluster &c)
{
    const ResourcePath coll{QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), QStringLiteral("chaos")};
    auto done = [](const Result<Response> &, const QStringList &) {};
    const int op = c.configMaps.size() < 20 ? 0 : int(m_rng.bounded(4));
    ++m_result.mutations;
    if (op == 0) {
        const QString name = QStringLiteral("cm-%1").arg(c.next++);
        const QString parity = (c.next % 2) ? QStringLiteral("odd") : QStringLiteral("even");
        const QByteArray body = QJsonDocument(QJsonObject{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("labels"), QJsonObject{{QStringLiteral("parity"), parity}}}}},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("n"), QString::number(c.next)}}}}).toJson(QJsonDocument::Compact);
        c.client.create(coll, body, {}, &m_context, done);
        c.configMaps << name;
        return;
    }
    const int i = int(m_rng.bounded(c.configMaps.size()));
    ResourcePath path = coll;
    path.name = c.configMaps.at(i);
    if (op == 1) { // delete
        c.client.remove(path, {}, &m_context, done);
        c.configMaps.removeAt(i);
    } else if (op == 2) { // relabel: moves in or out of the parity=even selection
        const QString parity = m_rng.bounded(2) ? QStringLiteral("even") : QStringLiteral("odd");
        c.client.patch(path, PatchType::Merge, QStringLiteral(R"({"metadata":{"labels":{"parity":"%1"}}})").arg(parity).toUtf8(), {},
                       &m_context, done);
    } else { // update data
        c.client.patch(path, PatchType::Merge,
                       QStringLiteral(R"({"data":{"v":"%1"}})").arg(m_rng.generate()).toUtf8(), {}, &m_context, done);
    }
}

Result<QJsonObject> Chaos::faults(const QJsonObject *configure)
{
    const auto r = call([&](QObject *ctx, ResponseCallback cb) {
        if (configure)
            return m_admin.request("PUT", QStringLiteral("/sandbox/v1/faults"), {}, QJsonDocument(*configure).toJson(QJsonDocument::Compact),
                                   "application/json", KubeClient::RequestOptions{}, ctx, cb);
        KubeClient::RequestOptions o;
        o.maxRetries = 0;
        return m_admin.request("GET", QStringLiteral("/sandbox/v1/faults"), {}, {}, {}, o, ctx, cb);
    });
    if (!r)
        return r.error();
    return r->json();
}

int Chaos::compare(QStringList *details, int *objects)
{
    int divergences = 0;
    *objects = 0;
    auto note = [&](const QString &s) {
        ++divergences;
        if (details && details->size() < 20)
            *details << s;
    };
    for (const auto &w : m_watched) {
        ResourcePath p = w->collection;
        p.namespaceName = w->selection.namespaceName;
        ListOptions lo;
        lo.labelSelector = w->selection.labelSelector;
        const auto r = call([&](QObject *ctx, ResponseCallback cb) { return w->client.list(p, lo, ctx, cb); });
        if (!r) {
            note(w->label + QStringLiteral(": cannot list: ") + r.error().toString());
            continue;
        }
        const auto list = ObjectDecoder::decodeList(r->body);
        if (!list) {
            note(w->label + QStringLiteral(": cannot decode: ") + list.error().toString());
            continue;
        }
        QHash<QString, QString> server;
        for (const KubeObject &o : list->items)
            server.insert(o.key(), o.resourceVersion());
        const ResourceStore *store = w->informer->store();
        QSet<QString> uids;
        for (const KubeObject &o : store->list()) {
            ++*objects;
            if (uids.contains(o.uid()))
                note(QStringLiteral("%1: duplicate uid %2").arg(w->label, o.uid()));
            uids.insert(o.uid());
            const auto it = server.constFind(o.key());
            if (it == server.constEnd())
                note(QStringLiteral("%1: %2 is in the store but not on the server (missed delete)").arg(w->label, o.key()));
            else if (*it != o.resourceVersion())
                note(QStringLiteral("%1: %2 at resourceVersion %3, server %4").arg(w->label, o.key(), o.resourceVersion(), *it));
        }
        for (auto it = server.constBegin(); it != server.constEnd(); ++it)
            if (store->get(it.key()).isNull())
                note(QStringLiteral("%1: %2 missing from the store").arg(w->label, it.key()));
    }
    return divergences;
}

Result<ChaosResult> Chaos::run()
{
    if (const auto c = connect(); !c)
        return c.error();
    startInformers();
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000) {
        bool all = true;
        for (const auto &w : m_watched)
            all = all && w->informer->hasSynced();
        if (all)
            break;
        spin(20);
    }
    log(QStringLiteral("%1 informers synced in %2 ms").arg(m_watched.size()).arg(t.elapsed()));

    const QJsonObject config{{QStringLiteral("dropWatchesPerMinute"), 240}, {QStringLiteral("goneRate"), 0.25},
                             {QStringLiteral("error429Rate"), 0.1},         {QStringLiteral("error500Rate"), 0.15},
                             {QStringLiteral("latencyMs"), 5},              {QStringLiteral("stallRate"), 0.02},
                             {QStringLiteral("stallMs"), 300},              {QStringLiteral("retryAfterSeconds"), 1},
                             {QStringLiteral("seed"), qint64(m_o.seed)}};
    if (const auto f = faults(&config); !f)
        return f.error();
    QTimer mutations;
    QObject::connect(&mutations, &QTimer::timeout, &m_context, [this] {
        for (Cluster &c : m_clusters)
            mutate(c);
    });
    mutations.start(m_o.mutationIntervalMs);
    QElapsedTimer inject;
    inject.start();
    while (inject.elapsed() < qint64(m_o.maxSeconds) * 1000) {
        spin(500);
        const auto f = faults();
        if (!f)
            continue; // the admin GET itself may be faulted
        qint64 total = 0;
        const QJsonObject counts = f->value(QLatin1String("injected")).toObject();
        for (auto it = counts.begin(); it != counts.end(); ++it)
            total += it.value().toInteger();
        m_result.faultsInjected = total;
        m_result.faultCounts = counts;
        if (total >= m_o.faults)
            break;
    }
    mutations.stop();
    m_result.injectSeconds = inject.elapsed() / 1000.0;
    log(QStringLiteral("%1 faults injected in %2 s, %3 mutations").arg(m_result.faultsInjected).arg(m_result.injectSeconds).arg(m_result.mutations));
    const QJsonObject off{{QStringLiteral("dropWatchesPerMinute"), 0}, {QStringLiteral("goneRate"), 0}, {QStringLiteral("error429Rate"), 0},
                          {QStringLiteral("error500Rate"), 0},         {QStringLiteral("latencyMs"), 0}, {QStringLiteral("stallRate"), 0}};
    for (int i = 0; i < 20 && !faults(&off); ++i)
        spin(100);

    QElapsedTimer settle;
    settle.start();
    QStringList details;
    int objects = 0;
    int divergences = 0;
    do {
        spin(300);
        details.clear();
        divergences = compare(&details, &objects);
    } while (divergences > 0 && settle.elapsed() < qint64(m_o.settleSeconds) * 1000);
    m_result.settleSeconds = settle.elapsed() / 1000.0;
    m_result.divergences = divergences;
    m_result.divergenceDetails = details;
    m_result.objectsCompared = objects;
    for (const auto &w : m_watched) {
        m_result.relists += w->informer->stats().relists;
        m_result.watches += w->informer->stats().watches;
        w->informer->stop();
    }
    return m_result;
}

} // namespace

Result<ChaosResult> runChaos(const ChaosOptions &options)
{
    Chaos chaos(options);
    return chaos.run();
}

} // namespace acp::bench
