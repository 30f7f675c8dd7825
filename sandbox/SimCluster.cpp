#include "sandbox/SimCluster.h"

#include "models/RbacEvaluator.h"
#include "sandbox/ObjectDefaults.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

namespace acp::sandbox {

namespace {
const QString kRbacGroup = QStringLiteral("rbac.authorization.k8s.io");

QJsonObject meta(const QJsonObject &o) { return o.value(QLatin1String("metadata")).toObject(); }
QString metaStr(const QJsonObject &o, const char *f) { return meta(o).value(QLatin1String(f)).toString(); }

void setMeta(QJsonObject &o, const QString &field, const QJsonValue &v)
{
    QJsonObject m = meta(o);
    if (v.isUndefined() || v.isNull())
        m.remove(field);
    else
        m.insert(field, v);
    o.insert(QStringLiteral("metadata"), m);
}

api::ApiError statusError(int code, const char *reason, const QString &message)
{
    api::ApiError e;
    e.httpStatus = code;
    e.reason = QString::fromLatin1(reason);
    e.message = message;
    return e;
}

bool isDns1123Subdomain(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return s.size() <= 253 && re.match(s).hasMatch();
}

bool isDns1123Label(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return s.size() <= 63 && re.match(s).hasMatch();
}

QString randomSuffix()
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString s;
    for (int i = 0; i < 5; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    return s;
}
} // namespace

SimCluster::SimCluster(const QString &name, QObject *parent) : QObject(parent), m_name(name)
{
    m_store.addWatcher([this](const StoreEvent &ev) { onStoreEvent(ev); });
}

SimCluster::~SimCluster() = default;

QString SimCluster::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString SimCluster::qualifiedResource(const ResourceType &type)
{
    return type.group.isEmpty() ? type.resource : type.resource + QLatin1Char('.') + type.group;
}

api::ApiError SimCluster::notFound(const ResourceType &type, const QString &name)
{
    api::ApiError e = statusError(404, "NotFound", QStringLiteral("%1 \"%2\" not found").arg(qualifiedResource(type), name));
    e.details = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), type.resource}};
    if (!type.group.isEmpty())
        e.details.insert(QStringLiteral("group"), type.group);
    return e;
}

api::ApiError SimCluster::alreadyExists(const ResourceType &type, const QString &name)
{
    api::ApiError e = statusError(409, "AlreadyExists", QStringLiteral("%1 \"%2\" already exists").arg(qualifiedResource(type), name));
    e.details = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), type.resource}};
    if (!type.group.isEmpty())
        e.details.insert(QStringLiteral("group"), type.group);
    return e;
}

api::ApiError SimCluster::conflict(const ResourceType &type, const QString &name, const QString &why)
{
    api::ApiError e = statusError(409, "Conflict", QStringLiteral("Operation cannot be fulfilled on %1 \"%2\": %3")
                                                       .arg(qualifiedResource(type), name, why));
    e.details = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), type.resource}};
    if (!type.group.isEmpty())
        e.details.insert(QStringLiteral("group"), type.group);
    return e;
}

api::ApiError SimCluster::invalid(const ResourceType &type, const QString &name, const QString &field,
                                  const QString &causeType, const QString &detail)
{
    const QString kindRef = type.group.isEmpty() ? type.kind : type.kind + QLatin1Char('.') + type.group;
    const QString text = field + QStringLiteral(": ") + causeType + (detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    api::ApiError e = statusError(422, "Invalid", QStringLiteral("%1 \"%2\" is invalid: %3").arg(kindRef, name, text));
    const QString causeReason = QStringLiteral("Field") + QString(causeType).remove(QLatin1Char(' '));
    const QString causeMessage = causeType + (detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    QJsonObject cause{{QStringLiteral("reason"), causeReason},
                      {QStringLiteral("message"), causeMessage},
                      {QStringLiteral("field"), field}};
    e.details = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), type.kind},
                            {QStringLiteral("causes"), QJsonArray{cause}}};
    if (!type.group.isEmpty())
        e.details.insert(QStringLiteral("group"), type.group);
    return e;
}

api::ApiError SimCluster::badRequest(const QString &message) { return api::ApiError::badRequest(message); }

api::ApiError SimCluster::forbidden(const QString &message, const ResourceType *type, const QString &name)
{
    api::ApiError e = statusError(403, "Forbidden", message);
    if (type) {
        e.details = QJsonObject{{QStringLiteral("kind"), type->resource}};
        if (!name.isEmpty())
            e.details.insert(QStringLiteral("name"), name);
        if (!type->group.isEmpty())
            e.details.insert(QStringLiteral("group"), type->group);
    }
    return e;
}

models::RbacEvaluator &SimCluster::rbac()
{
    if (!m_rbac)
        m_rbac = std::make_unique<models::RbacEvaluator>();
    if (m_rbacDirty) {
        m_rbacDirty = false;
        m_rbac->clear();
        for (const char *res : {"roles", "clusterroles", "rolebindings", "clusterrolebindings"})
            for (const StoredObject *o : m_store.list(kRbacGroup + QLatin1Char('/') + QLatin1String(res)))
                m_rbac->upsert(o->obj);
    }
    return *m_rbac;
}

void SimCluster::addAdmissionPlugin(const QString &name, AdmissionPlugin plugin)
{
    m_admission << qMakePair(name, std::move(plugin));
}

const StoredObject *SimCluster::get(const ResourceType &type, const QString &ns, const QString &name) const
{
    return m_store.get(type.storageKey(), type.namespaced ? ns : QString(), name);
}

const ResourceType *SimCluster::typeFor(const QJsonObject &obj) const
{
    const QString apiVersion = obj.value(QLatin1String("apiVersion")).toString();
    const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
    const QString group = slash < 0 ? QString() : apiVersion.left(slash);
    const QString version = slash < 0 ? apiVersion : apiVersion.mid(slash + 1);
    const QString kind = obj.value(QLatin1String("kind")).toString();
    for (const ResourceType *t : m_registry.resources(group, version))
        if (t->kind == kind)
            return t;
    return nullptr;
}

api::Result<bool> SimCluster::admit(AdmissionRequest &req)
{
    for (auto &plugin : m_admission) {
        auto r = plugin.second(req);
        if (!r)
            return r.error();
    }
    return true;
}

api::Result<bool> SimCluster::validateCommon(const ResourceType &type, const QJsonObject &obj, bool creating)
{
    const QString name = metaStr(obj, "name");
    if (name.isEmpty())
        return invalid(type, name, QStringLiteral("metadata.name"), QStringLiteral("Required value"),
                       QStringLiteral("name or generateName is required"));
    const bool labelNames = type.kind == QLatin1String("Namespace") || type.kind == QLatin1String("Service");
    if (labelNames ? !isDns1123Label(name) : (!type.group.startsWith(QLatin1String("rbac.")) && !isDns1123Subdomain(name))) {
        const QString rule = labelNames
            ? QStringLiteral("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
            : QStringLiteral("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        return invalid(type, name, QStringLiteral("metadata.name"), QStringLiteral("Invalid value"),
                       QStringLiteral("\"%1\": %2").arg(name, rule));
    }
    if (type.namespaced && creating) {
        const QString ns = metaStr(obj, "namespace");
        const ResourceType *nsType = m_registry.find(QString(), QStringLiteral("v1"), QStringLiteral("namespaces"));
        if (!m_store.get(nsType->storageKey(), QString(), ns))
            return notFound(*nsType, ns);
        if (namespaceTerminating(ns))
            return forbidden(QStringLiteral("%1 \"%2\" is forbidden: unable to create new content in namespace %3 because it is being terminated")
                                 .arg(qualifiedResource(type), name, ns), &type, name);
    }
    return ObjectDefaults::validate(type, obj);
}

bool SimCluster::namespaceTerminating(const QString &ns) const
{
    const StoredObject *o = m_store.get(QStringLiteral("/namespaces"), QString(), ns);
    return o && !metaStr(o->obj, "deletionTimestamp").isEmpty();
}

api::Result<StoredObject> SimCluster::create(const ResourceType &type, QJsonObject obj, const WriteOptions &opts)
{
    QJsonObject m = meta(obj);
    if (m.value(QLatin1String("name")).toString().isEmpty() && !m.value(QLatin1String("generateName")).toString().isEmpty())
        m.insert(QStringLiteral("name"), QString(m.value(QLatin1String("generateName")).toString() + randomSuffix()));
    if (!type.namespaced)
        m.remove(QStringLiteral("namespace"));
    const QString name = m.value(QLatin1String("name")).toString();
    const QString ns = m.value(QLatin1String("namespace")).toString();
    if (!m_store.get(type.storageKey(), ns, name) && !opts.skipAdmission) {
        // server-managed fields are never taken from the client on create (kube-apiserver's
        // FillObjectMetaSystemFields: a client-sent uid is replaced)
        m.remove(QStringLiteral("uid"));
        m.remove(QStringLiteral("resourceVersion"));
        m.remove(QStringLiteral("deletionTimestamp"));
        m.remove(QStringLiteral("deletionGracePeriodSeconds"));
    }
    m.insert(QStringLiteral("uid"), m.value(QLatin1String("uid")).toString(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    if (opts.skipAdmission && m.contains(QLatin1String("uid")) && m.value(QLatin1String("uid")).toString().isEmpty())
        m.insert(QStringLiteral("uid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!opts.skipAdmission || !m.contains(QLatin1String("creationTimestamp")))
        m.insert(QStringLiteral("creationTimestamp"), now());
    obj.insert(QStringLiteral("metadata"), m);
    obj.insert(QStringLiteral("apiVersion"), type.apiVersion());
    obj.insert(QStringLiteral("kind"), type.kind);

    if (auto v = validateCommon(type, obj, true); !v)
        return v.error();
    if (m_store.get(type.storageKey(), ns, name))
        return alreadyExists(type, name);
    ObjectDefaults::applyCreate(type, obj, !opts.skipAdmission, *this);

    if (!opts.skipAdmission) {
        AdmissionRequest req{Operation::Create, &type, opts.subresource, ns, name, obj, {}, opts.user, opts.dryRun, opts.warnings};
        if (auto a = admit(req); !a)
            return a.error();
        obj = req.object;
    }
    if (opts.dryRun) {
        setMeta(obj, QStringLiteral("resourceVersion"), QJsonValue());
        return StoredObject::make(obj);
    }
    return m_store.create(type.storageKey(), obj);
}

api::Result<StoredObject> SimCluster::update(const ResourceType &type, QJsonObject obj, const WriteOptions &opts)
{
    QJsonObject m = meta(obj);
    const QString name = m.value(QLatin1String("name")).toString();
    const QString ns = type.namespaced ? m.value(QLatin1String("namespace")).toString() : QString();
    const StoredObject *current = m_store.get(type.storageKey(), ns, name);
    if (!current)
        return notFound(type, name);
    const QJsonObject old = current->obj;
    const QJsonObject oldMeta = meta(old);
    const QString rv = m.value(QLatin1String("resourceVersion")).toString();
    if (!rv.isEmpty() && rv != oldMeta.value(QLatin1String("resourceVersion")).toString())
        return conflict(type, name, QStringLiteral("the object has been modified; please apply your changes to the latest version and try again"));
    const QString uid = m.value(QLatin1String("uid")).toString();
    if (!uid.isEmpty() && uid != oldMeta.value(QLatin1String("uid")).toString())
        return conflict(type, name, QStringLiteral("Precondition failed: UID in precondition: %1, UID in object meta: %2")
                                        .arg(uid, oldMeta.value(QLatin1String("uid")).toString()));
    // Server-managed metadata is preserved.
    for (const char *f : {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"}) {
        const QJsonValue v = oldMeta.value(QLatin1String(f));
        if (v.isUndefined())
            m.remove(QLatin1String(f));
        else
            m.insert(QLatin1String(f), v);
    }
    if (type.namespaced)
        m.insert(QStringLiteral("namespace"), ns);
    else
        m.remove(QStringLiteral("namespace"));
    obj.insert(QStringLiteral("metadata"), m);
    obj.insert(QStringLiteral("apiVersion"), old.value(QLatin1String("apiVersion")));
    obj.insert(QStringLiteral("kind"), type.kind);

    const bool statusOnly = opts.subresource == QLatin1String("status");
    if (type.hasSubresource(QStringLiteral("status")) && !opts.skipAdmission) {
        if (statusOnly) {
            // status writes change status only (and metadata labels/annotations are ignored)
            QJsonObject merged = old;
            merged.insert(QStringLiteral("status"), obj.value(QLatin1String("status")));
            QJsonObject mm = meta(merged);
            mm.insert(QStringLiteral("resourceVersion"), oldMeta.value(QLatin1String("resourceVersion")));
            merged.insert(QStringLiteral("metadata"), mm);
            obj = merged;
        } else if (old.contains(QLatin1String("status"))) {
            obj.insert(QStringLiteral("status"), old.value(QLatin1String("status")));
        } else {
            obj.remove(QStringLiteral("status"));
        }
    }
    if (auto v = validateCommon(type, obj, false); !v)
        return v.error();
    if (auto v = ObjectDefaults::validateUpdate(type, old, obj); !v)
        return v.error();
    ObjectDefaults::applyUpdate(type, old, obj);

    if (!opts.skipAdmission) {
        AdmissionRequest req{Operation::Update, &type, opts.subresource, ns, name, obj, old, opts.user, opts.dryRun, opts.warnings};
        if (auto a = admit(req); !a)
            return a.error();
        obj = req.object;
    }
    if (opts.dryRun)
        return StoredObject::make(obj);
    // An object being deleted goes away once its last finalizer is removed.
    const QJsonObject newMeta = meta(obj);
    if (!newMeta.value(QLatin1String("deletionTimestamp")).toString().isEmpty()
        && newMeta.value(QLatin1String("finalizers")).toArray().isEmpty()
        && type.kind != QLatin1String("Namespace")) {
        m_store.update(type.storageKey(), obj);
        StoredObject last = m_store.remove(type.storageKey(), ns, name);
        collectGarbage(newMeta.value(QLatin1String("uid")).toString(), QString());
        return last;
    }
    if (obj == old)
        return *current;   // no-op writes do not bump the resourceVersion
    return m_store.update(type.storageKey(), obj);
}

api::Result<StoredObject> SimCluster::remove(const ResourceType &type, const QString &ns, const QString &name,
                                             const DeleteOptions &del, const WriteOptions &opts, bool *deletedNow)
{
    if (deletedNow)
        *deletedNow = false;
    const QString nsKey = type.namespaced ? ns : QString();
    const StoredObject *current = m_store.get(type.storageKey(), nsKey, name);
    if (!current)
        return notFound(type, name);
    QJsonObject obj = current->obj;
    const QJsonObject m = meta(obj);
    if (!del.preconditionUid.isEmpty() && del.preconditionUid != m.value(QLatin1String("uid")).toString())
        return conflict(type, name, QStringLiteral("Precondition failed: UID in precondition: %1, UID in object meta: %2")
                                        .arg(del.preconditionUid, m.value(QLatin1String("uid")).toString()));
    if (!del.preconditionResourceVersion.isEmpty() && del.preconditionResourceVersion != m.value(QLatin1String("resourceVersion")).toString())
        return conflict(type, name, QStringLiteral("Precondition failed: ResourceVersion in precondition: %1, ResourceVersion in object meta: %2")
                                        .arg(del.preconditionResourceVersion, m.value(QLatin1String("resourceVersion")).toString()));
    if (!opts.skipAdmission) {
        AdmissionRequest req{Operation::Delete, &type, opts.subresource, nsKey, name, {}, obj, opts.user, opts.dryRun, opts.warnings};
        if (auto a = admit(req); !a)
            return a.error();
    }
    if (opts.dryRun)
        return *current;

    QJsonArray finalizers = m.value(QLatin1String("finalizers")).toArray();
    const bool isNamespace = type.kind == QLatin1String("Namespace") && type.group.isEmpty();
    if (del.propagationPolicy == QLatin1String("Foreground") && !isNamespace) {
        if (!finalizers.contains(QStringLiteral("foregroundDeletion")))
            finalizers << QStringLiteral("foregroundDeletion");
    } else if (del.propagationPolicy == QLatin1String("Orphan") && !isNamespace) {
        if (!finalizers.contains(QStringLiteral("orphan")))
            finalizers << QStringLiteral("orphan");
    }
    if (isNamespace || !finalizers.isEmpty()) {
        if (!m.value(QLatin1String("deletionTimestamp")).toString().isEmpty())
            return *current;   // already terminating
        QJsonObject nm = m;
        nm.insert(QStringLiteral("deletionTimestamp"), now());
        nm.insert(QStringLiteral("deletionGracePeriodSeconds"), 0);
        if (!finalizers.isEmpty())
            nm.insert(QStringLiteral("finalizers"), finalizers);
        obj.insert(QStringLiteral("metadata"), nm);
        if (isNamespace) {
            QJsonObject status = obj.value(QLatin1String("status")).toObject();
            status.insert(QStringLiteral("phase"), QStringLiteral("Terminating"));
            obj.insert(QStringLiteral("status"), status);
        }
        StoredObject stored = m_store.update(type.storageKey(), obj);
        const QString uid = nm.value(QLatin1String("uid")).toString();
        // Built-in finalizers are handled by the simulated controllers shortly after.
        QTimer::singleShot(isNamespace ? 200 : 50, this, [this, isNamespace, name, uid, policy = del.propagationPolicy, skey = type.storageKey(), nsKey] {
            if (isNamespace) {
                finalizeNamespace(name);
                return;
            }
            collectGarbage(uid, policy);
            const StoredObject *o = m_store.get(skey, nsKey, name);
            if (!o || metaStr(o->obj, "uid") != uid)
                return;
            QJsonObject obj = o->obj;
            QJsonObject mm = meta(obj);
            QJsonArray rest;
            for (const QJsonValue &f : mm.value(QLatin1String("finalizers")).toArray())
                if (f.toString() != QLatin1String("foregroundDeletion") && f.toString() != QLatin1String("orphan"))
                    rest << f;
            if (rest.isEmpty()) {
                m_store.remove(skey, nsKey, name);
            } else if (rest.size() != mm.value(QLatin1String("finalizers")).toArray().size()) {
                mm.insert(QStringLiteral("finalizers"), rest);
                obj.insert(QStringLiteral("metadata"), mm);
                m_store.update(skey, obj);
            }
        });
        return stored;
    }
    StoredObject last = m_store.remove(type.storageKey(), nsKey, name);
    if (deletedNow)
        *deletedNow = true;
    const QString uid = m.value(QLatin1String("uid")).toString();
    QTimer::singleShot(0, this, [this, uid] { collectGarbage(uid, QString()); });
    return last;
}

void SimCluster::collectGarbage(const QString &ownerUid, const QString &policy)
{
    if (ownerUid.isEmpty())
        return;
    const bool orphan = policy == QLatin1String("Orphan");
    for (const QString &skey : m_store.storageKeys()) {
        QList<QJsonObject> dependents;
        for (const StoredObject *o : m_store.list(skey)) {
            for (const QJsonValue &ref : meta(o->obj).value(QLatin1String("ownerReferences")).toArray()) {
                if (ref.toObject().value(QLatin1String("uid")).toString() == ownerUid) {
                    dependents << o->obj;
                    break;
                }
            }
        }
        for (QJsonObject dep : dependents) {
            const QString ns = metaStr(dep, "namespace");
            const QString name = metaStr(dep, "name");
            if (orphan) {
                QJsonObject mm = meta(dep);
                QJsonArray refs;
                for (const QJsonValue &ref : mm.value(QLatin1String("ownerReferences")).toArray())
                    if (ref.toObject().value(QLatin1String("uid")).toString() != ownerUid)
                        refs << ref;
                if (refs.isEmpty())
                    mm.remove(QStringLiteral("ownerReferences"));
                else
                    mm.insert(QStringLiteral("ownerReferences"), refs);
                dep.insert(QStringLiteral("metadata"), mm);
                m_store.update(skey, dep);
                continue;
            }
            const QString depUid = metaStr(dep, "uid");
            if (meta(dep).value(QLatin1String("finalizers")).toArray().isEmpty()) {
                m_store.remove(skey, ns, name);
                collectGarbage(depUid, policy);
            } else if (metaStr(dep, "deletionTimestamp").isEmpty()) {
                setMeta(dep, QStringLiteral("deletionTimestamp"), now());
                m_store.update(skey, dep);
            }
        }
    }
}

void SimCluster::finalizeNamespace(const QString &ns)
{
    // Delete every namespaced object in the namespace, then the namespace itself.
    for (const ResourceType *t : m_registry.all()) {
        if (!t->namespaced || !t->stored || !t->storageVersion)
            continue;
        QStringList names;
        for (const StoredObject *o : m_store.list(t->storageKey(), ns))
            names << metaStr(o->obj, "name");
        for (const QString &n : names)
            m_store.remove(t->storageKey(), ns, n);
    }
    const StoredObject *nsObj = m_store.get(QStringLiteral("/namespaces"), QString(), ns);
    if (!nsObj)
        return;
    m_store.remove(QStringLiteral("/namespaces"), QString(), ns);
}

void SimCluster::onStoreEvent(const StoreEvent &ev)
{
    if (ev.storageKey.startsWith(kRbacGroup))
        m_rbacDirty = true;
    if (ev.storageKey == QLatin1String("apiextensions.k8s.io/customresourcedefinitions")) {
        if (ev.type == EventType::Deleted) {
            const QJsonObject spec = ev.object.obj.value(QLatin1String("spec")).toObject();
            const QString skey = spec.value(QLatin1String("group")).toString() + QLatin1Char('/')
                               + spec.value(QLatin1String("names")).toObject().value(QLatin1String("plural")).toString();
            m_registry.removeCrd(metaStr(ev.object.obj, "name"));
            QStringList keys;
            for (const StoredObject *o : m_store.list(skey))
                keys << metaStr(o->obj, "namespace") + QLatin1Char('\n') + metaStr(o->obj, "name");
            for (const QString &k : keys)
                m_store.remove(skey, k.section(QLatin1Char('\n'), 0, 0), k.section(QLatin1Char('\n'), 1));
        } else {
            m_registry.addCrd(ev.object.obj);
        }
        Q_EMIT crdsChanged();
    }
}

api::Result<StoredObject> SimCluster::apply(const QJsonObject &obj)
{
    const ResourceType *type = typeFor(obj);
    if (!type)
        return badRequest(QStringLiteral("no resource for %1 %2").arg(obj.value(QLatin1String("apiVersion")).toString(),
                                                                      obj.value(QLatin1String("kind")).toString()));
    WriteOptions opts;
    opts.skipAdmission = true;
    if (get(*type, metaStr(obj, "namespace"), metaStr(obj, "name")))
        return update(*type, obj, opts);
    return create(*type, obj, opts);
}

} // namespace acp::sandbox
