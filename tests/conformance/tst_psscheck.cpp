// `acpctl pss check`: the built acpctl run on files. Output lines, exit codes (0 pass, 1 any
// FAIL, 2 input/usage errors with file:line), versions (a newer version than known = latest),
// every workload kind, and the upstream PSA fixtures (../shared/testdata/psa-fixtures): each
// <level>/<version>/pass folder passes as a whole, each fail file fails.
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

const QString kFixtures = QStringLiteral(ACP_SHARED_DIR "/testdata/psa-fixtures");

const char *const kGoodPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: [ALL]
)";

const char *const kWorkloads = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: nginx
        image: nginx
        securityContext:
          privileged: true
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: prep
            image: busybox
          containers:
          - name: tar
            image: busybox
            ports:
            - containerPort: 80
              hostPort: 8080
          volumes:
          - name: host
            hostPath:
              path: /var
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: agent
  spec:
    template:
      spec:
        containers:
        - name: a
          image: x
)";

} // namespace

class TestPssCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void passes();
    void failsWithChecksContainersFields();
    void restrictedLevel();
    void versions();
    void inputErrors();
    void fixtures_data();
    void fixtures();

private:
    Run acpctl(const QStringList &args, const QByteArray &input = {}) const;
    QString write(const QString &name, const QByteArray &text) const;

    QString m_acpctl;
    QTemporaryDir m_dir;
};

void TestPssCheck::initTestCase()
{
    m_acpctl = QStringLiteral(ACP_BIN_DIR "/acpctl");
    if (!QFileInfo::exists(m_acpctl))
        QSKIP("acpctl is not built (ACP_BIN_DIR/acpctl)");
    QVERIFY(m_dir.isValid());
}

Run TestPssCheck::acpctl(const QStringList &args, const QByteArray &input) const
{
    QProcess p;
    p.start(m_acpctl, args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString TestPssCheck::write(const QString &name, const QByteArray &text) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return QString();
    return path;
}

void TestPssCheck::passes()
{
    const QString file = write(u"good.yaml"_s, kGoodPod);
    const Run r = acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"restricted"_s, file});
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, u"PASS Pod/good\n"_s);
    QCOMPARE(r.exitCode, 0);
    // stdin
    const Run s = acpctl({u"pss"_s, u"check"_s, u"--level=baseline"_s, u"-"_s}, kGoodPod);
    QCOMPARE(s.out, u"PASS Pod/good\n"_s);
    QCOMPARE(s.exitCode, 0);
}

void TestPssCheck::failsWithChecksContainersFields()
{
    const QString file = write(u"workloads.yaml"_s, kWorkloads);
    const Run r = acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"baseline"_s, file});
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out,
             u"FAIL Deployment/web: hostNamespaces (spec.template.spec.hostNetwork); "
             "privileged (nginx, spec.template.spec.containers[0].securityContext.privileged)\n"
             "FAIL CronJob/backup: hostPathVolumes (spec.jobTemplate.spec.template.spec.volumes[0].hostPath); "
             "hostPorts (tar, spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort)\n"
             "SKIP ConfigMap/settings: no pod template\n"
             "PASS DaemonSet/agent\n"_s);
    QCOMPARE(r.exitCode, 1);
}

void TestPssCheck::restrictedLevel()
{
    const QString file = write(u"workloads2.yaml"_s, kWorkloads);
    const Run r = acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"restricted"_s, file});
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    // The init container is named too, and hostPath is reported by restrictedVolumes at this level.
    QVERIFY2(lines[1].contains(u"allowPrivilegeEscalation (prep, spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation)"_s), qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(u"restrictedVolumes (spec.jobTemplate.spec.template.spec.volumes[0].hostPath)"_s), qPrintable(lines[1]));
    QVERIFY2(!lines[1].contains(u"hostPathVolumes"_s), qPrintable(lines[1]));
    QVERIFY2(lines[3].startsWith(u"FAIL DaemonSet/agent: allowPrivilegeEscalation (a, "_s), qPrintable(lines[3]));
}

// Probe hosts are a baseline check since v1.34: v1.33 passes, latest and a future version fail.
void TestPssCheck::versions()
{
    const QByteArray pod = R"(apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
  - name: c
    image: i
    livenessProbe:
      httpGet:
        host: 10.0.0.1
        port: 80
)";
    const QString file = write(u"probe.yaml"_s, pod);
    const QStringList base{u"pss"_s, u"check"_s, u"--level"_s, u"baseline"_s};
    QCOMPARE(acpctl(base + QStringList{u"--version"_s, u"v1.33"_s, file}).out, u"PASS Pod/probe\n"_s);
    const QString failed = u"FAIL Pod/probe: hostProbesAndHostLifecycle (c, spec.containers[0].livenessProbe.httpGet.host)\n"_s;
    QCOMPARE(acpctl(base + QStringList{file}).out, failed);
    QCOMPARE(acpctl(base + QStringList{u"--version"_s, u"latest"_s, file}).out, failed);
    QCOMPARE(acpctl(base + QStringList{u"--version"_s, u"v1.99"_s, file}).out, failed);
    const Run bad = acpctl(base + QStringList{u"--version"_s, u"1.25"_s, file});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.startsWith(u"error: --version must be latest or v1.<minor>"_s), qPrintable(bad.err));
}

void TestPssCheck::inputErrors()
{
    const QString good = write(u"good2.yaml"_s, kGoodPod);
    const QString broken = write(u"broken.yaml"_s, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n");
    const Run r = acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"baseline"_s, good, broken});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.out, u"PASS Pod/good\n"_s); // the readable file is still checked
    QVERIFY2(r.err.startsWith(u"error: "_s + broken + u":5:"_s) || r.err.startsWith(u"error: "_s + broken + u":4:"_s),
             qPrintable(r.err));
    const Run missing = acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"baseline"_s, m_dir.filePath(u"nope.yaml"_s)});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.startsWith(u"error: "_s + m_dir.filePath(u"nope.yaml"_s)), qPrintable(missing.err));
    QCOMPARE(acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"privileged"_s, good}).exitCode, 2);
    QCOMPARE(acpctl({u"pss"_s, u"check"_s, good}).exitCode, 2);
    QCOMPARE(acpctl({u"pss"_s, u"check"_s, u"--level"_s, u"baseline"_s}).exitCode, 2);
}

void TestPssCheck::fixtures_data()
{
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("passFiles");
    QTest::addColumn<QStringList>("failFiles");
    if (!QDir(kFixtures).exists())
        QSKIP("psa-fixtures not found");
    for (const auto &level : {u"baseline"_s, u"restricted"_s}) {
        const QDir levelDir(kFixtures + u'/' + level);
        for (const QString &version : levelDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            auto files = [&](const QString &verdict) {
                QStringList out;
                const QDir d(levelDir.filePath(version + u'/' + verdict));
                for (const QString &f : d.entryList({u"*.yaml"_s}, QDir::Files, QDir::Name))
                    out.append(d.filePath(f));
                return out;
            };
            QTest::newRow(qPrintable(level + u' ' + version)) << level << version << files(u"pass"_s) << files(u"fail"_s);
        }
    }
}

void TestPssCheck::fixtures()
{
    QFETCH(QString, level);
    QFETCH(QString, version);
    QFETCH(QStringList, passFiles);
    QFETCH(QStringList, failFiles);
    const QStringList base{u"pss"_s, u"check"_s, u"--level"_s, level, u"--version"_s, version};
    if (!passFiles.isEmpty()) {
        const Run r = acpctl(base + passFiles);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(!r.out.contains(u"FAIL"_s));
    }
    if (!failFiles.isEmpty()) {
        // One run over every fail fixture: each object fails (one FAIL line per file's object).
        const Run r = acpctl(base + failFiles);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString());
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= failFiles.size());
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(u"FAIL "_s), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestPssCheck)
#include "tst_psscheck.moc"
