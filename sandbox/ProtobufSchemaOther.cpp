// Protobuf schema tables: policy.v1, networking.v1, scheduling.v1, coordination.v1, discovery.v1, events.v1, storage.v1.
// The messages of those packages as data (field number, json name, type, flags);
// the notation is described in sandbox/ProtobufSchema.h. Taken from the upstream generated.proto
// definitions of Kubernetes 1.32 (k8s.io/api, k8s.io/apimachinery).
#include "sandbox/ProtobufSchema.h"

namespace acp::sandbox::protobuf {

// policy.v1
static const MessageText kPolicyV1[] = {
    {"Eviction", "1:metadata:>meta.v1.ObjectMeta 2:deleteOptions:>meta.v1.DeleteOptions"},
    {"PodDisruptionBudget", "1:metadata:>meta.v1.ObjectMeta 2:spec:>PodDisruptionBudgetSpec "
                            "3:status:>PodDisruptionBudgetStatus"},
    {"PodDisruptionBudgetList", "1:metadata:>meta.v1.ListMeta 2:items:>PodDisruptionBudget*"},
    {"PodDisruptionBudgetSpec", "1:minAvailable:I? 2:selector:>meta.v1.LabelSelector 3:maxUnavailable:I? "
                                "4:unhealthyPodEvictionPolicy:s?"},
    {"PodDisruptionBudgetStatus", "1:observedGeneration:l 2:disruptedPods:{s:T} 3:disruptionsAllowed:i "
                                  "4:currentHealthy:i 5:desiredHealthy:i 6:expectedPods:i "
                                  "7:conditions:>meta.v1.Condition*"},
};
const PackageText kSchemaPolicyV1{"policy.v1", kPolicyV1, std::size(kPolicyV1)};

// networking.v1
static const MessageText kNetworkingV1[] = {
    {"HTTPIngressPath", "1:path:s 2:backend:>IngressBackend 3:pathType:s?"},
    {"HTTPIngressRuleValue", "1:paths:>HTTPIngressPath*"},
    {"IPBlock", "1:cidr:s 2:except:s*"},
    {"Ingress", "1:metadata:>meta.v1.ObjectMeta 2:spec:>IngressSpec 3:status:>IngressStatus"},
    {"IngressBackend", "3:resource:>core.v1.TypedLocalObjectReference 4:service:>IngressServiceBackend"},
    {"IngressClass", "1:metadata:>meta.v1.ObjectMeta 2:spec:>IngressClassSpec"},
    {"IngressClassList", "1:metadata:>meta.v1.ListMeta 2:items:>IngressClass*"},
    {"IngressClassParametersReference", "1:aPIGroup:s? 2:kind:s 3:name:s 4:scope:s? 5:namespace:s?"},
    {"IngressClassSpec", "1:controller:s 2:parameters:>IngressClassParametersReference"},
    {"IngressList", "1:metadata:>meta.v1.ListMeta 2:items:>Ingress*"},
    {"IngressLoadBalancerIngress", "1:ip:s 2:hostname:s 4:ports:>IngressPortStatus*"},
    {"IngressLoadBalancerStatus", "1:ingress:>IngressLoadBalancerIngress*"},
    {"IngressPortStatus", "1:port:i 2:protocol:s 3:error:s?"},
    {"IngressRule", "1:host:s 2:ingressRuleValue:>IngressRuleValue^"},
    {"IngressRuleValue", "1:http:>HTTPIngressRuleValue"},
    {"IngressServiceBackend", "1:name:s 2:port:>ServiceBackendPort"},
    {"IngressSpec", "1:defaultBackend:>IngressBackend 2:tls:>IngressTLS* 3:rules:>IngressRule* 4:ingressClassName:s?"},
    {"IngressStatus", "1:loadBalancer:>IngressLoadBalancerStatus"},
    {"IngressTLS", "1:hosts:s* 2:secretName:s"},
    {"NetworkPolicy", "1:metadata:>meta.v1.ObjectMeta 2:spec:>NetworkPolicySpec"},
    {"NetworkPolicyEgressRule", "1:ports:>NetworkPolicyPort* 2:to:>NetworkPolicyPeer*"},
    {"NetworkPolicyIngressRule", "1:ports:>NetworkPolicyPort* 2:from:>NetworkPolicyPeer*"},
    {"NetworkPolicyList", "1:metadata:>meta.v1.ListMeta 2:items:>NetworkPolicy*"},
    {"NetworkPolicyPeer", "1:podSelector:>meta.v1.LabelSelector 2:namespaceSelector:>meta.v1.LabelSelector "
                          "3:ipBlock:>IPBlock"},
    {"NetworkPolicyPort", "1:protocol:s? 2:port:I? 3:endPort:i?"},
    {"NetworkPolicySpec", "1:podSelector:>meta.v1.LabelSelector 2:ingress:>NetworkPolicyIngressRule* "
                          "3:egress:>NetworkPolicyEgressRule* 4:policyTypes:s*"},
    {"ServiceBackendPort", "1:name:s 2:number:i"},
};
const PackageText kSchemaNetworkingV1{"networking.v1", kNetworkingV1, std::size(kNetworkingV1)};

// scheduling.v1
static const MessageText kSchedulingV1[] = {
    {"PriorityClass", "1:metadata:>meta.v1.ObjectMeta 2:value:i 3:globalDefault:b 4:description:s "
                      "5:preemptionPolicy:s?"},
    {"PriorityClassList", "1:metadata:>meta.v1.ListMeta 2:items:>PriorityClass*"},
};
const PackageText kSchemaSchedulingV1{"scheduling.v1", kSchedulingV1, std::size(kSchedulingV1)};

// coordination.v1
static const MessageText kCoordinationV1[] = {
    {"Lease", "1:metadata:>meta.v1.ObjectMeta 2:spec:>LeaseSpec"},
    {"LeaseList", "1:metadata:>meta.v1.ListMeta 2:items:>Lease*"},
    {"LeaseSpec", "1:holderIdentity:s? 2:leaseDurationSeconds:i? 3:acquireTime:U? 4:renewTime:U? "
                  "5:leaseTransitions:i? 6:strategy:s? 7:preferredHolder:s?"},
};
const PackageText kSchemaCoordinationV1{"coordination.v1", kCoordinationV1, std::size(kCoordinationV1)};

// discovery.v1
static const MessageText kDiscoveryV1[] = {
    {"Endpoint", "1:addresses:s* 2:conditions:>EndpointConditions 3:hostname:s? 4:targetRef:>core.v1.ObjectReference "
                 "5:deprecatedTopology:{s:s} 6:nodeName:s? 7:zone:s? 8:hints:>EndpointHints"},
    {"EndpointConditions", "1:ready:b? 2:serving:b? 3:terminating:b?"},
    {"EndpointHints", "1:forZones:>ForZone*"},
    {"EndpointPort", "1:name:s? 2:protocol:s? 3:port:i? 4:appProtocol:s?"},
    {"EndpointSlice", "1:metadata:>meta.v1.ObjectMeta 2:endpoints:>Endpoint* 3:ports:>EndpointPort* 4:addressType:s"},
    {"EndpointSliceList", "1:metadata:>meta.v1.ListMeta 2:items:>EndpointSlice*"},
    {"ForZone", "1:name:s"},
};
const PackageText kSchemaDiscoveryV1{"discovery.v1", kDiscoveryV1, std::size(kDiscoveryV1)};

// events.v1
static const MessageText kEventsV1[] = {
    {"Event", "1:metadata:>meta.v1.ObjectMeta 2:eventTime:U 3:series:>EventSeries 4:reportingController:s "
              "5:reportingInstance:s 6:action:s 7:reason:s 8:regarding:>core.v1.ObjectReference "
              "9:related:>core.v1.ObjectReference 10:note:s 11:type:s 12:deprecatedSource:>core.v1.EventSource "
              "13:deprecatedFirstTimestamp:T 14:deprecatedLastTimestamp:T 15:deprecatedCount:i"},
    {"EventList", "1:metadata:>meta.v1.ListMeta 2:items:>Event*"},
    {"EventSeries", "1:count:i 2:lastObservedTime:U"},
};
const PackageText kSchemaEventsV1{"events.v1", kEventsV1, std::size(kEventsV1)};

// storage.v1
static const MessageText kStorageV1[] = {
    {"CSIDriver", "1:metadata:>meta.v1.ObjectMeta 2:spec:>CSIDriverSpec"},
    {"CSIDriverList", "1:metadata:>meta.v1.ListMeta 2:items:>CSIDriver*"},
    {"CSIDriverSpec", "1:attachRequired:b? 2:podInfoOnMount:b? 3:volumeLifecycleModes:s* 4:storageCapacity:b? "
                      "5:fsGroupPolicy:s? 6:tokenRequests:>TokenRequest* 7:requiresRepublish:b? 8:seLinuxMount:b?"},
    {"CSINode", "1:metadata:>meta.v1.ObjectMeta 2:spec:>CSINodeSpec"},
    {"CSINodeDriver", "1:name:s 2:nodeID:s 3:topologyKeys:s* 4:allocatable:>VolumeNodeResources"},
    {"CSINodeList", "1:metadata:>meta.v1.ListMeta 2:items:>CSINode*"},
    {"CSINodeSpec", "1:drivers:>CSINodeDriver*"},
    {"CSIStorageCapacity", "1:metadata:>meta.v1.ObjectMeta 2:nodeTopology:>meta.v1.LabelSelector "
                           "3:storageClassName:s 4:capacity:Q? 5:maximumVolumeSize:Q?"},
    {"CSIStorageCapacityList", "1:metadata:>meta.v1.ListMeta 2:items:>CSIStorageCapacity*"},
    {"StorageClass", "1:metadata:>meta.v1.ObjectMeta 2:provisioner:s 3:parameters:{s:s} 4:reclaimPolicy:s? "
                     "5:mountOptions:s* 6:allowVolumeExpansion:b? 7:volumeBindingMode:s? "
                     "8:allowedTopologies:>core.v1.TopologySelectorTerm*"},
    {"StorageClassList", "1:metadata:>meta.v1.ListMeta 2:items:>StorageClass*"},
    {"TokenRequest", "1:audience:s 2:expirationSeconds:l?"},
    {"VolumeAttachment", "1:metadata:>meta.v1.ObjectMeta 2:spec:>VolumeAttachmentSpec "
                         "3:status:>VolumeAttachmentStatus"},
    {"VolumeAttachmentList", "1:metadata:>meta.v1.ListMeta 2:items:>VolumeAttachment*"},
    {"VolumeAttachmentSource", "1:persistentVolumeName:s? 2:inlineVolumeSpec:>core.v1.PersistentVolumeSpec"},
    {"VolumeAttachmentSpec", "1:attacher:s 2:source:>VolumeAttachmentSource 3:nodeName:s"},
    {"VolumeAttachmentStatus", "1:attached:b 2:attachmentMetadata:{s:s} 3:attachError:>VolumeError "
                               "4:detachError:>VolumeError"},
    {"VolumeError", "1:time:T 2:message:s"},
    {"VolumeNodeResources", "1:count:i?"},
};
const PackageText kSchemaStorageV1{"storage.v1", kStorageV1, std::size(kStorageV1)};

} // namespace acp::sandbox::protobuf
