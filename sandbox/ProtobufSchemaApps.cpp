// Protobuf schema tables: apps.v1, batch.v1, autoscaling.v1, autoscaling.v2.
// The messages of those packages as data (field number, json name, type, flags);
// the notation is described in sandbox/ProtobufSchema.h. Taken from the upstream generated.proto
// definitions of Kubernetes 1.32 (k8s.io/api, k8s.io/apimachinery).
#include "sandbox/ProtobufSchema.h"

namespace acp::sandbox::protobuf {

// apps.v1
static const MessageText kAppsV1[] = {
    {"ControllerRevision", "1:metadata:>meta.v1.ObjectMeta 2:data:R 3:revision:l"},
    {"ControllerRevisionList", "1:metadata:>meta.v1.ListMeta 2:items:>ControllerRevision*"},
    {"DaemonSet", "1:metadata:>meta.v1.ObjectMeta 2:spec:>DaemonSetSpec 3:status:>DaemonSetStatus"},
    {"DaemonSetCondition", "1:type:s 2:status:s 3:lastTransitionTime:T 4:reason:s 5:message:s"},
    {"DaemonSetList", "1:metadata:>meta.v1.ListMeta 2:items:>DaemonSet*"},
    {"DaemonSetSpec", "1:selector:>meta.v1.LabelSelector 2:template:>core.v1.PodTemplateSpec "
                      "3:updateStrategy:>DaemonSetUpdateStrategy 4:minReadySeconds:i 6:revisionHistoryLimit:i?"},
    {"DaemonSetStatus", "1:currentNumberScheduled:i 2:numberMisscheduled:i 3:desiredNumberScheduled:i "
                        "4:numberReady:i 5:observedGeneration:l 6:updatedNumberScheduled:i 7:numberAvailable:i "
                        "8:numberUnavailable:i 9:collisionCount:i? 10:conditions:>DaemonSetCondition*"},
    {"DaemonSetUpdateStrategy", "1:type:s 2:rollingUpdate:>RollingUpdateDaemonSet"},
    {"Deployment", "1:metadata:>meta.v1.ObjectMeta 2:spec:>DeploymentSpec 3:status:>DeploymentStatus"},
    {"DeploymentCondition", "1:type:s 2:status:s 4:reason:s 5:message:s 6:lastUpdateTime:T 7:lastTransitionTime:T"},
    {"DeploymentList", "1:metadata:>meta.v1.ListMeta 2:items:>Deployment*"},
    {"DeploymentSpec", "1:replicas:i? 2:selector:>meta.v1.LabelSelector 3:template:>core.v1.PodTemplateSpec "
                       "4:strategy:>DeploymentStrategy 5:minReadySeconds:i 6:revisionHistoryLimit:i? 7:paused:b "
                       "9:progressDeadlineSeconds:i?"},
    {"DeploymentStatus", "1:observedGeneration:l 2:replicas:i 3:updatedReplicas:i 4:availableReplicas:i "
                         "5:unavailableReplicas:i 6:conditions:>DeploymentCondition* 7:readyReplicas:i "
                         "8:collisionCount:i?"},
    {"DeploymentStrategy", "1:type:s 2:rollingUpdate:>RollingUpdateDeployment"},
    {"ReplicaSet", "1:metadata:>meta.v1.ObjectMeta 2:spec:>ReplicaSetSpec 3:status:>ReplicaSetStatus"},
    {"ReplicaSetCondition", "1:type:s 2:status:s 3:lastTransitionTime:T 4:reason:s 5:message:s"},
    {"ReplicaSetList", "1:metadata:>meta.v1.ListMeta 2:items:>ReplicaSet*"},
    {"ReplicaSetSpec", "1:replicas:i? 2:selector:>meta.v1.LabelSelector 3:template:>core.v1.PodTemplateSpec "
                       "4:minReadySeconds:i"},
    {"ReplicaSetStatus", "1:replicas:i 2:fullyLabeledReplicas:i 3:observedGeneration:l 4:readyReplicas:i "
                         "5:availableReplicas:i 6:conditions:>ReplicaSetCondition*"},
    {"RollingUpdateDaemonSet", "1:maxUnavailable:I? 2:maxSurge:I?"},
    {"RollingUpdateDeployment", "1:maxUnavailable:I? 2:maxSurge:I?"},
    {"RollingUpdateStatefulSetStrategy", "1:partition:i? 2:maxUnavailable:I?"},
    {"StatefulSet", "1:metadata:>meta.v1.ObjectMeta 2:spec:>StatefulSetSpec 3:status:>StatefulSetStatus"},
    {"StatefulSetCondition", "1:type:s 2:status:s 3:lastTransitionTime:T 4:reason:s 5:message:s"},
    {"StatefulSetList", "1:metadata:>meta.v1.ListMeta 2:items:>StatefulSet*"},
    {"StatefulSetOrdinals", "1:start:i"},
    {"StatefulSetPersistentVolumeClaimRetentionPolicy", "1:whenDeleted:s 2:whenScaled:s"},
    {"StatefulSetSpec", "1:replicas:i? 2:selector:>meta.v1.LabelSelector 3:template:>core.v1.PodTemplateSpec "
                        "4:volumeClaimTemplates:>core.v1.PersistentVolumeClaim* 5:serviceName:s "
                        "6:podManagementPolicy:s 7:updateStrategy:>StatefulSetUpdateStrategy "
                        "8:revisionHistoryLimit:i? 9:minReadySeconds:i "
                        "10:persistentVolumeClaimRetentionPolicy:>StatefulSetPersistentVolumeClaimRetentionPolicy "
                        "11:ordinals:>StatefulSetOrdinals"},
    {"StatefulSetStatus", "1:observedGeneration:l 2:replicas:i 3:readyReplicas:i 4:currentReplicas:i "
                          "5:updatedReplicas:i 6:currentRevision:s 7:updateRevision:s 9:collisionCount:i? "
                          "10:conditions:>StatefulSetCondition* 11:availableReplicas:i"},
    {"StatefulSetUpdateStrategy", "1:type:s 2:rollingUpdate:>RollingUpdateStatefulSetStrategy"},
};
const PackageText kSchemaAppsV1{"apps.v1", kAppsV1, std::size(kAppsV1)};

// batch.v1
static const MessageText kBatchV1[] = {
    {"CronJob", "1:metadata:>meta.v1.ObjectMeta 2:spec:>CronJobSpec 3:status:>CronJobStatus"},
    {"CronJobList", "1:metadata:>meta.v1.ListMeta 2:items:>CronJob*"},
    {"CronJobSpec", "1:schedule:s 2:startingDeadlineSeconds:l? 3:concurrencyPolicy:s 4:suspend:b? "
                    "5:jobTemplate:>JobTemplateSpec 6:successfulJobsHistoryLimit:i? 7:failedJobsHistoryLimit:i? "
                    "8:timeZone:s?"},
    {"CronJobStatus", "1:active:>core.v1.ObjectReference* 4:lastScheduleTime:T? 5:lastSuccessfulTime:T?"},
    {"Job", "1:metadata:>meta.v1.ObjectMeta 2:spec:>JobSpec 3:status:>JobStatus"},
    {"JobCondition", "1:type:s 2:status:s 3:lastProbeTime:T 4:lastTransitionTime:T 5:reason:s 6:message:s"},
    {"JobList", "1:metadata:>meta.v1.ListMeta 2:items:>Job*"},
    {"JobSpec", "1:parallelism:i? 2:completions:i? 3:activeDeadlineSeconds:l? 4:selector:>meta.v1.LabelSelector "
                "5:manualSelector:b? 6:template:>core.v1.PodTemplateSpec 7:backoffLimit:i? "
                "8:ttlSecondsAfterFinished:i? 9:completionMode:s? 10:suspend:b? "
                "11:podFailurePolicy:>PodFailurePolicy 12:backoffLimitPerIndex:i? 13:maxFailedIndexes:i? "
                "14:podReplacementPolicy:s? 15:managedBy:s? 16:successPolicy:>SuccessPolicy"},
    {"JobStatus", "1:conditions:>JobCondition* 2:startTime:T? 3:completionTime:T? 4:active:i 5:succeeded:i "
                  "6:failed:i 7:completedIndexes:s 8:uncountedTerminatedPods:>UncountedTerminatedPods 9:ready:i? "
                  "10:failedIndexes:s? 11:terminating:i?"},
    {"JobTemplateSpec", "1:metadata:>meta.v1.ObjectMeta 2:spec:>JobSpec"},
    {"PodFailurePolicy", "1:rules:>PodFailurePolicyRule*"},
    {"PodFailurePolicyOnExitCodesRequirement", "1:containerName:s? 2:operator:s 3:values:i*"},
    {"PodFailurePolicyOnPodConditionsPattern", "1:type:s 2:status:s"},
    {"PodFailurePolicyRule", "1:action:s 2:onExitCodes:>PodFailurePolicyOnExitCodesRequirement "
                             "3:onPodConditions:>PodFailurePolicyOnPodConditionsPattern*"},
    {"SuccessPolicy", "1:rules:>SuccessPolicyRule*"},
    {"SuccessPolicyRule", "1:succeededIndexes:s? 2:succeededCount:i?"},
    {"UncountedTerminatedPods", "1:succeeded:s* 2:failed:s*"},
};
const PackageText kSchemaBatchV1{"batch.v1", kBatchV1, std::size(kBatchV1)};

// autoscaling.v1
static const MessageText kAutoscalingV1[] = {
    {"ContainerResourceMetricSource", "1:name:s 2:targetAverageUtilization:i? 3:targetAverageValue:Q? 5:container:s"},
    {"ContainerResourceMetricStatus", "1:name:s 2:currentAverageUtilization:i? 3:currentAverageValue:Q 4:container:s"},
    {"CrossVersionObjectReference", "1:kind:s 2:name:s 3:apiVersion:s"},
    {"ExternalMetricSource", "1:metricName:s 2:metricSelector:>meta.v1.LabelSelector 3:targetValue:Q? "
                             "4:targetAverageValue:Q?"},
    {"ExternalMetricStatus", "1:metricName:s 2:metricSelector:>meta.v1.LabelSelector 3:currentValue:Q "
                             "4:currentAverageValue:Q?"},
    {"HorizontalPodAutoscaler", "1:metadata:>meta.v1.ObjectMeta 2:spec:>HorizontalPodAutoscalerSpec "
                                "3:status:>HorizontalPodAutoscalerStatus"},
    {"HorizontalPodAutoscalerCondition", "1:type:s 2:status:s 3:lastTransitionTime:T 4:reason:s 5:message:s"},
    {"HorizontalPodAutoscalerList", "1:metadata:>meta.v1.ListMeta 2:items:>HorizontalPodAutoscaler*"},
    {"HorizontalPodAutoscalerSpec", "1:scaleTargetRef:>CrossVersionObjectReference 2:minReplicas:i? 3:maxReplicas:i "
                                    "4:targetCPUUtilizationPercentage:i?"},
    {"HorizontalPodAutoscalerStatus", "1:observedGeneration:l? 2:lastScaleTime:T? 3:currentReplicas:i "
                                      "4:desiredReplicas:i 5:currentCPUUtilizationPercentage:i?"},
    {"MetricSpec", "1:type:s 2:object:>ObjectMetricSource 3:pods:>PodsMetricSource 4:resource:>ResourceMetricSource "
                   "5:external:>ExternalMetricSource 7:containerResource:>ContainerResourceMetricSource"},
    {"MetricStatus", "1:type:s 2:object:>ObjectMetricStatus 3:pods:>PodsMetricStatus "
                     "4:resource:>ResourceMetricStatus 5:external:>ExternalMetricStatus "
                     "7:containerResource:>ContainerResourceMetricStatus"},
    {"ObjectMetricSource", "1:target:>CrossVersionObjectReference 2:metricName:s 3:targetValue:Q "
                           "4:selector:>meta.v1.LabelSelector 5:averageValue:Q?"},
    {"ObjectMetricStatus", "1:target:>CrossVersionObjectReference 2:metricName:s 3:currentValue:Q "
                           "4:selector:>meta.v1.LabelSelector 5:averageValue:Q?"},
    {"PodsMetricSource", "1:metricName:s 2:targetAverageValue:Q 3:selector:>meta.v1.LabelSelector"},
    {"PodsMetricStatus", "1:metricName:s 2:currentAverageValue:Q 3:selector:>meta.v1.LabelSelector"},
    {"ResourceMetricSource", "1:name:s 2:targetAverageUtilization:i? 3:targetAverageValue:Q?"},
    {"ResourceMetricStatus", "1:name:s 2:currentAverageUtilization:i? 3:currentAverageValue:Q"},
    {"Scale", "1:metadata:>meta.v1.ObjectMeta 2:spec:>ScaleSpec 3:status:>ScaleStatus"},
    {"ScaleSpec", "1:replicas:i"},
    {"ScaleStatus", "1:replicas:i 2:selector:s"},
};
const PackageText kSchemaAutoscalingV1{"autoscaling.v1", kAutoscalingV1, std::size(kAutoscalingV1)};

// autoscaling.v2
static const MessageText kAutoscalingV2[] = {
    {"ContainerResourceMetricSource", "1:name:s 2:target:>MetricTarget 3:container:s"},
    {"ContainerResourceMetricStatus", "1:name:s 2:current:>MetricValueStatus 3:container:s"},
    {"CrossVersionObjectReference", "1:kind:s 2:name:s 3:apiVersion:s"},
    {"ExternalMetricSource", "1:metric:>MetricIdentifier 2:target:>MetricTarget"},
    {"ExternalMetricStatus", "1:metric:>MetricIdentifier 2:current:>MetricValueStatus"},
    {"HPAScalingPolicy", "1:type:s 2:value:i 3:periodSeconds:i"},
    {"HPAScalingRules", "1:selectPolicy:s? 2:policies:>HPAScalingPolicy* 3:stabilizationWindowSeconds:i?"},
    {"HorizontalPodAutoscaler", "1:metadata:>meta.v1.ObjectMeta 2:spec:>HorizontalPodAutoscalerSpec "
                                "3:status:>HorizontalPodAutoscalerStatus"},
    {"HorizontalPodAutoscalerBehavior", "1:scaleUp:>HPAScalingRules 2:scaleDown:>HPAScalingRules"},
    {"HorizontalPodAutoscalerCondition", "1:type:s 2:status:s 3:lastTransitionTime:T 4:reason:s 5:message:s"},
    {"HorizontalPodAutoscalerList", "1:metadata:>meta.v1.ListMeta 2:items:>HorizontalPodAutoscaler*"},
    {"HorizontalPodAutoscalerSpec", "1:scaleTargetRef:>CrossVersionObjectReference 2:minReplicas:i? 3:maxReplicas:i "
                                    "4:metrics:>MetricSpec* 5:behavior:>HorizontalPodAutoscalerBehavior"},
    {"HorizontalPodAutoscalerStatus", "1:observedGeneration:l? 2:lastScaleTime:T? 3:currentReplicas:i "
                                      "4:desiredReplicas:i 5:currentMetrics:>MetricStatus* "
                                      "6:conditions:>HorizontalPodAutoscalerCondition*"},
    {"MetricIdentifier", "1:name:s 2:selector:>meta.v1.LabelSelector"},
    {"MetricSpec", "1:type:s 2:object:>ObjectMetricSource 3:pods:>PodsMetricSource 4:resource:>ResourceMetricSource "
                   "5:external:>ExternalMetricSource 7:containerResource:>ContainerResourceMetricSource"},
    {"MetricStatus", "1:type:s 2:object:>ObjectMetricStatus 3:pods:>PodsMetricStatus "
                     "4:resource:>ResourceMetricStatus 5:external:>ExternalMetricStatus "
                     "7:containerResource:>ContainerResourceMetricStatus"},
    {"MetricTarget", "1:type:s 2:value:Q? 3:averageValue:Q? 4:averageUtilization:i?"},
    {"MetricValueStatus", "1:value:Q? 2:averageValue:Q? 3:averageUtilization:i?"},
    {"ObjectMetricSource", "1:describedObject:>CrossVersionObjectReference 2:target:>MetricTarget "
                           "3:metric:>MetricIdentifier"},
    {"ObjectMetricStatus", "1:metric:>MetricIdentifier 2:current:>MetricValueStatus "
                           "3:describedObject:>CrossVersionObjectReference"},
    {"PodsMetricSource", "1:metric:>MetricIdentifier 2:target:>MetricTarget"},
    {"PodsMetricStatus", "1:metric:>MetricIdentifier 2:current:>MetricValueStatus"},
    {"ResourceMetricSource", "1:name:s 2:target:>MetricTarget"},
    {"ResourceMetricStatus", "1:name:s 2:current:>MetricValueStatus"},
};
const PackageText kSchemaAutoscalingV2{"autoscaling.v2", kAutoscalingV2, std::size(kAutoscalingV2)};

} // namespace acp::sandbox::protobuf
