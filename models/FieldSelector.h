#pragma once
// FieldSelector: Kubernetes field selectors with k8s.io/apimachinery/pkg/fields semantics, plus
// kube-apiserver's per-resource field label conversion (which fields a list/watch accepts).
//
// Contract:
//  - parse() splits on unescaped commas, each term on the first "!=", "==" or "=" (in that order
//    of preference at each position); the left side is taken literally (no trimming), the right
//    side is unescaped (\\ \, \= ; a bare "," or "=" or a bad escape is an error). Terms are sorted
//    as strings, as fields.ParseSelector does. Errors carry apimachinery's text, httpStatus 400,
//    reason "BadRequest".
//  - matches(object) reads each field from a Kubernetes object (JSON) the way the apiserver's
//    selectable field sets do: the dotted path as a string (numbers in decimal, booleans as
//    true/false, missing = ""), with the kind-specific exceptions upstream has (Job
//    status.successful = status.succeeded, Event source = source.component, defaults of
//    spec.hostNetwork / spec.unschedulable / status.replicas, events.k8s.io field names).
//  - convertFieldLabel() answers as kube-apiserver's field label conversion functions do:
//    the field to use (spec.host becomes spec.nodeName for pods) or the exact error text.
//  - Value type, immutable after construction, any thread.
#include "api/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::models {

class FieldSelector {
public:
    struct Requirement {
        QString field;
        bool notEquals = false; // "!="; "=" and "==" are the same term
        QString value;          // unescaped

        QString toString() const; // "field=value" / "field!=value" with the value escaped
        bool operator==(const Requirement &o) const
        {
            return field == o.field && notEquals == o.notEquals && value == o.value;
        }
    };

    FieldSelector() = default; // everything
    static FieldSelector everything() { return FieldSelector(); }

    static acp::api::Result<FieldSelector> parse(const QString &selector);
    // fields.OneTermEqualSelector / OneTermNotEqualSelector.
    static FieldSelector oneTerm(const QString &field, const QString &value, bool notEquals = false);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    const QList<Requirement> &requirements() const { return m_requirements; }
    QStringList fields() const;

    bool matches(const QJsonObject &object) const;
    // Against a precomputed field set (fields.Set); a missing field reads as "".
    bool matches(const QHash<QString, QString> &fieldSet) const;

    // The value a selector requires for `field` (= or ==), as Selector.RequiresExactMatch.
    std::optional<QString> requiresExactMatch(const QString &field) const;

    QString toString() const;

    // fields.EscapeValue / UnescapeValue.
    static QString escapeValue(const QString &value);
    static acp::api::Result<QString> unescapeValue(const QString &value);

    // The value a list filter compares for `field` on `object` (see the class comment).
    static QString fieldValue(const QJsonObject &object, const QString &field);

    // kube-apiserver's field label conversion for <group>/<resource> (plural resource name,
    // group "" for core). Built-in resources without their own conversion accept only
    // metadata.name and metadata.namespace. Resources of groups that kube-apiserver does not
    // serve itself are treated as custom resources (metadata.name, metadata.namespace when
    // namespaced, plus the CRD's declared selectableFields).
    static acp::api::Result<QString> convertFieldLabel(const QString &group, const QString &resource,
                                                       const QString &field);
    static acp::api::Result<QString> convertCustomResourceFieldLabel(const QString &field, bool namespaced,
                                                                     const QStringList &selectableFields = {});
    static bool isFieldSupported(const QString &group, const QString &resource, const QString &field);
    // The fields kube-apiserver documents for <group>/<resource> (aliases such as spec.host excluded).
    static QStringList supportedFields(const QString &group, const QString &resource);
    // True for the API groups kube-apiserver serves itself ("" , apps, batch, *.k8s.io built-ins).
    static bool isBuiltInGroup(const QString &group);

    // This selector with every field converted for <group>/<resource>; the first unsupported
    // field gives the apiserver's error (httpStatus 400, reason BadRequest).
    acp::api::Result<FieldSelector> convertedFor(const QString &group, const QString &resource) const;

    bool operator==(const FieldSelector &o) const { return m_requirements == o.m_requirements; }

private:
    QList<Requirement> m_requirements;
};

} // namespace acp::models
