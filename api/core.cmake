target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ApiError.h ${CMAKE_CURRENT_LIST_DIR}/ApiError.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Result.h)
