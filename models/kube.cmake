# The ListWatcher seam over the gateway client (api/KubeClient, api/WatchStream).
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/KubeListWatcher.h ${CMAKE_CURRENT_LIST_DIR}/KubeListWatcher.cpp)
# One cluster as one user: client, discovery (following CRDs), OpenAPI, shared informers.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ClusterConnection.h ${CMAKE_CURRENT_LIST_DIR}/ClusterConnection.cpp)
