# acp-bench churn: GUI event-loop stalls while watch events stream into live models.
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioChurn.cpp)
