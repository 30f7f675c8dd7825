#include "sandbox/SeedObjects.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace acp::sandbox::sim {

namespace {
const QString kRunning = QStringLiteral("running");
const QString kWaiting = QStringLiteral("waiting");
const QString kTerminated = QStringLiteral("terminated");

QJsonObject condition(const char *type, bool status, const QString &time, const QString &reason = QString(),
                      const QString &message = QString())
{
    QJsonObject c{{QStringLiteral("type"), QString::fromLatin1(type)},
                  {QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False")},
                  {QStringLiteral("lastProbeTime"), QJsonValue::Null},
                  {QStringLiteral("lastTransitionTime"), time}};
    if (!reason.isEmpty())
        c.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        c.insert(QStringLiteral("message"), message);
    return c;
}

QString imageRepo(const QString &image)
{
    QString repo = image;
    const qsizetype at = repo.indexOf(QLatin1Char('@'));
    if (at >= 0)
        repo = repo.left(at);
    const qsizetype slash = repo.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = repo.lastIndexOf(QLatin1Char(':'));
    if (colon > slash)
        repo = repo.left(colon);
    if (!repo.contains(QLatin1Char('/')))
        return QStringLiteral("docker.io/library/") + repo;
    const QString first = repo.section(QLatin1Char('/'), 0, 0);
    if (!first.contains(QLatin1Char('.')) && !first.contains(QLatin1Char(':')) && first != QLatin1String("localhost"))
        return QStringLiteral("docker.io/") + repo;
    return repo;
}

QString imageTag(const QString &image)
{
    const qsizetype slash = image.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = image.lastIndexOf(QLatin1Char(':'));
    return colon > slash ? image.mid(colon + 1) : QStringLiteral("latest");
}

QJsonObject waiting(const QString &reason, const QString &message = QString())
{
    QJsonObject w{{QStringLiteral("reason"), reason}};
    if (!message.isEmpty())
        w.insert(QStringLiteral("message"), message);
    return QJsonObject{{kWaiting, w}};
}

QJsonObject terminated(int exitCode, const QString &reason, const QString &started, const QString &finished, const QString &cid)
{
    return QJsonObject{{kTerminated, QJsonObject{{QStringLiteral("exitCode"), exitCode},
                                                 {QStringLiteral("reason"), reason},
                                                 {QStringLiteral("startedAt"), started},
                                                 {QStringLiteral("finishedAt"), finished},
                                                 {QStringLiteral("containerID"), cid}}}};
}

// One container's status for the pod state; `isInit` containers run to completion first.
QJsonObject containerStatus(const QJsonObject &c, const PodStatusInput &in, bool isInit, int index)
{
    const QString name = c.value(QLatin1String("name")).toString();
    const QString image = c.value(QLatin1String("image")).toString();
    QJsonObject s{{QStringLiteral("name"), name},
                  {QStringLiteral("image"), image},
                  {QStringLiteral("imageID"), QString()},
                  {QStringLiteral("ready"), false},
                  {QStringLiteral("restartCount"), 0},
                  {QStringLiteral("started"), false},
                  {QStringLiteral("lastState"), QJsonObject()}};
    const QString started = in.startTime;
    auto pulled = [&] {
        s.insert(QStringLiteral("imageID"), imageId(image));
        s.insert(QStringLiteral("containerID"), containerId());
    };
    auto pullFailed = [&] {
        s.insert(QStringLiteral("state"), waiting(QStringLiteral("ImagePullBackOff"),
            QStringLiteral("Back-off pulling image \"%1\": ErrImagePull: failed to pull and unpack image \"%2\": failed to resolve reference \"%2\": %2: not found")
                .arg(image, image.contains(QLatin1Char('/')) ? image : QStringLiteral("docker.io/library/") + image)));
    };
    switch (in.state) {
    case PodState::Pending:
    case PodState::Unschedulable:
    case PodState::ContainerCreating:
        s.insert(QStringLiteral("state"), waiting(isInit && index > 0 ? QStringLiteral("PodInitializing") : QStringLiteral("ContainerCreating")));
        break;
    case PodState::InitRunning:
        if (isInit && index == 0) {
            pulled();
            s.insert(QStringLiteral("started"), true);
            s.insert(QStringLiteral("state"), QJsonObject{{kRunning, QJsonObject{{QStringLiteral("startedAt"), started}}}});
        } else {
            s.insert(QStringLiteral("state"), waiting(QStringLiteral("PodInitializing")));
        }
        break;
    case PodState::Running:
    case PodState::CrashLoopBackOff:
    case PodState::ImagePullBackOff:
        if (isInit) {
            pulled();
            s.insert(QStringLiteral("ready"), true);
            s.insert(QStringLiteral("state"), terminated(0, QStringLiteral("Completed"), started, started, s.value(QLatin1String("containerID")).toString()));
        } else if (imageFailsToPull(image) && in.state != PodState::Running) {
            pullFailed();
        } else if (imageCrashes(image) && in.state == PodState::CrashLoopBackOff) {
            pulled();
            const int restarts = qMax(1, in.restarts);
            const int backoff = qMin(300, 10 << qMin(5, restarts - 1));
            s.insert(QStringLiteral("restartCount"), restarts);
            s.insert(QStringLiteral("state"), waiting(QStringLiteral("CrashLoopBackOff"),
                QStringLiteral("back-off %1 restarting failed container=%2 pod=%3")
                    .arg(backoff >= 60 ? QStringLiteral("%1m%2s").arg(backoff / 60).arg(backoff % 60) : QStringLiteral("%1s").arg(backoff),
                         name, in.podName)));
            const QString finished = timeAgo(qMin(backoff, 60) / 2);
            s.insert(QStringLiteral("lastState"), terminated(1, QStringLiteral("Error"), timeAgo(qMin(backoff, 60) / 2 + 2), finished,
                                                            s.value(QLatin1String("containerID")).toString()));
        } else {
            pulled();
            s.insert(QStringLiteral("ready"), true);
            s.insert(QStringLiteral("started"), true);
            s.insert(QStringLiteral("state"), QJsonObject{{kRunning, QJsonObject{{QStringLiteral("startedAt"), started}}}});
        }
        break;
    case PodState::Succeeded:
    case PodState::Failed: {
        pulled();
        const bool ok = in.state == PodState::Succeeded || isInit;
        s.insert(QStringLiteral("state"), terminated(ok ? 0 : 1, ok ? QStringLiteral("Completed") : QStringLiteral("Error"),
                                                     started, nowTime(), s.value(QLatin1String("containerID")).toString()));
        if (isInit)
            s.insert(QStringLiteral("ready"), true);
        break;
    }
    }
    return s;
}
} // namespace

QJsonObject meta(const QJsonObject &o) { return o.value(QLatin1String("metadata")).toObject(); }

QString metaStr(const QJsonObject &o, const char *field)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String(field)).toString();
}

QJsonObject labelsOf(const QJsonObject &o) { return meta(o).value(QLatin1String("labels")).toObject(); }

bool isDeleting(const QJsonObject &o) { return !metaStr(o, "deletionTimestamp").isEmpty(); }

void setMetaField(QJsonObject &o, const QString &field, const QJsonValue &value)
{
    QJsonObject m = meta(o);
    if (value.isUndefined())
        m.remove(field);
    else
        m.insert(field, value);
    o.insert(QStringLiteral("metadata"), m);
}

void setAnnotation(QJsonObject &o, const QString &key, const QString &value)
{
    QJsonObject m = meta(o);
    QJsonObject a = m.value(QLatin1String("annotations")).toObject();
    a.insert(key, value);
    m.insert(QStringLiteral("annotations"), a);
    o.insert(QStringLiteral("metadata"), m);
}

QString annotation(const QJsonObject &o, const QString &key)
{
    return meta(o).value(QLatin1String("annotations")).toObject().value(key).toString();
}

QJsonObject ownerRef(const QJsonObject &owner, bool controller)
{
    QJsonObject r{{QStringLiteral("apiVersion"), owner.value(QLatin1String("apiVersion"))},
                  {QStringLiteral("kind"), owner.value(QLatin1String("kind"))},
                  {QStringLiteral("name"), nameOf(owner)},
                  {QStringLiteral("uid"), uidOf(owner)}};
    if (controller) {
        r.insert(QStringLiteral("controller"), true);
        r.insert(QStringLiteral("blockOwnerDeletion"), true);
    }
    return r;
}

QJsonObject controllerRef(const QJsonObject &o)
{
    const QJsonArray refs = meta(o).value(QLatin1String("ownerReferences")).toArray();
    for (const QJsonValue &r : refs)
        if (r.toObject().value(QLatin1String("controller")).toBool())
            return r.toObject();
    return {};
}

QString rfc3339(const QDateTime &t) { return t.toUTC().toString(Qt::ISODate); }

QString timeAgo(qint64 seconds) { return rfc3339(QDateTime::currentDateTimeUtc().addSecs(-seconds)); }

QString nowTime() { return rfc3339(QDateTime::currentDateTimeUtc()); }

qint64 secondsSince(const QString &t)
{
    const QDateTime d = QDateTime::fromString(t, Qt::ISODate);
    if (!d.isValid())
        return -1;
    return d.secsTo(QDateTime::currentDateTimeUtc());
}

namespace {
// A per-thread generator seeded from the system one: the seed builds 100,000s of names and ids,
// which would otherwise take a lock (global) or a system call (system) each.
QRandomGenerator64 &rng()
{
    thread_local QRandomGenerator64 gen(QRandomGenerator::system()->generate64());
    return gen;
}

void appendHex(QString &out, quint64 v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i)
        out += QLatin1Char(hex[(v >> (4 * i)) & 0xf]);
}
} // namespace

QString randomSuffix(int length)
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString s;
    s.reserve(length);
    quint64 v = rng().generate64();
    for (int i = 0; i < length; ++i, v /= 27)
        s += QLatin1Char(alphabet[v % 27]);
    return s;
}

QString randomHex(int length)
{
    QString s;
    s.reserve(length);
    while (s.size() < length) {
        const int n = qMin(16, int(length - s.size()));
        appendHex(s, rng().generate64(), n);
    }
    return s;
}

QString newUid()
{
    // RFC 4122 version 4, variant 1.
    const quint64 a = (rng().generate64() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
    const quint64 b = (rng().generate64() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    QString s;
    s.reserve(36);
    appendHex(s, a >> 32, 8);
    s += QLatin1Char('-');
    appendHex(s, (a >> 16) & 0xffff, 4);
    s += QLatin1Char('-');
    appendHex(s, a & 0xffff, 4);
    s += QLatin1Char('-');
    appendHex(s, b >> 48, 4);
    s += QLatin1Char('-');
    appendHex(s, b & 0xffffffffffffULL, 12);
    return s;
}

QString containerId() { return QStringLiteral("containerd://") + randomHex(64); }

QString imageId(const QString &image)
{
    return imageRepo(image) + QStringLiteral("@sha256:")
         + QString::fromLatin1(QCryptographicHash::hash(image.toUtf8(), QCryptographicHash::Sha256).toHex());
}

namespace {
QJsonValue stripNulls(const QJsonValue &v)
{
    if (v.isObject())
        return withoutNulls(v.toObject());
    if (v.isArray()) {
        QJsonArray a;
        for (const QJsonValue &e : v.toArray())
            a << stripNulls(e);
        return a;
    }
    return v;
}
} // namespace

QJsonObject withoutNulls(const QJsonObject &o)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!it.value().isNull())
            out.insert(it.key(), stripNulls(it.value()));
    return out;
}

QString templateHash(const QJsonObject &podTemplate, int collisionCount)
{
    QByteArray data = QJsonDocument(withoutNulls(podTemplate)).toJson(QJsonDocument::Compact);
    if (collisionCount > 0)
        data += QByteArray::number(collisionCount);
    quint32 h = 2166136261u;   // FNV-1a 32
    for (char c : std::as_const(data)) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    static const char alphanums[] = "bcdfghjklmnpqrstvwxz2456789";
    const QByteArray digits = QByteArray::number(h);
    QString out;
    for (char d : digits)
        out += QLatin1Char(alphanums[quint8(d) % (sizeof(alphanums) - 1)]);
    return out;
}

bool imageFailsToPull(const QString &image)
{
    return image.contains(QLatin1String("doesnotexist")) || image.contains(QLatin1String("bad"));
}

bool imageCrashes(const QString &image) { return imageTag(image) == QLatin1String("crash"); }

PodState intendedState(const QJsonObject &podSpec)
{
    bool crash = false;
    for (const char *list : {"initContainers", "containers"}) {
        for (const QJsonValue &c : podSpec.value(QLatin1String(list)).toArray()) {
            const QString image = c.toObject().value(QLatin1String("image")).toString();
            if (imageFailsToPull(image))
                return PodState::ImagePullBackOff;
            crash = crash || imageCrashes(image);
        }
    }
    return crash ? PodState::CrashLoopBackOff : PodState::Running;
}

QString qosClass(const QJsonObject &podSpec)
{
    bool any = false;
    bool guaranteed = true;
    for (const char *list : {"initContainers", "containers"}) {
        for (const QJsonValue &cv : podSpec.value(QLatin1String(list)).toArray()) {
            const QJsonObject res = cv.toObject().value(QLatin1String("resources")).toObject();
            const QJsonObject req = res.value(QLatin1String("requests")).toObject();
            const QJsonObject lim = res.value(QLatin1String("limits")).toObject();
            if (!req.isEmpty() || !lim.isEmpty())
                any = true;
            for (const char *r : {"cpu", "memory"}) {
                const QJsonValue l = lim.value(QLatin1String(r));
                const QJsonValue q = req.contains(QLatin1String(r)) ? req.value(QLatin1String(r)) : l;
                if (l.isUndefined() || q != l)
                    guaranteed = false;
            }
        }
    }
    if (!any)
        return QStringLiteral("BestEffort");
    return guaranteed ? QStringLiteral("Guaranteed") : QStringLiteral("Burstable");
}

QJsonObject podStatus(const QJsonObject &podSpec, const PodStatusInput &in)
{
    QJsonObject st{{QStringLiteral("qosClass"), qosClass(podSpec)}};
    const QString t = in.transitionTime.isEmpty() ? (in.startTime.isEmpty() ? nowTime() : in.startTime) : in.transitionTime;
    if (in.state == PodState::Pending) {
        st.insert(QStringLiteral("phase"), QStringLiteral("Pending"));
        return st;
    }
    if (in.state == PodState::Unschedulable) {
        st.insert(QStringLiteral("phase"), QStringLiteral("Pending"));
        st.insert(QStringLiteral("conditions"), QJsonArray{condition("PodScheduled", false, t, QStringLiteral("Unschedulable"), in.message)});
        return st;
    }
    const QJsonArray containers = podSpec.value(QLatin1String("containers")).toArray();
    const QJsonArray inits = podSpec.value(QLatin1String("initContainers")).toArray();
    QJsonArray cs, ics;
    QStringList unready;
    bool allReady = true;
    for (qsizetype i = 0; i < containers.size(); ++i) {
        const QJsonObject s = containerStatus(containers.at(i).toObject(), in, false, int(i));
        if (!s.value(QLatin1String("ready")).toBool()) {
            allReady = false;
            unready << s.value(QLatin1String("name")).toString();
        }
        cs << s;
    }
    bool initsDone = true;
    QStringList pendingInits;
    for (qsizetype i = 0; i < inits.size(); ++i) {
        const QJsonObject s = containerStatus(inits.at(i).toObject(), in, true, int(i));
        if (!s.value(QLatin1String("state")).toObject().contains(kTerminated)) {
            initsDone = false;
            pendingInits << s.value(QLatin1String("name")).toString();
        }
        ics << s;
    }
    QString phase = QStringLiteral("Pending");
    switch (in.state) {
    case PodState::Running:
    case PodState::CrashLoopBackOff: phase = QStringLiteral("Running"); break;
    case PodState::Succeeded: phase = QStringLiteral("Succeeded"); break;
    case PodState::Failed: phase = QStringLiteral("Failed"); break;
    default: break;
    }
    const bool terminal = in.state == PodState::Succeeded || in.state == PodState::Failed;
    const bool creating = in.state == PodState::ContainerCreating;
    const QString unreadyMsg = QStringLiteral("containers with unready status: [%1]").arg(unready.join(QLatin1Char(' ')));
    QJsonArray conds;
    conds << condition("PodReadyToStartContainers", !creating && !terminal, t);
    if (initsDone)
        conds << condition("Initialized", true, t, terminal ? QStringLiteral("PodCompleted") : QString());
    else
        conds << condition("Initialized", false, t, QStringLiteral("ContainersNotInitialized"),
                           QStringLiteral("containers with incomplete status: [%1]").arg(pendingInits.join(QLatin1Char(' '))));
    if (terminal) {
        conds << condition("Ready", false, t, QStringLiteral("PodCompleted"));
        conds << condition("ContainersReady", false, t, QStringLiteral("PodCompleted"));
    } else if (allReady && initsDone) {
        conds << condition("Ready", true, t) << condition("ContainersReady", true, t);
    } else {
        conds << condition("Ready", false, t, QStringLiteral("ContainersNotReady"), unreadyMsg)
              << condition("ContainersReady", false, t, QStringLiteral("ContainersNotReady"), unreadyMsg);
    }
    conds << condition("PodScheduled", true, t);
    st.insert(QStringLiteral("phase"), phase);
    st.insert(QStringLiteral("conditions"), conds);
    if (!in.hostIP.isEmpty()) {
        st.insert(QStringLiteral("hostIP"), in.hostIP);
        st.insert(QStringLiteral("hostIPs"), QJsonArray{QJsonObject{{QStringLiteral("ip"), in.hostIP}}});
    }
    if (!in.podIP.isEmpty() && !creating) {
        st.insert(QStringLiteral("podIP"), in.podIP);
        st.insert(QStringLiteral("podIPs"), QJsonArray{QJsonObject{{QStringLiteral("ip"), in.podIP}}});
    }
    st.insert(QStringLiteral("startTime"), in.startTime.isEmpty() ? t : in.startTime);
    st.insert(QStringLiteral("containerStatuses"), cs);
    if (!ics.isEmpty())
        st.insert(QStringLiteral("initContainerStatuses"), ics);
    return st;
}

bool podReady(const QJsonObject &pod)
{
    const QJsonArray conds = pod.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    for (const QJsonValue &c : conds) {
        const QJsonObject co = c.toObject();
        if (co.value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            return co.value(QLatin1String("status")).toString() == QLatin1String("True");
    }
    return false;
}

bool podTerminal(const QJsonObject &pod)
{
    const QString phase = pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
    return phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed");
}

QJsonObject event(const EventInput &in)
{
    const QString first = in.firstTimestamp.isEmpty() ? nowTime() : in.firstTimestamp;
    const QString last = in.lastTimestamp.isEmpty() ? first : in.lastTimestamp;
    const QString objName = nameOf(in.involved);
    const QString ns = namespaceOf(in.involved).isEmpty() ? QStringLiteral("default") : namespaceOf(in.involved);
    const qint64 nanos = QDateTime::currentMSecsSinceEpoch() * 1000000 + QRandomGenerator::global()->bounded(1000000);
    QJsonObject involved{{QStringLiteral("apiVersion"), in.involved.value(QLatin1String("apiVersion"))},
                         {QStringLiteral("kind"), in.involved.value(QLatin1String("kind"))},
                         {QStringLiteral("name"), objName},
                         {QStringLiteral("uid"), uidOf(in.involved)}};
    if (!namespaceOf(in.involved).isEmpty())
        involved.insert(QStringLiteral("namespace"), namespaceOf(in.involved));
    if (!metaStr(in.involved, "resourceVersion").isEmpty())
        involved.insert(QStringLiteral("resourceVersion"), metaStr(in.involved, "resourceVersion"));
    if (!in.fieldPath.isEmpty())
        involved.insert(QStringLiteral("fieldPath"), in.fieldPath);
    QJsonObject source{{QStringLiteral("component"), in.component}};
    if (!in.host.isEmpty())
        source.insert(QStringLiteral("host"), in.host);
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Event")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("%1.%2").arg(objName).arg(nanos, 0, 16)},
                                                 {QStringLiteral("namespace"), ns},
                                                 {QStringLiteral("creationTimestamp"), first}}},
        {QStringLiteral("involvedObject"), involved},
        {QStringLiteral("reason"), in.reason},
        {QStringLiteral("message"), in.message},
        {QStringLiteral("source"), source},
        {QStringLiteral("firstTimestamp"), first},
        {QStringLiteral("lastTimestamp"), last},
        {QStringLiteral("count"), in.count},
        {QStringLiteral("type"), in.type},
        {QStringLiteral("eventTime"), QJsonValue::Null},
        {QStringLiteral("reportingComponent"), in.component},
        {QStringLiteral("reportingInstance"), in.host.isEmpty() ? QString() : in.host}};
}

} // namespace acp::sandbox::sim
