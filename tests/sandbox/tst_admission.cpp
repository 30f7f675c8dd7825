// Tests for the sandbox's built-in admission plugins (sandbox/Admission.h): PodSecurity,
// LimitRanger and ResourceQuota on a SimCluster, through SimCluster::create/update with admission
// (WriteOptions, not skipAdmission). Expected texts are kube-apiserver 1.32's.
#include "sandbox/Admission.h"
#include "sandbox/SimCluster.h"

#include <QJsonArray>
#include <QtTest>

#include <memory>

using namespace acp::sandbox;

namespace {

const QString kRestrictedDetails = QStringLiteral(
    "allowPrivilegeEscalation != false (container \"%1\" must set securityContext.allowPrivilegeEscalation=false), "
    "unrestricted capabilities (container \"%1\" must set securityContext.capabilities.drop=[\"ALL\"]), "
    "runAsNonRoot != true (pod or container \"%1\" must set securityContext.runAsNonRoot=true), "
    "seccompProfile (pod or container \"%1\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");

QJsonObject labelsOf(const QStringList &kv)
{
    QJsonObject l;
    for (const QString &s : kv)
        l.insert(s.section(QLatin1Char('='), 0, 0), s.section(QLatin1Char('='), 1));
    return l;
}

QJsonObject namespaceObj(const QString &name, const QStringList &labels = {})
{
    QJsonObject m{{QStringLiteral("name"), name}};
    if (!labels.isEmpty())
        m.insert(QStringLiteral("labels"), labelsOf(labels));
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                       {QStringLiteral("metadata"), m}};
}

QJsonObject container(const QString &name, const QJsonObject &securityContext = {}, const QJsonObject &resources = {})
{
    QJsonObject c{{QStringLiteral("name"), name}, {QStringLiteral("image"), QStringLiteral("nginx:1.27")}};
    if (!securityContext.isEmpty())
        c.insert(QStringLiteral("securityContext"), securityContext);
    if (!resources.isEmpty())
        c.insert(QStringLiteral("resources"), resources);
    return c;
}

QJsonObject podObj(const QString &ns, const QString &name, const QJsonArray &containers, const QJsonArray &initContainers = {})
{
    QJsonObject spec{{QStringLiteral("containers"), containers}};
    if (!initContainers.isEmpty())
        spec.insert(QStringLiteral("initContainers"), initContainers);
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Pod")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}}},
                       {QStringLiteral("spec"), spec}};
}

QJsonObject privileged() { return QJsonObject{{QStringLiteral("privileged"), true}}; }

// A container security context that passes restricted (except capabilities when `dropAll` is false).
QJsonObject hardened(bool dropAll = true)
{
    QJsonObject sc{{QStringLiteral("allowPrivilegeEscalation"), false},
                   {QStringLiteral("runAsNonRoot"), true},
                   {QStringLiteral("seccompProfile"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RuntimeDefault")}}}};
    if (dropAll)
        sc.insert(QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("drop"), QJsonArray{QStringLiteral("ALL")}}});
    return sc;
}

QJsonObject deploymentObj(const QString &ns, const QString &name, const QJsonObject &c)
{
    const QJsonObject labels{{QStringLiteral("app"), name}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("kind"), QStringLiteral("Deployment")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}}},
        {QStringLiteral("spec"), QJsonObject{
             {QStringLiteral("replicas"), 2},
             {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
             {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                                                      {QStringLiteral("spec"), QJsonObject{{QStringLiteral("containers"), QJsonArray{c}}}}}}}}};
}

QJsonObject quotaObj(const QString &ns, const QString &name, const QJsonObject &hard)
{
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("ResourceQuota")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("hard"), hard}}}};
}

QJsonObject limitRangeObj(const QString &ns, const QString &name, const QJsonObject &item)
{
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("LimitRange")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("limits"), QJsonArray{item}}}}};
}

} // namespace

class TestAdmission : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimCluster> m_cluster;
    QStringList m_warnings;

    const ResourceType &type(const char *group, const char *version, const char *resource)
    {
        const ResourceType *t = m_cluster->registry().find(QLatin1String(group), QLatin1String(version), QLatin1String(resource));
        Q_ASSERT(t);
        return *t;
    }
    const ResourceType &pods() { return type("", "v1", "pods"); }
    const ResourceType &namespaces() { return type("", "v1", "namespaces"); }

    WriteOptions opts(bool dryRun = false)
    {
        WriteOptions o;
        o.user.name = QStringLiteral("alice");
        o.dryRun = dryRun;
        o.warnings = &m_warnings;
        return o;
    }

    acp::api::Result<StoredObject> create(const QJsonObject &obj, bool dryRun = false)
    {
        m_warnings.clear();
        const ResourceType *t = m_cluster->typeFor(obj);
        Q_ASSERT(t);
        return m_cluster->create(*t, obj, opts(dryRun));
    }

    void mustCreate(const QJsonObject &obj)
    {
        auto r = create(obj);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    }

    acp::api::Result<StoredObject> relabelNamespace(const QString &name, const QStringList &labels, bool dryRun = false)
    {
        m_warnings.clear();
        QJsonObject ns = m_cluster->get(namespaces(), QString(), name)->obj;
        QJsonObject m = ns.value(QLatin1String("metadata")).toObject();
        QJsonObject l = m.value(QLatin1String("labels")).toObject();
        const QJsonObject add = labelsOf(labels);
        for (auto it = add.begin(); it != add.end(); ++it)
            l.insert(it.key(), it.value());
        m.insert(QStringLiteral("labels"), l);
        ns.insert(QStringLiteral("metadata"), m);
        return m_cluster->update(namespaces(), ns, opts(dryRun));
    }

    QJsonObject quotaUsed(const QString &ns, const QString &name)
    {
        return m_cluster->get(type("", "v1", "resourcequotas"), ns, name)->obj.value(QLatin1String("status")).toObject()
            .value(QLatin1String("used")).toObject();
    }

private Q_SLOTS:
    void init()
    {
        m_cluster = std::make_unique<SimCluster>(QStringLiteral("test"));
        Admission::install(*m_cluster);
        Admission::install(*m_cluster); // idempotent
        m_warnings.clear();
    }
    void cleanup() { m_cluster.reset(); }

    void restrictedEnforceRejectsPrivilegedPod()
    {
        mustCreate(namespaceObj(QStringLiteral("secure"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted")}));
        auto r = create(podObj(QStringLiteral("secure"), QStringLiteral("priv"), {container(QStringLiteral("app"), privileged())}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 403);
        QCOMPARE(r.error().reason, QStringLiteral("Forbidden"));
        QCOMPARE(r.error().message,
                 QStringLiteral("pods \"priv\" is forbidden: violates PodSecurity \"restricted:latest\": "
                                "privileged (container \"app\" must not set securityContext.privileged=true), ")
                     + kRestrictedDetails.arg(QStringLiteral("app")));
        QCOMPARE(r.error().details.value(QLatin1String("name")).toString(), QStringLiteral("priv"));
        QCOMPARE(r.error().details.value(QLatin1String("kind")).toString(), QStringLiteral("pods"));
        QVERIFY(m_warnings.isEmpty()); // no warnings on a rejected request
        QVERIFY(!m_cluster->get(pods(), QStringLiteral("secure"), QStringLiteral("priv")));

        // A compliant pod is admitted without warnings.
        mustCreate(podObj(QStringLiteral("secure"), QStringLiteral("ok"), {container(QStringLiteral("app"), hardened())}));
        QVERIFY(m_warnings.isEmpty());
    }

    void baselineEnforceWithRestrictedWarn()
    {
        mustCreate(namespaceObj(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce=baseline"),
                                                         QStringLiteral("pod-security.kubernetes.io/warn=restricted")}));
        auto r = create(podObj(QStringLiteral("team"), QStringLiteral("web"), {container(QStringLiteral("web"))}));
        QVERIFY(r.ok());
        QCOMPARE(m_warnings, QStringList{QStringLiteral("would violate PodSecurity \"restricted:latest\": ")
                                         + kRestrictedDetails.arg(QStringLiteral("web"))});
        QVERIFY(m_cluster->get(pods(), QStringLiteral("team"), QStringLiteral("web")));

        r = create(podObj(QStringLiteral("team"), QStringLiteral("priv"), {container(QStringLiteral("app"), privileged())}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("pods \"priv\" is forbidden: violates PodSecurity \"baseline:latest\": "
                                                   "privileged (container \"app\" must not set securityContext.privileged=true)"));
    }

    void workloadsWarnButAreNotRejected()
    {
        // Only enforce is set: since 1.26 warn defaults to the enforce level.
        mustCreate(namespaceObj(QStringLiteral("secure"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted")}));
        auto r = create(deploymentObj(QStringLiteral("secure"), QStringLiteral("web"), container(QStringLiteral("nginx"))));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(m_warnings, QStringList{QStringLiteral("would violate PodSecurity \"restricted:latest\": ")
                                         + kRestrictedDetails.arg(QStringLiteral("nginx"))});
        // Updates of the main resource are evaluated again; subresources are not.
        QJsonObject d = r->obj;
        QJsonObject spec = d.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("replicas"), 3);
        d.insert(QStringLiteral("spec"), spec);
        m_warnings.clear();
        QVERIFY(m_cluster->update(type("apps", "v1", "deployments"), d, opts()).ok());
        QCOMPARE(m_warnings.size(), 1);

        // An explicit warn=privileged silences the template warning.
        mustCreate(namespaceObj(QStringLiteral("quiet"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted"),
                                                          QStringLiteral("pod-security.kubernetes.io/warn=privileged")}));
        QVERIFY(create(deploymentObj(QStringLiteral("quiet"), QStringLiteral("web"), container(QStringLiteral("nginx")))).ok());
        QVERIFY(m_warnings.isEmpty());
    }

    void namespaceRelabelListsViolatingPods()
    {
        mustCreate(namespaceObj(QStringLiteral("team")));
        mustCreate(podObj(QStringLiteral("team"), QStringLiteral("a-priv"), {container(QStringLiteral("app"), privileged())}));
        mustCreate(podObj(QStringLiteral("team"), QStringLiteral("c-plain"), {container(QStringLiteral("app"))}));
        mustCreate(podObj(QStringLiteral("team"), QStringLiteral("b-plain"), {container(QStringLiteral("app"))}));
        mustCreate(podObj(QStringLiteral("team"), QStringLiteral("d-ok"), {container(QStringLiteral("app"), hardened())}));
        const QStringList expected{
            QStringLiteral("existing pods in namespace \"team\" violate the new PodSecurity enforce level \"restricted:latest\""),
            QStringLiteral("a-priv: privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile"),
            QStringLiteral("b-plain (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile")};

        // kubectl label --dry-run=server: the same warnings, nothing stored.
        auto r = relabelNamespace(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted")}, true);
        QVERIFY(r.ok());
        QCOMPARE(m_warnings, expected);
        QVERIFY(!m_cluster->get(namespaces(), QString(), QStringLiteral("team"))->obj.value(QLatin1String("metadata")).toObject()
                     .value(QLatin1String("labels")).toObject().contains(QLatin1String("pod-security.kubernetes.io/enforce")));

        r = relabelNamespace(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted")});
        QVERIFY(r.ok());
        QCOMPARE(m_warnings, expected);
        // Unchanged or relaxed enforce policies check nothing.
        QVERIFY(relabelNamespace(QStringLiteral("team"), {QStringLiteral("owner=me")}).ok());
        QVERIFY(m_warnings.isEmpty());
        QVERIFY(relabelNamespace(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce=baseline")}).ok());
        QVERIFY(m_warnings.isEmpty());
        // A version change re-checks, with the version in the message.
        QVERIFY(relabelNamespace(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce-version=v1.24")}).ok());
        QCOMPARE(m_warnings.value(0),
                 QStringLiteral("existing pods in namespace \"team\" violate the new PodSecurity enforce level \"baseline:v1.24\""));
        QCOMPARE(m_warnings.value(1), QStringLiteral("a-priv: privileged"));

        // Invalid labels are rejected (422) with PSA's field errors.
        r = relabelNamespace(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce=bogus")});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 422);
        QCOMPARE(r.error().reason, QStringLiteral("Invalid"));
        QCOMPARE(r.error().message, QStringLiteral("Namespace \"team\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: "
                                                   "Invalid value: \"bogus\": must be one of privileged, baseline, restricted"));
        auto c = create(namespaceObj(QStringLiteral("bad"), {QStringLiteral("pod-security.kubernetes.io/warn=x"),
                                                             QStringLiteral("pod-security.kubernetes.io/warn-version=1.25")}));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().message, QStringLiteral("Namespace \"bad\" is invalid: [metadata.labels[pod-security.kubernetes.io/warn]: "
                                                   "Invalid value: \"x\": must be one of privileged, baseline, restricted, "
                                                   "metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: \"1.25\": "
                                                   "must be \"latest\" or \"v1.x\"]"));
        QCOMPARE(c.error().details.value(QLatin1String("causes")).toArray().size(), 2);
    }

    void podUpdatesOnlyWhenSignificant()
    {
        mustCreate(namespaceObj(QStringLiteral("team")));
        mustCreate(podObj(QStringLiteral("team"), QStringLiteral("legacy"), {container(QStringLiteral("app"), privileged())}));
        QVERIFY(relabelNamespace(QStringLiteral("team"), {QStringLiteral("pod-security.kubernetes.io/enforce=baseline")}).ok());
        QJsonObject pod = m_cluster->get(pods(), QStringLiteral("team"), QStringLiteral("legacy"))->obj;
        QJsonObject m = pod.value(QLatin1String("metadata")).toObject();
        m.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("tier"), QStringLiteral("web")}});
        pod.insert(QStringLiteral("metadata"), m);
        QVERIFY(m_cluster->update(pods(), pod, opts()).ok()); // metadata only: not evaluated
        pod = m_cluster->get(pods(), QStringLiteral("team"), QStringLiteral("legacy"))->obj;
        QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
        QJsonArray cs = spec.value(QLatin1String("containers")).toArray();
        QJsonObject c0 = cs.at(0).toObject();
        c0.insert(QStringLiteral("image"), QStringLiteral("nginx:1.28"));
        cs.replace(0, c0);
        spec.insert(QStringLiteral("containers"), cs);
        pod.insert(QStringLiteral("spec"), spec);
        auto r = m_cluster->update(pods(), pod, opts());
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.startsWith(QLatin1String("pods \"legacy\" is forbidden: violates PodSecurity \"baseline:latest\"")));
        // The status subresource is never evaluated.
        WriteOptions status = opts();
        status.subresource = QStringLiteral("status");
        QVERIFY(m_cluster->update(pods(), pod, status).ok());
    }

    void versionedLabelsSelectTheStandard()
    {
        // capabilities_restricted (drop ALL) is part of restricted from v1.22 on.
        mustCreate(namespaceObj(QStringLiteral("old"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted"),
                                                        QStringLiteral("pod-security.kubernetes.io/enforce-version=v1.21")}));
        mustCreate(namespaceObj(QStringLiteral("new"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted"),
                                                        QStringLiteral("pod-security.kubernetes.io/enforce-version=v1.24")}));
        const QJsonArray caps{container(QStringLiteral("app"), hardened(false))};
        QVERIFY(create(podObj(QStringLiteral("old"), QStringLiteral("caps"), caps)).ok());
        QVERIFY(m_warnings.isEmpty()); // warn defaults to restricted:v1.21 too
        auto r = create(podObj(QStringLiteral("new"), QStringLiteral("caps"), caps));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("pods \"caps\" is forbidden: violates PodSecurity \"restricted:v1.24\": "
                                                   "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"])"));
        // A future version evaluates the cluster's newest checks and keeps its label text.
        mustCreate(namespaceObj(QStringLiteral("future"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted"),
                                                           QStringLiteral("pod-security.kubernetes.io/enforce-version=v1.99")}));
        r = create(podObj(QStringLiteral("future"), QStringLiteral("caps"), caps));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("violates PodSecurity \"restricted:v1.99\": unrestricted capabilities")));
    }

    void invalidLabelsFailClosedForEnforce()
    {
        // Seeded namespaces can carry labels PSA cannot parse: enforce falls back to restricted:latest,
        // warn fails open, and the audit record carries the parse error.
        m_cluster->apply(namespaceObj(QStringLiteral("odd"), {QStringLiteral("pod-security.kubernetes.io/enforce=strict"),
                                                              QStringLiteral("pod-security.kubernetes.io/audit=restricted")}));
        auto r = create(podObj(QStringLiteral("odd"), QStringLiteral("web"), {container(QStringLiteral("web"))}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("pods \"web\" is forbidden: violates PodSecurity \"restricted:latest\": ")
                                        + kRestrictedDetails.arg(QStringLiteral("web")));
        const QList<Admission::AuditEntry> log = Admission::auditLog(*m_cluster);
        QVERIFY(!log.isEmpty());
        QCOMPARE(log.last().annotations.value(QStringLiteral("pod-security.kubernetes.io/error")),
                 QStringLiteral("Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": "
                                "must be one of privileged, baseline, restricted"));
        QCOMPARE(log.last().annotations.value(QStringLiteral("pod-security.kubernetes.io/audit-violations")),
                 QStringLiteral("would violate PodSecurity \"restricted:latest\": ") + kRestrictedDetails.arg(QStringLiteral("web")));
        QCOMPARE(log.last().annotations.value(QStringLiteral("pod-security.kubernetes.io/enforce-policy")), QStringLiteral("restricted:latest"));

        const Admission::Policy p = Admission::podSecurityPolicy(
            labelsOf({QStringLiteral("pod-security.kubernetes.io/enforce=strict"), QStringLiteral("pod-security.kubernetes.io/warn=nope")}));
        QCOMPARE(p.enforce.level, acp::models::PssLevel::Restricted);
        QCOMPARE(p.warn.level, acp::models::PssLevel::Privileged);
    }

    void quotaPodCountExceeded()
    {
        mustCreate(namespaceObj(QStringLiteral("q")));
        mustCreate(quotaObj(QStringLiteral("q"), QStringLiteral("pod-quota"), QJsonObject{{QStringLiteral("pods"), QStringLiteral("2")},
                                                                                       {QStringLiteral("count/pods"), QStringLiteral("5")}}));
        mustCreate(podObj(QStringLiteral("q"), QStringLiteral("p1"), {container(QStringLiteral("app"))}));
        mustCreate(podObj(QStringLiteral("q"), QStringLiteral("p2"), {container(QStringLiteral("app"))}));
        QCOMPARE(quotaUsed(QStringLiteral("q"), QStringLiteral("pod-quota")),
                 (QJsonObject{{QStringLiteral("pods"), QStringLiteral("2")}, {QStringLiteral("count/pods"), QStringLiteral("2")}}));
        auto r = create(podObj(QStringLiteral("q"), QStringLiteral("p3"), {container(QStringLiteral("app"))}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 403);
        QCOMPARE(r.error().message,
                 QStringLiteral("pods \"p3\" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=2, limited: pods=2"));
        QCOMPARE(r.error().details.value(QLatin1String("kind")).toString(), QStringLiteral("pods"));

        // Terminal pods are not charged against "pods" (they still count for count/pods).
        QJsonObject p1 = m_cluster->get(pods(), QStringLiteral("q"), QStringLiteral("p1"))->obj;
        p1.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Succeeded")}});
        m_cluster->store().update(pods().storageKey(), p1);
        QCOMPARE(Admission::quotaUsage(*m_cluster, QStringLiteral("q"), QJsonObject{{QStringLiteral("pods"), QStringLiteral("2")},
                                                                                   {QStringLiteral("count/pods"), QStringLiteral("5")}}),
                 (QJsonObject{{QStringLiteral("pods"), QStringLiteral("1")}, {QStringLiteral("count/pods"), QStringLiteral("2")}}));
        QVERIFY(create(podObj(QStringLiteral("q"), QStringLiteral("p3"), {container(QStringLiteral("app"))})).ok());

        // Object counts: configmaps (legacy name) and count/configmaps.
        mustCreate(quotaObj(QStringLiteral("q"), QStringLiteral("objects"), QJsonObject{{QStringLiteral("configmaps"), QStringLiteral("1")}}));
        const QJsonObject cm{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("c1")}, {QStringLiteral("namespace"), QStringLiteral("q")}}}};
        mustCreate(cm);
        QJsonObject cm2 = cm;
        cm2.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("c2")}, {QStringLiteral("namespace"), QStringLiteral("q")}});
        r = create(cm2);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("configmaps \"c2\" is forbidden: exceeded quota: objects, requested: configmaps=1, "
                                                   "used: configmaps=1, limited: configmaps=1"));
    }

    void quotaRequiresCpuRequests()
    {
        mustCreate(namespaceObj(QStringLiteral("q")));
        mustCreate(quotaObj(QStringLiteral("q"), QStringLiteral("compute"), QJsonObject{{QStringLiteral("requests.cpu"), QStringLiteral("1")},
                                                                                     {QStringLiteral("limits.memory"), QStringLiteral("1Gi")}}));
        auto r = create(podObj(QStringLiteral("q"), QStringLiteral("nores"), {container(QStringLiteral("main"))},
                               {container(QStringLiteral("init"))}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 403);
        QCOMPARE(r.error().message, QStringLiteral("pods \"nores\" is forbidden: failed quota: compute: "
                                                   "must specify limits.memory for: init,main; requests.cpu for: init,main"));
        // A limit alone satisfies the request requirement (requests default to limits).
        const QJsonObject res{{QStringLiteral("limits"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("250m")},
                                                                     {QStringLiteral("memory"), QStringLiteral("256Mi")}}}};
        r = create(podObj(QStringLiteral("q"), QStringLiteral("limited"), {container(QStringLiteral("main"), {}, res)}));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray().at(0).toObject()
                     .value(QLatin1String("resources")).toObject().value(QLatin1String("requests")).toObject()
                     .value(QLatin1String("cpu")).toString(), QStringLiteral("250m"));
        QCOMPARE(quotaUsed(QStringLiteral("q"), QStringLiteral("compute")),
                 (QJsonObject{{QStringLiteral("requests.cpu"), QStringLiteral("250m")}, {QStringLiteral("limits.memory"), QStringLiteral("256Mi")}}));
    }

    void limitRangeDefaultsThenQuota()
    {
        mustCreate(namespaceObj(QStringLiteral("lr")));
        mustCreate(limitRangeObj(QStringLiteral("lr"), QStringLiteral("defaults"), QJsonObject{
            {QStringLiteral("type"), QStringLiteral("Container")},
            {QStringLiteral("default"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("500m")}, {QStringLiteral("memory"), QStringLiteral("256Mi")}}},
            {QStringLiteral("defaultRequest"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("100m")}, {QStringLiteral("memory"), QStringLiteral("128Mi")}}},
            {QStringLiteral("max"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("2")}}}}));
        mustCreate(quotaObj(QStringLiteral("lr"), QStringLiteral("compute"), QJsonObject{
            {QStringLiteral("requests.cpu"), QStringLiteral("1")}, {QStringLiteral("requests.memory"), QStringLiteral("2Gi")},
            {QStringLiteral("limits.memory"), QStringLiteral("4Gi")}}));
        auto r = create(podObj(QStringLiteral("lr"), QStringLiteral("p0"), {container(QStringLiteral("main"))}));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const QJsonObject stored = m_cluster->get(pods(), QStringLiteral("lr"), QStringLiteral("p0"))->obj;
        const QJsonObject resources = stored.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray()
                                          .at(0).toObject().value(QLatin1String("resources")).toObject();
        QCOMPARE(resources, (QJsonObject{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("100m")},
                                                                                  {QStringLiteral("memory"), QStringLiteral("128Mi")}}},
                                         {QStringLiteral("limits"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("500m")},
                                                                                {QStringLiteral("memory"), QStringLiteral("256Mi")}}}}));
        QCOMPARE(stored.value(QLatin1String("metadata")).toObject().value(QLatin1String("annotations")).toObject()
                     .value(QLatin1String("kubernetes.io/limit-ranger")).toString(),
                 QStringLiteral("LimitRanger plugin set: cpu, memory request for container main; cpu, memory limit for container main"));
        QCOMPARE(quotaUsed(QStringLiteral("lr"), QStringLiteral("compute")),
                 (QJsonObject{{QStringLiteral("requests.cpu"), QStringLiteral("100m")}, {QStringLiteral("requests.memory"), QStringLiteral("128Mi")},
                              {QStringLiteral("limits.memory"), QStringLiteral("256Mi")}}));
        for (int i = 1; i < 10; ++i)
            mustCreate(podObj(QStringLiteral("lr"), QStringLiteral("p%1").arg(i), {container(QStringLiteral("main"))}));
        r = create(podObj(QStringLiteral("lr"), QStringLiteral("p10"), {container(QStringLiteral("main"))}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("pods \"p10\" is forbidden: exceeded quota: compute, requested: requests.cpu=100m, "
                                                   "used: requests.cpu=1, limited: requests.cpu=1"));

        // LimitRange max: checked after defaulting, with upstream's text.
        const QJsonObject big{{QStringLiteral("limits"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("4")}}}};
        r = create(podObj(QStringLiteral("lr"), QStringLiteral("big"), {container(QStringLiteral("main"), {}, big)}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 403);
        QCOMPARE(r.error().message, QStringLiteral("pods \"big\" is forbidden: maximum cpu usage per Container is 2, but limit is 4"));
    }

    void dryRunRejectsButStoresNothing()
    {
        mustCreate(namespaceObj(QStringLiteral("secure"), {QStringLiteral("pod-security.kubernetes.io/enforce=restricted")}));
        mustCreate(quotaObj(QStringLiteral("secure"), QStringLiteral("pod-quota"), QJsonObject{{QStringLiteral("pods"), QStringLiteral("1")}}));
        const qint64 rv = m_cluster->store().resourceVersion();
        auto r = create(podObj(QStringLiteral("secure"), QStringLiteral("priv"), {container(QStringLiteral("app"), privileged())}), true);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.startsWith(QLatin1String("pods \"priv\" is forbidden: violates PodSecurity \"restricted:latest\": privileged")));
        // An admissible dry run succeeds without storing the pod or charging the quota.
        r = create(podObj(QStringLiteral("secure"), QStringLiteral("ok"), {container(QStringLiteral("app"), hardened())}), true);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(m_cluster->store().resourceVersion(), rv);
        QCOMPARE(m_cluster->store().count(pods().storageKey(), QStringLiteral("secure")), 0);
        mustCreate(podObj(QStringLiteral("secure"), QStringLiteral("ok"), {container(QStringLiteral("app"), hardened())}));
        const qint64 rv2 = m_cluster->store().resourceVersion();
        r = create(podObj(QStringLiteral("secure"), QStringLiteral("ok2"), {container(QStringLiteral("app"), hardened())}), true);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("pods \"ok2\" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=1, limited: pods=1"));
        QCOMPARE(m_cluster->store().resourceVersion(), rv2);
    }

    void servicesAndClaims()
    {
        mustCreate(namespaceObj(QStringLiteral("q")));
        mustCreate(quotaObj(QStringLiteral("q"), QStringLiteral("svc"), QJsonObject{{QStringLiteral("services.nodeports"), QStringLiteral("1")},
                                                                                 {QStringLiteral("requests.storage"), QStringLiteral("1Gi")}}));
        const QJsonArray ports{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")}, {QStringLiteral("port"), 80}},
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("https")}, {QStringLiteral("port"), 443}}};
        auto r = create(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Service")},
                                    {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("web")}, {QStringLiteral("namespace"), QStringLiteral("q")}}},
                                    {QStringLiteral("spec"), QJsonObject{{QStringLiteral("ports"), ports}}}});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        // Updates are charged the growth: ClusterIP -> NodePort needs two node ports.
        QJsonObject svc = r->obj;
        QJsonObject spec = svc.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("type"), QStringLiteral("NodePort"));
        svc.insert(QStringLiteral("spec"), spec);
        r = m_cluster->update(type("", "v1", "services"), svc, opts());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("services \"web\" is forbidden: exceeded quota: svc, requested: services.nodeports=2, "
                                                   "used: services.nodeports=0, limited: services.nodeports=1"));

        mustCreate(limitRangeObj(QStringLiteral("q"), QStringLiteral("storage"), QJsonObject{
            {QStringLiteral("type"), QStringLiteral("PersistentVolumeClaim")},
            {QStringLiteral("min"), QJsonObject{{QStringLiteral("storage"), QStringLiteral("1Gi")}}}}));
        auto claim = [](const QString &name, const QString &size) {
            return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
                               {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QStringLiteral("q")}}},
                               {QStringLiteral("spec"), QJsonObject{{QStringLiteral("accessModes"), QJsonArray{QStringLiteral("ReadWriteOnce")}},
                                                                    {QStringLiteral("resources"), QJsonObject{{QStringLiteral("requests"),
                                                                        QJsonObject{{QStringLiteral("storage"), size}}}}}}}};
        };
        r = create(claim(QStringLiteral("small"), QStringLiteral("500Mi")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("persistentvolumeclaims \"small\" is forbidden: "
                                                   "minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi"));
        r = create(claim(QStringLiteral("big"), QStringLiteral("2Gi")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("persistentvolumeclaims \"big\" is forbidden: exceeded quota: svc, "
                                                   "requested: requests.storage=2Gi, used: requests.storage=0, limited: requests.storage=1Gi"));
        mustCreate(claim(QStringLiteral("fits"), QStringLiteral("1Gi")));
        QCOMPARE(quotaUsed(QStringLiteral("q"), QStringLiteral("svc")),
                 (QJsonObject{{QStringLiteral("services.nodeports"), QStringLiteral("0")}, {QStringLiteral("requests.storage"), QStringLiteral("1Gi")}}));
    }

    void quotaStatusHonoursScopes()
    {
        mustCreate(namespaceObj(QStringLiteral("s")));
        mustCreate(podObj(QStringLiteral("s"), QStringLiteral("be"), {container(QStringLiteral("app"))}));
        const QJsonObject res{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("200m")}}}};
        mustCreate(podObj(QStringLiteral("s"), QStringLiteral("burst"), {container(QStringLiteral("app"), {}, res)},
                          {container(QStringLiteral("init"), {}, QJsonObject{{QStringLiteral("requests"),
                                                                             QJsonObject{{QStringLiteral("cpu"), QStringLiteral("1")}}}})}));
        QJsonObject quota = quotaObj(QStringLiteral("s"), QStringLiteral("not-best-effort"),
                                     QJsonObject{{QStringLiteral("pods"), QStringLiteral("10")}, {QStringLiteral("requests.cpu"), QStringLiteral("4")}});
        QJsonObject spec = quota.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("scopes"), QJsonArray{QStringLiteral("NotBestEffort")});
        quota.insert(QStringLiteral("spec"), spec);
        quota.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("not-best-effort")},
                                                             {QStringLiteral("namespace"), QStringLiteral("s")}});
        // init container max rule: max(sum(app)=200m, max(init)=1) = 1
        QCOMPARE(Admission::quotaStatus(*m_cluster, quota).value(QLatin1String("used")).toObject(),
                 (QJsonObject{{QStringLiteral("pods"), QStringLiteral("1")}, {QStringLiteral("requests.cpu"), QStringLiteral("1")}}));
    }
};

QTEST_GUILESS_MAIN(TestAdmission)
#include "tst_admission.moc"
