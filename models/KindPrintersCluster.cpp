// networking, rbac, storage, policy, discovery, coordination, scheduling and
// admissionregistration kinds of kube-apiserver's internal printers (Kubernetes 1.32).
// Descriptions of fields outside the bundled OpenAPI (storage, coordination, scheduling,
// discovery) are the upstream field docs as remembered; kubectl never displays them.
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"

#include <QStringList>

namespace acp::models::printers {

using namespace format;
using L = QLatin1String;

namespace {

QString name(const QJsonObject &o)
{
    return str(o, L("metadata.name"));
}

QString age(const QJsonObject &o, const QDateTime &now)
{
    return timestampSince(at(o, L("metadata.creationTimestamp")), now);
}

QString listWithMore(const QStringList &list, bool more, qint64 count, int max)
{
    const QString ret = list.join(u',');
    if (more)
        return ret + QStringLiteral(" + %1 more...").arg(count - max);
    return ret.isEmpty() ? QStringLiteral("<unset>") : ret;
}

QJsonArray ingressCells(const QJsonObject &o, const QDateTime &now)
{
    const QJsonArray rules = array(o, L("spec.rules"));
    QStringList hosts;
    const int max = 3;
    bool more = false;
    for (const QJsonValue &rule : rules) {
        if (hosts.size() == max)
            more = true;
        const QString host = str(rule, L("host"));
        if (!more && !host.isEmpty())
            hosts.append(host);
    }
    QString hostText = hosts.isEmpty() ? QStringLiteral("*") : hosts.join(u',');
    if (!hosts.isEmpty() && more)
        hostText += QStringLiteral(" + %1 more...").arg(rules.size() - max);

    QStringList addresses; // a sorted set; the server prints wide, so no truncation
    for (const QJsonValue &i : array(o, L("status.loadBalancer.ingress"))) {
        QString v = str(i, L("ip"));
        if (v.isEmpty())
            v = str(i, L("hostname"));
        if (!v.isEmpty() && !addresses.contains(v))
            addresses.append(v);
    }
    addresses.sort();
    const QString className = isSet(o, L("spec.ingressClassName"))
        ? str(o, L("spec.ingressClassName"))
        : QStringLiteral("<none>");
    const QString ports = array(o, L("spec.tls")).isEmpty() ? QStringLiteral("80")
                                                            : QStringLiteral("80, 443");
    return {name(o), className, hostText, addresses.join(u','), ports, age(o, now)};
}

QJsonArray ingressClassCells(const QJsonObject &o, const QDateTime &now)
{
    QString parameters = QStringLiteral("<none>");
    if (isSet(o, L("spec.parameters"))) {
        parameters = str(o, L("spec.parameters.kind"));
        if (isSet(o, L("spec.parameters.apiGroup")))
            parameters += u'.' + str(o, L("spec.parameters.apiGroup"));
        parameters += u'/' + str(o, L("spec.parameters.name"));
    }
    return {name(o), str(o, L("spec.controller")), parameters, age(o, now)};
}

QJsonArray networkPolicyCells(const QJsonObject &o, const QDateTime &now)
{
    // FormatLabelSelector(&spec.podSelector): never nil, so a missing selector is empty.
    QJsonValue selector = at(o, L("spec.podSelector"));
    if (!selector.isObject())
        selector = QJsonObject();
    return {name(o), formatLabelSelector(selector), age(o, now)};
}

QJsonArray bindingCells(const QJsonObject &o, const QDateTime &now)
{
    QStringList users, groups, serviceAccounts;
    for (const QJsonValue &s : array(o, L("subjects"))) {
        const QString kind = str(s, L("kind"));
        if (kind == L("ServiceAccount"))
            serviceAccounts.append(str(s, L("namespace")) + u'/' + str(s, L("name")));
        else if (kind == L("User"))
            users.append(str(s, L("name")));
        else if (kind == L("Group"))
            groups.append(str(s, L("name")));
    }
    const QString sep = QStringLiteral(", ");
    const QString role = str(o, L("roleRef.kind")) + u'/' + str(o, L("roleRef.name"));
    return {name(o), role, age(o, now),
            users.join(sep), groups.join(sep), serviceAccounts.join(sep)};
}

QJsonArray storageClassCells(const QJsonObject &o, const QDateTime &now)
{
    const QJsonObject annotations = object(o, L("metadata.annotations"));
    QString n = name(o);
    if (annotations.value(L("storageclass.kubernetes.io/is-default-class")).toString() == L("true")
        || annotations.value(L("storageclass.beta.kubernetes.io/is-default-class")).toString()
            == L("true"))
        n += QStringLiteral(" (default)");
    const QString reclaim = isSet(o, L("reclaimPolicy")) ? str(o, L("reclaimPolicy"))
                                                         : QStringLiteral("Delete");
    const QString binding = isSet(o, L("volumeBindingMode")) ? str(o, L("volumeBindingMode"))
                                                             : QStringLiteral("Immediate");
    return {n, str(o, L("provisioner")), reclaim, binding,
            at(o, L("allowVolumeExpansion")).toBool(), age(o, now)};
}

QJsonArray pdbCells(const QJsonObject &o, const QDateTime &now)
{
    const QString minAvailable = isSet(o, L("spec.minAvailable"))
        ? intOrString(at(o, L("spec.minAvailable")))
        : QStringLiteral("N/A");
    const QString maxUnavailable = isSet(o, L("spec.maxUnavailable"))
        ? intOrString(at(o, L("spec.maxUnavailable")))
        : QStringLiteral("N/A");
    return {name(o), minAvailable, maxUnavailable, integer(o, L("status.disruptionsAllowed")),
            age(o, now)};
}

QJsonArray endpointSliceCells(const QJsonObject &o, const QDateTime &now)
{
    const int max = 3;
    QStringList ports;
    bool morePorts = false;
    qint64 portCount = 0;
    for (const QJsonValue &p : array(o, L("ports"))) {
        if (ports.size() < max) {
            QString port = QStringLiteral("*");
            if (isSet(p, L("port")))
                port = QString::number(integer(p, L("port")));
            else if (isSet(p, L("name")))
                port = str(p, L("name"));
            ports.append(port);
        } else if (ports.size() == max) {
            morePorts = true;
        }
        ++portCount;
    }
    QStringList endpoints;
    bool moreEndpoints = false;
    qint64 endpointCount = 0;
    for (const QJsonValue &e : array(o, L("endpoints"))) {
        for (const QJsonValue &a : array(e, L("addresses"))) {
            if (endpoints.size() < max)
                endpoints.append(a.toString());
            else if (endpoints.size() == max)
                moreEndpoints = true;
            ++endpointCount;
        }
    }
    return {name(o), str(o, L("addressType")), listWithMore(ports, morePorts, portCount, max),
            listWithMore(endpoints, moreEndpoints, endpointCount, max), age(o, now)};
}

QJsonArray leaseCells(const QJsonObject &o, const QDateTime &now)
{
    return {name(o), str(o, L("spec.holderIdentity")), age(o, now)};
}

QJsonArray priorityClassCells(const QJsonObject &o, const QDateTime &now)
{
    return {name(o), integer(o, L("value")), at(o, L("globalDefault")).toBool(), age(o, now),
            str(o, L("preemptionPolicy"))};
}

QJsonArray webhookCells(const QJsonObject &o, const QDateTime &now)
{
    return {name(o), qint64(array(o, L("webhooks")).size()), age(o, now)};
}

constexpr char RoleRefDoc[] =
    "RoleRef can reference a Role in the current namespace or a ClusterRole in the global "
    "namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This "
    "field is immutable.";
constexpr char ClusterRoleRefDoc[] =
    "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot "
    "be resolved, the Authorizer must return an error. This field is immutable.";
constexpr char WebhooksDoc[] =
    "Webhooks indicates the number of webhooks registered in this configuration";

} // namespace

const QList<KindPrinter> &clusterPrinters()
{
    static const QList<KindPrinter> printers = {
        {"networking.k8s.io", "Ingress",
         {NameColumn,
          {"Class", "string", "", "The name of the IngressClass resource that should be used for additional configuration", 0},
          {"Hosts", "string", "", "Hosts that incoming requests are matched against before the ingress rule", 0},
          {"Address", "string", "", "Address is a list containing ingress points for the load-balancer", 0},
          {"Ports", "string", "", "Ports of TLS configurations that open", 0},
          AgeColumn},
         ingressCells},
        {"networking.k8s.io", "IngressClass",
         {NameColumn,
          {"Controller", "string", "", "Controller that is responsible for handling this class", 0},
          {"Parameters", "string", "", "A reference to a resource with additional parameters", 0},
          AgeColumn},
         ingressClassCells},
        {"networking.k8s.io", "NetworkPolicy",
         {NameColumn,
          {"Pod-Selector", "string", "", "podSelector selects the pods to which this NetworkPolicy object applies. The array of rules is applied to any pods selected by this field. An empty selector matches all pods in the policy's namespace. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is optional. If it is not specified, it defaults to an empty selector.", 0},
          AgeColumn},
         networkPolicyCells},
        {"rbac.authorization.k8s.io", "RoleBinding",
         {NameColumn, {"Role", "string", "", RoleRefDoc, 0}, AgeColumn,
          {"Users", "string", "", "Users in the roleBinding", 1},
          {"Groups", "string", "", "Groups in the roleBinding", 1},
          {"ServiceAccounts", "string", "", "ServiceAccounts in the roleBinding", 1}},
         bindingCells},
        {"rbac.authorization.k8s.io", "ClusterRoleBinding",
         {NameColumn, {"Role", "string", "", ClusterRoleRefDoc, 0}, AgeColumn,
          {"Users", "string", "", "Users in the clusterRoleBinding", 1},
          {"Groups", "string", "", "Groups in the clusterRoleBinding", 1},
          {"ServiceAccounts", "string", "", "ServiceAccounts in the clusterRoleBinding", 1}},
         bindingCells},
        {"storage.k8s.io", "StorageClass",
         {NameColumn,
          {"Provisioner", "string", "", "provisioner indicates the type of the provisioner.", 0},
          {"ReclaimPolicy", "string", "", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.", 0},
          {"VolumeBindingMode", "string", "", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.", 0},
          {"AllowVolumeExpansion", "string", "", "allowVolumeExpansion shows whether the storage class allow volume expand.", 0},
          AgeColumn},
         storageClassCells},
        {"policy", "PodDisruptionBudget",
         {NameColumn,
          {"Min Available", "string", "", "The minimum number of pods that must be available.", 0},
          {"Max Unavailable", "string", "", "The maximum number of pods that may be unavailable.", 0},
          {"Allowed Disruptions", "integer", "", "Calculated number of pods that may be disrupted at this time.", 0},
          AgeColumn},
         pdbCells},
        {"discovery.k8s.io", "EndpointSlice",
         {NameColumn,
          {"AddressType", "string", "", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.", 0},
          {"Ports", "string", "", "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates \"all ports\". Each slice may include a maximum of 100 ports.", 0},
          {"Endpoints", "string", "", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.", 0},
          AgeColumn},
         endpointSliceCells},
        {"coordination.k8s.io", "Lease",
         {NameColumn,
          {"Holder", "string", "", "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.", 0},
          AgeColumn},
         leaseCells},
        {"scheduling.k8s.io", "PriorityClass",
         {NameColumn,
          {"Value", "integer", "", "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.", 0},
          {"Global-Default", "boolean", "", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.", 0},
          AgeColumn,
          {"PreemptionPolicy", "string", "", "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.", 0}},
         priorityClassCells},
        {"admissionregistration.k8s.io", "MutatingWebhookConfiguration",
         {NameColumn, {"Webhooks", "integer", "", WebhooksDoc, 0}, AgeColumn}, webhookCells},
        {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration",
         {NameColumn, {"Webhooks", "integer", "", WebhooksDoc, 0}, AgeColumn}, webhookCells},
    };
    return printers;
}

} // namespace acp::models::printers
