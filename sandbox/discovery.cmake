# Discovery, /version, health and OpenAPI endpoints of the simulated clusters.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/KubeDiscovery.h ${CMAKE_CURRENT_LIST_DIR}/KubeDiscovery.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OpenApiStore.h ${CMAKE_CURRENT_LIST_DIR}/OpenApiStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OpenApiStoreGenerate.cpp)
