target_sources(acp_views_editor PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/EditorPages.h ${CMAKE_CURRENT_LIST_DIR}/EditorPages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlEditPage.h ${CMAKE_CURRENT_LIST_DIR}/YamlEditPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/YamlEditPageApply.cpp ${CMAKE_CURRENT_LIST_DIR}/YamlEditPageUi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DraftBar.h ${CMAKE_CURRENT_LIST_DIR}/DraftBar.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ConflictDialog.h ${CMAKE_CURRENT_LIST_DIR}/ConflictDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerSecretDialog.h ${CMAKE_CURRENT_LIST_DIR}/DockerSecretDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ApplyResultsList.h ${CMAKE_CURRENT_LIST_DIR}/ApplyResultsList.cpp)
