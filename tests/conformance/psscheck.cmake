# acpctl pss check on files (no sandbox, no kubectl): output, exit codes, versions, PSA fixtures.
acp_add_test(NAME tst_psscheck LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_psscheck.cpp LIBS Qt6::Core TIMEOUT 300)
add_dependencies(tst_psscheck acpctl)
