// Protobuf schema tables: core.v1, messages P-Z.
// The messages of those packages as data (field number, json name, type, flags);
// the notation is described in sandbox/ProtobufSchema.h. Taken from the upstream generated.proto
// definitions of Kubernetes 1.32 (k8s.io/api, k8s.io/apimachinery).
#include "sandbox/ProtobufSchema.h"

namespace acp::sandbox::protobuf {

static const MessageText kMessages[] = {
    {"PersistentVolume", "1:metadata:>meta.v1.ObjectMeta 2:spec:>PersistentVolumeSpec "
                         "3:status:>PersistentVolumeStatus"},
    {"PersistentVolumeClaim", "1:metadata:>meta.v1.ObjectMeta 2:spec:>PersistentVolumeClaimSpec "
                              "3:status:>PersistentVolumeClaimStatus"},
    {"PersistentVolumeClaimCondition", "1:type:s 2:status:s 3:lastProbeTime:T 4:lastTransitionTime:T 5:reason:s "
                                       "6:message:s"},
    {"PersistentVolumeClaimList", "1:metadata:>meta.v1.ListMeta 2:items:>PersistentVolumeClaim*"},
    {"PersistentVolumeClaimSpec", "1:accessModes:s* 2:resources:>VolumeResourceRequirements 3:volumeName:s "
                                  "4:selector:>meta.v1.LabelSelector 5:storageClassName:s? 6:volumeMode:s? "
                                  "7:dataSource:>TypedLocalObjectReference 8:dataSourceRef:>TypedObjectReference "
                                  "9:volumeAttributesClassName:s?"},
    {"PersistentVolumeClaimStatus", "1:phase:s 2:accessModes:s* 3:capacity:{s:Q} "
                                    "4:conditions:>PersistentVolumeClaimCondition* 5:allocatedResources:{s:Q} "
                                    "7:allocatedResourceStatuses:{s:s} 8:currentVolumeAttributesClassName:s? "
                                    "9:modifyVolumeStatus:>ModifyVolumeStatus"},
    {"PersistentVolumeClaimTemplate", "1:metadata:>meta.v1.ObjectMeta 2:spec:>PersistentVolumeClaimSpec"},
    {"PersistentVolumeClaimVolumeSource", "1:claimName:s 2:readOnly:b"},
    {"PersistentVolumeList", "1:metadata:>meta.v1.ListMeta 2:items:>PersistentVolume*"},
    {"PersistentVolumeSource", "1:gcePersistentDisk:>GCEPersistentDiskVolumeSource "
                               "2:awsElasticBlockStore:>AWSElasticBlockStoreVolumeSource "
                               "3:hostPath:>HostPathVolumeSource 4:glusterfs:>GlusterfsPersistentVolumeSource "
                               "5:nfs:>NFSVolumeSource 6:rbd:>RBDPersistentVolumeSource "
                               "7:iscsi:>ISCSIPersistentVolumeSource 8:cinder:>CinderPersistentVolumeSource "
                               "9:cephfs:>CephFSPersistentVolumeSource 10:fc:>FCVolumeSource "
                               "11:flocker:>FlockerVolumeSource 12:flexVolume:>FlexPersistentVolumeSource "
                               "13:azureFile:>AzureFilePersistentVolumeSource "
                               "14:vsphereVolume:>VsphereVirtualDiskVolumeSource 15:quobyte:>QuobyteVolumeSource "
                               "16:azureDisk:>AzureDiskVolumeSource "
                               "17:photonPersistentDisk:>PhotonPersistentDiskVolumeSource "
                               "18:portworxVolume:>PortworxVolumeSource 19:scaleIO:>ScaleIOPersistentVolumeSource "
                               "20:local:>LocalVolumeSource 21:storageos:>StorageOSPersistentVolumeSource "
                               "22:csi:>CSIPersistentVolumeSource"},
    {"PersistentVolumeSpec", "1:capacity:{s:Q} 2:persistentVolumeSource:>PersistentVolumeSource^ 3:accessModes:s* "
                             "4:claimRef:>ObjectReference 5:persistentVolumeReclaimPolicy:s 6:storageClassName:s "
                             "7:mountOptions:s* 8:volumeMode:s? 9:nodeAffinity:>VolumeNodeAffinity "
                             "10:volumeAttributesClassName:s?"},
    {"PersistentVolumeStatus", "1:phase:s 2:message:s 3:reason:s 4:lastPhaseTransitionTime:T?"},
    {"PhotonPersistentDiskVolumeSource", "1:pdID:s 2:fsType:s"},
    {"Pod", "1:metadata:>meta.v1.ObjectMeta 2:spec:>PodSpec 3:status:>PodStatus"},
    {"PodAffinity", "1:requiredDuringSchedulingIgnoredDuringExecution:>PodAffinityTerm* "
                    "2:preferredDuringSchedulingIgnoredDuringExecution:>WeightedPodAffinityTerm*"},
    {"PodAffinityTerm", "1:labelSelector:>meta.v1.LabelSelector 2:namespaces:s* 3:topologyKey:s "
                        "4:namespaceSelector:>meta.v1.LabelSelector 5:matchLabelKeys:s* 6:mismatchLabelKeys:s*"},
    {"PodAntiAffinity", "1:requiredDuringSchedulingIgnoredDuringExecution:>PodAffinityTerm* "
                        "2:preferredDuringSchedulingIgnoredDuringExecution:>WeightedPodAffinityTerm*"},
    {"PodAttachOptions", "1:stdin:b 2:stdout:b 3:stderr:b 4:tty:b 5:container:s"},
    {"PodCondition", "1:type:s 2:status:s 3:lastProbeTime:T 4:lastTransitionTime:T 5:reason:s 6:message:s"},
    {"PodDNSConfig", "1:nameservers:s* 2:searches:s* 3:options:>PodDNSConfigOption*"},
    {"PodDNSConfigOption", "1:name:s 2:value:s?"},
    {"PodExecOptions", "1:stdin:b 2:stdout:b 3:stderr:b 4:tty:b 5:container:s 6:command:s*"},
    {"PodIP", "1:ip:s"},
    {"PodList", "1:metadata:>meta.v1.ListMeta 2:items:>Pod*"},
    {"PodLogOptions", "1:container:s 2:follow:b 3:previous:b 4:sinceSeconds:l? 5:sinceTime:T? 6:timestamps:b "
                      "7:tailLines:l? 8:limitBytes:l? 9:insecureSkipTLSVerifyBackend:b 10:stream:s?"},
    {"PodOS", "1:name:s"},
    {"PodPortForwardOptions", "1:ports:i*"},
    {"PodProxyOptions", "1:path:s"},
    {"PodReadinessGate", "1:conditionType:s"},
    {"PodResourceClaim", "1:name:s 3:resourceClaimName:s? 4:resourceClaimTemplateName:s?"},
    {"PodResourceClaimStatus", "1:name:s 2:resourceClaimName:s?"},
    {"PodSchedulingGate", "1:name:s"},
    {"PodSecurityContext", "1:seLinuxOptions:>SELinuxOptions 2:runAsUser:l? 3:runAsNonRoot:b? "
                           "4:supplementalGroups:l* 5:fsGroup:l? 6:runAsGroup:l? 7:sysctls:>Sysctl* "
                           "8:windowsOptions:>WindowsSecurityContextOptions 9:fsGroupChangePolicy:s? "
                           "10:seccompProfile:>SeccompProfile 11:appArmorProfile:>AppArmorProfile "
                           "12:supplementalGroupsPolicy:s? 13:seLinuxChangePolicy:s?"},
    {"PodSignature", "1:podController:>meta.v1.OwnerReference"},
    {"PodSpec", "1:volumes:>Volume* 2:containers:>Container* 3:restartPolicy:s 4:terminationGracePeriodSeconds:l? "
                "5:activeDeadlineSeconds:l? 6:dnsPolicy:s 7:nodeSelector:{s:s} 8:serviceAccountName:s "
                "9:serviceAccount:s 10:nodeName:s 11:hostNetwork:b 12:hostPID:b 13:hostIPC:b "
                "14:securityContext:>PodSecurityContext 15:imagePullSecrets:>LocalObjectReference* 16:hostname:s "
                "17:subdomain:s 18:affinity:>Affinity 19:schedulerName:s 20:initContainers:>Container* "
                "21:automountServiceAccountToken:b? 22:tolerations:>Toleration* 23:hostAliases:>HostAlias* "
                "24:priorityClassName:s 25:priority:i? 26:dnsConfig:>PodDNSConfig 27:shareProcessNamespace:b? "
                "28:readinessGates:>PodReadinessGate* 29:runtimeClassName:s? 30:enableServiceLinks:b? "
                "31:preemptionPolicy:s? 32:overhead:{s:Q} 33:topologySpreadConstraints:>TopologySpreadConstraint* "
                "34:ephemeralContainers:>EphemeralContainer* 35:setHostnameAsFQDN:b? 36:os:>PodOS 37:hostUsers:b? "
                "38:schedulingGates:>PodSchedulingGate* 39:resourceClaims:>PodResourceClaim* "
                "40:resources:>ResourceRequirements"},
    {"PodStatus", "1:phase:s 2:conditions:>PodCondition* 3:message:s 4:reason:s 5:hostIP:s 6:podIP:s 7:startTime:T? "
                  "8:containerStatuses:>ContainerStatus* 9:qosClass:s 10:initContainerStatuses:>ContainerStatus* "
                  "11:nominatedNodeName:s 12:podIPs:>PodIP* 13:ephemeralContainerStatuses:>ContainerStatus* "
                  "14:resize:s 15:resourceClaimStatuses:>PodResourceClaimStatus* 16:hostIPs:>HostIP*"},
    {"PodStatusResult", "1:metadata:>meta.v1.ObjectMeta 2:status:>PodStatus"},
    {"PodTemplate", "1:metadata:>meta.v1.ObjectMeta 2:template:>PodTemplateSpec"},
    {"PodTemplateList", "1:metadata:>meta.v1.ListMeta 2:items:>PodTemplate*"},
    {"PodTemplateSpec", "1:metadata:>meta.v1.ObjectMeta 2:spec:>PodSpec"},
    {"PortStatus", "1:port:i 2:protocol:s 3:error:s?"},
    {"PortworxVolumeSource", "1:volumeID:s 2:fsType:s 3:readOnly:b"},
    {"Preconditions", "1:uid:s?"},
    {"PreferAvoidPodsEntry", "1:podSignature:>PodSignature 2:evictionTime:T 3:reason:s 4:message:s"},
    {"PreferredSchedulingTerm", "1:weight:i 2:preference:>NodeSelectorTerm"},
    {"Probe", "1:handler:>ProbeHandler^ 2:initialDelaySeconds:i 3:timeoutSeconds:i 4:periodSeconds:i "
              "5:successThreshold:i 6:failureThreshold:i 7:terminationGracePeriodSeconds:l?"},
    {"ProbeHandler", "1:exec:>ExecAction 2:httpGet:>HTTPGetAction 3:tcpSocket:>TCPSocketAction 4:grpc:>GRPCAction"},
    {"ProjectedVolumeSource", "1:sources:>VolumeProjection* 2:defaultMode:i?"},
    {"QuobyteVolumeSource", "1:registry:s 2:volume:s 3:readOnly:b 4:user:s 5:group:s 6:tenant:s"},
    {"RBDPersistentVolumeSource", "1:monitors:s* 2:image:s 3:fsType:s 4:pool:s 5:user:s 6:keyring:s "
                                  "7:secretRef:>SecretReference 8:readOnly:b"},
    {"RBDVolumeSource", "1:monitors:s* 2:image:s 3:fsType:s 4:pool:s 5:user:s 6:keyring:s "
                        "7:secretRef:>LocalObjectReference 8:readOnly:b"},
    {"RangeAllocation", "1:metadata:>meta.v1.ObjectMeta 2:range:s 3:data:y"},
    {"ReplicationController", "1:metadata:>meta.v1.ObjectMeta 2:spec:>ReplicationControllerSpec "
                              "3:status:>ReplicationControllerStatus"},
    {"ReplicationControllerCondition", "1:type:s 2:status:s 3:lastTransitionTime:T 4:reason:s 5:message:s"},
    {"ReplicationControllerList", "1:metadata:>meta.v1.ListMeta 2:items:>ReplicationController*"},
    {"ReplicationControllerSpec", "1:replicas:i? 2:selector:{s:s} 3:template:>PodTemplateSpec 4:minReadySeconds:i"},
    {"ReplicationControllerStatus", "1:replicas:i 2:fullyLabeledReplicas:i 3:observedGeneration:l 4:readyReplicas:i "
                                    "5:availableReplicas:i 6:conditions:>ReplicationControllerCondition*"},
    {"ResourceClaim", "1:name:s 2:request:s"},
    {"ResourceFieldSelector", "1:containerName:s 2:resource:s 3:divisor:Q"},
    {"ResourceHealth", "1:resourceID:s 2:health:s"},
    {"ResourceQuota", "1:metadata:>meta.v1.ObjectMeta 2:spec:>ResourceQuotaSpec 3:status:>ResourceQuotaStatus"},
    {"ResourceQuotaList", "1:metadata:>meta.v1.ListMeta 2:items:>ResourceQuota*"},
    {"ResourceQuotaSpec", "1:hard:{s:Q} 2:scopes:s* 3:scopeSelector:>ScopeSelector"},
    {"ResourceQuotaStatus", "1:hard:{s:Q} 2:used:{s:Q}"},
    {"ResourceRequirements", "1:limits:{s:Q} 2:requests:{s:Q} 3:claims:>ResourceClaim*"},
    {"ResourceStatus", "1:name:s 2:resources:>ResourceHealth*"},
    {"SELinuxOptions", "1:user:s 2:role:s 3:type:s 4:level:s"},
    {"ScaleIOPersistentVolumeSource", "1:gateway:s 2:system:s 3:secretRef:>SecretReference 4:sslEnabled:b "
                                      "5:protectionDomain:s 6:storagePool:s 7:storageMode:s 8:volumeName:s "
                                      "9:fsType:s 10:readOnly:b"},
    {"ScaleIOVolumeSource", "1:gateway:s 2:system:s 3:secretRef:>LocalObjectReference 4:sslEnabled:b "
                            "5:protectionDomain:s 6:storagePool:s 7:storageMode:s 8:volumeName:s 9:fsType:s "
                            "10:readOnly:b"},
    {"ScopeSelector", "1:matchExpressions:>ScopedResourceSelectorRequirement*"},
    {"ScopedResourceSelectorRequirement", "1:scopeName:s 2:operator:s 3:values:s*"},
    {"SeccompProfile", "1:type:s 2:localhostProfile:s?"},
    {"Secret", "1:metadata:>meta.v1.ObjectMeta 2:data:{s:y} 3:type:s 4:stringData:{s:s} 5:immutable:b?"},
    {"SecretEnvSource", "1:localObjectReference:>LocalObjectReference^ 2:optional:b?"},
    {"SecretKeySelector", "1:localObjectReference:>LocalObjectReference^ 2:key:s 3:optional:b?"},
    {"SecretList", "1:metadata:>meta.v1.ListMeta 2:items:>Secret*"},
    {"SecretProjection", "1:localObjectReference:>LocalObjectReference^ 2:items:>KeyToPath* 4:optional:b?"},
    {"SecretReference", "1:name:s 2:namespace:s"},
    {"SecretVolumeSource", "1:secretName:s 2:items:>KeyToPath* 3:defaultMode:i? 4:optional:b?"},
    {"SecurityContext", "1:capabilities:>Capabilities 2:privileged:b? 3:seLinuxOptions:>SELinuxOptions "
                        "4:runAsUser:l? 5:runAsNonRoot:b? 6:readOnlyRootFilesystem:b? 7:allowPrivilegeEscalation:b? "
                        "8:runAsGroup:l? 9:procMount:s? 10:windowsOptions:>WindowsSecurityContextOptions "
                        "11:seccompProfile:>SeccompProfile 12:appArmorProfile:>AppArmorProfile"},
    {"SerializedReference", "1:reference:>ObjectReference"},
    {"Service", "1:metadata:>meta.v1.ObjectMeta 2:spec:>ServiceSpec 3:status:>ServiceStatus"},
    {"ServiceAccount", "1:metadata:>meta.v1.ObjectMeta 2:secrets:>ObjectReference* "
                       "3:imagePullSecrets:>LocalObjectReference* 4:automountServiceAccountToken:b?"},
    {"ServiceAccountList", "1:metadata:>meta.v1.ListMeta 2:items:>ServiceAccount*"},
    {"ServiceAccountTokenProjection", "1:audience:s 2:expirationSeconds:l? 3:path:s"},
    {"ServiceList", "1:metadata:>meta.v1.ListMeta 2:items:>Service*"},
    {"ServicePort", "1:name:s 2:protocol:s 3:port:i 4:targetPort:I 5:nodePort:i 6:appProtocol:s?"},
    {"ServiceProxyOptions", "1:path:s"},
    {"ServiceSpec", "1:ports:>ServicePort* 2:selector:{s:s} 3:clusterIP:s 4:type:s 5:externalIPs:s* "
                    "7:sessionAffinity:s 8:loadBalancerIP:s 9:loadBalancerSourceRanges:s* 10:externalName:s "
                    "11:externalTrafficPolicy:s 12:healthCheckNodePort:i 13:publishNotReadyAddresses:b "
                    "14:sessionAffinityConfig:>SessionAffinityConfig 17:ipFamilyPolicy:s? 18:clusterIPs:s* "
                    "19:ipFamilies:s* 20:allocateLoadBalancerNodePorts:b? 21:loadBalancerClass:s? "
                    "22:internalTrafficPolicy:s? 23:trafficDistribution:s?"},
    {"ServiceStatus", "1:loadBalancer:>LoadBalancerStatus 2:conditions:>meta.v1.Condition*"},
    {"SessionAffinityConfig", "1:clientIP:>ClientIPConfig"},
    {"SleepAction", "1:seconds:l"},
    {"StorageOSPersistentVolumeSource", "1:volumeName:s 2:volumeNamespace:s 3:fsType:s 4:readOnly:b "
                                        "5:secretRef:>ObjectReference"},
    {"StorageOSVolumeSource", "1:volumeName:s 2:volumeNamespace:s 3:fsType:s 4:readOnly:b "
                              "5:secretRef:>LocalObjectReference"},
    {"Sysctl", "1:name:s 2:value:s"},
    {"TCPSocketAction", "1:port:I 2:host:s"},
    {"Taint", "1:key:s 2:value:s 3:effect:s 4:timeAdded:T?"},
    {"Toleration", "1:key:s 2:operator:s 3:value:s 4:effect:s 5:tolerationSeconds:l?"},
    {"TopologySelectorLabelRequirement", "1:key:s 2:values:s*"},
    {"TopologySelectorTerm", "1:matchLabelExpressions:>TopologySelectorLabelRequirement*"},
    {"TopologySpreadConstraint", "1:maxSkew:i 2:topologyKey:s 3:whenUnsatisfiable:s "
                                 "4:labelSelector:>meta.v1.LabelSelector 5:minDomains:i? 6:nodeAffinityPolicy:s? "
                                 "7:nodeTaintsPolicy:s? 8:matchLabelKeys:s*"},
    {"TypedLocalObjectReference", "1:apiGroup:s? 2:kind:s 3:name:s"},
    {"TypedObjectReference", "1:apiGroup:s? 2:kind:s 3:name:s 4:namespace:s?"},
    {"Volume", "1:name:s 2:volumeSource:>VolumeSource^"},
    {"VolumeDevice", "1:name:s 2:devicePath:s"},
    {"VolumeMount", "1:name:s 2:readOnly:b 3:mountPath:s 4:subPath:s 5:mountPropagation:s? 6:subPathExpr:s "
                    "7:recursiveReadOnly:s?"},
    {"VolumeMountStatus", "1:name:s 2:mountPath:s 3:readOnly:b 4:recursiveReadOnly:s?"},
    {"VolumeNodeAffinity", "1:required:>NodeSelector"},
    {"VolumeProjection", "1:secret:>SecretProjection 2:downwardAPI:>DownwardAPIProjection "
                         "3:configMap:>ConfigMapProjection 4:serviceAccountToken:>ServiceAccountTokenProjection "
                         "5:clusterTrustBundle:>ClusterTrustBundleProjection"},
    {"VolumeResourceRequirements", "1:limits:{s:Q} 2:requests:{s:Q}"},
    {"VolumeSource", "1:hostPath:>HostPathVolumeSource 2:emptyDir:>EmptyDirVolumeSource "
                     "3:gcePersistentDisk:>GCEPersistentDiskVolumeSource "
                     "4:awsElasticBlockStore:>AWSElasticBlockStoreVolumeSource 5:gitRepo:>GitRepoVolumeSource "
                     "6:secret:>SecretVolumeSource 7:nfs:>NFSVolumeSource 8:iscsi:>ISCSIVolumeSource "
                     "9:glusterfs:>GlusterfsVolumeSource 10:persistentVolumeClaim:>PersistentVolumeClaimVolumeSource "
                     "11:rbd:>RBDVolumeSource 12:flexVolume:>FlexVolumeSource 13:cinder:>CinderVolumeSource "
                     "14:cephfs:>CephFSVolumeSource 15:flocker:>FlockerVolumeSource "
                     "16:downwardAPI:>DownwardAPIVolumeSource 17:fc:>FCVolumeSource "
                     "18:azureFile:>AzureFileVolumeSource 19:configMap:>ConfigMapVolumeSource "
                     "20:vsphereVolume:>VsphereVirtualDiskVolumeSource 21:quobyte:>QuobyteVolumeSource "
                     "22:azureDisk:>AzureDiskVolumeSource 23:photonPersistentDisk:>PhotonPersistentDiskVolumeSource "
                     "24:portworxVolume:>PortworxVolumeSource 25:scaleIO:>ScaleIOVolumeSource "
                     "26:projected:>ProjectedVolumeSource 27:storageos:>StorageOSVolumeSource "
                     "28:csi:>CSIVolumeSource 29:ephemeral:>EphemeralVolumeSource 30:image:>ImageVolumeSource"},
    {"VsphereVirtualDiskVolumeSource", "1:volumePath:s 2:fsType:s 3:storagePolicyName:s 4:storagePolicyID:s"},
    {"WeightedPodAffinityTerm", "1:weight:i 2:podAffinityTerm:>PodAffinityTerm"},
    {"WindowsSecurityContextOptions", "1:gmsaCredentialSpecName:s? 2:gmsaCredentialSpec:s? 3:runAsUserName:s? "
                                      "4:hostProcess:b?"},
};

const PackageText kSchemaCoreV1b{"core.v1", kMessages, std::size(kMessages)};

} // namespace acp::sandbox::protobuf
