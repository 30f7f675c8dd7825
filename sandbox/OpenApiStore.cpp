#include "sandbox/OpenApiStore.h"

#include "sandbox/ResourceRegistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOpenApi, "acp.sandbox.openapi", QtInfoMsg)

namespace acp::sandbox {

namespace {

const QString kRefPrefix = QStringLiteral("#/components/schemas/");

QString gvkString(const QString &group, const QString &version, const QString &kind)
{
    return group + QLatin1Char('/') + version + QLatin1Char('/') + kind;
}

void collectRefs(const QJsonValue &v, QStringList &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("$ref") && it->isString()) {
                const QString r = it->toString();
                if (r.startsWith(kRefPrefix))
                    out << r.mid(kRefPrefix.size());
            } else {
                collectRefs(*it, out);
            }
        }
    } else if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            collectRefs(x, out);
    }
}

// Copies `name` and every schema it references (transitively) from `schemas` into `out`.
void copyClosure(const QJsonObject &schemas, const QString &name, QJsonObject &out)
{
    QStringList stack{name};
    while (!stack.isEmpty()) {
        const QString n = stack.takeLast();
        if (out.contains(n) || !schemas.contains(n))
            continue;
        const QJsonValue s = schemas.value(n);
        out.insert(n, s);
        collectRefs(s, stack);
    }
}

// "api/v1" or "apis/<g>/<v>" when the paths are a Kubernetes group-version (majority wins).
QString keyFromPaths(const QJsonObject &paths)
{
    QHash<QString, int> counts;
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        const QString p = it.key();
        if (p == QLatin1String("/api/v1") || p.startsWith(QLatin1String("/api/v1/"))) {
            ++counts[QStringLiteral("api/v1")];
            continue;
        }
        const QStringList segs = p.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (segs.size() >= 3 && segs.at(0) == QLatin1String("apis"))
            ++counts[QLatin1String("apis/") + segs.at(1) + QLatin1Char('/') + segs.at(2)];
    }
    QString best;
    int bestCount = 0;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        if (it.value() > bestCount || (it.value() == bestCount && it.key() < best)) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return best;
}

QSet<QString> operationKinds(const QJsonObject &paths)
{
    QSet<QString> kinds;
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        const QJsonObject item = it->toObject();
        for (auto op = item.begin(); op != item.end(); ++op) {
            const QJsonObject gvk = op->toObject().value(QLatin1String("x-kubernetes-group-version-kind")).toObject();
            if (!gvk.isEmpty())
                kinds.insert(gvkString(gvk.value(QLatin1String("group")).toString(), gvk.value(QLatin1String("version")).toString(),
                                       gvk.value(QLatin1String("kind")).toString()));
        }
    }
    return kinds;
}

} // namespace

OpenApiStore::OpenApiStore(const QStringList &dirs) : m_dirs(dirs) {}

OpenApiStore::~OpenApiStore() = default;

QString OpenApiStore::keyFor(const QString &group, const QString &version)
{
    return group.isEmpty() ? QString(QLatin1String("api/") + version) : QString(QLatin1String("apis/") + group + QLatin1Char('/') + version);
}

QByteArray OpenApiStore::hashOf(const QByteArray &json)
{
    return QCryptographicHash::hash(json, QCryptographicHash::Sha512).toHex().toUpper();
}

void OpenApiStore::ensureLoaded()
{
    if (m_loaded)
        return;
    m_loaded = true;
    QJsonObject collected;
    for (const QString &dir : std::as_const(m_dirs)) {
        QStringList files;
        QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString &f : std::as_const(files))
            loadFile(f);
    }
    // Meta schemas: the spec files' versions (with their dependencies) over the fallback ones.
    QJsonObject shared = fallbackSharedSchemas();
    for (auto it = m_shared.begin(); it != m_shared.end(); ++it)
        shared.insert(it.key(), *it);
    m_shared = shared;
    qCDebug(lcOpenApi) << "OpenAPI v3 documents:" << m_fileOrder;
}

void OpenApiStore::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = file.readAll();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qCWarning(lcOpenApi) << "skipping" << path << error.errorString();
        return;
    }
    const QJsonObject root = doc.object();
    const QJsonObject paths = root.value(QLatin1String("paths")).toObject();
    const QString key = keyFromPaths(paths);
    if (key.isEmpty())
        return;   // not a Kubernetes group-version (platform REST APIs)
    const QJsonObject schemas = root.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject();
    for (const QString &name : sharedSchemaNames())
        if (!m_shared.contains(name))
            copyClosure(schemas, name, m_shared);
    if (m_files.contains(key))
        return;
    FileDoc fd;
    fd.path = path;
    fd.doc.json = bytes;
    fd.doc.hash = hashOf(bytes);
    fd.kinds = operationKinds(paths);
    m_files.insert(key, fd);
    m_fileOrder << key;
}

QStringList OpenApiStore::fileKeys()
{
    ensureLoaded();
    return m_fileOrder;
}

OpenApiDocument OpenApiStore::fileDocument(const QString &key)
{
    ensureLoaded();
    return m_files.value(key).doc;
}

QString OpenApiStore::filePath(const QString &key)
{
    ensureLoaded();
    return m_files.value(key).path;
}

OpenApiStore::RegistryCache &OpenApiStore::cacheFor(const ResourceRegistry &registry)
{
    // The generation catches every change of the served set; the CRD identities make a reused
    // registry address (a cluster removed, another created) safe.
    QCryptographicHash h(QCryptographicHash::Sha1);
    for (const ResourceType *t : registry.all()) {
        if (!t->isCrd)
            continue;
        const QJsonObject meta = t->crd.value(QLatin1String("metadata")).toObject();
        const QString uid = meta.value(QLatin1String("uid")).toString();
        const QString rv = meta.value(QLatin1String("resourceVersion")).toString();
        h.addData((t->version + QLatin1Char('|') + meta.value(QLatin1String("name")).toString() + QLatin1Char('|') + uid
                   + QLatin1Char('|') + rv + QLatin1Char('\n')).toUtf8());
        if (uid.isEmpty() && rv.isEmpty())
            h.addData(QJsonDocument(t->crd).toJson(QJsonDocument::Compact));
    }
    const QByteArray signature = h.result();
    RegistryCache &cache = m_cache[&registry];
    if (cache.generation != registry.generation() || cache.signature != signature) {
        cache.generation = registry.generation();
        cache.signature = signature;
        cache.docs.clear();
    }
    return cache;
}

OpenApiDocument OpenApiStore::build(const ResourceRegistry &registry, const QString &group, const QString &version)
{
    const QList<const ResourceType *> types = registry.resources(group, version);
    if (types.isEmpty())
        return {};
    bool anyCrd = false;
    for (const ResourceType *t : types)
        anyCrd = anyCrd || t->isCrd;
    const QString key = keyFor(group, version);
    QJsonObject doc;
    if (!anyCrd && m_files.contains(key)) {
        const FileDoc &fd = m_files[key];
        QList<const ResourceType *> missing;
        for (const ResourceType *t : types)
            if (!fd.kinds.contains(gvkString(t->group, t->version, t->kind)))
                missing << t;
        if (missing.isEmpty())
            return fd.doc;
        doc = generate(missing, QJsonDocument::fromJson(fd.doc.json).object(), m_shared);
    } else {
        doc = generate(types, {}, m_shared);
    }
    OpenApiDocument out;
    out.json = QJsonDocument(doc).toJson(QJsonDocument::Compact);
    out.hash = hashOf(out.json);
    return out;
}

OpenApiDocument OpenApiStore::document(const ResourceRegistry &registry, const QString &key)
{
    ensureLoaded();
    RegistryCache &cache = cacheFor(registry);
    const auto it = cache.docs.constFind(key);
    if (it != cache.docs.constEnd())
        return *it;
    QString group, version;
    const QStringList segs = key.split(QLatin1Char('/'));
    if (segs.size() == 2 && segs.at(0) == QLatin1String("api")) {
        version = segs.at(1);
    } else if (segs.size() == 3 && segs.at(0) == QLatin1String("apis") && !segs.at(1).isEmpty()) {
        group = segs.at(1);
        version = segs.at(2);
    } else {
        return {};
    }
    if (version.isEmpty() || !registry.versions(group).contains(version))
        return {};
    const OpenApiDocument doc = build(registry, group, version);
    if (!doc.isNull())
        cache.docs.insert(key, doc);
    return doc;
}

QList<QPair<QString, OpenApiDocument>> OpenApiStore::documents(const ResourceRegistry &registry)
{
    QList<QPair<QString, OpenApiDocument>> out;
    for (const QString &group : registry.groups()) {
        for (const QString &version : registry.versions(group)) {
            const QString key = keyFor(group, version);
            const OpenApiDocument doc = document(registry, key);
            if (!doc.isNull())
                out << qMakePair(key, doc);
        }
    }
    return out;
}

} // namespace acp::sandbox
