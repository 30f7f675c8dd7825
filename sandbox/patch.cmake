# Patch engines of acp-sandbox: JSON patch, merge patch, strategic merge patch, server-side apply.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PatchSchema.h ${CMAKE_CURRENT_LIST_DIR}/PatchSchema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PatchSchemaTable.h ${CMAKE_CURRENT_LIST_DIR}/PatchSchemaTable.cpp
  ${CMAKE_CURRENT_LIST_DIR}/JsonPatch.h ${CMAKE_CURRENT_LIST_DIR}/JsonPatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MergePatch.h ${CMAKE_CURRENT_LIST_DIR}/MergePatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/StrategicMerge.h ${CMAKE_CURRENT_LIST_DIR}/StrategicMerge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FieldSet.h ${CMAKE_CURRENT_LIST_DIR}/FieldSet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/StructuredMerge.h ${CMAKE_CURRENT_LIST_DIR}/StructuredMerge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ManagedFields.h ${CMAKE_CURRENT_LIST_DIR}/ManagedFields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ServerSideApply.h ${CMAKE_CURRENT_LIST_DIR}/ServerSideApply.cpp)
