# validate: the YAML editor's position map and schema validation on a 2.2 MB CRD manifest.
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioValidate.cpp)
