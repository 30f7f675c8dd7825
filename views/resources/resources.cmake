target_sources(acp_views_resources PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ResourcesPages.h ${CMAKE_CURRENT_LIST_DIR}/ResourcesPages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourcesPage.h ${CMAKE_CURRENT_LIST_DIR}/ResourcesPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KindListWidget.h ${CMAKE_CURRENT_LIST_DIR}/KindListWidget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ObjectDetailsView.h ${CMAKE_CURRENT_LIST_DIR}/ObjectDetailsView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceActions.h ${CMAKE_CURRENT_LIST_DIR}/ResourceActions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ScaleDialog.h ${CMAKE_CURRENT_LIST_DIR}/ScaleDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DeleteDialog.h ${CMAKE_CURRENT_LIST_DIR}/DeleteDialog.cpp)
