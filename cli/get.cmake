target_sources(acpctl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ApiResourcesCommand.h ${CMAKE_CURRENT_LIST_DIR}/ApiResourcesCommand.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GetCommand.h ${CMAKE_CURRENT_LIST_DIR}/GetCommand.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GetCommandTargets.cpp ${CMAKE_CURRENT_LIST_DIR}/GetCommandRun.h
  ${CMAKE_CURRENT_LIST_DIR}/GetCommandRun.cpp ${CMAKE_CURRENT_LIST_DIR}/GetCommandOutput.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GetCommandRows.h ${CMAKE_CURRENT_LIST_DIR}/GetCommandRows.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GetCommandJson.h ${CMAKE_CURRENT_LIST_DIR}/GetCommandJson.cpp)
