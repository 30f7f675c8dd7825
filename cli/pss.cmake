# acpctl pss check: the Pod Security Standards evaluator over files, offline.
target_sources(acpctl PRIVATE ${CMAKE_CURRENT_LIST_DIR}/PssCommand.h ${CMAKE_CURRENT_LIST_DIR}/PssCommand.cpp)
