// apps and batch kinds of kube-apiserver's internal printers (Kubernetes 1.32).
// Column descriptions: printers.go takes them from the extensions/v1beta1 and batch/v1beta1
// types; the texts here are the GA types' field docs (Kubernetes OpenAPI), which may differ
// in wording. kubectl never displays descriptions.
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"

namespace acp::models::printers {

using namespace format;
using L = QLatin1String;

namespace {

QString name(const QJsonObject &o)
{
    return str(o, L("metadata.name"));
}

QString age(const QJsonObject &o, const QDateTime &now)
{
    return timestampSince(at(o, L("metadata.creationTimestamp")), now);
}

// Names and images of the pod template's containers at the given path.
std::pair<QString, QString> containers(const QJsonObject &o, L path)
{
    std::pair<QString, QString> r;
    containerCells(array(o, path), &r.first, &r.second);
    return r;
}

QJsonArray deploymentCells(const QJsonObject &o, const QDateTime &now)
{
    bool ok = true;
    QString selector = labelSelectorString(at(o, L("spec.selector")), &ok);
    if (!ok)
        selector = QStringLiteral("<invalid>");
    const auto [names, images] = containers(o, L("spec.template.spec.containers"));
    return {name(o),
            QStringLiteral("%1/%2").arg(integer(o, L("status.readyReplicas")))
                .arg(integer(o, L("spec.replicas"), 1)),
            integer(o, L("status.updatedReplicas")),
            integer(o, L("status.availableReplicas")),
            age(o, now),
            names,
            images,
            selector};
}

QJsonArray replicaSetCells(const QJsonObject &o, const QDateTime &now)
{
    const auto [names, images] = containers(o, L("spec.template.spec.containers"));
    return {name(o),
            integer(o, L("spec.replicas"), 1),
            integer(o, L("status.replicas")),
            integer(o, L("status.readyReplicas")),
            age(o, now),
            names,
            images,
            formatLabelSelector(at(o, L("spec.selector")))};
}

QJsonArray statefulSetCells(const QJsonObject &o, const QDateTime &now)
{
    const auto [names, images] = containers(o, L("spec.template.spec.containers"));
    return {name(o),
            QStringLiteral("%1/%2").arg(integer(o, L("status.readyReplicas")))
                .arg(integer(o, L("spec.replicas"), 1)),
            age(o, now),
            names,
            images};
}

QJsonArray daemonSetCells(const QJsonObject &o, const QDateTime &now)
{
    const auto [names, images] = containers(o, L("spec.template.spec.containers"));
    return {name(o),
            integer(o, L("status.desiredNumberScheduled")),
            integer(o, L("status.currentNumberScheduled")),
            integer(o, L("status.numberReady")),
            integer(o, L("status.updatedNumberScheduled")),
            integer(o, L("status.numberAvailable")),
            formatLabels(object(o, L("spec.template.spec.nodeSelector"))),
            age(o, now),
            names,
            images,
            formatLabelSelector(at(o, L("spec.selector")))};
}

// hasJobCondition: the first condition of the type decides.
bool jobCondition(const QJsonObject &o, L type)
{
    for (const QJsonValue &c : array(o, L("status.conditions"))) {
        if (str(c, L("type")) == type)
            return str(c, L("status")) == L("True");
    }
    return false;
}

QJsonArray jobCells(const QJsonObject &o, const QDateTime &now)
{
    const qint64 succeeded = integer(o, L("status.succeeded"));
    QString completions;
    if (isSet(o, L("spec.completions"))) {
        completions = QStringLiteral("%1/%2").arg(succeeded).arg(integer(o, L("spec.completions")));
    } else {
        const qint64 parallelism = integer(o, L("spec.parallelism"), 1);
        completions = parallelism > 1
            ? QStringLiteral("%1/1 of %2").arg(succeeded).arg(parallelism)
            : QStringLiteral("%1/1").arg(succeeded);
    }
    QString duration;
    const QDateTime start = parseTimestamp(str(o, L("status.startTime")));
    const QDateTime completion = parseTimestamp(str(o, L("status.completionTime")));
    if (isSet(o, L("status.startTime"))) {
        duration = isSet(o, L("status.completionTime"))
            ? humanDuration(start.msecsTo(completion))
            : humanDuration(start.msecsTo(now));
    }
    QString status = QStringLiteral("Running");
    if (jobCondition(o, L("Complete")))
        status = QStringLiteral("Complete");
    else if (jobCondition(o, L("Failed")))
        status = QStringLiteral("Failed");
    else if (isSet(o, L("metadata.deletionTimestamp")))
        status = QStringLiteral("Terminating");
    else if (jobCondition(o, L("Suspended")))
        status = QStringLiteral("Suspended");
    else if (jobCondition(o, L("FailureTarget")))
        status = QStringLiteral("FailureTarget");
    const auto [names, images] = containers(o, L("spec.template.spec.containers"));
    return {name(o), status, completions, duration, age(o, now), names, images,
            formatLabelSelector(at(o, L("spec.selector")))};
}

QJsonArray cronJobCells(const QJsonObject &o, const QDateTime &now)
{
    QString lastSchedule = QStringLiteral("<none>");
    if (isSet(o, L("status.lastScheduleTime")))
        lastSchedule = timestampSince(at(o, L("status.lastScheduleTime")), now);
    const QString timeZone = isSet(o, L("spec.timeZone")) ? str(o, L("spec.timeZone"))
                                                          : QStringLiteral("<none>");
    // printBoolPtr; the API defaults suspend to false.
    const QString suspend = at(o, L("spec.suspend")).toBool() ? QStringLiteral("True")
                                                              : QStringLiteral("False");
    const auto [names, images] = containers(o, L("spec.jobTemplate.spec.template.spec.containers"));
    return {name(o),
            str(o, L("spec.schedule")),
            timeZone,
            suspend,
            qint64(array(o, L("status.active")).size()),
            lastSchedule,
            age(o, now),
            names,
            images,
            formatLabelSelector(at(o, L("spec.jobTemplate.spec.selector")))};
}

QJsonArray controllerRevisionCells(const QJsonObject &o, const QDateTime &now)
{
    QString controller = QStringLiteral("<none>");
    for (const QJsonValue &ref : array(o, L("metadata.ownerReferences"))) {
        if (!at(ref, L("controller")).toBool())
            continue;
        const QString apiVersion = str(ref, L("apiVersion"));
        const qsizetype slash = apiVersion.indexOf(u'/');
        const QString group = slash < 0 ? QString() : apiVersion.left(slash);
        const QString kind = str(ref, L("kind"));
        QString groupKind = group.isEmpty() ? kind : kind + u'.' + group;
        controller = kind.isEmpty() && group.isEmpty()
            ? str(ref, L("name"))
            : groupKind.toLower() + u'/' + str(ref, L("name"));
        break;
    }
    return {name(o), controller, integer(o, L("revision")), age(o, now)};
}

constexpr ColumnSpec ContainersWide{"Containers", "string", "", desc::ContainersInTemplate, 1};
constexpr ColumnSpec ImagesWide{"Images", "string", "", desc::ImagesInTemplate, 1};
constexpr char LabelSelectorDoc[] =
    "A label query over pods that should match the pod count. Normally, the system sets this "
    "field for you. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

} // namespace

const QList<KindPrinter> &appsPrinters()
{
    static const QList<KindPrinter> printers = {
        {"apps", "Deployment",
         {NameColumn,
          {"Ready", "string", "", "Number of the pod with ready state", 0},
          {"Up-to-date", "string", "", "Total number of non-terminating pods targeted by this deployment that have the desired template spec.", 0},
          {"Available", "string", "", "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.", 0},
          AgeColumn, ContainersWide, ImagesWide,
          {"Selector", "string", "", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.", 1}},
         deploymentCells},
        {"apps", "ReplicaSet",
         {NameColumn,
          {"Desired", "integer", "", "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset", 0},
          {"Current", "integer", "", "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset", 0},
          {"Ready", "integer", "", "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.", 0},
          AgeColumn, ContainersWide, ImagesWide,
          {"Selector", "string", "", "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1}},
         replicaSetCells},
        {"apps", "StatefulSet",
         {NameColumn, {"Ready", "string", "", "Number of the pod with ready state", 0}, AgeColumn,
          ContainersWide, ImagesWide},
         statefulSetCells},
        {"apps", "DaemonSet",
         {NameColumn,
          {"Desired", "integer", "", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/", 0},
          {"Current", "integer", "", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/", 0},
          {"Ready", "integer", "", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.", 0},
          {"Up-to-date", "integer", "", "The total number of nodes that are running updated daemon pod", 0},
          {"Available", "integer", "", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)", 0},
          {"Node Selector", "string", "", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/", 0},
          AgeColumn, ContainersWide, ImagesWide,
          {"Selector", "string", "", "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1}},
         daemonSetCells},
        {"apps", "ControllerRevision",
         {NameColumn,
          {"Controller", "string", "", "Controller of the object", 0},
          {"Revision", "string", "", "Revision indicates the revision of the state represented by Data.", 0},
          AgeColumn},
         controllerRevisionCells},
        {"batch", "Job",
         {NameColumn,
          {"Status", "string", "", "Status of the job.", 0},
          {"Completions", "string", "", "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.", 0},
          {"Duration", "string", "", "Time required to complete the job.", 0},
          AgeColumn, ContainersWide, ImagesWide,
          {"Selector", "string", "", LabelSelectorDoc, 1}},
         jobCells},
        {"batch", "CronJob",
         {NameColumn,
          {"Schedule", "string", "", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.", 0},
          {"Timezone", "string", "", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones", 0},
          {"Suspend", "boolean", "", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.", 0},
          {"Active", "integer", "", "A list of pointers to currently running jobs.", 0},
          {"Last Schedule", "string", "", "Information when was the last time the job was successfully scheduled.", 0},
          AgeColumn, ContainersWide, ImagesWide,
          {"Selector", "string", "", LabelSelectorDoc, 1}},
         cronJobCells},
    };
    return printers;
}

} // namespace acp::models::printers
