// Protobuf schema tables: core.v1, messages A-O.
// The messages of those packages as data (field number, json name, type, flags);
// the notation is described in sandbox/ProtobufSchema.h. Taken from the upstream generated.proto
// definitions of Kubernetes 1.32 (k8s.io/api, k8s.io/apimachinery).
#include "sandbox/ProtobufSchema.h"

namespace acp::sandbox::protobuf {

static const MessageText kMessages[] = {
    {"AWSElasticBlockStoreVolumeSource", "1:volumeID:s 2:fsType:s 3:partition:i 4:readOnly:b"},
    {"Affinity", "1:nodeAffinity:>NodeAffinity 2:podAffinity:>PodAffinity 3:podAntiAffinity:>PodAntiAffinity"},
    {"AppArmorProfile", "1:type:s 2:localhostProfile:s?"},
    {"AttachedVolume", "1:name:s 2:devicePath:s"},
    {"AvoidPods", "1:preferAvoidPods:>PreferAvoidPodsEntry*"},
    {"AzureDiskVolumeSource", "1:diskName:s 2:diskURI:s 3:cachingMode:s? 4:fsType:s? 5:readOnly:b? 6:kind:s?"},
    {"AzureFilePersistentVolumeSource", "1:secretName:s 2:shareName:s 3:readOnly:b 4:secretNamespace:s?"},
    {"AzureFileVolumeSource", "1:secretName:s 2:shareName:s 3:readOnly:b"},
    {"Binding", "1:metadata:>meta.v1.ObjectMeta 2:target:>ObjectReference"},
    {"CSIPersistentVolumeSource", "1:driver:s 2:volumeHandle:s 3:readOnly:b 4:fsType:s 5:volumeAttributes:{s:s} "
                                  "6:controllerPublishSecretRef:>SecretReference "
                                  "7:nodeStageSecretRef:>SecretReference 8:nodePublishSecretRef:>SecretReference "
                                  "9:controllerExpandSecretRef:>SecretReference "
                                  "10:nodeExpandSecretRef:>SecretReference"},
    {"CSIVolumeSource", "1:driver:s 2:readOnly:b? 3:fsType:s? 4:volumeAttributes:{s:s} "
                        "5:nodePublishSecretRef:>LocalObjectReference"},
    {"Capabilities", "1:add:s* 2:drop:s*"},
    {"CephFSPersistentVolumeSource", "1:monitors:s* 2:path:s 3:user:s 4:secretFile:s 5:secretRef:>SecretReference "
                                     "6:readOnly:b"},
    {"CephFSVolumeSource", "1:monitors:s* 2:path:s 3:user:s 4:secretFile:s 5:secretRef:>LocalObjectReference "
                           "6:readOnly:b"},
    {"CinderPersistentVolumeSource", "1:volumeID:s 2:fsType:s 3:readOnly:b 4:secretRef:>SecretReference"},
    {"CinderVolumeSource", "1:volumeID:s 2:fsType:s 3:readOnly:b 4:secretRef:>LocalObjectReference"},
    {"ClientIPConfig", "1:timeoutSeconds:i?"},
    {"ClusterTrustBundleProjection", "1:name:s? 2:signerName:s? 3:labelSelector:>meta.v1.LabelSelector 4:path:s "
                                     "5:optional:b?"},
    {"ComponentCondition", "1:type:s 2:status:s 3:message:s 4:error:s"},
    {"ComponentStatus", "1:metadata:>meta.v1.ObjectMeta 2:conditions:>ComponentCondition*"},
    {"ComponentStatusList", "1:metadata:>meta.v1.ListMeta 2:items:>ComponentStatus*"},
    {"ConfigMap", "1:metadata:>meta.v1.ObjectMeta 2:data:{s:s} 3:binaryData:{s:y} 4:immutable:b?"},
    {"ConfigMapEnvSource", "1:localObjectReference:>LocalObjectReference^ 2:optional:b?"},
    {"ConfigMapKeySelector", "1:localObjectReference:>LocalObjectReference^ 2:key:s 3:optional:b?"},
    {"ConfigMapList", "1:metadata:>meta.v1.ListMeta 2:items:>ConfigMap*"},
    {"ConfigMapNodeConfigSource", "1:namespace:s 2:name:s 3:uid:s 4:resourceVersion:s 5:kubeletConfigKey:s"},
    {"ConfigMapProjection", "1:localObjectReference:>LocalObjectReference^ 2:items:>KeyToPath* 4:optional:b?"},
    {"ConfigMapVolumeSource", "1:localObjectReference:>LocalObjectReference^ 2:items:>KeyToPath* 3:defaultMode:i? "
                              "4:optional:b?"},
    {"Container", "1:name:s 2:image:s 3:command:s* 4:args:s* 5:workingDir:s 6:ports:>ContainerPort* 7:env:>EnvVar* "
                  "8:resources:>ResourceRequirements 9:volumeMounts:>VolumeMount* 10:livenessProbe:>Probe "
                  "11:readinessProbe:>Probe 12:lifecycle:>Lifecycle 13:terminationMessagePath:s 14:imagePullPolicy:s "
                  "15:securityContext:>SecurityContext 16:stdin:b 17:stdinOnce:b 18:tty:b 19:envFrom:>EnvFromSource* "
                  "20:terminationMessagePolicy:s 21:volumeDevices:>VolumeDevice* 22:startupProbe:>Probe "
                  "23:resizePolicy:>ContainerResizePolicy* 24:restartPolicy:s?"},
    {"ContainerImage", "1:names:s* 2:sizeBytes:l"},
    {"ContainerPort", "1:name:s 2:hostPort:i 3:containerPort:i 4:protocol:s 5:hostIP:s"},
    {"ContainerResizePolicy", "1:resourceName:s 2:restartPolicy:s"},
    {"ContainerState", "1:waiting:>ContainerStateWaiting 2:running:>ContainerStateRunning "
                       "3:terminated:>ContainerStateTerminated"},
    {"ContainerStateRunning", "1:startedAt:T"},
    {"ContainerStateTerminated", "1:exitCode:i 2:signal:i 3:reason:s 4:message:s 5:startedAt:T 6:finishedAt:T "
                                 "7:containerID:s"},
    {"ContainerStateWaiting", "1:reason:s 2:message:s"},
    {"ContainerStatus", "1:name:s 2:state:>ContainerState 3:lastState:>ContainerState 4:ready:b 5:restartCount:i "
                        "6:image:s 7:imageID:s 8:containerID:s 9:started:b? 10:allocatedResources:{s:Q} "
                        "11:resources:>ResourceRequirements 12:volumeMounts:>VolumeMountStatus* "
                        "13:user:>ContainerUser 14:allocatedResourcesStatus:>ResourceStatus*"},
    {"ContainerUser", "1:linux:>LinuxContainerUser"},
    {"DaemonEndpoint", "1:Port:i"},
    {"DownwardAPIProjection", "1:items:>DownwardAPIVolumeFile*"},
    {"DownwardAPIVolumeFile", "1:path:s 2:fieldRef:>ObjectFieldSelector 3:resourceFieldRef:>ResourceFieldSelector "
                              "4:mode:i?"},
    {"DownwardAPIVolumeSource", "1:items:>DownwardAPIVolumeFile* 2:defaultMode:i?"},
    {"EmptyDirVolumeSource", "1:medium:s 2:sizeLimit:Q?"},
    {"EndpointAddress", "1:ip:s 2:targetRef:>ObjectReference 3:hostname:s 4:nodeName:s?"},
    {"EndpointPort", "1:name:s 2:port:i 3:protocol:s 4:appProtocol:s?"},
    {"EndpointSubset", "1:addresses:>EndpointAddress* 2:notReadyAddresses:>EndpointAddress* 3:ports:>EndpointPort*"},
    {"Endpoints", "1:metadata:>meta.v1.ObjectMeta 2:subsets:>EndpointSubset*"},
    {"EndpointsList", "1:metadata:>meta.v1.ListMeta 2:items:>Endpoints*"},
    {"EnvFromSource", "1:prefix:s 2:configMapRef:>ConfigMapEnvSource 3:secretRef:>SecretEnvSource"},
    {"EnvVar", "1:name:s 2:value:s 3:valueFrom:>EnvVarSource"},
    {"EnvVarSource", "1:fieldRef:>ObjectFieldSelector 2:resourceFieldRef:>ResourceFieldSelector "
                     "3:configMapKeyRef:>ConfigMapKeySelector 4:secretKeyRef:>SecretKeySelector"},
    {"EphemeralContainer", "1:ephemeralContainerCommon:>EphemeralContainerCommon^ 2:targetContainerName:s"},
    {"EphemeralContainerCommon", "1:name:s 2:image:s 3:command:s* 4:args:s* 5:workingDir:s 6:ports:>ContainerPort* "
                                 "7:env:>EnvVar* 8:resources:>ResourceRequirements 9:volumeMounts:>VolumeMount* "
                                 "10:livenessProbe:>Probe 11:readinessProbe:>Probe 12:lifecycle:>Lifecycle "
                                 "13:terminationMessagePath:s 14:imagePullPolicy:s "
                                 "15:securityContext:>SecurityContext 16:stdin:b 17:stdinOnce:b 18:tty:b "
                                 "19:envFrom:>EnvFromSource* 20:terminationMessagePolicy:s "
                                 "21:volumeDevices:>VolumeDevice* 22:startupProbe:>Probe "
                                 "23:resizePolicy:>ContainerResizePolicy* 24:restartPolicy:s?"},
    {"EphemeralVolumeSource", "1:volumeClaimTemplate:>PersistentVolumeClaimTemplate"},
    {"Event", "1:metadata:>meta.v1.ObjectMeta 2:involvedObject:>ObjectReference 3:reason:s 4:message:s "
              "5:source:>EventSource 6:firstTimestamp:T 7:lastTimestamp:T 8:count:i 9:type:s 10:eventTime:U "
              "11:series:>EventSeries 12:action:s 13:related:>ObjectReference 14:reportingComponent:s "
              "15:reportingInstance:s"},
    {"EventList", "1:metadata:>meta.v1.ListMeta 2:items:>Event*"},
    {"EventSeries", "1:count:i 2:lastObservedTime:U"},
    {"EventSource", "1:component:s 2:host:s"},
    {"ExecAction", "1:command:s*"},
    {"FCVolumeSource", "1:targetWWNs:s* 2:lun:i? 3:fsType:s 4:readOnly:b 5:wwids:s*"},
    {"FlexPersistentVolumeSource", "1:driver:s 2:fsType:s 3:secretRef:>SecretReference 4:readOnly:b 5:options:{s:s}"},
    {"FlexVolumeSource", "1:driver:s 2:fsType:s 3:secretRef:>LocalObjectReference 4:readOnly:b 5:options:{s:s}"},
    {"FlockerVolumeSource", "1:datasetName:s 2:datasetUUID:s"},
    {"GCEPersistentDiskVolumeSource", "1:pdName:s 2:fsType:s 3:partition:i 4:readOnly:b"},
    {"GRPCAction", "1:port:i 2:service:s?"},
    {"GitRepoVolumeSource", "1:repository:s 2:revision:s 3:directory:s"},
    {"GlusterfsPersistentVolumeSource", "1:endpoints:s 2:path:s 3:readOnly:b 4:endpointsNamespace:s?"},
    {"GlusterfsVolumeSource", "1:endpoints:s 2:path:s 3:readOnly:b"},
    {"HTTPGetAction", "1:path:s 2:port:I 3:host:s 4:scheme:s 5:httpHeaders:>HTTPHeader*"},
    {"HTTPHeader", "1:name:s 2:value:s"},
    {"HostAlias", "1:ip:s 2:hostnames:s*"},
    {"HostIP", "1:ip:s"},
    {"HostPathVolumeSource", "1:path:s 2:type:s?"},
    {"ISCSIPersistentVolumeSource", "1:targetPortal:s 2:iqn:s 3:lun:i 4:iscsiInterface:s 5:fsType:s 6:readOnly:b "
                                    "7:portals:s* 8:chapAuthDiscovery:b 10:secretRef:>SecretReference "
                                    "11:chapAuthSession:b 12:initiatorName:s?"},
    {"ISCSIVolumeSource", "1:targetPortal:s 2:iqn:s 3:lun:i 4:iscsiInterface:s 5:fsType:s 6:readOnly:b 7:portals:s* "
                          "8:chapAuthDiscovery:b 10:secretRef:>LocalObjectReference 11:chapAuthSession:b "
                          "12:initiatorName:s?"},
    {"ImageVolumeSource", "1:reference:s 2:pullPolicy:s"},
    {"KeyToPath", "1:key:s 2:path:s 3:mode:i?"},
    {"Lifecycle", "1:postStart:>LifecycleHandler 2:preStop:>LifecycleHandler"},
    {"LifecycleHandler", "1:exec:>ExecAction 2:httpGet:>HTTPGetAction 3:tcpSocket:>TCPSocketAction "
                         "4:sleep:>SleepAction"},
    {"LimitRange", "1:metadata:>meta.v1.ObjectMeta 2:spec:>LimitRangeSpec"},
    {"LimitRangeItem", "1:type:s 2:max:{s:Q} 3:min:{s:Q} 4:default:{s:Q} 5:defaultRequest:{s:Q} "
                       "6:maxLimitRequestRatio:{s:Q}"},
    {"LimitRangeList", "1:metadata:>meta.v1.ListMeta 2:items:>LimitRange*"},
    {"LimitRangeSpec", "1:limits:>LimitRangeItem*"},
    {"LinuxContainerUser", "1:uid:l 2:gid:l 3:supplementalGroups:l*"},
    {"List", "1:metadata:>meta.v1.ListMeta 2:items:R*"},
    {"LoadBalancerIngress", "1:ip:s 2:hostname:s 3:ipMode:s? 4:ports:>PortStatus*"},
    {"LoadBalancerStatus", "1:ingress:>LoadBalancerIngress*"},
    {"LocalObjectReference", "1:name:s"},
    {"LocalVolumeSource", "1:path:s 2:fsType:s?"},
    {"ModifyVolumeStatus", "1:targetVolumeAttributesClassName:s 2:status:s"},
    {"NFSVolumeSource", "1:server:s 2:path:s 3:readOnly:b"},
    {"Namespace", "1:metadata:>meta.v1.ObjectMeta 2:spec:>NamespaceSpec 3:status:>NamespaceStatus"},
    {"NamespaceCondition", "1:type:s 2:status:s 4:lastTransitionTime:T 5:reason:s 6:message:s"},
    {"NamespaceList", "1:metadata:>meta.v1.ListMeta 2:items:>Namespace*"},
    {"NamespaceSpec", "1:finalizers:s*"},
    {"NamespaceStatus", "1:phase:s 2:conditions:>NamespaceCondition*"},
    {"Node", "1:metadata:>meta.v1.ObjectMeta 2:spec:>NodeSpec 3:status:>NodeStatus"},
    {"NodeAddress", "1:type:s 2:address:s"},
    {"NodeAffinity", "1:requiredDuringSchedulingIgnoredDuringExecution:>NodeSelector "
                     "2:preferredDuringSchedulingIgnoredDuringExecution:>PreferredSchedulingTerm*"},
    {"NodeCondition", "1:type:s 2:status:s 3:lastHeartbeatTime:T 4:lastTransitionTime:T 5:reason:s 6:message:s"},
    {"NodeConfigSource", "2:configMap:>ConfigMapNodeConfigSource"},
    {"NodeConfigStatus", "1:assigned:>NodeConfigSource 2:active:>NodeConfigSource 3:lastKnownGood:>NodeConfigSource "
                         "4:error:s"},
    {"NodeDaemonEndpoints", "1:kubeletEndpoint:>DaemonEndpoint"},
    {"NodeFeatures", "1:supplementalGroupsPolicy:b?"},
    {"NodeList", "1:metadata:>meta.v1.ListMeta 2:items:>Node*"},
    {"NodeProxyOptions", "1:path:s"},
    {"NodeRuntimeHandler", "1:name:s 2:features:>NodeRuntimeHandlerFeatures"},
    {"NodeRuntimeHandlerFeatures", "1:recursiveReadOnlyMounts:b? 2:userNamespaces:b?"},
    {"NodeSelector", "1:nodeSelectorTerms:>NodeSelectorTerm*"},
    {"NodeSelectorRequirement", "1:key:s 2:operator:s 3:values:s*"},
    {"NodeSelectorTerm", "1:matchExpressions:>NodeSelectorRequirement* 2:matchFields:>NodeSelectorRequirement*"},
    {"NodeSpec", "1:podCIDR:s 2:externalID:s 3:providerID:s 4:unschedulable:b 5:taints:>Taint* "
                 "6:configSource:>NodeConfigSource 7:podCIDRs:s*"},
    {"NodeStatus", "1:capacity:{s:Q} 2:allocatable:{s:Q} 3:phase:s 4:conditions:>NodeCondition* "
                   "5:addresses:>NodeAddress* 6:daemonEndpoints:>NodeDaemonEndpoints 7:nodeInfo:>NodeSystemInfo "
                   "8:images:>ContainerImage* 9:volumesInUse:s* 10:volumesAttached:>AttachedVolume* "
                   "11:config:>NodeConfigStatus 12:runtimeHandlers:>NodeRuntimeHandler* 13:features:>NodeFeatures"},
    {"NodeSystemInfo", "1:machineID:s 2:systemUUID:s 3:bootID:s 4:kernelVersion:s 5:osImage:s "
                       "6:containerRuntimeVersion:s 7:kubeletVersion:s 8:kubeProxyVersion:s 9:operatingSystem:s "
                       "10:architecture:s"},
    {"ObjectFieldSelector", "1:apiVersion:s 2:fieldPath:s"},
    {"ObjectReference", "1:kind:s 2:namespace:s 3:name:s 4:uid:s 5:apiVersion:s 6:resourceVersion:s 7:fieldPath:s"},
};

const PackageText kSchemaCoreV1a{"core.v1", kMessages, std::size(kMessages)};

} // namespace acp::sandbox::protobuf
