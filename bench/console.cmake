# acp-bench console: the console's widgets (app/MainWindow + views::ResourceTableView) on a
# scale-mode sandbox; GUI stalls while loading and under churn.
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioConsole.cpp)
target_link_libraries(acp-bench PRIVATE acp_app)
