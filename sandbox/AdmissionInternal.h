#pragma once
// Shared helpers of the admission plugins (sandbox/Admission*.cpp). Not part of the sandbox API.
#include "models/Quantity.h"
#include "sandbox/Admission.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>

namespace acp::sandbox::admission {

// corev1.ResourceList; QMap keeps names sorted (byte order for the ASCII names quotas use).
using ResourceList = QMap<QString, models::Quantity>;

ResourceList toList(const QJsonObject &o);              // unparsable values are skipped
QJsonObject toJson(const ResourceList &list);           // Quantity.String() values
void addTo(ResourceList &into, const ResourceList &add);        // addResourceList / quota.Add
void maxInto(ResourceList &into, const ResourceList &other);    // maxResourceList
ResourceList mask(const ResourceList &list, const QStringList &names);
QString prettyPrint(const ResourceList &list);          // "a=1,b=2" (resourcequota prettyPrint)
// utilerrors.NewAggregate(errs).Error(): one message as is, several deduplicated in "[a, b]".
QString aggregate(const QStringList &errors);
bool lessUtf8(const QString &a, const QString &b);      // Go string order

QJsonObject meta(const QJsonObject &o);
QString metaStr(const QJsonObject &o, const char *field);
QJsonObject objAt(const QJsonObject &o, const char *key);
QJsonArray arrAt(const QJsonObject &o, const char *key);
QString strAt(const QJsonObject &o, const char *key);

bool isCore(const ResourceType &type, const char *resource);
// `pods "name" is forbidden: <why>` (admission.NewForbidden), 403 with details {name, kind, group}.
api::ApiError forbidden(const AdmissionRequest &req, const QString &why);
QString resourceName(const ResourceType &type);         // "pods", "deployments.apps"

// Pod resources (k8s.io/component-helpers/resource): container requests (limits copied to
// missing requests, as API defaulting does for pods), PodRequests and PodLimits with the
// sidecar/init-container rule and pod overhead.
ResourceList containerRequests(const QJsonObject &container);
ResourceList containerLimits(const QJsonObject &container);
ResourceList podRequests(const QJsonObject &podSpec);
ResourceList podLimits(const QJsonObject &podSpec);

// Quota evaluators (AdmissionQuotaUsage.cpp): which quota resource names an object kind feeds,
// what one object is charged, and a namespace's current usage.
enum class Kind { None, Pods, Services, Pvcs, Count };
struct Evaluator {
    Kind kind = Kind::None;
    QStringList countNames;   // Count: count/<resource>[.<group>] and the legacy alias
};
struct Scope {                // a quota scope or scopeSelector expression
    QString name;
    QString op;
    QStringList values;
};
Evaluator evaluatorFor(const QString &group, const QString &resource);
QStringList matchingResources(const Evaluator &ev, const QStringList &hardNames);
QList<Scope> scopesOf(const QJsonObject &quota);
bool matchesScopes(const Evaluator &ev, const QList<Scope> &scopes, const QJsonObject &obj);
ResourceList computeUsage(const ResourceList &requests, const ResourceList &limits);   // podComputeUsageHelper
ResourceList usageOf(const Evaluator &ev, const QJsonObject &obj);
ResourceList namespaceUsage(const SimCluster &cluster, const QString &ns, const QStringList &hardNames, const QList<Scope> &scopes);

// The per-cluster state the plugins share (audit log); a child of the cluster.
class State : public QObject {
public:
    explicit State(QObject *parent) : QObject(parent) {}
    QList<Admission::AuditEntry> audit;
    static State *of(const SimCluster &cluster);
};

api::Result<bool> limitRanger(SimCluster &cluster, AdmissionRequest &req);
api::Result<bool> podSecurity(SimCluster &cluster, State &state, AdmissionRequest &req);
api::Result<bool> resourceQuota(SimCluster &cluster, AdmissionRequest &req);
// Kyverno's validating webhook (AdmissionKyverno.cpp; KyvernoEngine).
api::Result<bool> kyverno(SimCluster &cluster, AdmissionRequest &req);

} // namespace acp::sandbox::admission
