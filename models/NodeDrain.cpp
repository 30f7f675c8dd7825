#include "models/NodeDrain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace acp::models {

namespace {

using L = QLatin1String;

api::ResourcePath podPath(const QString &ns, const QString &name, const QString &sub = QString())
{
    api::ResourcePath p;
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("pods");
    p.namespaceName = ns;
    p.name = name;
    p.subresource = sub;
    return p;
}

// Why kubectl drain leaves a pod alone ("" = evict it).
QString skipReason(const QJsonObject &pod)
{
    const QJsonObject meta = pod.value(L("metadata")).toObject();
    if (meta.value(L("annotations")).toObject().contains(L("kubernetes.io/config.mirror")))
        return QStringLiteral("mirror pod");
    for (const QJsonValue &v : meta.value(L("ownerReferences")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(L("controller")).toBool() && o.value(L("kind")).toString() == L("DaemonSet"))
            return QStringLiteral("DaemonSet-managed");
    }
    return QString();
}

// The most specific text of a refusal: the DisruptionBudget cause's message when present.
QString refusalMessage(const api::ApiError &e)
{
    for (const QJsonValue &v : e.details.value(L("causes")).toArray()) {
        const QString m = v.toObject().value(L("message")).toString();
        if (!m.isEmpty())
            return e.message + L(" ") + m;
    }
    return e.message;
}

} // namespace

NodeDrain::NodeDrain(const api::KubeClient &client, const QString &node, QObject *parent)
    : QObject(parent), m_client(client), m_node(node)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &NodeDrain::poll);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(api::ApiError{0, QStringLiteral("Timeout"),
                           QStringLiteral("drain of node \"%1\" did not complete within %2 s").arg(m_node).arg(m_options.timeoutMs / 1000)});
    });
}

NodeDrain::~NodeDrain()
{
    for (const auto &h : std::as_const(m_requests))
        h.cancel();
}

int NodeDrain::count(Pod::State state) const
{
    int n = 0;
    for (const Pod &p : m_pods)
        n += p.state == state ? 1 : 0;
    return n;
}

QString NodeDrain::stateName(Pod::State state)
{
    switch (state) {
    case Pod::Pending: return QStringLiteral("Pending");
    case Pod::Skipped: return QStringLiteral("Skipped");
    case Pod::Evicting: return QStringLiteral("Evicting");
    case Pod::Refused: return QStringLiteral("Refused");
    case Pod::Evicted: return QStringLiteral("Evicted");
    case Pod::Gone: return QStringLiteral("Gone");
    case Pod::Failed: return QStringLiteral("Failed");
    }
    return QString();
}

void NodeDrain::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
    if (isFinished()) {
        m_pollTimer.stop();
        m_timeout.stop();
        qDeleteAll(m_timers);
        m_timers.clear();
        for (const auto &h : std::as_const(m_requests))
            h.cancel();
        m_requests.clear();
        Q_EMIT finished(phase);
    }
}

void NodeDrain::track(const api::RequestHandle &handle)
{
    m_requests.removeIf([](const api::RequestHandle &h) { return !h.isActive(); });
    m_requests << handle;
}

void NodeDrain::start()
{
    if (m_phase != Phase::Idle)
        return;
    if (m_options.timeoutMs > 0)
        m_timeout.start(m_options.timeoutMs);
    cordon();
}

void NodeDrain::cancel()
{
    if (m_phase == Phase::Idle || isFinished())
        return;
    setPhase(Phase::Cancelled);
}

void NodeDrain::fail(const api::ApiError &error)
{
    if (isFinished())
        return;
    m_error = error;
    setPhase(Phase::Failed);
}

void NodeDrain::cordon()
{
    setPhase(Phase::Cordoning);
    api::ResourcePath p;
    p.version = QStringLiteral("v1");
    p.resource = QStringLiteral("nodes");
    p.name = m_node;
    track(m_client.patch(p, api::PatchType::Merge, QByteArrayLiteral("{\"spec\":{\"unschedulable\":true}}"), {}, this,
                         [this](const api::Result<api::Response> &r, const QStringList &) {
                             if (!r)
                                 fail(r.error());
                             else
                                 listPods();
                         }));
}

void NodeDrain::listPods()
{
    setPhase(Phase::Listing);
    api::ListOptions o;
    o.fieldSelector = QStringLiteral("spec.nodeName=") + m_node;
    track(m_client.listAll(podPath(QString(), QString()), o, this, [this](const api::Result<api::ListPages> &r, const QStringList &) {
        if (!r)
            fail(r.error());
        else
            onListed(*r);
    }));
}

void NodeDrain::onListed(const api::ListPages &pages)
{
    for (const QByteArray &body : pages.pages) {
        const QJsonArray items = QJsonDocument::fromJson(body).object().value(L("items")).toArray();
        for (const QJsonValue &v : items) {
            const QJsonObject pod = v.toObject();
            const QJsonObject meta = pod.value(L("metadata")).toObject();
            Pod p;
            p.namespaceName = meta.value(L("namespace")).toString();
            p.name = meta.value(L("name")).toString();
            p.uid = meta.value(L("uid")).toString();
            p.message = skipReason(pod);
            p.state = p.message.isEmpty() ? Pod::Pending : Pod::Skipped;
            m_pods << p;
        }
    }
    Q_EMIT podsListed();
    setPhase(Phase::Evicting);
    for (int i = 0; i < m_pods.size(); ++i)
        if (m_pods.at(i).state == Pod::Pending)
            evict(i);
    checkDone();
}

void NodeDrain::setPod(int index, Pod::State state, const QString &message)
{
    Pod &p = m_pods[index];
    p.state = state;
    if (!message.isEmpty() || state == Pod::Evicted || state == Pod::Gone)
        p.message = message;
    Q_EMIT podChanged(index);
}

void NodeDrain::evict(int index)
{
    if (isFinished())
        return;
    Pod &p = m_pods[index];
    ++p.attempts;
    QJsonObject body{{QStringLiteral("apiVersion"), QStringLiteral("policy/v1")},
                     {QStringLiteral("kind"), QStringLiteral("Eviction")},
                     {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("namespace"), p.namespaceName}}}};
    if (m_options.gracePeriodSeconds >= 0)
        body.insert(QStringLiteral("deleteOptions"), QJsonObject{{QStringLiteral("gracePeriodSeconds"), m_options.gracePeriodSeconds}});
    setPod(index, Pod::Evicting, p.state == Pod::Refused ? p.message : QString());
    track(m_client.create(podPath(p.namespaceName, p.name, QStringLiteral("eviction")), QJsonDocument(body).toJson(QJsonDocument::Compact), {},
                          this, [this, index](const api::Result<api::Response> &r, const QStringList &) { onEvictResult(index, r); }));
}

void NodeDrain::onEvictResult(int index, const api::Result<api::Response> &result)
{
    if (result) {
        setPod(index, Pod::Evicted);
        if (m_phase == Phase::Evicting && count(Pod::Pending) + count(Pod::Evicting) + count(Pod::Refused) == 0)
            setPhase(Phase::Waiting);
        if (!m_pollTimer.isActive() && m_pollsInFlight == 0)
            m_pollTimer.start(m_options.pollMs);
        return;
    }
    const api::ApiError &e = result.error();
    if (e.httpStatus == 404) {
        setPod(index, Pod::Gone);
        checkDone();
        return;
    }
    if (e.httpStatus == 429) {
        const QString message = refusalMessage(e);
        setPod(index, Pod::Refused, message);
        Q_EMIT refused(index, message);
        auto *t = new QTimer(this);
        t->setSingleShot(true);
        connect(t, &QTimer::timeout, this, [this, t, index] {
            m_timers.removeOne(t);
            t->deleteLater();
            evict(index);
        });
        m_timers << t;
        t->start(m_options.retryMs);
        return;
    }
    setPod(index, Pod::Failed, e.message);
    api::ApiError err = e;
    err.message = QStringLiteral("error when evicting pods/\"%1\" -n \"%2\": %3").arg(m_pods.at(index).name, m_pods.at(index).namespaceName, e.message);
    fail(err);
}

void NodeDrain::poll()
{
    if (isFinished())
        return;
    for (int i = 0; i < m_pods.size(); ++i) {
        if (m_pods.at(i).state != Pod::Evicted)
            continue;
        ++m_pollsInFlight;
        const QString uid = m_pods.at(i).uid;
        track(m_client.get(podPath(m_pods.at(i).namespaceName, m_pods.at(i).name), this,
                           [this, i, uid](const api::Result<api::Response> &r, const QStringList &) {
                               --m_pollsInFlight;
                               bool gone = !r && r.error().httpStatus == 404;
                               if (r) {
                                   const auto obj = r->json();
                                   gone = obj && obj->value(L("metadata")).toObject().value(L("uid")).toString() != uid;
                               }
                               if (gone)
                                   setPod(i, Pod::Gone);
                               if (m_pollsInFlight == 0) {
                                   checkDone();
                                   if (!isFinished() && count(Pod::Evicted) > 0)
                                       m_pollTimer.start(m_options.pollMs);
                               }
                           }));
    }
}

void NodeDrain::checkDone()
{
    if (isFinished() || m_phase == Phase::Cordoning || m_phase == Phase::Listing)
        return;
    for (const Pod &p : std::as_const(m_pods))
        if (p.state != Pod::Skipped && p.state != Pod::Gone)
            return;
    setPhase(Phase::Done);
}

} // namespace acp::models
