#pragma once
// Internal to api/Yaml*.cpp: go-yaml v2's text rules, which kubectl and sigs.k8s.io/yaml use.
// Plain-scalar resolution (resolve.go) is shared by the parser (what a plain scalar means) and
// the emitter (whether a string must be quoted); key order (sorter.go) and float formatting are
// the emitter's. Pure functions, any thread.
#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

class QJsonObject;

namespace acp::api::yaml::detail {

enum class ScalarKind { Str, Null, Bool, Int, Float, Timestamp };

struct Resolved {
    ScalarKind kind = ScalarKind::Str;
    QJsonValue value;   // for Str and Timestamp: the text itself
};

// Resolves UTF-8 text the way go-yaml's resolve(tag, in) does. allowTimestamp is true for an
// untagged plain scalar and for !!timestamp (go-yaml only tries timestamps then).
Resolved resolve(const QByteArray &text, bool allowTimestamp = true);

// go-yaml's parseTimestamp(): the four layouts it accepts (RFC 3339 with short fields, space
// separated, date only), with Go's time.Parse range checks.
bool isTimestamp(const QByteArray &text);

// YAML 1.1 base-60 float ("1:20", "-1_0:30.5"); go-yaml quotes such strings when writing.
bool isBase60Float(const QByteArray &text);

// The number text go-yaml writes for a float64 (strconv.FormatFloat(f, 'g', -1, 64), with
// .inf/-.inf/.nan).
QByteArray formatGoFloat(double value);

// The keys of o in go-yaml's "natural" order (sorter.go keyList.Less): digit runs compare by
// value, and at the first difference a non-letter sorts before a letter.
QStringList sortedKeys(const QJsonObject &o);

} // namespace acp::api::yaml::detail
