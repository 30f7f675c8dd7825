// Controllers: the disruption controller (PodDisruptionBudget status from the pods it selects).
#include "sandbox/Controllers.h"

#include "models/LabelSelector.h"
#include "sandbox/ControllersInternal.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>
#include <cmath>

namespace acp::sandbox {

using namespace sim;

namespace {

// Healthy as the sandbox's eviction check counts it: Running and not being deleted.
bool healthy(const QJsonObject &pod)
{
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() == QLatin1String("Running")
           && !isDeleting(pod);
}

bool terminal(const QJsonObject &pod)
{
    const QString phase = pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
    return phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed");
}

int resolve(const QJsonValue &v, int expected)
{
    if (v.isString() && v.toString().endsWith(QLatin1Char('%')))
        return int(std::ceil(expected * v.toString().chopped(1).toDouble() / 100.0));
    return v.isString() ? v.toString().toInt() : v.toInt();
}

} // namespace

QJsonObject Controllers::disruptionBudgetStatus(const QJsonObject &pdb, const QList<QJsonObject> &pods, const QJsonObject &previous)
{
    const QJsonObject spec = pdb.value(QLatin1String("spec")).toObject();
    const auto selector = models::LabelSelector::fromJsonValue(spec.value(QLatin1String("selector")));
    int expected = 0, current = 0;
    if (selector && !selector->isEmpty()) {
        for (const QJsonObject &pod : pods) {
            if (terminal(pod) || !selector->matches(labelsOf(pod)))
                continue;
            ++expected;
            current += healthy(pod) ? 1 : 0;
        }
    }
    int desired = 0;
    if (spec.contains(QLatin1String("minAvailable")))
        desired = resolve(spec.value(QLatin1String("minAvailable")), expected);
    else if (spec.contains(QLatin1String("maxUnavailable")))
        desired = qMax(0, expected - resolve(spec.value(QLatin1String("maxUnavailable")), expected));
    const int allowed = qMax(0, current - desired);
    const qint64 generation = meta(pdb).value(QLatin1String("generation")).toInteger(1);

    const bool allowedNow = allowed > 0;
    QJsonObject condition{{QStringLiteral("type"), QStringLiteral("DisruptionAllowed")},
                          {QStringLiteral("status"), allowedNow ? QStringLiteral("True") : QStringLiteral("False")},
                          {QStringLiteral("reason"), allowedNow ? QStringLiteral("SufficientPods") : QStringLiteral("InsufficientPods")},
                          {QStringLiteral("message"), QString()},
                          {QStringLiteral("observedGeneration"), generation}};
    // lastTransitionTime moves only when the condition's status does
    const QJsonArray prevConditions = previous.value(QLatin1String("conditions")).toArray();
    QString transition = nowTime();
    for (const QJsonValue &c : prevConditions) {
        const QJsonObject pc = c.toObject();
        if (pc.value(QLatin1String("type")).toString() == QLatin1String("DisruptionAllowed")
            && pc.value(QLatin1String("status")) == condition.value(QLatin1String("status")))
            transition = pc.value(QLatin1String("lastTransitionTime")).toString(transition);
    }
    condition.insert(QStringLiteral("lastTransitionTime"), transition);
    return QJsonObject{{QStringLiteral("observedGeneration"), generation},
                       {QStringLiteral("disruptionsAllowed"), allowed},
                       {QStringLiteral("currentHealthy"), current},
                       {QStringLiteral("desiredHealthy"), desired},
                       {QStringLiteral("expectedPods"), expected},
                       {QStringLiteral("conditions"), QJsonArray{condition}}};
}

void Controllers::reconcileDisruptionBudgets(State &s, const QString &ns)
{
    const QList<const StoredObject *> budgets = s.cluster->store().list(QStringLiteral("policy/poddisruptionbudgets"), ns);
    if (budgets.isEmpty())
        return;
    QList<QJsonObject> pods;
    for (const StoredObject *p : s.cluster->store().list(QStringLiteral("/pods"), ns))
        pods << p->obj;
    for (const StoredObject *b : budgets) {
        const QJsonObject previous = b->obj.value(QLatin1String("status")).toObject();
        const QJsonObject st = disruptionBudgetStatus(b->obj, pods, previous);
        if (st == previous)
            continue;
        QJsonObject latest = b->obj;
        latest.insert(QStringLiteral("status"), st);
        write(s, latest);
    }
}

} // namespace acp::sandbox
