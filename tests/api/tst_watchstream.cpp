// WatchStream end to end against acp-sandbox (TLS), over both transports: ADDED/MODIFIED/
// DELETED frames, bookmarks, 410 for a too-old resourceVersion, stream end, errors, stop(),
// and 60 concurrent WebSocket watches on one sandbox.
#include "api/WatchStream.h"
#include "tests/api/KubeClientTestUtil.h"

#include <QJsonArray>
#include <QtTest>

using namespace acp;
using namespace acp::api;
using acp::test::Reply;
using acp::test::waitFor;

Q_DECLARE_METATYPE(acp::api::WatchTransport)

namespace {
ResourcePath configMaps(const QString &ns, const QString &name = QString())
{
    return ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), ns, name, QString()};
}

QByteArray configMap(const QString &name, const QString &value)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                                     {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                                              {QStringLiteral("labels"), QJsonObject{{QStringLiteral("tst"), QStringLiteral("watch")}}}}},
                                     {QStringLiteral("data"), QJsonObject{{QStringLiteral("v"), value}}}})
        .toJson(QJsonDocument::Compact);
}

// Collects a stream's frames (decoded here, in the test) and its end.
struct Recorder {
    QList<QJsonObject> events;
    int batches = 0;
    bool finished = false;
    std::optional<ApiError> error;

    explicit Recorder(WatchStream *s)
    {
        QObject::connect(s, &WatchStream::events, s, [this](const QByteArrayList &frames) {
            ++batches;
            for (const QByteArray &f : frames)
                events << QJsonDocument::fromJson(f).object();
        });
        QObject::connect(s, &WatchStream::finished, s, [this](const std::optional<ApiError> &e) {
            finished = true;
            error = e;
        });
    }
    int count(const QString &type, const QString &name = QString()) const
    {
        int n = 0;
        for (const QJsonObject &e : events)
            if (e.value(QLatin1String("type")).toString() == type
                && (name.isEmpty() || e[QLatin1String("object")][QLatin1String("metadata")][QLatin1String("name")].toString() == name))
                ++n;
        return n;
    }
};
} // namespace

class TestWatchStream : public QObject {
    Q_OBJECT
private:
    test::SandboxProcess m_sandbox;
    KubeClient m_client;

    QString currentResourceVersion()
    {
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            ListOptions lo;
            lo.limit = 1;
            return m_client.list(configMaps(QStringLiteral("default")), lo, ctx, cb);
        });
        return r.ok() ? ListMeta::scan(r.response().body)->resourceVersion : QString();
    }
    bool write(const QByteArray &method, const QString &name, const QString &value)
    {
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            if (method == "POST")
                return m_client.create(configMaps(QStringLiteral("default")), configMap(name, value), WriteOptions(), ctx, cb);
            if (method == "PATCH")
                return m_client.patch(configMaps(QStringLiteral("default"), name), PatchType::Merge,
                                      QJsonDocument(QJsonObject{{QStringLiteral("data"), QJsonObject{{QStringLiteral("v"), value}}}}).toJson(),
                                      WriteOptions(), ctx, cb);
            return m_client.remove(configMaps(QStringLiteral("default"), name), DeleteOptions(), ctx, cb);
        });
        return r.ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({QStringLiteral("--clusters"), QStringLiteral("1"), QStringLiteral("--watch-window"), QStringLiteral("200")},
                                 &error),
                 qPrintable(error));
        auto rc = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox/global"));
        QVERIFY(rc.ok());
        m_client = KubeClient(*rc);
    }

    void transportPolicy()
    {
        RestConfig c = m_client.config();
        QCOMPARE(WatchStream::chooseTransport(c), WatchTransport::WebSocket);
        c.tlsServerName = QStringLiteral("localhost");
        QCOMPARE(WatchStream::chooseTransport(c), WatchTransport::Http);
        c.tlsServerName.clear();
        c.proxyUrl = QUrl(QStringLiteral("http://proxy:3128"));
        QCOMPARE(WatchStream::chooseTransport(c), WatchTransport::Http);
        std::unique_ptr<WatchStream> s(WatchStream::create(m_client));
        QCOMPARE(s->transport(), WatchTransport::WebSocket);
        std::unique_ptr<WatchStream> h(WatchStream::create(m_client, WatchTransport::Http));
        QCOMPARE(h->transport(), WatchTransport::Http);
        const QUrlQuery q = WatchStream::watchQuery(QStringLiteral("12"), WatchOptions{QStringLiteral("a=b"), QString(), true, 30});
        QCOMPARE(q.queryItemValue(QStringLiteral("watch")), QStringLiteral("true"));
        QCOMPARE(q.queryItemValue(QStringLiteral("allowWatchBookmarks")), QStringLiteral("true"));
        QCOMPARE(q.queryItemValue(QStringLiteral("resourceVersion")), QStringLiteral("12"));
        QCOMPARE(q.queryItemValue(QStringLiteral("timeoutSeconds")), QStringLiteral("30"));
    }

    void errorFrames()
    {
        ApiError e;
        QVERIFY(!WatchStream::isErrorFrame(R"({"type":"ADDED","object":{"kind":"Status"}})", &e));
        QVERIFY(WatchStream::isErrorFrame(R"({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}})", &e));
        QCOMPARE(e.httpStatus, 410);
        QVERIFY(e.isGone());
        QVERIFY(WatchStream::isErrorFrame(R"({"kind":"Status","code":403,"reason":"Forbidden","message":"no"})", &e));
        QVERIFY(e.isForbidden());
    }

    void events_data()
    {
        QTest::addColumn<WatchTransport>("transport");
        QTest::newRow("websocket") << WatchTransport::WebSocket;
        QTest::newRow("http") << WatchTransport::Http;
    }
    void events()
    {
        QFETCH(WatchTransport, transport);
        const QString name = QStringLiteral("tst-watch-%1").arg(transport == WatchTransport::Http ? QStringLiteral("http") : QStringLiteral("ws"));
        const QString rv = currentResourceVersion();
        QVERIFY(!rv.isEmpty());
        std::unique_ptr<WatchStream> s(WatchStream::create(m_client, transport));
        Recorder rec(s.get());
        WatchOptions o;
        o.labelSelector = QStringLiteral("tst=watch");
        s->start(configMaps(QStringLiteral("default")), rv, o);
        QVERIFY(s->isRunning());
        QTest::qWait(200);
        QVERIFY(write("POST", name, QStringLiteral("1")));
        QVERIFY(write("PATCH", name, QStringLiteral("2")));
        QVERIFY(write("DELETE", name, QString()));
        QTRY_COMPARE_WITH_TIMEOUT(rec.count(QStringLiteral("DELETED"), name), 1, 10000);
        QCOMPARE(rec.count(QStringLiteral("ADDED"), name), 1);
        QCOMPARE(rec.count(QStringLiteral("MODIFIED"), name), 1);
        QStringList order;
        for (const QJsonObject &e : std::as_const(rec.events))
            if (e.value(QLatin1String("type")).toString() != QLatin1String("BOOKMARK"))
                order << e.value(QLatin1String("type")).toString();
        QCOMPARE(order, (QStringList{QStringLiteral("ADDED"), QStringLiteral("MODIFIED"), QStringLiteral("DELETED")}));
        // bookmarks (the test sandbox sends one a second) carry a resourceVersion
        QTRY_VERIFY_WITH_TIMEOUT(rec.count(QStringLiteral("BOOKMARK")) >= 1, 5000);
        for (const QJsonObject &e : std::as_const(rec.events))
            if (e.value(QLatin1String("type")).toString() == QLatin1String("BOOKMARK"))
                QVERIFY(!e[QLatin1String("object")][QLatin1String("metadata")][QLatin1String("resourceVersion")].toString().isEmpty());
        QVERIFY(!rec.finished);
        // stop(): silent
        s->stop();
        QTest::qWait(100);
        QVERIFY(!rec.finished);
        QVERIFY(!s->isRunning());
    }

    void initialListAndEnd_data() { events_data(); }
    void initialListAndEnd()
    {
        QFETCH(WatchTransport, transport);
        std::unique_ptr<WatchStream> s(WatchStream::create(m_client, transport));
        Recorder rec(s.get());
        WatchOptions o;
        o.timeoutSeconds = 1;
        o.allowWatchBookmarks = false;
        s->start(QStringLiteral("/api/v1/namespaces"), QString(), o);   // "" -> current objects as ADDED first
        QTRY_VERIFY_WITH_TIMEOUT(rec.finished, 5000);
        QVERIFY2(!rec.error, rec.error ? qPrintable(rec.error->toString()) : "");
        QVERIFY(rec.count(QStringLiteral("ADDED")) >= 3);
        QCOMPARE(rec.count(QStringLiteral("BOOKMARK")), 0);
        QVERIFY(!s->isRunning());
    }

    void tooOldResourceVersion_data() { events_data(); }
    void tooOldResourceVersion()
    {
        QFETCH(WatchTransport, transport);
        // push the history window (200 events) past the start
        for (int i = 0; i < 120; ++i)
            QVERIFY(write(i % 2 ? "DELETE" : "POST", QStringLiteral("tst-churn"), QStringLiteral("x")));
        std::unique_ptr<WatchStream> s(WatchStream::create(m_client, transport));
        Recorder rec(s.get());
        s->start(configMaps(QStringLiteral("default")), QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.finished, 5000);
        QVERIFY(rec.error);
        QCOMPARE(rec.error->httpStatus, 410);
        QVERIFY(rec.error->isGone());
        QVERIFY2(rec.error->message.contains(QLatin1String("too old resource version")), qPrintable(rec.error->message));
        QCOMPARE(rec.error->cluster, QStringLiteral("acp:sandbox:global"));
        QCOMPARE(rec.count(QStringLiteral("ERROR")), 0);   // reported through finished(), not events()
    }

    void requestErrors_data() { events_data(); }
    void requestErrors()
    {
        QFETCH(WatchTransport, transport);
        // a bad selector: 400 with the server's message
        std::unique_ptr<WatchStream> s(WatchStream::create(m_client, transport));
        Recorder rec(s.get());
        WatchOptions o;
        o.labelSelector = QStringLiteral("a in (");
        s->start(configMaps(QStringLiteral("default")), QString(), o);
        QTRY_VERIFY_WITH_TIMEOUT(rec.finished, 5000);
        QVERIFY(rec.error);
        QCOMPARE(rec.error->httpStatus, 400);
        QVERIFY(!rec.error->message.isEmpty());
        // bob may not watch secrets cluster-wide? (view excludes secrets): 403
        auto bobRc = test::sandboxConfig(m_sandbox, QStringLiteral("sandbox-bob/global"));
        std::unique_ptr<WatchStream> b(WatchStream::create(KubeClient(*bobRc), transport));
        Recorder brec(b.get());
        b->start(ResourcePath{QString(), QStringLiteral("v1"), QStringLiteral("secrets")}, QString());
        QTRY_VERIFY_WITH_TIMEOUT(brec.finished, 5000);
        QVERIFY(brec.error);
        QCOMPARE(brec.error->httpStatus, 403);
        QVERIFY2(brec.error->message.contains(QLatin1String("cannot watch resource \"secrets\"")), qPrintable(brec.error->message));
    }

    void droppedStream_data() { events_data(); }
    void droppedStream()
    {
        QFETCH(WatchTransport, transport);
        std::unique_ptr<WatchStream> s(WatchStream::create(m_client, transport));
        Recorder rec(s.get());
        s->start(configMaps(QStringLiteral("default")), currentResourceVersion());
        QTest::qWait(300);
        const KubeClient admin = test::adminRootClient(m_sandbox);
        Reply r = waitFor([&](QObject *ctx, auto cb) {
            return admin.request("POST", QStringLiteral("/sandbox/v1/faults/drop-watches"), QUrlQuery(), "{}", "application/json",
                                 KubeClient::RequestOptions(), ctx, cb);
        });
        QVERIFY(r.ok());
        QTRY_VERIFY_WITH_TIMEOUT(rec.finished, 5000);   // an end is always reported (EOF or transport error)
        QVERIFY(!s->isRunning());
    }

    void manyConcurrentWebSocketWatches()
    {
        const int n = 60;
        const QString rv = currentResourceVersion();
        std::vector<std::unique_ptr<WatchStream>> streams;
        std::vector<std::unique_ptr<Recorder>> recs;
        for (int i = 0; i < n; ++i) {
            streams.emplace_back(WatchStream::create(m_client, WatchTransport::WebSocket));
            recs.emplace_back(std::make_unique<Recorder>(streams.back().get()));
            WatchOptions o;
            o.allowWatchBookmarks = false;
            streams.back()->start(configMaps(QStringLiteral("default")), rv, o);
        }
        QTest::qWait(500);
        QVERIFY(write("POST", QStringLiteral("tst-many"), QStringLiteral("1")));
        auto allGotIt = [&] {
            for (const auto &r : recs)
                if (r->count(QStringLiteral("ADDED"), QStringLiteral("tst-many")) != 1)
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allGotIt(), 15000);
        for (const auto &r : recs)
            QVERIFY(!r->finished);
        QVERIFY(write("DELETE", QStringLiteral("tst-many"), QString()));
    }
};

QTEST_GUILESS_MAIN(TestWatchStream)
#include "tst_watchstream.moc"
