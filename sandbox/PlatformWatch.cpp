#include "sandbox/PlatformWatch.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

namespace acp::sandbox {

namespace {
QString keyOf(const QJsonObject &obj)
{
    const QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    return ObjectStore::key(meta.value(QLatin1String("namespace")).toString(), meta.value(QLatin1String("name")).toString());
}

QByteArray stamped(QJsonObject obj, qint64 rv)
{
    QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("resourceVersion"), QString::number(rv));
    obj.insert(QStringLiteral("metadata"), meta);
    return QJsonDocument(obj).toJson(QJsonDocument::Compact);
}
} // namespace

PlatformWatch::PlatformWatch(Sandbox *sandbox, Spec spec, std::unique_ptr<PlatformAccess> access, QObject *parent)
    : QObject(parent), m_sandbox(sandbox), m_spec(std::move(spec)), m_access(std::move(access))
{
}

PlatformWatch::~PlatformWatch()
{
    for (const auto &w : std::as_const(m_watchers))
        if (w.first)
            w.first->store().removeWatcher(w.second);
}

void PlatformWatch::start(Sandbox *sandbox, QObject *parent, const HttpRequest &req, const std::shared_ptr<HttpResponder> &out,
                          Spec spec, std::unique_ptr<PlatformAccess> access)
{
    auto *watch = new PlatformWatch(sandbox, std::move(spec), std::move(access), parent);
    watch->m_out = out;
    connect(out.get(), &HttpResponder::closed, watch, &PlatformWatch::finish);
    out->beginStream(200, "application/json");
    watch->begin(req);
}

bool PlatformWatch::matches(const QJsonObject &obj)
{
    if (obj.isEmpty())
        return false;
    const QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
    if (!m_spec.ns.isEmpty() && meta.value(QLatin1String("namespace")).toString() != m_spec.ns)
        return false;
    if (!m_spec.labels.matches(meta.value(QLatin1String("labels")).toObject()) || !m_spec.fields.matches(obj))
        return false;
    return !m_spec.visible || m_spec.visible(*m_access, obj);
}

void PlatformWatch::begin(const HttpRequest &req)
{
    ObjectStore &store = m_spec.source->store();
    FaultInjector *faults = m_sandbox->faults();
    const QString rvText = req.queryValue("resourceVersion");
    if (rvText.isEmpty() || rvText == QLatin1String("0")) {
        for (const StoredObject *o : store.list(m_spec.storageKey, m_spec.ns)) {
            if (matches(o->obj)) {
                m_sent.insert(keyOf(o->obj));
                send("ADDED", o->json);
            }
        }
    } else {
        bool ok = false;
        const qint64 rv = rvText.toLongLong(&ok);
        if (!ok) {
            sendError(400, QStringLiteral("BadRequest"),
                      QStringLiteral("resourceVersion: Invalid value: \"%1\": must be a valid resource version").arg(rvText));
            finish();
            return;
        }
        const auto past = store.listAt(m_spec.storageKey, m_spec.ns, rv);
        const auto events = store.eventsSince(rv, m_spec.storageKey);
        if (!past || !events || (faults && faults->shouldForceGone())) {
            sendError(410, QStringLiteral("Expired"),
                      QStringLiteral("too old resource version: %1 (%2)").arg(rv).arg(store.oldestResumableVersion() + 1));
            finish();
            return;
        }
        for (const StoredObject &o : *past)
            if (matches(o.obj))
                m_sent.insert(keyOf(o.obj));
        for (const StoreEvent &ev : *events)
            onObjectEvent(ev);
    }
    if (m_finished)
        return;
    for (SimCluster *c : m_sandbox->clusters()) {
        const bool isSource = c == m_spec.source;
        const int id = c->store().addWatcher([this, isSource](const StoreEvent &ev) {
            if (m_finished)
                return;
            if (isSource && ev.storageKey == m_spec.storageKey)
                onObjectEvent(ev);
            if (PlatformAccess::affectsAccess(ev.storageKey))
                scheduleReevaluate();
        });
        m_watchers << qMakePair(QPointer<SimCluster>(c), id);
    }
    if (req.queryValue("allowWatchBookmarks") == QLatin1String("true")) {
        m_bookmarks = new QTimer(this);
        connect(m_bookmarks, &QTimer::timeout, this, &PlatformWatch::sendBookmark);
        m_bookmarks->start(qMax(100, m_sandbox->options().bookmarkIntervalMs));
    }
    int timeout = req.queryValue("timeoutSeconds").toInt();
    if (timeout <= 0)
        timeout = 1800;
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &PlatformWatch::finish);
    m_timeout->start(timeout * 1000);
    if (faults)
        faults->registerWatch(this, [this] {
            // a dropped connection: no final chunk, the client sees the stream break
            if (m_out && m_out->socket())
                m_out->socket()->abort();
            finish();
        });
}

void PlatformWatch::onObjectEvent(const StoreEvent &ev)
{
    if (m_finished)
        return;
    if (m_reevaluatePending)
        reevaluate();   // bring the visible set up to date before judging this event
    const bool before = m_sent.contains(ev.key);
    if (ev.type == EventType::Deleted) {
        if (before) {
            m_sent.remove(ev.key);
            send("DELETED", ev.object.json);
        }
        return;
    }
    const bool now = matches(ev.object.obj);
    if (now && before) {
        send("MODIFIED", ev.object.json);
    } else if (now) {
        m_sent.insert(ev.key);
        send("ADDED", ev.object.json);
    } else if (before) {
        m_sent.remove(ev.key);
        send("DELETED", stamped(ev.object.obj, ev.rv));
    }
}

void PlatformWatch::scheduleReevaluate()
{
    m_access->invalidate();
    if (m_reevaluatePending)
        return;
    m_reevaluatePending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_reevaluatePending)
            reevaluate();
    });
}

void PlatformWatch::reevaluate()
{
    m_reevaluatePending = false;
    if (m_finished)
        return;
    m_access->invalidate();
    // Objects that no longer exist are sent by their own DELETED events, not from here.
    const ObjectStore &store = m_spec.source->store();
    for (const StoredObject *o : store.list(m_spec.storageKey, m_spec.ns)) {
        const QString key = keyOf(o->obj);
        const bool now = matches(o->obj);
        const bool before = m_sent.contains(key);
        if (now && !before) {
            m_sent.insert(key);
            send("ADDED", o->json);
        } else if (!now && before) {
            m_sent.remove(key);
            send("DELETED", stamped(o->obj, store.resourceVersion()));
        }
    }
}

void PlatformWatch::send(const char *type, const QByteArray &objectJson)
{
    if (!m_out || !m_out->isOpen()) {
        finish();
        return;
    }
    m_out->write("{\"type\":\"" + QByteArray(type) + "\",\"object\":" + objectJson + "}\n");
}

void PlatformWatch::sendError(int status, const QString &reason, const QString &message)
{
    api::ApiError e;
    e.httpStatus = status;
    e.reason = reason;
    e.message = message;
    send("ERROR", QJsonDocument(e.toStatus()).toJson(QJsonDocument::Compact));
}

void PlatformWatch::sendBookmark()
{
    const QJsonObject obj{{QStringLiteral("kind"), m_spec.kind},
                          {QStringLiteral("apiVersion"), m_spec.apiVersion},
                          {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"),
                                                                    QString::number(m_spec.source->store().resourceVersion())}}}};
    send("BOOKMARK", QJsonDocument(obj).toJson(QJsonDocument::Compact));
}

void PlatformWatch::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    for (const auto &w : std::as_const(m_watchers))
        if (w.first)
            w.first->store().removeWatcher(w.second);
    m_watchers.clear();
    if (m_out && m_out->isOpen() && m_out->isStreaming() && !m_out->finished())
        m_out->end();
    deleteLater();   // m_out is released with this object, never inside its own closed() signal
}

} // namespace acp::sandbox
