acp_add_test(NAME tst_podsecurity LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_podsecurity.cpp LIBS acp_models)
