#include "sandbox/StructuredMerge.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace acp::sandbox {

namespace {

using Field = PatchSchema::Field;

Path child(const Path &path, const PathElement &pe)
{
    Path out = path;
    out.append(pe);
    return out;
}

bool granularObject(const QJsonValue &v, const Field &f)
{
    return v.isObject() && !f.isAtomicMap();
}

bool associativeList(const QJsonValue &v, const Field &f)
{
    return v.isArray() && f.isAssociativeList();
}

bool emptyOrAbsent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull() || (v.isObject() && v.toObject().isEmpty())
        || (v.isArray() && v.toArray().isEmpty());
}

// Items of an associative list by path element (first occurrence wins), in list order.
struct IndexedList {
    QList<PathElement> order;
    QHash<QString, QJsonValue> items;   // FieldsV1 key of the element -> item
};

IndexedList indexList(const QJsonValue &list, const Field &f)
{
    IndexedList out;
    for (const QJsonValue &item : list.toArray()) {
        QString ignored;
        const std::optional<PathElement> pe = StructuredMerge::itemElement(item, f, &ignored);
        if (!pe)
            continue;
        const QString key = pe->toFieldsV1Key();
        if (out.items.contains(key))
            continue;
        out.items.insert(key, item);
        out.order.append(*pe);
    }
    return out;
}

bool toFieldSetRec(const QJsonValue &v, const Field &f, const Path &path, FieldSet *set, QString *error, bool lenient)
{
    if (v.isObject()) {
        if (f.isAtomicMap()) {
            set->insert(path);
            return true;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!toFieldSetRec(*it, PatchSchema::field(f.type, it.key()), child(path, PathElement::field(it.key())), set, error, lenient))
                return false;
        }
        return true;
    }
    if (v.isArray() && f.isAssociativeList()) {
        QSet<QString> seen;
        const Field itemField = PatchSchema::listItem(f);
        for (const QJsonValue &item : v.toArray()) {
            QString err;
            const std::optional<PathElement> pe = StructuredMerge::itemElement(item, f, &err);
            if (!pe && lenient)
                continue;
            if (!pe) {
                *error = pathToString(path) + QStringLiteral(": ") + err;
                return false;
            }
            const QString key = pe->toFieldsV1Key();
            if (seen.contains(key) && lenient)
                continue;
            if (seen.contains(key)) {
                *error = pathToString(path) + QStringLiteral(": duplicate entries for key ") + pe->toString();
                return false;
            }
            seen.insert(key);
            const Path itemPath = child(path, *pe);
            if (!toFieldSetRec(item, itemField, itemPath, set, error, lenient))
                return false;
            set->insert(itemPath);
        }
        return true;
    }
    set->insert(path);
    return true;
}

QJsonArray mergeLists(const QJsonValue &lhs, const QJsonValue &rhs, const Field &f)
{
    const Field itemField = PatchSchema::listItem(f);
    const IndexedList l = indexList(lhs, f), r = indexList(rhs, f);
    QList<QString> shared;
    for (const PathElement &pe : r.order) {
        if (l.items.contains(pe.toFieldsV1Key()))
            shared.append(pe.toFieldsV1Key());
    }
    int nextShared = 0;
    QSet<QString> mergedRhs;
    QJsonArray out;
    auto advanceShared = [&]() { ++nextShared; };
    auto sharedKey = [&]() { return nextShared < shared.size() ? shared.at(nextShared) : QString(); };
    int li = 0, ri = 0;
    while (li < l.order.size() || ri < r.order.size()) {
        if (li < l.order.size() && ri < r.order.size()) {
            const QString lk = l.order.at(li).toFieldsV1Key();
            if (lk == r.order.at(ri).toFieldsV1Key()) {
                mergedRhs.insert(lk);
                out.append(StructuredMerge::merge(l.items.value(lk), r.items.value(lk), itemField));
                ++li;
                ++ri;
                advanceShared();
                continue;
            }
            if (r.items.contains(lk) && !sharedKey().isEmpty() && sharedKey() != lk) {
                ++li;   // shared item, but not the one we want in this round
                continue;
            }
        }
        if (li < l.order.size()) {
            const QString lk = l.order.at(li).toFieldsV1Key();
            if (!r.items.contains(lk)) {
                out.append(l.items.value(lk));
                ++li;
                continue;
            }
            if (mergedRhs.contains(lk)) {
                ++li;
                continue;
            }
        }
        if (ri < r.order.size()) {
            const QString rk = r.order.at(ri).toFieldsV1Key();
            mergedRhs.insert(rk);
            const QJsonValue lItem = l.items.value(rk, QJsonValue(QJsonValue::Undefined));
            out.append(StructuredMerge::merge(lItem, r.items.value(rk), itemField));
            ++ri;
            if (sharedKey() == rk)
                advanceShared();
        }
    }
    return out;
}

void compareRec(const QJsonValue &lhs, const QJsonValue &rhs, const Field &f, const Path &path,
                StructuredMerge::Comparison *out)
{
    if (lhs.isUndefined() && rhs.isUndefined())
        return;
    auto leaf = [&]() {
        if (lhs.isUndefined())
            out->added.insert(path);
        else if (rhs.isUndefined())
            out->removed.insert(path);
        else if (lhs != rhs)
            out->modified.insert(path);
    };
    auto post = [&]() {
        if (lhs.isUndefined())
            out->added.insert(path);
        else if (rhs.isUndefined())
            out->removed.insert(path);
    };
    if (!lhs.isUndefined() && !rhs.isUndefined() && lhs.type() != rhs.type()) {
        out->modified.insert(path);
        return;
    }
    const QJsonValue &some = lhs.isUndefined() ? rhs : lhs;
    const bool bothEmpty = emptyOrAbsent(lhs) && emptyOrAbsent(rhs);
    if (granularObject(some, f) && !bothEmpty) {
        const QJsonObject lo = lhs.toObject(), ro = rhs.toObject();
        QStringList keys = lo.keys();
        for (const QString &k : ro.keys()) {
            if (!lo.contains(k))
                keys.append(k);
        }
        for (const QString &k : keys) {
            compareRec(lo.value(k), ro.value(k), PatchSchema::field(f.type, k),
                       child(path, PathElement::field(k)), out);
        }
        post();
    } else if (associativeList(some, f) && !bothEmpty) {
        const Field itemField = PatchSchema::listItem(f);
        const IndexedList l = indexList(lhs, f), r = indexList(rhs, f);
        for (const PathElement &pe : l.order) {
            const QString k = pe.toFieldsV1Key();
            compareRec(l.items.value(k), r.items.value(k, QJsonValue(QJsonValue::Undefined)), itemField, child(path, pe), out);
        }
        for (const PathElement &pe : r.order) {
            const QString k = pe.toFieldsV1Key();
            if (!l.items.contains(k))
                compareRec(QJsonValue(QJsonValue::Undefined), r.items.value(k), itemField, child(path, pe), out);
        }
        post();
    } else {
        leaf();
    }
}

QJsonValue removeRec(const QJsonValue &v, const FieldSet &items, const Field &f, const Path &path)
{
    if (granularObject(v, f)) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty())
            return v;
        QJsonObject out;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const Path p = child(path, PathElement::field(it.key()));
            if (items.contains(p))
                continue;
            if (items.hasMemberBelow(p)) {
                const QJsonValue kept = removeRec(*it, items, PatchSchema::field(f.type, it.key()), p);
                if (!kept.isUndefined())
                    out.insert(it.key(), kept);
            } else {
                out.insert(it.key(), *it);
            }
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(out);
    }
    if (associativeList(v, f)) {
        const QJsonArray a = v.toArray();
        if (a.isEmpty())
            return v;
        const Field itemField = PatchSchema::listItem(f);
        QJsonArray out;
        for (const QJsonValue &item : a) {
            QString ignored;
            const std::optional<PathElement> pe = StructuredMerge::itemElement(item, f, &ignored);
            if (!pe) {
                out.append(item);
                continue;
            }
            const Path p = child(path, *pe);
            if (items.contains(p))
                continue;
            if (items.hasMemberBelow(p)) {
                const QJsonValue kept = removeRec(item, items, itemField, p);
                if (!kept.isUndefined())
                    out.append(kept);
            } else {
                out.append(item);
            }
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(out);
    }
    return v;
}

} // namespace

StructuredMerge::Comparison StructuredMerge::Comparison::filtered(const FieldSet &ignored) const
{
    if (ignored.isEmpty())
        return *this;
    Comparison c;
    c.added = added.recursiveSubtracted(ignored);
    c.modified = modified.recursiveSubtracted(ignored);
    c.removed = removed.recursiveSubtracted(ignored);
    return c;
}

StructuredMerge::Field StructuredMerge::root(const QString &group, const QString &kind)
{
    Field f;
    f.type = PatchSchema::rootTypeOrObject(group, kind);
    return f;
}

std::optional<PathElement> StructuredMerge::itemElement(const QJsonValue &item, const Field &list, QString *error)
{
    if (list.listType == PatchSchema::ListType::Set)
        return PathElement::element(item);
    if (!item.isObject()) {
        *error = QStringLiteral("expected map, got %1").arg(item.isArray() ? QStringLiteral("list") : QStringLiteral("scalar"));
        return std::nullopt;
    }
    const QJsonObject o = item.toObject();
    QJsonObject key;
    for (const QString &name : list.listMapKeys) {
        QJsonValue v = o.value(name);
        if (v.isUndefined() || v.isNull())
            v = list.keyDefaults.value(name);
        if (v.isUndefined()) {
            *error = QStringLiteral("associative list with keys has an element that omits key field \"%1\" (and doesn't have default value)").arg(name);
            return std::nullopt;
        }
        key.insert(name, v);
    }
    return PathElement::keyed(key);
}

std::optional<FieldSet> StructuredMerge::toFieldSet(const QJsonValue &value, const Field &field, QString *error,
                                                    bool lenient)
{
    FieldSet set;
    QString err;
    if (!toFieldSetRec(value, field, Path(), &set, &err, lenient)) {
        if (error)
            *error = err;
        return std::nullopt;
    }
    return set;
}

QJsonValue StructuredMerge::merge(const QJsonValue &lhs, const QJsonValue &rhs, const Field &field)
{
    if (lhs.isUndefined())
        return rhs;
    if (rhs.isUndefined())
        return lhs;
    if (emptyOrAbsent(lhs) && emptyOrAbsent(rhs))
        return rhs;
    if (granularObject(lhs, field) && rhs.isObject()) {
        QJsonObject out = lhs.toObject();
        const QJsonObject r = rhs.toObject();
        for (auto it = r.begin(); it != r.end(); ++it)
            out.insert(it.key(), merge(out.value(it.key()), *it, PatchSchema::field(field.type, it.key())));
        return out;
    }
    if (associativeList(lhs, field) && rhs.isArray())
        return mergeLists(lhs, rhs, field);
    return rhs;
}

StructuredMerge::Comparison StructuredMerge::compare(const QJsonValue &lhs, const QJsonValue &rhs, const Field &field)
{
    Comparison c;
    compareRec(lhs, rhs, field, Path(), &c);
    return c;
}

QJsonValue StructuredMerge::removeItems(const QJsonValue &value, const FieldSet &items, const Field &field)
{
    if (items.isEmpty())
        return value;
    return removeRec(value, items, field, Path());
}

} // namespace acp::sandbox
