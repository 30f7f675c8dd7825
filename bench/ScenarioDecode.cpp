// acp-bench decode [--pods N] [--page 500] [--batch 100]: Kubernetes JSON to KubeObjects on ONE
// thread (ObjectDecoder, simdjson). A realistic PodList (a real pod from
// ../shared/testdata/api-objects when available, else a built-in one; labels, an owner and
// managedFields added as a 1.2x-era cluster writes them) is decoded page by page as an informer
// does, then the same pods as watch frames. Prints pods/s and MB/s for both (per second of this
// thread's CPU time, i.e. one core; wall time in the extras), and memory per
// object (KubeObject::memoryUsage(), RSS growth while holding them, RSS growth of the json()
// cache).
#include "bench/Scenario.h"
#include "models/ObjectDecoder.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <ctime>

namespace acp::bench {
namespace {

using models::DecodeOptions;
using models::KubeObject;
using models::ObjectDecoder;

const char *kBuiltinPod = R"({"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2024-05-02T08:11:12Z","name":"nginx","namespace":"default","resourceVersion":"1482816","uid":"614908ed-415b-4506-8370-e3e36fa8cc13"},"spec":{"containers":[{"image":"nginx:1.25-alpine","imagePullPolicy":"IfNotPresent","name":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"100m","memory":"64Mi"}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-x2x7d","readOnly":true}]}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"node-1","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccount":"default","serviceAccountName":"default","terminationGracePeriodSeconds":30,"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}],"volumes":[{"name":"kube-api-access-x2x7d","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}}]}}]},"status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2024-05-02T08:11:12Z","status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-02T08:11:15Z","status":"True","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-02T08:11:15Z","status":"True","type":"ContainersReady"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-02T08:11:12Z","status":"True","type":"PodScheduled"}],"containerStatuses":[{"containerID":"containerd://5f3c9a2b","image":"docker.io/library/nginx:1.25-alpine","imageID":"docker.io/library/nginx@sha256:1f1d","lastState":{},"name":"nginx","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2024-05-02T08:11:14Z"}}}],"hostIP":"10.0.0.11","phase":"Running","podIP":"10.244.1.17","podIPs":[{"ip":"10.244.1.17"}],"qosClass":"Burstable","startTime":"2024-05-02T08:11:12Z"}})";

// What kube-controller-manager and the kubelet record for a ReplicaSet's pod.
const char *kManagedFields = R"([{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"__OWNER__\"}":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{".":{},"f:limits":{".":{},"f:cpu":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}},"manager":"kube-controller-manager","operation":"Update","time":"2024-05-02T08:11:12Z"},{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\"type\":\"ContainersReady\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Initialized\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Ready\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\"ip\":\"10.244.1.17\"}":{".":{},"f:ip":{}}},"f:startTime":{}}},"manager":"kubelet","operation":"Update","subresource":"status","time":"2024-05-02T08:11:15Z"}])";

QJsonObject templatePod(QString *source)
{
    QByteArray text = kBuiltinPod;
    *source = QStringLiteral("built-in");
    const QString shared = qEnvironmentVariable("ACP_SHARED_DIR", QCoreApplication::applicationDirPath() + QStringLiteral("/../../../shared"));
    QFile f(shared + QStringLiteral("/testdata/api-objects/k9s/internal/render/testdata/po.json"));
    if (f.open(QIODevice::ReadOnly)) {
        text = f.readAll();
        *source = QDir::cleanPath(f.fileName());
    }
    QJsonObject pod = QJsonDocument::fromJson(text).object();
    QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    meta.remove(QStringLiteral("selfLink"));
    meta.insert(QStringLiteral("name"), QStringLiteral("__NAME__"));
    meta.insert(QStringLiteral("namespace"), QStringLiteral("__NS__"));
    meta.insert(QStringLiteral("uid"), QStringLiteral("__UID__"));
    meta.insert(QStringLiteral("resourceVersion"), QStringLiteral("__RV__"));
    meta.insert(QStringLiteral("generateName"), QStringLiteral("web-7d4b9c8f5d-"));
    meta.insert(QStringLiteral("labels"), QJsonObject{{"app", "web"}, {"pod-template-hash", "7d4b9c8f5d"}});
    meta.insert(QStringLiteral("ownerReferences"),
                QJsonArray{QJsonObject{{"apiVersion", "apps/v1"}, {"blockOwnerDeletion", true}, {"controller", true},
                                       {"kind", "ReplicaSet"}, {"name", "web-7d4b9c8f5d"}, {"uid", "__OWNER__"}}});
    if (!meta.contains(QLatin1String("managedFields")))
        meta.insert(QStringLiteral("managedFields"), QJsonDocument::fromJson(kManagedFields).array());
    pod.insert(QStringLiteral("metadata"), meta);
    QJsonObject spec = pod.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("nodeName"), QStringLiteral("__NODE__"));
    pod.insert(QStringLiteral("spec"), spec);
    return pod;
}

QByteArray instantiate(const QByteArray &tmpl, int i)
{
    QByteArray pod = tmpl;
    const QByteArray n = QByteArray::number(i);
    pod.replace("__NAME__", "web-7d4b9c8f5d-" + n.rightJustified(6, '0'));
    pod.replace("__NS__", "team-" + QByteArray::number(i % 50));
    pod.replace("__UID__", "5e0c1a2b-0000-4000-8000-" + n.rightJustified(12, '0'));
    pod.replace("__RV__", QByteArray::number(1000000 + i));
    pod.replace("__OWNER__", "7f2d4e6a-1111-4000-8000-" + QByteArray::number(i / 100).rightJustified(12, '0'));
    pod.replace("__NODE__", "node-" + QByteArray::number(i % 200));
    return pod;
}

qint64 currentRss()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

// This thread's CPU time: "pods/s on one core" even when other processes share the cores.
qint64 threadCpuNanos()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Throughput {
    qint64 bytes = 0;
    qint64 nanos = 0;      // thread CPU time
    qint64 wallNanos = 0;
    int objects = 0;
};

// Times one decode call (CPU and wall).
template <typename F>
auto timed(Throughput &t, F &&f)
{
    QElapsedTimer wall;
    wall.start();
    const qint64 cpu0 = threadCpuNanos();
    auto result = f();
    t.nanos += threadCpuNanos() - cpu0;
    t.wallNanos += wall.nsecsElapsed();
    return result;
}

void report(const char *what, const Throughput &t)
{
    const double seconds = double(t.nanos) / 1e9;
    const QJsonObject extra{{"pods", t.objects}, {"bytes", double(t.bytes)}, {"cpu_seconds", seconds},
                            {"wall_seconds", double(t.wallNanos) / 1e9}, {"threads", 1}};
    printResult(QStringLiteral("decode.%1.pods_per_s").arg(QLatin1String(what)), t.objects / seconds, QStringLiteral("pods/s"), extra);
    printResult(QStringLiteral("decode.%1.mb_per_s").arg(QLatin1String(what)), double(t.bytes) / 1e6 / seconds, QStringLiteral("MB/s"), extra);
}

QByteArray listPage(const QByteArray &tmpl, int start, int end, int total)
{
    // Typed lists omit each item's apiVersion/kind (the decoder restores them).
    QByteArray item = tmpl;
    item.replace("\"apiVersion\":\"v1\",\"kind\":\"Pod\",", "");
    QByteArray body = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"2000000\"";
    if (end < total)
        body += ",\"continue\":\"eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MjAwMDAwMCwic3RhcnQiOiJ4In0\",\"remainingItemCount\":" + QByteArray::number(total - end);
    body += "},\"items\":[";
    for (int i = start; i < end; ++i) {
        if (i > start)
            body += ',';
        body += instantiate(item, i);
    }
    body += "]}\n";
    return body;
}

int runDecode(const QStringList &args)
{
    const int pods = option(QStringLiteral("--pods"), args, QStringLiteral("100000")).toInt();
    const int page = qMax(1, option(QStringLiteral("--page"), args, QStringLiteral("500")).toInt());
    const int batch = qMax(1, option(QStringLiteral("--batch"), args, QStringLiteral("100")).toInt());
    if (pods <= 0) {
        QTextStream(stderr) << "acp-bench decode: --pods must be positive\n";
        return 2;
    }
    QString source;
    const QByteArray tmpl = QJsonDocument(templatePod(&source)).toJson(QJsonDocument::Compact);
    QTextStream(stderr) << "decode: " << pods << " pods, template " << source << " (" << instantiate(tmpl, 0).size()
                        << " bytes compact), pages of " << page << ", watch bursts of " << batch << Qt::endl;

    DecodeOptions options;
    options.dropManagedFields = true; // as informers decode
    QVector<KubeObject> kept;
    kept.reserve(pods);
    const qint64 rssBefore = currentRss();
    Throughput list;
    for (int start = 0; start < pods; start += page) {
        const QByteArray body = listPage(tmpl, start, qMin(pods, start + page), pods);
        auto decoded = timed(list, [&] { return ObjectDecoder::decodeList(body, options); });
        if (!decoded.ok()) {
            QTextStream(stderr) << "decode failed: " << decoded.error().message << Qt::endl;
            return 1;
        }
        list.bytes += body.size();
        list.objects += int(decoded->items.size());
        kept += decoded->items;
    }
    const qint64 rssHeld = currentRss() - rssBefore;
    report("list", list);

    Throughput watch;
    for (int start = 0; start < pods; start += batch) {
        QByteArrayList frames;
        for (int i = start; i < qMin(pods, start + batch); ++i)
            frames.append("{\"type\":\"MODIFIED\",\"object\":" + instantiate(tmpl, i) + "}");
        const models::WatchEventBatch events = timed(watch, [&] { return ObjectDecoder::decodeEvents(frames, options); });
        if (events.error) {
            QTextStream(stderr) << "decode failed: " << events.error->message << Qt::endl;
            return 1;
        }
        for (const QByteArray &f : std::as_const(frames))
            watch.bytes += f.size();
        watch.objects += int(events.events.size());
    }
    report("watch", watch);

    qint64 usage = 0;
    for (const KubeObject &o : std::as_const(kept))
        usage += o.memoryUsage();
    const QJsonObject extra{{"pods", pods}, {"managed_fields_dropped", true}, {"bytes_kept_per_object", double(kept.first().bytes().size())}};
    printResult(QStringLiteral("decode.memory_usage_per_object"), double(usage) / pods, QStringLiteral("bytes"), extra);
    printResult(QStringLiteral("decode.rss_per_object"), double(rssHeld) / pods, QStringLiteral("bytes"), extra);

    // The json() cache, for objects someone opened (not counted above).
    const int parsed = qMin(pods, 10000);
    const qint64 rssBeforeJson = currentRss();
    for (int i = 0; i < parsed; ++i)
        (void)kept[i].json();
    printResult(QStringLiteral("decode.json_cache_rss_per_object"), double(currentRss() - rssBeforeJson) / parsed,
                QStringLiteral("bytes"), QJsonObject{{"objects", parsed}});
    printResult(QStringLiteral("decode.peak_rss"), double(peakRssBytes()) / 1e6, QStringLiteral("MB"));
    return 0;
}

} // namespace

ACP_BENCH_SCENARIO("decode", "[--pods N] [--page 500] [--batch 100]: PodList pages and watch frames to KubeObjects on one thread (pods/s, MB/s, bytes/object)",
                   runDecode);

} // namespace acp::bench
