# acp-bench ingest: sandbox pods to a synced all-clusters table model (seconds, peak RSS).
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioIngest.cpp)
