# acp-sandbox seed and simulated controllers.
# TEMPORARY (while acp_sandbox is being written): a library with only what the seed needs.
set(_s ${CMAKE_SOURCE_DIR}/sandbox)
add_library(acp_sandbox_seedonly STATIC
  ${_s}/ResourceRegistry.cpp ${_s}/ObjectStore.cpp ${_s}/UserDirectory.cpp ${_s}/ObjectDefaults.cpp ${_s}/SimCluster.cpp
  ${_s}/Seed.cpp ${_s}/SeedObjects.cpp ${_s}/SeedCrds.cpp ${_s}/SeedCluster.cpp ${_s}/SeedRbac.cpp ${_s}/SeedPlatform.cpp
  ${_s}/SeedWorkloads.cpp ${_s}/SeedApps.cpp ${_s}/SeedBatch.cpp ${_s}/SeedScale.cpp
  ${_s}/Controllers.h ${_s}/Controllers.cpp ${_s}/ControllersApps.cpp ${_s}/ControllersWorkloads.cpp ${_s}/ControllersCron.cpp
  ${_s}/ControllersPods.cpp ${_s}/ControllersStatus.cpp ${_s}/ControllersEvents.cpp ${_s}/SimCluster.h
  ${_s}/Admission.cpp ${_s}/AdmissionLimitRanger.cpp ${_s}/AdmissionPodSecurity.cpp ${_s}/AdmissionQuota.cpp ${_s}/AdmissionQuotaUsage.cpp)
target_include_directories(acp_sandbox_seedonly PUBLIC ${CMAKE_SOURCE_DIR})
target_link_libraries(acp_sandbox_seedonly PUBLIC acp_models acp_api Qt6::Core PRIVATE yaml-cpp)
file(GLOB _crds CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/resources/sandbox/crds/*.yaml)
qt_add_resources(acp_sandbox_seedonly "sandbox_crds_t" PREFIX "/sandbox" BASE ${CMAKE_SOURCE_DIR}/resources/sandbox FILES ${_crds})
acp_add_test(NAME tst_seed LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_seed.cpp LIBS acp_sandbox_seedonly)
acp_add_test(NAME tst_controllers LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_controllers.cpp LIBS acp_sandbox_seedonly)
