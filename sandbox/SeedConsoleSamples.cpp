// Seed: the platform's pod security samples, consoleyamlsamples.console.alauda.io objects whose
// spec.yaml is a namespaced Kyverno Policy (reference/acp/SOURCES.md: ACP ships restricted,
// restricted-v2, anyuid, hostaccess, hostmount-anyuid, hostnetwork, hostnetwork-v2,
// node-exporter, nonroot, nonroot-v2 and privileged). ../shared has no schema for the kind: its
// shape is ASSUMED from OpenShift's ConsoleYAMLSample (console.openshift.io/v1, cluster-scoped;
// spec.targetResource {apiVersion, kind}, title, description, yaml, optional snippet), as the
// built-in CRD resources/sandbox/crds/console.alauda.io_consoleyamlsamples.yaml declares it.
//
// Only some clusters have samples, so the console's catalog is seen per cluster:
//   global, business-1: restricted, nonroot, privileged (Kyverno Policies written here, small
//                       and valid: podSecurity rules, plus a runAsNonRoot pattern for nonroot)
//                       and deployment-example (targets apps/v1 Deployment: not a pod
//                       security template, the console ignores it)
//   business-2, business-3: none.
// Every cluster gets the read access OpenShift's console-extensions-reader gives: get, list and
// watch of the console extension kinds for system:authenticated (assumed for ACP likewise).
#include "sandbox/SeedInternal.h"

namespace acp::sandbox::seed {

namespace {

const char *const kRestricted = R"(apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: restricted
  annotations:
    policies.kyverno.io/title: Restricted
    policies.kyverno.io/category: Pod Security
    policies.kyverno.io/severity: medium
    policies.kyverno.io/subject: Pod
spec:
  admission: true
  background: true
  validationFailureAction: Enforce
  rules:
  - name: restricted
    match:
      any:
      - resources:
          kinds:
          - Pod
    validate:
      podSecurity:
        level: restricted
        version: latest
)";

const char *const kNonroot = R"(apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: nonroot
  annotations:
    policies.kyverno.io/title: Nonroot
    policies.kyverno.io/category: Pod Security
    policies.kyverno.io/severity: medium
    policies.kyverno.io/subject: Pod
spec:
  admission: true
  background: true
  validationFailureAction: Enforce
  rules:
  - name: baseline
    match:
      any:
      - resources:
          kinds:
          - Pod
    validate:
      podSecurity:
        level: baseline
        version: latest
  - name: run-as-non-root
    match:
      any:
      - resources:
          kinds:
          - Pod
    validate:
      message: Pods must run as a non-root user (spec.securityContext.runAsNonRoot must be true).
      pattern:
        spec:
          securityContext:
            runAsNonRoot: true
)";

const char *const kPrivileged = R"(apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: privileged
  annotations:
    policies.kyverno.io/title: Privileged
    policies.kyverno.io/category: Pod Security
    policies.kyverno.io/severity: low
    policies.kyverno.io/subject: Pod
spec:
  admission: true
  background: true
  validationFailureAction: Audit
  rules:
  - name: privileged
    match:
      any:
      - resources:
          kinds:
          - Pod
    validate:
      podSecurity:
        level: privileged
        version: latest
)";

const char *const kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: example
spec:
  replicas: 1
  selector:
    matchLabels:
      app: example
  template:
    metadata:
      labels:
        app: example
    spec:
      containers:
      - name: example
        image: nginx:1.27
)";

QJsonObject sample(const QString &name, const char *apiVersion, const char *kind, const QString &title, const QString &description,
                   const char *yaml)
{
    QJsonObject s = object("console.alauda.io/v1", "ConsoleYAMLSample", QString(), name, {}, 86400 * 60);
    s.insert(QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("targetResource"), QJsonObject{{QStringLiteral("apiVersion"), QString::fromLatin1(apiVersion)},
                                                                       {QStringLiteral("kind"), QString::fromLatin1(kind)}}},
                         {QStringLiteral("title"), title},
                         {QStringLiteral("description"), description},
                         {QStringLiteral("yaml"), QString::fromUtf8(yaml)}});
    return s;
}

QJsonObject extensionsReader()
{
    const QJsonArray resources{QStringLiteral("consoleyamlsamples")};
    QJsonObject role = object("rbac.authorization.k8s.io/v1", "ClusterRole", QString(), QStringLiteral("console-extensions-reader"), {}, 86400 * 120);
    role.insert(QStringLiteral("rules"), QJsonArray{QJsonObject{
        {QStringLiteral("apiGroups"), QJsonArray{QStringLiteral("console.alauda.io")}},
        {QStringLiteral("resources"), resources},
        {QStringLiteral("verbs"), QJsonArray{QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch")}}}});
    return role;
}

QJsonObject extensionsReaderBinding()
{
    QJsonObject b = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", QString(), QStringLiteral("console-extensions-reader"), {}, 86400 * 120);
    b.insert(QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                    {QStringLiteral("kind"), QStringLiteral("ClusterRole")},
                                                    {QStringLiteral("name"), QStringLiteral("console-extensions-reader")}});
    b.insert(QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                                {QStringLiteral("kind"), QStringLiteral("Group")},
                                                                {QStringLiteral("name"), QStringLiteral("system:authenticated")}}});
    return b;
}

} // namespace

void seedConsoleSamples(Writer &w, const QString &clusterName)
{
    w.put(extensionsReader());
    w.put(extensionsReaderBinding());
    if (clusterName != QLatin1String("global") && clusterName != QLatin1String("business-1"))
        return;
    w.put(sample(QStringLiteral("restricted"), "kyverno.io/v1", "Policy", QStringLiteral("Restricted"),
                 QStringLiteral("Restricted denies access to all host features and requires pods to run as a non-root user "
                                "with a RuntimeDefault seccomp profile, dropping ALL capabilities and without privilege "
                                "escalation (the Restricted level of the Pod Security Standards)."),
                 kRestricted));
    w.put(sample(QStringLiteral("nonroot"), "kyverno.io/v1", "Policy", QStringLiteral("Nonroot"),
                 QStringLiteral("Nonroot provides all features of the Baseline level of the Pod Security Standards but "
                                "requires pods to declare runAsNonRoot: true."),
                 kNonroot));
    w.put(sample(QStringLiteral("privileged"), "kyverno.io/v1", "Policy", QStringLiteral("Privileged"),
                 QStringLiteral("Privileged allows access to all privileged and host features: nothing is blocked "
                                "(the Privileged level of the Pod Security Standards)."),
                 kPrivileged));
    w.put(sample(QStringLiteral("deployment-example"), "apps/v1", "Deployment", QStringLiteral("Example Deployment"),
                 QStringLiteral("An example Deployment of one nginx replica."), kDeployment));
}

} // namespace acp::sandbox::seed
