#include "models/ObjectStatus.h"

#include "models/ObjectStatusKinds.h"
#include "models/PrinterFormat.h"

#include <QHash>

namespace acp::models {

using L = QLatin1String;

namespace status {

QJsonObject condition(const QJsonObject &object, QLatin1String type)
{
    const QJsonArray conditions = format::array(object, L("status.conditions"));
    for (const QJsonValue &c : conditions) {
        if (c[L("type")].toString() == type)
            return c.toObject();
    }
    return {};
}

QString conditionStatus(const QJsonObject &object, QLatin1String type)
{
    return condition(object, type).value(L("status")).toString();
}

bool isDeleting(const QJsonObject &object)
{
    return format::isSet(object, L("metadata.deletionTimestamp"));
}

qint64 integerAt(const QJsonObject &object, QLatin1String dottedPath, qint64 fallback)
{
    return format::integer(object, dottedPath, fallback);
}

} // namespace status

namespace {

QString groupOf(const QString &apiVersion)
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

const QHash<QString, ObjectStatus::Function> &registry()
{
    static const QHash<QString, ObjectStatus::Function> table = [] {
        QHash<QString, ObjectStatus::Function> t;
        for (const auto *list : {&status::workloadStatuses(), &status::clusterStatuses()}) {
            for (const status::KindStatus &row : *list)
                t.insert(QLatin1String(row.group) + u'/' + QLatin1String(row.kind), row.function);
        }
        return t;
    }();
    return table;
}

ObjectStatus fromPhase(const QString &phase)
{
    static const QHash<QString, ObjectStatus::State> phases = {
        {QStringLiteral("Running"), ObjectStatus::Ok},     {QStringLiteral("Active"), ObjectStatus::Ok},
        {QStringLiteral("Bound"), ObjectStatus::Ok},       {QStringLiteral("Available"), ObjectStatus::Ok},
        {QStringLiteral("Ready"), ObjectStatus::Ok},       {QStringLiteral("Healthy"), ObjectStatus::Ok},
        {QStringLiteral("Succeeded"), ObjectStatus::Completed},
        {QStringLiteral("Complete"), ObjectStatus::Completed},
        {QStringLiteral("Completed"), ObjectStatus::Completed},
        {QStringLiteral("Pending"), ObjectStatus::Pending}, {QStringLiteral("Installing"), ObjectStatus::Progressing},
        {QStringLiteral("Progressing"), ObjectStatus::Progressing},
        {QStringLiteral("Failed"), ObjectStatus::Error},    {QStringLiteral("Error"), ObjectStatus::Error},
        {QStringLiteral("Terminating"), ObjectStatus::Terminating},
    };
    const auto it = phases.constFind(phase);
    if (it == phases.constEnd())
        return {ObjectStatus::Unknown, phase};
    return {*it, phase};
}

} // namespace

ObjectStatus::Function ObjectStatus::forKind(const QString &group, const QString &kind)
{
    return registry().value(group + u'/' + kind, nullptr);
}

ObjectStatus::Function ObjectStatus::functionFor(const QString &group, const QString &kind)
{
    const Function f = forKind(group, kind);
    return f ? f : &ObjectStatus::generic;
}

ObjectStatus ObjectStatus::generic(const QJsonObject &object)
{
    if (status::isDeleting(object))
        return {Terminating, QStringLiteral("Terminating")};
    // kstatus-like: a Ready (or Available) condition is authoritative when present.
    for (const L type : {L("Ready"), L("Available")}) {
        const QJsonObject c = status::condition(object, type);
        if (c.isEmpty())
            continue;
        const QString s = c.value(L("status")).toString();
        const QString reason = c.value(L("reason")).toString();
        if (s == L("True"))
            return {Ok, QString(type)};
        if (s == L("False"))
            return {Error, reason.isEmpty() ? QStringLiteral("Not") + type : reason};
        return {Progressing, reason.isEmpty() ? QStringLiteral("Unknown") : reason};
    }
    const QString phase = format::str(object, L("status.phase"));
    if (!phase.isEmpty())
        return fromPhase(phase);
    return {Unknown, QString()};
}

ObjectStatus ObjectStatus::of(const QJsonObject &object)
{
    const Function f = functionFor(groupOf(object.value(L("apiVersion")).toString()),
                                   object.value(L("kind")).toString());
    return f(object);
}

QString ObjectStatus::stateName(State state)
{
    switch (state) {
    case Unknown: return QStringLiteral("Unknown");
    case Ok: return QStringLiteral("Ok");
    case Completed: return QStringLiteral("Completed");
    case Pending: return QStringLiteral("Pending");
    case Progressing: return QStringLiteral("Progressing");
    case Warning: return QStringLiteral("Warning");
    case Error: return QStringLiteral("Error");
    case Terminating: return QStringLiteral("Terminating");
    }
    return QStringLiteral("Unknown");
}

ObjectStatus::State ObjectStatus::stateFromName(const QString &name, bool *ok)
{
    for (int s = 0; s < StateCount; ++s) {
        if (stateName(State(s)).compare(name, Qt::CaseInsensitive) == 0) {
            if (ok)
                *ok = true;
            return State(s);
        }
    }
    if (ok)
        *ok = false;
    return Unknown;
}

} // namespace acp::models
