#pragma once
// KyvernoPodSecurity: Kyverno's `validate.podSecurity` sub-rule (pkg/pss/evaluate.go,
// pkg/engine/handlers/validation/validate_pss.go) on top of the PSS evaluator of models/
// (models::PodSecurity, pure logic; the sandbox already links acp_models).
//
// Kyverno semantics reproduced:
//  - every check of the level runs with its newest revision for `latest` (else the revision of
//    the version), and at restricted the baseline checks a restricted check overrides run too
//    (Kyverno does not apply PSA's overrides); results are ordered by check ID, as Kyverno's
//    DefaultChecks() list is;
//  - `exclude[]`: {controlName, images, restrictedField, values}. Without images the pod-level
//    fields of the control are exempted (the pod is re-evaluated with its containers replaced by
//    one "fake" container); with images the fields of the containers whose image matches are
//    exempted; restrictedField narrows to one field (`spec.containers[*].securityContext...`),
//    values to the listed bad values (wildcards). A check is exempted when none of its field
//    errors are left (exemptExclusions).
//  - workloads are evaluated on their pod template; field paths are pod-relative for exclusions
//    and shown with the template prefix in messages (`spec.template.spec.containers[0]...`).
// Message: `Validation rule '<rule>' failed. It violates PodSecurity "<level>:<version>":
// (Forbidden reason: <reason>, field error list: [<field> is forbidden, forbidden values found:
// <value>, <field>: Required value])...` (FormatChecksPrint). Field error types and bad values
// are derived from the object (a missing field is "Required value"); Kyverno's PSA fork may word
// some composite values differently.
// Pure functions; any thread.
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

class KyvernoPodSecurity {
public:
    struct Check {
        QString id;          // PSA check ID, e.g. "privileged"
        QString reason;      // ForbiddenReason
        QStringList fields;  // pod-relative field paths still failing
    };
    struct Outcome {
        bool error = false;       // an invalid level or version (rule error)
        bool allowed = true;
        QList<Check> checks;      // failing checks after exclusions
        QString message;          // Kyverno's rule message (pass or fail)
        QJsonObject properties;   // report properties: standard, version, controls, controlsJSON
    };

    static Outcome evaluate(const QString &ruleName, const QJsonObject &podSecurity, const QJsonObject &resource);
    // pkg/pss/utils PSSControlIDToName: "privileged" -> "Privileged Containers".
    static QString controlName(const QString &checkId);
    static QStringList controlCheckIds(const QString &controlName);
};

} // namespace acp::sandbox
