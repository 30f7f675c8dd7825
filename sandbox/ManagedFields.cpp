#include "sandbox/ManagedFields.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>

namespace acp::sandbox {

namespace {

QString jsonString(const QString &s)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

bool entryLess(const ManagerEntry &a, const ManagerEntry &b)
{
    if (a.operation != b.operation)
        return a.operation < b.operation;
    const qint64 ta = ManagedFields::seconds(a.time), tb = ManagedFields::seconds(b.time);
    if (ta != tb)
        return ta < tb;
    if (a.manager != b.manager)
        return a.manager < b.manager;
    if (a.apiVersion != b.apiVersion)
        return a.apiVersion < b.apiVersion;
    return a.subresource < b.subresource;
}

} // namespace

QString ManagerEntry::identifier() const
{
    QString id = QStringLiteral("{");
    QStringList parts;
    if (!manager.isEmpty())
        parts.append(QStringLiteral("\"manager\":") + jsonString(manager));
    if (!operation.isEmpty())
        parts.append(QStringLiteral("\"operation\":") + jsonString(operation));
    if (!apiVersion.isEmpty() && !isApply())
        parts.append(QStringLiteral("\"apiVersion\":") + jsonString(apiVersion));
    if (!subresource.isEmpty())
        parts.append(QStringLiteral("\"subresource\":") + jsonString(subresource));
    return id + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString ManagerEntry::printable() const
{
    QString out = jsonString(manager);
    if (!subresource.isEmpty())
        out += QStringLiteral(" with subresource ") + jsonString(subresource);
    if (!isApply())
        out += QStringLiteral(" using ") + apiVersion;   // the identifier carries no time
    return out;
}

std::optional<QList<ManagerEntry>> ManagedFields::decode(const QJsonValue &managedFields, QString *error)
{
    QList<ManagerEntry> entries;
    if (managedFields.isUndefined() || managedFields.isNull())
        return entries;
    auto failWith = [&](const QString &message) -> std::optional<QList<ManagerEntry>> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!managedFields.isArray())
        return failWith(QStringLiteral("managedFields must be a list"));
    const QJsonArray list = managedFields.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject e = list.at(i).toObject();
        ManagerEntry entry;
        entry.manager = e.value(QLatin1String("manager")).toString();
        entry.operation = e.value(QLatin1String("operation")).toString();
        entry.apiVersion = e.value(QLatin1String("apiVersion")).toString();
        entry.subresource = e.value(QLatin1String("subresource")).toString();
        entry.time = e.value(QLatin1String("time")).toString();
        if (entry.operation != QLatin1String("Apply") && entry.operation != QLatin1String("Update"))
            return failWith(QStringLiteral("operation must be `Apply` or `Update`"));
        if (entry.apiVersion.isEmpty())
            return failWith(QStringLiteral("apiVersion must not be empty"));
        const QString fieldsType = e.value(QLatin1String("fieldsType")).toString();
        if (fieldsType.isEmpty())
            return failWith(QStringLiteral("missing fieldsType in managed fields entry %1").arg(i));
        if (fieldsType != QLatin1String("FieldsV1"))
            return failWith(QStringLiteral("invalid fieldsType \"%1\" in managed fields entry %2").arg(fieldsType).arg(i));
        const std::optional<FieldSet> set = FieldSet::fromFieldsV1(e.value(QLatin1String("fieldsV1")).toObject());
        if (!set)
            return failWith(QStringLiteral("error decoding versioned set from entry %1: error decoding set").arg(i));
        entry.fields = *set;
        const int existing = indexOf(entries, entry.identifier());
        if (existing >= 0)
            entries[existing] = entry;
        else
            entries.append(entry);
    }
    return entries;
}

bool ManagedFields::isReset(const QJsonValue &managedFields)
{
    if (!managedFields.isArray())
        return false;
    const QJsonArray list = managedFields.toArray();
    return list.isEmpty() || (list.size() == 1 && list.at(0).isObject() && list.at(0).toObject().isEmpty());
}

QJsonArray ManagedFields::encode(const QList<ManagerEntry> &entries)
{
    QList<ManagerEntry> sorted;
    for (const ManagerEntry &e : entries) {
        if (!e.fields.isEmpty())
            sorted.append(e);
    }
    std::stable_sort(sorted.begin(), sorted.end(), entryLess);
    QJsonArray out;
    for (const ManagerEntry &e : sorted) {
        QJsonObject o{{QStringLiteral("manager"), e.manager},
                      {QStringLiteral("operation"), e.operation},
                      {QStringLiteral("apiVersion"), e.apiVersion},
                      {QStringLiteral("fieldsType"), QStringLiteral("FieldsV1")},
                      {QStringLiteral("fieldsV1"), e.fields.toFieldsV1()}};
        if (!e.time.isEmpty())
            o.insert(QStringLiteral("time"), e.time);
        if (!e.subresource.isEmpty())
            o.insert(QStringLiteral("subresource"), e.subresource);
        out.append(o);
    }
    return out;
}

int ManagedFields::indexOf(const QList<ManagerEntry> &entries, const QString &identifier)
{
    for (int i = 0; i < entries.size(); ++i) {
        if (entries.at(i).identifier() == identifier)
            return i;
    }
    return -1;
}

void ManagedFields::capUpdateManagers(QList<ManagerEntry> &entries, int maxUpdaters)
{
    QList<int> updaters;
    for (int i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isApply())
            updaters.append(i);
    }
    if (updaters.size() <= maxUpdaters)
        return;
    std::stable_sort(updaters.begin(), updaters.end(), [&](int a, int b) {
        const qint64 ta = seconds(entries.at(a).time), tb = seconds(entries.at(b).time);
        if (ta != tb)
            return ta < tb;
        return entries.at(a).identifier() < entries.at(b).identifier();
    });
    // Merge the oldest updaters into one "ancient-changes" bucket per apiVersion.
    QList<int> removed;
    QHash<QString, int> firstOfVersion;   // apiVersion -> entry index holding the bucket
    int count = updaters.size();
    for (int k = 0; k < updaters.size() && count > maxUpdaters; ++k) {
        const int i = updaters.at(k);
        const QString version = entries.at(i).apiVersion;
        if (!firstOfVersion.contains(version)) {
            firstOfVersion.insert(version, i);
            continue;
        }
        ManagerEntry &bucket = entries[firstOfVersion.value(version)];
        bucket.manager = QStringLiteral("ancient-changes");
        bucket.subresource.clear();
        bucket.fields = bucket.fields.united(entries.at(i).fields);
        bucket.time = entries.at(i).time;
        removed.append(i);
        --count;
    }
    std::sort(removed.begin(), removed.end(), std::greater<int>());
    for (int i : removed)
        entries.removeAt(i);
}

qint64 ManagedFields::seconds(const QString &time)
{
    if (time.isEmpty())
        return 0;
    const QDateTime t = QDateTime::fromString(time, Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

} // namespace acp::sandbox
