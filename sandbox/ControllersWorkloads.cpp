// Controllers: StatefulSet, DaemonSet, Job and CronJob.
#include "sandbox/Controllers.h"

#include "sandbox/ControllersInternal.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <algorithm>

namespace acp::sandbox {

using namespace sim;

namespace {
QJsonObject spec(const QJsonObject &o) { return o.value(QLatin1String("spec")).toObject(); }
QJsonObject status(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject(); }

void putPositive(QJsonObject &st, const char *field, int v)
{
    if (v > 0)
        st.insert(QLatin1String(field), v);
}

bool writeStatusIfChanged(const SimCluster &cluster, const QString &skey, const QJsonObject &obj, const QJsonObject &st,
                          QJsonObject *out)
{
    const StoredObject *c = cluster.store().get(skey, namespaceOf(obj), nameOf(obj));
    if (!c || status(c->obj) == st)
        return false;
    *out = c->obj;
    out->insert(QStringLiteral("status"), st);
    return true;
}

const QJsonArray &daemonTolerations()
{
    static const QJsonArray t = [] {
        QJsonArray a;
        for (const auto &[key, effect] : {std::pair{"node.kubernetes.io/not-ready", "NoExecute"},
                                          std::pair{"node.kubernetes.io/unreachable", "NoExecute"},
                                          std::pair{"node.kubernetes.io/disk-pressure", "NoSchedule"},
                                          std::pair{"node.kubernetes.io/memory-pressure", "NoSchedule"},
                                          std::pair{"node.kubernetes.io/pid-pressure", "NoSchedule"},
                                          std::pair{"node.kubernetes.io/unschedulable", "NoSchedule"}})
            a << QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)},
                             {QStringLiteral("operator"), QStringLiteral("Exists")},
                             {QStringLiteral("effect"), QString::fromLatin1(effect)}};
        return a;
    }();
    return t;
}

// The node a DaemonSet pod targets (spec.nodeName, else its matchFields metadata.name affinity).
QString daemonPodNode(const QJsonObject &pod)
{
    const QJsonObject sp = spec(pod);
    if (!sp.value(QLatin1String("nodeName")).toString().isEmpty())
        return sp.value(QLatin1String("nodeName")).toString();
    const QJsonArray terms = sp.value(QLatin1String("affinity")).toObject().value(QLatin1String("nodeAffinity")).toObject()
                                 .value(QLatin1String("requiredDuringSchedulingIgnoredDuringExecution")).toObject()
                                 .value(QLatin1String("nodeSelectorTerms")).toArray();
    for (const QJsonValue &t : terms)
        for (const QJsonValue &f : t.toObject().value(QLatin1String("matchFields")).toArray())
            if (f.toObject().value(QLatin1String("key")).toString() == QLatin1String("metadata.name"))
                return f.toObject().value(QLatin1String("values")).toArray().first().toString();
    return QString();
}

QJsonObject jobCondition(const char *type, const QString &reason, const QString &message)
{
    const QString now = nowTime();
    QJsonObject c{{QStringLiteral("type"), QString::fromLatin1(type)}, {QStringLiteral("status"), QStringLiteral("True")},
                  {QStringLiteral("lastProbeTime"), now}, {QStringLiteral("lastTransitionTime"), now}};
    if (!reason.isEmpty())
        c.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        c.insert(QStringLiteral("message"), message);
    return c;
}
} // namespace

namespace ctl {
bool jobFinished(const QJsonObject &job, QString *type)
{
    for (const QJsonValue &c : status(job).value(QLatin1String("conditions")).toArray()) {
        const QJsonObject co = c.toObject();
        const QString t = co.value(QLatin1String("type")).toString();
        if ((t == QLatin1String("Complete") || t == QLatin1String("Failed")) && co.value(QLatin1String("status")).toString() == QLatin1String("True")) {
            if (type)
                *type = t;
            return true;
        }
    }
    return false;
}
} // namespace ctl

void Controllers::reconcileStatefulSet(State &s, const QString &key)
{
    const QString ns = keyNamespace(key);
    const QString skey = QStringLiteral("apps/statefulsets");
    const StoredObject *o = s.cluster->store().get(skey, ns, keyName(key));
    if (!o || isDeleting(o->obj))
        return;
    const QJsonObject sts = o->obj;
    const QJsonObject sp = spec(sts);
    const QString name = nameOf(sts);
    const int desired = intField(sp, "replicas", 1);
    const bool parallel = sp.value(QLatin1String("podManagementPolicy")).toString() == QLatin1String("Parallel");
    const QJsonObject tmpl = sp.value(QLatin1String("template")).toObject();
    const QString revision = name + QLatin1Char('-') + templateHash(tmpl);
    const QString component = QStringLiteral("statefulset-controller");

    QHash<int, QJsonObject> byOrdinal;
    for (const QJsonObject &p : ownedPods(s, uidOf(sts))) {
        const QString pn = nameOf(p);
        if (pn.startsWith(name + QLatin1Char('-')))
            byOrdinal.insert(pn.mid(name.size() + 1).toInt(), p);
    }
    bool blocked = false;
    for (int i = 0; i < desired && !blocked; ++i) {
        const auto it = byOrdinal.constFind(i);
        if (it != byOrdinal.constEnd()) {
            blocked = !parallel && (!podReady(*it) || isDeleting(*it));
            continue;
        }
        const QString podName = QStringLiteral("%1-%2").arg(name).arg(i);
        QJsonObject podTmpl = tmpl;
        QJsonObject podSpec = spec(podTmpl);
        podSpec.insert(QStringLiteral("hostname"), podName);
        if (!sp.value(QLatin1String("serviceName")).toString().isEmpty())
            podSpec.insert(QStringLiteral("subdomain"), sp.value(QLatin1String("serviceName")).toString());
        QJsonArray volumes = podSpec.value(QLatin1String("volumes")).toArray();
        for (const QJsonValue &vct : sp.value(QLatin1String("volumeClaimTemplates")).toArray()) {
            const QString claimTmpl = nameOf(vct.toObject());
            const QString claim = QStringLiteral("%1-%2").arg(claimTmpl, podName);
            volumes << QJsonObject{{QStringLiteral("name"), claimTmpl},
                                   {QStringLiteral("persistentVolumeClaim"), QJsonObject{{QStringLiteral("claimName"), claim}}}};
            if (s.cluster->store().get(QStringLiteral("/persistentvolumeclaims"), ns, claim))
                continue;
            QJsonObject pvcSpec = spec(vct.toObject());
            if (!pvcSpec.contains(QLatin1String("volumeMode")))
                pvcSpec.insert(QStringLiteral("volumeMode"), QStringLiteral("Filesystem"));
            const QString pvName = QStringLiteral("pvc-") + newUid();
            pvcSpec.insert(QStringLiteral("volumeName"), pvName);
            const QJsonValue storage = pvcSpec.value(QLatin1String("resources")).toObject().value(QLatin1String("requests")).toObject()
                                           .value(QLatin1String("storage"));
            QJsonObject pvc{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
                            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), claim}, {QStringLiteral("namespace"), ns},
                                                                     {QStringLiteral("labels"), sp.value(QLatin1String("selector")).toObject().value(QLatin1String("matchLabels"))}}},
                            {QStringLiteral("spec"), pvcSpec},
                            {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Bound")},
                                                                   {QStringLiteral("accessModes"), pvcSpec.value(QLatin1String("accessModes"))},
                                                                   {QStringLiteral("capacity"), QJsonObject{{QStringLiteral("storage"), storage}}}}}};
            if (createObject(s, pvc))
                record(s, sts, QStringLiteral("Normal"), QStringLiteral("SuccessfulCreate"),
                       QStringLiteral("create Claim %1 Pod %2 in StatefulSet %3 success").arg(claim, podName, name), component);
        }
        if (!volumes.isEmpty())
            podSpec.insert(QStringLiteral("volumes"), volumes);
        podTmpl.insert(QStringLiteral("spec"), podSpec);
        const QJsonObject pod = podFromTemplate(sts, podTmpl, podName,
                                                QJsonObject{{QStringLiteral("controller-revision-hash"), revision},
                                                            {QStringLiteral("statefulset.kubernetes.io/pod-name"), podName},
                                                            {QStringLiteral("apps.kubernetes.io/pod-index"), QString::number(i)}});
        if (createObject(s, pod))
            record(s, sts, QStringLiteral("Normal"), QStringLiteral("SuccessfulCreate"),
                   QStringLiteral("create Pod %1 in StatefulSet %2 successful").arg(podName, name), component);
        blocked = !parallel;
    }
    // Scale down from the highest ordinal; roll outdated pods one at a time once all are ready.
    QList<int> ordinals = byOrdinal.keys();
    std::sort(ordinals.begin(), ordinals.end(), std::greater<int>());
    bool allReady = int(byOrdinal.size()) >= desired;
    for (int i : std::as_const(ordinals))
        allReady = allReady && (i >= desired || podReady(byOrdinal.value(i)));
    for (int i : std::as_const(ordinals)) {
        const QJsonObject &p = byOrdinal[i];
        const bool outdated = labelsOf(p).value(QLatin1String("controller-revision-hash")).toString() != revision;
        if (isDeleting(p) || (i < desired && (!outdated || !allReady)))
            continue;
        removeObject(s, QStringLiteral("v1"), QStringLiteral("Pod"), ns, nameOf(p));
        record(s, sts, QStringLiteral("Normal"), QStringLiteral("SuccessfulDelete"),
               QStringLiteral("delete Pod %1 in StatefulSet %2 successful").arg(nameOf(p), name), component);
        if (!parallel)
            break;
    }
    int replicas = 0, ready = 0, updated = 0;
    for (const QJsonObject &p : ownedPods(s, uidOf(sts))) {
        if (podTerminal(p))
            continue;
        ++replicas;
        ready += podReady(p) ? 1 : 0;
        updated += labelsOf(p).value(QLatin1String("controller-revision-hash")).toString() == revision ? 1 : 0;
    }
    QJsonObject st{{QStringLiteral("replicas"), replicas}};
    st.insert(QStringLiteral("observedGeneration"), meta(sts).value(QLatin1String("generation")).toInt(1));
    putPositive(st, "readyReplicas", ready);
    putPositive(st, "availableReplicas", ready);
    putPositive(st, "currentReplicas", updated == replicas ? replicas : replicas - updated);
    putPositive(st, "updatedReplicas", updated);
    const QString previousCurrent = status(sts).value(QLatin1String("currentRevision")).toString();
    st.insert(QStringLiteral("currentRevision"), updated == replicas || previousCurrent.isEmpty() ? revision : previousCurrent);
    st.insert(QStringLiteral("updateRevision"), revision);
    st.insert(QStringLiteral("collisionCount"), 0);
    QJsonObject latest;
    if (writeStatusIfChanged(*s.cluster, skey, sts, st, &latest))
        write(s, latest);
}

void Controllers::reconcileDaemonSet(State &s, const QString &key)
{
    const QString ns = keyNamespace(key);
    const QString skey = QStringLiteral("apps/daemonsets");
    const StoredObject *o = s.cluster->store().get(skey, ns, keyName(key));
    if (!o || isDeleting(o->obj))
        return;
    const QJsonObject ds = o->obj;
    const QJsonObject sp = spec(ds);
    const QJsonObject tmpl = sp.value(QLatin1String("template")).toObject();
    const QString hash = templateHash(tmpl);
    QJsonArray tolerations = spec(tmpl).value(QLatin1String("tolerations")).toArray();
    for (const QJsonValue &t : daemonTolerations())
        if (!tolerations.contains(t))
            tolerations << t;
    const QString component = QStringLiteral("daemonset-controller");

    QHash<QString, QList<QJsonObject>> byNode;
    for (const QJsonObject &p : ownedPods(s, uidOf(ds)))
        if (!isDeleting(p))
            byNode[daemonPodNode(p)] << p;
    int desired = 0, scheduled = 0, ready = 0, updated = 0, misscheduled = 0;
    QSet<QString> nodes;
    for (const StoredObject *n : s.cluster->store().list(QStringLiteral("/nodes"))) {
        const QString node = nameOf(n->obj);
        nodes.insert(node);
        const bool selected = matchesNode(spec(tmpl), n->obj);
        const bool shouldRun = selected && toleratesNode(tolerations, n->obj);
        const bool keep = selected && toleratesNode(tolerations, n->obj, true);
        QList<QJsonObject> pods = byNode.value(node);
        if (shouldRun || (keep && !pods.isEmpty()))
            ++desired;
        if (pods.isEmpty() && shouldRun) {
            QJsonObject podTmpl = tmpl;
            QJsonObject podSpec = spec(podTmpl);
            QJsonObject affinity = podSpec.value(QLatin1String("affinity")).toObject();
            affinity.insert(QStringLiteral("nodeAffinity"), QJsonObject{{QStringLiteral("requiredDuringSchedulingIgnoredDuringExecution"),
                QJsonObject{{QStringLiteral("nodeSelectorTerms"), QJsonArray{QJsonObject{{QStringLiteral("matchFields"), QJsonArray{QJsonObject{
                    {QStringLiteral("key"), QStringLiteral("metadata.name")}, {QStringLiteral("operator"), QStringLiteral("In")},
                    {QStringLiteral("values"), QJsonArray{node}}}}}}}}}}});
            podSpec.insert(QStringLiteral("affinity"), affinity);
            podSpec.insert(QStringLiteral("tolerations"), tolerations);
            podTmpl.insert(QStringLiteral("spec"), podSpec);
            const QString name = freeName(*s.cluster, QStringLiteral("/pods"), ns, nameOf(ds) + QLatin1Char('-'));
            const QJsonObject pod = podFromTemplate(ds, podTmpl, name, QJsonObject{
                {QStringLiteral("controller-revision-hash"), hash},
                {QStringLiteral("pod-template-generation"), QString::number(meta(ds).value(QLatin1String("generation")).toInt(1))}});
            if (createObject(s, pod))
                record(s, ds, QStringLiteral("Normal"), QStringLiteral("SuccessfulCreate"), QStringLiteral("Created pod: %1").arg(name), component);
            continue;
        }
        for (int i = 0; i < pods.size(); ++i) {
            const bool outdated = labelsOf(pods[i]).value(QLatin1String("controller-revision-hash")).toString() != hash;
            if (i > 0 || (!keep && !shouldRun) || (outdated && podReady(pods[i]))) {
                removeObject(s, QStringLiteral("v1"), QStringLiteral("Pod"), ns, nameOf(pods[i]));
                record(s, ds, QStringLiteral("Normal"), QStringLiteral("SuccessfulDelete"), QStringLiteral("Deleted pod: %1").arg(nameOf(pods[i])), component);
                continue;
            }
            ++scheduled;
            ready += podReady(pods[i]) ? 1 : 0;
            updated += outdated ? 0 : 1;
        }
    }
    for (auto it = byNode.cbegin(); it != byNode.cend(); ++it) {
        if (nodes.contains(it.key()))
            continue;
        misscheduled += int(it->size());
        for (const QJsonObject &p : *it)
            removeObject(s, QStringLiteral("v1"), QStringLiteral("Pod"), ns, nameOf(p));
    }
    QJsonObject st{{QStringLiteral("currentNumberScheduled"), scheduled},
                   {QStringLiteral("desiredNumberScheduled"), desired},
                   {QStringLiteral("numberMisscheduled"), misscheduled},
                   {QStringLiteral("numberReady"), ready},
                   {QStringLiteral("observedGeneration"), meta(ds).value(QLatin1String("generation")).toInt(1)}};
    putPositive(st, "numberAvailable", ready);
    putPositive(st, "numberUnavailable", desired - ready);
    putPositive(st, "updatedNumberScheduled", updated);
    QJsonObject latest;
    if (writeStatusIfChanged(*s.cluster, skey, ds, st, &latest))
        write(s, latest);
}

void Controllers::reconcileJob(State &s, const QString &key)
{
    const QString ns = keyNamespace(key);
    const QString skey = QStringLiteral("batch/jobs");
    const StoredObject *o = s.cluster->store().get(skey, ns, keyName(key));
    if (!o || isDeleting(o->obj) || jobFinished(o->obj))
        return;
    const QJsonObject job = o->obj;
    const QJsonObject sp = spec(job);
    const int parallelism = intField(sp, "parallelism", 1);
    const int completions = intField(sp, "completions", 1);
    const int backoffLimit = intField(sp, "backoffLimit", 6);
    const QString component = QStringLiteral("job-controller");
    QList<QJsonObject> active;
    int succeeded = 0, failed = 0, ready = 0;
    for (const QJsonObject &p : ownedPods(s, uidOf(job))) {
        const QString phase = status(p).value(QLatin1String("phase")).toString();
        if (phase == QLatin1String("Succeeded"))
            ++succeeded;
        else if (phase == QLatin1String("Failed"))
            ++failed;
        else if (!isDeleting(p)) {
            active << p;
            ready += podReady(p) ? 1 : 0;
        }
    }
    QJsonObject st = status(job);
    if (!st.contains(QLatin1String("startTime")))
        st.insert(QStringLiteral("startTime"), nowTime());
    QJsonArray conditions = st.value(QLatin1String("conditions")).toArray();
    if (succeeded >= completions) {
        conditions << jobCondition("SuccessCriteriaMet", QStringLiteral("CompletionsReached"), QStringLiteral("Reached expected number of succeeded pods"))
                   << jobCondition("Complete", QStringLiteral("CompletionsReached"), QStringLiteral("Reached expected number of succeeded pods"));
        st.insert(QStringLiteral("completionTime"), nowTime());
        record(s, job, QStringLiteral("Normal"), QStringLiteral("Completed"), QStringLiteral("Job completed"), component);
    } else if (failed > backoffLimit) {
        conditions << jobCondition("FailureTarget", QStringLiteral("BackoffLimitExceeded"), QStringLiteral("Job has reached the specified backoff limit"))
                   << jobCondition("Failed", QStringLiteral("BackoffLimitExceeded"), QStringLiteral("Job has reached the specified backoff limit"));
        for (const QJsonObject &p : std::as_const(active))
            removeObject(s, QStringLiteral("v1"), QStringLiteral("Pod"), ns, nameOf(p));
        active.clear();
        record(s, job, QStringLiteral("Warning"), QStringLiteral("BackoffLimitExceeded"), QStringLiteral("Job has reached the specified backoff limit"), component);
    } else if (!sp.value(QLatin1String("suspend")).toBool()) {
        const int want = qMin(parallelism, completions - succeeded) - int(active.size());
        const QString jobUid = uidOf(job);
        const QJsonObject extra{{QStringLiteral("batch.kubernetes.io/controller-uid"), jobUid},
                                {QStringLiteral("batch.kubernetes.io/job-name"), nameOf(job)},
                                {QStringLiteral("controller-uid"), jobUid},
                                {QStringLiteral("job-name"), nameOf(job)}};
        for (int i = 0; i < want; ++i) {
            const QString name = freeName(*s.cluster, QStringLiteral("/pods"), ns, nameOf(job) + QLatin1Char('-'));
            QJsonObject stored;
            if (!createObject(s, podFromTemplate(job, sp.value(QLatin1String("template")).toObject(), name, extra), &stored))
                break;
            active << stored;
            record(s, job, QStringLiteral("Normal"), QStringLiteral("SuccessfulCreate"), QStringLiteral("Created pod: %1").arg(name), component);
        }
    }
    st.insert(QStringLiteral("conditions"), conditions);
    if (conditions.isEmpty())
        st.remove(QStringLiteral("conditions"));
    st.remove(QStringLiteral("active"));
    putPositive(st, "active", int(active.size()));
    st.remove(QStringLiteral("succeeded"));
    putPositive(st, "succeeded", succeeded);
    st.remove(QStringLiteral("failed"));
    putPositive(st, "failed", failed);
    st.insert(QStringLiteral("ready"), ready);
    st.insert(QStringLiteral("terminating"), 0);
    st.insert(QStringLiteral("uncountedTerminatedPods"), QJsonObject());
    QJsonObject latest;
    if (writeStatusIfChanged(*s.cluster, skey, job, st, &latest))
        write(s, latest);
}

} // namespace acp::sandbox
