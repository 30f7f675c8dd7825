// Kyverno's validating webhook as the sandbox simulates it: kyverno.io/v1 Policies of the
// object's namespace and ClusterPolicies, evaluated by KyvernoEngine on CREATE and UPDATE of Pods
// and of the pod controllers (auto-gen). A failing rule whose failure action is Enforce rejects
// the request as kube-apiserver reports a webhook denial (webhookerrors.ToStatusErr): HTTP 400,
// status Failure, no reason, message `admission webhook "validate.kyverno.svc-fail" denied the
// request: <GetBlockedMessages>`. Audit failures admit (the report controller records them).
// Dry-run requests are evaluated the same way (Kyverno's webhooks have no side effects).
#include "sandbox/AdmissionInternal.h"
#include "sandbox/KyvernoEngine.h"

namespace acp::sandbox::admission {

namespace {
const QString kPolicies = QStringLiteral("kyverno.io/policies");
const QString kClusterPolicies = QStringLiteral("kyverno.io/clusterpolicies");
} // namespace

api::Result<bool> kyverno(SimCluster &cluster, AdmissionRequest &req)
{
    if ((req.operation != Operation::Create && req.operation != Operation::Update) || !req.subresource.isEmpty())
        return true;
    const QString kind = strAt(req.object, "kind");
    if (kind != QLatin1String("Pod") && !KyvernoEngine::isPodController(kind))
        return true;
    QList<const StoredObject *> policies = cluster.store().list(kPolicies, req.namespaceName);
    policies += cluster.store().list(kClusterPolicies);
    if (policies.isEmpty())
        return true;
    const StoredObject *ns = cluster.store().get(QStringLiteral("/namespaces"), QString(), req.namespaceName);
    KyvernoRequest kr;
    kr.object = req.object;
    kr.oldObject = req.oldObject;
    kr.namespaceLabels = ns ? objAt(meta(ns->obj), "labels") : QJsonObject();
    kr.operation = req.operation == Operation::Create ? QStringLiteral("CREATE") : QStringLiteral("UPDATE");
    QList<QPair<QString, QList<KyvernoRuleResult>>> blocked;
    for (const StoredObject *p : std::as_const(policies)) {
        if (!KyvernoEngine::admissionEnabled(p->obj) || !metaStr(p->obj, "deletionTimestamp").isEmpty())
            continue;
        QList<KyvernoRuleResult> enforced;
        bool failed = false;
        for (const KyvernoRuleResult &r : KyvernoEngine::evaluate(p->obj, kr)) {
            if (!r.enforce)
                continue;
            enforced << r;
            failed = failed || r.status == KyvernoRuleResult::Fail || r.status == KyvernoRuleResult::Error;
        }
        if (failed)
            blocked.append({metaStr(p->obj, "name"), enforced});
    }
    if (blocked.isEmpty())
        return true;
    QString name = metaStr(req.object, "name");
    if (name.isEmpty())
        name = req.name;
    api::ApiError e;
    e.httpStatus = 400;
    e.message = QStringLiteral("admission webhook \"validate.kyverno.svc-fail\" denied the request: ")
        + KyvernoEngine::blockedMessage(kind, req.namespaceName, name, blocked);
    return e;
}

} // namespace acp::sandbox::admission
