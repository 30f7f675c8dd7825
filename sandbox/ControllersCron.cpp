// Controllers: CronJob (5-field schedules and the @macros, UTC).
#include "sandbox/Controllers.h"

#include "sandbox/ControllersInternal.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QRegularExpression>
#include <algorithm>

namespace acp::sandbox {

using namespace sim;

namespace {
QJsonObject spec(const QJsonObject &o) { return o.value(QLatin1String("spec")).toObject(); }
QJsonObject status(const QJsonObject &o) { return o.value(QLatin1String("status")).toObject(); }

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

// --- cron --------------------------------------------------------------------------------
bool cronFieldMatches(const QString &field, int value, int min, int max)
{
    for (const QString &part : field.split(QLatin1Char(','))) {
        QString range = part;
        int step = 1;
        if (part.contains(QLatin1Char('/'))) {
            range = part.section(QLatin1Char('/'), 0, 0);
            step = qMax(1, part.section(QLatin1Char('/'), 1).toInt());
        }
        int lo = min, hi = max;
        if (range != QLatin1String("*") && range != QLatin1String("?")) {
            lo = range.section(QLatin1Char('-'), 0, 0).toInt();
            hi = range.contains(QLatin1Char('-')) ? range.section(QLatin1Char('-'), 1).toInt() : (part.contains(QLatin1Char('/')) ? max : lo);
        }
        if (value >= lo && value <= hi && (value - lo) % step == 0)
            return true;
    }
    return false;
}

bool cronMatches(const QStringList &f, const QDateTime &t)
{
    const QDate d = t.date();
    const bool domAny = f[2] == QLatin1String("*") || f[2] == QLatin1String("?");
    const bool dowAny = f[4] == QLatin1String("*") || f[4] == QLatin1String("?");
    const bool dom = cronFieldMatches(f[2], d.day(), 1, 31);
    const bool dow = cronFieldMatches(f[4], d.dayOfWeek() % 7, 0, 7) || (d.dayOfWeek() == 7 && cronFieldMatches(f[4], 7, 0, 7));
    const bool day = domAny || dowAny ? dom && dow : dom || dow;
    return cronFieldMatches(f[0], t.time().minute(), 0, 59) && cronFieldMatches(f[1], t.time().hour(), 0, 23)
           && cronFieldMatches(f[3], d.month(), 1, 12) && day;
}

// The latest scheduled time in (after, now], searching back at most a week; invalid if none.
QDateTime lastScheduleTime(const QString &schedule, const QDateTime &after, const QDateTime &now)
{
    static const QHash<QString, QString> macros{{QStringLiteral("@yearly"), QStringLiteral("0 0 1 1 *")},
                                                {QStringLiteral("@annually"), QStringLiteral("0 0 1 1 *")},
                                                {QStringLiteral("@monthly"), QStringLiteral("0 0 1 * *")},
                                                {QStringLiteral("@weekly"), QStringLiteral("0 0 * * 0")},
                                                {QStringLiteral("@daily"), QStringLiteral("0 0 * * *")},
                                                {QStringLiteral("@midnight"), QStringLiteral("0 0 * * *")},
                                                {QStringLiteral("@hourly"), QStringLiteral("0 * * * *")}};
    QString expr = schedule.trimmed();
    if (expr.startsWith(QLatin1String("TZ=")) || expr.startsWith(QLatin1String("CRON_TZ=")))
        expr = expr.section(QLatin1Char(' '), 1);
    expr = macros.value(expr, expr);
    const QStringList f = expr.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (f.size() != 5)
        return {};
    QDateTime t = now.addSecs(-now.time().second());
    for (int i = 0; i < 7 * 24 * 60 && t > after; ++i, t = t.addSecs(-60))
        if (cronMatches(f, t))
            return t;
    return {};
}

} // namespace

void Controllers::reconcileCronJobs(State &s)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString component = QStringLiteral("cronjob-controller");
    for (const QString &key : QSet<QString>(s.cronJobs)) {
        const QString ns = keyNamespace(key);
        const StoredObject *o = s.cluster->store().get(QStringLiteral("batch/cronjobs"), ns, keyName(key));
        if (!o || isDeleting(o->obj))
            continue;
        QJsonObject cj = o->obj;
        const QJsonObject sp = spec(cj);
        QJsonObject st = status(cj);
        // Owned jobs: track active ones, record completions, apply history limits.
        QList<QJsonObject> succeeded, failed;
        QJsonArray active;
        for (const StoredObject *j : s.cluster->store().list(QStringLiteral("batch/jobs"), ns)) {
            if (controllerRef(j->obj).value(QLatin1String("uid")).toString() != uidOf(cj))
                continue;
            QString type;
            if (!jobFinished(j->obj, &type)) {
                QJsonObject ref{{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")}, {QStringLiteral("kind"), QStringLiteral("Job")},
                                {QStringLiteral("name"), nameOf(j->obj)}, {QStringLiteral("namespace"), ns},
                                {QStringLiteral("uid"), uidOf(j->obj)}, {QStringLiteral("resourceVersion"), metaStr(j->obj, "resourceVersion")}};
                for (const QJsonValue &a : st.value(QLatin1String("active")).toArray())
                    if (a.toObject().value(QLatin1String("uid")).toString() == uidOf(j->obj))
                        ref = a.toObject();   // the reference as recorded when the job was created
                active << ref;
                continue;
            }
            (type == QLatin1String("Complete") ? succeeded : failed) << j->obj;
            const bool wasActive = [&] {
                for (const QJsonValue &a : st.value(QLatin1String("active")).toArray())
                    if (a.toObject().value(QLatin1String("uid")).toString() == uidOf(j->obj))
                        return true;
                return false;
            }();
            if (wasActive)
                record(s, cj, QStringLiteral("Normal"), QStringLiteral("SawCompletedJob"),
                       QStringLiteral("Saw completed job: %1, condition: %2").arg(nameOf(j->obj), type), component);
            const QString done = status(j->obj).value(QLatin1String("completionTime")).toString();
            if (type == QLatin1String("Complete") && done > st.value(QLatin1String("lastSuccessfulTime")).toString())
                st.insert(QStringLiteral("lastSuccessfulTime"), done);
        }
        auto prune = [&](QList<QJsonObject> &jobs, int limit) {
            std::sort(jobs.begin(), jobs.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return metaStr(a, "creationTimestamp") < metaStr(b, "creationTimestamp");
            });
            for (int i = 0; i < int(jobs.size()) - limit; ++i) {
                removeObject(s, QStringLiteral("batch/v1"), QStringLiteral("Job"), ns, nameOf(jobs[i]));
                record(s, cj, QStringLiteral("Normal"), QStringLiteral("SuccessfulDelete"), QStringLiteral("Deleted job %1").arg(nameOf(jobs[i])), component);
            }
        };
        prune(succeeded, intField(sp, "successfulJobsHistoryLimit", 3));
        prune(failed, intField(sp, "failedJobsHistoryLimit", 1));

        const QString last = st.value(QLatin1String("lastScheduleTime")).toString(metaStr(cj, "creationTimestamp"));
        const QDateTime due = sp.value(QLatin1String("suspend")).toBool()
            ? QDateTime() : lastScheduleTime(sp.value(QLatin1String("schedule")).toString(), QDateTime::fromString(last, Qt::ISODate), now);
        const QString policy = sp.value(QLatin1String("concurrencyPolicy")).toString(QStringLiteral("Allow"));
        if (due.isValid() && !(policy == QLatin1String("Forbid") && !active.isEmpty())) {
            if (policy == QLatin1String("Replace"))
                for (const QJsonValue &a : std::as_const(active))
                    removeObject(s, QStringLiteral("batch/v1"), QStringLiteral("Job"), ns, a.toObject().value(QLatin1String("name")).toString());
            const QJsonObject jt = sp.value(QLatin1String("jobTemplate")).toObject();
            QJsonObject jm = jt.value(QLatin1String("metadata")).toObject();
            const QString jobName = QStringLiteral("%1-%2").arg(nameOf(cj)).arg(due.toSecsSinceEpoch() / 60);
            jm.insert(QStringLiteral("name"), jobName);
            jm.insert(QStringLiteral("namespace"), ns);
            jm.insert(QStringLiteral("ownerReferences"), QJsonArray{ownerRef(cj)});
            QJsonObject ann = jm.value(QLatin1String("annotations")).toObject();
            ann.insert(QStringLiteral("batch.kubernetes.io/cronjob-scheduled-timestamp"), rfc3339(due));
            jm.insert(QStringLiteral("annotations"), ann);
            QJsonObject stored;
            if (!s.cluster->store().get(QStringLiteral("batch/jobs"), ns, jobName)
                && createObject(s, QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")}, {QStringLiteral("kind"), QStringLiteral("Job")},
                                               {QStringLiteral("metadata"), jm}, {QStringLiteral("spec"), jt.value(QLatin1String("spec"))}}, &stored)) {
                if (policy == QLatin1String("Replace"))
                    active = QJsonArray();
                active << QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")}, {QStringLiteral("kind"), QStringLiteral("Job")},
                                      {QStringLiteral("name"), jobName}, {QStringLiteral("namespace"), ns}, {QStringLiteral("uid"), uidOf(stored)},
                                      {QStringLiteral("resourceVersion"), metaStr(stored, "resourceVersion")}};
                record(s, cj, QStringLiteral("Normal"), QStringLiteral("SuccessfulCreate"), QStringLiteral("Created job %1").arg(jobName), component);
            }
            st.insert(QStringLiteral("lastScheduleTime"), rfc3339(due));
        }
        if (active.isEmpty())
            st.remove(QStringLiteral("active"));
        else
            st.insert(QStringLiteral("active"), active);
        QJsonObject latest;
        if (writeStatusIfChanged(*s.cluster, QStringLiteral("batch/cronjobs"), cj, st, &latest))
            write(s, latest);
    }
}

} // namespace acp::sandbox
