// Protobuf schema tables: authorization.v1, authentication.v1, rbac.v1, certificates.v1.
// The messages of those packages as data (field number, json name, type, flags);
// the notation is described in sandbox/ProtobufSchema.h. Taken from the upstream generated.proto
// definitions of Kubernetes 1.32 (k8s.io/api, k8s.io/apimachinery).
#include "sandbox/ProtobufSchema.h"

namespace acp::sandbox::protobuf {

// authorization.v1
static const MessageText kAuthorizationV1[] = {
    {"FieldSelectorAttributes", "1:rawSelector:s 2:requirements:>meta.v1.FieldSelectorRequirement*"},
    {"LabelSelectorAttributes", "1:rawSelector:s 2:requirements:>meta.v1.LabelSelectorRequirement*"},
    {"LocalSubjectAccessReview", "1:metadata:>meta.v1.ObjectMeta 2:spec:>SubjectAccessReviewSpec "
                                 "3:status:>SubjectAccessReviewStatus"},
    {"NonResourceAttributes", "1:path:s 2:verb:s"},
    {"NonResourceRule", "1:verbs:s* 2:nonResourceURLs:s*"},
    {"ResourceAttributes", "1:namespace:s 2:verb:s 3:group:s 4:version:s 5:resource:s 6:subresource:s 7:name:s "
                           "8:fieldSelector:>FieldSelectorAttributes 9:labelSelector:>LabelSelectorAttributes"},
    {"ResourceRule", "1:verbs:s* 2:apiGroups:s* 3:resources:s* 4:resourceNames:s*"},
    {"SelfSubjectAccessReview", "1:metadata:>meta.v1.ObjectMeta 2:spec:>SelfSubjectAccessReviewSpec "
                                "3:status:>SubjectAccessReviewStatus"},
    {"SelfSubjectAccessReviewSpec", "1:resourceAttributes:>ResourceAttributes "
                                    "2:nonResourceAttributes:>NonResourceAttributes"},
    {"SelfSubjectRulesReview", "1:metadata:>meta.v1.ObjectMeta 2:spec:>SelfSubjectRulesReviewSpec "
                               "3:status:>SubjectRulesReviewStatus"},
    {"SelfSubjectRulesReviewSpec", "1:namespace:s"},
    {"SubjectAccessReview", "1:metadata:>meta.v1.ObjectMeta 2:spec:>SubjectAccessReviewSpec "
                            "3:status:>SubjectAccessReviewStatus"},
    {"SubjectAccessReviewSpec", "1:resourceAttributes:>ResourceAttributes "
                                "2:nonResourceAttributes:>NonResourceAttributes 3:user:s 4:groups:s* 5:extra:{s:X} "
                                "6:uid:s"},
    {"SubjectAccessReviewStatus", "1:allowed:b 2:reason:s 3:evaluationError:s 4:denied:b"},
    {"SubjectRulesReviewStatus", "1:resourceRules:>ResourceRule* 2:nonResourceRules:>NonResourceRule* 3:incomplete:b "
                                 "4:evaluationError:s"},
};
const PackageText kSchemaAuthorizationV1{"authorization.v1", kAuthorizationV1, std::size(kAuthorizationV1)};

// authentication.v1
static const MessageText kAuthenticationV1[] = {
    {"BoundObjectReference", "1:kind:s 2:apiVersion:s 3:name:s 4:uID:s"},
    {"SelfSubjectReview", "1:metadata:>meta.v1.ObjectMeta 2:status:>SelfSubjectReviewStatus"},
    {"SelfSubjectReviewStatus", "1:userInfo:>UserInfo"},
    {"TokenRequest", "1:metadata:>meta.v1.ObjectMeta 2:spec:>TokenRequestSpec 3:status:>TokenRequestStatus"},
    {"TokenRequestSpec", "1:audiences:s* 3:boundObjectRef:>BoundObjectReference 4:expirationSeconds:l?"},
    {"TokenRequestStatus", "1:token:s 2:expirationTimestamp:T"},
    {"TokenReview", "1:metadata:>meta.v1.ObjectMeta 2:spec:>TokenReviewSpec 3:status:>TokenReviewStatus"},
    {"TokenReviewSpec", "1:token:s 2:audiences:s*"},
    {"TokenReviewStatus", "1:authenticated:b 2:user:>UserInfo 3:error:s 4:audiences:s*"},
    {"UserInfo", "1:username:s 2:uid:s 3:groups:s* 4:extra:{s:X}"},
};
const PackageText kSchemaAuthenticationV1{"authentication.v1", kAuthenticationV1, std::size(kAuthenticationV1)};

// rbac.v1
static const MessageText kRbacV1[] = {
    {"AggregationRule", "1:clusterRoleSelectors:>meta.v1.LabelSelector*"},
    {"ClusterRole", "1:metadata:>meta.v1.ObjectMeta 2:rules:>PolicyRule* 3:aggregationRule:>AggregationRule"},
    {"ClusterRoleBinding", "1:metadata:>meta.v1.ObjectMeta 2:subjects:>Subject* 3:roleRef:>RoleRef"},
    {"ClusterRoleBindingList", "1:metadata:>meta.v1.ListMeta 2:items:>ClusterRoleBinding*"},
    {"ClusterRoleList", "1:metadata:>meta.v1.ListMeta 2:items:>ClusterRole*"},
    {"PolicyRule", "1:verbs:s* 2:apiGroups:s* 3:resources:s* 4:resourceNames:s* 5:nonResourceURLs:s*"},
    {"Role", "1:metadata:>meta.v1.ObjectMeta 2:rules:>PolicyRule*"},
    {"RoleBinding", "1:metadata:>meta.v1.ObjectMeta 2:subjects:>Subject* 3:roleRef:>RoleRef"},
    {"RoleBindingList", "1:metadata:>meta.v1.ListMeta 2:items:>RoleBinding*"},
    {"RoleList", "1:metadata:>meta.v1.ListMeta 2:items:>Role*"},
    {"RoleRef", "1:apiGroup:s 2:kind:s 3:name:s"},
    {"Subject", "1:kind:s 2:apiGroup:s 3:name:s 4:namespace:s"},
};
const PackageText kSchemaRbacV1{"rbac.v1", kRbacV1, std::size(kRbacV1)};

// certificates.v1
static const MessageText kCertificatesV1[] = {
    {"CertificateSigningRequest", "1:metadata:>meta.v1.ObjectMeta 2:spec:>CertificateSigningRequestSpec "
                                  "3:status:>CertificateSigningRequestStatus"},
    {"CertificateSigningRequestCondition", "1:type:s 2:reason:s 3:message:s 4:lastUpdateTime:T "
                                           "5:lastTransitionTime:T 6:status:s"},
    {"CertificateSigningRequestList", "1:metadata:>meta.v1.ListMeta 2:items:>CertificateSigningRequest*"},
    {"CertificateSigningRequestSpec", "1:request:y 2:username:s 3:uid:s 4:groups:s* 5:usages:s* 6:extra:{s:X} "
                                      "7:signerName:s 8:expirationSeconds:i?"},
    {"CertificateSigningRequestStatus", "1:conditions:>CertificateSigningRequestCondition* 2:certificate:y"},
};
const PackageText kSchemaCertificatesV1{"certificates.v1", kCertificatesV1, std::size(kCertificatesV1)};

} // namespace acp::sandbox::protobuf
