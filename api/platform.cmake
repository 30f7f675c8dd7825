target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PlatformClient.h ${CMAKE_CURRENT_LIST_DIR}/PlatformClient.cpp)
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/LocalSandbox.h ${CMAKE_CURRENT_LIST_DIR}/LocalSandbox.cpp)
