#include "api/Kubeconfig.h"
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>
#include <QSet>
#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace acp::api {

Result<Kubeconfig> Kubeconfig::load(const KubeconfigLoadOptions &options)
{
    Kubeconfig k;
    if (!options.explicitPath.isEmpty()) {
        k.m_explicit = true;
        k.m_precedence = {options.explicitPath};
        if (!QFileInfo::exists(options.explicitPath))
            return ApiError::input(options.explicitPath, 0, 0,
                                   QStringLiteral("stat %1: no such file or directory").arg(options.explicitPath));
    } else {
        const QString env = options.kubeconfigEnv ? *options.kubeconfigEnv : qEnvironmentVariable("KUBECONFIG");
        for (const QString &p : env.split(QDir::listSeparator(), Qt::SkipEmptyParts))
            if (!k.m_precedence.contains(p))
                k.m_precedence.append(p);
        if (k.m_precedence.isEmpty()) {
            const QString home = options.homeDir.isEmpty() ? QDir::homePath() : options.homeDir;
            k.m_precedence = {home + QStringLiteral("/.kube/config")};
        }
    }
    for (const QString &p : k.m_precedence) {
        if (!QFileInfo::exists(p))
            continue;
        auto f = KubeconfigFile::read(p);
        if (!f)
            return f.error();
        k.m_files.append(FileState{*f, f->root(), false});
    }
    k.rebuild();
    return k;
}

QString Kubeconfig::defaultFilename() const
{
    if (m_explicit || m_precedence.size() == 1)
        return m_precedence.first();
    for (const QString &p : m_precedence)
        if (QFileInfo::exists(p))
            return p;
    return m_precedence.last();
}

QList<KubeconfigFile> Kubeconfig::files() const
{
    QList<KubeconfigFile> out;
    for (const FileState &f : m_files)
        if (f.file.exists())
            out.append(f.file);
    return out;
}

QString Kubeconfig::resolvePath(const QString &path, const QString &origin)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || origin.isEmpty())
        return path;
    return QDir::cleanPath(QFileInfo(origin).absolutePath() + QLatin1Char('/') + path);
}

ApiError Kubeconfig::configError(const QString &message)
{
    ApiError e;
    e.reason = QStringLiteral("Invalid");
    e.message = message;
    return e;
}

void Kubeconfig::rebuild()
{
    m_currentContext.clear();
    m_preferences = {};
    m_extensions.clear();
    m_clusters.clear();
    m_users.clear();
    m_contexts.clear();
    for (const FileState &fs : m_files) {
        KubeconfigCodec::Decoded d;
        if (fs.dirty) {
            KubeconfigCodec::decodeFile(fs.root, &d); // our own edits: cannot fail to decode
            for (auto &e : d.clusters) e.origin = fs.file.absolutePath();
            for (auto &e : d.users) e.origin = fs.file.absolutePath();
            for (auto &e : d.contexts) e.origin = fs.file.absolutePath();
        } else {
            d = fs.file.decoded();
        }
        if (m_currentContext.isEmpty())
            m_currentContext = d.currentContext;
        m_preferences.colors = m_preferences.colors || d.preferences.colors;
        for (auto it = d.preferences.extensions.begin(); it != d.preferences.extensions.end(); ++it)
            if (!m_preferences.extensions.contains(it.key()))
                m_preferences.extensions.insert(it.key(), it.value());
        for (auto it = d.extensions.begin(); it != d.extensions.end(); ++it)
            if (!m_extensions.contains(it.key()))
                m_extensions.insert(it.key(), it.value());
        for (const auto &e : d.clusters)
            if (!m_clusters.contains(e.name))
                m_clusters.insert(e.name, e);
        for (const auto &e : d.users)
            if (!m_users.contains(e.name))
                m_users.insert(e.name, e);
        for (const auto &e : d.contexts)
            if (!m_contexts.contains(e.name))
                m_contexts.insert(e.name, e);
    }
}

int Kubeconfig::fileIndexFor(const QString &absPath)
{
    for (int i = 0; i < m_files.size(); ++i)
        if (m_files.at(i).file.absolutePath() == absPath)
            return i;
    // A file that does not exist yet: place it by precedence.
    const QString target = QFileInfo(absPath).absoluteFilePath();
    int rank = 0;
    for (; rank < m_precedence.size(); ++rank)
        if (QFileInfo(m_precedence.at(rank)).absoluteFilePath() == target)
            break;
    int pos = 0;
    for (; pos < m_files.size(); ++pos) {
        const QString p = m_files.at(pos).file.absolutePath();
        int r = 0;
        for (; r < m_precedence.size(); ++r)
            if (QFileInfo(m_precedence.at(r)).absoluteFilePath() == p)
                break;
        if (r > rank)
            break;
    }
    const QString given = rank < m_precedence.size() ? m_precedence.at(rank) : absPath;
    m_files.insert(pos, FileState{KubeconfigFile::missing(given), QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                                                             {QStringLiteral("kind"), QStringLiteral("Config")}}, true});
    return pos;
}

void Kubeconfig::setCurrentContext(const QString &name)
{
    if (name == m_currentContext)
        return;
    FileState &fs = m_files[fileIndexFor(QFileInfo(defaultFilename()).absoluteFilePath())];
    fs.root.insert(QStringLiteral("current-context"), name);
    fs.dirty = true;
    rebuild();
}

void Kubeconfig::upsert(const char *list, const char *inner, const QString &name, const QString &origin,
                        const QJsonObject &before, const QJsonObject &after, const QStringList &known)
{
    const QString file = origin.isEmpty() ? QFileInfo(defaultFilename()).absoluteFilePath() : origin;
    FileState &fs = m_files[fileIndexFor(file)];
    QJsonArray items = fs.root.value(QLatin1String(list)).toArray();
    for (int i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        if (item.value(QLatin1String("name")).toString() != name)
            continue;
        const QJsonObject raw = item.value(QLatin1String(inner)).toObject();
        item.insert(QLatin1String(inner), KubeconfigCodec::overlay(raw, before, after, known));
        items[i] = item;
        fs.root.insert(QLatin1String(list), items);
        fs.dirty = true;
        rebuild();
        return;
    }
    items.append(QJsonObject{{QStringLiteral("name"), name}, {QLatin1String(inner), after}});
    fs.root.insert(QLatin1String(list), items);
    fs.dirty = true;
    rebuild();
}

bool Kubeconfig::remove(const char *list, const QString &name, const QString &origin)
{
    const int idx = fileIndexFor(origin);
    FileState &fs = m_files[idx];
    QJsonArray items = fs.root.value(QLatin1String(list)).toArray();
    for (int i = 0; i < items.size(); ++i) {
        if (items.at(i).toObject().value(QLatin1String("name")).toString() == name) {
            items.removeAt(i);
            fs.root.insert(QLatin1String(list), items);
            fs.dirty = true;
            rebuild();
            return true;
        }
    }
    return false;
}

void Kubeconfig::setCluster(const QString &name, const KubeCluster &c)
{
    const auto it = m_clusters.constFind(name);
    const bool exists = it != m_clusters.constEnd();
    upsert("clusters", "cluster", name, exists ? it->origin : QString(),
           exists ? KubeconfigCodec::encodeCluster(it->value) : QJsonObject(), KubeconfigCodec::encodeCluster(c),
           KubeconfigCodec::clusterKeys());
}

void Kubeconfig::setUser(const QString &name, const KubeAuthInfo &u)
{
    const auto it = m_users.constFind(name);
    const bool exists = it != m_users.constEnd();
    upsert("users", "user", name, exists ? it->origin : QString(),
           exists ? KubeconfigCodec::encodeAuthInfo(it->value) : QJsonObject(), KubeconfigCodec::encodeAuthInfo(u),
           KubeconfigCodec::authInfoKeys());
}

void Kubeconfig::setContext(const QString &name, const KubeContext &c)
{
    const auto it = m_contexts.constFind(name);
    const bool exists = it != m_contexts.constEnd();
    upsert("contexts", "context", name, exists ? it->origin : QString(),
           exists ? KubeconfigCodec::encodeContext(it->value) : QJsonObject(), KubeconfigCodec::encodeContext(c),
           KubeconfigCodec::contextKeys());
}

bool Kubeconfig::removeCluster(const QString &name)
{
    const auto it = m_clusters.constFind(name);
    return it != m_clusters.constEnd() && remove("clusters", name, it->origin);
}

bool Kubeconfig::removeUser(const QString &name)
{
    const auto it = m_users.constFind(name);
    return it != m_users.constEnd() && remove("users", name, it->origin);
}

bool Kubeconfig::removeContext(const QString &name)
{
    const auto it = m_contexts.constFind(name);
    return it != m_contexts.constEnd() && remove("contexts", name, it->origin);
}

Result<bool> Kubeconfig::setContextNamespace(const QString &context, const QString &ns)
{
    const auto it = m_contexts.constFind(context);
    if (it == m_contexts.constEnd())
        return configError(QStringLiteral("no context exists with the name: \"%1\"").arg(context));
    KubeContext c = it->value;
    c.namespaceName = ns;
    setContext(context, c);
    return true;
}

Result<QStringList> Kubeconfig::save(QStringList *commentsKept)
{
    QStringList written;
    for (FileState &fs : m_files) {
        if (!fs.dirty)
            continue;
        // kubectl writes these into any file it saves (also an existing empty one).
        if (!fs.root.contains(QLatin1String("apiVersion")))
            fs.root.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
        if (!fs.root.contains(QLatin1String("kind")))
            fs.root.insert(QStringLiteral("kind"), QStringLiteral("Config"));
        bool lineLevel = false;
        const QByteArray text = fs.file.render(fs.root, &lineLevel);
        const QString path = fs.file.path();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return ApiError::input(path, 0, 0, QStringLiteral("open %1: %2").arg(path, out.errorString()));
#ifdef Q_OS_UNIX
        ::fchmod(out.handle(), 0600);
#endif
        out.write(text);
        if (!out.commit())
            return ApiError::input(path, 0, 0, QStringLiteral("write %1: %2").arg(path, out.errorString()));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto reread = KubeconfigFile::fromText(text, path);
        if (!reread)
            return reread.error();
        fs = FileState{*reread, reread->root(), false};
        written.append(path);
        if (lineLevel && commentsKept)
            commentsKept->append(path);
    }
    rebuild();
    return written;
}

} // namespace acp::api
