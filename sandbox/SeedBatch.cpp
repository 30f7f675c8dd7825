// Seed: StatefulSets (with their PVCs), Jobs and CronJobs.
#include "sandbox/Controllers.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>

namespace acp::sandbox::seed {

namespace {

QJsonObject secured(QJsonObject c, int uid)
{
    QJsonObject sc = restrictedSecurityContext();
    if (uid > 0)
        sc.insert(QStringLiteral("runAsUser"), uid);
    c.insert(QStringLiteral("securityContext"), sc);
    return c;
}

QJsonObject jobObject(const QString &ns, const QString &name, const QJsonObject &podSpec, qint64 age, const QJsonObject &owner)
{
    const QString uid = sim::newUid();
    const QJsonObject podLabels{{QStringLiteral("batch.kubernetes.io/controller-uid"), uid},
                                {QStringLiteral("batch.kubernetes.io/job-name"), name},
                                {QStringLiteral("controller-uid"), uid},
                                {QStringLiteral("job-name"), name}};
    QJsonObject job = object("batch/v1", "Job", ns, name, owner.isEmpty() ? QJsonObject{{QStringLiteral("app"), name}} : QJsonObject(), age);
    sim::setMetaField(job, QStringLiteral("uid"), uid);
    sim::setMetaField(job, QStringLiteral("generation"), 1);
    if (!owner.isEmpty())
        sim::setMetaField(job, QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(owner)});
    job.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("backoffLimit"), 6}, {QStringLiteral("completionMode"), QStringLiteral("NonIndexed")},
        {QStringLiteral("completions"), 1}, {QStringLiteral("parallelism"), 1}, {QStringLiteral("suspend"), false},
        {QStringLiteral("manualSelector"), false}, {QStringLiteral("podReplacementPolicy"), QStringLiteral("TerminatingOrFailed")},
        {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), QJsonObject{{QStringLiteral("batch.kubernetes.io/controller-uid"), uid}}}}},
        {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), podLabels}}},
                                                 {QStringLiteral("spec"), podSpec}}}});
    return job;
}

// A Job that ran `age` seconds ago and succeeded after `runSeconds`, with its pod.
QJsonObject completedJob(Writer &w, NodePool &nodes, QJsonObject job, int runSeconds)
{
    const qint64 age = sim::secondsSince(metaStr(job, "creationTimestamp"));
    const QString done = sim::timeAgo(qMax<qint64>(0, age - runSeconds));
    const QJsonObject tmpl = job.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    auto condition = [&done](const char *type) {
        return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)}, {QStringLiteral("status"), QStringLiteral("True")},
                           {QStringLiteral("reason"), QStringLiteral("CompletionsReached")},
                           {QStringLiteral("message"), QStringLiteral("Reached expected number of succeeded pods")},
                           {QStringLiteral("lastProbeTime"), done}, {QStringLiteral("lastTransitionTime"), done}};
    };
    job.insert(QStringLiteral("status"), QJsonObject{
        {QStringLiteral("startTime"), metaStr(job, "creationTimestamp")}, {QStringLiteral("completionTime"), done},
        {QStringLiteral("succeeded"), 1}, {QStringLiteral("ready"), 0}, {QStringLiteral("terminating"), 0},
        {QStringLiteral("uncountedTerminatedPods"), QJsonObject()},
        {QStringLiteral("conditions"), QJsonArray{condition("SuccessCriteriaMet"), condition("Complete")}}});
    job = w.put(job);
    const QString podName = nameOf(job) + QLatin1Char('-') + sim::randomSuffix(5);
    QJsonObject pod = makePod(namespaceOf(job), podName, tmpl.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject(),
                              tmpl.value(QLatin1String("spec")).toObject(), job, nodes, sim::PodState::Succeeded, age);
    w.put(pod);
    return job;
}

} // namespace

void seedStatefulSet(Writer &w, NodePool &nodes, const QString &ns, const QString &name, const QString &image, int replicas, int port)
{
    const qint64 age = 86400 * 15;
    const QJsonObject labels{{QStringLiteral("app"), name}};
    QJsonObject c = secured(container(name, image, "250m", "512Mi", "1", "1Gi", port), 999);
    c.insert(QStringLiteral("volumeMounts"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("data")},
                                                                    {QStringLiteral("mountPath"), QStringLiteral("/var/lib/%1").arg(name)}}});
    const QJsonObject claimSpec{{QStringLiteral("accessModes"), QJsonArray{QStringLiteral("ReadWriteOnce")}},
                                {QStringLiteral("resources"), QJsonObject{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("storage"), QStringLiteral("20Gi")}}}}},
                                {QStringLiteral("storageClassName"), QStringLiteral("local-path")},
                                {QStringLiteral("volumeMode"), QStringLiteral("Filesystem")}};
    QJsonObject sts = object("apps/v1", "StatefulSet", ns, name, labels, age);
    sts.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("replicas"), replicas}, {QStringLiteral("serviceName"), name},
        {QStringLiteral("podManagementPolicy"), QStringLiteral("OrderedReady")},
        {QStringLiteral("revisionHistoryLimit"), 10}, {QStringLiteral("minReadySeconds"), 0},
        {QStringLiteral("persistentVolumeClaimRetentionPolicy"), QJsonObject{{QStringLiteral("whenDeleted"), QStringLiteral("Retain")},
                                                                             {QStringLiteral("whenScaled"), QStringLiteral("Retain")}}},
        {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
        {QStringLiteral("updateStrategy"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                                                       {QStringLiteral("rollingUpdate"), QJsonObject{{QStringLiteral("partition"), 0}}}}},
        {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                                                 {QStringLiteral("spec"), QJsonObject{{QStringLiteral("containers"), QJsonArray{c}},
                                                                                      {QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("fsGroup"), 999}}}}}}},
        {QStringLiteral("volumeClaimTemplates"), QJsonArray{QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                                                        {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
                                                                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("data")}}},
                                                                        {QStringLiteral("spec"), claimSpec}}}}});
    sts = w.put(sts);
    const QJsonObject tmpl = sts.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    const QString revision = name + QLatin1Char('-') + sim::templateHash(tmpl);

    QJsonObject svc = object("v1", "Service", ns, name, labels, age);
    svc.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("clusterIP"), QStringLiteral("None")}, {QStringLiteral("clusterIPs"), QJsonArray{QStringLiteral("None")}},
        {QStringLiteral("selector"), labels},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("tcp")}, {QStringLiteral("port"), port},
                                                         {QStringLiteral("protocol"), QStringLiteral("TCP")}, {QStringLiteral("targetPort"), port}}}}});
    w.put(svc);

    int ready = 0;
    for (int i = 0; i < replicas; ++i) {
        const QString podName = QStringLiteral("%1-%2").arg(name).arg(i);
        const QString claim = QStringLiteral("data-") + podName;
        // The PVC, bound to a PV (what the StatefulSet controller and the provisioner do).
        QJsonObject claimObj = object("v1", "PersistentVolumeClaim", ns, claim, labels, age - i * 40);
        claimObj.insert(QStringLiteral("spec"), claimSpec);
        const QString pvName = QStringLiteral("pvc-") + sim::newUid();
        QJsonObject cs = claimSpec;
        cs.insert(QStringLiteral("volumeName"), pvName);
        claimObj.insert(QStringLiteral("spec"), cs);
        claimObj.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Bound")},
                                                              {QStringLiteral("accessModes"), claimSpec.value(QLatin1String("accessModes"))},
                                                              {QStringLiteral("capacity"), QJsonObject{{QStringLiteral("storage"), QStringLiteral("20Gi")}}}});
        claimObj = w.put(claimObj);
        QJsonObject pv = object("v1", "PersistentVolume", QString(), pvName, {}, age - i * 40);
        pv.insert(QStringLiteral("spec"), QJsonObject{
            {QStringLiteral("accessModes"), claimSpec.value(QLatin1String("accessModes"))},
            {QStringLiteral("capacity"), QJsonObject{{QStringLiteral("storage"), QStringLiteral("20Gi")}}},
            {QStringLiteral("claimRef"), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
                                                     {QStringLiteral("name"), claim}, {QStringLiteral("namespace"), ns}, {QStringLiteral("uid"), uidOf(claimObj)}}},
            {QStringLiteral("hostPath"), QJsonObject{{QStringLiteral("path"), QStringLiteral("/opt/local-path-provisioner/%1_%2_%3").arg(pvName, ns, claim)},
                                                     {QStringLiteral("type"), QStringLiteral("DirectoryOrCreate")}}},
            {QStringLiteral("persistentVolumeReclaimPolicy"), QStringLiteral("Delete")},
            {QStringLiteral("storageClassName"), QStringLiteral("local-path")}, {QStringLiteral("volumeMode"), QStringLiteral("Filesystem")}});
        pv.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Bound")}});
        w.put(pv);

        QJsonObject spec = tmpl.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("hostname"), podName);
        spec.insert(QStringLiteral("subdomain"), name);
        spec.insert(QStringLiteral("volumes"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("data")},
                                                                      {QStringLiteral("persistentVolumeClaim"), QJsonObject{{QStringLiteral("claimName"), claim}}}}});
        QJsonObject podLabels = labels;
        podLabels.insert(QStringLiteral("controller-revision-hash"), revision);
        podLabels.insert(QStringLiteral("statefulset.kubernetes.io/pod-name"), podName);
        podLabels.insert(QStringLiteral("apps.kubernetes.io/pod-index"), QString::number(i));
        const QJsonObject pod = makePod(ns, podName, podLabels, spec, sts, nodes, sim::PodState::Running, age - i * 40);
        ready += sim::podReady(pod) ? 1 : 0;
        w.put(pod);
    }
    QJsonObject st{{QStringLiteral("replicas"), replicas}, {QStringLiteral("observedGeneration"), 1},
                   {QStringLiteral("currentRevision"), revision}, {QStringLiteral("updateRevision"), revision},
                   {QStringLiteral("collisionCount"), 0}};
    if (ready > 0) {
        st.insert(QStringLiteral("readyReplicas"), ready);
        st.insert(QStringLiteral("availableReplicas"), ready);
    }
    if (replicas > 0) {
        st.insert(QStringLiteral("currentReplicas"), replicas);
        st.insert(QStringLiteral("updatedReplicas"), replicas);
    }
    sts.insert(QStringLiteral("status"), st);
    w.put(sts);
}

void seedJobs(Writer &w, NodePool &nodes, const QString &ns)
{
    const QString project = ns.section(QLatin1Char('-'), 0, 0);
    QJsonObject migrate = secured(container(QStringLiteral("migrate"), QStringLiteral("registry.example.com/%1/migrate:1.8.2").arg(project),
                                            "100m", "128Mi", "500m", "256Mi"), 1000);
    migrate.insert(QStringLiteral("args"), QJsonArray{QStringLiteral("up")});
    completedJob(w, nodes, jobObject(ns, QStringLiteral("db-migrate"), QJsonObject{{QStringLiteral("containers"), QJsonArray{migrate}},
                                                                                  {QStringLiteral("restartPolicy"), QStringLiteral("Never")}},
                                     86400 * 2, {}), 42);

    // CronJob: nightly at 02:00 UTC; its last run completed.
    QDateTime last = QDateTime::currentDateTimeUtc();
    last.setTime(QTime(2, 0));
    if (last > QDateTime::currentDateTimeUtc())
        last = last.addDays(-1);
    QJsonObject backup = secured(container(QStringLiteral("backup"), QStringLiteral("postgres:16.4"), "100m", "128Mi", "500m", "512Mi"), 999);
    backup.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                                                        QStringLiteral("pg_dump -h postgres -U app app | gzip > /backup/app-$(date +%F).sql.gz")});
    const QJsonObject podSpec{{QStringLiteral("containers"), QJsonArray{backup}}, {QStringLiteral("restartPolicy"), QStringLiteral("OnFailure")}};
    QJsonObject cj = object("batch/v1", "CronJob", ns, QStringLiteral("nightly-backup"), QJsonObject{{QStringLiteral("app"), QStringLiteral("nightly-backup")}}, 86400 * 15);
    sim::setMetaField(cj, QStringLiteral("uid"), sim::newUid());
    sim::setMetaField(cj, QStringLiteral("generation"), 1);
    cj.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("schedule"), QStringLiteral("0 2 * * *")}, {QStringLiteral("concurrencyPolicy"), QStringLiteral("Forbid")},
        {QStringLiteral("successfulJobsHistoryLimit"), 3}, {QStringLiteral("failedJobsHistoryLimit"), 1}, {QStringLiteral("suspend"), false},
        {QStringLiteral("jobTemplate"), QJsonObject{{QStringLiteral("metadata"), QJsonObject()},
                                                    {QStringLiteral("spec"), QJsonObject{{QStringLiteral("backoffLimit"), 2},
                                                                                         {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject()},
                                                                                                                                  {QStringLiteral("spec"), podSpec}}}}}}}});
    const qint64 lastAge = last.secsTo(QDateTime::currentDateTimeUtc());
    const QString jobName = QStringLiteral("nightly-backup-%1").arg(last.toSecsSinceEpoch() / 60);
    QJsonObject job = jobObject(ns, jobName, podSpec, qMax<qint64>(1, lastAge), cj);
    sim::setAnnotation(job, QStringLiteral("batch.kubernetes.io/cronjob-scheduled-timestamp"), sim::rfc3339(last));
    job = completedJob(w, nodes, job, 95);
    cj.insert(QStringLiteral("status"), QJsonObject{
        {QStringLiteral("lastScheduleTime"), sim::rfc3339(last)},
        {QStringLiteral("lastSuccessfulTime"), job.value(QLatin1String("status")).toObject().value(QLatin1String("completionTime"))}});
    w.put(cj);
}

} // namespace acp::sandbox::seed
