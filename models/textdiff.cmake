# Text diff, three-way merge and field ownership (managedFields): the editor's Qt Core logic.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/TextDiff.h ${CMAKE_CURRENT_LIST_DIR}/TextDiff.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TextMerge.h ${CMAKE_CURRENT_LIST_DIR}/TextMerge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FieldOwnership.h ${CMAKE_CURRENT_LIST_DIR}/FieldOwnership.cpp)
