// Protobuf schema tables: meta.v1.
// The messages of those packages as data (field number, json name, type, flags);
// the notation is described in sandbox/ProtobufSchema.h. Taken from the upstream generated.proto
// definitions of Kubernetes 1.32 (k8s.io/api, k8s.io/apimachinery).
#include "sandbox/ProtobufSchema.h"

namespace acp::sandbox::protobuf {

// meta.v1
static const MessageText kMetaV1[] = {
    {"APIGroup", "1:name:s 2:versions:>GroupVersionForDiscovery* 3:preferredVersion:>GroupVersionForDiscovery "
                 "4:serverAddressByClientCIDRs:>ServerAddressByClientCIDR*"},
    {"APIGroupList", "1:groups:>APIGroup*"},
    {"APIResource", "1:name:s 2:namespaced:b 3:kind:s 4:verbs:X 5:shortNames:s* 6:singularName:s 7:categories:s* "
                    "8:group:s 9:version:s 10:storageVersionHash:s"},
    {"APIResourceList", "1:groupVersion:s 2:resources:>APIResource*"},
    {"APIVersions", "1:versions:s* 2:serverAddressByClientCIDRs:>ServerAddressByClientCIDR*"},
    {"ApplyOptions", "1:dryRun:s* 2:force:b 3:fieldManager:s"},
    {"Condition", "1:type:s 2:status:s 3:observedGeneration:l 4:lastTransitionTime:T 5:reason:s 6:message:s"},
    {"CreateOptions", "1:dryRun:s* 3:fieldManager:s 4:fieldValidation:s"},
    {"DeleteOptions", "1:gracePeriodSeconds:l? 2:preconditions:>Preconditions 3:orphanDependents:b? "
                      "4:propagationPolicy:s? 5:dryRun:s* 6:ignoreStoreReadErrorWithClusterBreakingPotential:b?"},
    {"FieldSelectorRequirement", "1:key:s 2:operator:s 3:values:s*"},
    {"GetOptions", "1:resourceVersion:s"},
    {"GroupKind", "1:group:s 2:kind:s"},
    {"GroupResource", "1:group:s 2:resource:s"},
    {"GroupVersion", "1:group:s 2:version:s"},
    {"GroupVersionForDiscovery", "1:groupVersion:s 2:version:s"},
    {"GroupVersionKind", "1:group:s 2:version:s 3:kind:s"},
    {"GroupVersionResource", "1:group:s 2:version:s 3:resource:s"},
    {"LabelSelector", "1:matchLabels:{s:s} 2:matchExpressions:>LabelSelectorRequirement*"},
    {"LabelSelectorRequirement", "1:key:s 2:operator:s 3:values:s*"},
    {"List", "1:metadata:>ListMeta 2:items:R*"},
    {"ListMeta", "1:selfLink:s 2:resourceVersion:s 3:continue:s 4:remainingItemCount:l?"},
    {"ListOptions", "1:labelSelector:s 2:fieldSelector:s 3:watch:b 4:resourceVersion:s 5:timeoutSeconds:l? 7:limit:l "
                    "8:continue:s 9:allowWatchBookmarks:b 10:resourceVersionMatch:s 11:sendInitialEvents:b?"},
    {"ManagedFieldsEntry", "1:manager:s 2:operation:s 3:apiVersion:s 4:time:T? 6:fieldsType:s 7:fieldsV1:J "
                           "8:subresource:s"},
    {"ObjectMeta", "1:name:s 2:generateName:s 3:namespace:s 4:selfLink:s 5:uid:s 6:resourceVersion:s 7:generation:l "
                   "8:creationTimestamp:T 9:deletionTimestamp:T? 10:deletionGracePeriodSeconds:l? 11:labels:{s:s} "
                   "12:annotations:{s:s} 13:ownerReferences:>OwnerReference* 14:finalizers:s* "
                   "17:managedFields:>ManagedFieldsEntry*"},
    {"OwnerReference", "1:kind:s 3:name:s 4:uid:s 5:apiVersion:s 6:controller:b? 7:blockOwnerDeletion:b?"},
    {"PartialObjectMetadata", "1:metadata:>ObjectMeta"},
    {"PartialObjectMetadataList", "1:metadata:>ListMeta 2:items:>PartialObjectMetadata*"},
    {"Patch", ""},
    {"PatchOptions", "1:dryRun:s* 2:force:b? 3:fieldManager:s 4:fieldValidation:s"},
    {"Preconditions", "1:uid:s? 2:resourceVersion:s?"},
    {"RootPaths", "1:paths:s*"},
    {"ServerAddressByClientCIDR", "1:clientCIDR:s 2:serverAddress:s"},
    {"Status", "1:metadata:>ListMeta 2:status:s 3:message:s 4:reason:s 5:details:>StatusDetails 6:code:i"},
    {"StatusCause", "1:reason:s 2:message:s 3:field:s"},
    {"StatusDetails", "1:name:s 2:group:s 3:kind:s 4:causes:>StatusCause* 5:retryAfterSeconds:i 6:uid:s"},
    {"TableOptions", "1:includeObject:s"},
    {"Timestamp", "1:seconds:l 2:nanos:i"},
    {"TypeMeta", "1:kind:s 2:apiVersion:s"},
    {"UpdateOptions", "1:dryRun:s* 2:fieldManager:s 3:fieldValidation:s"},
    {"WatchEvent", "1:type:s 2:object:R"},
};
const PackageText kSchemaMetaV1{"meta.v1", kMetaV1, std::size(kMetaV1)};

} // namespace acp::sandbox::protobuf
