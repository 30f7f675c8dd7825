target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Yaml.h ${CMAKE_CURRENT_LIST_DIR}/Yaml.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlEmitter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlEvents.h ${CMAKE_CURRENT_LIST_DIR}/YamlEvents.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlScalar.h ${CMAKE_CURRENT_LIST_DIR}/YamlScalar.cpp)
