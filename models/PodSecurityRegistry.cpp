// The Pod Security Standards check registry: every upstream check with its revisions
// (k8s.io/pod-security-admission/policy, as of policy version v1.37), and PSA's resolution of
// which revisions run for a level and version (policy/registry.go).
#include "models/PodSecurityChecks.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace acp::models::pss {

namespace {

QSet<QString> sysctlsSince(int minor)
{
    QSet<QString> safe{u"kernel.shm_rmid_forced"_s, u"net.ipv4.ip_local_port_range"_s,
                       u"net.ipv4.tcp_syncookies"_s, u"net.ipv4.ping_group_range"_s,
                       u"net.ipv4.ip_unprivileged_port_start"_s};
    if (minor >= 27)
        safe.insert(u"net.ipv4.ip_local_reserved_ports"_s);
    if (minor >= 29) {
        safe.unite({u"net.ipv4.tcp_keepalive_time"_s, u"net.ipv4.tcp_fin_timeout"_s,
                    u"net.ipv4.tcp_keepalive_intvl"_s, u"net.ipv4.tcp_keepalive_probes"_s});
    }
    if (minor >= 32)
        safe.unite({u"net.ipv4.tcp_rmem"_s, u"net.ipv4.tcp_wmem"_s});
    if (minor >= 37)
        safe.unite({u"net.ipv4.tcp_slow_start_after_idle"_s, u"net.ipv4.tcp_notsent_lowat"_s});
    return safe;
}

QSet<QString> seLinuxTypesSince(int minor)
{
    QSet<QString> types{QString(), u"container_t"_s, u"container_init_t"_s, u"container_kvm_t"_s};
    if (minor >= 31)
        types.insert(u"container_engine_t"_s);
    return types;
}

CheckFn sysctlsRevision(int minor)
{
    return [allowed = sysctlsSince(minor)](const PodView &pod) { return sysctls(pod, allowed); };
}

CheckFn seLinuxRevision(int minor)
{
    return [allowed = seLinuxTypesSince(minor)](const PodView &pod) { return seLinuxOptions(pod, allowed); };
}

QList<Check> baselineChecks()
{
    using L = PssLevel;
    return {
        {u"appArmorProfile"_s, L::Baseline, {{0, appArmorProfile, {}}}},
        {u"capabilities_baseline"_s, L::Baseline, {{0, capabilitiesBaseline, {}}}},
        {u"hostNamespaces"_s, L::Baseline, {{0, hostNamespaces, {}}}},
        {u"hostPathVolumes"_s, L::Baseline, {{0, hostPathVolumes, {}}}},
        {u"hostPorts"_s, L::Baseline, {{0, hostPorts, {}}}},
        {u"hostProbesAndHostLifecycle"_s, L::Baseline, {{34, hostProbesAndHostLifecycle, {}}}},
        {u"privileged"_s, L::Baseline, {{0, privileged, {}}}},
        {u"procMount"_s, L::Baseline,
         {{0, [](const PodView &p) { return procMount(p, false); }, {}},
          {35, [](const PodView &p) { return procMount(p, true); }, {}}}},
        {u"seLinuxOptions"_s, L::Baseline, {{0, seLinuxRevision(0), {}}, {31, seLinuxRevision(31), {}}}},
        {u"seccompProfile_baseline"_s, L::Baseline,
         {{0, seccompProfileBaselineAnnotations, {}}, {19, seccompProfileBaselineFields, {}}}},
        {u"sysctls"_s, L::Baseline,
         {{0, sysctlsRevision(0), {}}, {27, sysctlsRevision(27), {}}, {29, sysctlsRevision(29), {}},
          {32, sysctlsRevision(32), {}}, {37, sysctlsRevision(37), {}}}},
        {u"windowsHostProcess"_s, L::Baseline, {{0, windowsHostProcess, {}}}},
    };
}

QList<Check> restrictedChecks()
{
    using L = PssLevel;
    const QStringList capabilities{u"capabilities_baseline"_s};
    const QStringList seccomp{u"seccompProfile_baseline"_s};
    return {
        {u"allowPrivilegeEscalation"_s, L::Restricted,
         {{8, [](const PodView &p) { return allowPrivilegeEscalation(p, false); }, {}},
          {25, [](const PodView &p) { return allowPrivilegeEscalation(p, true); }, {}}}},
        {u"capabilities_restricted"_s, L::Restricted,
         {{22, [](const PodView &p) { return capabilitiesRestricted(p, false); }, capabilities},
          {25, [](const PodView &p) { return capabilitiesRestricted(p, true); }, capabilities}}},
        {u"procMount_restricted"_s, L::Restricted,
         {{35, [](const PodView &p) { return procMount(p, false); }, {u"procMount"_s}}}},
        {u"restrictedVolumes"_s, L::Restricted, {{0, restrictedVolumes, {u"hostPathVolumes"_s}}}},
        {u"runAsNonRoot"_s, L::Restricted,
         {{0, [](const PodView &p) { return runAsNonRoot(p, false); }, {}},
          {35, [](const PodView &p) { return runAsNonRoot(p, true); }, {}}}},
        {u"runAsUser"_s, L::Restricted,
         {{23, [](const PodView &p) { return runAsUser(p, false); }, {}},
          {35, [](const PodView &p) { return runAsUser(p, true); }, {}}}},
        {u"seccompProfile_restricted"_s, L::Restricted,
         {{19, [](const PodView &p) { return seccompProfileRestricted(p, false); }, seccomp},
          {25, [](const PodView &p) { return seccompProfileRestricted(p, true); }, seccomp}}},
    };
}

// PSA orders checks by ID (Go's byte-wise string order) within each level.
void sortById(QList<Check> &checks)
{
    std::sort(checks.begin(), checks.end(), [](const Check &a, const Check &b) {
        return a.id.toUtf8() < b.id.toUtf8();
    });
}

const VersionedCheck *revisionFor(const Check &check, int minor)
{
    const VersionedCheck *found = nullptr;
    for (const VersionedCheck &v : check.versions) {
        if (v.minimumMinor <= minor)
            found = &v;
    }
    return found;
}

} // namespace

const QList<Check> &registry()
{
    static const QList<Check> checks = [] {
        QList<Check> baseline = baselineChecks();
        QList<Check> restricted = restrictedChecks();
        sortById(baseline);
        sortById(restricted);
        return baseline + restricted;
    }();
    return checks;
}

int maxKnownMinor()
{
    static const int max = [] {
        int m = 0;
        for (const Check &c : registry())
            m = std::max(m, c.versions.constLast().minimumMinor);
        return m;
    }();
    return max;
}

QList<ActiveCheck> activeChecks(PssLevel level, int minor)
{
    QList<ActiveCheck> active;
    if (level == PssLevel::Privileged)
        return active;
    QSet<QString> overridden;
    for (const Check &c : registry()) {
        const VersionedCheck *revision = revisionFor(c, minor);
        if (!revision || c.level > level)
            continue;
        if (c.level == PssLevel::Restricted) {
            for (const QString &id : revision->overrideCheckIds)
                overridden.insert(id);
        }
        active.append({&c, revision});
    }
    active.removeIf([&](const ActiveCheck &a) { return overridden.contains(a.check->id); });
    return active;
}

} // namespace acp::models::pss
