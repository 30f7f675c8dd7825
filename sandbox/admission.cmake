# Built-in admission plugins of the simulated kube-apiserver: LimitRanger, PodSecurity, ResourceQuota.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Admission.h ${CMAKE_CURRENT_LIST_DIR}/Admission.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionInternal.h
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionLimitRanger.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionPodSecurity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionQuota.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionQuotaUsage.cpp)
# ACP's project quota check on Projects in `global` (AdmissionProjectQuota.h).
target_sources(acp_sandbox PRIVATE ${CMAKE_CURRENT_LIST_DIR}/AdmissionProjectQuota.h ${CMAKE_CURRENT_LIST_DIR}/AdmissionProjectQuota.cpp)
