#pragma once
// SimCluster: one simulated Kubernetes cluster behind the sandbox gateway. Owns the resource
// registry, the object store and the admission chain, and implements the write path every
// writer shares (the REST handler, controllers, the seed): defaults, validation, admission,
// optimistic concurrency, finalizers, namespace termination and garbage collection.
// Single-threaded (the sandbox's event loop).
#include "api/Result.h"
#include "sandbox/ObjectStore.h"
#include "sandbox/ResourceRegistry.h"
#include "sandbox/UserDirectory.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

namespace acp::models { class RbacEvaluator; }

namespace acp::sandbox {

enum class Operation { Create, Update, Delete, Connect };

struct AdmissionRequest {
    Operation operation = Operation::Create;
    const ResourceType *type = nullptr;
    QString subresource;
    QString namespaceName;
    QString name;
    QJsonObject object;       // the new object (mutable by mutating plugins)
    QJsonObject oldObject;
    UserInfo user;
    bool dryRun = false;
    QStringList *warnings = nullptr;
};

// An admission plugin: may mutate req.object, add warnings, or reject with an ApiError.
using AdmissionPlugin = std::function<api::Result<bool>(AdmissionRequest &req)>;

struct WriteOptions {
    UserInfo user;
    bool dryRun = false;
    QString fieldManager;
    QString subresource;            // "status", "scale", ... ("" = main resource)
    QStringList *warnings = nullptr;
    bool skipAdmission = false;     // internal controllers
};

struct DeleteOptions {
    QString propagationPolicy;      // Background (default), Foreground, Orphan
    QString preconditionUid;
    QString preconditionResourceVersion;
    qint64 gracePeriodSeconds = -1;
};

class SimCluster : public QObject {
    Q_OBJECT
public:
    SimCluster(const QString &name, QObject *parent = nullptr);
    ~SimCluster() override;

    QString name() const { return m_name; }
    QString kubernetesVersion() const { return m_version; }
    void setKubernetesVersion(const QString &v) { m_version = v; }

    ResourceRegistry &registry() { return m_registry; }
    const ResourceRegistry &registry() const { return m_registry; }
    ObjectStore &store() { return m_store; }
    const ObjectStore &store() const { return m_store; }
    models::RbacEvaluator &rbac();   // rebuilt lazily after RBAC objects change

    void addAdmissionPlugin(const QString &name, AdmissionPlugin plugin);

    // The shared write path. Errors are kube-apiserver's Status errors.
    api::Result<StoredObject> create(const ResourceType &type, QJsonObject obj, const WriteOptions &opts);
    api::Result<StoredObject> update(const ResourceType &type, QJsonObject obj, const WriteOptions &opts);
    // Returns the object's last state (with deletionTimestamp when finalizers keep it).
    api::Result<StoredObject> remove(const ResourceType &type, const QString &ns, const QString &name,
                                     const DeleteOptions &del, const WriteOptions &opts, bool *deletedNow = nullptr);
    const StoredObject *get(const ResourceType &type, const QString &ns, const QString &name) const;

    // Convenience for seeding and controllers: create or update by kind, no admission.
    api::Result<StoredObject> apply(const QJsonObject &obj);
    const ResourceType *typeFor(const QJsonObject &obj) const;

    static QString now();   // RFC 3339, second precision, UTC
    static QString qualifiedResource(const ResourceType &type);   // "deployments.apps", "pods"
    static api::ApiError notFound(const ResourceType &type, const QString &name);
    static api::ApiError alreadyExists(const ResourceType &type, const QString &name);
    static api::ApiError conflict(const ResourceType &type, const QString &name, const QString &why);
    static api::ApiError invalid(const ResourceType &type, const QString &name, const QString &field,
                                 const QString &causeType, const QString &detail);
    static api::ApiError badRequest(const QString &message);
    static api::ApiError forbidden(const QString &message, const ResourceType *type = nullptr, const QString &name = QString());

Q_SIGNALS:
    void crdsChanged();

private:
    api::Result<bool> admit(AdmissionRequest &req);
    api::Result<bool> validateCommon(const ResourceType &type, const QJsonObject &obj, bool creating);
    void onStoreEvent(const StoreEvent &ev);
    void collectGarbage(const QString &ownerUid, const QString &policy);
    void finalizeNamespace(const QString &ns);
    bool namespaceTerminating(const QString &ns) const;

    QString m_name;
    QString m_version = QStringLiteral("v1.32.3");
    ResourceRegistry m_registry;
    ObjectStore m_store;
    std::unique_ptr<models::RbacEvaluator> m_rbac;
    bool m_rbacDirty = true;
    QList<QPair<QString, AdmissionPlugin>> m_admission;
};

} // namespace acp::sandbox
