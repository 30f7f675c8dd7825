target_sources(acpctl PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ApplyCommand.h ${CMAKE_CURRENT_LIST_DIR}/ApplyCommand.cpp)
