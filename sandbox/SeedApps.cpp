// Seed: the applications in project namespaces (workload clusters, demo mode).
#include "sandbox/Admission.h"
#include "sandbox/Controllers.h"
#include "sandbox/SeedInternal.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QJsonDocument>

namespace acp::sandbox::seed {

namespace {

const QString kAppsDomain = QStringLiteral("apps.example.com");
const QString kRegistry = QStringLiteral("registry.example.com");

QString b64(const QString &s) { return QString::fromLatin1(s.toUtf8().toBase64()); }

QJsonObject lbl(const QString &app) { return QJsonObject{{QStringLiteral("app"), app}}; }

QJsonObject podSpecOf(const QJsonArray &containers, const QJsonObject &extra = {})
{
    QJsonObject s{{QStringLiteral("containers"), containers}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        s.insert(it.key(), it.value());
    return s;
}

QJsonObject withSecurity(QJsonObject c, const QJsonObject &sc)
{
    c.insert(QStringLiteral("securityContext"), sc);
    return c;
}

void service(Writer &w, const QString &ns, const QString &name, const QJsonObject &selector, int port, const QJsonValue &target,
             const QString &type = QStringLiteral("ClusterIP"), bool headless = false)
{
    QJsonObject svc = object("v1", "Service", ns, name, lbl(name), 86400 * 20);
    QJsonObject p{{QStringLiteral("name"), QStringLiteral("http")}, {QStringLiteral("port"), port},
                  {QStringLiteral("protocol"), QStringLiteral("TCP")}, {QStringLiteral("targetPort"), target}};
    if (type == QLatin1String("NodePort"))
        p.insert(QStringLiteral("nodePort"), 30000 + int(qHash(ns + name) % 2700));
    QJsonObject spec{{QStringLiteral("selector"), selector}, {QStringLiteral("ports"), QJsonArray{p}}, {QStringLiteral("type"), type}};
    if (headless) {
        spec.insert(QStringLiteral("clusterIP"), QStringLiteral("None"));
        spec.insert(QStringLiteral("clusterIPs"), QJsonArray{QStringLiteral("None")});
    }
    svc.insert(QStringLiteral("spec"), spec);
    w.put(svc);
}

void ingress(Writer &w, const QString &ns, const QString &name, const QString &serviceName, bool tls)
{
    const QString host = QStringLiteral("%1.%2").arg(ns, kAppsDomain);
    QJsonObject ing = object("networking.k8s.io/v1", "Ingress", ns, name, lbl(name), 86400 * 20);
    sim::setMetaField(ing, QStringLiteral("generation"), 1);
    QJsonObject spec{{QStringLiteral("ingressClassName"), QStringLiteral("nginx")},
                     {QStringLiteral("rules"), QJsonArray{QJsonObject{
                          {QStringLiteral("host"), host},
                          {QStringLiteral("http"), QJsonObject{{QStringLiteral("paths"), QJsonArray{QJsonObject{
                               {QStringLiteral("path"), QStringLiteral("/")}, {QStringLiteral("pathType"), QStringLiteral("Prefix")},
                               {QStringLiteral("backend"), QJsonObject{{QStringLiteral("service"), QJsonObject{
                                    {QStringLiteral("name"), serviceName}, {QStringLiteral("port"), QJsonObject{{QStringLiteral("number"), 80}}}}}}}}}}}}}}}};
    if (tls)
        spec.insert(QStringLiteral("tls"), QJsonArray{QJsonObject{{QStringLiteral("hosts"), QJsonArray{host}},
                                                                  {QStringLiteral("secretName"), name + QStringLiteral("-tls")}}});
    ing.insert(QStringLiteral("spec"), spec);
    ing.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("loadBalancer"), QJsonObject{{QStringLiteral("ingress"),
        QJsonArray{QJsonObject{{QStringLiteral("ip"), QStringLiteral("172.16.0.200")}}}}}}});
    w.put(ing);
}

void pdb(Writer &w, const QString &ns, const QString &app, int minAvailable, int healthy)
{
    QJsonObject p = object("policy/v1", "PodDisruptionBudget", ns, app, lbl(app), 86400 * 20);
    sim::setMetaField(p, QStringLiteral("generation"), 1);
    p.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("minAvailable"), minAvailable},
                                                 {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), lbl(app)}}}});
    const int allowed = qMax(0, healthy - minAvailable);
    p.insert(QStringLiteral("status"), QJsonObject{
        {QStringLiteral("currentHealthy"), healthy}, {QStringLiteral("desiredHealthy"), minAvailable},
        {QStringLiteral("disruptionsAllowed"), allowed}, {QStringLiteral("expectedPods"), healthy},
        {QStringLiteral("observedGeneration"), 1},
        {QStringLiteral("conditions"), QJsonArray{QJsonObject{
             {QStringLiteral("type"), QStringLiteral("DisruptionAllowed")}, {QStringLiteral("status"), allowed > 0 ? QStringLiteral("True") : QStringLiteral("False")},
             {QStringLiteral("reason"), allowed > 0 ? QStringLiteral("SufficientPods") : QStringLiteral("InsufficientPods")},
             {QStringLiteral("message"), QString()}, {QStringLiteral("observedGeneration"), 1},
             {QStringLiteral("lastTransitionTime"), sim::timeAgo(86400 * 20)}}}}});
    w.put(p);
}

void secrets(Writer &w, const QString &ns, const QString &project)
{
    QJsonObject opaque = object("v1", "Secret", ns, QStringLiteral("db-credentials"), lbl(QStringLiteral("api")), 86400 * 25);
    opaque.insert(QStringLiteral("type"), QStringLiteral("Opaque"));
    opaque.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("username"), b64(project + QStringLiteral("_app"))},
                                                      {QStringLiteral("password"), b64(sim::randomHex(24))}});
    w.put(opaque);
    const QString user = QStringLiteral("robot$%1+ci").arg(project);
    const QString password = sim::randomHex(32);
    const QJsonObject auths{{QStringLiteral("auths"), QJsonObject{{kRegistry, QJsonObject{
        {QStringLiteral("username"), user}, {QStringLiteral("password"), password},
        {QStringLiteral("auth"), b64(user + QLatin1Char(':') + password)}}}}}};
    QJsonObject reg = object("v1", "Secret", ns, QStringLiteral("registry-credentials"), {}, 86400 * 25);
    reg.insert(QStringLiteral("type"), QStringLiteral("kubernetes.io/dockerconfigjson"));
    reg.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral(".dockerconfigjson"),
                                                    QString::fromLatin1(QJsonDocument(auths).toJson(QJsonDocument::Compact).toBase64())}});
    w.put(reg);
}

void tlsSecret(Writer &w, const QString &ns, const QString &name)
{
    auto pem = [](const char *label) {
        QString body;
        for (int i = 0; i < 12; ++i)
            body += QString::fromLatin1(QByteArray::fromHex(sim::randomHex(96).toLatin1()).toBase64().left(64)) + QLatin1Char('\n');
        return QStringLiteral("-----BEGIN %1-----\n%2-----END %1-----\n").arg(QLatin1String(label), body);
    };
    QJsonObject s = object("v1", "Secret", ns, name, {}, 86400 * 20);
    s.insert(QStringLiteral("type"), QStringLiteral("kubernetes.io/tls"));
    s.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("tls.crt"), b64(pem("CERTIFICATE"))},
                                                 {QStringLiteral("tls.key"), b64(pem("PRIVATE KEY"))}});
    w.put(s);
}

void quotaAndLimits(Writer &w, const QString &ns, int scale)
{
    QJsonObject q = object("v1", "ResourceQuota", ns, QStringLiteral("default"), {}, 86400 * 30);
    q.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("hard"), QJsonObject{
        {QStringLiteral("requests.cpu"), QString::number(4 * scale)}, {QStringLiteral("limits.cpu"), QString::number(8 * scale)},
        {QStringLiteral("requests.memory"), QStringLiteral("%1Gi").arg(8 * scale)}, {QStringLiteral("limits.memory"), QStringLiteral("%1Gi").arg(16 * scale)},
        {QStringLiteral("pods"), QString::number(30 * scale)}, {QStringLiteral("services"), QStringLiteral("10")},
        {QStringLiteral("configmaps"), QStringLiteral("20")}, {QStringLiteral("secrets"), QStringLiteral("20")},
        {QStringLiteral("persistentvolumeclaims"), QStringLiteral("10")}, {QStringLiteral("requests.storage"), QStringLiteral("%1Gi").arg(100 * scale)}}}});
    w.put(q);
    QJsonObject lr = object("v1", "LimitRange", ns, QStringLiteral("default"), {}, 86400 * 30);
    lr.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("limits"), QJsonArray{QJsonObject{
        {QStringLiteral("type"), QStringLiteral("Container")},
        {QStringLiteral("default"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("500m")}, {QStringLiteral("memory"), QStringLiteral("512Mi")}}},
        {QStringLiteral("defaultRequest"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("100m")}, {QStringLiteral("memory"), QStringLiteral("128Mi")}}},
        {QStringLiteral("max"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("4")}, {QStringLiteral("memory"), QStringLiteral("8Gi")}}}}}}});
    w.put(lr);
}

void configMap(Writer &w, const QString &ns, const QString &name, const QJsonObject &data)
{
    QJsonObject cm = object("v1", "ConfigMap", ns, name, lbl(name.section(QLatin1Char('-'), 0, 0)), 86400 * 20);
    cm.insert(QStringLiteral("data"), data);
    w.put(cm);
}

void pvc(Writer &w, const QString &ns, const QString &name, const QString &size, const QJsonObject &labels, qint64 age)
{
    const QString pvName = QStringLiteral("pvc-") + sim::newUid();
    QJsonObject c = object("v1", "PersistentVolumeClaim", ns, name, labels, age);
    sim::setAnnotation(c, QStringLiteral("pv.kubernetes.io/bind-completed"), QStringLiteral("yes"));
    const QJsonArray modes{QStringLiteral("ReadWriteOnce")};
    c.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("accessModes"), modes},
                                                 {QStringLiteral("resources"), QJsonObject{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("storage"), size}}}}},
                                                 {QStringLiteral("storageClassName"), QStringLiteral("local-path")},
                                                 {QStringLiteral("volumeMode"), QStringLiteral("Filesystem")},
                                                 {QStringLiteral("volumeName"), pvName}});
    c.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Bound")}, {QStringLiteral("accessModes"), modes},
                                                   {QStringLiteral("capacity"), QJsonObject{{QStringLiteral("storage"), size}}}});
    c = w.put(c);
    QJsonObject pv = object("v1", "PersistentVolume", QString(), pvName, {}, age);
    pv.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("accessModes"), modes}, {QStringLiteral("capacity"), QJsonObject{{QStringLiteral("storage"), size}}},
        {QStringLiteral("claimRef"), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
                                                 {QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}, {QStringLiteral("uid"), uidOf(c)}}},
        {QStringLiteral("hostPath"), QJsonObject{{QStringLiteral("path"), QStringLiteral("/opt/local-path-provisioner/%1_%2_%3").arg(pvName, ns, name)},
                                                 {QStringLiteral("type"), QStringLiteral("DirectoryOrCreate")}}},
        {QStringLiteral("persistentVolumeReclaimPolicy"), QStringLiteral("Delete")},
        {QStringLiteral("storageClassName"), QStringLiteral("local-path")}, {QStringLiteral("volumeMode"), QStringLiteral("Filesystem")}});
    pv.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Bound")}});
    w.put(pv);
}

void warningEvents(Writer &w, const QString &ns, const QString &deployment, const char *reason, const QString &message, int count)
{
    for (const StoredObject *p : w.cluster()->store().list(QStringLiteral("/pods"), ns)) {
        if (!nameOf(p->obj).startsWith(deployment + QLatin1Char('-')))
            continue;
        sim::EventInput in;
        in.involved = p->obj;
        in.type = QStringLiteral("Warning");
        in.reason = QString::fromLatin1(reason);
        in.message = message;
        const bool scheduler = in.reason == QLatin1String("FailedScheduling");
        in.component = scheduler ? QStringLiteral("default-scheduler") : QStringLiteral("kubelet");
        if (!scheduler) {
            in.host = p->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
            in.fieldPath = QStringLiteral("spec.containers{%1}").arg(deployment);
        }
        in.firstTimestamp = metaStr(p->obj, "creationTimestamp");
        in.lastTimestamp = sim::timeAgo(40);
        in.count = count;
        seedEvent(w, in);
    }
}

} // namespace

namespace {

QJsonObject web(const QString &image, bool restricted, int port)
{
    QJsonObject c = container(QStringLiteral("web"), image, "100m", "128Mi", "500m", "256Mi", port);
    c.insert(QStringLiteral("readinessProbe"), QJsonObject{{QStringLiteral("httpGet"), QJsonObject{{QStringLiteral("path"), QStringLiteral("/")},
                                                                                                  {QStringLiteral("port"), QStringLiteral("http")}}},
                                                           {QStringLiteral("periodSeconds"), 10}});
    return restricted ? withSecurity(c, restrictedSecurityContext()) : c;
}

// The showcase kit (first project): every pod state and most kinds.
void showcaseDev(Writer &w, NodePool &nodes, const NamespacePlan &ns)
{
    const QString n = ns.name;
    DeploymentInput frontend;
    frontend.ns = n;
    frontend.name = QStringLiteral("frontend");
    frontend.replicas = 3;
    frontend.ageSeconds = 86400 * 12;
    frontend.podSpec = podSpecOf({web(QStringLiteral("nginx:1.27.3"), false, 80)});
    frontend.previousPodSpec = podSpecOf({web(QStringLiteral("nginx:1.27.2"), false, 80)});
    seedDeployment(w, nodes, frontend);
    service(w, n, QStringLiteral("frontend"), lbl(QStringLiteral("frontend")), 80, QStringLiteral("http"));
    ingress(w, n, QStringLiteral("frontend"), QStringLiteral("frontend"), false);
    pdb(w, n, QStringLiteral("frontend"), 2, 3);
    configMap(w, n, QStringLiteral("frontend-config"), QJsonObject{{QStringLiteral("nginx.conf"), QStringLiteral("server {\n  listen 80;\n  location / { root /usr/share/nginx/html; }\n}\n")}});

    DeploymentInput api;
    api.ns = n;
    api.name = QStringLiteral("api");
    api.ageSeconds = 86400 * 3;
    api.restarts = 7;
    QJsonObject apiC = container(QStringLiteral("api"), QStringLiteral("%1/%2/api:crash").arg(kRegistry, ns.project), "200m", "256Mi", "1", "512Mi", 8080);
    apiC.insert(QStringLiteral("envFrom"), QJsonArray{QJsonObject{{QStringLiteral("secretRef"), QJsonObject{{QStringLiteral("name"), QStringLiteral("db-credentials")}}}}});
    api.podSpec = podSpecOf({apiC}, QJsonObject{{QStringLiteral("imagePullSecrets"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("registry-credentials")}}}}});
    seedDeployment(w, nodes, api);
    service(w, n, QStringLiteral("api"), lbl(QStringLiteral("api")), 8080, 8080);
    warningEvents(w, n, QStringLiteral("api"), "BackOff", QStringLiteral("Back-off restarting failed container api in pod"), 42);

    DeploymentInput worker;
    worker.ns = n;
    worker.name = QStringLiteral("worker");
    worker.ageSeconds = 7200;
    worker.podSpec = podSpecOf({container(QStringLiteral("worker"), QStringLiteral("%1/%2/worker:doesnotexist").arg(kRegistry, ns.project), "100m", "128Mi", "500m", "256Mi")});
    seedDeployment(w, nodes, worker);
    warningEvents(w, n, QStringLiteral("worker"), "Failed", QStringLiteral("Error: ImagePullBackOff"), 31);

    DeploymentInput reports;
    reports.ns = n;
    reports.name = QStringLiteral("reports");
    reports.ageSeconds = 5400;
    reports.state = sim::PodState::Unschedulable;
    reports.podSpec = podSpecOf({container(QStringLiteral("reports"), QStringLiteral("%1/%2/reports:2.3.1").arg(kRegistry, ns.project), "500m", "1Gi", "1", "2Gi")},
                                QJsonObject{{QStringLiteral("nodeSelector"), QJsonObject{{QStringLiteral("accelerator"), QStringLiteral("nvidia-tesla-t4")}}}});
    seedDeployment(w, nodes, reports);
    for (const StoredObject *p : w.cluster()->store().list(QStringLiteral("/pods"), n)) {
        if (!nameOf(p->obj).startsWith(QLatin1String("reports-")))
            continue;
        const QJsonArray conds = p->obj.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
        warningEvents(w, n, QStringLiteral("reports"), "FailedScheduling", conds.first().toObject().value(QLatin1String("message")).toString(), 18);
        break;
    }
}

void showcaseProd(Writer &w, NodePool &nodes, const NamespacePlan &ns)
{
    const QString n = ns.name;
    DeploymentInput frontend;
    frontend.ns = n;
    frontend.name = QStringLiteral("frontend");
    frontend.replicas = 4;
    frontend.ageSeconds = 86400 * 9;
    frontend.podSpec = podSpecOf({web(QStringLiteral("nginxinc/nginx-unprivileged:1.27"), true, 8080)},
                                 QJsonObject{{QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("runAsNonRoot"), true},
                                                                                             {QStringLiteral("seccompProfile"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RuntimeDefault")}}}}}});
    seedDeployment(w, nodes, frontend);
    service(w, n, QStringLiteral("frontend"), lbl(QStringLiteral("frontend")), 80, QStringLiteral("http"));
    tlsSecret(w, n, QStringLiteral("frontend-tls"));
    ingress(w, n, QStringLiteral("frontend"), QStringLiteral("frontend"), true);
    pdb(w, n, QStringLiteral("frontend"), 3, 4);

    QJsonObject deny = object("networking.k8s.io/v1", "NetworkPolicy", n, QStringLiteral("default-deny-ingress"), {}, 86400 * 9);
    deny.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("podSelector"), QJsonObject()}, {QStringLiteral("policyTypes"), QJsonArray{QStringLiteral("Ingress")}}});
    w.put(deny);
    QJsonObject allow = object("networking.k8s.io/v1", "NetworkPolicy", n, QStringLiteral("allow-frontend"), {}, 86400 * 9);
    allow.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("podSelector"), QJsonObject{{QStringLiteral("matchLabels"), lbl(QStringLiteral("frontend"))}}},
        {QStringLiteral("ingress"), QJsonArray{QJsonObject{
             {QStringLiteral("from"), QJsonArray{QJsonObject{{QStringLiteral("namespaceSelector"), QJsonObject{{QStringLiteral("matchLabels"),
                  QJsonObject{{QStringLiteral("kubernetes.io/metadata.name"), QStringLiteral("ingress-nginx")}}}}}}}},
             {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("port"), 8080}, {QStringLiteral("protocol"), QStringLiteral("TCP")}}}}}}},
        {QStringLiteral("policyTypes"), QJsonArray{QStringLiteral("Ingress")}}});
    w.put(allow);

    seedStatefulSet(w, nodes, n, QStringLiteral("postgres"), QStringLiteral("postgres:16.4"), 3, 5432);
    seedJobs(w, nodes, n);

    DeploymentInput indexer;
    indexer.ns = n;
    indexer.name = QStringLiteral("search-indexer");
    indexer.ageSeconds = 1800;
    indexer.state = sim::PodState::InitRunning;
    QJsonObject init = withSecurity(container(QStringLiteral("wait-for-postgres"), QStringLiteral("busybox:1.36"), "10m", "16Mi", "50m", "32Mi"),
                                    restrictedSecurityContext());
    init.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                                                      QStringLiteral("until nc -z search-db 5432; do echo waiting for search-db; sleep 2; done")});
    indexer.podSpec = podSpecOf({withSecurity(container(QStringLiteral("indexer"), QStringLiteral("%1/%2/indexer:1.4.0").arg(kRegistry, ns.project),
                                                        "250m", "512Mi", "1", "1Gi"), restrictedSecurityContext())},
                                QJsonObject{{QStringLiteral("initContainers"), QJsonArray{init}}});
    seedDeployment(w, nodes, indexer);
    w.put(kyvernoPolicy(n, QStringLiteral("restricted"), QStringLiteral("Enforce")));
}

void showcaseStaging(Writer &w, NodePool &nodes, const NamespacePlan &ns)
{
    const QString n = ns.name;
    DeploymentInput frontend;
    frontend.ns = n;
    frontend.name = QStringLiteral("frontend");
    frontend.replicas = 2;
    frontend.ageSeconds = 86400 * 6;
    frontend.podSpec = podSpecOf({web(QStringLiteral("nginx:1.27.3"), false, 80)});
    seedDeployment(w, nodes, frontend);
    service(w, n, QStringLiteral("frontend"), lbl(QStringLiteral("frontend")), 80, QStringLiteral("http"), QStringLiteral("NodePort"));
    pvc(w, n, QStringLiteral("uploads"), QStringLiteral("10Gi"), lbl(QStringLiteral("frontend")), 86400 * 6);

    DeploymentInput debug;
    debug.ns = n;
    debug.name = QStringLiteral("debug-tools");
    debug.ageSeconds = 86400 * 2;
    debug.podSpec = podSpecOf({withSecurity(container(QStringLiteral("debug"), QStringLiteral("nicolaka/netshoot:v0.13"), "50m", "64Mi", "500m", "256Mi"),
                                            QJsonObject{{QStringLiteral("privileged"), true}})},
                              QJsonObject{{QStringLiteral("hostNetwork"), true}});
    seedDeployment(w, nodes, debug);

    QJsonObject agent = container(QStringLiteral("log-agent"), QStringLiteral("fluent/fluent-bit:3.1.9"), "50m", "64Mi", "200m", "128Mi");
    agent.insert(QStringLiteral("volumeMounts"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("varlog")}, {QStringLiteral("mountPath"), QStringLiteral("/var/log")}}});
    const QJsonObject agentLabels = lbl(QStringLiteral("log-agent"));
    QJsonObject ds = object("apps/v1", "DaemonSet", n, QStringLiteral("log-agent"), agentLabels, 86400 * 5);
    ds.insert(QStringLiteral("spec"), QJsonObject{
        {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), agentLabels}}},
        {QStringLiteral("template"), QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), agentLabels}}},
                                                 {QStringLiteral("spec"), podSpecOf({agent}, QJsonObject{{QStringLiteral("volumes"), QJsonArray{QJsonObject{
                                                      {QStringLiteral("name"), QStringLiteral("varlog")},
                                                      {QStringLiteral("hostPath"), QJsonObject{{QStringLiteral("path"), QStringLiteral("/var/log")}}}}}}})}}},
        {QStringLiteral("updateStrategy"), QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")}}}});
    seedDaemonPods(w, nodes, w.put(ds), true);

    w.put(kyvernoPolicy(n, QStringLiteral("baseline"), QStringLiteral("Audit")));
}

// A simpler, healthy kit for the other projects.
void standardKit(Writer &w, NodePool &nodes, const NamespacePlan &ns)
{
    const QString n = ns.name;
    const bool restricted = ns.psaEnforce == QLatin1String("restricted");
    DeploymentInput webApp;
    webApp.ns = n;
    webApp.name = QStringLiteral("web");
    webApp.replicas = ns.kind == NsKind::Prod ? 3 : 2;
    webApp.ageSeconds = 86400 * 10;
    webApp.podSpec = podSpecOf({web(restricted ? QStringLiteral("nginxinc/nginx-unprivileged:1.27") : QStringLiteral("nginx:1.27.3"), restricted,
                                    restricted ? 8080 : 80)});
    seedDeployment(w, nodes, webApp);
    service(w, n, QStringLiteral("web"), lbl(QStringLiteral("web")), 80, QStringLiteral("http"));
    DeploymentInput api;
    api.ns = n;
    api.name = QStringLiteral("api");
    api.replicas = 2;
    api.ageSeconds = 86400 * 8;
    QJsonObject apiC = container(QStringLiteral("api"), QStringLiteral("%1/%2/api:1.8.2").arg(kRegistry, ns.project), "200m", "256Mi", "1", "512Mi", 8080);
    api.podSpec = podSpecOf({restricted ? withSecurity(apiC, restrictedSecurityContext()) : apiC});
    seedDeployment(w, nodes, api);
    service(w, n, QStringLiteral("api"), lbl(QStringLiteral("api")), 8080, QStringLiteral("http"));
    configMap(w, n, QStringLiteral("api-config"), QJsonObject{{QStringLiteral("LOG_LEVEL"), QStringLiteral("info")},
                                                              {QStringLiteral("FEATURE_FLAGS"), QStringLiteral("search,export")}});
    if (ns.kind == NsKind::Prod)
        seedStatefulSet(w, nodes, n, QStringLiteral("redis"), QStringLiteral("redis:7.4"), 1, 6379);
}

// Endpoints for every Service with a selector, then quota usage, from what the namespace holds.
void finishNamespace(Writer &w, const QString &ns)
{
    ObjectStore &store = w.cluster()->store();
    QList<QJsonObject> pods;
    for (const StoredObject *p : store.list(QStringLiteral("/pods"), ns))
        pods << p->obj;
    for (const StoredObject *svc : store.list(QStringLiteral("/services"), ns)) {
        if (svc->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject().isEmpty())
            continue;
        QJsonObject ep = Controllers::endpointsFor(svc->obj, pods, {});
        sim::setMetaField(ep, QStringLiteral("creationTimestamp"), metaStr(svc->obj, "creationTimestamp"));
        w.put(ep);
    }
    for (const StoredObject *q : store.list(QStringLiteral("/resourcequotas"), ns)) {
        QJsonObject quota = q->obj;
        quota.insert(QStringLiteral("status"), Admission::quotaStatus(*w.cluster(), quota));
        w.put(quota);
    }
}

} // namespace

void seedProjectNamespace(Writer &w, NodePool &nodes, const NamespacePlan &ns)
{
    if (ns.kind == NsKind::Project)
        return;
    quotaAndLimits(w, ns.name, ns.kind == NsKind::Prod ? 2 : 1);
    secrets(w, ns.name, ns.project);
    const bool showcase = ns.project == QLatin1String("alpha");
    if (showcase && ns.kind == NsKind::Dev)
        showcaseDev(w, nodes, ns);
    else if (showcase && ns.kind == NsKind::Prod)
        showcaseProd(w, nodes, ns);
    else if (showcase && ns.kind == NsKind::Staging)
        showcaseStaging(w, nodes, ns);
    else
        standardKit(w, nodes, ns);
    seedKyvernoPods(w, nodes, ns);
    finishNamespace(w, ns.name);
    seedKyverno(w, ns);
}

void finishSystemNamespaces(Writer &w)
{
    for (const char *ns : {"default", "kube-system", "cpaas-system"})
        finishNamespace(w, QString::fromLatin1(ns));
}

} // namespace acp::sandbox::seed
