# Tests of the sandbox patch engines (sandbox/patch.cmake).
acp_add_test(NAME tst_jsonpatch LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_jsonpatch.cpp LIBS acp_sandbox)
acp_add_test(NAME tst_mergepatch LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mergepatch.cpp LIBS acp_sandbox)
acp_add_test(NAME tst_strategicmerge LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_strategicmerge.cpp LIBS acp_sandbox)
acp_add_test(NAME tst_serversideapply LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_serversideapply.cpp LIBS acp_sandbox)
