# acp-sandbox: the seed (demo and scale-mode contents, built-in CRDs) and the simulated
# controllers (workloads, pod lifecycle, endpoints, quotas, heartbeats, events).
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Seed.h ${CMAKE_CURRENT_LIST_DIR}/Seed.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedInternal.h
  ${CMAKE_CURRENT_LIST_DIR}/SeedObjects.h ${CMAKE_CURRENT_LIST_DIR}/SeedObjects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedCrds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedCluster.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedRbac.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedPlatform.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedWorkloads.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedApps.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedBatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SeedScale.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Controllers.h ${CMAKE_CURRENT_LIST_DIR}/Controllers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControllersInternal.h
  ${CMAKE_CURRENT_LIST_DIR}/ControllersApps.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControllersWorkloads.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControllersCron.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControllersPods.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControllersStatus.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControllersEvents.cpp)

# Built-in CRDs (used when ../shared is absent), served from :/sandbox/crds.
file(GLOB _acp_sandbox_crds CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/resources/sandbox/crds/*.yaml)
qt_add_resources(acp_sandbox "sandbox_crds" PREFIX "/sandbox" BASE ${CMAKE_SOURCE_DIR}/resources/sandbox
                 FILES ${_acp_sandbox_crds})
