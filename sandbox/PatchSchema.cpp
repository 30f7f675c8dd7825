#include "sandbox/PatchSchema.h"

#include "sandbox/PatchSchemaTable.h"

#include <QHash>
#include <QSet>

namespace acp::sandbox {

namespace {

QStringList splitList(const char *text)
{
    const QString s = QString::fromLatin1(text);
    return s.isEmpty() ? QStringList() : s.split(QLatin1Char(','));
}

QString fieldKey(const QString &type, const QString &name)
{
    return type + QLatin1Char('\x1f') + name;
}

struct Index {
    QHash<QString, PatchSchema::Field> fields;   // type \x1f field -> metadata
    QSet<QString> atomicTypes;
    QHash<QString, QString> roots;               // group \x1f kind -> type

    Index()
    {
        for (int i = 0; i < patchschema::kRowCount; ++i) {
            const patchschema::Row &row = patchschema::kRows[i];
            const QString type = QString::fromLatin1(row.type);
            const QString name = QString::fromLatin1(row.field);
            if (name.isEmpty()) {
                if (row.atomic)
                    atomicTypes.insert(type);
                continue;
            }
            PatchSchema::Field f;
            f.listType = row.list;
            f.listMapKeys = splitList(row.keys);
            for (const QString &def : splitList(row.defaults)) {
                const int eq = def.indexOf(QLatin1Char('='));
                f.keyDefaults.insert(def.left(eq), def.mid(eq + 1));
            }
            f.atomic = row.atomic;
            f.patchStrategies = splitList(row.strategy);
            f.patchMergeKey = QString::fromLatin1(row.mergeKey);
            f.type = QString::fromLatin1(row.elem);
            fields.insert(fieldKey(type, name), f);
        }
        for (int i = 0; i < patchschema::kRootCount; ++i) {
            const patchschema::Root &root = patchschema::kRoots[i];
            roots.insert(fieldKey(QString::fromLatin1(root.group), QString::fromLatin1(root.kind)),
                         QString::fromLatin1(root.type));
        }
    }
};

const Index &index()
{
    static const Index idx;   // thread-safe initialisation (C++11 magic statics)
    return idx;
}

} // namespace

bool PatchSchema::Field::hasStrategy(const char *strategy) const
{
    return patchStrategies.contains(QLatin1String(strategy));
}

bool PatchSchema::Field::isAtomicMap() const
{
    return atomic || PatchSchema::isAtomicType(type);
}

QString PatchSchema::rootType(const QString &group, const QString &kind)
{
    return index().roots.value(fieldKey(group, kind));
}

QString PatchSchema::rootTypeOrObject(const QString &group, const QString &kind)
{
    const QString t = rootType(group, kind);
    return t.isEmpty() ? QStringLiteral("Object") : t;
}

PatchSchema::Field PatchSchema::field(const QString &type, const QString &name)
{
    if (type.isEmpty())
        return Field();
    return index().fields.value(fieldKey(type, name));
}

PatchSchema::Field PatchSchema::listItem(const Field &list)
{
    Field item;
    item.type = list.type;
    return item;
}

bool PatchSchema::isAtomicType(const QString &type)
{
    return !type.isEmpty() && index().atomicTypes.contains(type);
}

bool PatchSchema::isBuiltinGroup(const QString &group)
{
    static const QSet<QString> groups = {
        QString(), QStringLiteral("apps"), QStringLiteral("batch"), QStringLiteral("autoscaling"),
        QStringLiteral("policy"), QStringLiteral("rbac.authorization.k8s.io"),
        QStringLiteral("networking.k8s.io"), QStringLiteral("apiextensions.k8s.io"),
        QStringLiteral("admissionregistration.k8s.io"), QStringLiteral("discovery.k8s.io"),
        QStringLiteral("storage.k8s.io"), QStringLiteral("coordination.k8s.io"),
        QStringLiteral("events.k8s.io"), QStringLiteral("scheduling.k8s.io"),
        QStringLiteral("certificates.k8s.io"), QStringLiteral("node.k8s.io"),
        QStringLiteral("flowcontrol.apiserver.k8s.io"), QStringLiteral("apiregistration.k8s.io"),
        QStringLiteral("authentication.k8s.io"), QStringLiteral("authorization.k8s.io"),
        QStringLiteral("resource.k8s.io"), QStringLiteral("storagemigration.k8s.io"),
        QStringLiteral("internal.apiserver.k8s.io"),
    };
    return groups.contains(group);
}

QString PatchSchema::groupOf(const QString &apiVersion)
{
    const int slash = apiVersion.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : apiVersion.left(slash);
}

} // namespace acp::sandbox
