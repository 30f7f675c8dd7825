target_sources(acpctl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ConfigCommand.h ${CMAKE_CURRENT_LIST_DIR}/ConfigCommand.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SessionCommand.h ${CMAKE_CURRENT_LIST_DIR}/SessionCommand.cpp)
