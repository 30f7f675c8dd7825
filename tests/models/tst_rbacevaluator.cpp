// Unit tests for acp::models::RbacEvaluator (kube-apiserver RBAC semantics and texts).
#include "models/RbacEvaluator.h"

#include <QElapsedTimer>
#include <atomic>
#include <thread>
#include <QJsonDocument>
#include <QtTest>

using acp::models::RbacEvaluator;
using acp::models::RbacPolicyRule;
using acp::models::RbacRequest;
using acp::models::RbacUser;

namespace {

QJsonObject obj(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("bad fixture JSON: %s in %s", qPrintable(err.errorString()), json.constData());
    return doc.object();
}

QByteArray clusterRole(const char *name, const char *rules, const char *labels = "{}", const char *extra = "")
{
    return QByteArray(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":")") + name
           + R"(","labels":)" + labels + R"(},"rules":)" + rules + extra + "}";
}

QByteArray role(const char *ns, const char *name, const char *rules)
{
    return QByteArray(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":")") + name
           + R"(","namespace":")" + ns + R"("},"rules":)" + rules + "}";
}

QByteArray crb(const char *name, const char *roleKind, const char *roleName, const char *subjects, const char *uid = "")
{
    return QByteArray(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":")") + name
           + R"(","uid":")" + uid + R"("},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":")" + roleKind
           + R"(","name":")" + roleName + R"("},"subjects":)" + subjects + "}";
}

QByteArray rb(const char *ns, const char *name, const char *roleKind, const char *roleName, const char *subjects)
{
    return QByteArray(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":")") + name
           + R"(","namespace":")" + ns + R"("},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":")" + roleKind
           + R"(","name":")" + roleName + R"("},"subjects":)" + subjects + "}";
}

void loadFixture(RbacEvaluator &e)
{
    const QList<QByteArray> objects{
        clusterRole("pod-reader", R"([{"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]}])"),
        clusterRole("edit-lite", R"([{"apiGroups":[""],"resources":["pods","pods/exec","pods/log"],"verbs":["create","get","delete"]},
                                     {"apiGroups":["apps"],"resources":["deployments"],"verbs":["*"]}])"),
        clusterRole("basic", R"([{"nonResourceURLs":["/healthz","/version","/api*"],"verbs":["get"]},
                                 {"apiGroups":["authorization.k8s.io"],"resources":["selfsubjectaccessreviews","selfsubjectrulesreviews"],"verbs":["create"]}])"),
        clusterRole("root", R"([{"apiGroups":["*"],"resources":["*"],"verbs":["*"]},{"nonResourceURLs":["*"],"verbs":["*"]}])"),
        clusterRole("scaler", R"([{"apiGroups":["apps"],"resources":["*/scale"],"verbs":["update","patch"]}])"),
        clusterRole("cfg-reader", R"([{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["cfg1"],"verbs":["get"]}])"),
        clusterRole("node-patcher", R"([{"apiGroups":[""],"resources":["nodes"],"resourceNames":["n2"],"verbs":["patch"]}])"),
        crb("read-pods", "ClusterRole", "pod-reader", R"([{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"bob"}])"),
        crb("basic-all", "ClusterRole", "basic", R"([{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"system:authenticated"}])"),
        crb("root-binding", "ClusterRole", "root", R"([{"kind":"Group","name":"system:masters"},{"kind":"User","name":"root"}])"),
        crb("scalers", "ClusterRole", "scaler", R"([{"kind":"ServiceAccount","name":"autoscaler","namespace":"kube-system"}])"),
        crb("patch-n2", "ClusterRole", "node-patcher", R"([{"kind":"User","name":"bob"}])"),
        crb("broken-crb", "Role", "some-role", R"([{"kind":"User","name":"carol"}])"),
        crb("weird-crb", "Foo", "x", R"([{"kind":"User","name":"dave"}])"),
        crb("sa-no-ns", "ClusterRole", "root", R"([{"kind":"ServiceAccount","name":"ghost"}])"),
        role("dev", "deployer", R"([{"apiGroups":["apps"],"resources":["deployments"],"verbs":["create","update"]}])"),
        rb("dev", "devs-edit", "ClusterRole", "edit-lite", R"([{"kind":"Group","name":"devs"}])"),
        rb("dev", "builder-deploy", "Role", "deployer", R"([{"kind":"ServiceAccount","name":"builder"}])"),
        rb("dev", "sa-group", "ClusterRole", "cfg-reader", R"([{"kind":"Group","name":"system:serviceaccounts:dev"}])"),
        rb("dev", "ghost", "ClusterRole", "ghost", R"([{"kind":"User","name":"erin"}])"),
        rb("dev", "ghost2", "Role", "ghost-role", R"([{"kind":"User","name":"erin"}])"),
        rb("prod", "prod-read", "ClusterRole", "pod-reader", R"([{"kind":"User","name":"alice"}])"),
    };
    for (const QByteArray &o : objects) {
        if (!e.upsert(obj(o)))
            qFatal("fixture rejected: %s", o.constData());
    }
}

RbacRequest request(const QString &verb, const QString &group, const QString &resource, const QString &sub,
                    const QString &ns, const QString &name, const QString &path)
{
    if (!path.isEmpty())
        return RbacRequest::forPath(verb, path);
    return RbacRequest::forResource(verb, group, resource, ns, name, sub);
}

} // namespace

class TestRbacEvaluator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { loadFixture(m_eval); }
    void implicitGroups();
    void ruleMatching();
    void authorize_data();
    void authorize();
    void forbiddenMessage_data();
    void forbiddenMessage();
    void forbiddenError();
    void rulesFor();
    void whoCan();
    void aggregation();
    void aggregationEdgeCases();
    void mutations();
    void manyBindings();
    void requestTexts();
    void subjects();
    void concurrentReads();

private:
    RbacEvaluator m_eval;
};

void TestRbacEvaluator::implicitGroups()
{
    QCOMPARE(RbacUser({QStringLiteral("bob"), {QStringLiteral("devs")}}).effectiveGroups(),
             QStringList({QStringLiteral("devs"), QStringLiteral("system:authenticated")}));
    QCOMPARE(RbacUser({QStringLiteral("system:anonymous"), {}}).effectiveGroups(),
             QStringList({QStringLiteral("system:unauthenticated")}));
    QCOMPARE(RbacUser::serviceAccount(QStringLiteral("dev"), QStringLiteral("builder")).effectiveGroups(),
             QStringList({QStringLiteral("system:authenticated"), QStringLiteral("system:serviceaccounts"),
                          QStringLiteral("system:serviceaccounts:dev")}));
    QCOMPARE(RbacUser({QStringLiteral("x"), {QStringLiteral("system:authenticated")}}).effectiveGroups().size(), 1);
}

void TestRbacEvaluator::ruleMatching()
{
    const RbacPolicyRule r = RbacPolicyRule::fromJson(obj(R"({"apiGroups":["apps"],"resources":["deployments","*/scale"],"verbs":["get"],"resourceNames":["web"]})"));
    QVERIFY(r.allows(RbacRequest::forResource(QStringLiteral("get"), QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("ns"), QStringLiteral("web"))));
    QVERIFY(!r.allows(RbacRequest::forResource(QStringLiteral("get"), QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("ns"))));
    QVERIFY(r.allows(RbacRequest::forResource(QStringLiteral("get"), QStringLiteral("apps"), QStringLiteral("statefulsets"), QStringLiteral("ns"), QStringLiteral("web"), QStringLiteral("scale"))));
    QVERIFY(!r.allows(RbacRequest::forResource(QStringLiteral("get"), QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("ns"), QStringLiteral("web"), QStringLiteral("status"))));
    QVERIFY(!r.allows(RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("deployments"), QStringLiteral("ns"), QStringLiteral("web"))));
    QVERIFY(!r.allows(RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/apis"))));
    const RbacPolicyRule urls = RbacPolicyRule::fromJson(obj(R"({"nonResourceURLs":["/logs/*","/healthz"],"verbs":["get"]})"));
    QVERIFY(urls.allows(RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/logs/"))));
    QVERIFY(urls.allows(RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/logs/kube/a.log"))));
    QVERIFY(!urls.allows(RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/logs"))));
    QVERIFY(!urls.allows(RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/healthz/ready"))));
    QVERIFY(!urls.allows(RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("pods"))));
    QCOMPARE(RbacPolicyRule::fromJson(urls.toJson()), urls);
    QVERIFY(!urls.toJson().contains(QStringLiteral("resources")));
}

void TestRbacEvaluator::authorize_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("sub");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("reason");

    const QStringList none;
    const QString sa = QStringLiteral("system:serviceaccount:");
    QTest::newRow("crb user") << "bob" << none << "get" << "" << "pods" << "" << "default" << "" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "read-pods" of ClusterRole "pod-reader" to User "bob")";
    QTest::newRow("crb user cluster-wide") << "bob" << none << "list" << "" << "pods" << "" << "" << "" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "read-pods" of ClusterRole "pod-reader" to User "bob")";
    QTest::newRow("verb not granted") << "bob" << none << "create" << "" << "pods" << "" << "default" << "" << "" << false << "";
    QTest::newRow("group not granted") << "bob" << none << "get" << "apps" << "pods" << "" << "default" << "" << "" << false << "";
    QTest::newRow("rb to clusterrole") << "alice" << QStringList{QStringLiteral("devs")} << "create" << "" << "pods" << "exec" << "dev" << "p1" << "" << true
        << R"(RBAC: allowed by RoleBinding "devs-edit/dev" of ClusterRole "edit-lite" to Group "devs")";
    QTest::newRow("rb only in its namespace") << "alice" << QStringList{QStringLiteral("devs")} << "create" << "" << "pods" << "exec" << "prod" << "p1" << "" << false << "";
    QTest::newRow("other ns binding") << "alice" << none << "get" << "" << "pods" << "" << "prod" << "" << "" << true
        << R"(RBAC: allowed by RoleBinding "prod-read/prod" of ClusterRole "pod-reader" to User "alice")";
    QTest::newRow("subresource not listed") << "alice" << QStringList{QStringLiteral("devs")} << "create" << "" << "pods" << "attach" << "dev" << "p1" << "" << false << "";
    QTest::newRow("star verb") << "alice" << QStringList{QStringLiteral("devs")} << "deletecollection" << "apps" << "deployments" << "" << "dev" << "" << "" << true
        << R"(RBAC: allowed by RoleBinding "devs-edit/dev" of ClusterRole "edit-lite" to Group "devs")";
    QTest::newRow("sa defaults to binding ns") << sa + "dev:builder" << none << "create" << "apps" << "deployments" << "" << "dev" << "" << "" << true
        << R"(RBAC: allowed by RoleBinding "builder-deploy/dev" of Role "deployer" to ServiceAccount "builder/dev")";
    QTest::newRow("sa other ns") << sa + "prod:builder" << none << "create" << "apps" << "deployments" << "" << "dev" << "" << "" << false << "";
    QTest::newRow("sa implicit ns group") << sa + "dev:other" << none << "get" << "" << "configmaps" << "" << "dev" << "cfg1" << "" << true
        << R"(RBAC: allowed by RoleBinding "sa-group/dev" of ClusterRole "cfg-reader" to Group "system:serviceaccounts:dev")";
    QTest::newRow("resource name miss") << sa + "dev:other" << none << "get" << "" << "configmaps" << "" << "dev" << "cfg2" << "" << false << "";
    QTest::newRow("resource name list") << sa + "dev:other" << none << "list" << "" << "configmaps" << "" << "dev" << "" << "" << false << "";
    QTest::newRow("star scale") << sa + "kube-system:autoscaler" << none << "update" << "apps" << "deployments" << "scale" << "default" << "web" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "scalers" of ClusterRole "scaler" to ServiceAccount "autoscaler/kube-system")";
    QTest::newRow("star scale other resource") << sa + "kube-system:autoscaler" << none << "patch" << "apps" << "replicasets" << "scale" << "default" << "" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "scalers" of ClusterRole "scaler" to ServiceAccount "autoscaler/kube-system")";
    QTest::newRow("star scale no subresource") << sa + "kube-system:autoscaler" << none << "update" << "apps" << "deployments" << "" << "default" << "" << "" << false << "";
    QTest::newRow("star scale wrong subresource") << sa + "kube-system:autoscaler" << none << "update" << "apps" << "deployments" << "status" << "default" << "" << "" << false << "";
    QTest::newRow("non-resource exact") << "bob" << none << "get" << "" << "" << "" << "" << "" << "/healthz" << true
        << R"(RBAC: allowed by ClusterRoleBinding "basic-all" of ClusterRole "basic" to Group "system:authenticated")";
    QTest::newRow("non-resource prefix") << "bob" << none << "get" << "" << "" << "" << "" << "" << "/apis/apps/v1" << true
        << R"(RBAC: allowed by ClusterRoleBinding "basic-all" of ClusterRole "basic" to Group "system:authenticated")";
    QTest::newRow("non-resource miss") << "bob" << none << "get" << "" << "" << "" << "" << "" << "/metrics" << false << "";
    QTest::newRow("non-resource verb") << "bob" << none << "post" << "" << "" << "" << "" << "" << "/healthz" << false << "";
    QTest::newRow("anonymous") << "system:anonymous" << none << "get" << "" << "" << "" << "" << "" << "/healthz" << false << "";
    QTest::newRow("second subject") << "root" << none << "delete" << "" << "nodes" << "" << "" << "n1" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "root-binding" of ClusterRole "root" to User "root")";
    QTest::newRow("masters group") << "x" << QStringList{QStringLiteral("system:masters")} << "get" << "" << "" << "" << "" << "" << "/metrics" << true
        << R"(RBAC: allowed by ClusterRoleBinding "root-binding" of ClusterRole "root" to Group "system:masters")";
    QTest::newRow("resource name hit") << "bob" << none << "patch" << "" << "nodes" << "" << "" << "n2" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "patch-n2" of ClusterRole "node-patcher" to User "bob")";
    QTest::newRow("resource name other") << "bob" << none << "patch" << "" << "nodes" << "" << "" << "n1" << "" << false << "";
    QTest::newRow("crb to missing role") << "carol" << none << "get" << "" << "pods" << "" << "default" << "" << "" << false
        << R"(RBAC: role.rbac.authorization.k8s.io "some-role" not found)";
    QTest::newRow("unsupported role kind") << "dave" << none << "get" << "" << "pods" << "" << "default" << "" << "" << false
        << R"(RBAC: unsupported role reference kind: "Foo")";
    QTest::newRow("two errors") << "erin" << none << "get" << "" << "pods" << "" << "dev" << "" << "" << false
        << R"(RBAC: [clusterrole.rbac.authorization.k8s.io "ghost" not found, role.rbac.authorization.k8s.io "ghost-role" not found])";
    QTest::newRow("errors do not block") << "erin" << none << "get" << "" << "" << "" << "" << "" << "/version" << true
        << R"(RBAC: allowed by ClusterRoleBinding "basic-all" of ClusterRole "basic" to Group "system:authenticated")";
    QTest::newRow("sa without namespace in crb") << sa + "x:ghost" << none << "get" << "" << "pods" << "" << "x" << "" << "" << false << "";
    QTest::newRow("self review") << "alice" << none << "create" << "authorization.k8s.io" << "selfsubjectrulesreviews" << "" << "" << "" << "" << true
        << R"(RBAC: allowed by ClusterRoleBinding "basic-all" of ClusterRole "basic" to Group "system:authenticated")";
}

void TestRbacEvaluator::authorize()
{
    QFETCH(QString, user);
    QFETCH(QStringList, groups);
    QFETCH(QString, verb);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(QString, sub);
    QFETCH(QString, ns);
    QFETCH(QString, name);
    QFETCH(QString, path);
    QFETCH(bool, allowed);
    QFETCH(QString, reason);
    const auto d = m_eval.authorize(RbacUser{user, groups}, request(verb, group, resource, sub, ns, name, path));
    QCOMPARE(d.allowed, allowed);
    QCOMPARE(d.reason, reason);
}

void TestRbacEvaluator::forbiddenMessage_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("sub");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("namespaced list") << "bob" << "create" << "" << "pods" << "" << "default" << "" << ""
        << R"(pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "default")";
    QTest::newRow("cluster named") << "bob" << "patch" << "" << "nodes" << "" << "" << "n1" << ""
        << R"(nodes "n1" is forbidden: User "bob" cannot patch resource "nodes" in API group "" at the cluster scope)";
    QTest::newRow("subresource") << "bob" << "create" << "" << "pods" << "exec" << "default" << "p1" << ""
        << R"(pods "p1" is forbidden: User "bob" cannot create resource "pods/exec" in API group "" in the namespace "default")";
    QTest::newRow("namespace by name") << "bob" << "get" << "" << "namespaces" << "" << "x" << "x" << ""
        << R"(namespaces "x" is forbidden: User "bob" cannot get resource "namespaces" in API group "" in the namespace "x")";
    QTest::newRow("group qualified") << "bob" << "get" << "apps" << "deployments" << "" << "default" << "web" << ""
        << R"(deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments" in API group "apps" in the namespace "default")";
    QTest::newRow("path") << "bob" << "get" << "" << "" << "" << "" << "" << "/metrics"
        << R"(forbidden: User "bob" cannot get path "/metrics")";
    QTest::newRow("service account") << "system:serviceaccount:dev:x" << "list" << "" << "secrets" << "" << "dev" << "" << ""
        << R"(secrets is forbidden: User "system:serviceaccount:dev:x" cannot list resource "secrets" in API group "" in the namespace "dev")";
    QTest::newRow("with rbac errors") << "erin" << "get" << "" << "pods" << "" << "dev" << "" << ""
        << R"(pods is forbidden: User "erin" cannot get resource "pods" in API group "" in the namespace "dev": RBAC: [clusterrole.rbac.authorization.k8s.io "ghost" not found, role.rbac.authorization.k8s.io "ghost-role" not found])";
    QTest::newRow("with one rbac error") << "carol" << "list" << "" << "pods" << "" << "" << "" << ""
        << R"(pods is forbidden: User "carol" cannot list resource "pods" in API group "" at the cluster scope: RBAC: role.rbac.authorization.k8s.io "some-role" not found)";
}

void TestRbacEvaluator::forbiddenMessage()
{
    QFETCH(QString, user);
    QFETCH(QString, verb);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(QString, sub);
    QFETCH(QString, ns);
    QFETCH(QString, name);
    QFETCH(QString, path);
    QFETCH(QString, message);
    QCOMPARE(m_eval.forbiddenMessage(RbacUser{user, {}}, request(verb, group, resource, sub, ns, name, path)), message);
}

void TestRbacEvaluator::forbiddenError()
{
    const auto e = m_eval.forbiddenError(RbacUser{QStringLiteral("bob"), {}},
                                         RbacRequest::forResource(QStringLiteral("delete"), QStringLiteral("apps"), QStringLiteral("deployments"),
                                                                  QStringLiteral("default"), QStringLiteral("web")));
    QCOMPARE(e.httpStatus, 403);
    QVERIFY(e.isForbidden());
    QCOMPARE(e.reason, QStringLiteral("Forbidden"));
    QCOMPARE(e.details, obj(R"({"name":"web","group":"apps","kind":"deployments"})"));
    const QJsonObject status = e.toStatus();
    QCOMPARE(status.value(QStringLiteral("code")).toInt(), 403);
    QVERIFY(status.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("deployments.apps \"web\" is forbidden: ")));
}

void TestRbacEvaluator::rulesFor()
{
    const auto review = m_eval.rulesFor(RbacUser{QStringLiteral("bob"), {}}, QStringLiteral("default"));
    // basic-all (self reviews), patch-n2 (nodes), read-pods (pods): binding name order.
    QCOMPARE(review.resourceRules.size(), 3);
    QCOMPARE(review.resourceRules.at(1).toJson(), obj(R"({"verbs":["patch"],"apiGroups":[""],"resources":["nodes"],"resourceNames":["n2"]})"));
    QCOMPARE(review.resourceRules.at(2).toJson(), obj(R"({"verbs":["get","list","watch"],"apiGroups":[""],"resources":["pods"]})"));
    QCOMPARE(review.nonResourceRules.size(), 1);
    QCOMPARE(review.nonResourceRules.first().toJson(), obj(R"({"verbs":["get"],"nonResourceURLs":["/healthz","/version","/api*"]})"));
    QVERIFY(!review.incomplete);
    QVERIFY(review.evaluationError.isEmpty());
    const QJsonObject status = review.toStatusJson();
    QCOMPARE(status.value(QStringLiteral("resourceRules")).toArray().size(), 3);
    QCOMPARE(status.value(QStringLiteral("incomplete")), QJsonValue(false));
    QVERIFY(!status.contains(QStringLiteral("evaluationError")));

    const auto dev = m_eval.rulesFor(RbacUser{QStringLiteral("alice"), {QStringLiteral("devs")}}, QStringLiteral("dev"));
    QCOMPARE(dev.resourceRules.size(), 3); // basic + the two rules of edit-lite
    const auto erin = m_eval.rulesFor(RbacUser{QStringLiteral("erin"), {}}, QStringLiteral("dev"));
    QCOMPARE(erin.evaluationError,
             QStringLiteral(R"([clusterrole.rbac.authorization.k8s.io "ghost" not found, role.rbac.authorization.k8s.io "ghost-role" not found])"));
    QCOMPARE(erin.toStatusJson().value(QStringLiteral("evaluationError")).toString(), erin.evaluationError);
    const auto anon = m_eval.rulesFor(RbacUser{QStringLiteral("system:anonymous"), {}}, QString());
    QVERIFY(anon.resourceRules.isEmpty() && anon.nonResourceRules.isEmpty());
    QCOMPARE(anon.toStatusJson().value(QStringLiteral("resourceRules")), QJsonValue(QJsonArray()));
}

void TestRbacEvaluator::whoCan()
{
    const auto who = m_eval.whoCan(RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("pods"), QStringLiteral("dev")));
    QStringList names;
    for (const auto &w : who)
        names << w.subject.kind + QLatin1Char(':') + w.subject.name + QLatin1Char('@') + w.bindingKind + QLatin1Char('/') + w.bindingName;
    QCOMPARE(names, QStringList({QStringLiteral("User:bob@ClusterRoleBinding/read-pods"),
                                 QStringLiteral("Group:system:masters@ClusterRoleBinding/root-binding"),
                                 QStringLiteral("User:root@ClusterRoleBinding/root-binding"),
                                 QStringLiteral("Group:devs@RoleBinding/devs-edit")}));
    const auto deployers = m_eval.whoCan(RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("dev")));
    bool sawBuilder = false;
    for (const auto &w : deployers) {
        if (w.subject.kind == QLatin1String("ServiceAccount")) {
            QCOMPARE(w.subject.name, QStringLiteral("builder"));
            QCOMPARE(w.subject.namespaceName, QStringLiteral("dev")); // defaulted from the binding
            QCOMPARE(w.roleKind, QStringLiteral("Role"));
            sawBuilder = true;
        }
    }
    QVERIFY(sawBuilder);
}

void TestRbacEvaluator::aggregation()
{
    RbacEvaluator e;
    const char *agg = R"(,"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"example.com/aggregate-to-view":"true"}}]})";
    QVERIFY(e.upsert(obj(clusterRole("agg-view", R"([{"apiGroups":[""],"resources":["stale"],"verbs":["get"]}])",
                                     R"({"example.com/aggregate-to-edit":"true"})", agg))));
    QVERIFY(e.upsert(obj(clusterRole("view-pods", R"([{"apiGroups":[""],"resources":["pods"],"verbs":["get"]},{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}])",
                                     R"({"example.com/aggregate-to-view":"true"})"))));
    QVERIFY(e.upsert(obj(clusterRole("view-svc", R"([{"apiGroups":[""],"resources":["services"],"verbs":["get"]},{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}])",
                                     R"({"example.com/aggregate-to-view":"true","example.com/aggregate-to-edit":"true"})"))));
    const char *aggEdit = R"(,"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"example.com/aggregate-to-edit":"true"}},
                              {"matchExpressions":[{"key":"example.com/extra","operator":"Exists"}]}]})";
    QVERIFY(e.upsert(obj(clusterRole("agg-edit", "[]", "{}", aggEdit))));
    QVERIFY(e.upsert(obj(clusterRole("extra-role", R"([{"apiGroups":[""],"resources":["configmaps"],"verbs":["create"]}])",
                                     R"({"example.com/extra":"x"})"))));
    QVERIFY(e.upsert(obj(crb("ed", "ClusterRole", "agg-edit", R"([{"kind":"User","name":"ed"}])"))));

    auto resources = [&](const QString &role) {
        QStringList out;
        for (const auto &r : e.clusterRoleRules(role))
            out << r.verbs.join(QLatin1Char('+')) + QLatin1Char(' ') + r.resources.join(QLatin1Char('+'));
        return out;
    };
    QCOMPARE(resources(QStringLiteral("agg-view")), QStringList({QStringLiteral("get pods"), QStringLiteral("list pods"), QStringLiteral("get services")}));
    QCOMPARE(resources(QStringLiteral("agg-edit")), QStringList({QStringLiteral("get pods"), QStringLiteral("list pods"), QStringLiteral("get services"),
                                                                QStringLiteral("create configmaps")}));
    const RbacUser ed{QStringLiteral("ed"), {}};
    const auto getSvc = RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("services"), QStringLiteral("a"));
    QCOMPARE(e.authorize(ed, getSvc).reason,
             QStringLiteral(R"(RBAC: allowed by ClusterRoleBinding "ed" of ClusterRole "agg-edit" to User "ed")"));
    QVERIFY(!e.isAllowed(ed, RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("stale"), QStringLiteral("a"))));

    // A change in an aggregated role shows up in every role aggregating it.
    QVERIFY(e.upsert(obj(clusterRole("view-pods", R"([{"apiGroups":[""],"resources":["pods"],"verbs":["watch"]}])",
                                     R"({"example.com/aggregate-to-view":"true"})"))));
    QCOMPARE(resources(QStringLiteral("agg-view")), QStringList({QStringLiteral("watch pods"), QStringLiteral("get services"), QStringLiteral("get pods")}));
    QVERIFY(e.isAllowed(ed, RbacRequest::forResource(QStringLiteral("watch"), QString(), QStringLiteral("pods"), QStringLiteral("a"))));
    QVERIFY(e.remove(QStringLiteral("ClusterRole"), QString(), QStringLiteral("view-svc")));
    QVERIFY(!e.isAllowed(ed, getSvc));
    QCOMPARE(resources(QStringLiteral("agg-edit")), QStringList({QStringLiteral("watch pods"), QStringLiteral("create configmaps")}));
    QVERIFY(e.clusterRoleRules(QStringLiteral("nope")).isEmpty());
}

void TestRbacEvaluator::aggregationEdgeCases()
{
    RbacEvaluator e;
    // An aggregation rule without selectors aggregates nothing; stored rules are ignored.
    QVERIFY(e.upsert(obj(clusterRole("empty-agg", R"([{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}])", "{}",
                                     R"(,"aggregationRule":{})"))));
    QVERIFY(e.clusterRoleRules(QStringLiteral("empty-agg")).isEmpty());
    // An empty selector matches every other ClusterRole.
    QVERIFY(e.upsert(obj(clusterRole("all", "[]", "{}", R"(,"aggregationRule":{"clusterRoleSelectors":[{}]})"))));
    QVERIFY(e.upsert(obj(clusterRole("plain", R"([{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}])"))));
    QCOMPARE(e.clusterRoleRules(QStringLiteral("all")).size(), 1);
    // An invalid selector leaves the stored rules, as the controller does.
    QVERIFY(e.upsert(obj(clusterRole("bad-agg", R"([{"apiGroups":[""],"resources":["stored"],"verbs":["get"]}])", "{}",
                                     R"(,"aggregationRule":{"clusterRoleSelectors":[{"matchExpressions":[{"key":"k","operator":"Bogus"}]}]})"))));
    QCOMPARE(e.clusterRoleRules(QStringLiteral("bad-agg")).first().resources, QStringList{QStringLiteral("stored")});
    // Cycles terminate.
    QVERIFY(e.upsert(obj(clusterRole("c1", R"([{"apiGroups":[""],"resources":["a"],"verbs":["get"]}])", R"({"l":"c1"})",
                                     R"(,"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"l":"c2"}}]})"))));
    QVERIFY(e.upsert(obj(clusterRole("c2", R"([{"apiGroups":[""],"resources":["b"],"verbs":["get"]}])", R"({"l":"c2"})",
                                     R"(,"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"l":"c1"}}]})"))));
    QCOMPARE(e.clusterRoleRules(QStringLiteral("c1")).size(), 1);
    QCOMPARE(e.clusterRoleRules(QStringLiteral("c2")).size(), 1);
}

void TestRbacEvaluator::mutations()
{
    RbacEvaluator e;
    QVERIFY(!e.upsert(obj(R"({"kind":"ConfigMap","metadata":{"name":"x"}})")));
    QVERIFY(!e.upsert(obj(R"({"kind":"ClusterRole","metadata":{}})")));
    QVERIFY(e.upsert(obj(clusterRole("reader", R"([{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}])"))));
    QVERIFY(e.upsert(obj(crb("b1", "ClusterRole", "reader", R"([{"kind":"User","name":"u"}])", "uid-1"))));
    const auto get = RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("pods"), QStringLiteral("ns"));
    const RbacUser u{QStringLiteral("u"), {}};
    const RbacUser v{QStringLiteral("v"), {}};
    QVERIFY(e.isAllowed(u, get));
    QVERIFY(!e.isAllowed(v, get));
    // Replacing the binding re-indexes its subjects.
    QVERIFY(e.upsert(obj(crb("b1", "ClusterRole", "reader", R"([{"kind":"User","name":"v"}])", "uid-1"))));
    QVERIFY(!e.isAllowed(u, get));
    QVERIFY(e.isAllowed(v, get));
    QCOMPARE(e.objectCount(), 2);
    QVERIFY(e.removeByUid(QStringLiteral("uid-1")));
    QVERIFY(!e.isAllowed(v, get));
    QVERIFY(!e.removeByUid(QStringLiteral("uid-1")));
    QVERIFY(!e.remove(QStringLiteral("ClusterRoleBinding"), QString(), QStringLiteral("b1")));
    // RoleBindings by namespace and name; the role disappearing turns into an error reason.
    QVERIFY(e.upsert(obj(rb("ns", "rb1", "ClusterRole", "reader", R"([{"kind":"User","name":"u"}])"))));
    QVERIFY(e.isAllowed(u, get));
    QVERIFY(e.remove(QStringLiteral("ClusterRole"), QString(), QStringLiteral("reader")));
    QCOMPARE(e.authorize(u, get).reason, QStringLiteral(R"(RBAC: clusterrole.rbac.authorization.k8s.io "reader" not found)"));
    QVERIFY(e.remove(QStringLiteral("RoleBinding"), QStringLiteral("ns"), QStringLiteral("rb1")));
    QCOMPARE(e.authorize(u, get).reason, QString());
    QCOMPARE(e.objectCount(), 0);
    e.upsert(obj(clusterRole("reader", "[]")));
    e.clear();
    QCOMPARE(e.objectCount(), 0);
    QVERIFY(!e.hasClusterRole(QStringLiteral("reader")));
}

void TestRbacEvaluator::manyBindings()
{
    RbacEvaluator e;
    QVERIFY(e.upsert(obj(clusterRole("reader", R"([{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}])"))));
    QVERIFY(e.upsert(obj(clusterRole("writer", R"([{"apiGroups":["apps"],"resources":["deployments"],"verbs":["create"]}])"))));
    for (int i = 0; i < 3000; ++i) {
        const QByteArray name = "crb-" + QByteArray::number(i);
        const QByteArray subjects = R"([{"kind":"User","name":"u)" + QByteArray::number(i) + R"("}])";
        QVERIFY(e.upsert(obj(crb(name.constData(), "ClusterRole", "reader", subjects.constData()))));
    }
    for (int i = 0; i < 10000; ++i) {
        const QByteArray ns = "ns-" + QByteArray::number(i % 1000);
        const QByteArray name = "rb-" + QByteArray::number(i);
        const QByteArray subjects = R"([{"kind":"Group","name":"g)" + QByteArray::number(i % 100) + R"("}])";
        QVERIFY(e.upsert(obj(rb(ns.constData(), name.constData(), "ClusterRole", "writer", subjects.constData()))));
    }
    QCOMPARE(e.objectCount(), 13002);
    QElapsedTimer timer;
    timer.start();
    int allowed = 0;
    for (int i = 0; i < 20000; ++i) {
        const RbacUser user{QStringLiteral("u%1").arg(i % 4000), {QStringLiteral("g%1").arg(i % 150)}};
        const QString ns = QStringLiteral("ns-%1").arg(i % 1000);
        allowed += e.isAllowed(user, RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("pods"), ns)) ? 1 : 0;
        allowed += e.isAllowed(user, RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("apps"), QStringLiteral("deployments"), ns)) ? 1 : 0;
    }
    const qint64 ms = timer.elapsed();
    qInfo("40000 decisions over 13002 objects in %lld ms", ms);
    QVERIFY2(ms < 10000, "authorization should use the subject index");
    QVERIFY(allowed > 0);
    QCOMPARE(e.authorize(RbacUser{QStringLiteral("u1500"), {}}, RbacRequest::forResource(QStringLiteral("list"), QString(), QStringLiteral("pods"))).reason,
             QStringLiteral(R"(RBAC: allowed by ClusterRoleBinding "crb-1500" of ClusterRole "reader" to User "u1500")"));
    // ns-7 has rb-7, rb-1007, ... bound to g7; rb-1007 sorts before rb-2007 and rb-7.
    QCOMPARE(e.authorize(RbacUser{QStringLiteral("x"), {QStringLiteral("g7")}},
                         RbacRequest::forResource(QStringLiteral("create"), QStringLiteral("apps"), QStringLiteral("deployments"), QStringLiteral("ns-7"))).reason,
             QStringLiteral(R"(RBAC: allowed by RoleBinding "rb-1007/ns-7" of ClusterRole "writer" to Group "g7")"));
}

void TestRbacEvaluator::requestTexts()
{
    const RbacRequest r = RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("pods"), QStringLiteral("ns"), QStringLiteral("p"));
    QCOMPARE(r.forbiddenMessage(QStringLiteral("u"), QStringLiteral("RBAC: x")),
             QStringLiteral(R"(pods "p" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns": RBAC: x)"));
    QCOMPARE(RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/a\"b")).forbiddenMessage(QStringLiteral("u\"q")),
             QStringLiteral(R"(forbidden: User "u\"q" cannot get path "/a\"b")"));
    const auto e = RbacRequest::forPath(QStringLiteral("get"), QStringLiteral("/x")).forbiddenError(QStringLiteral("u"));
    QCOMPARE(e.httpStatus, 403);
    QVERIFY(e.details.isEmpty());
    const RbacRequest scoped = RbacRequest::forResource(QStringLiteral("list"), QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("clusterroles"));
    QCOMPARE(scoped.forbiddenMessage(QStringLiteral("u")),
             QStringLiteral(R"(clusterroles.rbac.authorization.k8s.io is forbidden: User "u" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope)"));
}

void TestRbacEvaluator::subjects()
{
    using acp::models::RbacSubject;
    const RbacSubject sa{QStringLiteral("ServiceAccount"), QStringLiteral("b"), QString(), QString()};
    QVERIFY(sa.appliesTo(QStringLiteral("system:serviceaccount:ns:b"), {}, QStringLiteral("ns")));
    QVERIFY(!sa.appliesTo(QStringLiteral("system:serviceaccount:ns:b"), {}, QString()));
    QCOMPARE(sa.describe(QStringLiteral("ns")), QStringLiteral(R"(ServiceAccount "b/ns")"));
    const RbacSubject g{QStringLiteral("Group"), QStringLiteral("devs"), QString(), QStringLiteral("rbac.authorization.k8s.io")};
    QVERIFY(g.appliesTo(QStringLiteral("x"), {QStringLiteral("devs")}, QString()));
    QVERIFY(!g.appliesTo(QStringLiteral("devs"), {}, QString()));
    QCOMPARE(RbacSubject::fromJson(g.toJson()), g);
    const RbacSubject other{QStringLiteral("Robot"), QStringLiteral("x"), QString(), QString()};
    QVERIFY(!other.appliesTo(QStringLiteral("x"), {}, QString()));
}

void TestRbacEvaluator::concurrentReads()
{
    RbacEvaluator e;
    const char *agg = R"(,"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"agg":"true"}}]})";
    QVERIFY(e.upsert(obj(clusterRole("parent", "[]", "{}", agg))));
    for (int i = 0; i < 50; ++i) {
        const QByteArray name = "child-" + QByteArray::number(i);
        const QByteArray rules = R"([{"apiGroups":[""],"resources":["r)" + QByteArray::number(i) + R"("],"verbs":["get"]}])";
        QVERIFY(e.upsert(obj(clusterRole(name.constData(), rules.constData(), R"({"agg":"true"})"))));
    }
    QVERIFY(e.upsert(obj(crb("p", "ClusterRole", "parent", R"([{"kind":"Group","name":"system:authenticated"}])"))));
    // The aggregation cache is built lazily by whichever reader comes first.
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&e, &allowed, t] {
            for (int i = 0; i < 200; ++i) {
                const auto req = RbacRequest::forResource(QStringLiteral("get"), QString(), QStringLiteral("r%1").arg((i + t) % 50), QStringLiteral("ns"));
                if (e.isAllowed(RbacUser{QStringLiteral("u%1").arg(t), {}}, req))
                    ++allowed;
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(allowed.load(), 800);
}

QTEST_GUILESS_MAIN(TestRbacEvaluator)
#include "tst_rbacevaluator.moc"
