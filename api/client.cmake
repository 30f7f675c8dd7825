# Gateway client: pooled transport, REST calls, watch streams, discovery, OpenAPI cache.
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ApiLog.h ${CMAKE_CURRENT_LIST_DIR}/ApiLog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NetworkPool.h ${CMAKE_CURRENT_LIST_DIR}/NetworkPool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeClientTypes.h ${CMAKE_CURRENT_LIST_DIR}/KubeClientTypes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeClient.h ${CMAKE_CURRENT_LIST_DIR}/KubeClient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeClientCall.h ${CMAKE_CURRENT_LIST_DIR}/KubeClientCall.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeClientPager.h ${CMAKE_CURRENT_LIST_DIR}/KubeClientPager.cpp)
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/WatchStream.h ${CMAKE_CURRENT_LIST_DIR}/WatchStream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WatchStreamHttp.h ${CMAKE_CURRENT_LIST_DIR}/WatchStreamHttp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WatchStreamWebSocket.h ${CMAKE_CURRENT_LIST_DIR}/WatchStreamWebSocket.cpp)
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ApiResource.h ${CMAKE_CURRENT_LIST_DIR}/ApiResource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ApiDiscovery.h ${CMAKE_CURRENT_LIST_DIR}/ApiDiscovery.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ApiResources.h ${CMAKE_CURRENT_LIST_DIR}/ApiResources.cpp)
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/OpenApiCache.h ${CMAKE_CURRENT_LIST_DIR}/OpenApiCache.cpp)
