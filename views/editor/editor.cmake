target_sources(acp_views_editor PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/EditorStyle.h
  ${CMAKE_CURRENT_LIST_DIR}/YamlEditor.h ${CMAKE_CURRENT_LIST_DIR}/YamlEditor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlEditorAssist.cpp ${CMAKE_CURRENT_LIST_DIR}/YamlEditorFolding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlEditorGutter.h
  ${CMAKE_CURRENT_LIST_DIR}/EditorFindBar.h ${CMAKE_CURRENT_LIST_DIR}/EditorFindBar.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProblemsList.h ${CMAKE_CURRENT_LIST_DIR}/ProblemsList.cpp)
target_sources(acp_views_editor PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/DiffPane.h ${CMAKE_CURRENT_LIST_DIR}/DiffPane.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DiffView.h ${CMAKE_CURRENT_LIST_DIR}/DiffView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ThreeWayMergeView.h ${CMAKE_CURRENT_LIST_DIR}/ThreeWayMergeView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FieldOwnershipView.h ${CMAKE_CURRENT_LIST_DIR}/FieldOwnershipView.cpp)
