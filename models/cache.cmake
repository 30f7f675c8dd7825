# Client-side cache: KubeObject (decoded once, JSON kept compact), ObjectDecoder (simdjson),
# ResourceStore (indexed, batched), the list/watch seam, Informer and InformerCache.
find_package(simdjson REQUIRED)
target_link_libraries(acp_models PRIVATE simdjson::simdjson)
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/KubeObject.h ${CMAKE_CURRENT_LIST_DIR}/KubeObject.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KubeObjectData.h
  ${CMAKE_CURRENT_LIST_DIR}/ResourceStore.h ${CMAKE_CURRENT_LIST_DIR}/ResourceStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ObjectDecoder.h ${CMAKE_CURRENT_LIST_DIR}/ObjectDecoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ObjectDecoderWalk.h ${CMAKE_CURRENT_LIST_DIR}/ObjectDecoderWalk.cpp)
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ModelsLog.h ${CMAKE_CURRENT_LIST_DIR}/ModelsLog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ListWatcher.h
  ${CMAKE_CURRENT_LIST_DIR}/Informer.h ${CMAKE_CURRENT_LIST_DIR}/Informer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/InformerCache.h ${CMAKE_CURRENT_LIST_DIR}/InformerCache.cpp)
# The clusters of a workspace as connections, plus the ACP platform API's informers.
target_sources(acp_models PRIVATE ${CMAKE_CURRENT_LIST_DIR}/Fleet.h ${CMAKE_CURRENT_LIST_DIR}/Fleet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NamespaceDirectory.h ${CMAKE_CURRENT_LIST_DIR}/NamespaceDirectory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceRef.h)
