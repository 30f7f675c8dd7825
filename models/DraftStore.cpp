#include "models/DraftStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace acp::models {

QString DraftKey::objectRef(const QString &group, const QString &resource, const QString &namespaceName,
                            const QString &name)
{
    const QString gr = group.isEmpty() ? resource : resource + QLatin1Char('.') + group;
    return gr + QLatin1Char('/') + namespaceName + QLatin1Char('/') + name;
}

DraftStore::DraftStore(QObject *parent)
    : QObject(parent), m_dir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts"))
{
}

QString DraftStore::pathFor(const DraftKey &key) const
{
    const QByteArray id = (key.context + QChar(0) + key.cluster + QChar(0) + key.object).toUtf8();
    return m_dir + QLatin1Char('/') + QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha256).toHex().left(32))
        + QStringLiteral(".json");
}

std::optional<api::ApiError> DraftStore::save(Draft draft)
{
    if (!QDir().mkpath(m_dir))
        return api::ApiError{0, QStringLiteral("InternalError"), QStringLiteral("cannot create %1").arg(m_dir)};
    draft.savedAt = QDateTime::currentDateTimeUtc();
    const QJsonObject o{
        {QStringLiteral("context"), draft.key.context},
        {QStringLiteral("cluster"), draft.key.cluster},
        {QStringLiteral("object"), draft.key.object},
        {QStringLiteral("text"), QString::fromUtf8(draft.text)},
        {QStringLiteral("baseResourceVersion"), draft.baseResourceVersion},
        {QStringLiteral("savedAt"), draft.savedAt.toString(Qt::ISODateWithMs)},
    };
    QSaveFile f(pathFor(draft.key));
    if (!f.open(QIODevice::WriteOnly))
        return api::ApiError{0, QStringLiteral("InternalError"), QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString())};
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!f.commit())
        return api::ApiError{0, QStringLiteral("InternalError"), QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString())};
    Q_EMIT draftsChanged();
    return std::nullopt;
}

std::optional<Draft> DraftStore::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument d = QJsonDocument::fromJson(f.readAll());
    if (!d.isObject())
        return std::nullopt;
    const QJsonObject o = d.object();
    Draft draft;
    draft.key = {o.value(QLatin1String("context")).toString(), o.value(QLatin1String("cluster")).toString(),
                 o.value(QLatin1String("object")).toString()};
    draft.text = o.value(QLatin1String("text")).toString().toUtf8();
    draft.baseResourceVersion = o.value(QLatin1String("baseResourceVersion")).toString();
    draft.savedAt = QDateTime::fromString(o.value(QLatin1String("savedAt")).toString(), Qt::ISODateWithMs);
    return draft;
}

std::optional<Draft> DraftStore::load(const DraftKey &key) const
{
    auto d = read(pathFor(key));
    if (d && !(d->key == key))
        return std::nullopt;
    return d;
}

QList<Draft> DraftStore::list(const QString &context, const QString &cluster) const
{
    QList<Draft> out;
    const QDir dir(m_dir);
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        auto d = read(dir.filePath(name));
        if (!d || (!context.isEmpty() && d->key.context != context) || (!cluster.isEmpty() && d->key.cluster != cluster))
            continue;
        out.append(*d);
    }
    std::sort(out.begin(), out.end(), [](const Draft &a, const Draft &b) { return a.savedAt > b.savedAt; });
    return out;
}

bool DraftStore::discard(const DraftKey &key)
{
    const bool removed = QFile::remove(pathFor(key));
    if (removed)
        Q_EMIT draftsChanged();
    return removed;
}

} // namespace acp::models
