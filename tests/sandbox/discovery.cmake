acp_add_test(NAME tst_discovery LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_discovery.cpp LIBS acp_sandbox)
