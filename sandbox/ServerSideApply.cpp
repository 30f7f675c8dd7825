#include "sandbox/ServerSideApply.h"

#include "sandbox/ManagedFields.h"
#include "sandbox/StructuredMerge.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>

namespace acp::sandbox {

namespace {

using Field = PatchSchema::Field;

const QString kMetadata = QStringLiteral("metadata");
const QString kManagedFields = QStringLiteral("managedFields");
const QString kStatus = QStringLiteral("status");
constexpr int kFieldManagerMaxLength = 128;

Path makePath(std::initializer_list<const char *> names)
{
    Path p;
    for (const char *n : names)
        p.append(PathElement::field(QString::fromLatin1(n)));
    return p;
}

// stripMetaManager: fields the server owns, never recorded (exact paths).
const FieldSet &stripSet()
{
    static const FieldSet set = [] {
        FieldSet s;
        s.insert(makePath({"apiVersion"}));
        s.insert(makePath({"kind"}));
        s.insert(makePath({"metadata"}));
        for (const char *f : {"name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName",
                              "generation", "managedFields", "resourceVersion"})
            s.insert(makePath({"metadata", f}));
        return s;
    }();
    return set;
}

// ResetFields: what a (sub)resource does not write, hence does not own.
FieldSet ignoredSet(const ServerSideApply::Options &o, const QList<QJsonObject> &objects)
{
    FieldSet s;
    if (o.subresource == QLatin1String("status")) {
        for (const QJsonObject &obj : objects) {
            for (const QString &key : obj.keys()) {
                if (key != kStatus && key != kMetadata)
                    s.insert(Path{PathElement::field(key)});
            }
        }
    } else if (o.subresource.isEmpty() && o.statusSubresource) {
        s.insert(Path{PathElement::field(kStatus)});
    }
    return s;
}

QJsonObject withoutManagedFields(QJsonObject obj)
{
    QJsonObject meta = obj.value(kMetadata).toObject();
    if (meta.contains(kManagedFields)) {
        meta.remove(kManagedFields);
        obj.insert(kMetadata, meta);
    }
    return obj;
}

QJsonObject withManagedFields(QJsonObject obj, const QList<ManagerEntry> &entries)
{
    const QJsonArray encoded = ManagedFields::encode(entries);
    QJsonObject meta = obj.value(kMetadata).toObject();
    if (encoded.isEmpty())
        meta.remove(kManagedFields);
    else
        meta.insert(kManagedFields, encoded);
    if (!meta.isEmpty() || obj.contains(kMetadata))
        obj.insert(kMetadata, meta);
    return obj;
}

QString nowText(const ServerSideApply::Options &o)
{
    const QDateTime t = o.now.isValid() ? o.now : QDateTime::currentDateTimeUtc();
    return t.toUTC().toString(Qt::ISODate);
}

Field rootOf(const QString &apiVersion, const QJsonObject &a, const QJsonObject &b)
{
    QString kind = a.value(QLatin1String("kind")).toString();
    if (kind.isEmpty())
        kind = b.value(QLatin1String("kind")).toString();
    return StructuredMerge::root(PatchSchema::groupOf(apiVersion), kind);
}

api::ApiError statusError(int code, const QString &reason, const QString &message)
{
    api::ApiError e;
    e.httpStatus = code;
    e.reason = reason;
    e.message = message;
    return e;
}

// errors.NewInvalid(GroupKind{meta.k8s.io, <Kind>Options}, "", errs) for one error.
api::ApiError invalidOptions(const QString &kind, const QString &causeReason, const QString &detail)
{
    api::ApiError e = statusError(422, QStringLiteral("Invalid"),
                                  QStringLiteral("%1.meta.k8s.io \"\" is invalid: fieldManager: %2").arg(kind, detail));
    e.details = QJsonObject{{QStringLiteral("group"), QStringLiteral("meta.k8s.io")},
                            {QStringLiteral("kind"), kind},
                            {QStringLiteral("causes"), QJsonArray{QJsonObject{
                                 {QStringLiteral("reason"), causeReason},
                                 {QStringLiteral("message"), detail},
                                 {QStringLiteral("field"), QStringLiteral("fieldManager")}}}}};
    return e;
}

std::optional<api::ApiError> validateManager(const QString &manager, const QString &optionsKind)
{
    if (manager.toUtf8().size() > kFieldManagerMaxLength)
        return invalidOptions(optionsKind, QStringLiteral("FieldValueTooLong"),
                              QStringLiteral("Too long: may not be more than %1 bytes").arg(kFieldManagerMaxLength));
    for (const QChar c : manager) {
        if (!c.isPrint())
            return invalidOptions(optionsKind, QStringLiteral("FieldValueInvalid"),
                                  QStringLiteral("Invalid value: %1: invalid character U+%2")
                                      .arg(manager).arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper());
    }
    return std::nullopt;
}

struct Conflict {
    ManagerEntry owner;
    QList<Path> paths;
};

api::ApiError conflictError(QList<Conflict> conflicts)
{
    std::sort(conflicts.begin(), conflicts.end(), [](const Conflict &a, const Conflict &b) {
        return a.owner.identifier() < b.owner.identifier();
    });
    int total = 0;
    QJsonArray causes;
    QStringList lines;
    for (const Conflict &c : conflicts) {
        total += c.paths.size();
        lines.append(QStringLiteral("conflicts with %1:").arg(c.owner.printable()));
        for (const Path &p : c.paths) {
            lines.append(QStringLiteral("- ") + pathToString(p));
            QJsonObject cause;
            cause.insert(QStringLiteral("reason"), QStringLiteral("FieldManagerConflict"));
            cause.insert(QStringLiteral("message"), QString(QStringLiteral("conflict with ") + c.owner.printable()));
            cause.insert(QStringLiteral("field"), pathToString(p));
            causes.append(cause);
        }
    }
    QString message;
    if (total == 1) {
        message = QStringLiteral("Apply failed with 1 conflict: conflict with %1: %2")
                      .arg(conflicts.first().owner.printable(), pathToString(conflicts.first().paths.first()));
    } else {
        message = QStringLiteral("Apply failed with %1 conflicts: %2").arg(total).arg(lines.join(QLatin1Char('\n')));
    }
    api::ApiError e = statusError(409, QStringLiteral("Conflict"), message);
    e.details = QJsonObject{{QStringLiteral("causes"), causes}};
    return e;
}

FieldSet typedSet(const QJsonValue &v, const Field &root)
{
    QString ignored;
    return StructuredMerge::toFieldSet(v, root, &ignored, true).value_or(FieldSet()).withNamedFieldsAsMembers();
}

// merge.Updater.prune: drop what the applier applied last time and not now, unless another
// manager owns it (addBackOwnedItems) or it was never the applier's (addBackDanglingItems).
QJsonObject prune(const QJsonObject &merged, const QList<ManagerEntry> &managers, const FieldSet &lastSet,
                  const Field &root)
{
    if (lastSet.isEmpty())
        return merged;
    const FieldSet last = lastSet.withNamedFieldsAsMembers();
    const QJsonValue pruned = StructuredMerge::removeItems(merged, last, root);
    FieldSet managed;
    for (const ManagerEntry &m : managers)
        managed = managed.united(m.fields);
    const FieldSet mergedSet = typedSet(merged, root);
    const FieldSet toRemove = mergedSet.subtracted(typedSet(pruned, root).united(managed.withNamedFieldsAsMembers()));
    const QJsonValue ownedBack = StructuredMerge::removeItems(merged, toRemove, root);
    const FieldSet dangling = mergedSet.subtracted(typedSet(ownedBack, root)).intersected(last);
    return StructuredMerge::removeItems(merged, dangling, root).toObject();
}

void stripAndDropEmpty(QList<ManagerEntry> &managers)
{
    for (ManagerEntry &m : managers)
        m.fields = m.fields.subtracted(stripSet());
    managers.erase(std::remove_if(managers.begin(), managers.end(),
                                  [](const ManagerEntry &m) { return m.fields.isEmpty(); }),
                   managers.end());
}

QJsonObject resetStatus(QJsonObject obj, const QJsonObject &live)
{
    if (live.contains(kStatus))
        obj.insert(kStatus, live.value(kStatus));
    else
        obj.remove(kStatus);
    return obj;
}

QString objectName(const QJsonObject &obj)
{
    const QJsonObject meta = obj.value(kMetadata).toObject();
    return meta.value(QLatin1String("namespace")).toString() + QLatin1Char('/') + meta.value(QLatin1String("name")).toString();
}

QString groupVersionKind(const QString &apiVersion, const QString &kind)
{
    const QString gv = apiVersion.contains(QLatin1Char('/')) ? apiVersion : QLatin1Char('/') + apiVersion;
    return gv + QStringLiteral(", Kind=") + kind;
}


// The live side of a create: kube-apiserver compares against the zero value of the Go type, in
// which non-pointer structs exist as empty objects (so they are not "added" and get no "."
// entry). Emulated for the structs of built-in kinds that writes commonly carry.
QJsonObject zeroObject(const QJsonObject &newObj, const QString &group, const QString &kind)
{
    QJsonObject zero;
    if (PatchSchema::rootType(group, kind).isEmpty())
        return zero;   // custom resources start from an empty unstructured object
    static const QList<QStringList> structs = {
        {QStringLiteral("metadata")}, {QStringLiteral("spec")}, {QStringLiteral("status")},
        {QStringLiteral("spec"), QStringLiteral("strategy")}, {QStringLiteral("spec"), QStringLiteral("updateStrategy")},
        {QStringLiteral("spec"), QStringLiteral("template")},
        {QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("metadata")},
        {QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec")},
        {QStringLiteral("spec"), QStringLiteral("jobTemplate")},
        {QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("metadata")},
        {QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec")},
        {QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec"), QStringLiteral("template")},
        {QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("metadata")},
        {QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec")},
    };
    std::function<QJsonObject(const QJsonObject &, const QJsonObject &, const QStringList &)> build =
        [&](const QJsonObject &zeroNode, const QJsonObject &newNode, const QStringList &prefix) {
            QJsonObject out = zeroNode;
            for (auto it = newNode.begin(); it != newNode.end(); ++it) {
                const QStringList path = prefix + QStringList{it.key()};
                if (it->isObject() && structs.contains(path))
                    out.insert(it.key(), build(QJsonObject(), it->toObject(), path));
            }
            return out;
        };
    return build(zero, newObj, QStringList());
}
} // namespace

api::Result<QJsonObject> ServerSideApply::apply(const QJsonObject &live, const QJsonObject &config, const QString &manager,
                                                bool force, const QString &apiVersion, const QString &subresource)
{
    Options o;
    o.manager = manager;
    o.force = force;
    o.apiVersion = apiVersion;
    o.subresource = subresource;
    return apply(live, config, o);
}

api::Result<QJsonObject> ServerSideApply::apply(const QJsonObject &live, const QJsonObject &config, const Options &options)
{
    if (options.manager.isEmpty())
        return invalidOptions(QStringLiteral("PatchOptions"), QStringLiteral("FieldValueRequired"),
                              QStringLiteral("Required value: is required for apply patch"));
    if (const auto e = validateManager(options.manager, QStringLiteral("PatchOptions")))
        return *e;
    const QJsonValue configManaged = config.value(kMetadata).toObject().value(kManagedFields);
    if (!configManaged.isUndefined() && !configManaged.isNull())
        return statusError(400, QStringLiteral("BadRequest"), QStringLiteral("metadata.managedFields must be nil"));
    QString version = options.apiVersion;
    if (version.isEmpty())
        version = live.isEmpty() ? config.value(QLatin1String("apiVersion")).toString() : live.value(QLatin1String("apiVersion")).toString();
    const QString configVersion = config.value(QLatin1String("apiVersion")).toString();
    if (configVersion != version) {
        return statusError(400, QStringLiteral("BadRequest"),
                           QStringLiteral("Incorrect version specified in apply patch. Specified patch version: %1, expected: %2")
                               .arg(configVersion, version));
    }
    QString error;
    const std::optional<QList<ManagerEntry>> decoded =
        ManagedFields::decode(live.value(kMetadata).toObject().value(kManagedFields), &error);
    if (!decoded)
        return statusError(500, QString(), QStringLiteral("failed to decode managed fields: ") + error);
    QList<ManagerEntry> managers = *decoded;
    const QJsonObject liveObj = withoutManagedFields(live);
    const Field root = rootOf(version, config, live);
    const std::optional<FieldSet> configSet = StructuredMerge::toFieldSet(config, root, &error);
    if (!configSet) {
        const QString kind = config.value(QLatin1String("kind")).toString();
        return statusError(500, QString(), QStringLiteral("failed to create typed patch object (%1; %2): %3")
                                               .arg(groupVersionKind(configVersion, kind), objectName(config), error));
    }
    const FieldSet ignored = ignoredSet(options, {liveObj, config});
    const QJsonObject merged = StructuredMerge::merge(liveObj, config, root).toObject();

    ManagerEntry applier;
    applier.manager = options.manager;
    applier.operation = QStringLiteral("Apply");
    applier.apiVersion = version;
    applier.subresource = options.subresource;
    const QString id = applier.identifier();
    FieldSet lastSet;
    const int at = ManagedFields::indexOf(managers, id);
    if (at >= 0) {
        lastSet = managers.at(at).fields;
        applier.time = managers.at(at).time;
        managers.removeAt(at);
    }
    applier.fields = configSet->recursiveSubtracted(ignored);
    managers.append(applier);
    QJsonObject result = prune(merged, managers, lastSet, root);

    const StructuredMerge::Comparison cmp = StructuredMerge::compare(liveObj, result, root).filtered(ignored);
    const FieldSet changed = cmp.added.united(cmp.modified);
    QList<Conflict> conflicts;
    for (ManagerEntry &m : managers) {
        if (m.identifier() == id)
            continue;
        const FieldSet taken = m.fields.intersected(changed);
        if (!taken.isEmpty())
            conflicts.append({m, taken.paths()});
        m.fields = m.fields.subtracted(taken).subtracted(cmp.removed);
    }
    if (!conflicts.isEmpty() && !options.force)
        return conflictError(conflicts);

    if (options.resetStatus && options.subresource.isEmpty())
        result = resetStatus(result, liveObj);
    stripAndDropEmpty(managers);
    const int self = ManagedFields::indexOf(managers, id);
    if (self >= 0 && (result != liveObj || managers.at(self).time.isEmpty()))
        managers[self].time = nowText(options);
    ManagedFields::capUpdateManagers(managers);
    return withManagedFields(result, managers);
}

api::Result<QJsonObject> ServerSideApply::update(const QJsonObject &live, const QJsonObject &newObject, const QString &manager,
                                                 const QString &operation)
{
    Q_UNUSED(operation);   // kube-apiserver records every non-apply write as "Update"
    Options o;
    o.manager = manager;
    return update(live, newObject, o);
}

api::Result<QJsonObject> ServerSideApply::update(const QJsonObject &live, const QJsonObject &newObject, const Options &options)
{
    const QString manager = options.manager.isEmpty() ? QStringLiteral("unknown") : options.manager;
    if (const auto e = validateManager(manager, live.isEmpty() ? QStringLiteral("CreateOptions") : QStringLiteral("UpdateOptions")))
        return *e;
    QString version = options.apiVersion;
    if (version.isEmpty())
        version = newObject.value(QLatin1String("apiVersion")).toString();
    if (version.isEmpty())
        version = live.value(QLatin1String("apiVersion")).toString();

    const QJsonValue liveManaged = live.value(kMetadata).toObject().value(kManagedFields);
    const QJsonValue newManaged = newObject.value(kMetadata).toObject().value(kManagedFields);
    QList<ManagerEntry> managers;
    std::optional<QList<ManagerEntry>> fromNew;
    if (options.subresource.isEmpty() && ManagedFields::isReset(newManaged))
        fromNew = QList<ManagerEntry>();
    else if (options.subresource.isEmpty())
        fromNew = ManagedFields::decode(newManaged);
    if (fromNew && (!fromNew->isEmpty() || ManagedFields::isReset(newManaged)))
        managers = *fromNew;
    else
        managers = ManagedFields::decode(liveManaged).value_or(QList<ManagerEntry>());

    QJsonObject liveObj = withoutManagedFields(live);
    QJsonObject newObj = withoutManagedFields(newObject);
    if (options.resetStatus && options.subresource.isEmpty())
        newObj = resetStatus(newObj, liveObj);
    const Field root = rootOf(version, newObj, liveObj);
    if (liveObj.isEmpty())
        liveObj = zeroObject(newObj, PatchSchema::groupOf(version), newObj.value(QLatin1String("kind")).toString());
    const FieldSet ignored = ignoredSet(options, {liveObj, newObj});
    const StructuredMerge::Comparison cmp = StructuredMerge::compare(liveObj, newObj, root).filtered(ignored);
    const FieldSet changed = cmp.added.united(cmp.modified);
    for (ManagerEntry &m : managers)
        m.fields = m.fields.subtracted(changed).subtracted(cmp.removed);
    const FieldSet gained = changed.subtracted(stripSet());

    ManagerEntry updater;
    updater.manager = manager;
    updater.operation = QStringLiteral("Update");
    updater.apiVersion = version;
    updater.subresource = options.subresource;
    if (!gained.isEmpty()) {
        const int at = ManagedFields::indexOf(managers, updater.identifier());
        if (at >= 0) {
            managers[at].fields = managers.at(at).fields.united(gained);
            managers[at].time = nowText(options);
        } else {
            updater.fields = gained;
            updater.time = nowText(options);
            managers.append(updater);
        }
    }
    stripAndDropEmpty(managers);
    ManagedFields::capUpdateManagers(managers);
    return withManagedFields(newObj, managers);
}

QJsonObject ServerSideApply::recordUpdate(const QJsonObject &live, const QJsonObject &newObject, const QString &manager,
                                          const QString &apiVersion, const QString &subresource)
{
    Options o;
    o.manager = manager;
    o.apiVersion = apiVersion;
    o.subresource = subresource;
    const api::Result<QJsonObject> r = update(live, newObject, o);
    return r ? r.value() : withoutManagedFields(newObject);
}

QString ServerSideApply::managerFromUserAgent(const QString &fieldManager, const QString &userAgent)
{
    if (!fieldManager.isEmpty())
        return fieldManager;
    const QString prefix = userAgent.section(QLatin1Char('/'), 0, 0);
    QString out;
    int bytes = 0;
    for (const QChar c : prefix) {
        if (!c.isPrint())
            continue;
        const int size = QString(c).toUtf8().size();
        if (bytes + size > kFieldManagerMaxLength)
            break;
        out += c;
        bytes += size;
    }
    return out.isEmpty() ? QStringLiteral("unknown") : out;
}

} // namespace acp::sandbox
