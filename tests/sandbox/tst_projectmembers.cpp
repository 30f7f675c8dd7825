// ProjectMemberBindings: a project role (UserBinding) reaches every namespace of the project, on
// every cluster of the project, including namespaces created or relabelled later; removing the
// UserBinding revokes it. Driven with kubectl against acp-sandbox (alice is project-admin of
// alpha, whose clusters are business-1 and business-2); plus the pure desiredBindings().
#include "sandbox/ProjectMemberBindings.h"
#include "tests/common/SandboxProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using acp::sandbox::ProjectMemberBindings;
using acp::test::CommandResult;
using acp::test::SandboxProcess;

namespace {

const QString kAdmin = QStringLiteral("--context=sandbox/business-1");
const QString kAlice = QStringLiteral("--context=sandbox-alice/business-1");
const QString kGlobal = QStringLiteral("--context=sandbox/global");

QByteArray podYaml(const QString &ns, const QString &name)
{
    return QStringLiteral("apiVersion: v1\nkind: Pod\nmetadata:\n  name: %1\n  namespace: %2\nspec:\n  containers:\n  - name: c\n    image: nginx\n")
        .arg(name, ns)
        .toUtf8();
}

QJsonObject userBinding(const QString &name, const QString &role, const QJsonArray &constraint)
{
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1")}, {QStringLiteral("kind"), QStringLiteral("UserBinding")},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("roleRef"), role}, {QStringLiteral("scope"), QStringLiteral("project")},
                                                            {QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")},
                                                                                                                {QStringLiteral("name"), QStringLiteral("alice")}}}},
                                                            {QStringLiteral("constraint"), constraint}}}};
}

} // namespace

class TestProjectMembers : public QObject {
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    int m_attempt = 0;

    CommandResult kubectl(const QString &context, const QStringList &args, const QByteArray &input = QByteArray())
    {
        return m_sandbox.kubectl(QStringList{context} + args, input);
    }
    // Whether alice can create a pod in `ns` now (a fresh name each time).
    bool aliceCreatesPod(const QString &ns, QString *output = nullptr)
    {
        static int n = 0;
        const CommandResult r = kubectl(kAlice, {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                                        podYaml(ns, QStringLiteral("alice-pod-%1").arg(++n)));
        if (output)
            *output = r.all();
        return r.exitCode == 0;
    }
    bool roleBindingExists(const QString &context, const QString &ns, const QString &name)
    {
        return kubectl(context, {QStringLiteral("get"), QStringLiteral("rolebinding"), name, QStringLiteral("-n"), ns}).exitCode == 0;
    }

private Q_SLOTS:
    void initTestCase();
    void desiredBindings();
    void newProjectNamespaceBindsMembers();
    void relabelledNamespaceFollowsItsProject();
    void removingTheUserBindingRevokes();
};

void TestProjectMembers::initTestCase()
{
    if (!SandboxProcess::hasKubectl())
        QSKIP("kubectl not installed");
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
}

void TestProjectMembers::desiredBindings()
{
    const QJsonObject ub = userBinding(QStringLiteral("alice-project-admin-system"), QStringLiteral("project-admin-system"),
                                       QJsonArray{QJsonObject{{QStringLiteral("project"), QStringLiteral("alpha")}}});
    const QStringList clusters{QStringLiteral("business-1"), QStringLiteral("business-2")};
    const auto rbs = ProjectMemberBindings::desiredBindings(ub, QStringLiteral("business-1"), QStringLiteral("alpha-x"), QStringLiteral("alpha"), clusters);
    QCOMPARE(rbs.size(), 1);
    const QJsonObject rb = rbs.first();
    const QJsonObject meta = rb.value(QLatin1String("metadata")).toObject();
    QCOMPARE(meta.value(QLatin1String("name")).toString(), QStringLiteral("alice-project-admin"));
    QCOMPARE(meta.value(QLatin1String("namespace")).toString(), QStringLiteral("alpha-x"));
    QCOMPARE(meta.value(QLatin1String("labels")).toObject().value(QLatin1String("cpaas.io/project")).toString(), QStringLiteral("alpha"));
    QCOMPARE(meta.value(QLatin1String("labels")).toObject().value(QLatin1String(ProjectMemberBindings::kOwnerLabel)).toString(),
             QStringLiteral("alice-project-admin-system"));
    QCOMPARE(rb.value(QLatin1String("roleRef")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("admin"));
    QCOMPARE(rb.value(QLatin1String("subjects")).toArray().first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("alice"));
    // Not another project's namespace, not a cluster outside the project, not an unlabelled one.
    QVERIFY(ProjectMemberBindings::desiredBindings(ub, QStringLiteral("business-1"), QStringLiteral("beta-x"), QStringLiteral("beta"), clusters).isEmpty());
    QVERIFY(ProjectMemberBindings::desiredBindings(ub, QStringLiteral("business-3"), QStringLiteral("alpha-x"), QStringLiteral("alpha"), clusters).isEmpty());
    QVERIFY(ProjectMemberBindings::desiredBindings(ub, QStringLiteral("business-1"), QStringLiteral("x"), QString(), clusters).isEmpty());
    // A namespace role binds its namespace only; platform roles are not bound here.
    const QJsonObject dev = userBinding(QStringLiteral("alice-dev"), QStringLiteral("namespace-developer-system"),
                                        QJsonArray{QJsonObject{{QStringLiteral("project"), QStringLiteral("alpha")}, {QStringLiteral("cluster"), QStringLiteral("business-2")},
                                                               {QStringLiteral("namespace"), QStringLiteral("alpha-dev")}}});
    const auto devRbs = ProjectMemberBindings::desiredBindings(dev, QStringLiteral("business-2"), QStringLiteral("alpha-dev"), QStringLiteral("alpha"), clusters);
    QCOMPARE(devRbs.size(), 1);
    QCOMPARE(devRbs.first().value(QLatin1String("roleRef")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("edit"));
    QVERIFY(ProjectMemberBindings::desiredBindings(dev, QStringLiteral("business-1"), QStringLiteral("alpha-dev"), QStringLiteral("alpha"), clusters).isEmpty());
    QVERIFY(ProjectMemberBindings::desiredBindings(dev, QStringLiteral("business-2"), QStringLiteral("alpha-prod"), QStringLiteral("alpha"), clusters).isEmpty());
    QCOMPARE(ProjectMemberBindings::clusterRoleFor(QStringLiteral("platform-admin-system")), QString());
}

void TestProjectMembers::newProjectNamespaceBindsMembers()
{
    // Before: alice cannot create anything in a namespace outside her project.
    QCOMPARE(kubectl(kAdmin, {QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("alpha-new")}).exitCode, 0);
    QString out;
    QVERIFY(!aliceCreatesPod(QStringLiteral("alpha-new"), &out));
    QVERIFY2(out.contains(QStringLiteral("forbidden")), qPrintable(out));
    // The admin puts it in alpha: the controller binds alice there.
    QCOMPARE(kubectl(kAdmin, {QStringLiteral("label"), QStringLiteral("namespace"), QStringLiteral("alpha-new"), QStringLiteral("cpaas.io/project=alpha")}).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCreatesPod(QStringLiteral("alpha-new"), &out), 30000);
    const CommandResult rb = kubectl(kAdmin, {QStringLiteral("get"), QStringLiteral("rolebinding"), QStringLiteral("alice-project-admin"),
                                              QStringLiteral("-n"), QStringLiteral("alpha-new"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(rb.exitCode == 0, qPrintable(rb.all()));
    const QJsonObject obj = QJsonDocument::fromJson(rb.out.toUtf8()).object();
    QCOMPARE(obj.value(QLatin1String("roleRef")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("admin"));

    // A namespace created already labelled, on the project's other cluster.
    const QByteArray ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: alpha-new2\n  labels:\n    cpaas.io/project: alpha\n";
    QCOMPARE(kubectl(QStringLiteral("--context=sandbox/business-2"), {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, ns).exitCode, 0);
    CommandResult p2;
    QTRY_VERIFY2_WITH_TIMEOUT((p2 = kubectl(QStringLiteral("--context=sandbox-alice/business-2"), {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                                            podYaml(QStringLiteral("alpha-new2"), QStringLiteral("p2-%1").arg(++m_attempt))))
                                      .exitCode == 0,
                              qPrintable(p2.all()), 30000);
    // Not on a cluster outside the project: business-3 is not alpha's.
    QCOMPARE(kubectl(QStringLiteral("--context=sandbox/business-3"), {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                     QByteArray(ns).replace("alpha-new2", "alpha-new3")).exitCode, 0);
    QTest::qWait(300);
    QVERIFY(!roleBindingExists(QStringLiteral("--context=sandbox/business-3"), QStringLiteral("alpha-new3"), QStringLiteral("alice-project-admin")));
}

void TestProjectMembers::relabelledNamespaceFollowsItsProject()
{
    QCOMPARE(kubectl(kAdmin, {QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("moving")}).exitCode, 0);
    QCOMPARE(kubectl(kAdmin, {QStringLiteral("label"), QStringLiteral("namespace"), QStringLiteral("moving"), QStringLiteral("cpaas.io/project=alpha")}).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(roleBindingExists(kAdmin, QStringLiteral("moving"), QStringLiteral("alice-project-admin")), 30000);
    // Moved to beta (alice is not a member): her binding goes, a hand-made binding stays.
    const QByteArray handMade = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: hand-made\n  namespace: moving\n"
                                "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n"
                                "subjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: bob\n";
    QCOMPARE(kubectl(kAdmin, {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, handMade).exitCode, 0);
    QCOMPARE(kubectl(kAdmin, {QStringLiteral("label"), QStringLiteral("--overwrite"), QStringLiteral("namespace"), QStringLiteral("moving"),
                              QStringLiteral("cpaas.io/project=beta")}).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!roleBindingExists(kAdmin, QStringLiteral("moving"), QStringLiteral("alice-project-admin")), 30000);
    QVERIFY(roleBindingExists(kAdmin, QStringLiteral("moving"), QStringLiteral("hand-made")));
    QVERIFY(!aliceCreatesPod(QStringLiteral("moving")));
}

void TestProjectMembers::removingTheUserBindingRevokes()
{
    const CommandResult ub = kubectl(kGlobal, {QStringLiteral("get"), QStringLiteral("userbindings.auth.alauda.io"), QStringLiteral("alice-project-admin-system"),
                                               QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(ub.exitCode == 0, qPrintable(ub.all()));
    QVERIFY(aliceCreatesPod(QStringLiteral("alpha-dev")));
    QCOMPARE(kubectl(kGlobal, {QStringLiteral("delete"), QStringLiteral("userbindings.auth.alauda.io"), QStringLiteral("alice-project-admin-system")}).exitCode, 0);
    // Every binding of her project role goes, the seeded ones and the controller's alike.
    QTRY_VERIFY_WITH_TIMEOUT(!roleBindingExists(kAdmin, QStringLiteral("alpha-dev"), QStringLiteral("alice-project-admin")), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!roleBindingExists(kAdmin, QStringLiteral("alpha-new"), QStringLiteral("alice-project-admin")), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!roleBindingExists(QStringLiteral("--context=sandbox/business-2"), QStringLiteral("alpha-new2"), QStringLiteral("alice-project-admin")), 30000);
    QString out;
    QVERIFY(!aliceCreatesPod(QStringLiteral("alpha-new"), &out));
    QVERIFY2(out.contains(QStringLiteral("forbidden")), qPrintable(out));
    // Granted again: back in every namespace of the project.
    QJsonObject again = QJsonDocument::fromJson(ub.out.toUtf8()).object();
    QJsonObject meta = again.value(QLatin1String("metadata")).toObject();
    for (const char *f : {"resourceVersion", "uid", "creationTimestamp", "managedFields"})
        meta.remove(QLatin1String(f));
    again.insert(QStringLiteral("metadata"), meta);
    QCOMPARE(kubectl(kGlobal, {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, QJsonDocument(again).toJson()).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCreatesPod(QStringLiteral("alpha-new")), 30000);
    QVERIFY(roleBindingExists(kAdmin, QStringLiteral("alpha-dev"), QStringLiteral("alice-project-admin")));
}

QTEST_GUILESS_MAIN(TestProjectMembers)
#include "tst_projectmembers.moc"
