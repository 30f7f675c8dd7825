// Restricted-level Pod Security Standards checks. Texts follow
// k8s.io/pod-security-admission/policy/check_*.go; each function documents its upstream check.
#include "models/PodSecurityChecks.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace acp::models::pss {

namespace {

bool validSeccompType(const QString &type)
{
    return type == u"Localhost"_s || type == u"RuntimeDefault"_s;
}

// Volume sources the restricted profile allows.
const QStringList &allowedVolumeSources()
{
    static const QStringList sources{u"configMap"_s, u"csi"_s, u"downwardAPI"_s, u"emptyDir"_s,
                                     u"ephemeral"_s, u"image"_s, u"persistentVolumeClaim"_s,
                                     u"projected"_s, u"secret"_s};
    return sources;
}

// Volume sources the restricted profile forbids, in upstream's reporting precedence.
const QStringList &restrictedVolumeSources()
{
    static const QStringList sources{
        u"hostPath"_s, u"gcePersistentDisk"_s, u"awsElasticBlockStore"_s, u"gitRepo"_s, u"nfs"_s,
        u"iscsi"_s, u"glusterfs"_s, u"rbd"_s, u"flexVolume"_s, u"cinder"_s, u"cephfs"_s, u"flocker"_s,
        u"fc"_s, u"azureFile"_s, u"vsphereVolume"_s, u"quobyte"_s, u"azureDisk"_s,
        u"photonPersistentDisk"_s, u"portworxVolume"_s, u"scaleIO"_s, u"storageos"_s};
    return sources;
}

QString badSettersPhrase(QStringList setters, const QStringList &badContainers)
{
    if (!badContainers.isEmpty())
        setters.append(containersPhrase(badContainers));
    return setters.join(u" and "_s);
}

} // namespace

// allowPrivilegeEscalation (1.8; 1.25 exempts spec.os.name=windows): every container must set
// securityContext.allowPrivilegeEscalation=false.
CheckResult allowPrivilegeEscalation(const PodView &pod, bool exemptWindows)
{
    if (exemptWindows && pod.isWindows())
        return CheckResult::allow();
    CheckResult r;
    for (const Container &c : pod.containers) {
        const auto value = boolAt(objectAt(c.object, u"securityContext"_s), u"allowPrivilegeEscalation"_s);
        if (!value || *value) {
            r.containers.append(c.name);
            r.fields.append(c.path + u".securityContext.allowPrivilegeEscalation"_s);
        }
    }
    if (r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"allowPrivilegeEscalation != false"_s;
    r.detail = containersPhrase(r.containers) + u" must set securityContext.allowPrivilegeEscalation=false"_s;
    return r;
}

// capabilities_restricted (1.22; 1.25 exempts windows): drop ALL, add at most NET_BIND_SERVICE.
CheckResult capabilitiesRestricted(const PodView &pod, bool exemptWindows)
{
    if (exemptWindows && pod.isWindows())
        return CheckResult::allow();
    CheckResult r;
    QStringList missingDropAll;
    QStringList addingForbidden;
    QStringList forbiddenCaps;
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        const QString capsPath = c.path + u".securityContext.capabilities"_s;
        if (!isSet(sc, u"capabilities"_s)) {
            missingDropAll.append(c.name);
            r.fields.append(capsPath + u".drop"_s);
            continue;
        }
        const QJsonObject caps = objectAt(sc, u"capabilities"_s);
        const QJsonArray drop = arrayAt(caps, u"drop"_s);
        const bool droppedAll = std::any_of(drop.begin(), drop.end(),
                                            [](const QJsonValue &v) { return v.toString() == u"ALL"_s; });
        if (!droppedAll) {
            missingDropAll.append(c.name);
            r.fields.append(capsPath + u".drop"_s);
        }
        const QJsonArray add = arrayAt(caps, u"add"_s);
        bool addedForbidden = false;
        for (qsizetype i = 0; i < add.size(); ++i) {
            const QString cap = add.at(i).toString();
            if (cap != u"NET_BIND_SERVICE"_s) {
                addedForbidden = true;
                forbiddenCaps.append(cap);
                r.fields.append(capsPath + u".add[%1]"_s.arg(i));
            }
        }
        if (addedForbidden)
            addingForbidden.append(c.name);
    }
    QStringList details;
    if (!missingDropAll.isEmpty())
        details.append(containersPhrase(missingDropAll) + u" must set securityContext.capabilities.drop=[\"ALL\"]"_s);
    if (!addingForbidden.isEmpty())
        details.append(containersPhrase(addingForbidden) + u" must not include "_s
                       + joinQuote(sortedUnique(forbiddenCaps)) + u" in securityContext.capabilities.add"_s);
    if (details.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"unrestricted capabilities"_s;
    r.detail = details.join(u"; "_s);
    r.containers = missingDropAll;
    for (const QString &name : addingForbidden) {
        if (!r.containers.contains(name))
            r.containers.append(name);
    }
    return r;
}

// restrictedVolumes (1.0, overrides hostPathVolumes): only configMap, csi, downwardAPI,
// emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.
// A volume naming no known source is an emptyDir once the API server has defaulted it.
CheckResult restrictedVolumes(const PodView &pod)
{
    CheckResult r;
    QStringList badVolumes;
    QStringList badTypes;
    const QJsonArray list = arrayAt(pod.spec, u"volumes"_s);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject volume = list.at(i).toObject();
        const bool allowed = std::any_of(allowedVolumeSources().begin(), allowedVolumeSources().end(),
                                         [&](const QString &source) { return isSet(volume, source); });
        if (allowed)
            continue;
        for (const QString &source : restrictedVolumeSources()) {
            if (isSet(volume, source)) {
                badVolumes.append(stringAt(volume, u"name"_s));
                badTypes.append(source);
                r.fields.append(pod.specField(u"volumes[%1].%2"_s.arg(i).arg(source)));
                break;
            }
        }
    }
    if (badVolumes.isEmpty())
        return CheckResult::allow();
    badTypes = sortedUnique(badTypes);
    r.allowed = false;
    r.reason = u"restricted volume types"_s;
    r.detail = pluralize("volume", "volumes", badVolumes.size()) + u' ' + joinQuote(badVolumes) + u' '
        + pluralize("uses", "use", badVolumes.size()) + u' '
        + pluralize("restricted volume type", "restricted volume types", badTypes.size()) + u' '
        + joinQuote(badTypes);
    return r;
}

// runAsNonRoot (1.0; 1.35 skips pods with hostUsers: false): runAsNonRoot=true on the pod, or
// on every container that does not inherit it; never false.
CheckResult runAsNonRoot(const PodView &pod, bool relaxForUserNamespaces)
{
    if (relaxForUserNamespaces && pod.hostUsersDisabled())
        return CheckResult::allow();
    QStringList setters;
    QStringList explicitFields;
    const QString podField = pod.specField(u"securityContext.runAsNonRoot"_s);
    bool podRunAsNonRoot = false;
    if (const auto value = boolAt(pod.securityContext(), u"runAsNonRoot"_s)) {
        if (!*value) {
            setters.append(u"pod"_s);
            explicitFields.append(podField);
        } else {
            podRunAsNonRoot = true;
        }
    }
    QStringList explicitlyBad;
    QStringList implicitlyBad;
    QStringList implicitFields;
    for (const Container &c : pod.containers) {
        const QString field = c.path + u".securityContext.runAsNonRoot"_s;
        if (const auto value = boolAt(objectAt(c.object, u"securityContext"_s), u"runAsNonRoot"_s)) {
            if (!*value) {
                explicitlyBad.append(c.name);
                explicitFields.append(field);
            }
        } else if (!podRunAsNonRoot) {
            implicitlyBad.append(c.name);
            implicitFields.append(field);
        }
    }
    CheckResult r;
    r.reason = u"runAsNonRoot != true"_s;
    if (!setters.isEmpty() || !explicitlyBad.isEmpty()) {
        r.allowed = false;
        r.containers = explicitlyBad;
        r.fields = explicitFields;
        r.detail = badSettersPhrase(setters, explicitlyBad) + u" must not set securityContext.runAsNonRoot=false"_s;
        return r;
    }
    if (implicitlyBad.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.containers = implicitlyBad;
    r.fields = QStringList{podField} + implicitFields;
    r.detail = u"pod or "_s + containersPhrase(implicitlyBad) + u" must set securityContext.runAsNonRoot=true"_s;
    return r;
}

// runAsUser (1.23; 1.35 skips pods with hostUsers: false): runAsUser must not be 0.
CheckResult runAsUser(const PodView &pod, bool relaxForUserNamespaces)
{
    if (relaxForUserNamespaces && pod.hostUsersDisabled())
        return CheckResult::allow();
    CheckResult r;
    QStringList setters;
    if (intAt(pod.securityContext(), u"runAsUser"_s) == 0) {
        setters.append(u"pod"_s);
        r.fields.append(pod.specField(u"securityContext.runAsUser"_s));
    }
    for (const Container &c : pod.containers) {
        if (intAt(objectAt(c.object, u"securityContext"_s), u"runAsUser"_s) == 0) {
            r.containers.append(c.name);
            r.fields.append(c.path + u".securityContext.runAsUser"_s);
        }
    }
    if (setters.isEmpty() && r.containers.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.reason = u"runAsUser=0"_s;
    r.detail = badSettersPhrase(setters, r.containers) + u" must not set runAsUser=0"_s;
    return r;
}

// seccompProfile_restricted (1.19; 1.25 exempts windows; overrides seccompProfile_baseline):
// seccompProfile.type must be RuntimeDefault or Localhost, on the pod or on every container.
CheckResult seccompProfileRestricted(const PodView &pod, bool exemptWindows)
{
    if (exemptWindows && pod.isWindows())
        return CheckResult::allow();
    QStringList setters;
    QStringList badValues;
    QStringList explicitFields;
    bool podSeccompSet = false;
    const QString podField = pod.specField(u"securityContext.seccompProfile.type"_s);
    const QJsonObject podSc = pod.securityContext();
    if (isSet(podSc, u"seccompProfile"_s)) {
        const QString type = stringAt(objectAt(podSc, u"seccompProfile"_s), u"type"_s);
        if (!validSeccompType(type)) {
            setters.append(u"pod"_s);
            badValues.append(type);
            explicitFields.append(podField);
        } else {
            podSeccompSet = true;
        }
    }
    QStringList explicitlyBad;
    QStringList implicitlyBad;
    QStringList implicitFields;
    for (const Container &c : pod.containers) {
        const QJsonObject sc = objectAt(c.object, u"securityContext"_s);
        const QString field = c.path + u".securityContext.seccompProfile.type"_s;
        if (isSet(sc, u"seccompProfile"_s)) {
            const QString type = stringAt(objectAt(sc, u"seccompProfile"_s), u"type"_s);
            if (!validSeccompType(type)) {
                explicitlyBad.append(c.name);
                badValues.append(type);
                explicitFields.append(field);
            }
        } else if (!podSeccompSet) {
            implicitlyBad.append(c.name);
            implicitFields.append(field);
        }
    }
    CheckResult r;
    r.reason = u"seccompProfile"_s;
    if (!setters.isEmpty() || !explicitlyBad.isEmpty()) {
        r.allowed = false;
        r.containers = explicitlyBad;
        r.fields = explicitFields;
        r.detail = badSettersPhrase(setters, explicitlyBad) + u" must not set securityContext.seccompProfile.type to "_s
            + joinQuote(sortedUnique(badValues));
        return r;
    }
    if (implicitlyBad.isEmpty())
        return CheckResult::allow();
    r.allowed = false;
    r.containers = implicitlyBad;
    r.fields = QStringList{podField} + implicitFields;
    r.detail = u"pod or "_s + containersPhrase(implicitlyBad)
        + u" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""_s;
    return r;
}

} // namespace acp::models::pss
