#pragma once
// LabelSelector: Kubernetes label selectors with k8s.io/apimachinery/pkg/labels semantics.
//
// Contract:
//  - parse() accepts exactly the grammar of labels.Parse: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
//    `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, comma-joined, blanks (space, tab, CR, LF) between
//    tokens. Errors carry apimachinery's text ("unable to parse requirement: ...",
//    "found 'x', expected: ..."), httpStatus 400 and reason "BadRequest" (what kube-apiserver
//    answers for a bad ?labelSelector=).
//  - fromJson() converts a metav1.LabelSelector (matchLabels + matchExpressions with In, NotIn,
//    Exists, DoesNotExist) like metav1.LabelSelectorAsSelector; an empty object selects
//    everything. fromJsonValue() maps null/undefined to nothing() (a nil *LabelSelector).
//  - Requirements are kept sorted by key (stable), as apimachinery does; toString() prints them
//    the way Selector.String() does (values of in/notin sorted).
//  - Value type, implicitly copyable, immutable after construction, safe to use from any thread.
#include "api/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::models {

class LabelSelector {
public:
    enum class Operator { Equals, DoubleEquals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan };

    struct Requirement {
        QString key;
        Operator op = Operator::Exists;
        QStringList values; // as given; parse() stores them sorted and de-duplicated

        // labels.Requirement.String(): "k=v", "k in (a,b)", "!k", ...
        QString toString() const;
        bool operator==(const Requirement &o) const { return key == o.key && op == o.op && values == o.values; }
    };

    // The empty selector: matches everything.
    LabelSelector() = default;
    static LabelSelector everything() { return LabelSelector(); }
    // Matches nothing (labels.Nothing(), e.g. a nil selector on a PodDisruptionBudget).
    static LabelSelector nothing();

    static acp::api::Result<LabelSelector> parse(const QString &selector);
    static acp::api::Result<LabelSelector> fromJson(const QJsonObject &labelSelector);
    static acp::api::Result<LabelSelector> fromJsonValue(const QJsonValue &labelSelector);
    // labels.SelectorFromSet: key=value for every entry, no validation; empty set = everything.
    static LabelSelector fromSet(const QMap<QString, QString> &set);

    // labels.NewRequirement: validates key, operator arity and values. Error messages are
    // field.ErrorList texts; `path` prefixes the field paths as field.WithPath does
    // (empty = no path, i.e. "key", "values[0]").
    static acp::api::Result<Requirement> makeRequirement(const QString &key, Operator op,
                                                         const QStringList &values,
                                                         const QString &path = QString());

    // validation.IsQualifiedName / IsValidLabelValue: the list of problems (empty = valid).
    static QStringList validateLabelKey(const QString &key);
    static QStringList validateLabelValue(const QString &value);

    bool isEmpty() const { return !m_nothing && m_requirements.isEmpty(); }
    bool isNothing() const { return m_nothing; }
    const QList<Requirement> &requirements() const { return m_requirements; }

    // A copy with more requirements (kept sorted by key).
    LabelSelector adding(const Requirement &requirement) const;

    // `labels` is metadata.labels (string values); a missing key is "not present".
    bool matches(const QJsonObject &labels) const;
    bool matches(const QMap<QString, QString> &labels) const;
    bool matches(const QHash<QString, QString> &labels) const;
    // Labels as KubeObject::labels() keeps them: (key, value) pairs, keys unique.
    bool matches(const QList<QPair<QString, QString>> &labels) const;

    // The value a selector requires for `label` (=, == or in with one value), as
    // Selector.RequiresExactMatch; used to narrow index look-ups.
    std::optional<QString> requiresExactMatch(const QString &label) const;

    QString toString() const;

    bool operator==(const LabelSelector &o) const
    {
        return m_nothing == o.m_nothing && m_requirements == o.m_requirements;
    }

private:
    QList<Requirement> m_requirements;
    bool m_nothing = false;
};

} // namespace acp::models
