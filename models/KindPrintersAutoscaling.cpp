// HorizontalPodAutoscaler: printHorizontalPodAutoscaler / formatHPAMetrics of kube-apiserver's
// internal printers (Kubernetes 1.32). The printer reads the internal (v2-shaped) object; a
// served autoscaling/v2 or v2beta2 object has that shape already, an autoscaling/v1 one is
// mapped back as the v1 conversion does (targetCPUUtilizationPercentage, the
// autoscaling.alpha.kubernetes.io/metrics and .../current-metrics annotations).
// autoscaling/v2beta1 (removed in 1.25) is not mapped.
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"

#include <QJsonDocument>
#include <QStringList>

namespace acp::models::printers {

using namespace format;
using L = QLatin1String;

namespace {

// Quantity.String() of a *Quantity: "<nil>" when unset.
QString quantity(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return QStringLiteral("<nil>");
}

QJsonObject fromV1Spec(const QJsonObject &m)
{
    const QString type = m.value(L("type")).toString();
    QJsonObject out{{QStringLiteral("type"), type}};
    auto target = [](const QJsonObject &src, const char *value, const char *average,
                     const char *utilization) {
        QJsonObject t;
        if (value && src.contains(L(value)))
            t.insert(QStringLiteral("value"), src.value(L(value)));
        if (average && src.contains(L(average)))
            t.insert(QStringLiteral("averageValue"), src.value(L(average)));
        if (utilization && src.contains(L(utilization)))
            t.insert(QStringLiteral("averageUtilization"), src.value(L(utilization)));
        return t;
    };
    if (type == L("Resource") || type == L("ContainerResource")) {
        const QString key = type == L("Resource") ? QStringLiteral("resource")
                                                  : QStringLiteral("containerResource");
        const QJsonObject r = m.value(key).toObject();
        out.insert(key, QJsonObject{{QStringLiteral("name"), r.value(L("name"))},
                                    {QStringLiteral("target"),
                                     target(r, nullptr, "targetAverageValue",
                                            "targetAverageUtilization")}});
    } else if (type == L("Pods")) {
        const QJsonObject p = m.value(L("pods")).toObject();
        out.insert(QStringLiteral("pods"),
                   QJsonObject{{QStringLiteral("target"), target(p, nullptr, "targetAverageValue", nullptr)}});
    } else if (type == L("Object")) {
        const QJsonObject o = m.value(L("object")).toObject();
        out.insert(QStringLiteral("object"),
                   QJsonObject{{QStringLiteral("target"), target(o, "targetValue", "averageValue", nullptr)}});
    } else if (type == L("External")) {
        const QJsonObject e = m.value(L("external")).toObject();
        out.insert(QStringLiteral("external"),
                   QJsonObject{{QStringLiteral("target"), target(e, "targetValue", "targetAverageValue", nullptr)}});
    }
    return out;
}

QJsonObject fromV1Status(const QJsonObject &m)
{
    const QString type = m.value(L("type")).toString();
    QJsonObject out{{QStringLiteral("type"), type}};
    auto current = [](const QJsonObject &src, const char *value, const char *average,
                      const char *utilization) {
        QJsonObject c;
        if (value && src.contains(L(value)))
            c.insert(QStringLiteral("value"), src.value(L(value)));
        if (average && src.contains(L(average)))
            c.insert(QStringLiteral("averageValue"), src.value(L(average)));
        if (utilization && src.contains(L(utilization)))
            c.insert(QStringLiteral("averageUtilization"), src.value(L(utilization)));
        return QJsonObject{{QStringLiteral("current"), c}};
    };
    if (type == L("Resource"))
        out.insert(QStringLiteral("resource"), current(m.value(L("resource")).toObject(), nullptr,
                                                       "currentAverageValue", "currentAverageUtilization"));
    else if (type == L("ContainerResource"))
        out.insert(QStringLiteral("containerResource"),
                   current(m.value(L("containerResource")).toObject(), nullptr,
                           "currentAverageValue", "currentAverageUtilization"));
    else if (type == L("Pods"))
        out.insert(QStringLiteral("pods"), current(m.value(L("pods")).toObject(), nullptr,
                                                   "currentAverageValue", nullptr));
    else if (type == L("Object"))
        out.insert(QStringLiteral("object"), current(m.value(L("object")).toObject(),
                                                     "currentValue", "averageValue", nullptr));
    else if (type == L("External"))
        out.insert(QStringLiteral("external"), current(m.value(L("external")).toObject(),
                                                       "currentValue", "currentAverageValue", nullptr));
    return out;
}

QJsonArray annotationArray(const QJsonObject &hpa, L key)
{
    const QString text = object(hpa, L("metadata.annotations")).value(key).toString();
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

// The internal object's spec.metrics and status.currentMetrics.
void metricsOf(const QJsonObject &hpa, QJsonArray *specs, QJsonArray *statuses)
{
    if (!str(hpa, L("apiVersion")).endsWith(L("/v1"))) {
        *specs = array(hpa, L("spec.metrics"));
        *statuses = array(hpa, L("status.currentMetrics"));
        return;
    }
    for (const QJsonValue &m : annotationArray(hpa, L("autoscaling.alpha.kubernetes.io/metrics")))
        specs->append(fromV1Spec(m.toObject()));
    if (isSet(hpa, L("spec.targetCPUUtilizationPercentage"))) {
        specs->append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("Resource")},
            {QStringLiteral("resource"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("cpu")},
                         {QStringLiteral("target"),
                          QJsonObject{{QStringLiteral("averageUtilization"),
                                       at(hpa, L("spec.targetCPUUtilizationPercentage"))}}}}}});
    }
    const QJsonArray current =
        annotationArray(hpa, L("autoscaling.alpha.kubernetes.io/current-metrics"));
    if (!current.isEmpty()) {
        for (const QJsonValue &m : current)
            statuses->append(fromV1Status(m.toObject()));
    } else if (isSet(hpa, L("status.currentCPUUtilizationPercentage"))) {
        statuses->append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("Resource")},
            {QStringLiteral("resource"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("cpu")},
                         {QStringLiteral("current"),
                          QJsonObject{{QStringLiteral("averageUtilization"),
                                       at(hpa, L("status.currentCPUUtilizationPercentage"))}}}}}});
    }
}

QString formatMetric(const QJsonObject &spec, const QJsonValue &status)
{
    const QString type = spec.value(L("type")).toString();
    const QString unknown = QStringLiteral("<unknown>");
    if (type == L("External") || type == L("Object")) {
        const QString key = type == L("External") ? QStringLiteral("external")
                                                  : QStringLiteral("object");
        const QJsonObject target = spec.value(key).toObject().value(L("target")).toObject();
        const QJsonValue st = status.toObject().value(key);
        const QJsonObject current = st.toObject().value(L("current")).toObject();
        if (target.contains(L("averageValue"))) {
            const QString cur = st.isObject() && current.contains(L("averageValue"))
                ? quantity(current.value(L("averageValue"))) : unknown;
            return cur + u'/' + quantity(target.value(L("averageValue"))) + QStringLiteral(" (avg)");
        }
        const QString cur = st.isObject() ? quantity(current.value(L("value"))) : unknown;
        return cur + u'/' + quantity(target.value(L("value")));
    }
    if (type == L("Pods")) {
        const QJsonValue st = status.toObject().value(L("pods"));
        const QString cur = st.isObject()
            ? quantity(st.toObject().value(L("current")).toObject().value(L("averageValue"))) : unknown;
        return cur + u'/'
            + quantity(at(spec, L("pods.target")).toObject().value(L("averageValue")));
    }
    if (type == L("Resource") || type == L("ContainerResource")) {
        const QString key = type == L("Resource") ? QStringLiteral("resource")
                                                  : QStringLiteral("containerResource");
        const QJsonObject source = spec.value(key).toObject();
        const QJsonObject target = source.value(L("target")).toObject();
        const QJsonValue st = status.toObject().value(key);
        const QJsonObject current = st.toObject().value(L("current")).toObject();
        const QString name = source.value(L("name")).toString() + QStringLiteral(": ");
        if (target.contains(L("averageValue"))) {
            const QString cur = st.isObject() ? quantity(current.value(L("averageValue"))) : unknown;
            return name + cur + u'/' + quantity(target.value(L("averageValue")));
        }
        QString cur = unknown;
        if (st.isObject() && current.value(L("averageUtilization")).isDouble())
            cur = QString::number(current.value(L("averageUtilization")).toInteger()) + u'%';
        QString tgt = QStringLiteral("<auto>");
        if (target.value(L("averageUtilization")).isDouble())
            tgt = QString::number(target.value(L("averageUtilization")).toInteger()) + u'%';
        return name + cur + u'/' + tgt;
    }
    return QStringLiteral("<unknown type>");
}

QJsonArray hpaCells(const QJsonObject &o, const QDateTime &now)
{
    QJsonArray specs, statuses;
    metricsOf(o, &specs, &statuses);
    QString metrics = QStringLiteral("<none>");
    if (!specs.isEmpty()) {
        QStringList list;
        const int max = 2;
        for (qsizetype i = 0; i < specs.size(); ++i)
            list.append(formatMetric(specs.at(i).toObject(), statuses.at(i)));
        const qsizetype count = list.size();
        metrics = list.mid(0, max).join(QStringLiteral(", "));
        if (count > max)
            metrics += QStringLiteral(" + %1 more...").arg(count - max);
    }
    const QString minPods = isSet(o, L("spec.minReplicas"))
        ? QString::number(integer(o, L("spec.minReplicas")))
        : QStringLiteral("<unset>");
    const QString reference =
        str(o, L("spec.scaleTargetRef.kind")) + u'/' + str(o, L("spec.scaleTargetRef.name"));
    return {str(o, L("metadata.name")), reference, metrics, minPods,
            integer(o, L("spec.maxReplicas")), integer(o, L("status.currentReplicas")),
            timestampSince(at(o, L("metadata.creationTimestamp")), now)};
}

} // namespace

const QList<KindPrinter> &autoscalingPrinters()
{
    static const QList<KindPrinter> printers = {
        {"autoscaling", "HorizontalPodAutoscaler",
         {NameColumn,
          {"Reference", "string", "", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.", 0},
          {"Targets", "string", "", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.", 0},
          {"MinPods", "string", "", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.", 0},
          {"MaxPods", "string", "", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.", 0},
          {"Replicas", "string", "", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.", 0},
          AgeColumn},
         hpaCells},
    };
    return printers;
}

} // namespace acp::models::printers
