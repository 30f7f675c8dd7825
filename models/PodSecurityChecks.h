#pragma once
// Internal to PodSecurity: the pod view the checks read, the check result, and the check
// functions (one per upstream check revision). Not a public API; include only from
// PodSecurity*.cpp.
#include "models/GoQuote.h" // goQuote(): Go's %q
#include "models/PodSecurity.h"
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace acp::models::pss {

// One container of the pod, in PSA's visiting order: initContainers, containers,
// ephemeralContainers.
struct Container {
    QJsonObject object;
    QString name;
    QString path; // e.g. "spec.initContainers[0]" (prefixed for templates)
};

// The pod metadata and spec a check reads, with the paths they have in the evaluated object.
struct PodView {
    QJsonObject metadata;
    QJsonObject spec;
    QString metadataPath; // "metadata", "spec.template.metadata", ...
    QString specPath;     // "spec", "spec.template.spec", ...
    QList<Container> containers;

    QJsonObject securityContext() const; // spec.securityContext ({} when unset)
    QString specField(const QString &relative) const { return specPath + QLatin1Char('.') + relative; }
    QString annotationField(const QString &key) const;
    bool isWindows() const;         // spec.os.name == "windows"
    bool hostUsersDisabled() const; // spec.hostUsers == false (a user-namespaced pod)
};

struct CheckResult {
    bool allowed = true;
    QString reason;
    QString detail;
    QStringList containers;
    QStringList fields;

    static CheckResult allow() { return {}; }
};

using CheckFn = std::function<CheckResult(const PodView &)>;

// --- JSON helpers (Go pointer semantics: absent and null are both "nil") -----------------
bool isSet(const QJsonObject &o, const QString &key);
QJsonObject objectAt(const QJsonObject &o, const QString &key);
QJsonArray arrayAt(const QJsonObject &o, const QString &key);
QString stringAt(const QJsonObject &o, const QString &key);
std::optional<bool> boolAt(const QJsonObject &o, const QString &key);
std::optional<qint64> intAt(const QJsonObject &o, const QString &key);

// --- PSA's message helpers ------------------------------------------------------------------
QString joinQuote(const QStringList &items);                   // "a", "b"
QString pluralize(const char *singular, const char *plural, qsizetype count);
QStringList sortedUnique(QStringList items);                   // sets.NewString(...).List()
QString containersPhrase(const QStringList &names);            // container "a" / containers "a", "b"

// --- baseline checks (PodSecurityBaselineChecks.cpp) ---------------------------------------
CheckResult appArmorProfile(const PodView &pod);
CheckResult capabilitiesBaseline(const PodView &pod);
CheckResult hostNamespaces(const PodView &pod);
CheckResult hostPathVolumes(const PodView &pod);
CheckResult hostPorts(const PodView &pod);
CheckResult hostProbesAndHostLifecycle(const PodView &pod);
CheckResult privileged(const PodView &pod);
CheckResult procMount(const PodView &pod, bool relaxForUserNamespaces);
CheckResult seLinuxOptions(const PodView &pod, const QSet<QString> &allowedTypes);
CheckResult seccompProfileBaselineAnnotations(const PodView &pod);
CheckResult seccompProfileBaselineFields(const PodView &pod);
CheckResult sysctls(const PodView &pod, const QSet<QString> &allowed);
CheckResult windowsHostProcess(const PodView &pod);

// --- restricted checks (PodSecurityRestrictedChecks.cpp) -----------------------------------
CheckResult allowPrivilegeEscalation(const PodView &pod, bool exemptWindows);
CheckResult capabilitiesRestricted(const PodView &pod, bool exemptWindows);
CheckResult restrictedVolumes(const PodView &pod);
CheckResult runAsNonRoot(const PodView &pod, bool relaxForUserNamespaces);
CheckResult runAsUser(const PodView &pod, bool relaxForUserNamespaces);
CheckResult seccompProfileRestricted(const PodView &pod, bool exemptWindows);

// --- the registry (PodSecurityRegistry.cpp) ------------------------------------------------
struct VersionedCheck {
    int minimumMinor = 0;         // first policy version v1.<minimumMinor> this revision applies to
    CheckFn check;
    QStringList overrideCheckIds; // baseline checks this restricted revision replaces
};

struct Check {
    QString id;
    PssLevel level = PssLevel::Baseline;
    QList<VersionedCheck> versions; // strictly increasing minimumMinor
};

const QList<Check> &registry(); // baseline checks sorted by ID, then restricted sorted by ID
int maxKnownMinor();

struct ActiveCheck {
    const Check *check = nullptr;
    const VersionedCheck *revision = nullptr;
};
// The checks PSA runs for this level and (clamped) policy minor, in evaluation order.
QList<ActiveCheck> activeChecks(PssLevel level, int minor);

} // namespace acp::models::pss
