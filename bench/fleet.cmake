# The console's path to an all-clusters pod table (sandbox, informers, aggregate model, proxy) and
# an event-loop stall monitor, shared by the ingest and churn scenarios.
target_sources(acp-bench PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PodFleet.h ${CMAKE_CURRENT_LIST_DIR}/PodFleet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LoopMonitor.h ${CMAKE_CURRENT_LIST_DIR}/LoopMonitor.cpp)
