# YAML position map (JSON path <-> line:column) for the editor's schema checks and completion.
target_sources(acp_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/YamlParse.h
  ${CMAKE_CURRENT_LIST_DIR}/YamlPositions.h ${CMAKE_CURRENT_LIST_DIR}/YamlPositions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlPositionsCursor.cpp)
