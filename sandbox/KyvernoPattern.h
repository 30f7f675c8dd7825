#pragma once
// KyvernoPattern: Kyverno's `validate.pattern` matcher (pkg/engine/validate/validate.go,
// pkg/engine/anchor, pkg/engine/pattern), over JSON values as the API server serves them.
//
// Supported, with Kyverno's semantics:
//  - maps (every pattern key must match), arrays of maps (every element must match; elements
//    whose conditional anchors fail are skipped), scalar arrays (element by element);
//  - anchors: conditional `(key)`, global `<(key)`, equality `=(key)` (checked only when the key
//    is present), existence `^(key)` (at least one array element matches), negation `X(key)`
//    (the key must be absent);
//  - wildcard keys (`container.apparmor.security.beta.kubernetes.io/*`) expanded against the
//    resource's keys;
//  - scalar patterns: `*` and `?` wildcards, `|` (or), `&` (and), `!` (not equal), numeric and
//    quantity comparisons `> < >= <=`, ranges `a-b` and `a!-b`, `*` for "present",
//    bool/number/null literals.
// A failure reports Kyverno's path ("/spec/containers/0/securityContext/privileged/"); a
// conditional or global anchor that does not hold makes the result Skip.
// Pure functions; any thread.
#include <QJsonValue>
#include <QString>

namespace acp::sandbox {

struct PatternResult {
    enum Status { Pass, Fail, Skip };
    Status status = Pass;
    QString path;     // where it failed, Kyverno's format with a trailing slash
    QString error;    // the matcher's reason (for skips and logs)
};

class KyvernoPattern {
public:
    // validate.MatchPattern(resource, pattern).
    static PatternResult match(const QJsonValue &resource, const QJsonValue &pattern);
    // pattern.Validate: one value against a scalar pattern (string, number, bool or null).
    static bool matchValue(const QJsonValue &value, const QJsonValue &pattern);
    // Kyverno's wildcard.Match: `*` any run of characters, `?` exactly one.
    static bool wildcardMatch(const QString &pattern, const QString &text);
    static bool hasWildcard(const QString &text);
};

} // namespace acp::sandbox
