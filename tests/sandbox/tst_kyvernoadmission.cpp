// End-to-end tests of Kyverno in acp-sandbox through kubectl: Enforce policies reject violating
// pods and workloads (auto-gen) with Kyverno's message, compliant ones are admitted, Audit
// admits and reports, server-side dry run is evaluated the same way, and the background scan
// keeps per-resource PolicyReports current as pods and policies change. Also the seeded
// policies, violating pods and reports the Policies page relies on.
#include "tests/common/SandboxProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <functional>

using acp::test::CommandResult;
using acp::test::SandboxProcess;

namespace {

const QString kCtx = QStringLiteral("--context=sandbox/business-3");

QByteArray policyYaml(const QString &ns, const QString &name, const QString &level, const QString &action)
{
    return QStringLiteral(R"(apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: %2
  namespace: %1
  annotations:
    policies.kyverno.io/category: Pod Security
    policies.kyverno.io/severity: medium
spec:
  validationFailureAction: %4
  background: true
  rules:
  - name: %3
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      podSecurity:
        level: %3
        version: latest
)").arg(ns, name, level, action).toUtf8();
}

QByteArray podYaml(const QString &ns, const QString &name, bool hardened, bool privileged = false)
{
    QString sc;
    if (hardened)
        sc = QStringLiteral(R"(
    securityContext:
      allowPrivilegeEscalation: false
      runAsNonRoot: true
      capabilities: {drop: [ALL]}
      seccompProfile: {type: RuntimeDefault})");
    else if (privileged)
        sc = QStringLiteral(R"(
    securityContext:
      privileged: true)");
    return QStringLiteral(R"(apiVersion: v1
kind: Pod
metadata:
  name: %2
  namespace: %1
spec:
  containers:
  - name: app
    image: nginxinc/nginx-unprivileged:1.27%3
)").arg(ns, name, sc).toUtf8();
}

// The denial with yaml.v2's line folding undone.
QString unfold(QString text)
{
    return text.replace(QStringLiteral("\n    "), QStringLiteral(" "));
}

} // namespace

class TestKyvernoAdmission : public QObject {
    Q_OBJECT

private:
    SandboxProcess m_sandbox;

    CommandResult kubectl(const QStringList &args, const QByteArray &input = QByteArray())
    {
        return m_sandbox.kubectl(QStringList{kCtx} + args, input);
    }
    QJsonObject getJson(const QStringList &args)
    {
        const CommandResult r = kubectl(args + QStringList{QStringLiteral("-o"), QStringLiteral("json")});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    QString uidOf(const QString &ns, const QString &pod)
    {
        return getJson({QStringLiteral("get"), QStringLiteral("pod"), pod, QStringLiteral("-n"), ns})
            .value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
    }
    // The report of one resource (named by its uid), waiting until `ready` holds.
    QJsonObject waitForReport(const QString &ns, const QString &uid, const std::function<bool(const QJsonObject &)> &ready,
                              const QString &context = kCtx)
    {
        QJsonObject report;
        for (int i = 0; i < 100; ++i) {
            const CommandResult r = m_sandbox.kubectl({context, QStringLiteral("get"), QStringLiteral("policyreports.wgpolicyk8s.io"),
                                                       QStringLiteral("-n"), ns, QStringLiteral("-o"), QStringLiteral("json")});
            report = QJsonObject();
            for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("items")).toArray())
                if (v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() == uid)
                    report = v.toObject();
            if (ready(report))
                return report;
            QTest::qWait(200);
        }
        return report;
    }

private Q_SLOTS:
    void initTestCase();
    void enforce();
    void autogenDeployment();
    void dryRun();
    void auditAndReports();
    void seeded();
};

void TestKyvernoAdmission::initTestCase()
{
    if (!SandboxProcess::hasKubectl())
        QSKIP("kubectl not installed");
    QString error;
    QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    QCOMPARE(kubectl({QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("kyv-enforce")}).exitCode, 0);
    const CommandResult p = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")},
                                    policyYaml(QStringLiteral("kyv-enforce"), QStringLiteral("pss-restricted"), QStringLiteral("restricted"),
                                               QStringLiteral("Enforce")));
    QVERIFY2(p.exitCode == 0, qPrintable(p.all()));
}

void TestKyvernoAdmission::enforce()
{
    const CommandResult bad = kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                                      podYaml(QStringLiteral("kyv-enforce"), QStringLiteral("bad"), false, true));
    QVERIFY(bad.exitCode != 0);
    const QString expected = QStringLiteral(
        "admission webhook \"validate.kyverno.svc-fail\" denied the request: \n\n"
        "resource Pod/kyv-enforce/bad was blocked due to the following policies \n\n"
        "pss-restricted:\n"
        "  restricted: 'Validation rule ''restricted'' failed. It violates PodSecurity \"restricted:latest\":\n");
    QVERIFY2(bad.err.contains(expected), qPrintable(bad.err));
    // yaml.v2 folds the message at column 80; unfolded, the privileged check reads as Kyverno's.
    QVERIFY2(unfold(bad.err).contains(QStringLiteral("(Forbidden reason: privileged, field error list: [spec.containers[0].securityContext.privileged"
                                                     " is forbidden, forbidden values found: true])")),
             qPrintable(bad.err));
    QVERIFY(kubectl({QStringLiteral("get"), QStringLiteral("pod"), QStringLiteral("bad"), QStringLiteral("-n"), QStringLiteral("kyv-enforce")}).exitCode != 0);

    // The Status as kube-apiserver returns a webhook denial: 400, Failure.
    const CommandResult raw = kubectl({QStringLiteral("-v=6"), QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                                      podYaml(QStringLiteral("kyv-enforce"), QStringLiteral("raw"), false));
    QVERIFY(raw.exitCode != 0);
    QVERIFY2(raw.err.contains(QStringLiteral("400 Bad Request")), qPrintable(raw.err));
    QVERIFY2(raw.err.contains(QStringLiteral("resource Pod/kyv-enforce/raw was blocked")), qPrintable(raw.err));

    const CommandResult good = kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                                       podYaml(QStringLiteral("kyv-enforce"), QStringLiteral("good"), true));
    QVERIFY2(good.exitCode == 0, qPrintable(good.all()));
}

void TestKyvernoAdmission::autogenDeployment()
{
    const CommandResult r = kubectl({QStringLiteral("create"), QStringLiteral("deployment"), QStringLiteral("web"), QStringLiteral("--image=nginx:1.27"),
                                     QStringLiteral("-n"), QStringLiteral("kyv-enforce")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QStringLiteral("resource Deployment/kyv-enforce/web was blocked due to the following policies \n\npss-restricted:\n"
                                           "  autogen-restricted: 'Validation rule ''autogen-restricted'' failed.")),
             qPrintable(r.err));
    QVERIFY2(unfold(r.err).contains(QStringLiteral("spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: Required value")),
             qPrintable(r.err));
}

void TestKyvernoAdmission::dryRun()
{
    const CommandResult bad = kubectl({QStringLiteral("create"), QStringLiteral("--dry-run=server"), QStringLiteral("-f"), QStringLiteral("-")},
                                      podYaml(QStringLiteral("kyv-enforce"), QStringLiteral("dry-bad"), false));
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.err.contains(QStringLiteral("resource Pod/kyv-enforce/dry-bad was blocked")), qPrintable(bad.err));
    const CommandResult good = kubectl({QStringLiteral("create"), QStringLiteral("--dry-run=server"), QStringLiteral("-f"), QStringLiteral("-")},
                                       podYaml(QStringLiteral("kyv-enforce"), QStringLiteral("dry-good"), true));
    QVERIFY2(good.exitCode == 0, qPrintable(good.all()));
    QVERIFY(kubectl({QStringLiteral("get"), QStringLiteral("pod"), QStringLiteral("dry-good"), QStringLiteral("-n"), QStringLiteral("kyv-enforce")}).exitCode != 0);
}

void TestKyvernoAdmission::auditAndReports()
{
    const QString ns = QStringLiteral("kyv-audit");
    QCOMPARE(kubectl({QStringLiteral("create"), QStringLiteral("namespace"), ns}).exitCode, 0);
    // A violating pod admitted before any policy.
    QCOMPARE(kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, podYaml(ns, QStringLiteral("legacy"), false, true)).exitCode, 0);
    const QString legacyUid = uidOf(ns, QStringLiteral("legacy"));
    QVERIFY(!legacyUid.isEmpty());
    const CommandResult p = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")},
                                    policyYaml(ns, QStringLiteral("pss-baseline"), QStringLiteral("baseline"), QStringLiteral("Audit")));
    QVERIFY2(p.exitCode == 0, qPrintable(p.all()));

    auto failing = [](const QJsonObject &r) { return r.value(QLatin1String("summary")).toObject().value(QLatin1String("fail")).toInt() == 1; };
    QJsonObject report = waitForReport(ns, legacyUid, failing);
    QVERIFY2(failing(report), qPrintable(QJsonDocument(report).toJson()));
    const QJsonObject meta = report.value(QLatin1String("metadata")).toObject();
    QCOMPARE(meta.value(QLatin1String("labels")).toObject().value(QLatin1String("app.kubernetes.io/managed-by")).toString(), QStringLiteral("kyverno"));
    QCOMPARE(meta.value(QLatin1String("ownerReferences")).toArray().at(0).toObject().value(QLatin1String("uid")).toString(), legacyUid);
    QCOMPARE(report.value(QLatin1String("scope")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("legacy"));
    const QJsonObject result = report.value(QLatin1String("results")).toArray().at(0).toObject();
    QCOMPARE(result.value(QLatin1String("policy")).toString(), QStringLiteral("kyv-audit/pss-baseline"));
    QCOMPARE(result.value(QLatin1String("rule")).toString(), QStringLiteral("baseline"));
    QCOMPARE(result.value(QLatin1String("result")).toString(), QStringLiteral("fail"));
    QCOMPARE(result.value(QLatin1String("category")).toString(), QStringLiteral("Pod Security"));
    QCOMPARE(result.value(QLatin1String("properties")).toObject().value(QLatin1String("controls")).toString(), QStringLiteral("privileged"));

    // Audit admits a new violating pod and reports it; a compliant pod passes.
    QCOMPARE(kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, podYaml(ns, QStringLiteral("late"), false, true)).exitCode, 0);
    QVERIFY(failing(waitForReport(ns, uidOf(ns, QStringLiteral("late")), failing)));
    QCOMPARE(kubectl({QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")}, podYaml(ns, QStringLiteral("fine"), false)).exitCode, 0);
    auto passing = [](const QJsonObject &r) { return r.value(QLatin1String("summary")).toObject().value(QLatin1String("pass")).toInt() == 1; };
    const QString fineUid = uidOf(ns, QStringLiteral("fine"));
    QVERIFY(passing(waitForReport(ns, fineUid, passing)));

    // Tightening the policy to restricted: the compliant-for-baseline pod now fails.
    QCOMPARE(kubectl({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")},
                     policyYaml(ns, QStringLiteral("pss-baseline"), QStringLiteral("restricted"), QStringLiteral("Audit"))).exitCode, 0);
    QVERIFY(failing(waitForReport(ns, fineUid, failing)));

    // Deleting a pod deletes its report; deleting the policy deletes them all.
    auto gone = [](const QJsonObject &r) { return r.isEmpty(); };
    QCOMPARE(kubectl({QStringLiteral("delete"), QStringLiteral("pod"), QStringLiteral("legacy"), QStringLiteral("-n"), ns, QStringLiteral("--wait=false")}).exitCode, 0);
    QVERIFY(gone(waitForReport(ns, legacyUid, gone)));
    QCOMPARE(kubectl({QStringLiteral("delete"), QStringLiteral("policy.kyverno.io"), QStringLiteral("pss-baseline"), QStringLiteral("-n"), ns}).exitCode, 0);
    QVERIFY(gone(waitForReport(ns, fineUid, gone)));
}

void TestKyvernoAdmission::seeded()
{
    // beta-dev on business-2: restricted Enforce (PSA enforces baseline), legacy-debug admitted
    // before it and reported; a pod that passes PSA baseline but not restricted meets Kyverno.
    const QString b2 = QStringLiteral("--context=sandbox/business-2");
    const CommandResult pod = m_sandbox.kubectl({b2, QStringLiteral("get"), QStringLiteral("pod"), QStringLiteral("legacy-debug"), QStringLiteral("-n"),
                                                 QStringLiteral("beta-dev"), QStringLiteral("-o"), QStringLiteral("json")});
    QCOMPARE(pod.exitCode, 0);
    const QString uid = QJsonDocument::fromJson(pod.out.toUtf8()).object().value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
    const QJsonObject report = waitForReport(QStringLiteral("beta-dev"), uid, [](const QJsonObject &r) { return !r.isEmpty(); }, b2);
    QCOMPARE(report.value(QLatin1String("summary")).toObject().value(QLatin1String("fail")).toInt(), 1);
    const CommandResult rejected = m_sandbox.kubectl({b2, QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("-")},
                                                     podYaml(QStringLiteral("beta-dev"), QStringLiteral("again"), false));
    QVERIFY2(rejected.err.contains(QStringLiteral("resource Pod/beta-dev/again was blocked due to the following policies \n\nrestricted:\n  restricted:")),
             qPrintable(rejected.err));
    // alpha-staging on business-2 (Audit) and alpha-prod on business-1 (Enforce) have failing reports.
    for (const auto &[ctx, ns] : {std::pair{b2, QStringLiteral("alpha-staging")}, std::pair{QStringLiteral("--context=sandbox/business-1"), QStringLiteral("alpha-prod")},
                                  std::pair{QStringLiteral("--context=sandbox/business-1"), QStringLiteral("alpha-dev")},
                                  std::pair{b2, QStringLiteral("beta-prod")}, std::pair{b2, QStringLiteral("beta-dev")}}) {
        const CommandResult r = m_sandbox.kubectl({ctx, QStringLiteral("get"), QStringLiteral("policyreports.wgpolicyk8s.io"), QStringLiteral("-n"), ns,
                                                   QStringLiteral("-o"), QStringLiteral("json")});
        int fails = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("items")).toArray())
            fails += v.toObject().value(QLatin1String("summary")).toObject().value(QLatin1String("fail")).toInt();
        QVERIFY2(fails > 0, qPrintable(ns + QStringLiteral(": ") + r.all()));
    }
}

QTEST_GUILESS_MAIN(TestKyvernoAdmission)
#include "tst_kyvernoadmission.moc"
