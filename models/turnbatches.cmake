# Work over many clusters spread across event-loop turns (ResourceTableView, ScopeBar).
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/TurnBatches.h ${CMAKE_CURRENT_LIST_DIR}/TurnBatches.cpp)
