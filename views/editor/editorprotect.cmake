# The YamlEditor's protected sections (status and metadata.managedFields of live objects).
target_sources(acp_views_editor PRIVATE ${CMAKE_CURRENT_LIST_DIR}/YamlEditorProtect.cpp)
