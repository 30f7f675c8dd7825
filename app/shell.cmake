target_sources(acp_app PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/MainWindow.h ${CMAKE_CURRENT_LIST_DIR}/MainWindow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ScopeBar.h ${CMAKE_CURRENT_LIST_DIR}/ScopeBar.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Startup.h ${CMAKE_CURRENT_LIST_DIR}/Startup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AppPages.h ${CMAKE_CURRENT_LIST_DIR}/AppPages.cpp)
