# startup: acp-console's cold start to a shown window (acp-console --startup-report).
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioStartup.cpp)
