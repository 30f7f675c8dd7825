#pragma once
// KyvernoEngine: the validate part of Kyverno's policy engine as the sandbox runs it, shared by
// admission (AdmissionKyverno.cpp) and the background report controller (KyvernoReports).
//
// For one kyverno.io/v1 Policy or ClusterPolicy and one resource it gives a result per applying
// rule (pass / fail / skip / error), as Kyverno's engine response:
//  - match / exclude: `any`, `all` or the legacy `resources` block; resources.kinds
//    (Kind, version/Kind, group/version/Kind, wildcards), names/name, namespaces, annotations,
//    selector, namespaceSelector, operations. Filters with subjects/roles/clusterRoles never
//    match (user info is not modelled).
//  - auto-gen (pkg/autogen): a rule whose filters name only Pod kinds (no names, selector or
//    annotations) also applies to the pod templates of the controllers in
//    `pod-policies.kyverno.io/autogen-controllers` (default DaemonSet, Deployment, Job,
//    StatefulSet, ReplicaSet, ReplicationController, CronJob; "none" disables it) as
//    `autogen-<rule>` (`autogen-cronjob-<rule>` for CronJobs), patterns nested under
//    spec.template (spec.jobTemplate.spec.template).
//  - validate.pattern, validate.anyPattern (KyvernoPattern) and validate.podSecurity
//    (KyvernoPodSecurity), with Kyverno's messages. Rules with preconditions, deny, foreach,
//    cel, assert, manifests, mutate, generate or verifyImages are not evaluated (no result).
//  - failure action: validate.failureAction, else validationFailureActionOverrides for the
//    namespace, else spec.validationFailureAction (Enforce blocks, Audit reports).
//  - UPDATE: validate.allowExistingViolations (default true): a rule the old object already
//    failed is skipped.
// Pure functions; any thread.
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

struct KyvernoRuleResult {
    enum Status { Pass, Fail, Warn, Error, Skip };
    QString rule;            // "require-x", "autogen-require-x", "autogen-cronjob-require-x"
    Status status = Pass;
    QString message;
    QJsonObject properties;  // report properties (podSecurity controls)
    bool enforce = false;    // the rule's effective failure action is Enforce

    static QString statusName(Status s);   // "pass", "fail", "warn", "error", "skip"
};

struct KyvernoRequest {
    QJsonObject object;            // the resource (new object)
    QJsonObject oldObject;         // UPDATE only
    QJsonObject namespaceLabels;   // labels of the object's namespace
    QString operation;             // "CREATE", "UPDATE"; empty for a background scan
};

class KyvernoEngine {
public:
    static QList<KyvernoRuleResult> evaluate(const QJsonObject &policy, const KyvernoRequest &request);

    static bool admissionEnabled(const QJsonObject &policy);    // spec.admission (default true)
    static bool backgroundEnabled(const QJsonObject &policy);   // spec.background (default true)
    // The name reports use: "ns/name" for a namespaced Policy, the name for a ClusterPolicy.
    static QString reportName(const QJsonObject &policy);
    // Kinds a policy can produce results for (Pod and, with auto-gen, the controllers).
    static bool isPodController(const QString &kind);
    // Kyverno's default resourceFilters (the kyverno ConfigMap of its Helm chart): Events,
    // ReplicaSets and the kube-system, kube-public, kube-node-lease and kyverno namespaces are
    // neither admitted through Kyverno nor reported.
    static bool filteredOut(const QString &kind, const QString &ns);

    // Kyverno's GetBlockedMessages: "\n\nresource Kind/ns/name was blocked due to the following
    // policies \n\n<yaml of {policy: {rule: message}}>" over the failed and errored rules.
    static QString blockedMessage(const QString &kind, const QString &ns, const QString &name,
                                  const QList<QPair<QString, QList<KyvernoRuleResult>>> &policies);
};

} // namespace acp::sandbox
