# acp-bench filter: ResourceFilterProxyModel / ResourceTableModel at 100k rows.
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioFilter.cpp)
