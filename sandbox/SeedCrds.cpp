// Seed: CustomResourceDefinitions (built-in Qt resources or the full ones from ../shared).
#include "sandbox/Seed.h"

#include "api/Yaml.h"
#include "sandbox/SeedObjects.h"
#include "sandbox/SimCluster.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>
#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcSeed)

namespace acp::sandbox {

namespace {

const QString kCrdKey = QStringLiteral("apiextensions.k8s.io/customresourcedefinitions");

// API groups that workload clusters serve too; every other group is platform-only (global).
bool workloadGroup(const QString &group)
{
    static const QSet<QString> groups{QStringLiteral("kyverno.io"), QStringLiteral("wgpolicyk8s.io"),
                                      QStringLiteral("reports.kyverno.io"), QStringLiteral("policies.kyverno.io"),
                                      QStringLiteral("operators.coreos.com"), QStringLiteral("packages.operators.coreos.com"),
                                      QStringLiteral("console.alauda.io"), QStringLiteral("monitoring.coreos.com"),
                                      QStringLiteral("gateway.networking.k8s.io")};
    return groups.contains(group);
}

QString crdGroup(const QJsonObject &crd)
{
    return crd.value(QLatin1String("spec")).toObject().value(QLatin1String("group")).toString();
}

void parseCrdFile(const QString &path, QList<QJsonObject> &out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qCWarning(lcSeed) << "cannot read" << path << f.errorString();
        return;
    }
    auto docs = api::yaml::parseAll(f.readAll(), path);
    if (!docs) {
        qCWarning(lcSeed) << "cannot parse" << path << docs.error().message;
        return;
    }
    for (const api::yaml::Document &d : *docs) {
        const QJsonObject o = d.value.toObject();
        if (o.value(QLatin1String("kind")).toString() == QLatin1String("CustomResourceDefinition"))
            out << o;
    }
}

QList<QJsonObject> loadBuiltins()
{
    QList<QJsonObject> out;
    QDir dir(QStringLiteral(":/sandbox/crds"));
    const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        qCWarning(lcSeed) << "no built-in CRDs in :/sandbox/crds (resources not linked?)";
    for (const QString &f : files)
        parseCrdFile(dir.filePath(f), out);
    return out;
}

// The full CRDs of ../shared, ACP's own first (reference/acp/crds), then upstream Kyverno and OLM.
QList<QJsonObject> loadShared(const QString &sharedDir)
{
    QList<QJsonObject> out;
    QStringList files;
    const QDir ref(sharedDir + QStringLiteral("/reference/acp/crds"));
    for (const QString &f : ref.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files << ref.filePath(f);
    for (const char *sub : {"testdata/crds/kyverno", "testdata/crds/olm"}) {
        QStringList found;
        QDirIterator it(sharedDir + QLatin1Char('/') + QLatin1String(sub), {QStringLiteral("*.yaml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        found.sort();
        files << found;
    }
    QSet<QString> seen;
    for (const QString &f : std::as_const(files)) {
        QList<QJsonObject> crds;
        parseCrdFile(f, crds);
        for (const QJsonObject &c : std::as_const(crds)) {
            const QString name = sim::nameOf(c);
            if (!seen.contains(name)) {
                seen.insert(name);
                out << c;
            }
        }
    }
    return out;
}

QList<QJsonObject> cached(const QString &key, const std::function<QList<QJsonObject>()> &load)
{
    static QMutex mutex;
    static QHash<QString, QList<QJsonObject>> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    const QList<QJsonObject> v = load();
    cache.insert(key, v);
    return v;
}

QJsonObject established(QJsonObject crd)
{
    const QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
    QJsonObject m = sim::meta(crd);
    m.remove(QStringLiteral("creationTimestamp"));
    m.remove(QStringLiteral("resourceVersion"));
    m.insert(QStringLiteral("uid"), sim::newUid());
    m.insert(QStringLiteral("creationTimestamp"), sim::timeAgo(86400 * 120));
    m.insert(QStringLiteral("generation"), 1);
    crd.insert(QStringLiteral("metadata"), m);
    QJsonArray stored;
    for (const QJsonValue &v : spec.value(QLatin1String("versions")).toArray())
        if (v.toObject().value(QLatin1String("storage")).toBool())
            stored << v.toObject().value(QLatin1String("name"));
    const QString t = sim::timeAgo(86400 * 120);
    auto cond = [&t](const char *type, const char *reason, const char *message) {
        return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)}, {QStringLiteral("status"), QStringLiteral("True")},
                           {QStringLiteral("lastTransitionTime"), t}, {QStringLiteral("reason"), QString::fromLatin1(reason)},
                           {QStringLiteral("message"), QString::fromLatin1(message)}};
    };
    crd.insert(QStringLiteral("status"),
               QJsonObject{{QStringLiteral("acceptedNames"), spec.value(QLatin1String("names"))},
                           {QStringLiteral("conditions"), QJsonArray{cond("NamesAccepted", "NoConflicts", "no conflicts found"),
                                                                     cond("Established", "InitialNamesAccepted", "the initial names have been accepted")}},
                           {QStringLiteral("storedVersions"), stored}});
    return crd;
}

} // namespace

QList<QJsonObject> Seed::builtinCrds()
{
    return cached(QStringLiteral(":builtin"), loadBuiltins);
}

QList<QJsonObject> Seed::crds(const QString &sharedDir, bool platform)
{
    QList<QJsonObject> all;
    QSet<QString> names;
    if (!sharedDir.isEmpty() && QDir(sharedDir + QStringLiteral("/reference/acp/crds")).exists()) {
        const QString dir = QDir(sharedDir).canonicalPath();
        all = cached(dir, [dir] { return loadShared(dir); });
        for (const QJsonObject &c : std::as_const(all))
            names.insert(sim::nameOf(c));
    }
    for (const QJsonObject &c : builtinCrds())
        if (!names.contains(sim::nameOf(c)))
            all << c;
    if (platform)
        return all;
    QList<QJsonObject> out;
    for (const QJsonObject &c : std::as_const(all))
        if (workloadGroup(crdGroup(c)))
            out << c;
    return out;
}

void Seed::installCrds(SimCluster *cluster, const QList<QJsonObject> &crds)
{
    for (const QJsonObject &c : crds) {
        if (cluster->store().get(kCrdKey, QString(), sim::nameOf(c)))
            continue;
        const QJsonObject crd = established(c);
        QString error;
        if (!cluster->registry().addCrd(crd, &error)) {
            qCWarning(lcSeed) << cluster->name() << sim::nameOf(c) << error;
            continue;
        }
        cluster->store().load(kCrdKey, crd);
    }
}

} // namespace acp::sandbox
