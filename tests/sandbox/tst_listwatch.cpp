// End-to-end tests of the sandbox's list and watch semantics over HTTP and WebSocket, the ones
// client-go's informers and the console rely on: paginated lists (continue, remainingItemCount,
// consistent snapshots, 410 Expired), label and field selectors, watch start points
// (""/"0"/rv/too old), selector transitions, bookmarks, timeouts, Table watches, fault
// injection, request errors (401/404/413/415/400) and the state file.
// Runs an in-process acp::sandbox::Sandbox (plain HTTP, no controllers) on an ephemeral port.
#include "sandbox/FaultInjector.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <QtTest>

#include <memory>

using namespace acp::sandbox;

namespace {

const QString kCluster = QStringLiteral("business-1");

struct Response {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    QJsonArray items() const { return json.value(QLatin1String("items")).toArray(); }
    QJsonObject metadata() const { return json.value(QLatin1String("metadata")).toObject(); }
    QString reason() const { return json.value(QLatin1String("reason")).toString(); }
};

QJsonObject meta(const QJsonObject &o) { return o.value(QLatin1String("metadata")).toObject(); }
QString nameOf(const QJsonObject &o) { return meta(o).value(QLatin1String("name")).toString(); }
qint64 rvOf(const QJsonObject &o) { return meta(o).value(QLatin1String("resourceVersion")).toString().toLongLong(); }

QStringList names(const QJsonArray &items)
{
    QStringList out;
    for (const QJsonValue &v : items)
        out << nameOf(v.toObject());
    return out;
}

QJsonObject configMap(const QString &name, const QJsonObject &labels = {}, const QJsonObject &data = {})
{
    QJsonObject m{{QStringLiteral("name"), name}};
    if (!labels.isEmpty())
        m.insert(QStringLiteral("labels"), labels);
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                       {QStringLiteral("metadata"), m},
                       {QStringLiteral("data"), data}};
}

// A small blocking HTTP client on QNetworkAccessManager (the test's event loop keeps the
// in-process sandbox running while it waits).
class Client {
public:
    Client(QString base, QByteArray token) : m_base(std::move(base)), m_token(std::move(token)) {}

    Response send(const QByteArray &method, const QString &path, const QByteArray &body = QByteArray(),
                  const QByteArray &contentType = "application/json",
                  const QList<QPair<QByteArray, QByteArray>> &headers = {}, bool withToken = true)
    {
        QNetworkRequest req(QUrl(m_base + path));
        if (withToken && !m_token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + m_token);
        if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
            req.setRawHeader("Content-Type", contentType);
        for (const auto &h : headers)
            req.setRawHeader(h.first, h.second);
        QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Response r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        for (const auto &h : reply->rawHeaderPairs())
            r.headers.insert(h.first.toLower(), h.second);
        if (!reply->isFinished())
            reply->abort();
        reply->deleteLater();
        return r;
    }

    Response get(const QString &path) { return send("GET", path); }

    Response post(const QString &path, const QJsonObject &obj)
    {
        return send("POST", path, QJsonDocument(obj).toJson(QJsonDocument::Compact));
    }

    Response put(const QString &path, const QJsonObject &obj)
    {
        return send("PUT", path, QJsonDocument(obj).toJson(QJsonDocument::Compact));
    }

    Response del(const QString &path) { return send("DELETE", path); }

    const QString &base() const { return m_base; }
    const QByteArray &token() const { return m_token; }

private:
    QString m_base;
    QByteArray m_token;
    QNetworkAccessManager m_nam;
};

// One watch stream over HTTP (chunked JSON lines), with its own connection.
class HttpWatch : public QObject {
public:
    HttpWatch(const QString &url, const QByteArray &token, const QByteArray &accept = QByteArray())
    {
        QNetworkRequest req{QUrl(url)};
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token);
        if (!accept.isEmpty())
            req.setRawHeader("Accept", accept);
        m_reply = m_nam.get(req);
        connect(m_reply, &QNetworkReply::readyRead, this, [this] { read(); });
        connect(m_reply, &QNetworkReply::finished, this, [this] {
            read();
            status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            error = m_reply->error();
            finished = true;
        });
    }
    ~HttpWatch() override
    {
        if (m_reply && !m_reply->isFinished())
            m_reply->abort();
    }

    QStringList types() const
    {
        QStringList out;
        for (const QJsonObject &e : events)
            out << e.value(QLatin1String("type")).toString();
        return out;
    }
    QJsonObject object(int i) const { return events.at(i).value(QLatin1String("object")).toObject(); }
    QString summary() const
    {
        QStringList out;
        for (const QJsonObject &e : events)
            out << e.value(QLatin1String("type")).toString() + QLatin1Char(':')
                       + nameOf(e.value(QLatin1String("object")).toObject());
        return out.join(QLatin1Char(' '));
    }
    void abort() { m_reply->abort(); }

    QList<QJsonObject> events;
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

private:
    void read()
    {
        if (!m_reply->isOpen())   // aborted
            return;
        m_buffer += m_reply->readAll();
        qsizetype nl;
        while ((nl = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(nl).trimmed();
            m_buffer.remove(0, nl + 1);
            if (!line.isEmpty())
                events << QJsonDocument::fromJson(line).object();
        }
    }

    QNetworkAccessManager m_nam;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
};

// The same over a WebSocket: one event per text message.
class WsWatch : public QObject {
public:
    WsWatch(const QString &url, const QByteArray &token)
    {
        connect(&m_ws, &QWebSocket::textMessageReceived, this,
                [this](const QString &m) { events << QJsonDocument::fromJson(m.toUtf8()).object(); });
        connect(&m_ws, &QWebSocket::connected, this, [this] { connected = true; });
        connect(&m_ws, &QWebSocket::disconnected, this, [this] { disconnected = true; });
        QNetworkRequest req{QUrl(url)};
        req.setRawHeader("Authorization", "Bearer " + token);
        m_ws.open(req);
    }
    QString summary() const
    {
        QStringList out;
        for (const QJsonObject &e : events)
            out << e.value(QLatin1String("type")).toString() + QLatin1Char(':')
                       + nameOf(e.value(QLatin1String("object")).toObject());
        return out.join(QLatin1Char(' '));
    }
    void close() { m_ws.close(); }

    QList<QJsonObject> events;
    bool connected = false;
    bool disconnected = false;

private:
    QWebSocket m_ws;
};

QString eventSummary(const QList<QJsonObject> &events)
{
    QStringList out;
    for (const QJsonObject &e : events)
        out << e.value(QLatin1String("type")).toString() + QLatin1Char(':') + nameOf(e.value(QLatin1String("object")).toObject())
                   + QLatin1Char('@') + QString::number(rvOf(e.value(QLatin1String("object")).toObject()));
    return out.join(QLatin1Char(' '));
}

std::unique_ptr<Sandbox> startSandbox(SandboxOptions o, QString *error)
{
    o.port = 0;
    o.tls = false;
    o.controllers = false;
    o.workloadClusters = 1;
    o.sharedDir = QStringLiteral(ACP_SHARED_DIR);
    auto sandbox = std::make_unique<Sandbox>(o);
    if (!sandbox->start(error))
        return nullptr;
    return sandbox;
}

} // namespace

class TestListWatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void paginatedList();
    void paginatedListWithSelector();
    void paginatedTable();
    void invalidContinue();
    void expiredContinueAndWatch();
    void labelSelector();
    void fieldSelector();
    void unsupportedFieldSelector();
    void watchFromEmptyAndZero();
    void watchFromResourceVersion();
    void watchOneObject();
    void watchSelectorTransitions();
    void watchBookmarks();
    void watchTimeout();
    void watchTable();
    void watchWebSocket();
    void fault429();
    void faultDropWatches();
    void faultGoneOnlyWithResourceVersion();
    void unauthorized();
    void unknownResource();
    void unsupportedPatchContentType();
    void bodyTooLarge();
    void chunkedBodyTooLarge();
    void chunkedBodyAccepted();
    void malformedJson();
    void clientUidIgnoredOnCreate();
    void stateFile();
    void destroyWithOpenWatches();

private:
    QString ns(const QString &name) const { return QStringLiteral("/kubernetes/%1/api/v1/namespaces/%2").arg(kCluster, name); }
    QString cms(const QString &namespaceName) const { return ns(namespaceName) + QStringLiteral("/configmaps"); }
    void createNamespace(Client &c, const QString &name);
    ObjectStore &store() { return m_sandbox->cluster(kCluster)->store(); }

    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<Client> m_client;
    int m_baseWatchers = 0;
};

void TestListWatch::initTestCase()
{
    SandboxOptions o;
    o.bookmarkIntervalMs = 200;
    QString err;
    m_sandbox = startSandbox(o, &err);
    QVERIFY2(m_sandbox, qPrintable(err));
    QVERIFY(m_sandbox->cluster(kCluster));
    m_client = std::make_unique<Client>(m_sandbox->address(), m_sandbox->users().defaultToken(QStringLiteral("admin")).toUtf8());
    QVERIFY(!m_client->token().isEmpty());
    m_baseWatchers = store().watcherCount();
}

void TestListWatch::cleanupTestCase()
{
    m_client.reset();
    m_sandbox.reset();
}

void TestListWatch::cleanup()
{
    // Every watch a test opened is gone once its client left, and faults are off again.
    if (m_sandbox) {
        QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers, 5000);
        m_sandbox->faults()->configure(QJsonObject{{QStringLiteral("error429Rate"), 0}, {QStringLiteral("goneRate"), 0},
                                                   {QStringLiteral("dropWatchesPerMinute"), 0}});
    }
}

void TestListWatch::createNamespace(Client &c, const QString &name)
{
    const Response r = c.post(QStringLiteral("/kubernetes/%1/api/v1/namespaces").arg(kCluster),
                              QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                          {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                          {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}}});
    QVERIFY2(r.status == 201, r.body.constData());
}

// ---------------------------------------------------------------------------------------------
void TestListWatch::paginatedList()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("page"));
    QStringList all;
    QHash<QString, qint64> createdRv;
    for (int i = 0; i < 25; ++i) {
        const QString name = QStringLiteral("cm-%1").arg(i, 2, 10, QLatin1Char('0'));
        const Response r = c.post(cms(QStringLiteral("page")), configMap(name, {}, {{QStringLiteral("i"), QString::number(i)}}));
        QCOMPARE(r.status, 201);
        QCOMPARE(nameOf(r.json), name);
        createdRv.insert(name, rvOf(r.json));
        all << name;
    }

    // Without a limit: everything, in name order, with the current resourceVersion.
    const Response full = c.get(cms(QStringLiteral("page")));
    QCOMPARE(full.status, 200);
    QCOMPARE(full.json.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMapList"));
    QCOMPARE(full.json.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
    QCOMPARE(names(full.items()), all);
    QCOMPARE(full.metadata().value(QLatin1String("resourceVersion")).toString().toLongLong(), store().resourceVersion());
    QVERIFY(!full.metadata().contains(QLatin1String("continue")));
    QVERIFY(!full.metadata().contains(QLatin1String("remainingItemCount")));

    // Page 1.
    const Response p1 = c.get(cms(QStringLiteral("page")) + QStringLiteral("?limit=10"));
    QCOMPARE(p1.status, 200);
    QCOMPARE(p1.items().size(), 10);
    const QString rv = p1.metadata().value(QLatin1String("resourceVersion")).toString();
    QCOMPARE(rv.toLongLong(), store().resourceVersion());
    QString token = p1.metadata().value(QLatin1String("continue")).toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(p1.metadata().value(QLatin1String("remainingItemCount")).toInteger(), 15);

    // Between pages: one object deleted (from a later page), one modified, one created.
    QCOMPARE(c.del(cms(QStringLiteral("page")) + QStringLiteral("/cm-15")).status, 200);
    QJsonObject changed = c.get(cms(QStringLiteral("page")) + QStringLiteral("/cm-20")).json;
    changed.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("i"), QStringLiteral("changed")}});
    QCOMPARE(c.put(cms(QStringLiteral("page")) + QStringLiteral("/cm-20"), changed).status, 200);
    QCOMPARE(c.post(cms(QStringLiteral("page")), configMap(QStringLiteral("cm-99"))).status, 201);
    QCOMPARE(c.post(cms(QStringLiteral("page")), configMap(QStringLiteral("cm-10a"))).status, 201);

    // Pages 2 and 3 read the snapshot of page 1.
    QJsonArray items = p1.items();
    const Response p2 = c.get(cms(QStringLiteral("page")) + QStringLiteral("?limit=10&continue=") + token);
    QCOMPARE(p2.status, 200);
    QCOMPARE(p2.items().size(), 10);
    QCOMPARE(p2.metadata().value(QLatin1String("resourceVersion")).toString(), rv);
    QCOMPARE(p2.metadata().value(QLatin1String("remainingItemCount")).toInteger(), 5);
    token = p2.metadata().value(QLatin1String("continue")).toString();
    QVERIFY(!token.isEmpty());
    for (const QJsonValue &v : p2.items())
        items << v;
    const Response p3 = c.get(cms(QStringLiteral("page")) + QStringLiteral("?limit=10&continue=") + token);
    QCOMPARE(p3.status, 200);
    QCOMPARE(p3.items().size(), 5);
    QCOMPARE(p3.metadata().value(QLatin1String("resourceVersion")).toString(), rv);
    QVERIFY(!p3.metadata().contains(QLatin1String("continue")));
    QVERIFY(!p3.metadata().contains(QLatin1String("remainingItemCount")));
    for (const QJsonValue &v : p3.items())
        items << v;

    // Every object exactly once, as it was at page 1's resourceVersion.
    QCOMPARE(names(items), all);
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        QCOMPARE(rvOf(o), createdRv.value(nameOf(o)));
        QVERIFY(rvOf(o) <= rv.toLongLong());
        QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    }
    QCOMPARE(items.at(20).toObject().value(QLatin1String("data")).toObject().value(QLatin1String("i")).toString(), QStringLiteral("20"));

    // A new list sees the changes.
    QStringList now = all;
    now.removeAll(QStringLiteral("cm-15"));
    now << QStringLiteral("cm-99") << QStringLiteral("cm-10a");
    now.sort();
    QCOMPARE(names(c.get(cms(QStringLiteral("page"))).items()), now);

    // limit=1 walks the current list one by one.
    QStringList walked;
    QString cont;
    for (int guard = 0; guard < 100; ++guard) {
        const Response p = c.get(cms(QStringLiteral("page")) + QStringLiteral("?limit=1") + (cont.isEmpty() ? QString() : QStringLiteral("&continue=") + cont));
        QCOMPARE(p.status, 200);
        QVERIFY(p.items().size() <= 1);
        walked << names(p.items());
        cont = p.metadata().value(QLatin1String("continue")).toString();
        if (cont.isEmpty())
            break;
        QCOMPARE(p.metadata().value(QLatin1String("remainingItemCount")).toInteger(), now.size() - walked.size());
    }
    QCOMPARE(walked, now);

    // A limit at least the size: no continue.
    const Response big = c.get(cms(QStringLiteral("page")) + QStringLiteral("?limit=26"));
    QCOMPARE(big.items().size(), 26);
    QVERIFY(!big.metadata().contains(QLatin1String("continue")));
}

void TestListWatch::paginatedListWithSelector()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("pagesel"));
    QStringList even;
    for (int i = 0; i < 12; ++i) {
        const QString name = QStringLiteral("cm-%1").arg(i, 2, 10, QLatin1Char('0'));
        const QString parity = i % 2 ? QStringLiteral("odd") : QStringLiteral("even");
        QCOMPARE(c.post(cms(QStringLiteral("pagesel")), configMap(name, {{QStringLiteral("parity"), parity}})).status, 201);
        if (i % 2 == 0)
            even << name;
    }
    QStringList got;
    QString cont;
    int pages = 0;
    for (; pages < 20; ++pages) {
        const Response p = c.get(cms(QStringLiteral("pagesel")) + QStringLiteral("?labelSelector=parity%3Deven&limit=4")
                                 + (cont.isEmpty() ? QString() : QStringLiteral("&continue=") + cont));
        QCOMPARE(p.status, 200);
        QVERIFY(p.items().size() <= 4);
        got << names(p.items());
        // With a selector the server cannot count the rest: no remainingItemCount.
        QVERIFY(!p.metadata().contains(QLatin1String("remainingItemCount")));
        cont = p.metadata().value(QLatin1String("continue")).toString();
        if (cont.isEmpty())
            break;
    }
    QCOMPARE(got, even);
    QCOMPARE(pages, 1);   // 6 items in pages of 4
}

void TestListWatch::paginatedTable()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("pagetable"));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(c.post(cms(QStringLiteral("pagetable")), configMap(QStringLiteral("cm-%1").arg(i))).status, 201);
    const QList<QPair<QByteArray, QByteArray>> accept{{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}};
    const Response p1 = c.send("GET", cms(QStringLiteral("pagetable")) + QStringLiteral("?limit=3"), {}, {}, accept);
    QCOMPARE(p1.status, 200);
    QCOMPARE(p1.json.value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
    QCOMPARE(p1.json.value(QLatin1String("rows")).toArray().size(), 3);
    const QString token = p1.metadata().value(QLatin1String("continue")).toString();
    QVERIFY(!token.isEmpty());
    const Response p2 = c.send("GET", cms(QStringLiteral("pagetable")) + QStringLiteral("?limit=3&continue=") + token, {}, {}, accept);
    QCOMPARE(p2.status, 200);
    QCOMPARE(p2.json.value(QLatin1String("rows")).toArray().size(), 2);
    QVERIFY(p2.metadata().value(QLatin1String("continue")).toString().isEmpty());
    QCOMPARE(p2.metadata().value(QLatin1String("resourceVersion")).toString(),
             p1.metadata().value(QLatin1String("resourceVersion")).toString());
}

void TestListWatch::invalidContinue()
{
    const Response r = m_client->get(cms(QStringLiteral("default")) + QStringLiteral("?limit=1&continue=garbage"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(r.reason(), QStringLiteral("BadRequest"));
}

void TestListWatch::expiredContinueAndWatch()
{
    // A sandbox of its own with the smallest history window (16 events).
    SandboxOptions o;
    o.watchWindow = 16;
    QString err;
    auto sandbox = startSandbox(o, &err);
    QVERIFY2(sandbox, qPrintable(err));
    Client c(sandbox->address(), sandbox->users().defaultToken(QStringLiteral("admin")).toUtf8());
    createNamespace(c, QStringLiteral("window"));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(c.post(cms(QStringLiteral("window")), configMap(QStringLiteral("cm-%1").arg(i))).status, 201);
    const Response p1 = c.get(cms(QStringLiteral("window")) + QStringLiteral("?limit=2"));
    QCOMPARE(p1.status, 200);
    const QString token = p1.metadata().value(QLatin1String("continue")).toString();
    const QString rv = p1.metadata().value(QLatin1String("resourceVersion")).toString();
    QVERIFY(!token.isEmpty());

    // Still inside the window: fine.
    QCOMPARE(c.get(cms(QStringLiteral("window")) + QStringLiteral("?limit=2&continue=") + token).status, 200);

    // 20 writes elsewhere push page 1's version out of the window.
    createNamespace(c, QStringLiteral("elsewhere"));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(c.post(cms(QStringLiteral("elsewhere")), configMap(QStringLiteral("x-%1").arg(i))).status, 201);
    const Response expired = c.get(cms(QStringLiteral("window")) + QStringLiteral("?limit=2&continue=") + token);
    QCOMPARE(expired.status, 410);
    QCOMPARE(expired.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(expired.json.value(QLatin1String("status")).toString(), QStringLiteral("Failure"));
    QCOMPARE(expired.reason(), QStringLiteral("Expired"));
    QCOMPARE(expired.json.value(QLatin1String("code")).toInt(), 410);

    // A watch from that version: one ERROR event (410 Expired), then the stream ends.
    HttpWatch w(c.base() + cms(QStringLiteral("window")) + QStringLiteral("?watch=true&resourceVersion=") + rv, c.token());
    QTRY_VERIFY_WITH_TIMEOUT(w.finished, 10000);
    QCOMPARE(w.status, 200);
    QCOMPARE(w.error, QNetworkReply::NoError);
    QCOMPARE(w.types(), QStringList{QStringLiteral("ERROR")});
    const QJsonObject status = w.object(0);
    QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(status.value(QLatin1String("code")).toInt(), 410);
    QCOMPARE(status.value(QLatin1String("reason")).toString(), QStringLiteral("Expired"));
    QVERIFY(status.value(QLatin1String("message")).toString().startsWith(QLatin1String("too old resource version: ") + rv));

    // From the current version: a normal watch.
    const QString current = c.get(cms(QStringLiteral("window"))).metadata().value(QLatin1String("resourceVersion")).toString();
    HttpWatch ok(c.base() + cms(QStringLiteral("window")) + QStringLiteral("?watch=true&resourceVersion=") + current, c.token());
    const int watchers = sandbox->cluster(kCluster)->store().watcherCount();
    QTRY_COMPARE_WITH_TIMEOUT(sandbox->cluster(kCluster)->store().watcherCount(), watchers + 1, 10000);
    QCOMPARE(c.post(cms(QStringLiteral("window")), configMap(QStringLiteral("late"))).status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(ok.summary(), QStringLiteral("ADDED:late"), 10000);
    QVERIFY(!ok.finished);
}

void TestListWatch::labelSelector()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("sel"));
    struct Item { const char *name; QJsonObject labels; };
    const QList<Item> objects{
        {"a-web", {{QStringLiteral("app"), QStringLiteral("web")}, {QStringLiteral("tier"), QStringLiteral("front")}}},
        {"b-db", {{QStringLiteral("app"), QStringLiteral("db")}, {QStringLiteral("tier"), QStringLiteral("back")}}},
        {"c-web", {{QStringLiteral("app"), QStringLiteral("web")}, {QStringLiteral("tier"), QStringLiteral("back")}}},
        {"d-none", {}},
        {"e-cache", {{QStringLiteral("app"), QStringLiteral("cache")}}},
    };
    for (const Item &i : objects)
        QCOMPARE(c.post(cms(QStringLiteral("sel")), configMap(QString::fromLatin1(i.name), i.labels)).status, 201);
    auto sel = [&](const QString &selector) {
        const Response r = c.get(cms(QStringLiteral("sel")) + QStringLiteral("?labelSelector=")
                                 + QString::fromLatin1(QUrl::toPercentEncoding(selector)));
        return r.status == 200 ? names(r.items()) : QStringList{QStringLiteral("status %1").arg(r.status)};
    };
    QCOMPARE(sel(QStringLiteral("app=web")), (QStringList{QStringLiteral("a-web"), QStringLiteral("c-web")}));
    QCOMPARE(sel(QStringLiteral("app==web,tier=back")), QStringList{QStringLiteral("c-web")});
    QCOMPARE(sel(QStringLiteral("app!=web")), (QStringList{QStringLiteral("b-db"), QStringLiteral("d-none"), QStringLiteral("e-cache")}));
    QCOMPARE(sel(QStringLiteral("app in (db,cache)")), (QStringList{QStringLiteral("b-db"), QStringLiteral("e-cache")}));
    QCOMPARE(sel(QStringLiteral("app notin (web)")), (QStringList{QStringLiteral("b-db"), QStringLiteral("d-none"), QStringLiteral("e-cache")}));
    QCOMPARE(sel(QStringLiteral("tier")), (QStringList{QStringLiteral("a-web"), QStringLiteral("b-db"), QStringLiteral("c-web")}));
    QCOMPARE(sel(QStringLiteral("!app")), QStringList{QStringLiteral("d-none")});
    QCOMPARE(sel(QStringLiteral("app=nothing")), QStringList());
    QCOMPARE(sel(QString()), (QStringList{QStringLiteral("a-web"), QStringLiteral("b-db"), QStringLiteral("c-web"),
                                          QStringLiteral("d-none"), QStringLiteral("e-cache")}));
    // '+' for a space, as Go clients encode it
    const Response plus = c.get(cms(QStringLiteral("sel")) + QStringLiteral("?labelSelector=app+in+%28db%29"));
    QCOMPARE(plus.status, 200);
    QCOMPARE(names(plus.items()), QStringList{QStringLiteral("b-db")});

    const Response bad = c.get(cms(QStringLiteral("sel")) + QStringLiteral("?labelSelector=") + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("app in web"))));
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(bad.reason(), QStringLiteral("BadRequest"));
}

void TestListWatch::fieldSelector()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("fsel"));
    createNamespace(c, QStringLiteral("fsel2"));
    for (const QString &n : {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")})
        QCOMPARE(c.post(cms(QStringLiteral("fsel")), configMap(n)).status, 201);
    QCOMPARE(c.post(cms(QStringLiteral("fsel2")), configMap(QStringLiteral("two"))).status, 201);
    auto sel = [&](const QString &path, const QString &selector) {
        const Response r = c.get(path + QStringLiteral("?fieldSelector=") + QString::fromLatin1(QUrl::toPercentEncoding(selector)));
        if (r.status != 200)
            return QStringList{QStringLiteral("status %1").arg(r.status)};
        QStringList out;
        for (const QJsonValue &v : r.items())
            out << meta(v.toObject()).value(QLatin1String("namespace")).toString() + QLatin1Char('/') + nameOf(v.toObject());
        return out;
    };
    QCOMPARE(sel(cms(QStringLiteral("fsel")), QStringLiteral("metadata.name=two")), QStringList{QStringLiteral("fsel/two")});
    QCOMPARE(sel(cms(QStringLiteral("fsel")), QStringLiteral("metadata.name!=two")),
             (QStringList{QStringLiteral("fsel/one"), QStringLiteral("fsel/three")}));
    const QString allCms = QStringLiteral("/kubernetes/%1/api/v1/configmaps").arg(kCluster);
    QCOMPARE(sel(allCms, QStringLiteral("metadata.name=two")), (QStringList{QStringLiteral("fsel/two"), QStringLiteral("fsel2/two")}));
    QCOMPARE(sel(allCms, QStringLiteral("metadata.name=two,metadata.namespace=fsel2")), QStringList{QStringLiteral("fsel2/two")});
    QCOMPARE(sel(allCms, QStringLiteral("metadata.namespace=fsel")),
             (QStringList{QStringLiteral("fsel/one"), QStringLiteral("fsel/three"), QStringLiteral("fsel/two")}));
}

void TestListWatch::unsupportedFieldSelector()
{
    const Response r = m_client->get(cms(QStringLiteral("default")) + QStringLiteral("?fieldSelector=spec.foo%3Dbar"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(r.reason(), QStringLiteral("BadRequest"));
    QVERIFY2(r.json.value(QLatin1String("message")).toString().contains(QLatin1String("spec.foo")), r.body.constData());
    // the same for a watch
    HttpWatch w(m_client->base() + cms(QStringLiteral("default")) + QStringLiteral("?watch=true&fieldSelector=spec.foo%3Dbar"), m_client->token());
    QTRY_VERIFY_WITH_TIMEOUT(w.finished, 10000);
    QCOMPARE(w.status, 400);
}

void TestListWatch::watchFromEmptyAndZero()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("w0"));
    for (const QString &n : {QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")})
        QCOMPARE(c.post(cms(QStringLiteral("w0")), configMap(n)).status, 201);
    // noise in another namespace is not delivered
    QCOMPARE(c.post(cms(QStringLiteral("default")), configMap(QStringLiteral("w0-noise"))).status, 201);

    for (const QString &rv : {QString(), QStringLiteral("0")}) {
        const QString query = rv.isNull() ? QStringLiteral("?watch=true") : QStringLiteral("?watch=1&resourceVersion=0");
        HttpWatch w(c.base() + cms(QStringLiteral("w0")) + query, c.token());
        QTRY_COMPARE_WITH_TIMEOUT(w.events.size(), 3, 10000);
        QCOMPARE(w.summary(), QStringLiteral("ADDED:a ADDED:b ADDED:c"));
        QCOMPARE(w.status, 0);   // not finished
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(w.object(i).value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
            QCOMPARE(w.object(i).value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
            QVERIFY(rvOf(w.object(i)) > 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);

        const QString name = QStringLiteral("new%1").arg(rv);
        const Response created = c.post(cms(QStringLiteral("w0")), configMap(name));
        QCOMPARE(created.status, 201);
        QJsonObject changed = created.json;
        changed.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}});
        const Response updated = c.put(cms(QStringLiteral("w0")) + QLatin1Char('/') + name, changed);
        QCOMPARE(updated.status, 200);
        const Response deleted = c.del(cms(QStringLiteral("w0")) + QLatin1Char('/') + name);
        QCOMPARE(deleted.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(w.events.size(), 6, 10000);
        QCOMPARE(w.summary(), QStringLiteral("ADDED:a ADDED:b ADDED:c ADDED:%1 MODIFIED:%1 DELETED:%1").arg(name));
        QCOMPARE(rvOf(w.object(3)), rvOf(created.json));
        QCOMPARE(rvOf(w.object(4)), rvOf(updated.json));
        QCOMPARE(w.object(4).value(QLatin1String("data")).toObject().value(QLatin1String("k")).toString(), QStringLiteral("v"));
        QVERIFY(rvOf(w.object(5)) > rvOf(updated.json));   // the delete's own version
        QCOMPARE(w.object(5).value(QLatin1String("data")).toObject().value(QLatin1String("k")).toString(), QStringLiteral("v"));
        w.abort();
        QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers, 10000);
    }
}

void TestListWatch::watchFromResourceVersion()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("wrv"));
    const Response a = c.post(cms(QStringLiteral("wrv")), configMap(QStringLiteral("a")));
    QCOMPARE(a.status, 201);
    const Response list = c.get(cms(QStringLiteral("wrv")));
    const QString rv = list.metadata().value(QLatin1String("resourceVersion")).toString();
    // written after the list, before the watch starts
    const Response b = c.post(cms(QStringLiteral("wrv")), configMap(QStringLiteral("b")));
    QCOMPARE(b.status, 201);
    QJsonObject changed = a.json;
    changed.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}});
    QCOMPARE(c.put(cms(QStringLiteral("wrv")) + QStringLiteral("/a"), changed).status, 200);

    HttpWatch w(c.base() + cms(QStringLiteral("wrv")) + QStringLiteral("?watch=true&resourceVersion=") + rv, c.token());
    QTRY_COMPARE_WITH_TIMEOUT(w.events.size(), 2, 10000);
    QCOMPARE(w.summary(), QStringLiteral("ADDED:b MODIFIED:a"));
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);
    QCOMPARE(c.del(cms(QStringLiteral("wrv")) + QStringLiteral("/b")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(w.events.size(), 3, 10000);
    QCOMPARE(w.summary(), QStringLiteral("ADDED:b MODIFIED:a DELETED:b"));
    qint64 last = rv.toLongLong();
    for (const QJsonObject &e : w.events) {
        const qint64 erv = rvOf(e.value(QLatin1String("object")).toObject());
        QVERIFY(erv > last);
        last = erv;
    }

    // From the latest version: nothing until the next write.
    const QString now = QString::number(store().resourceVersion());
    HttpWatch w2(c.base() + cms(QStringLiteral("wrv")) + QStringLiteral("?watch=true&resourceVersion=") + now, c.token());
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 2, 10000);
    QVERIFY(w2.events.isEmpty());
    QCOMPARE(c.post(cms(QStringLiteral("wrv")), configMap(QStringLiteral("c"))).status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(w2.summary(), QStringLiteral("ADDED:c"), 10000);

    // An invalid resourceVersion: an ERROR event.
    HttpWatch bad(c.base() + cms(QStringLiteral("wrv")) + QStringLiteral("?watch=true&resourceVersion=abc"), c.token());
    QTRY_VERIFY_WITH_TIMEOUT(bad.finished, 10000);
    QCOMPARE(bad.types(), QStringList{QStringLiteral("ERROR")});
    QCOMPARE(bad.object(0).value(QLatin1String("code")).toInt(), 400);
}

void TestListWatch::watchOneObject()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("wone"));
    QCOMPARE(c.post(cms(QStringLiteral("wone")), configMap(QStringLiteral("mine"))).status, 201);
    QCOMPARE(c.post(cms(QStringLiteral("wone")), configMap(QStringLiteral("other"))).status, 201);
    HttpWatch w(c.base() + cms(QStringLiteral("wone")) + QStringLiteral("?watch=true&fieldSelector=metadata.name%3Dmine"), c.token());
    QTRY_COMPARE_WITH_TIMEOUT(w.summary(), QStringLiteral("ADDED:mine"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);
    QCOMPARE(c.del(cms(QStringLiteral("wone")) + QStringLiteral("/other")).status, 200);
    QCOMPARE(c.del(cms(QStringLiteral("wone")) + QStringLiteral("/mine")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(w.summary(), QStringLiteral("ADDED:mine DELETED:mine"), 10000);
}

void TestListWatch::watchSelectorTransitions()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("wsel"));
    HttpWatch w(c.base() + cms(QStringLiteral("wsel")) + QStringLiteral("?watch=true&labelSelector=app%3Dweb"), c.token());
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);

    auto setLabel = [&](const QString &name, const QString &app) {
        QJsonObject o = c.get(cms(QStringLiteral("wsel")) + QLatin1Char('/') + name).json;
        // a real change every time (an update that changes nothing is not an event)
        o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("n"), QString::number(rvOf(o))}});
        QJsonObject m = meta(o);
        QJsonObject labels = m.value(QLatin1String("labels")).toObject();
        labels.insert(QStringLiteral("app"), app);
        m.insert(QStringLiteral("labels"), labels);
        o.insert(QStringLiteral("metadata"), m);
        const Response r = c.put(cms(QStringLiteral("wsel")) + QLatin1Char('/') + name, o);
        return r.status == 200 ? rvOf(r.json) : -1;
    };
    QCOMPARE(c.post(cms(QStringLiteral("wsel")), configMap(QStringLiteral("x"), {{QStringLiteral("app"), QStringLiteral("db")}})).status, 201);
    const qint64 entered = setLabel(QStringLiteral("x"), QStringLiteral("web"));    // enters: ADDED
    QVERIFY(entered > 0);
    QVERIFY(setLabel(QStringLiteral("x"), QStringLiteral("web")) > 0);               // stays: MODIFIED
    const qint64 left = setLabel(QStringLiteral("x"), QStringLiteral("db"));        // leaves: DELETED
    QVERIFY(left > 0);
    QVERIFY(setLabel(QStringLiteral("x"), QStringLiteral("cache")) > 0);             // outside: nothing
    QVERIFY(setLabel(QStringLiteral("x"), QStringLiteral("web")) > 0);               // enters again
    QCOMPARE(c.del(cms(QStringLiteral("wsel")) + QStringLiteral("/x")).status, 200); // deleted while selected
    QCOMPARE(c.post(cms(QStringLiteral("wsel")), configMap(QStringLiteral("y"), {{QStringLiteral("app"), QStringLiteral("db")}})).status, 201);
    QCOMPARE(c.del(cms(QStringLiteral("wsel")) + QStringLiteral("/y")).status, 200); // never selected
    QCOMPARE(c.post(cms(QStringLiteral("wsel")), configMap(QStringLiteral("z"), {{QStringLiteral("app"), QStringLiteral("web")}})).status, 201);

    QTRY_COMPARE_WITH_TIMEOUT(w.summary(), QStringLiteral("ADDED:x MODIFIED:x DELETED:x ADDED:x DELETED:x ADDED:z"), 10000);
    QCOMPARE(rvOf(w.object(0)), entered);
    // The DELETED for an object leaving the selection carries its last selected state at the
    // version of the change.
    QCOMPARE(rvOf(w.object(2)), left);
    QCOMPARE(meta(w.object(2)).value(QLatin1String("labels")).toObject().value(QLatin1String("app")).toString(), QStringLiteral("web"));
    QCOMPARE(w.object(2).value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
    QCOMPARE(w.object(2).value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
}

void TestListWatch::watchBookmarks()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("wbm"));
    HttpWatch w(c.base() + cms(QStringLiteral("wbm")) + QStringLiteral("?watch=true&allowWatchBookmarks=true"), c.token());
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);
    QCOMPARE(c.post(cms(QStringLiteral("wbm")), configMap(QStringLiteral("a"))).status, 201);
    QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= 1, 10000);
    // Writes elsewhere move the version on; a bookmark tells the watcher.
    QCOMPARE(c.post(cms(QStringLiteral("default")), configMap(QStringLiteral("wbm-other"))).status, 201);
    const qint64 latest = store().resourceVersion();
    auto bookmarks = [&w] {
        QList<QJsonObject> out;
        for (const QJsonObject &e : w.events)
            if (e.value(QLatin1String("type")).toString() == QLatin1String("BOOKMARK"))
                out << e.value(QLatin1String("object")).toObject();
        return out;
    };
    QTRY_VERIFY_WITH_TIMEOUT(bookmarks().size() >= 2, 5000);
    QCOMPARE(w.types().first(), QStringLiteral("ADDED"));
    qint64 lastEvent = 0, previousBookmark = 0;
    for (const QJsonObject &e : w.events) {
        const QJsonObject o = e.value(QLatin1String("object")).toObject();
        if (e.value(QLatin1String("type")).toString() == QLatin1String("BOOKMARK")) {
            QVERIFY(rvOf(o) >= lastEvent);
            QVERIFY(rvOf(o) >= previousBookmark);
            previousBookmark = rvOf(o);
            QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("ConfigMap"));
            QCOMPARE(o.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
            QVERIFY(!meta(o).contains(QLatin1String("name")));
        } else {
            lastEvent = rvOf(o);
        }
    }
    QCOMPARE(rvOf(bookmarks().last()), latest);

    // Without allowWatchBookmarks: none.
    HttpWatch plain(c.base() + cms(QStringLiteral("wbm")) + QStringLiteral("?watch=true"), c.token());
    QTRY_COMPARE_WITH_TIMEOUT(plain.events.size(), 1, 10000);
    QTest::qWait(600);   // three bookmark intervals
    QCOMPARE(plain.types(), QStringList{QStringLiteral("ADDED")});
}

void TestListWatch::watchTimeout()
{
    Client &c = *m_client;
    QElapsedTimer t;
    t.start();
    HttpWatch w(c.base() + cms(QStringLiteral("default")) + QStringLiteral("?watch=true&timeoutSeconds=1&resourceVersion=")
                    + QString::number(store().resourceVersion()),
                c.token());
    QTRY_VERIFY_WITH_TIMEOUT(w.finished, 10000);
    QVERIFY(t.elapsed() >= 900);
    QCOMPARE(w.status, 200);
    QCOMPARE(w.error, QNetworkReply::NoError);   // a clean end of the stream
    QVERIFY(w.events.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers, 5000);
    // the connection serves the next request
    QCOMPARE(c.get(cms(QStringLiteral("default")) + QStringLiteral("?limit=1")).status, 200);
}

void TestListWatch::watchTable()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("wtable"));
    QCOMPARE(c.post(cms(QStringLiteral("wtable")), configMap(QStringLiteral("a"), {}, {{QStringLiteral("k"), QStringLiteral("v")}})).status, 201);
    HttpWatch w(c.base() + cms(QStringLiteral("wtable")) + QStringLiteral("?watch=true"), c.token(),
                "application/json;as=Table;v=v1;g=meta.k8s.io");
    QTRY_COMPARE_WITH_TIMEOUT(w.events.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);
    QCOMPARE(c.del(cms(QStringLiteral("wtable")) + QStringLiteral("/a")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(w.events.size(), 2, 10000);
    QCOMPARE(w.types(), (QStringList{QStringLiteral("ADDED"), QStringLiteral("DELETED")}));
    for (int i = 0; i < 2; ++i) {
        const QJsonObject table = w.object(i);
        QCOMPARE(table.value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
        QCOMPARE(table.value(QLatin1String("apiVersion")).toString(), QStringLiteral("meta.k8s.io/v1"));
        const QJsonArray rows = table.value(QLatin1String("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject().value(QLatin1String("cells")).toArray().at(0).toString(), QStringLiteral("a"));
        QVERIFY(!table.value(QLatin1String("columnDefinitions")).toArray().isEmpty());
    }
}

void TestListWatch::watchWebSocket()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("x"));
    QCOMPARE(c.post(cms(QStringLiteral("x")), configMap(QStringLiteral("before"))).status, 201);
    const QString wsBase = QString(c.base()).replace(QLatin1String("http://"), QLatin1String("ws://"));
    WsWatch ws(wsBase + cms(QStringLiteral("x")) + QStringLiteral("?watch=true"), c.token());
    HttpWatch http(c.base() + cms(QStringLiteral("x")) + QStringLiteral("?watch=true"), c.token());
    QTRY_VERIFY_WITH_TIMEOUT(ws.connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(ws.events.size(), 1, 10000);

    const Response a = c.post(cms(QStringLiteral("x")), configMap(QStringLiteral("a")));
    QCOMPARE(a.status, 201);
    QJsonObject changed = a.json;
    changed.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}});
    QCOMPARE(c.put(cms(QStringLiteral("x")) + QStringLiteral("/a"), changed).status, 200);
    QCOMPARE(c.del(cms(QStringLiteral("x")) + QStringLiteral("/a")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(ws.events.size(), 4, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(http.events.size(), 4, 10000);
    QCOMPARE(ws.summary(), QStringLiteral("ADDED:before ADDED:a MODIFIED:a DELETED:a"));
    QCOMPARE(eventSummary(ws.events), eventSummary(http.events));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(ws.events.at(i), http.events.at(i));

    ws.close();
    QTRY_VERIFY_WITH_TIMEOUT(ws.disconnected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 1, 10000);

    // Without a token: refused.
    WsWatch anonymous(wsBase + cms(QStringLiteral("x")) + QStringLiteral("?watch=true"), QByteArray());
    QTRY_VERIFY_WITH_TIMEOUT(anonymous.disconnected, 10000);
    QVERIFY(anonymous.events.isEmpty());
}

void TestListWatch::fault429()
{
    Client &c = *m_client;
    const Response on = c.put(QStringLiteral("/sandbox/v1/faults"),
                              QJsonObject{{QStringLiteral("error429Rate"), 1}, {QStringLiteral("retryAfterSeconds"), 3}});
    QCOMPARE(on.status, 200);
    QCOMPARE(on.json.value(QLatin1String("config")).toObject().value(QLatin1String("error429Rate")).toDouble(), 1.0);
    for (int i = 0; i < 3; ++i) {
        const Response r = c.get(cms(QStringLiteral("default")));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.headers.value("retry-after"), QByteArray("3"));
        QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
        QCOMPARE(r.reason(), QStringLiteral("TooManyRequests"));
        QCOMPARE(r.json.value(QLatin1String("code")).toInt(), 429);
        QCOMPARE(r.json.value(QLatin1String("details")).toObject().value(QLatin1String("retryAfterSeconds")).toInt(), 3);
    }
    // writes are not throttled
    QCOMPARE(c.post(cms(QStringLiteral("default")), configMap(QStringLiteral("during-429"))).status, 201);
    const Response info = c.get(QStringLiteral("/sandbox/v1/faults"));
    QCOMPARE(info.status, 200);
    QCOMPARE(info.json.value(QLatin1String("injected")).toObject().value(QLatin1String("tooManyRequests")).toInteger(), 3);

    const Response off = c.put(QStringLiteral("/sandbox/v1/faults"), QJsonObject{{QStringLiteral("error429Rate"), 0}});
    QCOMPARE(off.status, 200);
    QCOMPARE(c.get(cms(QStringLiteral("default"))).status, 200);
    QCOMPARE(c.send("PUT", QStringLiteral("/sandbox/v1/faults"), "[1]").status, 400);
}

void TestListWatch::faultDropWatches()
{
    Client &c = *m_client;
    createNamespace(c, QStringLiteral("drop"));
    HttpWatch w(c.base() + cms(QStringLiteral("drop")) + QStringLiteral("?watch=true"), c.token());
    WsWatch ws(QString(c.base()).replace(QLatin1String("http://"), QLatin1String("ws://")) + cms(QStringLiteral("drop"))
                   + QStringLiteral("?watch=true"),
               c.token());
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers + 2, 10000);
    // watches of earlier tests are gone, not just finished
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    const Response r = c.send("POST", QStringLiteral("/sandbox/v1/faults/drop-watches"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QLatin1String("dropped")).toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(w.finished, 10000);
    QVERIFY2(w.error != QNetworkReply::NoError, "a dropped watch ends without the final chunk");
    QTRY_VERIFY_WITH_TIMEOUT(ws.disconnected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store().watcherCount(), m_baseWatchers, 10000);
    // nothing left to drop; the server still serves
    QCOMPARE(c.send("POST", QStringLiteral("/sandbox/v1/faults/drop-watches")).json.value(QLatin1String("dropped")).toInt(), 0);
    QCOMPARE(c.get(cms(QStringLiteral("drop"))).status, 200);
}

void TestListWatch::faultGoneOnlyWithResourceVersion()
{
    // goneRate applies to watches that resume from a version; a watch from "now" has nothing
    // to be too old for.
    Client &c = *m_client;
    QCOMPARE(c.put(QStringLiteral("/sandbox/v1/faults"), QJsonObject{{QStringLiteral("goneRate"), 1}}).status, 200);
    HttpWatch fresh(c.base() + cms(QStringLiteral("default")) + QStringLiteral("?watch=true&resourceVersion=0&timeoutSeconds=1"), c.token());
    HttpWatch resumed(c.base() + cms(QStringLiteral("default")) + QStringLiteral("?watch=true&resourceVersion=")
                          + QString::number(store().resourceVersion()),
                      c.token());
    QTRY_VERIFY_WITH_TIMEOUT(resumed.finished, 10000);
    QCOMPARE(resumed.types(), QStringList{QStringLiteral("ERROR")});
    QCOMPARE(resumed.object(0).value(QLatin1String("code")).toInt(), 410);
    QTRY_VERIFY_WITH_TIMEOUT(fresh.finished, 10000);
    QVERIFY(!fresh.types().contains(QLatin1String("ERROR")));
    QVERIFY(fresh.types().contains(QLatin1String("ADDED")));
    // continue tokens expire too
    const Response p1 = c.get(cms(QStringLiteral("default")) + QStringLiteral("?limit=1"));
    QCOMPARE(p1.status, 200);
    const QString token = p1.metadata().value(QLatin1String("continue")).toString();
    QVERIFY(!token.isEmpty());
    const Response p2 = c.get(cms(QStringLiteral("default")) + QStringLiteral("?limit=1&continue=") + token);
    QCOMPARE(p2.status, 410);
    QCOMPARE(p2.reason(), QStringLiteral("Expired"));
}

void TestListWatch::unauthorized()
{
    Client &c = *m_client;
    const Response none = c.send("GET", cms(QStringLiteral("default")), {}, {}, {}, false);
    QCOMPARE(none.status, 401);
    QCOMPARE(none.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(none.reason(), QStringLiteral("Unauthorized"));
    QCOMPARE(none.json.value(QLatin1String("code")).toInt(), 401);
    const Response wrong = c.send("GET", cms(QStringLiteral("default")), {}, {}, {{"Authorization", "Bearer not-a-token"}}, false);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(c.send("GET", QStringLiteral("/sandbox/v1/faults"), {}, {}, {}, false).status, 401);
    HttpWatch w(c.base() + cms(QStringLiteral("default")) + QStringLiteral("?watch=true"), QByteArray());
    QTRY_VERIFY_WITH_TIMEOUT(w.finished, 10000);
    QCOMPARE(w.status, 401);
}

void TestListWatch::unknownResource()
{
    Client &c = *m_client;
    for (const QString &path : {ns(QStringLiteral("default")) + QStringLiteral("/foos"),
                                QStringLiteral("/kubernetes/%1/apis/example.com/v1/widgets").arg(kCluster),
                                QStringLiteral("/kubernetes/no-such-cluster/api/v1/pods")}) {
        const Response r = c.get(path);
        QVERIFY2(r.status == 404, qPrintable(path));
        QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
        QCOMPARE(r.json.value(QLatin1String("apiVersion")).toString(), QStringLiteral("v1"));
        QCOMPARE(r.reason(), QStringLiteral("NotFound"));
        QCOMPARE(r.json.value(QLatin1String("code")).toInt(), 404);
    }
    // a missing object is a NotFound with details
    const Response missing = c.get(cms(QStringLiteral("default")) + QStringLiteral("/does-not-exist"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json.value(QLatin1String("details")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("does-not-exist"));
}

void TestListWatch::unsupportedPatchContentType()
{
    Client &c = *m_client;
    QCOMPARE(c.post(cms(QStringLiteral("default")), configMap(QStringLiteral("patch-me"))).status, 201);
    const Response r = c.send("PATCH", cms(QStringLiteral("default")) + QStringLiteral("/patch-me"), R"({"data":{"a":"b"}})", "text/plain");
    QCOMPARE(r.status, 415);
    QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(r.reason(), QStringLiteral("UnsupportedMediaType"));
    const Response ok = c.send("PATCH", cms(QStringLiteral("default")) + QStringLiteral("/patch-me"), R"({"data":{"a":"b"}})",
                               "application/merge-patch+json");
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json.value(QLatin1String("data")).toObject().value(QLatin1String("a")).toString(), QStringLiteral("b"));
}

void TestListWatch::bodyTooLarge()
{
    Client &c = *m_client;
    QJsonObject big = configMap(QStringLiteral("too-big"), {}, {{QStringLiteral("blob"), QString(3 * 1024 * 1024 + 16, QLatin1Char('x'))}});
    const Response r = c.post(cms(QStringLiteral("default")), big);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(r.reason(), QStringLiteral("RequestEntityTooLarge"));
    QVERIFY(!store().get(QStringLiteral("/configmaps"), QStringLiteral("default"), QStringLiteral("too-big")));
    // just under the limit is accepted by the server (and then rejected by validation, not size)
    const Response next = c.get(cms(QStringLiteral("default")) + QStringLiteral("?limit=1"));
    QCOMPARE(next.status, 200);
}

namespace {

// Writes a raw HTTP/1.1 request whose body is sent as `chunkCount` chunks of `chunkSize` bytes
// (then the last chunk), reading whatever the server answers meanwhile; returns that answer once
// the server closed the connection or `closeWaitMs` passed after the upload (-1: once a JSON
// response arrived).
struct RawExchange {
    QByteArray response;
    bool closedByServer = false;
};

RawExchange chunkedUpload(const QString &address, const QByteArray &token, const QByteArray &path, const QByteArray &prefix,
                          int chunkSize, int chunkCount, const QByteArray &suffix, int closeWaitMs)
{
    RawExchange x;
    const QUrl url(address);
    QTcpSocket socket;
    socket.connectToHost(url.host(), url.port());
    if (!socket.waitForConnected(5000))
        return x;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { x.response += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { x.closedByServer = true; });
    socket.write("POST " + path + " HTTP/1.1\r\nHost: " + url.host().toUtf8() + "\r\nAuthorization: Bearer " + token +
                 "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    auto chunk = [&](const QByteArray &data) {
        if (socket.state() == QAbstractSocket::ConnectedState)
            socket.write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    };
    chunk(prefix);
    const QByteArray filler(chunkSize, 'x');
    for (int i = 0; i < chunkCount && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        chunk(filler);
        while (socket.bytesToWrite() > 256 * 1024 && socket.state() == QAbstractSocket::ConnectedState)
            QTest::qWait(1);   // lets the in-process server read
    }
    chunk(suffix);
    if (socket.state() == QAbstractSocket::ConnectedState)
        socket.write("0\r\n\r\n");
    QElapsedTimer t;
    t.start();
    // closeWaitMs < 0: wait (up to 10 s) for a response only, the connection stays open
    while (!x.closedByServer && t.elapsed() < qAbs(closeWaitMs == -1 ? 10000 : closeWaitMs)
           && !(closeWaitMs < 0 && x.response.contains("\r\n\r\n{") && x.response.endsWith('}')))
        QTest::qWait(20);
    x.response += socket.readAll();
    return x;
}

} // namespace

void TestListWatch::chunkedBodyTooLarge()
{
    // The same 413 Status as for a Content-Length body, then the server closes the connection.
    const QByteArray path = cms(QStringLiteral("default")).toUtf8();
    const RawExchange x = chunkedUpload(m_sandbox->address(), m_client->token(), path,
                                        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"chunked-big"},"data":{"blob":")",
                                        64 * 1024, 50, R"("}})", 10000);
    QVERIFY2(x.response.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), x.response.left(200).constData());
    const qsizetype headEnd = x.response.indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    QVERIFY2(x.response.left(headEnd).toLower().contains("\r\nconnection: close"), x.response.left(headEnd).constData());
    const QJsonObject status = QJsonDocument::fromJson(x.response.mid(headEnd + 4)).object();
    QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(status.value(QLatin1String("reason")).toString(), QStringLiteral("RequestEntityTooLarge"));
    QCOMPARE(status.value(QLatin1String("code")).toInt(), 413);
    QVERIFY(x.closedByServer);
    QVERIFY(!store().get(QStringLiteral("/configmaps"), QStringLiteral("default"), QStringLiteral("chunked-big")));
    // the server is still serving
    QCOMPARE(m_client->get(cms(QStringLiteral("default")) + QStringLiteral("?limit=1")).status, 200);
}

void TestListWatch::chunkedBodyAccepted()
{
    // A chunked body under the limit (1 MiB in 16 chunks) is reassembled and served as usual.
    const QByteArray path = cms(QStringLiteral("default")).toUtf8();
    const RawExchange x = chunkedUpload(m_sandbox->address(), m_client->token(), path,
                                        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"chunked-ok"},"data":{"blob":")",
                                        64 * 1024, 16, R"("}})", -1);
    QVERIFY2(x.response.startsWith("HTTP/1.1 201 Created\r\n"), x.response.left(300).constData());
    QTRY_VERIFY_WITH_TIMEOUT(store().get(QStringLiteral("/configmaps"), QStringLiteral("default"), QStringLiteral("chunked-ok")), 5000);
    const Response got = m_client->get(cms(QStringLiteral("default")) + QStringLiteral("/chunked-ok"));
    QCOMPARE(got.json.value(QLatin1String("data")).toObject().value(QLatin1String("blob")).toString().size(), 16 * 64 * 1024);
}

void TestListWatch::malformedJson()
{
    Client &c = *m_client;
    const Response r = c.send("POST", cms(QStringLiteral("default")), "{\"apiVersion\": \"v1\", \"kind\": ");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QLatin1String("kind")).toString(), QStringLiteral("Status"));
    QCOMPARE(r.reason(), QStringLiteral("BadRequest"));
    const Response arr = c.send("POST", cms(QStringLiteral("default")), "[]");
    QCOMPARE(arr.status, 400);
    const Response put = c.send("PUT", cms(QStringLiteral("default")) + QStringLiteral("/x"), "not json");
    QCOMPARE(put.status, 400);
}

void TestListWatch::clientUidIgnoredOnCreate()
{
    // kube-apiserver replaces a client-sent uid (and resourceVersion) on create.
    Client &c = *m_client;
    QJsonObject cm = configMap(QStringLiteral("uid-from-client"));
    QJsonObject m = cm.value(QLatin1String("metadata")).toObject();
    m.insert(QStringLiteral("uid"), QStringLiteral("00000000-0000-0000-0000-000000000001"));
    cm.insert(QStringLiteral("metadata"), m);
    const Response r = c.post(cms(QStringLiteral("default")), cm);
    QCOMPARE(r.status, 201);
    const QString uid = r.json.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
    QVERIFY(!uid.isEmpty());
    QVERIFY(uid != QLatin1String("00000000-0000-0000-0000-000000000001"));
}

void TestListWatch::stateFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxOptions o;
    o.stateFile = dir.filePath(QStringLiteral("state.json"));
    QString err;
    auto first = startSandbox(o, &err);
    QVERIFY2(first, qPrintable(err));
    QHash<QString, QPair<QString, qint64>> saved;   // name -> uid, resourceVersion
    qint64 savedRv = 0, lastObjectRv = 0;
    {
        Client c(first->address(), first->users().defaultToken(QStringLiteral("admin")).toUtf8());
        createNamespace(c, QStringLiteral("persist"));
        for (const QString &n : {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"), QStringLiteral("gone")}) {
            const Response r = c.post(cms(QStringLiteral("persist")), configMap(n, {{QStringLiteral("k"), n}}, {{QStringLiteral("d"), n}}));
            QCOMPARE(r.status, 201);
            saved.insert(n, {meta(r.json).value(QLatin1String("uid")).toString(), rvOf(r.json)});
            lastObjectRv = rvOf(r.json);
        }
        QCOMPARE(c.del(cms(QStringLiteral("persist")) + QStringLiteral("/gone")).status, 200);
        saved.remove(QStringLiteral("gone"));
        savedRv = first->cluster(kCluster)->store().resourceVersion();
        QVERIFY(savedRv > lastObjectRv);
        QString saveErr;
        QVERIFY2(first->saveState(&saveErr), qPrintable(saveErr));
        // also through the admin endpoint
        const Response r = c.send("POST", QStringLiteral("/sandbox/v1/state"));
        QCOMPARE(r.status, 200);
    }
    QVERIFY(QFile::exists(o.stateFile));
    QCOMPARE(QFile::permissions(o.stateFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    first.reset();

    auto second = startSandbox(o, &err);
    QVERIFY2(second, qPrintable(err));
    SimCluster *cluster = second->cluster(kCluster);
    QVERIFY(cluster);
    QCOMPARE(cluster->store().resourceVersion(), savedRv);
    Client c(second->address(), second->users().defaultToken(QStringLiteral("admin")).toUtf8());
    const Response list = c.get(cms(QStringLiteral("persist")));
    QCOMPARE(list.status, 200);
    QCOMPARE(names(list.items()), (QStringList{QStringLiteral("one"), QStringLiteral("three"), QStringLiteral("two")}));
    for (const QJsonValue &v : list.items()) {
        const QJsonObject obj = v.toObject();
        QCOMPARE(meta(obj).value(QLatin1String("uid")).toString(), saved.value(nameOf(obj)).first);
        QCOMPARE(rvOf(obj), saved.value(nameOf(obj)).second);
        QCOMPARE(obj.value(QLatin1String("data")).toObject().value(QLatin1String("d")).toString(), nameOf(obj));
    }
    QCOMPARE(list.metadata().value(QLatin1String("resourceVersion")).toString().toLongLong(), savedRv);

    // A watch from before the restart cannot be resumed (the history is gone, and with it the
    // delete of "gone"); from the saved version it can.
    HttpWatch old(c.base() + cms(QStringLiteral("persist")) + QStringLiteral("?watch=true&resourceVersion=") + QString::number(lastObjectRv),
                  c.token());
    QTRY_VERIFY_WITH_TIMEOUT(old.finished, 10000);
    QCOMPARE(old.types(), QStringList{QStringLiteral("ERROR")});
    QCOMPARE(old.object(0).value(QLatin1String("code")).toInt(), 410);
    HttpWatch resumed(c.base() + cms(QStringLiteral("persist")) + QStringLiteral("?watch=true&resourceVersion=") + QString::number(savedRv),
                      c.token());
    const int watchers = cluster->store().watcherCount();
    QTRY_COMPARE_WITH_TIMEOUT(cluster->store().watcherCount(), watchers + 1, 10000);

    // The counter continues upward.
    const Response next = c.post(cms(QStringLiteral("persist")), configMap(QStringLiteral("four")));
    QCOMPARE(next.status, 201);
    QVERIFY(rvOf(next.json) > savedRv);
    QTRY_COMPARE_WITH_TIMEOUT(resumed.summary(), QStringLiteral("ADDED:four"), 10000);
    QVERIFY(meta(next.json).value(QLatin1String("uid")).toString() != saved.value(QStringLiteral("one")).first);
    // Updating a restored object keeps its uid and moves its version on.
    QJsonObject one = c.get(cms(QStringLiteral("persist")) + QStringLiteral("/one")).json;
    one.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("d"), QStringLiteral("changed")}});
    const Response updated = c.put(cms(QStringLiteral("persist")) + QStringLiteral("/one"), one);
    QCOMPARE(updated.status, 200);
    QCOMPARE(meta(updated.json).value(QLatin1String("uid")).toString(), saved.value(QStringLiteral("one")).first);
    QVERIFY(rvOf(updated.json) > rvOf(next.json));
}

void TestListWatch::destroyWithOpenWatches()
{
    // Tearing a sandbox down while HTTP and WebSocket watches are open must be clean.
    QString err;
    auto sandbox = startSandbox(SandboxOptions(), &err);
    QVERIFY2(sandbox, qPrintable(err));
    const QByteArray token = sandbox->users().defaultToken(QStringLiteral("admin")).toUtf8();
    const QString path = cms(QStringLiteral("default")) + QStringLiteral("?watch=true&allowWatchBookmarks=true");
    HttpWatch http(sandbox->address() + path, token);
    WsWatch ws(sandbox->address().replace(QLatin1String("http://"), QLatin1String("ws://")) + path, token);
    ObjectStore &s = sandbox->cluster(kCluster)->store();
    const int before = s.watcherCount();
    QTRY_VERIFY_WITH_TIMEOUT(ws.connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(s.watcherCount(), before + 2, 10000);
    sandbox.reset();
    QTRY_VERIFY_WITH_TIMEOUT(http.finished, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(ws.disconnected, 10000);
}

QTEST_GUILESS_MAIN(TestListWatch)
#include "tst_listwatch.moc"
