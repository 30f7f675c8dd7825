// Controllers: Deployment, ReplicaSet, StatefulSet and DaemonSet.
#include "sandbox/Controllers.h"

#include "models/LabelSelector.h"
#include "sandbox/ControllersInternal.h"
#include "sandbox/SimCluster.h"

#include <algorithm>
#include <cmath>

namespace acp::sandbox {

using namespace sim;

namespace {
const QString kDeployments = QStringLiteral("apps/deployments");
const QString kReplicaSets = QStringLiteral("apps/replicasets");
const QString kRevision = QStringLiteral("deployment.kubernetes.io/revision");
const QString kHashLabel = QStringLiteral("pod-template-hash");
const QString kDeploymentController = QStringLiteral("deployment-controller");

QJsonObject spec(const QJsonObject &o) { return o.value(QLatin1String("spec")).toObject(); }
QJsonObject status(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject(); }
int specReplicas(const QJsonObject &o) { return intField(spec(o), "replicas", 1); }
int statusInt(const QJsonObject &o, const char *f) { return status(o).value(QLatin1String(f)).toInt(); }

// intstr percentages as the deployment controller resolves them.
int resolveIntOrPercent(const QJsonValue &v, int total, bool roundUp, int fallbackPercent)
{
    if (v.isDouble())
        return v.toInt();
    QString s = v.toString();
    if (s.isEmpty())
        s = QString::number(fallbackPercent) + QLatin1Char('%');
    if (s.endsWith(QLatin1Char('%'))) {
        const double p = s.chopped(1).toDouble() * total / 100.0;
        return int(roundUp ? std::ceil(p) : std::floor(p));
    }
    return s.toInt();
}

QJsonObject withoutHash(QJsonObject tmpl)
{
    QJsonObject m = tmpl.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = m.value(QLatin1String("labels")).toObject();
    labels.remove(kHashLabel);
    m.insert(QStringLiteral("labels"), labels);
    tmpl.insert(QStringLiteral("metadata"), m);
    return tmpl;
}

QJsonObject addLabel(QJsonObject tmpl, const QString &key, const QString &value)
{
    QJsonObject m = tmpl.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = m.value(QLatin1String("labels")).toObject();
    labels.insert(key, value);
    m.insert(QStringLiteral("labels"), labels);
    tmpl.insert(QStringLiteral("metadata"), m);
    return tmpl;
}

int revisionOf(const QJsonObject &rs) { return annotation(rs, kRevision).toInt(); }

// Merges two conditions lists: an unchanged condition keeps its times.
QJsonObject mergeCondition(const QJsonArray &previous, QJsonObject cond, bool hasUpdateTime)
{
    const QString now = nowTime();
    for (const QJsonValue &v : previous) {
        const QJsonObject p = v.toObject();
        if (p.value(QLatin1String("type")) != cond.value(QLatin1String("type")))
            continue;
        if (p.value(QLatin1String("status")) == cond.value(QLatin1String("status"))) {
            if (p.value(QLatin1String("reason")) == cond.value(QLatin1String("reason"))
                && p.value(QLatin1String("message")) == cond.value(QLatin1String("message")))
                return p;
            cond.insert(QStringLiteral("lastTransitionTime"), p.value(QLatin1String("lastTransitionTime")));
            if (hasUpdateTime)
                cond.insert(QStringLiteral("lastUpdateTime"), now);
            return cond;
        }
    }
    cond.insert(QStringLiteral("lastTransitionTime"), now);
    if (hasUpdateTime)
        cond.insert(QStringLiteral("lastUpdateTime"), now);
    return cond;
}

QJsonObject condition(const char *type, bool ok, const char *reason, const QString &message)
{
    return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)},
                       {QStringLiteral("status"), ok ? QStringLiteral("True") : QStringLiteral("False")},
                       {QStringLiteral("reason"), QString::fromLatin1(reason)},
                       {QStringLiteral("message"), message}};
}

void putPositive(QJsonObject &st, const char *field, int v)
{
    if (v > 0)
        st.insert(QLatin1String(field), v);
}
} // namespace

namespace ctl {
QJsonObject podFromTemplate(const QJsonObject &owner, const QJsonObject &podTemplate, const QString &name, const QJsonObject &extraLabels)
{
    const QJsonObject tm = podTemplate.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = tm.value(QLatin1String("labels")).toObject();
    for (auto it = extraLabels.begin(); it != extraLabels.end(); ++it)
        labels.insert(it.key(), it.value());
    QJsonObject m{{QStringLiteral("name"), name},
                  {QStringLiteral("namespace"), namespaceOf(owner)},
                  {QStringLiteral("labels"), labels},
                  {QStringLiteral("ownerReferences"), QJsonArray{ownerRef(owner)}}};
    if (tm.contains(QLatin1String("annotations")))
        m.insert(QStringLiteral("annotations"), tm.value(QLatin1String("annotations")));
    const QJsonObject podSpec = podTemplate.value(QLatin1String("spec")).toObject();
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("Pod")},
                       {QStringLiteral("metadata"), m},
                       {QStringLiteral("spec"), podSpec},
                       {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Pending")},
                                                              {QStringLiteral("qosClass"), qosClass(podSpec)}}}};
}

int intField(const QJsonObject &o, const char *field, int fallback)
{
    const QJsonValue v = o.value(QLatin1String(field));
    return v.isDouble() ? v.toInt() : fallback;
}

QString freeName(const SimCluster &cluster, const QString &storageKey, const QString &ns, const QString &prefix)
{
    for (;;) {
        const QString name = prefix + randomSuffix(5);
        if (!cluster.store().get(storageKey, ns, name))
            return name;
    }
}
} // namespace ctl

QJsonObject Controllers::replicaSetStatus(const QJsonObject &rs, const QList<QJsonObject> &pods, const QJsonObject &previous)
{
    int replicas = 0, ready = 0, labeled = 0;
    const QJsonObject tmplLabels = spec(rs).value(QLatin1String("template")).toObject()
                                       .value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
    for (const QJsonObject &p : pods) {
        if (isDeleting(p) || podTerminal(p))
            continue;
        ++replicas;
        if (podReady(p))
            ++ready;
        const QJsonObject labels = labelsOf(p);
        bool all = true;
        for (auto it = tmplLabels.begin(); it != tmplLabels.end() && all; ++it)
            all = labels.value(it.key()) == it.value();
        if (all)
            ++labeled;
    }
    QJsonObject st{{QStringLiteral("replicas"), replicas}};
    putPositive(st, "fullyLabeledReplicas", labeled);
    putPositive(st, "readyReplicas", ready);
    putPositive(st, "availableReplicas", ready);
    const int generation = meta(rs).value(QLatin1String("generation")).toInt();
    if (generation > 0)
        st.insert(QStringLiteral("observedGeneration"), generation);
    if (previous.contains(QLatin1String("conditions")))
        st.insert(QStringLiteral("conditions"), previous.value(QLatin1String("conditions")));
    return st;
}

QJsonObject Controllers::deploymentStatus(const QJsonObject &dep, const QList<QJsonObject> &replicaSets, const QString &newRsName,
                                          const QJsonObject &previous)
{
    const QJsonObject sp = spec(dep);
    const int desired = specReplicas(dep);
    int replicas = 0, updated = 0, ready = 0, available = 0, total = 0;
    for (const QJsonObject &rs : replicaSets) {
        total += specReplicas(rs);
        replicas += statusInt(rs, "replicas");
        ready += statusInt(rs, "readyReplicas");
        available += statusInt(rs, "availableReplicas");
        if (nameOf(rs) == newRsName)
            updated = statusInt(rs, "replicas");
    }
    const int maxUnavailable = sp.value(QLatin1String("strategy")).toObject().value(QLatin1String("type")).toString() == QLatin1String("Recreate")
        ? 0
        : resolveIntOrPercent(sp.value(QLatin1String("strategy")).toObject().value(QLatin1String("rollingUpdate")).toObject()
                                  .value(QLatin1String("maxUnavailable")), desired, false, 25);
    const qint64 generation = qint64(meta(dep).value(QLatin1String("generation")).toDouble(1));
    QJsonObject st;
    st.insert(QStringLiteral("observedGeneration"), generation);
    putPositive(st, "replicas", replicas);
    putPositive(st, "updatedReplicas", updated);
    putPositive(st, "readyReplicas", ready);
    putPositive(st, "availableReplicas", available);
    putPositive(st, "unavailableReplicas", total - available);

    const QJsonArray prev = previous.value(QLatin1String("conditions")).toArray();
    const bool availableOk = available >= desired - maxUnavailable;
    const QJsonObject availableCond = availableOk
        ? condition("Available", true, "MinimumReplicasAvailable", QStringLiteral("Deployment has minimum availability."))
        : condition("Available", false, "MinimumReplicasUnavailable", QStringLiteral("Deployment does not have minimum availability."));
    const bool complete = updated == desired && replicas == desired && available == desired;
    QJsonObject progressing;
    if (newRsName.isEmpty()) {
        progressing = condition("Progressing", true, "ReplicaSetUpdated", QStringLiteral("Deployment is progressing."));
    } else if (complete) {
        progressing = condition("Progressing", true, "NewReplicaSetAvailable",
                                QStringLiteral("ReplicaSet \"%1\" has successfully progressed.").arg(newRsName));
    } else {
        progressing = condition("Progressing", true, "ReplicaSetUpdated", QStringLiteral("ReplicaSet \"%1\" is progressing.").arg(newRsName));
        const int deadline = intField(sp, "progressDeadlineSeconds", 600);
        for (const QJsonValue &v : prev) {
            const QJsonObject p = v.toObject();
            if (p.value(QLatin1String("type")).toString() != QLatin1String("Progressing"))
                continue;
            const QString reason = p.value(QLatin1String("reason")).toString();
            if (reason == QLatin1String("ProgressDeadlineExceeded")
                || (reason == QLatin1String("ReplicaSetUpdated") && p.value(QLatin1String("message")) == progressing.value(QLatin1String("message"))
                    && secondsSince(p.value(QLatin1String("lastUpdateTime")).toString()) > deadline))
                progressing = condition("Progressing", false, "ProgressDeadlineExceeded",
                                        QStringLiteral("ReplicaSet \"%1\" has timed out progressing.").arg(newRsName));
        }
    }
    st.insert(QStringLiteral("conditions"), QJsonArray{mergeCondition(prev, availableCond, true), mergeCondition(prev, progressing, true)});
    return st;
}

void Controllers::reconcileDeployment(State &s, const QString &key)
{
    const QString ns = keyNamespace(key);
    const StoredObject *o = s.cluster->store().get(kDeployments, ns, keyName(key));
    if (!o || isDeleting(o->obj))
        return;
    QJsonObject dep = o->obj;
    const QJsonObject sp = spec(dep);
    const int desired = specReplicas(dep);
    const QJsonObject tmpl = sp.value(QLatin1String("template")).toObject();
    const QString hash = templateHash(tmpl, status(dep).value(QLatin1String("collisionCount")).toInt());
    const QString depUid = uidOf(dep);

    QList<QJsonObject> rss;
    for (const StoredObject *r : s.cluster->store().list(kReplicaSets, ns))
        if (controllerRef(r->obj).value(QLatin1String("uid")).toString() == depUid && !isDeleting(r->obj))
            rss << r->obj;
    std::sort(rss.begin(), rss.end(), [](const QJsonObject &a, const QJsonObject &b) { return revisionOf(a) < revisionOf(b); });
    int maxRevision = 0;
    int newIndex = -1;
    for (int i = 0; i < rss.size(); ++i) {
        maxRevision = qMax(maxRevision, revisionOf(rss[i]));
        if (labelsOf(rss[i]).value(kHashLabel).toString() == hash)
            newIndex = i;
    }
    if (newIndex < 0)
        for (int i = 0; i < rss.size(); ++i)
            if (withoutNulls(withoutHash(spec(rss[i]).value(QLatin1String("template")).toObject())) == withoutNulls(tmpl))
                newIndex = i;

    auto scale = [&](QJsonObject &rs, int to) {
        const int from = specReplicas(rs);
        if (from == to)
            return;
        QJsonObject rsSpec = spec(rs);
        rsSpec.insert(QStringLiteral("replicas"), to);
        rs.insert(QStringLiteral("spec"), rsSpec);
        setAnnotation(rs, QStringLiteral("deployment.kubernetes.io/desired-replicas"), QString::number(desired));
        const QJsonObject updated = write(s, rs);
        if (!updated.isEmpty())
            rs = updated;
        record(s, dep, QStringLiteral("Normal"), QStringLiteral("ScalingReplicaSet"),
               QStringLiteral("Scaled %1 replica set %2 from %3 to %4").arg(to > from ? QStringLiteral("up") : QStringLiteral("down"),
                                                                           nameOf(rs)).arg(from).arg(to),
               kDeploymentController);
    };

    const bool paused = sp.value(QLatin1String("paused")).toBool();
    const bool recreate = sp.value(QLatin1String("strategy")).toObject().value(QLatin1String("type")).toString() == QLatin1String("Recreate");
    const int surge = recreate ? 0 : resolveIntOrPercent(sp.value(QLatin1String("strategy")).toObject().value(QLatin1String("rollingUpdate")).toObject()
                                                             .value(QLatin1String("maxSurge")), desired, true, 25);
    int unavailable = recreate ? 0 : resolveIntOrPercent(sp.value(QLatin1String("strategy")).toObject().value(QLatin1String("rollingUpdate")).toObject()
                                                             .value(QLatin1String("maxUnavailable")), desired, false, 25);
    if (!recreate && surge == 0 && unavailable == 0)
        unavailable = 1;

    if (!paused && newIndex < 0) {
        int oldTotal = 0;
        for (const QJsonObject &rs : std::as_const(rss))
            oldTotal += specReplicas(rs);
        const int initial = rss.isEmpty() ? desired : recreate ? 0 : qBound(0, desired + surge - oldTotal, desired);
        QJsonObject rsTemplate = addLabel(tmpl, kHashLabel, hash);
        QJsonObject selector = sp.value(QLatin1String("selector")).toObject();
        QJsonObject matchLabels = selector.value(QLatin1String("matchLabels")).toObject();
        matchLabels.insert(kHashLabel, hash);
        selector.insert(QStringLiteral("matchLabels"), matchLabels);
        QJsonObject rsLabels = rsTemplate.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
        QJsonObject rs{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                       {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), nameOf(dep) + QLatin1Char('-') + hash},
                                                                {QStringLiteral("namespace"), ns},
                                                                {QStringLiteral("labels"), rsLabels},
                                                                {QStringLiteral("ownerReferences"), QJsonArray{ownerRef(dep)}},
                                                                {QStringLiteral("annotations"), QJsonObject{
                                                                     {QStringLiteral("deployment.kubernetes.io/desired-replicas"), QString::number(desired)},
                                                                     {QStringLiteral("deployment.kubernetes.io/max-replicas"), QString::number(desired + surge)},
                                                                     {kRevision, QString::number(maxRevision + 1)}}}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), initial},
                                                            {QStringLiteral("minReadySeconds"), intField(sp, "minReadySeconds", 0)},
                                                            {QStringLiteral("selector"), selector},
                                                            {QStringLiteral("template"), rsTemplate}}},
                       {QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), 0}}}};
        QJsonObject stored;
        if (s.cluster->store().get(kReplicaSets, ns, nameOf(rs))) {
            // A ReplicaSet of another owner has the name: bump collisionCount and retry later.
            QJsonObject st = status(dep);
            st.insert(QStringLiteral("collisionCount"), st.value(QLatin1String("collisionCount")).toInt() + 1);
            dep.insert(QStringLiteral("status"), st);
            write(s, dep);
            return;
        }
        if (!createObject(s, rs, &stored))
            return;
        record(s, dep, QStringLiteral("Normal"), QStringLiteral("ScalingReplicaSet"),
               QStringLiteral("Scaled up replica set %1 from 0 to %2").arg(nameOf(stored)).arg(initial), kDeploymentController);
        rss << stored;
        newIndex = int(rss.size()) - 1;
        maxRevision += 1;
    } else if (!paused && revisionOf(rss[newIndex]) < maxRevision) {
        setAnnotation(rss[newIndex], kRevision, QString::number(maxRevision + 1));   // rollback to an older template
        const QJsonObject updated = write(s, rss[newIndex]);
        if (!updated.isEmpty())
            rss[newIndex] = updated;
        maxRevision += 1;
    }

    if (!paused && newIndex >= 0) {
        QJsonObject &newRs = rss[newIndex];
        QList<int> old;
        for (int i = 0; i < rss.size(); ++i)
            if (i != newIndex)
                old << i;
        int oldReplicas = 0;
        for (int i : old)
            oldReplicas += specReplicas(rss[i]);
        if (recreate) {
            bool oldPods = false;
            for (int i : old) {
                scale(rss[i], 0);
                oldPods = oldPods || !ownedPods(s, uidOf(rss[i])).isEmpty();
            }
            if (!oldPods)
                scale(newRs, desired);
        } else if (oldReplicas == 0) {
            scale(newRs, desired);
        } else {
            int total = oldReplicas + specReplicas(newRs);
            if (specReplicas(newRs) < desired)
                scale(newRs, qMin(desired, specReplicas(newRs) + qMax(0, desired + surge - total)));
            else if (specReplicas(newRs) > desired)
                scale(newRs, desired);
            // Old ReplicaSets: first drop unhealthy replicas, then keep desired - maxUnavailable available.
            const int minAvailable = desired - unavailable;
            total = oldReplicas + specReplicas(newRs);
            const int newUnavailable = specReplicas(newRs) - statusInt(newRs, "availableReplicas");
            int budget = total - minAvailable - newUnavailable;
            for (int i : old) {
                if (budget <= 0)
                    break;
                const int unhealthy = qMax(0, specReplicas(rss[i]) - statusInt(rss[i], "availableReplicas"));
                const int n = qMin(unhealthy, budget);
                if (n > 0) {
                    scale(rss[i], specReplicas(rss[i]) - n);
                    budget -= n;
                }
            }
            int availableTotal = 0;
            for (const QJsonObject &rs : std::as_const(rss))
                availableTotal += qMin(specReplicas(rs), statusInt(rs, "availableReplicas"));
            int down = availableTotal - minAvailable;
            for (int i : old) {
                if (down <= 0)
                    break;
                const int n = qMin(specReplicas(rss[i]), down);
                if (n > 0) {
                    scale(rss[i], specReplicas(rss[i]) - n);
                    down -= n;
                }
            }
        }
        if (annotation(dep, kRevision) != annotation(newRs, kRevision)) {
            setAnnotation(dep, kRevision, annotation(newRs, kRevision));
            const QJsonObject updated = write(s, dep);
            if (!updated.isEmpty())
                dep = updated;
        }
        // Revision history: delete the oldest scaled-down ReplicaSets beyond the limit.
        const int limit = intField(sp, "revisionHistoryLimit", 10);
        QList<int> idle;
        for (int i : old)
            if (specReplicas(rss[i]) == 0 && statusInt(rss[i], "replicas") == 0)
                idle << i;
        for (int k = 0; k < int(idle.size()) - limit; ++k)
            removeObject(s, QStringLiteral("apps/v1"), QStringLiteral("ReplicaSet"), ns, nameOf(rss[idle[k]]));
    }

    const QString newName = newIndex >= 0 ? nameOf(rss[newIndex]) : QString();
    QList<QJsonObject> current;
    for (const QJsonObject &rs : std::as_const(rss))
        if (const StoredObject *c = s.cluster->store().get(kReplicaSets, ns, nameOf(rs)))
            current << c->obj;
    const QJsonObject st = deploymentStatus(dep, current, newName, status(dep));
    if (st != status(dep)) {
        if (const StoredObject *c = s.cluster->store().get(kDeployments, ns, nameOf(dep))) {
            QJsonObject latest = c->obj;
            latest.insert(QStringLiteral("status"), st);
            write(s, latest);
        }
    }
}

void Controllers::reconcileReplicaSet(State &s, const QString &key)
{
    const QString ns = keyNamespace(key);
    const StoredObject *o = s.cluster->store().get(kReplicaSets, ns, keyName(key));
    if (!o || isDeleting(o->obj))
        return;
    const QJsonObject rs = o->obj;
    const int desired = specReplicas(rs);
    QList<QJsonObject> pods = ownedPods(s, uidOf(rs));
    QList<QJsonObject> active;
    for (const QJsonObject &p : std::as_const(pods))
        if (!isDeleting(p) && !podTerminal(p))
            active << p;
    const QString component = QStringLiteral("replicaset-controller");
    const int diff = desired - int(active.size());
    if (diff > 0) {
        const QJsonObject tmpl = spec(rs).value(QLatin1String("template")).toObject();
        for (int i = 0; i < qMin(diff, 500); ++i) {
            const QString name = freeName(*s.cluster, QStringLiteral("/pods"), ns, nameOf(rs) + QLatin1Char('-'));
            if (!createObject(s, podFromTemplate(rs, tmpl, name)))
                break;
            record(s, rs, QStringLiteral("Normal"), QStringLiteral("SuccessfulCreate"), QStringLiteral("Created pod: %1").arg(name), component);
        }
    } else if (diff < 0) {
        // Delete unscheduled, then pending, then not-ready pods first, newest first (ActivePods order).
        auto rank = [](const QJsonObject &p) {
            if (p.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty())
                return 0;
            if (p.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() == QLatin1String("Pending"))
                return 1;
            return podReady(p) ? 3 : 2;
        };
        std::stable_sort(active.begin(), active.end(), [&rank](const QJsonObject &a, const QJsonObject &b) {
            const int ra = rank(a), rb = rank(b);
            if (ra != rb)
                return ra < rb;
            return metaStr(a, "creationTimestamp") > metaStr(b, "creationTimestamp");
        });
        for (int i = 0; i < -diff && i < active.size(); ++i) {
            removeObject(s, QStringLiteral("v1"), QStringLiteral("Pod"), ns, nameOf(active[i]));
            record(s, rs, QStringLiteral("Normal"), QStringLiteral("SuccessfulDelete"),
                   QStringLiteral("Deleted pod: %1").arg(nameOf(active[i])), component);
        }
    }
    if (const StoredObject *c = s.cluster->store().get(kReplicaSets, ns, nameOf(rs))) {
        const QJsonObject st = replicaSetStatus(c->obj, ownedPods(s, uidOf(rs)), status(c->obj));
        if (st != status(c->obj)) {
            QJsonObject latest = c->obj;
            latest.insert(QStringLiteral("status"), st);
            write(s, latest);
        }
    }
}

} // namespace acp::sandbox
