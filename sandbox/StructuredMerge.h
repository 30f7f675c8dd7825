#pragma once
// StructuredMerge: the typed-value operations of sigs.k8s.io/structured-merge-diff that
// server-side apply is built from (ToFieldSet, Merge, Compare, RemoveItems), over QJsonValue
// with the merge types of PatchSchema:
// - objects are granular (members merge one by one) unless atomic (x-kubernetes-map-type:
//   atomic, e.g. LabelSelector, Service spec.selector, PodSpec nodeSelector);
// - lists with listType=map are keyed by their listMapKeys (key defaults applied, e.g. ports'
//   protocol "TCP"), listType=set lists by value; every other list is atomic;
// - scalars, atomic objects and atomic lists are leaves.
// Simplification: every object member is taken as a struct field (the apiserver also adds
// entries of non-struct maps with children as members; in built-in kinds such entries are
// scalars, so the field sets are the same). Pure functions, any thread.
#include "sandbox/FieldSet.h"
#include "sandbox/PatchSchema.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace acp::sandbox {

class StructuredMerge {
public:
    using Field = PatchSchema::Field;

    struct Comparison {
        FieldSet added;
        FieldSet modified;
        FieldSet removed;
        bool isSame() const { return added.isEmpty() && modified.isEmpty() && removed.isEmpty(); }
        Comparison filtered(const FieldSet &ignored) const;   // RecursiveDifference on each set
    };

    // The descriptor of the root of an object of group/kind (custom kinds: metadata only).
    static Field root(const QString &group, const QString &kind);
    // The path element of a list item: a key for listType=map, the value for listType=set.
    // On failure *error is structured-merge-diff's text.
    static std::optional<PathElement> itemElement(const QJsonValue &item, const Field &list, QString *error);
    // Every leaf and list item `value` sets (ToFieldSet). Fails on a list item without its keys
    // or with duplicate keys ("<path>: duplicate entries for key [name=\"x\"]"); with
    // `lenient` (live objects) such items are skipped instead.
    static std::optional<FieldSet> toFieldSet(const QJsonValue &value, const Field &field, QString *error,
                                              bool lenient = false);
    // `rhs` merged onto `lhs` (rhs wins; granular objects and associative lists merge per
    // member / item; list order as structured-merge-diff interleaves it).
    static QJsonValue merge(const QJsonValue &lhs, const QJsonValue &rhs, const Field &field);
    // The paths added, modified and removed going from `lhs` to `rhs`; a new or removed
    // object or list item is itself in added/removed along with its members.
    static Comparison compare(const QJsonValue &lhs, const QJsonValue &rhs, const Field &field);
    // `value` without the fields and list items in `items` (objects emptied by the removal
    // are removed too). An undefined value when nothing is left.
    static QJsonValue removeItems(const QJsonValue &value, const FieldSet &items, const Field &field);
};

} // namespace acp::sandbox
