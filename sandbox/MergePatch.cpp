#include "sandbox/MergePatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace acp::sandbox {

namespace {

QJsonValue pruneNulls(const QJsonValue &v);

QJsonObject pruneObjectNulls(const QJsonObject &o)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it->isNull())
            out.insert(it.key(), pruneNulls(*it));
    }
    return out;
}

// evanphx pruneNulls: drops null members of objects, recursing into arrays (whose null
// elements are kept).
QJsonValue pruneNulls(const QJsonValue &v)
{
    if (v.isObject())
        return pruneObjectNulls(v.toObject());
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(item.isNull() ? item : pruneNulls(item));
        return out;
    }
    return v;
}

QJsonObject mergeObjects(QJsonObject doc, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue p = *it;
        if (p.isNull()) {
            doc.remove(key);
            continue;
        }
        const QJsonValue cur = doc.value(key);
        if (cur.isUndefined() || cur.isNull()) {
            doc.insert(key, pruneNulls(p));
        } else if (!cur.isObject()) {
            doc.insert(key, pruneNulls(p));
        } else if (!p.isObject()) {
            doc.insert(key, p);
        } else {
            doc.insert(key, mergeObjects(cur.toObject(), p.toObject()));
        }
    }
    return doc;
}

QJsonObject diffObjects(const QJsonObject &a, const QJsonObject &b)
{
    QJsonObject into;
    for (auto it = b.begin(); it != b.end(); ++it) {
        const QJsonValue av = a.value(it.key());
        const QJsonValue bv = *it;
        if (av.isUndefined() || av.type() != bv.type()) {
            into.insert(it.key(), bv);
        } else if (av.isObject()) {
            const QJsonObject d = diffObjects(av.toObject(), bv.toObject());
            if (!d.isEmpty())
                into.insert(it.key(), d);
        } else if (av != bv) {
            into.insert(it.key(), bv);
        }
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key()))
            into.insert(it.key(), QJsonValue(QJsonValue::Null));
    }
    return into;
}

} // namespace

QJsonValue MergePatch::apply(const QJsonValue &document, const QJsonValue &patch)
{
    if (!patch.isObject())
        return pruneNulls(patch);
    if (!document.isObject())
        return pruneObjectNulls(patch.toObject());
    return mergeObjects(document.toObject(), patch.toObject());
}

api::Result<QJsonValue> MergePatch::applyJson(const QJsonValue &document, const QByteArray &patchJson)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(patchJson, &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.isNull()) {
        api::ApiError e;
        e.httpStatus = 400;
        e.reason = QStringLiteral("BadRequest");
        e.message = QStringLiteral("Invalid JSON Patch");
        return e;
    }
    if (doc.isArray())
        return api::Result<QJsonValue>(apply(document, QJsonValue(doc.array())));
    return api::Result<QJsonValue>(apply(document, QJsonValue(doc.object())));
}

QJsonValue MergePatch::create(const QJsonValue &original, const QJsonValue &modified)
{
    if (!original.isObject() || !modified.isObject())
        return modified;
    return diffObjects(original.toObject(), modified.toObject());
}

} // namespace acp::sandbox
