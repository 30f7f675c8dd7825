acp_add_test(NAME tst_parallelfor LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_parallelfor.cpp LIBS acp_api)
