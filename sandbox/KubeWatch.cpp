#include "sandbox/KubeWatch.h"

#include "models/FieldSelector.h"
#include "models/LabelSelector.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/Printing.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace acp::sandbox {

namespace {
const char *typeName(EventType t)
{
    switch (t) {
    case EventType::Added: return "ADDED";
    case EventType::Modified: return "MODIFIED";
    case EventType::Deleted: return "DELETED";
    }
    return "MODIFIED";
}

QJsonObject withResourceVersion(QJsonObject obj, qint64 rv)
{
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("resourceVersion"), QString::number(rv));
    obj.insert(QStringLiteral("metadata"), meta);
    return obj;
}
} // namespace

KubeWatch::KubeWatch(KubeApi *api, const RequestInfo &info, Sink sink, QObject *parent)
    : QObject(parent), m_api(api), m_info(info), m_sink(std::move(sink)), m_storageKey(info.type->storageKey())
{
}

KubeWatch::~KubeWatch()
{
    if (m_watcherId)
        m_api->cluster()->store().removeWatcher(m_watcherId);
}

bool KubeWatch::configure(const HttpRequest &req, api::ApiError *error)
{
    m_request = req;
    m_table = req.header("accept").contains("as=Table");
    auto labels = models::LabelSelector::parse(req.queryValue("labelSelector"));
    if (!labels) {
        *error = SimCluster::badRequest(labels.error().message);
        return false;
    }
    auto parsed = models::FieldSelector::parse(req.queryValue("fieldSelector"));
    if (!parsed) {
        *error = SimCluster::badRequest(parsed.error().message);
        return false;
    }
    auto fields = parsed->convertedFor(m_info.type->group, m_info.type->resource);
    if (!fields) {
        *error = fields.error();
        return false;
    }
    const QString ns = m_info.type->namespaced ? m_info.ns : QString();
    const QString name = m_info.name;
    m_filter = [ls = *labels, fs = *fields, ns, name](const QJsonObject &obj) {
        const QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
        if (!ns.isEmpty() && meta.value(QLatin1String("namespace")).toString() != ns)
            return false;
        if (!name.isEmpty() && meta.value(QLatin1String("name")).toString() != name)
            return false;
        return ls.matches(meta.value(QLatin1String("labels")).toObject()) && fs.matches(obj);
    };
    return true;
}

bool KubeWatch::matches(const QJsonObject &obj) const { return !obj.isEmpty() && m_filter(obj); }

void KubeWatch::start(KubeApi *api, const HttpRequest &req, const std::shared_ptr<HttpResponder> &out,
                      const RequestInfo &info, const UserInfo &)
{
    Sink sink;
    std::weak_ptr<HttpResponder> weak = out;
    sink.write = [weak](const QByteArray &frame) {
        if (auto o = weak.lock())
            o->write(frame);
    };
    sink.end = [weak] {
        if (auto o = weak.lock())
            o->end();
    };
    sink.isOpen = [weak] {
        auto o = weak.lock();
        return o && o->isOpen();
    };
    auto *watch = new KubeWatch(api, info, std::move(sink), api);
    api::ApiError error;
    if (!watch->configure(req, &error)) {
        delete watch;
        KubeApi::sendError(out, error);
        return;
    }
    // The session holds the responder alive; the responder's end or close ends the session.
    connect(out.get(), &HttpResponder::closed, watch, &KubeWatch::finish);
    watch->m_responder = out;
    out->beginStream(200, "application/json");
    watch->begin(req);
}

void KubeWatch::startWebSocket(KubeApi *api, QWebSocket *ws, const HttpRequest &req, const RequestInfo &info)
{
    QPointer<QWebSocket> guard(ws);
    Sink sink;
    sink.write = [guard](const QByteArray &frame) {
        if (guard)
            guard->sendTextMessage(QString::fromUtf8(frame.trimmed()));
    };
    sink.end = [guard] {
        if (guard)
            guard->close();
    };
    sink.isOpen = [guard] { return guard && guard->isValid(); };
    auto *watch = new KubeWatch(api, info, std::move(sink), api);
    api::ApiError error;
    if (!watch->configure(req, &error)) {
        ws->sendTextMessage(QString::fromUtf8(QJsonDocument(error.toStatus()).toJson(QJsonDocument::Compact)));
        ws->close();
        delete watch;
        return;
    }
    connect(ws, &QWebSocket::disconnected, watch, &KubeWatch::finish);
    watch->begin(req);
}

void KubeWatch::begin(const HttpRequest &req)
{
    ObjectStore &store = m_api->cluster()->store();
    const QString rvText = req.queryValue("resourceVersion");
    FaultInjector *faults = m_api->context().faults;
    const bool resuming = !rvText.isEmpty() && rvText != QLatin1String("0");   // "" and "0" cannot be too old
    if (faults && resuming && faults->shouldForceGone()) {
        const qint64 current = store.resourceVersion();
        QJsonObject status = api::ApiError{410, QStringLiteral("Expired"),
                                           QStringLiteral("too old resource version: %1 (%2)").arg(rvText).arg(current)}.toStatus();
        send("ERROR", status, QByteArray());
        finish();
        return;
    }
    if (rvText.isEmpty() || rvText == QLatin1String("0")) {
        for (const StoredObject *o : store.list(m_storageKey, m_info.type->namespaced ? m_info.ns : QString()))
            if (matches(o->obj))
                send("ADDED", o->obj, o->json);
    } else {
        bool ok = false;
        const qint64 rv = rvText.toLongLong(&ok);
        if (!ok) {
            send("ERROR", SimCluster::badRequest(QStringLiteral("resourceVersion: Invalid value: \"%1\": must be a valid resource version").arg(rvText)).toStatus(), QByteArray());
            finish();
            return;
        }
        auto events = store.eventsSince(rv, m_storageKey);
        if (!events) {
            QJsonObject status = api::ApiError{410, QStringLiteral("Expired"),
                                               QStringLiteral("too old resource version: %1 (%2)").arg(rv).arg(store.oldestResumableVersion() + 1)}.toStatus();
            send("ERROR", status, QByteArray());
            finish();
            return;
        }
        for (const StoreEvent &ev : *events)
            onEvent(ev);
    }
    m_watcherId = store.addWatcher([this](const StoreEvent &ev) {
        if (ev.storageKey == m_storageKey)
            onEvent(ev);
    });
    if (req.queryValue("allowWatchBookmarks") == QLatin1String("true")) {
        m_bookmarks = new QTimer(this);
        connect(m_bookmarks, &QTimer::timeout, this, &KubeWatch::sendBookmark);
        m_bookmarks->start(m_api->context().bookmarkIntervalMs);
    }
    int timeout = req.queryValue("timeoutSeconds").toInt();
    if (timeout <= 0)
        timeout = 1800;
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &KubeWatch::finish);
    m_timeout->start(timeout * 1000);
    if (faults)
        faults->registerWatch(this, [this] {
            // a dropped connection: no final chunk, the client sees the stream break (not once
            // the stream ended: its keep-alive connection may be serving another request by now)
            if (m_finished)
                return;
            if (m_responder && m_responder->socket())
                m_responder->socket()->abort();
            finish();
        });
}

void KubeWatch::onEvent(const StoreEvent &ev)
{
    if (m_finished)
        return;
    const bool now = ev.type != EventType::Deleted && matches(ev.object.obj);
    const bool before = matches(ev.previous.obj);
    if (ev.type == EventType::Deleted) {
        if (before)
            send("DELETED", ev.object.obj, ev.object.json);
        return;
    }
    if (now && before)
        send(typeName(ev.type), ev.object.obj, ev.object.json);
    else if (now)
        send("ADDED", ev.object.obj, ev.object.json);
    else if (before)
        send("DELETED", withResourceVersion(ev.previous.obj, ev.rv), QByteArray());
}

void KubeWatch::send(const char *type, const QJsonObject &obj, const QByteArray &json)
{
    if (!m_sink.isOpen()) {
        finish();
        return;
    }
    QByteArray object;
    if (m_table && qstrcmp(type, "ERROR") != 0 && qstrcmp(type, "BOOKMARK") != 0)
        object = QJsonDocument(Printing::table(*m_api->cluster(), *m_info.type, {obj}, m_request, QString(), QString()))
                     .toJson(QJsonDocument::Compact);
    else if (!json.isEmpty() && m_info.type->storageVersion)
        object = json;
    else {
        QJsonObject o = obj;
        if (qstrcmp(type, "ERROR") != 0 && qstrcmp(type, "BOOKMARK") != 0)
            o.insert(QStringLiteral("apiVersion"), m_info.type->apiVersion());
        object = QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    m_sink.write("{\"type\":\"" + QByteArray(type) + "\",\"object\":" + object + "}\n");
}

void KubeWatch::sendBookmark()
{
    const qint64 rv = m_api->cluster()->store().resourceVersion();
    QJsonObject obj{{QStringLiteral("kind"), m_info.type->kind},
                    {QStringLiteral("apiVersion"), m_info.type->apiVersion()},
                    {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"), QString::number(rv)},
                                                             {QStringLiteral("creationTimestamp"), QJsonValue::Null}}}};
    send("BOOKMARK", obj, QByteArray());
}

void KubeWatch::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_watcherId) {
        m_api->cluster()->store().removeWatcher(m_watcherId);
        m_watcherId = 0;
    }
    if (m_sink.isOpen())
        m_sink.end();
    deleteLater();
}

} // namespace acp::sandbox
