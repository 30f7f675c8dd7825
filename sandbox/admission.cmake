# Built-in admission plugins of the simulated kube-apiserver: LimitRanger, PodSecurity, ResourceQuota.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Admission.h ${CMAKE_CURRENT_LIST_DIR}/Admission.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionInternal.h
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionLimitRanger.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionPodSecurity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionQuota.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionQuotaUsage.cpp)
