// Core-group kinds of kube-apiserver's internal printers (Kubernetes 1.32), Pod excepted.
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"

#include <QStringList>

#include <algorithm>

namespace acp::models::printers {

using namespace format;
using L = QLatin1String;

namespace desc {
const char Name[] =
    "Name must be unique within a namespace. Is required when creating resources, although "
    "some resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
const char CreationTimestamp[] =
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#metadata";
const char ContainersInTemplate[] = "Names of each container in the template.";
const char ImagesInTemplate[] = "Images referenced by each container in the template.";
} // namespace desc

void containerCells(const QJsonArray &containers, QString *names, QString *images)
{
    QStringList n, i;
    for (const QJsonValue &c : containers) {
        n.append(str(c, L("name")));
        i.append(str(c, L("image")));
    }
    *names = n.join(u',');
    *images = i.join(u',');
}

namespace {

QString name(const QJsonObject &o)
{
    return str(o, L("metadata.name"));
}

QString age(const QJsonObject &o, const QDateTime &now)
{
    return timestampSince(at(o, L("metadata.creationTimestamp")), now);
}

QString orDefault(const QString &s, const char *fallback)
{
    return s.isEmpty() ? QString::fromLatin1(fallback) : s;
}

QJsonArray namespaceCells(const QJsonObject &o, const QDateTime &now)
{
    return {name(o), orDefault(str(o, L("status.phase")), "Active"), age(o, now)};
}

QString nodeAddress(const QJsonObject &node, L type)
{
    for (const QJsonValue &a : array(node, L("status.addresses"))) {
        if (str(a, L("type")) == type)
            return str(a, L("address"));
    }
    return QStringLiteral("<none>");
}

QJsonArray nodeCells(const QJsonObject &o, const QDateTime &now)
{
    QStringList status;
    QJsonValue ready; // the last Ready condition wins, as in the printer's map
    for (const QJsonValue &c : array(o, L("status.conditions"))) {
        if (str(c, L("type")) == L("Ready"))
            ready = c;
    }
    if (ready.isObject())
        status.append(str(ready, L("status")) == L("True") ? QStringLiteral("Ready")
                                                          : QStringLiteral("NotReady"));
    if (status.isEmpty())
        status.append(QStringLiteral("Unknown"));
    if (at(o, L("spec.unschedulable")).toBool())
        status.append(QStringLiteral("SchedulingDisabled"));

    QStringList roles;
    const QJsonObject labels = object(o, L("metadata.labels"));
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        QString role;
        if (it.key().startsWith(L("node-role.kubernetes.io/")))
            role = it.key().mid(24);
        else if (it.key() == L("kubernetes.io/role"))
            role = it.value().toString();
        if (!role.isEmpty() && !roles.contains(role))
            roles.append(role);
    }
    roles.sort();

    const QJsonObject info = object(o, L("status.nodeInfo"));
    return {name(o),
            status.join(u','),
            roles.isEmpty() ? QStringLiteral("<none>") : roles.join(u','),
            age(o, now),
            str(info, L("kubeletVersion")),
            nodeAddress(o, L("InternalIP")),
            nodeAddress(o, L("ExternalIP")),
            orDefault(str(info, L("osImage")), "<unknown>"),
            orDefault(str(info, L("kernelVersion")), "<unknown>"),
            orDefault(str(info, L("containerRuntimeVersion")), "<unknown>")};
}

QString serviceExternalIP(const QJsonObject &o)
{
    const QString type = orDefault(str(o, L("spec.type")), "ClusterIP");
    QStringList externalIPs;
    for (const QJsonValue &ip : array(o, L("spec.externalIPs")))
        externalIPs.append(ip.toString());
    if (type == L("ClusterIP") || type == L("NodePort"))
        return externalIPs.isEmpty() ? QStringLiteral("<none>") : externalIPs.join(u',');
    if (type == L("LoadBalancer")) {
        QStringList lb; // a sorted set; the server prints wide, so no truncation
        for (const QJsonValue &i : array(o, L("status.loadBalancer.ingress"))) {
            QString v = str(i, L("ip"));
            if (v.isEmpty())
                v = str(i, L("hostname"));
            if (!v.isEmpty() && !lb.contains(v))
                lb.append(v);
        }
        lb.sort();
        if (!externalIPs.isEmpty())
            return (lb + externalIPs).join(u',');
        return lb.isEmpty() ? QStringLiteral("<pending>") : lb.join(u',');
    }
    if (type == L("ExternalName"))
        return str(o, L("spec.externalName"));
    return QStringLiteral("<unknown>");
}

QJsonArray serviceCells(const QJsonObject &o, const QDateTime &now)
{
    QString clusterIP = array(o, L("spec.clusterIPs")).at(0).toString();
    if (clusterIP.isEmpty())
        clusterIP = str(o, L("spec.clusterIP"));
    QStringList ports;
    for (const QJsonValue &p : array(o, L("spec.ports"))) {
        const QString protocol = orDefault(str(p, L("protocol")), "TCP");
        const qint64 nodePort = integer(p, L("nodePort"));
        QString s = QString::number(integer(p, L("port")));
        if (nodePort > 0)
            s += u':' + QString::number(nodePort);
        ports.append(s + u'/' + protocol);
    }
    return {name(o),
            orDefault(str(o, L("spec.type")), "ClusterIP"),
            orDefault(clusterIP, "<none>"),
            serviceExternalIP(o),
            orDefault(ports.join(u','), "<none>"),
            age(o, now),
            formatLabels(object(o, L("spec.selector")))};
}

QString joinHostPort(const QString &host, qint64 port)
{
    const QString h = host.contains(u':') ? u'[' + host + u']' : host;
    return h + u':' + QString::number(port);
}

QJsonArray endpointsCells(const QJsonObject &o, const QDateTime &now)
{
    const QJsonArray subsets = array(o, L("subsets"));
    QString text = QStringLiteral("<none>");
    if (!subsets.isEmpty()) {
        QStringList list;
        const int max = 3;
        bool more = false;
        qint64 count = 0;
        for (const QJsonValue &ss : subsets) {
            const QJsonArray addresses = array(ss, L("addresses"));
            const QJsonArray ports = array(ss, L("ports"));
            if (ports.isEmpty()) { // headless services with no ports
                count += addresses.size();
                for (const QJsonValue &a : addresses) {
                    if (list.size() == max) {
                        more = true;
                        break;
                    }
                    list.append(str(a, L("ip")));
                }
                continue;
            }
            for (const QJsonValue &p : ports) {
                count += addresses.size();
                for (const QJsonValue &a : addresses) {
                    if (list.size() == max) {
                        more = true;
                        break;
                    }
                    list.append(joinHostPort(str(a, L("ip")), integer(p, L("port"))));
                }
            }
        }
        text = list.join(u',');
        if (more)
            text += QStringLiteral(" + %1 more...").arg(count - max);
    }
    return {name(o), text, age(o, now)};
}

QJsonArray configMapCells(const QJsonObject &o, const QDateTime &now)
{
    const qint64 n = object(o, L("data")).size() + object(o, L("binaryData")).size();
    return {name(o), n, age(o, now)};
}

QJsonArray secretCells(const QJsonObject &o, const QDateTime &now)
{
    return {name(o), orDefault(str(o, L("type")), "Opaque"), qint64(object(o, L("data")).size()),
            age(o, now)};
}

QJsonArray serviceAccountCells(const QJsonObject &o, const QDateTime &now)
{
    return {name(o), qint64(array(o, L("secrets")).size()), age(o, now)};
}

QJsonArray eventCells(const QJsonObject &o, const QDateTime &now)
{
    QString first = timestampSince(at(o, L("firstTimestamp")), now);
    if (!parseTimestamp(str(o, L("firstTimestamp"))).isValid())
        first = timestampSince(at(o, L("eventTime")), now);
    QString last = timestampSince(at(o, L("lastTimestamp")), now);
    if (!parseTimestamp(str(o, L("lastTimestamp"))).isValid())
        last = first;
    qint64 count = integer(o, L("count"));
    if (isSet(o, L("series"))) {
        last = timestampSince(at(o, L("series.lastObservedTime")), now);
        count = integer(o, L("series.count"));
    } else if (count == 0) {
        count = 1; // singleton events have no count in the new API
    }
    const QString kind = str(o, L("involvedObject.kind")).toLower();
    const QString objName = str(o, L("involvedObject.name"));
    const QString target = objName.isEmpty() ? kind : kind + u'/' + objName;
    QString component = str(o, L("source.component"));
    if (component.isEmpty())
        component = str(o, L("reportingComponent"));
    QString host = str(o, L("source.host"));
    if (host.isEmpty())
        host = str(o, L("reportingInstance"));
    const QString source = host.isEmpty() ? component : component + QStringLiteral(", ") + host;
    return {last,
            str(o, L("type")),
            str(o, L("reason")),
            target,
            str(o, L("involvedObject.fieldPath")),
            source,
            str(o, L("message")).trimmed(),
            first,
            count,
            name(o)};
}

QJsonArray resourceQuotaCells(const QJsonObject &o, const QDateTime &now)
{
    const QJsonObject hard = object(o, L("status.hard"));
    const QJsonObject used = object(o, L("status.used"));
    QStringList requests, limits;
    for (auto it = hard.begin(); it != hard.end(); ++it) { // keys are sorted
        const QString usedQty = used.contains(it.key()) ? used.value(it.key()).toString()
                                                        : QStringLiteral("0");
        const QString text = it.key() + QStringLiteral(": ") + usedQty + u'/'
            + it.value().toString();
        const QStringList pieces = it.key().split(u'.');
        if (pieces.size() > 1 && pieces.first() == L("limits"))
            limits.append(text);
        else
            requests.append(text);
    }
    return {name(o), requests.join(QStringLiteral(", ")), limits.join(QStringLiteral(", ")),
            age(o, now)};
}

QJsonArray pvcCells(const QJsonObject &o, const QDateTime &now)
{
    QString phase = orDefault(str(o, L("status.phase")), "Pending");
    if (isSet(o, L("metadata.deletionTimestamp")))
        phase = QStringLiteral("Terminating");
    const QString volumeName = str(o, L("spec.volumeName"));
    QString capacity, modes;
    if (!volumeName.isEmpty()) {
        modes = accessModes(array(o, L("status.accessModes")));
        capacity = str(o, L("status.capacity.storage"));
        if (capacity.isEmpty())
            capacity = QStringLiteral("0");
    }
    const QJsonObject annotations = object(o, L("metadata.annotations"));
    QString storageClass = str(o, L("spec.storageClassName"));
    if (annotations.contains(L("volume.beta.kubernetes.io/storage-class")))
        storageClass = annotations.value(L("volume.beta.kubernetes.io/storage-class")).toString();
    return {name(o),
            phase,
            volumeName,
            capacity,
            modes,
            storageClass,
            orDefault(str(o, L("spec.volumeAttributesClassName")), "<unset>"),
            age(o, now),
            orDefault(str(o, L("spec.volumeMode")), "Filesystem")};
}

QJsonArray pvCells(const QJsonObject &o, const QDateTime &now)
{
    QString claim;
    if (isSet(o, L("spec.claimRef")))
        claim = str(o, L("spec.claimRef.namespace")) + u'/' + str(o, L("spec.claimRef.name"));
    QString phase = orDefault(str(o, L("status.phase")), "Pending");
    if (isSet(o, L("metadata.deletionTimestamp")))
        phase = QStringLiteral("Terminating");
    const QJsonObject annotations = object(o, L("metadata.annotations"));
    QString storageClass = str(o, L("spec.storageClassName"));
    if (annotations.contains(L("volume.beta.kubernetes.io/storage-class")))
        storageClass = annotations.value(L("volume.beta.kubernetes.io/storage-class")).toString();
    return {name(o),
            orDefault(str(o, L("spec.capacity.storage")), "0"),
            accessModes(array(o, L("spec.accessModes"))),
            orDefault(str(o, L("spec.persistentVolumeReclaimPolicy")), "Retain"),
            phase,
            claim,
            storageClass,
            orDefault(str(o, L("spec.volumeAttributesClassName")), "<unset>"),
            str(o, L("status.reason")),
            age(o, now),
            orDefault(str(o, L("spec.volumeMode")), "Filesystem")};
}

QJsonArray replicationControllerCells(const QJsonObject &o, const QDateTime &now)
{
    QString names, images;
    containerCells(array(o, L("spec.template.spec.containers")), &names, &images);
    return {name(o),
            integer(o, L("spec.replicas"), 1),
            integer(o, L("status.replicas")),
            integer(o, L("status.readyReplicas")),
            age(o, now),
            names,
            images,
            formatLabels(object(o, L("spec.selector")))};
}

} // namespace

const QList<KindPrinter> &corePrinters()
{
    static const QList<KindPrinter> printers = {
        podPrinter(),
        {"", "Namespace", {NameColumn, {"Status", "string", "", "The status of the namespace", 0}, AgeColumn}, namespaceCells},
        {"", "Node",
         {NameColumn,
          {"Status", "string", "", "The status of the node", 0},
          {"Roles", "string", "", "The roles of the node", 0},
          AgeColumn,
          {"Version", "string", "", "Kubelet Version reported by the node.", 0},
          {"Internal-IP", "string", "", "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).", 1},
          {"External-IP", "string", "", "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).", 1},
          {"OS-Image", "string", "", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1},
          {"Kernel-Version", "string", "", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1},
          {"Container-Runtime", "string", "", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1}},
         nodeCells},
        {"", "Service",
         {NameColumn,
          {"Type", "string", "", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types", 0},
          {"Cluster-IP", "string", "", "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies", 0},
          {"External-IP", "string", "", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.", 0},
          {"Port(s)", "string", "", "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies", 0},
          AgeColumn,
          {"Selector", "string", "", "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/", 1}},
         serviceCells},
        {"", "Endpoints",
         {NameColumn,
          {"Endpoints", "string", "", "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.", 0},
          AgeColumn},
         endpointsCells},
        {"", "ConfigMap",
         {NameColumn, {"Data", "string", "", "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.", 0}, AgeColumn},
         configMapCells},
        {"", "Secret",
         {NameColumn,
          {"Type", "string", "", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types", 0},
          {"Data", "string", "", "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4", 0},
          AgeColumn},
         secretCells},
        {"", "ServiceAccount",
         {NameColumn, {"Secrets", "string", "", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret", 0}, AgeColumn},
         serviceAccountCells},
        {"", "Event",
         {{"Last Seen", "string", "", "The time at which the most recent occurrence of this event was recorded.", 0},
          {"Type", "string", "", "Type of this event (Normal, Warning), new types could be added in the future", 0},
          {"Reason", "string", "", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", 0},
          {"Object", "string", "", "The object that this event is about.", 0},
          {"Subobject", "string", "", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.", 1},
          {"Source", "string", "", "The component reporting this event. Should be a short machine understandable string.", 1},
          {"Message", "string", "", "A human-readable description of the status of this operation.", 0},
          {"First Seen", "string", "", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1},
          {"Count", "string", "", "The number of times this event has occurred.", 1},
          {"Name", "string", "name", desc::Name, 1}},
         eventCells},
        {"", "ResourceQuota",
         {NameColumn,
          {"Request", "string", "", "Request represents a minimum amount of cpu/memory that a container may consume.", 0},
          {"Limit", "string", "", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.", 0},
          AgeColumn},
         resourceQuotaCells},
        {"", "PersistentVolumeClaim",
         {NameColumn,
          {"Status", "string", "", "phase represents the current phase of PersistentVolumeClaim.", 0},
          {"Volume", "string", "", "volumeName is the binding reference to the PersistentVolume backing this claim.", 0},
          {"Capacity", "string", "", "capacity represents the actual resources of the underlying volume.", 0},
          {"Access Modes", "string", "", "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1", 0},
          {"StorageClass", "string", "", "StorageClass of the pvc", 0},
          {"VolumeAttributesClass", "string", "", "VolumeAttributesClass of the pvc", 0},
          AgeColumn,
          {"VolumeMode", "string", "", "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.", 1}},
         pvcCells},
        {"", "PersistentVolume",
         {NameColumn,
          {"Capacity", "string", "", "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity", 0},
          {"Access Modes", "string", "", "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes", 0},
          {"Reclaim Policy", "string", "", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming", 0},
          {"Status", "string", "", "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase", 0},
          {"Claim", "string", "", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding", 0},
          {"StorageClass", "string", "", "StorageClass of the pv", 0},
          {"VolumeAttributesClass", "string", "", "VolumeAttributesClass of the pv", 0},
          {"Reason", "string", "", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.", 0},
          AgeColumn,
          {"VolumeMode", "string", "", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.", 1}},
         pvCells},
        {"", "ReplicationController",
         {NameColumn,
          {"Desired", "integer", "", "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller", 0},
          {"Current", "integer", "", "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller", 0},
          {"Ready", "integer", "", "The number of ready replicas for this replication controller.", 0},
          AgeColumn,
          {"Containers", "string", "", desc::ContainersInTemplate, 1},
          {"Images", "string", "", desc::ImagesInTemplate, 1},
          {"Selector", "string", "", "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1}},
         replicationControllerCells},
    };
    return printers;
}

} // namespace acp::models::printers
