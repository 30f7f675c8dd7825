// Baseline-level Pod Security Standards checks. Texts follow
// k8s.io/pod-security-admission/policy/check_*.go; each function documents its upstream check.
#include "models/PodSecurityChecks.h"

using namespace Qt::StringLiterals;

namespace acp::models::pss {

namespace {

QString settersPhrase(QStringList setters, const QStringList &badContainers)
{
    if (!badContainers.isEmpty())
        setters.append(containersPhrase(badContainers));
    return setters.join(u" and "_s);
}

bool allowedAppArmorType(const QString &type)
{
    return type == u"RuntimeDefault"_s || type == u"Localhost"_s;
}

bool allowedAppArmorAnnotation(const QString &value)
{
    return value.isEmpty() || value == u"runtime/default"_s || value.startsWith(u"localhost/"_s);
}

bool validSeccompType(const QString &type)
{
    return type == u"Localhost"_s || type == u"RuntimeDefault"_s;
}

bool validSeccompAnnotation(const QString &value)
{
    return value == u"runtime/default"_s || value == u"docker/default"_s || value.startsWith(u"localhost/"_s);
}

const QSet<QString> &baselineCapabilities()
{
    static const QSet<QString> caps{u"AUDIT_WRITE"_s, u"CHOWN"_s, u"DAC_OVERRIDE"_s, u"FOWNER"_s,
                                    u"FSETID"_s, u"KILL"_s, u"MKNOD"_s, u"NET_BIND_SERVICE"_s,
                                    u"SETFCAP"_s, u"SETGID"_s, u"SETPCAP"_s, u"SETUID"_s,
                                    u"SYS_CHROOT"_s};
    return caps;
}

// Hosts set on an httpGet/tcpSocket handler (probe or lifecycle handler), with their paths.
void collectHandlerHosts(const QJsonObject &handler, const QString &path, QStringList &hosts, QStringList &fields)
{
    for (const auto &kind : {u"httpGet"_s, u"tcpSocket"_s}) {
        const QString host = stringAt(objectAt(handler, kind), u"host"_s);
        if (!host.isEmpty()) {
            hosts.append(host);
            fields.append(path + u'.' + kind + u".host"_s);
        }
    }
}

} // namespace

// appArmorProfile (1.0): the appArmorProfile.type fields (pod and containers) must be
// RuntimeDefault or Localhost; container.apparmor.security.beta.kubernetes.io/* annotations
// must be empty, runtime/default or localhost/*.
CheckResult appArmorProfile(const PodView &pod)
{
    CheckResult r;
    QStringList setters;
    QStringList badValues;
    const QJsonObject podSc = pod.securityContext();
    if (isSet(podSc, u"appArmorProfile"_s)) {
        const QString type = stringAt(objectAt(podSc, u"appArmorProfile"_s), u"type"_s);
        if (!allowedAppArmorType(type)) {
            setters.append(u"pod"_s);
            badValues.append(type);
            r.fields.append(pod.specField(u"securityContext.appArmorProfile.type"_s));
        }
    }
    QStringList badContainers;
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        if (!isSet(sc, u"appArmorProfile"_s))
            continue;
        const QString type = stringAt(objectAt(sc, u"appArmorProfile"_s), u"type"_s);
        if (!allowedAppArmorType(type)) {
            badContainers.append(c.name);
            badValues.append(type);
            r.fields.append(c.path + u".securityContext.appArmorProfile.type"_s);
        }
    }
    r.containers = badContainers;
    if (!badContainers.isEmpty())
        setters.append(containersPhrase(badContainers));

    static const QString prefix = u"container.apparmor.security.beta.kubernetes.io/"_s;
    QStringList annotations;
    const QJsonObject annotationMap = objectAt(pod.metadata, u"annotations"_s);
    for (auto it = annotationMap.begin(); it != annotationMap.end(); ++it) {
        const QString value = it.value().toString();
        if (it.key().startsWith(prefix) && !allowedAppArmorAnnotation(value)) {
            annotations.append(it.key() + u'=' + goQuote(value));
            r.fields.append(pod.annotationField(it.key()));
            if (it.key().size() > prefix.size())
                r.containers.append(it.key().mid(prefix.size()));
        }
    }
    badValues = sortedUnique(badValues);
    if (!annotations.isEmpty()) {
        annotations.sort();
        badValues.append(annotations);
        setters.append(pluralize("annotation", "annotations", annotations.size()));
    }
    if (setters.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", badValues.size());
    r.detail = setters.join(u" and "_s) + u" must not set AppArmor profile type to "_s + joinQuote(badValues);
    return r;
}

// capabilities_baseline (1.0): capabilities.add limited to the default set.
CheckResult capabilitiesBaseline(const PodView &pod)
{
    CheckResult r;
    QStringList nonDefault;
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        if (!isSet(sc, u"capabilities"_s))
            continue;
        const QJsonArray add = arrayAt(objectAt(sc, u"capabilities"_s), u"add"_s);
        bool valid = true;
        for (qsizetype i = 0; i < add.size(); ++i) {
            const QString cap = add.at(i).toString();
            if (!baselineCapabilities().contains(cap)) {
                valid = false;
                nonDefault.append(cap);
                r.fields.append(c.path + u".securityContext.capabilities.add[%1]"_s.arg(i));
            }
        }
        if (!valid)
            r.containers.append(c.name);
    }
    if (r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"non-default capabilities"_s;
    r.detail = containersPhrase(r.containers) + u" must not include "_s + joinQuote(sortedUnique(nonDefault))
        + u" in securityContext.capabilities.add"_s;
    return r;
}

// hostNamespaces (1.0): hostNetwork, hostPID and hostIPC must be unset or false.
CheckResult hostNamespaces(const PodView &pod)
{
    CheckResult r;
    QStringList found;
    for (const auto &field : {u"hostNetwork"_s, u"hostPID"_s, u"hostIPC"_s}) {
        if (boolAt(pod.spec, field).value_or(false)) {
            found.append(field + u"=true"_s);
            r.fields.append(pod.specField(field));
        }
    }
    if (found.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"host namespaces"_s;
    r.detail = found.join(u", "_s);
    return r;
}

// hostPathVolumes (1.0): no hostPath volumes.
CheckResult hostPathVolumes(const PodView &pod)
{
    CheckResult r;
    QStringList volumes;
    const QJsonArray list = arrayAt(pod.spec, u"volumes"_s);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject volume = list.at(i).toObject();
        if (isSet(volume, u"hostPath"_s)) {
            volumes.append(stringAt(volume, u"name"_s));
            r.fields.append(pod.specField(u"volumes[%1].hostPath"_s.arg(i)));
        }
    }
    if (volumes.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"hostPath volumes"_s;
    r.detail = pluralize("volume", "volumes", volumes.size()) + u' ' + joinQuote(volumes);
    return r;
}

// hostPorts (1.0): ports[*].hostPort must be unset or 0.
CheckResult hostPorts(const PodView &pod)
{
    CheckResult r;
    QStringList ports;
    for (const Container &c : pod.containers) {
        const QJsonArray list = arrayAt(c.object, u"ports"_s);
        bool valid = true;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const qint64 hostPort = intAt(list.at(i).toObject(), u"hostPort"_s).value_or(0);
            if (hostPort != 0) {
                valid = false;
                ports.append(QString::number(hostPort));
                r.fields.append(c.path + u".ports[%1].hostPort"_s.arg(i));
            }
        }
        if (!valid)
            r.containers.append(c.name);
    }
    if (r.containers.isEmpty())
        return CheckResult::allow();
    ports = sortedUnique(ports);
    r.allowed = false;
    r.reason = u"hostPort"_s;
    r.detail = containersPhrase(r.containers) + u' ' + pluralize("uses", "use", r.containers.size()) + u' '
        + pluralize("hostPort", "hostPorts", ports.size()) + u' ' + ports.join(u", "_s);
    return r;
}

// hostProbesAndHostLifecycle (1.34): probes and lifecycle handlers must not set a host.
CheckResult hostProbesAndHostLifecycle(const PodView &pod)
{
    CheckResult r;
    QStringList badContainers;
    QStringList hosts;
    for (const Container &c : pod.containers) {
        QStringList found;
        for (const auto &probe : {u"livenessProbe"_s, u"readinessProbe"_s, u"startupProbe"_s})
            collectHandlerHosts(objectAt(c.object, probe), c.path + u'.' + probe, found, r.fields);
        const QJsonObject lifecycle = objectAt(c.object, u"lifecycle"_s);
        for (const auto &hook : {u"postStart"_s, u"preStop"_s})
            collectHandlerHosts(objectAt(lifecycle, hook), c.path + u".lifecycle."_s + hook, found, r.fields);
        if (!found.isEmpty()) {
            badContainers.append(c.name);
            hosts.append(found);
        }
    }
    if (badContainers.isEmpty())
        return CheckResult::allow();
    badContainers = sortedUnique(badContainers);
    hosts = sortedUnique(hosts);
    r.allowed = false;
    r.containers = badContainers;
    r.reason = u"probe or lifecycle host"_s;
    r.detail = containersPhrase(badContainers) + u' ' + pluralize("uses", "use", badContainers.size()) + u' '
        + pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.size()) + u' ' + joinQuote(hosts);
    return r;
}

// privileged (1.0): securityContext.privileged must be unset or false.
CheckResult privileged(const PodView &pod)
{
    CheckResult r;
    for (const Container &c : pod.containers) {
        if (boolAt(objectAt(c.object, u"securityContext"_s), u"privileged"_s).value_or(false)) {
            r.containers.append(c.name);
            r.fields.append(c.path + u".securityContext.privileged"_s);
        }
    }
    if (r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"privileged"_s;
    r.detail = containersPhrase(r.containers) + u" must not set securityContext.privileged=true"_s;
    return r;
}

// procMount (1.0; 1.35 relaxes it for pods with hostUsers: false) and procMount_restricted
// (1.35, never relaxed): securityContext.procMount must be unset or "Default".
CheckResult procMount(const PodView &pod, bool relaxForUserNamespaces)
{
    if (relaxForUserNamespaces && pod.hostUsersDisabled())
        return CheckResult::allow();
    CheckResult r;
    QStringList types;
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        if (!isSet(sc, u"procMount"_s))
            continue;
        const QString type = stringAt(sc, u"procMount"_s);
        if (type != u"Default"_s) {
            r.containers.append(c.name);
            types.append(type);
            r.fields.append(c.path + u".securityContext.procMount"_s);
        }
    }
    if (r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"procMount"_s;
    r.detail = containersPhrase(r.containers) + u" must not set securityContext.procMount to "_s
        + joinQuote(sortedUnique(types));
    return r;
}

// seLinuxOptions (1.0; 1.31 allows container_engine_t): type limited, user and role unset.
// Upstream only mentions user/role in the detail when a bad type was found too; kept as is.
CheckResult seLinuxOptions(const PodView &pod, const QSet<QString> &allowedTypes)
{
    CheckResult r;
    QStringList badTypes;
    bool setUser = false;
    bool setRole = false;
    auto valid = [&](const QJsonObject &options, const QString &path) {
        bool ok = true;
        const QString type = stringAt(options, u"type"_s);
        if (!allowedTypes.contains(type)) {
            ok = false;
            badTypes.append(type);
            r.fields.append(path + u".type"_s);
        }
        if (!stringAt(options, u"user"_s).isEmpty()) {
            ok = false;
            setUser = true;
            r.fields.append(path + u".user"_s);
        }
        if (!stringAt(options, u"role"_s).isEmpty()) {
            ok = false;
            setRole = true;
            r.fields.append(path + u".role"_s);
        }
        return ok;
    };
    QStringList setters;
    const QJsonObject podSc = pod.securityContext();
    if (isSet(podSc, u"seLinuxOptions"_s)
        && !valid(objectAt(podSc, u"seLinuxOptions"_s), pod.specField(u"securityContext.seLinuxOptions"_s)))
        setters.append(u"pod"_s);
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        if (isSet(sc, u"seLinuxOptions"_s)
            && !valid(objectAt(sc, u"seLinuxOptions"_s), c.path + u".securityContext.seLinuxOptions"_s))
            r.containers.append(c.name);
    }
    if (setters.isEmpty() && r.containers.isEmpty())
        return CheckResult::allow();
    QStringList data;
    if (!badTypes.isEmpty()) {
        badTypes = sortedUnique(badTypes);
        data.append(pluralize("type", "types", badTypes.size()) + u' ' + joinQuote(badTypes));
        if (setUser)
            data.append(u"user may not be set"_s);
        if (setRole)
            data.append(u"role may not be set"_s);
    }
    r.allowed = false;
    r.reason = u"seLinuxOptions"_s;
    r.detail = settersPhrase(setters, r.containers) + u" set forbidden securityContext.seLinuxOptions: "_s
        + data.join(u"; "_s);
    return r;
}

// seccompProfile_baseline (1.0 - 1.18): seccomp alpha annotations must be runtime/default,
// docker/default or localhost/*.
CheckResult seccompProfileBaselineAnnotations(const PodView &pod)
{
    CheckResult r;
    QStringList forbidden;
    const QJsonObject annotations = objectAt(pod.metadata, u"annotations"_s);
    auto inspect = [&](const QString &key, const QString &container) {
        if (!annotations.contains(key))
            return;
        const QString value = annotations.value(key).toString();
        if (validSeccompAnnotation(value))
            return;
        forbidden.append(key + u'=' + goQuote(value));
        r.fields.append(pod.annotationField(key));
        if (!container.isEmpty())
            r.containers.append(container);
    };
    inspect(u"seccomp.security.alpha.kubernetes.io/pod"_s, QString());
    for (const Container &c : pod.containers)
        inspect(u"container.seccomp.security.alpha.kubernetes.io/"_s + c.name, c.name);
    if (forbidden.isEmpty())
        return CheckResult::allow();
    forbidden = sortedUnique(forbidden);
    r.allowed = false;
    r.reason = u"seccompProfile"_s;
    r.detail = u"forbidden "_s + pluralize("annotation", "annotations", forbidden.size()) + u' '
        + forbidden.join(u", "_s);
    return r;
}

// seccompProfile_baseline (1.19+): seccompProfile.type, where set, must be RuntimeDefault or
// Localhost.
CheckResult seccompProfileBaselineFields(const PodView &pod)
{
    CheckResult r;
    QStringList setters;
    QStringList badValues;
    const QJsonObject podSc = pod.securityContext();
    if (isSet(podSc, u"seccompProfile"_s)) {
        const QString type = stringAt(objectAt(podSc, u"seccompProfile"_s), u"type"_s);
        if (!validSeccompType(type)) {
            setters.append(u"pod"_s);
            badValues.append(type);
            r.fields.append(pod.specField(u"securityContext.seccompProfile.type"_s));
        }
    }
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        if (!isSet(sc, u"seccompProfile"_s))
            continue;
        const QString type = stringAt(objectAt(sc, u"seccompProfile"_s), u"type"_s);
        if (!validSeccompType(type)) {
            r.containers.append(c.name);
            badValues.append(type);
            r.fields.append(c.path + u".securityContext.seccompProfile.type"_s);
        }
    }
    if (setters.isEmpty() && r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"seccompProfile"_s;
    r.detail = settersPhrase(setters, r.containers) + u" must not set securityContext.seccompProfile.type to "_s
        + joinQuote(sortedUnique(badValues));
    return r;
}

// sysctls (1.0, 1.27, 1.29, 1.32, 1.37 widen the safe set): only safe sysctls.
CheckResult sysctls(const PodView &pod, const QSet<QString> &allowed)
{
    CheckResult r;
    QStringList forbidden;
    const QJsonArray list = arrayAt(pod.securityContext(), u"sysctls"_s);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString name = stringAt(list.at(i).toObject(), u"name"_s);
        if (!allowed.contains(name)) {
            forbidden.append(name);
            r.fields.append(pod.specField(u"securityContext.sysctls[%1].name"_s.arg(i)));
        }
    }
    if (forbidden.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"forbidden sysctls"_s;
    r.detail = forbidden.join(u", "_s);
    return r;
}

// windowsHostProcess (1.0): windowsOptions.hostProcess must be unset or false.
CheckResult windowsHostProcess(const PodView &pod)
{
    CheckResult r;
    QStringList setters;
    const auto hostProcess = [](const QJsonObject &sc) {
        return boolAt(objectAt(sc, u"windowsOptions"_s), u"hostProcess"_s).value_or(false);
    };
    if (hostProcess(pod.securityContext())) {
        setters.append(u"pod"_s);
        r.fields.append(pod.specField(u"securityContext.windowsOptions.hostProcess"_s));
    }
    for (const Container &c : pod.containers) {
        if (hostProcess(objectAt(c.object, u"securityContext"_s))) {
            r.containers.append(c.name);
            r.fields.append(c.path + u".securityContext.windowsOptions.hostProcess"_s);
        }
    }
    if (setters.isEmpty() && r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"hostProcess"_s;
    r.detail = settersPhrase(setters, r.containers) + u" must not set securityContext.windowsOptions.hostProcess=true"_s;
    return r;
}

} // namespace acp::models::pss
