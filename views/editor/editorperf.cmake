# The YamlEditor's lazy syntax highlighting.
target_sources(acp_views_editor PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/YamlEditorHighlighter.h ${CMAKE_CURRENT_LIST_DIR}/YamlEditorHighlighter.cpp)
