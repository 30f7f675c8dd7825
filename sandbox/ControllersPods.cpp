// Controllers: the scheduler and the kubelets (pod lifecycle).
#include "sandbox/Controllers.h"

#include "models/LabelSelector.h"
#include "models/Quantity.h"
#include "sandbox/ControllersInternal.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QMap>
#include <QRandomGenerator>

namespace acp::sandbox {

using namespace sim;
using models::Quantity;

namespace {
const QString kPods = QStringLiteral("/pods");

QJsonObject spec(const QJsonObject &o) { return o.value(QLatin1String("spec")).toObject(); }
QJsonObject status(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject(); }

Quantity quantity(const QJsonValue &v)
{
    auto q = Quantity::fromJson(v);
    return q ? *q : Quantity();
}

// The pod's effective request of a resource: max(sum of containers, largest init container).
Quantity podRequest(const QJsonObject &podSpec, const QString &resource)
{
    auto request = [&resource](const QJsonObject &c) {
        const QJsonObject res = c.value(QLatin1String("resources")).toObject();
        const QJsonObject req = res.value(QLatin1String("requests")).toObject();
        return quantity(req.contains(resource) ? req.value(resource) : res.value(QLatin1String("limits")).toObject().value(resource));
    };
    Quantity sum;
    for (const QJsonValue &c : podSpec.value(QLatin1String("containers")).toArray())
        sum += request(c.toObject());
    for (const QJsonValue &c : podSpec.value(QLatin1String("initContainers")).toArray())
        if (request(c.toObject()) > sum)
            sum = request(c.toObject());
    return sum;
}

bool selectorTermMatches(const QJsonObject &term, const QJsonObject &node)
{
    for (const QJsonValue &e : term.value(QLatin1String("matchExpressions")).toArray()) {
        const QJsonObject ex = e.toObject();
        const QString key = ex.value(QLatin1String("key")).toString();
        const QString op = ex.value(QLatin1String("operator")).toString();
        const QJsonObject labels = labelsOf(node);
        const bool has = labels.contains(key);
        const QString value = labels.value(key).toString();
        const QJsonArray values = ex.value(QLatin1String("values")).toArray();
        if ((op == QLatin1String("In") && !values.contains(value)) || (op == QLatin1String("NotIn") && has && values.contains(value))
            || (op == QLatin1String("Exists") && !has) || (op == QLatin1String("DoesNotExist") && has)
            || (op == QLatin1String("In") && !has))
            return false;
    }
    for (const QJsonValue &f : term.value(QLatin1String("matchFields")).toArray()) {
        const QJsonObject fo = f.toObject();
        if (fo.value(QLatin1String("key")).toString() != QLatin1String("metadata.name"))
            continue;
        const bool in = fo.value(QLatin1String("values")).toArray().contains(nameOf(node));
        if ((fo.value(QLatin1String("operator")).toString() == QLatin1String("In")) != in)
            return false;
    }
    return true;
}

QString backoffText(int seconds)
{
    return seconds >= 60 ? QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60) : QStringLiteral("%1s").arg(seconds);
}

int crashBackoffSeconds(int restarts) { return qMin(300, 10 << qMin(5, qMax(0, restarts - 1))); }

QString imageSizeText(const QString &image)
{
    return QString::number(8000000 + qHash(image) % 90000000);
}
} // namespace

namespace ctl {
bool toleratesTaint(const QJsonArray &tolerations, const QJsonObject &taint)
{
    const QString key = taint.value(QLatin1String("key")).toString();
    const QString value = taint.value(QLatin1String("value")).toString();
    const QString effect = taint.value(QLatin1String("effect")).toString();
    for (const QJsonValue &tv : tolerations) {
        const QJsonObject t = tv.toObject();
        const QString te = t.value(QLatin1String("effect")).toString();
        if (!te.isEmpty() && te != effect)
            continue;
        const QString tk = t.value(QLatin1String("key")).toString();
        const bool exists = t.value(QLatin1String("operator")).toString() == QLatin1String("Exists");
        if (tk.isEmpty() && exists)
            return true;
        if (tk != key)
            continue;
        if (exists || t.value(QLatin1String("value")).toString() == value)
            return true;
    }
    return false;
}

bool toleratesNode(const QJsonArray &tolerations, const QJsonObject &node, bool noExecuteOnly)
{
    for (const QJsonValue &tv : spec(node).value(QLatin1String("taints")).toArray()) {
        const QString effect = tv.toObject().value(QLatin1String("effect")).toString();
        if (effect == QLatin1String("PreferNoSchedule") || (noExecuteOnly && effect != QLatin1String("NoExecute")))
            continue;
        if (!toleratesTaint(tolerations, tv.toObject()))
            return false;
    }
    return true;
}

bool matchesNode(const QJsonObject &podSpec, const QJsonObject &node)
{
    const QJsonObject selector = podSpec.value(QLatin1String("nodeSelector")).toObject();
    const QJsonObject labels = labelsOf(node);
    for (auto it = selector.begin(); it != selector.end(); ++it)
        if (labels.value(it.key()) != it.value())
            return false;
    const QJsonArray terms = podSpec.value(QLatin1String("affinity")).toObject().value(QLatin1String("nodeAffinity")).toObject()
                                 .value(QLatin1String("requiredDuringSchedulingIgnoredDuringExecution")).toObject()
                                 .value(QLatin1String("nodeSelectorTerms")).toArray();
    if (terms.isEmpty())
        return true;
    for (const QJsonValue &t : terms)
        if (selectorTermMatches(t.toObject(), node))
            return true;
    return false;
}

QString nodeInternalIp(const QJsonObject &node)
{
    for (const QJsonValue &a : status(node).value(QLatin1String("addresses")).toArray())
        if (a.toObject().value(QLatin1String("type")).toString() == QLatin1String("InternalIP"))
            return a.toObject().value(QLatin1String("address")).toString();
    return QString();
}

bool nodeReady(const QJsonObject &node)
{
    for (const QJsonValue &c : status(node).value(QLatin1String("conditions")).toArray())
        if (c.toObject().value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            return c.toObject().value(QLatin1String("status")).toString() == QLatin1String("True");
    return false;
}
} // namespace ctl

QList<QJsonObject> Controllers::feasibleNodes(const QList<QJsonObject> &nodes, const QJsonObject &pod, QString *failure)
{
    const QJsonObject ps = spec(pod);
    const QJsonArray tolerations = ps.value(QLatin1String("tolerations")).toArray();
    const Quantity cpu = podRequest(ps, QStringLiteral("cpu"));
    const Quantity memory = podRequest(ps, QStringLiteral("memory"));
    QMap<QString, int> reasons;
    QList<QJsonObject> fit;
    for (const QJsonObject &n : nodes) {
        if (isDeleting(n))
            continue;
        const QJsonObject ns = spec(n);
        QString reason;
        if (ns.value(QLatin1String("unschedulable")).toBool()
            && !toleratesTaint(tolerations, QJsonObject{{QStringLiteral("key"), QStringLiteral("node.kubernetes.io/unschedulable")},
                                                        {QStringLiteral("effect"), QStringLiteral("NoSchedule")}})) {
            reason = QStringLiteral("node(s) were unschedulable");
        } else if (!toleratesNode(tolerations, n)) {
            for (const QJsonValue &tv : ns.value(QLatin1String("taints")).toArray()) {
                const QJsonObject t = tv.toObject();
                if (t.value(QLatin1String("effect")).toString() != QLatin1String("PreferNoSchedule") && !toleratesTaint(tolerations, t)) {
                    reason = QStringLiteral("node(s) had untolerated taint {%1: %2}")
                                 .arg(t.value(QLatin1String("key")).toString(), t.value(QLatin1String("value")).toString());
                    break;
                }
            }
        } else if (!nodeReady(n)) {
            reason = QStringLiteral("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
        } else if (!matchesNode(ps, n)) {
            reason = QStringLiteral("node(s) didn't match Pod's node affinity/selector");
        } else {
            const QJsonObject alloc = status(n).value(QLatin1String("allocatable")).toObject();
            QStringList insufficient;
            if (cpu > quantity(alloc.value(QLatin1String("cpu"))))
                insufficient << QStringLiteral("Insufficient cpu");
            if (memory > quantity(alloc.value(QLatin1String("memory"))))
                insufficient << QStringLiteral("Insufficient memory");
            for (const QString &r : std::as_const(insufficient))
                reasons[r] += 1;
            if (insufficient.isEmpty())
                fit << n;
            continue;
        }
        reasons[reason] += 1;
    }
    if (fit.isEmpty() && failure) {
        QStringList parts;
        int unhelpful = 0;
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it) {
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
            if (!it.key().startsWith(QLatin1String("Insufficient")))
                unhelpful += it.value();
        }
        const int total = int(nodes.size());
        QString preemption = QStringLiteral("preemption: 0/%1 nodes are available: ").arg(total);
        QStringList pre;
        if (unhelpful > 0)
            pre << QStringLiteral("%1 Preemption is not helpful for scheduling").arg(unhelpful);
        if (total - unhelpful > 0)
            pre << QStringLiteral("%1 No preemption victims found for incoming pod").arg(total - unhelpful);
        *failure = QStringLiteral("0/%1 nodes are available: %2. %3.").arg(total).arg(parts.join(QStringLiteral(", ")), preemption + pre.join(QStringLiteral(", ")));
    }
    return fit;
}

void Controllers::podTask(const Task &t)
{
    State &s = *t.cluster;
    const StoredObject *o = s.cluster->store().get(kPods, keyNamespace(t.key), keyName(t.key));
    if (!o || uidOf(o->obj) != t.uid || isDeleting(o->obj))
        return;
    const QJsonObject &pod = o->obj;
    const bool scheduled = !spec(pod).value(QLatin1String("nodeName")).toString().isEmpty();
    const QJsonArray cs = status(pod).value(QLatin1String("containerStatuses")).toArray();
    bool creating = cs.isEmpty();
    for (const QJsonValue &c : cs)
        creating = creating || c.toObject().value(QLatin1String("state")).toObject().value(QLatin1String("waiting")).toObject()
                                       .value(QLatin1String("reason")).toString() == QLatin1String("ContainerCreating");
    if (podTerminal(pod))
        return;
    switch (t.kind) {
    case TaskKind::Schedule:
        if (!scheduled)
            schedulePod(s, pod);
        else if (creating)
            startPod(s, pod);
        break;
    case TaskKind::Start:
        if (scheduled && creating)
            startPod(s, pod);
        break;
    case TaskKind::Restart: restartPod(s, pod); break;
    case TaskKind::Complete: completePod(s, pod); break;
    }
}

void Controllers::schedulePod(State &s, QJsonObject pod)
{
    const QString key = objectKey(namespaceOf(pod), nameOf(pod));
    QJsonObject ps = spec(pod);
    if (!ps.value(QLatin1String("nodeName")).toString().isEmpty()) {
        startPod(s, pod);
        return;
    }
    QList<QJsonObject> nodes;
    for (const StoredObject *n : s.cluster->store().list(QStringLiteral("/nodes")))
        nodes << n->obj;
    QString failure;
    const QList<QJsonObject> fit = feasibleNodes(nodes, pod, &failure);
    const QString scheduler = ps.value(QLatin1String("schedulerName")).toString(QStringLiteral("default-scheduler"));
    if (fit.isEmpty()) {
        s.unschedulable.insert(key);
        PodStatusInput in;
        in.state = PodState::Unschedulable;
        in.message = failure;
        QJsonObject st = podStatus(ps, in);
        const QJsonArray old = status(pod).value(QLatin1String("conditions")).toArray();
        if (!old.isEmpty() && old.first().toObject().value(QLatin1String("message")) == failure)
            return;   // nothing new to say
        if (!old.isEmpty() && old.first().toObject().value(QLatin1String("reason")).toString() == QLatin1String("Unschedulable")) {
            QJsonObject c = st.value(QLatin1String("conditions")).toArray().first().toObject();
            c.insert(QStringLiteral("lastTransitionTime"), old.first().toObject().value(QLatin1String("lastTransitionTime")));
            st.insert(QStringLiteral("conditions"), QJsonArray{c});
        }
        pod.insert(QStringLiteral("status"), st);
        write(s, pod);
        record(s, pod, QStringLiteral("Warning"), QStringLiteral("FailedScheduling"), failure, scheduler);
        return;
    }
    s.unschedulable.remove(key);
    const QJsonObject node = fit.at(s.nextNode++ % fit.size());
    ps.insert(QStringLiteral("nodeName"), nameOf(node));
    pod.insert(QStringLiteral("spec"), ps);
    PodStatusInput in;
    in.state = PodState::ContainerCreating;
    in.podName = nameOf(pod);
    in.hostIP = nodeInternalIp(node);
    in.startTime = nowTime();
    pod.insert(QStringLiteral("status"), podStatus(ps, in));
    s.queuedPods.insert(key);   // the Start task below; keeps the watcher from queueing another
    const QJsonObject stored = write(s, pod);
    if (stored.isEmpty()) {
        s.queuedPods.remove(key);
        return;
    }
    record(s, stored, QStringLiteral("Normal"), QStringLiteral("Scheduled"),
           QStringLiteral("Successfully assigned %1/%2 to %3").arg(namespaceOf(pod), nameOf(pod), nameOf(node)), scheduler);
    schedule(s, TaskKind::Start, key, uidOf(stored), m_timing.startDelayMs + QRandomGenerator::global()->bounded(qMax(1, m_timing.startDelayMs / 2)));
}

void Controllers::startPod(State &s, QJsonObject pod)
{
    const QJsonObject ps = spec(pod);
    const QString nodeName = ps.value(QLatin1String("nodeName")).toString();
    const StoredObject *node = s.cluster->store().get(QStringLiteral("/nodes"), QString(), nodeName);
    PodStatusInput in;
    in.podName = nameOf(pod);
    in.hostIP = node ? nodeInternalIp(node->obj) : QString();
    const QString cidr = node ? spec(node->obj).value(QLatin1String("podCIDR")).toString() : QStringLiteral("10.244.0.0/24");
    in.podIP = ps.value(QLatin1String("hostNetwork")).toBool()
        ? in.hostIP : cidr.section(QLatin1Char('.'), 0, 2) + QLatin1Char('.') + QString::number(QRandomGenerator::global()->bounded(2, 255));
    in.startTime = status(pod).value(QLatin1String("startTime")).toString(nowTime());
    in.state = intendedState(ps);
    const QString restartPolicy = ps.value(QLatin1String("restartPolicy")).toString(QStringLiteral("Always"));
    if (in.state == PodState::CrashLoopBackOff && restartPolicy == QLatin1String("Never"))
        in.state = PodState::Failed;
    in.restarts = 1;
    pod.insert(QStringLiteral("status"), podStatus(ps, in));
    const QString key = objectKey(namespaceOf(pod), nameOf(pod));
    s.queuedPods.insert(key);
    const QJsonObject stored = write(s, pod);
    s.queuedPods.remove(key);
    if (stored.isEmpty())
        return;
    const QString kubelet = QStringLiteral("kubelet");
    for (const char *list : {"initContainers", "containers"}) {
        for (const QJsonValue &cv : ps.value(QLatin1String(list)).toArray()) {
            const QJsonObject c = cv.toObject();
            const QString name = c.value(QLatin1String("name")).toString();
            const QString image = c.value(QLatin1String("image")).toString();
            const QString field = QStringLiteral("spec.%1{%2}").arg(QLatin1String(list), name);
            if (imageFailsToPull(image)) {
                record(s, stored, QStringLiteral("Normal"), QStringLiteral("Pulling"), QStringLiteral("Pulling image \"%1\"").arg(image), kubelet, nodeName, field);
                record(s, stored, QStringLiteral("Warning"), QStringLiteral("Failed"),
                       QStringLiteral("Failed to pull image \"%1\": rpc error: code = NotFound desc = failed to pull and unpack image \"%1\": failed to resolve reference \"%1\": %1: not found").arg(image),
                       kubelet, nodeName, field);
                record(s, stored, QStringLiteral("Warning"), QStringLiteral("Failed"), QStringLiteral("Error: ErrImagePull"), kubelet, nodeName, field);
                record(s, stored, QStringLiteral("Normal"), QStringLiteral("BackOff"), QStringLiteral("Back-off pulling image \"%1\"").arg(image), kubelet, nodeName, field);
                record(s, stored, QStringLiteral("Warning"), QStringLiteral("Failed"), QStringLiteral("Error: ImagePullBackOff"), kubelet, nodeName, field);
                continue;
            }
            if (c.value(QLatin1String("imagePullPolicy")).toString() == QLatin1String("Always")) {
                const int ms = 300 + QRandomGenerator::global()->bounded(2500);
                record(s, stored, QStringLiteral("Normal"), QStringLiteral("Pulling"), QStringLiteral("Pulling image \"%1\"").arg(image), kubelet, nodeName, field);
                record(s, stored, QStringLiteral("Normal"), QStringLiteral("Pulled"),
                       QStringLiteral("Successfully pulled image \"%1\" in %2ms (%2ms including waiting). Image size: %3 bytes.").arg(image).arg(ms).arg(imageSizeText(image)),
                       kubelet, nodeName, field);
            } else {
                record(s, stored, QStringLiteral("Normal"), QStringLiteral("Pulled"),
                       QStringLiteral("Container image \"%1\" already present on machine").arg(image), kubelet, nodeName, field);
            }
            record(s, stored, QStringLiteral("Normal"), QStringLiteral("Created"), QStringLiteral("Created container: %1").arg(name), kubelet, nodeName, field);
            record(s, stored, QStringLiteral("Normal"), QStringLiteral("Started"), QStringLiteral("Started container %1").arg(name), kubelet, nodeName, field);
            if (imageCrashes(image) && in.state == PodState::CrashLoopBackOff)
                record(s, stored, QStringLiteral("Warning"), QStringLiteral("BackOff"),
                       QStringLiteral("Back-off restarting failed container %1 in pod %2_%3(%4)").arg(name, nameOf(pod), namespaceOf(pod), uidOf(pod)),
                       kubelet, nodeName, field);
        }
    }
    if (in.state == PodState::CrashLoopBackOff)
        schedule(s, TaskKind::Restart, key, uidOf(stored), crashBackoffSeconds(1) * 1000);
    else if (in.state == PodState::Running && restartPolicy != QLatin1String("Always"))
        schedule(s, TaskKind::Complete, key, uidOf(stored), m_timing.jobRunMs);
}

void Controllers::restartPod(State &s, QJsonObject pod)
{
    QJsonObject st = status(pod);
    QJsonArray cs = st.value(QLatin1String("containerStatuses")).toArray();
    int restarts = 0;
    const QString now = nowTime();
    for (qsizetype i = 0; i < cs.size(); ++i) {
        QJsonObject c = cs.at(i).toObject();
        if (c.value(QLatin1String("state")).toObject().value(QLatin1String("waiting")).toObject().value(QLatin1String("reason")).toString()
            != QLatin1String("CrashLoopBackOff"))
            continue;
        restarts = c.value(QLatin1String("restartCount")).toInt() + 1;
        const QString cid = containerId();
        c.insert(QStringLiteral("restartCount"), restarts);
        c.insert(QStringLiteral("containerID"), cid);
        c.insert(QStringLiteral("lastState"), QJsonObject{{QStringLiteral("terminated"), QJsonObject{
            {QStringLiteral("exitCode"), 1}, {QStringLiteral("reason"), QStringLiteral("Error")},
            {QStringLiteral("startedAt"), timeAgo(2)}, {QStringLiteral("finishedAt"), now}, {QStringLiteral("containerID"), cid}}}});
        c.insert(QStringLiteral("state"), QJsonObject{{QStringLiteral("waiting"), QJsonObject{
            {QStringLiteral("reason"), QStringLiteral("CrashLoopBackOff")},
            {QStringLiteral("message"), QStringLiteral("back-off %1 restarting failed container=%2 pod=%3")
                                            .arg(backoffText(crashBackoffSeconds(restarts)), c.value(QLatin1String("name")).toString(), nameOf(pod))}}}});
        cs.replace(i, c);
        const QString field = QStringLiteral("spec.containers{%1}").arg(c.value(QLatin1String("name")).toString());
        const QString node = spec(pod).value(QLatin1String("nodeName")).toString();
        record(s, pod, QStringLiteral("Warning"), QStringLiteral("BackOff"),
               QStringLiteral("Back-off restarting failed container %1 in pod %2_%3(%4)")
                   .arg(c.value(QLatin1String("name")).toString(), nameOf(pod), namespaceOf(pod), uidOf(pod)),
               QStringLiteral("kubelet"), node, field);
    }
    if (restarts == 0)
        return;
    st.insert(QStringLiteral("containerStatuses"), cs);
    pod.insert(QStringLiteral("status"), st);
    const QJsonObject stored = write(s, pod);
    if (!stored.isEmpty())
        schedule(s, TaskKind::Restart, objectKey(namespaceOf(pod), nameOf(pod)), uidOf(stored), crashBackoffSeconds(restarts) * 1000);
}

void Controllers::completePod(State &s, QJsonObject pod)
{
    if (podTerminal(pod))
        return;
    const QJsonObject ps = spec(pod);
    PodStatusInput in;
    in.state = PodState::Succeeded;
    in.podName = nameOf(pod);
    in.hostIP = status(pod).value(QLatin1String("hostIP")).toString();
    in.podIP = status(pod).value(QLatin1String("podIP")).toString();
    in.startTime = status(pod).value(QLatin1String("startTime")).toString(nowTime());
    in.transitionTime = nowTime();
    pod.insert(QStringLiteral("status"), podStatus(ps, in));
    write(s, pod);
}

void Controllers::retryUnschedulable(State &s)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - s.lastUnschedulableRetryMs < 2000)
        return;
    s.lastUnschedulableRetryMs = now;
    for (const QString &key : QSet<QString>(s.unschedulable)) {
        if (s.queuedPods.contains(key))
            continue;
        const StoredObject *o = s.cluster->store().get(kPods, keyNamespace(key), keyName(key));
        if (!o) {
            s.unschedulable.remove(key);
            continue;
        }
        schedule(s, TaskKind::Schedule, key, uidOf(o->obj), 0);
    }
}

} // namespace acp::sandbox
