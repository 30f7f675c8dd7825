#include "sandbox/StrategicMerge.h"

#include "sandbox/PatchSchema.h"

#include <QJsonArray>

#include <algorithm>
#include <climits>

namespace acp::sandbox {

namespace {

const QString kPatch = QStringLiteral("$patch");
const QString kRetainKeys = QStringLiteral("$retainKeys");
const QString kDeleteFromPrimitiveList = QStringLiteral("$deleteFromPrimitiveList/");
const QString kSetElementOrder = QStringLiteral("$setElementOrder/");

enum class Failure { None, BadRequest, Invalid, Internal };

// Go's %v of decoded JSON (map[k:v ...] with sorted keys, [a b], <nil>).
QString goFormat(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        QStringList parts;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            parts.append(it.key() + QLatin1Char(':') + goFormat(*it));
        return QStringLiteral("map[") + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts.append(goFormat(item));
        return QLatin1Char('[') + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    default: return QStringLiteral("<nil>");
    }
}

bool isDirectiveKey(const QString &key)
{
    return key == kPatch || key == kRetainKeys || key.startsWith(kSetElementOrder)
        || key.startsWith(kDeleteFromPrimitiveList);
}

// A value added where nothing was: nulls discarded (discardNullValuesFromPatch) and
// directives removed (the typed decode in the apiserver drops them).
QJsonValue cleanNew(const QJsonValue &v)
{
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it->isNull() && !isDirectiveKey(it.key()))
                out.insert(it.key(), cleanNew(*it));
        }
        return out;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray()) {
            if (item.isObject() && item.toObject().contains(kPatch))
                continue;   // $patch: delete / replace markers are not items
            out.append(cleanNew(item));
        }
        return out;
    }
    return v;
}

class Merger {
public:
    Failure failure() const { return m_failure; }
    QString message() const { return m_message; }

    QJsonObject mergeMap(QJsonObject original, QJsonObject patch, const QString &type);

private:
    bool fail(Failure f, const QString &message)
    {
        if (m_failure == Failure::None) {
            m_failure = f;
            m_message = message;
        }
        return false;
    }
    bool failed() const { return m_failure != Failure::None; }
    QString noMergeKey(const QJsonValue &item, const QString &key)
    {
        return QStringLiteral("map: %1 does not contain declared merge key: %2").arg(goFormat(item), key);
    }

    bool applyRetainKeys(QJsonObject &original, QJsonObject &patch);
    bool mergeSetElementOrder(QJsonObject &original, QJsonObject &patch, const QString &type);
    QJsonValue mergeValue(const QJsonValue &original, const QJsonValue &patch, const PatchSchema::Field &field, bool isDeleteList);
    QJsonArray mergeSlice(QJsonArray original, QJsonArray patch, const PatchSchema::Field &field, bool isDeleteList);
    bool elementsAreMaps(const QJsonArray &a, const QJsonArray &b, bool *empty);
    QJsonArray normalizeOrder(QJsonArray patchItems, QJsonArray serverOnly, const QJsonArray &patchOrder,
                              const QJsonArray &serverOrder, const QString &mergeKey, bool maps);
    int indexOf(const QJsonArray &list, const QJsonValue &item, const QString &mergeKey, bool maps) const;
    void partition(const QJsonArray &merged, const QJsonArray &by, const QString &mergeKey, bool maps,
                   QJsonArray *inBy, QJsonArray *notInBy);

    Failure m_failure = Failure::None;
    QString m_message;
};

QJsonObject Merger::mergeMap(QJsonObject original, QJsonObject patch, const QString &type)
{
    if (patch.contains(kPatch)) {
        const QJsonValue directive = patch.value(kPatch);
        if (directive == QJsonValue(QStringLiteral("replace"))) {
            patch.remove(kPatch);
            return cleanNew(patch).toObject();
        }
        if (directive == QJsonValue(QStringLiteral("delete")))
            return QJsonObject();
        fail(Failure::Internal, QStringLiteral("unknown patch type: %1 in map: %2").arg(goFormat(directive), goFormat(patch)));
        return original;
    }
    if (!applyRetainKeys(original, patch) || !mergeSetElementOrder(original, patch, type))
        return original;

    for (auto it = patch.begin(); it != patch.end() && !failed(); ++it) {
        QString key = it.key();
        const QJsonValue patchValue = *it;
        const bool isDeleteList = key.startsWith(kDeleteFromPrimitiveList);
        if (isDeleteList)
            key = key.mid(kDeleteFromPrimitiveList.size());
        if (patchValue.isNull()) {
            original.remove(key);
            continue;
        }
        const QJsonValue current = original.value(key);
        if (current.isUndefined() || current.type() != patchValue.type()) {
            if (!isDeleteList)
                original.insert(key, cleanNew(patchValue));
            continue;
        }
        original.insert(key, mergeValue(current, patchValue, PatchSchema::field(type, key), isDeleteList));
    }
    return original;
}

QJsonValue Merger::mergeValue(const QJsonValue &original, const QJsonValue &patch, const PatchSchema::Field &field,
                              bool isDeleteList)
{
    if (original.isObject()) {
        if (field.hasStrategy("replace"))
            return cleanNew(patch);
        return mergeMap(original.toObject(), patch.toObject(), field.type);
    }
    if (original.isArray()) {
        if (!field.hasStrategy("merge"))
            return cleanNew(patch);
        return mergeSlice(original.toArray(), patch.toArray(), field, isDeleteList);
    }
    return patch;
}

bool Merger::applyRetainKeys(QJsonObject &original, QJsonObject &patch)
{
    if (!patch.contains(kRetainKeys))
        return true;
    const QJsonValue retain = patch.take(kRetainKeys);
    if (!retain.isArray())
        return fail(Failure::BadRequest, QStringLiteral("invalid patch format of retainKeys"));
    const QJsonArray keys = retain.toArray();
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it->isNull() || it.key().startsWith(kDeleteFromPrimitiveList) || it.key().startsWith(kSetElementOrder))
            continue;
        if (!keys.contains(QJsonValue(it.key())))
            return fail(Failure::BadRequest, QStringLiteral("invalid patch format of retainKeys"));
    }
    const QStringList existing = original.keys();
    for (const QString &k : existing) {
        if (!keys.contains(QJsonValue(k)))
            original.remove(k);
    }
    return true;
}

bool Merger::elementsAreMaps(const QJsonArray &a, const QJsonArray &b, bool *empty)
{
    QJsonValue::Type type = QJsonValue::Undefined;
    for (const QJsonArray *list : {&a, &b}) {
        for (const QJsonValue &v : *list) {
            if (type == QJsonValue::Undefined) {
                type = v.type();
                if (type == QJsonValue::Array)
                    return fail(Failure::Invalid, QStringLiteral("lists of lists are not supported"));
            } else if (v.type() != type) {
                return fail(Failure::Internal, QStringLiteral("list element types are not identical: [%1 %2]")
                                                   .arg(goFormat(a), goFormat(b)));
            }
        }
    }
    *empty = type == QJsonValue::Undefined;
    return type == QJsonValue::Object;
}

QJsonArray Merger::mergeSlice(QJsonArray original, QJsonArray patch, const PatchSchema::Field &field, bool isDeleteList)
{
    if (original.isEmpty() && patch.isEmpty())
        return original;
    bool empty = false;
    const bool maps = elementsAreMaps(original, patch, &empty);
    if (failed())
        return original;
    const QString mergeKey = field.patchMergeKey;
    QJsonArray merged;
    if (!maps) {
        if (isDeleteList) {
            QJsonArray kept;
            for (const QJsonValue &v : original) {
                if (!patch.contains(v))
                    kept.append(v);
            }
            return kept;
        }
        for (const QJsonArray *list : {&original, &patch}) {
            for (const QJsonValue &v : *list) {
                if (!merged.contains(v))
                    merged.append(v);
            }
        }
    } else {
        if (mergeKey.isEmpty()) {
            fail(Failure::Internal, QStringLiteral("cannot merge lists without merge key for type struct"));
            return original;
        }
        // Special elements: $patch: delete removes matching items, $patch: replace drops the list.
        QJsonArray plain;
        bool replace = false;
        for (const QJsonValue &v : patch) {
            const QJsonObject item = v.toObject();
            if (!item.contains(kPatch)) {
                plain.append(v);
                continue;
            }
            const QString directive = item.value(kPatch).toString();
            if (directive == QLatin1String("delete")) {
                if (!item.contains(mergeKey)) {
                    fail(Failure::Internal, noMergeKey(item, mergeKey));
                    return original;
                }
                QJsonArray kept;
                for (const QJsonValue &o : original) {
                    if (o.toObject().value(mergeKey) != item.value(mergeKey))
                        kept.append(o);
                }
                original = kept;
            } else if (directive == QLatin1String("replace")) {
                replace = true;
            } else if (directive == QLatin1String("merge")) {
                fail(Failure::Internal, QStringLiteral("merging lists cannot yet be specified in the patch"));
                return original;
            } else {
                fail(Failure::Internal, QStringLiteral("unknown patch type: %1 in map: %2").arg(goFormat(item.value(kPatch)), goFormat(item)));
                return original;
            }
        }
        if (replace) {
            original = cleanNew(plain).toArray();
            plain = QJsonArray();
        }
        patch = plain;
        merged = original;
        for (const QJsonValue &v : patch) {
            const QJsonObject item = v.toObject();
            if (!item.contains(mergeKey)) {
                fail(Failure::Internal, noMergeKey(item, mergeKey));
                return original;
            }
            const int at = indexOf(merged, item, mergeKey, true);
            if (at >= 0)
                merged.replace(at, mergeMap(merged.at(at).toObject(), item, field.type));
            else
                merged.append(cleanNew(item));
        }
    }
    QJsonArray patchItems, serverOnly;
    partition(merged, patch, mergeKey, maps, &patchItems, &serverOnly);
    return normalizeOrder(patchItems, serverOnly, patch, original, mergeKey, maps);
}

int Merger::indexOf(const QJsonArray &list, const QJsonValue &item, const QString &mergeKey, bool maps) const
{
    const QJsonValue wanted = maps ? item.toObject().value(mergeKey) : item;
    for (int i = 0; i < list.size(); ++i) {
        const QJsonValue v = maps ? list.at(i).toObject().value(mergeKey) : list.at(i);
        if (v == wanted)
            return i;
    }
    return -1;
}

void Merger::partition(const QJsonArray &merged, const QJsonArray &by, const QString &mergeKey, bool maps,
                       QJsonArray *inBy, QJsonArray *notInBy)
{
    for (const QJsonValue &v : merged) {
        if (maps && !v.toObject().contains(mergeKey)) {
            fail(Failure::Internal, noMergeKey(v, mergeKey));
            return;
        }
        (indexOf(by, v, mergeKey, maps) >= 0 ? inBy : notInBy)->append(v);
    }
}

// normalizeElementOrder + mergeSortedSlice: patch items sorted by the patch (or
// $setElementOrder) order, server-only items by the live order, then interleaved.
QJsonArray Merger::normalizeOrder(QJsonArray patchItems, QJsonArray serverOnly, const QJsonArray &patchOrder,
                                  const QJsonArray &serverOrder, const QString &mergeKey, bool maps)
{
    auto sortBy = [&](QJsonArray items, const QJsonArray &order) {
        QList<QJsonValue> list(items.begin(), items.end());
        std::stable_sort(list.begin(), list.end(), [&](const QJsonValue &a, const QJsonValue &b) {
            const int ia = indexOf(order, a, mergeKey, maps);
            const int ib = indexOf(order, b, mergeKey, maps);
            return (ia < 0 ? INT_MAX : ia) < (ib < 0 ? INT_MAX : ib);
        });
        return list;
    };
    const QList<QJsonValue> right = sortBy(patchItems, patchOrder);
    const QList<QJsonValue> left = sortBy(serverOnly, serverOrder);
    QJsonArray out;
    int i = 0, j = 0;
    while (i < left.size() || j < right.size()) {
        if (i >= left.size()) {
            out.append(right.at(j++));
        } else if (j >= right.size()) {
            out.append(left.at(i++));
        } else {
            const int li = indexOf(serverOrder, left.at(i), mergeKey, maps);
            const int ri = indexOf(serverOrder, right.at(j), mergeKey, maps);
            if (li >= 0 && ri >= 0 && li < ri)
                out.append(left.at(i++));
            else
                out.append(right.at(j++));
        }
    }
    return out;
}

bool Merger::mergeSetElementOrder(QJsonObject &original, QJsonObject &patch, const QString &type)
{
    const QStringList keys = patch.keys();
    for (const QString &directiveKey : keys) {
        if (!directiveKey.startsWith(kSetElementOrder))
            continue;
        const QJsonValue orderValue = patch.take(directiveKey);
        const QString key = directiveKey.mid(kSetElementOrder.size());
        const QJsonValue originalValue = original.value(key);
        const QJsonValue patchValue = patch.value(key);
        if (!orderValue.isArray() || (!originalValue.isUndefined() && !originalValue.isArray())
            || (!patchValue.isUndefined() && !patchValue.isArray()))
            return fail(Failure::BadRequest, QStringLiteral("invalid patch format of setElementOrder list"));
        const QJsonArray order = orderValue.toArray();
        const QJsonArray originalList = originalValue.toArray();
        const QJsonArray patchList = patchValue.toArray();
        const PatchSchema::Field field = PatchSchema::field(type, key);
        const QString mergeKey = field.patchMergeKey;
        // The patch list (without deletions) must follow the $setElementOrder order.
        int p = 0, o = 0;
        QJsonArray nonDelete;
        for (const QJsonValue &v : patchList) {
            if (!(v.isObject() && v.toObject().contains(kPatch)))
                nonDelete.append(v);
        }
        while (p < nonDelete.size() && o < order.size()) {
            const bool equal = mergeKey.isEmpty() ? nonDelete.at(p) == order.at(o)
                                                  : nonDelete.at(p).toObject().value(mergeKey) == order.at(o).toObject().value(mergeKey);
            if (equal)
                ++p;
            ++o;
        }
        if (p < nonDelete.size()) {
            return fail(Failure::Internal, QStringLiteral("The order in patch list:\n%1\n doesn't match %2 list:\n%3\n")
                                               .arg(goFormat(patchList), kSetElementOrder, goFormat(order)));
        }
        if (originalValue.isUndefined() && patchValue.isUndefined())
            continue;
        QJsonArray merged;
        if (patchValue.isUndefined())
            merged = originalList;
        else if (originalValue.isUndefined())
            merged = cleanNew(patchList).toArray();
        else
            merged = mergeValue(originalList, patchList, field, false).toArray();
        if (failed())
            return false;
        bool empty = false;
        const bool maps = elementsAreMaps(originalList, patchList, &empty);
        if (failed())
            return false;
        QJsonArray inOrder, serverOnly;
        partition(merged, order, mergeKey, maps && !mergeKey.isEmpty(), &inOrder, &serverOnly);
        if (failed())
            return false;
        original.insert(key, normalizeOrder(inOrder, serverOnly, order, originalList, mergeKey, maps && !mergeKey.isEmpty()));
        patch.remove(key);
    }
    return true;
}

api::ApiError toError(Failure failure, const QString &message)
{
    api::ApiError e;
    switch (failure) {
    case Failure::BadRequest:
        e.httpStatus = 400;
        e.reason = QStringLiteral("BadRequest");
        e.message = message;
        break;
    case Failure::Invalid:
        e.httpStatus = 422;
        e.reason = QStringLiteral("Invalid");
        e.message = QStringLiteral("the server rejected our request due to an error in our request");
        break;
    default:
        e.httpStatus = 500;   // a plain Go error: ErrorToAPIStatus gives 500, reason unknown ("")
        e.message = message;
        break;
    }
    return e;
}

} // namespace

bool StrategicMerge::supportsStrategicMerge(const QString &group, const QString &kind)
{
    Q_UNUSED(kind);
    return PatchSchema::isBuiltinGroup(group);
}

api::Result<QJsonObject> StrategicMerge::apply(const QJsonObject &original, const QJsonValue &patch,
                                                const QString &group, const QString &kind)
{
    if (patch.isNull() || patch.isUndefined())
        return original;
    if (!patch.isObject()) {
        const QString type = patch.isArray() ? QStringLiteral("array")
                           : patch.isString() ? QStringLiteral("string")
                           : patch.isBool() ? QStringLiteral("bool") : QStringLiteral("number");
        return toError(Failure::BadRequest,
                       QStringLiteral("json: cannot unmarshal %1 into Go value of type map[string]interface {}").arg(type));
    }
    Merger merger;
    const QJsonObject result = merger.mergeMap(original, patch.toObject(), PatchSchema::rootTypeOrObject(group, kind));
    if (merger.failure() != Failure::None)
        return toError(merger.failure(), merger.message());
    return result;
}

api::Result<QJsonObject> StrategicMerge::apply(const QJsonObject &original, const QJsonValue &patch)
{
    return apply(original, patch, PatchSchema::groupOf(original.value(QLatin1String("apiVersion")).toString()),
                 original.value(QLatin1String("kind")).toString());
}

} // namespace acp::sandbox
