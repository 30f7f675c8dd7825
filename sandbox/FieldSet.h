#pragma once
// FieldSet: a set of field paths into an object, as sigs.k8s.io/structured-merge-diff's
// fieldpath.Set, with the FieldsV1 wire format of metadata.managedFields[].fieldsV1:
//   {"f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers":
//     {"k:{\"name\":\"nginx\"}": {".": {}, "f:image": {}}}}}}}
// "f:<name>" a field, "k:<json>" a list item by its keys, "v:<json>" a set element, "i:<n>" an
// index; "." marks that the node itself is a member when it also has children.
// Paths print as in apiserver conflict messages: .spec.template.spec.containers[name="nginx"].image
// Value types, any thread.
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <set>

namespace acp::sandbox {

struct PathElement {
    enum Kind { Field, Key, Value, Index };
    Kind kind = Field;
    QString name;        // Field
    QJsonObject key;     // Key: key field -> value
    QJsonValue value;    // Value (set element)
    int index = 0;       // Index

    static PathElement field(const QString &name);
    static PathElement keyed(const QJsonObject &key);
    static PathElement element(const QJsonValue &value);

    // "f:name", "k:{\"name\":\"x\"}", "v:\"x\"", "i:3".
    QString toFieldsV1Key() const;
    static std::optional<PathElement> fromFieldsV1Key(const QString &key);
    // ".name", "[name=\"x\"]", "[=\"x\"]", "[3]".
    QString toString() const;
    // structured-merge-diff's ordering: fields < keys < values < indices, then by content.
    int compare(const PathElement &other) const;
    bool operator==(const PathElement &other) const { return compare(other) == 0; }
};

using Path = QList<PathElement>;

QString pathToString(const Path &path);

class FieldSet {
public:
    FieldSet() = default;

    bool isEmpty() const { return m_paths.empty(); }
    int size() const { return int(m_paths.size()); }
    void insert(const Path &path);              // the empty path (the whole object) is ignored
    bool contains(const Path &path) const;
    // Whether some member lies strictly below `prefix`.
    bool hasMemberBelow(const Path &prefix) const;

    FieldSet united(const FieldSet &other) const;
    FieldSet subtracted(const FieldSet &other) const;        // exact paths
    FieldSet intersected(const FieldSet &other) const;       // exact paths
    // Removes every path equal to or below a path of `prefixes` (RecursiveDifference).
    FieldSet recursiveSubtracted(const FieldSet &prefixes) const;
    // Adds every prefix ending in a field name (EnsureNamedFieldsAreMembers, all object keys
    // being taken as struct fields).
    FieldSet withNamedFieldsAsMembers() const;

    // Members in structured-merge-diff's Iterate order (members of a node before its children).
    QList<Path> paths() const;

    QJsonObject toFieldsV1() const;
    static std::optional<FieldSet> fromFieldsV1(const QJsonObject &fields);

    bool operator==(const FieldSet &other) const;

private:
    struct Less {
        bool operator()(const Path &a, const Path &b) const;
    };
    std::set<Path, Less> m_paths;   // lexicographic: a prefix sorts right before its extensions
};

} // namespace acp::sandbox
