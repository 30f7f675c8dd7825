// Protobuf: Kubernetes protobuf request bodies decode to the JSON kube-apiserver would have read.
// Hand-built messages (a tiny encoder below) and bodies captured from kubectl 1.32
// (tests/sandbox/data/protobuf/*.pb, expected JSON next to each in *.json).
#include "sandbox/Protobuf.h"
#include "sandbox/ProtobufSchema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using acp::sandbox::Protobuf;
using acp::sandbox::ProtoReader;
using acp::sandbox::protobuf::Schema;

namespace {

// Minimal protobuf encoder for building test messages.
struct Pb {
    QByteArray b;

    static void putVarint(QByteArray &out, quint64 v)
    {
        while (v >= 0x80) {
            out.append(char((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out.append(char(v));
    }
    Pb &tag(int field, int wireType)
    {
        putVarint(b, quint64(field) << 3 | quint64(wireType));
        return *this;
    }
    Pb &v(int field, qint64 value) // varint; negative int32/int64 as 10 bytes, as Go writes them
    {
        tag(field, 0);
        putVarint(b, quint64(value));
        return *this;
    }
    Pb &s(int field, const QByteArray &bytes)
    {
        tag(field, 2);
        putVarint(b, quint64(bytes.size()));
        b += bytes;
        return *this;
    }
    Pb &m(int field, const Pb &msg) { return s(field, msg.b); }
    Pb &kv(int field, const QByteArray &key, const QByteArray &value) { return m(field, Pb().s(1, key).s(2, value)); }
    Pb &kq(int field, const QByteArray &key, const QByteArray &quantity)
    {
        return m(field, Pb().s(1, key).m(2, Pb().s(1, quantity)));
    }
    Pb &fixed32(int field, quint32 value)
    {
        tag(field, 5);
        for (int i = 0; i < 4; ++i)
            b.append(char(value >> (8 * i)));
        return *this;
    }
    Pb &fixed64(int field, quint64 value)
    {
        tag(field, 1);
        for (int i = 0; i < 8; ++i)
            b.append(char(value >> (8 * i)));
        return *this;
    }
};

QByteArray envelope(const QByteArray &apiVersion, const QByteArray &kind, const Pb &raw)
{
    return QByteArray("k8s\0", 4) + Pb().m(1, Pb().s(1, apiVersion).s(2, kind)).s(2, raw.b).s(3, "").s(4, "").b;
}

QJsonObject json(const char *text)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("bad expected JSON: %s", qPrintable(err.errorString()));
    return doc.object();
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// An ObjectMeta as gogo writes it: every non-pointer field, zero or not.
Pb meta(const QByteArray &name, const QByteArray &ns)
{
    return Pb().s(1, name).s(2, "").s(3, ns).s(4, "").s(5, "").s(6, "").v(7, 0).s(8, "");
}

QString dataDir()
{
    return QStringLiteral(ACP_SOURCE_DIR "/tests/sandbox/data/protobuf");
}

} // namespace

class TestProtobuf : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void schemaTables();
    void schemaLookup();
    void wireReader();
    void selfSubjectAccessReview();
    void selfSubjectAccessReviewSelectors();
    void selfSubjectRulesReview();
    void selfSubjectReview();
    void configMap();
    void secretBinaryData();
    void deployment();
    void eviction();
    void pod();
    void specialTypes();
    void packedAndUnknownFields();
    void goDuration_data();
    void goDuration();
    void errors();
    void captured_data();
    void captured();
};

void TestProtobuf::schemaTables()
{
    const Schema &schema = Schema::instance();
    QVERIFY2(schema.problems().isEmpty(), qPrintable(schema.problems().join(QLatin1Char('\n'))));
    QVERIFY(schema.messageCount() > 400);
    for (const char *name : {"core.v1.Pod", "core.v1.PodSpec", "core.v1.Container", "core.v1.Volume", "core.v1.Service",
                             "core.v1.ConfigMap", "core.v1.Secret", "core.v1.Namespace", "core.v1.ServiceAccount",
                             "core.v1.ResourceQuota", "core.v1.LimitRange", "apps.v1.Deployment", "apps.v1.StatefulSet",
                             "apps.v1.DaemonSet", "apps.v1.ReplicaSet", "batch.v1.Job", "batch.v1.CronJob",
                             "authorization.v1.SelfSubjectAccessReview", "authorization.v1.SelfSubjectRulesReview",
                             "authorization.v1.SubjectAccessReview", "authorization.v1.LocalSubjectAccessReview",
                             "authentication.v1.SelfSubjectReview", "authentication.v1.TokenReview",
                             "authentication.v1.TokenRequest", "policy.v1.Eviction", "policy.v1.PodDisruptionBudget",
                             "rbac.v1.Role", "rbac.v1.ClusterRole", "rbac.v1.RoleBinding", "rbac.v1.ClusterRoleBinding",
                             "networking.v1.Ingress", "networking.v1.NetworkPolicy", "scheduling.v1.PriorityClass",
                             "meta.v1.DeleteOptions", "meta.v1.ObjectMeta"})
        QVERIFY2(schema.message(QLatin1String(name)), name);
}

void TestProtobuf::schemaLookup()
{
    QCOMPARE(Schema::packageFor(QStringLiteral("v1")), QStringLiteral("core.v1"));
    QCOMPARE(Schema::packageFor(QStringLiteral("rbac.authorization.k8s.io/v1")), QStringLiteral("rbac.v1"));
    QCOMPARE(Schema::packageFor(QStringLiteral("authorization.k8s.io/v1")), QStringLiteral("authorization.v1"));
    QCOMPARE(Schema::packageFor(QStringLiteral("example.com/v1")), QString());
    const Schema &schema = Schema::instance();
    QCOMPARE(schema.messageFor(QStringLiteral("apps/v1"), QStringLiteral("Deployment"))->name, QStringLiteral("apps.v1.Deployment"));
    QCOMPARE(schema.messageFor(QStringLiteral("policy/v1"), QStringLiteral("DeleteOptions"))->name,
             QStringLiteral("meta.v1.DeleteOptions"));
    QVERIFY(!schema.messageFor(QStringLiteral("apps/v1"), QStringLiteral("Pod")));
    QVERIFY(!schema.messageFor(QStringLiteral("stable.example.com/v1"), QStringLiteral("CronTab")));
}

void TestProtobuf::wireReader()
{
    const Pb pb = Pb().v(1, 300).v(2, -1).s(3, "abc").fixed32(4, 0x01020304).fixed64(5, 0x1122334455667788ULL);
    ProtoReader r(pb.b);
    int field = 0, wt = 0;
    quint64 v = 0;
    QVERIFY(r.readTag(&field, &wt));
    QCOMPARE(field, 1);
    QCOMPARE(wt, 0);
    QVERIFY(r.readVarint(&v));
    QCOMPARE(v, quint64(300));
    QVERIFY(r.readTag(&field, &wt) && r.readVarint(&v));
    QCOMPARE(qint64(v), qint64(-1));
    const char *d = nullptr;
    qsizetype n = 0;
    QVERIFY(r.readTag(&field, &wt) && wt == 2 && r.readBytes(&d, &n));
    QCOMPARE(QByteArray(d, n), QByteArray("abc"));
    quint32 v32 = 0;
    QVERIFY(r.readTag(&field, &wt) && wt == 5 && r.readFixed32(&v32));
    QCOMPARE(v32, 0x01020304u);
    QVERIFY(r.readTag(&field, &wt) && wt == 1 && r.readFixed64(&v));
    QCOMPARE(v, 0x1122334455667788ULL);
    QVERIFY(r.atEnd());

    ProtoReader truncated(QByteArray("\x0a\x05" "ab", 4));
    QVERIFY(truncated.readTag(&field, &wt));
    QVERIFY(!truncated.readBytes(&d, &n));
    ProtoReader longVarint(QByteArray(11, '\xff'));
    QVERIFY(!longVarint.readVarint(&v));
}

void TestProtobuf::selfSubjectAccessReview()
{
    // kubectl auth can-i create deployments.apps --subresource=scale -n default
    const Pb attrs = Pb().s(1, "default").s(2, "create").s(3, "apps").s(4, "").s(5, "deployments").s(6, "scale").s(7, "");
    const Pb ssar = Pb().m(1, meta("", "")).m(2, Pb().m(1, attrs)).m(3, Pb().v(1, 0).s(2, "").s(3, "").v(4, 0));
    const auto r = Protobuf::decodeObject(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", ssar));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
        "spec":{"resourceAttributes":{"namespace":"default","verb":"create","group":"apps","resource":"deployments",
        "subresource":"scale"}},"status":{}})"));

    const Pb nonResource = Pb().m(1, meta("", "")).m(2, Pb().m(2, Pb().s(1, "/healthz").s(2, "get")));
    const auto r2 = Protobuf::decodeObject(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", nonResource));
    QVERIFY(r2.ok());
    QCOMPARE(*r2, json(R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
        "spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}}})"));
}

void TestProtobuf::selfSubjectAccessReviewSelectors()
{
    // ResourceAttributes.fieldSelector / labelSelector (1.31+).
    const Pb fieldSel = Pb().s(1, "spec.nodeName=n1").m(2, Pb().s(1, "spec.nodeName").s(2, "In").s(3, "n1").s(3, "n2"));
    const Pb labelSel = Pb().s(1, "app=web").m(2, Pb().s(1, "tier").s(2, "NotIn").s(3, "db"));
    const Pb attrs = Pb().s(1, "").s(2, "list").s(3, "").s(4, "v1").s(5, "pods").m(8, fieldSel).m(9, labelSel);
    const auto r = Protobuf::decodeObject(envelope("authorization.k8s.io/v1", "SubjectAccessReview",
                                                   Pb().m(1, meta("", "")).m(2, Pb().m(1, attrs).s(3, "alice").s(4, "g1").s(4, "g2")
                                                          .m(5, Pb().s(1, "scopes").m(2, Pb().s(1, "a").s(1, "b"))).s(6, "u-1"))));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","metadata":{},
        "spec":{"resourceAttributes":{"verb":"list","version":"v1","resource":"pods",
          "fieldSelector":{"rawSelector":"spec.nodeName=n1","requirements":[{"key":"spec.nodeName","operator":"In","values":["n1","n2"]}]},
          "labelSelector":{"rawSelector":"app=web","requirements":[{"key":"tier","operator":"NotIn","values":["db"]}]}},
          "user":"alice","groups":["g1","g2"],"extra":{"scopes":["a","b"]},"uid":"u-1"}})"));
}

void TestProtobuf::selfSubjectRulesReview()
{
    const Pb ssrr = Pb().m(1, meta("", "")).m(2, Pb().s(1, "default")).m(3, Pb().v(3, 0).s(4, ""));
    const auto r = Protobuf::decodeObject(envelope("authorization.k8s.io/v1", "SelfSubjectRulesReview", ssrr));
    QVERIFY(r.ok());
    QCOMPARE(*r, json(R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","metadata":{},
        "spec":{"namespace":"default"},"status":{}})"));
}

void TestProtobuf::selfSubjectReview()
{
    const Pb ssr = Pb().m(1, meta("", "")).m(2, Pb().m(1, Pb().s(1, "").s(2, "")));
    const auto r = Protobuf::decodeObject(envelope("authentication.k8s.io/v1", "SelfSubjectReview", ssr));
    QVERIFY(r.ok());
    QCOMPARE(*r, json(R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview","metadata":{},
        "status":{"userInfo":{}}})"));
}

void TestProtobuf::configMap()
{
    const Pb cm = Pb().m(1, meta("app-config", "default").kv(11, "app", "web").kv(11, "tier", "front")
                                .kv(12, "note", "").s(14, "example.com/keep"))
                      .kv(2, "a", "1").kv(2, "config.yaml", "x: 1\ny: [2]\n").kv(2, "empty", "")
                      .m(3, Pb().s(1, "blob").s(2, QByteArray("\x00\x01", 2)));
    const auto r = Protobuf::decodeObject(envelope("v1", "ConfigMap", cm));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"app-config","namespace":"default","labels":{"app":"web","tier":"front"},
                    "annotations":{"note":""},"finalizers":["example.com/keep"]},
        "data":{"a":"1","config.yaml":"x: 1\ny: [2]\n","empty":""},"binaryData":{"blob":"AAE="}})"));
}

void TestProtobuf::secretBinaryData()
{
    const Pb secret = Pb().m(1, meta("creds", "default")).m(2, Pb().s(1, "tls.key").s(2, QByteArray("\x00\xff\xfe\x10", 4)))
                          .kv(2, "user", "admin").s(3, "Opaque").v(5, 1);
    const auto r = Protobuf::decodeObject(envelope("v1", "Secret", secret));
    QVERIFY(r.ok());
    QCOMPARE(*r, json(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds","namespace":"default"},
        "data":{"tls.key":"AP/+EA==","user":"YWRtaW4="},"type":"Opaque","immutable":true})"));
}

void TestProtobuf::deployment()
{
    const Pb port = Pb().s(1, "http").v(2, 0).v(3, 8080).s(4, "TCP").s(5, "");
    const Pb env1 = Pb().s(1, "MODE").s(2, "prod");
    const Pb env2 = Pb().s(1, "PASSWORD").s(2, "").m(3, Pb().m(4, Pb().m(1, Pb().s(1, "creds")).s(2, "password").v(3, 0)));
    const Pb resources = Pb().kq(1, "cpu", "500m").kq(1, "memory", "256Mi").kq(2, "cpu", "100m");
    const Pb secCtx = Pb().m(1, Pb().s(1, "NET_BIND_SERVICE").s(2, "ALL")).v(2, 0).v(4, 1000).v(5, 1).v(6, 1).v(7, 0)
                          .m(11, Pb().s(1, "RuntimeDefault"));
    const Pb container = Pb().s(1, "web").s(2, "nginx:1.27").s(3, "nginx").s(4, "-g").s(4, "daemon off;").s(5, "")
                             .m(6, port).m(7, env1).m(7, env2).m(8, resources).s(13, "/dev/termination-log")
                             .s(14, "IfNotPresent").m(15, secCtx).v(16, 0).v(17, 0).v(18, 0).s(20, "File");
    const Pb podSpec = Pb().m(2, container).s(3, "Always").v(4, 30).s(6, "ClusterFirst").s(8, "").v(11, 0).v(12, 0)
                           .v(13, 0).m(14, Pb()).s(19, "default-scheduler");
    const Pb selector = Pb().kv(1, "app", "web");
    const Pb strategy = Pb().s(1, "RollingUpdate").m(2, Pb().m(1, Pb().v(1, 1).s(3, "25%")).m(2, Pb().v(1, 0).v(2, 0)));
    const Pb spec = Pb().v(1, 3).m(2, selector).m(3, Pb().m(1, meta("", "").kv(11, "app", "web")).m(2, podSpec))
                        .m(4, strategy).v(5, 0).v(6, 10).v(7, 0).v(9, 600);
    const Pb deploy = Pb().m(1, meta("web", "default").kv(11, "app", "web")).m(2, spec).m(3, Pb());
    const auto r = Protobuf::decodeObject(envelope("apps/v1", "Deployment", deploy));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"apps/v1","kind":"Deployment",
      "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
      "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{
          "containers":[{"name":"web","image":"nginx:1.27","command":["nginx"],"args":["-g","daemon off;"],
            "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
            "env":[{"name":"MODE","value":"prod"},
                   {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"creds","key":"password","optional":false}}}],
            "resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m"}},
            "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent",
            "securityContext":{"capabilities":{"add":["NET_BIND_SERVICE"],"drop":["ALL"]},"privileged":false,
              "runAsUser":1000,"runAsNonRoot":true,"readOnlyRootFilesystem":true,"allowPrivilegeEscalation":false,
              "seccompProfile":{"type":"RuntimeDefault"}},
            "terminationMessagePolicy":"File"}],
          "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
          "securityContext":{},"schedulerName":"default-scheduler"}},
        "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":0}},
        "revisionHistoryLimit":10,"progressDeadlineSeconds":600},
      "status":{}})"));
}

void TestProtobuf::eviction()
{
    // kubectl drain: policy/v1 Eviction with deleteOptions (gracePeriodSeconds, preconditions, dryRun).
    const Pb opts = Pb().v(1, 0).m(2, Pb().s(1, "uid-1").s(2, "42")).s(4, "Foreground").s(5, "All");
    const Pb ev = Pb().m(1, meta("web-0", "default")).m(2, opts);
    const auto r = Protobuf::decodeObject(envelope("policy/v1", "Eviction", ev));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-0","namespace":"default"},
        "deleteOptions":{"gracePeriodSeconds":0,"preconditions":{"uid":"uid-1","resourceVersion":"42"},
          "propagationPolicy":"Foreground","dryRun":["All"]}})"));

    // A DeleteOptions body sent with a group's apiVersion decodes as meta.v1.DeleteOptions.
    const auto d = Protobuf::decodeObject(envelope("apps/v1", "DeleteOptions", Pb().v(1, 5).v(3, 1)));
    QVERIFY(d.ok());
    QCOMPARE(*d, json(R"({"apiVersion":"apps/v1","kind":"DeleteOptions","gracePeriodSeconds":5,"orphanDependents":true})"));
}

void TestProtobuf::pod()
{
    // Volumes (inline VolumeSource), probes (inline ProbeHandler, IntOrString port), affinity, tolerations,
    // topology spread constraints, ownerReferences and managedFields.
    // PodSpec.volumes (field 1), one entry per volume.
    const Pb volumes = Pb().m(1, Pb().s(1, "data").m(2, Pb().m(10, Pb().s(1, "data-pvc").v(2, 0))))
                           .m(1, Pb().s(1, "cfg").m(2, Pb().m(19, Pb().m(1, Pb().s(1, "app-config"))
                                                                       .m(2, Pb().s(1, "a").s(2, "a.txt").v(3, 0400)).v(3, 0644))))
                           .m(1, Pb().s(1, "tmp").m(2, Pb().m(2, Pb().s(1, "Memory").m(2, Pb().s(1, "64Mi")))))
                           .m(1, Pb().s(1, "token").m(2, Pb().m(26, Pb().m(1, Pb().m(4, Pb().s(1, "api").v(2, 3600).s(3, "token")))
                                                                         .v(2, 0))));
    const Pb probe = Pb().m(1, Pb().m(2, Pb().s(1, "/healthz").m(2, Pb().v(1, 1).s(3, "http")).s(4, "HTTP")))
                         .v(2, 5).v(3, 1).v(4, 10).v(5, 1).v(6, 3);
    const Pb mount = Pb().s(1, "data").v(2, 1).s(3, "/data").s(4, "");
    const Pb container = Pb().s(1, "app").s(2, "app:1").m(9, mount).m(10, probe).v(16, 1).v(18, 1);
    const Pb term = Pb().m(1, Pb().s(1, "zone").s(2, "In").s(3, "a"));
    const Pb affinity = Pb().m(1, Pb().m(1, Pb().m(1, term)))
                            .m(3, Pb().m(2, Pb().v(1, 100).m(2, Pb().m(1, Pb().kv(1, "app", "app")).s(3, "kubernetes.io/hostname"))));
    const Pb toleration = Pb().s(1, "node.kubernetes.io/not-ready").s(2, "Exists").s(3, "").s(4, "NoExecute").v(5, 300);
    const Pb spread = Pb().v(1, 1).s(2, "topology.kubernetes.io/zone").s(3, "DoNotSchedule").m(4, Pb().kv(1, "app", "app"));
    const Pb spec = Pb(volumes).m(2, container).m(18, affinity).m(22, toleration).m(33, spread);
    const Pb owner = Pb().s(1, "ReplicaSet").s(3, "rs-1").s(4, "uid-rs").s(5, "apps/v1").v(6, 1).v(7, 1);
    const Pb managed = Pb().s(1, "kubectl").s(2, "Update").s(3, "v1").m(4, Pb().v(1, 1700000000)).s(6, "FieldsV1")
                           .m(7, Pb().s(1, R"({"f:spec":{}})")).s(8, "");
    const Pb pod = Pb().m(1, meta("app-1", "default").m(8, Pb().v(1, 1700000000)).m(13, owner).m(17, managed)).m(2, spec);
    const auto r = Protobuf::decodeObject(envelope("v1", "Pod", pod));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"v1","kind":"Pod",
      "metadata":{"name":"app-1","namespace":"default","creationTimestamp":"2023-11-14T22:13:20Z",
        "ownerReferences":[{"kind":"ReplicaSet","name":"rs-1","uid":"uid-rs","apiVersion":"apps/v1","controller":true,
                            "blockOwnerDeletion":true}],
        "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2023-11-14T22:13:20Z",
                          "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]},
      "spec":{
        "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"data-pvc"}},
                   {"name":"cfg","configMap":{"name":"app-config","items":[{"key":"a","path":"a.txt","mode":256}],"defaultMode":420}},
                   {"name":"tmp","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}},
                   {"name":"token","projected":{"sources":[{"serviceAccountToken":{"audience":"api","expirationSeconds":3600,
                                                                                   "path":"token"}}],"defaultMode":0}}],
        "containers":[{"name":"app","image":"app:1","volumeMounts":[{"name":"data","readOnly":true,"mountPath":"/data"}],
          "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"initialDelaySeconds":5,
            "timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
          "stdin":true,"tty":true}],
        "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                      {"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}},
                    "podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
                      "podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"app"}},"topologyKey":"kubernetes.io/hostname"}}]}},
        "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
        "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone",
          "whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app":"app"}}}]}})"));
}

void TestProtobuf::specialTypes()
{
    // Event (events.k8s.io/v1): MicroTime (microseconds) and Time (seconds).
    const Pb ev = Pb().m(1, meta("e1", "default")).m(2, Pb().v(1, 1700000000).v(2, 123456789)).s(4, "kubelet")
                      .m(8, Pb().s(1, "Pod").s(3, "p")).s(7, "Started").s(11, "Normal")
                      .m(13, Pb())                          // deprecatedFirstTimestamp: the zero time is omitted
                      .m(14, Pb().v(1, 1700000000).v(2, 5)); // deprecatedLastTimestamp: metav1.Time keeps seconds
    const auto r = Protobuf::decodeObject(envelope("events.k8s.io/v1", "Event", ev));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->value(QLatin1String("eventTime")).toString(), QStringLiteral("2023-11-14T22:13:20.123456Z"));
    QCOMPARE(r->value(QLatin1String("reportingController")).toString(), QStringLiteral("kubelet"));
    QCOMPARE(r->value(QLatin1String("type")).toString(), QStringLiteral("Normal"));
    QCOMPARE(r->value(QLatin1String("reason")).toString(), QStringLiteral("Started"));
    QVERIFY(!r->contains(QLatin1String("deprecatedFirstTimestamp")));
    QCOMPARE(r->value(QLatin1String("deprecatedLastTimestamp")).toString(), QStringLiteral("2023-11-14T22:13:20Z"));
    QCOMPARE(r->value(QLatin1String("regarding")).toObject(), json(R"({"kind":"Pod","name":"p"})"));

    // IntOrString: int, string, zero int kept for a pointer (maxUnavailable: 0) and dropped otherwise (targetPort).
    const Pb pdb = Pb().m(1, meta("pdb", "default")).m(2, Pb().m(1, Pb().v(1, 0).v(2, 0)).m(3, Pb().v(1, 1).s(3, "50%")));
    const auto p = Protobuf::decodeObject(envelope("policy/v1", "PodDisruptionBudget", pdb));
    QVERIFY(p.ok());
    QCOMPARE(p->value(QLatin1String("spec")).toObject(), json(R"({"minAvailable":0,"maxUnavailable":"50%"})"));
    const Pb svc = Pb().m(1, meta("s", "default"))
                       .m(2, Pb().m(1, Pb().s(1, "").s(2, "TCP").v(3, 80).m(4, Pb().v(1, 0).v(2, 0)).v(5, 0)).s(4, "ClusterIP"));
    const auto s = Protobuf::decodeObject(envelope("v1", "Service", svc));
    QVERIFY(s.ok());
    QCOMPARE(s->value(QLatin1String("spec")).toObject(), json(R"({"ports":[{"protocol":"TCP","port":80}],"type":"ClusterIP"})"));

    // RawExtension: JSON, and a nested protobuf object.
    const Pb rev = Pb().m(1, meta("web-1", "default")).m(2, Pb().s(1, R"({"spec":{"replicas":2}})")).v(3, 1);
    const auto c = Protobuf::decodeObject(envelope("apps/v1", "ControllerRevision", rev));
    QVERIFY(c.ok());
    QCOMPARE(*c, json(R"({"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"web-1","namespace":"default"},
        "data":{"spec":{"replicas":2}},"revision":1})"));
    const QByteArray nested = envelope("v1", "ConfigMap", Pb().m(1, meta("n", "")).kv(2, "k", "v"));
    const auto c2 = Protobuf::decodeObject(envelope("apps/v1", "ControllerRevision", Pb().m(1, meta("x", "")).m(2, Pb().s(1, nested))));
    QVERIFY(c2.ok());
    QCOMPARE(c2->value(QLatin1String("data")).toObject(),
             json(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n"},"data":{"k":"v"}})"));

    // Quantity maps (ResourceQuota, LimitRange).
    const Pb lr = Pb().m(1, meta("limits", "default"))
                      .m(2, Pb().m(1, Pb().s(1, "Container").kq(2, "cpu", "1").kq(3, "cpu", "100m").kq(4, "memory", "128Mi")));
    const auto l = Protobuf::decodeObject(envelope("v1", "LimitRange", lr));
    QVERIFY(l.ok());
    QCOMPARE(l->value(QLatin1String("spec")).toObject(),
             json(R"({"limits":[{"type":"Container","max":{"cpu":"1"},"min":{"cpu":"100m"},"default":{"memory":"128Mi"}}]})"));

    // Negative int32 (10-byte varint) and int64.
    const auto pc = Protobuf::decodeObject(envelope("scheduling.k8s.io/v1", "PriorityClass",
                                                    Pb().m(1, meta("low", "")).v(2, -10).v(3, 0).s(4, "low")));
    QVERIFY(pc.ok());
    QCOMPARE(*pc, json(R"({"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"low"},
        "value":-10,"description":"low"})"));
}

void TestProtobuf::packedAndUnknownFields()
{
    // Unknown field numbers of every wire type are skipped; repeated int32 may come packed.
    const Pb ns = Pb().m(1, meta("team-a", "").v(99, 7).fixed32(98, 1).fixed64(97, 2).s(96, "x"))
                      .m(2, Pb().s(1, "kubernetes")).m(3, Pb().s(1, "Active"));
    const auto r = Protobuf::decodeObject(envelope("v1", "Namespace", ns));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, json(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"},
        "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}})"));

    // PodFailurePolicyOnExitCodesRequirement.values is repeated int32.
    Pb packed;
    Pb::putVarint(packed.b, 1);
    Pb::putVarint(packed.b, 42);
    Pb::putVarint(packed.b, 300);
    const Pb rule = Pb().s(1, "FailJob").m(2, Pb().s(2, "In").s(3, packed.b).v(3, 7));
    const Pb job = Pb().m(1, meta("j", "default")).m(2, Pb().m(11, Pb().m(1, rule)));
    const auto j = Protobuf::decodeObject(envelope("batch/v1", "Job", job));
    QVERIFY2(j.ok(), qPrintable(j.ok() ? QString() : j.error().message));
    QCOMPARE(j->value(QLatin1String("spec")).toObject(),
             json(R"({"podFailurePolicy":{"rules":[{"action":"FailJob","onExitCodes":{"operator":"In","values":[1,42,300,7]}}]}})"));
}

void TestProtobuf::goDuration_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0s";
    QTest::newRow("ns") << qint64(999) << "999ns";
    QTest::newRow("us") << qint64(1500) << QStringLiteral("1.5µs");
    QTest::newRow("ms") << qint64(300000000) << "300ms";
    QTest::newRow("s") << qint64(1500000000) << "1.5s";
    QTest::newRow("m") << qint64(90) * 1000000000 << "1m30s";
    QTest::newRow("h") << qint64(3600) * 1000000000 << "1h0m0s";
    QTest::newRow("neg") << qint64(-2) * 1000000000 << "-2s";
}

void TestProtobuf::goDuration()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(Protobuf::goDuration(ns), text);
}

void TestProtobuf::errors()
{
    // Not protobuf.
    auto r = Protobuf::decodeObject(QByteArray(R"({"kind":"ConfigMap"})"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 400);
    QCOMPARE(r.error().reason, QStringLiteral("BadRequest"));

    // A type without protobuf definitions (custom resources): 415 as kube-apiserver answers.
    r = Protobuf::decodeObject(envelope("stable.example.com/v1", "CronTab", Pb().m(1, meta("x", ""))));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 415);
    QCOMPARE(r.error().reason, QStringLiteral("UnsupportedMediaType"));
    QVERIFY(r.error().message.startsWith(QLatin1String("the body of the request was in an unknown format")));
    r = Protobuf::decodeObject(envelope("v1", "NoSuchKind", Pb()));
    QCOMPARE(r.error().httpStatus, 415);

    // Malformed: truncated envelope, truncated object, wrong wire type, missing kind.
    QByteArray body = envelope("v1", "ConfigMap", Pb().m(1, meta("x", "")).kv(2, "a", "b"));
    r = Protobuf::decodeObject(body.left(body.size() - 3));
    QCOMPARE(r.error().httpStatus, 400);
    r = Protobuf::decodeObject(envelope("v1", "ConfigMap", Pb().m(1, meta("x", "")).s(2, QByteArray("\x0a\x09" "ab", 4))));
    QCOMPARE(r.error().httpStatus, 400);
    QVERIFY2(r.error().message.contains(QLatin1String("core.v1.ConfigMap.data")), qPrintable(r.error().message));
    r = Protobuf::decodeObject(envelope("v1", "ConfigMap", Pb().m(1, Pb().v(1, 5))));
    QCOMPARE(r.error().httpStatus, 400);
    QVERIFY2(r.error().message.contains(QLatin1String("meta.v1.ObjectMeta.name")), qPrintable(r.error().message));
    r = Protobuf::decodeObject(QByteArray("k8s\0", 4) + Pb().m(1, Pb().s(1, "v1")).b);
    QCOMPARE(r.error().httpStatus, 400);
    // Deep nesting (objects inside RawExtension inside objects ...) is bounded.
    QByteArray nested = envelope("v1", "ConfigMap", Pb().m(1, meta("x", "")));
    for (int i = 0; i < 300; ++i)
        nested = envelope("apps/v1", "ControllerRevision", Pb().s(2, Pb().s(1, nested).b));
    r = Protobuf::decodeObject(nested);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 400);
}

void TestProtobuf::captured_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = QDir(dataDir()).entryList({QStringLiteral("*.pb")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 10);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f.chopped(3);
}

void TestProtobuf::captured()
{
    QFETCH(QString, name);
    QFile pb(dataDir() + QLatin1Char('/') + name + QStringLiteral(".pb"));
    QFile expected(dataDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    QVERIFY(pb.open(QIODevice::ReadOnly));
    const auto r = Protobuf::decodeObject(pb.readAll());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(QStringLiteral("missing %1; decoded: %2").arg(expected.fileName(), compact(*r))));
    const QJsonObject want = QJsonDocument::fromJson(expected.readAll()).object();
    QVERIFY2(*r == want, qPrintable(QStringLiteral("decoded: %1").arg(compact(*r))));
}

QTEST_GUILESS_MAIN(TestProtobuf)
#include "tst_protobuf.moc"
