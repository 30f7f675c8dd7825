#include "models/KubeObject.h"

#include "models/KubeObjectData.h"
#include "models/ObjectDecoder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace acp::models {

namespace {

const QString &emptyString()
{
    static const QString s;
    return s;
}

const QDateTime &invalidTime()
{
    static const QDateTime t;
    return t;
}

const QList<QPair<QString, QString>> &emptyLabels()
{
    static const QList<QPair<QString, QString>> l;
    return l;
}

const QList<OwnerRef> &emptyOwners()
{
    static const QList<OwnerRef> l;
    return l;
}

qsizetype stringHeap(const QString &s)
{
    // QArrayData header (16) + UTF-16 payload + terminator; 0 for the shared empty string.
    return s.isEmpty() ? 0 : 16 + (s.capacity() + 1) * 2;
}

} // namespace

KubeObject::KubeObject() = default;

KubeObject KubeObject::fromJson(const QJsonObject &json)
{
    auto data = std::make_shared<Data>();
    const QJsonObject meta = json.value(QLatin1String("metadata")).toObject();
    data->apiVersion = json.value(QLatin1String("apiVersion")).toString();
    data->kind = json.value(QLatin1String("kind")).toString();
    data->name = meta.value(QLatin1String("name")).toString();
    data->ns = meta.value(QLatin1String("namespace")).toString();
    data->uid = meta.value(QLatin1String("uid")).toString();
    data->resourceVersion = meta.value(QLatin1String("resourceVersion")).toString();
    data->generation = meta.value(QLatin1String("generation")).toInteger();
    data->creationTimestamp =
        ObjectDecoder::parseTimestamp(meta.value(QLatin1String("creationTimestamp")).toString().toUtf8());
    data->deletionTimestamp =
        ObjectDecoder::parseTimestamp(meta.value(QLatin1String("deletionTimestamp")).toString().toUtf8());
    const QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
    data->labels.reserve(labels.size());
    for (auto it = labels.begin(); it != labels.end(); ++it)
        data->labels.append({it.key(), it.value().toString()});
    const QJsonArray owners = meta.value(QLatin1String("ownerReferences")).toArray();
    for (const QJsonValue &v : owners) {
        const QJsonObject o = v.toObject();
        data->owners.append(OwnerRef{o.value(QLatin1String("uid")).toString(), o.value(QLatin1String("kind")).toString(),
                                     o.value(QLatin1String("name")).toString(),
                                     o.value(QLatin1String("controller")).toBool()});
    }
    data->nodeName = json.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
    data->bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    data->jsonCache = json;
    data->jsonReady.store(true, std::memory_order_release);
    std::call_once(data->jsonOnce, [] {}); // the cache is already filled
    return KubeObject(std::move(data));
}

KubeObject KubeObject::fromBytes(const QByteArray &json)
{
    auto result = ObjectDecoder::decodeObject(json);
    return result.ok() ? result.value() : KubeObject();
}

const QString &KubeObject::apiVersion() const { return d ? d->apiVersion : emptyString(); }
const QString &KubeObject::kind() const { return d ? d->kind : emptyString(); }
const QString &KubeObject::name() const { return d ? d->name : emptyString(); }
const QString &KubeObject::namespaceName() const { return d ? d->ns : emptyString(); }
const QString &KubeObject::uid() const { return d ? d->uid : emptyString(); }
const QString &KubeObject::resourceVersion() const { return d ? d->resourceVersion : emptyString(); }
qint64 KubeObject::generation() const { return d ? d->generation : 0; }
const QDateTime &KubeObject::creationTimestamp() const { return d ? d->creationTimestamp : invalidTime(); }
const QDateTime &KubeObject::deletionTimestamp() const { return d ? d->deletionTimestamp : invalidTime(); }
const QList<QPair<QString, QString>> &KubeObject::labels() const { return d ? d->labels : emptyLabels(); }
const QList<OwnerRef> &KubeObject::ownerReferences() const { return d ? d->owners : emptyOwners(); }
const QString &KubeObject::nodeName() const { return d ? d->nodeName : emptyString(); }

QString KubeObject::label(const QString &key) const
{
    if (d) {
        for (const auto &kv : d->labels) {
            if (kv.first == key)
                return kv.second;
        }
    }
    return QString();
}

bool KubeObject::hasLabel(const QString &key) const
{
    if (d) {
        for (const auto &kv : d->labels) {
            if (kv.first == key)
                return true;
        }
    }
    return false;
}

QString KubeObject::key() const
{
    if (!d)
        return QString();
    if (d->ns.isEmpty())
        return d->name;
    QString k;
    k.reserve(d->ns.size() + 1 + d->name.size());
    k.append(d->ns).append(QLatin1Char('/')).append(d->name);
    return k;
}

QJsonObject KubeObject::json() const
{
    if (!d)
        return QJsonObject();
    if (!d->jsonReady.load(std::memory_order_acquire)) {
        std::call_once(d->jsonOnce, [this] {
            d->jsonCache = QJsonDocument::fromJson(d->bytes).object();
            d->jsonReady.store(true, std::memory_order_release);
        });
    }
    return d->jsonCache;
}

QJsonObject KubeObject::parseJson() const
{
    if (!d)
        return QJsonObject();
    if (d->jsonReady.load(std::memory_order_acquire))
        return d->jsonCache;
    return QJsonDocument::fromJson(d->bytes).object();
}

bool KubeObject::isJsonCached() const
{
    return d && d->jsonReady.load(std::memory_order_acquire);
}

bool KubeObject::managedFieldsDropped() const
{
    return d && d->managedFieldsDropped;
}

QByteArray KubeObject::bytes() const
{
    return d ? d->bytes : QByteArray();
}

qsizetype KubeObject::memoryUsage() const
{
    if (!d)
        return 0;
    // make_shared: one block for the control block (16) and Data.
    qsizetype n = 16 + qsizetype(sizeof(Data));
    n += d->bytes.isEmpty() ? 0 : 16 + d->bytes.capacity() + 1;
    // Strings that are usually unique per object; apiVersion, kind, namespace and node name are
    // interned by the decoder (shared by every object of a batch) and not counted.
    n += stringHeap(d->name) + stringHeap(d->uid) + stringHeap(d->resourceVersion);
    if (!d->labels.isEmpty())
        n += 16 + d->labels.capacity() * qsizetype(sizeof(QPair<QString, QString>));
    if (!d->owners.isEmpty())
        n += 16 + d->owners.capacity() * qsizetype(sizeof(OwnerRef));
    return n;
}

} // namespace acp::models
