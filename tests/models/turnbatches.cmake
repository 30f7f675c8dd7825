acp_add_test(NAME tst_turnbatches LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_turnbatches.cpp LIBS acp_models)
