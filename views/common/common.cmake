target_sources(acp_views_common PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PageContext.h
  ${CMAKE_CURRENT_LIST_DIR}/Page.h ${CMAKE_CURRENT_LIST_DIR}/Page.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PageRegistry.h ${CMAKE_CURRENT_LIST_DIR}/PageRegistry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ErrorBanner.h ${CMAKE_CURRENT_LIST_DIR}/ErrorBanner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/StatusStyle.h ${CMAKE_CURRENT_LIST_DIR}/StatusStyle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ResourceTableView.h ${CMAKE_CURRENT_LIST_DIR}/ResourceTableView.cpp)
