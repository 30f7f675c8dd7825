# Schema-aware YAML editing: the cluster's OpenAPI v3 / CRD schemas, validation placed on the
# text (api::YamlPositions), completion and hover, and the editor's off-thread validation service.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/SchemaIndex.h ${CMAKE_CURRENT_LIST_DIR}/SchemaIndex.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SchemaValidator.h ${CMAKE_CURRENT_LIST_DIR}/SchemaValidator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlAssist.h ${CMAKE_CURRENT_LIST_DIR}/YamlAssist.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlValidationService.h ${CMAKE_CURRENT_LIST_DIR}/YamlValidationService.cpp)
