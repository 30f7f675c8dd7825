# editor-open / editor-keys: views::YamlEditor opening a 2 MB CRD and keystroke latency on 5,000 lines.
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioEditor.cpp)
target_link_libraries(acp-bench PRIVATE acp_views_editor)
