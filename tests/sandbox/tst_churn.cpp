// ChurnGenerator: pod churn through the write path (real MODIFIED events with full objects),
// spread over the clusters that hold pods, deterministic per seed, paced at the requested rate,
// robust to deleted pods; the admin endpoint PUT/GET /sandbox/v1/churn and its errors.
// Runs an in-process Sandbox in scale mode (plain HTTP, no controllers).
#include "sandbox/ChurnGenerator.h"
#include "sandbox/ObjectMeta.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTimer>
#include <QtTest>

using namespace acp::sandbox;

namespace {

const QString kPods = QStringLiteral("/pods");

struct Reply {
    int status = 0;
    QJsonObject json;
};

bool podReady(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray())
        if (c.toObject().value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            return c.toObject().value(QLatin1String("status")).toString() == QLatin1String("True");
    return false;
}

QJsonObject firstContainer(const QJsonObject &pod)
{
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("containerStatuses")).toArray().first().toObject();
}

qint64 churnCount(const QJsonObject &pod)
{
    return pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject()
        .value(QLatin1String("sandbox.acp.io/churn")).toString().toLongLong();
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

class TstChurn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void stepModifiesPodsThroughTheWritePath();
    void spreadOverClustersWithPods();
    void deterministicPerSeed();
    void pacedAtTheRequestedRate();
    void deletedPodsAreSkipped();
    void adminEndpoint();
    void adminEndpointRejectsBadInput();
    void startOption();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body, bool withToken = true);
    QList<SimCluster *> clustersWithPods() const;

    std::unique_ptr<Sandbox> m_sandbox;
    QNetworkAccessManager m_nam;
};

void TstChurn::initTestCase()
{
    SandboxOptions o;
    o.port = 0;
    o.tls = false;
    o.controllers = false;
    o.workloadClusters = 3;
    o.podsPerCluster = 40;
    o.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    m_sandbox = std::make_unique<Sandbox>(o);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    QVERIFY(m_sandbox->churn());
    QVERIFY(!m_sandbox->churn()->isRunning()); // no --churn: idle
    QVERIFY(clustersWithPods().size() >= 3);
}

void TstChurn::cleanupTestCase()
{
    m_sandbox.reset();
}

QList<SimCluster *> TstChurn::clustersWithPods() const
{
    QList<SimCluster *> out;
    for (SimCluster *c : m_sandbox->clusters())
        if (c->store().count(kPods) > 0)
            out << c;
    return out;
}

Reply TstChurn::send(const QByteArray &method, const QString &path, const QByteArray &body, bool withToken)
{
    QNetworkRequest req(QUrl(m_sandbox->address() + path));
    if (withToken)
        req.setRawHeader("Authorization", "Bearer " + m_sandbox->users().defaultToken(QStringLiteral("admin")).toUtf8());
    req.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return r;
}

void TstChurn::stepModifiesPodsThroughTheWritePath()
{
    struct Seen {
        QString cluster;
        QString key;
        EventType type;
        QJsonObject object, previous;
        qint64 rv;
    };
    QList<Seen> seen;
    QList<QPair<SimCluster *, int>> watchers;
    for (SimCluster *c : m_sandbox->clusters()) {
        const int id = c->store().addWatcher([&seen, c](const StoreEvent &ev) {
            seen << Seen{c->name(), ev.key, ev.type, ev.object.obj, ev.previous.obj, ev.rv};
        });
        watchers << qMakePair(c, id);
    }
    ChurnGenerator gen(m_sandbox->clusters());
    gen.setSeed(11);
    const QList<ChurnGenerator::Change> changes = gen.step(30);
    for (const auto &[c, id] : watchers)
        c->store().removeWatcher(id);

    QCOMPARE(int(changes.size()), 30);
    QCOMPARE(gen.stats().events, qint64(30));
    QCOMPARE(gen.stats().failures, qint64(0));
    QCOMPARE(int(seen.size()), 30); // one event per change, nothing else written
    for (int i = 0; i < seen.size(); ++i) {
        const Seen &s = seen.at(i);
        QCOMPARE(s.type, EventType::Modified);
        QCOMPARE(s.cluster, changes.at(i).cluster);
        QCOMPARE(s.key, changes.at(i).key);
        QCOMPARE(s.object.value(QLatin1String("kind")).toString(), QStringLiteral("Pod"));
        // The full object, with the flip, the counter and a new resourceVersion.
        QVERIFY(s.object.contains(QLatin1String("spec")));
        QCOMPARE(podReady(s.object), changes.at(i).ready);
        QCOMPARE(podReady(s.object), !podReady(s.previous));
        QCOMPARE(firstContainer(s.object).value(QLatin1String("ready")).toBool(), changes.at(i).ready);
        QCOMPARE(churnCount(s.object), churnCount(s.previous) + 1);
        const int restarts = firstContainer(s.object).value(QLatin1String("restartCount")).toInt();
        const int before = firstContainer(s.previous).value(QLatin1String("restartCount")).toInt();
        QCOMPARE(restarts, changes.at(i).ready ? before : before + 1);
        if (!changes.at(i).ready)
            QVERIFY(firstContainer(s.object).value(QLatin1String("lastState")).toObject().contains(QLatin1String("terminated")));
        QCOMPARE(s.object.value(QLatin1String("status")).toObject().value(QLatin1String("phase")),
                 s.previous.value(QLatin1String("status")).toObject().value(QLatin1String("phase")));
        QCOMPARE(metaStr(s.object, "resourceVersion"), QString::number(s.rv));
        // The store holds what the watchers saw last for that pod.
        SimCluster *c = m_sandbox->cluster(s.cluster);
        const qsizetype slash = s.key.indexOf(QLatin1Char('/'));
        const StoredObject *now = c->store().get(kPods, s.key.left(slash), s.key.mid(slash + 1));
        QVERIFY(now);
        QVERIFY(metaStr(now->obj, "resourceVersion").toLongLong() >= s.rv);
    }
}

void TstChurn::spreadOverClustersWithPods()
{
    const QList<SimCluster *> withPods = clustersWithPods();
    ChurnGenerator gen(m_sandbox->clusters());
    gen.setSeed(3);
    const int n = 20 * int(withPods.size());
    QHash<QString, int> perCluster;
    for (const auto &c : gen.step(n))
        ++perCluster[c.cluster];
    QCOMPARE(int(perCluster.size()), int(withPods.size()));
    for (SimCluster *c : withPods)
        QCOMPARE(perCluster.value(c->name()), 20); // round-robin: exactly even
}

void TstChurn::deterministicPerSeed()
{
    auto run = [this](quint32 seed) {
        ChurnGenerator gen(m_sandbox->clusters());
        gen.setSeed(seed);
        QStringList keys;
        for (const auto &c : gen.step(40))
            keys << c.cluster + QLatin1Char(':') + c.key;
        return keys;
    };
    const QStringList a = run(42), b = run(42), c = run(43);
    QCOMPARE(int(a.size()), 40);
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QVERIFY(QSet<QString>(a.begin(), a.end()).size() > 10); // random pods, not one pod over and over
}

void TstChurn::pacedAtTheRequestedRate()
{
    ChurnGenerator gen(m_sandbox->clusters());
    gen.start(400, 9);
    QVERIFY(gen.isRunning());
    QCOMPARE(gen.eventsPerSecond(), 400.0);
    spin(1000);
    const QJsonObject st = gen.status();
    gen.stop();
    const qint64 events = gen.stats().events;
    // 400 in one second; the upper bound is exact (never ahead of the clock), the lower one leaves
    // room for a loaded machine.
    QVERIFY2(events >= 250 && events <= 420, qPrintable(QString::number(events)));
    QCOMPARE(gen.stats().failures, qint64(0));
    QVERIFY(st.value(QLatin1String("running")).toBool());
    QVERIFY(st.value(QLatin1String("actualEventsPerSecond")).toDouble() > 200);
    QVERIFY(!gen.isRunning());
    spin(150);
    QCOMPARE(gen.stats().events, events); // stopped means stopped
    QCOMPARE(gen.status().value(QLatin1String("running")).toBool(), false);
    gen.start(0);
    QVERIFY(!gen.isRunning());
}

void TstChurn::deletedPodsAreSkipped()
{
    SimCluster *c = clustersWithPods().first();
    const ResourceType *pods = c->registry().find(QString(), QStringLiteral("v1"), QStringLiteral("pods"));
    QVERIFY(pods);
    ChurnGenerator gen({c});
    gen.setSeed(5);
    QCOMPARE(int(gen.step(5).size()), 5); // the pod list is taken now
    // Delete all but two pods behind the generator's back.
    QList<const StoredObject *> all = c->store().list(kPods);
    QVERIFY(all.size() > 2);
    QStringList keep;
    for (int i = 0; i < all.size(); ++i) {
        const QString ns = metaStr(all.at(i)->obj, "namespace"), name = metaStr(all.at(i)->obj, "name");
        if (i < 2) {
            keep << ns + QLatin1Char('/') + name;
            continue;
        }
        WriteOptions wo;
        wo.skipAdmission = true;
        QVERIFY(c->remove(*pods, ns, name, DeleteOptions{}, wo));
    }
    QCOMPARE(c->store().count(kPods), 2);
    const auto changes = gen.step(20);
    QCOMPARE(int(changes.size()), 20);
    QCOMPARE(gen.stats().failures, qint64(0));
    for (const auto &ch : changes)
        QVERIFY2(keep.contains(ch.key), qPrintable(ch.key));
    // No pod left: nothing to do, no error.
    for (const QString &k : keep) {
        WriteOptions wo;
        wo.skipAdmission = true;
        QVERIFY(c->remove(*pods, k.section(QLatin1Char('/'), 0, 0), k.section(QLatin1Char('/'), 1), DeleteOptions{}, wo));
    }
    QVERIFY(gen.step(3).isEmpty());
    QCOMPARE(gen.stats().failures, qint64(0));
}

void TstChurn::adminEndpoint()
{
    SimCluster *c = clustersWithPods().last();
    const qint64 rvBefore = c->store().resourceVersion();
    Reply r = send("PUT", QStringLiteral("/sandbox/v1/churn"), R"({"eventsPerSecond": 300, "seed": 17})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QLatin1String("running")).toBool(), true);
    QCOMPARE(r.json.value(QLatin1String("eventsPerSecond")).toDouble(), 300.0);
    QCOMPARE(r.json.value(QLatin1String("seed")).toInteger(), qint64(17));
    QVERIFY(m_sandbox->churn()->isRunning());
    spin(500);
    r = send("GET", QStringLiteral("/sandbox/v1/churn"), {});
    QCOMPARE(r.status, 200);
    QVERIFY2(r.json.value(QLatin1String("events")).toInteger() > 50, qPrintable(QJsonDocument(r.json).toJson()));
    QVERIFY(c->store().resourceVersion() > rvBefore); // writes reached the clusters
    r = send("PUT", QStringLiteral("/sandbox/v1/churn"), R"({"eventsPerSecond": 0})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QLatin1String("running")).toBool(), false);
    QVERIFY(!m_sandbox->churn()->isRunning());
}

void TstChurn::adminEndpointRejectsBadInput()
{
    for (const QByteArray &body : {QByteArray(R"({"eventsPerSecond": -1})"), QByteArray(R"({"eventsPerSecond": "fast"})"),
                                   QByteArray(R"({"seed": 1})"), QByteArray(R"({"eventsPerSecond": 10, "seed": 1.5})"),
                                   QByteArray(R"({"eventsPerSecond": 10, "rate": 1})"), QByteArray("[1]"), QByteArray("not json")}) {
        const Reply r = send("PUT", QStringLiteral("/sandbox/v1/churn"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
        QVERIFY(!r.json.value(QLatin1String("message")).toString().isEmpty());
    }
    QVERIFY(!m_sandbox->churn()->isRunning());
    QCOMPARE(send("PUT", QStringLiteral("/sandbox/v1/churn"), R"({"eventsPerSecond": 10})", false).status, 401);
    QVERIFY(!m_sandbox->churn()->isRunning());
}

void TstChurn::startOption()
{
    SandboxOptions o;
    o.tls = false;
    o.controllers = false;
    o.workloadClusters = 1;
    o.podsPerCluster = 20;
    o.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    o.churnEventsPerSecond = 200;
    o.churnSeed = 4;
    Sandbox sandbox(o);
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));
    QVERIFY(sandbox.churn()->isRunning());
    QCOMPARE(sandbox.churn()->seed(), 4u);
    spin(300);
    QVERIFY(sandbox.churn()->stats().events > 20);
}

QTEST_GUILESS_MAIN(TstChurn)
#include "tst_churn.moc"
